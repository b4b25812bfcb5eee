"""Text from files is data: hostile strings show literally and trigger nothing.

A session file (and a custom checklist) from another organisation carries
markup, a link, an action that would quit the app, a lone ``[/]`` that would
crash a markup parser, ordinary Dutch brackets, and terminal escape codes, in
every field the dashboard shows. Each widget must show the characters as
typed (without the control codes), and nothing may happen.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
import tomli_w
from textual.widgets import Input, Static, TextArea

from conftest import make_app, ready, screen_text, settle
from samenwerk_tui.content import CHECKLIST_FILE, builtin_content_files
from samenwerk_tui.ui.actions_view import ActionsView
from samenwerk_tui.ui.dialogs.editing import ActionForm, NoteEditor
from samenwerk_tui.ui.dialogs.navigation import SearchDialog, SessionPicker
from samenwerk_tui.ui.flows.rounds import NewRoundForAllDialog
from samenwerk_tui.ui.help import HelpScreen
from samenwerk_tui.ui.phase_view import PhaseView

HOSTILE = "[bold]x[/] [@click=app.quit]klik[/] [link=https://x]y[/link] [/] Artikel 5:20 [Awb] \x1b]0;X\x1b\\ \x1b[2J einde"
VISIBLE = ("[bold]x[/]", "[@click=app.quit]klik[/]", "[link=https://x]y[/link]", "[/]", "Artikel 5:20 [Awb]")
CONTROL_LEFTOVERS = ("\x1b", "]0;X", "[2J", "\x9b", "\x07")


def hostile(field: str) -> str:
    """The hostile text, tagged with the field it is in, so each can be found on screen."""
    return f"{field}: {HOSTILE}"


def session_table(*, label: str, date: dt.date, organisation: str, note: str, score: int) -> dict:
    return {
        "formaat": 1,
        "fase": "begin",
        "aangemaakt": dt.date(2026, 1, 5),
        "bijgewerkt": dt.date(2026, 1, 5),
        "samenwerking": {"naam": hostile("SAMENWERKING"), "slug": "horecateam"},
        "ronde": {"label": label, "datum": date},
        "respondent": {"organisatie": organisation, "rol": hostile("ROL"), "naam": hostile("NAAM")},
        "inhoud": {"id": "ccv-samenwerken-2011", "versie": "1"},
        "vragen": {"visie.1": {"score": score, "notitie": note}},
        "items": {"visie": {"notitie": hostile("ITEMNOTITIE")}},
        "acties": {
            "a-1": {"wat": hostile("WAT"), "wie": hostile("WIE"), "status": "open", "item": "visie", "deadline": dt.date(2026, 12, 31)},
        },
        "logboek": [{"datum": date, "tekst": hostile("LOGBOEK")}],
    }


@pytest.fixture
def hostile_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_save: None) -> Path:
    monkeypatch.chdir(tmp_path)  # a screenshot action would write here
    folder = tmp_path / "sessies"
    folder.mkdir()
    earlier = session_table(label="2026-Q3", date=dt.date(2026, 8, 1), organisation=hostile("ORG"), note=hostile("EERDER"), score=2)
    current = session_table(label="2026-Q4", date=dt.date(2026, 11, 1), organisation=hostile("ORG"), note=hostile("NOTITIE"), score=4)
    (folder / "horecateam--2026-q3--org.toml").write_text(tomli_w.dumps(earlier), encoding="utf-8")
    (folder / "horecateam--2026-q4--org.toml").write_text(tomli_w.dumps(current), encoding="utf-8")
    # Another partner's file: its action and names show, read-only, in Acties.
    other = session_table(label="2026-Q4", date=dt.date(2026, 11, 1), organisation=hostile("PARTNER"), note="", score=3)
    other["acties"] = {"a-2": {"wat": hostile("PARTNERACTIE"), "status": "open"}}
    (folder / "horecateam--2026-q4--partner.toml").write_text(tomli_w.dumps(other), encoding="utf-8")
    return folder


@pytest.fixture
def hostile_content(tmp_path: Path) -> Path:
    """A custom checklist whose first factor, item and question carry the hostile text."""
    folder = tmp_path / "inhoud"
    folder.mkdir()
    files = builtin_content_files()
    checklist = tomllib.loads(files[CHECKLIST_FILE].decode("utf-8"))
    checklist["fasen"][0]["naam"] = "FASE [@click=app.quit]b[/] [/]"
    checklist["factoren"][0]["naam"] = hostile("FACTOR")
    checklist["items"][0]["titel"] = hostile("ITEM")
    checklist["items"][0]["vragen"][0]["tekst"] = hostile("VRAAG")
    for name, data in files.items():
        (folder / name).write_bytes(tomli_w.dumps(checklist).encode("utf-8") if name == CHECKLIST_FILE else data)
    return folder


def assert_literal(text: str, field: str) -> None:
    """``field``'s hostile text is on screen as typed, without control codes."""
    lines = [line for line in text.splitlines() if f"{field}: " in line]
    assert lines, f"{field} not shown"
    line = lines[0]
    for fragment in VISIBLE:
        assert fragment in line, (field, fragment, line)
    assert "einde" in line


