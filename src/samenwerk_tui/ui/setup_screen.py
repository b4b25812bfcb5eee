"""Setting up a new collaboration in an empty folder, from the dashboard.

The form asks what ``samenwerk nieuw --deelnemer …`` asks on the command
line: the collaboration's name, its phase, the participating organisations
with a contact role each, and the first round; and, if known, its form, chosen
in the same dialog as in Kennis (``[samenwerkingsvorm]``, as ``samenwerk vorm``
writes it). The flow writes the settings file with the participant list and
the form and a session file for every participant
(:func:`samenwerk_tui.rounds.set_up_collaboration`), then loads the folder.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..dutch import parse_date, plural
from ..settings import CollaborationForm

if TYPE_CHECKING:
    from ..content import Checklist
    from ..settings import Participant
    from .ports import Dashboard

UNKNOWN_FORM = "onbekend (later te kiezen in Kennis)"
CHOOSE_FORM = "Kiezen…"

INTRO = (
    "Deze map is nog leeg. samenwerk maakt voor elke deelnemer het bestand van de eerste ronde "
    "en bewaart de deelnemers in samenwerk-instellingen.toml."
)
PARTICIPANTS_HINT = "Eén deelnemer per regel: organisatie; contactrol"


@dataclass(frozen=True)
class SetupRequest:
    name: str
    phase: str
    form: CollaborationForm
    participants: list[Participant]
    label: str
    round_date: dt.date


class SetupScreen(ModalScreen["SetupRequest | None"]):
    """The form for a new collaboration; dismissed with what was filled in, or ``None``."""

    DEFAULT_CSS = """
    SetupScreen .setup-dialog { max-height: 100%; }
    SetupScreen #setup-fields { height: auto; max-height: 16; }
    SetupScreen .dialog-title { margin-bottom: 0; }
    SetupScreen .dialog-hint { margin-top: 0; }
    SetupScreen .form-row { height: auto; }
    SetupScreen .form-row Label { width: 13; }
    SetupScreen .form-row Input, SetupScreen .form-row Select, SetupScreen #setup-form { width: 1fr; }
    SetupScreen #setup-date { width: 14; }
    SetupScreen #setup-participants { height: 6; background: $boost; }
    SetupScreen #setup-intro { margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", id="setup.cancel"),
        Binding("ctrl+s", "create", "Aanmaken", id="setup.create"),
    ]

    def __init__(self, content: Checklist, label: str, today: dt.date, form: CollaborationForm | None = None) -> None:
        super().__init__()
        self.checklist = content
        self.proposed_label = label
        self.today = today
        self.collaboration_form = form or CollaborationForm()
        """The form chosen so far (at first the one the folder's settings hold)."""

    def compose(self) -> ComposeResult:
        # Phase names come from the checklist, which may be a custom one: text, never markup.
        phases = [(Content(phase.name), phase_id) for phase_id, phase in self.checklist.phases.items()]
        with Vertical(classes="dialog setup-dialog"):
            yield Static(Content.styled("Nieuw samenwerkingsverband", "bold"), classes="dialog-title")
            with VerticalScroll(id="setup-fields"):
                yield Static(Content(INTRO), id="setup-intro")
                with Horizontal(classes="form-row"):
                    yield Label("Naam")
                    yield Input(placeholder="bijvoorbeeld Horecateam Lindendal", id="setup-name", compact=True)
                with Horizontal(classes="form-row"):
                    yield Label("Fase")
                    yield Select(phases, value=phases[0][1], allow_blank=False, id="setup-phase", compact=True)
                if self.checklist.forms:
                    with Horizontal(classes="form-row"):
                        yield Label("Vorm")
                        yield Static(Content(self._form_text()), id="setup-form")
                        yield Button(CHOOSE_FORM, id="setup-choose-form", compact=True)
                with Horizontal(classes="form-row"):
                    yield Label("Eerste ronde")
                    yield Input(self.proposed_label, id="setup-label", compact=True)
                    yield Input(f"{self.today:%d-%m-%Y}", placeholder="DD-MM-JJJJ", id="setup-date", compact=True)
                yield Label(PARTICIPANTS_HINT)
                yield TextArea(
                    id="setup-participants",
                    soft_wrap=False,
                    compact=True,
                    placeholder="Gemeente Lindendal; coördinator horecatoezicht\nPolitie Lindendal; wijkagent horeca",
                )
            yield Static("", id="setup-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons-row"):
                yield Button("Aanmaken", id="create", variant="primary", compact=True)
                yield Button("Annuleren", id="cancel", compact=True)
            yield Static(Content.styled("ctrl+s: aanmaken · Tab: volgend veld · Esc: annuleren", "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#setup-name", Input).focus()

    def _form_text(self) -> str:
        from ..advice import chosen_form

        names = [form.name for form in chosen_form(self.checklist, self.collaboration_form).all]
        return ", ".join(names) if names else UNKNOWN_FORM

    @on(Button.Pressed, "#setup-choose-form")
    def _choose_form(self) -> None:
        from .advice_dialogs import FormDialog

        def chosen(form: CollaborationForm | None) -> None:
            if form is not None:
                self.collaboration_form = form
                self.query_one("#setup-form", Static).update(Content(self._form_text()))

        self.app.push_screen(FormDialog(self.checklist, self.collaboration_form), chosen)

    def _error(self, message: str) -> None:
        self.query_one("#setup-error", Static).update(Content(message))

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        from ..rounds import parse_participant_lines

        name = self.query_one("#setup-name", Input).value.strip()
        label = self.query_one("#setup-label", Input).value.strip()
        if not name:
            self._error("Geef de naam van het samenwerkingsverband.")
            return
        if not label:
            self._error("Geef de eerste ronde een label, bijvoorbeeld 2026-Q4.")
            return
        try:
            round_date = parse_date(self.query_one("#setup-date", Input).value)
        except ValueError as error:
            self._error(f"Datum: {error}")
            return
        try:
            participants = parse_participant_lines(self.query_one("#setup-participants", TextArea).text)
        except ValueError as error:
            self._error(f"Deelnemers: {error}")
            return
        if not participants:
            self._error("Geef minstens één deelnemende organisatie, één per regel: organisatie; contactrol.")
            return
        phase = self.query_one("#setup-phase", Select).value
        self.dismiss(SetupRequest(name, str(phase), self.collaboration_form, participants, label, round_date))

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


async def set_up_from_dashboard(app: Dashboard) -> None:
    """The whole flow: the form, the files, then the folder loaded with the new round."""
    from ..rounds import propose_label, set_up_collaboration
    from ..store import ConflictError, os_error_message
    from ..toml.read import FileProblem
    from .flows.rounds import first_line_of

    if app.workspace is None:
        return
    current = app.settings.form if app.settings is not None else None
    request = await app.push_screen_wait(SetupScreen(app.workspace.content, propose_label([], app.today), app.today, current))
    if request is None:
        app.notify(
            f"Geen samenwerkingsverband opgezet. Later kan het alsnog: start samenwerk opnieuw op {app.folder}.", markup=False, timeout=10
        )
        return
    try:
        result = await asyncio.to_thread(
            set_up_collaboration,
            app.folder,
            app.workspace.content,
            name=request.name,
            phase=request.phase,
            participants=request.participants,
            label=request.label,
            round_date=request.round_date,
            form=request.form,
            today=app.today,
        )
    except ValueError as error:
        app.notify(f"Niets opgezet: {first_line_of(error)}", severity="error", markup=False, timeout=15)
        return
    except FileProblem as error:
        app.notify(
            "De instellingen kunnen niet worden gelezen: " + "; ".join(map(str, error.problems[:3])),
            severity="error",
            markup=False,
            timeout=15,
        )
        return
    except (ConflictError, OSError) as error:
        reason = os_error_message(error) if isinstance(error, OSError) else "het bestand is intussen gewijzigd"
        app.notify(f"Niets opgezet in {app.folder}: {reason}", severity="error", markup=False, timeout=15)
        return
    problems = [f"{path.name}: {reason}" for path, reason in result.failed]
    message = (
        f"{request.name}: ronde {request.label} gestart voor {plural(len(result.created), 'deelnemer')}. "
        "Stuur ieder zijn bestand: ctrl+p → Uitnodigingen tonen."
    )
    app.notify(
        message + ("\n" + "\n".join(problems) if problems else ""),
        severity="warning" if problems else "information",
        markup=False,
        timeout=15,
    )
    app.action_reload()
