"""Modal dialogs: each focuses its first control and gives focus back when closed."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from ..dutch import parse_date
from ..model import ACTION_STATUSES, Action, Answer, check_field, new_action_id
from ..toml.read import validation_reasons
from .render import first_line, score_symbol

if TYPE_CHECKING:
    from ..content import Checklist
    from ..model import Session
    from ..workspace import Workspace


ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal whose result the app applies at once, before the next key is handled.

    ``push_screen``'s callback runs only after the app's current message, so a
    key typed right after Enter could still act on the state from before the
    dialog (the previous respondent, the old round). ``finish`` closes the
    dialog and applies ``on_result`` in one step.
    """

    def __init__(self, on_result: Callable[[ResultType], None] | None = None) -> None:
        super().__init__()
        self._on_result = on_result

    def finish(self, result: ResultType) -> None:
        self.dismiss(result)
        if self._on_result is not None:
            self._on_result(result)


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

    GRACE_SECONDS = 0.8
    """The dialog appears by itself, while the user may be typing: keys meant for the
    outline (k, o, Enter) must not choose for them in the first moment."""

    def on_mount(self) -> None:
        self.opened_at = time.monotonic()
        self.query_one("#copy", Button).focus()

    def _too_soon(self) -> bool:
        return time.monotonic() - getattr(self, "opened_at", 0.0) < self.GRACE_SECONDS

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if not self._too_soon():
            self.dismiss(None if event.button.id == "later" else event.button.id)

    def action_choose(self, choice: str | None) -> None:
        if not self._too_soon():
            self.dismiss(choice)


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
        from ..analysis import answer_counts
        from .analysis_text import participation_text

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


OPEN_SUFFIX = "-open"
"""A format id ending in this opens the report in the browser once it is written."""


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
                Option("HTML (.html) — pagina met grafieken, om te printen", id="html"),
                Option("HTML, en meteen openen in de browser", id="html-open"),
                Option("Excel (.xlsx) — werkmap met alle rondes", id="xlsx"),
                id="export-format",
            )
            yield Static(Content.styled("Enter: exporteren naar de sessiemap · Esc: annuleren", "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        fmt = event.option.id or "md"
        self.dismiss((fmt, self.folder / f"rapport.{fmt.removesuffix(OPEN_SUFFIX)}"))

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



class UnsavedDialog(ModalScreen[str | None]):
    """Some changes could not be saved, and the user is about to quit or reload.

    Nothing is dropped without a choice: try again (after freeing space, say),
    keep the changes as copies in another folder, or drop them on purpose.
    Dismisses with ``"retry"``, ``"discard"``, a folder path for the copies,
    or ``None`` to go back to the dashboard.
    """

    DEFAULT_CSS = """
    UnsavedDialog .dialog-buttons {
        height: auto;
    }
    UnsavedDialog #unsaved-folder {
        width: 1fr;
    }
    """

    BINDINGS = [Binding("escape", "choose(None)", "Terug", id="unsaved.back")]

    def __init__(self, leaving: str, reasons: list[tuple[str, str]], folder: Path) -> None:
        super().__init__()
        self.leaving = leaving
        self.reasons = reasons
        self.folder = folder

    def compose(self) -> ComposeResult:
        from . import text

        with Vertical(classes="dialog unsaved-dialog"):
            yield Static(Content.styled(text.unsaved_title(self.leaving), "bold"), classes="dialog-title")
            lines = [Content.assemble((name, "bold"), f": {reason}") for name, reason in self.reasons[:5]]
            if len(self.reasons) > 5:
                lines.append(Content(f"en nog {len(self.reasons) - 5} bestanden"))
            yield Static(Content("\n").join(lines))
            with Vertical(classes="dialog-buttons"):
                yield Button("Opnieuw proberen op te slaan", id="retry", variant="primary", compact=True)
                with Horizontal(classes="form-row"):
                    yield Button("Als kopie bewaren in:", id="copy", compact=True)
                    yield Input(str(self.folder), id="unsaved-folder", compact=True)
                yield Button(f"Wijzigingen weggooien en {self.leaving}", id="discard", variant="error", compact=True)
                yield Button("Esc  Terug naar samenwerk", id="back", compact=True)

    def on_mount(self) -> None:
        self.query_one("#retry", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        choice = event.button.id
        if choice == "copy":
            folder = self.query_one("#unsaved-folder", Input).value.strip()
            self.dismiss(str(Path(folder).expanduser()) if folder else None)
        else:
            self.dismiss(None if choice == "back" else choice)

    @on(Input.Submitted, "#unsaved-folder")
    def _folder_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        folder = event.value.strip()
        if folder:
            self.dismiss(str(Path(folder).expanduser()))

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
