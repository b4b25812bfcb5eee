"""The stuurgroep's HTML page, the Excel workbook and the anonymous report (`rapport --formaat html|xlsx`, `--anoniem`)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from samenwerk_tui.analysis import analyse_collaboration
from samenwerk_tui.cli.dispatch import main
from samenwerk_tui.content import load_content
from samenwerk_tui.model import Session
from samenwerk_tui.report.anonymous import anonymous_report, partner_letter
from samenwerk_tui.report.view import number
from samenwerk_tui.settings import Settings
from samenwerk_tui.store import SETTINGS_FILE, load_folder

CONTENT = load_content()
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions"
TODAY = "2026-11-29"
SCRIPT_NOTE = "<script>alert('x')</script> en </blockquote><b>vet</b>"
ATTRIBUTE_NOTE = "\"><img src=x onerror=alert(1)> '><svg onload=alert(2)>"


def report(tmp_path: Path, fmt: str, *options: str, folder: Path = EXAMPLE) -> bytes:
    target = tmp_path / f"rapport-{fmt}-{len(options)}.{fmt}"
    assert main(["rapport", str(folder), "--formaat", fmt, "--uitvoer", str(target), "--datum", TODAY, *options]) == 0
    return target.read_bytes()


class Page(HTMLParser):
    """The page's elements with their text, enough to find table cells by row and class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, list[tuple[str, str]]] = {}
        self.tables: list[list[list[str]]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._row: str | None = None
        self._cell: list[str] | None = None
        self._cell_class = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = attributes.get("data-factor")
            if self.tables:
                self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
            self._cell_class = attributes.get("class") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self.tables and self.tables[-1]:
                self.tables[-1][-1].append(text)
            if self._row:
                self.rows.setdefault(self._row, []).append((self._cell_class, text))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse(html: bytes) -> Page:
    page = Page()
    page.feed(html.decode("utf-8"))
    return page


@pytest.fixture(scope="module")
def example_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return json.loads(report(tmp_path_factory.mktemp("json"), "json"))


@pytest.fixture(scope="module")
def example_html(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return report(tmp_path_factory.mktemp("html"), "html")


# --- HTML ------------------------------------------------------------------------------


def test_html_factor_table_has_the_json_reports_numbers(example_html: bytes, example_json: dict[str, Any]) -> None:
    page = parse(example_html)
    current = example_json["rondes"][-1]
    assert current["label"] == "2026-Q4"
    assert set(page.rows) == set(current["succesfactoren"])
    for id, stat in current["succesfactoren"].items():
        cells = dict(page.rows[id])
        assert cells["num gemiddelde"] == number(stat["gemiddelde"]), id
        assert cells[f"band cell-{stat['band']}"].endswith(stat["band"])
        assert cells["verandering"].endswith(number(stat["verandering"]).lstrip("-")), id
    middelen = dict(page.rows["middelen"])
    assert (middelen["num gemiddelde"], middelen["band cell-zorg"], middelen["verandering"]) == ("2,07", "✖ zorg", "▼ -1,53")


def test_html_trend_table_and_grid_have_every_rounds_and_partners_numbers(example_html: bytes, example_json: dict[str, Any]) -> None:
    page = parse(example_html)
    trend = next(
        table
        for table in page.tables
        if table and table[0][0] == "succesfactor" and table[0][1:] == [r["label"] for r in example_json["rondes"]]
    )
    for row in trend[1:]:
        factor = next(stat for stat in example_json["rondes"][0]["succesfactoren"].values() if stat["naam"] == row[0])
        id = next(key for key, value in example_json["rondes"][0]["succesfactoren"].items() if value is factor)
        for round_data, cell in zip(example_json["rondes"], row[1:], strict=False):
            assert cell.split()[0] == number(round_data["succesfactoren"][id]["gemiddelde"])
    grid = next(table for table in page.tables if table and table[0][-2:] == ["alle", "spreiding"])
    current = example_json["rondes"][-1]
    convenant = next(row for row in grid if row[0].startswith(current["succesfactoren"]["convenant"]["naam"]))
    per_respondent = {entry["organisatie"]: entry["gemiddelde"] for entry in current["succesfactoren"]["convenant"]["per_respondent"]}
    headers = [header.split(" 1 resp.")[0] for header in grid[0]]
    for organisation, mean in per_respondent.items():
        assert convenant[headers.index(organisation)].startswith(number(mean))
    assert convenant[0].endswith("≠ verschil van inzicht")
    assert convenant[-1] == number(current["succesfactoren"]["convenant"]["spreiding"])
    assert "laagste" in " ".join(convenant) and "hoogste" in " ".join(convenant)


def test_html_has_every_chart_and_section(example_html: bytes) -> None:
    text = example_html.decode("utf-8")
    # One bar chart of the factors and one trend chart per factor.
    assert text.count("<svg") == 1 + 12
    for heading in (
        "Succesfactoren in 2026-Q4",
        "Verloop per succesfactor",
        "Partners en succesfactoren in 2026-Q4",
        "Signalen en toelichting",
        "Acties",
        "Logboek",
        "Wie heeft geantwoord",
        "Drempels en bron",
    ):
        assert f"<h2>{heading}</h2>" in text
    assert "februari 2011" in text and "Centrum voor Criminaliteitspreventie en Veiligheid" in text
    assert "Herinrichting politie-eenheid per 1 oktober" in text  # a note that explains a signal
    assert "@page" in text and "break-before: page" in text


def test_html_needs_no_network_and_runs_no_script(example_html: bytes) -> None:
    text = example_html.decode("utf-8")
    addresses = set(re.findall(r"[a-z]+://[^\s\"'<>)]*", text))
    assert addresses == {"http://www.w3.org/2000/svg"}  # an XML namespace, never fetched
    page = parse(example_html)
    assert not [tag for tag, attributes in page.tags if tag in ("script", "link", "img", "iframe", "object")]
    assert not [attributes for _, attributes in page.tags if "src" in attributes or any(key.startswith("on") for key in attributes)]
    assert "@import" not in text and "url(" not in text
    assert "default-src 'none'" in text


def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sessies"
    shutil.copytree(EXAMPLE, folder)
    for path in folder.glob("*--2026-q4--gemeente-*.toml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace(
            'notitie = "Herinrichting politie-eenheid per 1 oktober',
            f"notitie = {json.dumps(SCRIPT_NOTE + ' ' + ATTRIBUTE_NOTE)[:-1]} Herinrichting politie-eenheid per 1 oktober",
        )
        text += (
            '\n[acties.a-hostile]\nwat = "=HYPERLINK(\\"http://x\\")"\nwie = "@wie"\nstatus = "open"\n'
            f'\n[[logboek]]\ndatum = 2026-11-20\ntekst = {json.dumps(ATTRIBUTE_NOTE)}\nauteur = "-auteur"\n'
        )
        path.write_text(text, encoding="utf-8")
    return folder


def test_html_shows_hostile_notes_as_text(tmp_path: Path) -> None:
    html = report(tmp_path, "html", folder=hostile_folder(tmp_path)).decode("utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; en &lt;/blockquote&gt;&lt;b&gt;vet&lt;/b&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    page = parse(html.encode("utf-8"))
    assert not [tag for tag, _ in page.tags if tag in ("script", "img", "b")]
    assert not [attributes for _, attributes in page.tags if any(key.startswith("on") for key in attributes)]
    assert "=HYPERLINK" in html


# --- Excel --------------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_level_with_numbers_as_numbers(tmp_path: Path, example_json: dict[str, Any]) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(report(tmp_path, "xlsx")))
    assert workbook.sheetnames[:3] == ["Succesfactoren", "Punten", "Vragen"]
    assert {"Acties", "Logboek", "Verloop"} <= set(workbook.sheetnames)
    factors = workbook["Succesfactoren"]
    header = [cell.value for cell in factors[1]]
    assert header[:7] == ["ronde", "datum", "id", "naam", "fase", "gemiddelde", "n"]
    assert factors.freeze_panes == "A2" and factors.auto_filter.ref
    rows = {(row[0], row[2]): dict(zip(header, row, strict=False)) for row in factors.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 12 * len(example_json["rondes"])
    for round_data in example_json["rondes"]:
        for id, stat in round_data["succesfactoren"].items():
            row = rows[(round_data["label"], id)]
            assert row["gemiddelde"] == stat["gemiddelde"] and row["n"] == stat["n"]
            assert row["spreiding"] == stat["spreiding"] and row["verandering"] == stat["verandering"]
    middelen = next(row for row in factors.iter_rows(min_row=2) if row[0].value == "2026-Q4" and row[2].value == "middelen")
    mean, band = middelen[header.index("gemiddelde")], middelen[header.index("band")]
    assert mean.data_type == "n" and mean.number_format == "0.00"
    assert band.value == "✖ zorg" and band.fill.fgColor.rgb.endswith("F6CDB7")
    assert "achteruitgang" in middelen[header.index("signalen")].value
    assert workbook["Punten"].max_row == 1 + 13 * 4 and workbook["Vragen"].max_row == 1 + 69 * 4
    assert workbook["Verloop"]._charts


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(report(tmp_path, "xlsx", folder=hostile_folder(tmp_path))))
    actions = workbook["Acties"]
    cells = [cell for row in actions.iter_rows(min_row=2) for cell in row if cell.value is not None]
    hyperlink = next(cell for cell in cells if str(cell.value).startswith("=HYPERLINK"))
    assert hyperlink.data_type == "s"
    assert next(cell for cell in cells if cell.value == "@wie").data_type == "s"
    log = [cell for row in workbook["Logboek"].iter_rows(min_row=2) for cell in row if cell.value == "-auteur"]
    assert log and log[0].data_type == "s"
    for sheet in workbook:
        for row in sheet.iter_rows():
            assert not [cell for cell in row if cell.data_type == "f"]


# --- anonymous ---------------------------------------------------------------------------


def identities() -> set[str]:
    """Every organisation, role and name in the example's session files."""
    found: set[str] = set()
    for loaded in load_folder(EXAMPLE, CONTENT).sessions:
        respondent = loaded.session.respondent
        found |= {value for value in (respondent.organisation, respondent.role, respondent.name) if value.strip()}
    return found


def readable(data: bytes, fmt: str) -> str:
    """All the text of a report, the workbook's XML parts included."""
    if fmt != "xlsx":
        return data.decode("utf-8-sig")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "html", "xlsx"])
@pytest.mark.parametrize("notes", [False, True])
def test_anonymous_report_names_no_organisation_role_or_person(tmp_path: Path, fmt: str, notes: bool) -> None:
    names = identities()
    assert len(names) >= 6
    text = readable(report(tmp_path, fmt, "--anoniem", *(["--met-notities"] if notes else [])), fmt).casefold()
    for name in names:
        assert name.casefold() not in text, name
        assert name.casefold().replace(" ", "-") not in text, name
    if fmt != "csv":  # the CSV has figures only, no respondents
        assert "partner a" in text


def test_anonymous_json_shows_partner_figures_only_from_the_minimum(tmp_path: Path) -> None:
    data = json.loads(report(tmp_path, "json", "--anoniem"))
    assert data["anoniem"] == {"minimum": 3, "notities": False}
    stats = [stat for round_data in data["rondes"] for level in ("succesfactoren", "vragen") for stat in round_data[level].values()]
    assert all(stat["per_respondent"] == [] and stat["per_partner"] == [] for stat in stats)
    assert {entry["organisatie"] for entry in data["rondes"][-1]["respondenten"]} == {"Partner A", "Partner B", "Partner C"}
    assert {entry["rol"] for entry in data["rondes"][-1]["respondenten"]} == {""}
    # The totals are the same as in the named report.
    named = json.loads(report(tmp_path, "json"))
    assert [stat["gemiddelde"] for stat in data["rondes"][-1]["succesfactoren"].values()] == [
        stat["gemiddelde"] for stat in named["rondes"][-1]["succesfactoren"].values()
    ]
    assert all(note["tekst"] == "" or "weggelaten" in note["tekst"] for note in data["logboek"])


def test_anonymous_partner_figures_appear_where_enough_respondents_stand_behind_them(tmp_path: Path) -> None:
    folder = tmp_path / "sessies"
    shutil.copytree(EXAMPLE, folder)
    settings_file = folder / SETTINGS_FILE
    settings_file.write_text(
        settings_file.read_text(encoding="utf-8").replace("minimum_respondenten = 3", "minimum_respondenten = 1"), encoding="utf-8"
    )
    data = json.loads(report(tmp_path, "json", "--anoniem", folder=folder))
    convenant = data["rondes"][-1]["succesfactoren"]["convenant"]
    assert convenant["per_respondent"] == []
    assert sorted(entry["organisatie"] for entry in convenant["per_partner"]) == ["Partner A", "Partner B", "Partner C"]
    named = json.loads(report(tmp_path, "json", folder=folder))["rondes"][-1]["succesfactoren"]["convenant"]
    assert sorted(entry["gemiddelde"] for entry in convenant["per_partner"]) == sorted(
        entry["gemiddelde"] for entry in named["per_respondent"]
    )
    html = report(tmp_path, "html", "--anoniem", folder=folder).decode("utf-8")
    assert "Partner A<br>" in html


def test_anonymous_html_without_enough_respondents_says_it_shows_only_totals(tmp_path: Path) -> None:
    html = report(tmp_path, "html", "--anoniem").decode("utf-8")
    assert "geen partner heeft minstens 3 respondenten" in html
    assert "Notities zijn weggelaten" in html
    assert "Anoniem rapport." in html


def test_anonymous_notes_are_checked_for_personal_data_and_names(tmp_path: Path, content: Any) -> None:
    def session(organisation: str, role: str, score: int, note: str) -> Session:
        return Session.model_validate(
            {
                "formaat": 1,
                "fase": "begin",
                "aangemaakt": dt.date(2026, 1, 1),
                "bijgewerkt": dt.date(2026, 1, 1),
                "samenwerking": {"naam": "Team", "slug": "team"},
                "ronde": {"label": "R1", "datum": dt.date(2026, 1, 1)},
                "respondent": {"organisatie": organisation, "rol": role, "naam": "Jan de Vries"},
                "vragen": {"convenant.1": {"score": score, "notitie": note}},
            }
        )

    sessions = [
        session("Gemeente Noord", "jurist", 1, "Mail jan@example.nl; de Politie  Zuid (wijkagent) belt terug."),
        session("Politie Zuid", "wijkagent", 5, "Volgens gemeente noord en Jan de Vries klopt het."),
    ]
    kept = anonymous_report(sessions, content, Settings(), keep_notes=True, seed=1)
    notes = [note.text for note in kept.history.notes("factor", "convenant")]
    joined = " ".join(notes)
    assert "jan@example.nl" not in joined and "Zuid" not in joined and "noord" not in joined.casefold()
    assert "Jan de Vries" not in joined and "wijkagent" not in joined
    assert "[rol]" in joined and "[naam" in joined and "Partner " in joined
    assert kept.findings
    dropped = anonymous_report(sessions, content, Settings(), seed=1)
    assert dropped.history.notes("factor", "convenant") == []
    assert {info.organisation for info in dropped.history.latest.respondents.values()} == {"Partner A", "Partner B"}


def test_partner_letters_are_stable_within_a_report_and_drawn_anew_for_the_next(content: Any) -> None:
    load = load_folder(EXAMPLE, CONTENT)
    named = analyse_collaboration(load.sessions, content, Settings())

    def by_scores(result: Any) -> dict[tuple[Any, ...], str]:
        """Each respondent's organisation, found by the scores it gave (unique per round in the example)."""
        return {
            tuple(session.score(question_id) for question_id in content.questions): result.respondents[key].organisation
            for key, session in result.sessions.items()
        }

    mappings = set()
    for seed in range(8):
        anonymous = anonymous_report(load.sessions, content, Settings(), seed=seed).history
        per_round = set()
        for named_round, anonymous_round in zip(named.rounds, anonymous.rounds, strict=True):
            names, letters = by_scores(named_round), by_scores(anonymous_round)
            assert len(names) == len(letters) == 3
            per_round.add(frozenset((names[scores], letters[scores]) for scores in names))
        assert len(per_round) == 1  # one letter per partner in every round of the report
        mappings |= per_round
    assert len(mappings) > 1  # not the alphabetical order of the names
    assert [partner_letter(index) for index in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


# --- command line and start-up ---------------------------------------------------------------


def test_html_and_xlsx_need_an_output_file_and_notes_need_anonymous(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rapport", str(EXAMPLE), "--formaat", "xlsx"]) == 2
    assert "--uitvoer" in capsys.readouterr().err
    assert main(["rapport", str(EXAMPLE), "--met-notities"]) == 2
    assert "--anoniem" in capsys.readouterr().err


def test_rapport_help_is_dutch_and_names_the_new_formats(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["rapport", "--help"])
    out = capsys.readouterr().out
    assert "html" in out and "xlsx" in out and "--anoniem" in out and "--met-notities" in out and "Partner A" in out


def test_the_dashboard_does_not_import_the_report_libraries() -> None:
    code = (
        "import sys, samenwerk_tui.ui.app, samenwerk_tui.cli.report, samenwerk_tui.report.formats\n"
        "print(sorted(name for name in ('jinja2', 'pygal', 'xlsxwriter', 'openpyxl') if name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_anonymity_minimum_is_a_setting_with_a_dutch_message_when_wrong(tmp_path: Path) -> None:
    from samenwerk_tui.settings import Anonymity, load_settings, read_settings, settings_toml

    (tmp_path / SETTINGS_FILE).write_text(settings_toml(Settings(anonymity=Anonymity(min_respondents=5))), encoding="utf-8")
    assert load_settings(tmp_path).anonymity.min_respondents == 5
    (tmp_path / SETTINGS_FILE).write_text("[anoniem]\nminimum_respondenten = 0\n", encoding="utf-8")
    loaded = read_settings(tmp_path)
    assert loaded.settings.anonymity.min_respondents == 3
    [problem] = loaded.problems
    assert problem.line == 2 and "minstens 1" in problem.message


def test_a_first_round_with_one_respondent_and_unmeasured_factors_still_makes_both_files(content: Any) -> None:
    from samenwerk_tui.report.formats import make_report

    session = Session.model_validate(
        {
            "formaat": 1,
            "fase": "begin",
            "aangemaakt": dt.date(2026, 1, 1),
            "bijgewerkt": dt.date(2026, 1, 1),
            "samenwerking": {"naam": "Team", "slug": "team"},
            "ronde": {"label": "R1", "datum": dt.date(2026, 1, 1)},
            "respondent": {"organisatie": "Gemeente", "rol": ""},
            "vragen": {"convenant.1": {"score": 2}},
            "acties": {"a-1": {"wat": "Bellen", "deadline": dt.date(2026, 1, 15), "status": "open"}},
        }
    )
    history = analyse_collaboration([session], content, Settings())
    html = make_report(history, content, Settings(), "html", dt.date(2026, 2, 1)).decode("utf-8")
    assert "Dit is de eerste ronde" in html and "No data" not in html
    assert make_report(history, content, Settings(), "html", dt.date(2026, 2, 1)).decode("utf-8") == html  # same data, same page
    page = parse(html.encode("utf-8"))
    assert dict(page.rows["convenant"])["num gemiddelde"] == "2,00"
    assert dict(page.rows["visie"])["num gemiddelde"] == "niet gemeten"
    assert "Bellen" in html.split("<h3>Over de deadline</h3>")[1].split("<h3>Open</h3>")[0]
    workbook = openpyxl.load_workbook(io.BytesIO(make_report(history, content, Settings(), "xlsx", dt.date(2026, 2, 1))))
    factors = workbook["Succesfactoren"]
    assert factors.max_row == 1 + 12
    assert factors["B2"].is_date and factors["B2"].value.date() == dt.date(2026, 1, 1)
    assert workbook["Acties"]["D2"].value.date() == dt.date(2026, 1, 15)


def test_an_anonymous_report_of_a_folder_with_a_duplicate_file_names_no_file(tmp_path: Path) -> None:
    folder = tmp_path / "sessies"
    shutil.copytree(EXAMPLE, folder)
    original = next(folder.glob("*--2026-q4--politie-*.toml"))
    shutil.copy(original, folder / "kopie-van-politie-basisteam-lindendal.toml")
    named = report(tmp_path, "md", folder=folder).decode("utf-8")
    assert "kopie-van-politie-basisteam-lindendal.toml" in named  # the named report says which file it ignored
    for fmt in ("md", "json", "html"):
        text = readable(report(tmp_path, fmt, "--anoniem", folder=folder), fmt).casefold()
        assert "kopie-van" not in text and "politie-basisteam" not in text and "politie basisteam" not in text


def test_keys_the_json_report_gains_later_show_in_the_page_and_the_workbook(content: Any) -> None:
    from samenwerk_tui.report.html import render_html
    from samenwerk_tui.report.view import report_view
    from samenwerk_tui.report.xlsx import render_xlsx

    load = load_folder(EXAMPLE, CONTENT)
    history = analyse_collaboration(load.sessions, content, Settings())
    view = report_view(history, content, Settings(), dt.date(2026, 11, 29))
    current = view["rondes"][-1]
    current["volledig"] = False
    current["antwoorden"] = {"gegeven": 204, "verwacht": 207}
    current["signalen"][0]["voorlopig"] = True
    current["signalen"][0]["toelichting"] = [{"tekst": "Een toelichting in een latere vorm."}]
    html = render_html(view)
    assert "Volledig: nee" in html and "Antwoorden: gegeven: 204, verwacht: 207" in html
    assert "(voorlopig)" in html and "Een toelichting in een latere vorm." in html
    about = openpyxl.load_workbook(io.BytesIO(render_xlsx(view)))["Over dit rapport"]
    assert ("volledig", "nee") in [(row[0], row[1]) for row in about.iter_rows(values_only=True)]
