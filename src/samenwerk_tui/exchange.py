"""Importing a partner's session file into a collaboration's folder.

Partners send their files by e-mail, a shared folder or git. Importing one is
planned first (:func:`plan_import`: validate, choose the target name, compare
with what is already there) and applied second (:func:`apply_import`), so the
CLI and the app can show the differences and let the user choose. Importing
never changes the incoming file and never loses the existing one: a replaced
file is kept next to it as ``<name>.toml.bak-YYYYMMDD-HHMMSS``, which
:func:`store.load_folder` does not load (it only reads ``*.toml``).

Pure Python, no Textual.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content import Checklist
from .dutch import plural
from .model import FORMAT_VERSION, Session, field_label
from .store import (
    SESSION_SUFFIX,
    ConflictError,
    LoadedSession,
    atomic_write,
    carry_over,
    load_folder,
    session_from_document,
    session_identity,
    session_path,
)
from .textsafe import clean_line, shown_path
from .toml.read import digest_bytes, read_toml

BACKUP_INFIX = ".bak-"
RECEIVED_INFIX = "-ontvangen-"

# User-facing text, together so it can be reviewed in one place.
REFUSED_OTHER_COLLABORATION = (
    "hoort bij een ander samenwerkingsverband ({incoming}); de map {folder} is van {expected}"
)
REFUSED_NEWER_FORMAT = (
    "gemaakt met een nieuwere versie van samenwerk (formaat {version}, deze versie kent formaat "
    "{known}); werk samenwerk bij om het te importeren"
)
UNREADABLE_EXISTING = "bestaand bestand kan niet worden geladen (zie samenwerk valideer)"
VALID_INCOMING = "geldig sessiebestand"
NO_SCORE = "geen score"
EMPTY = "(leeg)"
NO_DIFFERENCES = "geen verschillen"


class ImportStatus(enum.Enum):
    NEW = "nieuw"
    IDENTICAL = "identiek"
    DIFFERENT = "verschillend"
    FILLS_IN = "invulling"
    """The file in the folder is the untouched one the coordinator made: the incoming one replaces it."""
    REFUSED = "geweigerd"


class Choice(enum.Enum):
    """What to do when the incoming file differs from the one already there."""

    KEEP_INCOMING = "keep-incoming"
    """Replace the existing file; it is kept as a backup next to it."""
    KEEP_EXISTING = "keep-existing"
    """Leave the folder as it is."""
    KEEP_BOTH = "keep-both"
    """Place the incoming file next to the existing one under a distinct name."""


@dataclass(frozen=True)
class AnswerDifference:
    """One question answered differently: old (in the folder) vs new (incoming)."""

    question_id: str
    old_score: int | str | None
    new_score: int | str | None
    old_note: str
    new_note: str

    @property
    def score_changed(self) -> bool:
        return self.old_score != self.new_score

    @property
    def note_changed(self) -> bool:
        return self.old_note != self.new_note


@dataclass(frozen=True)
class FieldDifference:
    """Any other difference: a Dutch description of the field, old and new as text."""

    field: str
    old: str
    new: str
    is_text: bool = True
    """Text is shown between quotes; dates, numbers and ``(leeg)`` are not."""


@dataclass
class ImportPlan:
    source: Path
    folder: Path
    status: ImportStatus
    target: Path | None = None
    """Where the incoming file goes (or the existing file it matches)."""
    incoming: LoadedSession | None = None
    existing: LoadedSession | None = None
    reason: str | None = None
    """Why the file is refused (Dutch)."""
    answers: list[AnswerDifference] = field(default_factory=list)
    others: list[FieldDifference] = field(default_factory=list)
    data: bytes = field(default=b"", repr=False)
    """The incoming file's bytes as read: what is written, unchanged."""
    target_digest: str | None = None
    """SHA-256 of the file at :attr:`target` when planned: it is replaced only while unchanged."""

    @property
    def needs_choice(self) -> bool:
        return self.status is ImportStatus.DIFFERENT


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    written: Path | None = None
    """The file written (the target, or the copy next to it), if any."""
    backup: Path | None = None
    """Where the replaced file was kept."""


# --- planning ------------------------------------------------------------------


