"""A round for every partner at once: the next label, the participants, the files.

The coordinator starts each round for all partners together. This module
proposes the next round's label from the previous ones, decides who takes
part (the settings' participant list, else everyone who answered the last
round), and writes one new session file per participant, carrying over
each one's notes, actions and log as ``samenwerk nieuw --van`` does.

Pure Python, no Textual; the CLI and the dashboard both call it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .advice import convenant_order
from .advice_settings import SettingsChanged, write_advice_settings
from .content import Checklist
from .model import Round, Session
from .settings import CollaborationForm, CollaborationInfo, Participant, Settings, settings_path, update_settings_file
from .store import (
    SCHEMA_FILE,
    ConflictError,
    LoadedSession,
    atomic_write,
    create_session_file,
    new_session,
    os_error_message,
    session_filename,
    session_path,
)
from .workspace import round_key

SEASONS = ("voorjaar", "najaar")
"""Two rounds a year, by season, in their order within the year."""


# --- labels -------------------------------------------------------------------------


def next_label(label: str) -> str | None:
    """The label after ``label``, or ``None`` when its pattern is not recognised.

    ``2026-Q4`` → ``2027-Q1`` (also ``K`` for kwartaal), ``2026-H2`` →
    ``2027-H1`` (halfjaar), ``2026-R1`` → ``2026-R2`` (round number),
    ``voorjaar 2026`` → ``najaar 2026`` → ``voorjaar 2027``, ``2026`` →
    ``2027``, ``ronde 3`` → ``ronde 4``. Spelling, separators and case are kept.
    """
    text = label.strip()
    periodic = re.fullmatch(r"(?P<year>\d{4})(?P<sep>\s*[-/ ]?\s*)(?P<unit>[QqKkHh])(?P<number>[1-4])", text)
    if periodic:
        year, number = int(periodic["year"]), int(periodic["number"])
        per_year = 2 if periodic["unit"] in "Hh" else 4
        if number > per_year:
            return None
        year, number = (year + 1, 1) if number == per_year else (year, number + 1)
        return f"{year}{periodic['sep']}{periodic['unit']}{number}"
    unit_first = re.fullmatch(r"(?P<unit>[QqKkHh])(?P<number>[1-4])(?P<sep>\s*[-/ ]?\s*)(?P<year>\d{4})", text)
    if unit_first:
        proposed = next_label(f"{unit_first['year']}-{unit_first['unit']}{unit_first['number']}")
        if proposed is None:
            return None
        proposed_year, rest = proposed.split("-", 1)
        return f"{rest}{unit_first['sep']}{proposed_year}"
    season = re.fullmatch(r"(?P<season>[A-Za-z]+)(?P<sep>\s*[-/ ]?\s*)(?P<year>\d{4})", text)
    if season and season["season"].casefold() in SEASONS:
        return _next_season(season["season"], int(season["year"]), lambda name, year: f"{name}{season['sep']}{year}")
    season_last = re.fullmatch(r"(?P<year>\d{4})(?P<sep>\s*[-/ ]?\s*)(?P<season>[A-Za-z]+)", text)
    if season_last and season_last["season"].casefold() in SEASONS:
        return _next_season(season_last["season"], int(season_last["year"]), lambda name, year: f"{year}{season_last['sep']}{name}")
    if re.fullmatch(r"\d{4}", text):
        return str(int(text) + 1)
    counter = re.fullmatch(r"(?P<head>.*?)(?P<number>\d+)", text)
    if counter:
        digits = counter["number"]
        return f"{counter['head']}{int(digits) + 1:0{len(digits)}d}"
    return None


def _next_season(name: str, year: int, spell: Callable[[str, int], str]) -> str:
    index = SEASONS.index(name.casefold())
    following = SEASONS[(index + 1) % len(SEASONS)]
    if name.isupper():
        following = following.upper()
    elif name[:1].isupper():
        following = following.capitalize()
    return spell(following, year + (1 if index == len(SEASONS) - 1 else 0))


def label_order(label: str) -> tuple[int, int, str]:
    """Where a label stands in time as far as its text tells: (year, number within the year, text).

    ``2026-Q4`` → (2026, 4, …), ``ronde 10`` → (0, 10, …), ``najaar 2026`` → (2026, 2, …).
    """
    text = label.strip().casefold()
    numbers = re.findall(r"\d+", text)
    year = next((int(number) for number in numbers if len(number) == 4), 0)
    others = [int(number) for number in numbers if len(number) != 4]
    if others:
        period = others[-1]
    else:
        period = next((index + 1 for index, season in enumerate(SEASONS) if season in text), 0)
    return (year, period, text)


def propose_label(sessions: Iterable[Session], today: dt.date) -> str:
    """The next round's label, after the last round and unlike every earlier one.

    From the last round (by date, then label) when its pattern is known;
    stepped on while the proposal is taken or would sort before it. Without
    rounds, or with a label of no known pattern: this year's quarter.
    """
    sessions = list(sessions)
    labels = {session.round.label.strip().casefold() for session in sessions}
    if not sessions:
        return f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    last = max(sessions, key=round_key).round.label
    proposal = next_label(last)
    for _ in range(100):
        if proposal is None:
            break
        if proposal.casefold() not in labels and label_order(proposal) > label_order(last):
            return proposal
        proposal = next_label(proposal)
    fallback = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    while fallback.casefold() in labels or label_order(fallback) <= label_order(last):
        fallback = next_label(fallback) or fallback + "-2"
    return fallback


# --- who takes part -------------------------------------------------------------------


def last_round(sessions: Iterable[Session]) -> list[Session]:
    """The sessions of the latest round (by date, then label) of the latest collaboration."""
    sessions = list(sessions)
    if not sessions:
        return []
    latest = max(sessions, key=round_key)
    return [
        session
        for session in sessions
        if session.collaboration.slug == latest.collaboration.slug and session.round.label == latest.round.label
    ]


def participants_of(sessions: Iterable[Session], settings: Settings) -> list[Participant]:
    """Who gets a file in the next round: the settings' list, else the last round's respondents."""
    if settings.participants:
        return list(settings.participants)
    seen: dict[str, Participant] = {}
    for session in sorted(last_round(sessions), key=lambda session: session.respondent.key):
        respondent = session.respondent
        seen.setdefault(respondent.key, Participant(organisation=respondent.organisation, role=respondent.role))
    return list(seen.values())


def parse_participant_lines(text: str) -> list[Participant]:
    """Participants typed one per line as ``organisatie; rol`` (or ``organisatie, rol``); duplicates once.

    Raises :class:`ValueError` with a Dutch message naming the line.
    """
    participants: dict[str, Participant] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        separator = ";" if ";" in line else "," if "," in line else "\t" if "\t" in line else None
        organisation, role = line.split(separator, 1) if separator else (line, "")
        organisation, role = organisation.strip(), role.strip()
        if not organisation:
            raise ValueError(f"regel {number}: de organisatie ontbreekt")
        if len(organisation) > 200 or len(role) > 200:
            raise ValueError(f"regel {number}: organisatie en rol mogen elk hoogstens 200 tekens zijn")
        participant = Participant(organisation=organisation, role=role)
        participants.setdefault(participant.key, participant)
    return list(participants.values())


# --- starting a round -----------------------------------------------------------------


@dataclass
class RoundStart:
    """What starting a round for everyone did."""

    label: str
    created: list[LoadedSession] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)
    """Files of this round that were already there (left untouched)."""
    failed: list[tuple[Path, str]] = field(default_factory=list)
    """Files that could not be written, with the Dutch reason."""
    carried_actions: int = 0
    open_actions: int = 0


def start_round(
    folder: Path,
    content: Checklist,
    sessions: Iterable[LoadedSession],
    participants: Iterable[Participant],
    *,
    label: str,
    round_date: dt.date,
    collaboration: str | None = None,
    slug: str | None = None,
    phase: str | None = None,
    today: dt.date | None = None,
) -> RoundStart:
    """Write round ``label``'s file for every participant that has none yet.

    Each participant's latest earlier session (same collaboration, same
    respondent) is carried over: notes, item notes, actions and log; scores
    start empty. Name, slug and phase come from the last round unless given.
    An existing file is never replaced.
    """
    loaded_sessions = list(sessions)
    previous_round = last_round(loaded.session for loaded in loaded_sessions)
    model = previous_round[0] if previous_round else None
    collaboration = collaboration or (model.collaboration.name if model else None)
    if not collaboration:
        raise ValueError("de naam van het samenwerkingsverband ontbreekt")
    slug = slug or (model.collaboration.slug if model else None)
    result = RoundStart(label=label)
    latest: dict[str, Session] = {}
    for loaded in loaded_sessions:
        session = loaded.session
        if slug and session.collaboration.slug != slug:
            continue
        known = latest.get(session.respondent.key)
        if known is None or round_key(session) > round_key(known):
            latest[session.respondent.key] = session
    default_phase = phase or _common_phase(previous_round) or next(iter(content.phases))
    folder.mkdir(parents=True, exist_ok=True)
    for participant in participants:
        previous = latest.get(participant.key)
        session = new_session(
            collaboration=collaboration,
            slug=slug,
            round_label=label,
            round_date=round_date,
            phase=phase or (previous.phase if previous is not None else default_phase),
            organisation=previous.respondent.organisation if previous is not None else participant.organisation,
            role=previous.respondent.role if previous is not None else participant.role,
            name=previous.respondent.name if previous is not None else "",
            content=content,
            previous=previous,
            today=today,
        )
        try:
            # A name of its own: two partners whose names slugify alike never share a file.
            path = session_path(folder, session)
        except FileExistsError:
            result.existing.append(folder / session_filename(session))
            continue
        try:
            result.created.append(create_session_file(path, session, content))
        except FileExistsError:
            result.existing.append(path)
            continue
        except OSError as error:
            result.failed.append((path, os_error_message(error)))
            continue
        result.carried_actions += len(session.actions)
        result.open_actions += sum(1 for action in session.actions.values() if action.is_open())
    write_schema(folder)
    return result


def check_round(label: str, round_date: dt.date) -> None:
    """Raise pydantic's :class:`ValidationError` when a session file could not hold this round (before anything is written)."""
    Round.model_validate({"label": label.strip(), "datum": round_date})


