"""SVG snapshots of Overzicht and Verloop on the shipped example, at the two sizes we support."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from samenwerk_tui.ui.app import create_app

EXAMPLE = Path(__file__).resolve().parent.parent / "sessions"
SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    folder = tmp_path / "sessies"
    shutil.copytree(EXAMPLE, folder)
    return folder


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _show(key: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press(key)
        await _settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_overzicht(snap_compare, example: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = create_app(example, today=dt.date(2026, 11, 28), clock=lambda: "12:00")
    assert snap_compare(app, terminal_size=size, run_before=_show("o"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_verloop(snap_compare, example: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = create_app(example, today=dt.date(2026, 11, 28), clock=lambda: "12:00")
    assert snap_compare(app, terminal_size=size, run_before=_show("v"))
