"""An anonymous report: no organisation, role or name of a respondent, in any format.

In a collaboration of three partners, organisation and role identify the
person. So before anything is analysed, the sessions are rewritten: every
organisation becomes *Partner A, B, C…* in an order drawn anew for each report
(alphabetical letters would give the names away), roles and names go, and
free text goes too unless the notes are asked for, in which case the privacy
check masks what looks like personal data and every organisation, role and
name is replaced in the text. After the analysis, figures per respondent are
dropped; figures per partner are kept only where at least
``Settings.anonymity.min_respondents`` respondents stand behind them.

Pure functions, no Textual, no files.
"""

from __future__ import annotations

import dataclasses
import random
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..analysis import LEVELS, History, RoundResult, analyse
from ..content import Checklist
from ..model import Session, fold_text
from ..privacy import Finding, scan_session
from ..privacy import anonymise as mask_personal_data
from ..settings import Participant, Settings
from ..store import LoadedSession
from .common import JSON_LEVELS
from .view import PartnerMeans, group_by_partner

PARTNER = "Partner {letter}"
RESPONDENT = "respondent {number}"
ROLE_PLACEHOLDER = "[rol]"
NAME_PLACEHOLDER = "[naam]"
LEFT_OUT = "(tekst weggelaten in het anonieme rapport)"
MARKDOWN_NOTICE = (
    "> **Anoniem rapport.** Organisaties heten Partner A, B, C… (alleen binnen dit rapport); rollen en namen staan "
    "er niet in{notes}. Cijfers per partner alleen waar minstens {minimum} respondenten achter staan."
)
NOTES_LEFT_OUT = ", notities en logboekteksten ook niet"


@dataclass
class AnonymousReport:
    """The anonymised history to report on, and what the renderers need to say about it."""

    history: History
    settings: Settings
    partner_means: PartnerMeans
    minimum: int
    notes_kept: bool
    findings: list[Finding] = field(default_factory=list)
    """What the privacy check masked in the notes (only with the notes kept)."""

    def describe(self) -> dict[str, Any]:
        """The ``anoniem`` key of the JSON report."""
        return {"minimum": self.minimum, "notities": self.notes_kept}


def partner_letter(position: int) -> str:
    """A, B, … Z, AA, AB, …"""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = string.ascii_uppercase[remainder] + letters
    return letters


def anonymous_report(
    sessions: Iterable[Session | LoadedSession],
    content: Checklist,
    settings: Settings,
    *,
    keep_notes: bool = False,
    seed: int | None = None,
) -> AnonymousReport:
    """The anonymous history of the one collaboration in ``sessions``.

    ``seed`` fixes the order of the partner letters (for tests); by default
    each report draws its own.
    """
    plain = [item.session if isinstance(item, LoadedSession) else item for item in sessions]
    chance = random.Random(seed) if seed is not None else random.SystemRandom()
    organisations = sorted(
        {fold_text(session.respondent.organisation) for session in plain}
        | {fold_text(participant.organisation) for participant in settings.participants}
    )
    chance.shuffle(organisations)
    partner_of = {folded: PARTNER.format(letter=partner_letter(position)) for position, folded in enumerate(organisations)}
    roles: dict[str, set[str]] = {}
    for session in plain:
        roles.setdefault(fold_text(session.respondent.organisation), set()).add(fold_text(session.respondent.role))
    for participant in settings.participants:
        roles.setdefault(fold_text(participant.organisation), set()).add(fold_text(participant.role))
    role_of: dict[tuple[str, str], str] = {}
    for folded, role_set in roles.items():
        ordered = sorted(role_set)
        chance.shuffle(ordered)
        for number, role in enumerate(ordered, start=1):
            role_of[(folded, role)] = RESPONDENT.format(number=number) if len(ordered) > 1 else ""
    scrub = _scrubber(plain, settings, partner_of)

    findings: list[Finding] = []
    rewritten = []
    for session in plain:
        if keep_notes:
            found = scan_session(session)
            findings.extend(found)
            session = mask_personal_data(session, found)
        rewritten.append(_rewrite(session, partner_of, role_of, scrub, keep_notes))
    anonymous_settings = settings.model_copy(
        update={
            "participants": tuple(
                Participant(
                    organisation=partner_of[fold_text(participant.organisation)],
                    role=role_of[(fold_text(participant.organisation), fold_text(participant.role))],
                )
                for participant in settings.participants
            )
        }
    )
    histories = analyse(rewritten, content, anonymous_settings)
    if len(histories) != 1:
        raise ValueError(f"verwacht één samenwerkingsverband, gevonden: {len(histories)}")
    minimum = settings.anonymity.min_respondents
    history = histories[0]
    means = _partner_means(history, minimum)
    return AnonymousReport(_without_respondents(history), anonymous_settings, means, minimum, keep_notes, findings)


