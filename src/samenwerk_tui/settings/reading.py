"""Reading the settings file: strictly (:func:`load_settings`) or forgivingly (:func:`read_settings`)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..store import SETTINGS_FILE
from ..toml.messages import problems_from_validation
from ..toml.read import FileProblem, Problem, read_toml
from .tables import Settings


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
