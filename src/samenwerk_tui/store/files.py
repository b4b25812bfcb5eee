"""Session files on disk: load one, save it back safely, keep a copy, load a folder.

Saving compares the file on disk with what was loaded and replaces it in one
step under the save lock of :mod:`~samenwerk_tui.filesafe` (atomic write,
temporary files cleaned up); a file changed by someone else is never
overwritten silently (:class:`ConflictError`). Loading a folder never stops at
a bad file: the good files load and every bad one is a located, Dutch
:class:`~samenwerk_tui.toml.read.Problem`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..content import Checklist
from ..filesafe import atomic_write, os_error_message, remove_stale_temporaries
from ..model import Session
from ..toml.read import FileProblem, Problem, digest_bytes, read_toml
from .documents import (
    LoadedSession,
    check_readable,
    has_own_comments,
    preserving_bytes,
    same_session,
    serialize_session,
    session_from_document,
    writable_session,
)

SETTINGS_FILE = "samenwerk-instellingen.toml"
"""The collaboration's settings, beside the session files: named like one, but none."""
SESSION_SUFFIX = ".toml"


@dataclass
class FolderLoad:
    """The sessions of a folder that loaded, and the problems of the files that did not."""

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


def load_session(path: Path, content: Checklist | None = None) -> LoadedSession:
    return session_from_document(read_toml(path), content)


def current_digest(path: Path) -> str | None:
    try:
        return digest_bytes(path.read_bytes())
    except FileNotFoundError:
        return None


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
        preserved = preserving_bytes(path, on_disk, session, content)
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


# --- folders -----------------------------------------------------------------


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
