"""Dialogs for sharing between partners: importing a file, choosing between
two versions, and a privacy warning before a report leaves the folder."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ..textsafe import shown_path


class ImportDialog(ModalScreen[Path | None]):
    """Ask for the session file a partner sent."""

    BINDINGS = [Binding("escape", "cancel", "Annuleren", id="import.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog import-dialog"):
            yield Static(Content.styled("Sessiebestand van een partner importeren", "bold"), classes="dialog-title")
            yield Static(
                Content(
                    "Het bestand wordt gecontroleerd en onder een voorspelbare naam in de sessiemap gezet. "
                    "Het bestand zelf blijft onveranderd."
                )
            )
            yield Input(placeholder="pad naar het bestand, bijvoorbeeld ~/Downloads/sessie.toml", id="import-path")
            yield Static("", id="import-error", classes="dialog-error")
            yield Static(Content.styled("Enter: importeren · Esc: annuleren", "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip().strip("'\"")
        if not value:
            return
        path = Path(value).expanduser()
        if not path.is_file():
            self.query_one("#import-error", Static).update(Content(f"Geen bestand gevonden: {shown_path(path)}"))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ImportChoiceDialog(ModalScreen[str | None]):
    """The incoming file differs from the one in the folder: which to keep?"""

    BINDINGS = [
        Binding("n", "choose('keep-incoming')", "Nieuwe bewaren", id="import.keep-incoming"),
        Binding("b", "choose('keep-existing')", "Bestaande houden", id="import.keep-existing"),
        Binding("t", "choose('keep-both')", "Beide", id="import.keep-both"),
        Binding("escape", "choose('keep-existing')", "Annuleren", id="import.choice-cancel"),
    ]

    def __init__(self, source_name: str, target_name: str, differences: list[str]) -> None:
        super().__init__()
        self.source_name = shown_path(source_name)
        self.target_name = shown_path(target_name)
        self.differences = differences

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog import-choice-dialog"):
            yield Static(Content.styled("Dit bestand verschilt van het bestand in de map", "bold"), classes="dialog-title")
            yield Static(
                Content.assemble(
                    (self.source_name, "bold"),
                    " hoort bij dezelfde respondent en ronde als ",
                    (self.target_name, "bold"),
                    ". Verschillen (bestaand → binnenkomend):",
                )
            )
            with VerticalScroll(id="import-differences"):
                yield Static(Content("\n".join(f"• {line}" for line in self.differences)))
            with Vertical(classes="dialog-buttons"):
                # Compact buttons, so the dialog fits in 80×24.
                yield Button("n  Binnenkomende nemen (bestaande als reservekopie)", id="keep-incoming", variant="warning", compact=True)
                yield Button("b  Bestaande houden (niets wijzigen)", id="keep-existing", variant="primary", compact=True)
                yield Button("t  Beide bewaren (binnenkomende onder een eigen naam)", id="keep-both", compact=True)

    def on_mount(self) -> None:
        self.query_one("#keep-existing", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class PrivacyWarning(ModalScreen[bool]):
    """Before a report leaves the folder: the notes may hold personal data."""

    BINDINGS = [
        Binding("j", "answer(True)", "Toch exporteren", id="privacy.export"),
        Binding("escape,n", "answer(False)", "Annuleren", id="privacy.cancel"),
    ]

    def __init__(self, summary: str, details: list[str]) -> None:
        super().__init__()
        self.summary = summary
        self.details = details

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog privacy-dialog"):
            yield Static(Content.styled("Let op: mogelijke persoonsgegevens", "bold"), classes="dialog-title")
            yield Static(
                Content(
                    f"{self.summary} Persoonsgegevens uitwisselen mag alleen met een convenant en na toetsing door de "
                    "privacyfunctionaris. Haal ze uit de notities, of deel een geanonimiseerde kopie (samenwerk deel --anoniem)."
                )
            )
            with VerticalScroll(id="privacy-findings"):
                yield Static(Content("\n".join(self.details)))
            with Vertical(classes="dialog-buttons"):
                yield Button("n  Annuleren", id="cancel", variant="primary", compact=True)
                yield Button("j  Toch exporteren", id="export", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "export")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
