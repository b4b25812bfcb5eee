"""The publication's advice put to work: content, settings, phase, convenant outline, command line."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from samenwerk_tui.advice import (
    cases_of_factor,
    guide_suggestion,
    links_of_case,
    phase_advice,
    suggested_setting,
)
from samenwerk_tui.advice_settings import SettingsChanged, advice_tables, replace_advice_tables, write_advice_settings
from samenwerk_tui.analysis import analyse_collaboration
from samenwerk_tui.cli.dispatch import main
from samenwerk_tui.content import ADVICE_FILE, Checklist, builtin_content_files, load_content
from samenwerk_tui.convenant_outline import ARTICLE_TODO, NO_NOTES, convenant_outline
from samenwerk_tui.settings import CollaborationForm, ConvenantEntry, Settings, load_settings, read_settings, settings_toml
from samenwerk_tui.store import SETTINGS_FILE, load_folder
from samenwerk_tui.toml.read import FileProblem

EXAMPLE = Path(__file__).parent.parent / "sessions"


def _publication_text(content: Checklist) -> str:
    """Every text of the publication that samenwerk carries, with white space collapsed."""
    parts = [factor.explanation for factor in content.checklist.factors]
    parts += [phase.explanation for phase in content.checklist.phases]
    parts += [question.text for question in content.questions.values()]
    for chapter in content.knowledge.chapters:
        parts.append(chapter.introduction)
        parts += [paragraph.text for paragraph in chapter.paragraphs]
    parts += [case.text for case in content.knowledge.cases]
    return " ".join(" ".join(part.split()) for part in parts)


def _same(text: str) -> str:
    return " ".join(text.split())


# --- content -----------------------------------------------------------------------------


def test_every_case_link_points_to_a_real_factor_or_form(content: Checklist) -> None:
    assert content.advice is not None
    case_ids = {case.id for case in content.knowledge.cases}
    linked = {case.id for case in content.advice.cases}
    assert linked == case_ids, "elk praktijkvoorbeeld is gekoppeld"
    for case in content.advice.cases:
        factors = [link.factor for link in case.links if link.factor is not None]
        assert factors, f"{case.id} toont minstens één succesfactor"
        for link in case.links:
            assert link.factor in content.factors or link.form in content.forms, (case.id, link)


def test_case_links_rest_on_a_sentence_of_the_case(content: Checklist) -> None:
    assert content.advice is not None
    for case in content.knowledge.cases:
        for link in links_of_case(content, case.id):
            assert _same(link.quote) in _same(case.text), (case.id, link.quote)


def test_each_factor_page_lists_the_cases_that_show_it(content: Checklist) -> None:
    assert [case.id for case, _ in cases_of_factor(content, "convenant")] == ["den-haag", "limburg-zuid", "venlo", "helmond"]
    assert [case.id for case, _ in cases_of_factor(content, "communicatie")] == ["deventer", "helmond"]


def test_what_the_advice_quotes_is_the_publications_own_text(content: Checklist) -> None:
    """Every quote in advies.toml is a verbatim slice of the publication (as transcribed in the content)."""
    assert content.advice is not None
    text = _publication_text(content)
    quotes = []
    for form in content.advice.forms:
        quotes += [form.what, *(quote.text for quote in form.needs), *(quote.text for quote in form.pitfalls)]
    quotes += [step.quote for step in content.advice.guide]
    quotes += [content.advice.guide_end.quote, content.advice.general_form.quote]
    quotes += [quote.text for advice in content.advice.phase_advice for quote in advice.focus]
    for quote in quotes:
        assert _same(quote) in text, quote


def test_the_convenant_elements_are_those_the_checklist_names(content: Checklist) -> None:
    assert content.advice is not None
    asked = content.questions["convenant.3"].text.lower()
    for element in content.advice.convenant:
        if element.condition:
            continue
        word = {"visie-op-aanpak": "visie op de aanpak", "doelen": "doelen"}.get(element.id, element.id)
        assert word in asked, element.id
    assert [element.id for element in content.advice.convenant if element.condition] == ["informatie-uitwisseling"]


def test_open_questions_ask_what_who_or_how(content: Checklist) -> None:
    open_questions = content.open_questions
    assert 18 <= len(open_questions) <= 22
    for question_id in open_questions:
        first = content.questions[question_id].text.split()[0]
        assert first in {"Wat", "Wie", "Welke", "Hoe", "Waarover", "Kiest"}, question_id
    closed = [qid for qid, question in content.questions.items() if question.text.startswith(("Is ", "Zijn ", "Kan "))]
    assert not open_questions & set(closed)


def test_a_custom_folder_without_advice_uses_the_builtin_advice(tmp_path: Path) -> None:
    for name, data in builtin_content_files().items():
        if name != ADVICE_FILE:
            (tmp_path / name).write_bytes(data)
    assert load_content(tmp_path).advice == load_content().advice


def test_advice_naming_an_unknown_question_is_a_located_problem(tmp_path: Path) -> None:
    for name, data in builtin_content_files().items():
        (tmp_path / name).write_bytes(data)
    advice = tmp_path / ADVICE_FILE
    text = advice.read_text(encoding="utf-8").replace(
        'vragen = ["cultuur.5", "cultuur.6", "convenant.1"]', 'vragen = ["cultuur.5", "cultuur.99"]', 1
    )
    advice.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_content(tmp_path)
    [problem] = caught.value.problems
    assert problem.path == advice and problem.line is not None
    assert "onbekende vraag cultuur.99" in problem.message


# --- the settings file --------------------------------------------------------------------

FORM_IDS = ["informatie-delen", "deskundigheid-delen", "gecoordineerd-optreden", "inzet-van-mensen"]
forms = st.builds(
    CollaborationForm,
    variants=st.lists(st.sampled_from(FORM_IDS), unique=True).map(tuple),
    main=st.none() | st.sampled_from(["ketensamenwerking", "schaalvergroting"]),
    forms=st.lists(st.sampled_from(["casusoverleg", "centrum-overheid"]), unique=True).map(tuple),
)
entries = st.builds(
    ConvenantEntry,
    geregeld=st.booleans(),
    artikel=st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cf")), max_size=30).map(str.strip),
    datum=st.none() | st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
)
convenants = st.dictionaries(st.sampled_from(["probleemdefinitie", "doelen", "inbreng", "eigen-onderdeel"]), entries)
OTHER_TABLES = '\n[[deelnemers]]\norganisatie = "Politie"\nrol = "wijkagent"\n# eigen aantekening\n'


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=forms, convenant=convenants, before=st.booleans())
def test_form_and_tick_list_round_trip_and_keep_the_rest_of_the_file(
    tmp_path: Path, content: Checklist, form: CollaborationForm, convenant: dict[str, ConvenantEntry], before: bool
) -> None:
    folder = tmp_path / "map"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    path = folder / SETTINGS_FILE
    original = settings_toml() + OTHER_TABLES
    path.write_text(original, encoding="utf-8")
    order = [element.id for element in content.advice.convenant]  # type: ignore[union-attr]
    if before:
        write_advice_settings(folder, CollaborationForm(variants=("inzet-van-mensen",)), {}, order=order)
    write_advice_settings(folder, form, convenant, order=order)
    loaded = load_settings(folder)
    assert (loaded.form, loaded.convenant) == (form, convenant)
    assert loaded.bands == Settings().bands and len(loaded.participants) == 1
    text = path.read_text(encoding="utf-8")
    assert text.startswith(settings_toml()) and "# eigen aantekening" in text
    written = path.read_bytes()
    write_advice_settings(folder, loaded.form, loaded.convenant, order=order, expected=(loaded.form, loaded.convenant))
    assert path.read_bytes() == written
    write_advice_settings(folder, CollaborationForm(), {}, order=order)
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        **tomllib.loads(original),
        "samenwerkingsvorm": {"varianten": [], "vormen": []},
    }


def test_the_example_keeps_its_settings_file_byte_for_byte(tmp_path: Path, content: Checklist) -> None:
    folder = tmp_path / "voorbeeld"
    shutil.copytree(EXAMPLE, folder)
    before = (folder / SETTINGS_FILE).read_bytes()
    settings = read_settings(folder)
    assert settings.problems == []
    assert settings.settings.form.main == "ketensamenwerking" and len(settings.settings.convenant) == 8
    order = [element.id for element in content.advice.convenant]  # type: ignore[union-attr]
    write_advice_settings(folder, settings.settings.form, settings.settings.convenant, order=order)
    assert (folder / SETTINGS_FILE).read_bytes() == before
    assert (
        replace_advice_tables(before.decode(), advice_tables(settings.settings.form, settings.settings.convenant, order)) == before.decode()
    )


def test_a_file_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    read_form = CollaborationForm(variants=("informatie-delen",))
    write_advice_settings(tmp_path, read_form, {})
    write_advice_settings(tmp_path, CollaborationForm(variants=("inzet-van-mensen",)), {})  # someone else
    on_disk = (tmp_path / SETTINGS_FILE).read_bytes()
    with pytest.raises(SettingsChanged):
        write_advice_settings(tmp_path, CollaborationForm(main="schaalvergroting"), {}, expected=(read_form, {}))
    assert (tmp_path / SETTINGS_FILE).read_bytes() == on_disk


def test_a_broken_tick_is_a_located_settings_problem(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text('[convenant.doelen]\ngeregeld = "ja"\n', encoding="utf-8")
    loaded = read_settings(tmp_path)
    [problem] = loaded.problems
    assert problem.line == 2 and "convenant.doelen.geregeld" in problem.message
    assert loaded.settings.convenant == {}


# --- the phase ---------------------------------------------------------------------------


def _history(content: Checklist, make_session, tmp_path: Path, phase: str, trust: int, value: int, spread: int = 0):
    trust_questions = [question.id for item in content.items_of_factor("vertrouwen") for question in item.questions]
    for index, organisation in enumerate(("Gemeente", "Politie")):
        score = trust - spread if index else trust
        body = "".join(f'[vragen."{qid}"]\nscore = {score}\n\n' for qid in trust_questions if qid != "urgentie.4")
        body += f'[vragen."urgentie.4"]\nscore = {value}\n'
        make_session(body, name=f"{organisation}.toml", fase=phase, organisatie=organisation)
    load = load_folder(tmp_path, content)
    return analyse_collaboration(load.sessions, content, Settings())


def test_a_beginfase_with_strong_shared_trust_and_added_value_looks_ready_to_move_on(
    content: Checklist, make_session, tmp_path: Path
) -> None:
    advice = phase_advice(content, _history(content, make_session, tmp_path, "begin", trust=5, value=4), Settings())
    assert advice.phase == "begin" and advice.suggestion is not None and advice.suggestion.towards == "onderweg"
    assert [reason.quote.source for reason in advice.suggestion.reasons] == ["hoofdstuk 4, inleiding"] * 2 + ["4.1, factor 2"]
    assert advice.focus[0].text.startswith("De beginfase: de nadruk ligt op het leren kennen van elkaar")


@pytest.mark.parametrize(("trust", "value", "spread"), [(4, 3, 0), (3, 5, 0), (5, 5, 2)])
def test_a_beginfase_short_of_any_criterion_gets_no_suggestion(
    content: Checklist, make_session, tmp_path: Path, trust: int, value: int, spread: int
) -> None:
    advice = phase_advice(content, _history(content, make_session, tmp_path, "begin", trust, value, spread), Settings())
    assert advice.suggestion is None
    assert [reason.met for reason in advice.checks].count(False) >= 1


def test_an_onderwegfase_without_trust_is_pointed_back_to_the_beginfase(content: Checklist, make_session, tmp_path: Path) -> None:
    advice = phase_advice(content, _history(content, make_session, tmp_path, "onderweg", trust=2, value=4), Settings())
    assert advice.suggestion is not None and advice.suggestion.towards == "begin"
    assert any("routine" in quote.text for quote in advice.focus)


def test_the_guide_ends_in_a_suggestion_with_its_reasons(content: Checklist) -> None:
    answers = {"verantwoordelijkheden": True, "gevallen": True, "omvang": False, "licht": True, "persoonsgegevens": True}
    suggestion = guide_suggestion(content, answers)
    assert [form.id for form, _ in suggestion.forms] == ["ketensamenwerking", "casusoverleg"]
    assert [step.id for step in suggestion.forms[1][1]] == ["gevallen"]
    assert [step.id for step in suggestion.consequences] == ["persoonsgegevens"]
    # "licht" follows "omvang", answered no: it does not count.
    assert suggested_setting(suggestion) == CollaborationForm(main="ketensamenwerking", forms=("casusoverleg",))


# --- the convenant outline -------------------------------------------------------------------


def test_convenant_outline_fills_each_section_with_sourced_notes(content: Checklist) -> None:
    settings = read_settings(EXAMPLE).settings
    history = analyse_collaboration(load_folder(EXAMPLE, content).sessions, content, settings)
    outline = convenant_outline(history, content, settings, dt.date(2026, 12, 1))
    assert "beginpunt voor de juristen" in outline
    sections = re.split(r"^## ", outline, flags=re.M)[1:]
    assert [section.splitlines()[0] for section in sections] == [
        f"{number}. {element.name}"
        for number, element in enumerate(content.advice.convenant, start=1)  # type: ignore[union-attr]
    ]
    latest = history.rounds[-1]
    for section, element in zip(sections, content.advice.convenant, strict=True):  # type: ignore[union-attr]
        assert ARTICLE_TODO in section
        expected = [
            (question_id, info.label)
            for question_id in element.questions
            for key, info in latest.respondents.items()
            if latest.sessions[key].answer(question_id).note.strip()
        ]
        found = re.findall(r"^- \*\*([a-z]+\.\d+)\*\* \(.*\) — \*(.+), ronde 2026-Q4\*:$", section, flags=re.M)
        assert found == expected, element.id
        for question_id, label in expected:
            key = next(key for key, info in latest.respondents.items() if info.label == label)
            first_line = latest.sessions[key].answer(question_id).note.strip().splitlines()[0]
            assert first_line[:40].replace("*", "\\*") in section
    probleem = sections[0]
    assert "geregeld (artikel 2, 9 apr 2026)" in probleem
    assert "Autoriteit Persoonsgegevens" in sections[-1] and "DPIA" in sections[-1]


def test_a_section_without_notes_says_so(content: Checklist, make_session, tmp_path: Path) -> None:
    make_session('[vragen."visie.2"]\nscore = 3\nnotitie = "Nog te bespreken."\n')
    history = analyse_collaboration(load_folder(tmp_path, content).sessions, content, Settings())
    outline = convenant_outline(history, content, Settings(), dt.date(2026, 12, 1))
    sections = re.split(r"^## ", outline, flags=re.M)[1:]
    assert "Nog te bespreken." in sections[0] and "Gemeente Lindendal (coördinator horecatoezicht), ronde 2026-Q1" in sections[0]
    assert NO_NOTES in sections[1]
    assert "niet bijgehouden" in sections[0]


# --- command line ----------------------------------------------------------------------------


def test_samenwerk_vorm_sets_the_form_and_refuses_unknown_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["vorm", str(tmp_path), "--variant", "informatie-delen", "--hoofdvorm", "schaalvergroting", "--vorm", "centrum-overheid"]) == 0
    )
    out = capsys.readouterr().out
    assert "Centrum-overheid (vorm binnen schaalvergroting)" in out and "Het vraagt om heldere dienstverleningsafspraken." in out
    assert load_settings(tmp_path).form == CollaborationForm(
        variants=("informatie-delen",), main="schaalvergroting", forms=("centrum-overheid",)
    )
    before = (tmp_path / SETTINGS_FILE).read_bytes()
    assert main(["vorm", str(tmp_path), "--vorm", "casusoverleg"]) == 2
    assert "'casusoverleg' hoort bij ketensamenwerking, niet bij schaalvergroting" in capsys.readouterr().err
    assert main(["form", str(tmp_path), "--variant", "vergaderen"]) == 2
    assert (tmp_path / SETTINGS_FILE).read_bytes() == before


def test_samenwerk_vorm_without_a_form_shows_the_guide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vorm", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "nog geen samenwerkingsvorm" in out and "Keuzehulp" in out
    assert main(["vorm", str(tmp_path), "--keuzehulp", "--ja", "omvang", "--ja", "centrum"]) == 0
    out = capsys.readouterr().out
    assert "Suggestie (geen oordeel): Schaalvergroting, Centrum-overheid." in out
    assert not (tmp_path / SETTINGS_FILE).exists()


def test_a_free_form_written_by_an_earlier_set_up_stays_visible_until_a_form_is_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / SETTINGS_FILE).write_text('[samenwerking]\nnaam = "Team"\nvorm = "ketensamenwerking [oud]"\n', encoding="utf-8")
    assert main(["vorm", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "nog geen samenwerkingsvorm" in out
    assert "Bij het opzetten als vorm opgegeven (vrije tekst): “ketensamenwerking [oud]”." in out
    assert main(["vorm", str(tmp_path), "--hoofdvorm", "ketensamenwerking"]) == 0
    out = capsys.readouterr().out
    assert "Vastgelegd: Ketensamenwerking." in out and "vrije tekst" not in out
    # The free text is the user's: choosing the form does not remove it.
    assert load_settings(tmp_path).collaboration.form == "ketensamenwerking [oud]"


@pytest.mark.parametrize("command", ["vorm", "convenant"])
def test_the_new_commands_explain_themselves_in_dutch(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert out.startswith(f"gebruik: samenwerk {command}") and "opties:" in out


def test_samenwerk_convenant_ticks_and_writes_the_outline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "voorbeeld"
    shutil.copytree(EXAMPLE, folder)
    assert main(["convenant", str(folder), "--geregeld", "informatie-uitwisseling", "--artikel", "artikel 7", "--datum", "2026-12-01"]) == 0
    assert "[x] Informatie-uitwisseling" in capsys.readouterr().out
    assert load_settings(folder).convenant["informatie-uitwisseling"] == ConvenantEntry(
        geregeld=True, artikel="artikel 7", datum=dt.date(2026, 12, 1)
    )
    target = tmp_path / "concept.md"
    assert main(["convenant", str(folder), "--uitvoer", str(target), "--vandaag", "2026-12-01"]) == 0
    assert "geregeld (artikel 7, 1 dec 2026)" in target.read_text(encoding="utf-8")
    assert main(["convenant", str(folder), "--geregeld", "handtekening"]) == 2


def test_the_json_report_carries_the_form_and_the_tick_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rapport", str(EXAMPLE), "--formaat", "json", "--datum", "2026-12-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["samenwerkingsvorm"]["hoofdvorm"]["id"] == "ketensamenwerking"
    assert [form["id"] for form in data["samenwerkingsvorm"]["vormen"]] == ["casusoverleg", "integrale-uitvoering"]
    ticks = {entry["id"]: entry for entry in data["convenant"]}
    assert ticks["probleemdefinitie"] == {
        "id": "probleemdefinitie",
        "naam": "Gemeenschappelijke probleemdefinitie",
        "bron": "checklist convenant.3; 4.1, factor 8",
        "voorwaardelijk": False,
        "geregeld": True,
        "artikel": "artikel 2",
        "datum": "2026-04-09",
    }
    assert ticks["informatie-uitwisseling"]["geregeld"] is False
    assert data["fase_advies"]["fase"] == "onderweg" and data["fase_advies"]["suggestie"] is None


def test_markdown_and_csv_reports_carry_the_form_and_the_tick_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rapport", str(EXAMPLE), "--datum", "2026-12-01"]) == 0
    markdown = capsys.readouterr().out
    assert "## Samenwerkingsvorm, convenant en fase" in markdown
    assert "- \\[x\\] Gemeenschappelijke probleemdefinitie: geregeld (artikel 2, 9 apr 2026)" in markdown
    assert main(["rapport", str(EXAMPLE), "--formaat", "csv", "--csv-stijl", "plain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Horecateam Lindendal,,,samenwerkingsvorm,casusoverleg,Casusoverleg" + "," * 27 in lines
    assert any(
        line.endswith(",convenant,probleemdefinitie,Gemeenschappelijke probleemdefinitie" + "," * 25 + "ja,artikel 2,2026-04-09")
        for line in lines
    )


def test_the_form_page_shows_how_the_collaboration_scores_the_questions_on_it(content: Checklist) -> None:
    from samenwerk_tui.advice_text import form_blocks, to_plain

    settings = read_settings(EXAMPLE).settings
    history = analyse_collaboration(load_folder(EXAMPLE, content).sessions, content, settings)
    text = to_plain(form_blocks(content, settings, history), width=400)
    assert "draagvlak.7: Is de samenwerkingsvorm passend bij de levensfase van de samenwerking?" in text
    mean = history.rounds[-1].stat("question", "urgentie.3").mean
    assert "urgentie.3: Is er voldoende draagvlak" in text and f"gemiddeld {mean:.1f}".replace(".", ",") in text


def test_the_dated_note_stands_beside_the_quoted_text_without_changing_it(content: Checklist) -> None:
    from samenwerk_tui.advice_text import case_links_blocks, factor_blocks, question_blocks

    assert "getoetst door het College Bescherming Persoonsgegevens (www.CBP.nl)" in content.factors["convenant"].explanation
    assert "een toets van het CBP" in content.questions["convenant.1"].text
    for blocks in (
        factor_blocks(content, Settings(), "convenant"),
        question_blocks(content, "convenant.1"),
        case_links_blocks(content, "limburg-zuid"),
        case_links_blocks(content, "venlo"),
    ):
        notes = [block.text for block in blocks if "Autoriteit Persoonsgegevens" in block.text]
        assert len(notes) == 1 and notes[0].startswith("Noot van samenwerk (2026)") and "DPIA" in notes[0]
