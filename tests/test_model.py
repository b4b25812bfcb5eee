"""What a session file may hold, and the Dutch, located message for what it may not.

Every refusal is a :class:`FileProblem` (never a traceback) whose problems name
the file and, where the file says where, the line.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samenwerk_tui.content import load_content
from samenwerk_tui.model import Answer, Session
from samenwerk_tui.store import load_folder, load_session, parse_session
from samenwerk_tui.toml.read import MAX_FILE_SIZE, FileProblem, Problem

TOML_INVALID = Path(__file__).parent / "data" / "toml-invalid"
# For hypothesis tests, which cannot take function-scoped fixtures.
CONTENT = load_content()

# Words from tomllib's and pydantic's English messages that must never reach a user.
ENGLISH = re.compile(
    r"\b(Invalid|Expected|Found|Cannot|Unclosed|Unterminated|Illegal|Duplicate|Escaped|Field required|"
    r"Input should|should be|validation error|Value error|Traceback|line \d+, column)\b"
)


def assert_dutch(problem: Problem) -> None:
    assert not ENGLISH.search(problem.message), problem.message
    assert problem.message.strip()


def line_of(path: Path, fragment: str) -> int:
    """The 1-based line of ``path`` holding ``fragment`` (exactly once)."""
    lines = [number for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if fragment in line]
    assert len(lines) == 1, (fragment, lines)
    return lines[0]


def refused(path: Path, content=None) -> list[Problem]:  # type: ignore[no-untyped-def]
    with pytest.raises(FileProblem) as caught:
        load_session(path, content)
    problems = caught.value.problems
    assert problems
    for problem in problems:
        assert problem.path == path
        assert str(problem).startswith(str(path))
        assert_dutch(problem)
    return problems


def refused_any(path: Path) -> list[Problem]:
    """Like :func:`refused`, for paths that are not shown as they are."""
    with pytest.raises(FileProblem) as caught:
        load_session(path)
    return caught.value.problems


# --- what is accepted ---------------------------------------------------------


def test_valid_file_loads_with_its_answers(make_session, content):
    path = make_session(
        '[vragen."visie.1"]\nscore = 4\nnotitie = "Vastgesteld."\n\n'
        '[vragen."visie.2"]\nscore = "nvt"\n\n'
        '[items.visie]\nnotitie = "Goed op weg."\n\n'
        '[acties.a-1]\nwat = "Convenant tekenen"\nwie = "burgemeester"\ndeadline = 2026-03-01\nstatus = "bezig"\n\n'
        '[[logboek]]\ndatum = 2026-01-05\ntekst = "Besproken in de stuurgroep."\n'
    )
    loaded = load_session(path, content)
    session = loaded.session
    assert loaded.warnings == []
    assert not loaded.read_only
    assert session.score("visie.1") == 4
    assert session.answer("visie.1").note == "Vastgesteld."
    assert session.score("visie.2") == "nvt"
    assert session.score("visie.3") is None
    assert session.item_notes["visie"].note == "Goed op weg."
    action = session.actions["a-1"]
    assert (action.what, action.who, action.due, action.status) == ("Convenant tekenen", "burgemeester", dt.date(2026, 3, 1), "bezig")
    assert session.log[0].date == dt.date(2026, 1, 5)
    assert session.created == dt.date(2026, 1, 5) and session.updated == dt.date(2026, 1, 6)


@pytest.mark.parametrize("written", ['"nvt"', '"NVT"', '" Nvt "'])
def test_not_applicable_is_accepted_in_any_case(make_session, written):
    path = make_session(f'[vragen."visie.1"]\nscore = {written}\n')
    assert load_session(path).session.score("visie.1") == "nvt"


def test_empty_question_tables_are_unanswered(make_session):
    # The file lists every question so that people can fill it in by hand.
    path = make_session('[vragen."visie.1"]\n\n[vragen."visie.2"]\nscore = 2\n')
    session = load_session(path).session
    assert list(session.answers) == ["visie.2"]
    assert session.answered_count(["visie.1", "visie.2"]) == 1


def test_byte_order_mark_is_accepted(make_session):
    path = make_session('[vragen."visie.1"]\nscore = 3\n')
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_session(path).session.score("visie.1") == 3


def test_windows_line_endings_are_accepted(make_session):
    path = make_session('[vragen."visie.1"]\nscore = 3\nnotitie = """\nregel een\nregel twee"""\n')
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    answer = load_session(path).session.answer("visie.1")
    assert answer.score == 3
    assert answer.note == "regel een\nregel twee"


# --- control characters and terminal escapes ----------------------------------

HOSTILE = {
    "csi": ("rood\\u001b[31m alarm\\u001b[0m", "rood alarm"),
    "osc title": ("a\\u001b]0;gehackt\\u0007b", "ab"),
    "osc hyperlink": ("\\u001b]8;;https://example.org\\u001b\\\\klik\\u001b]8;;\\u001b\\\\", "klik"),
    "c1 csi": ("x\\u009b2Jy", "x2Jy"),
    # Without its terminator the sequence is harmless once ESC is gone; the text after it stays.
    "unterminated osc": ("a\\u001b]0;titel en de rest", "a0;titel en de rest"),
    "nul and bell": ("a\\u0000b\\u0007c", "abc"),
    "bidi override": ("\\u202egnirts\\u202c", "gnirts"),
    "delete": ("a\\u007fb", "ab"),
}


@pytest.mark.parametrize("written, shown", list(HOSTILE.values()), ids=list(HOSTILE))
def test_terminal_escapes_are_stripped_at_load(make_session, written, shown):
    path = make_session(
        f'[vragen."visie.1"]\nnotitie = "{written}"\n\n'
        f'[acties.a-1]\nwat = "{written} actie"\n\n'
        f'[[logboek]]\ndatum = 2026-01-05\ntekst = "{written}"\n',
        organisatie=f"{written} org",
    )
    session = load_session(path).session
    assert session.answer("visie.1").note == shown
    assert session.actions["a-1"].what == f"{shown} actie"
    assert session.log[0].text == shown
    assert session.respondent.organisation == f"{shown} org"


def test_tabs_and_newlines_survive_in_notes_but_not_in_one_line_fields():
    answer = Answer(notitie="kop\n\tingesprongen\r\nwindows\rmac")
    assert answer.note == "kop\n\tingesprongen\nwindows\nmac"
    session_data = _minimal()
    session_data["respondent"]["organisatie"] = "Gemeente\nLindendal\t(Oost)"
    assert Session.model_validate(session_data).respondent.organisation == "Gemeente Lindendal (Oost)"


def _minimal() -> dict:
    return {
        "fase": "begin",
        "aangemaakt": dt.date(2026, 1, 1),
        "bijgewerkt": dt.date(2026, 1, 1),
        "samenwerking": {"naam": "Team", "slug": "team"},
        "ronde": {"label": "Q1", "datum": dt.date(2026, 1, 1)},
        "respondent": {"organisatie": "Gemeente"},
    }


# --- what is refused ----------------------------------------------------------


@pytest.mark.parametrize("score", ["0", "6", "-1", '"x"', '"5"', "true", "3.5", "[3]"])
def test_score_out_of_range_or_of_the_wrong_kind(make_session, score):
    path = make_session(f'[vragen."visie.3"]\nnotitie = "tekst"\nscore = {score}\n')
    [problem] = refused(path)
    assert problem.line == line_of(path, "score =")
    # The value as it is written in the file, not as Python shows it.
    shown = {"true": "true", "[3]": "een lijst"}.get(score, score)
    assert problem.message == f'vragen."visie.3".score: score moet 1 t/m 5 of "nvt" zijn (gevonden: {shown})'


def test_unknown_phase_names_the_phases_there_are(make_session, content):
    path = make_session(fase="eindfase")
    [problem] = refused(path, content)
    assert problem.line == line_of(path, "fase =")
    assert 'onbekende fase "eindfase"' in problem.message
    assert '"begin"' in problem.message and '"onderweg"' in problem.message


@pytest.mark.parametrize(
    "old, new, where, message",
    [
        ('fase = "begin"', "fase = 3", "fase", "moet tekst zijn"),
        ("datum = 2026-01-05\n", 'datum = "gisteren"\n', "ronde.datum", "moet een datum zijn"),
        ("datum = 2026-01-05\n", "datum = 2026-01-05T10:00:00\n", "ronde.datum", "zonder tijd"),
        ("aangemaakt = 2026-01-05", "aangemaakt = 5", "aangemaakt", "moet een datum zijn"),
        ('slug = "horecateam-lindendal"', 'slug = "Horeca Team"', "samenwerking.slug", "ongeldige vorm"),
        ('organisatie = "Gemeente Lindendal"', 'organisatie = "  "', "respondent.organisatie", "mag niet leeg zijn"),
        ("formaat = 1", "formaat = 0", "formaat", "buiten het toegestane bereik"),
        # A version in quotes or as a float is not taken for a version this samenwerk can write.
        ("formaat = 1", 'formaat = "2"', "formaat", 'moet een geheel getal zijn (gevonden: "2")'),
        ("formaat = 1", "formaat = 2.0", "formaat", "moet een geheel getal zijn (gevonden: 2.0)"),
        ("formaat = 1", "formaat = true", "formaat", "moet een geheel getal zijn (gevonden: true)"),
        ('fase = "begin"', "fase = 2026-01-05", "fase", "moet tekst zijn (gevonden: 2026-01-05)"),
        ('label = "2026-Q1"', "label = [1, 2]", "ronde.label", "moet tekst zijn"),
    ],
)
def test_wrong_types_name_field_and_line(make_session, old, new, where, message):
    path = make_session()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = refused(path)
    assert [problem.message.split(": ", 1)[0] for problem in problems] == [where]
    assert message in problems[0].message
    assert problems[0].line == line_of(path, new.strip())


@pytest.mark.parametrize(
    "body, where, fragment, offset",
    [
        ("vragen = 5\n", "vragen", "vragen = 5", 0),
        ('[acties.a-1]\nwie = "politie"\n', "acties.a-1.wat", "[acties.a-1]", 0),
        ('[acties.a-1]\nwat = "x"\ndeadline = "morgen"\n', "acties.a-1.deadline", "deadline =", 0),
        ("[[logboek]]\ndatum = 2026-01-01\n", "logboek[1].tekst", "[[logboek]]", 0),
        # The second [[logboek]] block, the line before its tekst.
        ('[[logboek]]\ndatum = 2026-01-01\ntekst = "a"\n\n[[logboek]]\ntekst = "b"\n', "logboek[2].datum", 'tekst = "b"', -1),
        ('[vragen."visie 1"]\nscore = 3\n', 'vragen."visie 1"', '[vragen."visie 1"]', 0),
        ("[items.visie]\nnotitie = 3\n", "items.visie.notitie", "notitie = 3", 0),
    ],
)
def test_wrong_tables_name_field_and_line(make_session, body, where, fragment, offset):
    path = make_session(top=body) if body.startswith("vragen =") else make_session(body)
    [problem] = refused(path)
    assert problem.message.startswith(where + ": ")
    assert problem.line == line_of(path, fragment) + offset


@pytest.mark.parametrize(
    "body, fragment",
    [
        ('[vragen]\n"visie.1".score = 9\n', '"visie.1".score = 9'),
        ('[vragen]\n"visie.1" = { score = 9 }\n', '"visie.1" = {'),
        ('[vragen."visie.1"]\nnotitie = """\nscore = 1\n"""\nscore = 9\n', "score = 9"),
        ("[vragen.'visie.1']\nscore = 9 # fout\n", "score = 9"),
    ],
    ids=["dotted key", "inline table", "after a multi-line note", "literal key"],
)
def test_line_is_found_in_other_ways_of_writing_toml(make_session, body, fragment):
    path = make_session(body)
    [problem] = refused(path)
    assert problem.message.startswith('vragen."visie.1".score: ')
    assert problem.line == line_of(path, fragment)


def test_line_numbers_count_only_toml_line_breaks(make_session):
    # U+0085, U+2028 and a form feed in a note are not line breaks in TOML or in an editor.
    path = make_session('[vragen."visie.1"]\nnotitie = "een\u0085twee\u2028drie"\n\n[vragen."visie.2"]\nscore = 7\n')
    [problem] = refused(path)
    assert problem.line == line_of(path, "score = 7")


def test_status_message_lists_the_allowed_statuses(make_session):
    path = make_session('[acties.a-1]\nwat = "x"\nstatus = "klaar"\n')
    [problem] = refused(path)
    assert problem.line == line_of(path, 'status = "klaar"')
    for status in ("open", "bezig", "gedaan", "vervallen"):
        assert status in problem.message


@pytest.mark.parametrize("table", ["samenwerking", "ronde", "respondent"])
def test_missing_required_table(make_session, table):
    path = make_session()
    text = path.read_text(encoding="utf-8")
    start = text.index(f"[{table}]")
    end = text.index("\n\n", start)
    path.write_text(text[:start] + text[end + 2 :], encoding="utf-8")
    [problem] = refused(path)
    assert problem.message == f"{table}: verplicht veld ontbreekt"
    assert str(problem) == f"{path}: {table}: verplicht veld ontbreekt"


def test_every_missing_field_is_reported_even_on_one_line(make_session):
    # Two problems at the same place used to collapse into one.
    path = make_session()
    text = path.read_text(encoding="utf-8").replace('naam = "Horecateam Lindendal"\nslug = "horecateam-lindendal"\n', "")
    path.write_text(text, encoding="utf-8")
    problems = refused(path)
    assert [problem.message for problem in problems] == [
        "samenwerking.naam: verplicht veld ontbreekt",
        "samenwerking.slug: verplicht veld ontbreekt",
    ]
    assert {problem.line for problem in problems} == {line_of(path, "[samenwerking]")}


def test_located_and_unlocated_problems_together(make_session):
    # A missing table has no line, a bad score has one: sorting them used to crash.
    path = make_session('[vragen."visie.1"]\nscore = 9\n')
    text = path.read_text(encoding="utf-8").replace('[ronde]\nlabel = "2026-Q1"\ndatum = 2026-01-05\n', "")
    path.write_text(text, encoding="utf-8")
    problems = refused(path)
    assert [problem.message.split(":")[0] for problem in problems] == ["ronde", 'vragen."visie.1".score']
    assert problems[0].line is None
    assert problems[1].line == line_of(path, "score = 9")


def test_thousands_of_errors_are_summed_up_quickly(make_session):
    # Locating each error used to read the whole file again: minutes for a few thousand.
    path = make_session("".join(f'[vragen."x.{number}"]\nscore = 9\n' for number in range(20_000)))
    started = time.perf_counter()
    problems = refused(path)
    assert time.perf_counter() - started < 10
    assert len(problems) == 51
    assert problems[0].line == line_of(path, '[vragen."x.0"]') + 1
    assert problems[-1].message == "en nog 19950 fouten; herstel eerst de fouten hierboven"


def test_broken_toml_gives_line_and_column(make_session):
    path = make_session('[vragen."visie.1"]\nscore = 3\nnotitie = "niet afgesloten\n')
    [problem] = refused(path)
    assert problem.line == line_of(path, "niet afgesloten")
    assert problem.column is not None and problem.column > 1
    assert problem.message == 'TOML-fout: tekst is niet afgesloten op deze regel (gebruik """ voor tekst over meer regels)'
    assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: TOML-fout: ")