def plan_import(
    path: Path,
    folder: Path,
    content: Checklist | None = None,
    *,
    folder_sessions: list[LoadedSession] | None = None,
) -> ImportPlan:
    """Decide what importing ``path`` into ``folder`` would do; write nothing.

    Raises :class:`tomlio.FileProblem` (Dutch, located) when ``path`` is not a
    valid session file. ``folder_sessions`` (the folder's loaded sessions)
    saves reading the folder again when many files are planned at once.
    """
    document = read_toml(path)
    version = document.table.get("formaat", FORMAT_VERSION)
    # A format that is no integer is left to validation, which locates it.
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return ImportPlan(
            path, folder, ImportStatus.REFUSED, reason=REFUSED_NEWER_FORMAT.format(version=version, known=FORMAT_VERSION)
        )
    incoming = session_from_document(document, content)
    if folder_sessions is None:
        folder_sessions = load_folder(folder, content).sessions if folder.is_dir() else []
    slugs = sorted({loaded.session.collaboration.slug for loaded in folder_sessions})
    session = incoming.session
    if slugs and session.collaboration.slug not in slugs:
        expected = " en ".join(_collaboration_names(folder_sessions))
        return ImportPlan(
            path,
            folder,
            ImportStatus.REFUSED,
            incoming=incoming,
            data=document.data,
            reason=REFUSED_OTHER_COLLABORATION.format(
                incoming=f"{session.collaboration.name} ({session.collaboration.slug})", folder=shown_path(folder), expected=expected
            ),
        )
    existing = _find_existing(session, folder_sessions)
    if existing is not None:
        target = existing.path
    else:
        target = session_path(folder, session, {loaded.path: loaded.session for loaded in folder_sessions})
    plan = ImportPlan(path, folder, ImportStatus.NEW, target=target, incoming=incoming, existing=existing, data=document.data)
    if existing is None:
        if os.path.lexists(target):
            # There, but not loadable (broken by hand, say): never replace it unasked.
            plan.target_digest = _digest_or_none(target)
            plan.status = ImportStatus.DIFFERENT
            plan.others = [FieldDifference("bestand", UNREADABLE_EXISTING, VALID_INCOMING)]
        return plan
    plan.answers, plan.others = compare_sessions(existing.session, session, content)
    plan.status = ImportStatus.DIFFERENT if plan.answers or plan.others else ImportStatus.IDENTICAL
    if plan.status is ImportStatus.DIFFERENT and is_untouched(existing, folder_sessions):
        plan.status = ImportStatus.FILLS_IN
    return plan


def _digest_or_none(path: Path) -> str | None:
    try:
        return digest_bytes(path.read_bytes())
    except OSError:
        return None


def is_untouched(loaded: LoadedSession, folder_sessions: list[LoadedSession]) -> bool:
    """Whether ``loaded`` is still as it was made for a new round: nothing answered or written in it.

    No score, and notes, item notes, actions and log exactly those carried
    over from the respondent's previous round in the folder (none when there
    is none). Such a file holds nothing of the partner's yet, so their filled
    in file is no conflict with it.
    """
    session = loaded.session
    if loaded.read_only or any(answer.score is not None for answer in session.answers.values()):
        return False
    key = (session.collaboration.slug, session.respondent.key)
    earlier = [
        other.session
        for other in folder_sessions
        if (other.session.collaboration.slug, other.session.respondent.key) == key
        and (other.session.round.date, other.session.round.label) < (session.round.date, session.round.label)
    ]
    if earlier:
        previous = max(earlier, key=lambda other: (other.round.date, other.round.label))
        expected = carry_over(previous, session)
    else:
        expected = session.model_copy(update={"answers": {}, "item_notes": {}, "actions": {}, "log": []})
    return _carried_parts(expected) == _carried_parts(session)


def _carried_parts(session: Session) -> tuple[object, ...]:
    dump = session.model_dump(mode="python", by_alias=True, exclude_none=True)
    return tuple(dump.get(key) or {} for key in ("vragen", "items", "acties", "logboek"))


def _collaboration_names(sessions: list[LoadedSession]) -> list[str]:
    names = {loaded.session.collaboration.slug: loaded.session.collaboration.name for loaded in sessions}
    return [f"{names[slug]} ({slug})" for slug in sorted(names)]


def _find_existing(session: Session, folder_sessions: list[LoadedSession]) -> LoadedSession | None:
    """The folder's session of the same respondent and round, whatever its name.

    Never a file of another respondent, even one under the same name: names
    of different respondents can slugify alike. Copies kept next to a file
    (``…-ontvangen-…``) are not the respondent's file.
    """
    identity = session_identity(session)
    for loaded in sorted(folder_sessions, key=lambda loaded: loaded.path.name):
        if RECEIVED_INFIX not in loaded.path.name and session_identity(loaded.session) == identity:
            return loaded
    return None


# --- comparing -------------------------------------------------------------------


