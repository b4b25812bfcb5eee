"""Pilot tests of the dashboard: every binding and flow, checked on the saved TOML.

Each test builds a small session folder in tmp_path, runs the app headless and
presses keys as a user would; what matters is what ends up in the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, TabbedContent, TextArea

from conftest import (
    CONTENT,
    TODAY,
    answer,
    classes_with_bindings,
    make_app,
    notices,
    on_disk,
    palette_choice,
    phase_view,
    ready,
    screen_text,
    selected,
    settle,
    type_text,
    until,
    write_session,
)
from samenwerk_tui.store import load_session
from samenwerk_tui.ui import app as app_module
from samenwerk_tui.ui.dialogs.editing import ActionForm, NoteEditor
from samenwerk_tui.ui.dialogs.files import ConflictDialog
from samenwerk_tui.ui.dialogs.navigation import SearchDialog, SessionPicker
from samenwerk_tui.ui.flows.rounds import NewRoundForAllDialog
from samenwerk_tui.ui.help import HelpScreen

# --- fixtures and helpers ----------------------------------------------------


pytestmark = pytest.mark.usefixtures("quick_save")


# --- start, tabs, outline ----------------------------------------------------


async def test_opens_on_the_phase_tab_of_the_session_with_respondent_and_progress(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.query_one(TabbedContent).active == "begin"
        text = screen_text(app)
        assert "Horecateam Lindendal" in text
        assert "2026-Q4" in text
        assert "Gemeente Lindendal" in text
        assert "beantwoord 0/69" in text
        # The cursor starts on the first unanswered question, shown in full beside the outline.
        assert selected(app).kind == "question"
        assert CONTENT.questions[selected(app).id].text[:30] in text


TAB_BINDINGS = [
    (binding.key.split(","), binding.action.removeprefix("show_tab('").removesuffix("')"))
    for binding in app_module.SamenwerkApp.BINDINGS
    if binding.action.startswith("show_tab(")
]
"""(keys, tab) of each tab's binding: its letter and its function key."""
LETTERS = [(keys[0], tab) for keys, tab in TAB_BINDINGS]
FUNCTION_KEYS = [(key, tab) for keys, tab in TAB_BINDINGS for key in keys[1:]]
TAB_KEYS = LETTERS + FUNCTION_KEYS + LETTERS[-2::-1] + LETTERS[-1:]
"""From Beginfase: the letters in tab order, the function keys in tab order, the letters backwards from the
last tab but one: every key is pressed on another tab than its own, and every tab is left by a letter and by
a function key."""


