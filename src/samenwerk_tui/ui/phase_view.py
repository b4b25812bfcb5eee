"""A lifecycle phase: its success factors, their items and questions, by keyboard.

Left, the outline (``ChecklistTree``: factor → item → question) with each
question's score; right, the ``DetailPane`` with the selected question in full.
The keys that score and annotate work wherever the focus is inside the tab.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Tree
from textual.widgets.tree import TreeNode

from ..scale import NOT_APPLICABLE
from .checklist_tree import ChecklistTree, NodeRef, tree_order
from .detail_pane import DetailPane, DetailSource

if TYPE_CHECKING:
    from ..content import Checklist
    from ..model import Action


class PhaseHost(DetailSource, Protocol):
    """What a phase tab asks of the app: the draft to read, and the edits to make to it."""

    @property
    def today(self) -> dt.date: ...

    def can_edit(self) -> bool: ...

    def set_score(self, question_id: str, score: int | str | None) -> None: ...

    def set_note(self, question_id: str, note: str) -> None: ...

    def set_item_note(self, item_id: str, note: str) -> None: ...

    def set_action(self, action_id: str, action: Action | None) -> None: ...

    def jump_to_open_question(self, phase_id: str, forward: bool) -> None: ...


class PhaseView(Horizontal):
    """One phase tab. Score keys work wherever the focus is inside it."""

    BINDINGS = [
        # One footer entry for all score keys keeps F1 Help visible at 80 columns.
        *(
            Binding(
                str(value),
                f"score({value})",
                "Score/nvt",
                show=value == 1,
                key_display="1–5 0" if value == 1 else None,
                id=f"phase.score-{value}",
            )
            for value in range(1, 6)
        ),
        Binding("0,n", "score('nvt')", "nvt", show=False, id="phase.nvt"),
        Binding("backspace,delete", "clear_score", "Wissen", show=False, id="phase.clear"),
        Binding("e", "edit_note", "Notitie", id="phase.note"),
        Binding("right_square_bracket", "next_unanswered", "Open vraag", key_display="]", id="phase.next-open"),
        Binding("left_square_bracket", "previous_unanswered", "Vorige open vraag", key_display="[", show=False, id="phase.previous-open"),
        Binding("a", "add_action", "Actie", show=False, id="phase.add-action"),
    ]

    def __init__(self, phase_id: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.phase_id = phase_id
        self._tree = ChecklistTree(phase_id, id=f"tree-{phase_id}", classes="checklist-tree")
        self.detail = DetailPane(phase_id, classes="detail", id=f"detail-{phase_id}")

    @property
    def host(self) -> PhaseHost:
        return cast(PhaseHost, self.app)

    def compose(self) -> ComposeResult:
        yield self._tree
        yield self.detail

    @property
    def tree(self) -> ChecklistTree:  # type: ignore[override]  # DOMNode.tree is a debugging view, unused here
        return self._tree

    # --- building --------------------------------------------------------------

    def rebuild(self, keep_selection: bool = True) -> None:
        """Build the outline anew from the draft.

        The cursor is on its place before this returns, so a key typed right
        after (a switch of session, a reload) acts on what the screen will
        show. With ``keep_selection`` it stays on the same question; without,
        as for another respondent's file, it starts at the first open question.
        """
        workspace = self.host.workspace
        if workspace is None:
            return
        tree = self.tree
        selected = tree.cursor_node.data if tree.cursor_node and keep_selection else None
        tree.build(workspace.content, self.host.draft)
        node = tree.node_for(selected) if selected is not None else None
        if node is None:
            node = self._first_unanswered() or (tree.root.children[0] if tree.root.children else None)
        if node is not None:
            self._move_cursor(node)
        # The same question may now hold another respondent's answer: shown in full.
        self.detail.stale = True
        self.detail.selection = self.selected_ref()
        self.detail.show_if_stale()

    def _checklist(self) -> Checklist:
        workspace = self.host.workspace
        assert workspace is not None
        return workspace.content

    def answer_changed(self, question_id: str | None, item_id: str | None = None) -> None:
        """Relabel what the change touches; repaint only while this tab is shown.

        A hidden tab's outline repaints those lines when it is drawn again, and
        its detail pane is brought up to date when it is shown (``show_if_stale``).
        """
        shown = self._is_shown()
        self.tree.answer_changed(self._checklist(), self.host.draft, question_id, item_id, repaint=shown)
        if shown:
            self.detail.selection = self.selected_ref()
            self.detail.show_answers()
        else:
            self.detail.stale = True

    def _is_shown(self) -> bool:
        # The tab's pane is hidden by the TabbedContent while another tab is active.
        pane = self.parent
        return self.display and (pane is None or pane.display)

    def show_if_stale(self) -> None:
        """Bring the detail pane up to date once the tab is shown again."""
        self.detail.show_if_stale()

    def refresh_detail(self) -> None:
        """The advice beside the checklist changed (form, convenant): show the detail pane in full again."""
        if self._is_shown():
            self.detail.show_all()
        else:
            self.detail.stale = True

    # --- the outline's cursor ------------------------------------------------------

    @on(Tree.NodeHighlighted)
    def _cursor_moved(self, event: Tree.NodeHighlighted[NodeRef]) -> None:
        event.stop()
        self.detail.selection = self.selected_ref()

    @on(Tree.NodeSelected)
    def _node_chosen(self, event: Tree.NodeSelected[NodeRef]) -> None:
        event.stop()
        ref = event.node.data
        if ref is not None and ref.kind in ("question", "item"):
            self.action_edit_note()

    def selected_ref(self) -> NodeRef | None:
        node = self.tree.cursor_node
        return node.data if node else None

    @on(Button.Pressed, ".score-button")
    def _score_button(self, event: Button.Pressed) -> None:
        event.stop()
        name = event.button.name
        if name == "clear":
            self.action_clear_score()
        elif name == NOT_APPLICABLE:
            self.action_score(NOT_APPLICABLE)
        elif name is not None:
            self.action_score(int(name))

    # --- actions -------------------------------------------------------------------

    def _selected_question(self) -> str | None:
        ref = self.selected_ref()
        if ref is None or ref.kind != "question":
            self.app.notify("Kies eerst een vraag (pijltjes of j/k).", severity="warning", timeout=3)
            return None
        return ref.id

    def action_score(self, value: int | str) -> None:
        question_id = self._selected_question()
        if question_id is not None:
            self.host.set_score(question_id, value)

    def action_clear_score(self) -> None:
        question_id = self._selected_question()
        if question_id is not None:
            self.host.set_score(question_id, None)

    def action_edit_note(self) -> None:
        from .dialogs.editing import NoteEditor

        ref = self.selected_ref()
        draft = self.host.draft
        if ref is None or draft is None or not self.host.can_edit():
            return
        checklist = self._checklist()
        if ref.kind == "question":
            title = f"{ref.id} · {checklist.questions[ref.id].text}"
            current = draft.answer(ref.id).note

            def done(note: str | None) -> None:
                if note is not None:
                    self.host.set_note(ref.id, note)

        elif ref.kind == "item":
            title = f"Notitie bij: {checklist.items[ref.id].title}"
            current = draft.item_notes[ref.id].note if ref.id in draft.item_notes else ""

            def done(note: str | None) -> None:
                if note is not None:
                    self.host.set_item_note(ref.id, note)

        else:
            node = self.tree.cursor_node
            if node is not None:
                node.toggle()
            return
        self.app.push_screen(NoteEditor(title, current), done)

    def action_add_action(self) -> None:
        from .dialogs.editing import ActionForm

        ref = self.selected_ref()
        if ref is None or not self.host.can_edit():
            return
        checklist = self._checklist()
        if ref.kind == "question":
            item_id = checklist.item_of_question[ref.id].id
        elif ref.kind == "item":
            item_id = ref.id
        else:
            items = checklist.items_of_factor(ref.id)
            item_id = items[0].id if items else ""
        draft = self.host.draft
        assert draft is not None

        def done(result: tuple[str, Action] | None) -> None:
            if result is not None:
                action_id, action = result
                self.host.set_action(action_id, action)
                # Not markup: the title may come from a custom checklist.
                self.app.notify(f"Actie toegevoegd bij {checklist.items[item_id].title}.", timeout=4, markup=False)

        self.app.push_screen(ActionForm(checklist, item_id=item_id, round_label=draft.round.label, today=self.host.today), done)

    # --- open questions and moving the cursor ------------------------------------------

    def _unanswered_nodes(self) -> list[TreeNode[NodeRef]]:
        draft = self.host.draft
        nodes = []
        for question_id, question_nodes in self.tree.question_nodes.items():
            if draft is None or draft.score(question_id) is None:
                nodes.extend(question_nodes)
        return sorted(nodes, key=tree_order)

    def _first_unanswered(self) -> TreeNode[NodeRef] | None:
        nodes = self._unanswered_nodes()
        return nodes[0] if nodes else None

    def unanswered_after(self, forward: bool, here: TreeNode[NodeRef] | None = None) -> TreeNode[NodeRef] | None:
        """The next (or previous) open question in this phase from ``here``; from the start (or end) without ``here``."""
        nodes = self._unanswered_nodes()
        if here is None:
            return (nodes[0] if forward else nodes[-1]) if nodes else None
        position = tree_order(here)
        if forward:
            return next((node for node in nodes if tree_order(node) > position), None)
        return next((node for node in reversed(nodes) if tree_order(node) < position), None)

    def action_next_unanswered(self) -> None:
        self.host.jump_to_open_question(self.phase_id, forward=True)

    def action_previous_unanswered(self) -> None:
        self.host.jump_to_open_question(self.phase_id, forward=False)

    def select_node(self, node: TreeNode[NodeRef]) -> None:
        """Show ``node`` (unfolding what hides it), put the cursor on it and focus the outline, at once."""
        self._move_cursor(node)
        if self._is_shown():
            # Now, not after the next refresh: the next key acts on this outline.
            self.screen.set_focus(self.tree, scroll_visible=False)

    def _move_cursor(self, node: TreeNode[NodeRef]) -> None:
        """Move the cursor now, so that the next key reads the new position.

        Unfolding invalidates the tree's line numbers; ``last_line`` recounts
        them, so the node's line is current when the cursor moves to it.
        """
        tree = self.tree
        parent = node.parent
        while parent is not None:
            if not parent.is_expanded and parent is not tree.root:
                parent.expand()
            parent = parent.parent
        if tree.last_line >= 0 and node.line >= 0:
            tree.cursor_line = node.line
            # Scrolling needs the outline's size, which a just-built or hidden tab does not have yet.
            self.call_after_refresh(self._scroll_to_cursor)

    def _scroll_to_cursor(self) -> None:
        node = self.tree.cursor_node
        if node is not None:
            self.tree.scroll_to_node(node, animate=False)

    def select_ref(self, ref: NodeRef) -> None:
        """Move the outline to a factor, item or question (from the Overzicht)."""
        node = self.tree.node_for(ref)
        if node is not None:
            self.select_node(node)

    def select_question(self, question_id: str) -> None:
        self.select_ref(NodeRef("question", question_id))
