"""The bar at the top: whose answers, which round, how far, and whether saved.

:meth:`StatusBar.show` sets the bar's reactive attributes from the dashboard's
state; the bar draws itself from them, and only when one of them changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from . import text
from .autosave import SaveState
from .render import date_text

if TYPE_CHECKING:
    from ..content import Checklist
    from ..model import Session
    from ..workspace import Workspace
    from .autosave import Autosave


@dataclass(frozen=True)
class OpenFile:
    """What the first line says about the open file."""

    respondent: str
    round_label: str
    collaboration: str
    round_date: dt.date
    phase: str
    """The phase the collaboration is in, as the checklist names it (lower case)."""
    phases: tuple[tuple[str, str], ...]
    """Id and name (lower case) of each phase of the checklist."""
    read_only: bool = False

    @classmethod
    def of(cls, draft: Session, content: Checklist, read_only: bool) -> OpenFile:
        phases = tuple((phase_id, phase.name.lower()) for phase_id, phase in content.phases.items())
        phase_now = content.phases[draft.phase].name.lower() if draft.phase in content.phases else draft.phase
        respondent = draft.respondent.organisation + (f" ({draft.respondent.role})" if draft.respondent.role else "")
        return cls(respondent, draft.round.label, draft.collaboration.name, draft.round.date, phase_now, phases, read_only)


class StatusBar(Static):
    """Two lines that never wrap: at 80 columns the tail is cut with an ellipsis,
    so the respondent comes first on the first line and the save state on the second."""

    DEFAULT_CSS = """
    StatusBar {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    folder: reactive[str | None] = reactive(None)
    """The session folder; ``None`` until it is loaded."""
    open_file: reactive[OpenFile | None] = reactive(None)
    """The open file; ``None`` when there is none."""
    progress: reactive[dict[str, tuple[int, int]]] = reactive(dict)
    """Answered/total for the whole checklist ("" key) and per phase."""
    save_state: reactive[SaveState] = reactive(SaveState.SAVED)
    save_reason: reactive[str] = reactive("")
    """Why the last save failed, in Dutch."""
    saved_at: reactive[str | None] = reactive(None)
    """When the open file was last saved (HH:MM), if it was."""

    def show(self, workspace: Workspace, draft: Session | None, autosave: Autosave) -> None:
        """Show the open file of ``workspace`` as ``draft`` has it, with its progress and its save state."""
        self.folder = str(workspace.folder)
        current = workspace.current
        if current is None or draft is None:
            self.open_file = None
            return
        pending = autosave.files.get(current.path)
        self.save_state = pending.machine.state if pending else SaveState.SAVED
        self.save_reason = pending.machine.reason if pending else ""
        self.progress = workspace.progress(draft)
        self.open_file = OpenFile.of(draft, workspace.content, read_only=bool(current.read_only_reason))

    def render(self) -> Content:
        open_file = self.open_file
        if self.folder is None:
            return Content("")
        if open_file is None:
            return Content(f"samenwerk · {self.folder} · geen sessies")
        done, total = self.progress.get("", (0, 0))
        phases = "  ".join(f"{name} {text.answered(*self.progress.get(phase_id, (0, 0)))}" for phase_id, name in open_file.phases)
        # Whose answers first: at 80 columns the collaboration's name and the date give way, not the respondent.
        line_one = Content.assemble(
            (open_file.respondent, "bold"),
            " · ronde ",
            (open_file.round_label, "bold"),
            " · ",
            (open_file.collaboration, "bold"),
            f" ({date_text(open_file.round_date)})",
        )
        line_two = Content.assemble(
            self._save_text(open_file),
            f"  ·  beantwoord {done}/{total}  ·  {phases}  ·  fase: {open_file.phase}",
        )
        return Content("\n").join([line_one, line_two])

    def _save_text(self, open_file: OpenFile) -> tuple[str, str]:
        """The save state in words, with its style."""
        state = self.save_state
        if open_file.read_only:
            return (text.READ_ONLY, "bold reverse")
        if state is SaveState.FAILED:
            return (text.SAVE_FAILED_STATE.format(reason=self.save_reason), "bold reverse")
        if state is SaveState.CONFLICT:
            return (text.CONFLICT_STATE, "bold reverse")
        if state is not SaveState.SAVED:
            return (text.UNSAVED, "bold")
        if self.saved_at:
            return (text.SAVED.format(time=self.saved_at), "")
        return (text.UNCHANGED, "dim")
