"""A cache of validated session files, so that a second start skips parsing and validation.

Parsing TOML and validating 69 answers per file is most of the cost of loading
a large folder. The result for each file depends only on its bytes, on the
checklist it is checked against and on this version of samenwerk, so it is
stored under exactly that: every entry carries the SHA-256 of the file's
bytes, and the whole cache file carries a key made of the cache format, the
package, pydantic and Python versions, the source of the modules that decide
what a file validates to, and the checklist. Nothing is trusted blindly: every
file is read and hashed on every load (cheap next to parsing), and only an
entry whose hash matches is used. A cache file that is missing, unreadable,
corrupt or made under another key is ignored and rewritten.

One cache file per session folder (named by a hash of its absolute path) lives
in the user cache folder: ``$XDG_CACHE_HOME/samenwerk`` or
``~/.cache/samenwerk``; never next to the sessions, where it would be shared
with other people. A cache file is input like any other: another program or
user may have written it. So every cache file is signed (HMAC-SHA256) with a
per-user key kept outside the cache folder, in the user's config folder with
mode 0600 (see :func:`cache_secret`), and nothing in it is unpickled before
the signature is checked: only what samenwerk itself validated and wrote can
reach the screen. Unpickling then still accepts only the session model
classes and plain values. Without a usable key there is no cache. No Textual here.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import os
import pickle
import secrets
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .content import Checklist
from .model import Session
from .store import FolderLoad, LoadedSession, load_session, no_garbage_collection, parse_session, session_files
from .toml.read import MAX_FILE_SIZE, FileProblem, Problem, digest_bytes

CACHE_FORMAT = 3
"""Bump when the layout of the cache file changes."""

MAGIC = b"samenwerk-cache %d\n" % CACHE_FORMAT
"""The start of a cache file; the 32-byte signature of everything else follows."""

KEY_SIZE = 32
KEY_NAME = "cache-key"

PRUNE_AFTER_DAYS = 60
"""A folder's cache unused for this long is removed when another is written."""

_SOURCES = ("model.py", "scale.py", "textsafe.py", "cache.py", "store", "toml")
"""The modules whose code decides what a file loads to; a change in any of them invalidates the cache.

A name without ``.py`` is a package: every module in it counts, so that a
module added to it later counts without being named here."""

_MODEL_CLASSES = frozenset(
    {"Session", "Answer", "ItemNote", "LogEntry", "Action", "Collaboration", "Round", "Respondent", "ContentReference"}
)
_DATETIME_CLASSES = frozenset({"date", "datetime", "time", "timedelta", "timezone"})

Located = tuple[int | None, int | None, str]
"""A problem without its path (line, column, message): the path is the file's, whatever folder name it was loaded by."""


