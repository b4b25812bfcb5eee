"""An anonymised copy of a session: the respondent's name gone and every finding masked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Session
from .findings import Finding
from .kinds import KIND_NAME, PLACEHOLDERS


def anonymise(session: Session, findings: Iterable[Finding]) -> Session:
    """A copy of ``session`` without the respondent's name and with every finding masked.

    The name goes from the respondent table and, through the findings of
    :func:`scan_session`, from every text it was written in (notes, actions
    and their owners, log texts and authors). Everything else stays as it
    was, fields samenwerk does not know included.
    """
    data = session.model_dump(mode="python", by_alias=True, exclude_none=True)
    data.setdefault("respondent", {})["naam"] = ""
    # Longest first: "Jan de Vries" is replaced whole before "de Vries" alone.
    for finding in sorted(findings, key=lambda finding: -len(finding.text)):
        if finding.kind == KIND_NAME or not finding.location or not finding.text:
            continue
        container, key = _parent(data, finding.location)
        if container is None:
            continue
        value = container[key]
        if isinstance(value, str):
            container[key] = value.replace(finding.text, PLACEHOLDERS.get(finding.kind, "[verwijderd]"))
    return Session.model_validate(data)


def _parent(data: Any, location: tuple[Any, ...]) -> tuple[Any, Any]:
    container = data
    for key in location[:-1]:
        try:
            container = container[key]
        except (KeyError, IndexError, TypeError):
            return None, None
    key = location[-1]
    try:
        container[key]
    except (KeyError, IndexError, TypeError):
        return None, None
    return container, key
