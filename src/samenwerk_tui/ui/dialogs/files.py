"""Dialogs about files: changed by someone else, not saved, or unreadable."""

from __future__ import annotations

import time
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


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
        from .. import text

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
