"""Acties: every action of the collaboration, with owner, due date and status.

Actions live in the session files. The ones in the open session can be added,
edited and closed here; the others are shown with the file they come from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from ..dutch import plural
from .render import colour_style, date_text, first_line

if TYPE_CHECKING:
    from ..model import Action
    from ..workspace import ActionRow
    from .ports import Dashboard

WHAT_WIDTH = 44
WHO_WIDTH = 24
ITEM_WIDTH = 32
"""Long texts are cut with an ellipsis in the table; the form shows them in full."""
NARROW = 110
"""Below this many columns each action takes two lines: item and source go under "what", so all fit at 80."""
NARROW_WHO_WIDTH = 16

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
        self._columns_narrow: bool | None = None
        """Which set of columns the table has: two-line rows below :data:`NARROW` columns."""

    @property
    def samenwerk(self) -> Dashboard:
        return cast("Dashboard", self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="actions-summary", classes="view-summary")
        yield DataTable(id="actions-table", cursor_type="row", zebra_stripes=True)

    def _narrow(self) -> bool:
        return self.app.size.width < NARROW

    def _set_columns(self, table: DataTable[Text], narrow: bool) -> None:
        table.clear(columns=True)
        # Deadline before the long "what", so overdue actions show at 80 columns too.
        if narrow:
            table.add_columns("Status · deadline", "Wie", "Wat · item · bron")
        else:
            table.add_columns("Status", "Deadline", "Wat", "Wie", "Item", "Bron")
        self._columns_narrow = narrow

    def on_resize(self) -> None:
        if self._columns_narrow is not None and self._columns_narrow != self._narrow():
            self.rebuild()

    def rebuild(self) -> None:
        workspace = self.samenwerk.workspace
        if workspace is None:
            return
        table = self.query_one(DataTable)
        selected = self._selected_id()
        narrow = self._narrow()
        self._set_columns(table, narrow)
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
            late_style = colour_style("bold red", not self.app.no_color)
            if late:
                due = Text(f"⚠ {date_text(action.due)} te laat", style=late_style)
            item = workspace.content.items.get(action.item)
            item_title = item.title if item else action.item
            session = row.source.session
            source = f"{session.respondent.organisation} · {session.round.label}" + ("" if row.editable else " 🔒")
            if narrow:
                width = max(20, self.app.size.width - 42)
                # The item cut short, so the source (organisation and round) shows as well.
                where = " · ".join(part for part in (first_line(item_title, width // 2), source) if part)
                what = Text(first_line(action.what, width))
                what.append("\n" + first_line(where, width), style="dim")
                when = status.copy()
                if late:
                    when.append(" te laat", style=late_style)
                when.append("\n")
                when.append(f"⚠ {date_text(action.due)}" if late else date_text(action.due), style=late_style if late else "")
                table.add_row(when, Text(first_line(action.who, NARROW_WHO_WIDTH)), what, key=row.action_id, height=2)
            else:
                table.add_row(
                    status,
                    due,
                    Text(first_line(action.what, WHAT_WIDTH)),
                    Text(first_line(action.who, WHO_WIDTH)),
                    Text(first_line(item_title, ITEM_WIDTH), style="dim"),
                    Text(source, style="dim"),
                    key=row.action_id,
                )
            self.rows[row.action_id] = row
        # The keys are in the footer; one short line keeps the table high at 80×24.
        summary = f"{plural(len(rows), 'actie')} · {open_count} open · {overdue} te laat"
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

    def _selected_row(self) -> ActionRow | None:
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
        from .dialogs.editing import ActionForm

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
        from .dialogs.editing import ActionForm

        row = self._selected_row()
        workspace = self.samenwerk.workspace
        if row is None or workspace is None or not self.samenwerk.can_edit():
            return
        self.app.push_screen(
            ActionForm(workspace.content, today=self.samenwerk.today, action_id=row.action_id, action=row.action),
            self._saved,
        )

    def _saved(self, result: tuple[str, Action] | None) -> None:
        if result is not None:
            action_id, action = result
            self.samenwerk.set_action(action_id, action)

    def action_set_status(self, status: str) -> None:
        row = self._selected_row()
        if row is None or not self.samenwerk.can_edit():
            return
        self.samenwerk.set_action(row.action_id, row.action.model_copy(update={"status": status}))
