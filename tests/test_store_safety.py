"""Saving under pressure: concurrent writers, limits, leftovers, Dutch errors, NFC and comments."""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import base_session
from samenwerk_tui import filesafe
from samenwerk_tui.content import load_content
from samenwerk_tui.filesafe import STALE_TEMPORARY_AGE, FileBusyError
from samenwerk_tui.model import MAX_LINE, MAX_TEXT, Action, Answer, LogEntry, Round, Session, check_field
from samenwerk_tui.store import (
    NotWritableError,
    create_session_file,
    has_own_comments,
    load_folder,
    load_session,
    os_error_message,
    save_session,
    serialize_session,
    session_files,
)
from samenwerk_tui.toml.locate import key_lines
from samenwerk_tui.toml.read import MAX_DEPTH, FileProblem

TODAY = dt.date(2026, 11, 28)
# For hypothesis tests: a failing example then prints without the whole checklist.
CONTENT = load_content()


# --- Dutch throughout -----------------------------------------------------------


ENGLISH_WORDS = ("space", "file", "system", "permission", "denied", "device", "read-only", "error", "such")


@pytest.mark.parametrize("name", sorted(name for name in dir(errno) if name.startswith("E") and name != "errorcode"))
def test_no_operating_system_error_is_shown_in_english(name):
    number = getattr(errno, name)
    message = os_error_message(OSError(number, os.strerror(number)))
    assert os.strerror(number) not in message
    assert not any(word in message.lower() for word in ENGLISH_WORDS), message


def test_full_and_read_only_disks_are_named_in_dutch():
    assert os_error_message(OSError(errno.ENOSPC, "No space left on device")) == "de schijf is vol"
    assert os_error_message(OSError(errno.EROFS, "Read-only file system")) == "de schijf is alleen-lezen"
    assert os_error_message(PermissionError("Operation not permitted")) == "geen toestemming om hier te schrijven"


def test_a_wrong_action_status_lists_the_choices_in_dutch(make_session):
    path = make_session('[acties.a-12345678]\nwat = "Overleg"\nstatus = "klaar"\n')
    with pytest.raises(FileProblem) as caught:
        load_session(path)
    [problem] = caught.value.problems
    assert problem.message.endswith("'gedaan' of 'vervallen' (gevonden: \"klaar\")")
    assert " or " not in problem.message


# --- NFC -------------------------------------------------------------------------


def test_organisations_in_nfc_and_nfd_load_as_one_name(tmp_path, make_session, content):
    name = "Politie Oost-Brabant, afdeling Drugs & Coöperatie"
    make_session(name="nfc.toml", organisatie=unicodedata.normalize("NFC", name))
    make_session(name="nfd.toml", organisatie=unicodedata.normalize("NFD", name), ronde="2026-Q2")
    result = load_folder(tmp_path, content)
    assert result.problems == []
    organisations = {loaded.session.respondent.organisation for loaded in result.sessions}
    assert organisations == {unicodedata.normalize("NFC", name)}


def test_notes_in_nfd_load_as_nfc(make_session):
    path = make_session('[vragen."visie.1"]\nnotitie = "' + unicodedata.normalize("NFD", "geëvalueerd, café") + '"\n')
    note = load_session(path).session.answer("visie.1").note
    assert note == unicodedata.normalize("NFC", "geëvalueerd, café")


def test_an_nfc_file_still_saves_byte_identical(tmp_path, content):
    path = tmp_path / "sessie.toml"
    session = base_session(answers={"visie.1": Answer(score=2, notitie="Coördinatie geëvalueerd; café’s")})
    create_session_file(path, session, content)
    before = path.read_bytes()
    loaded = load_session(path, content)
    save_session(loaded, loaded.session, content, today=TODAY)
    assert path.read_bytes() == before
    assert serialize_session(loaded.session, content) == before


