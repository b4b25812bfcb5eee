"""ctrl+p → Rapport exporteren: the HTML page (and opening it in the browser) and the Excel workbook."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from conftest import make_app, palette_choice, settle, until
from samenwerk_tui.ui.dialogs.export import ExportDialog


async def export(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.press(*"rapport exporteren")
    await until(pilot, lambda: palette_choice(pilot.app) == "Rapport exporteren")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportDialog)
    await pilot.press(*keys, "enter")
    await settle(pilot.app, pilot)


async def test_export_html_and_open_it_in_the_browser(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(example)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await export(pilot, "down", "down", "down")
        page = example / "rapport.html"
        assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert opened == []
        page.unlink()
        await export(pilot, "down", "down", "down", "down")
        assert "Partners en succesfactoren" in page.read_text(encoding="utf-8")
        assert opened == [page.resolve().as_uri()]


async def test_export_excel_workbook(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await export(pilot, "down", "down", "down", "down", "down")
    workbook = openpyxl.load_workbook(io.BytesIO((example / "rapport.xlsx").read_bytes()))
    assert workbook.sheetnames[:3] == ["Succesfactoren", "Punten", "Vragen"]
