"""Session documents: the bytes of a session file and the :class:`Session` they hold.

Reading validates a parsed file as a session and reports, in Dutch and
located, what is wrong or what the checklist does not know. Writing turns a
session into a stable TOML document (checklist order, one table per
question, the question as a comment above it) and checks that what would be
written reads back as the same session. A file with comments a person added
is rewritten only where its values changed (:mod:`~samenwerk_tui.toml.preserve`).
Nothing here touches the disk: see :mod:`.files`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..content import Checklist
from ..model import FORMAT_VERSION, Session
from ..textsafe import clean_line
from ..toml import write as tomlwrite
from ..toml.locate import locate_key
from ..toml.messages import problems_from_validation, validation_reasons
from ..toml.read import MAX_DEPTH, MAX_FILE_SIZE, FileProblem, Problem, RawDocument, nesting_depth, parse_toml_bytes, too_big_message

SCHEMA_FILE = "samenwerk-sessie.schema.json"

HEADER = f"""#:schema ./{SCHEMA_FILE}
# Sessiebestand van samenwerk: de antwoorden van één respondent in één
# evaluatieronde. Score per vraag: 1 (helemaal niet op orde) t/m 5 (volledig
# op orde), of "nvt" (niet van toepassing). Geen score = nog niet beantwoord.
"""
_FORMER_HEADER_LINES = ("# Opmerkingen die u zelf toevoegt, gaan verloren als samenwerk het bestand opslaat.",)
"""Header lines earlier versions wrote and that are no longer true; dropped at the next save."""


@dataclass
class LoadedSession:
    """A session with what is needed to save it back safely."""

    path: Path
    session: Session
    digest: str
    """SHA-256 of the bytes loaded (or last saved): the file on disk must still match."""
    warnings: list[Problem] = field(default_factory=list)
    read_only_reason: str | None = None

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None


class NotWritableError(Exception):
    """What would be written is more than the loader accepts (a limit); nothing was written.

    ``reason`` says why, in Dutch (``vragen."visie.1".notitie: is te lang
    (hoogstens 20.000 tekens)``, or that the file would be too big).
    """

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: wordt niet opgeslagen: {reason}")


# --- reading -----------------------------------------------------------------


def parse_session(path: Path, data: bytes, content: Checklist | None = None) -> LoadedSession:
    """Validate ``data`` (the bytes of ``path``) as a session file."""
    document = parse_toml_bytes(path, data)
    return session_from_document(document, content)


def session_from_document(document: RawDocument, content: Checklist | None = None) -> LoadedSession:
    path, text, table = document.path, document.text, document.table
    version = table.get("formaat", FORMAT_VERSION)
    newer = isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION
    try:
        session = Session.model_validate(table)
    except ValidationError as error:
        problems = problems_from_validation(path, text, error)
        if newer:
            problems.insert(0, Problem(path, message=_newer_message(version)))
        raise FileProblem(problems) from None
    if content is not None and session.phase not in content.phases:
        known = ", ".join(f'"{phase}"' for phase in content.phases)
        line = locate_key(text, ("fase",))
        raise FileProblem([Problem(path, line, 1 if line else None, f'onbekende fase "{session.phase}"; kies uit {known}')])
    loaded = LoadedSession(path=path, session=session, digest=document.digest)
    if newer:
        loaded.read_only_reason = _newer_message(version)
    if content is not None:
        loaded.warnings = content_warnings(path, text, session, content)
    return loaded


def _newer_message(version: int) -> str:
    return (
        f"gemaakt met een nieuwere versie van samenwerk (formaat {version}, deze versie kent "
        f"formaat {FORMAT_VERSION}); alleen-lezen: werk samenwerk bij om het te bewerken"
    )


def content_warnings(path: Path, text: str, session: Session, content: Checklist) -> list[Problem]:
    """What in ``session`` the content does not know; it is kept, not dropped."""
    warnings = []
    reference = session.content
    if reference is not None and (reference.id, reference.version) != (content.id, content.version):
        warnings.append(
            Problem(
                path,
                message=f"beantwoord met andere inhoud ({reference.id} versie {reference.version}); "
                f"getoond met {content.id} versie {content.version}",
            )
        )
    for question_id in session.answers:
        if question_id not in content.questions:
            line = locate_key(text, ("vragen", question_id))
            warnings.append(
                Problem(path, line, 1 if line else None, f'vraag "{question_id}" staat niet in de checklist; het antwoord blijft bewaard')
            )
    for item_id in session.item_notes:
        if item_id not in content.items:
            line = locate_key(text, ("items", item_id))
            warnings.append(
                Problem(path, line, 1 if line else None, f'item "{item_id}" staat niet in de checklist; de notitie blijft bewaard')
            )
    return warnings


# --- writing -----------------------------------------------------------------


def _natural_key(question_id: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", question_id))


def session_document(session: Session, content: Checklist | None = None) -> dict[str, Any]:
    """The session as the dict that is written, in a stable order.

    With ``content``, every question of the checklist gets a table (empty when
    unanswered) in checklist order, so the file can be filled in by hand.
    """
    data = session.model_dump(mode="python", by_alias=True, exclude_none=True)
    _drop_empty_strings(session, data)
    answers = data.pop("vragen", {})
    ordered_answers: dict[str, Any] = {}
    if content is not None:
        for question_id in content.questions:
            ordered_answers[question_id] = answers.pop(question_id, {})
    for question_id in sorted(answers, key=_natural_key):
        # An empty table is dropped at load; only the checklist's own questions
        # keep one (to fill in by hand), so that a load and save change nothing.
        if answers[question_id]:
            ordered_answers[question_id] = answers[question_id]
    item_notes = data.pop("items", {})
    if content is not None:
        order = {item_id: index for index, item_id in enumerate(content.items)}
        item_notes = dict(sorted(item_notes.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0])))
    else:
        item_notes = dict(sorted(item_notes.items()))
    actions = data.pop("acties", {})
    log = data.pop("logboek", [])
    known_tables = ("samenwerking", "ronde", "respondent", "inhoud")
    document: dict[str, Any] = {}
    for key in ("formaat", "fase", "aangemaakt", "bijgewerkt"):
        if key in data:
            document[key] = data.pop(key)
    extra_tables = {key: value for key, value in data.items() if key not in known_tables}
    for key in list(extra_tables):
        if not isinstance(extra_tables[key], dict) and not tomlwrite.is_table_array(extra_tables[key]):
            document[key] = extra_tables.pop(key)
    for key in known_tables:
        if key in data:
            document[key] = data[key]
    document["vragen"] = ordered_answers
    if item_notes:
        document["items"] = item_notes
    if actions:
        document["acties"] = actions
    if log:
        document["logboek"] = log
    document.update(extra_tables)
    return document


def _drop_empty_strings(model: BaseModel, data: dict[str, Any]) -> None:
    """Leave out known text fields that are empty (their default), in place.

    Only fields of the models: an empty value under a key samenwerk does not
    know is someone else's data and is written back as it was.
    """
    for name, info in type(model).model_fields.items():
        key = info.alias or name
        if key not in data:
            continue
        value = getattr(model, name)
        if value == "" and info.default == "":
            del data[key]
        elif isinstance(value, BaseModel):
            _drop_empty_strings(value, data[key])
        elif isinstance(value, dict):
            for element_key, element in value.items():
                if isinstance(element, BaseModel) and element_key in data[key]:
                    _drop_empty_strings(element, data[key][element_key])
        elif isinstance(value, list):
            for element, element_data in zip(value, data[key], strict=False):
                if isinstance(element, BaseModel):
                    _drop_empty_strings(element, element_data)


_UNKNOWN_QUESTION = "Deze vraag staat niet in de checklist; het antwoord blijft bewaard."


def serialize_session(session: Session, content: Checklist | None = None) -> bytes:
    """The bytes of a session file: deterministic, so an unchanged save changes nothing."""
    questions = content.questions if content is not None else {}

    def comment(path: tuple[str, ...]) -> str | None:
        if len(path) == 2 and path[0] == "vragen":
            question = questions.get(path[1])
            if question is not None:
                return clean_line(question.text)
            if content is not None:
                return _UNKNOWN_QUESTION
        return None

    text = tomlwrite.dumps(session_document(session, content), header=HEADER, comment=comment)
    return text.encode("utf-8")


def writable_session(path: Path, session: Session) -> Session:
    """``session`` validated as the loader validates a file; :class:`NotWritableError` otherwise.

    A session changed with ``model_copy(update=...)`` skips validation; this
    is where a too long note or an empty action text is caught before it is
    written. The result is the session as it will read back (cleaned text).
    """
    data = session.model_dump(mode="python", by_alias=True)
    if nesting_depth(data) > MAX_DEPTH:
        raise NotWritableError(path, f"te diep geneste waarden (meer dan {MAX_DEPTH} niveaus)")
    try:
        return Session.model_validate(data)
    except ValidationError as error:
        raise NotWritableError(path, validation_reasons(error)) from None


def check_readable(path: Path, data: bytes, session: Session, content: Checklist | None) -> None:
    """Refuse (:class:`NotWritableError`) bytes that would not load back as ``session``."""
    reason = unreadable_reason(path, data, session, content)
    if reason is not None:
        raise NotWritableError(path, reason)


def unreadable_reason(path: Path, data: bytes, session: Session, content: Checklist | None) -> str | None:
    if len(data) > MAX_FILE_SIZE:
        return too_big_message(len(data)) + "; maak notities korter"
    try:
        reread = parse_session(path, data, content).session
    except FileProblem as error:
        return "; ".join(problem.message for problem in error.problems[:3])
    if not same_session(reread, session):
        return "het bestand zou niet teruglezen als dezelfde antwoorden"
    return None


def same_session(first: Session, second: Session) -> bool:
    """Whether the two hold the same data, as they would be written.

    Models compare fast; their data decides where they differ, since a
    ``nan`` in an unknown field (valid TOML) is equal to nothing.
    """
    return first == second or tomlwrite.same_data(session_document(first), session_document(second))


def has_own_comments(data: bytes, content: Checklist | None) -> bool:
    """Whether the file's text may hold comments of a person, beyond those samenwerk writes.

    A ``#`` inside a text counts too: then the save takes the careful way
    (see :mod:`~samenwerk_tui.toml.preserve`) without need, which costs time only.
    """
    if b"#" not in data:
        return False
    own = _own_comment_lines(content)
    text = data.decode("utf-8-sig", errors="replace")
    return any("#" in line and line.rstrip("\r") not in own for line in text.split("\n"))


def _own_comment_lines(content: Checklist | None) -> set[str]:
    lines = {line for line in HEADER.split("\n") if line.startswith("#")}
    lines.update(_FORMER_HEADER_LINES)
    if content is not None:
        lines.update(_comment_line(question.text) for question in content.questions.values())
        lines.add(_comment_line(_UNKNOWN_QUESTION))
    return lines


def _comment_line(text: str) -> str:
    return f"# {clean_line(text)}".rstrip()


def preserving_bytes(path: Path, on_disk: bytes, session: Session, content: Checklist | None) -> bytes | None:
    """The file on disk with only what differs from ``session`` rewritten, or None if that cannot be done."""
    from ..toml import preserve as tomlpreserve

    try:
        base = parse_session(path, on_disk, content).session
    except FileProblem:
        return None
    bom = "\ufeff" if on_disk.startswith(b"\xef\xbb\xbf") else ""
    text = tomlpreserve.update(on_disk.decode("utf-8-sig"), session_document(base, content), session_document(session, content))
    if text is None:
        return None
    for line in _FORMER_HEADER_LINES:
        text = text.replace(f"\n{line}\n", "\n", 1)
    data = (bom + text).encode("utf-8")
    return data if unreadable_reason(path, data, session, content) is None else None
