"""A lifecycle phase: its success factors, their items and questions, by keyboard.

Left, an outline (factor → item → question) with each question's score;
right, the selected question in full with its score, note, the explanation
of its success factor and what this respondent answered in earlier rounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Button, Static, Tree
from textual.widgets.tree import TreeNode

from ..scale import NOT_APPLICABLE
from .advice_render import factor_advice, question_advice
from .render import date_text, first_line, number, score_symbol, score_text, score_words

if TYPE_CHECKING:
    from ..content import Checklist
    from ..model import Session
    from .app import SamenwerkApp


@dataclass(frozen=True)
class NodeRef:
    kind: str  # "factor", "item" or "question"
    id: str


class ChecklistTree(Tree[NodeRef]):
    """The outline of a phase. ←/→ collapse and expand, j/k move."""

    BINDINGS = [
        Binding("j", "cursor_down", "Omlaag", show=False, id="tree.down"),
        Binding("k", "cursor_up", "Omhoog", show=False, id="tree.up"),
        Binding("left", "collapse_or_parent", "Inklappen", show=False, id="tree.collapse"),
        Binding("right", "expand_or_child", "Uitklappen", show=False, id="tree.expand"),
    ]

    async def on_click(self, event: events.Click) -> None:
        # One click shows the question (its score buttons are beside it); a
        # double click edits the note, like Enter. Tree's own handler would
        # open the editor on every click: prevent_default keeps it from running.
        meta = event.style.meta
        if "line" in meta and not meta.get("toggle", False) and event.chain < 2:
            event.prevent_default()
            async with self.lock:
                self.cursor_line = meta["line"]

    def relabel(self, node: TreeNode[NodeRef], label: Text, repaint: bool = True) -> None:
        """Give ``node`` a new label, repainting only its own line.

        ``TreeNode.set_label`` repaints every visible line below the node too,
        which for a success factor is most of the outline on every score key;
        their text does not depend on this label. Without ``repaint`` the
        caller repaints the tree later (a hidden tree: repainting a widget that
        is not on screen makes Textual recompute the whole screen map).
        """
        # No public Textual API sets a label without repainting the lines below
        # it: this writes TreeNode's own fields as set_label does, which is why
        # pyproject.toml pins Textual to the tested minor release.
        new_label = self.process_label(label)
        old_label = node.label
        if isinstance(old_label, Text) and old_label == new_label and old_label.style == new_label.style:
            return
        node._label = new_label
        node._updates += 1  # the tree's line cache keys on it
        if repaint and node.line >= 0:
            self.refresh(Region(0, node.line - self.scroll_offset.y, self.size.width, 1))

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0], animate=False)


class PhaseView(Horizontal):
    """One phase tab. Score keys work wherever the focus is inside it."""

    # The heading (id and item) on one line, so the question stays high at 80×24.
    DEFAULT_CSS = """
    PhaseView .detail-heading {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS = [
        # One footer entry for all score keys keeps F1 Help visible at 80 columns.
        *(Binding(str(value), f"score({value})", "Score/nvt", show=value == 1, key_display="1–5 0" if value == 1 else None, id=f"phase.score-{value}") for value in range(1, 6)),
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
        self._question_nodes: dict[str, list[TreeNode[NodeRef]]] = {}
        self._item_nodes: dict[str, list[TreeNode[NodeRef]]] = {}
        self._factor_nodes: dict[str, TreeNode[NodeRef]] = {}
        # Changes while the tab is hidden wait to be shown (see ``show_if_stale``).
        self._detail_stale = False
        self._tree_stale = False
        # What the detail pane shows in full; an answer changes only its score and note lines.
        self._detail_ref: NodeRef | None = None
        self._shown_content: dict[Static, Content] = {}
        self._tree: ChecklistTree | None = None
        self._detail: _DetailWidgets | None = None

    @property
    def samenwerk(self) -> SamenwerkApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        tree = ChecklistTree(Text(""), id=f"tree-{self.phase_id}", classes="checklist-tree")
        tree.show_root = False
        tree.guide_depth = 2
        # Enter edits the note; folding stays with ←/→ (and Enter on a factor).
        tree.auto_expand = False
        yield tree
        with VerticalScroll(classes="detail", id=f"detail-{self.phase_id}"):
            yield Static(classes="detail-heading")
            yield Static(classes="detail-question")
            with Horizontal(classes="score-buttons"):
                for value in range(1, 6):
                    yield Button(str(value), classes="score-button", name=str(value), compact=True)
                yield Button("nvt", classes="score-button", name=NOT_APPLICABLE, compact=True)
                yield Button("wis", classes="score-button", name="clear", compact=True)
            yield Static(classes="detail-score")
            yield Static(classes="detail-note")
            yield Static(classes="detail-earlier")
            yield Static(classes="detail-factor")

    @property
    def tree(self) -> ChecklistTree:  # type: ignore[override]  # DOMNode.tree is a debugging view, unused here
        if self._tree is None:
            self._tree = self.query_one(ChecklistTree)
        return self._tree

    @property
    def detail(self) -> _DetailWidgets:
        # Looked up once: the detail pane is composed once and asked on every key.
        if self._detail is None:
            self._detail = _DetailWidgets(
                heading=self.query_one(".detail-heading", Static),
                question=self.query_one(".detail-question", Static),
                buttons=self.query_one(".score-buttons", Horizontal),
                score_buttons=list(self.query(".score-button").results(Button)),
                score=self.query_one(".detail-score", Static),
                note=self.query_one(".detail-note", Static),
                earlier=self.query_one(".detail-earlier", Static),
                factor=self.query_one(".detail-factor", Static),
            )
        return self._detail

    # --- building --------------------------------------------------------------

    def rebuild(self, keep_selection: bool = True) -> None:
        """Build the outline anew from the draft.

        The cursor is on its place before this returns, so a key typed right
        after (a switch of session, a reload) acts on what the screen will
        show. With ``keep_selection`` it stays on the same question; without,
        as for another respondent's file, it starts at the first open question.
        """
        app = self.samenwerk
        if app.workspace is None:
            return
        content = app.workspace.content
        tree = self.tree
        selected = tree.cursor_node.data if tree.cursor_node and keep_selection else None
        tree.clear()
        self._question_nodes.clear()
        self._item_nodes.clear()
        self._factor_nodes.clear()
        for factor in content.factors_of_phase(self.phase_id):
            factor_node = tree.root.add(Text(""), data=NodeRef("factor", factor.id), expand=True)
            self._factor_nodes[factor.id] = factor_node
            for item in content.items_of_factor(factor.id):
                item_node = factor_node.add(Text(""), data=NodeRef("item", item.id), expand=True)
                self._item_nodes.setdefault(item.id, []).append(item_node)
                for question in content.questions_of_factor(factor.id, item.id):
                    question_node = item_node.add_leaf(Text(""), data=NodeRef("question", question.id))
                    self._question_nodes.setdefault(question.id, []).append(question_node)
        self._relabel_all()
        node = self._node_for(selected) if selected is not None else None
        if node is None:
            node = self._first_unanswered() or (tree.root.children[0] if tree.root.children else None)
        if node is not None:
            self._move_cursor(node)
        self._show_detail()

    def _node_for(self, ref: NodeRef) -> TreeNode[NodeRef] | None:
        if ref.kind == "question":
            nodes = self._question_nodes.get(ref.id)
            return nodes[0] if nodes else None
        if ref.kind == "item":
            nodes = self._item_nodes.get(ref.id)
            return nodes[0] if nodes else None
        return self._factor_nodes.get(ref.id)

    def _relabel_all(self) -> None:
        for question_id in self._question_nodes:
            self._relabel_question(question_id)
        for item_id in self._item_nodes:
            self._relabel_item(item_id)
        for factor_id in self._factor_nodes:
            self._relabel_factor(factor_id)

    def _draft(self) -> Session | None:
        return self.samenwerk.draft

    def _content(self) -> Checklist:
        assert self.samenwerk.workspace is not None
        return self.samenwerk.workspace.content

    def _relabel_question(self, question_id: str, repaint: bool = True) -> None:
        draft = self._draft()
        answer = draft.answer(question_id) if draft else None
        question = self._content().questions[question_id]
        marker = "✎" if answer and answer.note else " "
        label = Text.assemble(score_text(answer.score if answer else None, colour=not self.app.no_color), marker, (question_id, "dim"), " ", first_line(question.text, 200))
        for node in self._question_nodes.get(question_id, []):
            self.tree.relabel(node, label, repaint)

    def _scores(self, question_ids: list[str]) -> tuple[int, int, float | None]:
        draft = self._draft()
        scores = [draft.score(qid) for qid in question_ids] if draft else []
        answered = sum(1 for score in scores if score is not None)
        numeric = [score for score in scores if isinstance(score, int)]
        mean = sum(numeric) / len(numeric) if numeric else None
        return answered, len(question_ids), mean

    def _summary(self, question_ids: list[str]) -> Text:
        answered, total, mean = self._scores(question_ids)
        summary = Text(f"  {answered}/{total}", style="dim")
        if mean is not None:
            summary.append(f"  gem. {number(mean)}", style="dim")
        return summary

    def _relabel_item(self, item_id: str, repaint: bool = True) -> None:
        content = self._content()
        item = content.items[item_id]
        draft = self._draft()
        noted = bool(draft and item_id in draft.item_notes and draft.item_notes[item_id].note)
        for node in self._item_nodes.get(item_id, []):
            # Under a factor, the item counts only the questions that count for that factor.
            factor_id = node.parent.data.id if node.parent is not None and node.parent.data is not None else None
            questions = content.questions_of_factor(factor_id, item_id) if factor_id else item.questions
            label = Text(item.title)
            label.append_text(self._summary([question.id for question in questions]))
            if noted:
                label.append(" ✎", style="dim")
            self.tree.relabel(node, label, repaint)

    def _relabel_factor(self, factor_id: str, repaint: bool = True) -> None:
        content = self._content()
        factor = content.factors[factor_id]
        question_ids = [question.id for question in content.questions_of_factor(factor_id)]
        label = Text(f"{factor.number}. {factor.name}", style="bold")
        label.append_text(self._summary(question_ids))
        self.tree.relabel(self._factor_nodes[factor_id], label, repaint)

    def answer_changed(self, question_id: str | None, item_id: str | None = None) -> None:
        """Relabel what the change touches; repaint only while this tab is shown.

        A hidden tab is brought up to date when it is shown (``show_if_stale``).
        """
        content = self._content()
        shown = self._is_shown()
        if question_id is not None and question_id in self._question_nodes:
            self._relabel_question(question_id, repaint=shown)
            item = content.item_of_question[question_id]
            self._relabel_item(item.id, repaint=shown)
            for factor_id in content.factors_of_question[question_id]:
                if factor_id in self._factor_nodes:
                    self._relabel_factor(factor_id, repaint=shown)
        if item_id is not None and item_id in self._item_nodes:
            self._relabel_item(item_id, repaint=shown)
        if shown:
            self._show_detail(answers_only=not self._detail_stale)
        else:
            self._detail_stale = self._tree_stale = True

    def _is_shown(self) -> bool:
        # The tab's pane is hidden by the TabbedContent while another tab is active.
        pane = self.parent
        return self.display and (pane is None or pane.display)

    def show_if_stale(self) -> None:
        """Repaint the outline and the detail pane once the tab is shown again."""
        if self._tree_stale:
            self._tree_stale = False
            self.tree.refresh()
        if self._detail_stale:
            self._show_detail()

    # --- the detail pane ---------------------------------------------------------

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[NodeRef]) -> None:
        event.stop()
        self._show_detail()

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[NodeRef]) -> None:
        event.stop()
        ref = event.node.data
        if ref is not None and ref.kind in ("question", "item"):
            self.action_edit_note()

    def selected_ref(self) -> NodeRef | None:
        node = self.tree.cursor_node
        return node.data if node else None

    def _show_detail(self, answers_only: bool = False) -> None:
        """Show the selected node in the detail pane.

        With ``answers_only`` (after a score or note changed) the heading, the
        text, earlier rounds and the explanation stay as they are, unless the
        selection moved since they were shown.
        """
        ref = self.selected_ref()
        if ref is None or self.samenwerk.workspace is None:
            return
        full = not answers_only or ref != self._detail_ref
        self._detail_stale = False
        self._detail_ref = ref
        content = self._content()
        draft = self._draft()
        detail = self.detail
        heading, question_static, score_static = detail.heading, detail.question, detail.score
        note_static, earlier_static, factor_static = detail.note, detail.earlier, detail.factor
        buttons = detail.buttons
        show = self._update_static
        if ref.kind == "question":
            item = content.item_of_question[ref.id]
            question = content.questions[ref.id]
            answer = draft.answer(ref.id) if draft else None
            if full:
                show(heading, Content.assemble((f"{ref.id} · ", "dim"), (item.title, "dim italic")))
                show(question_static, Content.assemble((question.text, "bold")))
            if not buttons.display:
                buttons.display = True
            score = answer.score if answer else None
            current = self.samenwerk.workspace.current
            read_only = current is not None and current.read_only
            for button in detail.score_buttons:
                chosen = button.name == str(score)
                if button.has_class("-chosen") != chosen:
                    button.set_class(chosen, "-chosen")
                if button.disabled != read_only:
                    button.disabled = read_only
            show(score_static, Content.assemble("Score: ", (score_words(score), "bold")))
            note = answer.note if answer else ""
            show(note_static, _note_block("Notitie / antwoord", note, "Enter of e: notitie bewerken · a: actie toevoegen · F1: alle toetsen", question_advice(content, ref.id)))
            if full:
                show(earlier_static, self._earlier(ref.id))
                counted = content.factors_of_question[ref.id]
                factors = [content.factors[factor_id] for factor_id in counted if content.factors[factor_id].phase == self.phase_id]
                show(factor_static, _factor_block(factors or [content.factors[counted[0]]]))
        elif ref.kind == "item":
            item = content.items[ref.id]
            if full:
                show(heading, Content.assemble(("Checklistitem · ", "dim"), (content.sections[item.section].name, "dim italic")))
                show(question_static, Content.assemble((item.title, "bold")))
            if buttons.display:
                buttons.display = False
            answered, total, mean = self._scores([question.id for question in item.questions])
            show(score_static, Content(f"{answered} van {total} vragen beantwoord; gemiddelde {number(mean)}"))
            note = draft.item_notes[ref.id].note if draft and ref.id in draft.item_notes else ""
            show(note_static, _note_block("Notitie bij dit item", note, "Enter of e: notitie bewerken · a: actie toevoegen"))
            if full:
                show(earlier_static, Content(""))
                show(factor_static, _factor_block([content.factors[factor_id] for factor_id in item.factors]))
        else:
            factor = content.factors[ref.id]
            if full:
                show(heading, Content.assemble(("Succesfactor · ", "dim"), (content.phases[factor.phase].name, "dim italic")))
                show(question_static, Content.assemble((f"{factor.number}. {factor.name}", "bold")))
            if buttons.display:
                buttons.display = False
            question_ids = [question.id for question in content.questions_of_factor(ref.id)]
            answered, total, mean = self._scores(question_ids)
            show(score_static, Content(f"{answered} van {total} vragen beantwoord; gemiddelde {number(mean)}"))
            if full:
                show(note_static, Content(""))
                show(earlier_static, Content(""))
                show(factor_static, Content.assemble(("Uitleg (CCV)\n", "bold"), factor.explanation, factor_advice(content, self.samenwerk.settings, ref.id)))

    def refresh_detail(self) -> None:
        """The advice beside the checklist changed (form, convenant): show the detail pane in full again."""
        self._detail_ref = None
        if self._is_shown():
            self._show_detail()
        else:
            self._detail_stale = True

    def _update_static(self, static: Static, new: Content) -> None:
        """Update ``static`` only when its text or styles change.

        Every update of an auto-height Static lays out the whole screen, so an
        unchanged one is skipped, and a one-line text that stays one line
        repaints without a layout.
        """
        old = self._shown_content.get(static)
        if old is not None and old.plain == new.plain and old.spans == new.spans:
            return
        self._shown_content[static] = new
        width = static.content_region.width
        one_line = old is not None and width > 0 and all("\n" not in text.plain and text.cell_length <= width for text in (old, new))
        static.update(new, layout=not one_line)

    def _earlier(self, question_id: str) -> Content:
        workspace = self.samenwerk.workspace
        assert workspace is not None
        earlier = workspace.earlier_answers(question_id)
        if not earlier:
            return Content.assemble(("Eerdere rondes\n", "bold"), ("Geen eerdere antwoorden van deze respondent.", "dim"))
        lines: list[Content | str] = [Content.styled("Eerdere rondes (deze respondent)", "bold")]
        for entry in earlier[:8]:
            line = Content.assemble(
                (f"{entry.round_label:<9}", ""),
                (score_symbol(entry.answer.score), "bold"),
                (f"  {date_text(entry.round_date)}", "dim"),
            )
            lines.append(line)
            if entry.answer.note:
                # No indent: a wrapped note would start its next lines at the margin anyway.
                lines.append(Content.styled(first_line(entry.answer.note, 160), "dim italic"))
        return Content("\n").join(lines)

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
            self.samenwerk.set_score(question_id, value)

    def action_clear_score(self) -> None:
        question_id = self._selected_question()
        if question_id is not None:
            self.samenwerk.set_score(question_id, None)

    def action_edit_note(self) -> None:
        from .dialogs import NoteEditor

        ref = self.selected_ref()
        draft = self._draft()
        if ref is None or draft is None or not self.samenwerk.can_edit():
            return
        content = self._content()
        if ref.kind == "question":
            title = f"{ref.id} · {content.questions[ref.id].text}"
            current = draft.answer(ref.id).note

            def done(note: str | None) -> None:
                if note is not None:
                    self.samenwerk.set_note(ref.id, note)

        elif ref.kind == "item":
            title = f"Notitie bij: {content.items[ref.id].title}"
            current = draft.item_notes[ref.id].note if ref.id in draft.item_notes else ""

            def done(note: str | None) -> None:
                if note is not None:
                    self.samenwerk.set_item_note(ref.id, note)

        else:
            node = self.tree.cursor_node
            if node is not None:
                node.toggle()
            return
        self.app.push_screen(NoteEditor(title, current), done)

    def _unanswered_nodes(self) -> list[TreeNode[NodeRef]]:
        draft = self._draft()
        nodes = []
        for question_id, question_nodes in self._question_nodes.items():
            if draft is None or draft.score(question_id) is None:
                nodes.extend(question_nodes)
        return sorted(nodes, key=lambda node: _tree_order(node))

    def _first_unanswered(self) -> TreeNode[NodeRef] | None:
        nodes = self._unanswered_nodes()
        return nodes[0] if nodes else None

    def unanswered_after(self, forward: bool, here: TreeNode[NodeRef] | None = None) -> TreeNode[NodeRef] | None:
        """The next (or previous) open question in this phase from ``here``; from the start (or end) without ``here``."""
        nodes = self._unanswered_nodes()
        if here is None:
            return (nodes[0] if forward else nodes[-1]) if nodes else None
        position = _tree_order(here)
        if forward:
            return next((node for node in nodes if _tree_order(node) > position), None)
        return next((node for node in reversed(nodes) if _tree_order(node) < position), None)

    def action_next_unanswered(self) -> None:
        self.samenwerk.jump_to_open_question(self.phase_id, forward=True)

    def action_previous_unanswered(self) -> None:
        self.samenwerk.jump_to_open_question(self.phase_id, forward=False)

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
        node = self._node_for(ref)
        if node is not None:
            self.select_node(node)

    def select_question(self, question_id: str) -> None:
        nodes = self._question_nodes.get(question_id)
        if nodes:
            self.select_node(nodes[0])

    def action_add_action(self) -> None:
        from .dialogs import ActionForm

        ref = self.selected_ref()
        if ref is None or not self.samenwerk.can_edit():
            return
        content = self._content()
        if ref.kind == "question":
            item_id = content.item_of_question[ref.id].id
        elif ref.kind == "item":
            item_id = ref.id
        else:
            items = content.items_of_factor(ref.id)
            item_id = items[0].id if items else ""
        draft = self._draft()
        assert draft is not None

        def done(result: tuple[str, object] | None) -> None:
            if result is not None:
                action_id, action = result
                self.samenwerk.set_action(action_id, action)  # type: ignore[arg-type]
                # Not markup: the title may come from a custom checklist.
                self.app.notify(f"Actie toegevoegd bij {content.items[item_id].title}.", timeout=4, markup=False)

        self.app.push_screen(ActionForm(content, item_id=item_id, round_label=draft.round.label, today=self.samenwerk.today), done)


@dataclass(frozen=True)
class _DetailWidgets:
    heading: Static
    question: Static
    buttons: Horizontal
    score_buttons: list[Button]
    score: Static
    note: Static
    earlier: Static
    factor: Static


def _tree_order(node: TreeNode[NodeRef] | None) -> tuple[int, ...]:
    path: list[int] = []
    while node is not None and node.parent is not None:
        path.append(node.parent.children.index(node))
        node = node.parent
    return tuple(reversed(path))


def _note_block(title: str, note: str, hint: str, advice: Content | None = None) -> Content:
    body = Content(note) if note else Content.styled("(nog geen notitie)", "dim")
    return Content("\n").join([Content.styled(title, "bold"), body, Content.styled(hint, "dim"), *([advice] if advice else [])])


def _factor_block(factors: list) -> Content:  # type: ignore[type-arg]
    parts: list[Content] = []
    for factor in factors:
        parts.append(Content.styled(f"Succesfactor: {factor.name}", "bold"))
        parts.append(Content(factor.explanation))
    return Content("\n").join(parts)