def compare_sessions(
    old: Session, new: Session, content: Checklist | None = None
) -> tuple[list[AnswerDifference], list[FieldDifference]]:
    """Every difference between two sessions: per question, and everything else."""
    old_data = old.model_dump(mode="python", by_alias=True, exclude_none=True)
    new_data = new.model_dump(mode="python", by_alias=True, exclude_none=True)
    answers = _compare_answers(old, new, content)
    old_answers, new_answers = old_data.pop("vragen", {}), new_data.pop("vragen", {})
    others: list[FieldDifference] = []
    # Extra keys inside answers (from newer versions or hand edits).
    for question_id in _ordered_ids(set(old_answers) | set(new_answers), content):
        old_extra = {k: v for k, v in old_answers.get(question_id, {}).items() if k not in ("score", "notitie")}
        new_extra = {k: v for k, v in new_answers.get(question_id, {}).items() if k not in ("score", "notitie")}
        _compare_values(("vragen", question_id), old_extra, new_extra, others)
    others.extend(_compare_log(old_data.pop("logboek", []), new_data.pop("logboek", [])))
    _compare_values((), old_data, new_data, others)
    return answers, others


def _ordered_ids(ids: set[str], content: Checklist | None) -> list[str]:
    order = {question_id: index for index, question_id in enumerate(content.questions)} if content else {}
    return sorted(ids, key=lambda question_id: (order.get(question_id, len(order)), _natural_key(question_id)))


def _natural_key(text: str) -> tuple[Any, ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text))


def _compare_answers(old: Session, new: Session, content: Checklist | None) -> list[AnswerDifference]:
    differences = []
    for question_id in _ordered_ids(set(old.answers) | set(new.answers), content):
        before, after = old.answer(question_id), new.answer(question_id)
        if before.score != after.score or before.note != after.note:
            differences.append(AnswerDifference(question_id, before.score, after.score, before.note, after.note))
    return differences


def _compare_values(path: tuple[Any, ...], old: Any, new: Any, out: list[FieldDifference]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(old) + [key for key in new if key not in old]
        for key in keys:
            _compare_values((*path, key), old.get(key, _MISSING), new.get(key, _MISSING), out)
        return
    if isinstance(old, dict) or isinstance(new, dict):
        # A whole table added or removed (an action, an item note).
        _compare_values(path, old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}, out)
        return
    if old != new:
        is_text = all(isinstance(value, str) or value is _MISSING for value in (old, new))
        out.append(FieldDifference(field_label(path), show_value(old), show_value(new), is_text))


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Any = _Missing()


