"""What the dashboard works on: a folder of sessions, the content, the settings.

Pure Python, no Textual: the UI asks this module which session is current,
what a respondent answered in earlier rounds, and which actions exist; the
store does the reading and writing. Keeping it here makes it testable without
a terminal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .content import Checklist
from .model import Action, Answer, Session, latest_actions
from .store import FolderLoad, LoadedSession, is_kept_copy
from .toml.read import Problem


def round_key(session: Session) -> tuple[dt.date, str]:
    """Rounds sort by date, then label; never by file name."""
    return (session.round.date, session.round.label)


@dataclass(frozen=True)
class EarlierAnswer:
    round_label: str
    round_date: dt.date
    answer: Answer


@dataclass(frozen=True)
class ActionRow:
    """An action as the dashboard lists it: where it lives and whether it can be edited here."""

    action_id: str
    action: Action
    source: LoadedSession
    editable: bool


@dataclass
class Workspace:
    folder: Path
    content: Checklist
    sessions: list[LoadedSession]
    problems: list[Problem] = field(default_factory=list)
    current_path: Path | None = None
    # What the dashboard asks on every key press, computed once per set of sessions:
    # which session is at which path, and earlier answers per (session, question).
    _known_sessions: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)
    _by_path: dict[Path, LoadedSession] = field(default_factory=dict, init=False, repr=False, compare=False)
    _earlier_cache: dict[tuple[Path, str], list[EarlierAnswer]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_load(
        cls,
        folder: Path,
        content: Checklist,
        load: FolderLoad,
        respondent_hint: str | None = None,
        session_path: Path | None = None,
    ) -> Workspace:
        """The workspace of a loaded folder; ``session_path`` (a file in it) is current when it loaded."""
        workspace = cls(folder=folder, content=content, sessions=list(load.sessions), problems=list(load.problems))
        chosen = workspace.session_at(session_path) if session_path is not None else None
        default = chosen or workspace.default_session(respondent_hint)
        workspace.current_path = default.path if default else None
        return workspace

    def session_at(self, path: Path) -> LoadedSession | None:
        """The loaded session of the file ``path`` (however the path is spelled), if any."""
        try:
            wanted = path.resolve()
        except OSError:
            return None
        for loaded in self.sessions:
            try:
                if loaded.path.resolve() == wanted:
                    return loaded
            except OSError:
                continue
        return None

    # --- which session ---------------------------------------------------------

    @property
    def current(self) -> LoadedSession | None:
        if self.current_path is None:
            return None
        return self._lookups().get(self.current_path)

    def _lookups(self) -> dict[Path, LoadedSession]:
        """The sessions by path; drops the caches when the list of sessions has changed."""
        known = tuple(map(id, self.sessions))
        if known != self._known_sessions:
            self._known_sessions = known
            self._earlier_cache.clear()
            self._by_path.clear()
            for loaded in self.sessions:
                # The first session with a path wins, as in a search from the front.
                self._by_path.setdefault(loaded.path, loaded)
        return self._by_path

    def _forget(self) -> None:
        self._known_sessions = ()

    def ordered(self) -> list[LoadedSession]:
        """Sessions by round (newest first), then organisation."""
        # A kept copy comes after the respondent's own file, which is the one to open.
        by_respondent = sorted(
            self.sessions, key=lambda loaded: (loaded.session.respondent.key, is_kept_copy(loaded.path), loaded.path.name)
        )
        return sorted(by_respondent, key=lambda loaded: round_key(loaded.session), reverse=True)

    def default_session(self, respondent_hint: str | None = None) -> LoadedSession | None:
        """The latest round's session, of ``respondent_hint`` when given."""
        ordered = self.ordered()
        if not ordered:
            return None
        if respondent_hint:
            wanted = " ".join(respondent_hint.casefold().split())
            for loaded in ordered:
                if loaded.session.respondent.key.startswith(wanted):
                    return loaded
        latest = ordered[0].session
        same_collaboration = [loaded for loaded in ordered if loaded.session.collaboration.slug == latest.collaboration.slug]
        return same_collaboration[0]

    def replace(self, loaded: LoadedSession) -> None:
        """Put ``loaded`` in place of the session with the same path (or add it)."""
        self._forget()
        for index, existing in enumerate(self.sessions):
            if existing.path == loaded.path:
                self.sessions[index] = loaded
                return
        self.sessions.append(loaded)

    def remove(self, path: Path) -> None:
        """Forget the session of the file ``path`` (it left the folder)."""
        if any(loaded.path == path for loaded in self.sessions):
            self._forget()
            self.sessions = [loaded for loaded in self.sessions if loaded.path != path]

    def session_with_path(self, path: Path) -> LoadedSession | None:
        return self._lookups().get(path)

    def collaboration_sessions(self) -> list[Session]:
        """All sessions of the current session's collaboration."""
        current = self.current
        if current is None:
            return []
        slug = current.session.collaboration.slug
        return [loaded.session for loaded in self.sessions if loaded.session.collaboration.slug == slug]

    def latest_of_respondent(self, session: Session) -> LoadedSession | None:
        key = session.respondent.key
        candidates = [
            loaded
            for loaded in self.sessions
            if loaded.session.respondent.key == key and loaded.session.collaboration.slug == session.collaboration.slug
        ]
        return max(candidates, key=lambda loaded: round_key(loaded.session), default=None)

    # --- answers over time -----------------------------------------------------

    def earlier_answers(self, question_id: str) -> list[EarlierAnswer]:
        """What the current respondent answered in earlier rounds, newest first.

        Cached per (session, question) until the sessions change: the detail
        pane asks on every score key.
        """
        current = self.current
        if current is None:
            return []
        cache_key = (current.path, question_id)
        cached = self._earlier_cache.get(cache_key)
        if cached is None:
            cached = self._earlier_cache[cache_key] = self._compute_earlier_answers(current, question_id)
        return list(cached)

    def _compute_earlier_answers(self, current: LoadedSession, question_id: str) -> list[EarlierAnswer]:
        key = current.session.respondent.key
        slug = current.session.collaboration.slug
        now = round_key(current.session)
        earlier = [
            loaded.session
            for loaded in self.sessions
            if loaded.session.collaboration.slug == slug and loaded.session.respondent.key == key and round_key(loaded.session) < now
        ]
        earlier.sort(key=round_key, reverse=True)
        return [
            EarlierAnswer(session.round.label, session.round.date, session.answers[question_id])
            for session in earlier
            if question_id in session.answers
        ]

    # --- actions ---------------------------------------------------------------

    def action_rows(self, draft: Session | None = None) -> list[ActionRow]:
        """Every action of the collaboration once, in its latest version (:func:`latest_actions`).

        Actions carried over to a new round keep their id, so the same action
        appears in several files. ``draft`` is the open session with unsaved
        changes, if any: it stands in for the current file. Only actions whose
        latest version is in the current file can be edited here.
        """
        current = self.current
        if current is None:
            return []
        slug = current.session.collaboration.slug
        others = [
            (loaded, loaded.session)
            for loaded in self.sessions
            if loaded.session.collaboration.slug == slug and loaded.path != current.path
        ]
        # The open file last: on an exact tie its version is the one that can be edited.
        holders = [*others, (current, draft if draft is not None else current.session)]
        rows = [
            ActionRow(action_id, action, loaded, loaded.path == current.path)
            for action_id, (loaded, action) in latest_actions(holders).items()
        ]
        rows.sort(key=lambda row: (not row.action.is_open(), row.action.due or dt.date.max, row.action.what.casefold()))
        return rows

    # --- where to start --------------------------------------------------------

    def start_view(self, own_file: bool) -> str:
        """The tab to open on: ``"overzicht"`` or the current file's phase.

        Someone who opened their own file (``samenwerk BESTAND.toml`` or
        ``--respondent``) and has questions left starts where they fill in:
        their phase. Anyone else (the coordinator opening the folder) starts
        on Overzicht as soon as the collaboration has any score to show;
        before the first score, on the current file's phase.
        """
        current = self.current
        if current is None or current.session.phase not in self.content.phases:
            return "overzicht"
        session = current.session
        if own_file and session.answered_count(list(self.content.questions)) < len(self.content.questions):
            return session.phase
        slug = session.collaboration.slug
        has_scores = any(
            answer.score is not None
            for loaded in self.sessions
            if loaded.session.collaboration.slug == slug
            for answer in loaded.session.answers.values()
        )
        return "overzicht" if has_scores else session.phase

    # --- progress --------------------------------------------------------------

    def progress(self, session: Session) -> dict[str, tuple[int, int]]:
        """Answered/total for the whole checklist ("" key) and per phase."""
        result = {"": (session.answered_count(list(self.content.questions)), len(self.content.questions))}
        for phase_id in self.content.phases:
            ids = [question.id for question in self.content.questions_of_phase(phase_id)]
            result[phase_id] = (session.answered_count(ids), len(ids))
        return result
