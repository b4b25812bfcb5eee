"""Dialogs for the collaboration's form, the convenant tick list and the form guide.

Each returns what the user chose; :mod:`.flows.advice` stores it in the
settings file. Nothing here writes files.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static

from .advice_render import blocks_content

if TYPE_CHECKING:
    from ..content import Checklist
    from ..settings import CollaborationForm, ConvenantEntry

SAVE, CANCEL = "Opslaan", "Annuleren"
NO_MAIN = "geen hoofdvorm"


class FormDialog(ModalScreen["CollaborationForm | None"]):
    """Choose the variants (3.1, combinations allowed), the main form and the forms within it (3.2)."""

    DEFAULT_CSS = """
    FormDialog SelectionList { height: auto; max-height: 12; margin-bottom: 1; }
    FormDialog .form-dialog-body { height: auto; max-height: 30; }
    FormDialog.-short .form-dialog-body { max-height: 10; }
    """
    BINDINGS = [
        Binding("escape", "cancel", CANCEL, id="form.cancel"),
        Binding("ctrl+s", "save", SAVE, id="form.save"),
    ]

    def __init__(self, content: Checklist, current: CollaborationForm) -> None:
        super().__init__()
        self.checklist = content
        self.current = current

    def compose(self) -> ComposeResult:
        from ..advice import forms_of_kind

        content = self.checklist
        with Vertical(classes="dialog form-dialog"):
            yield Static(Content.styled("Samenwerkingsvorm (hoofdstuk 3)", "bold"), classes="dialog-title")
            with VerticalScroll(classes="form-dialog-body"):
                yield Static(Content("Samenwerkingsvarianten (3.1), vaak gecombineerd: spatie kiest."))
                yield SelectionList[str](
                    *[(Content(form.name), form.id, form.id in self.current.variants) for form in forms_of_kind(content, "variant")],
                    id="form-variants",
                )
                yield Static(Content("Institutionele hoofdvorm (3.2):"))
                mains = forms_of_kind(content, "hoofdvorm")
                yield Select[str](
                    [(Content(form.name), form.id) for form in mains],
                    prompt=NO_MAIN,
                    value=self.current.main if self.current.main in content.forms else Select.NULL,
                    id="form-main",
                )
                yield Static(Content("Vormen binnen de hoofdvorm (3.2.1 en 3.2.2):"))
                yield SelectionList[str](
                    *[
                        (Content(f"{form.name} ({content.forms[form.main].name.lower()})"), form.id, form.id in self.current.forms)
                        for form in forms_of_kind(content, "vorm")
                        if form.main in content.forms
                    ],
                    id="form-forms",
                )
            yield Static("", id="form-error", classes="dialog-error")
            yield Static(Content.styled("ctrl+s: opslaan · Esc: annuleren", "dim"), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons-row"):
                yield Button(SAVE, id="form-save", variant="primary", compact=True)
                yield Button(CANCEL, id="form-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#form-variants", SelectionList).focus()

    def chosen(self) -> CollaborationForm:
        from ..settings import CollaborationForm

        main = self.query_one("#form-main", Select).value
        return CollaborationForm(
            variants=tuple(self.query_one("#form-variants", SelectionList).selected),
            main=main if isinstance(main, str) else None,
            forms=tuple(self.query_one("#form-forms", SelectionList).selected),
        )

    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        chosen = self.chosen()
        wrong = [
            self.checklist.forms[form_id].name
            for form_id in chosen.forms
            if chosen.main is None or self.checklist.forms[form_id].main != chosen.main
        ]
        if wrong:
            self.query_one("#form-error", Static).update(
                Content(f"Hoort niet bij de gekozen hoofdvorm: {', '.join(wrong)}. Kies de hoofdvorm of haal ze weg.")
            )
            return
        self.dismiss(chosen)

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConvenantDialog(ModalScreen["dict[str, ConvenantEntry] | None"]):
    """Tick what the convenant settles, with the article and the date."""

    DEFAULT_CSS = """
    ConvenantDialog .convenant-row { height: 1; }
    ConvenantDialog .convenant-row Checkbox { width: 1fr; }
    ConvenantDialog .convenant-row Input { width: 18; }
    ConvenantDialog .convenant-body { height: auto; max-height: 30; }
    ConvenantDialog.-short .convenant-body { max-height: 9; }
    """
    BINDINGS = [
        Binding("escape", "cancel", CANCEL, id="convenant.cancel"),
        Binding("ctrl+s", "save", SAVE, id="convenant.save"),
    ]

    def __init__(self, content: Checklist, current: dict[str, ConvenantEntry]) -> None:
        super().__init__()
        self.checklist = content
        self.current = current

    def compose(self) -> ComposeResult:
        elements = self.checklist.advice.convenant if self.checklist.advice else []
        with Vertical(classes="dialog convenant-dialog"):
            yield Static(Content.styled("Convenant: wat het in ieder geval regelt", "bold"), classes="dialog-title")
            yield Static(Content.styled("Vink aan wat geregeld is; artikel en datum (JJJJ-MM-DD) zeggen waar en sinds wanneer.", "dim"))
            with VerticalScroll(classes="convenant-body"):
                for element in elements:
                    entry = self.current.get(element.id)
                    with Horizontal(classes="convenant-row"):
                        yield Checkbox(Content(element.name), bool(entry and entry.settled), id=f"settled-{element.id}", compact=True)
                        yield Input(entry.article if entry else "", placeholder="artikel", id=f"article-{element.id}", compact=True)
                        yield Input(
                            entry.date.isoformat() if entry and entry.date else "",
                            placeholder="JJJJ-MM-DD",
                            id=f"date-{element.id}",
                            compact=True,
                        )
            yield Static("", id="convenant-error", classes="dialog-error")
            yield Static(Content.styled("ctrl+s: opslaan · Esc: annuleren", "dim"), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons-row"):
                yield Button(SAVE, id="convenant-save", variant="primary", compact=True)
                yield Button(CANCEL, id="convenant-cancel", compact=True)

    def on_mount(self) -> None:
        checkboxes = self.query(Checkbox)
        if checkboxes:
            checkboxes.first().focus()

    @on(Button.Pressed, "#convenant-save")
    def action_save(self) -> None:
        from pydantic import ValidationError

        from ..settings import ConvenantEntry

        entries: dict[str, ConvenantEntry] = dict(self.current)
        problems: list[str] = []
        for element in self.checklist.advice.convenant if self.checklist.advice else []:
            date_text = self.query_one(f"#date-{element.id}", Input).value.strip()
            try:
                date = dt.date.fromisoformat(date_text) if date_text else None
            except ValueError:
                problems.append(f"{element.name}: ‘{date_text}’ is geen datum (JJJJ-MM-DD)")
                continue
            try:
                entries[element.id] = ConvenantEntry(
                    settled=self.query_one(f"#settled-{element.id}", Checkbox).value,
                    article=self.query_one(f"#article-{element.id}", Input).value.strip(),
                    date=date,
                )
            except ValidationError:
                problems.append(f"{element.name}: het artikel is te lang (hoogstens 200 tekens)")
        if problems:
            self.query_one("#convenant-error", Static).update(Content("; ".join(problems)))
            return
        self.dismiss(entries)

    @on(Button.Pressed, "#convenant-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class GuideDialog(ModalScreen["CollaborationForm | None"]):
    """The publication's questions that lead to a form; the suggestion updates as you answer."""

    DEFAULT_CSS = """
    GuideDialog .guide-body { height: auto; max-height: 30; }
    GuideDialog.-short .guide-body { max-height: 11; }
    GuideDialog #guide-steps { height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Sluiten", id="guide.cancel")]

    def __init__(self, content: Checklist) -> None:
        super().__init__()
        self.checklist = content
        self.answers: dict[str, bool] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog guide-dialog"):
            yield Static(Content.styled("Keuzehulp samenwerkingsvorm", "bold"), classes="dialog-title")
            with VerticalScroll(classes="guide-body"):
                yield Vertical(id="guide-steps")
                yield Static(id="guide-suggestion")
            yield Static(Content.styled("Spatie: ja/nee · Esc: sluiten · de suggestie is geen oordeel", "dim"), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons-row"):
                yield Button("Als vorm overnemen…", id="guide-take", compact=True)
                yield Button("Sluiten", id="guide-close", compact=True)

    async def on_mount(self) -> None:
        await self._show()
        boxes = self.query(Checkbox)
        if boxes:
            boxes.first().focus()

    async def _show(self) -> None:
        from ..advice import guide_steps
        from ..advice_text import suggestion_blocks

        steps = self.query_one("#guide-steps", Vertical)
        wanted = [step.id for step in guide_steps(self.checklist, self.answers)]
        shown = [box.name for box in steps.query(Checkbox)]
        if shown != wanted:
            focused = self.focused.name if isinstance(self.focused, Checkbox) else None
            await steps.remove_children()
            boxes = [
                Checkbox(Content(f"{number}. {step.question}"), self.answers.get(step.id, False), name=step.id, compact=True)
                for number, step in enumerate(guide_steps(self.checklist, self.answers), start=1)
            ]
            await steps.mount_all(boxes)
            for box in boxes:
                if box.name == focused:
                    box.focus()
        self.query_one("#guide-suggestion", Static).update(blocks_content(suggestion_blocks(self.checklist, self.answers)))

    @on(Checkbox.Changed)
    async def _answered(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.checkbox.name:
            self.answers[event.checkbox.name] = event.value
            await self._show()

    @on(Button.Pressed, "#guide-take")
    def _take(self) -> None:
        from ..advice import guide_suggestion, suggested_setting

        self.dismiss(suggested_setting(guide_suggestion(self.checklist, self.answers)))

    @on(Button.Pressed, "#guide-close")
    def action_cancel(self) -> None:
        self.dismiss(None)
