"""New sessions, and the name of the file each respondent's answers go in."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..content import Checklist
from ..model import FORMAT_VERSION, ContentReference, Session
from ..toml.read import FileProblem
from .files import SESSION_SUFFIX, load_session


def slugify(text: str) -> str:
    """``"Politie Oost-Nederland"`` → ``"politie-oost-nederland"``."""
    normalized = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", normalized.lower()).strip("-")
    return slug[:60].strip("-") or "x"


def session_filename(session: Session) -> str:
    """A predictable name that never collides between partners.

    ``<samenwerking>--<ronde>--<organisatie>[-<rol>].toml``; nothing
    machine-specific, so partners can share one folder or git repository.
    """
    respondent = slugify(session.respondent.organisation)
    if session.respondent.role:
        respondent += "-" + slugify(session.respondent.role)
    return f"{session.collaboration.slug}--{slugify(session.round.label)}--{respondent}{SESSION_SUFFIX}"


def session_identity(session: Session) -> tuple[str, str, str]:
    """Which file a session belongs in: collaboration, round (as in the file name) and :attr:`Respondent.key`."""
    return (session.collaboration.slug, slugify(session.round.label), session.respondent.key)


_SUFFIX_LENGTHS = (6, 10, 16, 64)


def session_path(folder: Path, session: Session, known: dict[Path, Session] | None = None) -> Path:
    """Where ``session`` belongs in ``folder``: a name no other respondent holds.

    The plain :func:`session_filename`, unless a file there holds another
    respondent's answers (two names that slugify alike, "Politie Oost" and
    "Politie-Oost"); then the name gets a short suffix derived from
    :attr:`Respondent.key`, the same on every partner's machine. The path
    returned may exist: it then holds this respondent's answers for this
    round, or cannot be read (the caller decides; it is never another
    respondent's file that is known to be so). ``known`` gives sessions
    already loaded from the folder, to save reading them again.
    """
    plain = session_filename(session)
    stem = plain[: -len(SESSION_SUFFIX)]
    digest = hashlib.sha256(session.respondent.key.encode("utf-8")).hexdigest()
    names = [plain, *(f"{stem}-{digest[:length]}{SESSION_SUFFIX}" for length in _SUFFIX_LENGTHS)]
    identity = session_identity(session)
    for name in names:
        path = folder / name
        holder = _session_at(path, known)
        if holder is _FREE or holder is _UNREADABLE or session_identity(holder) == identity:
            return path
    raise FileExistsError(errno.EEXIST, "geen vrije bestandsnaam voor deze respondent", str(folder / plain))


_FREE: Any = object()
_UNREADABLE: Any = object()


def _session_at(path: Path, known: dict[Path, Session] | None) -> Any:
    if known is not None and path in known:
        return known[path]
    if not os.path.lexists(path):
        return _FREE
    try:
        return load_session(path).session
    except FileProblem:
        return _UNREADABLE


def new_session(
    *,
    collaboration: str,
    slug: str | None,
    round_label: str,
    round_date: dt.date,
    phase: str,
    organisation: str,
    role: str = "",
    name: str = "",
    content: Checklist | None = None,
    previous: Session | None = None,
    today: dt.date | None = None,
) -> Session:
    """A new session; with ``previous``, its notes and actions carry over and scores start empty."""
    today = today or dt.date.today()
    data: dict[str, Any] = {
        "formaat": FORMAT_VERSION,
        "fase": phase,
        "aangemaakt": today,
        "bijgewerkt": today,
        "samenwerking": {"naam": collaboration, "slug": slug or slugify(collaboration)},
        "ronde": {"label": round_label, "datum": round_date},
        "respondent": {"organisatie": organisation, "rol": role, "naam": name},
    }
    if content is not None:
        data["inhoud"] = ContentReference(id=content.id, version=content.version).model_dump(by_alias=True)
    session = Session.model_validate(data)
    if previous is not None:
        session = carry_over(previous, session)
    return session


def carry_over(previous: Session, session: Session) -> Session:
    """Notes, item notes, actions and the log of ``previous`` in ``session``; no scores."""
    answers = {
        question_id: answer.model_copy(update={"score": None})
        for question_id, answer in previous.answers.items()
        if answer.note or answer.model_extra
    }
    return session.model_copy(
        update={
            "answers": {key: value for key, value in answers.items() if not value.is_empty},
            "item_notes": {key: value.model_copy() for key, value in previous.item_notes.items()},
            "actions": {key: value.model_copy() for key, value in previous.actions.items()},
            "log": [entry.model_copy() for entry in previous.log],
        }
    )
