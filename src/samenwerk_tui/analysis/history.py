"""Rounds over time: a collaboration's :class:`History`, built from its session files.

A round is every respondent's file for one collaboration and one round label;
:func:`analyse` groups the files into rounds and rounds into histories, and
:meth:`History.with_round` recounts one round after a change. A history
answers what the dashboard and the reports ask of it: the figures of a round
(:mod:`.statistics`), changes and signals (:mod:`.signals`), completeness,
notes, actions and the log. Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ..content import Checklist
from ..model import Action, Session, fold_text, latest_actions
from ..settings import Settings
from ..store import LoadedSession
from .completeness import Completeness, round_completeness
from .signals import Change, Signal, compare, round_signals
from .statistics import (
    LEVELS,
    Level,
    RespondentInfo,
    RoundResult,
    SessionFile,
    Stat,
    build_round,
    items_in_scope,
    round_key,
    scopes,
    session_files,
)


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
        measured = [(result, result.stat(level, id)) for result in self.rounds[: index + 1] if result.stat(level, id).measured]
        if not measured or (not fallback and measured[-1][0] is not self.rounds[index]):
            return Change(level, id, label, None, None, None, None, None, frozenset())
        return compare(level, id, label, [(result.label, stat) for result, stat in measured], self.settings)

    def signals(self, round_index: int = -1, levels: Iterable[Level] = LEVELS) -> list[Signal]:
        """Everything flagged in the round (see :func:`.signals.round_signals`).

        Only what was measured in this round; older signals belong to their own round.
        """
        index = self._index(round_index)
        provisional = self.completeness(index).provisional

        def change_of(level: Level, id: str) -> Change:
            return self.change(level, id, index, fallback=False)

        return round_signals(self.rounds[index], change_of, provisional, levels)

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
            previous = self.rounds[index - 1] if index > 0 else None
            question_ids = list(self.content.questions)
            self._completeness[index] = round_completeness(self.rounds[index], previous, self.settings, question_ids, self.respondent)
        return self._completeness[index]

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

    def with_round(self, sessions: Iterable[Session | LoadedSession], round_label: str) -> History | None:
        """This history with round ``round_label`` rebuilt from its files among ``sessions``.

        After a change to one session only its round needs counting again;
        changes and signals are computed from the rounds when asked. ``None``
        when that round is not in this history with the same respondents,
        label and date (a file moved, joined or left): then analyse it all again.
        """
        key = round_key(round_label)
        entries = [entry for entry in session_files(sessions) if round_key(entry.session.round.label) == key]
        positions = [index for index, result in enumerate(self.rounds) if round_key(result.label) == key]
        if not entries or len(positions) != 1 or any(entry.session.collaboration.slug != self.slug for entry in entries):
            return None
        old = self.rounds[positions[0]]
        result = build_round(entries, self._scopes, self.settings, [])
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


def _build_history(entries: list[SessionFile], content: Checklist, settings: Settings) -> History:
    notices: list[str] = []
    grouped: dict[str, list[SessionFile]] = {}
    for entry in entries:
        grouped.setdefault(round_key(entry.session.round.label), []).append(entry)
    all_scopes = scopes(content)
    rounds = [build_round(grouped[key], all_scopes, settings, notices) for key in sorted(grouped)]
    rounds.sort(key=lambda result: (result.date, result.label))
    # The priority serialises a session: compare it only between entries of the latest date.
    latest_date = max(entry.session.round.date for entry in entries)
    newest = max((entry for entry in entries if entry.session.round.date == latest_date), key=SessionFile.priority)
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
    by_slug: dict[str, list[SessionFile]] = {}
    for entry in session_files(sessions):
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