def test_an_nfd_file_is_left_alone_until_something_changes(tmp_path, content):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session(answers={"visie.1": Answer(score=2)}), content)
    nfd = unicodedata.normalize("NFD", path.read_text(encoding="utf-8")).encode()
    assert nfd != path.read_bytes()
    path.write_bytes(nfd)
    loaded = load_session(path, content)
    save_session(loaded, loaded.session, content, today=TODAY)
    assert path.read_bytes() == nfd


# --- two samenwerk processes saving one file ------------------------------------

# Saves one change after another to one file, each a log entry with its own
# tag, as fast as it can. A conflict means: load again and try the next tag.
# Prints the tags whose save returned without an error.
CONCURRENT_WRITER = r"""
import datetime as dt
import json
import sys
from pathlib import Path
from samenwerk_tui.model import LogEntry
from samenwerk_tui.store import ConflictError, load_session, save_session

path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
saved, conflicts = [], 0
loaded = load_session(path)
print("klaar", flush=True)
sys.stdin.readline()
for number in range(count):
    tag = f"{name}-{number}"
    entry = LogEntry(datum=dt.date(2026, 11, 28), tekst=tag)
    changed = loaded.session.model_copy(update={"log": [*loaded.session.log, entry]})
    try:
        loaded = save_session(loaded, changed, today=dt.date(2026, 11, 28))
    except ConflictError:
        conflicts += 1
        loaded = load_session(path)
        continue
    saved.append(tag)
print(json.dumps({"saved": saved, "conflicts": conflicts}), flush=True)
"""


def test_two_processes_saving_one_file_never_lose_a_successful_save(tmp_path):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session())
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_WRITER, str(path), name, "150"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "klaar\n"
    for writer in writers:  # Both start at the same moment.
        assert writer.stdin is not None
        writer.stdin.write("\n")
        writer.stdin.flush()
    results = []
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        results.append(json.loads(out.splitlines()[-1]))
    on_disk = [entry.text for entry in load_session(path).session.log]
    saved = [tag for result in results for tag in result["saved"]]
    # Every save that returned is in the file: none was overwritten unseen.
    assert sorted(saved) == sorted(on_disk)
    # And they did get in each other's way.
    assert sum(result["conflicts"] for result in results) > 0
    assert all(result["saved"] for result in results)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sessie.toml"]


HOLD_THE_LOCK = r"""
import sys, time
from pathlib import Path
from samenwerk_tui.filesafe import save_lock

with save_lock(Path(sys.argv[1])):
    print("klaar", flush=True)
    time.sleep(60)
"""


def test_a_save_waits_for_a_live_lock_and_takes_over_a_dead_one(tmp_path, monkeypatch):
    path = tmp_path / "sessie.toml"
    loaded = create_session_file(path, base_session())
    before = path.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "klaar\n"
        monkeypatch.setattr(filesafe, "LOCK_TIMEOUT", 0.3)
        with pytest.raises(FileBusyError) as caught:
            save_session(loaded, _with_score(loaded.session, 3), today=TODAY)
        assert caught.value.reason == "een ander programma is dit bestand aan het opslaan; probeer het zo opnieuw"
        assert path.read_bytes() == before
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # Killed while holding it: the lock file is still there, the lock is not.
    assert (tmp_path / ".sessie.toml.lock").exists()
    saved = save_session(loaded, _with_score(loaded.session, 3), today=TODAY)
    assert load_session(path).session.score("visie.1") == 3
    assert saved.digest != loaded.digest
    assert not (tmp_path / ".sessie.toml.lock").exists()


def _with_score(session: Session, score: int) -> Session:
    answer = session.answer("visie.1").model_copy(update={"score": score})
    return session.model_copy(update={"answers": {**session.answers, "visie.1": answer}})


# --- write only what can be read back ---------------------------------------------


