"""The model of ``checklist.toml``: phases, success factors, sections, items and their questions."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from ..toml.messages import LocatedValueError
from .fields import ContentModel, Id, Line, QuestionId, Text, unique_ids


class Meta(ContentModel):
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


class Phase(ContentModel):
    id: Annotated[Id, AfterValidator(_not_reserved)]
    name: Line = Field(alias="naam")
    explanation: Text = Field(alias="uitleg")


class Factor(ContentModel):
    """A success factor of chapter 4, in one lifecycle phase."""

    id: Id
    phase: Id = Field(alias="fase")
    number: int = Field(alias="nummer")
    name: Line = Field(alias="naam")
    explanation: Text = Field(alias="uitleg")


class Section(ContentModel):
    id: Id
    name: Line = Field(alias="naam")


class Question(ContentModel):
    id: QuestionId
    text: Text = Field(alias="tekst")
    factors: list[Id] | None = Field(default=None, min_length=1, alias="factoren")
    """The success factors this question counts for; None: those of its item."""


class Item(ContentModel):
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


class ChecklistFile(ContentModel):
    meta: Meta
    phases: list[Phase] = Field(min_length=1, alias="fasen")
    factors: list[Factor] = Field(min_length=1, alias="factoren")
    sections: list[Section] = Field(min_length=1, alias="secties")
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_exist(self) -> ChecklistFile:
        phases = unique_ids("fase", [(("fasen", i, "id"), phase.id) for i, phase in enumerate(self.phases)])
        factors = unique_ids("factor", [(("factoren", i, "id"), factor.id) for i, factor in enumerate(self.factors)])
        sections = unique_ids("sectie", [(("secties", i, "id"), section.id) for i, section in enumerate(self.sections)])
        unique_ids("item", [(("items", i, "id"), item.id) for i, item in enumerate(self.items)])
        unique_ids(
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
