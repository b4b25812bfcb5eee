"""Text from files, made safe and readable for the screen.

Everything that comes from a session or content file goes through these
helpers: they build :class:`~textual.content.Content` or
:class:`rich.text.Text` objects, never markup strings, so brackets in a note
are shown as typed and trigger nothing.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.content import Content

from ..scale import NOT_APPLICABLE, SCORE_LABELS

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def plain(text: str) -> Content:
    """``text`` as literal content: no markup is interpreted."""
    return Content(text)


def styled(text: str, style: str) -> Content:
    return Content.styled(text, style)


def join(*parts: Content | str) -> Content:
    return Content("").join(part if isinstance(part, Content) else Content(part) for part in parts)


def score_symbol(score: int | str | None) -> str:
    """A score as three characters that read without colour: ' 4 ', 'nvt', ' · '."""
    if score is None:
        return " · "
    if score == NOT_APPLICABLE:
        return "nvt"
    return f" {score} "


def score_style(score: int | str | None) -> str:
    if score is None:
        return "dim"
    if score == NOT_APPLICABLE:
        return "italic"
    return {1: "bold $error", 2: "$error", 3: "$warning", 4: "$success", 5: "bold $success"}.get(score, "")  # type: ignore[arg-type]


TEXT_ATTRIBUTES = ("bold", "dim", "italic", "underline", "reverse", "strike", "not")


def colour_style(style: str, colour: bool = True) -> str:
    """A Rich ``style``, without its colours when colour is off (``NO_COLOR``).

    Textual turns colours into greys under ``NO_COLOR``; red becomes a grey close
    to the background and the text all but disappears. Bold and the like stay.
    """
    if colour:
        return style
    return " ".join(word for word in style.split() if word in TEXT_ATTRIBUTES)


def score_text(score: int | str | None, colour: bool = True) -> Text:
    """For Tree and DataTable cells, which take Rich text. The symbol carries the meaning."""
    styles = {1: "bold red", 2: "red", 3: "yellow", 4: "green", 5: "bold green"}
    if score is None:
        return Text(score_symbol(score), style="dim")
    if score == NOT_APPLICABLE:
        return Text(score_symbol(score), style="italic")
    return Text(score_symbol(score), style=colour_style(styles.get(score, ""), colour))  # type: ignore[arg-type]


def score_words(score: int | str | None) -> str:
    if score is None:
        return "nog niet beantwoord"
    if score == NOT_APPLICABLE:
        return "niet van toepassing"
    return f"{score} – {SCORE_LABELS[score]}"  # type: ignore[index]


def number(value: float | None, decimals: int = 1) -> str:
    """Dutch decimal comma; an em dash for no value."""
    if value is None:
        return "—"
    return f"{value:.{decimals}f}".replace(".", ",")


def date_text(value: dt.date | None) -> str:
    if value is None:
        return "—"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def first_line(text: str, width: int = 80) -> str:
    line = text.strip().split("\n", 1)[0]
    if len(line) > width or "\n" in text.strip():
        return line[: width - 1].rstrip() + "…"
    return line
