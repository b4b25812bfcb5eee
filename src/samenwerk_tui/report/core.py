"""Reports for the stuurgroep: Markdown to read, CSV for Excel, JSON to build on.

Pure functions over an analysed :class:`History`; no Textual, no files. Text
that comes from session or content files (names, notes, log entries) is data:
it is escaped for Markdown, guarded against formula injection in CSV, and
left as plain strings in JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from ..analysis import (
    DIVERGENCE,
    EXPECTED_FIRST,
    EXPECTED_LISTED,
    FALL_FLAGS,
    LEVEL_NAMES,
    LEVELS,
    RISE_FLAGS,
    Change,
    Completeness,
    History,
    Level,
    RoundResult,
    Signal,
    Stat,
    TrackedAction,
    sparkline,
)
from ..analysis.kinds import KIND_WORDS, SignalKind
from ..content import Checklist
from ..settings import Settings

Format = Literal["md", "csv", "json"]
FORMATS: tuple[Format, ...] = ("md", "csv", "json")
CsvStyle = Literal["excel", "plain"]
CSV_STYLES: tuple[CsvStyle, ...] = ("excel", "plain")

JSON_FORMAT = "samenwerk-rapport"
JSON_VERSION = 2
"""Raised when a key is removed or changes meaning; adding keys keeps the version.

