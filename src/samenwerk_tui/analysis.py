"""Rounds, means, changes and signals: what the dashboard and the reports show.

Pure functions over loaded sessions, no I/O. A round is every respondent's
file for one collaboration and one round label. Every respondent counts once
in a mean, however many questions they answered, so a partner that fills in
everything does not outweigh one that answers only what it knows. Changes are
always measured against the previous round in which the same thing was
measured, so a skipped item is compared with its own last measurement and not
with nothing, and only over the respondents who measured it in both rounds (a
paired comparison), so a partner who joins, leaves or has not answered yet
does not move the figure. A round in which an expected partner has not
answered is *voorlopig* (see :class:`Completeness`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import pairwise
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal

from .content import Checklist
from .model import Action, Session, fold_text, latest_actions
from .settings import Settings
from .store import LoadedSession, is_kept_copy

Level = Literal["phase", "factor", "item", "question"]
LEVELS: tuple[Level, ...] = ("phase", "factor", "item", "question")
"""From broad to narrow; signals of the same severity and size list in this order."""
LEVEL_NAMES: dict[Level, str] = {"phase": "fase", "factor": "succesfactor", "item": "item", "question": "vraag"}

STRONG, ATTENTION, CONCERN = "sterk", "aandacht", "zorg"
BANDS = (CONCERN, ATTENTION, STRONG)
"""From low to high."""

DROP = "achteruitgang"
LOWER_BAND = "naar lagere band"
FALLING = "dalende trend"
RISE = "vooruitgang"
HIGHER_BAND = "naar hogere band"
RISING = "stijgende trend"
STABLE = "stabiel"
FIRST = "eerste meting"
DIVERGENCE = "verschil van inzicht"
NOT_COMPARABLE = "niet vergelijkbaar"
"""Measured in both rounds, but by no respondent in both: a paired comparison has nothing to compare."""
FLAG_ORDER = (DROP, LOWER_BAND, FALLING, RISE, HIGHER_BAND, RISING, STABLE, FIRST, NOT_COMPARABLE, DIVERGENCE)
FALL_FLAGS = frozenset({DROP, LOWER_BAND, FALLING})
RISE_FLAGS = frozenset({RISE, HIGHER_BAND, RISING})

SignalKind = Literal["regression", "divergence", "progress"]
SIGNAL_KINDS: tuple[SignalKind, ...] = ("regression", "divergence", "progress")
SIGNAL_KIND_NAMES: dict[SignalKind, str] = {
    "regression": "achteruitgang",
    "divergence": "verschil van inzicht",
    "progress": "vooruitgang",
}

_DECIMALS = 9
"""Means and differences are rounded to this many decimals, so 3.5 → 3.0 is a fall of exactly 0.5."""


def _tidy(value: float) -> float:
    return round(value, _DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0


def ordered_flags(flags: Iterable[str]) -> list[str]:
    """Flags in a fixed reading order: falls, rises, neither, divergence."""
    present = set(flags)
    return [flag for flag in FLAG_ORDER if flag in present]


def band_of(mean: float | None, settings: Settings) -> str | None:
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
    def of(cls, session: Session) -> "RespondentInfo":
        respondent = session.respondent
        return cls(respondent.key, respondent.organisation, respondent.role)


# --- statistics --------------------------------------------------------------


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
    band: str | None
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


@dataclass(frozen=True)
class AnswerCounts:
    """How far one respondent got with a set of questions; nvt is an answer, not a gap."""

    scored: int
    not_applicable: int
    open: int

    @property
    def answered(self) -> int:
        return self.scored + self.not_applicable


def answer_counts(session: Session | None, question_ids: Iterable[str]) -> AnswerCounts:
    """Scores (1–5), nvt and open questions of ``session`` (None: nothing received) among ``question_ids``."""
    scored = not_applicable = unanswered = 0
    for question_id in question_ids:
        score = session.score(question_id) if session is not None else None
        if isinstance(score, int):
            scored += 1
        elif score is None:
            unanswered += 1
        else:
            not_applicable += 1
    return AnswerCounts(scored, not_applicable, unanswered)


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
            by_respondent[key] = _tidy(sum(scores) / len(scores))
            n += len(scores)
            scored_questions.update(qid for qid in scope if qid in table)
    if not by_respondent:
        return EMPTY
    values = list(by_respondent.values())
    mean = _tidy(sum(values) / len(values))
    low, high = min(values), max(values)
    return Stat(
        mean=mean,
        n=n,
        respondents=len(values),
        minimum=low,
        maximum=high,
        spread=_tidy(high - low),
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


# --- changes and signals -----------------------------------------------------


def _paired_means(current: Stat, previous: Stat) -> tuple[float, float]:
    """The means of ``current`` and ``previous`` over the respondents measured in both (at least one)."""
    keys = [key for key in current.by_respondent if key in previous.by_respondent]
    now = _tidy(sum(current.by_respondent[key] for key in keys) / len(keys))
    before = _tidy(sum(previous.by_respondent[key] for key in keys) / len(keys))
    return now, before


@dataclass(frozen=True)
class Change:
    """How a measurement compares with the previous measurement of the same thing."""

    level: Level
    id: str
    round_label: str
    """The round asked about."""
    measured_in: str | None
    """The round of the measurement described: ``round_label``, an earlier round
    when the thing was not measured in ``round_label``, or None if never measured."""
    mean: float | None
    previous: float | None
    delta: float | None
    compared_with: str | None
    """The label of the earlier round compared with."""
    flags: frozenset[str]
    trend: float | None = None
    """The total change over the trend window, when a trend is flagged."""
    paired_mean: float | None = None
    """The mean in ``measured_in`` over the paired respondents: what ``previous`` is compared with."""
    paired: tuple[str, ...] = ()
    """The respondents (keys) who measured it in both rounds: ``previous``, ``delta``, bands and trend rest on them."""
    composition_differs: bool = False
    """Someone measured it in only one of the two rounds, so the paired and the unpaired figures can differ."""
    unpaired_previous: float | None = None
    """The mean over everyone who measured it in the round compared with."""
    unpaired_delta: float | None = None
    """``mean`` − ``unpaired_previous``: the change when everyone who answered counts, paired or not."""

    @property
    def is_stale(self) -> bool:
        return self.measured_in is not None and self.measured_in != self.round_label

    @property
    def falling(self) -> bool:
        return bool(self.flags & FALL_FLAGS)

    @property
    def rising(self) -> bool:
        return bool(self.flags & RISE_FLAGS)

    @property
    def arrow(self) -> str:
        """▼ for a flagged fall, ▲ for a flagged rise, ● for stable, "" without comparison."""
        if self.falling:
            return "▼"
        if self.rising:
            return "▲"
        if STABLE in self.flags:
            return "●"
        return ""

    @property
    def ordered_flags(self) -> list[str]:
        return ordered_flags(self.flags)


@dataclass(frozen=True)
class Signal:
    kind: SignalKind
    level: Level
    id: str
    change: Change
    stat: Stat
    provisional: bool = False
    """The round is not complete: an expected partner has not answered yet."""

    @property
    def size(self) -> float:
        """What signals of the same severity are sorted by, largest first."""
        if self.kind == "divergence":
            return self.stat.spread or 0.0
        if self.change.flags & {DROP, RISE, LOWER_BAND, HIGHER_BAND}:
            return abs(self.change.delta or 0.0)
        return abs(self.change.trend or 0.0)

    @property
    def severity(self) -> int:
        """0 is most severe within a kind: a big fall into a lower band, then a big fall, a band, a trend."""
        if self.kind == "divergence":
            return 0
        big, band = (DROP, LOWER_BAND) if self.kind == "regression" else (RISE, HIGHER_BAND)
        if big in self.change.flags and band in self.change.flags:
            return 0
        if big in self.change.flags:
            return 1
        if band in self.change.flags:
            return 2
        return 3


# --- completeness ---------------------------------------------------------------

EXPECTED_LISTED = "deelnemers"
"""Who is expected: the partners listed in ``samenwerk-instellingen.toml``."""
EXPECTED_PREVIOUS = "vorige ronde"
"""Who is expected: everyone who answered the round before."""
EXPECTED_FIRST = "eerste ronde"
"""The first round without a list: whoever answered is everyone there is."""

RECEIVED = "ontvangen"
NOT_RECEIVED = "nog niet ontvangen"
NOTHING_ANSWERED = "nog niets ingevuld"


@dataclass(frozen=True)
class Participation:
    """One respondent in one round: expected or not, and how far they got."""

    respondent: RespondentInfo
    expected: bool
    """Listed as a participant, or (without a list) answered the previous round."""
    received: bool
    """There is a file of this respondent for this round."""
    counts: AnswerCounts

    @property
    def missing(self) -> bool:
        """Expected, and nothing to count yet: no file, or a file without a single answer."""
        return self.expected and self.counts.answered == 0

    @property
    def status(self) -> str:
        if not self.received:
            return NOT_RECEIVED
        if self.counts.answered == 0:
            return NOTHING_ANSWERED
        return RECEIVED


@dataclass(frozen=True)
class Completeness:
    """Who was expected in a round and who has answered: a round with someone missing is voorlopig."""

    round_label: str
    expected_from: str
    """:data:`EXPECTED_LISTED`, :data:`EXPECTED_PREVIOUS` or :data:`EXPECTED_FIRST`."""
    participations: list[Participation]

    @property
    def missing(self) -> list[RespondentInfo]:
        return [entry.respondent for entry in self.participations if entry.missing]

    @property
    def provisional(self) -> bool:
        return any(entry.missing for entry in self.participations)


@dataclass(frozen=True)
class TrackedAction:
    """An action as last seen: actions are carried over from round to round."""

    id: str
    action: Action
    round_label: str
    respondent: RespondentInfo


@dataclass(frozen=True)
class TimelineEntry:
    """A log entry, shown once, in the round where it first appeared."""

    date: dt.date
    text: str
    author: str
    round_label: str
    respondent: RespondentInfo


@dataclass(frozen=True)
class Note:
    """A respondent's note on a question or an item."""

    respondent: RespondentInfo
    level: Literal["item", "question"]
    id: str
    text: str


