"""Overzicht: the state of every success factor at a glance."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widgets import Static


class OverviewView(Vertical):
    _stale = True

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("Overzicht", id="overview-text")

    def rebuild(self) -> None:
        self._stale = False

    def mark_stale(self) -> None:
        self._stale = True

    def refresh_if_stale(self) -> None:
        if self._stale:
            self.rebuild()
