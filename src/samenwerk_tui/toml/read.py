"""Reading TOML files from other people safely, with Dutch, located errors.

Both the checklist content and the session files are TOML that people edit by
hand and send to each other. Everything that can go wrong on the way in (too
big, not UTF-8, broken TOML, wrong types) becomes a :class:`Problem` naming the
file and, where known, the line and column; never a traceback.
"""

from __future__ import annotations

import ast
import datetime as dt
import errno
import functools
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli
from pydantic import ValidationError
from pydantic_core import ErrorDetails

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
        return "tekst is niet afgesloten op deze regel (gebruik \"\"\" voor tekst over meer regels)"
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
        raise FileProblem(
            [Problem(path, line, column, "geen geldige UTF-8-tekst; sla het bestand op als UTF-8")]
        ) from None
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


# --- errors of the operating system -------------------------------------------

# ``strerror`` is in the language of the C library (English): never shown.
# By name, since not every platform knows every code.
_OS_ERROR_TEXTS = (
    ("EACCES", "geen toestemming om hier te schrijven"),
    ("EPERM", "geen toestemming om hier te schrijven"),
    ("ENOSPC", "de schijf is vol"),
    ("EDQUOT", "de schijfruimte (quotum) is op"),
    ("EROFS", "de schijf is alleen-lezen"),
    ("ENOENT", "de map of het bestand bestaat niet (meer)"),
    ("ENOTDIR", "een deel van het pad is geen map"),
    ("EISDIR", "er staat een map met deze naam"),
    ("ENAMETOOLONG", "de bestandsnaam is te lang"),
    ("EIO", "lees- of schrijffout van de schijf"),
    ("EEXIST", "er staat al een bestand met deze naam"),
    ("EBUSY", "het bestand is in gebruik"),
    ("ETXTBSY", "het bestand is in gebruik"),
    ("EAGAIN", "het bestand is tijdelijk niet beschikbaar; probeer het opnieuw"),
    ("EINTR", "onderbroken; probeer het opnieuw"),
    ("EFBIG", "het bestand is te groot voor deze schijf"),
    ("EMFILE", "te veel open bestanden"),
    ("ENFILE", "te veel open bestanden"),
    ("ENOMEM", "te weinig geheugen"),
    ("ELOOP", "te veel symbolische koppelingen (een kring?)"),
    ("EXDEV", "het pad ligt op een andere schijf"),
    ("ENOTEMPTY", "de map is niet leeg"),
    ("EINVAL", "ongeldige bestandsnaam of bewerking"),
    ("ENOLCK", "het bestand kan niet worden vergrendeld"),
    ("ESTALE", "de netwerkschijf is niet meer bereikbaar"),
    ("ETIMEDOUT", "de schijf (netwerk) reageert niet"),
    ("EHOSTDOWN", "de netwerkschijf is niet bereikbaar"),
    ("ECONNABORTED", "de verbinding met de netwerkschijf is verbroken"),
    ("ENODEV", "het apparaat is niet beschikbaar"),
    ("ENXIO", "het apparaat is niet beschikbaar"),
    ("ENOTSUP", "deze schijf kan dit niet"),
    ("EOPNOTSUPP", "deze schijf kan dit niet"),
)
_OS_ERRORS: dict[int, str] = {}
for _name, _text in _OS_ERROR_TEXTS:
    if hasattr(errno, _name):
        _OS_ERRORS.setdefault(getattr(errno, _name), _text)


def os_error_message(error: OSError) -> str:
    """Why a file could not be read or written, in Dutch (``strerror`` is English).

    An error without a Dutch text is named by its code (``ENOLINK``), never by
    the C library's English sentence.
    """
    if isinstance(error, PermissionError):
        return _OS_ERRORS[errno.EACCES]
    if error.errno in _OS_ERRORS:
        return _OS_ERRORS[error.errno]
    if isinstance(error, FileNotFoundError):
        return _OS_ERRORS[errno.ENOENT]
    code = errno.errorcode.get(error.errno, str(error.errno)) if error.errno is not None else None
    if code is None:
        return "onbekende fout van het besturingssysteem"
    return f"fout van het besturingssysteem ({code})"


# --- validation errors -------------------------------------------------------

_TYPE_MESSAGES = {
    "missing": "verplicht veld ontbreekt",
    "string_type": "moet tekst zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "bool_type": "moet true of false zijn",
    "date_type": "moet een datum zijn, zoals 2026-11-28",
    "date_parsing": "moet een datum zijn, zoals 2026-11-28",
    "date_from_datetime_inexact": "moet een datum zonder tijd zijn, zoals 2026-11-28",
    "date_from_datetime_parsing": "moet een datum zijn, zoals 2026-11-28",
    "datetime_parsing": "moet een datum met tijd zijn",
    "datetime_from_date_parsing": "moet een datum met tijd zijn",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "union_tag_invalid": "ongeldige waarde",
    "string_sub_type": "moet tekst zijn",
    "datetime_type": "moet een datum met tijd zijn",
    "dict_type": "moet een tabel zijn",
    "model_type": "moet een tabel zijn",
    "model_attributes_type": "moet een tabel zijn",
    "list_type": "moet een lijst zijn",
    "extra_forbidden": "onbekend veld",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "is te lang",
    "string_pattern_mismatch": "heeft een ongeldige vorm",
    "too_short": "heeft te weinig elementen",
    "too_long": "heeft te veel elementen",
}


