"""The built-in content: counts, stable ids, and the transcription itself.

The transcription is checked against copies of the publication's text in
``tests/data`` (``seed-checklist.txt``: the checklist appendix,
``seed-hoofdstuk4.txt``: chapter 4), both unchanged from the text extracted
from the PDF. Texts are compared with all whitespace removed, so the joined
line breaks and the one-paragraph-per-line layout do not matter, but every
word and every punctuation mark does.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from samenwerk_tui.content import (
    ADVICE_FILE,
    CHECKLIST_FILE,
    KNOWLEDGE_FILE,
    Checklist,
    builtin_content_files,
    load_content,
)
from samenwerk_tui.toml.read import FileProblem

DATA = Path(__file__).parent / "data"
SEED_CHECKLIST = (DATA / "seed-checklist.txt").read_text(encoding="utf-8")
SEED_CHAPTER_4 = (DATA / "seed-hoofdstuk4.txt").read_text(encoding="utf-8")

LICENCE = "Informatie uit deze publicatie is, met bronvermelding, vrij te kopiëren en te gebruiken."

# Item id → number of questions, in the order of the publication.
QUESTIONS_PER_ITEM = {
    "visie": 5,
    "belangen": 9,
    "urgentie": 6,
    "druk": 3,
    "netwerken": 2,
    "draagvlak": 7,
    "cultuur": 6,
    "convenant": 4,
    "offers": 4,
    "middelen": 4,
    "leiderschap": 8,
    "verankering": 5,
    "communicatie": 6,
}
ITEM_IDS = list(QUESTIONS_PER_ITEM)
QUESTION_IDS = [f"{item}.{n}" for item, count in QUESTIONS_PER_ITEM.items() for n in range(1, count + 1)]

FACTOR_IDS = {
    "begin": ["visie", "belang", "visionair", "vertrouwen", "verschillen", "druk", "netwerken", "convenant"],
    "onderweg": ["leiderschap", "niveaus", "communicatie", "middelen"],
}

SECTION_OF_ITEM = {
    "visie": "startfase",
    "belangen": "startfase",
    "urgentie": "startfase",
    "druk": "startfase",
    "netwerken": "startfase",
    "draagvlak": "betrokkenheid",
    "cultuur": "betrokkenheid",
    "convenant": "betrokkenheid",
    "offers": "investeringen",
    "middelen": "investeringen",
    "leiderschap": "leiderschap",
    "verankering": "verankering",
    "communicatie": "communicatie",
}

FACTORS_OF_ITEM = {
    "visie": ["visie"],
    "belangen": ["belang"],
    "urgentie": ["belang"],
    "druk": ["druk"],
    "netwerken": ["netwerken"],
    "draagvlak": ["vertrouwen"],
    "cultuur": ["verschillen"],
    "convenant": ["convenant"],
    "offers": ["verschillen", "middelen"],
    "middelen": ["middelen"],
    "leiderschap": ["visionair", "leiderschap"],
    "verankering": ["niveaus"],
    "communicatie": ["communicatie"],
}

# The obvious typos fixed in the transcription: corrected text → the text as
# it stands in the publication. Each has a "Tikfout verbeterd" comment in the
# TOML files. The checks below undo these before comparing with the seed.
TYPO_FIXES = {
    "worden, en zijn de partijen daartoe": "worden, en zijn de patijen daartoe",  # checklist, offers.3
    "niet alle partners": "niet ale partners",  # factor netwerken
}
# Fixes in kennis.toml (chapters 2 and 3, not in the seed copies here).
KNOWLEDGE_TYPO_FIXES = {
    "een bepaalde doelgroep": "een bepaalde de doelgroep",
    "Deze paragraaf beschrijft": "Deze paragraaf beschijft",
    "gezamenlijke handhavingsteams": "gezamenlijk handhavingteams",
    "op een andere manier": "op een ander manier",
    "In Limburg-Zuid zijn partijen": "in Limburg-Zuid zijn partijen",
}

# Bullets in the extracted text: "•" in the chapters; in the checklist the
# PDF's bullet glyph is a private-use character (often lost in extraction).
_BULLETS = re.compile("[•\ue000-\uf8ff]")


def squash(text: str) -> str:
    """``text`` without whitespace, bullets or list markers, for comparison."""
    text = re.sub(r"(?m)^- ", "", text)
    text = _BULLETS.sub("", text)
    return re.sub(r"\s+", "", text)


def unfix(text: str) -> str:
    """Undo the typo fixes, giving the text as it stands in the publication."""
    for corrected, original in TYPO_FIXES.items():
        text = text.replace(corrected, original)
    return text


@pytest.fixture(scope="module")
def content() -> Checklist:
    return load_content()


# --- loading ------------------------------------------------------------------


def test_builtin_content_loads(content: Checklist) -> None:
    assert content.source == "ingebouwd"
    assert content.id == "ccv-samenwerken-2011"
    assert content.version == "1"


def test_builtin_files_are_the_package_files() -> None:
    files = builtin_content_files()
    assert set(files) == {CHECKLIST_FILE, KNOWLEDGE_FILE, ADVICE_FILE}
    for name, data in files.items():
        assert data.decode("utf-8").startswith("#"), name


def test_meta(content: Checklist) -> None:
    meta = content.checklist.meta
    assert meta.title == "Samenwerken in de handhaving"
    assert meta.subtitle == "Tips en trucs voor succesvolle samenwerking"
    assert meta.publisher == "Centrum voor Criminaliteitspreventie en Veiligheid (CCV)"
    assert meta.date == "februari 2011"
    assert "Samenwerken in de handhaving" in meta.citation
    assert "ISBN 978 90 77845 41 7" in meta.citation
    assert meta.licence == LICENCE


def test_licence_is_the_publications_own_sentence(content: Checklist) -> None:
    ccv = next(chapter for chapter in content.knowledge.chapters if chapter.id == "ccv")
    assert any(LICENCE in paragraph.text.split("\n") for paragraph in ccv.paragraphs)


# --- counts and ids -------------------------------------------------------------


def test_counts(content: Checklist) -> None:
    assert len(content.checklist.phases) == 2
    assert len(content.checklist.factors) == 12
    assert len(content.factors_of_phase("begin")) == 8
    assert len(content.factors_of_phase("onderweg")) == 4
    assert len(content.checklist.sections) == 6
    assert len(content.checklist.items) == 13
    assert len(content.questions) == 69
    assert {item.id: len(item.questions) for item in content.checklist.items} == QUESTIONS_PER_ITEM


def test_ids_are_stable(content: Checklist) -> None:
    assert [phase.id for phase in content.checklist.phases] == ["begin", "onderweg"]
    for phase, factor_ids in FACTOR_IDS.items():
        factors = content.factors_of_phase(phase)
        assert [factor.id for factor in factors] == factor_ids
        assert [factor.number for factor in factors] == list(range(1, len(factor_ids) + 1))
    assert [section.id for section in content.checklist.sections] == [
        "startfase",
        "betrokkenheid",
        "investeringen",
        "leiderschap",
        "verankering",
        "communicatie",
    ]
    assert [item.id for item in content.checklist.items] == ITEM_IDS
    assert [question.id for item in content.checklist.items for question in item.questions] == QUESTION_IDS


def test_ids_are_unique(content: Checklist) -> None:
    checklist = content.checklist
    for ids in (
        [phase.id for phase in checklist.phases],
        [factor.id for factor in checklist.factors],
        [section.id for section in checklist.sections],
        [item.id for item in checklist.items],
        QUESTION_IDS,
        [chapter.id for chapter in content.knowledge.chapters],
        [case.id for case in content.knowledge.cases],
    ):
        assert len(ids) == len(set(ids))


def test_names(content: Checklist) -> None:
    assert {phase.id: phase.name for phase in content.checklist.phases} == {
        "begin": "Beginfase",
        "onderweg": "Onderwegfase",
    }
    assert [section.name for section in content.checklist.sections] == [
        "Bezinning in de startfase",
        "Betrokkenheid en vertrouwen",
        "Investeringen",
        "Goed leiderschap",
        "Verankering op alle niveaus",
        "Horizontale en verticale communicatie",
    ]
    assert content.items["visie"].title == "Stel een gezamenlijke doelstelling en gedeelde visie op de aanpak op"
    assert content.items["convenant"].title == "Overweeg een convenant"


# --- the mapping ------------------------------------------------------------------


def test_sections_of_items(content: Checklist) -> None:
    assert {item.id: item.section for item in content.checklist.items} == SECTION_OF_ITEM


def test_factors_of_items(content: Checklist) -> None:
    assert {item.id: item.factors for item in content.checklist.items} == FACTORS_OF_ITEM


def test_every_factor_has_an_item(content: Checklist) -> None:
    for factor in content.checklist.factors:
        assert content.items_of_factor(factor.id), factor.id


def test_leadership_spans_both_phases(content: Checklist) -> None:
    assert content.items["leiderschap"].factors == ["visionair", "leiderschap"]
    assert content.factors["visionair"].phase == "begin"
    assert content.factors["leiderschap"].phase == "onderweg"
    assert content.phases_of_item("leiderschap") == ["begin", "onderweg"]


def test_resources(content: Checklist) -> None:
    assert content.items["middelen"].factors == ["middelen"]
    assert content.factors["middelen"].phase == "onderweg"
    assert [item.id for item in content.items_of_factor("middelen")] == ["offers", "middelen"]
    assert content.phases_of_item("middelen") == ["onderweg"]
    assert content.phases_of_item("offers") == ["begin", "onderweg"]


def test_questions_of_phase(content: Checklist) -> None:
    begin = {question.id for question in content.questions_of_phase("begin")}
    onderweg = {question.id for question in content.questions_of_phase("onderweg")}
    assert begin | onderweg == set(QUESTION_IDS)
    assert begin & onderweg == set()
    assert (len(begin), len(onderweg)) == (46, 23)


def test_no_question_counts_twice_in_the_shipped_checklist(content: Checklist) -> None:
    counted = [question.id for factor in content.checklist.factors for question in content.questions_of_factor(factor.id)]
    assert sorted(counted) == sorted(QUESTION_IDS)
    assert all(len(factors) == 1 for factors in content.factors_of_question.values())
    assert sum(len(content.questions_of_phase(phase)) for phase in content.phases) == len(content.questions) == 69


def test_every_factor_rests_on_at_least_one_question(content: Checklist) -> None:
    counts = {factor.id: len(content.questions_of_factor(factor.id)) for factor in content.checklist.factors}
    assert min(counts.values()) >= 1
    assert counts["visionair"] == 1


def test_the_two_items_of_two_factors_split_their_questions(content: Checklist) -> None:
    assert [q.id for q in content.questions_of_factor("visionair")] == ["leiderschap.3"]
    assert [q.id for q in content.questions_of_factor("leiderschap")] == [f"leiderschap.{n}" for n in (1, 2, 4, 5, 6, 7, 8)]
    assert [q.id for q in content.questions_of_factor("verschillen", "offers")] == ["offers.1", "offers.2", "offers.3"]
    assert [q.id for q in content.questions_of_factor("middelen")] == ["offers.4", "middelen.1", "middelen.2", "middelen.3", "middelen.4"]
    assert content.phases_of_question("offers.4") == ["onderweg"]
    assert content.phases_of_question("leiderschap.3") == ["begin"]


# --- the transcription --------------------------------------------------------------


def test_every_question_is_in_the_seed(content: Checklist) -> None:
    seed = squash(SEED_CHECKLIST)
    missing = [
        f"{question.id}: {question.text}"
        for item in content.checklist.items
        for question in item.questions
        if squash(unfix(question.text)) not in seed
    ]
    assert missing == []


def test_every_item_title_is_in_the_seed(content: Checklist) -> None:
    seed = squash(SEED_CHECKLIST)
    missing = [f"{item.id}: {item.title}" for item in content.checklist.items if squash(item.title) not in seed]
    assert missing == []


def test_checklist_is_complete_and_in_order(content: Checklist) -> None:
    """The seed checklist, rebuilt from the content, is the seed checklist."""
    checklist_intro = next(chapter for chapter in content.knowledge.chapters if chapter.id == "checklist")
    pieces = ["checklist voor de praktijk", checklist_intro.introduction]
    section = None
    for item in content.checklist.items:
        if item.section != section:
            section = item.section
            pieces.append(content.sections[section].name.lower())
        elif item.id == "druk":
            # The section heading is repeated at the top of the next page.
            pieces.append(content.sections[section].name.lower())
        pieces.append(item.title)
        pieces.extend(question.text for question in item.questions)
    assert squash(unfix("\n".join(pieces))) == squash(SEED_CHECKLIST)


def test_chapter_4_is_complete_and_in_order(content: Checklist) -> None:
    """Chapter 4, rebuilt from the factors and the practice cases, is chapter 4."""
    chapter = next(chapter for chapter in content.knowledge.chapters if chapter.id == "succesfactoren")
    cases = {case.id: case for case in content.knowledge.cases}
    cases_after = {"belang": cases["venlo"], "communicatie": cases["helmond"]}
    pieces = ["hoofdstuk 4", chapter.title.lower(), chapter.introduction]
    headings = {
        "begin": "4.1 succesfactoren in de beginfase",
        "onderweg": "4.2 succesfactoren in de onderwegfase",
    }
    for phase in ("begin", "onderweg"):
        pieces.append(headings[phase])
        for factor in content.factors_of_phase(phase):
            pieces.append(f"{factor.number}. {factor.name}")
            pieces.append(factor.explanation)
            if factor.id in cases_after:
                pieces.append(cases_after[factor.id].title.lower())
                pieces.append(cases_after[factor.id].text)
    assert squash(unfix("\n".join(pieces))) == squash(SEED_CHAPTER_4)


@pytest.mark.parametrize("factor_id", ["visie", "druk", "netwerken", "convenant", "leiderschap", "middelen"])
def test_factor_explanation_is_in_the_seed(content: Checklist, factor_id: str) -> None:
    factor = content.factors[factor_id]
    assert squash(unfix(factor.explanation)) in squash(SEED_CHAPTER_4)
    assert squash(f"{factor.number}. {factor.name}") in squash(SEED_CHAPTER_4)


def test_phase_explanations_are_in_the_seed(content: Checklist) -> None:
    for phase in content.checklist.phases:
        assert phase.explanation.startswith(f"De {phase.name.lower()}: ")
        assert squash(phase.explanation) in squash(SEED_CHAPTER_4)


def test_typo_fixes_are_applied_and_marked() -> None:
    files = {name: data.decode("utf-8") for name, data in builtin_content_files().items()}
    values = {name: "\n".join(line for line in text.split("\n") if not line.startswith("#")) for name, text in files.items()}
    for name, fixes in ((CHECKLIST_FILE, TYPO_FIXES), (KNOWLEDGE_FILE, KNOWLEDGE_TYPO_FIXES)):
        for corrected, original in fixes.items():
            assert corrected in values[name]
            assert original not in values[name]
        assert files[name].count("# Tikfout verbeterd:") == len(fixes)
    for original in TYPO_FIXES.values():
        assert squash(original) in squash(SEED_CHECKLIST + SEED_CHAPTER_4)


def _all_texts(content: Checklist) -> list[tuple[str, str]]:
    checklist, knowledge = content.checklist, content.knowledge
    texts = [(f"fase {p.id}", p.explanation) for p in checklist.phases]
    texts += [(f"factor {f.id}", f.explanation) for f in checklist.factors]
    texts += [(f"vraag {q.id}", q.text) for q in content.questions.values()]
    for chapter in knowledge.chapters:
        texts.append((f"hoofdstuk {chapter.id}", chapter.introduction))
        texts += [(f"{chapter.id}: {p.title}", p.text) for p in chapter.paragraphs]
    texts += [(f"praktijk {c.id}", c.text) for c in knowledge.cases]
    return texts


def test_text_layout(content: Checklist) -> None:
    """One paragraph per line; only list items share a block of lines."""
    problems = []
    for where, text in _all_texts(content):
        if text != text.strip() or "\n\n\n" in text or "  " in text or "\xa0" in text or "\t" in text:
            problems.append(f"{where}: witruimte")
        for block in text.split("\n\n"):
            lines = block.split("\n")
            if len(lines) > 1 and not all(re.match(r"(- |\d\. )", line) for line in lines):
                problems.append(f"{where}: harde regelafbreking in {lines[0][:40]!r}")
            if any(line != line.strip() for line in lines):
                problems.append(f"{where}: witruimte aan het eind van een regel")
    for where, text in _all_texts(content):
        if "vraag " in where and "\n" in text:
            problems.append(f"{where}: een vraag is één regel")
    assert problems == []


def test_quotes_are_typographic(content: Checklist) -> None:
    for where, text in _all_texts(content):
        assert '"' not in text and "'" not in text, where


# --- the knowledge base ---------------------------------------------------------------


def test_knowledge_chapters(content: Checklist) -> None:
    chapters = {chapter.id: chapter for chapter in content.knowledge.chapters}
    assert list(chapters) == ["inleiding", "motieven", "vormen", "succesfactoren", "checklist", "ccv"]
    assert chapters["motieven"].title == "Motieven voor samenwerking"
    assert [p.title for p in chapters["motieven"].paragraphs] == [
        "2.1 Concrete aanleidingen",
        "2.2 Effectievere handhaving",
        "2.3 Efficiëntere handhaving",
        "2.4 Minder controledruk",
    ]
    titles = [p.title for p in chapters["vormen"].paragraphs]
    for title in (
        "3.1 Samenwerkingsvarianten",
        "1. Delen van informatie",
        "3.2 Institutionele hoofdvormen",
        "3.2.1 Ketensamenwerking",
        "5. Kennisnetwerken",
        "3.2.2 Schaalvergroting",
        "4. Gemandateerde organisatie",
    ):
        assert title in titles
    assert chapters["checklist"].introduction.startswith("Een eenduidig recept voor succesvolle samenwerking?")
    assert squash(chapters["checklist"].introduction) in squash(SEED_CHECKLIST)
    assert squash(chapters["succesfactoren"].introduction) in squash(SEED_CHAPTER_4)


def test_practice_cases(content: Checklist) -> None:
    chapters = {chapter.id for chapter in content.knowledge.chapters}
    cases = {case.id: case for case in content.knowledge.cases}
    assert list(cases) == [
        "den-haag",
        "zuid-holland",
        "apeldoorn",
        "limburg-zuid",
        "twente",
        "deventer",
        "venlo",
        "helmond",
    ]
    assert {case.chapter for case in cases.values()} <= chapters
    assert cases["den-haag"].chapter == "motieven"
    assert cases["venlo"].chapter == "succesfactoren"
    assert cases["helmond"].title == "Veiligheidshuis in Helmond"
    for case_id in ("venlo", "helmond"):
        assert squash(cases[case_id].text) in squash(SEED_CHAPTER_4)


# --- broken content folders -------------------------------------------------------------


def _copy_content(folder: Path) -> Path:
    for name, data in builtin_content_files().items():
        (folder / name).write_bytes(data)
    return folder / CHECKLIST_FILE


def _replace_line(path: Path, old: str, new: str) -> int:
    """Replace the one line ``old`` by ``new``; return its 1-based number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines.count(old) == 1
    number = lines.index(old) + 1
    lines[number - 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number


def test_copied_content_folder_loads(tmp_path: Path) -> None:
    _copy_content(tmp_path)
    content = load_content(tmp_path)
    assert content.source == str(tmp_path)
    assert len(content.questions) == 69


def test_broken_toml_is_located(tmp_path: Path) -> None:
    checklist = _copy_content(tmp_path)
    line = _replace_line(checklist, 'id = "visie.2"', 'id = "visie.2')
    with pytest.raises(FileProblem) as caught:
        load_content(tmp_path)
    [problem] = caught.value.problems
    assert problem.path == checklist
    assert problem.line == line
    assert problem.message.startswith("TOML-fout")


def test_question_of_the_wrong_item_is_located(tmp_path: Path) -> None:
    checklist = _copy_content(tmp_path)
    _replace_line(checklist, 'id = "visie.2"', 'id = "belangen.99"')
    item_line = checklist.read_text(encoding="utf-8").split("\n").index("[[items]]") + 1
    with pytest.raises(FileProblem) as caught:
        load_content(tmp_path)
    [problem] = caught.value.problems
    assert problem.path == checklist
    assert problem.line == item_line
    assert "belangen.99" in problem.message and "visie" in problem.message


def test_duplicate_question_id_is_refused(tmp_path: Path) -> None:
    checklist = _copy_content(tmp_path)
    _replace_line(checklist, 'id = "visie.2"', 'id = "visie.1"')
    with pytest.raises(FileProblem) as caught:
        load_content(tmp_path)
    [problem] = caught.value.problems
    assert problem.path == checklist
    assert "visie.1" in problem.message
    assert "meer dan eens" in problem.message


def test_duplicate_question_id_is_located(tmp_path: Path) -> None:
    checklist = _copy_content(tmp_path)
    line = _replace_line(checklist, 'id = "visie.2"', 'id = "visie.1"')
    with pytest.raises(FileProblem) as caught:
        load_content(tmp_path)
    [problem] = caught.value.problems
    assert problem.line in (line, line - 1)


def test_problems_in_both_files_are_all_reported(tmp_path: Path) -> None:
    checklist = _copy_content(tmp_path)
    knowledge = tmp_path / KNOWLEDGE_FILE
    checklist_line = _replace_line(checklist, "nummer = 8", 'nummer = "acht"')
    knowledge_line = _replace_line(knowledge, 'hoofdstuk = "motieven"', "hoofdstuk = 2")
    with pytest.raises(FileProblem) as caught:
        load_content(tmp_path)
    located = {(problem.path, problem.line) for problem in caught.value.problems}
    assert (checklist, checklist_line) in located
    assert (knowledge, knowledge_line) in located


def test_missing_file_is_named(tmp_path: Path) -> None:
    _copy_content(tmp_path)
    (tmp_path / KNOWLEDGE_FILE).unlink()
    with pytest.raises(FileProblem) as caught:
        load_content(tmp_path)
    [problem] = caught.value.problems
    assert problem.path == tmp_path / KNOWLEDGE_FILE
    assert problem.message == "bestand bestaat niet"


def test_seed_copies_are_unchanged() -> None:
    """The data files are verbatim slices of the seed text (nothing added)."""
    assert SEED_CHECKLIST.startswith("checklist voor \nde\xa0praktijk\n")
    assert SEED_CHECKLIST.rstrip("\n").endswith("verwachte meerwaarde?")
    assert "over het ccv" not in SEED_CHECKLIST
    assert SEED_CHAPTER_4.startswith(" hoofdstuk 4\n")
    assert SEED_CHAPTER_4.rstrip("\n").endswith("voor\xa0niet-eigen taken.")


def test_a_custom_checklist_may_count_an_item_or_a_question_for_several_factors(tmp_path: Path) -> None:
    checklist = _copy_content(tmp_path)
    _replace_line(checklist, 'factoren = ["visionair"]', 'factoren = ["visionair", "leiderschap"]')
    _replace_line(checklist, 'factoren = ["convenant"]', 'factoren = ["convenant", "vertrouwen"]')
    content = load_content(tmp_path)
    assert content.factors_of_question["leiderschap.3"] == ["visionair", "leiderschap"]
    assert "leiderschap.3" in [q.id for q in content.questions_of_factor("leiderschap")]
    assert content.factors_of_question["convenant.1"] == ["convenant", "vertrouwen"]
    assert [item.id for item in content.items_of_factor("vertrouwen")] == ["draagvlak", "convenant"]
    assert {q.id for q in content.questions_of_phase("begin")} & {q.id for q in content.questions_of_phase("onderweg")} == {"leiderschap.3"}


def test_a_question_may_only_name_factors_of_its_item(tmp_path: Path) -> None:
    checklist = _copy_content(tmp_path)
    line = _replace_line(checklist, 'factoren = ["visionair"]', 'factoren = ["convenant"]')
    with pytest.raises(FileProblem) as caught:
        load_content(tmp_path)
    [problem] = caught.value.problems
    assert problem.line == line
    assert "leiderschap.3" in problem.message and "convenant" in problem.message


def test_an_item_factor_that_no_question_counts_for_is_refused(tmp_path: Path) -> None:
    checklist = _copy_content(tmp_path)
    _replace_line(checklist, 'factoren = ["visionair"]', 'factoren = ["leiderschap"]')
    with pytest.raises(FileProblem) as caught:
        load_content(tmp_path)
    [problem] = caught.value.problems
    assert "visionair" in problem.message and "geen van zijn vragen" in problem.message


@pytest.mark.parametrize("phase_id", ["acties", "overzicht", "verloop", "kennis"])
def test_a_phase_id_that_is_a_tab_of_the_dashboard_is_refused_in_dutch(tmp_path, phase_id: str) -> None:
    import tomli_w

    from samenwerk_tui.content import CHECKLIST_FILE, builtin_content_files, load_content
    from samenwerk_tui.toml.read import FileProblem

    files = builtin_content_files()
    checklist = tomllib.loads(files[CHECKLIST_FILE].decode("utf-8"))
    old = checklist["fasen"][0]["id"]
    checklist["fasen"][0]["id"] = phase_id
    for factor in checklist["factoren"]:
        if factor["fase"] == old:
            factor["fase"] = phase_id
    for name, data in files.items():
        (tmp_path / name).write_bytes(tomli_w.dumps(checklist).encode("utf-8") if name == CHECKLIST_FILE else data)
    with pytest.raises(FileProblem) as raised:
        load_content(tmp_path)
    assert f"fase-id {phase_id} is al de naam van een tabblad van samenwerk" in str(raised.value.problems[0])


def test_the_reserved_phase_ids_are_the_dashboards_own_tabs() -> None:
    from samenwerk_tui.content import RESERVED_PHASE_IDS
    from samenwerk_tui.ui.commands import TABS

    assert {tab_id for tab_id, *_ in TABS} - {"begin", "onderweg"} == RESERVED_PHASE_IDS
