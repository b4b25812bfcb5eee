"""The reports for the stuurgroep: Markdown, CSV (Dutch Excel and plain) and JSON, and `samenwerk rapport`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from samenwerk_tui.analysis import History, analyse_collaboration
from samenwerk_tui.cli.dispatch import main
from samenwerk_tui.content import load_content
from samenwerk_tui.model import Session
from samenwerk_tui.report.csv import CSV_COLUMNS
from samenwerk_tui.report.formats import encode_report, render_report
from samenwerk_tui.settings import Settings, read_settings
from samenwerk_tui.store import SETTINGS_FILE, create_session_file, load_folder

CONTENT = load_content()
SETTINGS = Settings()
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sessions"
TODAY = dt.date(2026, 11, 29)
BOM = b"\xef\xbb\xbf"

HOSTILE = "=cmd|' /C calc'!A0\nTweede regel | met pijp\n\n# geen kop\n[bold]vet[/bold] <b>html</b>"


@pytest.fixture(scope="module")
def example() -> History:
    load = load_folder(EXAMPLE, CONTENT)
    assert load.problems == []
    return analyse_collaboration(load.sessions, CONTENT, SETTINGS)


def render(history: History, fmt: str, **options: Any) -> str:
    return render_report(history, CONTENT, SETTINGS, fmt, today=TODAY, **options)


def section(markdown: str, title: str) -> str:
    """The text under the level-2 heading ``title``, up to the next level-2 heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, f"no section {title!r}"
    return match.group(1)


