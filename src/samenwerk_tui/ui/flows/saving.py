"""Where saving needs the user: a file someone else changed, and quit or reload with changes unsaved.

:class:`~samenwerk_tui.ui.autosave.Autosave` saves; this decides what happens
when it cannot. A file changed on disk asks (reload, keep a copy, overwrite,
later); leaving waits for every save and lets the user choose for what could
not be saved. Nothing typed is dropped without the user's explicit word.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .. import text
from ..autosave import PendingFile, SaveOutcome, SaveState
from ..status import StatusBar

if TYPE_CHECKING:
    from ...model import Session
    from ...store import LoadedSession
    from ..ports import Dashboard

Leaving = Literal["afsluiten", "herladen"]


class SaveFlows:
    """The conflict dialog and the way out (quit, reload) for one dashboard."""

    def __init__(self, app: Dashboard, clock: Callable[[], str]) -> None:
        self.app = app
        self.clock = clock
        """The time of day (HH:MM) the status bar shows for a save."""
        self.leaving = False
        """Quit or reload waits for the saves; a second ctrl+q meanwhile does nothing more."""
        self.conflict_open = False

    # --- what the autosave reports ---------------------------------------------------

    def write_draft(self, loaded: LoadedSession, draft: Session, force: bool) -> LoadedSession:
        """Write a draft over its file; runs in a thread (see :class:`~..autosave.Autosave`)."""
        from ...store import save_session

        assert self.app.workspace is not None
        return save_session(loaded, draft, self.app.workspace.content, today=self.app.today, force=force)

    def save_ended(self, pending: PendingFile, outcome: SaveOutcome) -> None:
        """A save ended: show it; a file changed by someone else asks the user (never while leaving)."""
        app = self.app
        assert app.workspace is not None
        current = app.workspace.current
        is_current = current is not None and current.path == pending.path
        if outcome is SaveOutcome.SAVED:
            app.workspace.replace(pending.loaded)
            app.query_one(StatusBar).saved_at = self.clock()
        elif outcome is SaveOutcome.FAILED:
            app.notify(text.save_failed_kept(pending.path.name, pending.machine.reason), severity="error", timeout=10, markup=False)
        elif is_current and not self.leaving:
            self.ask_conflict(pending.path)
        elif not self.leaving:
            self.keep_conflicted_copy(pending)
        if is_current:
            app.show_status()

    # --- a file changed by someone else ---------------------------------------------

    def ask_conflict(self, path: Path) -> None:
        """Ask what happens to the draft of ``path``, whose file changed on disk (once at a time).

        Pushed at once, not from a worker: the keys typed right after the change
        that found the conflict reach the dialog (which ignores them for a moment).
        """
        from ..dialogs.files import ConflictDialog

        if self.conflict_open:
            return
        self.conflict_open = True
        self.app.push_screen(ConflictDialog(path.name), lambda choice: self._resolve_conflict(path, choice))

    def _resolve_conflict(self, path: Path, choice: str | None) -> None:
        from ...store import load_session, save_copy
        from ...toml.read import FileProblem

        app = self.app
        self.conflict_open = False
        pending = app.autosave.files.get(path)
        if pending is None or pending.machine.state is not SaveState.CONFLICT or app.workspace is None:
            return
        if choice == "overwrite":
            app.autosave.overwrite(path)
            return
        if choice is None:
            # Later: the draft stays; the next change asks again, and quit keeps it as a copy.
            app.show_status()
            return
        if choice == "copy":
            try:
                copy = save_copy(pending.draft, path, app.workspace.content)
            except OSError as error:
                self._notify_save_error(path, error)
                return
            app.workspace.replace(copy)
            app.notify(text.copy_saved(copy.path.name), timeout=10, markup=False)
        try:
            reloaded = load_session(path, app.workspace.content)
        except FileProblem as error:
            app.notify("; ".join(str(problem) for problem in error.problems), severity="error", timeout=15, markup=False)
            return
        app.autosave.forget(path)
        app.workspace.replace(reloaded)
        if app.workspace.current is not None and app.workspace.current.path == path:
            app.draft = reloaded.session.model_copy(deep=True)
            app.refresh_all()

    def keep_conflicted_copy(self, pending: PendingFile) -> str | None:
        """Keep a draft whose file someone else changed as a copy beside that file; its name, or ``None``."""
        from ...store import save_copy

        app = self.app
        assert app.workspace is not None
        try:
            copy = save_copy(pending.draft, pending.path, app.workspace.content)
        except OSError as error:
            self._notify_save_error(pending.path, error)
            return None
        app.autosave.forget(pending.path)
        app.workspace.replace(copy)
        app.notify(text.copy_saved_conflict(copy.path.name), severity="warning", timeout=10, markup=False)
        return copy.path.name

    def _notify_save_error(self, path: Path, error: OSError) -> None:
        from ...store import os_error_message

        self.app.notify(text.save_failed(path.name, os_error_message(error)), severity="error", timeout=15, markup=False)

    # --- leaving: quit and reload -------------------------------------------------------

    def quit(self) -> None:
        """Save everything (waiting for a save that runs), then quit; what cannot be saved, the user decides."""
        if not self.leaving:
            self.leaving = True
            self.app.run_worker(self._quit_when_saved(), group="leave", exit_on_error=False, description="save, then quit")

    def reload(self) -> None:
        """Read the folder again, once every change is saved (or the user chose what happens to it)."""
        if not self.leaving:
            self.leaving = True
            self.app.run_worker(self._reload_when_saved(), group="leave", exit_on_error=False, description="save, then reload")

    async def _quit_when_saved(self) -> None:
        try:
            done, notices = await self._settle_unsaved("afsluiten")
        finally:
            self.leaving = False
        if done:
            self.app.exit(0, message="\n".join(notices) or None)

    async def _reload_when_saved(self) -> None:
        try:
            done, notices = await self._settle_unsaved("herladen")
        finally:
            self.leaving = False
        for notice in notices:
            self.app.notify(notice, timeout=10, markup=False)
        if done:
            self.app.load_workspace()

    async def _settle_unsaved(self, leaving: Leaving) -> tuple[bool, list[str]]:
        """Save everything; what cannot be saved, the user decides about. Runs in a worker.

        Returns whether the app may go on ``leaving`` and the notices for the
        user (copies that were made).
        """
        from ..dialogs.files import UnsavedDialog

        app = self.app
        notices: list[str] = []
        while True:
            unsaved = await app.autosave.flush()
            for pending in [pending for pending in unsaved if pending.machine.state is SaveState.CONFLICT]:
                name = self.keep_conflicted_copy(pending)
                if name is not None:
                    notices.append(text.copy_on_quit(name))
            unsaved = app.autosave.unsaved
            if not unsaved:
                return True, notices
            reasons = [(pending.path.name, pending.machine.reason or text.CHANGED_ON_DISK) for pending in unsaved]
            choice = await app.push_screen(UnsavedDialog(leaving, reasons, Path.home()), wait_for_dismiss=True)
            if choice is None:
                app.show_status()
                return False, notices
            if choice == "retry":
                continue
            if choice == "discard":
                for pending in unsaved:
                    app.autosave.forget(pending.path)
                return True, notices
            notices.extend(self._copy_elsewhere(unsaved, Path(choice)))

    def _copy_elsewhere(self, unsaved: list[PendingFile], folder: Path) -> list[str]:
        """Write each unsaved draft as a copy in ``folder`` (chosen by the user)."""
        from ...store import save_copy

        app = self.app
        assert app.workspace is not None
        notices = []
        for pending in unsaved:
            try:
                copy = save_copy(pending.draft, folder / pending.path.name, app.workspace.content)
            except OSError as error:
                self._notify_save_error(folder / pending.path.name, error)
                continue
            app.autosave.forget(pending.path)
            notices.append(text.copy_kept_elsewhere(str(copy.path)))
        return notices
