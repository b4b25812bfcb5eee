"""Dialogs that go somewhere: another session, a question found by searching."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..render import first_line, score_symbol
from .base import Dialog

if TYPE_CHECKING:
    from ...content import Checklist
    from ...model import Session
    from ...workspace import Workspace


class SessionPicker(Dialog[Path | None]):
    """Pick another respondent or round.

    Its keys are priority bindings and the choice is kept here, not only in
    the list: keys typed right after ctrl+o, even before the list is on
    screen, move and choose in order, and Enter switches before the next key.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", priority=True, id="picker.cancel"),
        Binding("enter", "choose", "Openen", priority=True, id="picker.open"),
        Binding("down,j", "move(1)", "Omlaag", show=False, priority=True, id="picker.down"),
        Binding("up,k", "move(-1)", "Omhoog", show=False, priority=True, id="picker.up"),
        Binding("pagedown", "move(10)", "Pagina omlaag", show=False, priority=True, id="picker.page-down"),
        Binding("pageup", "move(-10)", "Pagina omhoog", show=False, priority=True, id="picker.page-up"),
        Binding("home", "move(-100000)", "Eerste", show=False, priority=True, id="picker.first"),
        Binding("end", "move(100000)", "Laatste", show=False, priority=True, id="picker.last"),
    ]

    def __init__(self, workspace: Workspace, on_result: Callable[[Path | None], None] | None = None) -> None:
        super().__init__(on_result)
        self.workspace = workspace
        self.paths = [loaded.path for loaded in workspace.ordered()]
        self.index = self.paths.index(workspace.current_path) if workspace.current_path in self.paths else 0

    def compose(self) -> ComposeResult:
        options = []
        from ...analysis import answer_counts
        from ..analysis_text import participation_text

        current = self.workspace.current_path
        question_ids = list(self.workspace.content.questions)
        ordered = self.workspace.ordered()
        # The collaboration's name only when the folder holds more than one: one line per session.
        several = len({loaded.session.collaboration.slug for loaded in ordered}) > 1
        for loaded in ordered:
            session = loaded.session
            counts = participation_text(answer_counts(session, question_ids))
            who = session.respondent.organisation + (f" ({session.respondent.role})" if session.respondent.role else "")
            marker = "▶ " if loaded.path == current else "  "
            prompt = Content.assemble(
                marker,
                (f"{session.round.label:<10}", "bold"),
                f"{who}  ",
                (counts, "dim"),
                (f" · {session.collaboration.name}" if several else "", "dim"),
                (" · alleen-lezen" if loaded.read_only else "", "italic"),
            )
            options.append(Option(prompt, id=str(loaded.path)))
        with Vertical(classes="dialog picker-dialog"):
            yield Static(Content.styled("Andere sessie openen", "bold"), classes="dialog-title")
            yield OptionList(*options, id="sessions")
            yield Static(Content.styled("Enter: openen · Esc: annuleren", "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.focus()
        option_list.highlighted = self.index

    def action_move(self, delta: int) -> None:
        if not self.paths:
            return
        self.index = max(0, min(len(self.paths) - 1, self.index + delta))
        if self.is_mounted:
            self.query_one(OptionList).highlighted = self.index

    def action_choose(self) -> None:
        self.finish(self.paths[self.index] if self.paths else None)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # The mouse moves the choice too.
        if event.option_index is not None:
            self.index = event.option_index

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.finish(Path(event.option.id) if event.option.id else None)

    def action_cancel(self) -> None:
        self.finish(None)


NO_RESULTS = "--geen-resultaten"


class SearchDialog(ModalScreen[str | None]):
    """Search the questions; Enter jumps to the chosen one."""

    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", id="search.cancel"),
        Binding("down", "focus_results", "Resultaten", show=False, id="search.results"),
    ]

    def __init__(self, content: Checklist, draft: Session | None) -> None:
        super().__init__()
        self.checklist = content
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog search-dialog"):
            yield Static(Content.styled("Zoeken in vragen, notities en acties", "bold"), classes="dialog-title")
            yield Input(placeholder="Zoekwoord, bijvoorbeeld convenant of trekker", id="search-input")
            yield OptionList(id="search-results")
            yield Static(Content.styled("Enter: ga naar de vraag · ↓: naar de resultaten · Esc: annuleren", "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._fill("")

    def _fill(self, query: str) -> None:
        from ...search import KIND_QUESTION, search

        results = self.query_one(OptionList)
        results.clear_options()
        for index, hit in enumerate(search(self.checklist, self.draft, query)):
            if hit.kind == KIND_QUESTION:
                score = self.draft.score(hit.question_id) if self.draft else None
                prompt = Content.assemble((score_symbol(score), "bold"), " ", (hit.question_id, "dim"), " ", first_line(hit.text, 120))
            else:
                prompt = Content.assemble(("✎", "bold"), " ", (f"{hit.kind}:", "dim"), " ", first_line(hit.text, 120))
            # Option ids are unique; the question id follows the index.
            results.add_option(Option(prompt, id=f"{index}:{hit.question_id}"))
        if results.option_count:
            results.highlighted = 0
        else:
            results.add_option(
                Option(Content.styled("Niets gevonden; probeer een ander woord.", "dim italic"), id=NO_RESULTS, disabled=True)
            )

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        results = self.query_one(OptionList)
        if results.highlighted is not None and results.option_count:
            option = results.get_option_at_index(results.highlighted)
            if option.id and option.id != NO_RESULTS:
                self.dismiss(option.id.split(":", 1)[1])

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id != NO_RESULTS:
            self.dismiss(event.option.id.split(":", 1)[1])

    def action_focus_results(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
