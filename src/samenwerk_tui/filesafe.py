"""Writing files so that nothing is ever half written, lost to a race, or left behind.

* :func:`atomic_write` writes a temporary file beside the target and moves it
  over the target: the old or the new file, never part of one.
* :func:`save_lock` makes a compare-and-replace one step between samenwerk
  processes: a lock file beside the target, held only around the pair.
* :func:`remove_stale_temporaries` removes the temporary files a process
  killed in the middle of a save leaves behind, and only those.
* :func:`os_error_message` says in Dutch why a file could not be read or
  written, for every place that reports one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

LOCK_TIMEOUT = 10.0
"""Seconds a save waits for another samenwerk process saving the same file."""

STALE_TEMPORARY_AGE = 10 * 60
"""Seconds after which an unlocked temporary file of ours is a leftover.

A save writes and renames its temporary file within a second; ten minutes
also covers a slow network folder.
"""

_TEMPORARY = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")
"""The name :func:`_create_temporary` gives: ``.<name>.<8 hex digits>.tmp``."""


class FileBusyError(OSError):
    """Another process kept the file locked longer than :data:`LOCK_TIMEOUT`; nothing was written.

    An :class:`OSError` (``EBUSY``), so that code reporting write errors reports this one too.
    """

    def __init__(self, path: Path):
        self.reason = "een ander programma is dit bestand aan het opslaan; probeer het zo opnieuw"
        super().__init__(errno.EBUSY, self.reason, str(path))
        self.path = path


# --- locks ----------------------------------------------------------------------

if sys.platform == "win32":
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        os.lseek(descriptor, 0, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: hidden, beside it (``.<name>.lock``)."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def save_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the save lock of ``path``; raise :class:`FileBusyError` after ``timeout`` seconds.

    ``timeout`` is :data:`LOCK_TIMEOUT` unless given.

    The lock is the operating system's (``flock``, ``msvcrt.locking``) on a
    lock file beside ``path``, so it ends with the process that holds it: a
    lock file left by a killed process is not locked, and the next save
    takes it over. No process ever decides that a lock is stale, so two
    cannot both decide it and both write. The holder removes the lock file
    while it still holds it; a waiter that then gets the lock on the removed
    file notices that the name now leads elsewhere and tries again.

    Where the file system has no locks (some network folders), the save goes
    ahead unlocked, as it would in any editor.
    """
    name = lock_path(path)
    deadline = time.monotonic() + (LOCK_TIMEOUT if timeout is None else timeout)
    pause = 0.001
    while True:
        descriptor = os.open(name, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        try:
            locked = _try_lock(descriptor)
        except OSError:  # No locks on this file system.
            os.close(descriptor)
            try:
                yield
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(name)
            return
        if locked and _names_file(name, descriptor):
            break
        if locked:
            _unlock(descriptor)
        os.close(descriptor)
        if time.monotonic() > deadline:
            raise FileBusyError(path)
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
    try:
        yield
    finally:
        if os.name != "nt":
            with contextlib.suppress(OSError):
                os.unlink(name)
        _unlock(descriptor)
        os.close(descriptor)
        if os.name == "nt":
            # Windows cannot remove a file another process has open; then that process uses it next.
            with contextlib.suppress(OSError):
                os.unlink(name)


def _names_file(name: Path, descriptor: int) -> bool:
    """Whether ``name`` is still the file open as ``descriptor`` (not removed or replaced)."""
    try:
        on_disk = os.stat(name)
    except FileNotFoundError:
        return False
    mine = os.fstat(descriptor)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


# --- atomic writes --------------------------------------------------------------


def atomic_write(path: Path, data: bytes | Iterable[bytes], *, replace: bool = True, check: Callable[[], None] | None = None) -> None:
    """Write ``data`` (bytes, or pieces of them) to ``path`` so that it is the old or the new file, never partial.

    A temporary file in the same folder is written, flushed and fsynced, given
    the old file's mode, and moved over the target; the folder is fsynced.
    With ``replace=False`` an existing file is never touched: FileExistsError,
    even when someone else creates it at the same moment (a shared folder).
    With ``check``, the move happens under :func:`save_lock`, right after
    ``check()``: an exception from it (a conflict) leaves the target as it is.
    """
    folder = path.parent
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None  # A new file gets the usual mode: 0666 less the umask.
    handle, temporary = _create_temporary(folder, path.name)
    stream = os.fdopen(handle, "wb")
    try:
        # Locked while in use (where locks exist), so no cleanup takes it for a leftover.
        with contextlib.suppress(OSError):
            _try_lock(handle)
        stream.writelines([data] if isinstance(data, bytes) else data)
        stream.flush()
        os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        if os.name == "nt":
            stream.close()  # Windows cannot rename a file that is open.
        with save_lock(path) if check is not None else contextlib.nullcontext():
            if check is not None:
                check()
            if replace:
                _replace(temporary, path)
            else:
                _link_new(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    finally:
        stream.close()
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


# --- leftovers ------------------------------------------------------------------


def remove_stale_temporaries(folder: Path, name: str | None = None, *, now: float | None = None) -> list[Path]:
    """Remove samenwerk's own temporary files in ``folder`` that no save is using; return them.

    Only names of our own pattern (``.<name>.<8 hex digits>.tmp``, of the file
    ``name`` when given), older than :data:`STALE_TEMPORARY_AGE` and not
    locked by a live save. A save whose file was taken anyway (paused for
    longer than the bound, on a file system without locks) fails to rename
    it and reports that; its target is never touched.
    """
    now = time.time() if now is None else now
    prefix = f".{name}." if name is not None else "."
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp") and _TEMPORARY.fullmatch(entry.name)):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or now - entry.stat(follow_symlinks=False).st_mtime < STALE_TEMPORARY_AGE:
                continue
            if _remove_unless_locked(Path(entry.path)):
                removed.append(Path(entry.path))
        except OSError:
            continue  # Gone already, or not ours to remove.
    return removed


def _remove_unless_locked(path: Path) -> bool:
    # Opened for writing: on NFS an exclusive lock needs it.
    descriptor = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        try:
            if not _try_lock(descriptor):
                return False
        except OSError:
            pass  # No locks here: the age alone decides.
        if os.name != "nt":
            os.unlink(path)
    finally:
        os.close(descriptor)
    if os.name == "nt":
        os.unlink(path)  # Fails while a save still has it open.
    return True


# --- errors of the operating system -------------------------------------------

# ``strerror`` is in the language of the C library (English): never shown.
# By name, since not every platform knows every code.
_OS_ERROR_TEXTS = (
    ("EACCES", "geen toestemming om hier te schrijven"),
    ("EPERM", "geen toestemming om hier te schrijven"),
    ("ENOSPC", "de schijf is vol"),
    ("EDQUOT", "de schijfruimte (quotum) is op"),
    ("EROFS", "de schijf is alleen-lezen"),
    ("ENOENT", "de map of het bestand bestaat niet (meer)"),
    ("ENOTDIR", "een deel van het pad is geen map"),
    ("EISDIR", "er staat een map met deze naam"),
    ("ENAMETOOLONG", "de bestandsnaam is te lang"),
    ("EIO", "lees- of schrijffout van de schijf"),
    ("EEXIST", "er staat al een bestand met deze naam"),
    ("EBUSY", "het bestand is in gebruik"),
    ("ETXTBSY", "het bestand is in gebruik"),
    ("EAGAIN", "het bestand is tijdelijk niet beschikbaar; probeer het opnieuw"),
    ("EINTR", "onderbroken; probeer het opnieuw"),
    ("EFBIG", "het bestand is te groot voor deze schijf"),
    ("EMFILE", "te veel open bestanden"),
    ("ENFILE", "te veel open bestanden"),
    ("ENOMEM", "te weinig geheugen"),
    ("ELOOP", "te veel symbolische koppelingen (een kring?)"),
    ("EXDEV", "het pad ligt op een andere schijf"),
    ("ENOTEMPTY", "de map is niet leeg"),
    ("EINVAL", "ongeldige bestandsnaam of bewerking"),
    ("ENOLCK", "het bestand kan niet worden vergrendeld"),
    ("ESTALE", "de netwerkschijf is niet meer bereikbaar"),
    ("ETIMEDOUT", "de schijf (netwerk) reageert niet"),
    ("EHOSTDOWN", "de netwerkschijf is niet bereikbaar"),
    ("ECONNABORTED", "de verbinding met de netwerkschijf is verbroken"),
    ("ENODEV", "het apparaat is niet beschikbaar"),
    ("ENXIO", "het apparaat is niet beschikbaar"),
    ("ENOTSUP", "deze schijf kan dit niet"),
    ("EOPNOTSUPP", "deze schijf kan dit niet"),
)
_OS_ERRORS: dict[int, str] = {}
for _name, _text in _OS_ERROR_TEXTS:
    if hasattr(errno, _name):
        _OS_ERRORS.setdefault(getattr(errno, _name), _text)


def os_error_message(error: OSError) -> str:
    """Why a file could not be read or written, in Dutch (``strerror`` is English).

    An error without a Dutch text is named by its code (``ENOLINK``), never by
    the C library's English sentence.
    """
    if isinstance(error, PermissionError):
        return _OS_ERRORS[errno.EACCES]
    if error.errno in _OS_ERRORS:
        return _OS_ERRORS[error.errno]
    if isinstance(error, FileNotFoundError):
        return _OS_ERRORS[errno.ENOENT]
    code = errno.errorcode.get(error.errno, str(error.errno)) if error.errno is not None else None
    if code is None:
        return "onbekende fout van het besturingssysteem"
    return f"fout van het besturingssysteem ({code})"
