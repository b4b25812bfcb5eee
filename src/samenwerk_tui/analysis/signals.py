"""Changes and signals: achteruitgang, naar lagere band, dalende trend, vooruitgang, verschil van inzicht, ….

A change is always measured against the previous round in which the same
thing was measured, so a skipped item is compared with its own last
measurement and not with nothing, and only over the respondents who measured
it in both rounds (a paired comparison), so a partner who joins, leaves or has
not answered yet does not move the figure. The flags and signal kinds, and
their Dutch words, are in :mod:`.kinds`. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise

from ..settings import Settings
from .kinds import (
    BANDS,
    DIVERGENCE,
    DROP,
    FALL_FLAGS,
    FALLING,
    FIRST,
    FLAG_SYMBOLS,
    HIGHER_BAND,
    LOWER_BAND,
    NOT_COMPARABLE,
    RISE,
    RISE_FLAGS,
    RISING,
    SIGNAL_KINDS,
    STABLE,
    Flag,
    SignalKind,
    ordered_flags,
)
from .statistics import LEVELS, Level, RoundResult, Stat, band_of, tidy


def paired_means(current: Stat, previous: Stat) -> tuple[float, float]:
    """The means of ``current`` and ``previous`` over the respondents measured in both (at least one)."""
    keys = [key for key in current.by_respondent if key in previous.by_respondent]
    now = tidy(sum(current.by_respondent[key] for key in keys) / len(keys))
    before = tidy(sum(previous.by_respondent[key] for key in keys) / len(keys))
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
    flags: frozenset[Flag]
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
            return FLAG_SYMBOLS[DROP]
        if self.rising:
            return FLAG_SYMBOLS[RISE]
        return FLAG_SYMBOLS[STABLE] if STABLE in self.flags else ""

    @property
    def ordered_flags(self) -> list[Flag]:
        return ordered_flags(self.flags)


def compare(level: Level, id: str, round_label: str, measured: list[tuple[str, Stat]], settings: Settings) -> Change:
    """The :class:`Change` of ``id`` in round ``round_label``, from its measurements up to that round.

    ``measured`` holds (round label, stat) of every round up to ``round_label``
    in which ``id`` was measured, oldest first, at least one; the last is the
    measurement described.
    """
    current_label, current = measured[-1]
    flags: set[Flag] = set()
    if current.spread is not None and current.spread >= settings.divergence_threshold:
        flags.add(DIVERGENCE)
    if len(measured) == 1:
        flags.add(FIRST)
        return Change(level, id, round_label, current_label, current.mean, None, None, None, frozenset(flags))
    previous_label, previous = measured[-2]
    assert current.mean is not None and previous.mean is not None
    paired = tuple(key for key in current.by_respondent if key in previous.by_respondent)
    composition_differs = len(paired) != len(current.by_respondent) or len(paired) != len(previous.by_respondent)
    unpaired_delta = tidy(current.mean - previous.mean)
    if not paired:
        flags.add(NOT_COMPARABLE)
        return Change(
            level,
            id,
            round_label,
            current_label,
            current.mean,
            None,
            None,
            previous_label,
            frozenset(flags),
            composition_differs=composition_differs,
            unpaired_previous=previous.mean,
            unpaired_delta=unpaired_delta,
        )
    paired_now, paired_before = paired_means(current, previous)
    delta = tidy(paired_now - paired_before)
    threshold = settings.question_drop_threshold if level == "question" else settings.drop_threshold
    if delta <= -threshold:
        flags.add(DROP)
    if delta >= threshold:
        flags.add(RISE)
    now = BANDS.index(band_of(paired_now, settings))
    before = BANDS.index(band_of(paired_before, settings))
    if now < before:
        flags.add(LOWER_BAND)
    if now > before:
        flags.add(HIGHER_BAND)
    trend = trend_of([stat for _, stat in measured], settings)
    if trend is not None:
        flags.add(FALLING if trend < 0 else RISING)
    if not flags & (FALL_FLAGS | RISE_FLAGS):
        flags.add(STABLE)
    return Change(
        level,
        id,
        round_label,
        current_label,
        current.mean,
        paired_before,
        delta,
        previous_label,
        frozenset(flags),
        trend,
        paired_mean=paired_now,
        paired=paired,
        composition_differs=composition_differs,
        unpaired_previous=previous.mean,
        unpaired_delta=unpaired_delta,
    )


def trend_of(measurements: list[Stat], settings: Settings) -> float | None:
    """The total change when the last ``trend_steps`` steps all went one way far enough.

    Each step is a paired comparison of two consecutive measurements; a
    step that nobody measured on both sides breaks the trend.
    """
    steps = settings.trend_steps
    if len(measurements) < steps + 1:
        return None
    window = measurements[-(steps + 1) :]
    differences: list[float] = []
    for before, after in pairwise(window):
        if not any(key in before.by_respondent for key in after.by_respondent):
            return None
        paired_after, paired_before = paired_means(after, before)
        differences.append(tidy(paired_after - paired_before))
    total = tidy(sum(differences))
    if all(step < 0 for step in differences) and total <= -settings.trend_total:
        return total
    if all(step > 0 for step in differences) and total >= settings.trend_total:
        return total
    return None


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
        if self.kind == SignalKind.DIVERGENCE:
            return self.stat.spread or 0.0
        if self.change.flags & {DROP, RISE, LOWER_BAND, HIGHER_BAND}:
            return abs(self.change.delta or 0.0)
        return abs(self.change.trend or 0.0)

    @property
    def severity(self) -> int:
        """0 is most severe within a kind: a big fall into a lower band, then a big fall, a band, a trend."""
        if self.kind == SignalKind.DIVERGENCE:
            return 0
        big, band = (DROP, LOWER_BAND) if self.kind == SignalKind.REGRESSION else (RISE, HIGHER_BAND)
        if big in self.change.flags and band in self.change.flags:
            return 0
        if big in self.change.flags:
            return 1
        if band in self.change.flags:
            return 2
        return 3


def round_signals(
    result: RoundResult, change_of: Callable[[Level, str], Change], provisional: bool, levels: Iterable[Level] = LEVELS
) -> list[Signal]:
    """Everything flagged in ``result``: falls first, then divergence, then rises.

    ``change_of`` gives the change of a thing measured in this round. Within a
    kind: by severity, then size (largest first), then level (phase before
    question), then content order.
    """
    found: list[tuple[tuple[int, int, float, int, int], Signal]] = []
    for level in levels:
        for position, (id, stat) in enumerate(result.stats(level).items()):
            if not stat.measured:
                continue
            change = change_of(level, id)
            kinds: list[SignalKind] = []
            if change.falling:
                kinds.append(SignalKind.REGRESSION)
            if DIVERGENCE in change.flags:
                kinds.append(SignalKind.DIVERGENCE)
            if change.rising:
                kinds.append(SignalKind.PROGRESS)
            for kind in kinds:
                signal = Signal(kind, level, id, change, stat, provisional)
                key = (SIGNAL_KINDS.index(kind), signal.severity, -signal.size, LEVELS.index(level), position)
                found.append((key, signal))
    return [signal for _, signal in sorted(found, key=lambda pair: pair[0])]