2: "vorige" and "verandering" are paired (over the respondents who measured in
both rounds); the unpaired figures moved to "vorige_ongepaard" and
"verandering_ongepaard"; the flag "niet vergelijkbaar" is new.
"""

# --- user-facing text ---------------------------------------------------------

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
    "**Voorlopig**: nog niet ontvangen van {names}. De signalen van deze ronde kunnen nog veranderen als die "
    "antwoorden binnenkomen."
)
EXPECTED = {
    EXPECTED_LISTED: "Verwacht: de deelnemers uit samenwerk-instellingen.toml.",
    "vorige ronde": "Verwacht: wie in {label} antwoordde (de map noemt geen deelnemers).",
    EXPECTED_FIRST: "Eerste ronde zonder lijst van deelnemers: wie antwoordde, is verwacht.",
}
NEWCOMER = "nieuw"
PROVISIONAL_WORD = "voorlopig"
PAIRED = "gepaard: {count}"
PAIRED_DETAIL = (
    "Deze verandering rekent met {who} in beide rondes een score {verb}; over alle respondenten van elke ronde: "
    "{previous} → {mean} ({delta})."
)
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
NO_NOTES = "Geen toelichting gegeven."
NOTES_ABOVE = "De toelichting staat hierboven."
NOT_MEASURED = "niet gemeten"
SINGLE_ANSWER = "1 antwoord: geen consensus"
SINGLE_QUESTION = "rust op 1 vraag"
SINCE = "sinds {label}"
LAST_MEASURED = "laatst gemeten in {label}"
SPREAD_DETAIL = "Per respondent: {values}."
NOTES_INTRO = "Toelichting:"
NOTE_WHERE = {"item": "bij punt {id}", "question": "bij vraag {id}"}
STATUS_NAMES = {"open": "open", "bezig": "bezig", "gedaan": "gedaan", "vervallen": "vervallen"}

CSV_COLUMNS = (
    "samenwerking",
    "ronde",
    "datum",
    "niveau",
    "id",
    "naam",
    "fase",
    "gemiddelde",
    "n",
    "respondenten",
    "minimum",
    "maximum",
    "spreiding",
    "band",
    "verandering",
    "vergeleken_met",
    "achteruitgang",
    "verschil_van_inzicht",
    "vooruitgang",
    "een_antwoord",
    "signalen",
    "aantal_vragen",
    "een_vraag",
    "gepaard",
    "verandering_ongepaard",
    "voorlopig",
    "ontbreekt",
    "status",
    "nvt",
    "open",
    "geregeld",
    "artikel",
    "datum_geregeld",
)
"""The last three are for the convenant rows (niveau "convenant"); empty elsewhere."""
YES, NO = "ja", "nee"
RESPONDENT_LEVEL = "respondent"
"""The CSV level of the rows that say who answered a round and how much."""
H_ADVICE = "Samenwerkingsvorm, convenant en fase"


# --- entry points -------------------------------------------------------------


def render_report(
    history: History,
    content: Checklist,
    settings: Settings,
    fmt: str,
    today: dt.date | None = None,
    *,
    csv_style: str = "excel",
    round_index: int = -1,
) -> str:
    """The report on ``history`` in ``fmt`` ("md", "csv" or "json").

    Markdown is about the round at ``round_index`` (default: the latest);
    CSV and JSON hold every round. ``csv_style`` "excel" (default) gives
    semicolons and decimal commas for Dutch Excel, "plain" commas and points.
    """
    today = today or dt.date.today()
    if fmt == "md":
        return _markdown(history, content, settings, today, round_index)
    if fmt == "csv":
        if csv_style not in CSV_STYLES:
            raise ValueError(f"onbekende CSV-stijl {csv_style!r}; kies uit {', '.join(CSV_STYLES)}")
        return _csv(history, content, csv_style, settings)
    if fmt == "json":
        return _json(history, content, settings, today)
    raise ValueError(f"onbekend formaat {fmt!r}; kies uit {', '.join(FORMATS)}")


def encode_report(text: str, fmt: str, *, csv_style: str = "excel") -> bytes:
    """The bytes to write: UTF-8, with a byte order mark for Excel-style CSV (or Excel garbles accents)."""
    data = text.encode("utf-8")
    if fmt == "csv" and csv_style == "excel":
        return b"\xef\xbb\xbf" + data
    return data


# --- shared helpers -----------------------------------------------------------


def _name(content: Checklist, level: Level, id: str) -> str:
    if level == "phase" and id in content.phases:
        return content.phases[id].name
    if level == "factor" and id in content.factors:
        return content.factors[id].name
    if level == "item" and id in content.items:
        return content.items[id].title
    if level == "question" and id in content.questions:
        return content.questions[id].text
    return id


def _phase_of(content: Checklist, level: Level, id: str) -> str:
    """The phase(s) a thing belongs to, as ids joined with "+"."""
    if level == "phase":
        return id
    if level == "factor":
        return content.factors[id].phase if id in content.factors else ""
    if level == "question":
        return "+".join(content.phases_of_question(id))
    return "+".join(content.phases_of_item(id)) if id in content.items else ""


def _number(value: float | None, decimals: int = 2, comma: bool = True) -> str:
    if value is None:
        return ""
    text = f"{value:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace(".", ",") if comma else text


def _signed(value: float | None, comma: bool = True) -> str:
    if value is None:
        return ""
    text = _number(value, comma=comma)
    return text if text.startswith("-") or text.strip("0,.") == "" else "+" + text


# --- Markdown -------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_inline(text: str) -> str:
    """One line of Markdown that shows ``text`` as written and cannot break a table."""
    text = " ".join(text.split())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A leading "-" or "1." would start a list, a leading "=" a heading underline.
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([-=+#])", r"\\\1", text))


def md_cell(text: str) -> str:
    return md_inline(text) or " "


def _md_quote(text: str) -> list[str]:
    """A note as a block quote, its paragraphs kept, every line escaped."""
    lines = [line.strip() for line in text.strip().splitlines()]
    return [f"> {md_inline(line)}" if line else ">" for line in lines]


def _md_table(columns: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    columns = list(columns)
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    lines.extend("| " + " | ".join(rows_cell for rows_cell in row) + " |" for row in rows)
    return lines


def _change_text(history: History, level: Level, id: str, index: int) -> str:
    stat = history.rounds[index].stat(level, id)
    if not stat.measured:
        last = history.change(level, id, index)
        return LAST_MEASURED.format(label=md_inline(last.measured_in)) if last.measured_in else ""
    change = history.change(level, id, index, fallback=False)
    if change.delta is None or change.compared_with is None:
        return ""
    text = f"{change.arrow} {_signed(change.delta)}".strip()
    if index > 0 and change.compared_with != history.rounds[index - 1].label:
        text += " " + SINCE.format(label=md_inline(change.compared_with))
    if change.composition_differs:
        text += f" ({PAIRED.format(count=len(change.paired))})"
    return text


def _flags_text(history: History, level: Level, id: str, index: int) -> str:
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


def _names(people: Iterable[Any]) -> str:
    return ", ".join(md_inline(info.label) for info in people)


def _mean_text(stat: Stat) -> str:
    return _number(stat.mean) if stat.measured else NOT_MEASURED


def _markdown(history: History, content: Checklist, settings: Settings, today: dt.date, round_index: int) -> str:
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
    out.append(MADE_LINE.format(today=today.isoformat(), content=md_inline(content.checklist.meta.title), version=md_inline(content.version)))
    out.append("")
    out.append(
        THRESHOLDS.format(
            strong=_number(settings.band_strong, 1),
            attention=_number(settings.band_attention, 1),
            drop=_number(settings.drop_threshold, 1),
            question_drop=_number(settings.question_drop_threshold, 1),
            steps=settings.trend_steps,
            trend=_number(settings.trend_total, 1),
            divergence=_number(settings.divergence_threshold, 1),
        )
    )
    if index == 0:
        out += ["", ONE_ROUND]
    completeness = history.completeness(index)
    if completeness.provisional:
        out += ["", PROVISIONAL.format(names=_names(completeness.missing))]

    out += ["", f"## {H_WHO}", ""]
    out += _md_table(WHO_COLUMNS, _md_who(completeness))
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
        rows.append(_factor_row(history, content, "phase", phase_model.id, index, md_cell(phase_model.name), f"**{md_cell(phase_model.name)}** (fase)", phase_stat))
        for factor in content.factors_of_phase(phase_model.id):
            rows.append(_factor_row(history, content, "factor", factor.id, index, md_cell(phase_model.name), md_cell(factor.name), result.stat("factor", factor.id)))
    out += _md_table(FACTOR_COLUMNS, rows)

    out += ["", f"## {H_ITEMS}", ""]
    out += _md_table(
        ITEM_COLUMNS,
        (
            [
                md_cell(item.title),
                _mean_text(stat := result.stat("item", item.id)),
                str(stat.n),
                stat.band or "",
                md_cell(_change_text(history, "item", item.id, index)),
                _number(stat.spread),
                md_cell(_flags_text(history, "item", item.id, index)),
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
        out += _md_signal(history, content, signal, index, shown)
    if not regressions:
        out += [NO_REGRESSIONS, ""]
    out += [f"## {H_DIVERGENCES}", ""]
    out += provisional
    divergences = [signal for signal in broad if signal.kind == "divergence"]
    for signal in divergences:
        out += _md_signal(history, content, signal, index, shown)
    if not divergences:
        out += [NO_DIVERGENCES, ""]

    question_signals = [signal for signal in signals if signal.level == "question" and signal.kind != "progress"]
    if question_signals:
        out += [f"## {H_QUESTION_SIGNALS}", ""]
        seen_questions: list[str] = []
        for signal in question_signals:
            if signal.id not in seen_questions:
                seen_questions.append(signal.id)
        out += _md_table(
            QUESTION_COLUMNS,
            (
                [
                    md_cell(f"{question_id} {_name(content, 'question', question_id)}"),
                    _mean_text(stat := result.stat("question", question_id)),
                    str(stat.n),
                    md_cell(_change_text(history, "question", question_id, index)),
                    _number(stat.spread),
                    md_cell(_flags_text(history, "question", question_id, index)),
                ]
                for question_id in seen_questions
            ),
        )
        out.append("")

    progress = [signal for signal in broad if signal.kind == "progress"]
    out += [f"## {H_PROGRESS}", ""]
    if progress:
        out += [f"- {_signal_heading(history, content, signal, index)}" for signal in progress]
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
            out += ["  " + line for line in _md_quote(entry.text)]
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
        md_cell(_change_text(history, level, id, index)),
        _number(stat.spread),
        md_cell(_flags_text(history, level, id, index)),
        sparkline(means),
    ]


def _signal_heading(history: History, content: Checklist, signal: Signal, index: int) -> str:
    what = f"{md_inline(_name(content, signal.level, signal.id))} ({LEVEL_NAMES[signal.level]})"
    change = signal.change
    if signal.kind == "divergence":
        stat = signal.stat
        return f"{what}: spreiding {_number(stat.spread)} (laagste {_number(stat.minimum)}, hoogste {_number(stat.maximum)})"
    parts = [what + ":"]
    if change.previous is not None and change.paired_mean is not None:
        parts.append(f"{_number(change.previous)} → {_number(change.paired_mean)} ({_signed(change.delta)}, {SINCE.format(label=md_inline(change.compared_with or ''))})")
    flags: list[str] = [flag for flag in change.ordered_flags if flag != DIVERGENCE]
    if change.trend is not None:
        window = history.settings.trend_steps
        flags = [f"{flag} ({_signed(change.trend)} over {window} stappen)" if "trend" in flag else flag for flag in flags]
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
        previous=_number(change.unpaired_previous),
        mean=_number(change.mean),
        delta=_signed(change.unpaired_delta),
    )


def _md_signal(
    history: History,
    content: Checklist,
    signal: Signal,
    index: int,
    shown: set[tuple[str, str, str]],
) -> list[str]:
    out = [f"### {_signal_heading(history, content, signal, index)}", ""]
    if signal.kind != "divergence" and signal.change.composition_differs and signal.change.paired:
        out += [_paired_detail(signal.change), ""]
    if signal.kind == "divergence" and signal.stat.by_respondent:
        values = []
        for key, mean in sorted(signal.stat.by_respondent.items(), key=lambda pair: (pair[1], pair[0])):
            info = history.rounds[index].respondents.get(key)
            values.append(f"{md_inline(info.label if info else key)} {_number(mean)}")
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
        out += ["  " + line for line in _md_quote(note.text)]
    out.append("")
    return out


def _md_actions(content: Checklist, actions: list[TrackedAction]) -> list[str]:
    return _md_table(
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


# --- CSV --------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_text(text: str) -> str:
    """A text cell that a spreadsheet shows as text, never runs as a formula."""
    text = " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(history: History, content: Checklist, style: str, settings: Settings | None = None) -> str:
    comma = style == "excel"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if comma else ",", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for index, result in enumerate(history.rounds):
        completeness = history.completeness(index)
        provisional = YES if completeness.provisional else NO
        missing = csv_text(", ".join(info.label for info in completeness.missing))
        for entry in completeness.participations:
            row = dict.fromkeys(CSV_COLUMNS, "")
            row.update(
                samenwerking=csv_text(history.name),
                ronde=csv_text(result.label),
                datum=result.date.isoformat(),
                niveau=RESPONDENT_LEVEL,
                id=csv_text(entry.respondent.key),
                naam=csv_text(entry.respondent.label),
                n=str(entry.counts.scored),
                voorlopig=provisional,
                ontbreekt=missing,
                status=entry.status if entry.expected else f"{entry.status} ({NEWCOMER})",
                nvt=str(entry.counts.not_applicable),
                open=str(entry.counts.open),
            )
            writer.writerow(row.values())
        for level in ("phase", "factor", "item", "question"):
            for id, stat in result.stats(level).items():
                change = history.change(level, id, index, fallback=False)
                flags = change.ordered_flags if stat.measured else []
                writer.writerow(
                    [
                        csv_text(history.name),
                        csv_text(result.label),
                        result.date.isoformat(),
                        LEVEL_NAMES[level],
                        csv_text(id),
                        csv_text(" ".join(_name(content, level, id).split())),
                        csv_text(_phase_of(content, level, id)),
                        _number(stat.mean, 2, comma),
                        str(stat.n),
                        str(stat.respondents),
                        _number(stat.minimum, 2, comma),
                        _number(stat.maximum, 2, comma),
                        _number(stat.spread, 2, comma),
                        stat.band or "",
                        _number(change.delta, 2, comma),
                        csv_text(change.compared_with or ""),
                        YES if change.falling else NO,
                        YES if DIVERGENCE in flags else NO,
                        YES if change.rising else NO,
                        YES if stat.single_answer else NO,
                        ", ".join(flags),
                        str(stat.questions),
                        YES if stat.single_question else NO,
                        str(len(change.paired)) if change.compared_with else "",
                        _number(change.unpaired_delta, 2, comma),
                        provisional,
                        missing,
                        "",  # status, nvt, open: respondent rows only
                        "",
                        "",
                        "",  # geregeld, artikel, datum_geregeld: convenant rows only
                        "",
                        "",
                    ]
                )
    for advice_row in _csv_advice_rows(history, content, settings) if settings is not None else []:
        writer.writerow(advice_row)
    return buffer.getvalue()


def _csv_advice_rows(history: History, content: Checklist, settings: Settings) -> list[list[str]]:
    """The chosen form, and the convenant's tracked elements: stored once, so without a round."""
    from ..advice import chosen_form, convenant_rows

    empty = [""] * (len(CSV_COLUMNS) - 9)  # the columns between the name and the convenant's three
    rows = []
    for form in chosen_form(content, settings.form).all:
        rows.append([csv_text(history.name), "", "", "samenwerkingsvorm", csv_text(form.id), csv_text(form.name), *empty, "", "", ""])
    for element, entry in convenant_rows(content, settings):
        if entry is None:
            continue
        when = entry.date.isoformat() if entry.date else ""
        rows.append(
            [csv_text(history.name), "", "", "convenant", csv_text(element.id), csv_text(element.name), *empty,
             YES if entry.settled else NO, csv_text(entry.article), when]
        )
    return rows


