"""Who was expected in a round and who has answered: a round with someone missing is *voorlopig*.

Expected are the partners listed in the settings (``[[deelnemers]]``) or,
without a list, everyone who answered the previous round. nvt is an answer,
not a gap. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Session
from ..settings import Settings
from .statistics import RespondentInfo, RoundResult


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


def round_completeness(
    result: RoundResult,
    previous: RoundResult | None,
    settings: Settings,
    question_ids: list[str],
    named: Callable[[str], RespondentInfo | None],
) -> Completeness:
    """Who was expected in ``result``, who answered and how much of ``question_ids``.

    ``previous`` is the round before (None for the first); ``named`` gives how
    a respondent was last named, for listed partners. Whoever else answered is
    listed too.
    """
    expected: dict[str, RespondentInfo]
    if settings.participants:
        basis = EXPECTED_LISTED
        expected = {
            participant.key: named(participant.key) or RespondentInfo(participant.key, participant.organisation, participant.role)
            for participant in settings.participants
        }
    elif previous is not None:
        basis = EXPECTED_PREVIOUS
        expected = dict(previous.respondents)
    else:
        basis, expected = EXPECTED_FIRST, {}
    entries = []
    for key, info in expected.items():
        session = result.sessions.get(key)
        entries.append(Participation(result.respondents.get(key, info), True, session is not None, answer_counts(session, question_ids)))
    for key, info in result.respondents.items():
        if key not in expected:
            entries.append(Participation(info, basis == EXPECTED_FIRST, True, answer_counts(result.sessions[key], question_ids)))
    return Completeness(result.label, basis, entries)
