"""The model of ``advies.toml``: the publication's advice, ordered so samenwerk can apply it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationInfo, model_validator

from ..toml.messages import LocatedValueError
from .fields import ContentModel, Id, Line, QuestionId, Text, unique_ids


class Quote(ContentModel):
    """A sentence quoted from the publication, with where it stands."""

    text: Text = Field(alias="tekst")
    source: Line = Field(alias="bron")


class Form(ContentModel):
    """A form of collaboration from chapter 3: a variant (3.1), a main form (3.2) or a form within one."""

    id: Id
    kind: Literal["variant", "hoofdvorm", "vorm"] = Field(alias="soort")
    main: Id | None = Field(default=None, alias="hoofdvorm")
    """For a form within a main form: the main form's id."""
    name: Line = Field(alias="naam")
    source: Line = Field(alias="bron")
    what: Text = Field(alias="wat")
    questions: list[QuestionId] = Field(default=[], alias="vragen")
    needs: list[Quote] = Field(default=[], alias="nodig")
    pitfalls: list[Quote] = Field(default=[], alias="valkuilen")

    @model_validator(mode="after")
    def _main_for_forms_only(self) -> Form:
        if (self.kind == "vorm") != (self.main is not None):
            raise ValueError(f'vorm {self.id}: een vorm (soort = "vorm") noemt zijn hoofdvorm, een variant of hoofdvorm niet')
        return self


class GeneralForm(ContentModel):
    questions: list[QuestionId] = Field(alias="vragen")
    quote: Text = Field(alias="citaat")
    source: Line = Field(alias="bron")


class GuideStep(ContentModel):
    """One question of the guide for a collaboration that has not chosen a form."""

    id: Id
    question: Line = Field(alias="vraag")
    source: Line = Field(alias="bron")
    quote: Text = Field(alias="citaat")
    points_to: list[Id] = Field(default=[], alias="wijst_naar")
    only_after: Id | None = Field(default=None, alias="alleen_na")
    consequence: Text = Field(default="", alias="gevolg")


class GuideEnd(ContentModel):
    source: Line = Field(alias="bron")
    quote: Text = Field(alias="citaat")
    questions: list[QuestionId] = Field(default=[], alias="vragen")


class ConvenantElement(ContentModel):
    """What a convenant must at least settle (checklist item "Overweeg een convenant")."""

    id: Id
    name: Line = Field(alias="naam")
    question: Line = Field(alias="vraag")
    source: Line = Field(alias="bron")
    condition: Text = Field(default="", alias="voorwaarde")
    """Empty when the element always applies."""
    questions: list[QuestionId] = Field(default=[], alias="vragen")
    """The checklist questions whose notes fill this element in a draft."""


class DatedNote(ContentModel):
    """A note of samenwerk beside text of the publication that is out of date."""

    id: Id
    date: Line = Field(alias="datum")
    text: Text = Field(alias="tekst")
    factors: list[Id] = Field(default=[], alias="factoren")
    questions: list[QuestionId] = Field(default=[], alias="vragen")
    cases: list[Id] = Field(default=[], alias="praktijk")


class PhaseAdvice(ContentModel):
    phase: Id = Field(alias="fase")
    focus: list[Quote] = Field(min_length=1)


class CaseLink(ContentModel):
    """A practice case shows a success factor or a form: the quote from the case carries the link."""

    factor: Id | None = None
    form: Id | None = Field(default=None, alias="vorm")
    quote: Line = Field(alias="citaat")

    @model_validator(mode="after")
    def _factor_or_form(self) -> CaseLink:
        if (self.factor is None) == (self.form is None):
            raise ValueError("een koppeling noemt óf een factor óf een vorm")
        return self


class CaseLinks(ContentModel):
    id: Id
    links: list[CaseLink] = Field(min_length=1, alias="koppelingen")


class OpenQuestions(ContentModel):
    questions: list[QuestionId] = Field(default=[], alias="vragen")


class MappingItem(ContentModel):
    item: Id
    explanation: Text = Field(alias="uitleg")


class Mapping(ContentModel):
    explanation: Text = Field(alias="uitleg")
    items: list[MappingItem] = Field(default=[])


