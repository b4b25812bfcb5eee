"""The checklist and the knowledge base of the CCV publication, as data.

The built-in content ships inside the package (``samenwerk_tui/content``) and
is read with :mod:`importlib.resources`; ``--content DIR`` reads a folder with
the same files instead, so a collaboration can adapt the questions. Every
phase, factor, section, item and question has a short stable id: session
files refer to these ids, so they never change once released.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, model_validator

from .textsafe import clean_line, clean_text
from .toml.messages import LocatedValueError, problems_from_validation
from .toml.read import FileProblem, Problem, parse_toml_bytes, read_toml

CHECKLIST_FILE = "checklist.toml"
KNOWLEDGE_FILE = "kennis.toml"
ADVICE_FILE = "advies.toml"
"""Optional in a custom content folder: without it the built-in advice applies."""

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=40)]
QuestionId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*\.[0-9]+$", max_length=48)]
Line = Annotated[str, AfterValidator(clean_line), Field(min_length=1)]
Text = Annotated[str, AfterValidator(clean_text)]


class _Strict(BaseModel):
    # Attribute names are English; the keys in the files are Dutch aliases.
    model_config = ConfigDict(extra="forbid", frozen=True, validate_by_alias=True, validate_by_name=True)


class Meta(_Strict):
    """Which content this is, and where it comes from."""

    id: Id
    version: Line = Field(alias="versie")
    title: Line = Field(alias="titel")
    subtitle: Line = Field(default="-", alias="ondertitel")
    publisher: Line = Field(alias="uitgever")
    date: Line = Field(alias="datum")
    citation: Text = Field(alias="bronvermelding")
    """The citation to show wherever the content is shown."""
    licence: Text = Field(alias="licentie")
    """The publication's own words on copying it."""


RESERVED_PHASE_IDS = frozenset({"overzicht", "verloop", "acties", "kennis"})
"""The dashboard's own tabs; a phase is a tab too, so its id may not be one of these."""


def _not_reserved(phase_id: str) -> str:
    if phase_id in RESERVED_PHASE_IDS:
        raise ValueError(f"fase-id {phase_id} is al de naam van een tabblad van samenwerk; kies een ander id")
    return phase_id


class Phase(_Strict):
    id: Annotated[Id, AfterValidator(_not_reserved)]
    name: Line = Field(alias="naam")
    explanation: Text = Field(alias="uitleg")


class Factor(_Strict):
    """A success factor of chapter 4, in one lifecycle phase."""

    id: Id
    phase: Id = Field(alias="fase")
    number: int = Field(alias="nummer")
    name: Line = Field(alias="naam")
    explanation: Text = Field(alias="uitleg")


class Section(_Strict):
    id: Id
    name: Line = Field(alias="naam")


class Question(_Strict):
    id: QuestionId
    text: Text = Field(alias="tekst")
    factors: list[Id] | None = Field(default=None, min_length=1, alias="factoren")
    """The success factors this question counts for; None: those of its item."""


class Item(_Strict):
    """A checklist item: an imperative heading with its questions."""

    id: Id
    section: Id = Field(alias="sectie")
    title: Line = Field(alias="titel")
    factors: list[Id] = Field(min_length=1, alias="factoren")
    """Every factor the item feeds; a question counts for all of them unless it names its own."""
    questions: list[Question] = Field(min_length=1, alias="vragen")

    @model_validator(mode="after")
    def _questions_belong_to_item(self) -> Item:
        for question in self.questions:
            if question.id.split(".")[0] != self.id:
                raise ValueError(f"vraag {question.id} hoort niet bij item {self.id}: begin de id met '{self.id}.'")
        used: set[str] = set()
        for index, question in enumerate(self.questions):
            for factor_id in question.factors or self.factors:
                if factor_id not in self.factors:
                    raise LocatedValueError(
                        f"vraag {question.id} telt voor factor {factor_id}, maar item {self.id} noemt die factor niet "
                        f"(factoren = {self.factors})",
                        ("vragen", index, "factoren"),
                    )
                used.add(factor_id)
        unused = [factor_id for factor_id in self.factors if factor_id not in used]
        if unused:
            raise ValueError(f"item {self.id} noemt factor {', '.join(unused)}, maar geen van zijn vragen telt daarvoor")
        return self

    def factors_of(self, question: Question) -> list[str]:
        """The factors ``question`` (one of this item's) counts for."""
        return list(question.factors or self.factors)