@dataclass
class History:
    """Every round of one collaboration, oldest first."""

    slug: str
    name: str
    rounds: list[RoundResult]
    content: Checklist
    settings: Settings
    notices: list[str] = field(default_factory=list)
    """Dutch notes on what was resolved while reading (duplicates, differing dates)."""

    def __post_init__(self) -> None:
        self._scopes = scopes(self.content)
        self._completeness: dict[int, Completeness] = {}
        self._log_by_round: dict[str, list[TimelineEntry]] | None = None

    @property
    def latest(self) -> RoundResult:
        return self.rounds[-1]

    def last_scored_round(self) -> int:
        """The index of the latest round with any score; a round just started has none yet."""
        for index in range(len(self.rounds) - 1, -1, -1):
            if any(stat.measured for stat in self.rounds[index].phases.values()):
                return index
        return len(self.rounds) - 1

    def _index(self, round_index: int) -> int:
        index = round_index + len(self.rounds) if round_index < 0 else round_index
        if not 0 <= index < len(self.rounds):
            raise IndexError(f"geen ronde {round_index}")
        return index

    def series(self, level: Level, id: str) -> list[tuple[RoundResult, Stat]]:
        return [(result, result.stat(level, id)) for result in self.rounds]

    def respondent(self, key: str) -> RespondentInfo | None:
        """How the respondent was last named."""
        for result in reversed(self.rounds):
            if key in result.respondents:
                return result.respondents[key]
        return None

    def change(self, level: Level, id: str, round_index: int = -1, *, fallback: bool = True) -> Change:
        """The change of ``id`` in the round at ``round_index``.

        Not measured in that round: with ``fallback``, the change of its last
        measurement before it (see :attr:`Change.measured_in`); without, a
        change with no flags.
        """
        index = self._index(round_index)
        label = self.rounds[index].label
        measured = [
            (result, result.stat(level, id)) for result in self.rounds[: index + 1] if result.stat(level, id).measured
        ]
        if not measured or (not fallback and measured[-1][0] is not self.rounds[index]):
            return Change(level, id, label, None, None, None, None, None, frozenset())
        current_round, current = measured[-1]
        flags: set[str] = set()
        if current.spread is not None and current.spread >= self.settings.divergence_threshold:
            flags.add(DIVERGENCE)
        if len(measured) == 1:
            flags.add(FIRST)
            return Change(level, id, label, current_round.label, current.mean, None, None, None, frozenset(flags))
        previous_round, previous = measured[-2]
        assert current.mean is not None and previous.mean is not None
        paired = tuple(key for key in current.by_respondent if key in previous.by_respondent)
        unpaired = {
            "composition_differs": len(paired) != len(current.by_respondent) or len(paired) != len(previous.by_respondent),
            "unpaired_previous": previous.mean,
            "unpaired_delta": _tidy(current.mean - previous.mean),
        }
        if not paired:
            flags.add(NOT_COMPARABLE)
            return Change(
                level, id, label, current_round.label, current.mean, None, None, previous_round.label, frozenset(flags), **unpaired
            )
        paired_now, paired_before = _paired_means(current, previous)
        delta = _tidy(paired_now - paired_before)
        threshold = self.settings.question_drop_threshold if level == "question" else self.settings.drop_threshold
        if delta <= -threshold:
            flags.add(DROP)
        if delta >= threshold:
            flags.add(RISE)
        now = BANDS.index(band_of(paired_now, self.settings))  # type: ignore[arg-type]
        before = BANDS.index(band_of(paired_before, self.settings))  # type: ignore[arg-type]
        if now < before:
            flags.add(LOWER_BAND)
        if now > before:
            flags.add(HIGHER_BAND)
        trend = self._trend([stat for _, stat in measured])
        if trend is not None:
            flags.add(FALLING if trend < 0 else RISING)
        if not flags & (FALL_FLAGS | RISE_FLAGS):
            flags.add(STABLE)
        return Change(
            level,
            id,
            label,
            current_round.label,
            current.mean,
            paired_before,
            delta,
            previous_round.label,
            frozenset(flags),
            trend,
            paired_mean=paired_now,
            paired=paired,
            **unpaired,
        )

    def _trend(self, measurements: list[Stat]) -> float | None:
        """The total change when the last ``trend_steps`` steps all went one way far enough.

        Each step is a paired comparison of two consecutive measurements; a
        step that nobody measured on both sides breaks the trend.
        """
        steps = self.settings.trend_steps
        if len(measurements) < steps + 1:
            return None
        window = measurements[-(steps + 1) :]
        differences: list[float] = []
        for before, after in pairwise(window):
            if not any(key in before.by_respondent for key in after.by_respondent):
                return None
            paired_after, paired_before = _paired_means(after, before)
            differences.append(_tidy(paired_after - paired_before))
        total = _tidy(sum(differences))
        if all(step < 0 for step in differences) and total <= -self.settings.trend_total:
            return total
        if all(step > 0 for step in differences) and total >= self.settings.trend_total:
            return total
        return None

    def signals(self, round_index: int = -1, levels: Iterable[Level] = LEVELS) -> list[Signal]:
        """Everything flagged in the round: falls first, then divergence, then rises.

        Within a kind: by severity, then size (largest first), then level
        (phase before question), then content order. Only what was measured
        in this round; older signals belong to their own round.
        """
        index = self._index(round_index)
        result = self.rounds[index]
        provisional = self.completeness(index).provisional
        found: list[tuple[tuple[int, int, float, int, int], Signal]] = []
        for level in levels:
            for position, (id, stat) in enumerate(result.stats(level).items()):
                if not stat.measured:
                    continue
                change = self.change(level, id, index, fallback=False)
                kinds: list[SignalKind] = []
                if change.falling:
                    kinds.append("regression")
                if DIVERGENCE in change.flags:
                    kinds.append("divergence")
                if change.rising:
                    kinds.append("progress")
                for kind in kinds:
                    signal = Signal(kind, level, id, change, stat, provisional)
                    key = (SIGNAL_KINDS.index(kind), signal.severity, -signal.size, LEVELS.index(level), position)
                    found.append((key, signal))
        return [signal for _, signal in sorted(found, key=lambda pair: pair[0])]

    def respondent_changes(self, round_index: int = -1) -> tuple[list[RespondentInfo], list[RespondentInfo]]:
        """Who joined and who left since the previous round; nobody for the first round."""
        index = self._index(round_index)
        if index == 0:
            return [], []
        now, before = self.rounds[index].respondents, self.rounds[index - 1].respondents
        joined = [info for key, info in now.items() if key not in before]
        left = [info for key, info in before.items() if key not in now]
        return joined, left

    def completeness(self, round_index: int = -1) -> Completeness:
        """Who was expected in the round, who answered and how much.

        Expected are the partners listed in the settings (``[[deelnemers]]``)
        or, without a list, everyone who answered the previous round; whoever
        else answered is listed too. Counts are over the whole checklist.
        """
        index = self._index(round_index)
        if index not in self._completeness:
            self._completeness[index] = self._compute_completeness(index)
        return self._completeness[index]

    def _compute_completeness(self, index: int) -> Completeness:
        result = self.rounds[index]
        if self.settings.participants:
            basis = EXPECTED_LISTED
            expected = {
                participant.key: self.respondent(participant.key)
                or RespondentInfo(participant.key, participant.organisation, participant.role)
                for participant in self.settings.participants
            }
        elif index > 0:
            basis = EXPECTED_PREVIOUS
            expected = dict(self.rounds[index - 1].respondents)
        else:
            basis, expected = EXPECTED_FIRST, {}
        question_ids = list(self.content.questions)
        entries = []
        for key, info in expected.items():
            session = result.sessions.get(key)
            entries.append(
                Participation(result.respondents.get(key, info), True, session is not None, answer_counts(session, question_ids))
            )
        for key, info in result.respondents.items():
            if key not in expected:
                entries.append(Participation(info, basis == EXPECTED_FIRST, True, answer_counts(result.sessions[key], question_ids)))
        return Completeness(result.label, basis, entries)

    def notes(self, level: Level, id: str, round_index: int = -1) -> list[Note]:
        """The respondents' notes that may explain ``id`` in the round.

        Respondent by respondent: the notes on the items in its scope and on
        the questions in its scope, item by item in content order, each
        item's own note first. Every note counts, flagged question or not: a
        partner's explanation is where they wrote it.
        """
        result = self.rounds[self._index(round_index)]
        wanted = set(self._scopes[level].get(id, []))
        items = items_in_scope(self.content, level, id)
        notes: list[Note] = []
        for key, session in result.sessions.items():
            for item_id in items:
                item_note = session.item_notes.get(item_id)
                if item_note is not None and item_note.note.strip():
                    notes.append(Note(result.respondents[key], "item", item_id, item_note.note))
                for question in self.content.items[item_id].questions:
                    note = session.answer(question.id).note if question.id in wanted else ""
                    if note.strip():
                        notes.append(Note(result.respondents[key], "question", question.id, note))
        return notes

    def actions(self) -> list[TrackedAction]:
        """Every action once, in its latest version (:func:`samenwerk_tui.model.latest_actions`).

        Sorted by deadline (none last), then id.
        """
        holders = [((result.label, result.respondents[key]), session) for result in self.rounds for key, session in result.sessions.items()]
        tracked = [
            TrackedAction(action_id, action, label, respondent)
            for action_id, ((label, respondent), action) in latest_actions(holders).items()
        ]
        return sorted(tracked, key=lambda entry: (entry.action.due is None, entry.action.due or dt.date.min, entry.id))

    def open_actions(self) -> list[TrackedAction]:
        return [tracked for tracked in self.actions() if tracked.action.is_open()]

    def overdue_actions(self, today: dt.date) -> list[TrackedAction]:
        return [tracked for tracked in self.actions() if tracked.action.is_overdue(today)]

    def timeline(self) -> list[TimelineEntry]:
        """The evaluation log, each entry once (logs are carried over), by date."""
        seen: set[tuple[dt.date, str, str]] = set()
        entries: list[tuple[int, TimelineEntry]] = []
        for position, result in enumerate(self.rounds):
            for key, session in result.sessions.items():
                for entry in session.log:
                    identity = (entry.date, " ".join(entry.text.split()), fold_text(entry.author))
                    if identity in seen:
                        continue
                    seen.add(identity)
                    timeline_entry = TimelineEntry(entry.date, entry.text, entry.author, result.label, result.respondents[key])
                    entries.append((position, timeline_entry))
        entries.sort(key=lambda pair: (pair[1].date, pair[0], pair[1].respondent.key, pair[1].text))
        return [entry for _, entry in entries]

    def with_round(self, sessions: Iterable[Session | LoadedSession], round_label: str) -> "History | None":
        """This history with round ``round_label`` rebuilt from its files among ``sessions``.

        After a change to one session only its round needs counting again;
        changes and signals are computed from the rounds when asked. ``None``
        when that round is not in this history with the same respondents,
        label and date (a file moved, joined or left): then analyse it all again.
        """
        key = _round_key(round_label)
        entries = [entry for entry in _entries(sessions) if _round_key(entry.session.round.label) == key]
        positions = [index for index, result in enumerate(self.rounds) if _round_key(result.label) == key]
        if not entries or len(positions) != 1 or any(entry.session.collaboration.slug != self.slug for entry in entries):
            return None
        old = self.rounds[positions[0]]
        result = _build_round(entries, self._scopes, self.settings, [])
        if (result.label, result.date, list(result.respondents)) != (old.label, old.date, list(old.respondents)):
            return None
        rounds = list(self.rounds)
        rounds[positions[0]] = result
        history = History(self.slug, self.name, rounds, self.content, self.settings, list(self.notices))
        if all(session.log == old.sessions[key].log for key, session in result.sessions.items()):
            history._log_by_round = self._log_by_round  # the same log entries: the same timeline
        return history

    def log_of_round(self, round_index: int = -1) -> list[TimelineEntry]:
        """The log entries that first appeared in the round.

        The timeline is built once and grouped by round: Verloop asks for every round.
        """
        label = self.rounds[self._index(round_index)].label
        if self._log_by_round is None:
            grouped: dict[str, list[TimelineEntry]] = {}
            for entry in self.timeline():
                grouped.setdefault(entry.round_label, []).append(entry)
            self._log_by_round = grouped
        return list(self._log_by_round.get(label, ()))


