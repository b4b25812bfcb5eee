"""Changes to the draft of the open file: a score, a note, an action; each reaches every view and the autosave.

The functions change a draft and say whether anything changed;
:class:`Editing` makes the change for the dashboard, when the open file may
be edited, and passes it on.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from . import text
from .autosave import SaveState

if TYPE_CHECKING:
    from ..model import Action, Session
    from ..store import LoadedSession
    from .analysing import Analysis
    from .autosave import Autosave
    from .flows.saving import SaveFlows
    from .ports import Dashboard

READ_ONLY_NOTICE_SECONDS = 5


class Editing:
    """The dashboard's changes to the draft of the open file."""

    def __init__(self, app: Dashboard, saving: SaveFlows, analysis: Analysis) -> None:
        self.app = app
        self.saving = saving
        self.analysis = analysis
        self._read_only_noticed = -1e9

    def can_edit(self) -> bool:
        app = self.app
        current = app.workspace.current if app.workspace else None
        if current is None or app.draft is None:
            app.notify(text.NO_SESSION, severity="warning")
            return False
        if current.read_only_reason:
            # One notice on screen, however many keys are pressed.
            now = time.monotonic()
            if now - self._read_only_noticed > READ_ONLY_NOTICE_SECONDS:
                self._read_only_noticed = now
                app.notify(text.read_only(current.read_only_reason), severity="warning", timeout=READ_ONLY_NOTICE_SECONDS, markup=False)
            return False
        return True

    def set_answer(self, question_id: str, field: str, value: object) -> None:
        if self.can_edit() and set_answer(self.app.draft, question_id, field, value):
            self._changed(question_id)

    def set_item_note(self, item_id: str, note: str) -> None:
        if self.can_edit() and set_item_note(self.app.draft, item_id, note):
            self._changed(None, item_id=item_id)

    def set_action(self, action_id: str, action: Action | None) -> None:
        if self.can_edit() and set_action(self.app.draft, action_id, action):
            self._changed(None)

    def _changed(self, question_id: str | None, item_id: str | None = None) -> None:
        from .phase_view import PhaseView

        app = self.app
        # A walk, not a query: matching selectors over every widget costs more than the change.
        for view in app.walk_children(PhaseView):
            view.answer_changed(question_id, item_id)
        self.analysis.stale = True
        if question_id is None and item_id is None:
            app.refresh_actions()
        assert app.workspace is not None and app.workspace.current is not None and app.draft is not None
        current = app.workspace.current
        app.autosave.changed(current, app.draft)
        if app.autosave.state_of(current.path) is SaveState.CONFLICT:
            self.saving.ask_conflict(current.path)
        app.show_status()


def draft_of(loaded: LoadedSession | None, autosave: Autosave) -> Session | None:
    """The draft to edit for ``loaded``: its unsaved one if it has one, else a copy of the file's answers."""
    if loaded is None:
        return None
    return autosave.draft_for(loaded.path) or loaded.session.model_copy(deep=True)


def cleaned(note: str) -> str:
    """A note as typed, without control characters and without blank lines around it."""
    from ..textsafe import clean_text

    return clean_text(note).strip("\n")


def set_answer(draft: Session | None, question_id: str, field: str, value: object) -> bool:
    """Set one field of an answer; an answer left empty is dropped."""
    from ..model import Answer

    assert draft is not None
    answer = draft.answers.get(question_id) or Answer()
    if getattr(answer, field) == value:
        return False
    updated = answer.model_copy(update={field: value})
    if updated.is_empty:
        draft.answers.pop(question_id, None)
    else:
        draft.answers[question_id] = updated
    return True


def set_item_note(draft: Session | None, item_id: str, note: str) -> bool:
    """Set the note of an item; an empty note is dropped unless the file holds more for that item."""
    from ..model import ItemNote

    assert draft is not None
    current = draft.item_notes.get(item_id)
    if (current.note if current else "") == note:
        return False
    if note or (current and current.model_extra):
        draft.item_notes[item_id] = (current or ItemNote()).model_copy(update={"note": note})
    else:
        draft.item_notes.pop(item_id, None)
    return True


def set_action(draft: Session | None, action_id: str, action: Action | None) -> bool:
    """Add or replace an action; ``None`` removes it."""
    assert draft is not None
    if action is None:
        draft.actions.pop(action_id, None)
    else:
        draft.actions[action_id] = action
    return True
