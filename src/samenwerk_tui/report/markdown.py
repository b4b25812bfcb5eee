"""The Markdown report for the stuurgroep: one round, its figures, signals, actions, advice and log.

Pure functions over an analysed :class:`History`; no Textual, no files. Text
that comes from session or content files (names, notes, log entries) is data:
it is escaped with :func:`md_inline`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..analysis import (
    EXPECTED_FIRST,
    EXPECTED_LISTED,
    Completeness,
    History,
    Level,
    Stat,
    TrackedAction,
    sparkline,
)
from ..analysis.kinds import KIND_WORDS, SignalKind
from ..content import Checklist
from ..settings import Settings
from .common import NEWCOMER, md_cell, md_inline, md_quote, md_table, name_of, number_text
from .markdown_signals import change_text, flags_text, md_signal, signal_heading

TITLE = "Rapport {name}"
ROUND_LINE = "Ronde **{label}** van {date} · {count} · fase volgens de respondenten: {phase}"
MADE_LINE = "Gemaakt op {today} met samenwerk · checklist: {content} (versie {version})"
ONE_ROUND = "Dit is de eerste ronde: er is nog geen vergelijking met een eerdere ronde."
THRESHOLDS = (
    "Banden: sterk vanaf {strong}, aandacht vanaf {attention}, daaronder zorg. Achteruitgang: een daling van "
    "minstens {drop} (vraag: {question_drop}) ten opzichte van de vorige ronde waarin het gemeten is; dalende "
    "trend: {steps} keer op rij gedaald, samen minstens {trend}; verschil van inzicht: de gemiddelden van de "
    "respondenten liggen minstens {divergence} uit elkaar. Veranderingen zijn gepaard: ze rekenen alleen met de "
    "respondenten die in beide rondes een score gaven, zodat wie erbij komt, vertrekt of nog niet antwoordde de "
    "verandering niet verschuift."
)
PROVISIONAL = (
    "**Voorlopig**: nog niet ontvangen van {names}. De signalen van deze ronde kunnen nog veranderen als die antwoorden binnenkomen."
)
EXPECTED = {
    EXPECTED_LISTED: "Verwacht: de deelnemers uit samenwerk-instellingen.toml.",
    "vorige ronde": "Verwacht: wie in {label} antwoordde (de map noemt geen deelnemers).",
    EXPECTED_FIRST: "Eerste ronde zonder lijst van deelnemers: wie antwoordde, is verwacht.",
}
H_WHO = "Wie heeft geantwoord"
H_FACTORS = "Succesfactoren"
H_ITEMS = "Punten van de checklist"
H_REGRESSIONS = KIND_WORDS[SignalKind.REGRESSION].heading
H_DIVERGENCES = KIND_WORDS[SignalKind.DIVERGENCE].heading
H_QUESTION_SIGNALS = "Vragen met een signaal"
H_PROGRESS = KIND_WORDS[SignalKind.PROGRESS].heading
H_ACTIONS = "Acties"
H_OVERDUE = "Over de deadline"
H_OPEN = "Open"
H_LOG = "Logboek"
H_NOTICES = "Bij het inlezen"
WHO_COLUMNS = ("respondent", "status", "scores gegeven", "nvt", "open")
JOINED = "Nieuw in deze ronde: {names}."
LEFT = "Niet meer in deze ronde (wel in {label}): {names}."
COMPOSITION = (
    "Let op: niet dezelfde respondenten hebben geantwoord. Een verandering rekent daarom alleen met wie in beide "
    "rondes antwoordde, zodat ze niet komt door wie er bij kwam of weg viel; het JSON-rapport geeft ook de "
    "ongepaarde cijfers en de gemiddelden per respondent."
)
FACTOR_COLUMNS = ("fase", "succesfactor", "gemiddelde", "n", "band", "verandering", "spreiding", "signalen", "verloop")
ITEM_COLUMNS = ("punt", "gemiddelde", "n", "band", "verandering", "spreiding", "signalen")
QUESTION_COLUMNS = ("vraag", "gemiddelde", "n", "verandering", "spreiding", "signalen")
ACTION_COLUMNS = ("wat", "wie", "deadline", "status", "punt", "ronde")
NO_REGRESSIONS = "Geen achteruitgang bij succesfactoren, punten of fasen."
NO_DIVERGENCES = "Geen verschil van inzicht bij succesfactoren, punten of fasen."
NO_PROGRESS = "Geen vooruitgang bij succesfactoren, punten of fasen."
NO_OPEN_ACTIONS = "Geen open acties."
NO_LOG = "Nog geen aantekeningen in het logboek."
NOT_MEASURED = "niet gemeten"
STATUS_NAMES = {"open": "open", "bezig": "bezig", "gedaan": "gedaan", "vervallen": "vervallen"}
H_ADVICE = "Samenwerkingsvorm, convenant en fase"


def _names(people: Iterable[Any]) -> str:
    return ", ".join(md_inline(info.label) for info in people)


def _mean_text(stat: Stat) -> str:
    return number_text(stat.mean) if stat.measured else NOT_MEASURED


def markdown_report(history: History, content: Checklist, settings: Settings, today: dt.date, round_index: int) -> str:
    index = round_index + len(history.rounds) if round_index < 0 else round_index
    result = history.rounds[index]
    out: list[str] = [f"# {md_inline(TITLE.format(name=history.name))}", ""]
    count = len(result.respondents)
    phase = content.phases[result.declared_phase].name if result.declared_phase in content.phases else (result.declared_phase or "")
    out.append(
        ROUND_LINE.format(
            label=md_inline(result.label),
            date=result.date.isoformat(),
            count=f"{count} {'respondent' if count == 1 else 'respondenten'}",
            phase=md_inline(phase),
        )
    )
    out.append("")
    out.append(
        MADE_LINE.format(today=today.isoformat(), content=md_inline(content.checklist.meta.title), version=md_inline(content.version))
    )
    out.append("")
    out.append(
        THRESHOLDS.format(
            strong=number_text(settings.band_strong, 1),
            attention=number_text(settings.band_attention, 1),
            drop=number_text(settings.drop_threshold, 1),
            question_drop=number_text(settings.question_drop_threshold, 1),
            steps=settings.trend_steps,
            trend=number_text(settings.trend_total, 1),
            divergence=number_text(settings.divergence_threshold, 1),
        )
    )
    if index == 0:
        out += ["", ONE_ROUND]
    completeness = history.completeness(index)
    if completeness.provisional:
        out += ["", PROVISIONAL.format(names=_names(completeness.missing))]

    out += ["", f"## {H_WHO}", ""]
    out += md_table(WHO_COLUMNS, _md_who(completeness))
    previous_label = history.rounds[index - 1].label if index > 0 else ""
    out += ["", EXPECTED[completeness.expected_from].format(label=md_inline(previous_label))]
    joined, left = history.respondent_changes(index)
    # Who is missing is said above, as not received yet: not also as having left.
    left = [info for info in left if info not in completeness.missing]
    if joined:
        out += ["", JOINED.format(names=", ".join(md_inline(info.label) for info in joined))]
    if left:
        out += ["", LEFT.format(label=md_inline(history.rounds[index - 1].label), names=", ".join(md_inline(info.label) for info in left))]
    if joined or left:
        out += ["", COMPOSITION]

    out += ["", f"## {H_FACTORS}", ""]
    rows = []
    for phase_model in content.checklist.phases:
        phase_stat = result.stat("phase", phase_model.id)
        rows.append(
            _factor_row(
                history,
                content,
                "phase",
                phase_model.id,
                index,
                md_cell(phase_model.name),
                f"**{md_cell(phase_model.name)}** (fase)",
                phase_stat,
            )
        )
        for factor in content.factors_of_phase(phase_model.id):
            rows.append(
                _factor_row(
                    history,
                    content,
                    "factor",
                    factor.id,
                    index,
                    md_cell(phase_model.name),
                    md_cell(factor.name),
                    result.stat("factor", factor.id),
                )
            )
    out += md_table(FACTOR_COLUMNS, rows)

    out += ["", f"## {H_ITEMS}", ""]
    out += md_table(
        ITEM_COLUMNS,
        (
            [
                md_cell(item.title),
                _mean_text(stat := result.stat("item", item.id)),
                str(stat.n),
                stat.band or "",
                md_cell(change_text(history, "item", item.id, index)),
                number_text(stat.spread),
                md_cell(flags_text(history, "item", item.id, index)),
            ]
            for item in content.checklist.items
        ),
    )

    signals = history.signals(index)
    broad = [signal for signal in signals if signal.level != "question"]
    shown: set[tuple[str, str, str]] = set()
    provisional = [PROVISIONAL.format(names=_names(completeness.missing)), ""] if completeness.provisional else []
    out += ["", f"## {H_REGRESSIONS}", ""]
    out += provisional
    regressions = [signal for signal in broad if signal.kind == "regression"]
    for signal in regressions:
        out += md_signal(history, content, signal, index, shown)
    if not regressions:
        out += [NO_REGRESSIONS, ""]
    out += [f"## {H_DIVERGENCES}", ""]
    out += provisional
    divergences = [signal for signal in broad if signal.kind == "divergence"]
    for signal in divergences:
        out += md_signal(history, content, signal, index, shown)
    if not divergences:
        out += [NO_DIVERGENCES, ""]

    question_signals = [signal for signal in signals if signal.level == "question" and signal.kind != "progress"]
    if question_signals:
        out += [f"## {H_QUESTION_SIGNALS}", ""]
        seen_questions: list[str] = []
        for signal in question_signals:
            if signal.id not in seen_questions:
                seen_questions.append(signal.id)
        out += md_table(
            QUESTION_COLUMNS,
            (
                [
                    md_cell(f"{question_id} {name_of(content, 'question', question_id)}"),
                    _mean_text(stat := result.stat("question", question_id)),
                    str(stat.n),
                    md_cell(change_text(history, "question", question_id, index)),
                    number_text(stat.spread),
                    md_cell(flags_text(history, "question", question_id, index)),
                ]
                for question_id in seen_questions
            ),
        )
        out.append("")

    progress = [signal for signal in broad if signal.kind == "progress"]
    out += [f"## {H_PROGRESS}", ""]
    if progress:
        out += [f"- {signal_heading(history, content, signal, index)}" for signal in progress]
    else:
        out.append(NO_PROGRESS)

    out += ["", f"## {H_ACTIONS}", ""]
    overdue = history.overdue_actions(today)
    if overdue:
        out += [f"### {H_OVERDUE}", ""]
        out += _md_actions(content, overdue)
        out.append("")
    overdue_ids = {tracked.id for tracked in overdue}
    still_open = [tracked for tracked in history.open_actions() if tracked.id not in overdue_ids]
    if still_open:
        out += [f"### {H_OPEN}", ""]
        out += _md_actions(content, still_open)
    elif not overdue:
        out.append(NO_OPEN_ACTIONS)

    out += ["", f"## {H_ADVICE}", ""]
    out += _md_advice(history, content, settings)

    out += ["", f"## {H_LOG}", ""]
    up_to_now = {earlier.label for earlier in history.rounds[: index + 1]}
    timeline = [entry for entry in history.timeline() if entry.round_label in up_to_now]
    if timeline:
        for entry in timeline:
            author = f" ({md_inline(entry.author)})" if entry.author.strip() else ""
            out.append(f"- **{entry.date.isoformat()}**{author}, ronde {md_inline(entry.round_label)}:")
            out += ["  " + line for line in md_quote(entry.text)]
    else:
        out.append(NO_LOG)

    if history.notices:
        out += ["", f"## {H_NOTICES}", ""]
        out += [f"- {md_inline(notice)}" for notice in history.notices]
    return "\n".join(out).rstrip() + "\n"


def _md_who(completeness: Completeness) -> list[list[str]]:
    rows = []
    for entry in completeness.participations:
        status = entry.status if entry.expected else f"{entry.status} ({NEWCOMER})"
        counts = entry.counts
        rows.append([md_cell(entry.respondent.label), status, str(counts.scored), str(counts.not_applicable), str(counts.open)])
    return rows


def _md_advice(history: History, content: Checklist, settings: Settings) -> list[str]:
    from ..advice import phase_advice
    from ..advice_text import convenant_blocks, form_summary, phase_blocks, to_markdown

    lines = [f"Samenwerkingsvorm: {md_inline(form_summary(content, settings))}.", ""]
    lines += [*to_markdown(convenant_blocks(content, settings), level=3), ""]
    lines += to_markdown(phase_blocks(content, phase_advice(content, history, settings)), level=3)
    return lines


def _factor_row(
    history: History, content: Checklist, level: Level, id: str, index: int, phase_cell: str, name_cell: str, stat: Stat
) -> list[str]:
    means = [series_stat.mean for _, series_stat in history.series(level, id)[: index + 1]]
    return [
        phase_cell,
        name_cell,
        _mean_text(stat),
        str(stat.n),
        stat.band or "",
        md_cell(change_text(history, level, id, index)),
        number_text(stat.spread),
        md_cell(flags_text(history, level, id, index)),
        sparkline(means),
    ]


def _md_actions(content: Checklist, actions: list[TrackedAction]) -> list[str]:
    return md_table(
        ACTION_COLUMNS,
        (
            [
                md_cell(tracked.action.what),
                md_cell(tracked.action.who),
                tracked.action.due.isoformat() if tracked.action.due else "",
                STATUS_NAMES.get(tracked.action.status, tracked.action.status),
                md_cell(content.items[tracked.action.item].title if tracked.action.item in content.items else tracked.action.item),
                md_cell(tracked.round_label),
            ]
            for tracked in actions
        ),
    )
