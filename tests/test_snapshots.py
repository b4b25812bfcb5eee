"""SVG snapshots of every tab on the shipped example, at 80×24 and 120×40.

Deterministic: the example is copied to tmp_path, today and the clock are fixed,
and no screen with a blinking cursor is shown. Textual is pinned exactly in the
test extras, because its releases change these pictures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_app, settle
from samenwerk_tui.ui.app import SamenwerkApp

SIZES = [(80, 24), (120, 40)]
TABS = [
    (binding.key.split(",")[0], binding.description.lower()) for binding in SamenwerkApp.BINDINGS if binding.action.startswith("show_tab(")
]
"""(letter, name) of every tab, from the app's bindings: ("o", "overzicht"), ("b", "beginfase"), …"""


def _show(key: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot.app, pilot)
        await pilot.press(key)
        await settle(pilot.app, pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize(("key", "tab"), TABS, ids=[tab for _, tab in TABS])
def test_tab(snap_compare, example: Path, key: str, tab: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(example, time_of_day="12:00")
    assert snap_compare(app, terminal_size=size, run_before=_show(key))