def parse_csv(data: bytes, style: str) -> list[dict[str, str]]:
    text = data.decode("utf-8-sig" if style == "excel" else "utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if style == "excel" else ","))


def make_session(organisation: str, label: str, date: dt.date, scores: dict[str, Any], **extra: Any) -> Session:
    answers = {qid: {"score": score} for qid, score in scores.items()}
    for qid, note in extra.pop("notes", {}).items():
        answers.setdefault(qid, {})["notitie"] = note
    data = {
        "formaat": 1,
        "fase": "begin",
        "aangemaakt": date,
        "bijgewerkt": date,
        "samenwerking": {"naam": extra.pop("name", "Team"), "slug": extra.pop("slug", "team")},
        "ronde": {"label": label, "datum": date},
        "respondent": {"organisatie": organisation, "rol": extra.pop("role", "")},
        "vragen": answers,
    }
    data.update(extra)
    return Session.model_validate(data)


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_names_the_round_and_who_answered(example: History) -> None:
    markdown = render(example, "md")
    assert markdown.startswith("# Rapport Horecateam Lindendal\n")
    assert "Ronde **2026-Q4** van 2026-11-12 · 3 respondenten" in markdown
    who = section(markdown, "Wie heeft geantwoord")
    # nvt is an answer: the police answered every question, two of them with nvt.
    assert "| Gemeente Lindendal (coördinator horecatoezicht) | ontvangen | 69 | 0 | 0 |" in who
    assert "| Politie basisteam Lindendal (wijkagent horeca) | ontvangen | 67 | 2 | 0 |" in who
    assert "| Veiligheidsregio Lindendal (adviseur brandveiligheid) | ontvangen | 68 | 1 | 0 |" in who
    assert "Verwacht: wie in 2026-Q3 antwoordde" in who
    assert "Voorlopig" not in markdown


def test_markdown_factor_table_has_bands_changes_and_signals(example: History) -> None:
    table = section(render(example, "md"), "Succesfactoren")
    rows = {row.split(" | ")[1]: row for row in table.splitlines() if row.startswith("| ") and "---" not in row}
    assert len(rows) == 1 + 2 + 12  # header, phases, factors
    assert rows["**Onderwegfase** (fase)"].startswith("| Onderwegfase | **Onderwegfase** (fase) | 3,07 |")
    middelen = rows["Voldoende middelen, mensen, materiaal en tijd"]
    assert "| 2,07 | 15 | zorg | ▼ -1,53 |" in middelen
    assert "achteruitgang, naar lagere band" in middelen
    assert "| ▼ -0,19 |" in rows["Leiderschap"] and "dalende trend" in rows["Leiderschap"]
    assert "| 3,42 | stabiel, verschil van inzicht |" in rows["Convenant"]


def test_markdown_lists_the_regressions_and_divergence_with_the_notes_that_explain_them(example: History) -> None:
    markdown = render(example, "md")
    regressions = section(markdown, "Achteruitgang")
    assert "### Voldoende middelen, mensen, materiaal en tijd (succesfactor): 3,60 → 2,07 (-1,53, sinds 2026-Q3)" in regressions
    assert "Herinrichting eenheid: vaste horecadiensten op vrijdag- en zaterdagnacht vervallen" in regressions
    assert "### Leiderschap (succesfactor): 3,29 → 3,10" in regressions
    assert "dalende trend (-0,71 over 3 stappen)" in regressions
    assert "Nog steeds geen vervanging." in regressions
    divergence = section(markdown, "Verschil van inzicht")
    assert "### Convenant (succesfactor): spreiding 3,42 (laagste 1,33, hoogste 4,75)" in divergence
    assert "Politie basisteam Lindendal \\(wijkagent horeca\\)" not in divergence  # parentheses need no escape
    assert "Politie basisteam Lindendal (wijkagent horeca) 1,33" in divergence
    assert "zonder privacytoets (DPIA) geen uitwisseling van persoonsgegevens" in divergence
    # Notes on questions without a signal of their own explain the factor's divergence too.
    assert "Niet aan de politie." in divergence and "Niet onze rol." in divergence
    assert markdown.index("## Achteruitgang") < markdown.index("## Verschil van inzicht")


def test_markdown_shows_overdue_and_open_actions_and_the_log(example: History) -> None:
    markdown = render(example, "md")
    actions = section(markdown, "Acties")
    overdue, still_open = actions.split("### Open")
    assert "Privacytoets (DPIA) op de gegevensuitwisseling" in overdue
    assert "| 2026-06-30 | bezig |" in overdue
    assert "Capaciteitsafspraak 2027" in still_open and "Capaciteitsafspraak 2027" not in overdue
    assert "gedaan" not in actions  # finished actions are not open
    log = section(markdown, "Logboek")
    assert "Stuurgroep Q4: middelen duidelijk achteruit" in log
    assert log.count("Stuurgroep Q1: eerste ronde besproken") == 1


def test_markdown_of_an_earlier_round_compares_with_its_own_past(example: History) -> None:
    markdown = render(example, "md", round_index=0)
    assert "Ronde **2026-Q1**" in markdown
    assert "Dit is de eerste ronde" in markdown
    assert "Geen achteruitgang" in section(markdown, "Achteruitgang")
    assert "Stuurgroep Q4" not in markdown


def test_markdown_says_when_a_mean_rests_on_one_answer_and_who_joined() -> None:
    history = analyse_collaboration(
        [
            make_session("Gemeente", "R1", dt.date(2026, 1, 1), {"convenant.1": 4, "convenant.2": 4}),
            make_session("Gemeente", "R2", dt.date(2026, 4, 1), {"convenant.1": 4}),
            make_session("Politie", "R2", dt.date(2026, 4, 1), {"druk.1": 2}),
        ],
        CONTENT,
        SETTINGS,
    )
    markdown = render(history, "md")
    assert "Nieuw in deze ronde: Politie." in markdown
    assert "Een verandering rekent daarom alleen met wie in beide rondes antwoordde" in markdown
    assert "weg viel" not in render(history, "md", round_index=0)
    assert "| Politie | ontvangen (nieuw) | 1 | 0 | 68 |" in section(markdown, "Wie heeft geantwoord")
    convenant_row = next(line for line in section(markdown, "Succesfactoren").splitlines() if "| Convenant |" in line)
    assert "1 antwoord: geen consensus" in convenant_row


def test_markdown_says_which_earlier_round_it_compares_with_when_a_round_was_skipped() -> None:
    history = analyse_collaboration(
        [
            make_session("A", "R1", dt.date(2026, 1, 1), {"convenant.1": 5, "convenant.2": 5}),
            make_session("A", "R2", dt.date(2026, 4, 1), {"druk.1": 3}),
            make_session("A", "R3", dt.date(2026, 7, 1), {"convenant.1": 3, "convenant.2": 3}),
        ],
        CONTENT,
        SETTINGS,
    )
    markdown = render(history, "md")
    row = next(line for line in section(markdown, "Succesfactoren").splitlines() if "| Convenant |" in line)
    assert "▼ -2,00 sinds R1" in row
    druk = next(line for line in section(markdown, "Succesfactoren").splitlines() if "| Druk vanuit de omgeving |" in line)
    assert "niet gemeten" in druk and "laatst gemeten in R2" in druk


# --- hostile text ------------------------------------------------------------------------


@pytest.fixture
def hostile() -> History:
    sessions = [
        make_session(
            '=HYPERLINK("http://x")|org',
            "@SUM(1)",
            dt.date(2026, 1, 1),
            {"convenant.1": 5, "convenant.2": 5},
            name="+Team | [bold]",
            notes={"convenant.1": HOSTILE},
            items={"convenant": {"notitie": HOSTILE}},
            logboek=[{"datum": dt.date(2026, 1, 2), "tekst": HOSTILE, "auteur": "-auteur|x"}],
            acties={"a-1": {"wat": "=1+1 | wat", "wie": "@wie", "status": "open"}},
        ),
        make_session(
            "B", "@SUM(1)", dt.date(2026, 1, 1), {"convenant.1": 1, "convenant.2": 2}, name="+Team | [bold]", notes={"convenant.2": "-2+3"}
        ),
    ]
    return analyse_collaboration(sessions, CONTENT, SETTINGS)


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_hostile_text_cannot_break_markdown_tables_or_structure(hostile: History) -> None:
    markdown = render(hostile, "md")
    for table_line in (line for line in markdown.splitlines() if line.startswith("| ")):
        assert table_line.endswith(" |")
    for table in re.findall(r"((?:^\|.*\n)+)", markdown, re.M):
        counts = {unescaped_pipes(line) for line in table.splitlines()}
        assert len(counts) == 1, table
    assert "\\[bold\\]vet\\[/bold\\]" in markdown
    assert "\\<b\\>html\\</b\\>" in markdown
    assert "[bold]" not in markdown
    # Every line of a multi-line note stays inside its block quote; "#" does not become a heading.
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert all(not heading.lstrip("#").strip().startswith("geen kop") for heading in headings)
    quoted = [line for line in markdown.splitlines() if "Tweede regel" in line]
    assert quoted and all(line.lstrip().startswith("> ") for line in quoted)
    assert "# Rapport +Team \\| \\[bold\\]" in markdown


def test_hostile_text_is_guarded_against_formulas_in_csv(hostile: History) -> None:
    for style in ("excel", "plain"):
        rows = parse_csv(encode_report(render(hostile, "csv", csv_style=style), "csv", csv_style=style), style)
        numeric = {"gemiddelde", "minimum", "maximum", "spreiding", "verandering", "n", "respondenten"}
        for row in rows:
            for column, cell in row.items():
                if column in numeric:
                    continue
                assert not cell.startswith(("=", "+", "-", "@")), (column, cell)
        assert rows[0]["samenwerking"] == "'+Team | [bold]"
        assert rows[0]["ronde"] == "'@SUM(1)"


def test_hostile_text_survives_json_unchanged(hostile: History) -> None:
    data = json.loads(render(hostile, "json"))
    assert data["samenwerking"]["naam"] == "+Team | [bold]"
    assert data["logboek"][0]["tekst"] == HOSTILE
    assert data["acties"][0]["wat"] == "=1+1 | wat"


# --- CSV ------------------------------------------------------------------------------


def test_excel_csv_has_a_bom_semicolons_and_decimal_commas(example: History) -> None:
    data = encode_report(render(example, "csv"), "csv")
    assert data.startswith(BOM)
    rows = parse_csv(data, "excel")
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == 4 * (3 + 2 + 12 + 13 + 69)  # respondents, phases, factors, items, questions
    middelen = next(row for row in rows if (row["ronde"], row["niveau"], row["id"]) == ("2026-Q4", "succesfactor", "middelen"))
    assert (middelen["gemiddelde"], middelen["band"], middelen["verandering"]) == ("2,07", "zorg", "-1,53")
    assert (middelen["achteruitgang"], middelen["verschil_van_inzicht"], middelen["vergeleken_met"]) == ("ja", "nee", "2026-Q3")
    convenant = next(row for row in rows if (row["ronde"], row["niveau"], row["id"]) == ("2026-Q4", "succesfactor", "convenant"))
    assert (convenant["spreiding"], convenant["verschil_van_inzicht"], convenant["achteruitgang"]) == ("3,42", "ja", "nee")
    leiderschap = next(row for row in rows if (row["ronde"], row["niveau"], row["id"]) == ("2026-Q4", "succesfactor", "leiderschap"))
    assert leiderschap["achteruitgang"] == "ja" and "dalende trend" in leiderschap["signalen"]
    question = next(row for row in rows if (row["ronde"], row["niveau"], row["id"]) == ("2026-Q4", "vraag", "middelen.3"))
    assert question["achteruitgang"] == "ja"
    assert question["naam"].startswith("Geeft de bestuurlijke achterban")


def test_plain_csv_has_commas_points_and_no_bom(example: History) -> None:
    data = encode_report(render(example, "csv", csv_style="plain"), "csv", csv_style="plain")
    assert not data.startswith(BOM)
    rows = parse_csv(data, "plain")
    first = next(row for row in rows if (row["ronde"], row["niveau"], row["id"]) == ("2026-Q1", "succesfactor", "middelen"))
    assert first["signalen"] == "eerste meting" and first["verandering"] == "" and first["vergeleken_met"] == ""
    middelen = next(row for row in rows if (row["ronde"], row["niveau"], row["id"]) == ("2026-Q4", "succesfactor", "middelen"))
    assert float(middelen["gemiddelde"]) == pytest.approx(2.07, abs=0.005)
    assert float(middelen["verandering"]) == pytest.approx(-1.53, abs=0.005)
    for row in rows:
        if row["gemiddelde"]:
            assert 1 <= float(row["gemiddelde"]) <= 5


def test_the_csv_style_changes_only_separators(example: History) -> None:
    excel = parse_csv(encode_report(render(example, "csv"), "csv"), "excel")
    plain = parse_csv(encode_report(render(example, "csv", csv_style="plain"), "csv", csv_style="plain"), "plain")
    assert [{key: value.replace(",", ".") for key, value in row.items() if key not in ("naam", "signalen")} for row in excel] == [
        {key: value.replace(",", ".") for key, value in row.items() if key not in ("naam", "signalen")} for row in plain
    ]


# --- JSON ------------------------------------------------------------------------------


def documented_blocks(leading_only: bool = False) -> dict[str, set[str]]:
    """The keys in each ```text block of docs/rapport-json.md, by the heading above it.

    ``leading_only``: only the keys that start a line (not those of nested objects).
    """
    text = (ROOT / "docs" / "rapport-json.md").read_text(encoding="utf-8")
    blocks: dict[str, set[str]] = {}
    for part in re.split(r"^#+ ", text, flags=re.M)[1:]:
        heading, _, body = part.partition("\n")
        block = re.search(r"```text\n(.*?)```", body, re.S)
        if block:
            pattern = r'^\s*"([a-z_]+)":' if leading_only else r'"([a-z_]+)":'
            blocks[heading.strip()] = set(re.findall(pattern, block.group(1), re.M))
    return blocks


def test_json_matches_the_documented_shape(example: History) -> None:
    data = json.loads(render(example, "json"))
    blocks = documented_blocks()
    measure_keys = documented_blocks(leading_only=True)["MAAT"]
    top_level = {
        "formaat",
        "versie",
        "gemaakt",
        "samenwerking",
        "inhoud",
        "instellingen",
        "rondes",
        "acties",
        "logboek",
        "meldingen",
        "samenwerkingsvorm",
        "convenant",
        "fase_advies",
    }
    assert set(data) == top_level and top_level <= blocks["Vorm"]
    assert (data["formaat"], data["versie"], data["gemaakt"]) == ("samenwerk-rapport", 2, "2026-11-29")
    assert set(data["instellingen"]["signalen"]) <= blocks["Vorm"]
    assert len(data["rondes"]) == 4
    for round_data in data["rondes"]:
        assert set(round_data) == {
            "label",
            "datum",
            "fase",
            "respondenten",
            "nieuw",
            "vertrokken",
            "volledigheid",
            "fasen",
            "succesfactoren",
            "items",
            "vragen",
            "signalen",
        }
        assert set(round_data) <= blocks["RONDE"]
        assert set(round_data["volledigheid"]) == {"verwacht", "voorlopig", "ontbreekt", "per_respondent"} <= blocks["VOLLEDIGHEID"]
        for entry in round_data["volledigheid"]["per_respondent"]:
            assert set(entry) == {"organisatie", "rol", "verwacht", "status", "scores", "nvt", "open"} <= blocks["VOLLEDIGHEID"]
        assert (len(round_data["fasen"]), len(round_data["succesfactoren"]), len(round_data["items"]), len(round_data["vragen"])) == (
            2,
            12,
            13,
            69,
        )
        for level in ("fasen", "succesfactoren", "items", "vragen"):
            for measure in round_data[level].values():
                assert set(measure) == measure_keys
                for entry in measure["per_respondent"]:
                    assert set(entry) == {"organisatie", "rol", "gemiddelde"} <= blocks["MAAT"]
                assert measure["band"] in ("sterk", "aandacht", "zorg", None)
                assert isinstance(measure["n"], int) and isinstance(measure["een_antwoord"], bool)
        for signal in round_data["signalen"]:
            assert signal["soort"] in ("achteruitgang", "verschil van inzicht", "vooruitgang")
            assert signal["niveau"] in ("fase", "succesfactor", "item", "vraag")
            assert signal["voorlopig"] is False
    for action in data["acties"]:
        assert set(action) == blocks["ACTIE"]
    for entry in data["logboek"]:
        assert set(entry) == blocks["LOGREGEL"]


def test_json_shows_the_regression_trend_and_divergence_of_the_example(example: History) -> None:
    q4 = json.loads(render(example, "json"))["rondes"][3]
    middelen = q4["succesfactoren"]["middelen"]
    assert middelen["band"] == "zorg" and middelen["vergeleken_met"] == "2026-Q3"
    assert "achteruitgang" in middelen["signalen"] and middelen["verandering"] == pytest.approx(-1.5333, abs=1e-4)
    assert "dalende trend" in q4["succesfactoren"]["leiderschap"]["signalen"]
    assert q4["succesfactoren"]["leiderschap"]["trend"] == pytest.approx(-0.7143, abs=1e-4)
    convenant = q4["succesfactoren"]["convenant"]
    assert "verschil van inzicht" in convenant["signalen"] and convenant["spreiding"] >= 1.5
    assert {entry["organisatie"]: entry["gemiddelde"] for entry in convenant["per_respondent"]}[
        "Politie basisteam Lindendal"
    ] == pytest.approx(1.3333)
    kinds = {(signal["soort"], signal["niveau"], signal["id"]) for signal in q4["signalen"]}
    assert {
        ("achteruitgang", "succesfactor", "middelen"),
        ("achteruitgang", "succesfactor", "leiderschap"),
        ("verschil van inzicht", "succesfactor", "convenant"),
    } <= kinds
    overdue = [action["id"] for action in json.loads(render(example, "json"))["acties"] if action["te_laat"]]
    assert len(overdue) == 3


def test_unknown_format_or_style_is_refused(example: History) -> None:
    with pytest.raises(ValueError, match="onbekend formaat"):
        render(example, "xlsx")
    with pytest.raises(ValueError, match="onbekende CSV-stijl"):
        render(example, "csv", csv_style="tab")


def test_only_excel_csv_gets_a_bom() -> None:
    assert encode_report("é", "md") == "é".encode()
    assert encode_report("é", "json") == "é".encode()
    assert encode_report("é", "csv") == BOM + "é".encode()
    assert encode_report("é", "csv", csv_style="plain") == "é".encode()


# --- samenwerk rapport ------------------------------------------------------------------


def test_rapport_writes_markdown_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rapport", str(EXAMPLE), "--datum", "2026-11-29"]) == 0
    out = capsys.readouterr().out
    # The example's settings file holds its form and convenant tick list, beside the default thresholds.
    settings = read_settings(EXAMPLE).settings
    history = analyse_collaboration(load_folder(EXAMPLE, CONTENT).sessions, CONTENT, settings)
    assert out == render_report(history, CONTENT, settings, "md", today=dt.date(2026, 11, 29))


@pytest.mark.parametrize("style", ["excel", "plain"])
def test_report_alias_writes_csv_to_a_file(tmp_path: Path, style: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "rapport.csv"
    assert main(["report", str(EXAMPLE), "--formaat", "csv", "--csv-stijl", style, "--uitvoer", str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith(BOM) == (style == "excel")
    rows = parse_csv(data, style)
    # Per round: 3 respondents and 96 phases, factors, items and questions; then the example's form (6 rows)
    # and convenant tick list (8 rows).
    assert len(rows) == 4 * 99 + 6 + 8
    assert "rapport.csv" in capsys.readouterr().err


def test_rapport_json_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "rapport.json"
    assert main(["rapport", str(EXAMPLE), "--formaat", "json", "--uitvoer", str(target), "--datum", "2026-11-29"]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["gemaakt"] == "2026-11-29"


def test_rapport_reports_bad_files_in_dutch_and_uses_the_good_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "sessies"
    shutil.copytree(EXAMPLE, folder)
    (folder / "kapot.toml").write_text('formaat = 1\nfase = "begin"\n[ronde\n', encoding="utf-8")
    (folder / SETTINGS_FILE).write_text('[signalen]\nachteruitgang = "veel"\n', encoding="utf-8")
    assert main(["rapport", str(folder), "--datum", "2026-11-29"]) == 1
    captured = capsys.readouterr()
    assert f"{folder / 'kapot.toml'}:3:" in captured.err and "TOML-fout" in captured.err
    assert f"{folder / SETTINGS_FILE}:2:1: signalen.achteruitgang: moet een getal zijn" in captured.err
    assert "de standaardwaarde geldt" in captured.err
    assert "### Voldoende middelen, mensen, materiaal en tijd (succesfactor)" in captured.out
    assert "achteruitgang: een daling van minstens 0,5" in captured.out.lower()


def test_rapport_asks_which_collaboration_when_a_folder_holds_several(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for slug in ("alfa", "beta"):
        session = make_session("A", "R1", dt.date(2026, 1, 1), {"convenant.1": 3}, slug=slug, name=slug.title())
        create_session_file(tmp_path / f"{slug}.toml", session, CONTENT)
    assert main(["rapport", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "alfa, beta" in err and "--samenwerking" in err
    assert main(["rapport", str(tmp_path), "--samenwerking", "beta"]) == 0
    assert capsys.readouterr().out.startswith("# Rapport Beta\n")
    assert main(["rapport", str(tmp_path), "--samenwerking", "gamma"]) == 2
    assert "gamma" in capsys.readouterr().err


def test_rapport_on_an_empty_or_missing_folder_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rapport", str(tmp_path)]) == 1
    assert "geen bruikbare sessiebestanden" in capsys.readouterr().err
    assert main(["rapport", str(tmp_path / "nergens")]) == 2
    assert "map bestaat niet" in capsys.readouterr().err


def test_rapport_refuses_an_unknown_format_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["rapport", str(EXAMPLE), "--formaat", "pdf"])
    assert exit_info.value.code == 2
    assert "ongeldige keuze" in capsys.readouterr().err or "pdf" in capsys.readouterr().err


def test_analysis_and_reports_do_not_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, samenwerk_tui.analysis, samenwerk_tui.report.formats, samenwerk_tui.cli.report, samenwerk_tui.settings; "
        "sys.exit(1 if any(name == 'textual' or name.startswith('textual.') for name in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_rapport_on_an_earlier_round(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rapport", str(EXAMPLE), "--ronde", "2026-q3"]) == 0
    out = capsys.readouterr().out
    assert "Ronde **2026-Q3** van 2026-09-09" in out
    assert "Stuurgroep Q4" not in out
    assert main(["rapport", str(EXAMPLE), "--ronde", "2027-Q1"]) == 2
    assert "wel: 2026-Q1, 2026-Q2, 2026-Q3, 2026-Q4" in capsys.readouterr().err


def test_multi_line_text_stays_on_one_line_in_a_table_cell_and_a_csv_cell() -> None:
    # Question texts in a custom checklist may span lines; a table row must not.
    from samenwerk_tui.report.common import md_cell
    from samenwerk_tui.report.csv import csv_text

    assert md_cell("Eerste regel\n| tweede\r\n- derde") == "Eerste regel \\| tweede - derde"
    assert csv_text("-eerste\nregel") == "'-eerste regel"
    assert csv_text("een\r\ntwee\rdrie") == "een twee drie"
    assert csv_text("@x") == "'@x" and csv_text("+x") == "'+x" and csv_text("=x") == "'=x"
    assert csv_text("gewoon") == "gewoon"


def test_rapport_is_about_the_last_round_with_scores_while_a_new_round_is_empty(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "sessies"
    shutil.copytree(EXAMPLE, folder)
    content = load_content()
    create_session_file(
        folder / "horecateam-lindendal--2027-q1--gemeente-lindendal.toml",
        make_session("Gemeente Lindendal", "2027-Q1", dt.date(2027, 1, 10), {}, name="Horecateam Lindendal", slug="horecateam-lindendal"),
        content,
    )
    assert main(["rapport", str(folder), "--datum", "2027-01-11"]) == 0
    markdown = capsys.readouterr().out
    assert "2026-Q4" in markdown.split("\n## ", 1)[0]
    assert "middelen" in section(markdown, "Achteruitgang").lower()
    assert main(["rapport", str(folder), "--ronde", "2027-Q1", "--datum", "2027-01-11"]) == 0
    assert "2027-Q1" in capsys.readouterr().out.split("\n## ", 1)[0]


def test_the_last_scored_round_skips_rounds_without_scores() -> None:
    content = load_content()
    sessions = [
        make_session("Gemeente", "2026-Q1", dt.date(2026, 1, 10), {"visie.1": 4}),
        make_session("Gemeente", "2026-Q2", dt.date(2026, 4, 10), {"visie.1": "nvt"}),
    ]
    history = analyse_collaboration(sessions, content, Settings())
    assert [result.label for result in history.rounds] == ["2026-Q1", "2026-Q2"]
    assert history.last_scored_round() == 0
    sessions.append(make_session("Politie", "2026-Q2", dt.date(2026, 4, 11), {"visie.1": 2}))
    assert analyse_collaboration(sessions, content, Settings()).last_scored_round() == 1


# --- completeness, paired changes, explanations ---------------------------------------------


@pytest.fixture
def politie_late() -> History:
    """Three partners in R1; in R2 the police have not answered yet, and only they were low on convenant."""
    r1, r2 = dt.date(2026, 1, 1), dt.date(2026, 4, 1)
    return analyse_collaboration(
        [
            make_session("Gemeente", "R1", r1, {"convenant.1": 4, "convenant.2": 4}),
            make_session("Politie", "R1", r1, {"convenant.1": 1, "convenant.2": 1}, role="wijkagent"),
            make_session("Brandweer", "R1", r1, {"convenant.1": 4, "convenant.2": 4}),
            make_session("Gemeente", "R2", r2, {"convenant.1": 3, "convenant.2": 3}),
            make_session("Brandweer", "R2", r2, {"convenant.1": 3, "convenant.2": 3}),
        ],
        CONTENT,
        SETTINGS,
    )


def test_markdown_marks_an_incomplete_round_voorlopig_and_names_who_is_missing(politie_late: History) -> None:
    markdown = render(politie_late, "md")
    assert "**Voorlopig**: nog niet ontvangen van Politie (wijkagent)." in markdown
    assert "| Politie (wijkagent) | nog niet ontvangen | 0 | 0 | 69 |" in section(markdown, "Wie heeft geantwoord")
    regressions = section(markdown, "Achteruitgang")
    # Paired, Gemeente and Brandweer fell from 4 to 3; unpaired, the mean rose from 3 to 3 (the police left it).
    assert "### Convenant (succesfactor): 4,00 → 3,00 (-1,00, sinds R1) — achteruitgang, naar lagere band — **voorlopig**" in regressions
    assert "Voorlopig" in regressions and "Politie (wijkagent)" in regressions
    assert (
        "met de 2 respondenten die in beide rondes een score gaven; over alle respondenten van elke ronde: 3,00 → 3,00 (0,00)"
        in regressions
    )
    row = next(line for line in section(markdown, "Succesfactoren").splitlines() if "| Convenant |" in line)
    assert "▼ -1,00 (gepaard: 2)" in row and "voorlopig" in row


def test_csv_and_json_mark_an_incomplete_round_voorlopig(politie_late: History) -> None:
    rows = parse_csv(encode_report(render(politie_late, "csv"), "csv"), "excel")
    police = next(row for row in rows if (row["ronde"], row["niveau"], row["naam"]) == ("R2", "respondent", "Politie (wijkagent)"))
    assert (police["status"], police["n"], police["open"], police["voorlopig"]) == ("nog niet ontvangen", "0", "69", "ja")
    convenant = next(row for row in rows if (row["ronde"], row["niveau"], row["id"]) == ("R2", "succesfactor", "convenant"))
    assert (convenant["verandering"], convenant["verandering_ongepaard"], convenant["gepaard"]) == ("-1,00", "0,00", "2")
    assert (convenant["voorlopig"], convenant["ontbreekt"], convenant["achteruitgang"]) == ("ja", "Politie (wijkagent)", "ja")
    assert all(row["voorlopig"] == "nee" for row in rows if row["ronde"] == "R1")
    data = json.loads(render(politie_late, "json"))
    r2 = data["rondes"][1]
    assert r2["volledigheid"]["voorlopig"] is True
    assert r2["volledigheid"]["ontbreekt"] == [{"organisatie": "Politie", "rol": "wijkagent"}]
    measure = r2["succesfactoren"]["convenant"]
    assert (measure["vorige"], measure["verandering"], measure["gepaarde_respondenten"]) == (4.0, -1.0, 2)
    assert (measure["vorige_ongepaard"], measure["verandering_ongepaard"]) == (3.0, 0.0)
    assert {(signal["id"], signal["voorlopig"]) for signal in r2["signalen"] if signal["niveau"] == "succesfactor"} == {("convenant", True)}


def test_a_signal_is_explained_by_the_notes_on_all_its_questions() -> None:
    # The spread is on the factor only: each question has one score, so none is flagged itself.
    history = analyse_collaboration(
        [
            make_session("Gemeente", "R1", dt.date(2026, 1, 1), {"convenant.1": 5}, notes={"convenant.1": "Getekend en rond."}),
            make_session("Politie", "R1", dt.date(2026, 1, 1), {"convenant.2": 1}, notes={"convenant.2": "Zonder DPIA niets waard."}),
        ],
        CONTENT,
        SETTINGS,
    )
    divergence = section(render(history, "md"), "Verschil van inzicht")
    assert "### Convenant (succesfactor)" in divergence
    assert "Geen toelichting gegeven" not in divergence
    assert "Getekend en rond." in divergence and "Zonder DPIA niets waard." in divergence


def test_a_factor_that_rests_on_one_question_says_so() -> None:
    history = analyse_collaboration(
        [
            make_session("A", "R1", dt.date(2026, 1, 1), {"leiderschap.3": 4}),
            make_session("B", "R1", dt.date(2026, 1, 1), {"leiderschap.3": 2}),
        ],
        CONTENT,
        SETTINGS,
    )
    row = next(line for line in section(render(history, "md"), "Succesfactoren").splitlines() if "| Visionair leiderschap |" in line)
    assert "rust op 1 vraag" in row
    measure = json.loads(render(history, "json"))["rondes"][0]["succesfactoren"]["visionair"]
    assert (measure["aantal_vragen"], measure["een_vraag"]) == (1, True)


@pytest.mark.parametrize("which", ["example", "hostile"])
def test_the_streamed_json_report_is_the_same_text_as_the_whole_one(which: str, request: pytest.FixtureRequest) -> None:
    from samenwerk_tui.report.json import iter_json_report

    history: History = request.getfixturevalue(which)
    pieces = list(iter_json_report(history, CONTENT, SETTINGS, TODAY))
    assert len(pieces) == len(history.rounds) + 2
    assert "".join(pieces) == render(history, "json")


def test_rapport_json_on_the_screen_is_the_same_as_in_a_file(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    target = tmp_path / "rapport.json"
    assert main(["rapport", str(EXAMPLE), "--formaat", "json", "--uitvoer", str(target), "--datum", "2026-11-29"]) == 0
    capsysbinary.readouterr()
    assert main(["rapport", str(EXAMPLE), "--formaat", "json", "--datum", "2026-11-29"]) == 0
    assert capsysbinary.readouterr().out == target.read_bytes()
