"""Planning an import: validating a partner's file and comparing it with the folder, writing nothing."""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..content import Checklist
from ..model import FORMAT_VERSION, Session
from ..store import LoadedSession, carry_over, load_folder, session_from_document, session_identity, session_path
from ..textsafe import shown_path
from ..toml.read import digest_bytes, read_toml
from .compare import AnswerDifference, FieldDifference, compare_sessions

RECEIVED_INFIX = "-ontvangen-"

# User-facing text, together so it can be reviewed in one place.
REFUSED_OTHER_COLLABORATION = "hoort bij een ander samenwerkingsverband ({incoming}); de map {folder} is van {expected}"
REFUSED_NEWER_FORMAT = (
    "gemaakt met een nieuwere versie van samenwerk (formaat {version}, deze versie kent formaat "
    "{known}); werk samenwerk bij om het te importeren"
)
UNREADABLE_EXISTING = "bestaand bestand kan niet worden geladen (zie samenwerk valideer)"
VALID_INCOMING = "geldig sessiebestand"


class ImportStatus(enum.Enum):
    NEW = "nieuw"
    IDENTICAL = "identiek"
    DIFFERENT = "verschillend"
    FILLS_IN = "invulling"
    """The file in the folder is the untouched one the coordinator made: the incoming one replaces it."""
    REFUSED = "geweigerd"


@dataclass
class ImportPlan:
    """What importing one file would do, with the differences found; carried out by :func:`~.apply.apply_import`."""

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


def plan_import(
    path: Path,
    folder: Path,
    content: Checklist | None = None,
    *,
    folder_sessions: list[LoadedSession] | None = None,
) -> ImportPlan:
    """Decide what importing ``path`` into ``folder`` would do; write nothing.

    Raises :class:`~samenwerk_tui.toml.read.FileProblem` (Dutch, located) when ``path`` is not a
    valid session file. ``folder_sessions`` (the folder's loaded sessions)
    saves reading the folder again when many files are planned at once.
    """
    document = read_toml(path)
    version = document.table.get("formaat", FORMAT_VERSION)
    # A format that is no integer is left to validation, which locates it.
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return ImportPlan(path, folder, ImportStatus.REFUSED, reason=REFUSED_NEWER_FORMAT.format(version=version, known=FORMAT_VERSION))
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
