"""Finding what looks like personal data in session files, and masking it.

Exchanging personal data (persoonsgegevens) between partners needs a
convenant and a check by the privacy authority, but notes are free text and
people do write numbers into them. Before a file is shared, :func:`scan_file`
(or :func:`scan_session` for a session in memory) lists what looks like a BSN,
an e-mail address, a Dutch phone number, an IBAN or a postcode with a house
number, and a respondent's personal name; :func:`anonymise` returns a copy
with each of those masked.

Checks keep false positives down: a BSN must pass the elfproef, an IBAN its
mod-97 check, a phone number must have the length of a Dutch number, and
dates and amounts are not taken for numbers. Names written in free text are
not recognised: the report says so.

Pure Python, no Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .content import Content
from .exchange import field_label
from .model import Session
from .store import load_session
from .textsafe import shown_path
from .tomlio import locate_key, read_toml

# User-facing text, together so it can be reviewed in one place.
KIND_BSN = "BSN"
KIND_EMAIL = "e-mailadres"
KIND_PHONE = "telefoonnummer"
KIND_IBAN = "IBAN"
KIND_ADDRESS = "postcode en huisnummer"
KIND_NAME = "naam van de respondent"

PLURALS = {
    KIND_BSN: "BSN's",
    KIND_EMAIL: "e-mailadressen",
    KIND_PHONE: "telefoonnummers",
    KIND_IBAN: "IBAN's",
    KIND_ADDRESS: "postcodes met huisnummer",
}
NOTHING_FOUND = "Geen persoonsgegevens gevonden."

PLACEHOLDERS = {
    KIND_BSN: "[BSN verwijderd]",
    KIND_EMAIL: "[e-mailadres verwijderd]",
    KIND_PHONE: "[telefoonnummer verwijderd]",
    KIND_IBAN: "[IBAN verwijderd]",
    KIND_ADDRESS: "[adres verwijderd]",
}


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
    text: str = field(default="", repr=False)
    """The matched text itself: used to mask it, never shown."""

    def __str__(self) -> str:
        where = shown_path(self.file) if self.file is not None else "sessie"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.field}: {self.kind}: {self.masked}"


@dataclass(frozen=True)
class Match:
    kind: str
    start: int
    end: int
    text: str


# --- recognising -----------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])"
)
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])")
_IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "LU": 20, "GB": 22, "ES": 24, "IT": 27}
# A Dutch number has 9 digits after the trunk prefix 0 (or +31 / 0031).
_PHONE = re.compile(
    r"""
    (?<![\w+])
    (?: (?:\+|00)31[ .-]?(?:\(0\)[ .-]?)? | \(0 | 0 )
    [1-9] (?: \)? (?:\ ?[.-]\ ?|\ )? \d ){8}
    (?![\w]|[.,-]\d)
    """,
    re.VERBOSE,
)
_DATE_INSIDE = re.compile(r"(?<!\d)\d{1,2} ?[-./] ?\d{1,2} ?[-./] ?\d{2,4}(?!\d)")
# 9 digits, or grouped 3-3-3 / 4-2-3 with dots or spaces.
_BSN = re.compile(r"(?<!\d[.,])(?<![\w+/-])(?:\d{9}|\d{3}([ .])\d{3}\1\d{3}|\d{4}([ .])\d{2}\2\d{3})(?![\w]|[.,/-]\d)")
_AMOUNT_BEFORE = re.compile(r"(?:€|\bEUR|\beuro)\s*$", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"^(?:,-|,\d\d\b|\s*(?:euro|EUR)\b)", re.IGNORECASE)
# Postcode 1234 AB (no SA, SD or SS) followed by a house number and an optional addition.
_ADDRESS = re.compile(
    r"(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?:, ?| )?(?:nr\.? ?)?\d{1,5}(?:-[A-Za-z]{1,4}(?!\w)| ?[A-Za-z](?!\w)|-\d{1,4})?(?!\w|[.,-]\d)"
)

# "in 2026 OM 3 zaken": a year and an organisation, not a postcode.
_YEAR_AND_ABBREVIATION = re.compile(r"(?:19|20)\d\d ?(?:OM|EU|NL|VN)\b")


def elfproef(digits: str) -> bool:
    """The BSN check: 9×d1 + 8×d2 + … + 2×d8 − d9 is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def iban_valid(text: str) -> bool:
    compact = text.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    expected = _IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def find_personal_data(text: str) -> list[Match]:
    """What in ``text`` looks like personal data, in order; no two matches overlap."""
    matches: list[Match] = []

    def free(start: int, end: int) -> bool:
        return all(end <= match.start or start >= match.end for match in matches)

    def add(kind: str, found: re.Match[str]) -> None:
        if free(found.start(), found.end()):
            matches.append(Match(kind, found.start(), found.end(), found.group()))

    for found in _EMAIL.finditer(text):
        add(KIND_EMAIL, found)
    for found in _IBAN.finditer(text):
        if iban_valid(found.group()):
            add(KIND_IBAN, found)
    for found in _PHONE.finditer(text):
        if not _DATE_INSIDE.search(found.group()):
            add(KIND_PHONE, found)
    for found in _ADDRESS.finditer(text):
        if not _YEAR_AND_ABBREVIATION.match(found.group()):
            add(KIND_ADDRESS, found)
    for found in _BSN.finditer(text):
        digits = re.sub(r"\D", "", found.group())
        if not elfproef(digits):
            continue
        if _AMOUNT_BEFORE.search(text[max(0, found.start() - 8) : found.start()]):
            continue
        if _AMOUNT_AFTER.search(text[found.end() : found.end() + 8]):
            continue
        add(KIND_BSN, found)
    return sorted(matches, key=lambda match: match.start)


