"""Acties: every action of the collaboration, with owner, due date and status.

Actions live in the session files. The ones in the open session can be added,
edited and closed here; the others are shown with the file they come from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from .render import colour_style, date_text, first_line

if TYPE_CHECKING:
    from ..workspace import ActionRow
    from .app import SamenwerkApp

WHAT_WIDTH = 44
WHO_WIDTH = 24
ITEM_WIDTH = 32
"""Long texts are cut with an ellipsis in the table; the form shows them in full."""

STATUS_SYMBOLS = {"open": "○ open", "bezig": "◐ bezig", "gedaan": "● gedaan", "vervallen": "✕ vervallen"}


class ActionsView(Vertical):
    BINDINGS = [
        Binding("n,a", "new_action", "Nieuwe actie", id="actions.new"),
        Binding("e", "edit_action", "Bewerken", id="actions.edit"),
        Binding("g", "set_status('gedaan')", "Gedaan", id="actions.done"),
        Binding("x", "set_status('open')", "Heropenen", id="actions.reopen"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: dict[str, ActionRow] = {}

    @property
    def samenwerk(self) -> "SamenwerkApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(id="actions-summary", classes="view-summary")
        table: DataTable[Text] = DataTable(id="actions-table", cursor_type="row", zebra_stripes=True)
        # Deadline before the long "what", so overdue actions show at 80 columns too.
        table.add_columns("Status", "Deadline", "Wat", "Wie", "Item", "Bron")
        yield table

    def rebuild(self) -> None:
        workspace = self.samenwerk.workspace
        if workspace is None:
            return
        table = self.query_one(DataTable)
        selected = self._selected_id()
        table.clear()
        self.rows.clear()
        today = self.samenwerk.today
        draft = self.samenwerk.draft
        # The draft stands in for the open file: unsaved edits show at once.
        rows = workspace.action_rows(draft)
        overdue = 0
        open_count = 0
        locked = 0
        for row in rows:
            action = row.action
            late = action.is_overdue(today)
            overdue += late
            open_count += action.is_open()
            status = Text(STATUS_SYMBOLS.get(action.status, action.status), style="bold" if action.is_open() else "dim")
            if not row.editable:
                # Visible at 80 columns too, where the source column is off screen.
                status.append(" 🔒", style="dim")
                locked += 1
            due = Text(date_text(action.due))
            if late:
                due = Text(f"⚠ {date_text(action.due)} te laat", style=colour_style("bold red", not self.app.no_color))
            item = workspace.content.items.get(action.item)
            session = row.source.session
            source = f"{session.respondent.organisation} · {session.round.label}" + ("" if row.editable else " 🔒")
            table.add_row(
                status,
                due,
                Text(first_line(action.what, WHAT_WIDTH)),
                Text(first_line(action.who, WHO_WIDTH)),
                Text(first_line(item.title if item else action.item, ITEM_WIDTH), style="dim"),
                Text(source, style="dim"),
                key=row.action_id,
            )
            self.rows[row.action_id] = row
        # The keys are in the footer; one short line keeps the table high at 80×24.
        summary = f"{len(rows)} acties · {open_count} open · {overdue} te laat"
        if locked:
            summary += " · 🔒 in een ander bestand (ctrl+o)"
        self.query_one("#actions-summary", Static).update(Content(summary))
        if selected in self.rows:
            table.move_cursor(row=table.get_row_index(selected))

    def _selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            return None

    def _selected_row(self) -> "ActionRow | None":
        action_id = self._selected_id()
        row = self.rows.get(action_id) if action_id else None
        if row is None:
            self.app.notify("Er is geen actie gekozen.", severity="warning", timeout=3)
            return None
        if not row.editable:
            session = row.source.session
            self.app.notify(
                f"Deze actie staat in het bestand van {session.respondent.organisation} ({session.round.label}). "
                "Open die sessie (ctrl+o) om haar te bewerken.",
                severity="warning",
                timeout=6,
                markup=False,
            )
            return None
        return row

    def action_new_action(self) -> None:
        from .dialogs import ActionForm

        workspace, draft = self.samenwerk.workspace, self.samenwerk.draft
        if workspace is None or draft is None or not self.samenwerk.can_edit():
            return
        self.app.push_screen(
            ActionForm(workspace.content, round_label=draft.round.label, today=self.samenwerk.today),
            self._saved,
        )

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_action()

    def action_edit_action(self) -> None:
        from .dialogs import ActionForm

        row = self._selected_row()
        workspace = self.samenwerk.workspace
        if row is None or workspace is None or not self.samenwerk.can_edit():
            return
        self.app.push_screen(
            ActionForm(workspace.content, today=self.samenwerk.today, action_id=row.action_id, action=row.action),
            self._saved,
        )

    def _saved(self, result: object) -> None:
        if result is not None:
            action_id, action = result  # type: ignore[misc]
            self.samenwerk.set_action(action_id, action)

    def action_set_status(self, status: str) -> None:
        row = self._selected_row()
        if row is None or not self.samenwerk.can_edit():
            return
        self.samenwerk.set_action(row.action_id, row.action.model_copy(update={"status": status}))
