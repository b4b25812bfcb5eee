"""The samenwerk dashboard: the App, built by :func:`create_app`.

The app owns the state (the :class:`~samenwerk_tui.workspace.Workspace` and
the draft of the session being edited); views ask it for data and call its
methods to change answers. Loading runs in a thread worker after the first
paint; saves are debounced and run in a worker one at a time.
"""

from __future__ import annotations

import datetime as dt
import time
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import Footer, Input, LoadingIndicator, Static, TabbedContent, TabPane, TextArea

from . import text
from .messages import (
    AnalysisReady,
    ImportFinished,
    ImportPlanned,
    LoadFailed,
    LoadProgress,
    PrivacyCheck,
    ReportWritten,
    ReportFailed,
    WorkspaceLoaded,
)
from .autosave import Autosave, PendingFile, SaveOutcome, SaveState
from ..textsafe import shown_path
from .render import plain
from .status import StatusBar

if TYPE_CHECKING:
    from ..analysis import History, Level
    from ..model import Action, Session
    from ..store import LoadedSession
    from ..settings import Settings
    from ..workspace import Workspace
    from .folder_watch import FolderChanged

SAVE_DELAY = 0.8
"""Seconds of quiet after the last change before the file is saved."""
READ_ONLY_NOTICE_SECONDS = 5
WATCH_INTERVAL = 3.0
"""Seconds between two looks at the folder for files that appeared or changed."""
PROGRESS_INTERVAL = 0.25
"""Seconds between two updates of the loading message."""

TABS = (
    ("overzicht", "Overzicht", "o", "f2"),
    ("begin", "Beginfase", "b", "f3"),
    ("onderweg", "Onderwegfase", "w", "f4"),
    ("verloop", "Verloop", "v", "f5"),
    ("acties", "Acties", "t", "f6"),
    ("kennis", "Kennis", "i", "f7"),
)


class SamenwerkApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "samenwerk"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """Below 32 lines (80×24 and the like) the views give their detail panes less room."""
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Afsluiten", id="app.quit", priority=True),
        Binding("ctrl+c", "quit", "Afsluiten", show=False, id="app.quit-ctrl-c", priority=True),
        Binding("ctrl+o", "switch_session", "Andere sessie", id="app.switch-session"),
        Binding("ctrl+n", "new_round", "Nieuwe ronde", id="app.new-round"),
        Binding("slash", "search", "Zoeken", id="app.search"),
        Binding("ctrl+p", "command_palette", "Opdrachten", id="app.command-palette", priority=True),
        *(
            Binding(f"{letter},{fkey}", f"show_tab('{tab_id}')", label, show=False, id=f"app.tab-{tab_id}")
            for tab_id, label, letter, fkey in TABS
        ),
    ]

    def __init__(
        self,
        folder: Path,
        content_folder: Path | None = None,
        settings: "Settings | None" = None,
        respondent: str | None = None,
        today: dt.date | None = None,
        clock: "callable | None" = None,  # type: ignore[valid-type]
        session_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.session_path = session_path
        """The file named on the command line (``samenwerk BESTAND.toml``): current when it loads."""
        self.folder = folder
        self.content_folder = content_folder
        self.settings_override = settings
        self.respondent_hint = respondent
        self.today = today or dt.date.today()
        self.clock = clock or (lambda: dt.datetime.now().strftime("%H:%M"))
        self.workspace: Workspace | None = None
        self.settings: Settings | None = settings
        self.draft: Session | None = None
        """The open file's answers as the user has them now, saved or not."""
        self.autosave = Autosave(self, save=self._write_draft, reason=_save_failure_reason, listener=self._save_outcome, delay=SAVE_DELAY)
        self._conflict_open = False
        self._leaving = False
        """Quit or reload waits for the saves; a second ctrl+q meanwhile does nothing more."""
        self._read_only_noticed = -1e9
        self._held_keys: list[events.Key] | None = []
        """Keys typed before every tab's view exists; ``None`` once they all do."""
        self._resolved_on_arrival: weakref.WeakSet[events.Key] = weakref.WeakSet()
        """Keys whose binding was looked up when they arrived (see ``_run_binding_on_arrival``)."""
        self.saved_at: str | None = None
        self.history: History | None = None
        self._history_stale = True
        self.folder_stamps: dict[Path, tuple[int, int]] | None = None
        """Modification time and size of each session file as last seen (see :mod:`samenwerk_tui.folderwatch`)."""
        self._status_after_change: tuple[object, object] | None = None
        """What the status bar showed after the last change, to skip redrawing it unchanged."""

    # --- layout ------------------------------------------------------------------

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
        if isinstance(event, events.Key):
            if event.is_forwarded and event in self._resolved_on_arrival:
                # Back from the widgets: its binding, if any, was decided when it arrived.
                self._resolved_on_arrival.discard(event)
                return
            if not event.is_forwarded and self._on_dashboard():
                if self._held_keys is not None and not self._is_priority(event):
                    # The dashboard is still being built: the key waits for it, in order.
                    self._held_keys.append(event)
                    return
                if await self._run_binding_on_arrival(event):
                    return
                self._resolved_on_arrival.add(event)
        await super().on_event(event)

    def _is_priority(self, event: events.Key) -> bool:
        active = self.screen.active_bindings.get(event.key)
        return active is not None and active.binding.priority

    async def _release_held_keys(self) -> None:
        """Every view is built: the keys typed while it was being built act now, in the order typed."""
        held, self._held_keys = self._held_keys or [], None
        for event in held:
            await self.on_event(event)

    def _on_dashboard(self) -> bool:
        """Keys go to the dashboard itself: no dialog open, no text field focused."""
        return len(self.screen_stack) == 1 and not isinstance(self.screen.focused, (Input, TextArea))

    async def _run_binding_on_arrival(self, event: events.Key) -> bool:
        """Run the binding of a key on the dashboard the moment the key arrives.

        Textual hands a key to the focused widget and runs its binding only
        when the key comes back up to the app, by which time the keys typed
        after it have been handed out too: a score typed right after ``]``
        or ``b`` would land where the cursor or tab was before. Resolving
        each key here, in arrival order, makes every key act on the state the
        key before it left. Dialogs and text fields get their keys as usual.
        """
        active = self.screen.active_bindings.get(event.key)
        if active is None or not active.enabled:
            return False
        return await self.run_action(active.binding.action, active.node)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own system commands are English; these are the Dutch ones.
        yield SystemCommand("Nieuwe ronde starten", "De volgende ronde voor alle deelnemers (notities en acties gaan mee)", self.action_new_round)
        if self.workspace is not None and not self.workspace.sessions:
            yield SystemCommand("Samenwerkingsverband opzetten", "Deelnemers en de eerste ronde in deze lege map", self.offer_setup)
        yield SystemCommand("Uitnodigingen tonen", "Per deelnemer het bestand en een e-mailtekst om mee te sturen", self.action_invitations)
        yield SystemCommand("Andere sessie openen", "Kies een andere respondent of ronde", self.action_switch_session)
        yield SystemCommand("Rapport exporteren", "Schrijf een rapport voor de stuurgroep (Markdown, CSV of JSON)", self.action_export)
        yield SystemCommand("Sessiebestand importeren", "Zet een bestand van een partner in de sessiemap (met controle)", self.action_import)
        yield SystemCommand("Vragen zoeken", "Zoek in de 69 vragen van de checklist", self.action_search)
        yield SystemCommand("Opnieuw laden", "Lees de sessiebestanden opnieuw van schijf", self.action_reload)
        yield SystemCommand("Meldingen tonen", "Fouten in bestanden en waarschuwingen bij deze sessie, met regelnummers", self.action_show_problems)
        yield from _advice_commands(self)
        for tab_id, label, letter, _ in TABS:
            yield SystemCommand(f"Tab {label}", f"Ga naar {label} (toets {letter})", lambda tab_id=tab_id: self.action_show_tab(tab_id))
        yield SystemCommand("Thema wijzigen", "Kies een ander kleurenthema", self.action_change_theme)
        yield SystemCommand("Toetsen tonen", "Alle toetsen en wat ze doen", self.action_help)
        yield SystemCommand("Afsluiten", "Sluit samenwerk af (wijzigingen worden eerst opgeslagen)", self.action_quit)

    def action_command_palette(self) -> None:
        from .dialogs.base import DutchCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(DutchCommandPalette(placeholder=text.PALETTE_PLACEHOLDER, id="--command-palette"))

    def search_themes(self) -> None:
        # Textual's theme picker, with a Dutch placeholder.
        from textual.theme import ThemeProvider

        from .dialogs.base import DutchCommandPalette

        self.push_screen(DutchCommandPalette(providers=[ThemeProvider], placeholder=text.THEME_PLACEHOLDER))

    # --- loading -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_workspace(self) -> None:
        import gc
        import time

        from ..cache import load_folder_cached
        from ..content import load_content
        from ..folderwatch import stamps
        from ..settings import SettingsLoad, read_settings
        from ..toml.read import FileProblem
        from ..workspace import Workspace

        try:
            content = load_content(self.content_folder)
        except FileProblem as error:
            self.post_message(LoadFailed(error.problems))
            return
        # A broken settings file never stops the app: what is wrong falls back
        # to its default and is listed with the other problems.
        settings_load = SettingsLoad(self.settings_override) if self.settings_override else read_settings(self.folder)
        # A few updates a second: a message per file would lay out the screen per file.
        last_shown = [time.monotonic()]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last_shown[0] >= PROGRESS_INTERVAL:
                last_shown[0] = now
                self.post_message(LoadProgress(done, total))

        stamps_before_load = stamps(self.folder)
        load = load_folder_cached(self.folder, content, progress=progress)
        workspace = Workspace.from_load(self.folder, content, load, self.respondent_hint, self.session_path)
        workspace.problems = [*settings_load.problems, *workspace.problems]
        # The loaded sessions live as long as the workspace and hold no cycles: keep the
        # collector from walking them again on every full collection, which takes seconds
        # with a long history. (A reload's old sessions are freed by reference counting.)
        gc.freeze()
        self.folder_stamps = stamps_before_load
        self.post_message(WorkspaceLoaded(workspace, settings_load.settings))

    @on(LoadProgress)
    def _show_progress(self, message: LoadProgress) -> None:
        if self.workspace is None:
            self.query_one("#load-message", Static).update(plain(text.loading_progress(message.done, message.total)))

    @on(LoadFailed)
    def _show_load_failure(self, message: LoadFailed) -> None:
        from .dialogs.files import ProblemsScreen

        self.query_one("#loading").display = False
        self.query_one("#load-message", Static).update(plain(text.CONTENT_BROKEN))
        self.push_screen(ProblemsScreen(text.CONTENT_BROKEN, [str(problem) for problem in message.problems], fatal=True))

    @on(WorkspaceLoaded)
    async def _show_workspace(self, message: WorkspaceLoaded) -> None:
        first_load = self.workspace is None
        previous_path = self.workspace.current_path if self.workspace else None
        self.workspace = message.workspace
        self.settings = message.settings
        if previous_path is not None and any(loaded.path == previous_path for loaded in self.workspace.sessions):
            self.workspace.current_path = previous_path
        current = self.workspace.current
        self.draft = self._draft_of(current)
        if first_load:
            await self._build_tabs()
            self.set_interval(WATCH_INTERVAL, self._poll_folder)
        self.refresh_all(new_session=current is None or current.path != previous_path)
        if self.workspace.problems or (current and current.warnings):
            self.notify(text.problems_notice(len(self.workspace.problems), len(current.warnings) if current else 0), severity="warning", timeout=8)
        if current and current.read_only_reason:
            self.notify(text.read_only(current.read_only_reason), severity="warning", timeout=10, markup=False)
        if first_load and not self.workspace.sessions and not self.workspace.problems:
            self.offer_setup()
        elif first_load and not self.workspace.sessions:
            self.notify(self._nothing_to_open(), severity="warning", timeout=30, markup=False)

    def _poll_folder(self) -> None:
        if self.workspace is None or self.folder_stamps is None:
            return
        if any(worker.group in ("watch", "load") and not worker.is_finished for worker in self.workers):
            return
        self._scan_folder(self.folder_stamps)

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _scan_folder(self, before: dict[Path, tuple[int, int]]) -> None:
        from ..folderwatch import scan
        from .folder_watch import FolderChanged

        assert self.workspace is not None
        self.post_message(FolderChanged(scan(self.folder, before, self.workspace.content)))

    def on_folder_changed(self, message: "FolderChanged") -> None:
        from .folder_watch import apply_folder_changes

        current = self.workspace.current if self.workspace else None
        busy = current is not None and self.autosave.state_of(current.path) is not SaveState.SAVED
        apply_folder_changes(self, message.changes, busy=busy)

    async def _build_tabs(self) -> None:
        from asyncio import gather

        from textual.widget import MountError, Widget

        from .actions_view import ActionsView
        from .history_view import HistoryView
        from .knowledge_view import KnowledgeView
        from .overview import OverviewView
        from .phase_view import PhaseView

        assert self.workspace is not None
        content = self.workspace.content
        views = [("overzicht", text.tab_label("Overzicht", "o"), OverviewView(id="overview"))]
        for phase_id, phase in content.phases.items():
            letter = {"begin": "b", "onderweg": "w"}.get(phase_id, "")
            views.append((phase_id, text.tab_label(phase.name, letter), PhaseView(phase_id, id=f"phase-{phase_id}")))
        views.append(("verloop", text.tab_label("Verloop", "v"), HistoryView(id="history")))
        views.append(("acties", text.tab_label("Acties", "t"), ActionsView(id="actions")))
        views.append(("kennis", text.tab_label("Kennis", "i"), KnowledgeView(id="knowledge")))
        start = self.workspace.start_view(own_file=bool(self.session_path or self.respondent_hint))
        # The tab set is mounted once, already on the starting tab, with only that
        # tab's view: the data is on screen before the other views are built.
        tabs = TabbedContent(id="tabs", initial=start)
        hidden: list[tuple[TabPane, Widget]] = []
        for pane_id, label, view in views:
            if pane_id == start:
                tabs.compose_add_child(TabPane(label, view, id=pane_id))
            else:
                pane = TabPane(label, id=pane_id)
                tabs.compose_add_child(pane)
                hidden.append((pane, view))
        await self.query("#loading, #load-message").remove()
        await self.mount(tabs, before=self.query_one(Footer))
        self.call_after_refresh(self._focus_active_tab)

        async def build_hidden_views() -> None:
            try:
                await gather(*(pane.mount(view) for pane, view in hidden))
            except MountError:
                return  # the app is closing: a quit right after loading
            for _, view in hidden:
                if isinstance(view, (PhaseView, ActionsView)):
                    view.rebuild()
            await self._release_held_keys()
            # A key pressed before they were built may already have opened one of them.
            if self.history is not None and tabs.active_pane is not None:
                for overview in tabs.active_pane.query_children(OverviewView):
                    overview.show(self.history, self.file_problems())
                for history_view in tabs.active_pane.query_children(HistoryView):
                    history_view.show(self.history)

        self.call_after_refresh(build_hidden_views)

    def _draft_of(self, loaded: "LoadedSession | None") -> "Session | None":
        """The draft to edit for ``loaded``: its unsaved one if it has one, else a copy of the file's answers."""
        if loaded is None:
            return None
        return self.autosave.draft_for(loaded.path) or loaded.session.model_copy(deep=True)

    def refresh_all(self, new_session: bool = False) -> None:
        """Rebuild every view from the workspace (after a load or a switch).

        For another respondent's file (``new_session``) the phase tabs start at
        its first open question; otherwise they keep their place.
        """
        from .actions_view import ActionsView
        from .phase_view import PhaseView

        self.show_status()
        for view in self.query(PhaseView):
            view.rebuild(keep_selection=not new_session)
        for actions in self.query(ActionsView):
            actions.rebuild()
        tabs = self.query(TabbedContent)
        if tabs and tabs.first().active not in ("overzicht", "verloop"):
            # The analysis would compete with painting for the interpreter: the answers
            # on this tab need none of it, so they are painted first.
            self.call_after_refresh(self.request_analysis)
        else:
            self.request_analysis()

    # --- tabs --------------------------------------------------------------------

    def action_show_tab(self, tab_id: str) -> None:
        tabs = self.query(TabbedContent)
        if not tabs:
            return
        if tab_id in ("begin", "onderweg") and self.workspace and tab_id not in self.workspace.content.phases:
            return
        tabs.first().active = tab_id
        # Focus at once: the next key, typed before the screen repaints, belongs to the new tab.
        self._focus_active_tab()

    def _focus_active_tab(self) -> None:
        tabs = self.query(TabbedContent)
        if not tabs:
            return
        pane = tabs.first().active_pane
        if pane is None:
            return
        for widget in pane.query("*"):
            if widget.focusable:
                widget.screen.set_focus(widget)
                return

    def jump_to_open_question(self, phase_id: str, forward: bool) -> None:
        """``]`` and ``[``: the next or previous open question, on into the other phase tabs.

        After the last open question of a phase the search goes on in the next
        phase (wrapping round); when every question is answered, it says so.
        """
        from .phase_view import PhaseView

        if self.workspace is None:
            return
        phases = list(self.workspace.content.phases)
        views = {view.phase_id: view for view in self.query(PhaseView)}
        here = views.get(phase_id)
        if here is None:
            return
        target = here.unanswered_after(forward, here.tree.cursor_node)
        if target is not None:
            here.select_node(target)
            return
        index = phases.index(phase_id) if phase_id in phases else 0
        others = phases[index + 1 :] + phases[:index] if forward else phases[:index][::-1] + phases[index + 1 :][::-1]
        for other in [*others, phase_id]:
            view = views.get(other)
            node = view.unanswered_after(forward) if view is not None else None
            if view is None or node is None:
                continue
            if other != phase_id:
                self.action_show_tab(other)
                self.notify(text.continued_in_phase(self.workspace.content.phases[other].name), timeout=3, markup=False)
            view.select_node(node)
            return
        total = len(self.workspace.content.questions)
        self.notify(text.all_answered(total), timeout=4, markup=False)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        from .history_view import HistoryView
        from .overview import OverviewView
        from .phase_view import PhaseView

        # A hidden phase tab leaves its detail pane for when it is shown again.
        for view in event.pane.query_children(PhaseView):
            view.show_if_stale()
        if event.pane.id not in ("overzicht", "verloop"):
            return
        if self._history_stale and not self._update_changed_round():
            self.request_analysis()
        # Hidden, Overzicht and Verloop wait for their first view to show an analysis.
        if self.history is not None:
            for overview in event.pane.query_children(OverviewView):
                if overview.history is not self.history:
                    overview.show(self.history, self.file_problems())
            for history_view in event.pane.query_children(HistoryView):
                if history_view.history is not self.history:
                    history_view.show(self.history)

    def _update_changed_round(self) -> bool:
        """Count again only the round of the draft, which is all a change can affect.

        Not while a full analysis is running (it would arrive later and older),
        nor when the draft left its round: then the caller analyses it all.
        """
        if self.history is None or self.draft is None or any(
            worker.group == "analysis" and not worker.is_finished for worker in self.workers
        ):
            return False
        updated = self.history.with_round(self._collaboration_files(), self.draft.round.label)
        if updated is None:
            return False
        self.history = updated
        self._history_stale = False
        return True

    # --- analysis ----------------------------------------------------------------

    def request_analysis(self) -> None:
        """Analyse the collaboration again, with the draft in place of its file, in a worker."""
        if self.workspace is None or self.settings is None:
            return
        self._history_stale = False
        current = self.workspace.current
        if current is None or self.draft is None:
            empty = not self.workspace.sessions
            self.post_message(AnalysisReady(None, self._nothing_to_open() if empty else text.NO_SESSION))
            return
        slug = current.session.collaboration.slug
        self._analyse_in_background(self._collaboration_files(), self.workspace.content, self.settings, slug)

    def _collaboration_files(self) -> list:  # type: ignore[type-arg]
        """The loaded files of the open collaboration, with the draft in place of the open file."""
        import dataclasses

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

    # A description of our own: by default Textual writes the repr of every argument, every loaded session.
    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False, description="analyse the collaboration")
    def _analyse_in_background(self, sessions, content, settings, slug: str) -> None:  # type: ignore[no-untyped-def]
        from ..analysis import analyse_collaboration

        history = analyse_collaboration(sessions, content, settings, slug=slug)
        history.log_of_round()  # the log timeline is built here, not when Verloop is first shown
        self.post_message(AnalysisReady(history))

    @on(AnalysisReady)
    def _analysis_ready(self, message: AnalysisReady) -> None:
        from .history_view import HistoryView
        from .knowledge_view import KnowledgeView
        from .overview import OverviewView

        self.history = message.history
        tabs = self.query(TabbedContent)
        active = tabs.first().active if tabs else None
        for overview in self.query(OverviewView):
            if message.history is None:
                overview.show_nothing(message.message)
            elif active == "overzicht":
                overview.show(message.history, self.file_problems())
        for history_view in self.query(HistoryView):
            if message.history is None:
                history_view.show_nothing(message.message)
            elif active == "verloop":
                history_view.show(message.history)
        for knowledge in self.query(KnowledgeView):
            knowledge.advice_changed()

    def _nothing_to_open(self) -> str:
        """Why there is no session to show: an empty folder, or files that all have errors."""
        assert self.workspace is not None
        if self.workspace.problems:
            return text.only_invalid_files([str(problem) for problem in self.workspace.problems])
        return text.NO_SESSIONS_HERE.format(folder=shown_path(self.folder))

    def file_problems(self) -> list[str]:
        """Problems with files in the folder, then warnings about the open file."""
        if self.workspace is None:
            return []
        current = self.workspace.current
        warnings = current.warnings if current else []
        return [str(problem) for problem in [*self.workspace.problems, *warnings]]

    def action_show_problems(self) -> None:
        from .dialogs.files import ProblemsScreen

        problems = self.file_problems()
        self.push_screen(ProblemsScreen(text.problems_title(len(problems)), problems or [text.NO_PROBLEMS]))

    def open_subject(self, level: "Level", id: str) -> None:
        """Jump to the questions of a factor, item or question in its phase tab."""
        from .checklist_tree import NodeRef
        from .phase_view import PhaseView

        if self.workspace is None:
            return
        content = self.workspace.content
        if level == "factor":
            phases = [content.factors[id].phase]
        elif level == "item":
            phases = content.phases_of_item(id)
        elif level == "question":
            phases = content.phases_of_item(content.item_of_question[id].id)
        else:
            phases = [id]
        if not phases:
            return
        phase = self.draft.phase if self.draft is not None and self.draft.phase in phases else phases[0]
        self.action_show_tab(phase)
        if level != "phase":
            self.query_one(f"#phase-{phase}", PhaseView).select_ref(NodeRef(level, id))

    def show_history_of(self, level: "Level", id: str) -> None:
        from .history_view import HistoryView

        self.action_show_tab("verloop")
        if self.history is not None:
            self.query_one(HistoryView).show(self.history, (level, id))

    # --- changing answers ----------------------------------------------------------

    def can_edit(self) -> bool:
        current = self.workspace.current if self.workspace else None
        if current is None or self.draft is None:
            self.notify(text.NO_SESSION, severity="warning")
            return False
        if current.read_only_reason:
            # One notice on screen, however many keys are pressed.
            now = time.monotonic()
            if now - self._read_only_noticed > READ_ONLY_NOTICE_SECONDS:
                self._read_only_noticed = now
                self.notify(text.read_only(current.read_only_reason), severity="warning", timeout=READ_ONLY_NOTICE_SECONDS, markup=False)
            return False
        return True

    def set_score(self, question_id: str, score: int | str | None) -> None:
        self._update_answer(question_id, "score", score)

    def set_note(self, question_id: str, note: str) -> None:
        from ..textsafe import clean_text

        self._update_answer(question_id, "note", clean_text(note).strip("\n"))

    def _update_answer(self, question_id: str, field: str, value: object) -> None:
        """Set one field of an answer in the draft; an answer left empty is dropped."""
        if not self.can_edit():
            return
        assert self.draft is not None
        from ..model import Answer

        answer = self.draft.answers.get(question_id) or Answer()
        if getattr(answer, field) == value:
            return
        updated = answer.model_copy(update={field: value})
        if updated.is_empty:
            self.draft.answers.pop(question_id, None)
        else:
            self.draft.answers[question_id] = updated
        self._changed(question_id)

    def set_item_note(self, item_id: str, note: str) -> None:
        if not self.can_edit():
            return
        assert self.draft is not None
        from ..model import ItemNote
        from ..textsafe import clean_text

        note = clean_text(note).strip("\n")
        current = self.draft.item_notes.get(item_id)
        if (current.note if current else "") == note:
            return
        if note or (current and current.model_extra):
            self.draft.item_notes[item_id] = (current or ItemNote()).model_copy(update={"note": note})
        else:
            self.draft.item_notes.pop(item_id, None)
        self._changed(None, item_id=item_id)

    def set_action(self, action_id: str, action: "Action | None") -> None:
        """Add or replace an action in the current session; ``None`` removes it."""
        if not self.can_edit():
            return
        assert self.draft is not None
        if action is None:
            self.draft.actions.pop(action_id, None)
        else:
            self.draft.actions[action_id] = action
        self._changed(None)

    def _changed(self, question_id: str | None, item_id: str | None = None) -> None:
        from .actions_view import ActionsView
        from .phase_view import PhaseView

        # A walk, not a query: matching selectors over every widget costs more than the change.
        for view in self.walk_children(PhaseView):
            view.answer_changed(question_id, item_id)
        self._history_stale = True
        if question_id is None and item_id is None:
            for actions in self.query(ActionsView):
                actions.rebuild()
        # An answer reaches the status bar only through the progress counts. When
        # they stay the same and nothing else showed the bar since our last change,
        # it already says all there is: redrawing it would lay out the whole screen.
        assert self.workspace is not None and self.workspace.current is not None and self.draft is not None
        current = self.workspace.current
        self.autosave.changed(current, self.draft)
        state = self.autosave.state_of(current.path)
        if state is SaveState.CONFLICT:
            self._ask_conflict(current.path)
        status = self.query_one(StatusBar)
        progress = self.workspace.progress(self.draft)
        shown = self._status_after_change
        if question_id is None or shown is None or shown[0] is not status.content or shown[1:] != (progress, state):
            self.show_status()
            self._status_after_change = (status.content, progress, state)

    # --- saving ------------------------------------------------------------------

    def show_status(self) -> None:
        current = self.workspace.current if self.workspace else None
        pending = self.autosave.files.get(current.path) if current else None
        state = pending.machine.state if pending else SaveState.SAVED
        self.query_one(StatusBar).show(self, state=state, reason=pending.machine.reason if pending else "")

    def _write_draft(self, loaded: "LoadedSession", draft: "Session", force: bool) -> "LoadedSession":
        """Write a draft over its file; runs in a thread (see :class:`Autosave`)."""
        from ..store import save_session

        assert self.workspace is not None
        return save_session(loaded, draft, self.workspace.content, today=self.today, force=force)

    def _save_outcome(self, pending: PendingFile, outcome: SaveOutcome) -> None:
        """A save ended: show it; a file changed by someone else asks the user (never while leaving)."""
        assert self.workspace is not None
        current = self.workspace.current
        is_current = current is not None and current.path == pending.path
        if outcome is SaveOutcome.SAVED:
            self.workspace.replace(pending.loaded)
            self.saved_at = self.clock()
        elif outcome is SaveOutcome.FAILED:
            self.notify(text.save_failed_kept(pending.path.name, pending.machine.reason), severity="error", timeout=10, markup=False)
        elif is_current and not self._leaving:
            self._ask_conflict(pending.path)
        elif not self._leaving:
            self._keep_conflicted_copy(pending)
        if is_current:
            self.show_status()

    def _ask_conflict(self, path: Path) -> None:
        from .dialogs.files import ConflictDialog

        if self._conflict_open:
            return
        self._conflict_open = True
        self.push_screen(ConflictDialog(path.name), lambda choice: self._resolve_conflict(path, choice))

    def _resolve_conflict(self, path: Path, choice: str | None) -> None:
        from ..store import load_session, save_copy
        from ..toml.read import FileProblem

        self._conflict_open = False
        pending = self.autosave.files.get(path)
        if pending is None or pending.machine.state is not SaveState.CONFLICT or self.workspace is None:
            return
        if choice == "overwrite":
            self.autosave.overwrite(path)
            return
        if choice is None:
            # Later: the draft stays; the next change asks again, and quit keeps it as a copy.
            self.show_status()
            return
        if choice == "copy":
            try:
                copy = save_copy(pending.draft, path, self.workspace.content)
            except OSError as error:
                self._notify_save_error(path, error)
                return
            self.workspace.replace(copy)
            self.notify(text.copy_saved(copy.path.name), timeout=10, markup=False)
        try:
            reloaded = load_session(path, self.workspace.content)
        except FileProblem as error:
            self.notify("; ".join(str(problem) for problem in error.problems), severity="error", timeout=15, markup=False)
            return
        self.autosave.forget(path)
        self.workspace.replace(reloaded)
        if self.workspace.current is not None and self.workspace.current.path == path:
            self.draft = reloaded.session.model_copy(deep=True)
            self.refresh_all()

    def _notify_save_error(self, path: Path, error: OSError) -> None:
        from ..store import os_error_message

        self.notify(text.save_failed(path.name, os_error_message(error)), severity="error", timeout=15, markup=False)

    def _keep_conflicted_copy(self, pending: PendingFile) -> str | None:
        """Keep a draft whose file someone else changed as a copy beside that file; its name, or ``None``."""
        from ..store import save_copy

        assert self.workspace is not None
        try:
            copy = save_copy(pending.draft, pending.path, self.workspace.content)
        except OSError as error:
            self._notify_save_error(pending.path, error)
            return None
        self.autosave.forget(pending.path)
        self.workspace.replace(copy)
        self.notify(text.copy_saved_conflict(copy.path.name), severity="warning", timeout=10, markup=False)
        return copy.path.name

    async def _settle_unsaved(self, leaving: str) -> tuple[bool, list[str]]:
        """Save everything; what cannot be saved, the user decides about. Runs in a worker.

        Returns whether the app may go on ``leaving`` ("afsluiten" or "herladen")
        and the notices for the user (copies that were made).
        """
        from .dialogs.files import UnsavedDialog

        notices: list[str] = []
        while True:
            unsaved = await self.autosave.flush()
            for pending in [pending for pending in unsaved if pending.machine.state is SaveState.CONFLICT]:
                name = self._keep_conflicted_copy(pending)
                if name is not None:
                    notices.append(text.copy_on_quit(name))
            unsaved = self.autosave.unsaved
            if not unsaved:
                return True, notices
            reasons = [(pending.path.name, pending.machine.reason or text.CHANGED_ON_DISK) for pending in unsaved]
            choice = await self.push_screen_wait(UnsavedDialog(leaving, reasons, Path.home()))
            if choice is None:
                self.show_status()
                return False, notices
            if choice == "retry":
                continue
            if choice == "discard":
                for pending in unsaved:
                    self.autosave.forget(pending.path)
                return True, notices
            notices.extend(self._copy_elsewhere(unsaved, Path(choice)))

    def _copy_elsewhere(self, unsaved: list[PendingFile], folder: Path) -> list[str]:
        """Write each unsaved draft as a copy in ``folder`` (chosen by the user)."""
        from ..store import save_copy

        assert self.workspace is not None
        notices = []
        for pending in unsaved:
            try:
                copy = save_copy(pending.draft, folder / pending.path.name, self.workspace.content)
            except OSError as error:
                self._notify_save_error(folder / pending.path.name, error)
                continue
            self.autosave.forget(pending.path)
            notices.append(text.copy_kept_elsewhere(str(copy.path)))
        return notices

    def action_quit(self) -> None:
        """Save everything (waiting for a save that runs), then quit; what cannot be saved, the user decides."""
        if not self._leaving:
            self._leaving = True
            self._quit_when_saved()

    @work(group="leave", exit_on_error=False)
    async def _quit_when_saved(self) -> None:
        try:
            done, notices = await self._settle_unsaved("afsluiten")
        finally:
            self._leaving = False
        if done:
            self.exit(0, message="\n".join(notices) or None)

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
                self._keep_conflicted_copy(pending)
            self.autosave.save_now(previous)
        self.workspace.current_path = path
        current = self.workspace.current
        self.draft = self._draft_of(current)
        self.refresh_all(new_session=previous != path)
        if current and current.read_only_reason:
            self.notify(text.read_only(current.read_only_reason), severity="warning", timeout=10, markup=False)
        if current and current.warnings:
            self.notify(text.problems_notice(0, len(current.warnings)), severity="warning", timeout=8)

    def action_switch_session(self) -> None:
        from .dialogs.navigation import SessionPicker

        if self.workspace is None:
            return
        self.push_screen(SessionPicker(self.workspace, on_result=self._session_picked))

    def _session_picked(self, path: Path | None) -> None:
        if path is not None:
            self.open_session(path)

    def action_new_round(self) -> None:
        """The next round for every participant (ctrl+n)."""
        from .new_round_all import new_round_for_all

        new_round_for_all(self)

    def action_invitations(self) -> None:
        from .new_round_all import show_invitations

        show_invitations(self)

    @work(exclusive=True, group="setup", exit_on_error=False)
    async def offer_setup(self) -> None:
        """An empty folder: offer to set up a collaboration in it."""
        from .setup_screen import set_up_from_dashboard

        await set_up_from_dashboard(self)

    def action_reload(self) -> None:
        """Read the folder again, once every change is saved (or the user chose what happens to it)."""
        if not self._leaving:
            self._leaving = True
            self._reload_when_saved()

    @work(group="leave", exit_on_error=False)
    async def _reload_when_saved(self) -> None:
        try:
            done, notices = await self._settle_unsaved("herladen")
        finally:
            self._leaving = False
        for notice in notices:
            self.notify(notice, timeout=10, markup=False)
        if done:
            self.load_workspace()

    # --- dialogs -------------------------------------------------------------------

    def action_help(self) -> None:
        from .help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        from .dialogs.navigation import SearchDialog

        if self.workspace is None:
            return
        self.push_screen(SearchDialog(self.workspace.content, self.draft), self._search_result)

    def _search_result(self, question_id: str | None) -> None:
        from .phase_view import PhaseView

        if question_id is None or self.workspace is None:
            return
        tabs = self.query_one(TabbedContent)
        phases = [phase_id for phase_id in self.workspace.content.phases if any(q.id == question_id for q in self.workspace.content.questions_of_phase(phase_id))]
        active = tabs.active
        target = active if active in phases else phases[0]
        tabs.active = target
        self.query_one(f"#phase-{target}", PhaseView).select_question(question_id)

    def action_export(self) -> None:
        from .dialogs.export import ExportDialog

        if self.workspace is None or self.workspace.current is None:
            self.notify(text.NO_SESSION, severity="warning")
            return
        self.push_screen(ExportDialog(self.folder), self._export)

    def _export(self, result: tuple[str, Path] | None) -> None:
        if result is None:
            return
        fmt, path = result
        self.write_report(fmt, path, self._collaboration_files())

    @work(thread=True, group="report", exit_on_error=False)
    def write_report(self, fmt: str, path: Path, files: list, confirmed: bool = False) -> None:  # type: ignore[type-arg]
        """Write a report; first, unless ``confirmed``, look for personal data in the notes.

        A ``fmt`` ending in "-open" (HTML) opens the report in the browser once written.
        """
        from ..analysis import analyse_collaboration
        from ..privacy import KIND_NAME, scan_session, summarise
        from ..report.formats import make_report
        from ..store import atomic_write, os_error_message
        from .dialogs.export import OPEN_SUFFIX

        assert self.workspace is not None and self.settings is not None
        if not confirmed:
            # The respondent's own name is not in a report; what they wrote may be.
            findings = [
                finding
                for loaded in files
                for finding in scan_session(loaded.session, loaded.path)
                if finding.kind != KIND_NAME
            ]
            if findings:
                self.post_message(PrivacyCheck(fmt, path, summarise(findings), [str(finding) for finding in findings]))
                return
        try:
            history = analyse_collaboration(files, self.workspace.content, self.settings)
            report_format = fmt.removesuffix(OPEN_SUFFIX)
            data = make_report(history, self.workspace.content, self.settings, report_format, self.today, round_index=history.last_scored_round())
            atomic_write(path, data)
        except OSError as error:
            self.post_message(ReportFailed(path, os_error_message(error)))
            return
        self.post_message(ReportWritten(path, open_in_browser=fmt.endswith(OPEN_SUFFIX)))

    @on(ReportWritten)
    def _report_written(self, message: ReportWritten) -> None:
        self.notify(text.report_written(str(message.path)), timeout=10, markup=False)
        if message.open_in_browser:
            self.open_url(message.path.resolve().as_uri())

    @on(ReportFailed)
    def _report_failed(self, message: ReportFailed) -> None:
        self.notify(text.report_failed(message.path.name, message.reason), severity="error", timeout=10, markup=False)

    @on(PrivacyCheck)
    def _privacy_check(self, message: PrivacyCheck) -> None:
        from .sharing import PrivacyWarning

        def answered(go_on: bool | None) -> None:
            if go_on:
                self.write_report(message.fmt, message.path, self._collaboration_files(), confirmed=True)

        self.push_screen(PrivacyWarning(message.summary, message.details), answered)

    # --- importing -------------------------------------------------------------------

    def action_import(self) -> None:
        from .sharing import ImportDialog

        if self.workspace is None:
            return
        self.push_screen(ImportDialog(), self._import_chosen)

    def _import_chosen(self, path: Path | None) -> None:
        if path is not None and self.workspace is not None:
            self._plan_import(path, list(self.workspace.sessions))

    @work(thread=True, group="import", exit_on_error=False)
    def _plan_import(self, path: Path, folder_sessions: list) -> None:  # type: ignore[type-arg]
        from ..exchange import plan_import
        from ..toml.read import FileProblem

        assert self.workspace is not None
        try:
            plan = plan_import(path, self.folder, self.workspace.content, folder_sessions=folder_sessions)
        except FileProblem as error:
            self.post_message(ImportFinished(text.import_invalid(error.problems), changed=False, severity="error"))
            return
        self.post_message(ImportPlanned(plan))

    @on(ImportPlanned)
    def _import_planned(self, message: ImportPlanned) -> None:
        from ..exchange import ImportStatus, describe_differences
        from .sharing import ImportChoiceDialog

        plan = message.plan
        if plan.status is ImportStatus.REFUSED:
            self.notify(text.import_refused(plan.source.name, plan.reason or ""), severity="error", timeout=15, markup=False)
        elif plan.status is ImportStatus.IDENTICAL:
            self.notify(text.import_identical(plan.source.name), timeout=8, markup=False)
        elif plan.status in (ImportStatus.NEW, ImportStatus.FILLS_IN):
            self._apply_import(plan, None)
        else:
            assert plan.target is not None
            dialog = ImportChoiceDialog(plan.source.name, plan.target.name, describe_differences(plan, limit=60))
            self.push_screen(dialog, lambda choice: self._import_choice(plan, choice))

    def _import_choice(self, plan, choice: str | None) -> None:  # type: ignore[no-untyped-def]
        from ..exchange import Choice

        if choice is None or choice == Choice.KEEP_EXISTING.value:
            self.notify(text.import_kept_existing(plan.target.name), timeout=8, markup=False)
            return
        if self.workspace is not None and self.workspace.current is not None:
            self.autosave.save_now(self.workspace.current.path)
        self._apply_import(plan, Choice(choice))

    @work(thread=True, group="import", exit_on_error=False)
    def _apply_import(self, plan, choice) -> None:  # type: ignore[no-untyped-def]
        from ..exchange import apply_import
        from ..store import ConflictError, os_error_message

        try:
            result = apply_import(plan, choice)
        except (ConflictError, FileExistsError):
            self.post_message(ImportFinished(text.import_changed_meanwhile(plan.source.name), changed=False, severity="warning"))
            return
        except OSError as error:
            self.post_message(ImportFinished(text.save_failed(plan.source.name, os_error_message(error)), changed=False, severity="error"))
            return
        written = result.written.name if result.written else ""
        backup = result.backup.name if result.backup else None
        self.post_message(ImportFinished(text.import_done(plan.source.name, written, backup), changed=True))

    @on(ImportFinished)
    def _import_finished(self, message: ImportFinished) -> None:
        self.notify(message.text, severity=message.severity, timeout=12, markup=False)  # type: ignore[arg-type]
        if message.changed:
            self.action_reload()


