"""Reading TOML files from other people safely, with Dutch, located errors.

Both the checklist content and the session files are TOML that people edit by
hand and send to each other. Everything that can go wrong on the way in (too
big, not UTF-8, broken TOML) becomes a :class:`Problem` naming the file and,
where known, the line and column; never a traceback. Wrong types are put in
Dutch by :mod:`.messages`, which finds their lines with :mod:`.locate`.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli

from ..filesafe import os_error_message
from ..textsafe import clean_line, shown_path

MAX_FILE_SIZE = 1024 * 1024
"""Files larger than this (1 MiB) are refused before they are parsed."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, in Dutch, located where possible."""

    path: Path
    line: int | None = None
    column: int | None = None
    message: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        """File, then line and column (unlocated problems first), then message."""
        return (str(self.path), self.line or 0, self.column or 0, self.message)

    def __lt__(self, other: Problem) -> bool:
        return self.sort_key() < other.sort_key()

    @property
    def location(self) -> str:
        """``pad:regel:kolom``, or just ``pad`` when the line is not known."""
        # A file name is data too: it may hold terminal escape codes.
        location = shown_path(self.path)
        if self.line is not None:
            location += f":{self.line}:{self.column if self.column is not None else 1}"
        return location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class FileProblem(Exception):
    """A file that cannot be used; :attr:`problems` says why."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class RawDocument:
    """The bytes of a TOML file as read, and what they parse to."""

    path: Path
    data: bytes
    text: str
    table: dict[str, Any]

    @property
    def digest(self) -> str:
        return digest_bytes(self.data)


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END_OF_DOCUMENT = re.compile(r"\s*\(at end of document\)\s*$")

# tomllib's messages, in Dutch. Unknown ones are shown in English behind a
# Dutch lead, which is better than hiding them.
_TOML_MESSAGES = {
    "Invalid statement": "ongeldige regel",
    "Invalid value": "ongeldige waarde",
    "Invalid initial character for a key part": "ongeldig teken aan het begin van een sleutel",
    "Invalid key": "ongeldige sleutel",
    "Expected '=' after a key in a key/value pair": "verwacht '=' na de sleutel",
    "Expected newline or end of document after a statement": "verwacht een nieuwe regel na de waarde",
    "Cannot overwrite a value": "deze sleutel heeft al een waarde",
    "Cannot declare": "deze tabel is al gedeclareerd",
    "Cannot mutate immutable namespace": "deze tabel is al vastgelegd en kan niet worden aangevuld",
    "Unclosed array": "lijst is niet afgesloten",
    "Unclosed inline table": "inline-tabel is niet afgesloten",
    "Unterminated string": "tekst is niet afgesloten",
    "Invalid date or datetime": "ongeldige datum of tijd",
    "Invalid hex value": "ongeldige hexadecimale waarde",
    "Unescaped '\\' in a string": "losse '\\' in tekst",
    "Expected ']' at the end of a table declaration": "verwacht ']' aan het eind van de tabelnaam",
    "Expected ']]' at the end of an array declaration": "verwacht ']]' aan het eind van de tabelnaam",
    "Invalid character in unicode sequence": "ongeldige unicode-code",
    "Invalid unicode escape": "ongeldige unicode-code",
}


# Messages with a variable part: the pattern's groups fill the Dutch text.
_TOML_PATTERNS = (
    (re.compile(r"Found invalid character (.+)$"), "ongeldig teken {0}"),
    (re.compile(r"Illegal character (.+)$"), "ongeldig teken {0}"),
    (re.compile(r"Expected ('.*'|\".*\")$"), "verwacht {0}"),
    (re.compile(r"Cannot redefine namespace (.+)$"), "deze tabel is al gedefinieerd"),
    (re.compile(r"Duplicate inline table key (.+)$"), "sleutel {0} komt twee keer voor in de inline-tabel"),
    (re.compile(r"Escaped character is not a Unicode scalar value"), "ongeldige unicode-code"),
)


def _dutch_toml_message(message: str) -> str:
    if message in ("Illegal character '\\n'", "Found invalid character '\\n'"):
        # A line break inside a one-line string: its closing quote is missing.
        return 'tekst is niet afgesloten op deze regel (gebruik """ voor tekst over meer regels)'
    for english, dutch in _TOML_MESSAGES.items():
        if message.startswith(english):
            return dutch
    for pattern, dutch in _TOML_PATTERNS:
        match = pattern.match(message)
        if match:
            return dutch.format(*(_show_character(group) for group in match.groups()))
    return clean_line(message)


