"""Comparing two sessions of the same respondent and round: per question, and every other field."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..content import Checklist
from ..model import Session, field_label
from ..textsafe import clean_line

EMPTY = "(leeg)"


@dataclass(frozen=True)
class AnswerDifference:
    """One question answered differently: old (in the folder) vs new (incoming)."""

    question_id: str
    old_score: int | str | None
    new_score: int | str | None
    old_note: str
    new_note: str

    @property
    def score_changed(self) -> bool:
        return self.old_score != self.new_score

    @property
    def note_changed(self) -> bool:
        return self.old_note != self.new_note


@dataclass(frozen=True)
class FieldDifference:
    """Any other difference: a Dutch description of the field, old and new as text."""

    field: str
    old: str
    new: str
    is_text: bool = True
    """Text is shown between quotes; dates, numbers and ``(leeg)`` are not."""


def compare_sessions(old: Session, new: Session, content: Checklist | None = None) -> tuple[list[AnswerDifference], list[FieldDifference]]:
    """Every difference between two sessions: per question, and everything else."""
    old_data = old.model_dump(mode="python", by_alias=True, exclude_none=True)
    new_data = new.model_dump(mode="python", by_alias=True, exclude_none=True)
    answers = _compare_answers(old, new, content)
    old_answers, new_answers = old_data.pop("vragen", {}), new_data.pop("vragen", {})
    others: list[FieldDifference] = []
    # Extra keys inside answers (from newer versions or hand edits).
    for question_id in _ordered_ids(set(old_answers) | set(new_answers), content):
        old_extra = {k: v for k, v in old_answers.get(question_id, {}).items() if k not in ("score", "notitie")}
        new_extra = {k: v for k, v in new_answers.get(question_id, {}).items() if k not in ("score", "notitie")}
        _compare_values(("vragen", question_id), old_extra, new_extra, others)
    others.extend(_compare_log(old_data.pop("logboek", []), new_data.pop("logboek", [])))
    _compare_values((), old_data, new_data, others)
    return answers, others


def _ordered_ids(ids: set[str], content: Checklist | None) -> list[str]:
    order = {question_id: index for index, question_id in enumerate(content.questions)} if content else {}
    return sorted(ids, key=lambda question_id: (order.get(question_id, len(order)), _natural_key(question_id)))


def _natural_key(text: str) -> tuple[Any, ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text))


def _compare_answers(old: Session, new: Session, content: Checklist | None) -> list[AnswerDifference]:
    differences = []
    for question_id in _ordered_ids(set(old.answers) | set(new.answers), content):
        before, after = old.answer(question_id), new.answer(question_id)
        if before.score != after.score or before.note != after.note:
            differences.append(AnswerDifference(question_id, before.score, after.score, before.note, after.note))
    return differences


def _compare_values(path: tuple[Any, ...], old: Any, new: Any, out: list[FieldDifference]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(old) + [key for key in new if key not in old]
        for key in keys:
            _compare_values((*path, key), old.get(key, _MISSING), new.get(key, _MISSING), out)
        return
    if isinstance(old, dict) or isinstance(new, dict):
        # A whole table added or removed (an action, an item note).
        _compare_values(path, old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}, out)
        return
    if old != new:
        is_text = all(isinstance(value, str) or value is _MISSING for value in (old, new))
        out.append(FieldDifference(field_label(path), show_value(old), show_value(new), is_text))


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Any = _Missing()


def _compare_log(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[FieldDifference]:
    """Log entries only in one of the two, as a multiset: order changes are no difference."""

    def key(entry: dict[str, Any]) -> str:
        return repr(sorted(entry.items()))

    old_count, new_count = Counter(key(entry) for entry in old), Counter(key(entry) for entry in new)
    out = []
    seen: Counter[str] = Counter()
    for entry in old:
        k = key(entry)
        seen[k] += 1
        if seen[k] > new_count[k]:
            out.append(FieldDifference(_log_label(entry), _log_text(entry), EMPTY))
    seen.clear()
    for entry in new:
        k = key(entry)
        seen[k] += 1
        if seen[k] > old_count[k]:
            out.append(FieldDifference(_log_label(entry), EMPTY, _log_text(entry)))
    return out


def _log_label(entry: dict[str, Any]) -> str:
    date = entry.get("datum")
    return f"logboek {date.isoformat()}" if isinstance(date, dt.date) else "logboek"


def _log_text(entry: dict[str, Any]) -> str:
    text = str(entry.get("tekst", ""))
    author = entry.get("auteur")
    return f"{text} ({author})" if author else text


def show_value(value: Any) -> str:
    if value is _MISSING or value is None or value == "":
        return EMPTY
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(f"{key} = {show_value(element)}" for key, element in value.items()) or EMPTY
    if isinstance(value, list):
        return ", ".join(show_value(element) for element in value) or EMPTY
    return clean_line(str(value)) if isinstance(value, str) else str(value)
