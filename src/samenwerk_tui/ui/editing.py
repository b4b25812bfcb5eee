"""Changes to the draft of the open file, as the dashboard makes them: each says whether anything changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Action, Session


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
