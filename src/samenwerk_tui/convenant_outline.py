"""A draft outline of a convenant, filled with what the partners wrote: a starting point for the lawyers.

The sections follow the elements that the publication says a convenant must
at least settle (checklist item "Overweeg een convenant"); under each are the
partners' notes on the matching checklist questions, each with its source
(partner, round). Pure: it renders Markdown from an analysed history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .advice import convenant_rows, notes_for
from .advice_text import entry_text
from .analysis import History, RespondentInfo
from .content import Checklist
from .report.common import md_inline
from .settings import Settings

TITLE = "Conceptopzet convenant {name}"
DISCLAIMER = (
    "**Dit is een beginpunt voor de juristen, geen convenanttekst.** samenwerk zette de onderdelen op een rij die een "
    "convenant volgens de CCV-publicatie *Samenwerken in de handhaving* (2011) in ieder geval regelt, en vulde ze met "
    "wat de partners in hun notities bij de checklist schreven, elk met partner en ronde. Herschrijf, vul aan en laat "
    "het juridisch toetsen voordat iemand tekent."
)
MADE = "Gemaakt op {today} met samenwerk uit {count} sessiebestanden, rondes {rounds}."
PUBLICATION = "Uit de publicatie (checklist, Overweeg een convenant):"
PUBLICATION_QUOTE = (
    "Kiest u voor een convenant, beantwoord daarin dan in ieder geval de volgende vragen: wat is de "
    "gemeenschappelijke probleemdefinitie, wat zijn de gemeenschappelijke doelen, welke belangen spelen er, wat zijn "
    "de afhankelijkheden en verantwoordelijkheden, wie heeft welke inbreng en wat is de gemeenschappelijke visie op de "
    "aanpak?"
)
ASKS = "Vraag (bron: {source}): {question}"
STATE = "Stand in het huidige convenant (samenwerk-instellingen.toml): {state}."
FROM_NOTES = "Uit de notities van de partners"
NO_NOTES = "Nog geen notities bij deze vragen; hier ligt werk."
SOURCE = "{partner}, ronde {round}"
ARTICLE_TODO = "Tekst van het artikel: in te vullen door de juristen."


@dataclass(frozen=True)
class SourcedNote:
    """A partner's latest note on a question, and where it comes from."""

    question_id: str
    respondent: RespondentInfo
    round_label: str
    text: str

    @property
    def source(self) -> str:
        return SOURCE.format(partner=self.respondent.label, round=self.round_label)


def latest_notes(history: History, question_id: str) -> list[SourcedNote]:
    """Each respondent's latest non-empty note on the question, oldest respondent first.

    Notes are carried over from round to round; the round named is the latest
    one that holds the note.
    """
    latest: dict[str, SourcedNote] = {}
    for result in history.rounds:
        for key, session in result.sessions.items():
            note = session.answer(question_id).note
            if note.strip():
                latest[key] = SourcedNote(question_id, result.respondents[key], result.label, note.strip())
    return list(latest.values())


def outline_sections(history: History, content: Checklist) -> list[tuple[str, list[SourcedNote]]]:
    """Per convenant element (by id): the sourced notes that fill it."""
    if content.advice is None:
        return []
    return [
        (
            element.id,
            [note for question_id in element.questions if question_id in content.questions for note in latest_notes(history, question_id)],
        )
        for element in content.advice.convenant
    ]


def convenant_outline(history: History, content: Checklist, settings: Settings, today: dt.date) -> str:
    """The draft outline as Markdown."""
    out = [f"# {md_inline(TITLE.format(name=history.name))}", "", DISCLAIMER, ""]
    files = sum(len(result.sessions) for result in history.rounds)
    out += [MADE.format(today=today.isoformat(), count=files, rounds=", ".join(md_inline(result.label) for result in history.rounds)), ""]
    out += [PUBLICATION, "", f"> “{PUBLICATION_QUOTE}”", ""]
    sections = dict(outline_sections(history, content))
    for number, (element, entry) in enumerate(convenant_rows(content, settings), start=1):
        out += [f"## {number}. {md_inline(element.name)}", ""]
        out += [f"*{md_inline(ASKS.format(source=element.source, question=element.question))}*", ""]
        if element.condition:
            out += [f"*{md_inline(element.condition)}*", ""]
        for note in notes_for(content, factor="convenant") if element.condition else []:
            out += [f"> {md_inline(note.text)}", ""]
        out += [md_inline(STATE.format(state=entry_text(entry))), ""]
        out += [f"### {FROM_NOTES}", ""]
        notes = sections.get(element.id, [])
        if not notes:
            out += [NO_NOTES, ""]
        for sourced in notes:
            question = content.questions[sourced.question_id].text
            out.append(f"- **{md_inline(sourced.question_id)}** ({md_inline(question)}) — *{md_inline(sourced.source)}*:")
            for line in sourced.text.splitlines():
                out.append(f"  > {md_inline(line)}" if line.strip() else "  >")
            out.append("")
        out += [f"*{ARTICLE_TODO}*", ""]
    return "\n".join(out).rstrip() + "\n"
