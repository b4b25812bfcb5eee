"""Autosave: every change reaches the disk, or the user decides what happens to it.

Two parts. :class:`SaveMachine` is the state of one file's unsaved changes, a
small pure state machine (no Textual) that the tests walk through every
transition. :class:`Autosave` drives it for the dashboard: a debounce timer
per file, one save at a time per file in a worker, and :meth:`Autosave.flush`,
which quit, reload and import await so that nothing is dropped while a save
runs, and a failed save is tried again before anything leaves.

A file's draft stays here until it is saved: switching to another respondent
starts saving the old one at once, and switching back picks up the draft with
the changes that were not written yet.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer
    from textual.worker import Worker

    from ..model import Session
    from ..store import LoadedSession


class SaveState(enum.Enum):
    SAVED = "saved"
    """Nothing to save: the file holds the draft."""
    DIRTY = "dirty"
    """Changed; a save is due."""
    SAVING = "saving"
    """A save runs for everything changed so far."""
    SAVING_DIRTY = "saving_dirty"
    """A save runs, and something changed after it started: another save follows."""
    FAILED = "failed"
    """The last save failed (disk full, no permission): the change waits and is tried again."""
    CONFLICT = "conflict"
    """The file changed on disk since it was loaded: nothing is written until the user chooses."""


class SaveMachine:
    """The unsaved-changes state of one file. Methods are the events; each returns nothing.

    ========== ========= =========== ========= ========= ========
    state      change    begin       succeed   fail      conflict
    ========== ========= =========== ========= ========= ========
    SAVED      DIRTY     (no save)   —         —         —
    DIRTY      DIRTY     SAVING      —         —         —
    SAVING     SAV_DIRTY —           SAVED     FAILED    CONFLICT
    SAV_DIRTY  SAV_DIRTY —           DIRTY     FAILED    CONFLICT
    FAILED     FAILED    SAVING      —         —         —
    CONFLICT   CONFLICT  (no save)   —         —         —
    ========== ========= =========== ========= ========= ========

    ``resolve`` leaves a conflict (the user chose), ``discard`` drops the
    change on the user's explicit word, and ``force`` lets the next save
    overwrite the file on disk (the conflict dialog's "overwrite").
    """

    def __init__(self) -> None:
        self.state = SaveState.SAVED
        self.reason = ""
        """Why the last save failed, in Dutch."""
        self.force = False

    def __repr__(self) -> str:
        return f"SaveMachine({self.state.name})"

    @property
    def pending(self) -> bool:
        """Something the user changed is not on disk yet."""
        return self.state is not SaveState.SAVED

    @property
    def busy(self) -> bool:
        return self.state in (SaveState.SAVING, SaveState.SAVING_DIRTY)

    @property
    def due(self) -> bool:
        """A save may start now."""
        return self.state in (SaveState.DIRTY, SaveState.FAILED)

    def change(self) -> None:
        if self.state is SaveState.SAVED:
            self.state = SaveState.DIRTY
        elif self.state is SaveState.SAVING:
            self.state = SaveState.SAVING_DIRTY

    def begin(self) -> bool:
        """Start a save if one is due; ``False`` when none may start now."""
        if not self.due:
            return False
        self.state = SaveState.SAVING
        return True

    def succeed(self) -> None:
        if self.busy:
            self.state = SaveState.DIRTY if self.state is SaveState.SAVING_DIRTY else SaveState.SAVED
            self.reason = ""
            self.force = False

    def fail(self, reason: str) -> None:
        if self.busy:
            self.state = SaveState.FAILED
            self.reason = reason

    def conflict(self) -> None:
        if self.busy:
            self.state = SaveState.CONFLICT

    def resolve(self, overwrite: bool) -> None:
        """The user chose in the conflict dialog: overwrite (save with force) or not (the draft is kept elsewhere)."""
        if self.state is SaveState.CONFLICT:
            self.state = SaveState.DIRTY if overwrite else SaveState.SAVED
            self.force = overwrite

    def discard(self) -> None:
        """The user chose to drop the unsaved change."""
        if not self.busy:
            self.state = SaveState.SAVED
            self.reason = ""
            self.force = False


class SaveOutcome(enum.Enum):
    SAVED = "saved"
    FAILED = "failed"
    CONFLICT = "conflict"


@dataclass(eq=False)
class PendingFile:
    """One file's draft and its unsaved-changes state."""

    loaded: LoadedSession
    """What the draft was loaded from, or last saved as: its digest guards the file on disk."""
    draft: Session
    machine: SaveMachine = field(default_factory=SaveMachine)
    timer: Timer | None = None
    worker: Worker[None] | None = None

    @property
    def path(self) -> Path:
        return self.loaded.path


SaveFunction = Callable[["LoadedSession", "Session", bool], "LoadedSession"]
"""Writes a draft over its file (in a thread); raises on conflict or failure."""
FailureReason = Callable[[BaseException], "str | None"]
"""The Dutch reason a save failed, or ``None`` when the error means "changed on disk"."""
Listener = Callable[[PendingFile, SaveOutcome], None]


RETRY_DELAY = 5.0
"""Seconds before a failed save is tried again by itself."""


class Autosave:
    """Saves drafts debounced, one save at a time per file, and never drops one."""

    def __init__(self, app: App[Any], save: SaveFunction, reason: FailureReason, listener: Listener, delay: float) -> None:
        self._app = app
        self._save = save
        self._reason = reason
        self._listener = listener
        self.delay = delay
        self.files: dict[Path, PendingFile] = {}

    # --- what the app asks -------------------------------------------------------

    def draft_for(self, path: Path) -> Session | None:
        """The draft of ``path`` with changes that are not on disk yet, if there is one."""
        pending = self.files.get(path)
        return pending.draft if pending is not None and pending.machine.pending else None

    def state_of(self, path: Path) -> SaveState:
        pending = self.files.get(path)
        return pending.machine.state if pending is not None else SaveState.SAVED

    @property
    def unsaved(self) -> list[PendingFile]:
        return [pending for pending in self.files.values() if pending.machine.pending]

    # --- events ----------------------------------------------------------------------

    def changed(self, loaded: LoadedSession, draft: Session) -> None:
        """The draft of ``loaded`` changed: save it once the user pauses."""
        pending = self.files.get(loaded.path)
        if pending is None or pending.draft is not draft:
            pending = self.files[loaded.path] = PendingFile(loaded, draft)
        pending.machine.change()
        self._stop_timer(pending)
        pending.timer = self._app.set_timer(self.delay, lambda: self.save_now(pending.path))

    def save_now(self, path: Path) -> None:
        """Start saving ``path`` now, if a save is due (a running one is followed by another)."""
        pending = self.files.get(path)
        if pending is None:
            return
        self._stop_timer(pending)
        if pending.machine.begin():
            snapshot = pending.draft.model_copy(deep=True)
            pending.worker = self._app.run_worker(
                self._write(pending, pending.loaded, snapshot, pending.machine.force),
                group="save",
                exit_on_error=False,
            )

    def overwrite(self, path: Path) -> None:
        """The user chose to overwrite the file that changed on disk."""
        pending = self.files.get(path)
        if pending is not None:
            pending.machine.resolve(overwrite=True)
            self.save_now(path)

    def forget(self, path: Path) -> None:
        """Drop ``path``'s draft: saved, kept elsewhere, or discarded on the user's word."""
        pending = self.files.pop(path, None)
        if pending is not None:
            self._stop_timer(pending)
            pending.machine.discard()

    async def flush(self) -> list[PendingFile]:
        """Save everything unsaved, waiting for saves that run; return what could not be saved.

        A failed save is tried once more (the disk may have been freed); a
        file that changed on disk stays in conflict for the user to decide.
        """
        retried: set[Path] = set()
        while True:
            for pending in list(self.files.values()):
                if pending.machine.state is SaveState.FAILED:
                    if pending.path in retried:
                        continue
                    retried.add(pending.path)
                if pending.machine.due:
                    self.save_now(pending.path)
            running = [pending.worker for pending in self.files.values() if pending.machine.busy and pending.worker is not None]
            if not running:
                break
            await asyncio.gather(*(worker.wait() for worker in running), return_exceptions=True)
        for path in [path for path, pending in self.files.items() if not pending.machine.pending]:
            self.forget(path)
        return self.unsaved

    # --- internals ------------------------------------------------------------------

    def _stop_timer(self, pending: PendingFile) -> None:
        if pending.timer is not None:
            pending.timer.stop()
            pending.timer = None

    async def _write(self, pending: PendingFile, loaded: LoadedSession, snapshot: Session, force: bool) -> None:
        try:
            saved = await asyncio.to_thread(self._save, loaded, snapshot, force)
        except Exception as error:  # every failure keeps the change: nothing may get lost here
            reason = self._reason(error)
            if reason is None:
                pending.machine.conflict()
                self._listener(pending, SaveOutcome.CONFLICT)
            else:
                pending.machine.fail(reason)
                self._listener(pending, SaveOutcome.FAILED)
                pending.timer = self._app.set_timer(RETRY_DELAY, lambda: self.save_now(pending.path))
            return
        pending.loaded = saved
        # The file's date changed only if the content did; the draft follows it.
        pending.draft.updated = saved.session.updated
        pending.machine.succeed()
        self._listener(pending, SaveOutcome.SAVED)
        if pending.machine.due and pending.timer is None:
            self.save_now(pending.path)


def failure_reason(error: BaseException) -> str | None:
    """Why a save failed, in Dutch; ``None`` when the file changed on disk (a conflict, not a failure)."""
    from ..store import ConflictError, ReadOnlyError, os_error_message
    from ..toml.write import TomlWriteError
    from . import text

    if isinstance(error, ConflictError):
        return None
    if isinstance(error, ReadOnlyError):
        return error.reason
    if isinstance(error, OSError):
        return os_error_message(error)
    if isinstance(error, TomlWriteError):
        return text.NOT_WRITABLE_AS_TOML
    reason = getattr(error, "reason", None)
    return reason if isinstance(reason, str) and reason else text.save_error_unexpected(type(error).__name__)
