"""The message a coordinator sends each partner with their file for a round.

One short Dutch e-mail text per participant: what to do, by when, how to
answer with samenwerk installed, and how to answer without installing it,
in any text editor. Pure Python, no Textual; the CLI prints the texts and
the dashboard shows them to copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .store import LoadedSession
from .textsafe import clean_line
from .workspace import round_key

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_date(date: dt.date) -> str:
    """``2027-01-15`` → ``15 januari 2027``."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


@dataclass(frozen=True)
class Invitation:
    """One participant's file and the text to send with it."""

    path: Path
    organisation: str
    role: str
    subject: str
    body: str

    @property
    def text(self) -> str:
        return f"Onderwerp: {self.subject}\n\n{self.body}"


def invitation(loaded: LoadedSession, deadline: dt.date | None = None) -> Invitation:
    """The e-mail text for the respondent of ``loaded``, whose file is attached to it."""
    session = loaded.session
    name = clean_line(loaded.path.name)  # A file name is text from outside, like any other.
    collaboration = session.collaboration.name
    label = session.round.label
    by_when = f" vóór {dutch_date(deadline)}" if deadline else ""
    who = session.respondent.organisation + (f" ({session.respondent.role})" if session.respondent.role else "")
    carried = session.answers or session.item_notes or session.actions
    subject = f"Evaluatie {collaboration}, ronde {label}: uw antwoorden graag{by_when or ' terug'}"
    lines = [
        "Beste collega,",
        "",
        f"Het samenwerkingsverband {collaboration} evalueert zich met de checklist ‘Samenwerken in de handhaving’ (CCV).",
        f"In de bijlage staat het bestand voor {who} in ronde {label}:",
        "",
        f"    {name}",
        "",
        f"Wilt u de vragen beantwoorden en het ingevulde bestand{by_when} terugsturen, onder dezelfde naam?",
        'Geef per vraag een score van 1 (helemaal niet op orde) tot 5 (volledig op orde), of "nvt" als de vraag',
        "niet van toepassing is, en licht waar nodig toe in een notitie.",
    ]
    if carried:
        lines.append("Uw notities en afgesproken acties uit de vorige ronde staan er al in; de scores zijn leeg.")
    lines += [
        "",
        "Zonder installatie: open het bestand in een teksteditor (Kladblok, TextEdit of iets vergelijkbaars).",
        'Onder elke vraag staat [vragen."…"]; zet daaronder bijvoorbeeld',
        "",
        "    score = 4",
        '    notitie = "Uw toelichting"',
        "",
        "Laat de rest staan en bewaar het bestand als platte tekst (UTF-8). Wie samenwerk heeft, kan het",
        f"controleren met: samenwerk valideer {name}",
        "",
        "Met samenwerk (een programma voor de terminal, Python 3.11 of nieuwer): installeer het met",
        "‘python3 -m pip install PAKKET’, waarbij PAKKET het bestand of de map is die u van de coördinator",
        "krijgt, en open dan uw eigen bestand met",
        "",
        f"    samenwerk {name}",
        "",
        "Elke wijziging wordt vanzelf opgeslagen; F1 toont alle toetsen.",
        "",
        "Met vriendelijke groet,",
    ]
    return Invitation(loaded.path, session.respondent.organisation, session.respondent.role, subject, "\n".join(lines))


def round_invitations(sessions: Iterable[LoadedSession], deadline: dt.date | None = None) -> list[Invitation]:
    """An invitation for every file of the last round (by date, then label), by organisation."""
    loaded_sessions = list(sessions)
    if not loaded_sessions:
        return []
    latest = max(loaded_sessions, key=lambda loaded: round_key(loaded.session)).session
    in_round = [
        loaded
        for loaded in loaded_sessions
        if loaded.session.collaboration.slug == latest.collaboration.slug and loaded.session.round.label == latest.round.label
    ]
    in_round.sort(key=lambda loaded: (loaded.session.respondent.key, loaded.path.name))
    return [invitation(loaded, deadline) for loaded in in_round]
