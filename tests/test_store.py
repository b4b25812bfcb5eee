"""Session files on disk: nothing a user wrote is lost, nothing is overwritten unseen."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import base_session
from samenwerk_tui.content import load_content
from samenwerk_tui.model import FORMAT_VERSION, Action, Answer, ItemNote, LogEntry, Session
from samenwerk_tui.store import (
    ConflictError,
    ReadOnlyError,
    carry_over,
    create_session_file,
    list_session_files,
    load_folder,
    load_session,
    new_session,
    parse_session,
    save_copy,
    save_session,
    serialize_session,
    session_filename,
    session_files,
    session_path,
)
from samenwerk_tui.textsafe import clean_line, clean_text
from samenwerk_tui.toml.read import FileProblem

TODAY = dt.date(2026, 11, 28)
# For hypothesis tests: a failing example then prints without the whole checklist.
CONTENT = load_content()


def changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.ndiff(before.decode().split("\n"), after.decode().split("\n"))
    return [line for line in diff if line.startswith(("- ", "+ "))]


# --- round trip ---------------------------------------------------------------

# Any text a person might type or paste: every plane, quotes, backslashes,
# triple quotes, line breaks of all kinds, and the control characters that
# are stripped at load (so the model only ever holds cleaned text).
pieces = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=8),
    st.sampled_from(['"', "'", "\\", '"""', "'''", "\n", "\r\n", "\r", "\t", " ", "#", "[/]", "=", "\x1b[31m", "\\u0041"]),
)
any_text = st.lists(pieces, max_size=10).map("".join)
scores = st.one_of(st.none(), st.integers(min_value=1, max_value=5), st.just("nvt"))
question_ids = st.sampled_from(["visie.1", "visie.2", "belangen.9", "middelen.4", "oud.1", "x_y-z.10"])
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
one_line = any_text.map(clean_line).filter(bool)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    answers = draw(st.dictionaries(question_ids, st.builds(Answer, score=scores, notitie=any_text), max_size=4))
    item_notes = draw(st.dictionaries(st.sampled_from(["visie", "middelen", "weg"]), st.builds(ItemNote, notitie=any_text), max_size=2))
    actions = draw(
        st.dictionaries(
            st.from_regex(r"a-[0-9a-f]{8}", fullmatch=True),
            st.builds(
                Action,
                wat=one_line,
                wie=any_text,
                deadline=st.one_of(st.none(), dates),
                status=st.sampled_from(["open", "bezig", "gedaan", "vervallen"]),
                notitie=any_text,
            ),
            max_size=2,
        )
    )
    log = draw(st.lists(st.builds(LogEntry, datum=dates, tekst=any_text, auteur=any_text), max_size=2))
    return base_session(answers={k: v for k, v in answers.items() if not v.is_empty}, item_notes=item_notes, actions=actions, log=log)


@settings(max_examples=150, deadline=None)
@given(session=sessions())
def test_round_trip_keeps_every_answer_and_note(session, tmp_path_factory):
    content = CONTENT
    path = tmp_path_factory.mktemp("rondje") / "sessie.toml"
    created = create_session_file(path, session, content)
    loaded = load_session(path, content)
    assert loaded.session == session
    assert loaded.digest == created.digest
    # Saving what was loaded, unchanged, writes the very same bytes.
    before = path.read_bytes()
    saved = save_session(loaded, loaded.session, content, today=TODAY)
    assert path.read_bytes() == before
    assert saved.session.updated == session.updated
    assert serialize_session(load_session(path, content).session, content) == before