def test_a_note_longer_than_the_loader_accepts_is_never_written(tmp_path, content):
    path = tmp_path / "sessie.toml"
    loaded = create_session_file(path, base_session(), content)
    before = path.read_bytes()
    long_note = base_session().model_copy(update={"answers": {"visie.1": Answer(score=2).model_copy(update={"note": "x" * 25_200})}})
    with pytest.raises(NotWritableError) as caught:
        save_session(loaded, long_note, content, today=TODAY)
    assert caught.value.reason == 'vragen."visie.1".notitie: is te lang (hoogstens 20.000 tekens)'
    assert str(caught.value) == f"{path}: wordt niet opgeslagen: {caught.value.reason}"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sessie.toml"]


def test_an_empty_or_too_long_action_text_is_never_written(tmp_path, content):
    path = tmp_path / "sessie.toml"
    loaded = create_session_file(path, base_session(), content)
    for what, reason in (("x" * 250, "is te lang (hoogstens 200 tekens)"), ("  ", "mag niet leeg zijn")):
        action = Action(wat="Overleg plannen").model_copy(update={"what": what})
        with pytest.raises(NotWritableError) as caught:
            save_session(loaded, loaded.session.model_copy(update={"actions": {"a-12345678": action}}), content, today=TODAY)
        assert caught.value.reason == f"acties.a-12345678.wat: {reason}"
    assert load_session(path, content).session.actions == {}


def test_a_session_over_the_file_size_limit_is_never_written(tmp_path, content):
    path = tmp_path / "sessie.toml"
    loaded = create_session_file(path, base_session(), content)
    before = path.read_bytes()
    answers = {question_id: Answer(score=3, notitie="n" * MAX_TEXT) for question_id in list(content.questions)[:60]}
    with pytest.raises(NotWritableError) as caught:
        save_session(loaded, loaded.session.model_copy(update={"answers": answers}), content, today=TODAY)
    assert caught.value.reason.startswith("bestand is te groot (1,")
    assert "het maximum is 1024 KiB" in caught.value.reason
    assert path.read_bytes() == before
    # The same for a new file: nothing is created.
    with pytest.raises(NotWritableError):
        create_session_file(tmp_path / "nieuw.toml", base_session(answers=answers), content)
    assert not (tmp_path / "nieuw.toml").exists()


def test_values_nested_deeper_than_the_loader_reads_are_never_written(tmp_path):
    path = tmp_path / "sessie.toml"
    loaded = create_session_file(path, base_session())
    deep: dict = {"waarde": 1}
    for _ in range(MAX_DEPTH + 5):
        deep = {"laag": deep}
    data = loaded.session.model_dump(by_alias=True)
    data["diep"] = deep
    with pytest.raises(NotWritableError) as caught:
        save_session(loaded, Session.model_validate(data), today=TODAY)
    assert "te diep geneste waarden" in caught.value.reason
    assert load_session(path).session == loaded.session


def test_what_the_writer_accepts_loads_back(tmp_path, content):
    # Right at every limit: written, and read back the same.
    path = tmp_path / "sessie.toml"
    loaded = create_session_file(path, base_session(), content)
    action = Action(wat="w" * MAX_LINE, notitie="n" * MAX_TEXT)
    changed = loaded.session.model_copy(update={"actions": {"a-12345678": action}, "answers": {"visie.1": Answer(notitie="é" * MAX_TEXT)}})
    saved = save_session(loaded, changed, content, today=TODAY)
    assert load_session(path, content).session == saved.session