# --- JSON --------------------------------------------------------------------------

_JSON_LEVELS: dict[Level, str] = {"phase": "fasen", "factor": "succesfactoren", "item": "items", "question": "vragen"}


def _round4(value: float | None) -> float | None:
    return None if value is None else round(value, 4) + 0.0


def _json_stat(history: History, content: Checklist, level: Level, id: str, index: int, stat: Stat) -> dict[str, Any]:
    result = history.rounds[index]
    change = history.change(level, id, index, fallback=False)
    return {
        "naam": _name(content, level, id),
        "gemiddelde": _round4(stat.mean),
        "n": stat.n,
        "respondenten": stat.respondents,
        "minimum": _round4(stat.minimum),
        "maximum": _round4(stat.maximum),
        "spreiding": _round4(stat.spread),
        "band": stat.band,
        "vorige": _round4(change.previous),
        "verandering": _round4(change.delta),
        "vergeleken_met": change.compared_with,
        "gepaarde_respondenten": len(change.paired),
        "gepaard_gemiddelde": _round4(change.paired_mean),
        "vorige_ongepaard": _round4(change.unpaired_previous),
        "verandering_ongepaard": _round4(change.unpaired_delta),
        "trend": _round4(change.trend),
        "signalen": change.ordered_flags if stat.measured else [],
        "een_antwoord": stat.single_answer,
        "aantal_vragen": stat.questions,
        "een_vraag": stat.single_question,
        "per_respondent": [
            {"organisatie": result.respondents[key].organisation, "rol": result.respondents[key].role, "gemiddelde": _round4(mean)}
            for key, mean in stat.by_respondent.items()
        ],
    }