def _show_character(text: str) -> str:
    """``'\\x7f'`` (a repr from tomllib) → ``U+007F``; other text cleaned."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return clean_line(text)
    if isinstance(value, str) and len(value) == 1 and not value.isprintable():
        return f"U+{ord(value):04X}"
    return clean_line(text)


def _decode_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, as an editor counts) of byte ``offset``."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    if line == 1 and before.startswith(b"\xef\xbb\xbf"):
        line_start = 3
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def parse_toml_bytes(path: Path, data: bytes) -> RawDocument:
    """Decode and parse ``data`` read from ``path``; raise :class:`FileProblem`."""
    if len(data) > MAX_FILE_SIZE:
        raise FileProblem([Problem(path, message=too_big_message(len(data)))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _decode_position(data, error.start)
        raise FileProblem([Problem(path, line, column, "geen geldige UTF-8-tekst; sla het bestand op als UTF-8")]) from None
    try:
        # tomli's compiled reader: the parser of the standard library's tomllib
        # (TOML 1.0, the same messages and positions), in about half the time.
        table = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise FileProblem([_toml_problem(path, text, str(error))]) from None
    except RecursionError:
        raise FileProblem([Problem(path, message=_TOO_DEEP)]) from None
    if nesting_depth(table) > MAX_DEPTH:
        # tomllib reads a few hundred levels; writing them back would not fit Python's stack.
        raise FileProblem([Problem(path, message=_TOO_DEEP)])
    return RawDocument(path=path, data=data, text=text, table=table)


MAX_DEPTH = 50
"""Tables and lists nested deeper than this are refused (session files need 4)."""
_TOO_DEEP = f"TOML-fout: te diep geneste waarden (meer dan {MAX_DEPTH} niveaus)"


def nesting_depth(value: Any) -> int:
    """How deep tables and lists nest in ``value``, without recursion."""
    if not isinstance(value, (dict, list)):
        return 0
    deepest = 0
    # Only containers are pushed: a session file has tens of thousands of plain values.
    pending = [(value, 1)]
    while pending:
        current, level = pending.pop()
        if level > deepest:
            deepest = level
            if deepest > MAX_DEPTH:
                break
        children = current.values() if isinstance(current, dict) else current
        pending.extend([(child, level + 1) for child in children if isinstance(child, (dict, list))])
    return deepest


def _toml_problem(path: Path, text: str, message: str) -> Problem:
    position = _POSITION.search(message)
    if position:
        line, column = int(position.group(1)), int(position.group(2))
        message = message[: position.start()]
    elif _END_OF_DOCUMENT.search(message):
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
        message = _END_OF_DOCUMENT.sub("", message)
    else:
        line, column = None, None
    return Problem(path, line, column, f"TOML-fout: {_dutch_toml_message(message)}")


def too_big_message(size: int) -> str:
    return (
        f"bestand is te groot ({size / MAX_FILE_SIZE:.1f} MiB); ".replace(".", ",")  # Dutch decimal comma
        + f"het maximum is {MAX_FILE_SIZE // 1024} KiB"
    )


def read_toml(path: Path) -> RawDocument:
    """Read ``path`` with a size limit and parse it; raise :class:`FileProblem`."""
    # Non-blocking, so that a named pipe is refused instead of waited on.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(path)
            if not stat.S_ISREG(mode):
                raise FileProblem([Problem(path, message="dit is geen gewoon bestand")])
            data = handle.read(MAX_FILE_SIZE + 1)
    except FileNotFoundError:
        raise FileProblem([Problem(path, message="bestand bestaat niet")]) from None
    except IsADirectoryError:
        raise FileProblem([Problem(path, message="dit is een map, geen bestand")]) from None
    except PermissionError:
        if path.is_dir():  # Windows cannot open a folder as a file.
            raise FileProblem([Problem(path, message="dit is een map, geen bestand")]) from None
        raise FileProblem([Problem(path, message="geen toestemming om het bestand te lezen")]) from None
    except OSError as error:
        raise FileProblem([Problem(path, message=f"bestand kan niet worden gelezen ({os_error_message(error)})")]) from None
    if len(data) > MAX_FILE_SIZE:
        try:
            size = path.stat().st_size
        except OSError:
            size = len(data)
        raise FileProblem([Problem(path, message=too_big_message(size))])
    return parse_toml_bytes(path, data)