@pytest.mark.parametrize(
    "model, field, value, reason",
    [
        (Action, "what", "x" * (MAX_LINE + 1), f"is te lang (hoogstens {MAX_LINE} tekens)"),
        (Action, "wat", "\x1b[31m \x1b[0m", "mag niet leeg zijn"),
        (Action, "status", "klaar", "ongeldige waarde; toegestaan: 'open', 'bezig', 'gedaan' of 'vervallen' (gevonden: \"klaar\")"),
        (Answer, "note", "x" * (MAX_TEXT + 1), "is te lang (hoogstens 20.000 tekens)"),
        (Round, "label", "r" * 250, "is te lang (hoogstens 200 tekens)"),
        (Answer, "score", 7, 'score moet 1 t/m 5 of "nvt" zijn (gevonden: 7)'),
    ],
    ids=["long-action", "empty-action", "status", "long-note", "long-label", "score"],
)
def test_check_field_gives_the_loaders_reason(model, field, value, reason):
    assert check_field(model, field, value) == reason


@pytest.mark.parametrize(
    "model, field, value",
    [(Action, "what", "w" * MAX_LINE), (Answer, "notitie", "n" * MAX_TEXT), (Round, "label", "2026-Q4"), (Answer, "score", "nvt")],
    ids=["action-at-limit", "note-at-limit", "label", "nvt"],
)
def test_check_field_accepts_what_the_loader_accepts(model, field, value):
    assert check_field(model, field, value) is None


# --- temporary files left by a killed save ---------------------------------------


def _temporary(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_bytes(b"formaat = 1\n")
    moment = time.time() - age
    os.utime(path, (moment, moment))
    return path


def test_loading_a_folder_removes_only_stale_temporary_files_of_its_own(tmp_path, make_session, content):
    make_session(name="sessie.toml")
    stale = _temporary(tmp_path, ".sessie.toml.0123abcd.tmp", STALE_TEMPORARY_AGE + 60)
    fresh = _temporary(tmp_path, ".sessie.toml.89abcdef.tmp", 5)
    others = [
        _temporary(tmp_path, name, STALE_TEMPORARY_AGE + 60)
        for name in (".sessie.toml.notmine.tmp", "sessie.toml.0123abcd.tmp", ".sessie.toml.0123abcd.tmp.bak", ".eigen.tmp")
    ]
    held = _temporary(tmp_path, ".sessie.toml.4567cdef.tmp", STALE_TEMPORARY_AGE + 60)
    with open(held, "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # A save still writing it.
        result = load_folder(tmp_path, content)
        assert held.exists()
    assert [loaded.path.name for loaded in result.sessions] == ["sessie.toml"]
    assert not stale.exists()
    assert fresh.exists() and all(other.exists() for other in others)


def test_saving_removes_the_stale_temporary_files_of_that_file(tmp_path, content):
    path = tmp_path / "sessie.toml"
    loaded = create_session_file(path, base_session(), content)
    mine = _temporary(tmp_path, ".sessie.toml.0123abcd.tmp", STALE_TEMPORARY_AGE + 60)
    other = _temporary(tmp_path, ".ander.toml.0123abcd.tmp", STALE_TEMPORARY_AGE + 60)
    save_session(loaded, _with_score(loaded.session, 4), content, today=TODAY)
    assert not mine.exists() and other.exists()


# --- comments people write in their files ----------------------------------------


def changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.ndiff(before.decode().split("\n"), after.decode().split("\n"))
    return [line for line in diff if line.startswith(("- ", "+ "))]


def test_hand_written_comments_survive_a_save(tmp_path, content):
    path = tmp_path / "sessie.toml"
    session = base_session(answers={"visie.1": Answer(score=2, notitie="Regel een.\nRegel twee.")})
    create_session_file(path, session, content)
    text = path.read_text(encoding="utf-8")
    text = text.replace("score = 2", "score = 2  # was 3, zie de notulen van 12 november")
    text = text.replace("[ronde]", "# Ingevuld na de stuurgroep\n[ronde]")
    path.write_text(text + "# Tot zover de vragen.\n", encoding="utf-8")
    before = path.read_bytes()
    loaded = load_session(path, content)
    # Saved unchanged: the very same bytes.
    save_session(loaded, loaded.session, content, today=TODAY)
    assert path.read_bytes() == before
    # One changed score: one changed line, its comment kept.
    loaded = save_session(loaded, _with_score(loaded.session, 4), content, today=loaded.session.updated)
    assert changed_lines(before, path.read_bytes()) == [
        "- score = 2  # was 3, zie de notulen van 12 november",
        "+ score = 4  # was 3, zie de notulen van 12 november",
    ]
    # A score in an empty table goes in that table, not under the next question's comment.
    before = path.read_bytes()
    answers = {**loaded.session.answers, "visie.2": Answer(score=5)}
    save_session(loaded, loaded.session.model_copy(update={"answers": answers}), content, today=loaded.session.updated)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after.encode()) == ["+ score = 5"]
    assert '[vragen."visie.2"]\nscore = 5\n' in after
    assert "# Ingevuld na de stuurgroep\n[ronde]" in after and after.endswith("# Tot zover de vragen.\n")
    assert load_session(path, content).session.answers == answers


def test_a_new_log_entry_and_action_are_added_and_the_rest_stays(tmp_path, content):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session(log=[LogEntry(datum=dt.date(2026, 11, 12), tekst="Eerste overleg.")]), content)
    path.write_text(path.read_text(encoding="utf-8") + "# Logboek bijgehouden door de coördinator\n", encoding="utf-8")
    before = path.read_bytes()
    loaded = load_session(path, content)
    entry = LogEntry(datum=dt.date(2026, 11, 28), tekst="Tweede overleg:\nacties verdeeld.")
    action = Action(wat="Bezetting weekenddiensten herzien", wie="teamchef")
    changed = loaded.session.model_copy(update={"log": [*loaded.session.log, entry], "actions": {"a-3f9c1b2e": action}})
    saved = save_session(loaded, changed, content, today=TODAY)
    lines = changed_lines(before, path.read_bytes())
    assert [line for line in lines if line.startswith("- ")] == ["- bijgewerkt = 2026-11-02"]
    assert "+ bijgewerkt = 2026-11-28" in lines and "+ [[logboek]]" in lines and "+ [acties.a-3f9c1b2e]" in lines
    assert "# Logboek bijgehouden door de coördinator\n" in path.read_text(encoding="utf-8")
    assert load_session(path, content).session == saved.session