class ChecklistFile(_Strict):
    meta: Meta
    phases: list[Phase] = Field(min_length=1, alias="fasen")
    factors: list[Factor] = Field(min_length=1, alias="factoren")
    sections: list[Section] = Field(min_length=1, alias="secties")
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_exist(self) -> ChecklistFile:
        phases = _unique("fase", [(("fasen", i, "id"), phase.id) for i, phase in enumerate(self.phases)])
        factors = _unique("factor", [(("factoren", i, "id"), factor.id) for i, factor in enumerate(self.factors)])
        sections = _unique("sectie", [(("secties", i, "id"), section.id) for i, section in enumerate(self.sections)])
        _unique("item", [(("items", i, "id"), item.id) for i, item in enumerate(self.items)])
        _unique(
            "vraag",
            [
                (("items", i, "vragen", j, "id"), question.id)
                for i, item in enumerate(self.items)
                for j, question in enumerate(item.questions)
            ],
        )
        for factor in self.factors:
            if factor.phase not in phases:
                raise ValueError(f"factor {factor.id} verwijst naar onbekende fase {factor.phase}")
        for item in self.items:
            if item.section not in sections:
                raise ValueError(f"item {item.id} verwijst naar onbekende sectie {item.section}")
            for factor_id in item.factors:
                if factor_id not in factors:
                    raise ValueError(f"item {item.id} verwijst naar onbekende factor {factor_id}")
        return self


def _unique(kind: str, ids: list[tuple[tuple[Any, ...], str]]) -> set[str]:
    """The ids as a set; a repeated id is reported where it repeats."""
    seen: set[str] = set()
    for loc, value in ids:
        if value in seen:
            raise LocatedValueError(f"{kind}-id {value} komt meer dan eens voor", loc)
        seen.add(value)
    return seen


class Paragraph(_Strict):
    title: Line = Field(alias="titel")
    text: Text = Field(alias="tekst")


class Chapter(_Strict):
    id: Id
    title: Line = Field(alias="titel")
    introduction: Text = Field(default="", alias="inleiding")
    paragraphs: list[Paragraph] = Field(default=[], alias="paragrafen")


class PracticeCase(_Strict):
    """A practice example from a box in the publication."""

    id: Id
    title: Line = Field(alias="titel")
    chapter: Id = Field(alias="hoofdstuk")
    text: Text = Field(alias="tekst")


class KnowledgeBase(_Strict):
    chapters: list[Chapter] = Field(alias="hoofdstukken")
    cases: list[PracticeCase] = Field(alias="praktijk")


# --- the advice (advies.toml) ----------------------------------------------------


class Quote(_Strict):
    """A sentence quoted from the publication, with where it stands."""

    text: Text = Field(alias="tekst")
    source: Line = Field(alias="bron")


class Form(_Strict):
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
            raise ValueError(f"vorm {self.id}: een vorm (soort = \"vorm\") noemt zijn hoofdvorm, een variant of hoofdvorm niet")
        return self


class GeneralForm(_Strict):
    questions: list[QuestionId] = Field(alias="vragen")
    quote: Text = Field(alias="citaat")
    source: Line = Field(alias="bron")


class GuideStep(_Strict):
    """One question of the guide for a collaboration that has not chosen a form."""

    id: Id
    question: Line = Field(alias="vraag")
    source: Line = Field(alias="bron")
    quote: Text = Field(alias="citaat")
    points_to: list[Id] = Field(default=[], alias="wijst_naar")
    only_after: Id | None = Field(default=None, alias="alleen_na")
    consequence: Text = Field(default="", alias="gevolg")


class GuideEnd(_Strict):
    source: Line = Field(alias="bron")
    quote: Text = Field(alias="citaat")
    questions: list[QuestionId] = Field(default=[], alias="vragen")


class ConvenantElement(_Strict):
    """What a convenant must at least settle (checklist item "Overweeg een convenant")."""

    id: Id
    name: Line = Field(alias="naam")
    question: Line = Field(alias="vraag")
    source: Line = Field(alias="bron")
    condition: Text = Field(default="", alias="voorwaarde")
    """Empty when the element always applies."""
    questions: list[QuestionId] = Field(default=[], alias="vragen")
    """The checklist questions whose notes fill this element in a draft."""


class DatedNote(_Strict):
    """A note of samenwerk beside text of the publication that is out of date."""

    id: Id
    date: Line = Field(alias="datum")
    text: Text = Field(alias="tekst")
    factors: list[Id] = Field(default=[], alias="factoren")
    questions: list[QuestionId] = Field(default=[], alias="vragen")
    cases: list[Id] = Field(default=[], alias="praktijk")