@settings(max_examples=60, deadline=None)
@given(session=sessions(), question=st.sampled_from(["visie.1", "leiderschap.8", "oud.1"]), score=st.sampled_from([1, 2, 3, 4, 5, "nvt"]))
def test_changing_one_score_changes_one_line(session, question, score, tmp_path_factory):
    content = CONTENT
    path = tmp_path_factory.mktemp("score") / "sessie.toml"
    create_session_file(path, session, content)
    loaded = load_session(path, content)
    before = path.read_bytes()
    answers = dict(loaded.session.answers)
    old = answers.get(question, Answer())
    answers[question] = old.model_copy(update={"score": score})
    changed = loaded.session.model_copy(update={"answers": answers})
    # Saved on the day it was last updated, so the date line stays.
    save_session(loaded, changed, content, today=session.updated)
    lines = changed_lines(before, path.read_bytes())
    if old.score == score:
        assert lines == []
    elif question == "oud.1" and question not in loaded.session.answers:
        # An unknown question has no empty table to fill in: a new table appears.
        assert f'+ [vragen."{question}"]' in lines
        assert not any(line.startswith("- ") for line in lines)
    else:
        shown = f'"{score}"' if score == "nvt" else str(score)
        assert [line for line in lines if line.startswith("+ ")] == [f"+ score = {shown}"]
        assert len(lines) == (1 if old.score is None else 2)


@pytest.mark.parametrize("question", ["visie.1", "oud.1"])
def test_clearing_a_score_and_saving_again_changes_nothing_more(tmp_path, content, question):
    path = tmp_path / "sessie.toml"
    loaded = create_session_file(path, base_session(answers={question: Answer(score=2)}), content)
    loaded = save_session(loaded, loaded.session.model_copy(update={"answers": {question: Answer()}}), content, today=TODAY)
    after_clearing = path.read_bytes()
    assert b"score = 2" not in after_clearing
    # Opened again and saved unchanged: the very same bytes.
    reloaded = load_session(path, content)
    save_session(reloaded, reloaded.session, content, today=TODAY)
    assert path.read_bytes() == after_clearing
    assert (f'[vragen."{question}"]'.encode() in after_clearing) == (question in content.questions)


def test_changing_a_score_on_a_later_day_also_moves_the_updated_date(tmp_path, content):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session(answers={"visie.1": Answer(score=2)}), content)
    loaded = load_session(path, content)
    before = path.read_bytes()
    changed = loaded.session.model_copy(update={"answers": {"visie.1": Answer(score=3)}})
    saved = save_session(loaded, changed, content, today=TODAY)
    assert sorted(changed_lines(before, path.read_bytes())) == sorted(
        ["- bijgewerkt = 2026-11-02", "+ bijgewerkt = 2026-11-28", "- score = 2", "+ score = 3"]
    )
    assert saved.session.updated == TODAY
    assert saved.session.created == dt.date(2026, 11, 2)
    assert load_session(path, content).session.created == dt.date(2026, 11, 2)


def test_unchanged_save_leaves_the_file_and_the_date_alone(tmp_path, content):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session(answers={"visie.1": Answer(score=2)}), content)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    loaded = load_session(path, content)
    saved = save_session(loaded, loaded.session, content, today=TODAY)
    assert saved.session.updated == dt.date(2026, 11, 2)
    assert path.stat().st_mtime == 1_000_000_000


def test_multiline_notes_are_written_as_multiline_strings(tmp_path, content):
    path = tmp_path / "sessie.toml"
    note = 'Eerste regel\nTweede regel met "aanhalingstekens" en een \\ backslash'
    create_session_file(path, base_session(answers={"visie.2": Answer(score=4, notitie=note)}), content)
    text = path.read_text(encoding="utf-8")
    assert '"""\nEerste regel\nTweede regel' in text
    assert load_session(path, content).session.answer("visie.2").note == note


def test_written_file_starts_with_schema_line_and_lists_every_question(tmp_path, content):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session(), content)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./samenwerk-sessie.schema.json\n")
    for question_id in content.questions:
        assert f'[vragen."{question_id}"]' in text
    # Each question's text is there as a comment, for people who edit by hand.
    assert "# " + clean_line(content.questions["visie.2"].text) in text


# --- unknown things survive ---------------------------------------------------