# --- masking ---------------------------------------------------------------------


def mask(text: str, kind: str) -> str:
    """``text`` with most letters and digits replaced by ``*``, for display."""
    if kind == KIND_EMAIL:
        local, _, domain = text.partition("@")
        return local[:1] + "*" * (len(local) - 1) + "@" + domain
    if kind == KIND_NAME:
        return " ".join(word[:1] + "*" * (len(word) - 1) for word in text.split())
    keep_start, keep_end = {
        KIND_BSN: (0, 2),
        KIND_PHONE: (2, 2),
        KIND_IBAN: (4, 2),
        KIND_ADDRESS: (2, 0),
    }.get(kind, (0, 0))
    positions = [index for index, char in enumerate(text) if char.isalnum()]
    hidden = set(positions[keep_start : len(positions) - keep_end])
    return "".join("*" if index in hidden else char for index, char in enumerate(text))


# --- scanning sessions -----------------------------------------------------------


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


def scan_session(session: Session, file: Path | None = None, text: str | None = None) -> list[Finding]:
    """Findings in a session (in memory, or as read from ``file`` whose ``text`` gives lines).

    Every text in the session is searched: notes, item notes, actions (what,
    who, note), the log, and fields samenwerk does not know; a respondent's
    name is a finding of its own.
    """
    data = session.model_dump(mode="python", by_alias=True, exclude_none=True)
    findings: list[Finding] = []
    for path, value in _strings(data, ()):
        if path == _NAME_PATH:
            if value.strip():
                findings.append(
                    Finding(file, field_label(path), _line(text, path, value), KIND_NAME, mask(value, KIND_NAME), path, value)
                )
            continue
        for match in find_personal_data(value):
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


def scan_file(path: Path, content: Content | None = None) -> list[Finding]:
    """Findings in the session file at ``path``; raises :class:`tomlio.FileProblem` when it is not valid."""
    loaded = load_session(path, content)
    text = read_toml(path).text
    return scan_session(loaded.session, path, text)


def summarise(findings: Iterable[Finding]) -> str:
    """One Dutch sentence for a warning before sharing.

    ``Mogelijke persoonsgegevens: de naam van de respondent, 1 BSN, 2 telefoonnummers.``
    """
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    if not counts:
        return NOTHING_FOUND
    parts = ["de naam van de respondent"] if KIND_NAME in counts else []
    for kind in (KIND_BSN, KIND_EMAIL, KIND_PHONE, KIND_IBAN, KIND_ADDRESS):
        if kind in counts:
            parts.append(f"{counts[kind]} {kind if counts[kind] == 1 else PLURALS[kind]}")
    return f"Mogelijke persoonsgegevens: {', '.join(parts)}."


# --- anonymising -----------------------------------------------------------------


def anonymise(session: Session, findings: Iterable[Finding]) -> Session:
    """A copy of ``session`` without the respondent's name and with every finding masked.

    Everything else stays as it was, fields samenwerk does not know included.
    """
    data = session.model_dump(mode="python", by_alias=True, exclude_none=True)
    data.setdefault("respondent", {})["naam"] = ""
    for finding in findings:
        if finding.kind == KIND_NAME or not finding.location or not finding.text:
            continue
        container, key = _parent(data, finding.location)
        if container is None:
            continue
        value = container[key]
        if isinstance(value, str):
            container[key] = value.replace(finding.text, PLACEHOLDERS.get(finding.kind, "[verwijderd]"))
    return Session.model_validate(data)


def _parent(data: Any, location: tuple[Any, ...]) -> tuple[Any, Any]:
    container = data
    for key in location[:-1]:
        try:
            container = container[key]
        except (KeyError, IndexError, TypeError):
            return None, None
    key = location[-1]
    try:
        container[key]
    except (KeyError, IndexError, TypeError):
        return None, None
    return container, key
