"""Pilot tests of the advice in the dashboard: form and convenant dialogs, Kennis, the detail pane."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Select, Static

from conftest import make_app, notices, ready, until, write_session
from samenwerk_tui.settings import load_settings
from samenwerk_tui.store import SETTINGS_FILE
from samenwerk_tui.ui.advice_dialogs import ConvenantDialog, FormDialog, GuideDialog
from samenwerk_tui.ui.phase_view import PhaseView

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def folder(folder: Path) -> Path:
    """One respondent's session of round 2026-Q1."""
    write_session(folder, round_label="2026-Q1", round_date=dt.date(2026, 2, 12), created=dt.date(2026, 2, 1))
    return folder


def kennis_text(app) -> str:
    return app.query_one("#knowledge-text", Static).render().plain


async def test_kennis_enter_on_the_form_opens_the_dialog_and_saves_the_form(folder: Path) -> None:
    app = make_app(folder, today=TODAY)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("i", "down")
        assert "nog geen samenwerkingsvorm" in kennis_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FormDialog))
        # The variants list has the focus: space picks the first (Delen van informatie), down and space the third.
        await pilot.press("space", "down", "down", "space", "ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, FormDialog) and SETTINGS_FILE in {p.name for p in folder.iterdir()})
        await until(pilot, lambda: "Vastgelegd: Delen van informatie, Gecoördineerd optreden." in kennis_text(app))
    assert load_settings(folder).form.variants == ("informatie-delen", "gecoordineerd-optreden")


async def test_the_convenant_dialog_ticks_an_element_and_the_factor_detail_shows_it(folder: Path) -> None:
    app = make_app(folder, today=TODAY)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("i", "down", "down", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ConvenantDialog))
        await pilot.press("space", "tab", *"artikel 2", "tab", *"2026-04-09", "ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, ConvenantDialog))
        await until(pilot, lambda: "[x] Gemeenschappelijke probleemdefinitie: geregeld (artikel 2, 9 apr 2026)" in kennis_text(app))
        await pilot.press("b")
        view = app.query_one("#phase-begin", PhaseView)
        node = next(node for node in view.tree.root.children if node.data.id == "convenant")
        view.tree.move_cursor(node)
        await pilot.pause()
        detail = view.detail.factor.render().plain
        assert "[x] Gemeenschappelijke probleemdefinitie: geregeld (artikel 2, 9 apr 2026)" in detail
        assert "[ ] Gemeenschappelijke doelen: nog niet geregeld" in detail
        assert "Autoriteit Persoonsgegevens" in detail
        assert "Praktijkvoorbeelden bij deze factor" in detail and "Veiligheidshuis in Helmond" in detail
    entries = load_settings(folder).convenant
    assert entries["probleemdefinitie"].settled and entries["probleemdefinitie"].article == "artikel 2"
    assert entries["probleemdefinitie"].date == dt.date(2026, 4, 9)
    assert not entries["doelen"].settled


async def test_a_wrong_date_keeps_the_convenant_dialog_open(folder: Path) -> None:
    app = make_app(folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("i", "down", "down", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ConvenantDialog))
        await pilot.press("space", "tab", "tab", *"9 april", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConvenantDialog)
        assert "‘9 april’ is geen datum" in app.screen.query_one("#convenant-error", Static).render().plain
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ConvenantDialog))
    assert not (folder / SETTINGS_FILE).exists()


async def test_a_settings_file_changed_meanwhile_is_not_overwritten(folder: Path) -> None:
    app = make_app(folder, today=TODAY)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("i", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, FormDialog))
        theirs = '[samenwerkingsvorm]\nvarianten = ["inzet-van-mensen"]\nvormen = []\n'
        (folder / SETTINGS_FILE).write_text(theirs, encoding="utf-8")
        await pilot.press("space", "ctrl+s")
        await until(pilot, lambda: "intussen door iemand anders gewijzigd" in notices(app))
    assert (folder / SETTINGS_FILE).read_text(encoding="utf-8") == theirs


async def test_the_guide_suggests_and_hands_its_suggestion_to_the_form_dialog(folder: Path) -> None:
    app = make_app(folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("i", "down", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, GuideDialog))
        await pilot.press("space")  # 1. verschillende verantwoordelijkheden: ja
        await until(
            pilot,
            lambda: "Suggestie (geen oordeel): Ketensamenwerking." in app.screen.query_one("#guide-suggestion", Static).render().plain,
        )
        app.screen.query_one("#guide-take").press()
        # The dialog is on the stack before its Select is mounted with the suggestion: wait for that.
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, FormDialog)
                and any(select.value == "ketensamenwerking" for select in app.screen.query("#form-main").results(Select))
            ),
        )
        assert app.screen.chosen().main == "ketensamenwerking"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: (folder / SETTINGS_FILE).exists())
    assert tomllib.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))["samenwerkingsvorm"]["hoofdvorm"] == "ketensamenwerking"


async def test_an_open_question_says_the_note_is_the_answer(folder: Path) -> None:
    app = make_app(folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("b")
        view = app.query_one("#phase-begin", PhaseView)
        for question_id, is_open in (("visie.2", True), ("urgentie.2", False)):
            node = next(node for node in _walk(view.tree.root) if node.data is not None and node.data.id == question_id)
            view.tree.move_cursor(node)
            await pilot.pause()
            note = view.detail.note.render().plain
            assert ("Open vraag: het antwoord staat in de notitie" in note) is is_open, question_id


async def test_kennis_shows_what_a_case_illustrates(folder: Path) -> None:
    app = make_app(folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("i")
        option_list = app.query_one("#knowledge-list")
        index = next(i for i in range(option_list.option_count) if option_list.get_option_at_index(i).id == "case:helmond")
        option_list.highlighted = index
        await pilot.pause()
        text = kennis_text(app)
        assert "Succesfactor 3 (onderwegfase): Open en regelmatige communicatie" in text
        assert "Vorm: Casusoverleg" in text
        index = next(i for i in range(option_list.option_count) if option_list.get_option_at_index(i).id == "advice:mapping")
        option_list.highlighted = index
        await pilot.pause()
        assert "een redactionele keuze" in kennis_text(app)


def _walk(node):
    for child in node.children:
        yield child
        yield from _walk(child)


async def test_text_from_the_settings_file_is_shown_as_typed(folder: Path) -> None:
    hostile = "art. [@click=app.quit]7[/] [/]\x1b[31m"
    (folder / SETTINGS_FILE).write_text(
        f'[convenant.inbreng]\ngeregeld = true\nartikel = "{hostile.replace(chr(27), chr(92) + "u001b")}"\n', encoding="utf-8"
    )
    app = make_app(folder, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("i", "down", "down", "down")
        await pilot.pause()
        text = kennis_text(app)
        # Markup stays literal; the escape sequence is removed when the file is read.
        assert "[x] Inbreng: geregeld (art. [@click=app.quit]7[/] [/])" in text, text
        assert app.is_running
