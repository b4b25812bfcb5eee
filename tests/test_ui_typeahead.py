"""Type-ahead: every key acts on the state the key before it left.

A fast typist, a paste, or keys typed while a save or a repaint runs reach the
app before the screen has caught up. ``burst`` delivers keys that way (all at
once); ``pilot.press`` with many keys and no pause comes second. What counts is
what ends up in the file, question by question.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TabbedContent
from textual.widgets.tree import TreeNode

from conftest import answer, burst, make_app, on_disk, phase_view, ready, selected, settle, write_session
from samenwerk_tui.ui.dialogs.editing import NoteEditor
from samenwerk_tui.ui.dialogs.navigation import SessionPicker
from samenwerk_tui.ui.flows.rounds import NewRoundForAllDialog as NewRoundDialog

pytestmark = pytest.mark.usefixtures("quick_save")


def outline_questions(app, phase: str) -> list[str]:
    """The phase tab's questions in the order the outline shows them (each once)."""
    order: list[str] = []

    def walk(node: TreeNode) -> None:
        for child in node.children:
            if child.data is not None and child.data.kind == "question" and child.data.id not in order:
                order.append(child.data.id)
            walk(child)

    walk(phase_view(app, phase).tree.root)
    return order


async def until_idle(app, pilot) -> None:
    for _ in range(5):
        await pilot.pause()
    await app.workers.wait_for_complete()
    await settle(app, pilot)
    await app.workers.wait_for_complete()


def scores(path: Path, question_ids: list[str]) -> list[object]:
    answers = on_disk(path).get("vragen", {})
    return [answers.get(question_id, {}).get("score") for question_id in question_ids]


SEQUENCE = "1]2]3]4]5]1]2]3]4]5]"


async def test_a_burst_of_scores_and_jumps_lands_on_ten_questions(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        order = outline_questions(app, "begin")
        await burst(app, *SEQUENCE)
        await until_idle(app, pilot)
        assert scores(session_file, order[:11]) == [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, None]
        assert selected(app).id == order[10]


async def test_pressed_without_pause_the_same_sequence_lands_the_same(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        order = outline_questions(app, "begin")
        await pilot.press(*SEQUENCE)
        await until_idle(app, pilot)
        assert scores(session_file, order[:11]) == [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, None]


async def test_the_whole_checklist_in_one_burst_crosses_into_the_other_phase(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        begin = outline_questions(app, "begin")
        order = begin + [question for question in outline_questions(app, "onderweg") if question not in begin]
        assert len(order) == 69
        values = [str(index % 5 + 1) for index in range(69)]
        keys = [key for value in values for key in (value, "right_square_bracket")]
        await burst(app, *keys)
        await until_idle(app, pilot)
        assert scores(session_file, order) == [int(value) for value in values]
        assert app.query_one(TabbedContent).active == "onderweg"


async def test_j_k_arrows_nvt_and_clear_in_a_burst(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        order = outline_questions(app, "begin")
        # q0=5, down to q1=4, down to q2 nvt, up to q1 cleared, down down to q3=2
        await burst(app, "5", "j", "4", "down", "n", "k", "backspace", "j", "j", "2")
        await until_idle(app, pilot)
        assert scores(session_file, order[:4]) == [5, None, "nvt", 2]


async def test_tab_switches_in_a_burst_score_the_tab_they_switch_to(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        begin = outline_questions(app, "begin")
        onderweg = outline_questions(app, "onderweg")
        await burst(app, "w", "3", "right_square_bracket", "4", "b", "2", "o", "1", "f3", "5")
        await until_idle(app, pilot)
        assert scores(session_file, onderweg[:2]) == [3, 4]
        # "o" shows Overzicht, where a score key does nothing; F3 goes back to the same question.
        assert scores(session_file, begin[:1]) == [5]
        assert app.query_one(TabbedContent).active == "begin"


async def test_e_opens_the_note_of_the_question_the_keys_before_it_moved_to(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        order = outline_questions(app, "begin")
        await burst(app, "4", "right_square_bracket", "right_square_bracket", "e")
        await until_idle(app, pilot)
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.title_text.startswith(order[2])


async def test_keys_right_after_ctrl_o_go_to_the_other_respondent_from_its_first_open_question(folder: Path) -> None:
    gemeente = write_session(folder, organisation="Gemeente")
    politie = write_session(folder, organisation="Politie")
    app = make_app(folder, respondent="Gemeente")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        order = outline_questions(app, "begin")
        await burst(app, "j", "j", "j")  # the cursor is on the fourth question of the gemeente
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SessionPicker)
        await burst(app, "down", "enter", *SEQUENCE)
        await until_idle(app, pilot)
        assert app.workspace.current_path == politie
        assert scores(politie, order[:11]) == [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, None]
        assert on_disk(gemeente).get("vragen", {}) == {} or all("score" not in value for value in on_disk(gemeente)["vragen"].values())


async def test_keys_right_after_ctrl_n_go_to_the_new_round(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        order = outline_questions(app, "begin")
        await burst(app, "3")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewRoundDialog)
        assert app.screen.query_one("#round-label", Input).value == "2027-Q1"
        await burst(app, "enter", *SEQUENCE)
        await until_idle(app, pilot)
        new_file = session_file.parent / session_file.name.replace("2026-q4", "2027-q1")
        assert scores(new_file, order[:11]) == [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, None]
        assert answer(session_file, order[0]) == {"score": 3}


async def test_when_everything_is_answered_the_jump_says_so(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(app, pilot)
        keys = [key for _ in range(69) for key in ("3", "right_square_bracket")]
        await burst(app, *keys)
        await until_idle(app, pilot)
        assert all(score == 3 for score in scores(session_file, outline_questions(app, "begin") + outline_questions(app, "onderweg")))
        from conftest import notices

        assert "Alle 69 vragen van de checklist zijn beantwoord." in notices(app)
