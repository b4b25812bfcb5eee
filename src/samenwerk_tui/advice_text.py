"""The advice as readable text: one list of blocks for the dashboard, the reports and the command line.

A block is a heading, a paragraph, a quote from the publication (with its
source), a list item or a hint. :func:`to_markdown` and :func:`to_plain`
render them; the dashboard renders them as Textual content. Quotes are
always marked as the publication's words, with their chapter; the rest is
samenwerk speaking, and says so where it matters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .advice import (
    PhaseAdvice,
    cases_of_factor,
    cases_of_form,
    chosen_form,
    convenant_rows,
    guide_steps,
    guide_suggestion,
    links_of_case,
    notes_for,
)
from .analysis import History
from .content import Checklist, Form, Quote
from .settings import ConvenantEntry, Settings

BlockKind = Literal["title", "heading", "text", "quote", "item", "hint"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    source: str = ""
    """For a quote: where it stands in the publication."""


MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

NO_FORM = "Deze samenwerking heeft nog geen samenwerkingsvorm vastgelegd."
FREE_FORM = "Bij het opzetten als vorm opgegeven (vrije tekst): “{text}”."
FREE_FORM_SUMMARY = "“{text}” (vrije tekst; nog niet vastgelegd)"
HOW_TO_SET = "Vastleggen: in Kennis (Enter op ‘Samenwerkingsvorm’), via ctrl+p → ‘Samenwerkingsvorm kiezen’, of met ‘samenwerk vorm MAP --variant … --hoofdvorm … --vorm …’."
UNKNOWN_FORMS = "Onbekend in de inhoud (tikfout of andere checklist?): {ids}."
NEEDS = "Wat deze vorm vraagt volgens de publicatie:"
PITFALLS = "Waar het volgens de publicatie misgaat:"
NO_PITFALLS = "De publicatie noemt bij deze vorm geen valkuilen."
QUESTIONS = "Vragen van de checklist die hierop ingaan:"
CASES = "Praktijkvoorbeelden:"
GUIDE_TITLE = "Keuzehulp: de vragen van de publicatie, op volgorde"
GUIDE_INTRO = (
    "Voor een samenwerking die nog geen vorm heeft gekozen. De vragen zijn in eigen woorden gesteld; onder elke vraag "
    "staat de zin uit de publicatie waarop hij rust. Het resultaat is een suggestie met redenen, geen oordeel."
)
GUIDE_POINTS = "Ja wijst naar: {names}."
SUGGESTION = "Suggestie (geen oordeel): {names}."
SUGGESTION_EMPTY = "Nog geen suggestie: beantwoord een of meer vragen met ja."
BECAUSE = "Omdat u ‘ja’ antwoordde op: {question}"
GUIDE_END = "Tot slot, uit de publicatie:"
CONVENANT_TITLE = "Convenant: wat het in ieder geval regelt"
CONVENANT_INTRO = (
    "De publicatie: ‘Kiest u voor een convenant, beantwoord daarin dan in ieder geval de volgende vragen’ "
    "(checklist, Overweeg een convenant). Per onderdeel: geregeld of niet, en waar."
)
TICK_SETTLED, TICK_OPEN, TICK_UNKNOWN = "[x]", "[ ]", "[?]"
SETTLED = "geregeld"
NOT_SETTLED = "nog niet geregeld"
NOT_TRACKED = "niet bijgehouden"
CONVENANT_HOW = "Bijhouden: in Kennis (Enter op ‘Convenant’), of via ctrl+p → ‘Convenant bijhouden’. Een concept met de notities van de partners: ‘samenwerk convenant MAP’."
PHASE_TITLE = "Fase: {phase} (ronde {label})"
PHASE_NONE = "Nog geen ronde met scores: de fase is niet bekend."
PHASE_FOCUS = "Waar de publicatie in deze fase de nadruk op legt:"
PHASE_FACTORS = "De succesfactoren van deze fase: {names}."
PHASE_SUGGEST = "Suggestie (geen oordeel): de scores wijzen erop dat de samenwerking {where}."
PHASE_WHERE = {"onderweg": "klaar lijkt voor de onderwegfase", "begin": "de basis van de beginfase opnieuw aandacht kan geven"}
PHASE_CHECKS = "Waar samenwerk naar kijkt (alleen wat de tekst onderbouwt); nu geen suggestie:"
PHASE_BESPREEK = (
    "De publicatie geeft geen maatstaf voor de overgang tussen de fasen; bespreek dit in de stuurgroep "
    "(checklist draagvlak.7 en verankering.5)."
)
MET, NOT_MET = "voldaan", "niet voldaan"
OPEN_QUESTION = "Open vraag: het antwoord staat in de notitie; de score zegt hoe goed dit geregeld is (1 helemaal niet … 5 volledig)."
MAPPING_TITLE = "Hoe de vragen aan de succesfactoren zijn gekoppeld"
MAPPING_NOW = "Zo telt samenwerk nu:"


def date_text(value: dt.date | None) -> str:
    return "" if value is None else f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _quote(quote: Quote) -> Block:
    return Block("quote", quote.text, quote.source)


def _question_item(content: Checklist, question_id: str, history: History | None = None) -> Block:
    """A checklist question, with the collaboration's mean in its last round with scores when known."""
    text = f"{question_id}: {content.questions[question_id].text}"
    if history is not None and history.rounds:
        result = history.rounds[history.last_scored_round()]
        stat = result.stat("question", question_id)
        if stat.measured:
            text += f" — gemiddeld {stat.mean:.1f} ({stat.band}, ronde {result.label})".replace(".", ",", 1)
    return Block("item", text)


