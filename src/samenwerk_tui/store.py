"""Session files on disk: load, validate, save atomically, never lose a word.

A folder holds the session files of a collaboration, one per respondent and
round. Loading a folder never stops at a bad file: the good files load and
every bad one is reported with a Dutch, located :class:`Problem`. Saving
writes a temporary file beside the target, fsyncs and replaces, and refuses
when the file changed on disk since it was loaded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .content import Checklist

# FileBusyError, atomic_write and os_error_message are used through this module too.
from .filesafe import FileBusyError as FileBusyError
from .filesafe import atomic_write as atomic_write
from .filesafe import remove_stale_temporaries
from .model import FORMAT_VERSION, ContentReference, Session
from .textsafe import clean_line
from .toml import write as tomlwrite
from .toml.read import (
    MAX_DEPTH,
    MAX_FILE_SIZE,
    FileProblem,
    Problem,
    RawDocument,
    digest_bytes,
    locate_key,
    nesting_depth,
    parse_toml_bytes,
    problems_from_validation,
    read_toml,
    too_big_message,
    validation_reasons,
)
from .toml.read import (
    os_error_message as os_error_message,
)

SCHEMA_FILE = "samenwerk-sessie.schema.json"
SETTINGS_FILE = "samenwerk-instellingen.toml"
SESSION_SUFFIX = ".toml"

HEADER = f"""#:schema ./{SCHEMA_FILE}
# Sessiebestand van samenwerk: de antwoorden van één respondent in één
# evaluatieronde. Score per vraag: 1 (helemaal niet op orde) t/m 5 (volledig
# op orde), of "nvt" (niet van toepassing). Geen score = nog niet beantwoord.
"""
_FORMER_HEADER_LINES = ("# Opmerkingen die u zelf toevoegt, gaan verloren als samenwerk het bestand opslaat.",)
"""Header lines earlier versions wrote and that are no longer true; dropped at the next save."""


@dataclass
class LoadedSession:
    """A session with what is needed to save it back safely."""

    path: Path
    session: Session
    digest: str
    """SHA-256 of the bytes loaded (or last saved): the file on disk must still match."""
    warnings: list[Problem] = field(default_factory=list)
    read_only_reason: str | None = None

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None


@dataclass
class FolderLoad:
    sessions: list[LoadedSession]
    problems: list[Problem]


class ConflictError(Exception):
    """The file changed on disk since it was loaded; nothing was written."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"{path}: het bestand is gewijzigd sinds het werd geladen")


class ReadOnlyError(Exception):
    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NotWritableError(Exception):
    """What would be written is more than the loader accepts (a limit); nothing was written.

    ``reason`` says why, in Dutch (``vragen."visie.1".notitie: is te lang
    (hoogstens 20.000 tekens)``, or that the file would be too big).
    """

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: wordt niet opgeslagen: {reason}")


# --- reading -----------------------------------------------------------------


def parse_session(path: Path, data: bytes, content: Checklist | None = None) -> LoadedSession:
    """Validate ``data`` (the bytes of ``path``) as a session file."""
    document = parse_toml_bytes(path, data)
    return session_from_document(document, content)


def session_from_document(document: RawDocument, content: Checklist | None = None) -> LoadedSession:
    path, text, table = document.path, document.text, document.table
    version = table.get("formaat", FORMAT_VERSION)
    newer = isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION
    try:
        session = Session.model_validate(table)
    except ValidationError as error:
        problems = problems_from_validation(path, text, error)
        if newer:
            problems.insert(0, Problem(path, message=_newer_message(version)))
        raise FileProblem(problems) from None
    if content is not None and session.phase not in content.phases:
        known = ", ".join(f'"{phase}"' for phase in content.phases)
        line = locate_key(text, ("fase",))
        raise FileProblem([Problem(path, line, 1 if line else None, f'onbekende fase "{session.phase}"; kies uit {known}')])
    loaded = LoadedSession(path=path, session=session, digest=document.digest)
    if newer:
        loaded.read_only_reason = _newer_message(version)
    if content is not None:
        loaded.warnings = content_warnings(path, text, session, content)
    return loaded