@dataclass
class _Entry:
    size: int
    mtime_ns: int
    digest: str
    session: bytes | None
    """The validated :class:`~samenwerk_tui.model.Session`, pickled on its own (so that rewriting
    the cache after one file changed does not pickle every session again); ``None`` for a file
    with problems."""
    problems: list[Located]
    """Warnings of a good file, or the problems of a bad one."""
    read_only_reason: str | None


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/samenwerk``, or ``~/.cache/samenwerk``."""
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "samenwerk"


def config_folder() -> Path:
    """``$XDG_CONFIG_HOME/samenwerk``, or ``~/.config/samenwerk``: where the cache key lives."""
    base = os.environ.get("XDG_CONFIG_HOME")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "samenwerk"


def cache_secret(folder: Path | None = None) -> bytes | None:
    """The user's key for signing cache files, made on first use; ``None`` when it cannot be trusted.

    A regular file of 32 random bytes, owned by the user and readable by
    nobody else (mode 0600, in a folder of mode 0700). A key that others
    could have read or written is not used, and neither is the cache.
    """
    path = (folder or config_folder()) / KEY_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(handle, "wb") as stream:
                stream.write(secrets.token_bytes(KEY_SIZE))
                stream.flush()
                os.fsync(stream.fileno())
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(handle, "rb") as stream:
            status = os.fstat(stream.fileno())
            secret = stream.read(KEY_SIZE + 1)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode) or len(secret) != KEY_SIZE:
        return None
    if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o077):
        return None
    return secret


def _signature(secret: bytes, payload: bytes | memoryview) -> bytes:
    signature = hmac.new(secret, MAGIC, hashlib.sha256)
    signature.update(payload)
    return signature.digest()


def cache_path(folder: Path, cache_dir: Path | None = None) -> Path:
    """The cache file for the session folder ``folder``."""
    name = hashlib.sha256(str(Path(folder).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return (cache_dir or cache_folder()) / f"sessions-{name}.pickle"


def _code_fingerprint() -> str:
    import pydantic

    digest = hashlib.sha256()
    for part in (str(CACHE_FORMAT), __version__, pydantic.VERSION, sys.version):
        digest.update(part.encode() + b"\0")
    for name, source in _source_files():
        digest.update(name.encode() + b"\0")
        try:
            digest.update(source.read_bytes())
        except OSError:
            # Without the source (a zipped install) the version alone must do.
            digest.update(b"?")
        digest.update(b"\0")
    return digest.hexdigest()


def _source_files() -> list[tuple[str, Path]]:
    """The files of :data:`_SOURCES` by their path in the package; a package not listable (zipped) by its name."""
    package = Path(__file__).resolve().parent
    files: list[tuple[str, Path]] = []
    for name in _SOURCES:
        modules = [package / name] if name.endswith(".py") else sorted((package / name).glob("*.py")) or [package / name]
        files.extend((module.relative_to(package).as_posix(), module) for module in modules)
    return files


def content_fingerprint(content: Checklist | None) -> str:
    """What of the checklist a loaded file depends on: its id, version, phases, items and questions."""
    if content is None:
        return "-"
    parts = [content.id, content.version, *content.phases, "|", *content.items, "|", *content.questions]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def cache_key(folder: Path, content: Checklist | None) -> tuple[str, ...]:
    return (f"samenwerk-cache-{CACHE_FORMAT}", str(Path(folder).resolve()), _code_fingerprint(), content_fingerprint(content))


class _SafeUnpickler(pickle.Unpickler):
    """Only the session models and the values TOML can hold; anything else is a corrupt cache."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "samenwerk_tui.model" and name in _MODEL_CLASSES:
            return super().find_class(module, name)
        if module == "datetime" and name in _DATETIME_CLASSES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not allowed in the cache: {module}.{name}")


def _read_cache(path: Path, key: tuple[str, ...], secret: bytes | None = None) -> dict[str, _Entry]:
    """The entries of the cache file at ``path`` if this user's key signed it under ``key``; otherwise none."""
    secret = secret if secret is not None else cache_secret()
    if secret is None:
        return {}
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    start = len(MAGIC) + hashlib.sha256().digest_size
    if not data.startswith(MAGIC) or len(data) < start:
        return {}
    if not hmac.compare_digest(data[len(MAGIC) : start], _signature(secret, memoryview(data)[start:])):
        return {}
    try:
        stream = io.BytesIO(data)  # shares the bytes, where a slice would copy them
        stream.seek(start)
        if _SafeUnpickler(stream).load() != key:
            return {}
        rows = _SafeUnpickler(stream).load()
        entries = {name: _Entry(*row) for name, row in rows.items()}
    except Exception:  # Any damage at all means: no cache.
        return {}
    return entries if all(_well_formed(entry) for entry in entries.values()) else {}


def _well_formed(entry: _Entry) -> bool:
    return (
        isinstance(entry.size, int)
        and isinstance(entry.mtime_ns, int)
        and isinstance(entry.digest, str)
        and isinstance(entry.session, (bytes, type(None)))
        and isinstance(entry.read_only_reason, (str, type(None)))
        and isinstance(entry.problems, list)
        and all(isinstance(problem, tuple) and len(problem) == 3 and isinstance(problem[2], str) for problem in entry.problems)
    )


def _unpickle_session(blob: bytes) -> Any | None:
    """The session in ``blob``, or ``None`` when it is damaged or not a session."""
    try:
        session = _SafeUnpickler(io.BytesIO(blob)).load()
    except Exception:  # A damaged entry is parsed again.
        return None
    return session if type(session) is Session else None


