"""Files that appear or change in the folder show up while the dashboard runs.

The app polls the folder (:func:`poll_folder`) in a thread worker
(:func:`samenwerk_tui.folderwatch.scan`) and hands the result to :func:`apply_folder_changes`, which puts the new and
changed files in the workspace. The file being edited is reloaded only when
nothing typed is waiting to be saved; otherwise it is left alone and the
usual conflict rules apply when it is saved. Nothing typed is ever replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.message import Message

from ..dutch import plural
from ..textsafe import clean_line

if TYPE_CHECKING:
    from pathlib import Path

    from ..content import Checklist
    from ..folderwatch import FolderChanges
    from .ports import Dashboard


@dataclass
class FolderChanged(Message):
    """A poll of the folder found new, changed or removed session files."""

    changes: FolderChanges


def poll_folder(app: Dashboard) -> None:
    """Look for new, changed and removed files in a thread, unless a look or a load is under way."""
    if app.workspace is None or app.folder_stamps is None:
        return
    if any(worker.group in ("watch", "load") and not worker.is_finished for worker in app.workers):
        return
    scan = partial(_scan, app.folder, app.folder_stamps, app.workspace.content, app.post_message)
    app.run_worker(scan, thread=True, exclusive=True, group="watch", exit_on_error=False, description="look for changed session files")


def _scan(folder: Path, before: dict[Path, tuple[int, int]], content: Checklist, post: Callable[[Message], object]) -> None:
    from ..folderwatch import scan

    post(FolderChanged(scan(folder, before, content)))


def _names(names: list[str], shown: int = 3) -> str:
    text = ", ".join(clean_line(name) for name in names[:shown])
    return text + (f" en nog {len(names) - shown}" if len(names) > shown else "")


def apply_folder_changes(app: Dashboard, changes: FolderChanges, *, busy: bool) -> None:
    """Put what changed on disk in the workspace; ``busy`` when a save of the current file is waiting or running."""
    from ..store import current_digest

    workspace = app.workspace
    if workspace is None:
        return
    stamps = dict(changes.stamps)
    current = workspace.current
    unsaved = current is not None and app.draft is not None and app.draft != current.session
    touched = {loaded.path for loaded in changes.loaded} | {problem.path for problem in changes.problems}
    workspace.problems = [problem for problem in workspace.problems if problem.path not in touched] + changes.problems
    added: list[str] = []
    updated: list[str] = []
    current_reloaded = False
    for loaded in changes.loaded:
        known = workspace.session_with_path(loaded.path)
        if known is not None and known.digest == loaded.digest:
            continue
        if current_digest(loaded.path) != loaded.digest:
            # Written again since the poll read it (by a save of ours, say): an older
            # version must never replace a newer one. Look again at the next poll.
            stamps.pop(loaded.path, None)
            continue
        if current is not None and loaded.path == current.path:
            if busy or unsaved:
                stamps.pop(loaded.path, None)  # Look again at the next poll.
                continue
            workspace.replace(loaded)
            app.draft = loaded.session.model_copy(deep=True)
            current_reloaded = True
            updated.append(loaded.path.name)
            continue
        workspace.replace(loaded)
        (added if known is None else updated).append(loaded.path.name)
    removed = [path for path in changes.removed if current is None or path != current.path]
    for path in removed:
        workspace.remove(path)
    for path in {problem.path for problem in changes.problems}:
        if current is None or path != current.path:
            workspace.remove(path)
    app.folder_stamps = stamps
    if not (added or updated or removed or changes.problems):
        return
    if current_reloaded:
        app.refresh_all()
    else:
        app.show_status()
        app.refresh_actions()
        app.request_analysis()
    lines = []
    if added:
        lines.append(f"Nieuw in de map: {_names(added)}.")
    if updated:
        lines.append(f"Bijgewerkt op schijf: {_names(updated)}.")
    if removed:
        lines.append(f"Uit de map verdwenen: {_names([path.name for path in removed])}.")
    if changes.problems:
        lines.append(f"{plural(len({problem.path for problem in changes.problems}), 'bestand')} met fouten (ctrl+p → Meldingen tonen).")
    app.notify("\n".join(lines), severity="warning" if changes.problems else "information", markup=False, timeout=8)
