"""What the HTML page and the Excel workbook show, built on the JSON report's data.

Both renderers read the dict that :func:`samenwerk_tui.report.json.report_data`
builds, so their numbers are the JSON report's by construction. This module
adds only what they need beyond it, and only where the JSON report does not
carry it (yet): the notes that explain each signal, the phase of each factor,
the partners expected but missing, and each partner's mean. Pure functions,
no Textual, no files.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..analysis import History
from ..analysis.kinds import BAND_SYMBOLS, FALL_FLAGS, FALL_SYMBOL, RISE_FLAGS, RISE_SYMBOL, STABLE_SYMBOL
from ..content import Checklist
from ..model import fold_text
from ..settings import Settings
from .json import report_data

PartnerMeans = dict[int, dict[str, dict[str, list[dict[str, Any]]]]]
"""Per round index, per JSON level key, per id: the partners' means."""


def report_view(
    history: History,
    content: Checklist,
    settings: Settings,
    today: dt.date,
    round_index: int = -1,
    *,
    partner_means: PartnerMeans | None = None,
    anonymous: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON report's data plus what the page and the workbook show beyond it.

    ``partner_means`` (from an anonymous report) replaces the per-partner
    figures that would otherwise be grouped from the respondents' own means.
    """
    data = report_data(history, content, settings, today)
    index = round_index + len(history.rounds) if round_index < 0 else round_index
    data["huidige_ronde"] = index
    data["fase_van_succesfactor"] = {factor.id: factor.phase for factor in content.factors.values()}
    data["fase_namen"] = {phase.id: phase.name for phase in content.checklist.phases}
    meta = content.checklist.meta
    data["checklist"] = {"titel": meta.title, "versie": content.version, "bron": meta.citation, "licentie": meta.licence}
    if anonymous is not None:
        data["anoniem"] = anonymous
    for position, round_data in enumerate(data["rondes"]):
        for level_key in ("fasen", "succesfactoren", "items", "vragen"):
            for id, stat in round_data[level_key].items():
                if partner_means is not None:
                    stat["per_partner"] = partner_means.get(position, {}).get(level_key, {}).get(id, [])
                else:
                    stat.setdefault("per_partner", group_by_partner(stat.get("per_respondent", [])))
    current = data["rondes"][index]
    # Who has not answered, as the analysis decides it (participants listed, or those of the round before).
    current.setdefault(
        "ontbreekt",
        [
            {"organisatie": entry["organisatie"], "rol": entry["rol"]}
            for entry in current.get("volledigheid", {}).get("per_respondent", [])
            if entry.get("verwacht") and entry.get("status") != "ontvangen"
        ],
    )
    return data


def group_by_partner(per_respondent: list[dict[str, Any]], minimum: int = 1) -> list[dict[str, Any]]:
    """Per organisation (in name order): how many respondents, and the mean of their means.

    Organisations with fewer than ``minimum`` respondents are left out.
    """
    groups: dict[str, tuple[str, list[float]]] = {}
    for entry in per_respondent:
        _name, means = groups.setdefault(fold_text(entry["organisatie"]), (entry["organisatie"], []))
        means.append(entry["gemiddelde"])
    return [
        {"organisatie": name, "respondenten": len(means), "gemiddelde": round(sum(means) / len(means), 4) + 0.0}
        for _, (name, means) in sorted(groups.items())
        if len(means) >= minimum
    ]


# --- small helpers shared by the renderers --------------------------------------


def number(value: float | None, decimals: int = 2) -> str:
    """A Dutch decimal: 3,25; empty for nothing."""
    if value is None:
        return ""
    text = f"{value:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace(".", ",")


def signed(value: float | None) -> str:
    if value is None:
        return ""
    text = number(value)
    return text if text.startswith("-") or text.strip("0,") == "" else "+" + text


def arrow(stat: dict[str, Any]) -> str:
    """▼ for a flagged fall, ▲ for a flagged rise, ● for stable, as in the dashboard."""
    flags = set(stat.get("signalen", []))
    if flags & FALL_FLAGS:
        return FALL_SYMBOL
    if flags & RISE_FLAGS:
        return RISE_SYMBOL
    if stat.get("verandering") is not None:
        return STABLE_SYMBOL
    return ""


def band_label(band: str | None) -> str:
    return f"{BAND_SYMBOLS[band]} {band}" if band in BAND_SYMBOLS else ""


def respondent_label(entry: dict[str, Any]) -> str:
    return f"{entry['organisatie']} ({entry['rol']})" if entry.get("rol") else entry["organisatie"]


def extra_round_facts(current: dict[str, Any]) -> list[tuple[str, str]]:
    """Round-level keys the JSON report gained after these renderers were written, as (name, text) to show."""
    known = {
        "label",
        "datum",
        "fase",
        "respondenten",
        "nieuw",
        "vertrokken",
        "fasen",
        "succesfactoren",
        "items",
        "vragen",
        "signalen",
        "ontbreekt",
    }
    extra = []
    for key, value in current.items():
        if key in known:
            continue
        if isinstance(value, (str, int, float, bool)):
            extra.append((key.replace("_", " "), "ja" if value is True else "nee" if value is False else str(value)))
        elif isinstance(value, dict) and all(isinstance(item, (str, int, float, bool)) for item in value.values()):
            extra.append((key.replace("_", " "), ", ".join(f"{name}: {item}" for name, item in value.items())))
    return extra