def _json_respondent(info: Any) -> dict[str, str]:
    return {"organisatie": info.organisation, "rol": info.role}


def _json_round(history: History, content: Checklist, index: int, result: RoundResult) -> dict[str, Any]:
    joined, left = history.respondent_changes(index)
    completeness = history.completeness(index)
    counts = {entry.respondent.key: entry.counts for entry in completeness.participations}
    data: dict[str, Any] = {
        "label": result.label,
        "datum": result.date.isoformat(),
        "fase": result.declared_phase,
        "respondenten": [
            {
                **_json_respondent(info),
                "scores": counts[key].scored,
                "nvt": counts[key].not_applicable,
                "open": counts[key].open,
            }
            for key, info in result.respondents.items()
        ],
        "nieuw": [_json_respondent(info) for info in joined],
        "vertrokken": [_json_respondent(info) for info in left],
        "volledigheid": {
            "verwacht": completeness.expected_from,
            "voorlopig": completeness.provisional,
            "ontbreekt": [_json_respondent(info) for info in completeness.missing],
            "per_respondent": [
                {
                    **_json_respondent(entry.respondent),
                    "verwacht": entry.expected,
                    "status": entry.status,
                    "scores": entry.counts.scored,
                    "nvt": entry.counts.not_applicable,
                    "open": entry.counts.open,
                }
                for entry in completeness.participations
            ],
        },
    }
    for level in LEVELS:
        data[_JSON_LEVELS[level]] = {
            id: _json_stat(history, content, level, id, index, stat) for id, stat in result.stats(level).items()
        }
    data["signalen"] = [
        {
            "soort": KIND_WORDS[signal.kind].word,
            "niveau": LEVEL_NAMES[signal.level],
            "id": signal.id,
            "naam": _name(content, signal.level, signal.id),
            "signalen": signal.change.ordered_flags,
            "voorlopig": signal.provisional,
            "toelichting": [
                {
                    "organisatie": note.respondent.organisation,
                    "rol": note.respondent.role,
                    "niveau": "item" if note.level == "item" else "vraag",
                    "id": note.id,
                    "tekst": note.text,
                }
                for note in history.notes(signal.level, signal.id, index)
            ],
        }
        for signal in history.signals(index)
    ]
    return data


