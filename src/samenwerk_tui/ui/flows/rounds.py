"""ctrl+n: the next round for every participant at once, and the invitations to send.

The dialog proposes the next label (2026-Q4 → 2027-Q1) and lists who gets
a file; the flow writes them (:func:`samenwerk_tui.rounds.start_round`) and
opens the current respondent's new file. The invitations screen shows the
e-mail text for each participant of the last round, to copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from ...dutch import parse_date, plural
from ..dialogs.base import Dialog

if TYPE_CHECKING:
    from ...invitation import Invitation
    from ...settings import Participant
    from ...store import LoadedSession
    from ...workspace import Workspace
    from ..ports import Dashboard


def first_line_of(error: Exception) -> str:
    """An error in one Dutch line: a validation error as the loader words it, else its first line."""
    from pathlib import Path

    from pydantic import ValidationError

    from ...toml.messages import problems_from_validation

    if isinstance(error, ValidationError):
        return "; ".join(problem.message for problem in problems_from_validation(Path("sessie"), "", error))
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _who(participant: Participant) -> str:
    return participant.organisation + (f" ({participant.role})" if participant.role else "")


class NewRoundForAllDialog(Dialog["tuple[str, dt.date] | None"]):
    """Label and date of the next round; lists the participants who get a file."""

    DEFAULT_CSS = """
    NewRoundForAllDialog .form-row { height: auto; }
    NewRoundForAllDialog .form-row Label { width: 10; }
    NewRoundForAllDialog .form-row Input { width: 1fr; }
    NewRoundForAllDialog #round-participants { height: auto; max-height: 8; margin: 1 0; }
    NewRoundForAllDialog.-short #round-participants { max-height: 4; margin: 0; }
    """

    # Priority: Enter right after ctrl+n starts the proposed round, even before the form is on screen.
    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", priority=True, id="round-all.cancel"),
        Binding("enter", "start", "Starten", priority=True, id="round-all.start"),
    ]

    def __init__(
        self,
        last_label: str,
        label: str,
        today: dt.date,
        participants: list[Participant],
        from_settings: bool,
        taken: frozenset[str] = frozenset(),
        on_result: Callable[[tuple[str, dt.date] | None], None] | None = None,
    ) -> None:
        super().__init__(on_result)
        self.taken = taken
        """Labels of earlier rounds, case-folded: a new round needs its own."""
        self.last_label = last_label
        self.label = label
        self.today = today
        self.participants = participants
        self.from_settings = from_settings

    def compose(self) -> ComposeResult:
        source = "de deelnemers in samenwerk-instellingen.toml" if self.from_settings else f"wie in {self.last_label} meedeed"
        names = "\n".join(f"• {_who(participant)}" for participant in self.participants)
        with Vertical(classes="dialog round-dialog"):
            yield Static(Content.styled("Nieuwe ronde voor alle deelnemers", "bold"), classes="dialog-title")
            yield Static(
                Content(
                    f"Na {self.last_label}: een bestand voor {plural(len(self.participants), 'deelnemer')} ({source}). "
                    "Notities, acties en logboek gaan mee, scores beginnen leeg."
                )
            )
            with VerticalScroll(id="round-participants"):
                yield Static(Content(names))
            with Horizontal(classes="form-row"):
                yield Label("Label")
                yield Input(self.label, id="round-label", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Datum")
                yield Input(f"{self.today:%d-%m-%Y}", placeholder="DD-MM-JJJJ", id="round-date", compact=True)
            yield Static("", id="round-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons-row"):
                yield Button("Starten", id="start", variant="primary", compact=True)
                yield Button("Annuleren", id="cancel", compact=True)
            yield Static(Content.styled("Enter: starten · Esc: annuleren", "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#round-label", Input).focus()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if not self.is_mounted:
            self.finish((self.label, self.today))
            return
        if self.focused is not None and self.focused.id == "cancel":
            self.finish(None)  # Enter on "Annuleren" cancels, as it says.
            return
        label = self.query_one("#round-label", Input).value.strip()
        try:
            date = parse_date(self.query_one("#round-date", Input).value)
        except ValueError as error:
            self.query_one("#round-error", Static).update(Content(f"Datum: {error}"))
            return
        if not label:
            self.query_one("#round-error", Static).update(Content("Geef de ronde een label, bijvoorbeeld 2027-Q1."))
            return
        from ...model import Round, check_field

        reason = check_field(Round, "label", label)
        if reason is not None:
            # Said here, with the form still open: the files would refuse it.
            self.query_one("#round-error", Static).update(Content(f"Het label {reason}."))
            return
        if label.casefold() in self.taken:
            self.query_one("#round-error", Static).update(Content(f"Ronde {label} bestaat al; kies een ander label."))
            return
        self.finish((label, date))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.finish(None)


def new_round_for_all(app: Dashboard) -> None:
    """ctrl+n: propose the next round and ask; the files are written once the user starts it.

    The dialog is pushed at once, not from a worker, so that keys typed right
    after ctrl+n (Enter to take the proposal) reach it and not the dashboard.
    """
    from ...rounds import last_round, participants_of, propose_label
    from ...settings import Settings

    workspace = app.workspace
    if workspace is None or workspace.current is None:
        app.notify("Er is nog geen sessie; zet eerst een samenwerkingsverband op.", severity="warning", markup=False)
        return
    slug = workspace.current.session.collaboration.slug
    sessions = [loaded for loaded in workspace.sessions if loaded.session.collaboration.slug == slug]
    settings = app.settings or Settings()
    participants = participants_of((loaded.session for loaded in sessions), settings)
    last = last_round(loaded.session for loaded in sessions)[0].round.label
    label = propose_label((loaded.session for loaded in sessions), app.today)
    taken = frozenset(loaded.session.round.label.strip().casefold() for loaded in sessions)

    def started(answer: tuple[str, dt.date] | None) -> None:
        if answer is not None and app.workspace is workspace:
            _write_round(app, workspace, sessions, participants, answer)

    app.push_screen(NewRoundForAllDialog(last, label, app.today, participants, bool(settings.participants), taken, on_result=started))


def _write_round(
    app: Dashboard,
    workspace: Workspace,
    sessions: list[LoadedSession],
    participants: list[Participant],
    answer: tuple[str, dt.date],
) -> None:
    """Write the round's file for every participant and open the current respondent's new file.

    At once, not in a worker: the keys typed right after Enter belong to the
    new round's file (a few small files; the writes are atomic as always).
    """
    from ...rounds import start_round

    label, round_date = answer
    current, draft = workspace.current, app.draft
    if current is not None and draft is not None:
        # What the user typed last carries over, saved or not (open_session below saves it).
        sessions = [replace(loaded, session=draft) if loaded.path == current.path else loaded for loaded in sessions]
    try:
        result = start_round(app.folder, workspace.content, sessions, participants, label=label, round_date=round_date, today=app.today)
    except ValueError as error:  # A label or name the session file cannot hold (pydantic's errors are ValueErrors).
        app.notify(f"Geen ronde gestart: {first_line_of(error)}", severity="error", markup=False, timeout=15)
        return
    for loaded in result.created:
        workspace.replace(loaded)
    if result.created:
        current_key = app.draft.respondent.key if app.draft is not None else None
        mine = [loaded for loaded in result.created if loaded.session.respondent.key == current_key]
        app.open_session((mine or result.created)[0].path)
    lines = []
    if result.created:
        lines.append(
            f"Ronde {label} gestart voor {plural(len(result.created), 'deelnemer')}: notities en acties zijn overgenomen, "
            "scores zijn leeg. Stuur ieder zijn bestand: ctrl+p → Uitnodigingen tonen."
        )
        if result.open_actions:
            lines.append(f"{plural(result.open_actions, 'open actie', 'open acties')} uit eerdere rondes: controleer ze in Acties.")
    if result.existing:
        lines.append(f"Ronde {label} bestaat al voor {plural(len(result.existing), 'deelnemer')}; die bestanden zijn niet gewijzigd.")
    for path, reason in result.failed:
        lines.append(f"{path.name}: niet geschreven: {reason}")
    severity: SeverityLevel = "error" if result.failed or not result.created else "information"
    app.notify("\n".join(lines), severity=severity, markup=False, timeout=15)


class InvitationsScreen(ModalScreen[None]):
    """The e-mail text for each participant of the last round, to copy."""

    DEFAULT_CSS = """
    InvitationsScreen .invitations-dialog { max-height: 100%; height: 100%; max-width: 110; width: 100%; }
    InvitationsScreen .form-row { height: auto; }
    InvitationsScreen .form-row Label { width: 10; }
    InvitationsScreen .form-row Input { width: 16; }
    InvitationsScreen #invitations-text { height: 1fr; }
    InvitationsScreen .dialog-title { margin-bottom: 0; }
    InvitationsScreen .dialog-hint { margin-top: 0; }
    """

    BINDINGS = [
        Binding("escape", "close", "Sluiten", id="invitations.close"),
        Binding("ctrl+y", "copy", "Kopiëren", id="invitations.copy"),
    ]

    def __init__(self, sessions: list[LoadedSession], deadline: dt.date | None = None) -> None:
        super().__init__()
        self.sessions = sessions
        self.deadline = deadline

    def _invitations(self) -> list[Invitation]:
        from ...invitation import round_invitations

        return round_invitations(self.sessions, self.deadline)

    def _text(self) -> str:
        separator = "\n\n" + "─" * 60 + "\n\n"
        parts = [f"Bestand: {invitation.path.name}\n\n{invitation.text}" for invitation in self._invitations()]
        return separator.join(parts)

    def compose(self) -> ComposeResult:
        count = len(self._invitations())
        with Vertical(classes="dialog invitations-dialog"):
            yield Static(Content.styled(f"Uitnodigingen ({plural(count, 'deelnemer')})", "bold"), classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Deadline")
                yield Input(
                    f"{self.deadline:%d-%m-%Y}" if self.deadline else "", placeholder="DD-MM-JJJJ", id="invitations-deadline", compact=True
                )
                yield Static("", id="invitations-error", classes="dialog-error")
            yield TextArea(self._text(), id="invitations-text", read_only=True, soft_wrap=True, compact=True)
            with Horizontal(classes="dialog-buttons-row"):
                yield Button("Kopiëren", id="copy", variant="primary", compact=True)
                yield Button("Sluiten", id="close", compact=True)
            yield Static(
                Content.styled("Per deelnemer: het bestand en de tekst voor de e-mail · ctrl+y: alles kopiëren · Esc: sluiten", "dim"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#invitations-text", TextArea).focus()

    @on(Input.Changed, "#invitations-deadline")
    def _deadline_changed(self, event: Input.Changed) -> None:
        error = self.query_one("#invitations-error", Static)
        value = event.value.strip()
        try:
            self.deadline = parse_date(value) if value else None
        except ValueError:
            error.update(Content(" DD-MM-JJJJ"))
            return
        error.update("")
        self.query_one("#invitations-text", TextArea).load_text(self._text())

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        area = self.query_one("#invitations-text", TextArea)
        self.app.copy_to_clipboard(area.selected_text or area.text)
        self.notify("Gekopieerd naar het klembord (als de terminal dat toestaat; anders: selecteer met de muis).", markup=False)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


def show_invitations(app: Dashboard) -> None:
    workspace = app.workspace
    if workspace is None or workspace.current is None:
        app.notify("Er is nog geen sessie.", severity="warning", markup=False)
        return
    slug = workspace.current.session.collaboration.slug
    app.push_screen(InvitationsScreen([loaded for loaded in workspace.sessions if loaded.session.collaboration.slug == slug]))