def _newer_message(version: int) -> str:
    return (
        f"gemaakt met een nieuwere versie van samenwerk (formaat {version}, deze versie kent "
        f"formaat {FORMAT_VERSION}); alleen-lezen: werk samenwerk bij om het te bewerken"
    )


def content_warnings(path: Path, text: str, session: Session, content: Checklist) -> list[Problem]:
    """What in ``session`` the content does not know; it is kept, not dropped."""
    warnings = []
    reference = session.content
    if reference is not None and (reference.id, reference.version) != (content.id, content.version):
        warnings.append(
            Problem(
                path,
                message=f"beantwoord met andere inhoud ({reference.id} versie {reference.version}); "
                f"getoond met {content.id} versie {content.version}",
            )
        )
    for question_id in session.answers:
        if question_id not in content.questions:
            line = locate_key(text, ("vragen", question_id))
            warnings.append(
                Problem(path, line, 1 if line else None, f'vraag "{question_id}" staat niet in de checklist; het antwoord blijft bewaard')
            )
    for item_id in session.item_notes:
        if item_id not in content.items:
            line = locate_key(text, ("items", item_id))
            warnings.append(
                Problem(path, line, 1 if line else None, f'item "{item_id}" staat niet in de checklist; de notitie blijft bewaard')
            )
    return warnings


def load_session(path: Path, content: Checklist | None = None) -> LoadedSession:
    return session_from_document(read_toml(path), content)


def session_files(folder: Path) -> list[Path]:
    """The session files in ``folder`` (not recursive), sorted by name."""
    return list_session_files(folder)[0]


def list_session_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The session files in ``folder``, and what is named like one but skipped, with why (Dutch).

    Only regular files (or links to them) are session files: reading a FIFO
    named like a session would hang. Hidden files (samenwerk's own temporary
    files among them) and the settings file are no session files and are not
    mentioned.
    """
    files: list[Path] = []
    skipped: list[Problem] = []
    for path in sorted(folder.glob(f"*{SESSION_SUFFIX}")):
        if path.name == SETTINGS_FILE or path.name.startswith("."):
            continue
        reason = _not_a_session_file(path)
        if reason is None:
            files.append(path)
        else:
            skipped.append(Problem(path, message=f"{SKIPPED}: {reason}"))
    return files, skipped


SKIPPED = "overgeslagen"
_SKIP_REASONS = {
    "dangling": "verwijzing (symlink) naar een bestand dat niet bestaat",
    "loop": "verwijzing (symlink) die in een kring naar zichzelf terugverwijst",
    "directory": "dit is een map, geen bestand (samenwerk kijkt niet in submappen)",
    "fifo": "dit is een named pipe (FIFO), geen gewoon bestand",
    "other": "dit is geen gewoon bestand (maar een apparaat of socket)",
}


def _not_a_session_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a session file, or ``None`` when it is a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return _SKIP_REASONS["loop"]
        if isinstance(error, FileNotFoundError) and os.path.islink(path):
            return _SKIP_REASONS["dangling"]
        if isinstance(error, PermissionError):
            return "kan niet worden gelezen (geen toestemming)"
        return f"kan niet worden gelezen ({os_error_message(error)})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _SKIP_REASONS["directory"]
    if stat.S_ISFIFO(mode):
        return _SKIP_REASONS["fifo"]
    return _SKIP_REASONS["other"]


def load_folder(
    folder: Path,
    content: Checklist | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FolderLoad:
    """Load every session file in ``folder``; bad files become problems.

    Temporary files left by a save that was killed are removed on the way.
    """
    remove_stale_temporaries(folder)
    paths = session_files(folder)
    sessions: list[LoadedSession] = []
    problems: list[Problem] = []
    with no_garbage_collection():
        for index, path in enumerate(paths):
            try:
                sessions.append(load_session(path, content))
            except FileProblem as error:
                problems.extend(error.problems)
            if progress is not None:
                progress(index + 1, len(paths))
    return FolderLoad(sessions=sessions, problems=problems)


@contextlib.contextmanager
def no_garbage_collection() -> Iterator[None]:
    """Pause the cyclic collector while loading a folder.

    Loading makes hundreds of thousands of small objects and no garbage
    cycles; the collector would walk the growing set of sessions again and
    again (a tenth of the time to load a thousand files, more than half of
    the time to read them from the cache).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- writing -----------------------------------------------------------------


