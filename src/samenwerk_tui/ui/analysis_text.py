"""How the analysis reads on screen: Dutch words, symbols and cells.

Meaning never rests on colour alone: every band, change and signal has a
symbol and a word too, so the views read the same with ``NO_COLOR``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from ..analysis.kinds import (
    ATTENTION,
    CONCERN,
    DIVERGENCE,
    DIVERGENCE_SYMBOL,
    DROP,
    FALL_FLAGS,
    FALL_SYMBOL,
    FALLING,
    FIRST,
    LOWER_BAND,
    NOT_COMPARABLE,
    RISE,
    RISE_FLAGS,
    RISE_SYMBOL,
    STABLE,
    STABLE_SYMBOL,
    STRONG,
    band_label,
)
from .render import colour_style, number

if TYPE_CHECKING:
    from ..analysis import AnswerCounts, Change, History, Level, Stat
    from ..content import Checklist
    from ..settings import Settings

CALCULATING = "Overzicht berekenen…"
SIGNALS_HEADING = f"{FALL_SYMBOL} Signalen in deze ronde"
PROVISIONAL_HEADING = f"{FALL_SYMBOL} Signalen in deze ronde (voorlopig)"
PROVISIONAL = "⚠ voorlopig: nog niet ontvangen van {names}"
NO_SIGNALS = f"{STABLE_SYMBOL} Geen signalen deze ronde"
ITEMS_HEADING = "Checklistpunten"
LEVEL_WORDS = {"phase": "fase", "factor": "succesfactor", "item": "checklistpunt", "question": "vraag"}

BAND_CELLS: dict[str, tuple[str, str]] = {
    STRONG: (band_label(STRONG), "green"),
    ATTENTION: (band_label(ATTENTION), "yellow"),
    CONCERN: (band_label(CONCERN), "bold red"),
}


def older_rounds_not_shown(count: int) -> str:
    rounds = "ronde" if count == 1 else "rondes"
    return f"… {count} eerdere {rounds} niet getoond; het rapport (samenwerk rapport) bevat het hele logboek en alle notities."


def more_questions(count: int) -> str:
    return f"  +{count} {'vraag' if count == 1 else 'vragen'}: zie Verloop"


def in_colour(text: Text, colour: bool) -> Text:
    """``text`` as is, or with only bold, dim and the like when colour is off (``NO_COLOR``)."""
    if colour:
        return text
    result = Text(text.plain, style=colour_style(str(text.style), False))
    for span in text.spans:
        result.stylize(colour_style(str(span.style), False), span.start, span.end)
    return result


def phase_heading(name: str) -> str:
    return f"{name}: succesfactoren"


def truncate(text: str, width: int) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def subject_name(content: Checklist, level: Level, id: str) -> str:
    if level == "phase":
        return content.phases[id].name if id in content.phases else id
    if level == "factor":
        return content.factors[id].name if id in content.factors else id
    if level == "item":
        return content.items[id].title if id in content.items else id
    question = content.questions.get(id)
    return f"{id} {question.text}" if question else id


def level_style(level: Level) -> str:
    return {"phase": "bold", "factor": "bold", "item": "", "question": "italic"}[level]


def signed(value: float) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{number(abs(value))}"


def mean_cell(stat: Stat) -> Text:
    if stat.mean is None:
        return Text("—", style="dim")
    return Text(number(stat.mean), style=BAND_CELLS.get(stat.band or "", ("", ""))[1])


def n_cell(stat: Stat) -> Text:
    if stat.n == 0:
        return Text("0", style="dim")
    if stat.n == 1:
        return Text("1 ¹", style="yellow")
    return Text(str(stat.n))


def band_cell(band: str | None) -> Text:
    if band is None:
        return Text("—", style="dim")
    label, style = BAND_CELLS[band]
    return Text(label, style=style)


def change_cell(change: Change, latest_label: str) -> Text:
    if change.mean is None:
        return Text("niet gemeten", style="dim")
    if change.delta is None:
        text = Text(str(FIRST) if FIRST in change.flags else "—", style="dim")
    else:
        style = "bold red" if change.falling else "green" if change.rising else ""
        text = Text(f"{change.arrow} {signed(change.delta)}", style=style)
    if change.measured_in != latest_label:
        text.append(f" ({change.measured_in})", style="dim")
    return text


def spark(means: list[float | None]) -> str:
    from ..analysis import sparkline

    return sparkline(means)


def spread_cell(stat: Stat, threshold: float) -> Text:
    if stat.spread is None:
        return Text("—", style="dim")
    if stat.spread >= threshold:
        return Text(f"{DIVERGENCE_SYMBOL} {number(stat.spread)}", style="bold magenta")
    return Text(number(stat.spread))


def signal_words(change: Change) -> list[str]:
    ordered = change.ordered_flags
    falls = [flag for flag in ordered if flag in FALL_FLAGS]
    rises = [flag for flag in ordered if flag in RISE_FLAGS]
    found = []
    if falls:
        found.append(f"{FALL_SYMBOL} " + ", ".join(falls))
    if rises:
        found.append(f"{RISE_SYMBOL} " + ", ".join(rises))
    if DIVERGENCE in change.flags:
        found.append(f"{DIVERGENCE_SYMBOL} {DIVERGENCE}")
    return found


def signal_cell(change: Change, stat: Stat, level: Level = "question") -> Text:
    text = Text()
    for index, word in enumerate(signal_words(change)):
        if index:
            text.append(", ")
        if word.startswith(FALL_SYMBOL):
            style = "bold red"
        elif word.startswith(DIVERGENCE_SYMBOL):
            style = "bold magenta"
        else:
            style = "green"
        text.append(word, style=style)
    if stat.measured and stat.respondents == 1 and DIVERGENCE not in change.flags:
        if text:
            text.append(", ")
        text.append("1 antwoord" if stat.n == 1 else "1 respondent", style="yellow")
    elif stat.single_question and stat.n > 1 and level != "question":
        if text:
            text.append(", ")
        text.append("1 vraag", style="yellow")
    return text


def participation_text(counts: AnswerCounts) -> str:
    """ "62 scores, 5 nvt, 2 open": nvt is an answer, so a complete answer never looks unfinished."""
    text = f"{counts.scored} {'score' if counts.scored == 1 else 'scores'}"
    if counts.not_applicable:
        text += f", {counts.not_applicable} nvt"
    if counts.open:
        text += f", {counts.open} open"
    return text


def round_summary(history: History, problems: list[str], round_index: int = -1) -> Content:
    """Which round, compared with which (paired), whether it is complete, and who answered how much."""
    from ..analysis import EXPECTED_FIRST

    index = round_index % len(history.rounds)
    shown = history.rounds[index]
    completeness = history.completeness(index)
    parts = []
    if index != len(history.rounds) - 1:
        parts.append(
            Content.styled(f"Ronde {history.latest.label} heeft nog geen scores; hieronder de stand van {shown.label}.\n", "italic")
        )
    parts.append(Content.styled(f"Ronde {shown.label}", "bold"))
    if index > 0:
        parts.append(Content(f" · vergeleken met {history.rounds[index - 1].label}, over wie beide rondes antwoordde"))
    else:
        parts.append(Content(" · eerste ronde: nog geen verloop"))
    if completeness.provisional:
        names = ", ".join(info.label for info in completeness.missing)
        parts.append(Content(" · "))
        parts.append(Content.styled(PROVISIONAL.format(names=names), "bold $warning"))
    left = [info for info in history.respondent_changes(index)[1] if info not in completeness.missing]
    if left:
        parts.append(Content(" · niet meer: " + ", ".join(info.label for info in left)))
    who = []
    for entry in completeness.participations:
        if entry.missing:
            continue
        newcomer = " (nieuw)" if not entry.expected and completeness.expected_from != EXPECTED_FIRST else ""
        who.append(f"{entry.respondent.label}{newcomer} {participation_text(entry.counts)}")
    if who:
        parts.append(Content("\n" + " · ".join(who)))
    if problems:
        number_of_problems = len(problems)
        word = "melding" if number_of_problems == 1 else "meldingen"
        parts.append(Content.styled(f"\n⚠ {number_of_problems} {word} (ctrl+p → Meldingen tonen): ", "bold $warning"))
        parts.append(Content("; ".join(problems[:3]) + (" …" if number_of_problems > 3 else "")))
    return Content("").join(parts)


def legend(settings: Settings) -> Content:
    """What the symbols in Overzicht mean, with the thresholds in force."""
    return Content("\n").join(
        [
            Content(
                f"Band: {band_label(STRONG)} (vanaf {number(settings.band_strong)}), "
                f"{band_label(ATTENTION)} (vanaf {number(settings.band_attention)}), {band_label(CONCERN)}. "
                'n: aantal scores; ¹ = één antwoord, geen gedeeld beeld; "1 vraag": rust op één vraag.'
            ),
            Content(
                f"{FALL_SYMBOL} {DROP} (−{number(settings.drop_threshold)}, vraag −{number(settings.question_drop_threshold)}), "
                f"{LOWER_BAND}, {FALLING} ({settings.trend_steps}× op rij gedaald, samen −{number(settings.trend_total)}); "
                f"{RISE_SYMBOL} {RISE}; {STABLE_SYMBOL} {STABLE}; "
                f"{DIVERGENCE_SYMBOL} {DIVERGENCE} (spreiding ≥ {number(settings.divergence_threshold)}). "
                "Veranderingen rekenen alleen met wie in beide rondes antwoordde."
            ),
            Content.styled("↑↓ kies een rij · Enter: naar de vragen · h: verloop", "dim"),
        ]
    )


def subject_detail(history: History, level: Level, id: str, round_index: int = -1) -> Content:
    """Two or three lines on the highlighted row, in words."""
    content = history.content
    shown = history.rounds[round_index]
    stat = shown.stat(level, id)
    change = history.change(level, id, round_index)
    lines = [Content.styled(f"{LEVEL_WORDS[level]}: {subject_name(content, level, id)}", "bold")]
    if stat.mean is None:
        lines.append(Content(f"In ronde {shown.label} niet gemeten (geen scores, of alleen nvt)."))
    else:
        respondents = "respondent" if stat.respondents == 1 else "respondenten"
        lines.append(
            Content(
                f"Gemiddeld {number(stat.mean, 2)} (band {stat.band}) over {stat.n} "
                f"{'score' if stat.n == 1 else 'scores'} van {stat.respondents} {respondents}; "
                f"laagste {number(stat.minimum)}, hoogste {number(stat.maximum)}, spreiding {number(stat.spread)}."
            )
        )
    if change.delta is not None and change.previous is not None:
        flags = signal_words(change)
        text = (
            f"In {change.measured_in} t.o.v. {change.compared_with}: {number(change.previous, 2)} → "
            f"{number(change.paired_mean, 2)} ({change.arrow} {signed(change.delta)})"
        )
        lines.append(Content(text + (": " + ", ".join(flags) if flags else f": {STABLE}") + "."))
        if change.composition_differs and change.unpaired_delta is not None:
            count = len(change.paired)
            lines.append(
                Content(
                    f"Gepaard: over {'de ene respondent die' if count == 1 else f'de {count} respondenten die'} in beide rondes "
                    f"een score {'gaf' if count == 1 else 'gaven'}; "
                    f"over iedereen {number(change.unpaired_previous, 2)} → {number(change.mean, 2)} ({signed(change.unpaired_delta)})."
                )
            )
    elif NOT_COMPARABLE in change.flags:
        lines.append(Content(f"Niet vergelijkbaar met {change.compared_with}: niemand gaf in beide rondes een score."))
    if stat.single_question and level != "question":
        lines.append(
            Content.styled(
                "Rust op één vraag: lees het als het antwoord op die vraag, niet als een oordeel over de hele factor.", "$warning"
            )
        )
    if stat.by_respondent:
        per = []
        for key, mean in stat.by_respondent.items():
            info = history.respondent(key)
            per.append(f"{info.label if info else key} {number(mean)}")
        lines.append(Content("Per respondent: " + " · ".join(per)))
    return Content("\n").join(lines)
