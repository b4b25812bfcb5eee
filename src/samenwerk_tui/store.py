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
import os
import re
import stat
import secrets
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from pydantic import BaseModel, ValidationError

from . import tomlwrite
from .content import Content
from .model import FORMAT_VERSION, ContentReference, Session
from .textsafe import clean_line
from .tomlio import (
    FileProblem,
    Problem,
    RawDocument,
    digest_bytes,
    locate_key,
    parse_toml_bytes,
    problems_from_validation,
    read_toml,
)

SCHEMA_FILE = "samenwerk-sessie.schema.json"
SETTINGS_FILE = "samenwerk-instellingen.toml"
SESSION_SUFFIX = ".toml"

HEADER = f"""#:schema ./{SCHEMA_FILE}
# Sessiebestand van samenwerk: de antwoorden van één respondent in één
# evaluatieronde. Score per vraag: 1 (helemaal niet op orde) t/m 5 (volledig
# op orde), of "nvt" (niet van toepassing). Geen score = nog niet beantwoord.
# Opmerkingen die u zelf toevoegt, gaan verloren als samenwerk het bestand opslaat.
"""


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


# --- reading -----------------------------------------------------------------


def parse_session(path: Path, data: bytes, content: Content | None = None) -> LoadedSession:
    """Validate ``data`` (the bytes of ``path``) as a session file."""
    document = parse_toml_bytes(path, data)
    return session_from_document(document, content)


def session_from_document(document: RawDocument, content: Content | None = None) -> LoadedSession:
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


def content_warnings(path: Path, text: str, session: Session, content: Content) -> list[Problem]:
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


def load_session(path: Path, content: Content | None = None) -> LoadedSession:
    return session_from_document(read_toml(path), content)


def session_files(folder: Path) -> list[Path]:
    """The session files in ``folder`` (not recursive), sorted by name."""
    # Only regular files: reading a FIFO named like a session would hang.
    return sorted(
        path
        for path in folder.glob(f"*{SESSION_SUFFIX}")
        if path.name != SETTINGS_FILE and not path.name.startswith(".") and path.is_file()
    )


def load_folder(
    folder: Path,
    content: Content | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FolderLoad:
    """Load every session file in ``folder``; bad files become problems."""
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


def session_document(session: Session, content: Content | None = None) -> dict[str, Any]:
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
            for element, element_data in zip(value, data[key]):
                if isinstance(element, BaseModel):
                    _drop_empty_strings(element, element_data)


def serialize_session(session: Session, content: Content | None = None) -> bytes:
    """The bytes of a session file: deterministic, so an unchanged save changes nothing."""
    questions = content.questions if content is not None else {}

    def comment(path: tuple[str, ...]) -> str | None:
        if len(path) == 2 and path[0] == "vragen":
            question = questions.get(path[1])
            if question is not None:
                return clean_line(question.text)
            if content is not None:
                return "Deze vraag staat niet in de checklist; het antwoord blijft bewaard."
        return None

    text = tomlwrite.dumps(session_document(session, content), header=HEADER, comment=comment)
    return text.encode("utf-8")


def atomic_write(path: Path, data: bytes | Iterable[bytes], *, replace: bool = True) -> None:
    """Write ``data`` (bytes, or pieces of them) to ``path`` so that it is the old or the new file, never partial.

    A temporary file in the same folder is written, flushed and fsynced, given
    the old file's mode, and moved over the target; the folder is fsynced.
    With ``replace=False`` an existing file is never touched: FileExistsError,
    even when someone else creates it at the same moment (a shared folder).
    """
    folder = path.parent
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None  # A new file gets the usual mode: 0666 less the umask.
    handle, temporary = _create_temporary(folder, path.name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.writelines([data] if isinstance(data, bytes) else data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        if replace:
            _replace(temporary, path)
        else:
            _link_new(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    if hasattr(os, "O_DIRECTORY"):
        # Makes the rename durable; some network file systems cannot, and
        # the file is saved by now, so that is no reason to report failure.
        try:
            directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
        except OSError:
            pass


def _link_new(source: str, target: Path) -> None:
    """Give the complete file ``source`` the name ``target`` only if that name is free."""
    try:
        os.link(source, target)  # Fails with FileExistsError, atomically.
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (some network and FAT file systems): check, then move.
        if target.exists():
            raise FileExistsError(errno.EEXIST, "bestand bestaat al", str(target)) from None
        _replace(source, target)
        return
    os.unlink(source)


def _create_temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new hidden file beside the target, created with mode 0666 less the umask.

    Not ``tempfile.mkstemp``: its files are private (0600), and reading the
    umask means setting it, which races with other threads creating files.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = str(folder / f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder}: geen vrije naam voor een tijdelijk bestand")


def _replace(source: str, target: Path) -> None:
    # On Windows a virus scanner or sync client may hold the target briefly.
    for attempt in range(5):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 4:
                raise
            time.sleep(0.05 * (attempt + 1))


_OS_ERRORS = {
    errno.EACCES: "geen toestemming om hier te schrijven",
    errno.EPERM: "geen toestemming om hier te schrijven",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOENT: "de map bestaat niet (meer)",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "er staat een map met deze naam",
    errno.ENAMETOOLONG: "de bestandsnaam is te lang",
    errno.EIO: "lees- of schrijffout van de schijf",
}


def os_error_message(error: OSError) -> str:
    """Why a file could not be written, in Dutch (``strerror`` is English)."""
    if error.errno in _OS_ERRORS:
        return _OS_ERRORS[error.errno]
    return f"schrijffout ({clean_line(str(error.strerror or error))})"


def current_digest(path: Path) -> str | None:
    try:
        return digest_bytes(path.read_bytes())
    except FileNotFoundError:
        return None


def save_session(
    loaded: LoadedSession,
    session: Session,
    content: Content | None = None,
    *,
    today: dt.date | None = None,
    force: bool = False,
) -> LoadedSession:
    """Save ``session`` over ``loaded.path``; return the new :class:`LoadedSession`.

    Raises :class:`ConflictError` when the file on disk is no longer what was
    loaded (unless ``force``), and :class:`ReadOnlyError` for read-only files.
    The ``bijgewerkt`` date is set to ``today`` only when something changed.
    """
    if loaded.read_only_reason:
        raise ReadOnlyError(loaded.path, loaded.read_only_reason)
    if not force and current_digest(loaded.path) != loaded.digest:
        raise ConflictError(loaded.path)
    data = serialize_session(session, content)
    if data != _previous_bytes(loaded, content):
        stamped = session.model_copy(update={"updated": today or dt.date.today()})
        data = serialize_session(stamped, content)
        session = stamped
    if current_digest(loaded.path) != digest_bytes(data):
        atomic_write(loaded.path, data)
    return LoadedSession(path=loaded.path, session=session, digest=digest_bytes(data), warnings=loaded.warnings)


def _previous_bytes(loaded: LoadedSession, content: Content | None) -> bytes:
    return serialize_session(loaded.session, content)


def create_session_file(path: Path, session: Session, content: Content | None = None) -> LoadedSession:
    """Write a new session file; refuse to replace an existing one."""
    data = serialize_session(session, content)
    atomic_write(path, data, replace=False)
    return LoadedSession(path=path, session=session, digest=digest_bytes(data))


def save_copy(session: Session, path: Path, content: Content | None = None) -> LoadedSession:
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
    content: Content | None = None,
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


def iter_paths(paths: Iterable[Path]) -> Iterable[Path]:
    """Files as given, and the session files inside folders."""
    for path in paths:
        if path.is_dir():
            yield from session_files(path)
        else:
            yield path