def assert_no_control_codes(app) -> None:
    svg = app.export_screenshot()
    text = screen_text(app)
    for leftover in CONTROL_LEFTOVERS:
        assert leftover not in text
        assert leftover not in svg
    assert "https://x" not in svg.replace("[link=https://x]", "")  # shown as text, never as a hyperlink target


def all_files(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()}


def toasts(app) -> str:
    """The notifications on screen, as the user reads them."""
    from textual.widgets._toast import Toast

    return "\n".join(toast.render().plain for toast in app.screen.query(Toast))


async def click_on(pilot, app, word: str) -> None:
    """Click where ``word`` appears on screen: a [@click] there would run its action."""
    for y, line in enumerate(screen_text(app).splitlines()):
        x = line.find(word)
        if x >= 0:
            await pilot.click(offset=(x + 1, y))
            await pilot.pause()
            return
    raise AssertionError(f"{word!r} not on screen")


def rows_of(app, widget) -> list[tuple[int, int, str]]:
    """(x, y, text) of each screen row of ``widget``'s content, as a user reads it."""
    region = widget.content_region
    screen = screen_text(app).splitlines()
    return [(region.x, y, screen[y][region.x : region.right].rstrip()) for y in range(region.y, region.bottom)]


def unwrapped(rows: list[tuple[int, int, str]]) -> str:
    """The rows joined: a long path wraps wherever the temporary folder's length puts the break."""
    return "".join(text for _, _, text in rows)


async def click_in(pilot, rows: list[tuple[int, int, str]], word: str) -> None:
    """Click on the first character of ``word`` in ``rows``, wrapped or not."""
    offset = unwrapped(rows).find(word)
    assert offset >= 0, f"{word!r} not on screen"
    for x, y, text in rows:
        if offset < len(text):
            await pilot.click(offset=(x + offset, y))
            await pilot.pause()
            return
        offset -= len(text)


# A wide screen, so long lines are not cut off and every fragment can be checked.
SIZE = (260, 50)


