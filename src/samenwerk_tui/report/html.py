"""The HTML report: one self-contained page with charts, for the stuurgroep and for print.

Everything on the page comes from :func:`samenwerk_tui.report_view.report_view`,
the JSON report's data; the numbers are the JSON's rounded to two decimals.
Jinja2 renders the page with autoescaping on, so a note that contains markup
shows as text; the charts are pygal SVG (see :mod:`samenwerk_tui.report.charts`).
Both libraries are imported when a page is made, not when the dashboard starts.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..analysis.kinds import BAND_SYMBOLS, DIVERGENCE, KIND_WORDS, SignalKind
from .view import arrow, band_label, extra_round_facts, number, respondent_label, signed

LEVEL_KEYS = {"fase": "fasen", "succesfactor": "succesfactoren", "item": "items", "vraag": "vragen"}
KIND_CLASSES = {words.word: words.css_class for words in KIND_WORDS.values()}
KIND_SYMBOLS = {words.word: words.symbol for words in KIND_WORDS.values()}
DIVERGENCE_KIND = KIND_WORDS[SignalKind.DIVERGENCE].word
STATUS_OPEN = ("open", "bezig")


def render_html(view: dict[str, Any]) -> str:
    """The page for ``view`` (from :func:`report_view`)."""
    page: str = _template().render(**page_context(view))
    return page


@lru_cache(maxsize=1)
def _template() -> Any:
    """The page template, compiled once per process (a second export from the dashboard skips it)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("samenwerk_tui", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("rapport.html.j2")


def page_context(view: dict[str, Any]) -> dict[str, Any]:
    """What the template shows, as plain values: every number already written the Dutch way."""
    from . import charts as report_charts

    index = view["huidige_ronde"]
    rounds = view["rondes"]
    current = rounds[index]
    factor_ids = list(current["succesfactoren"])
    compared = [current["succesfactoren"][id]["vergeleken_met"] for id in factor_ids]
    # The round most factors are compared with (a factor not measured then is compared with an earlier one).
    compared_label = max(sorted(set(filter(None, compared))), key=compared.count) if any(compared) else None
    previous_label = rounds[index - 1]["label"] if index > 0 else None
    factors = [_factor_row(view, id, current["succesfactoren"][id], previous_label) for id in factor_ids]
    labels = [round_data["label"] for round_data in rounds[: index + 1]]
    series = {id: [round_data["succesfactoren"][id] for round_data in rounds[: index + 1]] for id in factor_ids}
    names = {id: current["succesfactoren"][id]["naam"] for id in factor_ids}
    trends = [{"naam": names[id], "svg": report_charts.trend_chart(id, names[id], labels, series[id])} for id in factor_ids]
    trend_rows = [{"naam": names[id], "cellen": [_mean_cell(stat) for stat in series[id]]} for id in factor_ids]
    settings = view["instellingen"]
    anonymous = view.get("anoniem")
    return {
        "titel": f"Rapport {view['samenwerking']['naam']}",
        "samenwerking": view["samenwerking"]["naam"],
        "ronde": current,
        "fase": view["fase_namen"].get(current["fase"] or "", current["fase"] or ""),
        "gemaakt": view["gemaakt"],
        "checklist": view["checklist"],
        "anoniem": anonymous,
        "eerste_ronde": index == 0,
        "vergeleken_met": compared_label,
        "factoren": factors,
        "factoren_svg": report_charts.factors_chart([current["succesfactoren"][id] for id in factor_ids], current["label"], compared_label),
        "rondes": labels,
        "trends": trends,
        "trend_rijen": trend_rows,
        "raster": _grid(view, current, factor_ids),
        "signalen": _signals(current),
        "acties_te_laat": [_action(current, action) for action in view["acties"] if action["te_laat"]],
        "acties_open": [_action(current, action) for action in view["acties"] if action["status"] in STATUS_OPEN and not action["te_laat"]],
        "logboek": view["logboek"],
        "respondenten": [{"naam": respondent_label(entry), "scores": entry["scores"]} for entry in current["respondenten"]],
        "ontbreekt": [respondent_label(entry) for entry in current.get("ontbreekt", [])],
        "nieuw": [respondent_label(entry) for entry in current["nieuw"]],
        "vertrokken": [respondent_label(entry) for entry in current["vertrokken"]],
        "vorige_ronde": previous_label,
        "drempels": {
            "sterk": number(settings["banden"]["sterk"], 1),
            "aandacht": number(settings["banden"]["aandacht"], 1),
            "achteruitgang": number(settings["signalen"]["achteruitgang"], 1),
            "achteruitgang_vraag": number(settings["signalen"]["achteruitgang_vraag"], 1),
            "trend_stappen": settings["signalen"]["trend_stappen"],
            "trend_totaal": number(settings["signalen"]["trend_totaal"], 1),
            "verschil_van_inzicht": number(settings["signalen"]["verschil_van_inzicht"], 1),
        },
        "meldingen": view["meldingen"],
        "extra": extra_round_facts(current),
    }


def _mean_cell(stat: dict[str, Any]) -> dict[str, str]:
    if stat["gemiddelde"] is None:
        return {"tekst": "niet gemeten", "band": ""}
    return {"tekst": f"{number(stat['gemiddelde'])} {BAND_SYMBOLS.get(stat['band'] or '', '')}".strip(), "band": stat["band"] or ""}


def _change(stat: dict[str, Any], compared_label: str | None = None) -> str:
    if stat["verandering"] is None:
        return ""
    text = f"{arrow(stat)} {signed(stat['verandering'])}"
    if stat["vergeleken_met"] and stat["vergeleken_met"] != compared_label:
        text += f" sinds {stat['vergeleken_met']}"
    return text


def _factor_row(view: dict[str, Any], id: str, stat: dict[str, Any], previous_label: str | None) -> dict[str, Any]:
    phase = view["fase_van_succesfactor"].get(id, "")
    flags = list(stat["signalen"])
    if stat["een_antwoord"]:
        flags.append("1 antwoord: geen consensus")
    return {
        "id": id,
        "fase": view["fase_namen"].get(phase, phase),
        "naam": stat["naam"],
        "gemiddelde": number(stat["gemiddelde"]) if stat["gemiddelde"] is not None else "niet gemeten",
        "n": stat["n"],
        "band": stat["band"] or "",
        "band_tekst": band_label(stat["band"]),
        "vorige": number(stat["vorige"]),
        "verandering": _change(stat, previous_label),
        "spreiding": number(stat["spreiding"]),
        "signalen": ", ".join(flags),
    }


def _grid(view: dict[str, Any], current: dict[str, Any], factor_ids: list[str]) -> dict[str, Any]:
    """Partners × factors: each partner's mean per factor, rows with verschil van inzicht marked."""
    counts: dict[str, int] = {}
    for id in factor_ids:
        for entry in current["succesfactoren"][id]["per_partner"]:
            counts[entry["organisatie"]] = max(counts.get(entry["organisatie"], 0), entry["respondenten"])
    partners = list(counts)
    rows = []
    for id in factor_ids:
        stat = current["succesfactoren"][id]
        by_partner = {entry["organisatie"]: entry for entry in stat["per_partner"]}
        cells = []
        for partner in partners:
            entry = by_partner.get(partner)
            if entry is None:
                cells.append({"tekst": "—", "band": "", "uiterste": ""})
                continue
            band = _band_of(entry["gemiddelde"], view)
            extreme = ""
            if DIVERGENCE in stat["signalen"] and len(by_partner) > 1:
                if entry["gemiddelde"] == min(other["gemiddelde"] for other in by_partner.values()):
                    extreme = "laagste"
                elif entry["gemiddelde"] == max(other["gemiddelde"] for other in by_partner.values()):
                    extreme = "hoogste"
            cells.append({"tekst": f"{number(entry['gemiddelde'])} {BAND_SYMBOLS[band]}", "band": band, "uiterste": extreme})
        rows.append(
            {
                "naam": stat["naam"],
                "cellen": cells,
                "totaal": _mean_cell(stat),
                "spreiding": number(stat["spreiding"]),
                "verschil": DIVERGENCE in stat["signalen"],
            }
        )
    return {"partners": [{"naam": partner, "respondenten": counts[partner]} for partner in partners], "rijen": rows}


def _band_of(mean: float, view: dict[str, Any]) -> str:
    bands = view["instellingen"]["banden"]
    return "sterk" if mean >= bands["sterk"] else "aandacht" if mean >= bands["aandacht"] else "zorg"


def _signals(current: dict[str, Any]) -> list[dict[str, Any]]:
    """Per kind, the broad signals before the questions; a note shown once is referred to after that."""
    levels = list(LEVEL_KEYS)
    kinds = list(KIND_CLASSES)

    def position(signal: dict[str, Any]) -> tuple[int, int]:
        kind, level = signal["soort"], signal["niveau"]
        return (kinds.index(kind) if kind in kinds else len(kinds), levels.index(level) if level in levels else len(levels))

    ordered = sorted(current["signalen"], key=position)
    shown: dict[tuple[str, str, str], str] = {}
    signals = []
    for signal in ordered:
        entry = _signal(current, signal)
        fresh: list[dict[str, str]] = []
        earlier: list[str] = []
        for shown_note in entry["toelichting"]:
            identity = (shown_note["wie"], shown_note["waar"], shown_note["tekst"])
            if identity in shown:
                if shown[identity] not in earlier:
                    earlier.append(shown[identity])
            else:
                shown[identity] = f"{signal['soort']} “{signal['naam']}”"
                fresh.append(shown_note)
        entry["toelichting"], entry["eerder"] = fresh, earlier
        signals.append(entry)
    return signals


def _signal(current: dict[str, Any], signal: dict[str, Any]) -> dict[str, Any]:
    level_key = LEVEL_KEYS.get(signal["niveau"], "")
    stat = current.get(level_key, {}).get(signal["id"], {})
    if signal["soort"] == DIVERGENCE_KIND:
        figures = (
            f"spreiding {number(stat.get('spreiding'))} (laagste {number(stat.get('minimum'))}, hoogste {number(stat.get('maximum'))})"
        )
    elif stat.get("vorige") is not None:
        figures = f"{number(stat['vorige'])} → {number(stat['gemiddelde'])} ({signed(stat['verandering'])} sinds {stat['vergeleken_met']})"
    else:
        figures = number(stat.get("gemiddelde"))
    flags = [flag for flag in signal["signalen"] if flag != DIVERGENCE] if signal["soort"] != DIVERGENCE_KIND else []
    return {
        "soort": signal["soort"],
        "klasse": KIND_CLASSES.get(signal["soort"], ""),
        "symbool": KIND_SYMBOLS.get(signal["soort"], ""),
        "niveau": signal["niveau"],
        "naam": signal["naam"],
        "cijfers": figures,
        "signalen": ", ".join(flags),
        "voorlopig": bool(signal.get("voorlopig")),
        "per_partner": [f"{entry['organisatie']} {number(entry['gemiddelde'])}" for entry in stat.get("per_partner", [])]
        if signal["soort"] == DIVERGENCE_KIND
        else [],
        "toelichting": [_note(note) for note in signal.get("toelichting", []) if note.get("tekst")],
    }


def _note(note: dict[str, Any]) -> dict[str, str]:
    """A note that explains a signal: who wrote it, on what, and the text."""
    who = respondent_label(note) if note.get("organisatie") else ""
    where = f"bij {note['niveau']} {note['id']}" if note.get("niveau") and note.get("id") else ""
    return {"wie": who, "waar": where, "tekst": note["tekst"]}


def _action(current: dict[str, Any], action: dict[str, Any]) -> dict[str, Any]:
    item = current["items"].get(action["item"] or "")
    return {
        "wat": action["wat"],
        "wie": action["wie"],
        "deadline": action["deadline"] or "",
        "status": action["status"],
        "item": item["naam"] if item else action["item"] or "",
        "ronde": action["ronde"],
    }
