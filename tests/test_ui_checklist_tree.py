"""Pilot tests of the phase outline's labels: a score redraws its own lines only, and no line is ever stale."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult

from conftest import CONTENT, burst, make_app, phase_view, ready, screen_text, settle
from samenwerk_tui.ui.checklist_tree import ChecklistTree


def outline_rows(app, phase: str) -> list[tuple[object, str]]:
    """Each node on screen in the phase's outline, with the text its row shows."""
    tree = phase_view(app, phase).tree
    rows = screen_text(app).splitlines()
    region = tree.scrollable_content_region
    shown = []
    for offset in range(region.height):
        node = tree.get_node_at_line(tree.scroll_offset.y + offset)
        if node is not None:
            shown.append((node, rows[region.y + offset][region.x : region.right]))
    return shown


def assert_outline_current(app, phase: str) -> None:
    tree = phase_view(app, phase).tree
    rows = outline_rows(app, phase)
    assert len(rows) > 10
    for node, row in rows:
        label = tree.label_of(node).plain
        assert label, node
        assert label[:24] in row, (label, row)


async def test_a_score_key_redraws_only_the_lines_whose_labels_change(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = phase_view(app)
        tree = view.tree
        # A question of the second factor: the first factor's lines above it, many lines below.
        second_factor = CONTENT.factors_of_phase("begin")[1]
        question = CONTENT.questions_of_factor(second_factor.id)[0]
        view.select_question(question.id)
        await settle(app, pilot)
        node = tree.cursor_node
        assert node is not None and node.data.id == question.id
        item_node = node.parent
        factor_node = item_node.parent
        assert tree.last_line > node.line + 10

        drawn_labels: list[object] = []
        drawn_lines: list[int] = []
        render_label, render_line = tree.render_label, tree.render_line

        def spy_label(node, base_style, style):  # type: ignore[no-untyped-def]
            drawn_labels.append(node)
            return render_label(node, base_style, style)

        def spy_line(y: int):  # type: ignore[no-untyped-def]
            drawn_lines.append(y + tree.scroll_offset.y)
            return render_line(y)

        tree.render_label = spy_label
        tree.render_line = spy_line
        await pilot.press("3")
        for _ in range(100):
            if node.line in drawn_lines:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        # Only the question, its item and its factor have new labels: only their lines are drawn anew.
        assert set(drawn_labels) == {node, item_node, factor_node}
        assert node.line in drawn_lines
        assert set(drawn_lines) <= {node.line, item_node.line, factor_node.line}
        assert tree.label_of(node).plain.startswith(f" 3  {question.id}")
        assert "1/" in tree.label_of(factor_node).plain
        del tree.render_label, tree.render_line
        assert_outline_current(app, "begin")


async def test_labels_on_screen_match_the_answers_after_a_burst_of_keys(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await burst(app, "1", "j", "2", "j", "n", "j", "j", "4", "k", "backspace", "j", "j", "j", "5", "left", "left", "3")
        await settle(app, pilot)
        assert_outline_current(app, "begin")
        tree = phase_view(app).tree
        scores = {node.data.id: tree.label_of(node).plain[:3] for nodes in tree.question_nodes.values() for node in nodes}
        for question_id, shown in scores.items():
            score = app.draft.score(question_id)
            assert shown == (" · " if score is None else "nvt" if score == "nvt" else f" {score} "), question_id


async def test_a_phase_tab_changed_while_hidden_shows_its_new_labels_when_opened(session_file: Path) -> None:
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        # Draw the Onderwegfase once, so that its lines are in the outline's line cache.
        await pilot.press("w")
        await pilot.pause()
        onderweg = phase_view(app, "onderweg")
        question_node = next(node for node, _ in outline_rows(app, "onderweg") if node.data.kind == "question")
        factor_node = question_node.parent.parent
        question_id = question_node.data.id
        before = dict(outline_rows(app, "onderweg"))
        assert f" ·  {question_id}" in before[question_node]
        await pilot.press("b")
        await pilot.pause()
        app.set_score(question_id, 4)
        app.set_note(question_id, "Besproken in het driehoeksoverleg")
        await pilot.press("w")
        await pilot.pause()
        after = dict(outline_rows(app, "onderweg"))
        assert f" 4 ✎{question_id}" in after[question_node]
        assert onderweg.tree.label_of(factor_node).plain[:24] in after[factor_node]
        assert after[factor_node] != before[factor_node]
        assert_outline_current(app, "onderweg")


class OutlineApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ChecklistTree("begin")


async def test_a_label_given_without_repaint_is_drawn_the_next_time_the_tree_is() -> None:
    app = OutlineApp()
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.query_one(ChecklistTree)
        tree.build(CONTENT, None)
        await pilot.pause()
        node = tree.question_nodes["visie.2"][0]
        assert "  ·  visie.2 " in screen_text(app).splitlines()[node.line]
        # As for a hidden tab: no repaint now, but whatever draws the tree next shows the new label.
        tree.relabel(node, Text(" 5  visie.2 vijf"), repaint=False)
        assert "  5  visie.2 vijf" in screen_text(app).splitlines()[node.line]
        await pilot.pause()
        assert "  5  visie.2 vijf" in screen_text(app).splitlines()[node.line]
        assert tree.label_of(node).plain == " 5  visie.2 vijf"
