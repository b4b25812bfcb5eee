"""The outline of a phase: success factor → checklist item → question, each line with its scores.

The tree keeps each line's label itself and draws it through ``render_label``:
a new score repaints the lines it changes and no others (Textual's
``TreeNode.set_label`` repaints every visible line below the node too, which
for a success factor is most of the outline on every score key).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from .render import first_line, number, score_text

if TYPE_CHECKING:
    from ..content import Checklist
    from ..model import Session


@dataclass(frozen=True)
class NodeRef:
    """What a line of the outline stands for."""

    kind: str  # "factor", "item" or "question"
    id: str


def answer_summary(draft: Session | None, question_ids: Iterable[str]) -> tuple[int, int, float | None]:
    """How many of the questions are answered, of how many, and the mean of their numeric scores."""
    scores = [draft.score(question_id) if draft else None for question_id in question_ids]
    answered = sum(1 for score in scores if score is not None)
    numeric = [score for score in scores if isinstance(score, int)]
    return answered, len(scores), sum(numeric) / len(numeric) if numeric else None


def summary_text(draft: Session | None, question_ids: Iterable[str]) -> Text:
    """ "  3/7  gem. 3,3" after a factor or item: answered of total, and the mean."""
    answered, total, mean = answer_summary(draft, question_ids)
    summary = Text(f"  {answered}/{total}", style="dim")
    if mean is not None:
        summary.append(f"  gem. {number(mean)}", style="dim")
    return summary


class ChecklistTree(Tree[NodeRef]):
    """The outline of a phase. ←/→ collapse and expand, j/k move.

    Nodes get an empty label of Textual's own; their text lives here
    (``label_of``) and is drawn by ``render_label``.
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Omlaag", show=False, id="tree.down"),
        Binding("k", "cursor_up", "Omhoog", show=False, id="tree.up"),
        Binding("left", "collapse_or_parent", "Inklappen", show=False, id="tree.collapse"),
        Binding("right", "expand_or_child", "Uitklappen", show=False, id="tree.expand"),
    ]

    def __init__(self, phase_id: str, **kwargs: object) -> None:
        # Before Tree's own __init__, which already draws the root's label.
        self._node_labels: dict[TreeNode[NodeRef], Text] = {}
        # Relabelled while the tree was hidden: their lines are invalidated before it is drawn again.
        self._unpainted_nodes: set[TreeNode[NodeRef]] = set()
        self._question_nodes: dict[str, list[TreeNode[NodeRef]]] = {}
        self._item_nodes: dict[str, list[TreeNode[NodeRef]]] = {}
        self._factor_nodes: dict[str, TreeNode[NodeRef]] = {}
        super().__init__(Text(""), **kwargs)  # type: ignore[arg-type]
        self.phase_id = phase_id
        self.show_root = False
        self.guide_depth = 2
        # Enter edits the note; folding stays with ←/→ (and Enter on a factor).
        self.auto_expand = False

    # --- the outline -------------------------------------------------------------

    @property
    def question_nodes(self) -> Mapping[str, list[TreeNode[NodeRef]]]:
        """The lines of each question (one per success factor it counts for in this phase)."""
        return self._question_nodes

    @property
    def item_nodes(self) -> Mapping[str, list[TreeNode[NodeRef]]]:
        return self._item_nodes

    @property
    def factor_nodes(self) -> Mapping[str, TreeNode[NodeRef]]:
        return self._factor_nodes

    def node_for(self, ref: NodeRef) -> TreeNode[NodeRef] | None:
        """The first line that stands for ``ref``, if this phase has one."""
        if ref.kind == "factor":
            return self._factor_nodes.get(ref.id)
        nodes = (self._question_nodes if ref.kind == "question" else self._item_nodes).get(ref.id)
        return nodes[0] if nodes else None

    def clear(self) -> Self:
        self._node_labels.clear()
        self._unpainted_nodes.clear()
        self._question_nodes.clear()
        self._item_nodes.clear()
        self._factor_nodes.clear()
        return super().clear()

    def build(self, checklist: Checklist, draft: Session | None) -> None:
        """Lay the phase out anew: its factors, under each its items, under each the questions that count for it."""
        self.clear()
        for factor in checklist.factors_of_phase(self.phase_id):
            factor_node = self.root.add(Text(""), data=NodeRef("factor", factor.id), expand=True)
            self._factor_nodes[factor.id] = factor_node
            for item in checklist.items_of_factor(factor.id):
                item_node = factor_node.add(Text(""), data=NodeRef("item", item.id), expand=True)
                self._item_nodes.setdefault(item.id, []).append(item_node)
                for question in checklist.questions_of_factor(factor.id, item.id):
                    question_node = item_node.add_leaf(Text(""), data=NodeRef("question", question.id))
                    self._question_nodes.setdefault(question.id, []).append(question_node)
        for question_id in self._question_nodes:
            self._relabel_question(checklist, draft, question_id, repaint=True)
        for item_id in self._item_nodes:
            self._relabel_item(checklist, draft, item_id, repaint=True)
        for factor_id in self._factor_nodes:
            self._relabel_factor(checklist, draft, factor_id, repaint=True)

    def answer_changed(
        self, checklist: Checklist, draft: Session | None, question_id: str | None, item_id: str | None, repaint: bool
    ) -> None:
        """Relabel the lines a changed answer (``question_id``) or item note (``item_id``) touches.

        Without ``repaint`` (a hidden tab) the lines are repainted when the tree is drawn again:
        repainting a widget that is not on screen makes Textual recompute the whole screen map.
        """
        if question_id is not None and question_id in self._question_nodes:
            self._relabel_question(checklist, draft, question_id, repaint)
            self._relabel_item(checklist, draft, checklist.item_of_question[question_id].id, repaint)
            for factor_id in checklist.factors_of_question[question_id]:
                if factor_id in self._factor_nodes:
                    self._relabel_factor(checklist, draft, factor_id, repaint)
        if item_id is not None and item_id in self._item_nodes:
            self._relabel_item(checklist, draft, item_id, repaint)

    def _relabel_question(self, checklist: Checklist, draft: Session | None, question_id: str, repaint: bool) -> None:
        answer = draft.answer(question_id) if draft else None
        question = checklist.questions[question_id]
        marker = "✎" if answer and answer.note else " "
        score = score_text(answer.score if answer else None, colour=not self.app.no_color)
        label = Text.assemble(score, marker, (question_id, "dim"), " ", first_line(question.text, 200))
        for node in self._question_nodes.get(question_id, []):
            self.relabel(node, label, repaint)

    def _relabel_item(self, checklist: Checklist, draft: Session | None, item_id: str, repaint: bool) -> None:
        item = checklist.items[item_id]
        noted = bool(draft and item_id in draft.item_notes and draft.item_notes[item_id].note)
        for node in self._item_nodes.get(item_id, []):
            # Under a factor, the item counts only the questions that count for that factor.
            factor_id = node.parent.data.id if node.parent is not None and node.parent.data is not None else None
            questions = checklist.questions_of_factor(factor_id, item_id) if factor_id else item.questions
            label = Text(item.title)
            label.append_text(summary_text(draft, [question.id for question in questions]))
            if noted:
                label.append(" ✎", style="dim")
            self.relabel(node, label, repaint)

    def _relabel_factor(self, checklist: Checklist, draft: Session | None, factor_id: str, repaint: bool) -> None:
        factor = checklist.factors[factor_id]
        label = Text(f"{factor.number}. {factor.name}", style="bold")
        label.append_text(summary_text(draft, [question.id for question in checklist.questions_of_factor(factor_id)]))
        self.relabel(self._factor_nodes[factor_id], label, repaint)

    # --- labels ------------------------------------------------------------------

    def label_of(self, node: TreeNode[NodeRef]) -> Text:
        """The text this tree draws for ``node``."""
        return self._node_labels.get(node, Text(""))

    def relabel(self, node: TreeNode[NodeRef], label: Text, repaint: bool = True) -> None:
        """Give ``node`` a new label, repainting only its own line (now, or before the tree is next drawn)."""
        new_label = self.process_label(label)
        old_label = self._node_labels.get(node)
        if old_label is not None and old_label == new_label and old_label.style == new_label.style:
            return
        self._node_labels[node] = new_label
        if node.line < 0:
            return  # never laid out, so never drawn: its first line will show the new label
        if repaint:
            # Invalidates the node's line in the tree's line cache and repaints that line alone.
            node.refresh()
        else:
            self._unpainted_nodes.add(node)

    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        # Textual draws the fold icon (and the node's own, empty, label); the text is added here.
        text = super().render_label(node, base_style, style)
        label = self._node_labels.get(node)
        if label is not None:
            label = label.copy()
            label.stylize(style)
            text.append_text(label)
        return text

    def render_lines(self, crop: Region) -> list[Strip]:
        # Lines relabelled while hidden are marked for repainting before the tree is drawn,
        # so that neither Textual's line cache nor its rendered lines show their old labels.
        while self._unpainted_nodes:
            self._unpainted_nodes.pop().refresh()
        return super().render_lines(crop)

    # --- keys and mouse ----------------------------------------------------------

    async def on_click(self, event: events.Click) -> None:
        # One click shows the question (its score buttons are beside it); a
        # double click edits the note, like Enter. Tree's own handler would
        # open the editor on every click: prevent_default keeps it from running.
        meta = event.style.meta
        if "line" in meta and not meta.get("toggle", False) and event.chain < 2:
            event.prevent_default()
            async with self.lock:
                self.cursor_line = meta["line"]

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


def tree_order(node: TreeNode[NodeRef] | None) -> tuple[int, ...]:
    """A node's place in the outline, as child indices from the root: sorts in reading order."""
    path: list[int] = []
    while node is not None and node.parent is not None:
        path.append(node.parent.children.index(node))
        node = node.parent
    return tuple(reversed(path))