UNKNOWN_EVERYWHERE = """\
#:schema ./samenwerk-sessie.schema.json
formaat = 1
fase = "begin"
aangemaakt = 2026-01-05
bijgewerkt = 2026-01-06
toekomst = "nieuw veld"
leeg = ""
getallen = [1, 2, 3]

[samenwerking]
naam = "Horecateam Lindendal"
slug = "horecateam-lindendal"
website = "https://example.org"

[ronde]
label = "2026-Q1"
datum = 2026-01-05
volgnummer = 4

[respondent]
organisatie = "Gemeente Lindendal"
telefoon = "030-1234567"

[respondent.adres]
straat = "Markt 1"

[inhoud]
id = "ccv-samenwerken-2011"
versie = "1"
variant = "kort"

[vragen."visie.1"]
score = 4
gewicht = 2.5
bron = ""

[vragen."visie.1".bijlage]
naam = "convenant.pdf"

[vragen."nieuw.7"]
score = 2
notitie = "Een vraag uit een nieuwere checklist."

[items.visie]
notitie = "Item"
kleur = "groen"

[items.verdwenen]
notitie = "Van een item dat niet meer bestaat."

[acties.a-1]
wat = "Convenant tekenen"
status = "open"
prioriteit = "hoog"
tijd = 10:30:00

[[logboek]]
datum = 2026-01-05
tekst = "Besproken."
locatie = "stadhuis"

[[logboek.bijlagen]]
naam = "verslag.pdf"

[bijlagen]
lijst = ["a", "b"]

[[deelnemers]]
naam = "Politie"

[[deelnemers]]
naam = "Brandweer"
"""


def test_unknown_keys_at_every_level_survive_load_and_save(tmp_path, content):
    import tomllib

    path = tmp_path / "sessie.toml"
    path.write_text(UNKNOWN_EVERYWHERE, encoding="utf-8")
    loaded = load_session(path, content)
    answers = dict(loaded.session.answers)
    answers["visie.2"] = Answer(score=3)
    save_session(loaded, loaded.session.model_copy(update={"answers": answers}), content, today=TODAY)
    written = tomllib.loads(path.read_text(encoding="utf-8"))
    expected = tomllib.loads(UNKNOWN_EVERYWHERE)
    expected["bijgewerkt"] = TODAY
    expected["vragen"]["visie.2"] = {"score": 3}
    # Every question of the checklist gets a table, empty when unanswered.
    written["vragen"] = {key: value for key, value in written["vragen"].items() if value}
    assert written == expected


toml_scalars = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=20),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    # TOML offsets are whole minutes.
    st.datetimes(
        timezones=st.one_of(
            st.none(),
            st.builds(dt.timezone, st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda minutes: dt.timedelta(minutes=minutes))),
        )
    ),
    st.times(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
        st.lists(st.dictionaries(st.text(max_size=8), inner, max_size=2), min_size=1, max_size=2),
    ),
    max_leaves=8,
)


def _unknown_keys(model: type) -> st.SearchStrategy[dict]:
    taken = {name for name in model.model_fields} | {info.alias for info in model.model_fields.values() if info.alias}
    keys = st.text(st.characters(codec="utf-8"), max_size=12).filter(lambda key: key not in taken)
    return st.dictionaries(keys, toml_values, max_size=3)


def _same(left: object, right: object) -> bool:
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_same(left[key], right[key]) for key in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, float) and isinstance(right, float) and left != left:
        return right != right
    return type(left) is type(right) and left == right


@settings(max_examples=150, deadline=None)
@given(
    top=_unknown_keys(Session),
    answer=_unknown_keys(Answer),
    action=_unknown_keys(Action),
    entry=_unknown_keys(LogEntry),
)
def test_any_unknown_keys_and_values_survive(top, answer, action, entry, tmp_path_factory):
    content = CONTENT
    session = base_session(
        answers={"visie.1": Answer(score=2, **answer)},
        actions={"a-1": Action(wat="Iets", **action)},
        log=[LogEntry(datum=TODAY, tekst="x", **entry)],
        **top,
    )
    session = Session.model_validate(session.model_dump(by_alias=True))
    path = tmp_path_factory.mktemp("onbekend") / "sessie.toml"
    create_session_file(path, session, content)
    loaded = load_session(path, content).session
    assert _same(loaded.model_extra, session.model_extra)
    assert _same(loaded.answers["visie.1"].model_extra, answer)
    assert _same(loaded.actions["a-1"].model_extra, action)
    assert _same(loaded.log[0].model_extra, entry)
    assert serialize_session(loaded, content) == path.read_bytes()


