"""Beside the outline: the selected question in full, with its score, note, earlier rounds and advice.

The phase view sets ``selection``; the pane shows it. After a score or a note
changed, ``show_answers`` redraws the score and note lines only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Button, Static

from ..scale import NOT_APPLICABLE
from .advice_render import factor_advice, question_advice
from .checklist_tree import NodeRef, answer_summary
from .render import date_text, first_line, number, score_symbol, score_words

if TYPE_CHECKING:
    from ..content import Factor
    from ..model import Session
    from ..settings import Settings
    from ..workspace import Workspace


class DetailSource(Protocol):
    """What the pane reads from the app."""

    @property
    def workspace(self) -> Workspace | None: ...

    @property
    def draft(self) -> Session | None: ...

    @property
    def settings(self) -> Settings | None: ...


class DetailPane(VerticalScroll):
    """The selected factor, item or question of one phase, in full."""

    # The heading (id and item) on one line, so the question stays high at 80×24.
    DEFAULT_CSS = """
    DetailPane .detail-heading {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    selection: reactive[NodeRef | None] = reactive(None, init=False)
    """The factor, item or question to show; set by the phase view when its cursor moves."""

    def __init__(self, phase_id: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.phase_id = phase_id
        self.heading = Static(classes="detail-heading")
        self.question = Static(classes="detail-question")
        self.score_buttons = [Button(str(value), classes="score-button", name=str(value), compact=True) for value in range(1, 6)]
        self.score_buttons.append(Button("nvt", classes="score-button", name=NOT_APPLICABLE, compact=True))
        self.score_buttons.append(Button("wis", classes="score-button", name="clear", compact=True))
        self.buttons = Horizontal(*self.score_buttons, classes="score-buttons")
        self.score = Static(classes="detail-score")
        self.note = Static(classes="detail-note")
        self.earlier = Static(classes="detail-earlier")
        self.factor = Static(classes="detail-factor")
        # Something changed while the tab was hidden: shown in full once it is shown again.
        self.stale = False
        # What each Static shows, and for which selection, so that a key redraws only what changed.
        self._shown_content: dict[Static, Content] = {}
        self._shown_ref: NodeRef | None = None

    def compose(self) -> ComposeResult:
        yield self.heading
        yield self.question
        yield self.buttons
        yield self.score
        yield self.note
        yield self.earlier
        yield self.factor

    @property
    def source(self) -> DetailSource:
        return cast(DetailSource, self.app)

    def watch_selection(self) -> None:
        self.show_all()

    def show_all(self) -> None:
        """Show the selection in full: its data changed (another file, new advice) or it is shown again."""
        self._show(full=True)

    def show_answers(self) -> None:
        """A score or note changed: redraw the score and note lines (in full if the selection moved)."""
        self._show(full=False)

    def show_if_stale(self) -> None:
        if self.stale:
            self.show_all()

    def _show(self, full: bool) -> None:
        ref = self.selection
        workspace = self.source.workspace
        if ref is None or workspace is None:
            return
        full = full or self.stale or ref != self._shown_ref
        self.stale = False
        self._shown_ref = ref
        checklist = workspace.content
        draft = self.source.draft
        show = self._update_static
        if ref.kind == "question":
            item = checklist.item_of_question[ref.id]
            question = checklist.questions[ref.id]
            answer = draft.answer(ref.id) if draft else None
            if full:
                show(self.heading, Content.assemble((f"{ref.id} · ", "dim"), (item.title, "dim italic")))
                show(self.question, Content.assemble((question.text, "bold")))
            if not self.buttons.display:
                self.buttons.display = True
            score = answer.score if answer else None
            current = workspace.current
            read_only = current is not None and current.read_only
            for button in self.score_buttons:
                chosen = button.name == str(score)
                if button.has_class("-chosen") != chosen:
                    button.set_class(chosen, "-chosen")
                if button.disabled != read_only:
                    button.disabled = read_only
            show(self.score, Content.assemble("Score: ", (score_words(score), "bold")))
            note = answer.note if answer else ""
            hint = "Enter of e: notitie bewerken · a: actie toevoegen · F1: alle toetsen"
            show(self.note, _note_block("Notitie / antwoord", note, hint, question_advice(checklist, ref.id)))
            if full:
                show(self.earlier, self._earlier(workspace, ref.id))
                counted = checklist.factors_of_question[ref.id]
                factors = [checklist.factors[factor_id] for factor_id in counted if checklist.factors[factor_id].phase == self.phase_id]
                show(self.factor, _factor_block(factors or [checklist.factors[counted[0]]]))
        elif ref.kind == "item":
            item = checklist.items[ref.id]
            if full:
                show(self.heading, Content.assemble(("Checklistitem · ", "dim"), (checklist.sections[item.section].name, "dim italic")))
                show(self.question, Content.assemble((item.title, "bold")))
            if self.buttons.display:
                self.buttons.display = False
            show(self.score, _answered_line(draft, [question.id for question in item.questions]))
            note = draft.item_notes[ref.id].note if draft and ref.id in draft.item_notes else ""
            show(self.note, _note_block("Notitie bij dit item", note, "Enter of e: notitie bewerken · a: actie toevoegen"))
            if full:
                show(self.earlier, Content(""))
                show(self.factor, _factor_block([checklist.factors[factor_id] for factor_id in item.factors]))
        else:
            factor = checklist.factors[ref.id]
            if full:
                show(self.heading, Content.assemble(("Succesfactor · ", "dim"), (checklist.phases[factor.phase].name, "dim italic")))
                show(self.question, Content.assemble((f"{factor.number}. {factor.name}", "bold")))
            if self.buttons.display:
                self.buttons.display = False
            show(self.score, _answered_line(draft, [question.id for question in checklist.questions_of_factor(ref.id)]))
            if full:
                show(self.note, Content(""))
                show(self.earlier, Content(""))
                advice = factor_advice(checklist, self.source.settings, ref.id)
                show(self.factor, Content.assemble(("Uitleg (CCV)\n", "bold"), factor.explanation, advice))

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

    @staticmethod
    def _earlier(workspace: Workspace, question_id: str) -> Content:
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


def _answered_line(draft: Session | None, question_ids: list[str]) -> Content:
    answered, total, mean = answer_summary(draft, question_ids)
    return Content(f"{answered} van {total} vragen beantwoord; gemiddelde {number(mean)}")


def _note_block(title: str, note: str, hint: str, advice: Content | None = None) -> Content:
    body = Content(note) if note else Content.styled("(nog geen notitie)", "dim")
    return Content("\n").join([Content.styled(title, "bold"), body, Content.styled(hint, "dim"), *([advice] if advice else [])])


def _factor_block(factors: list[Factor]) -> Content:
    parts: list[Content] = []
    for factor in factors:
        parts.append(Content.styled(f"Succesfactor: {factor.name}", "bold"))
        parts.append(Content(factor.explanation))
    return Content("\n").join(parts)
