"""Saving a file in which a person wrote comments: rewrite what changed, keep the rest.

The usual writer (:mod:`~samenwerk_tui.toml.write`) writes the whole file anew,
which drops every comment a person added in an editor. For such a file
tomlkit, which keeps comments, blank lines and the spelling of every value,
applies only the differences between what the file holds and what is to be
saved. tomlkit is slow next to tomllib: it is imported only here, to save a
file that needs it; loading always uses tomllib.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from . import write as tomlwrite

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
        if previous is not _MISSING and tomlwrite.same_data(value, previous):
            continue
        current = container.get(key, None)
        if isinstance(value, Mapping) and isinstance(previous, Mapping) and isinstance(current, MutableMapping):
            _merge(current, previous, value)
        elif (
            tomlwrite.is_table_array(value)
            and tomlwrite.is_table_array(previous)
            and isinstance(current, tomlkit.items.AoT)
            and len(current) == len(previous)
        ):
            _merge_table_array(current, previous, value)
        elif key in container:
            container[key] = _item(value)  # In place: tomlkit keeps a comment at the end of the line.
        else:
            _add(container, key, _item(value))


def _add(container: MutableMapping[str, Any], key: str, item: Any) -> None:
    """Add a new value after the table's last value, before the comments that lead into the next table.

    tomlkit counts the blank lines and comments above a table header as part
    of the table before it, and appends a new key after them: under the
    next table's comment instead of in its own table.
    """
    import tomlkit.container
    import tomlkit.items

    body_owner = container.value if isinstance(container, tomlkit.items.Table) else container
    if isinstance(item, (tomlkit.items.Table, tomlkit.items.AoT)) or not isinstance(body_owner, tomlkit.container.Container):
        container[key] = item
        return
    body = body_owner.body
    position = 0
    for index, (name, element) in enumerate(body):
        if name is not None and not isinstance(element, (tomlkit.items.Table, tomlkit.items.AoT)):
            position = index + 1
    if position < len(body):
        body_owner._insert_at(position, key, item)
    else:
        container[key] = item


def _merge_table_array(current: Any, old: list[Mapping[str, Any]], new: list[Mapping[str, Any]]) -> None:
    """Element by element, so a log entry added at the end leaves the others as written."""
    for index, element in enumerate(new[: len(old)]):
        if not tomlwrite.same_data(element, old[index]):
            _merge(current[index], old[index], element)
    for element in new[len(old) :]:
        current.append(_item(element))
    while len(current) > len(new):
        del current[len(current) - 1]


def _item(value: Any) -> Any:
    """A new tomlkit item for ``value``, spelled as :mod:`~samenwerk_tui.toml.write` spells it."""
    import tomlkit

    if isinstance(value, Mapping):
        table = tomlkit.table()
        table.trivia.indent = "\n"  # A blank line above its header, as the usual writer leaves.
        for key, element in value.items():
            table.add(key, _item(element))
        return table
    if tomlwrite.is_table_array(value):
        array = tomlkit.aot()
        for element in value:
            array.append(_item(element))
        return array
    return tomlkit.parse(tomlwrite.format_value("v", value))["v"]
