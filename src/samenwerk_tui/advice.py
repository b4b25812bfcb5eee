"""The publication's advice applied to one collaboration: form, convenant, phase, cases.

Pure functions over the content (``advies.toml``), the settings and an
analysed :class:`~samenwerk_tui.analysis.History`; no Textual, no files.
Everything that claims to come from the publication is a quote from the
content with its source; what samenwerk adds is a suggestion with its
reasons, never a verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .analysis import CONCERN, STRONG, History, RoundResult
from .content import (
    CaseLink,
    Checklist,
    ConvenantElement,
    DatedNote,
    Factor,
    Form,
    GuideStep,
    PracticeCase,
    Quote,
)
from .settings import CollaborationForm, ConvenantEntry, Settings

# --- forms of collaboration ------------------------------------------------------


@dataclass(frozen=True)
class ChosenForm:
    """The collaboration's form as the content knows it."""

    variants: list[Form]
    main: Form | None
    forms: list[Form]
    unknown: list[str]
    """Ids in the settings that the content does not know (a typo, or other content)."""

    @property
    def all(self) -> list[Form]:
        return [*self.variants, *([self.main] if self.main else []), *self.forms]


def chosen_form(content: Checklist, setting: CollaborationForm) -> ChosenForm:
    forms = content.forms
    unknown = [
        form_id for form_id in (*setting.variants, *([setting.main] if setting.main else []), *setting.forms) if form_id not in forms
    ]
    return ChosenForm(
        variants=[forms[form_id] for form_id in setting.variants if form_id in forms],
        main=forms.get(setting.main) if setting.main else None,
        forms=[forms[form_id] for form_id in setting.forms if form_id in forms],
        unknown=unknown,
    )


def forms_of_kind(content: Checklist, kind: str, main: str | None = None) -> list[Form]:
    """The content's forms of one kind ("variant", "hoofdvorm", "vorm"), in content order."""
    return [form for form in content.forms.values() if form.kind == kind and (main is None or form.main == main)]


# --- the guide for a collaboration without a form ------------------------------------


@dataclass(frozen=True)
class GuideSuggestion:
    """Where the answers to the guide point: forms with the steps that point there, and consequences."""

    forms: list[tuple[Form, list[GuideStep]]]
    consequences: list[GuideStep]

    @property
    def empty(self) -> bool:
        return not self.forms and not self.consequences


def guide_steps(content: Checklist, answers: Mapping[str, bool]) -> list[GuideStep]:
    """The steps to ask, in order: a step that follows another only once that one is answered yes."""
    if content.advice is None:
        return []
    return [step for step in content.advice.guide if step.only_after is None or answers.get(step.only_after, False)]


def guide_suggestion(content: Checklist, answers: Mapping[str, bool]) -> GuideSuggestion:
    pointed: dict[str, list[GuideStep]] = {}
    consequences: list[GuideStep] = []
    for step in guide_steps(content, answers):
        if not answers.get(step.id, False):
            continue
        for form_id in step.points_to:
            if form_id in content.forms:
                pointed.setdefault(form_id, []).append(step)
        if step.consequence:
            consequences.append(step)
    order = list(content.forms)
    forms = [(content.forms[form_id], steps) for form_id, steps in sorted(pointed.items(), key=lambda pair: order.index(pair[0]))]
    return GuideSuggestion(forms, consequences)


def suggested_setting(suggestion: GuideSuggestion) -> CollaborationForm:
    """The form the suggestion points to, as a setting to start from (the user decides)."""
    variants = tuple(form.id for form, _ in suggestion.forms if form.kind == "variant")
    mains = [form.id for form, _ in suggestion.forms if form.kind == "hoofdvorm"]
    main = mains[0] if len(mains) == 1 else None
    forms = tuple(form.id for form, _ in suggestion.forms if form.kind == "vorm" and (main is None or form.main == main))
    return CollaborationForm(variants=variants, main=main, forms=forms)


# --- the convenant -----------------------------------------------------------------


def convenant_rows(content: Checklist, settings: Settings) -> list[tuple[ConvenantElement, ConvenantEntry | None]]:
    """Every element the publication says a convenant settles, with the collaboration's tick."""
    if content.advice is None:
        return []
    return [(element, settings.convenant.get(element.id)) for element in content.advice.convenant]


def convenant_order(content: Checklist) -> list[str]:
    return [element.id for element in content.advice.convenant] if content.advice else []


# --- dated notes and practice cases ----------------------------------------------------


def notes_for(content: Checklist, *, factor: str | None = None, question: str | None = None, case: str | None = None) -> list[DatedNote]:
    """The dated notes of samenwerk that belong beside this factor, question or case."""
    if content.advice is None:
        return []
    return [
        note
        for note in content.advice.notes
        if (factor is not None and factor in note.factors)
        or (question is not None and question in note.questions)
        or (case is not None and case in note.cases)
    ]


def links_of_case(content: Checklist, case_id: str) -> list[CaseLink]:
    if content.advice is None:
        return []
    for case in content.advice.cases:
        if case.id == case_id:
            return [link for link in case.links if (link.factor in content.factors) or (link.form in content.forms)]
    return []


def cases_of_factor(content: Checklist, factor_id: str) -> list[tuple[PracticeCase, CaseLink]]:
    """The practice cases that show a success factor, with the quote that carries the link."""
    return _cases(content, lambda link: link.factor == factor_id)


