"""Saving under pressure: concurrent writers, limits, leftovers, Dutch errors, NFC and comments."""

from __future__ import annotations

import datetime as dt
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

from samenwerk_tui import filesafe
from samenwerk_tui.filesafe import STALE_TEMPORARY_AGE, FileBusyError
from samenwerk_tui.model import MAX_LINE, MAX_TEXT, Action, Answer, Round, Session, check_field
from samenwerk_tui.store import (
    NotWritableError,
    create_session_file,
    load_folder,
    load_session,
    new_session,
    os_error_message,
    save_session,
    serialize_session,
)
from samenwerk_tui.tomlio import MAX_DEPTH, FileProblem

TODAY = dt.date(2026, 11, 28)


def base_session(**changes) -> Session:  # type: ignore[no-untyped-def]
    session = new_session(
        collaboration="Horecateam Lindendal",
        slug=None,
        round_label="2026-Q4",
        round_date=dt.date(2026, 11, 12),
        phase="onderweg",
        organisation="Gemeente Lindendal",
        role="coördinator horecatoezicht",
        today=dt.date(2026, 11, 2),
    )
    return session.model_copy(update=changes)


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
    return session.model_copy(update={"answers": {**session.answers, "visie.1": Answer(score=score)}})


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
)
def test_check_field_gives_the_loaders_reason(model, field, value, reason):
    assert check_field(model, field, value) == reason


@pytest.mark.parametrize(
    "model, field, value",
    [(Action, "what", "w" * MAX_LINE), (Answer, "notitie", "n" * MAX_TEXT), (Round, "label", "2026-Q4"), (Answer, "score", "nvt")],
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