async def test_each_tab_has_a_letter_and_a_function_key_that_work_from_every_tab(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        for key, tab in TAB_KEYS:
            assert app.query_one(TabbedContent).active != tab, key  # pressed on another tab
            await pilot.press(key)
            await pilot.pause()
            tabs = app.query_one(TabbedContent)
            assert tabs.active == tab, key
            if tab in ("overzicht", "verloop"):
                continue  # their content is being built elsewhere
            # The tab's own content has the focus, so its keys work at once.
            assert app.focused is not None and tabs.active_pane in app.focused.ancestors, (key, app.focused)


async def test_outline_moves_with_j_k_and_arrows_and_collapses_with_left_right(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        first = selected(app)
        questions = [question.id for question in CONTENT.items_of_factor(CONTENT.factors_of_phase("begin")[0].id)[0].questions]
        assert first.id == questions[0]
        await pilot.press("j")
        assert selected(app).id == questions[1]
        await pilot.press("down")
        assert selected(app).id == questions[2]
        await pilot.press("k")
        assert selected(app).id == questions[1]
        await pilot.press("up")
        assert selected(app).id == questions[0]
        # ← on a question goes to its item; ← again collapses it; → expands it again and → enters it.
        await pilot.press("left")
        assert selected(app).kind == "item"
        item_node = phase_view(app).tree.cursor_node
        await pilot.press("left")
        assert not item_node.is_expanded
        assert questions[0] not in screen_text(app)
        await pilot.press("right")
        assert item_node.is_expanded
        await pilot.press("right")
        assert selected(app).id == questions[0]
        await pilot.press("left", "left", "left")
        assert selected(app).kind == "factor"


# --- scores and notes --------------------------------------------------------


async def test_score_keys_nvt_and_clear_are_saved(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        for key, expected in [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), ("0", "nvt")]:
            await pilot.press(key)
            await settle(app, pilot)
            assert answer(session_file, question).get("score") == expected
        await pilot.press("backspace")
        await settle(app, pilot)
        assert "score" not in answer(session_file, question)
        await pilot.press("n")
        await settle(app, pilot)
        assert answer(session_file, question).get("score") == "nvt"
        await pilot.press("delete")
        await settle(app, pilot)
        assert "score" not in answer(session_file, question)
        assert on_disk(session_file)["bijgewerkt"] == TODAY


async def test_score_shows_in_outline_detail_and_status_bar(session_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "SAVE_DELAY", 0.5)
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(app)
        assert f" 4  {question}" in text
        assert "Score: 4 – grotendeels op orde" in text
        assert "beantwoord 1/69" in text
        assert "niet opgeslagen" in text
        await settle(app, pilot)
        assert "opgeslagen 12:34" in screen_text(app)


async def test_a_score_given_in_one_phase_shows_in_the_other_when_its_tab_opens(session_file: Path, tmp_path: Path) -> None:
    # In the shipped checklist each question counts for one factor; a custom one may count
    # a question for a success factor of each phase, so that it is in both tabs.
    from samenwerk_tui.content import builtin_content_files, load_content

    question = "offers.2"
    content_folder = tmp_path / "inhoud"
    content_folder.mkdir()
    for name, data in builtin_content_files().items():
        text = data.decode("utf-8")
        own_factor = 'de partijen daartoe bereid?"\nfactoren = ["verschillen"]'
        text = text.replace(own_factor, 'de partijen daartoe bereid?"\nfactoren = ["verschillen", "middelen"]', 1)
        (content_folder / name).write_text(text, encoding="utf-8")
    custom = load_content(content_folder)
    assert {custom.factors[factor].phase for factor in custom.factors_of_question[question]} == {"begin", "onderweg"}
    app = make_app(session_file.parent, content_folder=content_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        phase_view(app, "begin").select_question(question)
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        phase_view(app, "onderweg").select_question(question)
        await pilot.pause()
        assert selected(app, "onderweg").id == question
        await pilot.press("4")
        await pilot.pause()
        assert f" 4  {question}" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "begin"
        assert selected(app, "begin").id == question
        text = screen_text(app)
        assert f" 4  {question}" in text
        assert "Score: 4 – grotendeels op orde" in text
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        assert f" 5  {question}" in text
        assert "Score: 5" in text


async def test_save_waits_for_a_quiet_moment(session_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "SAVE_DELAY", 0.8)
    before = session_file.read_bytes()
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        await pilot.press("3")
        # On purpose, a quarter of the delay: the save must not have started yet.
        await pilot.pause(app_module.SAVE_DELAY / 4)
        assert session_file.read_bytes() == before
        await settle(app, pilot)
        assert answer(session_file, question)["score"] == 3


async def test_score_buttons_work_with_the_mouse(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        view = phase_view(app)
        buttons = {button.name: button for button in view.query(".score-button")}
        await pilot.click(buttons["3"])
        await settle(app, pilot)
        assert answer(session_file, question)["score"] == 3
        assert buttons["3"].has_class("-chosen")
        await pilot.click(buttons["nvt"])
        await settle(app, pilot)
        assert answer(session_file, question)["score"] == "nvt"
        await pilot.click(buttons["clear"])
        await settle(app, pilot)
        assert "score" not in answer(session_file, question)


async def test_a_click_in_the_outline_shows_the_question_and_a_double_click_edits_its_note(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        tree = phase_view(app).tree
        order = [question.id for question in CONTENT.questions_of_phase("begin")]
        line = next(y for y, text in enumerate(screen_text(app).splitlines()) if f"{order[2]} " in text)
        await pilot.click(offset=(10, line))
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        assert selected(app).id == order[2]
        assert tree.has_focus
        await pilot.press("4")
        await settle(app, pilot)
        assert answer(session_file, order[2])["score"] == 4
        await pilot.click(offset=(10, line), times=2)
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape")
        await pilot.pause()
        # The ▼ before an item still folds it.
        item_line = next(y for y, text in enumerate(screen_text(app).splitlines()) if text.startswith("└ ▼ "))
        item_node = tree.get_node_at_line(item_line - tree.region.y + tree.scroll_offset.y)
        assert item_node is not None and item_node.is_expanded
        await pilot.click(offset=(2, item_line))
        await pilot.pause()
        assert not item_node.is_expanded
        assert not isinstance(app.screen, NoteEditor)


def test_every_binding_has_an_id_for_remapping() -> None:
    classes = list(classes_with_bindings())
    assert app_module.SamenwerkApp in classes
    assert {"NoteEditor", "ConflictDialog", "SessionPicker", "ExportDialog"} <= {cls.__name__ for cls in classes}
    ids = []
    # The App declares the dashboard's keys by naming commands.DashboardKeys' list: count each list once.
    lists = {id(cls.__dict__["BINDINGS"]): (cls, cls.__dict__["BINDINGS"]) for cls in classes}
    for cls, bindings in lists.values():
        for binding in bindings:
            assert binding.id, (cls.__name__, binding.key)
            ids.append(binding.id)
    assert len(ids) == len(set(ids))


async def test_note_editor_opens_with_e_and_enter_and_esc_keeps_the_text(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await type_text(pilot, "Eerste regel")
        await pilot.press("enter")
        await type_text(pilot, "tweede regel")
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert answer(session_file, question)["notitie"] == "Eerste regel\ntweede regel"
        assert "score" not in answer(session_file, question)
        # Enter opens the same note again, with its text; more text is appended.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "Eerste regel\ntweede regel"
        await type_text(pilot, " erbij")
        await pilot.press("escape")
        await settle(app, pilot)
        assert answer(session_file, question)["notitie"] == "Eerste regel\ntweede regel erbij"
        assert "tweede regel erbij" in screen_text(app)


async def test_item_note_is_saved_and_enter_does_not_fold_the_item(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("left")
        ref = selected(app)
        assert ref.kind == "item"
        node = phase_view(app).tree.cursor_node
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await type_text(pilot, "Te weinig capaciteit")
        await pilot.press("escape")
        await settle(app, pilot)
        assert on_disk(session_file)["items"][ref.id]["notitie"] == "Te weinig capaciteit"
        assert node.is_expanded


async def test_next_and_previous_unanswered(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        order = [question.id for question in CONTENT.questions_of_phase("begin")]
        first = selected(app).id
        assert first == order[0]
        await pilot.press("3", "j", "3")  # answer the first two
        await pilot.press("k", "k")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert selected(app).id == order[2]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        # Going back from the first open question goes on into the other phase, from its end.
        assert app.query_one(TabbedContent).active == "onderweg"
        assert selected(app, "onderweg").id == [question.id for question in CONTENT.questions_of_phase("onderweg")][-1]
        assert app.focused is phase_view(app, "onderweg").tree


async def test_all_69_questions_and_notes_by_keyboard_survive_quit_and_reload(session_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A respondent fills in the whole checklist with the keyboard only, quits, and it is all there."""
    monkeypatch.setattr(app_module, "SAVE_DELAY", 60)  # nothing saved until ctrl+q, which must save it all
    app = make_app(session_file.parent)
    expected: dict[str, tuple[object, str]] = {}
    letters = "abcdefghijklmnopqrstuvwxyz"
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("b")
        app.clear_notifications()
        # ] goes on from the last open question of Beginfase into Onderwegfase.
        while "Alle 69 vragen van de checklist zijn beantwoord" not in notices(app):
            ref = selected(app, app.query_one(TabbedContent).active)
            assert ref.kind == "question" and ref.id not in expected
            count = len(expected)
            key = "n" if count % 7 == 6 else str(count % 5 + 1)
            # A note on every third question: each one opens and closes the
            # editor, the slowest step of a Pilot test.
            note = letters[count % 26] + letters[count // 26] if count % 3 == 0 else ""
            await pilot.press(key, *(("e", *note, "escape") if note else ()), "right_square_bracket")
            expected[ref.id] = ("nvt" if key == "n" else int(key), note)
        assert len(expected) == 69
        assert "beantwoord 69/69" in screen_text(app)
        await pilot.press("ctrl+q")
        await app.workers.wait_for_complete()
    assert app.return_code == 0
    reloaded = load_session(session_file, CONTENT).session
    assert {qid: (a.score, a.note) for qid, a in reloaded.answers.items()} == expected


async def test_ctrl_q_saves_what_is_pending(session_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "SAVE_DELAY", 30)
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        await pilot.press("2")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert answer(session_file, question)["score"] == 2


# --- actions -----------------------------------------------------------------


async def test_a_adds_an_action_to_the_selected_item(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        item = CONTENT.item_of_question[selected(app).id]
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await type_text(pilot, "Convenant ondertekenen")
        await pilot.press("tab")
        await type_text(pilot, "burgemeester")
        await pilot.press("tab")
        await type_text(pilot, "2027-01-15")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        actions = on_disk(session_file)["acties"]
        assert len(actions) == 1
        (action,) = actions.values()
        assert action["wat"] == "Convenant ondertekenen"
        assert action["wie"] == "burgemeester"
        assert action["deadline"] == dt.date(2027, 1, 15)
        assert action["status"] == "open"
        assert action["item"] == item.id
        assert action["ronde"] == "2026-Q4"
        await pilot.press("t")
        await pilot.pause()
        assert "Convenant ondertekenen" in screen_text(app)


async def test_action_form_refuses_a_bad_date_and_keeps_the_input(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("a")
        await type_text(pilot, "Iets doen")
        await pilot.press("tab", "tab")
        await type_text(pilot, "morgen")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert "Deadline: ongeldige datum 'morgen'; gebruik DD-MM-JJJJ" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert "acties" not in on_disk(session_file)


async def test_actions_tab_new_edit_done_reopen(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await type_text(pilot, "Overleg plannen")
        await pilot.press("enter")
        await settle(app, pilot)
        ((action_id, action),) = on_disk(session_file)["acties"].items()
        assert action["wat"] == "Overleg plannen"
        await pilot.press("g")
        await settle(app, pilot)
        assert on_disk(session_file)["acties"][action_id]["status"] == "gedaan"
        assert "gedaan" in screen_text(app)
        await pilot.press("x")
        await settle(app, pilot)
        assert on_disk(session_file)["acties"][action_id]["status"] == "open"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert app.screen.query_one("#action-what", Input).value == "Overleg plannen"
        await pilot.press("tab")
        await type_text(pilot, "politie")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert on_disk(session_file)["acties"][action_id]["wie"] == "politie"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert app.screen.query_one("#action-what", Input).value == ""


async def test_action_status_and_deadline_are_set_in_the_form_by_keyboard(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("t", "n")
        await type_text(pilot, "Bezig werk")
        await pilot.press("tab", "tab")
        await type_text(pilot, "2026-12-01")
        await pilot.press("tab", "enter", "down", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        (action,) = on_disk(session_file)["acties"].values()
        assert action["status"] == "bezig"
        assert action["deadline"] == dt.date(2026, 12, 1)
        assert "◐ bezig" in screen_text(app)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
async def test_overdue_actions_are_marked_in_words(folder: Path, monkeypatch: pytest.MonkeyPatch, no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    path = write_session(folder)
    text = path.read_text(encoding="utf-8")
    text += '\n[acties.a-1]\nwat = "Rooster maken"\ndeadline = 2026-10-01\nstatus = "open"\n'
    text += '\n[acties.a-2]\nwat = "Afgerond werk"\ndeadline = 2026-10-01\nstatus = "gedaan"\n'
    path.write_text(text, encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        late = next(line for line in lines if "Rooster maken" in line)
        done = next(line for line in lines if "Afgerond werk" in line)
        assert "te laat" in late
        assert "te laat" not in done
        assert "1 te laat" in screen_text(app)
        deadline = app.query_one("#actions-table", DataTable).get_row("a-1")[1]
        assert "bold" in str(deadline.style)
        assert ("red" in str(deadline.style)) is not no_color


async def test_actions_of_other_files_are_shown_but_not_editable_here(folder: Path) -> None:
    other = write_session(folder, organisation="Politie", round_date=dt.date(2026, 11, 1))
    other.write_text(other.read_text(encoding="utf-8") + '\n[acties.a-9]\nwat = "Politieactie"\nstatus = "open"\n', encoding="utf-8")
    mine = write_session(folder, organisation="Gemeente")
    app = make_app(folder, respondent="Gemeente")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert "Politieactie" in screen_text(app)
        row = next(line for line in screen_text(app).splitlines() if "Politieactie" in line)
        assert "🔒" in row.split("Politieactie")[0]  # marked before the text, visible at 80 columns
        before = other.read_bytes()
        await pilot.press("g")
        await settle(app, pilot)
        assert "Open die sessie (ctrl+o)" in notices(app)
        assert other.read_bytes() == before
        assert "acties" not in on_disk(mine)


# --- search, help, palette ---------------------------------------------------


async def test_search_jumps_to_the_question(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        target = next(qid for qid, q in CONTENT.questions.items() if "convenant" in q.text.casefold())
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchDialog)
        await type_text(pilot, target)
        await pilot.pause()
        assert target in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, SearchDialog)
        active = app.query_one(TabbedContent).active
        assert selected(app, active).id == target
        # The score keys act on the question found.
        await pilot.press("5")
        await settle(app, pilot)
        assert answer(session_file, target)["score"] == 5


async def test_search_with_arrow_into_results_and_escape(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("w")
        await pilot.pause()
        start = selected(app, "onderweg")
        await pilot.press("slash")
        await type_text(pilot, "trekker")
        await pilot.press("down")
        assert isinstance(app.focused, OptionList)
        await pilot.press("escape")
        await pilot.pause()
        assert selected(app, "onderweg") == start
        await pilot.press("slash")
        await type_text(pilot, "zzzzqqq")
        await pilot.pause()
        assert "Niets gevonden" in screen_text(app)


async def test_help_shows_every_key_and_closes(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(app)
            assert "Toetsen van samenwerk" in text
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)
        # Every key of every binding is in the help, in the section of where it works.
        from samenwerk_tui.ui.help import SKIPPED, binding_sections, help_keys, key_text

        shown = {title: keys_in_help(entries) for title, entries in help_keys()}
        for title, owners in binding_sections():
            for owner in owners:
                for binding in owner.__dict__.get("BINDINGS", []):
                    if binding.id in SKIPPED:
                        continue
                    for key in binding.key.split(","):
                        name = key_text(dataclasses.replace(binding, key=key, key_display=None))
                        assert name in shown[title], (title, owner.__name__, binding.id, name)


def keys_in_help(entries: list[tuple[str, str]]) -> set[str]:
    """The keys the help names in one section; ``1–5`` and ``F2 … F7`` stand for the keys between."""
    keys: set[str] = set()
    for text, _ in entries:
        words = text.split()
        for index, word in enumerate(words):
            if "–" in word:
                first, last = word.split("–")
                keys.update(str(number) for number in range(int(first), int(last) + 1))
            elif word == "…":
                first, last = words[index - 1], words[index + 1]
                keys.update(f"F{number}" for number in range(int(first[1:]), int(last[1:]) + 1))
            else:
                keys.add(word)
    return keys


async def test_palette_is_dutch_and_runs_app_commands(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette_input = app.screen.query_one(Input)
        assert palette_input.placeholder == "Zoek een opdracht…"
        commands = ("Nieuwe ronde starten", "Andere sessie openen", "Rapport exporteren", "Afsluiten")
        await until(pilot, lambda: all(command in screen_text(app) for command in commands))
        text = screen_text(app)
        for command in commands:
            assert command in text
        for english in ("Quit", "Keys", "Screenshot", "Maximize", "Theme", "Search for commands"):
            assert english not in text
        await type_text(pilot, "zzqqxx")
        await until(pilot, lambda: "Geen opdrachten gevonden" in screen_text(app))
        text = screen_text(app)
        assert "No matches" not in text
        assert "Geen opdrachten gevonden" in text
        await pilot.press(*["backspace"] * 6)
        await type_text(pilot, "nieuwe ronde")
        await until(pilot, lambda: palette_choice(app) == "Nieuwe ronde starten")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewRoundForAllDialog)


def test_every_palette_command_runs_an_action_the_app_has(session_file: Path) -> None:
    from functools import partial

    from samenwerk_tui.ui.commands import system_commands

    app = make_app(session_file.parent)
    actions = [command.callback.args[0] for command in system_commands(app) if isinstance(command.callback, partial)]
    assert len(actions) >= 15
    for action in actions:
        assert callable(getattr(app, "action_" + action.split("(")[0], None)), action


async def test_theme_picker_is_dutch_and_changes_the_theme(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        before = app.theme
        await pilot.press("ctrl+p")
        await type_text(pilot, "thema wijzigen")
        await until(pilot, lambda: palette_choice(app) == "Thema wijzigen")
        await pilot.press("enter")
        await until(pilot, lambda: any(field.placeholder == "Zoek een kleurenthema…" for field in app.screen.query(Input)))
        assert app.screen.query_one(Input).placeholder == "Zoek een kleurenthema…"
        assert "Search for" not in screen_text(app)
        await type_text(pilot, "zzqqxx")
        await until(pilot, lambda: "Geen opdrachten gevonden" in screen_text(app))
        assert "No matches" not in screen_text(app)
        await pilot.press(*["backspace"] * 6)
        await type_text(pilot, "light")
        await until(pilot, lambda: "light" in palette_choice(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme != before
        assert "light" in app.theme


async def test_export_dialog_writes_the_chosen_format_and_esc_cancels(session_file: Path) -> None:
    from samenwerk_tui.ui.dialogs.export import ExportDialog

    app = make_app(session_file.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("3")
        app.action_export()
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "Markdown" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+p")
        await type_text(pilot, "rapport")
        await until(pilot, lambda: palette_choice(app) == "Rapport exporteren")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("down", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    report = session_file.parent / "rapport.csv"
    assert report.exists()
    assert not (session_file.parent / "rapport.md").exists()


async def test_note_editor_ctrl_s_keeps_the_note_and_ctrl_c_quits_after_saving(session_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "SAVE_DELAY", 30)
    app = make_app(session_file.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        await pilot.press("e")
        await type_text(pilot, "met ctrl s")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert answer(session_file, question) == {"notitie": "met ctrl s"}


# --- sessions and rounds -----------------------------------------------------


async def test_ctrl_o_switches_respondent(folder: Path) -> None:
    gemeente = write_session(folder, organisation="Gemeente")
    politie = write_session(folder, organisation="Politie")
    app = make_app(folder, respondent="Gemeente")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.workspace.current_path == gemeente
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SessionPicker)
        assert "Politie" in screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.workspace.current_path == politie
        assert "Politie (coördinator)" in screen_text(app).splitlines()[0]
        await pilot.press("3")
        await settle(app, pilot)
        assert answer(politie, selected(app).id)["score"] == 3
        assert answer(gemeente, selected(app).id) == {}
        # Esc leaves the picker without switching.
        await pilot.press("ctrl+o")
        await pilot.press("down", "escape")
        await pilot.pause()
        assert app.workspace.current_path == politie


async def test_ctrl_n_starts_a_new_round_carrying_notes_and_actions(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        await pilot.press("4", "e")
        await type_text(pilot, "blijft staan")
        await pilot.press("escape")
        await pilot.press("a")
        await type_text(pilot, "Actie mee")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewRoundForAllDialog)
        assert app.screen.query_one("#round-label", Input).value == "2027-Q1"
        await pilot.press("enter")
        await settle(app, pilot)
        new_file = session_file.parent / session_file.name.replace("2026-q4", "2027-q1")
        assert new_file.exists()
        assert app.workspace.current_path == new_file
        data = on_disk(new_file)
        assert data["ronde"]["label"] == "2027-Q1"
        assert data["vragen"][question] == {"notitie": "blijft staan"}
        assert [action["wat"] for action in data["acties"].values()] == ["Actie mee"]
        # The old round was saved before the switch, and its score stays there.
        assert answer(session_file, question) == {"score": 4, "notitie": "blijft staan"}
        assert "2027-Q1" in screen_text(app).splitlines()[0]
        # The earlier round shows beside the question.
        await pilot.press("b")
        await pilot.pause()
        phase_view(app).select_question(question)
        await pilot.pause()
        await pilot.pause()
        assert "2026-Q4" in screen_text(app)


async def test_ctrl_n_refuses_an_existing_round_and_escape_cancels(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+n")
        label = app.screen.query_one("#round-label", Input)
        label.value = "2026-q4"
        await pilot.press("enter")
        await pilot.pause()
        assert "Ronde 2026-q4 bestaat al" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NewRoundForAllDialog)
        assert len(list(session_file.parent.glob("*.toml"))) == 1


# --- conflicts and read-only files ---------------------------------------------


async def edit_behind_the_back(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('[vragen."visie.1"]\n', '[vragen."visie.1"]\nnotitie = "van de collega"\n', 1), encoding="utf-8")


async def start_conflict(app, pilot, path: Path) -> str:
    question = selected(app).id
    await edit_behind_the_back(path)
    await pilot.press("2")
    await settle(app, pilot)
    assert isinstance(app.screen, ConflictDialog)
    return question


@pytest.fixture
def visie_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # These tests answer the dialog on purpose; the grace period has its own test.
    monkeypatch.setattr(ConflictDialog, "GRACE_SECONDS", 0)
    return write_session(folder)


async def test_keys_typed_just_as_the_conflict_dialog_appears_choose_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A long grace period, so a slow test machine cannot let it run out between the dialog and the keys.
    monkeypatch.setattr(ConflictDialog, "GRACE_SECONDS", 30)
    path = write_session(folder)
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await start_conflict(app, pilot, path)
        await pilot.press("k", "o", "enter")  # meant for the outline: up, Overzicht, note
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        assert answer(path, "visie.1") == {"notitie": "van de collega"}
        monkeypatch.setattr(ConflictDialog, "GRACE_SECONDS", 0)
        await pilot.press("o")
        await settle(app, pilot)
        assert answer(path, "visie.1") == {"score": 2}


async def test_conflict_reload_shows_their_version(visie_file: Path) -> None:
    app = make_app(visie_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert selected(app).id == "visie.1"
        await start_conflict(app, pilot, visie_file)
        assert "door iemand anders gewijzigd" in screen_text(app)
        await pilot.press("r")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConflictDialog)
        assert answer(visie_file, "visie.1") == {"notitie": "van de collega"}
        assert "van de collega" in screen_text(app)
        # After a reload, editing saves normally again.
        await pilot.press("5")
        await settle(app, pilot)
        assert answer(visie_file, "visie.1") == {"score": 5, "notitie": "van de collega"}


async def test_conflict_copy_keeps_both_versions(visie_file: Path) -> None:
    app = make_app(visie_file.parent, respondent=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await start_conflict(app, pilot, visie_file)
        await pilot.press("k")
        await settle(app, pilot)
        copies = [path for path in visie_file.parent.glob("*.toml") if path != visie_file]
        assert len(copies) == 1
        assert answer(copies[0], "visie.1") == {"score": 2}
        assert answer(visie_file, "visie.1") == {"notitie": "van de collega"}
        assert copies[0].name in notices(app)


async def test_conflict_overwrite_writes_mine(visie_file: Path) -> None:
    app = make_app(visie_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await start_conflict(app, pilot, visie_file)
        await pilot.press("o")
        await settle(app, pilot)
        assert answer(visie_file, "visie.1") == {"score": 2}
        assert len(list(visie_file.parent.glob("*.toml"))) == 1
        await pilot.press("3")
        await settle(app, pilot)
        assert answer(visie_file, "visie.1") == {"score": 3}


async def test_conflict_later_keeps_my_change_and_asks_again(visie_file: Path) -> None:
    app = make_app(visie_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await start_conflict(app, pilot, visie_file)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictDialog)
        assert "NIET OPGESLAGEN: het bestand is door iemand anders gewijzigd" in screen_text(app)
        assert answer(visie_file, "visie.1") == {"notitie": "van de collega"}
        await pilot.press("j", "4")
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("o")
        await settle(app, pilot)
        assert answer(visie_file, "visie.1") == {"score": 2}
        assert answer(visie_file, "visie.2") == {"score": 4}


@pytest.mark.parametrize("close_dialog", [True, False], ids=["later-then-quit", "quit-from-dialog"])
async def test_quitting_with_an_unresolved_conflict_keeps_my_version_as_a_copy(visie_file: Path, close_dialog: bool) -> None:
    app = make_app(visie_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await start_conflict(app, pilot, visie_file)
        if close_dialog:
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    copies = [path for path in visie_file.parent.glob("*.toml") if path != visie_file]
    assert len(copies) == 1
    assert answer(copies[0], "visie.1") == {"score": 2}
    assert answer(visie_file, "visie.1") == {"notitie": "van de collega"}


async def test_switching_session_with_an_unresolved_conflict_keeps_my_version_as_a_copy(visie_file: Path) -> None:
    other = write_session(visie_file.parent, organisation="Politie")
    app = make_app(visie_file.parent, respondent="Gemeente")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(app, pilot)
        await start_conflict(app, pilot, visie_file)
        await pilot.press("escape")
        await pilot.pause()
        app.open_session(other)
        await pilot.pause()
        assert "bewaard als" in notices(app)
    copies = [path for path in visie_file.parent.glob("*.toml") if path not in (visie_file, other)]
    assert len(copies) == 1
    assert answer(copies[0], "visie.1") == {"score": 2}
    assert answer(visie_file, "visie.1") == {"notitie": "van de collega"}


async def test_conflict_dialog_buttons_work_with_the_mouse_too(visie_file: Path) -> None:
    app = make_app(visie_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await start_conflict(app, pilot, visie_file)
        await pilot.click("#overwrite")
        await settle(app, pilot)
        assert answer(visie_file, "visie.1") == {"score": 2}


async def test_newer_format_is_shown_read_only_and_says_why(folder: Path) -> None:
    path = write_session(folder)
    text = path.read_text(encoding="utf-8").replace("formaat = 1", "formaat = 2")
    text = text.replace('[vragen."visie.1"]\n', '[vragen."visie.1"]\nscore = 4\nnotitie = "uit de toekomst"\n', 1)
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    app = make_app(folder)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(app, pilot)
        assert "nieuwere versie van samenwerk" in notices(app)
        app.clear_notifications()
        await pilot.press("b")  # a file with answers opens on Overzicht
        phase_view(app).select_question("visie.1")
        await pilot.pause()
        await pilot.pause()
        screen = screen_text(app)
        assert "ALLEEN-LEZEN" in screen
        assert "uit de toekomst" in screen
        assert "Score: 4 – grotendeels op orde" in screen
        assert all(button.disabled for button in phase_view(app).query(".score-button"))
        for key in ("1", "n", "backspace", "e", "a", "right_square_bracket"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is app.screen_stack[0]
        await pilot.press("t", "n", "g")
        await settle(app, pilot)
        assert "alleen-lezen" in notices(app)
        assert "nieuwere versie" in notices(app)
        # However many keys were pressed, the reason shows once.
        assert notices(app).count("nieuwere versie") == 1
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before
    assert sorted(folder.iterdir()) == [path]


# --- colour, size ------------------------------------------------------------


async def test_scores_read_without_colour(session_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.no_color
        await pilot.press("1", "j", "5", "j", "n", "j", "e")
        await type_text(pilot, "x")
        await pilot.press("escape")
        await pilot.pause()
        order = [question.id for question in CONTENT.questions_of_phase("begin")]
        lines = screen_text(app).splitlines()

        def outline(question_id: str) -> str:
            return next(line.split("▕")[0] for line in lines if f"{question_id} " in line.split("▕")[0])

        assert " 1 " in outline(order[0])
        assert " 5 " in outline(order[1])
        assert "nvt" in outline(order[2])
        assert "✎" in outline(order[3])
        assert " · " in outline(order[4])
        assert "Score: nog niet beantwoord" in screen_text(app)
        # Textual turns colours into greys that all but vanish on the background: no colours at all.
        for question_id in order[:2]:
            tree = phase_view(app).tree
            label = tree.label_of(tree.question_nodes[question_id][0])
            assert all(span.style.color is None for span in label.spans if not isinstance(span.style, str)), label.spans
            assert all(
                not any(colour in span.style for colour in ("red", "green", "yellow"))
                for span in label.spans
                if isinstance(span.style, str)
            )
        await pilot.press("k")
        await pilot.pause()
        assert "Score: niet van toepassing" in screen_text(app)


async def test_usable_at_80_by_24(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        lines = text.splitlines()
        assert "Horecateam Lindendal" in lines[0]
        assert "Gemeente Lindendal" in text
        assert "beantwoord 0/69" in text
        for tab in ("Overzicht", "Beginfase", "Onderwegfase", "Verloop", "Acties", "Kennis"):
            assert tab in text
        question = selected(app).id
        assert question in text
        assert "Score: nog niet beantwoord" in text
        assert "nvt   wis" in text  # all score buttons beside the outline
        assert "F1" in text or "f1" in text
        await pilot.press("3")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Score: 3 – deels op orde" in text
        assert "opgeslagen 12:34" in text
        # Every key in the help can be reached: the list scrolls inside the dialog.
        await pilot.press("f1")
        await pilot.press(*["down"] * 40)
        await until(pilot, lambda: "bewaren (actie)" in screen_text(app))
        text = screen_text(app)
        assert "bewaren (actie)" in text
        assert "Esc of F1: sluiten" in text
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert "Esc: klaar" in screen_text(app)
        await pilot.press("escape")
        for key, title in (
            ("f1", "Toetsen van samenwerk"),
            ("slash", "Zoeken in vragen, notities en acties"),
            ("ctrl+n", "Nieuwe ronde voor alle deelnemers"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert title in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        text = screen_text(app)
        for field in ("Wat", "Wie", "Deadline", "Status", "Bewaren", "Annuleren", "Esc: annuleren"):
            assert field in text
        await pilot.press("escape")
        await pilot.pause()
        await start_conflict(app, pilot, session_file)
        text = screen_text(app)
        for choice in ("Herladen", "kopie", "Overschrijven", "Later"):
            assert choice in text