def test_duplicate_question_table(make_session):
    path = make_session('[vragen."visie.1"]\nscore = 3\n\n[vragen."visie.1"]\nscore = 4\n')
    [problem] = refused(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problem.line == max(number for number, line in enumerate(lines, 1) if line == '[vragen."visie.1"]')
    assert "al gedeclareerd" in problem.message


def test_invalid_utf8_gives_line_and_column(make_session):
    path = make_session('[vragen."visie.1"]\nnotitie = "café X"\n')
    data = path.read_bytes().replace(b"X", b"\xff")
    path.write_bytes(data)
    [problem] = refused(path)
    assert problem.message == "geen geldige UTF-8-tekst; sla het bestand op als UTF-8"
    assert problem.line == data.count(b"\n", 0, data.index(b"\xff")) + 1
    # Columns count characters, as an editor does: 'notitie = "café ' is 16 of them.
    assert problem.column == 17


def test_utf16_file_is_refused_with_a_message(make_session):
    path = make_session()
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    [problem] = refused(path)
    assert "UTF-8" in problem.message


def test_file_over_one_mebibyte_is_refused_unparsed(make_session):
    path = make_session('[vragen."visie.1"]\nnotitie = """\n' + "x" * MAX_FILE_SIZE + '"""\n')
    [problem] = refused(path)
    assert problem.message == "bestand is te groot (1,0 MiB); het maximum is 1024 KiB"
    assert problem.line is None


def test_file_just_under_the_limit_is_read(make_session):
    path = make_session('[vragen."visie.1"]\nscore = 1\n\n[extra]\nvulling = """\n')
    filler = MAX_FILE_SIZE - path.stat().st_size - len('"""\n')
    path.write_text(path.read_text(encoding="utf-8") + "y" * filler + '"""\n', encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_SIZE
    assert load_session(path).session.score("visie.1") == 1


def test_missing_file_and_folder_as_file(tmp_path):
    [missing] = refused(tmp_path / "weg.toml")
    assert missing.message == "bestand bestaat niet"
    folder = tmp_path / "map.toml"
    folder.mkdir()
    [directory] = refused(folder)
    assert "map" in directory.message


@pytest.mark.parametrize("depth", [400, 100_000])
def test_deeply_nested_values_are_refused_at_load(make_session, depth):
    # A few hundred levels load, but could never be saved again.
    path = make_session(top="diep = " + "[" * depth + "]" * depth + "\n")
    [problem] = refused(path)
    assert problem.message == "TOML-fout: te diep geneste waarden (meer dan 50 niveaus)"


def test_nested_values_as_deep_as_a_person_writes_them_load(make_session):
    path = make_session(top="lijst = " + "[" * 10 + "1" + "]" * 10 + "\n")
    expected: object = 1
    for _ in range(10):
        expected = [expected]
    assert load_session(path).session.model_extra["lijst"] == expected


def test_named_pipe_is_refused_not_waited_on(tmp_path):
    pipe = tmp_path / "pijp.toml"
    os.mkfifo(pipe)
    [problem] = refused(pipe)
    assert problem.message == "dit is geen gewoon bestand"


def test_file_name_with_escape_codes_is_shown_cleanly(tmp_path):
    path = tmp_path / "a\x1b]0;titel\x07b.toml"
    path.write_text("x = [", encoding="utf-8")
    [problem] = refused_any(path)
    assert "\x1b" not in str(problem) and "\x07" not in str(problem)


# --- never a traceback --------------------------------------------------------

VALID = {
    "formaat": 1,
    "fase": "begin",
    "aangemaakt": dt.date(2026, 1, 5),
    "bijgewerkt": dt.date(2026, 1, 6),
    "samenwerking": {"naam": "Horecateam", "slug": "horecateam"},
    "ronde": {"label": "2026-Q1", "datum": dt.date(2026, 1, 5)},
    "respondent": {"organisatie": "Gemeente", "rol": "toezicht"},
    "inhoud": {"id": "ccv-samenwerken-2011", "versie": "1"},
    "vragen": {"visie.1": {"score": 4, "notitie": "tekst"}, "visie.2": {}},
    "items": {"visie": {"notitie": "x"}},
    "acties": {"a-1": {"wat": "iets", "status": "open", "deadline": dt.date(2026, 3, 1)}},
    "logboek": [{"datum": dt.date(2026, 1, 5), "tekst": "y"}],
}

toml_values = st.recursive(
    st.one_of(
        st.text(max_size=10),
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.floats(),
        st.booleans(),
        st.dates(),
        st.datetimes(),
        st.times(),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=6), inner, max_size=3),
        st.lists(st.dictionaries(st.text(max_size=6), inner, min_size=1, max_size=2), min_size=1, max_size=2),
    ),
    max_leaves=6,
)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, element in value.items():
            found += _paths(element, (*prefix, key))
    elif isinstance(value, list):
        for index, element in enumerate(value):
            found += _paths(element, (*prefix, index))
    return found