# --- form ----------------------------------------------------------------------------


def form_detail_blocks(content: Checklist, form: Form, history: History | None = None) -> list[Block]:
    """One form: what it is, what it needs, where it goes wrong, its questions and cases."""
    kind = {"variant": "samenwerkingsvariant", "hoofdvorm": "institutionele hoofdvorm", "vorm": "vorm"}[form.kind]
    if form.main and form.main in content.forms:
        kind += f" binnen {content.forms[form.main].name.lower()}"
    blocks = [Block("heading", f"{form.name} ({kind})"), Block("quote", form.what, form.source)]
    if form.needs:
        blocks.append(Block("text", NEEDS))
        blocks += [_quote(quote) for quote in form.needs]
    blocks.append(Block("text", PITFALLS))
    blocks += [_quote(quote) for quote in form.pitfalls] or [Block("hint", NO_PITFALLS)]
    questions = [question_id for question_id in form.questions if question_id in content.questions]
    if questions:
        blocks.append(Block("text", QUESTIONS))
        blocks += [_question_item(content, question_id, history) for question_id in questions]
    cases = cases_of_form(content, form.id)
    if cases:
        blocks.append(Block("text", CASES))
        blocks += [Block("item", f"{case.title}: “{link.quote}”") for case, link in cases]
    return blocks


def form_blocks(content: Checklist, settings: Settings, history: History | None = None) -> list[Block]:
    """The collaboration's form with what the publication says about it, or the guide when there is none.

    With ``history``, each checklist question that bears on the form shows the collaboration's mean.
    """
    setting = settings.form
    chosen = chosen_form(content, setting)
    blocks: list[Block] = [Block("title", "Samenwerkingsvorm")]
    if not setting.chosen:
        # What an earlier version's set-up wrote as free text stays visible until a form is chosen.
        free = [Block("text", FREE_FORM.format(text=settings.collaboration.form))] if settings.collaboration.form else []
        return [*blocks, Block("text", NO_FORM), *free, Block("hint", HOW_TO_SET), *guide_blocks(content, {})]
    names = [form.name for form in chosen.all]
    blocks.append(Block("text", "Vastgelegd: " + (", ".join(names) if names else "—") + "."))
    if chosen.unknown:
        blocks.append(Block("hint", UNKNOWN_FORMS.format(ids=", ".join(chosen.unknown))))
    for form in chosen.all:
        blocks += form_detail_blocks(content, form, history)
    if content.advice is not None:
        general = content.advice.general_form
        blocks.append(Block("heading", "Bij elke vorm"))
        blocks.append(Block("quote", general.quote, general.source))
        blocks.append(Block("text", QUESTIONS))
        blocks += [_question_item(content, question_id, history) for question_id in general.questions if question_id in content.questions]
    blocks.append(Block("hint", HOW_TO_SET))
    return blocks


def form_summary(content: Checklist, settings: Settings) -> str:
    names = [form.name for form in chosen_form(content, settings.form).all]
    if names:
        return ", ".join(names)
    if settings.collaboration.form and not settings.form.chosen:
        return FREE_FORM_SUMMARY.format(text=settings.collaboration.form)
    return "nog niet vastgelegd"