def report_data(history: History, content: Checklist, settings: Settings, today: dt.date) -> dict[str, Any]:
    """The JSON report as Python data; the shape is documented in docs/rapport-json.md."""
    data = _report_frame(history, content, settings, today)
    data["rondes"] = [_json_round(history, content, index, result) for index, result in enumerate(history.rounds)]
    return data


_ROUNDS_PLACEHOLDER = "\0rondes\0"


def iter_json_report(history: History, content: Checklist, settings: Settings, today: dt.date) -> Iterator[str]:
    """The JSON report in pieces, round by round: the same text as ``render_report(..., "json")``.

    Only one round is held as data at a time, so writing the report of a long
    history takes memory for one round, not for all of them.
    """
    frame = _report_frame(history, content, settings, today)
    text = json.dumps(frame, ensure_ascii=False, indent=2) + "\n"
    marker = json.dumps(_ROUNDS_PLACEHOLDER)
    head, tail = text.split(marker, 1)
    if not history.rounds:
        yield head + "[]" + tail
        return
    yield head + "[\n"
    for index, result in enumerate(history.rounds):
        # JSON text has no raw line breaks inside strings: indenting line by line is safe.
        lines = json.dumps(_json_round(history, content, index, result), ensure_ascii=False, indent=2).split("\n")
        separator = ",\n" if index < len(history.rounds) - 1 else "\n"
        yield "\n".join("    " + line for line in lines) + separator
    yield "  ]" + tail