class PhaseAdvice(_Strict):
    phase: Id = Field(alias="fase")
    focus: list[Quote] = Field(min_length=1)


class CaseLink(_Strict):
    """A practice case shows a success factor or a form: the quote from the case carries the link."""

    factor: Id | None = None
    form: Id | None = Field(default=None, alias="vorm")
    quote: Line = Field(alias="citaat")

    @model_validator(mode="after")
    def _factor_or_form(self) -> CaseLink:
        if (self.factor is None) == (self.form is None):
            raise ValueError("een koppeling noemt óf een factor óf een vorm")
        return self


class CaseLinks(_Strict):
    id: Id
    links: list[CaseLink] = Field(min_length=1, alias="koppelingen")


class OpenQuestions(_Strict):
    questions: list[QuestionId] = Field(default=[], alias="vragen")


class MappingItem(_Strict):
    item: Id
    explanation: Text = Field(alias="uitleg")


class Mapping(_Strict):
    explanation: Text = Field(alias="uitleg")
    items: list[MappingItem] = Field(default=[])


class Advice(_Strict):
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
        forms = _unique("vorm", [(("vormen", i, "id"), form.id) for i, form in enumerate(self.forms)])
        main_forms = {form.id for form in self.forms if form.kind == "hoofdvorm"}
        for i, form in enumerate(self.forms):
            if form.main is not None and form.main not in main_forms:
                raise LocatedValueError(f"vorm {form.id} verwijst naar onbekende hoofdvorm {form.main}", ("vormen", i, "hoofdvorm"))
        steps = _unique("keuzehulp", [(("keuzehulp", i, "id"), step.id) for i, step in enumerate(self.guide)])
        for i, step in enumerate(self.guide):
            for form_id in step.points_to:
                if form_id not in forms:
                    raise LocatedValueError(f"keuzehulp {step.id} wijst naar onbekende vorm {form_id}", ("keuzehulp", i, "wijst_naar"))
            if step.only_after is not None and step.only_after not in steps:
                raise LocatedValueError(f"keuzehulp {step.id}: onbekende stap {step.only_after}", ("keuzehulp", i, "alleen_na"))
        _unique("convenantonderdeel", [(("convenant", i, "id"), element.id) for i, element in enumerate(self.convenant)])
        for i, case in enumerate(self.cases):
            for j, link in enumerate(case.links):
                if link.form is not None and link.form not in forms:
                    raise LocatedValueError(f"praktijk {case.id} verwijst naar onbekende vorm {link.form}", ("praktijk", i, "koppelingen", j, "vorm"))
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


@dataclass(frozen=True)
class Checklist:
    """The checklist and knowledge base, with lookups the app needs."""

    checklist: ChecklistFile
    knowledge: KnowledgeBase
    source: str
    """Where the content was read from (shown to users)."""
    advice: Advice | None = None
    """The publication's advice (``advies.toml``); None only for content built by hand."""

    @property
    def id(self) -> str:
        return self.checklist.meta.id

    @property
    def version(self) -> str:
        return self.checklist.meta.version

    @cached_property
    def phases(self) -> dict[str, Phase]:
        return {phase.id: phase for phase in self.checklist.phases}

    @cached_property
    def factors(self) -> dict[str, Factor]:
        return {factor.id: factor for factor in self.checklist.factors}

    @cached_property
    def sections(self) -> dict[str, Section]:
        return {section.id: section for section in self.checklist.sections}

    @cached_property
    def items(self) -> dict[str, Item]:
        return {item.id: item for item in self.checklist.items}

    @cached_property
    def questions(self) -> dict[str, Question]:
        return {question.id: question for item in self.checklist.items for question in item.questions}

    @cached_property
    def item_of_question(self) -> dict[str, Item]:
        return {question.id: item for item in self.checklist.items for question in item.questions}

    @cached_property
    def forms(self) -> dict[str, Form]:
        """The forms of collaboration of chapter 3, by id (empty without advice)."""
        return {form.id: form for form in self.advice.forms} if self.advice else {}

    @cached_property
    def open_questions(self) -> frozenset[str]:
        """Questions that ask what, who or how: the note is the answer, the score how well it is settled."""
        if self.advice is None:
            return frozenset()
        return frozenset(question_id for question_id in self.advice.open_questions.questions if question_id in self.questions)

    def factors_of_phase(self, phase_id: str) -> list[Factor]:
        return sorted(
            (factor for factor in self.checklist.factors if factor.phase == phase_id),
            key=lambda factor: factor.number,
        )

    def items_of_factor(self, factor_id: str) -> list[Item]:
        """The items with at least one question that counts for the factor."""
        return [item for item in self.checklist.items if factor_id in item.factors]

    @cached_property
    def factors_of_question(self) -> dict[str, list[str]]:
        """The factors each question counts for: its own, or else its item's."""
        return {question.id: item.factors_of(question) for item in self.checklist.items for question in item.questions}

    def questions_of_factor(self, factor_id: str, item_id: str | None = None) -> list[Question]:
        """The questions that count for the factor (only those of ``item_id``, if given), in content order."""
        return [
            question
            for item in self.items_of_factor(factor_id)
            if item_id is None or item.id == item_id
            for question in item.questions
            if factor_id in item.factors_of(question)
        ]

    def phases_of_item(self, item_id: str) -> list[str]:
        """The phases an item feeds, in the order of the phases."""
        item = self.items[item_id]
        wanted = {self.factors[factor_id].phase for factor_id in item.factors}
        return [phase.id for phase in self.checklist.phases if phase.id in wanted]

    def questions_of_phase(self, phase_id: str) -> list[Question]:
        seen: dict[str, Question] = {}
        for factor in self.factors_of_phase(phase_id):
            for question in self.questions_of_factor(factor.id):
                seen.setdefault(question.id, question)
        return list(seen.values())

    def phases_of_question(self, question_id: str) -> list[str]:
        """The phases a question counts in, in the order of the phases."""
        wanted = {self.factors[factor_id].phase for factor_id in self.factors_of_question.get(question_id, [])}
        return [phase.id for phase in self.checklist.phases if phase.id in wanted]