@st.composite
def damaged_sessions(draw: st.DrawFn) -> dict:
    """A valid session with some values replaced, removed or added."""
    import copy

    document = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)
        path = draw(st.sampled_from(paths))
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "remove":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=6))] = draw(toml_values)
        else:
            parent[path[-1]] = draw(toml_values)
    return document


@settings(max_examples=300, deadline=None)
@given(document=damaged_sessions())
def test_any_damaged_session_gives_problems_or_a_session(document):
    import tomli_w

    data = tomli_w.dumps(document).encode()
    path = Path("sessie.toml")
    try:
        loaded = parse_session(path, data, CONTENT)
    except FileProblem as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path == path
            assert_dutch(problem)
            assert problem.line is None or 1 <= problem.line <= data.count(b"\n") + 1
    else:
        assert isinstance(loaded.session, Session)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_give_problems_or_a_session(data):
    try:
        parse_session(Path("x.toml"), data, CONTENT)
    except FileProblem as error:
        for problem in error.problems:
            assert_dutch(problem)


# --- a folder with bad files --------------------------------------------------


def test_folder_with_bad_files_still_loads_the_good_ones(make_session, tmp_path, content):
    good = make_session('[vragen."visie.1"]\nscore = 4\n', name="a-goed.toml")
    make_session(name="b-goed.toml", organisatie="Politie")
    broken = tmp_path / "c-kapot.toml"
    broken.write_text('formaat = 1\nfase = "begin\n', encoding="utf-8")
    binary = tmp_path / "d-binair.toml"
    binary.write_bytes(b"\x00\xff\xfe" * 100)
    wrong = make_session('[vragen."visie.1"]\nscore = 0\n', name="e-fout.toml")
    (tmp_path / "notities.txt").write_text("geen sessie", encoding="utf-8")
    result = load_folder(tmp_path, content)
    assert sorted(loaded.path.name for loaded in result.sessions) == ["a-goed.toml", "b-goed.toml"]
    assert {problem.path.name for problem in result.problems} == {"c-kapot.toml", "d-binair.toml", "e-fout.toml"}
    assert all(problem.line is not None for problem in result.problems)
    for problem in result.problems:
        assert_dutch(problem)
    assert next(loaded for loaded in result.sessions if loaded.path == good).session.score("visie.1") == 4
    assert wrong in {problem.path for problem in result.problems}


# --- the toml-test suite ------------------------------------------------------

TOML_INVALID_FILES = sorted(TOML_INVALID.glob("*.toml"))


def test_toml_invalid_sample_is_there():
    assert len(TOML_INVALID_FILES) >= 20
    assert (TOML_INVALID / "LICENSE").is_file()


@pytest.mark.parametrize("path", TOML_INVALID_FILES, ids=[path.stem for path in TOML_INVALID_FILES])
def test_toml_invalid_file_gives_a_located_dutch_problem(path):
    with pytest.raises(FileProblem) as caught:
        parse_session(path, path.read_bytes())
    [problem] = caught.value.problems
    assert problem.path == path
    assert problem.line is not None and problem.column is not None
    assert 1 <= problem.line <= path.read_bytes().count(b"\n") + 1
    assert_dutch(problem)
