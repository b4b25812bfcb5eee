"""Importing a partner's session file (the exchange between partners): the flow and its dialogs.

:func:`import_partner_file` reads top to bottom: ask for the file, check it
against the folder in a thread, ask which version to keep when both differ,
write in a thread, then reload the folder.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ...textsafe import shown_path
from .. import text

if TYPE_CHECKING:
    from ..ports import Dashboard


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


@work(group="exchange", exclusive=True, exit_on_error=False, description="import a partner's session file")
async def import_partner_file(app: Dashboard) -> None:
    """Ask for a partner's file, check it against the folder, ask when both versions differ, write it, reload."""
    from ...exchange import Choice, ImportStatus, apply_import, describe_differences, plan_import
    from ...store import ConflictError, os_error_message
    from ...toml.read import FileProblem

    workspace = app.workspace
    if workspace is None:
        return
    path = await app.push_screen(ImportDialog(), wait_for_dismiss=True)
    if path is None:
        return
    try:
        plan = await asyncio.to_thread(plan_import, path, app.folder, workspace.content, folder_sessions=list(workspace.sessions))
    except FileProblem as error:
        app.notify(text.import_invalid(error.problems), severity="error", timeout=12, markup=False)
        return
    if plan.status is ImportStatus.REFUSED:
        app.notify(text.import_refused(plan.source.name, plan.reason or ""), severity="error", timeout=15, markup=False)
        return
    if plan.status is ImportStatus.IDENTICAL:
        app.notify(text.import_identical(plan.source.name), timeout=8, markup=False)
        return
    choice = None
    if plan.status not in (ImportStatus.NEW, ImportStatus.FILLS_IN):
        assert plan.target is not None
        dialog = ImportChoiceDialog(plan.source.name, plan.target.name, describe_differences(plan, limit=60))
        answer = await app.push_screen(dialog, wait_for_dismiss=True)
        if answer is None or answer == Choice.KEEP_EXISTING.value:
            app.notify(text.import_kept_existing(plan.target.name), timeout=8, markup=False)
            return
        choice = Choice(answer)
        if workspace.current is not None:
            # The file in the folder may be the open one: what was typed in it is written first.
            app.autosave.save_now(workspace.current.path)
    try:
        result = await asyncio.to_thread(apply_import, plan, choice)
    except (ConflictError, FileExistsError):
        app.notify(text.import_changed_meanwhile(plan.source.name), severity="warning", timeout=12, markup=False)
        return
    except OSError as error:
        app.notify(text.save_failed(plan.source.name, os_error_message(error)), severity="error", timeout=12, markup=False)
        return
    written = result.written.name if result.written else ""
    backup = result.backup.name if result.backup else None
    app.notify(text.import_done(plan.source.name, written, backup), timeout=12, markup=False)
    app.action_reload()
