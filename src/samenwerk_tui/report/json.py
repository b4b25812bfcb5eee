"""The JSON report: every round as data to build on, in the format of docs/rapport-json.md.

Pure functions over an analysed :class:`History`; no Textual, no files. Text
from session or content files is left as plain strings.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from ..analysis import LEVEL_NAMES, LEVELS, History, Level, RoundResult, Stat
from ..analysis.kinds import KIND_WORDS
from ..content import Checklist
from ..settings import Settings
from .common import JSON_LEVELS, name_of

JSON_FORMAT = "samenwerk-rapport"
JSON_VERSION = 2
"""Raised when a key is removed or changes meaning; adding keys keeps the version.

2: "vorige" and "verandering" are paired (over the respondents who measured in
both rounds); the unpaired figures moved to "vorige_ongepaard" and
"verandering_ongepaard"; the flag "niet vergelijkbaar" is new.
"""


def _round4(value: float | None) -> float | None:
    return None if value is None else round(value, 4) + 0.0


def _json_stat(history: History, content: Checklist, level: Level, id: str, index: int, stat: Stat) -> dict[str, Any]:
    result = history.rounds[index]
    change = history.change(level, id, index, fallback=False)
    return {
        "naam": name_of(content, level, id),
        "gemiddelde": _round4(stat.mean),
        "n": stat.n,
        "respondenten": stat.respondents,
        "minimum": _round4(stat.minimum),
        "maximum": _round4(stat.maximum),
        "spreiding": _round4(stat.spread),
        "band": stat.band,
        "vorige": _round4(change.previous),
        "verandering": _round4(change.delta),
        "vergeleken_met": change.compared_with,
        "gepaarde_respondenten": len(change.paired),
        "gepaard_gemiddelde": _round4(change.paired_mean),
        "vorige_ongepaard": _round4(change.unpaired_previous),
        "verandering_ongepaard": _round4(change.unpaired_delta),
        "trend": _round4(change.trend),
        "signalen": change.ordered_flags if stat.measured else [],
        "een_antwoord": stat.single_answer,
        "aantal_vragen": stat.questions,
        "een_vraag": stat.single_question,
        "per_respondent": [
            {"organisatie": result.respondents[key].organisation, "rol": result.respondents[key].role, "gemiddelde": _round4(mean)}
            for key, mean in stat.by_respondent.items()
        ],
    }


def _json_respondent(info: Any) -> dict[str, str]:
    return {"organisatie": info.organisation, "rol": info.role}


def _json_round(history: History, content: Checklist, index: int, result: RoundResult) -> dict[str, Any]:
    joined, left = history.respondent_changes(index)
    completeness = history.completeness(index)
    counts = {entry.respondent.key: entry.counts for entry in completeness.participations}
    data: dict[str, Any] = {
        "label": result.label,
        "datum": result.date.isoformat(),
        "fase": result.declared_phase,
        "respondenten": [
            {
                **_json_respondent(info),
                "scores": counts[key].scored,
                "nvt": counts[key].not_applicable,
                "open": counts[key].open,
            }
            for key, info in result.respondents.items()
        ],
        "nieuw": [_json_respondent(info) for info in joined],
        "vertrokken": [_json_respondent(info) for info in left],
        "volledigheid": {
            "verwacht": completeness.expected_from,
            "voorlopig": completeness.provisional,
            "ontbreekt": [_json_respondent(info) for info in completeness.missing],
            "per_respondent": [
                {
                    **_json_respondent(entry.respondent),
                    "verwacht": entry.expected,
                    "status": entry.status,
                    "scores": entry.counts.scored,
                    "nvt": entry.counts.not_applicable,
                    "open": entry.counts.open,
                }
                for entry in completeness.participations
            ],
        },
    }
    for level in LEVELS:
        data[JSON_LEVELS[level]] = {id: _json_stat(history, content, level, id, index, stat) for id, stat in result.stats(level).items()}
    data["signalen"] = [
        {
            "soort": KIND_WORDS[signal.kind].word,
            "niveau": LEVEL_NAMES[signal.level],
            "id": signal.id,
            "naam": name_of(content, signal.level, signal.id),
            "signalen": signal.change.ordered_flags,
            "voorlopig": signal.provisional,
            "toelichting": [
                {
                    "organisatie": note.respondent.organisation,
                    "rol": note.respondent.role,
                    "niveau": "item" if note.level == "item" else "vraag",
                    "id": note.id,
                    "tekst": note.text,
                }
                for note in history.notes(signal.level, signal.id, index)
            ],
        }
        for signal in history.signals(index)
    ]
    return data


def report_data(history: History, content: Checklist, settings: Settings, today: dt.date) -> dict[str, Any]:
    """The JSON report as Python data; the shape is documented in docs/rapport-json.md."""
    data = _report_frame(history, content, settings, today)
    data["rondes"] = [_json_round(history, content, index, result) for index, result in enumerate(history.rounds)]
    return data


_ROUNDS_PLACEHOLDER = "\0rondes\0"


def iter_json_report(history: History, content: Checklist, settings: Settings, today: dt.date) -> Iterator[str]:
    """The JSON report in pieces, round by round: the same text as ``render_report(..., "json")``.

    Only one round is held as data at a time, so writing the report of a long
    history takes memory for one round, not for all of them.
    """
    frame = _report_frame(history, content, settings, today)
    text = json.dumps(frame, ensure_ascii=False, indent=2) + "\n"
    marker = json.dumps(_ROUNDS_PLACEHOLDER)
    head, tail = text.split(marker, 1)
    if not history.rounds:
        yield head + "[]" + tail
        return
    yield head + "[\n"
    for index, result in enumerate(history.rounds):
        # JSON text has no raw line breaks inside strings: indenting line by line is safe.
        lines = json.dumps(_json_round(history, content, index, result), ensure_ascii=False, indent=2).split("\n")
        separator = ",\n" if index < len(history.rounds) - 1 else "\n"
        yield "\n".join("    " + line for line in lines) + separator
    yield "  ]" + tail


def _report_frame(history: History, content: Checklist, settings: Settings, today: dt.date) -> dict[str, Any]:
    """The JSON report with a placeholder for the rounds, which are the bulk of it."""
    return {
        "formaat": JSON_FORMAT,
        "versie": JSON_VERSION,
        "gemaakt": today.isoformat(),
        "samenwerking": {"naam": history.name, "slug": history.slug},
        "inhoud": {"id": content.id, "versie": content.version},
        "instellingen": {
            "banden": {"sterk": settings.band_strong, "aandacht": settings.band_attention},
            "signalen": {
                "achteruitgang": settings.drop_threshold,
                "achteruitgang_vraag": settings.question_drop_threshold,
                "trend_stappen": settings.trend_steps,
                "trend_totaal": settings.trend_total,
                "verschil_van_inzicht": settings.divergence_threshold,
            },
        },
        "rondes": _ROUNDS_PLACEHOLDER,
        "acties": [
            {
                "id": tracked.id,
                "wat": tracked.action.what,
                "wie": tracked.action.who,
                "deadline": tracked.action.due.isoformat() if tracked.action.due else None,
                "status": tracked.action.status,
                "item": tracked.action.item or None,
                "ronde": tracked.round_label,
                "te_laat": tracked.action.is_overdue(today),
            }
            for tracked in history.actions()
        ],
        "logboek": [
            {"datum": entry.date.isoformat(), "tekst": entry.text, "auteur": entry.author, "ronde": entry.round_label}
            for entry in history.timeline()
        ],
        "meldingen": list(history.notices),
        **_json_advice(history, content, settings),
    }


def _json_advice(history: History, content: Checklist, settings: Settings) -> dict[str, Any]:
    from ..advice import chosen_form, convenant_rows, phase_advice

    def form_data(form: Any) -> dict[str, str]:
        return {"id": form.id, "naam": form.name, "bron": form.source}

    chosen = chosen_form(content, settings.form)
    advice = phase_advice(content, history, settings)
    suggestion = advice.suggestion
    return {
        "samenwerkingsvorm": {
            "varianten": [form_data(form) for form in chosen.variants],
            "hoofdvorm": form_data(chosen.main) if chosen.main else None,
            "vormen": [form_data(form) for form in chosen.forms],
            "onbekend": chosen.unknown,
        },
        "convenant": [
            {
                "id": element.id,
                "naam": element.name,
                "bron": element.source,
                "voorwaardelijk": bool(element.condition),
                "geregeld": None if entry is None else entry.settled,
                "artikel": None if entry is None or not entry.article else entry.article,
                "datum": None if entry is None or entry.date is None else entry.date.isoformat(),
            }
            for element, entry in convenant_rows(content, settings)
        ],
        "fase_advies": {
            "fase": advice.phase,
            "ronde": advice.round_label,
            "focus": [{"tekst": quote.text, "bron": quote.source} for quote in advice.focus],
            "criteria": [{"tekst": reason.text, "voldaan": reason.met, "bron": reason.quote.source} for reason in advice.checks],
            "suggestie": None if suggestion is None else {"naar": suggestion.towards},
        },
    }


def json_report(history: History, content: Checklist, settings: Settings, today: dt.date) -> str:
    return json.dumps(report_data(history, content, settings, today), ensure_ascii=False, indent=2) + "\n"