def test_the_former_warning_about_lost_comments_goes_and_the_comments_stay(tmp_path, content):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session(answers={"visie.1": Answer(score=2)}), content)
    former = "# Opmerkingen die u zelf toevoegt, gaan verloren als samenwerk het bestand opslaat.\n"
    text = path.read_text(encoding="utf-8")
    assert "gaan verloren" not in text
    text = text.replace("formaat = 1\n", former + "formaat = 1\n", 1).replace("score = 2", "score = 2 # eigen opmerking")
    path.write_text(text, encoding="utf-8")
    loaded = load_session(path, content)
    save_session(loaded, _with_score(loaded.session, 3), content, today=TODAY)
    after = path.read_text(encoding="utf-8")
    assert "gaan verloren" not in after
    assert "score = 3 # eigen opmerking" in after


def test_files_samenwerk_wrote_itself_take_the_fast_writer(content):
    for path in session_files(Path(__file__).parent.parent / "sessions"):
        data = path.read_bytes()
        assert not has_own_comments(data, content), path.name
        assert has_own_comments(data.replace(b"\n[ronde]", b"\n# van mij\n[ronde]"), content)


comment_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=20)
pieces = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=8),
    st.sampled_from(['"', "'", "\\", '"""', "\n", "\r\n", "\t", " ", "#", "# niet", "[/]", "=", "score = 1"]),
)
any_text = st.lists(pieces, max_size=8).map("".join)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    answers = draw(
        st.dictionaries(
            st.sampled_from(["visie.1", "visie.2", "leiderschap.8", "middelen.4", "oud.1"]),
            st.builds(Answer, score=st.one_of(st.none(), st.integers(1, 5), st.just("nvt")), notitie=any_text),
            max_size=4,
        )
    )
    log = draw(st.lists(st.builds(LogEntry, datum=st.just(dt.date(2026, 11, 12)), tekst=any_text), max_size=2))
    return base_session(answers={key: value for key, value in answers.items() if not value.is_empty}, log=log)