# --- building a history ------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
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


def _entries(sessions: Iterable[Session | LoadedSession]) -> list[_Entry]:
    return [
        _Entry(entry.session, entry.path) if isinstance(entry, LoadedSession) else _Entry(entry, None) for entry in sessions
    ]


def _most_common(values: Iterable[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], value))


def _build_round(
    entries: list[_Entry], all_scopes: dict[Level, dict[str, list[str]]], settings: Settings, notices: list[str]
) -> RoundResult:
    labels = [entry.session.round.label for entry in entries]
    label = _most_common(labels)
    by_respondent: dict[str, list[_Entry]] = {}
    for entry in entries:
        by_respondent.setdefault(entry.session.respondent.key, []).append(entry)
    chosen: dict[str, Session] = {}
    for key in sorted(by_respondent):
        candidates = by_respondent[key]
        if len(candidates) > 1:
            candidates = sorted(candidates, key=_Entry.priority)
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


def _round_key(label: str) -> str:
    return " ".join(label.split()).casefold()


def _build_history(entries: list[_Entry], content: Checklist, settings: Settings) -> History:
    notices: list[str] = []
    grouped: dict[str, list[_Entry]] = {}
    for entry in entries:
        grouped.setdefault(_round_key(entry.session.round.label), []).append(entry)
    all_scopes = scopes(content)
    rounds = [_build_round(grouped[key], all_scopes, settings, notices) for key in sorted(grouped)]
    rounds.sort(key=lambda result: (result.date, result.label))
    # The priority serialises a session: compare it only between entries of the latest date.
    latest_date = max(entry.session.round.date for entry in entries)
    newest = max((entry for entry in entries if entry.session.round.date == latest_date), key=_Entry.priority)
    return History(
        slug=newest.session.collaboration.slug,
        name=newest.session.collaboration.name,
        rounds=rounds,
        content=content,
        settings=settings,
        notices=notices,
    )


def analyse(sessions: Iterable[Session | LoadedSession], content: Checklist, settings: Settings) -> list[History]:
    """One :class:`History` per collaboration (by slug), in name order.

    Pass :class:`LoadedSession` objects where available: their file names
    decide between two equally recent files of the same respondent.
    """
    by_slug: dict[str, list[_Entry]] = {}
    for entry in _entries(sessions):
        by_slug.setdefault(entry.session.collaboration.slug, []).append(entry)
    histories = [_build_history(entries, content, settings) for entries in by_slug.values()]
    return sorted(histories, key=lambda history: (history.name.casefold(), history.slug))


def analyse_collaboration(
    sessions: Iterable[Session | LoadedSession], content: Checklist, settings: Settings, slug: str | None = None
) -> History:
    """The history of one collaboration: ``slug``, or the only one in ``sessions``."""
    histories = analyse(sessions, content, settings)
    if slug is not None:
        histories = [history for history in histories if history.slug == slug]
    if len(histories) != 1:
        found = ", ".join(history.slug for history in histories) or "geen"
        raise ValueError(f"verwacht één samenwerkingsverband, gevonden: {found}")
    return histories[0]


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
