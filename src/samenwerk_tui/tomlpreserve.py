"""Saving a file in which a person wrote comments: rewrite what changed, keep the rest.

The usual writer (:mod:`~samenwerk_tui.tomlwrite`) writes the whole file anew,
which drops every comment a person added in an editor. For such a file
tomlkit, which keeps comments, blank lines and the spelling of every value,
applies only the differences between what the file holds and what is to be
saved. tomlkit is slow next to tomllib: it is imported only here, to save a
file that needs it; loading always uses tomllib.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from . import tomlwrite

_MISSING = object()


def update(text: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> str | None:
    """``text`` (TOML that reads as ``old``) changed to read as ``new``; None when tomlkit cannot.

    Values equal in ``old`` and ``new`` are not touched, so their lines, the
    comments around them and the order of everything stay as the person left
    them. Changed values are spelled as the usual writer spells them.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text)
        _merge(document, old, new)
        return tomlkit.dumps(document)
    except (TOMLKitError, ValueError, TypeError, KeyError, IndexError):
        # A shape tomlkit does not handle (it has gaps around out-of-order tables):
        # the caller writes the file anew, which keeps all answers but not the comments.
        return None


def _merge(container: MutableMapping[str, Any], old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    import tomlkit.items

    for key in old:
        if key not in new and key in container:
            del container[key]
    for key, value in new.items():
        previous = old.get(key, _MISSING)
        if previous is not _MISSING and tomlwrite._same(value, previous):
            continue
        current = container[key] if key in container else None
        if isinstance(value, Mapping) and isinstance(previous, Mapping) and isinstance(current, MutableMapping):
            _merge(current, previous, value)
        elif (
            tomlwrite._is_table_array(value)
            and tomlwrite._is_table_array(previous)
            and isinstance(current, tomlkit.items.AoT)
            and len(current) == len(previous)
        ):
            _merge_table_array(current, previous, value)
        else:
            container[key] = _item(value)


def _merge_table_array(current: Any, old: list[Mapping[str, Any]], new: list[Mapping[str, Any]]) -> None:
    """Element by element, so a log entry added at the end leaves the others as written."""
    for index, element in enumerate(new[: len(old)]):
        if not tomlwrite._same(element, old[index]):
            _merge(current[index], old[index], element)
    for element in new[len(old) :]:
        current.append(_item(element))
    while len(current) > len(new):
        del current[len(current) - 1]


def _item(value: Any) -> Any:
    """A new tomlkit item for ``value``, spelled as :mod:`~samenwerk_tui.tomlwrite` spells it."""
    import tomlkit

    if isinstance(value, Mapping):
        table = tomlkit.table()
        for key, element in value.items():
            table.add(key, _item(element))
        table.add(tomlkit.nl())
        return table
    if tomlwrite._is_table_array(value):
        array = tomlkit.aot()
        for element in value:
            array.append(_item(element))
        return array
    return tomlkit.parse(tomlwrite._format_value("v", value))["v"]
