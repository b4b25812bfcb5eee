"""What the text reports share: the formats, the levels' keys, names of things, and numbers and text as cells.

Text from session or content files is data: :func:`md_inline` escapes it for
Markdown. Pure functions, no Textual, no files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from ..analysis import Level
from ..content import Checklist

Format = Literal["md", "csv", "json"]
FORMATS: tuple[Format, ...] = ("md", "csv", "json")
CsvStyle = Literal["excel", "plain"]
CSV_STYLES: tuple[CsvStyle, ...] = ("excel", "plain")

JSON_LEVELS: dict[Level, str] = {"phase": "fasen", "factor": "succesfactoren", "item": "items", "question": "vragen"}
"""The key of each level's figures in a round of the JSON report."""
NEWCOMER = "nieuw"
"""Added to the status of a respondent who answered but was not expected."""


def name_of(content: Checklist, level: Level, id: str) -> str:
    """The name of the phase, factor, item or question ``id``; the id itself if the checklist lacks it."""
    if level == "phase" and id in content.phases:
        return content.phases[id].name
    if level == "factor" and id in content.factors:
        return content.factors[id].name
    if level == "item" and id in content.items:
        return content.items[id].title
    if level == "question" and id in content.questions:
        return content.questions[id].text
    return id


def number_text(value: float | None, decimals: int = 2, comma: bool = True) -> str:
    """A figure with a decimal comma (or point), never "-0"; empty for no figure."""
    if value is None:
        return ""
    text = f"{value:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace(".", ",") if comma else text


def signed_text(value: float | None, comma: bool = True) -> str:
    """A change with its sign: "+0,50", "-0,25", "0,00"."""
    if value is None:
        return ""
    text = number_text(value, comma=comma)
    return text if text.startswith("-") or text.strip("0,.") == "" else "+" + text


# --- Markdown cells ---------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_inline(text: str) -> str:
    """One line of Markdown that shows ``text`` as written and cannot break a table."""
    text = " ".join(text.split())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A leading "-" or "1." would start a list, a leading "=" a heading underline.
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([-=+#])", r"\\\1", text))


def md_cell(text: str) -> str:
    return md_inline(text) or " "


def md_quote(text: str) -> list[str]:
    """A note as a block quote, its paragraphs kept, every line escaped."""
    lines = [line.strip() for line in text.strip().splitlines()]
    return [f"> {md_inline(line)}" if line else ">" for line in lines]


def md_table(columns: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    columns = list(columns)
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    lines.extend("| " + " | ".join(rows_cell for rows_cell in row) + " |" for row in rows)
    return lines