def _report_frame(history: History, content: Checklist, settings: Settings, today: dt.date) -> dict[str, Any]:
    """The JSON report with a placeholder for the rounds, which are the bulk of it."""
    return {
        "formaat": JSON_FORMAT,
        "versie": JSON_VERSION,
        "gemaakt": today.isoformat(),
        "samenwerking": {"naam": history.name, "slug": history.slug},
        "inhoud": {"id": content.id, "versie": content.version},
        "instellingen": {
            "banden": {"sterk": settings.band_strong, "aandacht": settings.band_attention},
            "signalen": {
                "achteruitgang": settings.drop_threshold,
                "achteruitgang_vraag": settings.question_drop_threshold,
                "trend_stappen": settings.trend_steps,
                "trend_totaal": settings.trend_total,
                "verschil_van_inzicht": settings.divergence_threshold,
            },
        },
        "rondes": _ROUNDS_PLACEHOLDER,
        "acties": [
            {
                "id": tracked.id,
                "wat": tracked.action.what,
                "wie": tracked.action.who,
                "deadline": tracked.action.due.isoformat() if tracked.action.due else None,
                "status": tracked.action.status,
                "item": tracked.action.item or None,
                "ronde": tracked.round_label,
                "te_laat": tracked.action.is_overdue(today),
            }
            for tracked in history.actions()
        ],
        "logboek": [
            {"datum": entry.date.isoformat(), "tekst": entry.text, "auteur": entry.author, "ronde": entry.round_label}
            for entry in history.timeline()
        ],
        "meldingen": list(history.notices),
        **_json_advice(history, content, settings),
    }


def _json_advice(history: History, content: Checklist, settings: Settings) -> dict[str, Any]:
    from ..advice import chosen_form, convenant_rows, phase_advice

    def form_data(form: Any) -> dict[str, str]:
        return {"id": form.id, "naam": form.name, "bron": form.source}

    chosen = chosen_form(content, settings.form)
    advice = phase_advice(content, history, settings)
    suggestion = advice.suggestion
    return {
        "samenwerkingsvorm": {
            "varianten": [form_data(form) for form in chosen.variants],
            "hoofdvorm": form_data(chosen.main) if chosen.main else None,
            "vormen": [form_data(form) for form in chosen.forms],
            "onbekend": chosen.unknown,
        },
        "convenant": [
            {
                "id": element.id,
                "naam": element.name,
                "bron": element.source,
                "voorwaardelijk": bool(element.condition),
                "geregeld": None if entry is None else entry.settled,
                "artikel": None if entry is None or not entry.article else entry.article,
                "datum": None if entry is None or entry.date is None else entry.date.isoformat(),
            }
            for element, entry in convenant_rows(content, settings)
        ],
        "fase_advies": {
            "fase": advice.phase,
            "ronde": advice.round_label,
            "focus": [{"tekst": quote.text, "bron": quote.source} for quote in advice.focus],
            "criteria": [{"tekst": reason.text, "voldaan": reason.met, "bron": reason.quote.source} for reason in advice.checks],
            "suggestie": None if suggestion is None else {"naar": suggestion.towards},
        },
    }


def _json(history: History, content: Checklist, settings: Settings, today: dt.date) -> str:
    return json.dumps(report_data(history, content, settings, today), ensure_ascii=False, indent=2) + "\n"