def _validate(path: Path, text: str, table: dict[str, Any], model: type[BaseModel]) -> Any:
    try:
        return model.model_validate(table)
    except ValidationError as error:
        raise FileProblem(problems_from_validation(path, text, error)) from None


def load_content(folder: Path | None = None) -> Checklist:
    """Load the built-in content, or the content in ``folder``.

    ``advies.toml`` is optional in ``folder``: without it the built-in advice
    applies, and its references to questions the custom checklist lacks are
    left out where it is shown. Raises :class:`FileProblem` with every problem
    found in any file.
    """
    problems: list[Problem] = []
    documents = {}
    builtin = importlib.resources.files(__package__).joinpath("content")
    for name in (CHECKLIST_FILE, KNOWLEDGE_FILE, ADVICE_FILE):
        try:
            if folder is None or (name == ADVICE_FILE and not (Path(folder) / name).exists()):
                resource = builtin.joinpath(name)
                documents[name] = parse_toml_bytes(Path(str(resource)), resource.read_bytes())
            else:
                documents[name] = read_toml(Path(folder) / name)
        except FileProblem as error:
            problems.extend(error.problems)
    if problems:
        raise FileProblem(problems)
    parsed = {}
    for name, model in ((CHECKLIST_FILE, ChecklistFile), (KNOWLEDGE_FILE, KnowledgeBase)):
        document = documents[name]
        try:
            parsed[name] = _validate(document.path, document.text, document.table, model)
        except FileProblem as error:
            problems.extend(error.problems)
    if problems:
        raise FileProblem(problems)
    checklist: ChecklistFile = parsed[CHECKLIST_FILE]
    knowledge: KnowledgeBase = parsed[KNOWLEDGE_FILE]
    advice_document = documents[ADVICE_FILE]
    own_advice = folder is None or (Path(folder) / ADVICE_FILE).exists()
    known = {
        "questions": {question.id for item in checklist.items for question in item.questions},
        "factors": {factor.id for factor in checklist.factors},
        "cases": {case.id for case in knowledge.cases},
        "phases": {phase.id for phase in checklist.phases},
    }
    try:
        advice = Advice.model_validate(advice_document.table, context=known if own_advice else None)
    except ValidationError as error:
        raise FileProblem(problems_from_validation(advice_document.path, advice_document.text, error)) from None
    return Checklist(
        checklist=checklist,
        knowledge=knowledge,
        source="ingebouwd" if folder is None else str(folder),
        advice=advice,
    )


def builtin_content_files() -> dict[str, bytes]:
    """The built-in content files by name, for ``samenwerk inhoud exporteer``."""
    folder = importlib.resources.files(__package__).joinpath("content")
    return {name: folder.joinpath(name).read_bytes() for name in (CHECKLIST_FILE, KNOWLEDGE_FILE, ADVICE_FILE)}
