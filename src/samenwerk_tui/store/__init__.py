"""Session files on disk: load, validate, save atomically, never lose a word.

A folder holds the session files of a collaboration, one per respondent and
round. The package has three parts:

* :mod:`.documents`: session documents, the bytes of a session file and the
  :class:`~samenwerk_tui.model.Session` they hold, both ways;
* :mod:`.files`: session files on disk, loaded, saved back only when nobody
  changed them meanwhile, kept as a copy, and loaded by the folder;
* :mod:`.new`: new sessions, and the file name per respondent.

The names below are the public API, re-exported so that callers import them
from ``samenwerk_tui.store``. A test that replaces one of them must patch it
in the module that looks it up (``store.files.atomic_write``), unless the
caller itself looks it up here at call time (the dashboard's ``save_session``).
``atomic_write``, ``os_error_message`` and ``FileBusyError`` come from
:mod:`~samenwerk_tui.filesafe`, for the writers that report errors as the
store does.
"""

from ..filesafe import FileBusyError, atomic_write, os_error_message
from .documents import (
    HEADER,
    SCHEMA_FILE,
    LoadedSession,
    NotWritableError,
    check_readable,
    content_warnings,
    has_own_comments,
    parse_session,
    same_session,
    serialize_session,
    session_document,
    session_from_document,
    writable_session,
)
from .files import (
    SESSION_SUFFIX,
    SETTINGS_FILE,
    SKIPPED,
    ConflictError,
    FolderLoad,
    ReadOnlyError,
    create_session_file,
    current_digest,
    is_kept_copy,
    iter_paths,
    list_session_files,
    load_folder,
    load_session,
    no_garbage_collection,
    save_copy,
    save_session,
    session_files,
)
from .new import carry_over, new_session, session_filename, session_identity, session_path, slugify

__all__ = [
    "HEADER",
    "SCHEMA_FILE",
    "SESSION_SUFFIX",
    "SETTINGS_FILE",
    "SKIPPED",
    "ConflictError",
    "FileBusyError",
    "FolderLoad",
    "LoadedSession",
    "NotWritableError",
    "ReadOnlyError",
    "atomic_write",
    "carry_over",
    "check_readable",
    "content_warnings",
    "create_session_file",
    "current_digest",
    "has_own_comments",
    "is_kept_copy",
    "iter_paths",
    "list_session_files",
    "load_folder",
    "load_session",
    "new_session",
    "no_garbage_collection",
    "os_error_message",
    "parse_session",
    "same_session",
    "save_copy",
    "save_session",
    "serialize_session",
    "session_document",
    "session_filename",
    "session_files",
    "session_from_document",
    "session_identity",
    "session_path",
    "slugify",
    "writable_session",
]
