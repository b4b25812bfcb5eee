"""Overzicht: the state of every success factor at a glance.

What falls behind or divides the partners comes first; then every factor by
phase and every checklist item, each with its mean, n, band, change, history
and spread. Enter jumps to the questions behind a row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from . import analysis_text as words
from .render import plain

if TYPE_CHECKING:
    from ..analysis import History, Level
    from .ports import Dashboard

NAME_WIDTH = 28
NARROW = 120
"""Below this many columns the Signaal column is off screen; the reason for a signal shows under the name."""
SPARK_ROUNDS = 8
"""The sparkline shows at most this many of the latest rounds."""
QUESTION_SIGNALS = 8
"""At most this many single questions among the signals on top; factors and items come first."""


class OverviewTable(DataTable[Text]):
    BINDINGS = [Binding("enter", "select_cursor", "Naar de vragen", id="overview.open")]


class OverviewView(Vertical):
    BINDINGS = [Binding("h", "show_history", "Verloop hiervan", id="overview.history")]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.history: History | None = None
        self.round_index = -1
        """The round shown: the latest with any score (a new round starts empty)."""
        self.rows: dict[str, tuple[Level, str]] = {}
        self._shown_with: tuple[list[str], bool] | None = None
        """The problems last shown and whether the table was narrow, to redraw it when the width crosses :data:`NARROW`."""

    @property
    def samenwerk(self) -> Dashboard:
        return cast("Dashboard", self.app)

    def compose(self) -> ComposeResult:
        yield Static(plain(words.CALCULATING), id="overview-summary", classes="view-summary")
        table = OverviewTable(id="overview-table", cursor_type="row", zebra_stripes=False)
        table.add_column("Succesfactor / punt", width=NAME_WIDTH, key="name")
        table.add_column("Gem.", key="mean")
        table.add_column("n", key="n")
        table.add_column("Band", key="band")
        table.add_column("Δ vorige", key="change")
        table.add_column("Verloop", key="spark")
        table.add_column("Spreiding", key="spread")
        table.add_column("Signaal", key="signal")
        yield table
        yield Static(id="overview-detail", classes="view-detail")

    def on_resize(self) -> None:
        # Crossing the width where the Signaal column goes off screen moves the reasons under the names.
        shown_with = self._shown_with
        if self.history is not None and shown_with is not None and shown_with[1] != (self.app.size.width < NARROW):
            self.show(self.history, shown_with[0])

    def show_nothing(self, message: str) -> None:
        self.history = None
        self.rows.clear()
        self.query_one(DataTable).clear()
        self.query_one("#overview-summary", Static).update(plain(message))
        self.query_one("#overview-detail", Static).update("")

    def show(self, history: History, problems: list[str]) -> None:
        """Fill the view from an analysed history; ``problems`` are file problems to mention."""
        self.history = history
        self._shown_with = (problems, self.app.size.width < NARROW)
        table: DataTable[Text] = self.query_one(DataTable)
        selected = self._selected()
        table.clear()
        self.rows.clear()
        content = history.content
        self.round_index = history.last_scored_round()
        self.query_one("#overview-summary", Static).update(words.round_summary(history, problems, self.round_index))

        subjects = self._signalled(history, self.round_index)
        provisional = history.completeness(self.round_index).provisional
        self._heading(table, (words.PROVISIONAL_HEADING if provisional else words.SIGNALS_HEADING) if subjects else words.NO_SIGNALS)
        for level, id in subjects:
            self._row(table, f"signal:{level}:{id}", level, id, history)
        hidden = len(self._signalled(history, self.round_index, limit=None)) - len(subjects)
        if hidden:
            self._heading(table, words.more_questions(hidden))
        for phase_id, phase in content.phases.items():
            self._heading(table, words.phase_heading(phase.name))
            for factor in content.factors_of_phase(phase_id):
                self._row(table, f"factor:{factor.id}", "factor", factor.id, history)
        self._heading(table, words.ITEMS_HEADING)
        for item_id in content.items:
            self._row(table, f"item:{item_id}", "item", item_id, history)
        self._restore(table, selected)

    @staticmethod
    def _signalled(history: History, round_index: int, limit: int | None = QUESTION_SIGNALS) -> list[tuple[Level, str]]:
        """Falls and divergences of the round: factors, then items, then (some) questions."""
        found: dict[Level, list[str]] = {"factor": [], "item": [], "question": []}
        for signal in history.signals(round_index, levels=tuple(found)):
            if signal.kind != "progress" and signal.id not in found[signal.level]:
                found[signal.level].append(signal.id)
        questions = found["question"] if limit is None else found["question"][:limit]
        return [("factor", id) for id in found["factor"]] + [("item", id) for id in found["item"]] + [("question", id) for id in questions]

    def _heading(self, table: DataTable[Text], title: str) -> None:
        key = f"heading:{len(table.rows)}"
        table.add_row(Text(title, style="bold"), *(Text("") for _ in range(7)), key=key)

    def _row(self, table: DataTable[Text], key: str, level: Level, id: str, history: History) -> None:
        shown = history.rounds[self.round_index]
        stat = shown.stat(level, id)
        change = history.change(level, id, self.round_index)
        means = [round_stat.mean for _, round_stat in history.series(level, id)[: self.round_index + 1]][-SPARK_ROUNDS:]
        name = Text(words.truncate(words.subject_name(history.content, level, id), NAME_WIDTH), style=words.level_style(level))
        signal = words.signal_cell(change, stat, level)
        narrow = self.app.size.width < NARROW
        if narrow and signal.plain:
            # The Signaal column is off screen: the reason goes under the name, wrapped in its column.
            name.append("\n")
            name.append_text(signal)
        cells = [
            name,
            words.mean_cell(stat),
            words.n_cell(stat),
            words.band_cell(stat.band),
            words.change_cell(change, shown.label),
            Text(words.spark(means)),
            words.spread_cell(stat, history.settings.divergence_threshold),
            signal,
        ]
        colour = not self.app.no_color
        table.add_row(*(words.in_colour(cell, colour) for cell in cells), key=key, height=None if narrow and signal.plain else 1)
        self.rows[key] = (level, id)

    def _selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key

    def _restore(self, table: DataTable[Text], selected: str | None) -> None:
        # Without an earlier selection the cursor starts on the first heading,
        # whose detail explains the symbols.
        if selected is not None and selected in self.rows:
            table.move_cursor(row=table.get_row_index(selected), animate=False)
        else:
            table.move_cursor(row=0, animate=False)
        self._show_detail()

    def selected_subject(self) -> tuple[Level, str] | None:
        key = self._selected()
        return self.rows.get(key) if key else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_row()

    def _show_detail(self) -> None:
        detail = self.query_one("#overview-detail", Static)
        subject = self.selected_subject()
        if self.history is None:
            detail.update(Content(""))
            return
        if subject is None:
            detail.update(words.legend(self.history.settings))
            return
        detail.update(words.subject_detail(self.history, *subject, self.round_index))

    def open_row(self) -> None:
        subject = self.selected_subject()
        if subject is not None:
            self.samenwerk.open_subject(*subject)

    def action_show_history(self) -> None:
        subject = self.selected_subject()
        if subject is not None:
            self.samenwerk.show_history_of(*subject)
