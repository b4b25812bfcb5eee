"""The model of ``kennis.toml``: the chapters of the publication and its practice cases."""

from __future__ import annotations

from pydantic import Field

from .fields import ContentModel, Id, Line, Text


class Paragraph(ContentModel):
    title: Line = Field(alias="titel")
    text: Text = Field(alias="tekst")


class Chapter(ContentModel):
    id: Id
    title: Line = Field(alias="titel")
    introduction: Text = Field(default="", alias="inleiding")
    paragraphs: list[Paragraph] = Field(default=[], alias="paragrafen")


class PracticeCase(ContentModel):
    """A practice example from a box in the publication."""

    id: Id
    title: Line = Field(alias="titel")
    chapter: Id = Field(alias="hoofdstuk")
    text: Text = Field(alias="tekst")


class KnowledgeBase(ContentModel):
    chapters: list[Chapter] = Field(alias="hoofdstukken")
    cases: list[PracticeCase] = Field(alias="praktijk")