def test_hand_edited_values_tomli_w_cannot_compare_still_save(tmp_path, content):
    # nan is valid TOML but not equal to itself; a quoted key must not be quoted twice.
    path = tmp_path / "sessie.toml"
    path.write_text(
        UNKNOWN_EVERYWHERE.replace(
            'toekomst = "nieuw veld"', 'toekomst = nan\n"met spatie" = -inf\n"regel\\nbreuk" = 1\nwindows = "a\\r\\nb"'
        ),
        encoding="utf-8",
    )
    loaded = load_session(path, content)
    save_session(loaded, _edit(loaded, 3), content, today=TODAY)
    text = path.read_text(encoding="utf-8")
    assert "toekomst = nan\n" in text
    assert '"met spatie" = -inf\n' in text
    assert '"regel\\nbreuk" = 1\n' in text
    extra = load_session(path, content).session.model_extra
    assert extra["met spatie"] == float("-inf")
    assert extra["windows"] == "a\r\nb"


def test_answers_to_unknown_questions_are_kept_and_reported(tmp_path, content):
    path = tmp_path / "sessie.toml"
    path.write_text(UNKNOWN_EVERYWHERE, encoding="utf-8")
    loaded = load_session(path, content)
    lines = UNKNOWN_EVERYWHERE.splitlines()
    warnings = {warning.message: warning.line for warning in loaded.warnings}
    assert warnings == {
        'vraag "nieuw.7" staat niet in de checklist; het antwoord blijft bewaard': lines.index('[vragen."nieuw.7"]') + 1,
        'item "verdwenen" staat niet in de checklist; de notitie blijft bewaard': lines.index("[items.verdwenen]") + 1,
    }
    # An unchanged save leaves the file alone; the first change writes it out in full.
    save_session(loaded, loaded.session, content, today=TODAY)
    assert path.read_text(encoding="utf-8") == UNKNOWN_EVERYWHERE
    changed = loaded.session.model_copy(update={"answers": {**loaded.session.answers, "visie.2": Answer(score=3)}})
    save_session(loaded, changed, content, today=TODAY)
    again = load_session(path, content).session
    assert again.answer("nieuw.7") == Answer(score=2, notitie="Een vraag uit een nieuwere checklist.")
    assert again.item_notes["verdwenen"].note == "Van een item dat niet meer bestaat."
    assert "Deze vraag staat niet in de checklist" in path.read_text(encoding="utf-8")


def test_answers_given_against_other_content_are_flagged(make_session, content):
    path = make_session()
    path.write_text(path.read_text(encoding="utf-8").replace('versie = "1"', 'versie = "2"'), encoding="utf-8")
    [warning] = load_session(path, content).warnings
    assert "andere inhoud" in warning.message and "versie 2" in warning.message


# --- newer format: read-only --------------------------------------------------


def test_newer_format_opens_read_only_and_refuses_to_save(make_session, content):
    path = make_session('[vragen."visie.1"]\nscore = 4\n', formaat=FORMAT_VERSION + 1)
    before = path.read_bytes()
    loaded = load_session(path, content)
    assert loaded.read_only
    assert "nieuwere versie van samenwerk" in loaded.read_only_reason
    assert loaded.session.score("visie.1") == 4
    changed = loaded.session.model_copy(update={"answers": {"visie.1": Answer(score=1)}})
    with pytest.raises(ReadOnlyError) as caught:
        save_session(loaded, changed, content, today=TODAY)
    assert str(caught.value).startswith(str(path))
    assert "alleen-lezen" in str(caught.value) and "werk samenwerk bij" in str(caught.value)
    with pytest.raises(ReadOnlyError):
        save_session(loaded, changed, content, today=TODAY, force=True)
    assert path.read_bytes() == before