def guide_blocks(content: Checklist, answers: Mapping[str, bool]) -> list[Block]:
    """The guide's questions in order (a yes opens the questions that follow from it), ending in a suggestion."""
    if content.advice is None:
        return []
    blocks = [Block("heading", GUIDE_TITLE), Block("hint", GUIDE_INTRO)]
    for number, step in enumerate(guide_steps(content, answers), start=1):
        answer = answers.get(step.id)
        mark = {True: " — ja", False: " — nee", None: ""}[answer]
        blocks.append(Block("item", f"{number}. {step.question}{mark}"))
        blocks.append(Block("quote", step.quote, step.source))
        pointed = [content.forms[form_id].name for form_id in step.points_to if form_id in content.forms]
        if pointed:
            blocks.append(Block("hint", GUIDE_POINTS.format(names=", ".join(pointed))))
        if step.consequence:
            blocks.append(Block("hint", step.consequence))
    blocks += suggestion_blocks(content, answers)
    return blocks


def suggestion_blocks(content: Checklist, answers: Mapping[str, bool]) -> list[Block]:
    suggestion = guide_suggestion(content, answers)
    blocks: list[Block] = []
    if suggestion.empty:
        blocks.append(Block("text", SUGGESTION_EMPTY))
    else:
        if suggestion.forms:
            blocks.append(Block("heading", SUGGESTION.format(names=", ".join(form.name for form, _ in suggestion.forms))))
            for form, steps in suggestion.forms:
                for step in steps:
                    blocks.append(Block("item", f"{form.name}. " + BECAUSE.format(question=step.question)))
                blocks.append(Block("quote", form.what, form.source))
        for step in suggestion.consequences:
            blocks.append(Block("item", step.consequence))
    assert content.advice is not None
    end = content.advice.guide_end
    blocks.append(Block("text", GUIDE_END))
    blocks.append(Block("quote", end.quote, end.source))
    blocks += [_question_item(content, question_id) for question_id in end.questions if question_id in content.questions]
    return blocks


# --- convenant ---------------------------------------------------------------------------


def tick(entry: ConvenantEntry | None) -> str:
    if entry is None:
        return TICK_UNKNOWN
    return TICK_SETTLED if entry.settled else TICK_OPEN


def entry_text(entry: ConvenantEntry | None) -> str:
    if entry is None:
        return NOT_TRACKED
    where = ", ".join(part for part in (entry.article, date_text(entry.date)) if part)
    state = SETTLED if entry.settled else NOT_SETTLED
    return f"{state} ({where})" if where else state


def convenant_blocks(content: Checklist, settings: Settings, *, title: bool = True) -> list[Block]:
    """The tick list: every element the publication says a convenant settles, with where it is settled."""
    rows = convenant_rows(content, settings)
    if not rows:
        return []
    blocks = [Block("title", CONVENANT_TITLE)] if title else []
    blocks.append(Block("hint", CONVENANT_INTRO))
    for element, entry in rows:
        condition = " (alleen bij uitwisseling van persoonsgegevens)" if element.condition else ""
        blocks.append(Block("item", f"{tick(entry)} {element.name}{condition}: {entry_text(entry)}"))
    unknown = sorted(set(settings.convenant) - {element.id for element, _ in rows})
    if unknown:
        blocks.append(Block("hint", UNKNOWN_FORMS.format(ids=", ".join(unknown))))
    for note in notes_for(content, factor="convenant"):
        blocks.append(Block("hint", note.text))
    blocks.append(Block("hint", CONVENANT_HOW))
    return blocks


# --- phase -------------------------------------------------------------------------------


def phase_blocks(content: Checklist, advice: PhaseAdvice) -> list[Block]:
    if advice.phase is None or advice.round_label is None:
        return [Block("title", "Fase"), Block("text", PHASE_NONE)]
    name = content.phases[advice.phase].name.lower() if advice.phase in content.phases else advice.phase
    blocks = [Block("title", PHASE_TITLE.format(phase=name, label=advice.round_label))]
    if advice.focus:
        blocks.append(Block("text", PHASE_FOCUS))
        blocks += [_quote(quote) for quote in advice.focus]
    if advice.factors:
        blocks.append(Block("text", PHASE_FACTORS.format(names=", ".join(f"{factor.number}. {factor.name}" for factor in advice.factors))))
    if advice.suggestion is not None:
        blocks.append(Block("heading", PHASE_SUGGEST.format(where=PHASE_WHERE.get(advice.suggestion.towards, advice.suggestion.towards))))
        for reason in advice.suggestion.reasons:
            blocks.append(Block("item", reason.text))
            blocks.append(_quote(reason.quote))
        blocks.append(Block("hint", PHASE_BESPREEK))
    elif advice.checks:
        blocks.append(Block("text", PHASE_CHECKS))
        for reason in advice.checks:
            blocks.append(Block("item", f"{reason.text} ({MET if reason.met else NOT_MET})"))
    return blocks


