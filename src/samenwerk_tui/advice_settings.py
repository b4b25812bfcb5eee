"""Write the collaboration's form and convenant tick list into ``samenwerk-instellingen.toml``.

The settings file is written by hand by the stuurgroep and carries their
comments, so it is never dumped as a whole: only the tables
``[samenwerkingsvorm]`` and ``[convenant.…]`` are replaced, in a fixed form,
and every other byte stays as it was. Writing the same values again gives the
same bytes. What is written is read back and compared before the old file is
replaced; a file whose form or tick list changed on disk since it was read is
not overwritten.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from .settings import CollaborationForm, ConvenantEntry, settings_path
from .store import atomic_write
from .toml.read import read_toml

FORM_TABLE = "samenwerkingsvorm"
CONVENANT_TABLE = "convenant"

FORM_COMMENT = (
    "# Samenwerkingsvorm (hoofdstuk 3 van de CCV-publicatie); in te stellen met",
    "# 'samenwerk vorm' of in het dashboard (Kennis). varianten: de manieren van",
    "# samenwerken (3.1, vaak gecombineerd); hoofdvorm: ketensamenwerking of",
    "# schaalvergroting (3.2); vormen: de vormen daarbinnen.",
)
CONVENANT_COMMENT = (
    "# Convenant: wat het in ieder geval regelt (checklistitem 'Overweeg een",
    "# convenant'). geregeld = true of false; artikel en datum: waar en sinds wanneer.",
)
_OWN_COMMENTS = {line.strip() for line in (*FORM_COMMENT, *CONVENANT_COMMENT)}
_OWN_HEADER = re.compile(r"^\s*\[\s*(samenwerkingsvorm|convenant)\s*[.\]]")
_ANY_HEADER = re.compile(r"^\s*\[")


class SettingsChanged(Exception):
    """The form or tick list in the file is not what the caller last read."""


def _line(key: str, value: Any) -> str:
    # tomli-w quotes and escapes the value exactly as TOML wants it.
    return tomli_w.dumps({key: value}).rstrip("\n")


def _key(key: str) -> str:
    return tomli_w.dumps({key: 0}).split(" = ", 1)[0]


def advice_tables(form: CollaborationForm, convenant: dict[str, ConvenantEntry], order: Iterable[str] = ()) -> str:
    """The two tables as text, in their one fixed form; elements in ``order``, then by id."""
    lines = ["", *FORM_COMMENT, f"[{FORM_TABLE}]"]
    lines.append(_line("varianten", list(form.variants)))
    if form.main is not None:
        lines.append(_line("hoofdvorm", form.main))
    lines.append(_line("vormen", list(form.forms)))
    if convenant:
        lines += ["", *CONVENANT_COMMENT]
        known = [element_id for element_id in order if element_id in convenant]
        rest = sorted(element_id for element_id in convenant if element_id not in known)
        for index, element_id in enumerate([*known, *rest]):
            entry = convenant[element_id]
            if index:
                lines.append("")
            lines.append(f"[{CONVENANT_TABLE}.{_key(element_id)}]")
            lines.append(_line("geregeld", entry.settled))
            if entry.article:
                lines.append(_line("artikel", entry.article))
            if entry.date is not None:
                lines.append(_line("datum", entry.date))
    return "\n".join(lines[1:]) + "\n"


def replace_advice_tables(text: str, tables: str) -> str:
    """``text`` with its form and convenant tables (and their comments) replaced by ``tables``."""
    lines = text.splitlines(keepends=True)
    headers = [index for index, line in enumerate(lines) if _ANY_HEADER.match(line)]
    removed: set[int] = set()
    for position, index in enumerate(headers):
        if not _OWN_HEADER.match(lines[index]):
            continue
        end = headers[position + 1] if position + 1 < len(headers) else len(lines)
        while end - 1 > index and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        start = index
        while start > 0 and lines[start - 1].strip() in _OWN_COMMENTS:
            start -= 1
        removed.update(range(start, end))
    if not removed:
        prefix, suffix = lines, []
    else:
        first, last = min(removed), max(removed)
        # Blank lines between and around the old tables belong to them.
        for index in range(first, last + 1):
            if not lines[index].strip():
                removed.add(index)
        if first > 0 and not lines[first - 1].strip():
            removed.add(first - 1)
        after = last + 1
        while after < len(lines) and not lines[after].strip():
            after += 1
        if after == len(lines):
            removed.update(range(last + 1, len(lines)))
        prefix = [line for index, line in enumerate(lines[:first]) if index not in removed]
        suffix = [line for index, line in enumerate(lines[first:], start=first) if index not in removed]
    if prefix and not prefix[-1].endswith("\n"):
        prefix[-1] += "\n"
    out = "".join(prefix)
    if prefix and prefix[-1].strip():
        out += "\n"
    out += tables
    if suffix and suffix[0].strip():
        out += "\n"
    return out + "".join(suffix)


def _advice_part(table: dict[str, Any]) -> tuple[CollaborationForm, dict[str, ConvenantEntry]]:
    form = CollaborationForm.model_validate(table.get(FORM_TABLE, {}))
    convenant_table = table.get(CONVENANT_TABLE, {})
    if not isinstance(convenant_table, dict):
        raise ValueError("convenant moet een tabel zijn")
    convenant = {key: ConvenantEntry.model_validate(value) for key, value in convenant_table.items()}
    return form, convenant


def _without_advice(table: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in table.items() if key not in (FORM_TABLE, CONVENANT_TABLE)}


def write_advice_settings(
    folder: Path,
    form: CollaborationForm,
    convenant: dict[str, ConvenantEntry],
    *,
    order: Iterable[str] = (),
    expected: tuple[CollaborationForm, dict[str, ConvenantEntry]] | None = None,
) -> Path:
    """Store ``form`` and ``convenant`` in the folder's settings file; the rest of the file is kept.

    With ``expected`` (what the caller read before), a file whose form or tick
    list differs from it raises :class:`SettingsChanged` and is left alone.
    Raises :class:`~samenwerk_tui.toml.read.FileProblem` when the file cannot be read, and ValueError
    when the result would not read back as written.
    """
    path = settings_path(folder)
    text = ""
    table: dict[str, Any] = {}
    if path.exists():
        document = read_toml(path)
        text, table = document.text, document.table
        if expected is not None:
            try:
                current = _advice_part(table)
            except (ValidationError, ValueError):
                raise SettingsChanged(str(path)) from None
            if current != (expected[0], dict(expected[1])):
                raise SettingsChanged(str(path))
    new_text = replace_advice_tables(text, advice_tables(form, convenant, order))
    try:
        new_table = tomllib.loads(new_text)
        written = _advice_part(new_table)
    except (tomllib.TOMLDecodeError, ValidationError, ValueError) as error:
        raise ValueError(f"{path}: samenwerk kon de samenwerkingsvorm niet foutloos schrijven ({error})") from None
    if written != (form, dict(convenant)) or _without_advice(new_table) != _without_advice(table):
        raise ValueError(f"{path}: samenwerk kon de samenwerkingsvorm niet schrijven zonder de rest van het bestand te veranderen")
    if new_text != text:
        atomic_write(path, new_text.encode("utf-8"))
    return path
