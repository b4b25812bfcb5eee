"""The report export dialog: a format, written to the session folder."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

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
