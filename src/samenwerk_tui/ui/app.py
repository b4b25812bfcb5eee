"""The samenwerk dashboard: the App, built by :func:`create_app`.

The app owns the state (the :class:`~samenwerk_tui.workspace.Workspace` and
the draft of the session being edited); views ask it for data and call its
methods to change answers (they know it as a :class:`~.ports.Dashboard`).
Loading runs in a thread worker after the first paint (:mod:`.loading`);
saves are debounced and run in a worker one at a time (:mod:`.autosave`);
import, export, rounds and quitting are flows of their own (:mod:`.flows`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.command import Provider
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static, TabbedContent

from . import commands, editing, tabs, text
from .analysing import ANALYSED_TABS, Analysis
from .autosave import Autosave, SaveState, failure_reason
from .flows.saving import SaveFlows
from .folder_watch import FolderChanged
from .messages import AnalysisReady, LoadFailed, LoadProgress, WorkspaceLoaded
from .render import plain
from .status import StatusBar
from .typeahead import TypeAhead

if TYPE_CHECKING:
    from ..analysis import History, Level
    from ..model import Action, Session
    from ..settings import Settings
    from ..store import LoadedSession
    from ..workspace import Workspace

SAVE_DELAY = 0.8
"""Seconds of quiet after the last change before the file is saved."""
WATCH_INTERVAL = 3.0
"""Seconds between two looks at the folder for files that appeared or changed."""


class SamenwerkApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "samenwerk"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """Below 32 lines (80×24 and the like) the views give their detail panes less room."""
    BINDINGS = commands.DashboardKeys.BINDINGS
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {commands.DashboardCommands}

    def __init__(
        self,
        folder: Path,
        content_folder: Path | None = None,
        settings: Settings | None = None,
        respondent: str | None = None,
        today: dt.date | None = None,
        clock: Callable[[], str] | None = None,
        session_path: Path | None = None,
    ) -> None:
        from .loading import FolderLoading, FolderToLoad

        super().__init__()
        self.folder = folder
        self.today = today or dt.date.today()
        self.workspace: Workspace | None = None
        self.settings: Settings | None = settings
        self.draft: Session | None = None
        """The open file's answers as the user has them now, saved or not."""
        self.saving = SaveFlows(self, clock or (lambda: dt.datetime.now().strftime("%H:%M")))
        self.autosave = Autosave(
            self, save=self.saving.write_draft, reason=failure_reason, listener=self.saving.save_ended, delay=SAVE_DELAY
        )
        self.type_ahead = TypeAhead(self)
        self.analysis = Analysis(self)
        self.editing = editing.Editing(self, self.saving, self.analysis)
        self.loading = FolderLoading(self, FolderToLoad(folder, content_folder, settings, respondent, session_path))
        self.folder_stamps: dict[Path, tuple[int, int]] | None = None
        """Modification time and size of each session file as last seen (see :mod:`samenwerk_tui.folderwatch`)."""

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield LoadingIndicator(id="loading")
        yield Static(plain(text.LOADING), id="load-message")
        yield Footer()

    def on_mount(self) -> None:
        # After the first frame: the worker imports pydantic and parses files,
        # which would otherwise compete with painting the loading screen.
        self.call_after_refresh(self.load_workspace)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and await self.type_ahead.handled(event):
            return
        await super().on_event(event)

    # --- loading -----------------------------------------------------------------

    def load_workspace(self) -> None:
        self.loading.start()

    @on(LoadProgress)
    def _show_progress(self, message: LoadProgress) -> None:
        self.loading.progress(message)

    @on(LoadFailed)
    def _show_load_failure(self, message: LoadFailed) -> None:
        self.loading.failed(message)

    @on(WorkspaceLoaded)
    async def _show_workspace(self, message: WorkspaceLoaded) -> None:
        from .folder_watch import poll_folder

        if await self.loading.loaded(message):
            self.set_interval(WATCH_INTERVAL, partial(poll_folder, self))

    @on(FolderChanged)
    def _folder_changed(self, message: FolderChanged) -> None:
        from .folder_watch import apply_folder_changes

        current = self.workspace.current if self.workspace else None
        busy = current is not None and self.autosave.state_of(current.path) is not SaveState.SAVED
        apply_folder_changes(self, message.changes, busy=busy)

    def refresh_all(self, new_session: bool = False) -> None:
        """Rebuild every view from the workspace (after a load or a switch).

        For another respondent's file (``new_session``) the phase tabs start at
        its first open question; otherwise they keep their place.
        """
        from .phase_view import PhaseView

        self.show_status()
        for view in self.query(PhaseView):
            view.rebuild(keep_selection=not new_session)
        self.refresh_actions()
        tab_set = self.query(TabbedContent)
        if tab_set and tab_set.first().active not in ANALYSED_TABS:
            # The analysis would compete with painting for the interpreter: the answers
            # on this tab need none of it, so they are painted first.
            self.call_after_refresh(self.request_analysis)
        else:
            self.request_analysis()

    def refresh_actions(self) -> None:
        from .actions_view import ActionsView

        for actions in self.query(ActionsView):
            actions.rebuild()

    def advice_changed(self) -> None:
        """Show the new form, tick list or phase advice in Kennis and in the phase tabs' detail panes."""
        from .knowledge_view import KnowledgeView
        from .phase_view import PhaseView

        for knowledge in self.query(KnowledgeView):
            knowledge.advice_changed()
        for view in self.query(PhaseView):
            view.refresh_detail()

    # --- tabs --------------------------------------------------------------------

    def action_show_tab(self, tab_id: str) -> None:
        tabs.show_tab(self, tab_id)

    def jump_to_open_question(self, phase_id: str, forward: bool) -> None:
        tabs.jump_to_open_question(self, phase_id, forward)

    def open_subject(self, level: Level, id: str) -> None:
        tabs.open_subject(self, level, id)

    def show_history_of(self, level: Level, id: str) -> None:
        from .history_view import HistoryView

        self.action_show_tab("verloop")
        if self.history is not None:
            self.query_one(HistoryView).show(self.history, (level, id))

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        from .phase_view import PhaseView

        # A hidden phase tab leaves its detail pane for when it is shown again.
        for view in event.pane.query_children(PhaseView):
            view.show_if_stale()
        self.analysis.tab_shown(event.pane, self.file_problems())

    # --- analysis ----------------------------------------------------------------

    @property
    def history(self) -> History | None:
        """The latest analysis of the open collaboration, if there is one."""
        return self.analysis.history

    def request_analysis(self) -> None:
        self.analysis.request()

    @on(AnalysisReady)
    def _analysis_ready(self, message: AnalysisReady) -> None:
        self.analysis.arrived(message, self.file_problems())

    def collaboration_files(self) -> list[LoadedSession]:
        """The loaded files of the open collaboration, with the draft in place of the open file."""
        assert self.workspace is not None
        current = self.workspace.current
        if current is None or self.draft is None:
            return []
        slug = current.session.collaboration.slug
        return [
            dataclasses.replace(loaded, session=self.draft) if loaded is current else loaded
            for loaded in self.workspace.sessions
            if loaded.session.collaboration.slug == slug
        ]

    def file_problems(self) -> list[str]:
        """Problems with files in the folder, then warnings about the open file."""
        if self.workspace is None:
            return []
        current = self.workspace.current
        warnings = current.warnings if current else []
        return [str(problem) for problem in [*self.workspace.problems, *warnings]]

    # --- changing answers ----------------------------------------------------------

    def can_edit(self) -> bool:
        return self.editing.can_edit()

    def set_score(self, question_id: str, score: int | str | None) -> None:
        self.editing.set_answer(question_id, "score", score)

    def set_note(self, question_id: str, note: str) -> None:
        self.editing.set_answer(question_id, "note", editing.cleaned(note))

    def set_item_note(self, item_id: str, note: str) -> None:
        self.editing.set_item_note(item_id, editing.cleaned(note))

    def set_action(self, action_id: str, action: Action | None) -> None:
        """Add or replace an action in the current session; ``None`` removes it."""
        self.editing.set_action(action_id, action)

    # --- saving ------------------------------------------------------------------

    def show_status(self) -> None:
        """Put the open file, its progress and its save state in the status bar (which redraws only what changed)."""
        bar = self.query_one(StatusBar)
        if self.workspace is not None:
            bar.show(self.workspace, self.draft, self.autosave)

    async def action_quit(self) -> None:
        """Save everything (waiting for a save that runs), then quit; what cannot be saved, the user decides."""
        self.saving.quit()

    def action_reload(self) -> None:
        """Read the folder again, once every change is saved (or the user chose what happens to it)."""
        self.saving.reload()

    # --- sessions and rounds ----------------------------------------------------------

    def open_session(self, path: Path) -> None:
        """Make the session at ``path`` the current one, at once; the one left is saved in the background.

        Its unsaved draft stays with the autosave until it is written, so
        coming back to it before then shows every change.
        """
        if self.workspace is None:
            return
        previous = self.workspace.current_path
        if previous is not None and previous != path:
            pending = self.autosave.files.get(previous)
            if pending is not None and pending.machine.state is SaveState.CONFLICT:
                self.saving.keep_conflicted_copy(pending)
            self.autosave.save_now(previous)
        self.workspace.current_path = path
        current = self.workspace.current
        self.draft = editing.draft_of(current, self.autosave)
        self.refresh_all(new_session=previous != path)
        if current and current.read_only_reason:
            self.notify(text.read_only(current.read_only_reason), severity="warning", timeout=10, markup=False)
        if current and current.warnings:
            self.notify(text.problems_notice(0, len(current.warnings)), severity="warning", timeout=8)

    def action_switch_session(self) -> None:
        from .dialogs.navigation import SessionPicker

        if self.workspace is not None:
            self.push_screen(SessionPicker(self.workspace, on_result=self._session_picked))

    def _session_picked(self, path: Path | None) -> None:
        if path is not None:
            self.open_session(path)

    def action_new_round(self) -> None:
        """The next round for every participant (ctrl+n)."""
        from .flows.rounds import new_round_for_all

        new_round_for_all(self)

    def action_invitations(self) -> None:
        from .flows.rounds import show_invitations

        show_invitations(self)

    @work(exclusive=True, group="setup", exit_on_error=False, description="set up a collaboration")
    async def action_set_up(self) -> None:
        """An empty folder: offer to set up a collaboration in it."""
        from .setup_screen import set_up_from_dashboard

        await set_up_from_dashboard(self)

    def action_export(self) -> None:
        from .flows.export import export_report

        export_report(self)

    def action_import(self) -> None:
        from .flows.exchange import import_partner_file

        import_partner_file(self)

    # --- dialogs and the palette -------------------------------------------------------

    def action_help(self) -> None:
        from .help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        from .dialogs.navigation import SearchDialog

        if self.workspace is not None:
            self.push_screen(SearchDialog(self.workspace.content, self.draft), self._search_result)

    def _search_result(self, question_id: str | None) -> None:
        if question_id is not None:
            tabs.open_question(self, question_id)

    def action_show_problems(self) -> None:
        from .dialogs.files import ProblemsScreen

        problems = self.file_problems()
        self.push_screen(ProblemsScreen(text.problems_title(len(problems)), problems or [text.NO_PROBLEMS]))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        return commands.system_commands(self)

    def action_command_palette(self) -> None:
        commands.open_command_palette(self)

    def search_themes(self) -> None:
        commands.open_theme_picker(self)


def create_app(
    folder: Path,
    content_folder: Path | None = None,
    settings: Settings | None = None,
    respondent: str | None = None,
    today: dt.date | None = None,
    clock: Callable[[], str] | None = None,
    session_path: Path | None = None,
) -> SamenwerkApp:
    """Build the dashboard from its inputs; the CLI and the tests both use this."""
    return SamenwerkApp(folder, content_folder, settings, respondent, today, clock, session_path)