def test_newer_format_that_does_not_validate_says_why(make_session):
    path = make_session(formaat=FORMAT_VERSION + 1)
    path.write_text(path.read_text(encoding="utf-8").replace("[ronde]", "[ronde-nieuw]"), encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_session(path)
    messages = [problem.message for problem in caught.value.problems]
    assert "nieuwere versie van samenwerk" in messages[0]
    assert "ronde: verplicht veld ontbreekt" in messages


# --- conflicts ----------------------------------------------------------------


def _edit(loaded, score):  # type: ignore[no-untyped-def]
    return loaded.session.model_copy(update={"answers": {"visie.1": Answer(score=score)}})


def test_file_changed_on_disk_is_never_overwritten(tmp_path, content):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session(answers={"visie.1": Answer(score=2)}), content)
    loaded = load_session(path, content)
    # A colleague changes one character, keeping the size and even the time.
    stat_before = path.stat()
    theirs = path.read_bytes().replace(b"score = 2", b"score = 5")
    path.write_bytes(theirs)
    os.utime(path, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))
    with pytest.raises(ConflictError) as caught:
        save_session(loaded, _edit(loaded, 3), content, today=TODAY)
    assert str(caught.value) == f"{path}: het bestand is gewijzigd sinds het werd geladen"
    assert path.read_bytes() == theirs


def test_deleted_file_counts_as_a_conflict(tmp_path, content):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session(), content)
    loaded = load_session(path, content)
    path.unlink()
    with pytest.raises(ConflictError):
        save_session(loaded, _edit(loaded, 3), content, today=TODAY)
    assert not path.exists()


def test_force_overwrites_after_a_conflict(tmp_path, content):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session(), content)
    loaded = load_session(path, content)
    path.write_bytes(path.read_bytes() + b"\n# hand edit\n")
    saved = save_session(loaded, _edit(loaded, 3), content, today=TODAY, force=True)
    assert load_session(path, content).session.score("visie.1") == 3
    # The saved state is the new baseline: the next save needs no force.
    save_session(saved, _edit(saved, 4), content, today=TODAY)
    assert load_session(path, content).session.score("visie.1") == 4


def test_saves_in_a_row_each_take_the_last_save_as_baseline(tmp_path, content):
    path = tmp_path / "sessie.toml"
    loaded = create_session_file(path, base_session(), content)
    for score in (1, 2, 3, 4, 5, "nvt"):
        loaded = save_session(loaded, _edit(loaded, score), content, today=TODAY)
    assert load_session(path, content).session.score("visie.1") == "nvt"


def test_save_copy_keeps_both_versions(tmp_path, content):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session(), content)
    loaded = load_session(path, content)
    path.write_bytes(path.read_bytes().replace(b"[ronde]", b"# van een collega\n[ronde]"))
    theirs = path.read_bytes()
    first = save_copy(_edit(loaded, 3), path, content)
    second = save_copy(_edit(loaded, 4), path, content)
    assert (first.path.name, second.path.name) == ("sessie-kopie.toml", "sessie-kopie-2.toml")
    assert path.read_bytes() == theirs
    assert load_session(first.path, content).session.score("visie.1") == 3
    assert load_session(second.path, content).session.score("visie.1") == 4


def test_create_refuses_to_replace_an_existing_file(tmp_path, content):
    path = tmp_path / "sessie.toml"
    path.write_text("van iemand anders", encoding="utf-8")
    with pytest.raises(FileExistsError):
        create_session_file(path, base_session(), content)
    assert path.read_text(encoding="utf-8") == "van iemand anders"


# --- the file itself ----------------------------------------------------------


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o640, 0o600])
def test_file_mode_is_kept_after_save(tmp_path, content, mode):
    path = tmp_path / "sessie.toml"
    loaded = create_session_file(path, base_session(), content)
    os.chmod(path, mode)
    save_session(loaded, _edit(loaded, 3), content, today=TODAY)
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_new_file_follows_the_umask_not_private(tmp_path, content):
    old = os.umask(0o002)
    try:
        create_session_file(tmp_path / "sessie.toml", base_session(), content)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "sessie.toml").stat().st_mode) == 0o664


def test_no_temporary_files_are_left_behind(tmp_path, content):
    path = tmp_path / "sessie.toml"
    loaded = create_session_file(path, base_session(), content)
    for score in (1, 2, 3):
        loaded = save_session(loaded, _edit(loaded, score), content, today=TODAY)
    save_copy(loaded.session, path, content)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sessie-kopie.toml", "sessie.toml"]


def test_written_bytes_parse_back_through_the_normal_loader(tmp_path, content):
    session = base_session(answers={"visie.1": Answer(score=5, notitie="\"\"\"\n\\u001b'''")})
    data = serialize_session(session, content)
    assert parse_session(tmp_path / "x.toml", data, content).session == session