def _natural_key(question_id: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", question_id))


def session_document(session: Session, content: Checklist | None = None) -> dict[str, Any]:
    """The session as the dict that is written, in a stable order.

    With ``content``, every question of the checklist gets a table (empty when
    unanswered) in checklist order, so the file can be filled in by hand.
    """
    data = session.model_dump(mode="python", by_alias=True, exclude_none=True)
    _drop_empty_strings(session, data)
    answers = data.pop("vragen", {})
    ordered_answers: dict[str, Any] = {}
    if content is not None:
        for question_id in content.questions:
            ordered_answers[question_id] = answers.pop(question_id, {})
    for question_id in sorted(answers, key=_natural_key):
        # An empty table is dropped at load; only the checklist's own questions
        # keep one (to fill in by hand), so that a load and save change nothing.
        if answers[question_id]:
            ordered_answers[question_id] = answers[question_id]
    item_notes = data.pop("items", {})
    if content is not None:
        order = {item_id: index for index, item_id in enumerate(content.items)}
        item_notes = dict(sorted(item_notes.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0])))
    else:
        item_notes = dict(sorted(item_notes.items()))
    actions = data.pop("acties", {})
    log = data.pop("logboek", [])
    known_tables = ("samenwerking", "ronde", "respondent", "inhoud")
    document: dict[str, Any] = {}
    for key in ("formaat", "fase", "aangemaakt", "bijgewerkt"):
        if key in data:
            document[key] = data.pop(key)
    extra_tables = {key: value for key, value in data.items() if key not in known_tables}
    for key in list(extra_tables):
        if not isinstance(extra_tables[key], dict) and not tomlwrite._is_table_array(extra_tables[key]):
            document[key] = extra_tables.pop(key)
    for key in known_tables:
        if key in data:
            document[key] = data[key]
    document["vragen"] = ordered_answers
    if item_notes:
        document["items"] = item_notes
    if actions:
        document["acties"] = actions
    if log:
        document["logboek"] = log
    document.update(extra_tables)
    return document


def _drop_empty_strings(model: BaseModel, data: dict[str, Any]) -> None:
    """Leave out known text fields that are empty (their default), in place.

    Only fields of the models: an empty value under a key samenwerk does not
    know is someone else's data and is written back as it was.
    """
    for name, info in type(model).model_fields.items():
        key = info.alias or name
        if key not in data:
            continue
        value = getattr(model, name)
        if value == "" and info.default == "":
            del data[key]
        elif isinstance(value, BaseModel):
            _drop_empty_strings(value, data[key])
        elif isinstance(value, dict):
            for element_key, element in value.items():
                if isinstance(element, BaseModel) and element_key in data[key]:
                    _drop_empty_strings(element, data[key][element_key])
        elif isinstance(value, list):
            for element, element_data in zip(value, data[key], strict=False):
                if isinstance(element, BaseModel):
                    _drop_empty_strings(element, element_data)


_UNKNOWN_QUESTION = "Deze vraag staat niet in de checklist; het antwoord blijft bewaard."


def serialize_session(session: Session, content: Checklist | None = None) -> bytes:
    """The bytes of a session file: deterministic, so an unchanged save changes nothing."""
    questions = content.questions if content is not None else {}

    def comment(path: tuple[str, ...]) -> str | None:
        if len(path) == 2 and path[0] == "vragen":
            question = questions.get(path[1])
            if question is not None:
                return clean_line(question.text)
            if content is not None:
                return _UNKNOWN_QUESTION
        return None

    text = tomlwrite.dumps(session_document(session, content), header=HEADER, comment=comment)
    return text.encode("utf-8")


