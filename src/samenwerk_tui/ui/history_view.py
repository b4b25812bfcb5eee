"""Verloop: the history of one phase, factor, item or question.

Left, a picker; right, a bar chart of the mean per round with each partner
organisation beneath it, then a timeline of the notes and evaluation-log
entries of every round. Moving through the picker shows its history at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static, Tree

from . import analysis_text as words
from .history_chart import chart, timeline
from .render import plain

if TYPE_CHECKING:
    from ..analysis import History, Level


class HistoryView(Horizontal):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.history: History | None = None
        self.subject: tuple[Level, str] | None = None
        self._built_for: str | None = None

    def compose(self) -> ComposeResult:
        tree: Tree[tuple[str, str]] = Tree(Text(""), id="history-picker", classes="history-picker")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree
        with VerticalScroll(id="history-body", classes="history-body"):
            yield Static(plain(words.CALCULATING), id="history-title")
            yield Static(id="history-chart")
            yield Static(id="history-timeline")

    @property
    def picker(self) -> Tree[tuple[str, str]]:
        return self.query_one("#history-picker", Tree)

    def show_nothing(self, message: str) -> None:
        self.history = None
        self.query_one("#history-title", Static).update(plain(message))
        self.query_one("#history-chart", Static).update("")
        self.query_one("#history-timeline", Static).update("")

    def show(self, history: History, subject: tuple[Level, str] | None = None) -> None:
        """Show ``history``; with ``subject``, select it in the picker."""
        self.history = history
        if self._built_for != history.content.id + history.content.version:
            self._build_picker(history)
        if subject is not None:
            self.subject = subject
        if self.subject is None:
            first_factor = next(iter(history.content.factors), None)
            self.subject = ("factor", first_factor) if first_factor else None
        self._select_in_picker()
        self._render_subject()

    def _build_picker(self, history: History) -> None:
        content = history.content
        tree = self.picker
        tree.clear()
        for phase_id, phase in content.phases.items():
            phase_node = tree.root.add(Text(phase.name, style="bold"), data=("phase", phase_id), expand=True)
            for factor in content.factors_of_phase(phase_id):
                phase_node.add_leaf(Text(factor.name), data=("factor", factor.id))
        items_node = tree.root.add(Text(words.ITEMS_HEADING, style="bold"), data=("", ""), expand=True)
        for item in content.items.values():
            item_node = items_node.add(Text(item.title), data=("item", item.id))
            for question in item.questions:
                item_node.add_leaf(Text(f"{question.id} {words.truncate(question.text, 60)}"), data=("question", question.id))
        self._built_for = content.id + content.version

    def _select_in_picker(self) -> None:
        if self.subject is None:
            return
        wanted = self.subject

        def find(node: Any) -> Any:
            for child in node.children:
                if child.data == wanted:
                    return child
                found = find(child)
                if found is not None:
                    return found
            return None

        node = find(self.picker.root)
        if node is None:
            return
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.call_after_refresh(self._move_cursor, node)

    def _move_cursor(self, node) -> None:  # type: ignore[no-untyped-def]
        tree = self.picker
        if tree.cursor_node is not node:
            tree.move_cursor(node, animate=False)

    @on(Tree.NodeHighlighted, "#history-picker")
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:  # type: ignore[type-arg]
        event.stop()
        data = event.node.data
        if not data or not data[0] or data == self.subject:
            return
        self.subject = data
        self._render_subject()

    @on(Tree.NodeSelected, "#history-picker")
    def _selected(self, event: Tree.NodeSelected) -> None:  # type: ignore[type-arg]
        event.stop()
        self.query_one("#history-body").focus()

    def _render_subject(self) -> None:
        history = self.history
        if history is None or self.subject is None:
            return
        level, id = self.subject
        name = words.subject_name(history.content, level, id)
        title = Content("").join([Content.styled(f"{words.LEVEL_WORDS[level]}: ", "dim"), Content.styled(name, "bold")])
        self.query_one("#history-title", Static).update(title)
        self.query_one("#history-chart", Static).update(chart(history, level, id, colour=not self.app.no_color))
        self.query_one("#history-timeline", Static).update(timeline(history, level, id))
