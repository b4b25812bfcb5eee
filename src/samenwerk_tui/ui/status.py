"""The bar at the top: whose answers, which round, how far, and whether saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from . import text
from .render import date_text

if TYPE_CHECKING:
    from .app import SamenwerkApp
    from .autosave import SaveState


class StatusBar(Static):
    """Two lines that never wrap: at 80 columns the tail is cut with an ellipsis,
    so the respondent comes first on the first line and the save state on the second."""

    DEFAULT_CSS = """
    StatusBar {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def show(self, app: SamenwerkApp, state: SaveState | None = None, reason: str = "") -> None:
        """Show the open file and its save state (``None``: nothing changed since it was loaded)."""
        from .autosave import SaveState
        workspace, draft = app.workspace, app.draft
        if workspace is None:
            return
        current = workspace.current
        if current is None or draft is None:
            self.update(Content(f"samenwerk · {workspace.folder} · geen sessies"))
            return
        progress = workspace.progress(draft)
        done, total = progress[""]
        respondent = draft.respondent.organisation + (f" ({draft.respondent.role})" if draft.respondent.role else "")
        phases = "  ".join(
            f"{phase.name.lower()} {text.answered(*progress[phase_id])}" for phase_id, phase in workspace.content.phases.items()
        )
        if current.read_only_reason:
            shown = (text.READ_ONLY, "bold reverse")
        elif state is SaveState.FAILED:
            shown = (text.SAVE_FAILED_STATE.format(reason=reason), "bold reverse")
        elif state is SaveState.CONFLICT:
            shown = (text.CONFLICT_STATE, "bold reverse")
        elif state is not None and state is not SaveState.SAVED:
            shown = (text.UNSAVED, "bold")
        elif app.saved_at:
            shown = (text.SAVED.format(time=app.saved_at), "")
        else:
            shown = (text.UNCHANGED, "dim")
        # Whose answers first: at 80 columns the collaboration's name and the date give way, not the respondent.
        line_one = Content.assemble(
            (respondent, "bold"),
            " · ronde ",
            (draft.round.label, "bold"),
            " · ",
            (draft.collaboration.name, "bold"),
            f" ({date_text(draft.round.date)})",
        )
        phase_now = workspace.content.phases[draft.phase].name.lower() if draft.phase in workspace.content.phases else draft.phase
        line_two = Content.assemble(
            shown,
            f"  ·  beantwoord {done}/{total}  ·  {phases}  ·  fase: {phase_now}",
        )
        self.update(Content("\n").join([line_one, line_two]))
