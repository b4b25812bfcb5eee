"""One respondent's answers in one evaluation round, as a pydantic model.

Attribute names are English; the keys in the file are Dutch (people open
session files in an editor), given as aliases. Every model keeps keys it does
not know (``extra="allow"``), so a file from a newer version or a hand edit
survives a load and a save. Text fields are cleaned of control characters
and terminal escapes as they are loaded.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Iterable
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from .scale import NOT_APPLICABLE
from .textsafe import clean_line, clean_text
from .toml.messages import LocatedValueError, show_value, validation_reasons

FORMAT_VERSION = 1
"""The session file format this version of samenwerk writes."""


ACTION_STATUSES = ("open", "bezig", "gedaan", "vervallen")
ActionStatus = Literal["open", "bezig", "gedaan", "vervallen"]

MAX_TEXT = 20_000
"""Characters in a note, log text or other multi-line text (after cleaning)."""
MAX_LINE = 200
"""Characters in a required one-line field: an action's text, a round label, an organisation."""
MAX_SLUG = 60
"""Characters in the collaboration's short name used in file names."""

Line = Annotated[str, AfterValidator(clean_line)]
RequiredLine = Annotated[str, AfterValidator(clean_line), Field(min_length=1, max_length=MAX_LINE)]
Text = Annotated[str, AfterValidator(clean_text), Field(max_length=MAX_TEXT)]
Holder = TypeVar("Holder")
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=MAX_SLUG)]


def _no_datetime(value: Any) -> Any:
    # TOML has dates and datetimes; pydantic would accept a datetime with
    # midnight as a date and silently drop anything else.
    if isinstance(value, dt.datetime):
        raise ValueError("moet een datum zonder tijd zijn, zoals 2026-11-28")
    if isinstance(value, (int, float)):
        # pydantic would read a number as a Unix timestamp.
        raise ValueError(f"moet een datum zijn, zoals 2026-11-28 (gevonden: {value!r})")
    return value


Date = Annotated[dt.date, BeforeValidator(_no_datetime)]


