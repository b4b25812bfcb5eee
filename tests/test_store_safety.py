"""Saving under pressure: concurrent writers, limits, leftovers, Dutch errors, NFC and comments."""

from __future__ import annotations

import datetime as dt
import errno
import os
import unicodedata
from pathlib import Path

import pytest

from samenwerk_tui.model import Action, Answer, Session
from samenwerk_tui.store import (
    create_session_file,
    load_folder,
    load_session,
    new_session,
    os_error_message,
    save_session,
    serialize_session,
)
from samenwerk_tui.tomlio import FileProblem

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
