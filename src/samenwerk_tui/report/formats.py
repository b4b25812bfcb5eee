"""One entry point for every report format, plain or anonymous, as the bytes to write.

Markdown, CSV and JSON come from the modules of those names in this package; the HTML
page and the Excel workbook from the same JSON report data through
:mod:`samenwerk_tui.report.view`. Pure functions, no Textual, no files.
"""

from __future__ import annotations

import datetime as dt
import json

from ..analysis import History
from ..content import Checklist
from ..settings import Settings
from .anonymous import AnonymousReport, markdown_notice
from .common import CSV_STYLES, FORMATS
from .csv import csv_report
from .json import json_report, report_data
from .markdown import markdown_report


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
        return markdown_report(history, content, settings, today, round_index)
    if fmt == "csv":
        if csv_style not in CSV_STYLES:
            raise ValueError(f"onbekende CSV-stijl {csv_style!r}; kies uit {', '.join(CSV_STYLES)}")
        return csv_report(history, content, csv_style, settings)
    if fmt == "json":
        return json_report(history, content, settings, today)
    raise ValueError(f"onbekend formaat {fmt!r}; kies uit {', '.join(FORMATS)}")


def encode_report(text: str, fmt: str, *, csv_style: str = "excel") -> bytes:
    """The bytes to write: UTF-8, with a byte order mark for Excel-style CSV (or Excel garbles accents)."""
    data = text.encode("utf-8")
    if fmt == "csv" and csv_style == "excel":
        return b"\xef\xbb\xbf" + data
    return data


def make_report(
    history: History,
    content: Checklist,
    settings: Settings,
    fmt: str,
    today: dt.date | None = None,
    *,
    csv_style: str = "excel",
    round_index: int = -1,
    anonymous: AnonymousReport | None = None,
) -> bytes:
    """The report in ``fmt`` ("md", "csv", "json", "html" or "xlsx").

    With ``anonymous`` the report is about its anonymised history, with the
    figures per partner it allows; ``history`` and ``settings`` are then not used.
    """
    today = today or dt.date.today()
    if anonymous is not None:
        history, settings = anonymous.history, anonymous.settings
    if fmt in ("html", "xlsx"):
        from .view import report_view

        view = report_view(
            history,
            content,
            settings,
            today,
            round_index,
            partner_means=anonymous.partner_means if anonymous else None,
            anonymous=anonymous.describe() if anonymous else None,
        )
        if fmt == "html":
            from .html import render_html

            return render_html(view).encode("utf-8")
        from .xlsx import render_xlsx

        return render_xlsx(view)
    if anonymous is not None and fmt == "json":
        data = report_data(history, content, settings, today)
        data["anoniem"] = anonymous.describe()
        for index, round_data in enumerate(data["rondes"]):
            for level_key, stats in anonymous.partner_means[index].items():
                for id, partners in stats.items():
                    round_data[level_key][id]["per_partner"] = partners
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    text = render_report(history, content, settings, fmt, today, csv_style=csv_style, round_index=round_index)
    if anonymous is not None and fmt == "md":
        title, _, rest = text.partition("\n")
        text = f"{title}\n\n{markdown_notice(anonymous)}\n{rest}"
    return encode_report(text, fmt, csv_style=csv_style)