def _check_score(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    if isinstance(value, str) and value.strip().lower() == NOT_APPLICABLE:
        return NOT_APPLICABLE
    raise ValueError(f'score moet 1 t/m 5 of "nvt" zijn (gevonden: {show_value(value)})')


Score = Annotated[int | str | None, BeforeValidator(_check_score)]
"""1–5, ``"nvt"`` (not applicable) or ``None`` (not answered)."""


class _Record(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        validate_assignment=True,
    )

    # A compact pickled form for the load cache: a tuple instead of pydantic's
    # dict of four entries, and one call to rebuild. A second start unpickles
    # some 90 of these per file, so this is a quarter of reading the cache.
    # No model here has private attributes, the fourth part of pydantic's state.

    def __getstate__(self) -> tuple[dict[str, Any], dict[str, Any] | None, set[str]]:  # type: ignore[override]
        return (self.__dict__, self.__pydantic_extra__, self.__pydantic_fields_set__)

    def __setstate__(self, state: Any) -> None:
        fields, extra, fields_set = state
        _set_attribute(self, "__dict__", fields)
        _set_attribute(self, "__pydantic_extra__", extra)
        _set_attribute(self, "__pydantic_fields_set__", fields_set)
        _set_attribute(self, "__pydantic_private__", None)


_set_attribute = object.__setattr__


class Answer(_Record):
    """A respondent's answer to one question: a score and/or a note."""

    score: Score = None
    note: Text = Field(default="", alias="notitie")

    @property
    def is_empty(self) -> bool:
        return self.score is None and not self.note and not self.model_extra


class ItemNote(_Record):
    note: Text = Field(default="", alias="notitie")


class LogEntry(_Record):
    """A dated monitoring or evaluation note."""

    date: Date = Field(alias="datum")
    text: Text = Field(alias="tekst")
    author: Line = Field(default="", alias="auteur")


class Action(_Record):
    """An agreed action: what, who, by when, and how far it is."""

    what: RequiredLine = Field(alias="wat")
    who: Line = Field(default="", alias="wie")
    due: Date | None = Field(default=None, alias="deadline")
    status: ActionStatus = "open"
    item: Line = ""
    """The checklist item the action belongs to, if any."""
    created: Date | None = Field(default=None, alias="aangemaakt")
    round: Line = Field(default="", alias="ronde")
    """The label of the round in which the action was agreed."""
    note: Text = Field(default="", alias="notitie")

    def is_open(self) -> bool:
        return self.status in ("open", "bezig")

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open() and self.due is not None and self.due < today


def new_action_id() -> str:
    return "a-" + uuid.uuid4().hex[:8]


class Collaboration(_Record):
    name: RequiredLine = Field(alias="naam")
    slug: Slug


class Round(_Record):
    label: RequiredLine
    date: Date = Field(alias="datum")


class Respondent(_Record):
    organisation: RequiredLine = Field(alias="organisatie")
    role: Line = Field(default="", alias="rol")
    name: Line = Field(default="", alias="naam")
    """A person's name is optional (and left out of anonymous copies)."""

    @property
    def key(self) -> str:
        """Who this respondent is across rounds, files and partners.

        The one definition used by the analysis, the dashboard and import:
        organisation and role, compared after Unicode normalisation (NFKC, so
        NFC and NFD spellings and full-width letters are one), ignoring case and
        runs of white space. "Politie Oost" and "politie  oost" are one
        respondent; "PolitieOost" is another, as its file name is.
        """
        return f"{fold_text(self.organisation)}|{fold_text(self.role)}"


def fold_text(text: str) -> str:
    """Text compared as people read it: NFKC, case-insensitive, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


class ContentReference(_Record):
    """Which checklist the answers were given against."""

    id: RequiredLine
    version: RequiredLine = Field(alias="versie")


class Session(_Record):
    """One TOML file: one respondent, one round, one collaboration."""

    # Strict: "2", 2.0 or true must not pass for a version this samenwerk can write.
    format: int = Field(default=FORMAT_VERSION, alias="formaat", ge=1, strict=True)
    collaboration: Collaboration = Field(alias="samenwerking")
    round: Round = Field(alias="ronde")
    phase: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=40)] = Field(alias="fase")
    respondent: Respondent
    content: ContentReference | None = Field(default=None, alias="inhoud")
    created: Date = Field(alias="aangemaakt")
    updated: Date = Field(alias="bijgewerkt")
    answers: dict[str, Answer] = Field(default_factory=dict, alias="vragen")
    item_notes: dict[str, ItemNote] = Field(default_factory=dict, alias="items")
    log: list[LogEntry] = Field(default_factory=list, alias="logboek")
    actions: dict[str, Action] = Field(default_factory=dict, alias="acties")

    @field_validator("answers", mode="after")
    @classmethod
    def _drop_empty_answers(cls, value: dict[str, Answer]) -> dict[str, Answer]:
        # An empty question table is the same as no table: the file lists
        # every question so people can fill it in with an editor.
        return {key: answer for key, answer in value.items() if not answer.is_empty}

    @field_validator("answers", "item_notes", "actions", mode="after")
    @classmethod
    def _valid_keys(cls, value: dict[str, Any]) -> dict[str, Any]:
        if all(map(_KEY.fullmatch, value)):  # The usual case, without a Python loop.
            return value
        for key in value:
            if not _KEY.fullmatch(key):
                raise LocatedValueError(f"ongeldige sleutel {clean_line(key)[:40]!r}: gebruik letters, cijfers, '.', '-' en '_'", (key,))
        return value

    def answer(self, question_id: str) -> Answer:
        return self.answers.get(question_id) or Answer()

    def score(self, question_id: str) -> int | str | None:
        answer = self.answers.get(question_id)
        return answer.score if answer else None

    def answered_count(self, question_ids: list[str] | None = None) -> int:
        ids = question_ids if question_ids is not None else list(self.answers)
        return sum(1 for qid in ids if self.score(qid) is not None)

    def title(self) -> str:
        who = self.respondent.organisation
        if self.respondent.role:
            who += f" ({self.respondent.role})"
        return f"{self.collaboration.name} · {self.round.label} · {who}"


_KEY = re.compile(r"[A-Za-z0-9_.-]{1,60}")


def check_field(model: type[BaseModel], field: str, value: Any) -> str | None:
    """Why ``value`` cannot go into ``field`` of ``model``, in Dutch; None when it can.

    Exactly the check the loader makes when it reads the field from a file
    (length after cleaning, required, pattern, choices), so an editor that
    accepts only what this accepts never makes samenwerk write a file it
    then refuses. ``field`` is the attribute name (``"what"``) or the key in
    the file (``"wat"``). For example::

        check_field(Action, "what", "x" * 250)  # 'is te lang (hoogstens 200 tekens)'
        check_field(Answer, "note", "Besproken in de stuurgroep.")  # None

    The reason has no field name in front, so the editor can show it beside
    its own label. The whole file has a limit too (``toml.read.MAX_FILE_SIZE``):
    many long notes together are refused by the save, with
    :class:`~samenwerk_tui.store.NotWritableError`.
    """
    name = next((key for key, info in model.model_fields.items() if field in (key, info.alias)), None)
    if name is None:
        raise KeyError(f"{model.__name__} has no field {field!r}")
    try:
        model.__pydantic_validator__.validate_assignment(model.model_construct(), name, value)
    except ValidationError as error:
        return validation_reasons(error, limit=1, located=False)
    return None


def action_version_order(session: Session) -> tuple[dt.date, str, dt.date, str]:
    """How new a file's version of the actions it holds is; the highest wins.

    Actions are carried over from round to round under the same id, so one
    action is in many files. The one rule, used by the analysis, the reports
    and the dashboard's action list: the newest round (its date, then its
    label), then the most recently updated file, then the respondent, so the
    order in which files are read never matters.
    """
    return (session.round.date, fold_text(session.round.label), session.updated, session.respondent.key)


def latest_actions(holders: Iterable[tuple[Holder, Session]]) -> dict[str, tuple[Holder, Action]]:
    """Every action once, from the holder whose file has its latest version (:func:`action_version_order`).

    On an exact tie the holder given last wins (the dashboard passes the open file last).
    """
    latest: dict[str, tuple[tuple[dt.date, str, dt.date, str], Holder, Action]] = {}
    for holder, session in holders:
        order = action_version_order(session)
        for action_id, action in session.actions.items():
            known = latest.get(action_id)
            if known is None or order >= known[0]:
                latest[action_id] = (order, holder, action)
    return {action_id: (holder, action) for action_id, (_, holder, action) in latest.items()}


_FIELD_NAMES = {
    "notitie": "notitie",
    "score": "score",
    "wat": "wat",
    "wie": "wie",
    "deadline": "deadline",
    "status": "status",
    "item": "punt",
    "aangemaakt": "aangemaakt",
    "ronde": "ronde",
    "tekst": "tekst",
    "auteur": "auteur",
    "datum": "datum",
}
_TABLE_NAMES = {
    "samenwerking": "samenwerkingsverband",
    "ronde": "ronde",
    "respondent": "respondent",
    "inhoud": "inhoud",
}


def field_label(path: tuple[Any, ...]) -> str:
    """A Dutch description of a place in a session file.

    ``("vragen", "visie.3", "notitie")`` → ``vraag visie.3, notitie``;
    ``("acties", "a-1", "wie")`` → ``actie a-1, wie``;
    ``("logboek", 0, "tekst")`` → ``logboek nr. 1, tekst``.
    """
    if not path:
        return "bestand"
    head, rest = path[0], path[1:]
    if head == "vragen" and rest:
        base, rest = f"vraag {rest[0]}", rest[1:]
    elif head == "items" and rest:
        base, rest = f"punt {rest[0]}", rest[1:]
    elif head == "acties" and rest:
        base, rest = f"actie {rest[0]}", rest[1:]
    elif head == "logboek" and rest and isinstance(rest[0], int):
        base, rest = f"logboek nr. {rest[0] + 1}", rest[1:]
    else:
        base = _TABLE_NAMES.get(str(head), clean_line(str(head)))
    parts = [_FIELD_NAMES.get(str(part), clean_line(str(part))) for part in rest]
    return ", ".join([base, *parts])
