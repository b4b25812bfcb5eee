"""Noticing files that appear, change or go in a folder while the dashboard runs.

A partner's file dropped into a shared folder, or a ``git pull``, must show
without a restart. The dashboard polls: it keeps each session file's
modification time and size, and asks now and then which files differ.
Whether a changed file really changed is decided by its bytes (the digest),
not by the stamp. Pure Python, no Textual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .content import Checklist
from .store import SESSION_SUFFIX, SETTINGS_FILE, LoadedSession, load_session
from .toml.read import FileProblem, Problem

Stamp = tuple[int, int]
"""Modification time in nanoseconds and size in bytes."""


def stamps(folder: Path) -> dict[Path, Stamp]:
    """The stamp of every session file in ``folder`` (none when it is missing).

    The same files as :func:`store.session_files`, with one ``stat`` each: at
    10,000 files this runs every few seconds.
    """
    result: dict[Path, Stamp] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return result
    for entry in entries:
        name = entry.name
        if not name.endswith(SESSION_SUFFIX) or name == SETTINGS_FILE or name.startswith("."):
            continue
        try:
            if not entry.is_file():  # Only regular files, as the loader: a FIFO would hang it.
                continue
            status = entry.stat()
        except OSError:
            continue
        result[folder / name] = (status.st_mtime_ns, status.st_size)
    return result


@dataclass
class FolderChanges:
    """What differs from the stamps seen before, with the changed files loaded."""

    stamps: dict[Path, Stamp]
    loaded: list[LoadedSession] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.loaded or self.problems or self.removed)


def scan(folder: Path, before: dict[Path, Stamp], content: Checklist | None = None) -> FolderChanges:
    """Load the files that are new or whose stamp changed since ``before``; list the ones gone."""
    now = stamps(folder)
    changes = FolderChanges(stamps=now)
    for path, stamp in now.items():
        if before.get(path) == stamp:
            continue
        try:
            changes.loaded.append(load_session(path, content))
        except FileProblem as error:
            changes.problems.extend(error.problems)
    changes.removed = [path for path in before if path not in now]
    return changes
