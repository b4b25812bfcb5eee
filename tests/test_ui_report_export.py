"""ctrl+p → Rapport exporteren: the HTML page (and opening it in the browser) and the Excel workbook."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import until_idle
from samenwerk_tui.ui.app import create_app
from samenwerk_tui.ui.dialogs import ExportDialog

EXAMPLE = Path(__file__).resolve().parent.parent / "sessions"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "coordinator"
    shutil.copytree(EXAMPLE, target)
    return target


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await until_idle(pilot)


async def export(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.press(*"rapport exporteren")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportDialog)
    await pilot.press(*keys, "enter")
    await settle(pilot)


async def test_export_html_and_open_it_in_the_browser(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(folder, today=dt.date(2026, 11, 28), clock=lambda: "12:00")
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await export(pilot, "down", "down", "down")
        page = folder / "rapport.html"
        assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert opened == []
        page.unlink()
        await export(pilot, "down", "down", "down", "down")
        assert "Partners en succesfactoren" in page.read_text(encoding="utf-8")
        assert opened == [page.resolve().as_uri()]


async def test_export_excel_workbook(folder: Path) -> None:
    app = create_app(folder, today=dt.date(2026, 11, 28), clock=lambda: "12:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await export(pilot, "down", "down", "down", "down", "down")
    workbook = openpyxl.load_workbook(io.BytesIO((folder / "rapport.xlsx").read_bytes()))
    assert workbook.sheetnames[:3] == ["Succesfactoren", "Punten", "Vragen"]
