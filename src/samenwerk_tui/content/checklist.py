"""The content as the app uses it (:class:`Checklist`), and how it is loaded.

The built-in content ships inside this package (``checklist.toml``,
``kennis.toml``, ``advies.toml`` beside these modules) and is read with
:mod:`importlib.resources`; ``--content DIR`` reads a folder with the same
files instead, so a collaboration can adapt the questions.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from functools import cached_property
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..toml.messages import problems_from_validation
from ..toml.read import FileProblem, Problem, parse_toml_bytes, read_toml
from .advice_file import Advice, Form
from .checklist_file import ChecklistFile, Factor, Item, Phase, Question, Section
from .knowledge_file import KnowledgeBase

CHECKLIST_FILE = "checklist.toml"
KNOWLEDGE_FILE = "kennis.toml"
ADVICE_FILE = "advies.toml"
"""Optional in a custom content folder: without it the built-in advice applies."""


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
    builtin = _builtin_folder()
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
    folder = _builtin_folder()
    return {name: folder.joinpath(name).read_bytes() for name in (CHECKLIST_FILE, KNOWLEDGE_FILE, ADVICE_FILE)}


def _builtin_folder() -> Traversable:
    """The folder the built-in content files ship in: this package's own."""
    return importlib.resources.files(__package__)