def _compare_log(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[FieldDifference]:
    """Log entries only in one of the two, as a multiset: order changes are no difference."""

    def key(entry: dict[str, Any]) -> str:
        return repr(sorted(entry.items()))

    old_count, new_count = Counter(key(entry) for entry in old), Counter(key(entry) for entry in new)
    out = []
    seen: Counter[str] = Counter()
    for entry in old:
        k = key(entry)
        seen[k] += 1
        if seen[k] > new_count[k]:
            out.append(FieldDifference(_log_label(entry), _log_text(entry), EMPTY))
    seen.clear()
    for entry in new:
        k = key(entry)
        seen[k] += 1
        if seen[k] > old_count[k]:
            out.append(FieldDifference(_log_label(entry), EMPTY, _log_text(entry)))
    return out


def _log_label(entry: dict[str, Any]) -> str:
    date = entry.get("datum")
    return f"logboek {date.isoformat()}" if isinstance(date, dt.date) else "logboek"


def _log_text(entry: dict[str, Any]) -> str:
    text = str(entry.get("tekst", ""))
    author = entry.get("auteur")
    return f"{text} ({author})" if author else text


def show_value(value: Any) -> str:
    if value is _MISSING or value is None or value == "":
        return EMPTY
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(f"{key} = {show_value(element)}" for key, element in value.items()) or EMPTY
    if isinstance(value, list):
        return ", ".join(show_value(element) for element in value) or EMPTY
    return clean_line(str(value)) if isinstance(value, str) else str(value)


# --- describing ------------------------------------------------------------------


def show_score(score: int | str | None) -> str:
    return NO_SCORE if score is None else str(score)


def excerpt_pair(old: str, new: str, width: int = 60) -> tuple[str, str]:
    """Old and new text cut down to where they differ, with a little context."""
    old, new = clean_line(old), clean_line(new)
    if len(old) <= width and len(new) <= width:
        return old or EMPTY, new or EMPTY
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    context = 15
    start = max(0, prefix - context)

    def cut(text: str) -> str:
        if not text:
            return EMPTY
        end = min(len(text), len(text) - suffix + context)
        middle = text[start:end]
        if len(middle) > width + 2 * context:
            middle = middle[: width + context] + "…"
        return ("…" if start > 0 else "") + middle + ("…" if end < len(text) and not middle.endswith("…") else "")

    return cut(old), cut(new)


def describe_differences(plan: ImportPlan, limit: int | None = None) -> list[str]:
    """The differences of a plan in Dutch, one line each: old (in the folder) → new (incoming).

    With ``limit``, at most that many lines, the last saying how many more there are.
    """
    lines: list[str] = []
    for difference in plan.answers:
        where = f"vraag {difference.question_id}"
        if difference.score_changed:
            lines.append(f"{where}, score: {show_score(difference.old_score)} → {show_score(difference.new_score)}")
        if difference.note_changed:
            old, new = excerpt_pair(difference.old_note, difference.new_note)
            lines.append(f"{where}, notitie: “{old}” → “{new}”")
    for other in plan.others:
        old, new = excerpt_pair(other.old, other.new)
        if other.is_text:
            old, new = _quote(old), _quote(new)
        lines.append(f"{other.field}: {old} → {new}")
    if not lines:
        return [NO_DIFFERENCES]
    if limit is not None and len(lines) > limit:
        hidden = len(lines) - (limit - 1)
        lines = [*lines[:limit - 1], f"… en nog {plural(hidden, 'verschil')}"]
    return lines


def _quote(text: str) -> str:
    return text if text == EMPTY else f"“{text}”"


# --- applying --------------------------------------------------------------------


def apply_import(plan: ImportPlan, choice: Choice | None = None, *, now: dt.datetime | None = None) -> ImportResult:
    """Carry out ``plan``; ``choice`` is needed only when the files differ.

    New files are written under the plan's target; identical files and
    :attr:`Choice.KEEP_EXISTING` write nothing. Raises :class:`ValueError` for
    a refused plan or a missing choice, :class:`FileExistsError` when a new
    target appeared since planning, and :class:`store.ConflictError` when the
    existing file changed since planning (plan again).
    """
    now = now or dt.datetime.now()
    if plan.status is ImportStatus.REFUSED or plan.target is None:
        raise ValueError(f"{shown_path(plan.source)}: geweigerd: {plan.reason}")
    if plan.status is ImportStatus.IDENTICAL:
        return ImportResult(plan)
    if plan.status is ImportStatus.NEW:
        if os.path.lexists(plan.target):
            raise FileExistsError(plan.target)
        plan.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(plan.target, plan.data)
        return ImportResult(plan, written=plan.target)
    if plan.status is ImportStatus.FILLS_IN:
        choice = Choice.KEEP_INCOMING
    if choice is None:
        raise ValueError(f"{shown_path(plan.source)}: verschilt van {shown_path(plan.target)}; kies welke versie u bewaart")
    if choice is Choice.KEEP_EXISTING:
        return ImportResult(plan)
    if choice is Choice.KEEP_BOTH:
        copy = received_name(plan.target, now.date())
        atomic_write(copy, plan.data)
        return ImportResult(plan, written=copy)
    existing_data = plan.target.read_bytes()
    expected = plan.existing.digest if plan.existing is not None else plan.target_digest
    if expected is None or digest_bytes(existing_data) != expected:
        # Changed since planning, perhaps by another respondent's file: plan again.
        raise ConflictError(plan.target)
    backup = backup_name(plan.target, now)
    atomic_write(backup, existing_data)
    atomic_write(plan.target, plan.data)
    return ImportResult(plan, written=plan.target, backup=backup)


def backup_name(path: Path, now: dt.datetime) -> Path:
    """``name.toml.bak-20261129-101500`` (``-2``, ``-3`` … when taken): not a ``*.toml``, so never loaded."""
    base = f"{path.name}{BACKUP_INFIX}{now:%Y%m%d-%H%M%S}"
    candidate = path.with_name(base)
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{base}-{number}")
        number += 1
    return candidate


def received_name(path: Path, today: dt.date) -> Path:
    """``stem-ontvangen-2026-11-29.toml`` (``-2`` … when taken), next to ``path``."""
    base = f"{path.stem}{RECEIVED_INFIX}{today.isoformat()}"
    candidate = path.with_name(base + SESSION_SUFFIX)
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{base}-{number}{SESSION_SUFFIX}")
        number += 1
    return candidate


def backups_of(path: Path) -> list[Path]:
    """The backups kept of ``path`` by imports, oldest first."""
    return sorted(path.parent.glob(f"{glob_escape(path.name)}{BACKUP_INFIX}*"))


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
