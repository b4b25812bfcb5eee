"""SVG snapshots of every tab on the shipped example, at 80×24 and 120×40.

Deterministic: the example is copied to tmp_path, today and the clock are fixed,
and no screen with a blinking cursor is shown. Textual is pinned exactly in the
test extras, because its releases change these pictures.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from samenwerk_tui.ui.app import create_app

EXAMPLE = Path(__file__).resolve().parent.parent / "sessions"
SIZES = [(80, 24), (120, 40)]
TABS = [("o", "overzicht"), ("b", "beginfase"), ("w", "onderwegfase"), ("v", "verloop"), ("t", "acties"), ("i", "kennis")]


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
@pytest.mark.parametrize(("key", "tab"), TABS, ids=[tab for _, tab in TABS])
def test_tab(snap_compare, example: Path, key: str, tab: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = create_app(example, today=dt.date(2026, 11, 28), clock=lambda: "12:00")
    assert snap_compare(app, terminal_size=size, run_before=_show(key))