# --- cases, factors, questions --------------------------------------------------------------


def case_links_blocks(content: Checklist, case_id: str) -> list[Block]:
    """What a practice case illustrates: success factors and forms, each with the sentence that shows it."""
    links = links_of_case(content, case_id)
    blocks: list[Block] = []
    if links:
        blocks.append(Block("heading", "Laat zien"))
        for link in links:
            if link.factor is not None:
                factor = content.factors[link.factor]
                label = f"Succesfactor {factor.number} ({content.phases[factor.phase].name.lower()}): {factor.name}"
            else:
                label = f"Vorm: {content.forms[link.form].name}"  # type: ignore[index]
            blocks.append(Block("item", f"{label} — “{link.quote}”"))
    for note in notes_for(content, case=case_id):
        blocks.append(Block("hint", note.text))
    return blocks


def factor_blocks(content: Checklist, settings: Settings, factor_id: str) -> list[Block]:
    """Beside a success factor's explanation: its dated notes, its tick list (Convenant) and its cases."""
    blocks: list[Block] = []
    if factor_id == "convenant":
        blocks += convenant_blocks(content, settings)
    else:
        blocks += [Block("hint", note.text) for note in notes_for(content, factor=factor_id)]
    cases = cases_of_factor(content, factor_id)
    if cases:
        blocks.append(Block("heading", "Praktijkvoorbeelden bij deze factor"))
        blocks += [Block("item", f"{case.title}: “{link.quote}”") for case, link in cases]
    return blocks


def question_blocks(content: Checklist, question_id: str) -> list[Block]:
    """Beside a question: that the note is the answer (open questions) and dated notes."""
    blocks: list[Block] = []
    if question_id in content.open_questions:
        blocks.append(Block("hint", OPEN_QUESTION))
    blocks += [Block("hint", note.text) for note in notes_for(content, question=question_id)]
    return blocks


def mapping_blocks(content: Checklist) -> list[Block]:
    """How the checklist's items count for the success factors, with the words that carry each choice."""
    blocks = [Block("title", MAPPING_TITLE)]
    mapping = content.advice.mapping if content.advice else None
    if mapping is not None:
        blocks += [Block("text", paragraph) for paragraph in mapping.explanation.split("\n\n") if paragraph.strip()]
    blocks.append(Block("heading", MAPPING_NOW))
    for phase in content.checklist.phases:
        for factor in content.factors_of_phase(phase.id):
            items = ", ".join(item.title for item in content.items_of_factor(factor.id)) or "—"
            blocks.append(Block("item", f"{phase.name}, {factor.number}. {factor.name} ← {items}"))
    if mapping is not None:
        for entry in mapping.items:
            if entry.item in content.items:
                blocks.append(Block("heading", content.items[entry.item].title))
                blocks.append(Block("text", entry.explanation))
    return blocks


# --- rendering ------------------------------------------------------------------------------


def to_plain(blocks: list[Block], width: int = 100) -> str:
    import textwrap

    lines: list[str] = []
    for block in blocks:
        if block.kind == "title":
            lines += ["", block.text, "=" * min(len(block.text), width)]
        elif block.kind == "heading":
            lines += ["", block.text]
        elif block.kind == "quote":
            text = f"“{block.text}”" + (f" ({block.source})" if block.source else "")
            lines += textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="    ")
        elif block.kind == "item":
            lines += textwrap.wrap(block.text, width, initial_indent="  - ", subsequent_indent="    ")
        else:
            lines += textwrap.wrap(block.text, width) or [""]
    return "\n".join(lines).strip("\n") + "\n"


def to_markdown(blocks: list[Block], level: int = 2) -> list[str]:
    """Markdown lines; titles at ``level``, headings one below."""
    from .report.common import md_inline

    out: list[str] = []
    for block in blocks:
        text = md_inline(block.text)
        if block.kind == "title":
            out += ["", f"{'#' * level} {text}", ""]
        elif block.kind == "heading":
            out += ["", f"**{text}**", ""]
        elif block.kind == "quote":
            source = f" ({md_inline(block.source)})" if block.source else ""
            out += [f"> “{text}”{source}", ""]
        elif block.kind == "item":
            out.append(f"- {text}")
        elif block.kind == "hint":
            out += ["", f"*{text}*", ""]
        else:
            out += ["", text, ""]
    # Collapse runs of blank lines that the block boundaries leave.
    tidy: list[str] = []
    for line in out:
        if line == "" and (not tidy or tidy[-1] == ""):
            continue
        tidy.append(line)
    while tidy and tidy[-1] == "":
        tidy.pop()
    return tidy