def cases_of_form(content: Checklist, form_id: str) -> list[tuple[PracticeCase, CaseLink]]:
    return _cases(content, lambda link: link.form == form_id)


def _cases(content: Checklist, wanted) -> list[tuple[PracticeCase, CaseLink]]:  # type: ignore[no-untyped-def]
    found = []
    for case in content.knowledge.cases:
        for link in links_of_case(content, case.id):
            if wanted(link):
                found.append((case, link))
                break
    return found


# --- the phase -----------------------------------------------------------------------

TRUST_FACTOR = "vertrouwen"
"""Wederzijds vertrouwen en respect: what the beginfase is "vooral" about (hoofdstuk 4, inleiding)."""
ADDED_VALUE_QUESTION = "urgentie.4"
"""Zien alle betrokken medewerkers voldoende meerwaarde in samenwerking? (4.1, factor 2: results in the first phase)."""

BEGIN_QUOTE = Quote(text="In deze fase gaat het vooral om het opbouwen van wederzijds vertrouwen.", source="hoofdstuk 4, inleiding")
VALUE_QUOTE = Quote(text="Meerwaarde wordt zichtbaar als partijen in de eerste fase al resultaten boeken.", source="4.1, factor 2")
ROUTINE_QUOTE = Quote(
    text="De onderwegfase: de samenwerking krijgt het karakter van routine waarbij andere factoren een rol spelen.",
    source="hoofdstuk 4, inleiding",
)


@dataclass(frozen=True)
class Reason:
    """One ground for a phase suggestion: what the scores say, and the sentence of the publication behind it."""

    met: bool
    text: str
    quote: Quote


@dataclass(frozen=True)
class PhaseSuggestion:
    towards: str
    """The phase the collaboration may be moving to (or back to)."""
    reasons: list[Reason]


@dataclass(frozen=True)
class PhaseAdvice:
    phase: str | None
    """The phase most respondents gave in the round looked at; None without sessions."""
    round_label: str | None
    focus: list[Quote]
    factors: list[Factor]
    suggestion: PhaseSuggestion | None
    """Set when the scores meet every criterion below; ``checks`` has them either way."""
    checks: list[Reason] = field(default_factory=list)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _band_text(band: str | None) -> str:
    return band or "niet gemeten"


def phase_advice(content: Checklist, history: History | None, settings: Settings) -> PhaseAdvice:
    """What the publication advises for the collaboration's current phase, and whether it looks ready to move.

    The phase is the one most respondents gave in the last round with scores.
    The criteria are only those the text grounds: the beginfase is "vooral"
    about mutual trust (hoofdstuk 4) and added value shows when partners book
    results in the first phase (4.1, factor 2). Scored as beginfase with trust
    strong and shared, and added value seen as strong, the onderwegfase is
    suggested; scored as onderwegfase with trust in the lowest band, the
    beginfase is.
    """
    if history is None or not history.rounds:
        return PhaseAdvice(None, None, [], [], None)
    result = history.rounds[history.last_scored_round()]
    phase = result.declared_phase
    focus = []
    if content.advice is not None:
        focus = next((advice.focus for advice in content.advice.phase_advice if advice.phase == phase), [])
    factors = content.factors_of_phase(phase) if phase in content.phases else []
    checks, towards = _phase_checks(content, result, settings, phase)
    suggestion = PhaseSuggestion(towards, checks) if towards and checks and all(check.met for check in checks) else None
    return PhaseAdvice(phase, result.label, list(focus), factors, suggestion, checks)


def _phase_checks(content: Checklist, result: RoundResult, settings: Settings, phase: str | None) -> tuple[list[Reason], str | None]:
    if TRUST_FACTOR not in content.factors:
        return [], None
    trust = result.stat("factor", TRUST_FACTOR)
    if not trust.measured:
        return [], None
    trust_name = content.factors[TRUST_FACTOR].name
    if phase == "begin" and "onderweg" in content.phases:
        checks = [
            Reason(
                trust.band == STRONG,
                f"{trust_name}: {_number(trust.mean)} ({_band_text(trust.band)}); sterk is nodig.",
                BEGIN_QUOTE,
            ),
            Reason(
                trust.spread is not None and trust.spread < settings.divergence_threshold,
                f"De partners zien het vertrouwen gelijk: spreiding {_number(trust.spread)} "
                f"(verschil van inzicht vanaf {_number(settings.divergence_threshold)}).",
                BEGIN_QUOTE,
            ),
        ]
        if ADDED_VALUE_QUESTION in content.questions:
            value = result.stat("question", ADDED_VALUE_QUESTION)
            checks.append(
                Reason(
                    value.band == STRONG,
                    f"Meerwaarde gezien ({ADDED_VALUE_QUESTION}): {_number(value.mean)} ({_band_text(value.band)}); sterk is nodig.",
                    VALUE_QUOTE,
                )
            )
        return checks, "onderweg"
    if phase == "onderweg" and "begin" in content.phases:
        return [
            Reason(
                trust.band == CONCERN,
                f"{trust_name}: {_number(trust.mean)} ({_band_text(trust.band)}); de beginfase wordt gesuggereerd bij zorg.",
                BEGIN_QUOTE,
            ),
        ], "begin"
    return [], None
