"""Kennis: the collaboration's form, convenant and phase, then motives, forms and cases from the publication."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .advice_render import blocks_content

if TYPE_CHECKING:
    from ..content import Checklist

OURS = "Onze samenwerking"
ADVICE_ENTRIES = (
    ("form", "Samenwerkingsvorm"),
    ("guide", "Keuzehulp samenwerkingsvorm"),
    ("convenant", "Convenant"),
    ("phase", "Fase"),
)
MAPPING = "Koppeling vragen en succesfactoren"
EDIT_HINT = {
    "form": "Enter: samenwerkingsvorm kiezen",
    "guide": "Enter: keuzehulp invullen",
    "convenant": "Enter: afvinken wat het convenant regelt",
}


class KnowledgeView(Horizontal):
    # One line per entry: a wrapped case title would read like a chapter. The
    # full title heads the text on the right.
    DEFAULT_CSS = """
    KnowledgeView OptionList {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def compose(self) -> ComposeResult:
        yield OptionList(id="knowledge-list", classes="knowledge-list")
        with VerticalScroll(id="knowledge-body", classes="knowledge-body"):
            yield Static(id="knowledge-text")

    def on_mount(self) -> None:
        workspace = self.app.workspace  # type: ignore[attr-defined]
        if workspace is None:
            return
        content: Checklist = workspace.content
        options: list[Option] = [Option(Content.styled(OURS, "bold"), id="advice:ours")]
        if content.advice is not None:
            options += [Option(Content.assemble("  ▸ ", label), id=f"advice:{key}") for key, label in ADVICE_ENTRIES]
        for chapter in content.knowledge.chapters:
            options.append(Option(Content.styled(chapter.title, "bold"), id=f"chapter:{chapter.id}"))
            if chapter.id == "succesfactoren":
                for phase in content.checklist.phases:
                    for factor in content.factors_of_phase(phase.id):
                        options.append(Option(Content.assemble("  ▸ ", factor.name), id=f"factor:{factor.id}"))
            for case in content.knowledge.cases:
                if case.chapter == chapter.id:
                    options.append(Option(Content.assemble("  ▸ ", case.title), id=f"case:{case.id}"))
        options.append(Option(Content.styled(MAPPING, "bold"), id="advice:mapping"))
        options.append(Option(Content.styled("Over deze checklist", "bold"), id="about"))
        option_list = self.query_one(OptionList)
        option_list.add_options(options)
        option_list.highlighted = 0

    def advice_changed(self) -> None:
        """The form, tick list or analysis changed: show the highlighted entry again."""
        lists = self.query(OptionList)
        if not lists:
            return  # not built yet (tabs other than the first are built after the data shows); it reads it then
        option_list = lists.first()
        if option_list.highlighted is not None:
            self._show_entry(option_list.get_option_at_index(option_list.highlighted).id or "", scroll=False)

    @on(OptionList.OptionHighlighted)
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_entry(event.option.id or "")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from .flows import advice as advice_flows

        flows = {"advice:form": advice_flows.edit_form, "advice:guide": advice_flows.guide, "advice:convenant": advice_flows.edit_convenant}
        flow = flows.get(event.option.id or "")
        if flow is not None:
            flow(self.app)

    def _show_entry(self, option_id: str, scroll: bool = True) -> None:
        workspace = self.app.workspace  # type: ignore[attr-defined]
        if workspace is None:
            return
        content: Checklist = workspace.content
        kind, _, key = option_id.partition(":")
        body = self.query_one("#knowledge-text", Static)
        if kind == "advice":
            body.update(self._advice(content, key))
        elif kind == "chapter":
            chapter = next(chapter for chapter in content.knowledge.chapters if chapter.id == key)
            parts = [Content.styled(chapter.title, "bold underline")]
            if chapter.introduction:
                parts += [Content(""), Content(chapter.introduction)]
            for paragraph in chapter.paragraphs:
                parts += [Content(""), Content.styled(paragraph.title, "bold"), Content(paragraph.text)]
            body.update(Content("\n").join(parts))
        elif kind == "factor":
            body.update(self._factor(content, key))
        elif kind == "case":
            from ..advice_text import case_links_blocks

            case = next(case for case in content.knowledge.cases if case.id == key)
            parts = [
                Content.styled("Uit de praktijk", "dim"),
                Content.styled(case.title, "bold underline"),
                Content(""),
                Content(case.text),
            ]
            links = case_links_blocks(content, case.id)
            if links:
                parts += [Content(""), blocks_content(links)]
            body.update(Content("\n").join(parts))
        else:
            meta = content.checklist.meta
            body.update(
                Content("\n").join(
                    [
                        Content.styled(f"{meta.title} — {meta.subtitle}", "bold underline"),
                        Content(""),
                        Content(f"{meta.publisher}, {meta.date}."),
                        Content(""),
                        Content(meta.citation),
                        Content(""),
                        Content.styled(meta.licence, "italic"),
                        Content(""),
                        Content(f"Inhoud: {content.id} versie {content.version} ({content.source})."),
                    ]
                )
            )
        if scroll:
            self.query_one(VerticalScroll).scroll_home(animate=False)

    def _factor(self, content: Checklist, factor_id: str) -> Content:
        from ..advice_text import factor_blocks

        factor = content.factors[factor_id]
        settings = self.app.settings  # type: ignore[attr-defined]
        parts = [
            Content.styled(f"Succesfactor · {content.phases[factor.phase].name}", "dim"),
            Content.styled(f"{factor.number}. {factor.name}", "bold underline"),
            Content(""),
            Content(factor.explanation),
        ]
        if settings is not None:
            extra = factor_blocks(content, settings, factor_id)
            if extra:
                parts += [Content(""), blocks_content(extra)]
        return Content("\n").join(parts)

    def _advice(self, content: Checklist, key: str) -> Content:
        from ..advice import phase_advice
        from ..advice_text import Block, convenant_blocks, form_blocks, form_summary, guide_blocks, mapping_blocks, phase_blocks

        settings = self.app.settings  # type: ignore[attr-defined]
        history = self.app.history  # type: ignore[attr-defined]
        if settings is None:
            return Content("")
        if key == "form":
            blocks = form_blocks(content, settings, history)
        elif key == "guide":
            blocks = [Block("title", "Keuzehulp"), *guide_blocks(content, {})]
        elif key == "convenant":
            blocks = convenant_blocks(content, settings)
        elif key == "phase":
            blocks = phase_blocks(content, phase_advice(content, history, settings))
        elif key == "mapping":
            blocks = mapping_blocks(content)
        else:
            advice = phase_advice(content, history, settings)
            phase = content.phases[advice.phase].name if advice.phase in content.phases else "nog niet bekend"
            settled = sum(1 for entry in settings.convenant.values() if entry.settled)
            blocks = [
                Block("title", OURS),
                Block("text", "Wat de publicatie aanraadt, toegepast op deze samenwerking. Kies een onderdeel links."),
                Block("item", f"Samenwerkingsvorm: {form_summary(content, settings)}"),
                Block("item", f"Convenant: {settled} van {len(content.advice.convenant) if content.advice else 0} onderdelen geregeld"),
                Block("item", f"Fase: {phase}" + (" — er is een suggestie (zie Fase)" if advice.suggestion else "")),
            ]
        if key in EDIT_HINT:
            blocks = [*blocks, Block("hint", EDIT_HINT[key])]
        return blocks_content(blocks)
