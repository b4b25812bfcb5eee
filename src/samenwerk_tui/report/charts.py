"""The pictures of the HTML report, drawn by pygal as inline SVG.

pygal writes SVG with its text as text (readable, selectable, escaped by its
XML writer) and needs no browser code to show a static chart. Its tooltips
need a script from the web, so the charts are made without: ``js=[]``, and the
inline configuration script and the comments with web addresses are taken out,
so the page loads nothing and runs nothing. pygal is imported when a chart is
drawn, never when the dashboard starts.
"""

from __future__ import annotations

import re
from typing import Any

from ..analysis.kinds import BAND_SYMBOLS
from .view import arrow, number, signed

BAND_COLOURS = {"sterk": "#009E73", "aandacht": "#E69F00", "zorg": "#D55E00"}
"""Okabe–Ito colours, told apart by colour-blind readers; the symbol and word say it too."""
PREVIOUS_COLOUR = "#8c8c8c"
LINE_COLOUR = "#0072B2"
FONT = "system-ui, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif"

_SCRIPT = re.compile(r"<script[^>]*>[^<]*</script>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_RANDOM_ID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NO_DATA = "niet gemeten"


def _style(colours: tuple[str, ...] = (PREVIOUS_COLOUR, LINE_COLOUR)) -> Any:
    from pygal.style import Style

    return Style(
        font_family=FONT,
        background="white",
        plot_background="white",
        foreground="#1a1a1a",
        foreground_strong="#000000",
        foreground_subtle="#595959",
        colors=colours,
        label_font_size=13,
        major_label_font_size=13,
        value_label_font_size=13,
        legend_font_size=13,
        title_font_size=15,
        opacity="1",
        opacity_hover="1",
        guide_stroke_color="#bdbdbd",
        major_guide_stroke_color="#4d4d4d",
    )


def _score_axis() -> list[Any]:
    return [1, 2, {"label": "3 aandacht", "value": 3}, {"label": "4 sterk", "value": 4}, 5]


def _clean(svg: str, name: str) -> str:
    """The SVG without pygal's configuration script and its comments (which name web addresses).

    pygal gives each chart a random id; ``name`` replaces it, so the same data gives the same page.
    """
    return _RANDOM_ID.sub(f"grafiek-{name}", _COMMENT.sub("", _SCRIPT.sub("", svg)))


def factors_chart(factors: list[dict[str, Any]], current_label: str, compared_label: str | None) -> str:
    """Each factor's mean this round as a bar in its band's colour, beside its previous measurement."""
    import pygal

    chart = pygal.HorizontalBar(
        js=[],
        disable_xml_declaration=True,
        no_data_text=NO_DATA,
        style=_style(),
        width=900,
        height=90 + 36 * len(factors),
        range=(1, 5),
        zero=1,
        y_labels=_score_axis(),
        y_labels_major=[3, 4],
        show_minor_y_labels=True,
        print_labels=True,
        show_legend=False,
        truncate_label=-1,
        margin=12,
        spacing=6,
    )
    # pygal draws the first label at the bottom: reverse so the page reads top-down like the table.
    ordered = list(reversed(factors))
    chart.x_labels = [factor["naam"] for factor in ordered]
    chart.add(
        f"vorige meting ({compared_label})" if compared_label else "vorige meting",
        [{"value": factor["vorige"], "label": number(factor["vorige"])} if factor["vorige"] is not None else None for factor in ordered],
    )
    chart.add(
        current_label,
        [_bar(factor) for factor in ordered],
    )
    return _clean(chart.render(is_unicode=True), "succesfactoren")


def _bar(factor: dict[str, Any]) -> dict[str, Any] | None:
    if factor["gemiddelde"] is None:
        return None
    band = factor["band"]
    parts = [number(factor["gemiddelde"]), f"{BAND_SYMBOLS.get(band, '')} {band or ''}".strip()]
    if factor["verandering"] is not None:
        parts.append(f"{arrow(factor)} {signed(factor['verandering'])}")
    return {"value": factor["gemiddelde"], "color": BAND_COLOURS.get(band or "", LINE_COLOUR), "label": "  ".join(parts)}


def trend_chart(id: str, name: str, labels: list[str], stats: list[dict[str, Any]]) -> str:
    """One factor's mean per round, with the band limits as guide lines."""
    import pygal

    chart = pygal.Line(
        js=[],
        disable_xml_declaration=True,
        no_data_text=NO_DATA,
        style=_style((LINE_COLOUR,)),
        width=440,
        height=250,
        range=(1, 5),
        y_labels=_score_axis(),
        y_labels_major=[3, 4],
        show_minor_y_labels=True,
        show_legend=False,
        allow_interruptions=True,
        print_labels=True,
        dots_size=4,
        stroke_style={"width": 3},
        truncate_label=-1,
        margin=10,
        margin_right=52,
        title=name,
    )
    chart.x_labels = labels
    chart.add(
        name,
        [
            None
            if stat["gemiddelde"] is None
            else {
                "value": stat["gemiddelde"],
                "label": f"{number(stat['gemiddelde'])} {BAND_SYMBOLS.get(stat['band'] or '', '')}".strip(),
                "color": BAND_COLOURS.get(stat["band"] or "", LINE_COLOUR),
            }
            for stat in stats
        ],
    )
    return _clean(chart.render(is_unicode=True), f"verloop-{id}")