class Advice(ContentModel):
    """The publication's advice, ordered so samenwerk can apply it (``advies.toml``).

    Validated with ``context={"questions", "factors", "cases", "phases"}`` (sets
    of ids), references to the checklist and the knowledge base must exist.
    """

    forms: list[Form] = Field(min_length=1, alias="vormen")
    general_form: GeneralForm = Field(alias="vorm_algemeen")
    guide: list[GuideStep] = Field(min_length=1, alias="keuzehulp")
    guide_end: GuideEnd = Field(alias="keuzehulp_slot")
    convenant: list[ConvenantElement] = Field(min_length=1)
    notes: list[DatedNote] = Field(default=[], alias="noten")
    phase_advice: list[PhaseAdvice] = Field(default=[], alias="fase_advies")
    cases: list[CaseLinks] = Field(default=[], alias="praktijk")
    open_questions: OpenQuestions = Field(default_factory=OpenQuestions, alias="open_vragen")
    mapping: Mapping | None = Field(default=None, alias="koppeling")

    @model_validator(mode="after")
    def _references_exist(self, info: ValidationInfo) -> Advice:
        forms = unique_ids("vorm", [(("vormen", i, "id"), form.id) for i, form in enumerate(self.forms)])
        main_forms = {form.id for form in self.forms if form.kind == "hoofdvorm"}
        for i, form in enumerate(self.forms):
            if form.main is not None and form.main not in main_forms:
                raise LocatedValueError(f"vorm {form.id} verwijst naar onbekende hoofdvorm {form.main}", ("vormen", i, "hoofdvorm"))
        steps = unique_ids("keuzehulp", [(("keuzehulp", i, "id"), step.id) for i, step in enumerate(self.guide)])
        for i, step in enumerate(self.guide):
            for form_id in step.points_to:
                if form_id not in forms:
                    raise LocatedValueError(f"keuzehulp {step.id} wijst naar onbekende vorm {form_id}", ("keuzehulp", i, "wijst_naar"))
            if step.only_after is not None and step.only_after not in steps:
                raise LocatedValueError(f"keuzehulp {step.id}: onbekende stap {step.only_after}", ("keuzehulp", i, "alleen_na"))
        unique_ids("convenantonderdeel", [(("convenant", i, "id"), element.id) for i, element in enumerate(self.convenant)])
        for i, case in enumerate(self.cases):
            for j, link in enumerate(case.links):
                if link.form is not None and link.form not in forms:
                    raise LocatedValueError(
                        f"praktijk {case.id} verwijst naar onbekende vorm {link.form}", ("praktijk", i, "koppelingen", j, "vorm")
                    )
        known = info.context if isinstance(info.context, dict) else None
        if known is not None:
            self._check_against(known)
        return self

    def _check_against(self, known: dict[str, set[str]]) -> None:
        def check(kind: str, value: str, loc: tuple[Any, ...]) -> None:
            if value not in known[kind]:
                name = {"questions": "vraag", "factors": "factor", "cases": "praktijkvoorbeeld", "phases": "fase"}[kind]
                raise LocatedValueError(f"onbekende {name} {value} (niet in de checklist of kennisbank)", loc)

        for i, form in enumerate(self.forms):
            for question_id in form.questions:
                check("questions", question_id, ("vormen", i, "vragen"))
        for question_id in [*self.general_form.questions, *self.guide_end.questions]:
            check("questions", question_id, ("vorm_algemeen", "vragen"))
        for i, element in enumerate(self.convenant):
            for question_id in element.questions:
                check("questions", question_id, ("convenant", i, "vragen"))
        for i, note in enumerate(self.notes):
            for factor_id in note.factors:
                check("factors", factor_id, ("noten", i, "factoren"))
            for question_id in note.questions:
                check("questions", question_id, ("noten", i, "vragen"))
            for case_id in note.cases:
                check("cases", case_id, ("noten", i, "praktijk"))
        for i, advice in enumerate(self.phase_advice):
            check("phases", advice.phase, ("fase_advies", i, "fase"))
        for i, case in enumerate(self.cases):
            check("cases", case.id, ("praktijk", i, "id"))
            for j, link in enumerate(case.links):
                if link.factor is not None:
                    check("factors", link.factor, ("praktijk", i, "koppelingen", j, "factor"))
        for question_id in self.open_questions.questions:
            check("questions", question_id, ("open_vragen", "vragen"))
