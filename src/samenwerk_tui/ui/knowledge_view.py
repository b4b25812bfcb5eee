"""Kennis: motives, forms of collaboration and practice cases from the publication."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from ..content import Content as ChecklistContent


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
        content: ChecklistContent = workspace.content
        options: list[Option | None] = []
        for chapter in content.knowledge.chapters:
            options.append(Option(Content.styled(chapter.title, "bold"), id=f"chapter:{chapter.id}"))
            for case in content.knowledge.cases:
                if case.chapter == chapter.id:
                    options.append(Option(Content.assemble("  ▸ ", case.title), id=f"case:{case.id}"))
        options.append(Option(Content.styled("Over deze checklist", "bold"), id="about"))
        option_list = self.query_one(OptionList)
        option_list.add_options([option for option in options if option is not None])
        option_list.highlighted = 0

    @on(OptionList.OptionHighlighted)
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        content: ChecklistContent = self.app.workspace.content  # type: ignore[attr-defined]
        kind, _, key = (event.option.id or "").partition(":")
        body = self.query_one("#knowledge-text", Static)
        if kind == "chapter":
            chapter = next(chapter for chapter in content.knowledge.chapters if chapter.id == key)
            parts = [Content.styled(chapter.title, "bold underline")]
            if chapter.introduction:
                parts += [Content(""), Content(chapter.introduction)]
            for paragraph in chapter.paragraphs:
                parts += [Content(""), Content.styled(paragraph.title, "bold"), Content(paragraph.text)]
            body.update(Content("\n").join(parts))
        elif kind == "case":
            case = next(case for case in content.knowledge.cases if case.id == key)
            body.update(Content("\n").join([Content.styled("Uit de praktijk", "dim"), Content.styled(case.title, "bold underline"), Content(""), Content(case.text)]))
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
        self.query_one(VerticalScroll).scroll_home(animate=False)