# --- new sessions and the next round ------------------------------------------


def test_new_session_dates_and_file_name(content):
    session = new_session(
        collaboration="Horecateam Lindendal",
        slug=None,
        round_label="2026-Q4",
        round_date=dt.date(2026, 11, 12),
        phase="onderweg",
        organisation="Politie Basisteam Lindendal",
        role="wijkagent horeca",
        content=content,
        today=TODAY,
    )
    assert session.created == session.updated == TODAY
    assert session.format == FORMAT_VERSION
    assert (session.content.id, session.content.version) == (content.id, content.version)
    assert session_filename(session) == "horecateam-lindendal--2026-q4--politie-basisteam-lindendal-wijkagent-horeca.toml"


def test_file_names_of_partners_never_collide():
    names = {
        session_filename(base_session(respondent=base_session().respondent.model_copy(update={"organisation": org, "role": role})))
        for org, role in [("Gemeente", "toezicht"), ("Gemeente", "beleid"), ("Politie", "toezicht"), ("Gemeente", "")]
    }
    assert len(names) == 4


def test_carry_over_to_a_new_round(content):
    previous = base_session(
        answers={
            "visie.1": Answer(score=4, notitie="Probleemdefinitie vastgesteld."),
            "visie.2": Answer(score=2),
            "visie.3": Answer(score="nvt", notitie="Niet aan de orde.", bijlage="x.pdf"),
        },
        item_notes={"middelen": ItemNote(notitie="Capaciteit onder druk.")},
        actions={
            "a-1": Action(wat="Bezetting herzien", status="open", deadline=dt.date(2027, 1, 15)),
            "a-2": Action(wat="Convenant tekenen", status="gedaan"),
        },
        log=[LogEntry(datum=dt.date(2026, 11, 12), tekst="Besproken in de stuurgroep.")],
    )
    session = new_session(
        collaboration=previous.collaboration.name,
        slug=previous.collaboration.slug,
        round_label="2027-Q1",
        round_date=dt.date(2027, 2, 1),
        phase="onderweg",
        organisation=previous.respondent.organisation,
        content=content,
        previous=previous,
        today=dt.date(2027, 1, 20),
    )
    assert session.round.label == "2027-Q1"
    assert session.created == session.updated == dt.date(2027, 1, 20)
    assert all(answer.score is None for answer in session.answers.values())
    assert session.answer("visie.1").note == "Probleemdefinitie vastgesteld."
    assert session.answer("visie.3").note == "Niet aan de orde."
    assert session.answer("visie.3").model_extra == {"bijlage": "x.pdf"}
    assert "visie.2" not in session.answers
    assert session.item_notes["middelen"].note == "Capaciteit onder druk."
    assert {key: (a.what, a.status, a.due) for key, a in session.actions.items()} == {
        "a-1": ("Bezetting herzien", "open", dt.date(2027, 1, 15)),
        "a-2": ("Convenant tekenen", "gedaan", None),
    }
    assert [entry.text for entry in session.log] == ["Besproken in de stuurgroep."]
    # The previous round is untouched.
    assert previous.score("visie.1") == 4


def test_carried_over_session_saves_and_loads(tmp_path, content):
    previous = base_session(answers={"visie.1": Answer(score=4, notitie="Notitie.")})
    session = carry_over(previous, base_session(round=previous.round.model_copy(update={"label": "2027-Q1"})))
    path = tmp_path / session_filename(session)
    create_session_file(path, session, content)
    loaded = load_session(path, content).session
    assert loaded.answer("visie.1") == Answer(notitie="Notitie.")
    assert loaded.round.label == "2027-Q1"
    assert path.name.endswith("--2027-q1--gemeente-lindendal-coordinator-horecatoezicht.toml")


def test_text_cleaning_is_stable():
    # A cleaned text cleans to itself, so a load/save round trip cannot drift.
    for text in ["\x1b\x1b[31mA", "a\r\n\rb", "\x1b]0;x\x1b\\y", "\u202e\x85\x9b"]:
        assert clean_text(clean_text(text)) == clean_text(text)
        assert clean_line(clean_line(text)) == clean_line(text)