def _common_phase(sessions: list[Session]) -> str | None:
    phases = [session.phase for session in sessions]
    return max(phases, key=phases.count) if phases else None


def write_schema(folder: Path) -> None:
    """The JSON Schema beside the sessions, for TOML editors; only when it is not there yet."""
    schema_path = folder / SCHEMA_FILE
    if schema_path.exists():
        return
    import json

    from .schema import session_json_schema

    try:
        data = (json.dumps(session_json_schema(), indent=2, ensure_ascii=False) + "\n").encode()
        atomic_write(schema_path, data, replace=False)
    except OSError:
        pass  # Only a help for editors; the session files are written.


def set_up_collaboration(
    folder: Path,
    content: Checklist,
    *,
    name: str,
    phase: str,
    participants: list[Participant],
    label: str,
    round_date: dt.date,
    form: CollaborationForm | None = None,
    today: dt.date | None = None,
) -> RoundStart:
    """A new collaboration: the settings file with its participants and form, and the first round for each.

    The form goes into ``[samenwerkingsvorm]``, as ``samenwerk vorm`` writes
    it; without one chosen, what the file holds stays. Raises
    :class:`ValueError` (Dutch) for a missing name, an unknown phase or no
    participants; :class:`~samenwerk_tui.toml.read.FileProblem` for a
    settings file that cannot be read (it is left as it is), and
    :class:`store.ConflictError` when it changed while being written.
    """
    if not name.strip():
        raise ValueError("geef de naam van het samenwerkingsverband")
    if phase not in content.phases:
        raise ValueError(f"onbekende fase {phase!r}; kies uit {', '.join(content.phases)}")
    if not participants:
        raise ValueError("geef minstens één deelnemende organisatie")
    if not label.strip():
        raise ValueError("geef een label voor de eerste ronde")
    check_round(label, round_date)
    settings = update_settings_file(folder, participants=participants, collaboration=CollaborationInfo(name=name.strip(), phase=phase))
    if form is not None and form.chosen and form != settings.form:
        try:
            write_advice_settings(
                folder, form, settings.convenant, order=convenant_order(content), expected=(settings.form, settings.convenant)
            )
        except SettingsChanged:
            raise ConflictError(settings_path(folder)) from None
    return start_round(
        folder,
        content,
        [],
        participants,
        label=label.strip(),
        round_date=round_date,
        collaboration=name.strip(),
        phase=phase,
        today=today,
    )
