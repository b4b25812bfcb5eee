"""What ``/`` finds: questions, and what the respondent wrote (notes, item notes, actions).

Pure Python, no Textual. Every hit leads to a question, so the dashboard can
jump there: a note to its question, an item note or an action to the first
question of its checklist item.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import Checklist
from .model import Session, fold_text

KIND_QUESTION = "vraag"
KIND_NOTE = "notitie"
KIND_ITEM_NOTE = "notitie bij punt"
KIND_ACTION = "actie"


@dataclass(frozen=True)
class SearchHit:
    question_id: str
    """Where the dashboard goes for this hit."""
    kind: str
    """What matched, in Dutch: ``vraag``, ``notitie``, ``notitie bij punt`` or ``actie``."""
    text: str
    """The text to show: the question, or the matching excerpt of what was written."""


def _matches(words: list[str], *texts: str) -> bool:
    haystack = fold_text(" ".join(texts))
    return all(word in haystack for word in words)


def excerpt(text: str, words: list[str], width: int = 100) -> str:
    """One line of ``text`` around the first of ``words`` found in it."""
    line = " ".join(text.split())
    folded = line.casefold()
    positions = [folded.find(word) for word in words if folded.find(word) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    cut = line[start : start + width]
    return ("…" if start else "") + cut + ("…" if start + width < len(line) else "")


def search(content: Checklist, session: Session | None, query: str) -> list[SearchHit]:
    """Questions whose id, text or item title hold every word of ``query``; then notes, item notes, actions."""
    words = fold_text(query).split()
    hits = [
        SearchHit(question_id, KIND_QUESTION, question.text)
        for question_id, question in content.questions.items()
        if _matches(words, question_id, question.text, content.item_of_question[question_id].title)
    ]
    if session is None or not words:
        return hits
    for question_id, answer in session.answers.items():
        if question_id in content.questions and answer.note and _matches(words, answer.note):
            hits.append(SearchHit(question_id, KIND_NOTE, excerpt(answer.note, words)))
    for item_id, item_note in session.item_notes.items():
        item = content.items.get(item_id)
        if item is not None and item_note.note and _matches(words, item_note.note):
            hits.append(SearchHit(item.questions[0].id, KIND_ITEM_NOTE, excerpt(item_note.note, words)))
    for action in session.actions.values():
        item = content.items.get(action.item)
        if item is not None and _matches(words, action.what, action.who, action.note):
            hits.append(
                SearchHit(item.questions[0].id, KIND_ACTION, excerpt(f"{action.what} ({action.who})" if action.who else action.what, words))
            )
    return hits
