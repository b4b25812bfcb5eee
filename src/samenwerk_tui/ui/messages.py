"""The messages of the dashboard: a catalogue of what can happen.

Workers post these; handlers on the app own the state. Workers never touch
widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    # Only for annotations: the UI must paint before pydantic is imported.
    from ..analysis import History
    from ..settings import Settings
    from ..toml.read import Problem
    from ..workspace import Workspace


@dataclass
class LoadProgress(Message):
    """Loading a folder: ``done`` of ``total`` files read."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgress)


@dataclass
class WorkspaceLoaded(Message):
    workspace: Workspace
    settings: Settings
    stamps: dict[Path, tuple[int, int]]
    """Modification time and size of each session file, taken before the folder was read."""


@dataclass
class LoadFailed(Message):
    """The content (checklist) or settings could not be loaded: nothing to show."""

    problems: list[Problem]


@dataclass
class AnalysisReady(Message):
    """The collaboration's history, analysed in a worker; ``None`` when there is nothing to analyse."""

    history: History | None
    message: str = ""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AnalysisReady)
