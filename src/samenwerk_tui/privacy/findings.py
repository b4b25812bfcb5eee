"""Scanning a session (in memory or in a file) into located findings, masked for display."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import Checklist
from ..model import Session, field_label
from ..store import load_session
from ..textsafe import shown_path
from ..toml.locate import locate_key
from ..toml.read import read_toml
from .detectors import find_personal_data
from .kinds import (
    KIND_ADDRESS,
    KIND_BSN,
    KIND_EMAIL,
    KIND_IBAN,
    KIND_NAME,
    KIND_PERSON,
    KIND_PHONE,
    KIND_POSTCODE,
    KIND_STREET,
    KINDS_IN_ORDER,
    NOTHING_FOUND,
    PLURALS,
)


@dataclass(frozen=True)
class Finding:
    """Something that looks like personal data, located, shown masked."""

    file: Path | None
    field: str
    """Where in the session, in Dutch: ``vraag visie.3, notitie``."""
    line: int | None
    kind: str
    masked: str
    location: tuple[Any, ...] = ()
    """The key path in the file (``("vragen", "visie.3", "notitie")``)."""
    text: str = dataclasses.field(default="", repr=False)
    """The matched text itself: used to mask it, never shown."""

    def __str__(self) -> str:
        where = shown_path(self.file) if self.file is not None else "sessie"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.field}: {self.kind}: {self.masked}"


def mask(text: str, kind: str) -> str:
    """``text`` with most letters and digits replaced by ``*``, for display."""
    if kind == KIND_EMAIL:
        local, _, domain = text.partition("@")
        return local[:1] + "*" * (len(local) - 1) + "@" + domain
    if kind in (KIND_NAME, KIND_PERSON):
        return " ".join(word[:1] + "*" * (len(word) - 1) for word in text.split())
    keep_start, keep_end = {
        KIND_BSN: (0, 2),
        KIND_PHONE: (2, 2),
        KIND_IBAN: (4, 2),
        KIND_ADDRESS: (2, 0),
        KIND_POSTCODE: (2, 0),
        KIND_STREET: (2, 0),
    }.get(kind, (0, 0))
    positions = [index for index, char in enumerate(text) if char.isalnum()]
    hidden = set(positions[keep_start : len(positions) - keep_end])
    return "".join("*" if index in hidden else char for index, char in enumerate(text))


def _strings(value: Any, path: tuple[Any, ...]) -> Iterable[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        for key, element in value.items():
            yield from _strings(element, (*path, key))
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from _strings(element, (*path, index))
    elif isinstance(value, str):
        yield path, value


_NAME_PATH = ("respondent", "naam")


def scan_session(session: Session, file: Path | None = None, text: str | None = None, *, names: Iterable[str] = ()) -> list[Finding]:
    """Findings in a session (in memory, or as read from ``file`` whose ``text`` gives lines).

    Every text in the session is searched: notes, item notes, actions (what,
    who, note), the log (text and author), and fields samenwerk does not know;
    a respondent's name is a finding of its own, and so is that name written
    anywhere else in the file. ``names`` are more persons' names to look for
    (an anonymised copy is checked for the name it no longer holds).
    """
    data = session.model_dump(mode="python", by_alias=True, exclude_none=True)
    known_names = [name for name in (session.respondent.name, *names) if name.strip()]
    findings: list[Finding] = []
    for path, value in _strings(data, ()):
        if path == _NAME_PATH:
            if value.strip():
                findings.append(Finding(file, field_label(path), _line(text, path, value), KIND_NAME, mask(value, KIND_NAME), path, value))
            continue
        for match in find_personal_data(value, known_names):
            findings.append(
                Finding(
                    file,
                    field_label(path),
                    _line(text, path, match.text),
                    match.kind,
                    mask(match.text, match.kind),
                    path,
                    match.text,
                )
            )
    if text is not None:
        findings.sort(key=lambda finding: finding.line if finding.line is not None else len(text))
    return findings


def _line(text: str | None, path: tuple[Any, ...], needle: str) -> int | None:
    """The line of ``needle`` in the value at ``path``: the key's line, or later in a multi-line string."""
    if text is None:
        return None
    start = locate_key(text, path)
    if start is None:
        return None
    # Only "\n" ends a line in TOML; str.splitlines would also split at U+0085 and U+2028.
    lines = text.split("\n")
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if needle in line:
            return number
        if number > start and line.lstrip().startswith("["):
            break
    return start


def scan_file(path: Path, content: Checklist | None = None) -> list[Finding]:
    """Findings in the session file at ``path``; raises :class:`~samenwerk_tui.toml.read.FileProblem` when it is not valid."""
    loaded = load_session(path, content)
    text = read_toml(path).text
    return scan_session(loaded.session, path, text)


def summarise(findings: Iterable[Finding]) -> str:
    """One Dutch sentence for a warning before a file is exchanged.

    ``Mogelijke persoonsgegevens: de naam van de respondent, 1 BSN, 2 telefoonnummers.``
    """
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    if not counts:
        return NOTHING_FOUND
    parts = ["de naam van de respondent"] if KIND_NAME in counts else []
    for kind in KINDS_IN_ORDER:
        if kind in counts:
            parts.append(f"{counts[kind]} {kind if counts[kind] == 1 else PLURALS[kind]}")
    return f"Mogelijke persoonsgegevens: {', '.join(parts)}."
