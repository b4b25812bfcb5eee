"""A deterministic TOML writer on top of tomli-w.

tomli-w decides by line length whether an array of tables is written inline
or as ``[[...]]`` blocks, writes no comments, and has no notion of key order
beyond the dict's. Session files live in git and e-mail, so they must change
as little as possible between saves: this module writes every table under its
full dotted header, every array of tables as ``[[...]]`` blocks, values in the
order given, and lets tomli-w format only the single values.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Mapping
from typing import Any

import tomli_w

Comment = Callable[[tuple[str, ...]], str | None]
"""Given a table's key path, a comment to write above its header, or None."""

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class TomlWriteError(ValueError):
    """The written text did not parse back to the data (never written to disk)."""


def format_key(key: str) -> str:
    if _BARE_KEY.fullmatch(key):
        return key
    line = tomli_w.dumps({"k": key})
    return line[len("k = ") :].rstrip("\n")


def is_table_array(value: Any) -> bool:
    """Whether ``value`` is written as an array of tables (``[[name]]``): a non-empty list of tables."""
    return isinstance(value, list) and bool(value) and all(isinstance(element, Mapping) for element in value)


def format_value(key: str, value: Any) -> str:
    """``key = value`` as a line (or lines) of TOML."""
    # A multi-line string turns "\r\n" into "\n" when read: keep such text escaped.
    return tomli_w.dumps({key: value}, multiline_strings=not _has_carriage_return(value))


def _has_carriage_return(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, Mapping):
        return any(_has_carriage_return(element) for element in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_carriage_return(element) for element in value)
    return False


def _comment_lines(comment: str | None) -> str:
    if not comment:
        return ""
    return "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())


def _emit(path: tuple[str, ...], table: Mapping[str, Any], out: list[str], comment: Comment | None) -> None:
    scalars = [(key, value) for key, value in table.items() if not isinstance(value, Mapping) and not is_table_array(value)]
    tables = [(key, value) for key, value in table.items() if isinstance(value, Mapping) or is_table_array(value)]
    for key, value in scalars:
        out.append(format_value(key, value))
    for key, value in tables:
        sub_path = (*path, key)
        header = ".".join(format_key(part) for part in sub_path)
        if isinstance(value, Mapping):
            # A table with only subtables needs no header of its own.
            has_scalars = any(not isinstance(v, Mapping) and not is_table_array(v) for v in value.values())
            if has_scalars or not value:
                out.append("\n" + _comment_lines(comment(sub_path) if comment else None) + f"[{header}]\n")
            _emit(sub_path, value, out, comment)
        else:
            for element in value:
                out.append("\n" + _comment_lines(comment(sub_path) if comment else None) + f"[[{header}]]\n")
                _emit(sub_path, element, out, comment)


def dumps(document: Mapping[str, Any], header: str = "", comment: Comment | None = None) -> str:
    """Write ``document`` as TOML, checking that it parses back unchanged."""
    out: list[str] = [header]
    _emit((), document, out, comment)
    text = "".join(out)
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlWriteError(f"geschreven TOML is ongeldig: {error}") from None
    if not same_data(parsed, document):
        raise TomlWriteError("geschreven TOML leest niet terug als dezelfde gegevens")
    return text


def same_data(read: Any, written: Any) -> bool:
    """Equality of TOML data, where ``nan`` (valid TOML) equals itself."""
    if isinstance(written, Mapping):
        return (
            isinstance(read, dict)
            and read.keys() == written.keys()
            and all(same_data(read[key], element) for key, element in written.items())
        )
    if isinstance(written, (list, tuple)):
        return isinstance(read, list) and len(read) == len(written) and all(map(same_data, read, written))
    if isinstance(written, float) and math.isnan(written):
        return isinstance(read, float) and math.isnan(read)
    return type(read) is type(written) and read == written
