"""What the analysis tells apart, and the Dutch words and symbols for each: the one table.

Bands, flags and signal kinds are :class:`~enum.StrEnum` members. A band's and
a flag's value is its Dutch word, which is what the reports write (the JSON
report's ``band`` and ``signalen``, the CSV columns), so a member compares equal
to that word and serialises as it. A signal kind's value is an English name;
its Dutch word, the one the JSON report writes as ``soort``, is in
:data:`KIND_WORDS`. Meaning never rests on colour alone: every band, flag and
kind has a symbol here, which the dashboard and every report show beside the
word. Colours belong to each screen or format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Band(StrEnum):
    """Where a mean lies, from low to high; the thresholds are in the settings."""

    CONCERN = "zorg"
    ATTENTION = "aandacht"
    STRONG = "sterk"


# The members under short names too, as the analysis and its callers have always imported them.
STRONG, ATTENTION, CONCERN = Band.STRONG, Band.ATTENTION, Band.CONCERN
BANDS = tuple(Band)
"""From low to high."""


class Flag(StrEnum):
    """What a change was flagged with, in reading order: falls, rises, neither, divergence."""

    DROP = "achteruitgang"
    LOWER_BAND = "naar lagere band"
    FALLING = "dalende trend"
    RISE = "vooruitgang"
    HIGHER_BAND = "naar hogere band"
    RISING = "stijgende trend"
    STABLE = "stabiel"
    FIRST = "eerste meting"
    NOT_COMPARABLE = "niet vergelijkbaar"
    """Measured in both rounds, but by no respondent in both: a paired comparison has nothing to compare."""
    DIVERGENCE = "verschil van inzicht"


DROP, LOWER_BAND, FALLING = Flag.DROP, Flag.LOWER_BAND, Flag.FALLING
RISE, HIGHER_BAND, RISING = Flag.RISE, Flag.HIGHER_BAND, Flag.RISING
STABLE, FIRST, NOT_COMPARABLE, DIVERGENCE = Flag.STABLE, Flag.FIRST, Flag.NOT_COMPARABLE, Flag.DIVERGENCE
FLAG_ORDER = tuple(Flag)
FALL_FLAGS = frozenset({DROP, LOWER_BAND, FALLING})
RISE_FLAGS = frozenset({RISE, HIGHER_BAND, RISING})


def ordered_flags(flags: Iterable[str]) -> list[Flag]:
    """Flags in a fixed reading order: falls, rises, neither, divergence."""
    present = set(flags)
    return [flag for flag in FLAG_ORDER if flag in present]


class SignalKind(StrEnum):
    """What a signal is about; signals list in this order."""

    REGRESSION = "regression"
    DIVERGENCE = "divergence"
    PROGRESS = "progress"


SIGNAL_KINDS = tuple(SignalKind)


@dataclass(frozen=True)
class KindWords:
    """How a signal kind reads in the dashboard and the reports."""

    word: str
    """The Dutch word: the JSON report's ``soort``, and (capitalised) the report's heading."""
    symbol: str
    css_class: str
    """The class of the HTML report's signal cards."""

    @property
    def heading(self) -> str:
        return self.word[:1].upper() + self.word[1:]


# --- the table ------------------------------------------------------------------

FALL_SYMBOL, RISE_SYMBOL, STABLE_SYMBOL, DIVERGENCE_SYMBOL = "▼", "▲", "●", "≠"

KIND_WORDS: dict[SignalKind, KindWords] = {
    SignalKind.REGRESSION: KindWords("achteruitgang", FALL_SYMBOL, "down"),
    SignalKind.DIVERGENCE: KindWords("verschil van inzicht", DIVERGENCE_SYMBOL, "apart"),
    SignalKind.PROGRESS: KindWords("vooruitgang", RISE_SYMBOL, "up"),
}
FLAG_SYMBOLS: dict[Flag, str] = {
    **dict.fromkeys(FALL_FLAGS, FALL_SYMBOL),
    **dict.fromkeys(RISE_FLAGS, RISE_SYMBOL),
    STABLE: STABLE_SYMBOL,
    FIRST: "",
    NOT_COMPARABLE: "",
    DIVERGENCE: DIVERGENCE_SYMBOL,
}
BAND_SYMBOLS: dict[str, str] = {STRONG: "✔", ATTENTION: "!", CONCERN: "✖"}
"""By band; a band read back from the JSON report (a plain word) finds its symbol too."""


def band_label(band: str) -> str:
    """The symbol and the word: "✔ sterk"."""
    return f"{BAND_SYMBOLS[band]} {band}"
