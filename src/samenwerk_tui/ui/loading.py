"""Reading the session folder, in a thread worker, after the dashboard's first paint.

:func:`load_folder` only posts messages (progress, the loaded workspace, or
why nothing can be shown); :class:`FolderLoading` starts it and, called by the
app's handlers of those messages, puts what was read on screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widgets import Static

from . import tabs, text
from .editing import draft_of
from .messages import LoadFailed, LoadProgress, WorkspaceLoaded
from .render import plain

if TYPE_CHECKING:
    from ..settings import Settings
    from .ports import Dashboard

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


class FolderLoading:
    """The dashboard's loads of the folder: the first, which builds the tabs, and each reload."""

    def __init__(self, app: Dashboard, request: FolderToLoad) -> None:
        self.app = app
        self.request = request

    def start(self) -> None:
        load = partial(load_folder, self.request, self.app.post_message)
        self.app.run_worker(load, thread=True, exclusive=True, group="load", exit_on_error=False, description="load the session folder")

    def progress(self, message: LoadProgress) -> None:
        if self.app.workspace is None:
            self.app.query_one("#load-message", Static).update(plain(text.loading_progress(message.done, message.total)))

    def failed(self, message: LoadFailed) -> None:
        from .dialogs.files import ProblemsScreen

        app = self.app
        app.query_one("#loading").display = False
        app.query_one("#load-message", Static).update(plain(text.CONTENT_BROKEN))
        app.push_screen(ProblemsScreen(text.CONTENT_BROKEN, [str(problem) for problem in message.problems], fatal=True))

    async def loaded(self, message: WorkspaceLoaded) -> bool:
        """Show the workspace read, on the file open before if it is still there; ``True`` on the first load."""
        app = self.app
        first_load = app.workspace is None
        previous_path = app.workspace.current_path if app.workspace else None
        app.workspace = workspace = message.workspace
        app.settings = message.settings
        app.folder_stamps = message.stamps
        if previous_path is not None and any(loaded.path == previous_path for loaded in workspace.sessions):
            workspace.current_path = previous_path
        current = workspace.current
        app.draft = draft_of(current, app.autosave)
        if first_load:
            own_file = bool(self.request.session_path or self.request.respondent)
            await tabs.build_tabs(app, workspace.start_view(own_file=own_file))
        app.refresh_all(new_session=current is None or current.path != previous_path)
        if workspace.problems or (current and current.warnings):
            app.notify(
                text.problems_notice(len(workspace.problems), len(current.warnings) if current else 0), severity="warning", timeout=8
            )
        if current and current.read_only_reason:
            app.notify(text.read_only(current.read_only_reason), severity="warning", timeout=10, markup=False)
        if first_load and not workspace.sessions and not workspace.problems:
            app.action_set_up()
        elif first_load and not workspace.sessions:
            app.notify(text.nothing_to_open(workspace), severity="warning", timeout=30, markup=False)
        return first_load


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