def current_digest(path: Path) -> str | None:
    try:
        return digest_bytes(path.read_bytes())
    except FileNotFoundError:
        return None


def writable_session(path: Path, session: Session) -> Session:
    """``session`` validated as the loader validates a file; :class:`NotWritableError` otherwise.

    A session changed with ``model_copy(update=...)`` skips validation; this
    is where a too long note or an empty action text is caught before it is
    written. The result is the session as it will read back (cleaned text).
    """
    data = session.model_dump(mode="python", by_alias=True)
    if nesting_depth(data) > MAX_DEPTH:
        raise NotWritableError(path, f"te diep geneste waarden (meer dan {MAX_DEPTH} niveaus)")
    try:
        return Session.model_validate(data)
    except ValidationError as error:
        raise NotWritableError(path, validation_reasons(error)) from None


def check_readable(path: Path, data: bytes, session: Session, content: Checklist | None) -> None:
    """Refuse (:class:`NotWritableError`) bytes that would not load back as ``session``."""
    reason = _unreadable_reason(path, data, session, content)
    if reason is not None:
        raise NotWritableError(path, reason)


def _unreadable_reason(path: Path, data: bytes, session: Session, content: Checklist | None) -> str | None:
    if len(data) > MAX_FILE_SIZE:
        return too_big_message(len(data)) + "; maak notities korter"
    try:
        reread = parse_session(path, data, content).session
    except FileProblem as error:
        return "; ".join(problem.message for problem in error.problems[:3])
    if not same_session(reread, session):
        return "het bestand zou niet teruglezen als dezelfde antwoorden"
    return None


def same_session(first: Session, second: Session) -> bool:
    """Whether the two hold the same data, as they would be written.

    Models compare fast; their data decides where they differ, since a
    ``nan`` in an unknown field (valid TOML) is equal to nothing.
    """
    return first == second or tomlwrite._same(session_document(first), session_document(second))


def has_own_comments(data: bytes, content: Checklist | None) -> bool:
    """Whether the file's text may hold comments of a person, beyond those samenwerk writes.

    A ``#`` inside a text counts too: then the save takes the careful way
    (see :mod:`~samenwerk_tui.toml.preserve`) without need, which costs time only.
    """
    if b"#" not in data:
        return False
    own = _own_comment_lines(content)
    text = data.decode("utf-8-sig", errors="replace")
    return any("#" in line and line.rstrip("\r") not in own for line in text.split("\n"))


def _own_comment_lines(content: Checklist | None) -> set[str]:
    lines = {line for line in HEADER.split("\n") if line.startswith("#")}
    lines.update(_FORMER_HEADER_LINES)
    if content is not None:
        lines.update(_comment_line(question.text) for question in content.questions.values())
        lines.add(_comment_line(_UNKNOWN_QUESTION))
    return lines


def _comment_line(text: str) -> str:
    return f"# {clean_line(text)}".rstrip()


def _preserving_bytes(path: Path, on_disk: bytes, session: Session, content: Checklist | None) -> bytes | None:
    """The file on disk with only what differs from ``session`` rewritten, or None if that cannot be done."""
    from .toml import preserve as tomlpreserve

    try:
        base = parse_session(path, on_disk, content).session
    except FileProblem:
        return None
    bom = "\ufeff" if on_disk.startswith(b"\xef\xbb\xbf") else ""
    text = tomlpreserve.update(
        on_disk.decode("utf-8-sig"), session_document(base, content), session_document(session, content)
    )
    if text is None:
        return None
    for line in _FORMER_HEADER_LINES:
        text = text.replace(f"\n{line}\n", "\n", 1)
    data = (bom + text).encode("utf-8")
    return data if _unreadable_reason(path, data, session, content) is None else None


