"""Reading the session folder, in a thread worker, after the dashboard's first paint.

:func:`load_folder` only posts messages (progress, the loaded workspace, or
why nothing can be shown); the app's handlers own the state.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from .messages import LoadFailed, LoadProgress, WorkspaceLoaded

if TYPE_CHECKING:
    from ..settings import Settings

PROGRESS_INTERVAL = 0.25
"""Seconds between two updates of the loading message."""


@dataclass(frozen=True)
class FolderToLoad:
    """What the command line asked for."""

    folder: Path
    content_folder: Path | None = None
    settings: Settings | None = None
    """Settings given by the caller (tests); otherwise read from the folder."""
    respondent: str | None = None
    session_path: Path | None = None


def load_folder(request: FolderToLoad, post: Callable[[Message], object]) -> None:
    """Load the checklist, the settings and every session file; runs in a thread."""
    import gc

    from ..cache import load_folder_cached
    from ..content import load_content
    from ..folderwatch import stamps
    from ..settings import SettingsLoad, read_settings
    from ..toml.read import FileProblem
    from ..workspace import Workspace

    try:
        content = load_content(request.content_folder)
    except FileProblem as error:
        post(LoadFailed(error.problems))
        return
    # A broken settings file never stops the app: what is wrong falls back
    # to its default and is listed with the other problems.
    settings_load = SettingsLoad(request.settings) if request.settings else read_settings(request.folder)
    # A few updates a second: a message per file would lay out the screen per file.
    last_shown = [time.monotonic()]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last_shown[0] >= PROGRESS_INTERVAL:
            last_shown[0] = now
            post(LoadProgress(done, total))

    stamps_before_load = stamps(request.folder)
    load = load_folder_cached(request.folder, content, progress=progress)
    workspace = Workspace.from_load(request.folder, content, load, request.respondent, request.session_path)
    workspace.problems = [*settings_load.problems, *workspace.problems]
    # The loaded sessions live as long as the workspace and hold no cycles: keep the
    # collector from walking them again on every full collection, which takes seconds
    # with a long history. (A reload's old sessions are freed by reference counting.)
    gc.freeze()
    post(WorkspaceLoaded(workspace, settings_load.settings, stamps_before_load))
