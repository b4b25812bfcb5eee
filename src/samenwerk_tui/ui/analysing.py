"""The analysis of the collaboration behind Overzicht, Verloop and Kennis: made in a thread, shown when it arrives."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widgets import TabbedContent

from . import text
from .messages import AnalysisReady

if TYPE_CHECKING:
    from textual.widget import Widget

    from ..analysis import History
    from ..content import Checklist
    from ..settings import Settings
    from ..store import LoadedSession
    from .ports import Dashboard

ANALYSED_TABS = ("overzicht", "verloop")
"""The tabs that show the analysis: the others are painted without waiting for it."""


class Analysis:
    """The dashboard's latest analysis, and when to make a new one."""

    def __init__(self, app: Dashboard) -> None:
        self.app = app
        self.history: History | None = None
        self.stale = True
        """An answer changed since the last analysis."""

    def request(self) -> None:
        """Analyse the collaboration again, with the draft in place of its file, in a worker."""
        app = self.app
        if app.workspace is None or app.settings is None:
            return
        self.stale = False
        current = app.workspace.current
        if current is None or app.draft is None:
            empty = not app.workspace.sessions
            app.post_message(AnalysisReady(None, text.nothing_to_open(app.workspace) if empty else text.NO_SESSION))
            return
        slug = current.session.collaboration.slug
        work = partial(analyse, app.collaboration_files(), app.workspace.content, app.settings, slug, app.post_message)
        # A description of our own: by default Textual writes the repr of every argument, every loaded session.
        app.run_worker(work, thread=True, exclusive=True, group="analysis", exit_on_error=False, description="analyse the collaboration")

    def arrived(self, message: AnalysisReady, file_problems: list[str]) -> None:
        """Show a new analysis on the tab that shows it now; the hidden tabs wait until they are opened."""
        from .history_view import HistoryView
        from .knowledge_view import KnowledgeView
        from .overview import OverviewView

        app = self.app
        self.history = history = message.history
        tabs = app.query(TabbedContent)
        active = tabs.first().active if tabs else None
        for overview in app.query(OverviewView):
            if history is None:
                overview.show_nothing(message.message)
            elif active == "overzicht":
                overview.show(history, file_problems)
        for history_view in app.query(HistoryView):
            if history is None:
                history_view.show_nothing(message.message)
            elif active == "verloop":
                history_view.show(history)
        for knowledge in app.query(KnowledgeView):
            knowledge.advice_changed()

    def tab_shown(self, pane: Widget, file_problems: list[str]) -> None:
        """Overzicht or Verloop is shown: bring its analysis up to date and show it."""
        if pane.id not in ANALYSED_TABS:
            return
        if self.stale and not self._update_changed_round():
            self.request()
        self.show_in(pane, file_problems)

    def show_in(self, pane: Widget, file_problems: list[str]) -> None:
        """Hidden, Overzicht and Verloop wait for their first view to show an analysis."""
        from .history_view import HistoryView
        from .overview import OverviewView

        if self.history is None:
            return
        for overview in pane.query_children(OverviewView):
            if overview.history is not self.history:
                overview.show(self.history, file_problems)
        for history_view in pane.query_children(HistoryView):
            if history_view.history is not self.history:
                history_view.show(self.history)

    def _update_changed_round(self) -> bool:
        """Count again only the round of the draft, which is all a change can affect.

        Not while a full analysis is running (it would arrive later and older),
        nor when the draft left its round: then the caller analyses it all.
        """
        app = self.app
        if (
            self.history is None
            or app.draft is None
            or any(worker.group == "analysis" and not worker.is_finished for worker in app.workers)
        ):
            return False
        updated = self.history.with_round(app.collaboration_files(), app.draft.round.label)
        if updated is None:
            return False
        self.history = updated
        self.stale = False
        return True


def analyse(sessions: list[LoadedSession], content: Checklist, settings: Settings, slug: str, post: Callable[[Message], object]) -> None:
    """Analyse the collaboration ``slug``; runs in a thread and posts :class:`AnalysisReady`."""
    from ..analysis import analyse_collaboration

    history = analyse_collaboration(sessions, content, settings, slug=slug)
    history.log_of_round()  # the log timeline is built here, not when Verloop is first shown
    post(AnalysisReady(history))
