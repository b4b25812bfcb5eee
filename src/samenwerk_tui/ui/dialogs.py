"""Modal dialogs: each focuses its first control and gives focus back when closed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from ..dutch import parse_date
from ..model import ACTION_STATUSES, Action, new_action_id
from .render import first_line, score_symbol

if TYPE_CHECKING:
    from ..content import Content as ChecklistContent
    from ..model import Session
    from ..workspace import Workspace


FORM_CSS = """
.form-row {
    height: auto;
}
.form-row Label {
    width: 10;
    padding-top: 0;
}
.form-row Input, .form-row Select {
    width: 1fr;
}
"""


class DutchCommandPalette(CommandPalette):
    """Textual's command palette with its remaining English text in Dutch."""

    NO_MATCHES = "Geen opdrachten gevonden"

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2.8's own version, with the Dutch text.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(self.NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


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
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_close(self) -> None:
        self.dismiss(self.query_one(TextArea).text)


class ConflictDialog(ModalScreen[str | None]):
    """The file changed on disk while it was open here."""

    DEFAULT_CSS = """
    ConflictDialog .dialog-buttons {
        height: auto;
    }
    """

    BINDINGS = [
        Binding("r", "choose('reload')", "Herladen", id="conflict.reload"),
        Binding("k", "choose('copy')", "Kopie", id="conflict.copy"),
        Binding("o", "choose('overwrite')", "Overschrijven", id="conflict.overwrite"),
        Binding("escape", "choose(None)", "Later", id="conflict.later"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.file_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog conflict-dialog"):
            yield Static(Content.styled("Het bestand is door iemand anders gewijzigd", "bold"), classes="dialog-title")
            yield Static(
                Content.assemble(
                    (self.file_name, "bold"),
                    " is op schijf veranderd sinds samenwerk het laadde; uw laatste wijzigingen zijn nog niet opgeslagen.",
                )
            )
            # Compact buttons, so the dialog fits in 80×24.
            with Vertical(classes="dialog-buttons"):
                yield Button("r  Herladen: hun versie tonen, de mijne vervalt", id="reload", compact=True)
                yield Button("k  Mijn versie als kopie bewaren, hun versie laden", id="copy", variant="primary", compact=True)
                yield Button("o  Overschrijven met mijn versie", id="overwrite", variant="warning", compact=True)
                yield Button("Esc  Later beslissen", id="later", compact=True)

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "later" else event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


class SessionPicker(ModalScreen[Path | None]):
    """Pick another respondent or round."""

    BINDINGS = [Binding("escape", "cancel", "Annuleren", id="picker.cancel")]

    def __init__(self, workspace: "Workspace") -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        options = []
        current = self.workspace.current_path
        total = len(self.workspace.content.questions)
        ordered = self.workspace.ordered()
        # The collaboration's name only when the folder holds more than one: one line per session.
        several = len({loaded.session.collaboration.slug for loaded in ordered}) > 1
        for loaded in ordered:
            session = loaded.session
            answered = session.answered_count(list(self.workspace.content.questions))
            who = session.respondent.organisation + (f" ({session.respondent.role})" if session.respondent.role else "")
            marker = "▶ " if loaded.path == current else "  "
            prompt = Content.assemble(
                marker,
                (f"{session.round.label:<10}", "bold"),
                f"{who}  ",
                (f"{answered}/{total}", "dim"),
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
        current = str(self.workspace.current_path)
        for index, option in enumerate(option_list.options):
            if option.id == current:
                option_list.highlighted = index

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Path(event.option.id) if event.option.id else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


NO_RESULTS = "--geen-resultaten"


class SearchDialog(ModalScreen[str | None]):
    """Search the questions; Enter jumps to the chosen one."""

    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", id="search.cancel"),
        Binding("down", "focus_results", "Resultaten", show=False, id="search.results"),
    ]

    def __init__(self, content: "ChecklistContent", draft: "Session | None") -> None:
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
        from ..search import KIND_QUESTION, search

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
            results.add_option(Option(Content.styled("Niets gevonden; probeer een ander woord.", "dim italic"), id=NO_RESULTS, disabled=True))

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
        content: "ChecklistContent",
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
                yield Input(f"{action.due:%d-%m-%Y}" if action and action.due else "", placeholder="DD-MM-JJJJ, mag leeg", id="action-due", compact=True)
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
        if self.action is not None:
            action = self.action.model_copy(update=values)
        else:
            action = Action(**values, item=self.item_id, created=self.today, round=self.round_label)  # type: ignore[arg-type]
        self.dismiss((self.action_id, Action.model_validate(action.model_dump(by_alias=True))))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportDialog(ModalScreen[tuple[str, Path] | None]):
    """Choose a report format and where to write it."""

    BINDINGS = [Binding("escape", "cancel", "Annuleren", id="export.cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export-dialog"):
            yield Static(Content.styled("Rapport voor de stuurgroep exporteren", "bold"), classes="dialog-title")
            yield OptionList(
                Option("Markdown (.md) — leesbaar rapport", id="md"),
                Option("CSV (.csv) — voor Excel (puntkomma, decimale komma)", id="csv"),
                Option("JSON (.json) — voor andere programma's", id="json"),
                id="export-format",
            )
            yield Static(Content.styled("Enter: exporteren naar de sessiemap · Esc: annuleren", "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        fmt = event.option.id or "md"
        self.dismiss((fmt, self.folder / f"rapport.{fmt}"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ProblemsScreen(ModalScreen[None]):
    """A list of problems with files; with ``fatal`` the app cannot go on."""

    BINDINGS = [Binding("escape", "close", "Sluiten", id="problems.close")]

    def __init__(self, title: str, lines: list[str], fatal: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.fatal = fatal

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog problems-dialog"):
            yield Static(Content.styled(self.title_text, "bold"), classes="dialog-title")
            with VerticalScroll():
                yield Static(Content("\n").join(Content(line) for line in self.lines))
            hint = "Esc: afsluiten" if self.fatal else "Esc: sluiten"
            yield Static(Content.styled(hint, "dim"), classes="dialog-hint")

    def action_close(self) -> None:
        if self.fatal:
            self.app.exit(1, return_code=1)  # the CLI exits with the return code
        else:
            self.dismiss(None)

