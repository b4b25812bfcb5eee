"""Dialogs that edit what a respondent wrote: a note, an action."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ...dutch import parse_date
from ...model import ACTION_STATUSES, Action, Answer, check_field, new_action_id
from ...toml.messages import validation_reasons
from .base import FORM_CSS

if TYPE_CHECKING:
    from ...content import Checklist


class NoteEditor(ModalScreen[str | None]):
    """A multi-line editor for a note. Esc leaves it and keeps what was typed."""

    BINDINGS = [
        Binding("escape", "close", "Klaar", id="note.close"),
        Binding("ctrl+s", "close", "Klaar", show=False, id="note.save"),
    ]

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.title_text = title
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog note-dialog"):
            yield Static(Content.styled(self.title_text, "bold"), classes="dialog-title")
            # The hint above the editor, so a long question at 80×24 cannot push it out of sight.
            yield Static(Content.styled("Esc: klaar (de notitie wordt bewaard)", "dim"))
            yield Static("", id="note-error", classes="dialog-error")
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        self.edited = False
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(TextArea.Changed)
    def _changed(self) -> None:
        self.edited = True

    def action_close(self) -> None:
        """Keep what was typed; a note only looked at is left exactly as it was in the file."""
        if not self.edited:
            self.dismiss(None)
            return
        text = self.query_one(TextArea).text
        reason = check_field(Answer, "note", text)
        if reason is not None:
            # Stay open: nothing typed is lost, and nothing is saved that samenwerk could not read back.
            self.query_one("#note-error", Static).update(Content(f"Deze notitie {reason}; maak haar korter."))
            return
        self.dismiss(text)


STATUS_LABELS = {"open": "open", "bezig": "bezig", "gedaan": "gedaan", "vervallen": "vervallen"}


class ActionForm(ModalScreen[tuple[str, Action] | None]):
    """Add or edit an action: what, who, due date, status."""

    DEFAULT_CSS = FORM_CSS

    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", id="action.cancel"),
        Binding("ctrl+s", "save", "Bewaren", id="action.save"),
    ]

    def __init__(
        self,
        content: Checklist,
        item_id: str = "",
        round_label: str = "",
        today: dt.date | None = None,
        action_id: str | None = None,
        action: Action | None = None,
    ) -> None:
        super().__init__()
        self.checklist = content
        self.item_id = action.item if action else item_id
        self.round_label = round_label
        self.today = today or dt.date.today()
        self.action_id = action_id or new_action_id()
        self.action = action

    def compose(self) -> ComposeResult:
        action = self.action
        item = self.checklist.items.get(self.item_id)
        with VerticalScroll(classes="dialog action-dialog"):
            yield Static(Content.styled("Actie bewerken" if action else "Nieuwe actie", "bold"), classes="dialog-title")
            if item is not None:
                yield Static(Content.assemble(("Bij: ", "dim"), item.title))
            # One line per field, so the whole form fits in 80×24.
            with Horizontal(classes="form-row"):
                yield Label("Wat")
                yield Input(action.what if action else "", placeholder="wat moet er gebeuren?", id="action-what", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Wie")
                yield Input(action.who if action else "", placeholder="organisatie of persoon", id="action-who", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Deadline")
                yield Input(
                    f"{action.due:%d-%m-%Y}" if action and action.due else "",
                    placeholder="DD-MM-JJJJ, mag leeg",
                    id="action-due",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label("Status")
                yield Select(
                    [(STATUS_LABELS[status], status) for status in ACTION_STATUSES],
                    value=action.status if action else "open",
                    allow_blank=False,
                    id="action-status",
                    compact=True,
                )
            yield Static("", id="action-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons-row"):
                yield Button("Bewaren", id="save", variant="primary", compact=True)
                yield Button("Annuleren", id="cancel", compact=True)
            yield Static(Content.styled("Tab: volgend veld · ctrl+s: bewaren · Esc: annuleren", "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#action-what", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        error = self.query_one("#action-error", Static)
        what = self.query_one("#action-what", Input).value.strip()
        if not what:
            error.update(Content("Beschrijf wat er moet gebeuren."))
            self.query_one("#action-what", Input).focus()
            return
        due_text = self.query_one("#action-due", Input).value.strip()
        try:
            due = parse_date(due_text) if due_text else None
        except ValueError as problem:
            error.update(Content(f"Deadline: {problem}"))
            self.query_one("#action-due", Input).focus()
            return
        status = self.query_one("#action-status", Select).value
        values = {
            "what": what,
            "who": self.query_one("#action-who", Input).value.strip(),
            "due": due,
            "status": status,
        }
        # The same checks as when the file is read back, said here while the form is open.
        for field, label, input_id in (("what", "Wat", "#action-what"), ("who", "Wie", "#action-who")):
            reason = check_field(Action, field, values[field])
            if reason is not None:
                error.update(Content(f"{label} {reason}."))
                self.query_one(input_id, Input).focus()
                return
        if self.action is not None:
            action = self.action.model_copy(update=values)
        else:
            action = Action(**values, item=self.item_id, created=self.today, round=self.round_label)  # type: ignore[arg-type]
        try:
            checked = Action.model_validate(action.model_dump(by_alias=True))
        except ValidationError as problem:
            error.update(Content(validation_reasons(problem, limit=1, located=False)))
            return
        self.dismiss((self.action_id, checked))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
