"""The Verloop chart and timeline as text: bars per round, partners beneath.

Bars run from 0 to 5 so a 1 still shows; the number beside each bar carries
the value, so the chart reads without colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from . import analysis_text as words
from .render import colour_style, date_text, number

if TYPE_CHECKING:
    from ..analysis import History, Level, Stat

BAR_WIDTH = 15
EIGHTHS = " ▏▎▍▌▋▊▉"
LABEL_WIDTH = 25


def bar(value: float | None, width: int = BAR_WIDTH) -> str:
    if value is None:
        return "·" * width
    eighths = round(max(0.0, min(value, 5.0)) / 5 * width * 8)
    full, rest = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[rest] if rest else "")).ljust(width)


def _band_style(band: str | None, colour: bool) -> str:
    return colour_style({"sterk": "$success", "aandacht": "$warning", "zorg": "bold $error"}.get(band or "", "dim"), colour)


def by_organisation(history: History, stat: Stat) -> dict[str, float]:
    """Each organisation's mean: the mean of its respondents' own means."""
    groups: dict[str, list[float]] = {}
    for key, mean in stat.by_respondent.items():
        info = history.respondent(key)
        groups.setdefault(info.organisation if info else key, []).append(mean)
    return {name: sum(values) / len(values) for name, values in sorted(groups.items(), key=lambda pair: pair[0].casefold())}


def chart(history: History, level: Level, id: str, colour: bool = True) -> Content:
    lines: list[Content] = []
    for index, (result, stat) in enumerate(history.series(level, id)):
        change = history.change(level, id, index, fallback=False)
        head = f"{result.label:<9} "
        if stat.mean is None:
            lines.append(Content.assemble(head, (bar(None), "dim"), ("  niet gemeten", "dim")))
            continue
        flags = words.signal_words(change)
        line = Content.assemble(
            (head, "bold"),
            (bar(stat.mean), _band_style(stat.band, colour)),
            f" {number(stat.mean)} n={stat.n} {words.band_cell(stat.band).plain}",
        )
        if change.delta is not None:
            line = Content.assemble(line, f"  {change.arrow} {words.signed(change.delta)}")
            if change.composition_differs:
                line = Content.assemble(
                    line, (f" (gepaard: {len(change.paired)}; iedereen {words.signed(change.unpaired_delta or 0.0)})", "dim")
                )
        if flags:
            line = Content.assemble(line, ("  " + ", ".join(flags), "bold"))
        completeness = history.completeness(index)
        if completeness.provisional:
            names = ", ".join(info.label for info in completeness.missing)
            line = Content.assemble(line, ("  " + words.PROVISIONAL.format(names=names), colour_style("bold $warning", colour)))
        lines.append(line)
        for organisation, mean in by_organisation(history, stat).items():
            label = words.truncate(organisation, LABEL_WIDTH - 3)
            lines.append(Content.assemble(f"  {label:<{LABEL_WIDTH - 3}} ", (bar(mean, BAR_WIDTH // 2), "dim"), f" {number(mean)}"))
    return Content("\n").join(lines)


TIMELINE_ROUNDS = 20
TIMELINE_LINES = 400
"""The timeline shows the notes and log of at most this many of the latest rounds, and
stops after the round that reaches this many lines: a longer one is thousands of lines,
too long to read and slow to lay out."""


def timeline(history: History, level: Level, id: str) -> Content:
    """Per round, newest first: the notes on this subject and the evaluation log."""
    blocks: list[Content] = [Content.styled("Tijdlijn: notities en evaluatielogboek per ronde", "bold underline")]
    shown = 0
    for index in range(len(history.rounds) - 1, -1, -1):
        if shown == TIMELINE_ROUNDS or len(blocks) >= TIMELINE_LINES:
            blocks.append(Content.styled(f"\n{words.older_rounds_not_shown(index + 1)}", "dim"))
            break
        result = history.rounds[index]
        notes = history.notes(level, id, index)
        log = history.log_of_round(index)
        if not notes and not log:
            continue
        shown += 1
        blocks.append(Content.styled(f"\n{result.label} ({date_text(result.date)})", "bold"))
        for entry in log:
            author = f" — {entry.author}" if entry.author else ""
            blocks.append(Content.assemble(("  ◆ ", "bold"), (f"{date_text(entry.date)}{author}: ", "dim"), entry.text))
        for note in notes:
            where = f"{words.LEVEL_WORDS[note.level]} {note.id}"
            blocks.append(Content.assemble("  ✎ ", (f"{note.respondent.label}, {where}: ", "dim"), note.text))
    if len(blocks) == 1:
        blocks.append(Content.styled("Geen notities of logboekregels bij dit onderwerp.", "dim"))
    return Content("\n").join(blocks)
