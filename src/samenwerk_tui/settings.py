"""Thresholds for bands and signals, from an optional file beside the sessions.

A collaboration may find a drop of half a point alarming or trivial; the
thresholds live in ``samenwerk-instellingen.toml`` so the stuurgroep can set
them once for everyone who opens the folder. Without the file the defaults
apply. The file is read as strictly as a session file: an unknown or broken
key is a located Dutch problem, not a silently ignored setting.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, ValidationError, model_validator

from .model import Line, RequiredLine, fold_text
from .store import SETTINGS_FILE
from .toml.messages import problems_from_validation
from .toml.read import FileProblem, Problem, read_toml


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
    """The form of collaboration, if known (a free text such as "ketensamenwerking")."""


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


def settings_path(folder: Path) -> Path:
    return Path(folder) / SETTINGS_FILE


def load_settings(folder: Path) -> Settings:
    """The settings in ``folder``, or the defaults when there is no settings file.

    Raises :class:`FileProblem` with located Dutch problems when the file is
    there but cannot be used: a broken file must not fall back to defaults
    unnoticed.
    """
    path = settings_path(folder)
    if not path.exists():
        return Settings()
    document = read_toml(path)
    try:
        return Settings.model_validate(document.table)
    except ValidationError as error:
        raise FileProblem(problems_from_validation(path, document.text, error)) from None


DEFAULTS_USED = "deze instelling is genegeerd; de standaardwaarde geldt"


@dataclass(frozen=True)
class SettingsLoad:
    """The settings to use and what was wrong with the file, if anything."""

    settings: Settings
    problems: list[Problem] = field(default_factory=list)


def read_settings(folder: Path) -> SettingsLoad:
    """Like :func:`load_settings`, but a broken file never stops the work.

    What cannot be used falls back to its default and becomes a located Dutch
    problem that says so; the settings that are fine still apply. A file that
    cannot be read or parsed at all gives the defaults altogether.
    """
    path = settings_path(folder)
    if not path.exists():
        return SettingsLoad(Settings())
    try:
        document = read_toml(path)
    except FileProblem as error:
        return SettingsLoad(Settings(), [_with_default(problem, everything=True) for problem in error.problems])
    table: Any = copy.deepcopy(document.table)
    problems: list[Problem] = []
    for _ in range(10):
        try:
            return SettingsLoad(Settings.model_validate(table), problems)
        except ValidationError as error:
            problems.extend(_with_default(problem) for problem in problems_from_validation(path, document.text, error))
            for detail in error.errors(include_url=False):
                loc = tuple(detail["loc"])
                # A broken tick drops that element of the tick list, not just the broken key.
                table = _without(table, loc[:2] if loc[:1] == ("convenant",) else loc)
    return SettingsLoad(Settings(), problems)  # pragma: no cover - every round removes what failed


def _without(table: Any, loc: tuple[Any, ...]) -> Any:
    """``table`` without the key at ``loc`` (the whole table for an empty ``loc``)."""
    if not loc or not isinstance(table, dict):
        return {}
    head, rest = loc[0], loc[1:]
    if head not in table:
        return table
    value = table[head]
    if rest and isinstance(value, list) and isinstance(rest[0], int) and 0 <= rest[0] < len(value):
        # One broken entry of a list (a participant) drops that entry, not the list.
        return {**table, head: [entry for index, entry in enumerate(value) if index != rest[0]]}
    if not rest or not isinstance(value, dict):
        return {key: value for key, value in table.items() if key != head}
    return {**table, head: _without(value, rest)}


def _with_default(problem: Problem, everything: bool = False) -> Problem:
    if everything:
        suffix = "de standaardinstellingen gelden"
    elif problem.message.endswith("onbekend veld"):
        suffix = "deze regel is genegeerd"
    else:
        suffix = DEFAULTS_USED
    return Problem(problem.path, problem.line, problem.column, f"{problem.message}; {suffix}")


PARTICIPANTS_COMMENT = "De partners die elke ronde een sessiebestand krijgen: organisatie en contactrol."


def update_settings_file(
    folder: Path,
    *,
    participants: Iterable[Participant] | None = None,
    collaboration: CollaborationInfo | None = None,
) -> Settings:
    """Write the participant list (and the collaboration's name, phase and form) into the settings file.

    Everything else in the file stays as it was, comments included: the
    file is edited in place (tomlkit), not rewritten from the model. Without
    a file, the commented defaults are the start. What is written is read
    back and validated first, and the file is replaced atomically; a file
    changed by someone else in the meantime is not overwritten
    (:class:`store.ConflictError`). Raises :class:`FileProblem` when the
    existing file cannot be parsed, so that nothing in it is lost.
    """
    import tomlkit

    from .store import ConflictError, atomic_write, current_digest
    from .toml.read import parse_toml_bytes

    path = settings_path(folder)
    if path.exists():
        document = read_toml(path)
        digest: str | None = document.digest
        toml_document = tomlkit.parse(document.text)
    else:
        digest = None
        toml_document = tomlkit.parse(settings_toml())
    if collaboration is not None:
        table = toml_document.get("samenwerking")
        if not isinstance(table, dict):
            table = tomlkit.table()
            toml_document["samenwerking"] = table
        for key, value in (("naam", collaboration.name), ("fase", collaboration.phase), ("vorm", collaboration.form)):
            if value:
                table[key] = value
            elif key in table:
                del table[key]
    if participants is not None:
        entries = tomlkit.aot()
        for participant in participants:
            entry = tomlkit.table()
            entry["organisatie"] = participant.organisation
            if participant.role:
                entry["rol"] = participant.role
            entries.append(entry)
        if "deelnemers" in toml_document:
            toml_document["deelnemers"] = entries
        elif len(entries):
            toml_document.add(tomlkit.nl())
            toml_document.add(tomlkit.comment(PARTICIPANTS_COMMENT))
            toml_document.add("deelnemers", entries)
    data = tomlkit.dumps(toml_document).encode("utf-8")
    written = parse_toml_bytes(path, data)
    try:
        settings = Settings.model_validate(written.table)
    except ValidationError as error:
        raise FileProblem(problems_from_validation(path, written.text, error)) from None
    if current_digest(path) != digest:
        raise ConflictError(path)
    Path(folder).mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)
    return settings


def _toml_number(value: float) -> str:
    return repr(float(value))


def settings_toml(settings: Settings | None = None) -> str:
    """A commented settings file with ``settings`` (default: the defaults) filled in."""
    settings = settings or Settings()
    return f"""\
# Instellingen van samenwerk voor de sessiebestanden in deze map.
# Verwijder een regel om de standaardwaarde te gebruiken. Scores lopen van
# 1 (helemaal niet op orde) tot 5 (volledig op orde); een gemiddelde is het
# gemiddelde over de respondenten, die elk één keer meetellen.

[banden]
# Een gemiddelde vanaf "sterk" heet sterk (standaard 4.0).
sterk = {_toml_number(settings.band_strong)}
# Vanaf "aandacht" tot "sterk" heet het aandacht, daaronder zorg (standaard 3.0).
aandacht = {_toml_number(settings.band_attention)}

[signalen]
# Achteruitgang: een item, succesfactor of fase daalt minstens zoveel
# ten opzichte van de vorige ronde waarin het gemeten is (standaard 0.5).
achteruitgang = {_toml_number(settings.drop_threshold)}
# Hetzelfde voor een losse vraag; die rust op minder antwoorden (standaard 1.0).
achteruitgang_vraag = {_toml_number(settings.question_drop_threshold)}
# Dalende of stijgende trend: zoveel keer op rij gedaald of gestegen
# (standaard 3) ...
trend_stappen = {settings.trend_steps}
# ... en bij elkaar minstens zoveel (standaard 0.5).
trend_totaal = {_toml_number(settings.trend_total)}
# Verschil van inzicht: het hoogste en laagste gemiddelde van de respondenten
# liggen minstens zoveel uit elkaar (standaard 1.5).
verschil_van_inzicht = {_toml_number(settings.divergence_threshold)}

[anoniem]
# Een anoniem rapport (samenwerk rapport --anoniem) toont cijfers per partner
# alleen als er minstens zoveel respondenten achter staan, anders alleen de
# totalen (standaard 3).
minimum_respondenten = {settings.anonymity.min_respondents}
"""