def describe_location(loc: tuple[Any, ...]) -> str:
    """``("vragen", "visie.1", "score")`` → ``vragen."visie.1".score``."""
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
            continue
        text = clean_line(str(part))
        if not re.fullmatch(r"[A-Za-z0-9_-]+", text):
            text = '"' + text.replace('"', '\\"') + '"'
        parts.append(("." if parts else "") + text)
    return "".join(parts)


def show_value(value: Any) -> str:
    """A value as it looks in a TOML file (``true``, ``2026-11-28``, ``"tekst"``), cut short."""
    if isinstance(value, str):
        text = f'"{value}"'
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (dt.date, dt.time)):
        text = value.isoformat()
    elif isinstance(value, (dict, list)):
        text = "een tabel" if isinstance(value, dict) else "een lijst"
    else:
        text = repr(value)
    text = clean_line(text)
    return text if len(text) <= 40 else text[:37] + "…"


def _dutch_validation_message(error: ErrorDetails) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind == "value_error":
        # Our own validators raise ValueError with a Dutch message.
        return clean_line(str(context.get("error", error["msg"])))
    if kind == "literal_error":
        expected = clean_line(str(context.get("expected", "")))
        # pydantic joins the last two choices with an English " or ".
        head, separator, last = expected.rpartition(" or ")
        if separator:
            expected = f"{head} of {last}"
        message = f"ongeldige waarde; toegestaan: {expected}"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        message = "valt buiten het toegestane bereik"
    elif kind in ("too_short", "too_long") and isinstance(error.get("input"), str):
        # A text field with a length limit checked after cleaning.
        if kind == "too_short":
            return "mag niet leeg zijn"
        return f"is te lang (hoogstens {_dutch_count(context.get('max_length'))} tekens)"
    elif kind in _TYPE_MESSAGES:
        message = _TYPE_MESSAGES[kind]
    else:
        message = f"ongeldige waarde ({clean_line(kind)})"
    if kind not in ("missing", "extra_forbidden") and "input" in error:
        message += f" (gevonden: {show_value(error['input'])})"
    return message


def _dutch_count(number: Any) -> str:
    """``20000`` → ``20.000``: Dutch groups thousands with a dot."""
    return f"{number:,}".replace(",", ".") if isinstance(number, int) else "?"


def validation_reasons(error: ValidationError, limit: int = 3, *, located: bool = True) -> str:
    """The first ``limit`` errors of ``error`` in Dutch, each with the key it is about unless not ``located``."""
    details = error.errors(include_url=False)[:limit]
    if not located:
        return "; ".join(_dutch_validation_message(detail) for detail in details)
    return "; ".join(_located_message(detail)[1] for detail in details)


def _located_message(detail: Any) -> tuple[tuple[Any, ...], str]:
    """The key path of one pydantic error, and its Dutch message starting with that path."""
    loc = tuple(part for part in detail["loc"] if not _is_union_tag(part))
    cause = (detail.get("ctx") or {}).get("error")
    if isinstance(cause, LocatedValueError):
        loc += cause.loc
    where = describe_location(loc)
    message = _dutch_validation_message(detail)
    return loc, f"{where}: {message}" if where else message


class LocatedValueError(ValueError):
    """A validator's error about a value deeper than the model it checks.

    ``loc`` is relative to that model, so the problem can still name a line.
    """

    def __init__(self, message: str, loc: tuple[Any, ...]) -> None:
        super().__init__(message)
        self.loc = loc


MAX_PROBLEMS = 50
"""Problems listed per file; a file with thousands of errors gets a count for the rest."""


def problems_from_validation(path: Path, text: str, error: ValidationError) -> list[Problem]:
    """Turn a pydantic error into located Dutch problems."""
    problems = []
    details = error.errors(include_url=False)
    for detail in details[:MAX_PROBLEMS]:
        loc, message = _located_message(detail)
        line = locate_key(text, loc)
        problems.append(Problem(path, line, 1 if line else None, message))
    problems = sorted(set(problems))
    if len(details) > MAX_PROBLEMS:
        problems.append(Problem(path, message=f"en nog {len(details) - MAX_PROBLEMS} fouten; herstel eerst de fouten hierboven"))
    return problems


def _is_union_tag(part: Any) -> bool:
    # pydantic adds the union member to the location ("int", "literal['nvt']").
    return isinstance(part, str) and (part in ("int", "str", "date") or part.startswith(("literal[", "function-")))


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
    lines = _key_lines(text)
    wanted = tuple(loc)
    for length in range(len(wanted), 0, -1):
        number = lines.get(wanted[:length])
        if number is not None:
            return number
    return None


@functools.lru_cache(maxsize=8)
def _key_lines(text: str) -> dict[tuple[Any, ...], int]:
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
            rest = line[key.end():]
            if rest.count('"""') == 1 or rest.count("'''") == 1:
                in_multiline = True
    return found
