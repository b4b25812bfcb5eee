"""The samenwerk dashboard: the App, built by :func:`create_app`.

The app owns the state (the :class:`~samenwerk_tui.workspace.Workspace` and
the draft of the session being edited); views ask it for data and call its
methods to change answers. Loading runs in a thread worker after the first
paint; saves are debounced and run in a worker one at a time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, LoadingIndicator, Static, TabbedContent, TabPane

from . import text
from .messages import (
    AnalysisReady,
    ImportFinished,
    ImportPlanned,
    LoadFailed,
    LoadProgress,
    PrivacyCheck,
    ReportWritten,
    SaveConflict,
    SaveFailed,
    SaveFinished,
    WorkspaceLoaded,
)
from .render import plain
from .status import StatusBar

if TYPE_CHECKING:
    from ..analysis import History, Level
    from ..model import Action, Session
    from ..settings import Settings
    from ..workspace import Workspace

SAVE_DELAY = 0.8
"""Seconds of quiet after the last change before the file is saved."""
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
    ) -> None:
        super().__init__()
        self.folder = folder
        self.content_folder = content_folder
        self.settings_override = settings
        self.respondent_hint = respondent
        self.today = today or dt.date.today()
        self.clock = clock or (lambda: dt.datetime.now().strftime("%H:%M"))
        self.workspace: Workspace | None = None
        self.settings: Settings | None = settings
        self.draft: Session | None = None
        self._save_timer: Timer | None = None
        self._saving = False
        self._save_pending = False
        self._conflict_open = False
        self._conflict_unresolved = False
        """The draft could not be saved because the file changed on disk, and the user has not chosen yet."""
        self.saved_at: str | None = None
        self.history: History | None = None
        self._history_stale = True
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

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own system commands are English; these are the Dutch ones.
        yield SystemCommand("Nieuwe ronde starten", "Begin een nieuwe ronde vanuit de laatste (notities en acties gaan mee)", self.action_new_round)
        yield SystemCommand("Andere sessie openen", "Kies een andere respondent of ronde", self.action_switch_session)
        yield SystemCommand("Rapport exporteren", "Schrijf een rapport voor de stuurgroep (Markdown, CSV of JSON)", self.action_export)
        yield SystemCommand("Sessiebestand importeren", "Zet een bestand van een partner in de sessiemap (met controle)", self.action_import)
        yield SystemCommand("Vragen zoeken", "Zoek in de 69 vragen van de checklist", self.action_search)
        yield SystemCommand("Opnieuw laden", "Lees de sessiebestanden opnieuw van schijf", self.action_reload)
        yield SystemCommand("Meldingen tonen", "Fouten in bestanden en waarschuwingen bij deze sessie, met regelnummers", self.action_show_problems)
        for tab_id, label, letter, _ in TABS:
            yield SystemCommand(f"Tab {label}", f"Ga naar {label} (toets {letter})", lambda tab_id=tab_id: self.action_show_tab(tab_id))
        yield SystemCommand("Thema wijzigen", "Kies een ander kleurenthema", self.action_change_theme)
        yield SystemCommand("Toetsen tonen", "Alle toetsen en wat ze doen", self.action_help)
        yield SystemCommand("Afsluiten", "Sluit samenwerk af (wijzigingen worden eerst opgeslagen)", self.action_quit)

    def action_command_palette(self) -> None:
        from .dialogs import DutchCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(DutchCommandPalette(placeholder=text.PALETTE_PLACEHOLDER, id="--command-palette"))

    def search_themes(self) -> None:
        # Textual's theme picker, with a Dutch placeholder.
        from textual.theme import ThemeProvider

        from .dialogs import DutchCommandPalette

        self.push_screen(DutchCommandPalette(providers=[ThemeProvider], placeholder=text.THEME_PLACEHOLDER))

    # --- loading -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_workspace(self) -> None:
        import gc
        import time

        from ..cache import load_folder_cached
        from ..content import load_content
        from ..settings import SettingsLoad, read_settings
        from ..tomlio import FileProblem
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

        load = load_folder_cached(self.folder, content, progress=progress)
        workspace = Workspace.from_load(self.folder, content, load, self.respondent_hint)
        workspace.problems = [*settings_load.problems, *workspace.problems]
        # The loaded sessions live as long as the workspace and hold no cycles: keep the
        # collector from walking them again on every full collection, which takes seconds
        # with a long history. (A reload's old sessions are freed by reference counting.)
        gc.freeze()
        self.post_message(WorkspaceLoaded(workspace, settings_load.settings))

    @on(LoadProgress)
    def _show_progress(self, message: LoadProgress) -> None:
        if self.workspace is None:
            self.query_one("#load-message", Static).update(plain(text.loading_progress(message.done, message.total)))

    @on(LoadFailed)
    def _show_load_failure(self, message: LoadFailed) -> None:
        from .dialogs import ProblemsScreen

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
        self.draft = current.session.model_copy(deep=True) if current else None
        if first_load:
            await self._build_tabs()
        self.refresh_all()
        if self.workspace.problems or (current and current.warnings):
            self.notify(text.problems_notice(len(self.workspace.problems), len(current.warnings) if current else 0), severity="warning", timeout=8)
        if current and current.read_only_reason:
            self.notify(plain(text.read_only(current.read_only_reason)), severity="warning", timeout=10)
        if first_load and not self.workspace.sessions:
            self.notify(plain(text.NO_SESSIONS_HERE.format(folder=self.folder)), severity="warning", timeout=30)

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
        start = self.draft.phase if self.draft and self.draft.phase in content.phases else "overzicht"
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
            # A key pressed before they were built may already have opened one of them.
            if self.history is not None and tabs.active_pane is not None:
                for overview in tabs.active_pane.query_children(OverviewView):
                    overview.show(self.history, self.file_problems())
                for history_view in tabs.active_pane.query_children(HistoryView):
                    history_view.show(self.history)

        self.call_after_refresh(build_hidden_views)

    def refresh_all(self) -> None:
        """Rebuild every view from the workspace (after a load or a switch)."""
        from .actions_view import ActionsView
        from .phase_view import PhaseView

        self.query_one(StatusBar).show(self)
        for view in self.query(PhaseView):
            view.rebuild()
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
        # Focus now, before the old pane hides and Textual moves the focus to
        # the tab strip, and again once the new pane is laid out.
        self._focus_active_tab()
        self.call_after_refresh(self._focus_active_tab)

    def _focus_active_tab(self) -> None:
        tabs = self.query(TabbedContent)
        if not tabs:
            return
        pane = tabs.first().active_pane
        if pane is None:
            return
        for widget in pane.query("*"):
            if widget.focusable:
                widget.focus()
                return

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
            self.post_message(AnalysisReady(None, text.NO_SESSIONS_HERE.format(folder=self.folder) if empty else text.NO_SESSION))
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

    def file_problems(self) -> list[str]:
        """Problems with files in the folder, then warnings about the open file."""
        if self.workspace is None:
            return []
        current = self.workspace.current
        warnings = current.warnings if current else []
        return [str(problem) for problem in [*self.workspace.problems, *warnings]]

    def action_show_problems(self) -> None:
        from .dialogs import ProblemsScreen

        problems = self.file_problems()
        self.push_screen(ProblemsScreen(text.problems_title(len(problems)), problems or [text.NO_PROBLEMS]))

    def open_subject(self, level: "Level", id: str) -> None:
        """Jump to the questions of a factor, item or question in its phase tab."""
        from .phase_view import NodeRef, PhaseView

        if self.workspace is None:
            return
        content = self.workspace.content
        if level == "factor":
            phases = [content.factors[id].phase]
        elif level == "item":
            phases = content.phases_of_item(id)
        elif level == "question":
            phases = content.phases_of_item(content.item_of_question[id])
        else:
            phases = [id]
        if not phases:
            return
        phase = self.draft.phase if self.draft is not None and self.draft.phase in phases else phases[0]
        self.action_show_tab(phase)
        if level != "phase":
            view = self.query_one(f"#phase-{phase}", PhaseView)
            self.call_after_refresh(view.select_ref, NodeRef(level, id))

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
            notice = text.read_only(current.read_only_reason)
            # One notice on screen, however many keys are pressed.
            if not any(str(shown.message) == notice for shown in self._notifications):
                self.notify(plain(notice), severity="warning")
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
        status = self.query_one(StatusBar)
        progress = self.workspace.progress(self.draft) if self.workspace and self.draft else None
        shown = self._status_after_change
        if question_id is None or shown is None or shown[0] is not status.content or shown[1] != progress:
            status.show(self, unsaved=True)
            self._status_after_change = (status.content, progress)
        self._schedule_save()

    # --- saving ------------------------------------------------------------------

    def _schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_now)

    def save_now(self, force: bool = False) -> None:
        """Start saving the draft (one save at a time; a change during a save saves again)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.workspace is None or self.draft is None or self.workspace.current is None:
            return
        if self._saving:
            self._save_pending = True
            return
        self._saving = True
        self._save_in_background(self.workspace.current, self.draft.model_copy(deep=True), force)

    @work(thread=True, group="save", exit_on_error=False)
    def _save_in_background(self, loaded, draft, force: bool) -> None:  # type: ignore[no-untyped-def]
        from ..store import ConflictError, ReadOnlyError, os_error_message, save_session
        from ..tomlwrite import TomlWriteError

        assert self.workspace is not None
        try:
            saved = save_session(loaded, draft, self.workspace.content, today=self.today, force=force)
        except ConflictError:
            self.post_message(SaveConflict(loaded.path))
        except ReadOnlyError as error:
            self.post_message(SaveFailed(loaded.path, error.reason))
        except OSError as error:
            self.post_message(SaveFailed(loaded.path, os_error_message(error)))
        except TomlWriteError:
            self.post_message(SaveFailed(loaded.path, text.NOT_WRITABLE_AS_TOML))
        else:
            self.post_message(SaveFinished(saved))

    def _save_done(self) -> None:
        self._saving = False
        if self._save_pending:
            self._save_pending = False
            self.save_now()

    @on(SaveFinished)
    def _saved(self, message: SaveFinished) -> None:
        assert self.workspace is not None and self.draft is not None
        changed_since = self.workspace.current is not None and self.workspace.current.path == message.loaded.path
        self.workspace.replace(message.loaded)
        if changed_since:
            self.draft.updated = message.loaded.session.updated
        self.saved_at = self.clock()
        self.query_one(StatusBar).show(self, unsaved=self._save_pending or self._save_timer is not None)
        self._save_done()

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        self.notify(plain(text.save_failed(message.path.name, message.reason)), severity="error", timeout=10)
        if self.workspace and self.workspace.current and message.path == self.workspace.current.path:
            self._save_done()

    @on(SaveConflict)
    def _save_conflict(self, message: SaveConflict) -> None:
        from .dialogs import ConflictDialog

        self._saving = False
        self._save_pending = False
        self._conflict_unresolved = True
        if self._conflict_open:
            return
        self._conflict_open = True
        self.push_screen(ConflictDialog(message.path.name), self._resolve_conflict)

    def _resolve_conflict(self, choice: str | None) -> None:
        from ..store import load_session, save_copy
        from ..tomlio import FileProblem

        self._conflict_open = False
        assert self.workspace is not None and self.draft is not None
        current = self.workspace.current
        assert current is not None
        self._conflict_unresolved = choice is None
        if choice == "overwrite":
            self.save_now(force=True)
            return
        if choice == "copy":
            try:
                copy = save_copy(self.draft, current.path, self.workspace.content)
            except OSError as error:
                self.notify(plain(text.save_failed(current.path.name, str(error))), severity="error")
                return
            self.workspace.replace(copy)
            self.notify(plain(text.copy_saved(copy.path.name)), timeout=10)
        if choice in ("copy", "reload"):
            try:
                reloaded = load_session(current.path, self.workspace.content)
            except FileProblem as error:
                self.notify(plain("; ".join(str(problem) for problem in error.problems)), severity="error", timeout=15)
                return
            self.workspace.replace(reloaded)
            self.draft = reloaded.session.model_copy(deep=True)
            self.refresh_all()
            return
        # Dismissed: keep the draft; the next change tries again.
        self.query_one(StatusBar).show(self, unsaved=True)

    def _keep_unresolved_draft(self) -> str | None:
        """Before the draft is dropped (quit, other session): never lose it, never overwrite theirs.

        With an unresolved conflict the draft is written as a copy beside the file;
        returns the copy's name.
        """
        from ..store import save_copy

        if not self._conflict_unresolved or self.workspace is None or self.workspace.current is None or self.draft is None:
            return None
        try:
            copy = save_copy(self.draft, self.workspace.current.path, self.workspace.content)
        except OSError as error:
            self.notify(plain(text.save_failed(self.workspace.current.path.name, str(error))), severity="error", timeout=15)
            return None
        self._conflict_unresolved = False
        self.workspace.replace(copy)
        return copy.path.name

    async def action_quit(self) -> None:
        """Save what is pending, then quit."""
        if self._conflict_unresolved:
            name = self._keep_unresolved_draft()
            if name is not None:
                self.exit(0, message=text.copy_on_quit(name))
            return
        if self._save_timer is not None or self._save_pending:
            self.save_now()
        if self._saving:
            await self.workers.wait_for_complete()
        self.exit(0)

    # --- sessions and rounds ----------------------------------------------------------

    def open_session(self, path: Path) -> None:
        """Make the session at ``path`` the current one (saving the current first)."""
        if self.workspace is None:
            return
        if self._save_timer is not None:
            self.save_now()
        if self._conflict_unresolved and (name := self._keep_unresolved_draft()):
            self.notify(plain(text.copy_saved_conflict(name)), severity="warning", timeout=10)
        self.workspace.current_path = path
        current = self.workspace.current
        self.draft = current.session.model_copy(deep=True) if current else None
        self.refresh_all()
        if current and current.read_only_reason:
            self.notify(plain(text.read_only(current.read_only_reason)), severity="warning", timeout=10)
        if current and current.warnings:
            self.notify(text.problems_notice(0, len(current.warnings)), severity="warning", timeout=8)

    def action_switch_session(self) -> None:
        from .dialogs import SessionPicker

        if self.workspace is None:
            return
        self.push_screen(SessionPicker(self.workspace), self._session_picked)

    def _session_picked(self, path: Path | None) -> None:
        if path is not None:
            self.open_session(path)

    def action_new_round(self) -> None:
        from .dialogs import NewRoundDialog

        if self.workspace is None or self.workspace.current is None:
            self.notify(text.NO_SESSION, severity="warning")
            return
        self.push_screen(NewRoundDialog(self.workspace.current.session, self.today), self._new_round)

    def _new_round(self, result: tuple[str, dt.date] | None) -> None:
        from ..store import create_session_file, new_session, session_filename

        if result is None or self.workspace is None or self.draft is None:
            return
        label, date = result
        previous = self.draft
        session = new_session(
            collaboration=previous.collaboration.name,
            slug=previous.collaboration.slug,
            round_label=label,
            round_date=date,
            phase=previous.phase,
            organisation=previous.respondent.organisation,
            role=previous.respondent.role,
            name=previous.respondent.name,
            content=self.workspace.content,
            previous=previous,
            today=self.today,
        )
        path = self.folder / session_filename(session)
        try:
            loaded = create_session_file(path, session, self.workspace.content)
        except FileExistsError:
            self.notify(plain(text.round_exists(path.name)), severity="error")
            return
        except OSError as error:
            self.notify(plain(text.save_failed(path.name, str(error))), severity="error")
            return
        if self._save_timer is not None:
            self.save_now()
        self.workspace.replace(loaded)
        self.open_session(path)
        open_actions = [action for action in session.actions.values() if action.is_open()]
        self.notify(plain(text.round_started(label, len(open_actions))), timeout=10)
        if open_actions:
            self.action_show_tab("acties")

    def action_reload(self) -> None:
        if self._save_timer is not None:
            self.save_now()
        self.load_workspace()

    # --- dialogs -------------------------------------------------------------------

    def action_help(self) -> None:
        from .help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        from .dialogs import SearchDialog

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
        from .dialogs import ExportDialog

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
        """Write a report; first, unless ``confirmed``, look for personal data in the notes."""
        from ..analysis import analyse_collaboration
        from ..privacy import KIND_NAME, scan_session, summarise
        from ..report import encode_report, render_report
        from ..store import atomic_write, os_error_message

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
            report = render_report(history, self.workspace.content, self.settings, fmt, today=self.today, round_index=history.last_scored_round())
            data = encode_report(report, fmt)
            atomic_write(path, data)
        except OSError as error:
            self.post_message(SaveFailed(path, os_error_message(error)))
            return
        self.post_message(ReportWritten(path))

    @on(ReportWritten)
    def _report_written(self, message: ReportWritten) -> None:
        self.notify(plain(text.report_written(str(message.path))), timeout=10)

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
        from ..tomlio import FileProblem

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
            self.notify(plain(text.import_refused(plan.source.name, plan.reason or "")), severity="error", timeout=15)
        elif plan.status is ImportStatus.IDENTICAL:
            self.notify(plain(text.import_identical(plan.source.name)), timeout=8)
        elif plan.status is ImportStatus.NEW:
            self._apply_import(plan, None)
        else:
            assert plan.target is not None
            dialog = ImportChoiceDialog(plan.source.name, plan.target.name, describe_differences(plan, limit=60))
            self.push_screen(dialog, lambda choice: self._import_choice(plan, choice))

    def _import_choice(self, plan, choice: str | None) -> None:  # type: ignore[no-untyped-def]
        from ..exchange import Choice

        if choice is None or choice == Choice.KEEP_EXISTING.value:
            self.notify(plain(text.import_kept_existing(plan.target.name)), timeout=8)
            return
        if self._save_timer is not None or self._save_pending:
            self.save_now()
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
        self.notify(plain(message.text), severity=message.severity, timeout=12)  # type: ignore[arg-type]
        if message.changed:
            self.action_reload()


def create_app(
    folder: Path,
    content_folder: Path | None = None,
    settings: "Settings | None" = None,
    respondent: str | None = None,
    today: dt.date | None = None,
    clock: "callable | None" = None,  # type: ignore[valid-type]
) -> SamenwerkApp:
    """Build the dashboard from its inputs; the CLI and the tests both use this."""
    return SamenwerkApp(folder=folder, content_folder=content_folder, settings=settings, respondent=respondent, today=today, clock=clock)
