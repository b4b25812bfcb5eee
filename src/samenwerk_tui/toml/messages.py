"""Validation errors in Dutch, located at the line of the key they are about.

pydantic's messages are English and name fields by attribute; these name the
key as written in the file (``vragen."visie.1".score``), say in Dutch what is
wrong and show the value found, cut short and cleaned.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..textsafe import clean_line
from .locate import locate_key
from .read import Problem

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
