"""One round in figures: per question, item, factor and phase the mean, n, lowest, highest, spread and band.

Every respondent counts once in a mean, however many questions they answered,
so a partner that fills in everything does not outweigh one that answers only
what it knows. :func:`build_round` makes a round from its files: the latest
file of each respondent counts. Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, overload

from ..content import Checklist
from ..model import Session, fold_text
from ..settings import Settings
from ..store import LoadedSession, is_kept_copy
from .kinds import ATTENTION, CONCERN, STRONG, Band

Level = Literal["phase", "factor", "item", "question"]
LEVELS: tuple[Level, ...] = ("phase", "factor", "item", "question")
"""From broad to narrow; signals of the same severity and size list in this order."""
LEVEL_NAMES: dict[Level, str] = {"phase": "fase", "factor": "succesfactor", "item": "item", "question": "vraag"}

DECIMALS = 9
"""Means and differences are rounded to this many decimals, so 3.5 → 3.0 is a fall of exactly 0.5."""


def tidy(value: float) -> float:
    return round(value, DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0


@overload
def band_of(mean: float, settings: Settings) -> Band: ...
@overload
def band_of(mean: None, settings: Settings) -> None: ...
@overload
def band_of(mean: float | None, settings: Settings) -> Band | None: ...
def band_of(mean: float | None, settings: Settings) -> Band | None:
    if mean is None:
        return None
    if mean >= settings.band_strong:
        return STRONG
    if mean >= settings.band_attention:
        return ATTENTION
    return CONCERN


# --- respondents -------------------------------------------------------------


@dataclass(frozen=True)
class RespondentInfo:
    key: str
    organisation: str
    role: str

    @property
    def label(self) -> str:
        return f"{self.organisation} ({self.role})" if self.role else self.organisation

    @classmethod
    def of(cls, session: Session) -> RespondentInfo:
        respondent = session.respondent
        return cls(respondent.key, respondent.organisation, respondent.role)


# --- figures -------------------------------------------------------------------


@dataclass(frozen=True)
class Stat:
    """One question, item, factor or phase in one round."""

    mean: float | None
    """Mean over respondents of each respondent's own mean; None without any score."""
    n: int
    """How many scores (1–5) the mean rests on, over all respondents."""
    respondents: int
    """How many respondents gave at least one score."""
    minimum: float | None
    maximum: float | None
    spread: float | None
    """Highest minus lowest respondent mean; 0 with one respondent."""
    band: Band | None
    by_respondent: dict[str, float] = field(default_factory=dict)
    """Each respondent's own mean, by respondent key."""
    questions: int = 0
    """How many different questions have at least one score."""

    @property
    def measured(self) -> bool:
        return self.mean is not None

    @property
    def single_answer(self) -> bool:
        """The mean is one person's one score: show it, but do not lean on it."""
        return self.n == 1

    @property
    def single_question(self) -> bool:
        """The mean rests on one question, however many answered it."""
        return self.questions == 1


EMPTY = Stat(mean=None, n=0, respondents=0, minimum=None, maximum=None, spread=None, band=None)


def score_tables(sessions: dict[str, Session]) -> dict[str, dict[str, int]]:
    """Each respondent's scores (1–5 only) by question id: looked up for every scope of a round."""
    return {
        key: {qid: answer.score for qid, answer in session.answers.items() if isinstance(answer.score, int)}
        for key, session in sessions.items()
    }


def compute_stat(
    question_ids: Iterable[str],
    sessions: dict[str, Session],
    settings: Settings,
    tables: dict[str, dict[str, int]] | None = None,
) -> Stat:
    """The :class:`Stat` of the questions ``question_ids`` over ``sessions`` (by respondent key).

    ``tables`` is :func:`score_tables` of ``sessions``, when the caller has it already.
    """
    scope = list(question_ids)
    if tables is None:
        tables = score_tables(sessions)
    by_respondent: dict[str, float] = {}
    n = 0
    scored_questions: set[str] = set()
    for key in sorted(sessions):
        table = tables[key]
        scores = [score for qid in scope if (score := table.get(qid)) is not None]
        if scores:
            by_respondent[key] = tidy(sum(scores) / len(scores))
            n += len(scores)
            scored_questions.update(qid for qid in scope if qid in table)
    if not by_respondent:
        return EMPTY
    values = list(by_respondent.values())
    mean = tidy(sum(values) / len(values))
    low, high = min(values), max(values)
    return Stat(
        mean=mean,
        n=n,
        respondents=len(values),
        minimum=low,
        maximum=high,
        spread=tidy(high - low),
        band=band_of(mean, settings),
        by_respondent=by_respondent,
        questions=len(scored_questions),
    )


def scopes(content: Checklist) -> dict[Level, dict[str, list[str]]]:
    """The question ids behind every phase, factor, item and question, in content order."""
    factors: dict[str, list[str]] = {}
    phases: dict[str, list[str]] = {}
    for phase in content.checklist.phases:
        phases[phase.id] = [question.id for question in content.questions_of_phase(phase.id)]
        for factor in content.factors_of_phase(phase.id):
            factors[factor.id] = [question.id for question in content.questions_of_factor(factor.id)]
    return {
        "phase": phases,
        "factor": factors,
        "item": {item.id: [question.id for question in item.questions] for item in content.checklist.items},
        "question": {question_id: [question_id] for question_id in content.questions},
    }