def _write_cache(path: Path, key: tuple[str, ...], entries: dict[str, _Entry], secret: bytes | None = None) -> None:
    """Replace the cache file atomically; a cache that cannot be written is simply not there next time."""
    secret = secret if secret is not None else cache_secret()
    if secret is None:
        return
    rows = {
        name: (entry.size, entry.mtime_ns, entry.digest, entry.session, entry.problems, entry.read_only_reason)
        for name, entry in entries.items()
    }
    try:
        payload = pickle.dumps(key, protocol=pickle.HIGHEST_PROTOCOL) + pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(MAGIC)
                stream.write(_signature(secret, payload))
                stream.write(payload)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError):
        return
    _prune(path)


def _prune(keep: Path) -> None:
    """Remove the caches of folders not loaded for a long time (moved, deleted, temporary)."""
    horizon = time.time() - PRUNE_AFTER_DAYS * 86400
    for other in keep.parent.glob("sessions-*.pickle"):
        try:
            if other != keep and other.stat().st_mtime < horizon:
                other.unlink()
        except OSError:
            pass


def _strip(problems: list[Problem]) -> list[Located]:
    return [(problem.line, problem.column, problem.message) for problem in problems]


def _problems(path: Path, located: list[Located]) -> list[Problem]:
    return [Problem(path, line, column, message) for line, column, message in located]


def _read(path: Path) -> tuple[bytes, os.stat_result] | None:
    """The bytes and status of ``path``, or ``None`` when it cannot be read within the size limit."""
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            data = handle.read(MAX_FILE_SIZE + 1)
    except OSError:
        return None
    if len(data) > MAX_FILE_SIZE:
        return None
    return data, status


def load_folder_cached(
    folder: Path,
    content: Checklist | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache_dir: Path | None = None,
) -> FolderLoad:
    """What :func:`~samenwerk_tui.store.load_folder` returns, from the cache where the bytes are unchanged.

    Every file is read and hashed; only files whose bytes differ from the
    cached ones are parsed and validated. The cache file is rewritten when
    anything changed.
    """
    with no_garbage_collection():
        return _load(folder, content, progress, cache_dir)


def _load(folder: Path, content: Checklist | None, progress: Callable[[int, int], None] | None, cache_dir: Path | None) -> FolderLoad:
    key = cache_key(folder, content)
    location = cache_path(folder, cache_dir)
    secret = cache_secret()
    cached = _read_cache(location, key, secret) if secret is not None else {}
    entries: dict[str, _Entry] = {}
    changed = False
    paths = session_files(folder)
    sessions: list[LoadedSession] = []
    problems: list[Problem] = []
    for index, path in enumerate(paths):
        read = _read(path)
        if read is None:
            # Unreadable or too big: the store says why, in Dutch; nothing to cache.
            try:
                sessions.append(load_session(path, content))
            except FileProblem as error:
                problems.extend(error.problems)
        else:
            data, status = read
            digest = digest_bytes(data)
            entry = cached.get(path.name)
            session = None
            if entry is not None and entry.digest == digest and entry.size == len(data):
                if entry.session is not None:
                    session = _unpickle_session(entry.session)
                    if session is None:
                        entry = None
            else:
                entry = None
            if entry is None:
                entry, session = _parse(path, data, digest, content)
                changed = True
            if entry.mtime_ns != status.st_mtime_ns:
                entry.mtime_ns = status.st_mtime_ns
                changed = True
            entries[path.name] = entry
            if session is None:
                problems.extend(_problems(path, entry.problems))
            else:
                sessions.append(
                    LoadedSession(
                        path=path,
                        session=session,
                        digest=digest,
                        warnings=_problems(path, entry.problems),
                        read_only_reason=entry.read_only_reason,
                    )
                )
        if progress is not None:
            progress(index + 1, len(paths))
    if secret is not None and (changed or entries.keys() != cached.keys()):
        _write_cache(location, key, entries, secret)
    elif secret is not None:
        # In use: keep it from being pruned.
        with contextlib.suppress(OSError):
            os.utime(location)
    return FolderLoad(sessions=sessions, problems=problems)


def _parse(path: Path, data: bytes, digest: str, content: Checklist | None) -> tuple[_Entry, Any | None]:
    try:
        loaded = parse_session(path, data, content)
    except FileProblem as error:
        return _Entry(len(data), 0, digest, None, _strip(error.problems), None), None
    blob = pickle.dumps(loaded.session, protocol=pickle.HIGHEST_PROTOCOL)
    return _Entry(len(data), 0, digest, blob, _strip(loaded.warnings), loaded.read_only_reason), loaded.session
