"""What ``samenwerk-instellingen.toml`` may hold: one strict pydantic model per table.

Thresholds for bands and signals (``[banden]``, ``[signalen]``, ``[anoniem]``)
and what the collaboration said about itself (``[[deelnemers]]``,
``[samenwerking]``, ``[samenwerkingsvorm]``, ``[convenant.…]``). An unknown
or broken key is a located Dutch problem, not a silently ignored setting.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, model_validator

from ..model import Line, RequiredLine, fold_text


def _number(value: Any) -> Any:
    # pydantic would accept the text "4" or true as a number; in a
    # hand-edited file those are mistakes worth naming.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"moet een getal zijn, zoals 0.5 (gevonden: {_show(value)})")
    if not math.isfinite(value):
        raise ValueError("moet een eindig getal zijn")
    return value


def _whole_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"moet een geheel getal zijn, zoals 3 (gevonden: {_show(value)})")
    return value


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _score_level(value: float) -> float:
    if not 1 <= value <= 5:
        raise ValueError(f"moet tussen 1 en 5 liggen (gevonden: {value})")
    return value


def _positive(value: float) -> float:
    if value <= 0:
        raise ValueError(f"moet groter zijn dan 0 (gevonden: {value})")
    return value


def _at_least_one(value: int) -> int:
    if value < 1:
        raise ValueError(f"moet minstens 1 zijn (gevonden: {value})")
    return value


ScoreLevel = Annotated[float, BeforeValidator(_number), AfterValidator(_score_level)]
Threshold = Annotated[float, BeforeValidator(_number), AfterValidator(_positive)]
Steps = Annotated[int, BeforeValidator(_whole_number), AfterValidator(_at_least_one)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_by_alias=True, validate_by_name=True)


class Bands(_Strict):
    """Where a mean score counts as strong, as needing attention, or as a concern."""

    strong: ScoreLevel = Field(default=4.0, alias="sterk")
    """A mean at or above this is "sterk"."""
    attention: ScoreLevel = Field(default=3.0, alias="aandacht")
    """A mean from here up to ``strong`` is "aandacht"; below it, "zorg"."""

    @model_validator(mode="after")
    def _attention_below_strong(self) -> Bands:
        if not self.attention < self.strong:
            raise ValueError(f"aandacht ({self.attention}) moet lager zijn dan sterk ({self.strong})")
        return self


class Signals(_Strict):
    """When a change between rounds, or a difference between partners, is worth a signal."""

    drop: Threshold = Field(default=0.5, alias="achteruitgang")
    """A fall of at least this much for an item, factor or phase is "achteruitgang"."""
    question_drop: Threshold = Field(default=1.0, alias="achteruitgang_vraag")
    """The same for a single question, which rests on few answers and moves more."""
    trend_steps: Steps = Field(default=3, alias="trend_stappen")
    """This many falls (or rises) in a row make a trend."""
    trend_total: Threshold = Field(default=0.5, alias="trend_totaal")
    """A trend must add up to at least this much."""
    divergence: Threshold = Field(default=1.5, alias="verschil_van_inzicht")
    """A spread between respondents of at least this much is "verschil van inzicht"."""


class Anonymity(_Strict):
    """How an anonymous report (``rapport --anoniem``) keeps respondents unrecognisable (table ``[anoniem]``)."""

    min_respondents: Steps = Field(default=3, alias="minimum_respondenten")
    """Figures per partner only where at least this many respondents stand behind them; otherwise only totals."""


class Participant(_Strict):
    """A partner organisation that takes part in every round (table ``[[deelnemers]]``)."""

    organisation: RequiredLine = Field(alias="organisatie")
    """The organisation, as its respondent writes it in a session file."""
    role: Line = Field(default="", alias="rol")
    """The contact role that answers for the organisation."""

    @property
    def key(self) -> str:
        """The same identity as :attr:`samenwerk_tui.model.Respondent.key`."""
        return f"{fold_text(self.organisation)}|{fold_text(self.role)}"


class CollaborationInfo(_Strict):
    """What the coordinator said about the collaboration when setting it up (table ``[samenwerking]``)."""

    name: Line = Field(default="", alias="naam")
    phase: Line = Field(default="", alias="fase")
    """The phase the first round was started in: "begin" or "onderweg"."""
    form: Line = Field(default="", alias="vorm")
    """A free text ("ketensamenwerking") that earlier versions wrote at set-up; never written now.

    Kept as the user wrote it, and shown where the form is shown while
    :class:`CollaborationForm` (``[samenwerkingsvorm]``) is not chosen.
    """


FormId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=40)]


class CollaborationForm(_Strict):
    """How the partners work together (chapter 3 of the publication; table ``[samenwerkingsvorm]``).

    Ids are those of ``advies.toml`` (``[[vormen]]``); the settings do not
    know the content, so an unknown id is reported where the form is shown.
    """

    variants: tuple[FormId, ...] = Field(default=(), alias="varianten")
    """The ways of working together of 3.1, often combined."""
    main: FormId | None = Field(default=None, alias="hoofdvorm")
    """The institutional main form of 3.2: ketensamenwerking or schaalvergroting."""
    forms: tuple[FormId, ...] = Field(default=(), alias="vormen")
    """Forms within the main form (casusoverleg, centrum-overheid …)."""

    @property
    def chosen(self) -> bool:
        return bool(self.variants or self.main or self.forms)


class ConvenantEntry(_Strict):
    """Whether the convenant settles one element, and where (table ``[convenant.<onderdeel>]``)."""

    settled: StrictBool = Field(alias="geregeld")
    article: Line = Field(default="", max_length=200, alias="artikel")
    """Where in the convenant: "artikel 2"."""
    date: dt.date | None = Field(default=None, alias="datum")
    """Since when (the date of signing or of the amendment)."""


class Settings(_Strict):
    """All thresholds; the flat properties are what the analysis reads."""

    bands: Bands = Field(default_factory=Bands, alias="banden")
    """The score bands (table ``[banden]``)."""
    signals: Signals = Field(default_factory=Signals, alias="signalen")
    """The signal thresholds (table ``[signalen]``)."""
    anonymity: Anonymity = Field(default_factory=Anonymity, alias="anoniem")
    """What an anonymous report may show (table ``[anoniem]``)."""
    participants: tuple[Participant, ...] = Field(default=(), alias="deelnemers")
    """The partners expected to answer every round; empty when the collaboration does not list them.

    Without a list, a round is expected from everyone who answered the round before.
    """
    collaboration: CollaborationInfo = Field(default_factory=CollaborationInfo, alias="samenwerking")
    """Name, phase and form of the collaboration, as set up in the dashboard; empty when not given."""
    form: CollaborationForm = Field(default_factory=CollaborationForm, alias="samenwerkingsvorm")
    """The collaboration's form (table ``[samenwerkingsvorm]``); written by :mod:`samenwerk_tui.advice_settings`."""
    convenant: dict[FormId, ConvenantEntry] = Field(default_factory=dict)
    """The convenant's tick list by element id of ``advies.toml`` (tables ``[convenant.<onderdeel>]``)."""

    @property
    def band_strong(self) -> float:
        return self.bands.strong

    @property
    def band_attention(self) -> float:
        return self.bands.attention

    @property
    def drop_threshold(self) -> float:
        return self.signals.drop

    @property
    def question_drop_threshold(self) -> float:
        return self.signals.question_drop

    @property
    def trend_steps(self) -> int:
        return self.signals.trend_steps

    @property
    def trend_total(self) -> float:
        return self.signals.trend_total

    @property
    def divergence_threshold(self) -> float:
        return self.signals.divergence
