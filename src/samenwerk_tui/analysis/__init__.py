"""Rounds, means, changes and signals: what the dashboard and the reports show.

Pure computation over loaded sessions, no I/O, no Textual. The package holds:

- :mod:`.kinds`: bands, flags and signal kinds as enums, and their Dutch words and symbols (the one table);
- :mod:`.statistics`: one round in figures per question, item, factor and phase, built from its files;
- :mod:`.completeness`: who was expected in a round and who answered (a round with someone missing is voorlopig);
- :mod:`.signals`: paired changes against the previous measurement, and the signals they raise;
- :mod:`.history`: a collaboration's rounds over time (:class:`History`, :func:`analyse`).

Here are re-exported the names the dashboard, the reports and the tests have always imported from
``samenwerk_tui.analysis``, so that those imports keep working; new code imports from the submodule.
"""

from .completeness import (
    EXPECTED_FIRST,
    EXPECTED_LISTED,
    NOT_RECEIVED,
    NOTHING_ANSWERED,
    RECEIVED,
    AnswerCounts,
    Completeness,
    answer_counts,
)
from .history import History, TrackedAction, analyse, analyse_collaboration
from .kinds import (
    CONCERN,
    DIVERGENCE,
    DROP,
    FALL_FLAGS,
    FALLING,
    FIRST,
    HIGHER_BAND,
    LOWER_BAND,
    NOT_COMPARABLE,
    RISE,
    RISE_FLAGS,
    RISING,
    STABLE,
    STRONG,
)
from .signals import Change, Signal
from .statistics import LEVEL_NAMES, LEVELS, Level, RespondentInfo, RoundResult, Stat, band_of, sparkline

__all__ = [
    "CONCERN",
    "DIVERGENCE",
    "DROP",
    "EXPECTED_FIRST",
    "EXPECTED_LISTED",
    "FALLING",
    "FALL_FLAGS",
    "FIRST",
    "HIGHER_BAND",
    "LEVELS",
    "LEVEL_NAMES",
    "LOWER_BAND",
    "NOTHING_ANSWERED",
    "NOT_COMPARABLE",
    "NOT_RECEIVED",
    "RECEIVED",
    "RISE",
    "RISE_FLAGS",
    "RISING",
    "STABLE",
    "STRONG",
    "AnswerCounts",
    "Change",
    "Completeness",
    "History",
    "Level",
    "RespondentInfo",
    "RoundResult",
    "Signal",
    "Stat",
    "TrackedAction",
    "analyse",
    "analyse_collaboration",
    "answer_counts",
    "band_of",
    "sparkline",
]
