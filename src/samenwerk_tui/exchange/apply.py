"""Carrying out an import plan: the incoming file written, the one it replaces kept as a backup."""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..store import SESSION_SUFFIX, ConflictError, atomic_write
from ..textsafe import shown_path
from ..toml.read import digest_bytes
from .plan import RECEIVED_INFIX, ImportPlan, ImportStatus

BACKUP_INFIX = ".bak-"


class Choice(enum.Enum):
    """What to do when the incoming file differs from the one already there."""

    KEEP_INCOMING = "keep-incoming"
    """Replace the existing file; it is kept as a backup next to it."""
    KEEP_EXISTING = "keep-existing"
    """Leave the folder as it is."""
    KEEP_BOTH = "keep-both"
    """Place the incoming file next to the existing one under a distinct name."""


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    written: Path | None = None
    """The file written (the target, or the copy next to it), if any."""
    backup: Path | None = None
    """Where the replaced file was kept."""


def apply_import(plan: ImportPlan, choice: Choice | None = None, *, now: dt.datetime | None = None) -> ImportResult:
    """Carry out ``plan``; ``choice`` is needed only when the files differ.

    New files are written under the plan's target; identical files and
    :attr:`Choice.KEEP_EXISTING` write nothing. Raises :class:`ValueError` for
    a refused plan or a missing choice, :class:`FileExistsError` when a new
    target appeared since planning, and :class:`store.ConflictError` when the
    existing file changed since planning (plan again).
    """
    now = now or dt.datetime.now()
    if plan.status is ImportStatus.REFUSED or plan.target is None:
        raise ValueError(f"{shown_path(plan.source)}: geweigerd: {plan.reason}")
    if plan.status is ImportStatus.IDENTICAL:
        return ImportResult(plan)
    if plan.status is ImportStatus.NEW:
        if os.path.lexists(plan.target):
            raise FileExistsError(plan.target)
        plan.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(plan.target, plan.data)
        return ImportResult(plan, written=plan.target)
    if plan.status is ImportStatus.FILLS_IN:
        choice = Choice.KEEP_INCOMING
    if choice is None:
        raise ValueError(f"{shown_path(plan.source)}: verschilt van {shown_path(plan.target)}; kies welke versie u bewaart")
    if choice is Choice.KEEP_EXISTING:
        return ImportResult(plan)
    if choice is Choice.KEEP_BOTH:
        copy = received_name(plan.target, now.date())
        atomic_write(copy, plan.data)
        return ImportResult(plan, written=copy)
    existing_data = plan.target.read_bytes()
    expected = plan.existing.digest if plan.existing is not None else plan.target_digest
    if expected is None or digest_bytes(existing_data) != expected:
        # Changed since planning, perhaps by another respondent's file: plan again.
        raise ConflictError(plan.target)
    backup = backup_name(plan.target, now)
    atomic_write(backup, existing_data)
    atomic_write(plan.target, plan.data)
    return ImportResult(plan, written=plan.target, backup=backup)


def backup_name(path: Path, now: dt.datetime) -> Path:
    """``name.toml.bak-20261129-101500`` (``-2``, ``-3`` … when taken): not a ``*.toml``, so never loaded."""
    base = f"{path.name}{BACKUP_INFIX}{now:%Y%m%d-%H%M%S}"
    candidate = path.with_name(base)
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{base}-{number}")
        number += 1
    return candidate


def received_name(path: Path, today: dt.date) -> Path:
    """``stem-ontvangen-2026-11-29.toml`` (``-2`` … when taken), next to ``path``."""
    base = f"{path.stem}{RECEIVED_INFIX}{today.isoformat()}"
    candidate = path.with_name(base + SESSION_SUFFIX)
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{base}-{number}{SESSION_SUFFIX}")
        number += 1
    return candidate


def backups_of(path: Path) -> list[Path]:
    """The backups kept of ``path`` by imports, oldest first."""
    return sorted(path.parent.glob(f"{glob_escape(path.name)}{BACKUP_INFIX}*"))


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