def items_in_scope(content: Checklist, level: Level, id: str) -> list[str]:
    """The items whose notes can explain a signal on ``level``/``id``, in content order."""
    if level == "question":
        return [content.item_of_question[id].id] if id in content.item_of_question else []
    if level == "item":
        return [id] if id in content.items else []
    if level == "factor":
        return [item.id for item in content.items_of_factor(id)]
    wanted = {item.id for factor in content.factors_of_phase(id) for item in content.items_of_factor(factor.id)}
    return [item_id for item_id in content.items if item_id in wanted]


@dataclass
class RoundResult:
    """One round of one collaboration: who answered and every :class:`Stat`."""

    label: str
    date: dt.date
    respondents: dict[str, RespondentInfo]
    sessions: dict[str, Session]
    """The session that counts for each respondent (by key)."""
    questions: dict[str, Stat]
    items: dict[str, Stat]
    factors: dict[str, Stat]
    phases: dict[str, Stat]
    declared_phase: str | None = None
    """The lifecycle phase most respondents said the collaboration is in."""

    def stats(self, level: Level) -> dict[str, Stat]:
        return {"phase": self.phases, "factor": self.factors, "item": self.items, "question": self.questions}[level]

    def stat(self, level: Level, id: str) -> Stat:
        return self.stats(level).get(id, EMPTY)

    def scores_by_organisation(self) -> dict[str, tuple[int, int]]:
        """Per organisation: (respondents, scores given on checklist questions), in name order."""
        names: dict[str, str] = {}
        counts: dict[str, list[int]] = {}
        for key, info in self.respondents.items():
            session = self.sessions[key]
            folded = fold_text(info.organisation)
            names.setdefault(folded, info.organisation)
            entry = counts.setdefault(folded, [0, 0])
            entry[0] += 1
            entry[1] += sum(1 for question_id in self.questions if isinstance(session.score(question_id), int))
        return {names[folded]: (entry[0], entry[1]) for folded, entry in sorted(counts.items())}


# --- a round from its files ------------------------------------------------------


@dataclass(frozen=True)
class SessionFile:
    """A session and the file it was read from (None when handed over without one)."""

    session: Session
    path: Path | None

    def priority(self) -> tuple[bool, dt.date, str, str]:
        # The respondent's own file wins over a copy kept beside it; then the
        # latest update; then the later file name; then, without paths, the
        # content itself, so the input order never matters.
        return (not is_kept_copy(self.path), self.session.updated, str(self.path or ""), self.session.model_dump_json())

    def describe(self) -> str:
        updated = f"bijgewerkt {self.session.updated.isoformat()}"
        return f"{self.path.name} ({updated})" if self.path is not None else updated


def session_files(sessions: Iterable[Session | LoadedSession]) -> list[SessionFile]:
    return [SessionFile(entry.session, entry.path) if isinstance(entry, LoadedSession) else SessionFile(entry, None) for entry in sessions]


def _most_common(values: Iterable[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], value))


def build_round(
    entries: list[SessionFile], all_scopes: dict[Level, dict[str, list[str]]], settings: Settings, notices: list[str]
) -> RoundResult:
    """The round of ``entries`` (files of one round label): the latest file of each respondent counts.

    What was resolved on the way (duplicate files, differing dates) is added to ``notices`` in Dutch.
    """
    labels = [entry.session.round.label for entry in entries]
    label = _most_common(labels)
    by_respondent: dict[str, list[SessionFile]] = {}
    for entry in entries:
        by_respondent.setdefault(entry.session.respondent.key, []).append(entry)
    chosen: dict[str, Session] = {}
    for key in sorted(by_respondent):
        candidates = by_respondent[key]
        if len(candidates) > 1:
            candidates = sorted(candidates, key=SessionFile.priority)
        winner = candidates[-1]
        chosen[key] = winner.session
        if len(candidates) > 1:
            ignored = ", ".join(entry.describe() for entry in reversed(candidates[:-1]))
            notices.append(
                f"Ronde {label}: {RespondentInfo.of(winner.session).label} komt {len(candidates)} keer voor; "
                f"alleen het laatst bijgewerkte bestand telt mee: {winner.describe()}; genegeerd: {ignored}."
            )
    dates = Counter(session.round.date for session in chosen.values())
    date = min(dates, key=lambda value: (-dates[value], value))
    if len(dates) > 1:
        shown = ", ".join(value.isoformat() for value in sorted(dates))
        notices.append(f"Ronde {label}: de bestanden noemen verschillende datums ({shown}); gebruikt: {date.isoformat()}.")
    tables = score_tables(chosen)
    stats = {
        level: {id: compute_stat(question_ids, chosen, settings, tables) for id, question_ids in all_scopes[level].items()}
        for level in LEVELS
    }
    phases = Counter(session.phase for session in chosen.values())
    declared = min(phases, key=lambda value: (-phases[value], value)) if phases else None
    return RoundResult(
        label=label,
        date=date,
        respondents={key: RespondentInfo.of(session) for key, session in chosen.items()},
        sessions=chosen,
        questions=stats["question"],
        items=stats["item"],
        factors=stats["factor"],
        phases=stats["phase"],
        declared_phase=declared,
    )


def round_key(label: str) -> str:
    """Round labels that differ only in case and spacing are one round."""
    return " ".join(label.split()).casefold()


# --- sparklines --------------------------------------------------------------

SPARK_CHARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None], low: float = 1, high: float = 5, gap: str = "·") -> str:
    """One character per value, ``low`` as ▁ and ``high`` as █; ``gap`` where nothing was measured."""
    span = high - low
    characters = []
    for value in values:
        if value is None:
            characters.append(gap)
            continue
        fraction = (value - low) / span if span > 0 else 0.0
        index = round(min(max(fraction, 0.0), 1.0) * (len(SPARK_CHARS) - 1))
        characters.append(SPARK_CHARS[index])
    return "".join(characters)
