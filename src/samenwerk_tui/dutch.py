"""Small pieces of Dutch: dates as people type them, and plurals.

Pure Python, used by the CLI, the reports and the dashboard's forms, so that
every place reads a date and counts a noun the same way.
"""

from __future__ import annotations

import datetime as dt
import re

DATE_HINT = "gebruik DD-MM-JJJJ (15-01-2027) of JJJJ-MM-DD (2027-01-15)"


def parse_date(text: str) -> dt.date:
    """A date typed as ``15-01-2027``, ``15-1-2027``, ``15/1/2027``, ``15.1.2027`` or ``2027-01-15``.

    Raises :class:`ValueError` with a Dutch message for anything else,
    including days that do not exist (``31-02-2027``).
    """
    value = text.strip()
    day_first = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value)
    year_first = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    try:
        if day_first:
            return dt.date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
        if year_first:
            return dt.date(int(year_first[1]), int(year_first[2]), int(year_first[3]))
    except ValueError:
        raise ValueError(f"{value!r} is geen bestaande datum") from None
    raise ValueError(f"ongeldige datum {value!r}; {DATE_HINT}")


PLURALS = {
    "actie": "acties",
    "bestand": "bestanden",
    "vraag": "vragen",
    "notitie": "notities",
    "respondent": "respondenten",
    "deelnemer": "deelnemers",
    "probleem": "problemen",
    "waarschuwing": "waarschuwingen",
    "melding": "meldingen",
    "verschil": "verschillen",
    "ronde": "rondes",
    "partner": "partners",
    "score": "scores",
    "uitnodiging": "uitnodigingen",
    "punt": "punten",
}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 actie``, ``2 acties``, ``0 acties``: the count with the right form of the noun."""
    if count == 1:
        return f"{count} {singular}"
    return f"{count} {plural_form or PLURALS.get(singular, singular + 'en')}"
