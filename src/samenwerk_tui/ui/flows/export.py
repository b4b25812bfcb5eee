"""Exporting a report for the steering group: the flow and its privacy warning.

:func:`export_report` reads top to bottom: ask format and file, look for
personal data in the notes (in a thread), warn and ask when there is some,
write the report (in a thread), then say where it is or open it in the browser.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from .. import text

if TYPE_CHECKING:
    from ...content import Checklist
    from ...privacy import Finding
    from ...settings import Settings
    from ...store import LoadedSession
    from ..ports import Dashboard


@work(group="report", exit_on_error=False, description="export a report")
async def export_report(app: Dashboard) -> None:
    """Ask where and how, check the notes for personal data, write the report."""
    from ...privacy import summarise
    from ...store import os_error_message
    from ..dialogs.export import OPEN_SUFFIX, ExportDialog

    workspace, settings = app.workspace, app.settings
    if workspace is None or workspace.current is None or settings is None:
        app.notify(text.NO_SESSION, severity="warning")
        return
    answer = await app.push_screen(ExportDialog(app.folder), wait_for_dismiss=True)
    if answer is None:
        return
    fmt, path = answer
    findings = await asyncio.to_thread(personal_data, app.collaboration_files())
    if findings:
        warning = PrivacyWarning(summarise(findings), [str(finding) for finding in findings])
        if not await app.push_screen(warning, wait_for_dismiss=True):
            return
    try:
        await asyncio.to_thread(
            write_report, app.collaboration_files(), workspace.content, settings, fmt.removesuffix(OPEN_SUFFIX), path, app.today
        )
    except OSError as error:
        app.notify(text.report_failed(path.name, os_error_message(error)), severity="error", timeout=10, markup=False)
        return
    app.notify(text.report_written(str(path)), timeout=10, markup=False)
    if fmt.endswith(OPEN_SUFFIX):
        app.open_url(path.resolve().as_uri())


def personal_data(files: list[LoadedSession]) -> list[Finding]:
    """What in the notes may be personal data; the respondent's own name is not in a report, so it does not count."""
    from ...privacy import KIND_NAME, scan_session

    return [finding for loaded in files for finding in scan_session(loaded.session, loaded.path) if finding.kind != KIND_NAME]


def write_report(
    files: list[LoadedSession], content: Checklist, settings: Settings, report_format: str, path: Path, today: dt.date
) -> None:
    """Analyse the collaboration and write its report atomically to ``path``; runs in a thread."""
    from ...analysis import analyse_collaboration
    from ...report.formats import make_report
    from ...store import atomic_write

    history = analyse_collaboration(files, content, settings)
    data = make_report(history, content, settings, report_format, today, round_index=history.last_scored_round())
    atomic_write(path, data)


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