def _save_failure_reason(error: BaseException) -> str | None:
    """Why a save failed, in Dutch; ``None`` when the file changed on disk (a conflict, not a failure)."""
    from ..store import ConflictError, ReadOnlyError, os_error_message
    from ..toml.write import TomlWriteError

    if isinstance(error, ConflictError):
        return None
    if isinstance(error, ReadOnlyError):
        return error.reason
    if isinstance(error, OSError):
        return os_error_message(error)
    if isinstance(error, TomlWriteError):
        return text.NOT_WRITABLE_AS_TOML
    reason = getattr(error, "reason", None)
    return reason if isinstance(reason, str) and reason else text.save_error_unexpected(type(error).__name__)


def _advice_commands(app: SamenwerkApp) -> Iterable[SystemCommand]:
    from . import advice_flows

    if app.workspace is None or app.workspace.content.advice is None:
        return
    yield SystemCommand("Samenwerkingsvorm kiezen", "Welke vorm van samenwerking (hoofdstuk 3); staat in samenwerk-instellingen.toml", lambda: advice_flows.edit_form(app))
    yield SystemCommand("Keuzehulp samenwerkingsvorm", "De vragen van de publicatie die naar een vorm leiden, met een suggestie", lambda: advice_flows.guide(app))
    yield SystemCommand("Convenant bijhouden", "Vink af wat het convenant regelt, met artikel en datum", lambda: advice_flows.edit_convenant(app))


def create_app(
    folder: Path,
    content_folder: Path | None = None,
    settings: "Settings | None" = None,
    respondent: str | None = None,
    today: dt.date | None = None,
    clock: "callable | None" = None,  # type: ignore[valid-type]
    session_path: Path | None = None,
) -> SamenwerkApp:
    """Build the dashboard from its inputs; the CLI and the tests both use this."""
    return SamenwerkApp(
        folder=folder, content_folder=content_folder, settings=settings, respondent=respondent, today=today, clock=clock,
        session_path=session_path,
    )
