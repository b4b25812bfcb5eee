"""What views and flows use of the dashboard app, as a :class:`typing.Protocol`.

The App (:class:`samenwerk_tui.ui.app.SamenwerkApp`) satisfies :class:`Dashboard`;
views and flows name only this, so none of them imports the App class and the
App stays the one module that knows them all.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, overload

if TYPE_CHECKING:
    from textual.css.query import DOMQuery
    from textual.message import Message
    from textual.notifications import SeverityLevel
    from textual.screen import Screen, ScreenResultCallbackType
    from textual.widget import AwaitMount, Widget
    from textual.worker import Worker, WorkType
    from textual.worker_manager import WorkerManager

    from ..analysis import History, Level
    from ..model import Action, Session
    from ..settings import Settings
    from ..store import LoadedSession
    from ..workspace import Workspace
    from .analysing import Analysis
    from .autosave import Autosave
    from .typeahead import TypeAhead

ResultType = TypeVar("ResultType")
NodeType = TypeVar("NodeType", bound="Widget")


class Dashboard(Protocol):
    """The dashboard's state and the calls views and flows make on it."""

    @property
    def folder(self) -> Path:
        """The session folder shown."""

    @property
    def today(self) -> dt.date: ...

    workspace: Workspace | None
    settings: Settings | None
    draft: Session | None
    """The open file's answers as the user has them now, saved or not."""

    @property
    def history(self) -> History | None:
        """The latest analysis of the open collaboration."""

    folder_stamps: dict[Path, tuple[int, int]] | None

    @property
    def autosave(self) -> Autosave: ...

    @property
    def analysis(self) -> Analysis: ...

    @property
    def type_ahead(self) -> TypeAhead: ...

    def can_edit(self) -> bool: ...

    def set_action(self, action_id: str, action: Action | None) -> None: ...

    def open_session(self, path: Path) -> None: ...

    def open_subject(self, level: Level, id: str) -> None: ...

    def show_history_of(self, level: Level, id: str) -> None: ...

    def refresh_all(self, new_session: bool = False) -> None: ...

    def refresh_actions(self) -> None: ...

    def show_status(self) -> None: ...

    def request_analysis(self) -> None: ...

    def collaboration_files(self) -> list[LoadedSession]: ...

    def advice_changed(self) -> None: ...

    def file_problems(self) -> list[str]: ...

    def action_reload(self) -> None: ...

    def action_set_up(self) -> object:
        """Offer to set up a collaboration in the folder (a worker)."""

    # --- the part of Textual's App they use ---

    def notify(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float | None = None, markup: bool = True
    ) -> None: ...

    @overload
    def push_screen(
        self,
        screen: Screen[ResultType],
        callback: ScreenResultCallbackType[ResultType] | None = None,
        wait_for_dismiss: Literal[False] = False,
    ) -> AwaitMount: ...

    @overload
    def push_screen(
        self,
        screen: Screen[ResultType],
        callback: ScreenResultCallbackType[ResultType] | None = None,
        wait_for_dismiss: Literal[True] = True,
    ) -> asyncio.Future[ResultType]: ...

    async def push_screen_wait(self, screen: Screen[ResultType]) -> ResultType: ...

    @overload
    def query(self, selector: str) -> DOMQuery[Widget]: ...

    @overload
    def query(self, selector: type[NodeType]) -> DOMQuery[NodeType]: ...

    @overload
    def query_one(self, selector: str) -> Widget: ...

    @overload
    def query_one(self, selector: type[NodeType]) -> NodeType: ...

    @overload
    def query_one(self, selector: str, expect_type: type[NodeType]) -> NodeType: ...

    def walk_children(self, filter_type: type[NodeType]) -> list[NodeType]: ...

    def mount(self, *widgets: Widget, before: int | str | Widget | None = None) -> AwaitMount: ...

    def call_after_refresh(self, callback: Callable[..., object], *args: Any) -> bool: ...

    def run_worker(
        self,
        work: WorkType[ResultType],
        name: str | None = "",
        group: str = "default",
        description: str = "",
        exit_on_error: bool = True,
        start: bool = True,
        exclusive: bool = False,
        thread: bool = False,
    ) -> Worker[ResultType]: ...

    @property
    def workers(self) -> WorkerManager: ...

    def post_message(self, message: Message) -> bool: ...

    async def run_action(self, action: str) -> bool: ...

    def load_workspace(self) -> None:
        """Read the session folder again."""

    def exit(self, result: int | None = None, return_code: int = 0, message: str | None = None) -> None: ...

    def open_url(self, url: str, *, new_tab: bool = True) -> None: ...

    def copy_to_clipboard(self, text: str) -> None: ...