def save_session(
    loaded: LoadedSession,
    session: Session,
    content: Checklist | None = None,
    *,
    today: dt.date | None = None,
    force: bool = False,
) -> LoadedSession:
    """Save ``session`` over ``loaded.path``; return the new :class:`LoadedSession`.

    Raises :class:`ConflictError` when the file on disk is no longer what was
    loaded (unless ``force``), :class:`ReadOnlyError` for read-only files,
    :class:`NotWritableError` when the loader would refuse what would be
    written (a limit), and :class:`~samenwerk_tui.filesafe.FileBusyError` when
    another samenwerk keeps saving the file. The check against the file on
    disk and the replace are one step for samenwerk processes (a lock file).

    The ``bijgewerkt`` date is set to ``today`` only when something changed;
    when nothing changed, the file is not written at all. Comments a person
    wrote in the file are kept: then only the changed values are rewritten.
    """
    if loaded.read_only_reason:
        raise ReadOnlyError(loaded.path, loaded.read_only_reason)
    path = loaded.path
    remove_stale_temporaries(path.parent, path.name)
    on_disk = _read_current(path)
    if not force and (on_disk is None or digest_bytes(on_disk) != loaded.digest):
        raise ConflictError(path)
    session = writable_session(path, session)
    unchanged = same_session(session, loaded.session)
    if unchanged and on_disk is not None and digest_bytes(on_disk) == loaded.digest:
        # Nothing changed: the file stays as it is, byte for byte.
        return LoadedSession(path=path, session=session, digest=loaded.digest, warnings=loaded.warnings)
    if not unchanged:
        session = session.model_copy(update={"updated": today or dt.date.today()})
    preserved = None
    if on_disk is not None and has_own_comments(on_disk, content):
        preserved = _preserving_bytes(path, on_disk, session, content)
    if preserved is not None:
        data = preserved
    else:
        data = serialize_session(session, content)
        check_readable(path, data, session, content)
    if on_disk is None or data != on_disk:

        def unchanged_since_loaded() -> None:
            if not force and current_digest(path) != loaded.digest:
                raise ConflictError(path)

        atomic_write(path, data, check=unchanged_since_loaded)
    return LoadedSession(path=path, session=session, digest=digest_bytes(data), warnings=loaded.warnings)


def _read_current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def create_session_file(path: Path, session: Session, content: Checklist | None = None) -> LoadedSession:
    """Write a new session file; refuse to replace an existing one."""
    session = writable_session(path, session)
    data = serialize_session(session, content)
    check_readable(path, data, session, content)
    atomic_write(path, data, replace=False)
    return LoadedSession(path=path, session=session, digest=digest_bytes(data))


_KEPT_COPY = re.compile(r"-kopie(?:-\d+)?$")


def is_kept_copy(path: Path | None) -> bool:
    """A copy samenwerk kept of someone's answers when their file changed meanwhile (``…-kopie-2.toml``).

    It holds the same respondent and round as the file it was kept beside,
    but it is not that respondent's answer: it never counts in place of the
    real file, and the dashboard never opens it by itself.
    """
    return path is not None and bool(_KEPT_COPY.search(path.stem))


def save_copy(session: Session, path: Path, content: Checklist | None = None) -> LoadedSession:
    """Write ``session`` under a free name next to ``path`` (``…-kopie-2.toml``)."""
    number = 1
    while True:
        suffix = "-kopie" if number == 1 else f"-kopie-{number}"
        try:
            return create_session_file(path.with_name(f"{path.stem}{suffix}{SESSION_SUFFIX}"), session, content)
        except FileExistsError:
            number += 1


# --- new sessions ------------------------------------------------------------


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


def iter_paths(paths: Iterable[Path], skipped: list[Problem] | None = None) -> Iterable[Path]:
    """Files as given, and the session files inside folders.

    What a folder holds that is named like a session file but is none (a
    dangling link, a FIFO, a folder) is added to ``skipped``, with why.
    """
    for path in paths:
        if path.is_dir():
            files, skipped_here = list_session_files(path)
            if skipped is not None:
                skipped.extend(skipped_here)
            yield from files
        else:
            yield path
