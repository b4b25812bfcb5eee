"""The differences of an import plan in Dutch, one line each, cut down to where the texts differ."""

from __future__ import annotations

from ..dutch import plural
from ..textsafe import clean_line
from .compare import EMPTY
from .plan import ImportPlan

NO_SCORE = "geen score"
NO_DIFFERENCES = "geen verschillen"


def show_score(score: int | str | None) -> str:
    return NO_SCORE if score is None else str(score)


def excerpt_pair(old: str, new: str, width: int = 60) -> tuple[str, str]:
    """Old and new text cut down to where they differ, with a little context."""
    old, new = clean_line(old), clean_line(new)
    if len(old) <= width and len(new) <= width:
        return old or EMPTY, new or EMPTY
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    context = 15
    start = max(0, prefix - context)

    def cut(text: str) -> str:
        if not text:
            return EMPTY
        end = min(len(text), len(text) - suffix + context)
        middle = text[start:end]
        if len(middle) > width + 2 * context:
            middle = middle[: width + context] + "…"
        return ("…" if start > 0 else "") + middle + ("…" if end < len(text) and not middle.endswith("…") else "")

    return cut(old), cut(new)


def describe_differences(plan: ImportPlan, limit: int | None = None) -> list[str]:
    """The differences of a plan in Dutch, one line each: old (in the folder) → new (incoming).

    With ``limit``, at most that many lines, the last saying how many more there are.
    """
    lines: list[str] = []
    for difference in plan.answers:
        where = f"vraag {difference.question_id}"
        if difference.score_changed:
            lines.append(f"{where}, score: {show_score(difference.old_score)} → {show_score(difference.new_score)}")
        if difference.note_changed:
            old, new = excerpt_pair(difference.old_note, difference.new_note)
            lines.append(f"{where}, notitie: “{old}” → “{new}”")
    for other in plan.others:
        old, new = excerpt_pair(other.old, other.new)
        if other.is_text:
            old, new = _quote(old), _quote(new)
        lines.append(f"{other.field}: {old} → {new}")
    if not lines:
        return [NO_DIFFERENCES]
    if limit is not None and len(lines) > limit:
        hidden = len(lines) - (limit - 1)
        lines = [*lines[: limit - 1], f"… en nog {plural(hidden, 'verschil')}"]
    return lines


def _quote(text: str) -> str:
    return text if text == EMPTY else f"“{text}”"