def test_the_shipped_example_saves_byte_identical(content):
    folder = Path(__file__).parent.parent / "sessions"
    paths = session_files(folder)
    assert len(paths) == 12
    for path in paths:
        loaded = load_session(path, content)
        assert loaded.warnings == []
        assert serialize_session(loaded.session, content) == path.read_bytes(), path.name


def test_folder_skips_what_is_not_a_session_file(tmp_path, make_session, content):
    make_session(name="sessie.toml")
    make_session(name=".sessie.toml.abc123.tmp")
    (tmp_path / "oud.toml").mkdir()
    os.mkfifo(tmp_path / "pijp.toml")
    (tmp_path / "samenwerk-instellingen.toml").write_text("[banden]\n", encoding="utf-8")
    result = load_folder(tmp_path, content)
    assert [loaded.path.name for loaded in result.sessions] == ["sessie.toml"]
    assert result.problems == []


@pytest.mark.parametrize("label, organisation", [("../../etc", "Gemeente"), ("2026/Q1", "../Politie"), ("..", "/")])
def test_file_names_stay_inside_the_folder(label, organisation):
    session = base_session(
        round=base_session().round.model_copy(update={"label": label}),
        respondent=base_session().respondent.model_copy(update={"organisation": organisation, "role": ""}),
    )
    name = session_filename(session)
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert name.endswith(".toml")


def with_respondent(organisation: str, role: str) -> Session:
    return base_session(respondent=base_session().respondent.model_copy(update={"organisation": organisation, "role": role}))


def test_respondents_whose_names_slugify_alike_get_their_own_stable_file_names(tmp_path):
    first, second, third = with_respondent("Politie Oost", "x"), with_respondent("Politie-Oost", "x"), with_respondent("POLITIE OOST!", "x")
    assert session_filename(first) == session_filename(second) == session_filename(third)
    paths = []
    for session in (first, second, third):
        path = session_path(tmp_path, session)
        assert not path.exists()
        create_session_file(path, session)
        paths.append(path)
    assert len(set(paths)) == 3 and paths[0].name == session_filename(first)
    # The suffix follows from the respondent alone: the same on every partner's machine.
    other_folder = tmp_path / "elders"
    other_folder.mkdir()
    create_session_file(other_folder / session_filename(first), third)
    assert session_path(other_folder, second).name == paths[1].name
    # The same respondent, written differently, finds its own file.
    assert session_path(tmp_path, with_respondent("politie   oost", "X")) == paths[0]
    assert session_path(tmp_path, with_respondent("Politie-Oost", "x")) == paths[1]


def test_a_file_that_cannot_be_read_is_never_passed_over_silently(tmp_path):
    session = with_respondent("Politie Oost", "x")
    broken = tmp_path / session_filename(session)
    broken.write_text("formaat = \n", encoding="utf-8")
    assert session_path(tmp_path, with_respondent("Politie-Oost", "x")) == broken


def test_listing_a_folder_says_what_is_skipped_and_why(tmp_path, make_session):
    make_session(name="sessie.toml")
    make_session(name=".sessie.toml.abc123.tmp")
    (tmp_path / "oud.toml").mkdir()
    os.mkfifo(tmp_path / "pijp.toml")
    (tmp_path / "weg.toml").symlink_to(tmp_path / "nergens.toml")
    (tmp_path / "kring.toml").symlink_to(tmp_path / "kring.toml")
    (tmp_path / "link.toml").symlink_to(tmp_path / "sessie.toml")
    (tmp_path / "samenwerk-instellingen.toml").write_text("[banden]\n", encoding="utf-8")
    files, skipped = list_session_files(tmp_path)
    assert [path.name for path in files] == ["link.toml", "sessie.toml"]
    assert [(problem.path.name, problem.message.split(":")[0]) for problem in skipped] == [
        ("kring.toml", "overgeslagen"),
        ("oud.toml", "overgeslagen"),
        ("pijp.toml", "overgeslagen"),
        ("weg.toml", "overgeslagen"),
    ]
    assert "kring" in skipped[0].message and "map" in skipped[1].message
    assert "named pipe" in skipped[2].message and "niet bestaat" in skipped[3].message