def markdown_notice(report: AnonymousReport) -> str:
    return MARKDOWN_NOTICE.format(notes="" if report.notes_kept else NOTES_LEFT_OUT, minimum=report.minimum)


# --- rewriting the sessions -------------------------------------------------------


def _scrubber(sessions: list[Session], settings: Settings, partner_of: dict[str, str]) -> Any:
    """A function that replaces every organisation, role and name in a text."""
    replacements: dict[str, str] = {}
    for session in sessions:
        respondent = session.respondent
        replacements[fold_text(respondent.organisation)] = partner_of[fold_text(respondent.organisation)]
        if respondent.role.strip():
            replacements.setdefault(fold_text(respondent.role), ROLE_PLACEHOLDER)
        if respondent.name.strip():
            replacements.setdefault(fold_text(respondent.name), NAME_PLACEHOLDER)
    for participant in settings.participants:
        replacements[fold_text(participant.organisation)] = partner_of[fold_text(participant.organisation)]
        if participant.role.strip():
            replacements.setdefault(fold_text(participant.role), ROLE_PLACEHOLDER)
    if not replacements:
        return lambda text: text
    # Longest first, so "Politie Basisteam Lindendal" goes before a role "basisteam".
    words = sorted(replacements, key=len, reverse=True)
    pattern = re.compile("|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in words), re.IGNORECASE)

    def scrub(text: str) -> str:
        return pattern.sub(lambda match: replacements.get(fold_text(match.group(0)), ROLE_PLACEHOLDER), text)

    return scrub


def _rewrite(session: Session, partner_of: dict[str, str], role_of: dict[tuple[str, str], str], scrub: Any, keep_notes: bool) -> Session:
    data = session.model_dump(mode="python", by_alias=True, exclude_none=True)
    organisation = fold_text(session.respondent.organisation)
    data["respondent"] = {
        "organisatie": partner_of[organisation],
        "rol": role_of[(organisation, fold_text(session.respondent.role))],
    }

    def text(value: str) -> str:
        return scrub(value) if keep_notes else ""

    for answer in data.get("vragen", {}).values():
        if "notitie" in answer:
            answer["notitie"] = text(answer["notitie"])
    for item in data.get("items", {}).values():
        if "notitie" in item:
            item["notitie"] = text(item["notitie"])
    for entry in data.get("logboek", []):
        entry["tekst"] = scrub(entry["tekst"]) if keep_notes else LEFT_OUT
        entry["auteur"] = scrub(entry.get("auteur", "")) if keep_notes else ""
    for action in data.get("acties", {}).values():
        action["wat"] = scrub(action["wat"])
        action["wie"] = scrub(action.get("wie", "")) if keep_notes else ""
        if "notitie" in action:
            action["notitie"] = text(action["notitie"])
    return Session.model_validate(data)


# --- figures per partner -------------------------------------------------------------


def _partner_means(history: History, minimum: int) -> PartnerMeans:
    means: PartnerMeans = {}
    for index, result in enumerate(history.rounds):
        per_level: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for level in LEVELS:
            per_level[JSON_LEVELS[level]] = {
                id: group_by_partner(
                    [{"organisatie": result.respondents[key].organisation, "gemiddelde": mean} for key, mean in stat.by_respondent.items()],
                    minimum,
                )
                for id, stat in result.stats(level).items()
            }
        means[index] = per_level
    return means


def _without_respondents(history: History) -> History:
    """The same history without any respondent's own mean."""
    rounds: list[RoundResult] = []
    for result in history.rounds:
        stripped = {
            level: {id: dataclasses.replace(stat, by_respondent={}) for id, stat in result.stats(level).items()} for level in LEVELS
        }
        rounds.append(
            dataclasses.replace(
                result,
                questions=stripped["question"],
                items=stripped["item"],
                factors=stripped["factor"],
                phases=stripped["phase"],
            )
        )
    return dataclasses.replace(history, rounds=rounds)