async def test_hostile_strings_in_the_phase_tab_status_and_earlier_rounds(hostile_folder: Path, tmp_path: Path) -> None:
    before = all_files(tmp_path)
    app = make_app(hostile_folder, respondent="org")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.query_one("#phase-begin", PhaseView).select_question("visie.1")
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        # Header and status bar.
        assert_literal(text, "SAMENWERKING")
        assert_literal(text, "ORG")
        # Detail pane: the note, and what this respondent wrote in the earlier round.
        assert_literal(text, "NOTITIE")
        assert_literal(text, "EERDER")
        assert_no_control_codes(app)
        await click_on(pilot, app, "klik")
        assert app.is_running
        # The item note in the detail pane of the item.
        await pilot.press("left")
        await pilot.pause()
        text = screen_text(app)
        assert_literal(text, "ITEMNOTITIE")
        assert_no_control_codes(app)
        await click_on(pilot, app, "klik")
        assert app.is_running
        # The note editor holds the note as it is.
        await pilot.press("right", "e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == hostile("NOTITIE").replace("\x1b]0;X\x1b\\", "").replace("\x1b[2J", "")
        assert_no_control_codes(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        # Every tab, with its first entry selected: nothing leaks, nothing runs.
        for key in "owvtib":
            await pilot.press(key)
            await pilot.pause()
            assert_no_control_codes(app)
            if "klik" in screen_text(app):
                await click_on(pilot, app, "klik")
            assert app.is_running
        await app.workers.wait_for_complete()
    assert all_files(tmp_path) == before


async def test_hostile_strings_in_actions_table_form_and_notifications(hostile_folder: Path, tmp_path: Path) -> None:
    before = all_files(tmp_path)
    app = make_app(hostile_folder, respondent="org")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        text = screen_text(app)
        # The table cuts long texts with an ellipsis; what shows is literal.
        assert "WAT: [bold]x[/] [@click=app.quit]klik[/] [l…" in text
        assert "WIE: [bold]x[/] [@click…" in text
        assert "PARTNERACTIE: [bold]x[/] [@click=app.quit]k…" in text
        assert_no_control_codes(app)
        await click_on(pilot, app, "klik")
        assert app.is_running
        # The partner's action cannot be edited here; the notice names the partner, literally.
        view = app.query_one(ActionsView)
        table = view.query_one("#actions-table")
        partner_row = next(index for index, row in enumerate(view.rows.values()) if not row.editable)
        table.move_cursor(row=partner_row)
        await pilot.press("g")
        await pilot.pause()
        await pilot.pause()
        shown = toasts(app)
        assert "Open die sessie (ctrl+o)" in shown
        assert "PARTNER: [bold]x[/] [@click=app.quit]klik[/] [link=https://x]y[/link] [/] Artikel 5:20 [Awb]" in shown
        assert_no_control_codes(app)
        # The form shows what and who as they are.
        table.move_cursor(row=1 - partner_row)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert app.screen.query_one("#action-what", Input).value.startswith("WAT: [bold]x[/] [@click=app.quit]klik[/]")
        assert_literal(screen_text(app), "WAT")
        assert_literal(screen_text(app), "WIE")
        assert_no_control_codes(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
    assert all_files(tmp_path) == before


async def test_hostile_strings_in_session_picker_and_new_round_dialog(hostile_folder: Path, tmp_path: Path) -> None:
    before = all_files(tmp_path)
    app = make_app(hostile_folder, respondent="org")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SessionPicker)
        text = screen_text(app)
        assert "ORG: [bold]x[/] [@click=app.quit]klik[/]" in text
        assert "PARTNER: [bold]x[/] [@click=app.quit]klik[/]" in text
        assert_no_control_codes(app)
        await click_on(pilot, app, "klik")
        assert app.is_running
        if isinstance(app.screen, SessionPicker):
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewRoundForAllDialog)
        assert_literal(screen_text(app), "ORG")
        assert_no_control_codes(app)
        await click_on(pilot, app, "klik")
        assert app.is_running
        await pilot.press("escape")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_no_control_codes(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
    assert all_files(tmp_path) == before


async def test_new_round_notice_and_status_show_a_hostile_label_literally(hostile_folder: Path) -> None:
    app = make_app(hostile_folder, respondent="org")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one("#round-label", Input).value = "[@click=app.quit]Q[/] [b]2027[/]"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert "Ronde [@click=app.quit]Q[/] [b]2027[/] gestart" in toasts(app)
        assert "ronde [@click=app.quit]Q[/] [b]2027[/]" in screen_text(app)
        await click_on(pilot, app, "2027[/]")
        assert app.is_running
        assert_no_control_codes(app)


async def test_hostile_checklist_in_outline_detail_and_search(hostile_folder: Path, hostile_content: Path, tmp_path: Path) -> None:
    before = all_files(tmp_path)
    app = make_app(hostile_folder, content_folder=hostile_content, respondent="org")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        view = app.query_one("#phase-begin", PhaseView)
        view.select_question("visie.1")
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        # The outline: factor name, item title and question text, beside the detail pane.
        outline = "\n".join(line.split("▕")[0] for line in text.splitlines())
        assert "FACTOR: [bold]x[/] [@click=app.quit]klik[/]" in outline
        assert "ITEM: [bold]x[/] [@click=app.quit]klik[/]" in outline
        assert "VRAAG: [bold]x[/]" in outline
        # The phase's name, in the tab bar and the status bar.
        assert "FASE [@click=app.quit]b[/] [/] b" in text
        assert "fase [@click=app.quit]b[/] [/] 1/46" in text
        await click_on(pilot, app, "click=app.quit]b")
        assert app.is_running
        assert_literal(text, "VRAAG")
        assert_no_control_codes(app)
        await click_on(pilot, app, "klik")
        assert app.is_running
        # Adding an action names the item in a notice, literally.
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert_literal(screen_text(app), "ITEM")
        await pilot.press("N", "u", "enter")
        await pilot.pause()
        await pilot.pause()
        assert "Actie toegevoegd bij ITEM: [bold]x[/] [@click=app.quit]klik[/]" in toasts(app)
        assert_no_control_codes(app)
        # Search results show the question text as it is.
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchDialog)
        for key in "klik":
            await pilot.press(key)
        await pilot.pause()
        text = screen_text(app)
        assert "VRAAG: [bold]x[/] [@click=app.quit]klik[/]" in text
        assert_no_control_codes(app)
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.is_running
    written = all_files(tmp_path) - before
    # Only the session's own file is saved (the action); nothing is written anywhere else.
    assert written == set()
    assert {path.name for path in hostile_folder.iterdir()} == {
        "horecateam--2026-q3--org.toml",
        "horecateam--2026-q4--org.toml",
        "horecateam--2026-q4--partner.toml",
    }


async def test_errors_about_hostile_files_show_literally(hostile_folder: Path, tmp_path: Path) -> None:
    """Validation errors quote the file; shown in the problems list they are text too."""
    broken = hostile_folder / "horecateam--2026-q4--kapot.toml"
    broken.write_text(
        'formaat = 1\nfase = "begin"\naangemaakt = 2026-01-05\nbijgewerkt = 2026-01-05\n'
        '[samenwerking]\nnaam = "x"\nslug = "horecateam"\n[ronde]\nlabel = "2026-Q4"\ndatum = 2026-11-01\n'
        '[respondent]\norganisatie = "Kapot"\n'
        '[vragen."visie.1"]\nscore = "[@click=app.quit]k[/] \\u001b[2J"\n'
        '[vragen."[/]"]\nscore = 3\n',
        encoding="utf-8",
    )
    before = all_files(tmp_path)
    app = make_app(hostile_folder, respondent="org")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.action_show_problems()
        await pilot.pause()
        rows = rows_of(app, app.screen.query_one(".problems-dialog VerticalScroll > Static", Static))
        assert "horecateam--2026-q4--kapot.toml" in unwrapped(rows)
        assert "[@click=app.quit]k[/]" in unwrapped(rows)
        assert_no_control_codes(app)
        await click_in(pilot, rows, "click=app.quit")
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
    assert all_files(tmp_path) == before


async def test_broken_hostile_checklist_is_reported_literally_and_esc_quits(hostile_folder: Path, hostile_content: Path) -> None:
    checklist = hostile_content / CHECKLIST_FILE
    checklist.write_text(
        checklist.read_text(encoding="utf-8") + '\n[onbekend]\n"[@click=app.quit]x[/]" = "[/] \\u001b]0;X\\u001b\\\\"\n', encoding="utf-8"
    )
    app = make_app(hostile_folder, content_folder=hostile_content)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "De checklist (inhoud) kan niet worden geladen." in text
        assert "onbekend" in text
        assert_no_control_codes(app)
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 1


async def test_a_hostile_file_name_shows_literally_in_the_conflict_dialog(
    hostile_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samenwerk_tui.ui.dialogs.files import ConflictDialog

    monkeypatch.setattr(ConflictDialog, "GRACE_SECONDS", 0)  # the test answers the dialog on purpose
    hostile_name = hostile_folder / "[@click=app.quit]x [b]y [Awb].toml"
    (hostile_folder / "horecateam--2026-q4--org.toml").rename(hostile_name)
    app = make_app(hostile_folder, respondent="org")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        assert app.workspace.current_path == hostile_name
        hostile_name.write_text(hostile_name.read_text(encoding="utf-8") + "\n# bewerkt\n", encoding="utf-8")
        app.query_one("#phase-begin", PhaseView).select_question("visie.2")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("3")
        await settle(app, pilot)
        text = screen_text(app)
        assert "[@click=app.quit]x [b]y [Awb].toml is op schijf veranderd" in text
        await click_on(pilot, app, "click=app.quit")
        assert app.is_running
        await pilot.press("k")
        await pilot.pause()
        await pilot.pause()
        assert "[@click=app.quit]x [b]y [Awb]-kopie.toml" in toasts(app)
        assert app.is_running
    assert (hostile_folder / "[@click=app.quit]x [b]y [Awb]-kopie.toml").exists()
