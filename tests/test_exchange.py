"""Importing a partner's session file: every outcome, and nothing ever lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samenwerk_tui.content import Checklist, load_content
from samenwerk_tui.exchange.apply import Choice, apply_import, backup_name, backups_of
from samenwerk_tui.exchange.describe import describe_differences
from samenwerk_tui.exchange.plan import ImportStatus, plan_import
from samenwerk_tui.model import Action, Answer, ItemNote, LogEntry, Session
from samenwerk_tui.store import (
    ConflictError,
    create_session_file,
    load_folder,
    load_session,
    new_session,
    serialize_session,
    session_filename,
)
from samenwerk_tui.toml.read import FileProblem

NOW = dt.datetime(2026, 11, 29, 10, 15, 0)


@pytest.fixture(scope="module")
def content() -> Checklist:
    return load_content()


def make_session(
    content: Checklist,
    organisation: str = "Politie Basisteam Lindendal",
    role: str = "wijkagent horeca",
    collaboration: str = "Horecateam Lindendal",
    round_label: str = "2026-Q4",
) -> Session:
    session = new_session(
        collaboration=collaboration,
        slug=None,
        round_label=round_label,
        round_date=dt.date(2026, 11, 12),
        phase="onderweg",
        organisation=organisation,
        role=role,
        content=content,
        today=dt.date(2026, 11, 2),
    )
    return session.model_copy(
        update={
            "answers": {
                "visie.1": Answer(score=4, note="Gedeelde probleemdefinitie vastgesteld."),
                "visie.3": Answer(score=3),
            },
            "item_notes": {"middelen": ItemNote(note="Capaciteit onder druk.")},
            "actions": {"a-1": Action(what="Bezetting weekenddiensten herzien", who="teamchef")},
            "log": [LogEntry(date=dt.date(2026, 11, 12), text="Besproken in de stuurgroep.")],
        }
    )


def write(folder: Path, session: Session, content: Checklist, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or session_filename(session))
    create_session_file(path, session, content)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_new_file_is_placed_under_its_predictable_name_byte_for_byte(tmp_path: Path, content: Checklist) -> None:
    incoming = write(tmp_path / "mail", make_session(content), content, name="bijlage.toml")
    folder = tmp_path / "samenwerking"
    plan = plan_import(incoming, folder, content)
    assert plan.status is ImportStatus.NEW
    assert plan.target == folder / "horecateam-lindendal--2026-q4--politie-basisteam-lindendal-wijkagent-horeca.toml"
    result = apply_import(plan, now=NOW)
    assert result.written == plan.target
    assert plan.target.read_bytes() == incoming.read_bytes()
    assert [loaded.path for loaded in load_folder(folder, content).sessions] == [plan.target]


def test_the_same_file_again_is_identical_and_nothing_is_written(tmp_path: Path, content: Checklist) -> None:
    incoming = write(tmp_path / "mail", make_session(content), content)
    folder = tmp_path / "samenwerking"
    apply_import(plan_import(incoming, folder, content), now=NOW)
    before = snapshot(folder)
    plan = plan_import(incoming, folder, content)
    assert plan.status is ImportStatus.IDENTICAL
    assert describe_differences(plan) == ["geen verschillen"]
    result = apply_import(plan, now=NOW)
    assert result.written is None and result.backup is None
    assert snapshot(folder) == before


def test_a_hand_added_comment_does_not_make_a_file_different(tmp_path: Path, content: Checklist) -> None:
    session = make_session(content)
    folder = tmp_path / "samenwerking"
    write(folder, session, content)
    incoming = tmp_path / "bijlage.toml"
    incoming.write_bytes(serialize_session(session, content) + b"\n# Groet van de wijkagent\n")
    assert plan_import(incoming, folder, content).status is ImportStatus.IDENTICAL


def changed(session: Session) -> Session:
    answers = dict(session.answers)
    answers["visie.3"] = Answer(score=2, note="Bereik is niet meer duidelijk.")
    answers["visie.5"] = Answer(score="nvt")
    return session.model_copy(
        update={
            "answers": answers,
            "item_notes": {"middelen": ItemNote(note="Capaciteit vervallen per 1 oktober.")},
            "actions": {
                "a-1": Action(what="Bezetting weekenddiensten herzien", who="teamchef", status="gedaan"),
                "a-2": Action(what="Boa's inzetten op vrijdag"),
            },
            "log": [*session.log, LogEntry(date=dt.date(2026, 11, 20), text="Nagesprek met de teamchef.")],
            "respondent": session.respondent.model_copy(update={"name": "J. de Vries"}),
        }
    )


@pytest.fixture()
def conflict(tmp_path: Path, content: Checklist) -> tuple[Path, Path, Path]:
    """A folder with a partner's file, and the same partner's changed file in the mail."""
    session = make_session(content)
    folder = tmp_path / "samenwerking"
    existing = write(folder, session, content)
    incoming = write(tmp_path / "mail", changed(session), content)
    return folder, existing, incoming


def test_a_different_file_shows_per_question_old_and_new(conflict: tuple[Path, Path, Path], content: Checklist) -> None:
    folder, existing, incoming = conflict
    plan = plan_import(incoming, folder, content)
    assert plan.status is ImportStatus.DIFFERENT and plan.needs_choice
    assert plan.target == existing
    by_question = {difference.question_id: difference for difference in plan.answers}
    assert set(by_question) == {"visie.3", "visie.5"}
    assert (by_question["visie.3"].old_score, by_question["visie.3"].new_score) == (3, 2)
    assert (by_question["visie.3"].old_note, by_question["visie.3"].new_note) == ("", "Bereik is niet meer duidelijk.")
    lines = describe_differences(plan)
    assert "vraag visie.3, score: 3 → 2" in lines
    assert "vraag visie.3, notitie: “(leeg)” → “Bereik is niet meer duidelijk.”" in lines
    assert "vraag visie.5, score: geen score → nvt" in lines
    assert "punt middelen, notitie: “Capaciteit onder druk.” → “Capaciteit vervallen per 1 oktober.”" in lines
    assert "actie a-1, status: “open” → “gedaan”" in lines
    assert "actie a-2, wat: (leeg) → “Boa's inzetten op vrijdag”" in lines
    assert "logboek 2026-11-20: (leeg) → “Nagesprek met de teamchef.”" in lines
    assert "respondent, naam: (leeg) → “J. de Vries”" in lines


def test_differences_in_long_notes_show_where_they_differ(tmp_path: Path, content: Checklist) -> None:
    session = make_session(content)
    long_note = "De stuurgroep komt elk kwartaal bijeen. " * 5
    old = session.model_copy(update={"answers": {"visie.1": Answer(score=4, note=long_note + "Tien zaken in beeld.")}})
    new = session.model_copy(update={"answers": {"visie.1": Answer(score=4, note=long_note + "Twaalf zaken in beeld.")}})
    folder = tmp_path / "samenwerking"
    write(folder, old, content)
    plan = plan_import(write(tmp_path / "mail", new, content), folder, content)
    [line] = describe_differences(plan)
    assert line.startswith("vraag visie.1, notitie: “…")
    assert "Tien zaken" in line.split("→")[0] and "Twaalf zaken" in line.split("→")[1]
    assert len(line) < 200


def test_describe_differences_can_be_limited(conflict: tuple[Path, Path, Path], content: Checklist) -> None:
    folder, _, incoming = conflict
    plan = plan_import(incoming, folder, content)
    everything = describe_differences(plan)
    limited = describe_differences(plan, limit=3)
    assert limited[:2] == everything[:2]
    assert limited[2] == f"… en nog {len(everything) - 2} verschillen"


def test_keep_incoming_replaces_and_keeps_the_old_file_as_a_backup(conflict: tuple[Path, Path, Path], content: Checklist) -> None:
    folder, existing, incoming = conflict
    old_bytes, incoming_bytes = existing.read_bytes(), incoming.read_bytes()
    result = apply_import(plan_import(incoming, folder, content), Choice.KEEP_INCOMING, now=NOW)
    assert result.written == existing
    assert existing.read_bytes() == incoming_bytes
    assert result.backup == existing.with_name(existing.name + ".bak-20261129-101500")
    assert result.backup.read_bytes() == old_bytes
    assert backups_of(existing) == [result.backup]
    # The backup is not a session file: the folder still has one session for this respondent.
    loaded = load_folder(folder, content)
    assert [item.path for item in loaded.sessions] == [existing] and loaded.problems == []
    assert loaded.sessions[0].session.score("visie.3") == 2


def test_a_second_overwrite_in_the_same_second_keeps_both_backups(tmp_path: Path, content: Checklist) -> None:
    session = make_session(content)
    folder = tmp_path / "samenwerking"
    existing = write(folder, session, content)
    first = write(tmp_path / "mail1", changed(session), content)
    second_session = changed(session).model_copy(update={"answers": {"visie.1": Answer(score=1)}})
    second = write(tmp_path / "mail2", second_session, content)
    original = existing.read_bytes()
    apply_import(plan_import(first, folder, content), Choice.KEEP_INCOMING, now=NOW)
    apply_import(plan_import(second, folder, content), Choice.KEEP_INCOMING, now=NOW)
    backups = backups_of(existing)
    assert len(backups) == 2
    assert {backup.read_bytes() for backup in backups} == {original, first.read_bytes()}
    assert existing.read_bytes() == second.read_bytes()


def test_keep_existing_changes_nothing(conflict: tuple[Path, Path, Path], content: Checklist) -> None:
    folder, _, incoming = conflict
    before = snapshot(folder)
    result = apply_import(plan_import(incoming, folder, content), Choice.KEEP_EXISTING, now=NOW)
    assert result.written is None
    assert snapshot(folder) == before


def test_keep_both_places_the_incoming_file_under_a_distinct_name(conflict: tuple[Path, Path, Path], content: Checklist) -> None:
    folder, existing, incoming = conflict
    old_bytes = existing.read_bytes()
    result = apply_import(plan_import(incoming, folder, content), Choice.KEEP_BOTH, now=NOW)
    assert result.written == folder / (existing.stem + "-ontvangen-2026-11-29.toml")
    assert result.written.read_bytes() == incoming.read_bytes()
    assert existing.read_bytes() == old_bytes
    assert len(load_folder(folder, content).sessions) == 2
    # Once more: another distinct name, nothing replaced.
    again = apply_import(plan_import(incoming, folder, content), Choice.KEEP_BOTH, now=NOW)
    assert again.written == folder / (existing.stem + "-ontvangen-2026-11-29-2.toml")
    assert result.written.read_bytes() == incoming.read_bytes()


@pytest.mark.parametrize("choice", list(Choice))
def test_importing_never_changes_the_incoming_file(conflict: tuple[Path, Path, Path], content: Checklist, choice: Choice) -> None:
    folder, _, incoming = conflict
    before = incoming.read_bytes()
    apply_import(plan_import(incoming, folder, content), choice, now=NOW)
    assert incoming.read_bytes() == before


def test_a_different_file_needs_a_choice(conflict: tuple[Path, Path, Path], content: Checklist) -> None:
    folder, _, incoming = conflict
    before = snapshot(folder)
    with pytest.raises(ValueError, match="kies welke versie"):
        apply_import(plan_import(incoming, folder, content), now=NOW)
    assert snapshot(folder) == before


def test_a_file_changed_since_planning_is_not_overwritten(conflict: tuple[Path, Path, Path], content: Checklist) -> None:
    folder, existing, incoming = conflict
    plan = plan_import(incoming, folder, content)
    existing.write_bytes(existing.read_bytes() + b"\n# intussen bewerkt\n")
    edited = existing.read_bytes()
    with pytest.raises(ConflictError):
        apply_import(plan, Choice.KEEP_INCOMING, now=NOW)
    assert existing.read_bytes() == edited
    assert backups_of(existing) == []


def test_the_existing_file_is_found_by_respondent_and_round_under_another_name(tmp_path: Path, content: Checklist) -> None:
    session = make_session(content)
    folder = tmp_path / "samenwerking"
    existing = write(folder, session, content, name="politie-q4.toml")
    incoming = write(tmp_path / "mail", changed(session), content)
    plan = plan_import(incoming, folder, content)
    assert plan.status is ImportStatus.DIFFERENT
    assert plan.target == existing
    # Another round of the same respondent is new.
    other_round = write(tmp_path / "mail2", make_session(content, round_label="2027-Q1"), content)
    assert plan_import(other_round, folder, content).status is ImportStatus.NEW


def test_a_broken_file_in_the_way_is_never_replaced_unasked(tmp_path: Path, content: Checklist) -> None:
    session = make_session(content)
    folder = tmp_path / "samenwerking"
    folder.mkdir()
    broken = folder / session_filename(session)
    broken.write_text("formaat = 1\n[samenwerking\n", encoding="utf-8")
    incoming = write(tmp_path / "mail", session, content)
    plan = plan_import(incoming, folder, content)
    assert plan.status is ImportStatus.DIFFERENT
    assert describe_differences(plan) == [
        "bestand: “bestaand bestand kan niet worden geladen (zie samenwerk valideer)” → “geldig sessiebestand”"
    ]
    result = apply_import(plan, Choice.KEEP_INCOMING, now=NOW)
    assert result.backup is not None and result.backup.read_text(encoding="utf-8") == "formaat = 1\n[samenwerking\n"
    assert broken.read_bytes() == incoming.read_bytes()


def test_a_file_of_another_collaboration_is_refused(tmp_path: Path, content: Checklist) -> None:
    folder = tmp_path / "samenwerking"
    write(folder, make_session(content), content)
    incoming = write(tmp_path / "mail", make_session(content, collaboration="Woonoverlast Noord"), content)
    before = snapshot(folder)
    plan = plan_import(incoming, folder, content)
    assert plan.status is ImportStatus.REFUSED
    assert plan.reason == (
        f"hoort bij een ander samenwerkingsverband (Woonoverlast Noord (woonoverlast-noord)); "
        f"de map {folder} is van Horecateam Lindendal (horecateam-lindendal)"
    )
    with pytest.raises(ValueError, match="geweigerd"):
        apply_import(plan, Choice.KEEP_INCOMING, now=NOW)
    assert snapshot(folder) == before


def test_any_collaboration_may_start_an_empty_folder(tmp_path: Path, content: Checklist) -> None:
    incoming = write(tmp_path / "mail", make_session(content, collaboration="Woonoverlast Noord"), content)
    plan = plan_import(incoming, tmp_path / "nog-leeg", content)
    assert plan.status is ImportStatus.NEW
    apply_import(plan, now=NOW)
    assert plan.target is not None and plan.target.exists()


def test_a_file_with_a_newer_format_is_refused(tmp_path: Path, content: Checklist) -> None:
    folder = tmp_path / "samenwerking"
    write(folder, make_session(content, organisation="Gemeente Lindendal"), content)
    incoming = tmp_path / "nieuwer.toml"
    text = serialize_session(make_session(content), content).decode("utf-8")
    incoming.write_text(text.replace("formaat = 1", "formaat = 2\nnieuw_veld = true"), encoding="utf-8")
    plan = plan_import(incoming, folder, content)
    assert plan.status is ImportStatus.REFUSED
    assert plan.reason is not None and "nieuwere versie van samenwerk (formaat 2" in plan.reason
    assert len(list(folder.iterdir())) == 1


def test_an_invalid_file_gives_located_dutch_problems(tmp_path: Path, content: Checklist) -> None:
    incoming = tmp_path / "kapot.toml"
    text = serialize_session(make_session(content), content).decode("utf-8")
    incoming.write_text(text.replace("score = 4", "score = 7", 1), encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        plan_import(incoming, tmp_path / "samenwerking", content)
    [problem] = caught.value.problems
    assert problem.line is not None
    assert text.splitlines()[problem.line - 1] == "score = 4"
    assert "score moet 1 t/m 5" in problem.message
    assert not (tmp_path / "samenwerking").exists()


def test_backup_names_are_not_session_files(tmp_path: Path) -> None:
    path = tmp_path / "x--2026-q4--gemeente.toml"
    name = backup_name(path, NOW)
    assert name.name == "x--2026-q4--gemeente.toml.bak-20261129-101500"
    assert name.suffix != ".toml"


def test_a_loaded_plan_keeps_the_incoming_session_for_the_app(conflict: tuple[Path, Path, Path], content: Checklist) -> None:
    folder, existing, incoming = conflict
    plan = plan_import(incoming, folder, content)
    assert plan.incoming is not None and plan.existing is not None
    assert plan.incoming.session.score("visie.3") == 2
    assert plan.existing.session.score("visie.3") == 3
    assert load_session(existing, content).session.score("visie.3") == 3


def test_a_format_that_is_no_number_is_a_located_problem(tmp_path: Path, content: Checklist) -> None:
    incoming = tmp_path / "raar.toml"
    text = serialize_session(make_session(content), content).decode("utf-8")
    incoming.write_text(text.replace("formaat = 1", 'formaat = "twee"'), encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        plan_import(incoming, tmp_path / "samenwerking", content)
    [problem] = caught.value.problems
    assert problem.line == text.splitlines().index("formaat = 1") + 1
    assert "formaat: moet een geheel getal zijn" in problem.message


# --- respondents whose names slugify alike ------------------------------------------------

LOOKALIKES = [
    ("Politie Oost", "Politie-Oost"),
    ("Politie Oost", "Politie Oost!"),
    ("Gemeente Süd", "Gemeente Sud"),
]


@pytest.mark.parametrize(("first", "second"), LOOKALIKES)
def test_import_never_replaces_the_file_of_another_respondent_with_the_same_file_name(
    tmp_path: Path, content: Checklist, first: str, second: str
) -> None:
    ours, theirs = make_session(content, first, "x"), make_session(content, second, "x")
    assert session_filename(ours) == session_filename(theirs)
    folder = tmp_path / "samenwerking"
    existing = write(folder, ours, content)
    before = snapshot(folder)
    incoming = write(tmp_path / "mail", changed(theirs), content)
    plan = plan_import(incoming, folder, content)
    assert plan.status is ImportStatus.NEW
    assert plan.target is not None and plan.target != existing and plan.target.parent == folder
    # Asked to overwrite or not: the other respondent's file stays as it was.
    result = apply_import(plan, Choice.KEEP_INCOMING, now=NOW)
    assert result.written == plan.target and result.backup is None
    assert {name: data for name, data in snapshot(folder).items() if name in before} == before
    loaded = load_folder(folder, content)
    assert sorted(item.session.respondent.organisation for item in loaded.sessions) == sorted([first, second])
    # The same respondent again finds its own file, under its own name, and no other.
    again = write(tmp_path / "mail2", theirs, content)
    plan = plan_import(again, folder, content)
    assert (plan.status, plan.target) == (ImportStatus.DIFFERENT, result.written)
    mine = write(tmp_path / "mail3", ours, content)
    assert (plan_import(mine, folder, content).status, plan_import(mine, folder, content).target) == (
        ImportStatus.IDENTICAL,
        existing,
    )


def test_the_same_respondent_in_another_spelling_is_the_same_file(tmp_path: Path, content: Checklist) -> None:
    folder = tmp_path / "samenwerking"
    existing = write(folder, make_session(content, "Politie Oost", "Wijkagent"), content)
    incoming = write(tmp_path / "mail", make_session(content, "politie  oost", "wijkagent"), content)
    plan = plan_import(incoming, folder, content)
    assert plan.target == existing and plan.status is not ImportStatus.NEW


def test_a_file_that_became_another_respondents_since_planning_is_not_replaced(tmp_path: Path, content: Checklist) -> None:
    session = make_session(content)
    folder = tmp_path / "samenwerking"
    folder.mkdir()
    broken = folder / session_filename(session)
    broken.write_text("formaat = 1\n[samenwerking\n", encoding="utf-8")
    plan = plan_import(write(tmp_path / "mail", session, content), folder, content)
    assert plan.status is ImportStatus.DIFFERENT
    # Meanwhile someone repairs the file, and it turns out to be another respondent's.
    broken.write_bytes(serialize_session(make_session(content, "Politie Basisteam Lindendal!"), content))
    repaired = broken.read_bytes()
    with pytest.raises(ConflictError):
        apply_import(plan, Choice.KEEP_INCOMING, now=NOW)
    assert broken.read_bytes() == repaired
