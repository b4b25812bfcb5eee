"""The Excel workbook: every round as rows with real numbers, for Dutch Excel and LibreOffice.

Built with XlsxWriter from :func:`samenwerk_tui.report_view.report_view`, the
JSON report's data. Numbers are written as numbers with a two-decimal format
(Excel shows the decimal comma of the reader's locale); every text from a file
is written with ``write_string``, so a note that starts with ``=``, ``+``,
``-`` or ``@`` stays text and never becomes a formula. XlsxWriter is imported
when a workbook is made, not when the dashboard starts.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ..analysis.kinds import BAND_SYMBOLS
from .view import arrow, extra_round_facts, respondent_label

LEVEL_SHEETS = (("succesfactoren", "Succesfactoren"), ("items", "Punten"), ("vragen", "Vragen"), ("fasen", "Fasen"))
STAT_COLUMNS = (
    "ronde",
    "datum",
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
    "vergeleken met",
    "signalen",
)
ACTION_COLUMNS = ("id", "wat", "wie", "deadline", "status", "te laat", "punt", "ronde")
LOG_COLUMNS = ("datum", "ronde", "wie", "tekst")
WIDTHS = {"naam": 48, "signalen": 36, "wat": 48, "tekst": 80, "vergeleken met": 14, "wie": 24}
BAND_FILLS = {"sterk": "#CDEBDF", "aandacht": "#FBE5B6", "zorg": "#F6CDB7"}


def render_xlsx(view: dict[str, Any]) -> bytes:
    """The workbook for ``view`` (from :func:`report_view`) as the bytes of an .xlsx file."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    workbook.set_properties({"title": f"Rapport {view['samenwerking']['naam']}", "comments": "Gemaakt met samenwerk"})
    formats = {
        "header": workbook.add_format({"bold": True, "bottom": 2, "bg_color": "#EDEDED", "text_wrap": True, "valign": "top"}),
        "number": workbook.add_format({"num_format": "0.00"}),
        "signed": workbook.add_format({"num_format": "+0.00;-0.00;0.00"}),
        "whole": workbook.add_format({"num_format": "0"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd", "align": "left"}),
        "text": workbook.add_format({"valign": "top"}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        **{f"band-{band}": workbook.add_format({"bg_color": fill, "bold": True}) for band, fill in BAND_FILLS.items()},
    }
    for level_key, sheet_name in LEVEL_SHEETS:
        _stat_sheet(workbook, formats, view, level_key, sheet_name)
    _trend_sheet(workbook, formats, view)
    _actions_sheet(workbook, formats, view)
    _log_sheet(workbook, formats, view)
    _about_sheet(workbook, formats, view)
    workbook.close()
    return buffer.getvalue()


def _header(sheet: Any, formats: dict[str, Any], columns: tuple[str, ...], rows: int) -> None:
    for column, title in enumerate(columns):
        sheet.write_string(0, column, title, formats["header"])
        sheet.set_column(column, column, WIDTHS.get(title, 12))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(rows, 1), len(columns) - 1)


def _text(sheet: Any, row: int, column: int, value: str | None, style: Any = None) -> None:
    """Text from a file: always a string cell, never a formula, number or link."""
    if value:
        sheet.write_string(row, column, value, style)


def _number(sheet: Any, row: int, column: int, value: float | int | None, style: Any) -> None:
    if value is not None:
        sheet.write_number(row, column, value, style)


def _date(sheet: Any, row: int, column: int, value: str | None, formats: dict[str, Any]) -> None:
    """An ISO date from the report as a real date cell, so it sorts and filters as a date."""
    if value:
        sheet.write_datetime(row, column, dt.datetime.combine(dt.date.fromisoformat(value), dt.time()), formats["date"])


def _stat_sheet(workbook: Any, formats: dict[str, Any], view: dict[str, Any], level_key: str, sheet_name: str) -> None:
    sheet = workbook.add_worksheet(sheet_name)
    phases = view["fase_van_succesfactor"]
    row = 0
    for round_data in view["rondes"]:
        for id, stat in round_data[level_key].items():
            row += 1
            _text(sheet, row, 0, round_data["label"])
            _date(sheet, row, 1, round_data["datum"], formats)
            _text(sheet, row, 2, id)
            _text(sheet, row, 3, " ".join(stat["naam"].split()))
            _text(sheet, row, 4, phases.get(id, id if level_key == "fasen" else ""))
            _number(sheet, row, 5, stat["gemiddelde"], formats["number"])
            _number(sheet, row, 6, stat["n"], formats["whole"])
            _number(sheet, row, 7, stat["respondenten"], formats["whole"])
            _number(sheet, row, 8, stat["minimum"], formats["number"])
            _number(sheet, row, 9, stat["maximum"], formats["number"])
            _number(sheet, row, 10, stat["spreiding"], formats["number"])
            if stat["band"]:
                sheet.write_string(row, 11, f"{BAND_SYMBOLS[stat['band']]} {stat['band']}", formats[f"band-{stat['band']}"])
            _number(sheet, row, 12, stat["verandering"], formats["signed"])
            _text(sheet, row, 13, stat["vergeleken_met"])
            flags = [f"{arrow(stat)} {', '.join(stat['signalen'])}".strip()] if stat["signalen"] else []
            if stat["een_antwoord"]:
                flags.append("1 antwoord: geen consensus")
            _text(sheet, row, 14, "; ".join(flags))
    _header(sheet, formats, STAT_COLUMNS, row)


def _trend_sheet(workbook: Any, formats: dict[str, Any], view: dict[str, Any]) -> None:
    """Rounds × factors, the chart's data, with a line chart of the factor trends."""
    sheet = workbook.add_worksheet("Verloop")
    rounds = view["rondes"][: view["huidige_ronde"] + 1]
    factor_ids = list(rounds[-1]["succesfactoren"])
    sheet.write_string(0, 0, "ronde", formats["header"])
    sheet.set_column(0, 0, 12)
    for column, id in enumerate(factor_ids, start=1):
        sheet.write_string(0, column, rounds[-1]["succesfactoren"][id]["naam"], formats["header"])
        sheet.set_column(column, column, 16)
    for row, round_data in enumerate(rounds, start=1):
        sheet.write_string(row, 0, round_data["label"])
        for column, id in enumerate(factor_ids, start=1):
            _number(sheet, row, column, round_data["succesfactoren"][id]["gemiddelde"], formats["number"])
    sheet.freeze_panes(1, 1)
    chart = workbook.add_chart({"type": "line"})
    for column in range(1, len(factor_ids) + 1):
        chart.add_series(
            {
                "name": ["Verloop", 0, column],
                "categories": ["Verloop", 1, 0, len(rounds), 0],
                "values": ["Verloop", 1, column, len(rounds), column],
                "marker": {"type": "automatic"},
            }
        )
    chart.set_title({"name": "Verloop van de succesfactoren"})
    chart.set_y_axis({"min": 1, "max": 5, "major_unit": 1, "name": "gemiddelde (1–5)"})
    chart.set_x_axis({"name": "ronde"})
    chart.set_legend({"position": "right"})
    chart.set_size({"width": 960, "height": 480})
    chart.show_blanks_as("gap")
    sheet.insert_chart(len(rounds) + 3, 0, chart)


def _actions_sheet(workbook: Any, formats: dict[str, Any], view: dict[str, Any]) -> None:
    sheet = workbook.add_worksheet("Acties")
    items = view["rondes"][view["huidige_ronde"]]["items"]
    for row, action in enumerate(view["acties"], start=1):
        _text(sheet, row, 0, action["id"])
        _text(sheet, row, 1, action["wat"], formats["wrap"])
        _text(sheet, row, 2, action["wie"])
        _date(sheet, row, 3, action["deadline"], formats)
        _text(sheet, row, 4, action["status"])
        _text(sheet, row, 5, "ja" if action["te_laat"] else "nee")
        item = items.get(action["item"] or "")
        _text(sheet, row, 6, item["naam"] if item else action["item"])
        _text(sheet, row, 7, action["ronde"])
    _header(sheet, formats, ACTION_COLUMNS, len(view["acties"]))


def _log_sheet(workbook: Any, formats: dict[str, Any], view: dict[str, Any]) -> None:
    sheet = workbook.add_worksheet("Logboek")
    for row, entry in enumerate(view["logboek"], start=1):
        _date(sheet, row, 0, entry["datum"], formats)
        _text(sheet, row, 1, entry["ronde"])
        _text(sheet, row, 2, entry["auteur"])
        _text(sheet, row, 3, entry["tekst"], formats["wrap"])
    _header(sheet, formats, LOG_COLUMNS, len(view["logboek"]))


def _about_sheet(workbook: Any, formats: dict[str, Any], view: dict[str, Any]) -> None:
    """Who answered, the thresholds and the source: what a reader of the numbers needs to know."""
    sheet = workbook.add_worksheet("Over dit rapport")
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 90)
    current = view["rondes"][view["huidige_ronde"]]
    settings = view["instellingen"]
    lines: list[tuple[str, str | float | int]] = [
        ("samenwerking", view["samenwerking"]["naam"]),
        ("ronde", current["label"]),
        ("datum", current["datum"]),
        ("gemaakt", view["gemaakt"]),
        ("checklist", f"{view['checklist']['titel']} (versie {view['checklist']['versie']})"),
    ]
    if view.get("anoniem"):
        lines.append(
            ("anoniem", f"Partner A, B, C… alleen binnen dit rapport; cijfers per partner vanaf {view['anoniem']['minimum']} respondenten")
        )
    lines += [("geantwoord", f"{respondent_label(entry)}: {entry['scores']} scores") for entry in current["respondenten"]]
    lines += [("niet geantwoord", respondent_label(entry)) for entry in current.get("ontbreekt", [])]
    lines += extra_round_facts(current)
    lines += [
        ("band sterk vanaf", settings["banden"]["sterk"]),
        ("band aandacht vanaf", settings["banden"]["aandacht"]),
        ("achteruitgang vanaf", settings["signalen"]["achteruitgang"]),
        ("achteruitgang vraag vanaf", settings["signalen"]["achteruitgang_vraag"]),
        ("trend: stappen", settings["signalen"]["trend_stappen"]),
        ("trend: samen minstens", settings["signalen"]["trend_totaal"]),
        ("verschil van inzicht vanaf", settings["signalen"]["verschil_van_inzicht"]),
        ("bron", view["checklist"]["bron"]),
        ("overnemen", view["checklist"]["licentie"]),
    ]
    lines += [("bij het inlezen", notice) for notice in view["meldingen"]]
    sheet.write_string(0, 0, f"Rapport {view['samenwerking']['naam']}", formats["title"])
    for row, (label, value) in enumerate(lines, start=2):
        sheet.write_string(row, 0, label, formats["header"])
        if isinstance(value, str):
            _text(sheet, row, 1, " ".join(value.split()), formats["wrap"])
        else:
            sheet.write_number(row, 1, value, formats["number"] if isinstance(value, float) else formats["whole"])
