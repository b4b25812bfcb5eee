"""What every content file is built of: strict models and short stable ids.

Attribute names are English; the keys in the files are Dutch aliases. Every
phase, factor, section, item and question has a short stable id: session
files refer to these ids, so they never change once released.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..textsafe import clean_line, clean_text
from ..toml.messages import LocatedValueError

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=40)]
QuestionId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*\.[0-9]+$", max_length=48)]
Line = Annotated[str, AfterValidator(clean_line), Field(min_length=1)]
Text = Annotated[str, AfterValidator(clean_text)]


class ContentModel(BaseModel):
    """A model of a content file: unknown keys are refused, values never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_by_alias=True, validate_by_name=True)


def unique_ids(kind: str, ids: list[tuple[tuple[Any, ...], str]]) -> set[str]:
    """The ids as a set; a repeated id is reported where it repeats."""
    seen: set[str] = set()
    for loc, value in ids:
        if value in seen:
            raise LocatedValueError(f"{kind}-id {value} komt meer dan eens voor", loc)
        seen.add(value)
    return seen
