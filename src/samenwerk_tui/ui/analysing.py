"""The analysis of the collaboration behind Overzicht, Verloop and Kennis: made in a thread, shown when it arrives."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widgets import TabbedContent

from .messages import AnalysisReady

if TYPE_CHECKING:
    from ..analysis import History
    from ..content import Checklist
    from ..settings import Settings
    from ..store import LoadedSession
    from .ports import Dashboard


def analyse(sessions: list[LoadedSession], content: Checklist, settings: Settings, slug: str, post: Callable[[Message], object]) -> None:
    """Analyse the collaboration ``slug``; runs in a thread and posts :class:`AnalysisReady`."""
    from ..analysis import analyse_collaboration

    history = analyse_collaboration(sessions, content, settings, slug=slug)
    history.log_of_round()  # the log timeline is built here, not when Verloop is first shown
    post(AnalysisReady(history))


def show_analysis(app: Dashboard, history: History | None, why_none: str, file_problems: list[str]) -> None:
    """Show a new analysis on the tab that shows it now; the hidden tabs wait until they are opened."""
    from .history_view import HistoryView
    from .knowledge_view import KnowledgeView
    from .overview import OverviewView

    tabs = app.query(TabbedContent)
    active = tabs.first().active if tabs else None
    for overview in app.query(OverviewView):
        if history is None:
            overview.show_nothing(why_none)
        elif active == "overzicht":
            overview.show(history, file_problems)
    for history_view in app.query(HistoryView):
        if history is None:
            history_view.show_nothing(why_none)
        elif active == "verloop":
            history_view.show(history)
    for knowledge in app.query(KnowledgeView):
        knowledge.advice_changed()
