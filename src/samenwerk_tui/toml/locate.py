"""Where a key stands in a TOML text: its line, for messages that point at it.

tomllib gives values, not positions; these functions read the text once more,
line by line, to find the line of a table or key by its full path. Used for
validation problems (:mod:`.messages`) and for findings in session files.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.*?)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = r"""(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)"""
# A key, dotted or not: ``score =``, ``"visie.1".score =``.
_KEY = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")


def _split_key(text: str) -> tuple[str, ...]:
    parts = re.findall(r""""((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+)""", text)
    return tuple(a or b or c for a, b, c in parts)


def _resolve_arrays(keys: tuple[str, ...], current: dict[tuple[Any, ...], int]) -> tuple[Any, ...]:
    """Insert the open element's index after each array-of-tables prefix.

    ``[[items.vragen]]`` inside the second ``[[items]]`` becomes ``("items", 1, "vragen")``.
    """
    resolved: tuple[Any, ...] = ()
    for number, key in enumerate(keys):
        resolved = (*resolved, key)
        if number < len(keys) - 1 and resolved in current:
            resolved = (*resolved, current[resolved])
    return resolved


def locate_key(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line number (1-based) of the TOML key at ``loc``.

    Handles the shapes our files use: ``[table."sub.key"]`` headers, arrays of
    tables (``[[logboek]]``, where an integer in ``loc`` picks the occurrence)
    and ``key = value`` lines, dotted or not. Returns the line of the closest
    enclosing key or table found.
    """
    lines = key_lines(text)
    wanted = tuple(loc)
    for length in range(len(wanted), 0, -1):
        number = lines.get(wanted[:length])
        if number is not None:
            return number
    return None


@functools.lru_cache(maxsize=8)
def key_lines(text: str) -> dict[tuple[Any, ...], int]:
    """Every table and key in ``text`` by its full path, with the (last) line it is on.

    Read once per file, so that a file with thousands of errors is located
    in one pass instead of one pass per error.
    """
    found: dict[tuple[Any, ...], int] = {}
    table: tuple[Any, ...] = ()
    counts: dict[tuple[Any, ...], int] = {}
    current: dict[tuple[Any, ...], int] = {}
    in_multiline = False
    # Only "\n" ends a line in TOML; str.splitlines would also split at U+0085 and U+2028.
    for number, line in enumerate(text.split("\n"), start=1):
        if in_multiline:
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                in_multiline = False
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            keys = _resolve_arrays(_split_key(header.group(2)), current)
            if header.group(1) == "[[":
                index = counts.get(keys, -1) + 1
                counts[keys] = index
                current[keys] = index
                table = (*keys, index)
            else:
                table = keys
            if table:
                found[table] = number
            continue
        key = _KEY.match(line)
        if key:
            found[(*table, *_split_key(key.group(1)))] = number
            rest = line[key.end() :]
            if rest.count('"""') == 1 or rest.count("'''") == 1:
                in_multiline = True
    return found
