"""The advice's text blocks as Textual content: quotes in italics with their source, never as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

if TYPE_CHECKING:
    from ..advice_text import Block


def blocks_content(blocks: list[Block]) -> Content:
    """One Content for the blocks; every text is literal (files and notes are data)."""
    parts: list[Content] = []
    for block in blocks:
        if block.kind == "title":
            parts += [Content(""), Content.styled(block.text, "bold underline")]
        elif block.kind == "heading":
            parts += [Content(""), Content.styled(block.text, "bold")]
        elif block.kind == "quote":
            source = Content.styled(f" ({block.source})", "dim") if block.source else Content("")
            parts.append(Content.assemble("  ", Content.styled(f"“{block.text}”", "italic"), source))
        elif block.kind == "item":
            parts.append(Content.assemble("• ", block.text))
        elif block.kind == "hint":
            parts.append(Content.styled(block.text, "dim"))
        else:
            parts.append(Content(block.text))
    while parts and not parts[0].plain:
        parts.pop(0)
    return Content("\n").join(parts)


def question_advice(content, question_id: str) -> Content | None:  # type: ignore[no-untyped-def]
    """Under a question's note: that the note is the answer (open questions), and dated notes."""
    from ..advice_text import question_blocks

    blocks = question_blocks(content, question_id)
    return blocks_content(blocks) if blocks else None


def factor_advice(content, settings, factor_id: str) -> Content:  # type: ignore[no-untyped-def]
    """Under a success factor's explanation: its tick list (Convenant), dated notes and practice cases."""
    from ..advice_text import factor_blocks

    if settings is None:
        return Content("")
    blocks = factor_blocks(content, settings, factor_id)
    return Content.assemble("\n\n", blocks_content(blocks)) if blocks else Content("")
