"""The CSV report: every round as rows for a spreadsheet, in Dutch Excel style or plain.

Pure functions over an analysed :class:`History`; no Textual, no files. Text
that comes from session or content files is guarded by :func:`csv_text`, so a
spreadsheet shows it and never runs it as a formula.
"""

from __future__ import annotations

import csv
import io

from ..analysis import DIVERGENCE, LEVEL_NAMES, History, Level
from ..content import Checklist
from ..settings import Settings
from .common import NEWCOMER, name_of, number_text

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


def _phase_of(content: Checklist, level: Level, id: str) -> str:
    """The phase(s) a thing belongs to, as ids joined with "+"."""
    if level == "phase":
        return id
    if level == "factor":
        return content.factors[id].phase if id in content.factors else ""
    if level == "question":
        return "+".join(content.phases_of_question(id))
    return "+".join(content.phases_of_item(id)) if id in content.items else ""


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_text(text: str) -> str:
    """A text cell that a spreadsheet shows as text, never runs as a formula."""
    text = " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_report(history: History, content: Checklist, style: str, settings: Settings | None = None) -> str:
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
                        csv_text(" ".join(name_of(content, level, id).split())),
                        csv_text(_phase_of(content, level, id)),
                        number_text(stat.mean, 2, comma),
                        str(stat.n),
                        str(stat.respondents),
                        number_text(stat.minimum, 2, comma),
                        number_text(stat.maximum, 2, comma),
                        number_text(stat.spread, 2, comma),
                        stat.band or "",
                        number_text(change.delta, 2, comma),
                        csv_text(change.compared_with or ""),
                        YES if change.falling else NO,
                        YES if DIVERGENCE in flags else NO,
                        YES if change.rising else NO,
                        YES if stat.single_answer else NO,
                        ", ".join(flags),
                        str(stat.questions),
                        YES if stat.single_question else NO,
                        str(len(change.paired)) if change.compared_with else "",
                        number_text(change.unpaired_delta, 2, comma),
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
            [
                csv_text(history.name),
                "",
                "",
                "convenant",
                csv_text(element.id),
                csv_text(element.name),
                *empty,
                YES if entry.settled else NO,
                csv_text(entry.article),
                when,
            ]
        )
    return rows