@st.composite
def with_comments(draw: st.DrawFn, text: str) -> tuple[str, list[str]]:
    """``text`` with comments above and after headers and score lines (never inside a string)."""
    lines = text.split("\n")
    safe = sorted(set(key_lines(text).values()))
    comments = []
    for number in draw(st.lists(st.sampled_from(safe), max_size=6, unique=True)):
        line = lines[number - 1]
        comment = "# " + draw(comment_text)
        if line.startswith(("[", "score = ")) and draw(st.booleans()):
            lines[number - 1] = f"{line}  {comment}"
        else:
            lines[number - 1] = f"{comment}\n{line}"
        comments.append(comment)
    return "\n".join(lines), comments


@settings(max_examples=80, deadline=None)
@given(
    session=sessions(),
    question=st.sampled_from(["visie.1", "leiderschap.8", "oud.1"]),
    score=st.sampled_from([1, 5, "nvt"]),
    data=st.data(),
)
def test_comments_survive_and_one_changed_score_changes_one_line(session, question, score, data, tmp_path_factory):
    path = tmp_path_factory.mktemp("opmerkingen") / "sessie.toml"
    create_session_file(path, session, CONTENT)
    text, comments = data.draw(with_comments(path.read_text(encoding="utf-8")))
    path.write_bytes(text.encode("utf-8"))
    loaded = load_session(path, CONTENT)
    assert loaded.session == session
    before = path.read_bytes()
    save_session(loaded, loaded.session, CONTENT, today=TODAY)
    assert path.read_bytes() == before
    old = loaded.session.answer(question)
    answers = {**loaded.session.answers, question: old.model_copy(update={"score": score})}
    changed = loaded.session.model_copy(update={"answers": answers})
    saved = save_session(loaded, changed, CONTENT, today=session.updated)
    after = path.read_text(encoding="utf-8")
    assert load_session(path, CONTENT).session == saved.session == changed
    assert all(comment in after for comment in comments)
    lines = changed_lines(before, after.encode())
    removed = [line for line in lines if line.startswith("- ")]
    added = [line for line in lines if line.startswith("+ ")]
    shown = f'"{score}"' if score == "nvt" else str(score)
    if old.score == score:
        assert lines == []
    elif question == "oud.1" and question not in loaded.session.answers:
        assert removed == [] and f'+ [vragen."{question}"]' in added
    else:
        assert len(added) == 1 and added[0].startswith(f"+ score = {shown}")
        assert len(removed) == (0 if old.score is None else 1)
        assert all(line.startswith("- score = ") for line in removed)


SAVE_AND_LIST_MODULES = r"""
import datetime as dt
import sys
from pathlib import Path
from samenwerk_tui.model import Answer
from samenwerk_tui.store import load_session, save_session

loaded = load_session(Path(sys.argv[1]))
answer = Answer(score=5)
save_session(loaded, loaded.session.model_copy(update={"answers": {"visie.1": answer}}), today=dt.date(2026, 11, 28))
print("tomlkit" in sys.modules)
"""


@pytest.mark.parametrize("comment, imported", [("", "False"), ("# van mij\n", "True")])
def test_tomlkit_is_imported_only_to_save_a_file_with_comments_of_its_own(tmp_path, comment, imported):
    path = tmp_path / "sessie.toml"
    create_session_file(path, base_session())
    path.write_text(path.read_text(encoding="utf-8").replace("[ronde]", comment + "[ronde]"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", SAVE_AND_LIST_MODULES, str(path)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == imported
    assert load_session(path).session.score("visie.1") == 5
    assert comment in path.read_text(encoding="utf-8")
