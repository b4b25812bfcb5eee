"""Markdown for change: the change and signal cells of a table, and a section per signal with its notes.

Text from session or content files is escaped with :func:`md_inline`. Pure
functions, no Textual, no files.
"""

from __future__ import annotations

from ..analysis import (
    DIVERGENCE,
    FALL_FLAGS,
    LEVEL_NAMES,
    RISE_FLAGS,
    Change,
    History,
    Level,
    Signal,
)
from ..content import Checklist
from .common import md_inline, md_quote, name_of, number_text, signed_text

PROVISIONAL_WORD = "voorlopig"
PAIRED = "gepaard: {count}"
PAIRED_DETAIL = (
    "Deze verandering rekent met {who} in beide rondes een score {verb}; over alle respondenten van elke ronde: "
    "{previous} → {mean} ({delta})."
)
NO_NOTES = "Geen toelichting gegeven."
NOTES_ABOVE = "De toelichting staat hierboven."
SINGLE_ANSWER = "1 antwoord: geen consensus"
SINGLE_QUESTION = "rust op 1 vraag"
SINCE = "sinds {label}"
LAST_MEASURED = "laatst gemeten in {label}"
SPREAD_DETAIL = "Per respondent: {values}."
NOTES_INTRO = "Toelichting:"
NOTE_WHERE = {"item": "bij punt {id}", "question": "bij vraag {id}"}


def change_text(history: History, level: Level, id: str, index: int) -> str:
    stat = history.rounds[index].stat(level, id)
    if not stat.measured:
        last = history.change(level, id, index)
        return LAST_MEASURED.format(label=md_inline(last.measured_in)) if last.measured_in else ""
    change = history.change(level, id, index, fallback=False)
    if change.delta is None or change.compared_with is None:
        return ""
    text = f"{change.arrow} {signed_text(change.delta)}".strip()
    if index > 0 and change.compared_with != history.rounds[index - 1].label:
        text += " " + SINCE.format(label=md_inline(change.compared_with))
    if change.composition_differs:
        text += f" ({PAIRED.format(count=len(change.paired))})"
    return text


def flags_text(history: History, level: Level, id: str, index: int) -> str:
    stat = history.rounds[index].stat(level, id)
    if not stat.measured:
        return ""
    change = history.change(level, id, index, fallback=False)
    flags: list[str] = list(change.ordered_flags)
    if stat.single_answer:
        flags.append(SINGLE_ANSWER)
    elif stat.single_question and level != "question":
        flags.append(SINGLE_QUESTION)
    if _has_signal(change) and history.completeness(index).provisional:
        flags.append(PROVISIONAL_WORD)
    return ", ".join(flags)


def _has_signal(change: Change) -> bool:
    return bool(change.flags & (FALL_FLAGS | RISE_FLAGS | {DIVERGENCE}))


def signal_heading(history: History, content: Checklist, signal: Signal, index: int) -> str:
    what = f"{md_inline(name_of(content, signal.level, signal.id))} ({LEVEL_NAMES[signal.level]})"
    change = signal.change
    if signal.kind == "divergence":
        stat = signal.stat
        return f"{what}: spreiding {number_text(stat.spread)} (laagste {number_text(stat.minimum)}, hoogste {number_text(stat.maximum)})"
    parts = [what + ":"]
    if change.previous is not None and change.paired_mean is not None:
        parts.append(
            f"{number_text(change.previous)} → {number_text(change.paired_mean)} ({signed_text(change.delta)}, {SINCE.format(label=md_inline(change.compared_with or ''))})"
        )
    flags: list[str] = [flag for flag in change.ordered_flags if flag != DIVERGENCE]
    if change.trend is not None:
        window = history.settings.trend_steps
        flags = [f"{flag} ({signed_text(change.trend)} over {window} stappen)" if "trend" in flag else flag for flag in flags]
    parts.append("— " + ", ".join(flags))
    if signal.stat.single_answer:
        parts.append(f"({SINGLE_ANSWER})")
    elif signal.stat.single_question and signal.level != "question":
        parts.append(f"({SINGLE_QUESTION})")
    if signal.provisional:
        parts.append(f"— **{PROVISIONAL_WORD}**")
    return " ".join(parts)


def _paired_detail(change: Change) -> str:
    """How the paired change differs from the unpaired one, when not everyone is in both rounds."""
    count = len(change.paired)
    return PAIRED_DETAIL.format(
        who="de ene respondent die" if count == 1 else f"de {count} respondenten die",
        verb="gaf" if count == 1 else "gaven",
        previous=number_text(change.unpaired_previous),
        mean=number_text(change.mean),
        delta=signed_text(change.unpaired_delta),
    )


def md_signal(
    history: History,
    content: Checklist,
    signal: Signal,
    index: int,
    shown: set[tuple[str, str, str]],
) -> list[str]:
    out = [f"### {signal_heading(history, content, signal, index)}", ""]
    if signal.kind != "divergence" and signal.change.composition_differs and signal.change.paired:
        out += [_paired_detail(signal.change), ""]
    if signal.kind == "divergence" and signal.stat.by_respondent:
        values = []
        for key, mean in sorted(signal.stat.by_respondent.items(), key=lambda pair: (pair[1], pair[0])):
            info = history.rounds[index].respondents.get(key)
            values.append(f"{md_inline(info.label if info else key)} {number_text(mean)}")
        out += [SPREAD_DETAIL.format(values="; ".join(values)), ""]
    notes = history.notes(signal.level, signal.id, index)
    fresh = [note for note in notes if (note.respondent.key, note.level, note.id) not in shown]
    if not notes:
        out += [NO_NOTES, ""]
        return out
    if not fresh:
        out += [NOTES_ABOVE, ""]
        return out
    out += [NOTES_INTRO, ""]
    for note in fresh:
        shown.add((note.respondent.key, note.level, note.id))
        where = NOTE_WHERE[note.level].format(id=md_inline(note.id))
        out.append(f"- {md_inline(note.respondent.label)}, {where}:")
        out += ["  " + line for line in md_quote(note.text)]
    out.append("")
    return out
