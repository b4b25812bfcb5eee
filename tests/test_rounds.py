"""The coordinator's round: participants in the settings, a round for everyone, invitations, collecting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from samenwerk_tui.cli.dispatch import main
from samenwerk_tui.content import load_content
from samenwerk_tui.dutch import parse_date, plural
from samenwerk_tui.exchange.apply import apply_import, backups_of
from samenwerk_tui.exchange.plan import ImportStatus, plan_import
from samenwerk_tui.invitation import round_invitations
from samenwerk_tui.model import Action, Answer
from samenwerk_tui.rounds import label_order, next_label, parse_participant_lines, propose_label, set_up_collaboration
from samenwerk_tui.settings import CollaborationForm, CollaborationInfo, Participant, load_settings, settings_toml, update_settings_file
from samenwerk_tui.store import SETTINGS_FILE, load_folder, load_session, new_session, save_session

TODAY = dt.date(2026, 12, 1)
PARTNERS = [("Gemeente Lindendal", "coördinator"), ("Politie Lindendal", "wijkagent horeca"), ("Brandweer", "")]


def run(capsys: pytest.CaptureFixture[str], *arguments: object) -> tuple[int, str, str]:
    code = main([str(argument) for argument in arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def fill_in(path: Path, score: int, note: str = "") -> None:
    loaded = load_session(path)
    answers = {**loaded.session.answers, "visie.1": Answer(score=score, note=note or f"Score {score}.")}
    save_session(loaded, loaded.session.model_copy(update={"answers": answers}), load_content(), today=TODAY)


# --- labels ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2026-Q4", "2027-Q1"),
        ("2026-Q1", "2026-Q2"),
        ("2026-K3", "2026-K4"),
        ("2026-H2", "2027-H1"),
        ("2026-R1", "2026-R2"),
        ("2026-R9", "2026-R10"),
        ("voorjaar 2026", "najaar 2026"),
        ("najaar 2026", "voorjaar 2027"),
        ("Najaar 2026", "Voorjaar 2027"),
        ("Q4 2026", "Q1 2027"),
        ("2026", "2027"),
        ("ronde 9", "ronde 10"),
        ("startmeting", None),
    ],
)
def test_the_next_label_follows_the_pattern_of_the_last(label: str, expected: str | None) -> None:
    assert next_label(label) == expected
    if expected is not None:
        assert label_order(expected) > label_order(label)


def _sessions(*labels_and_dates: tuple[str, dt.date]):  # type: ignore[no-untyped-def]
    return [
        new_session(collaboration="Team", slug=None, round_label=label, round_date=date, phase="begin", organisation="Gemeente")
        for label, date in labels_and_dates
    ]


def test_the_proposal_follows_the_latest_round_and_never_repeats_or_goes_back() -> None:
    sessions = _sessions(("2026-Q3", dt.date(2026, 8, 1)), ("2026-Q4", dt.date(2026, 11, 1)), ("2027-Q1", dt.date(2025, 1, 1)))
    # 2027-Q1 exists already (dated wrongly): the proposal steps on past it.
    assert propose_label(sessions, TODAY) == "2027-Q2"
    assert propose_label([], TODAY) == "2026-Q4"
    # A label of no known pattern: this year's quarter, unless that would sort before it.
    assert propose_label(_sessions(("startmeting", dt.date(2026, 1, 1))), TODAY) == "2026-Q4"
    assert propose_label(_sessions(("2027-Q3 extra", dt.date(2026, 1, 1))), TODAY) > "2027"


# --- small Dutch helpers --------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["15-01-2027", "15-1-2027", "2027-01-15", " 15/1/2027 ", "15.01.2027"])
def test_dates_are_read_in_dutch_order_and_iso(typed: str) -> None:
    assert parse_date(typed) == dt.date(2027, 1, 15)


@pytest.mark.parametrize("typed", ["31-02-2027", "2027/01/15", "01-15", "morgen", ""])
def test_a_wrong_date_is_refused_in_dutch(typed: str) -> None:
    with pytest.raises(ValueError, match="datum"):
        parse_date(typed)


def test_plurals() -> None:
    assert [plural(count, "actie") for count in (0, 1, 2)] == ["0 acties", "1 actie", "2 acties"]
    assert plural(1, "bestand") == "1 bestand" and plural(3, "bestand") == "3 bestanden"


# --- participants in the settings file -------------------------------------------------------


def test_participants_are_written_without_losing_thresholds_or_comments(tmp_path: Path) -> None:
    text = settings_toml().replace("sterk = 4.0", "sterk = 4.5  # afgesproken in de stuurgroep") + "\n# eigen slotopmerking\n"
    # A free form that an earlier version wrote at set-up is the user's text: it stays.
    text += '\n[samenwerking]\nvorm = "ketensamenwerking"\n'
    (tmp_path / SETTINGS_FILE).write_text(text, encoding="utf-8")
    participants = [Participant(organisatie=org, rol=role) for org, role in PARTNERS]
    update_settings_file(tmp_path, participants=participants, collaboration=CollaborationInfo(naam="Horecateam", fase="begin"))
    written = (tmp_path / SETTINGS_FILE).read_text(encoding="utf-8")
    assert "sterk = 4.5  # afgesproken in de stuurgroep" in written
    assert "# eigen slotopmerking" in written
    assert "# Verschil van inzicht" in written
    settings = load_settings(tmp_path)
    assert settings.band_strong == 4.5
    assert [(p.organisation, p.role) for p in settings.participants] == PARTNERS
    assert settings.collaboration.form == "ketensamenwerking"
    assert (settings.collaboration.name, settings.collaboration.phase) == ("Horecateam", "begin")
    # Updating again replaces the list, not appends to it.
    update_settings_file(tmp_path, participants=participants[:1])
    assert [p.organisation for p in load_settings(tmp_path).participants] == ["Gemeente Lindendal"]
    assert load_settings(tmp_path).band_strong == 4.5


def test_set_up_writes_the_chosen_form_and_keeps_an_old_free_form_and_the_tick_list(tmp_path: Path) -> None:
    old = '# eigen opmerking\n[samenwerking]\nvorm = "integrale handhaving"\n\n[convenant.probleemdefinitie]\ngeregeld = true\n'
    (tmp_path / SETTINGS_FILE).write_text(old, encoding="utf-8")
    form = CollaborationForm(varianten=("informatie-delen",), hoofdvorm="ketensamenwerking", vormen=("casusoverleg",))
    set_up_collaboration(
        tmp_path,
        load_content(),
        name="Team",
        phase="begin",
        participants=[Participant(organisatie="Gemeente")],
        label="2026-Q4",
        round_date=TODAY,
        form=form,
        today=TODAY,
    )
    settings = load_settings(tmp_path)
    assert settings.form == form
    assert settings.collaboration.form == "integrale handhaving"
    assert settings.convenant["probleemdefinitie"].settled is True
    assert "# eigen opmerking" in (tmp_path / SETTINGS_FILE).read_text(encoding="utf-8")


def test_set_up_without_a_form_writes_none(tmp_path: Path) -> None:
    set_up_collaboration(
        tmp_path,
        load_content(),
        name="Team",
        phase="begin",
        participants=[Participant(organisatie="Gemeente")],
        label="2026-Q4",
        round_date=TODAY,
        today=TODAY,
    )
    text = (tmp_path / SETTINGS_FILE).read_text(encoding="utf-8")
    assert "samenwerkingsvorm" not in text and "vorm =" not in text
    assert not load_settings(tmp_path).form.chosen


def test_a_broken_settings_file_is_left_alone(tmp_path: Path) -> None:
    from samenwerk_tui.toml.read import FileProblem

    path = tmp_path / SETTINGS_FILE
    path.write_text("[banden\nsterk = 4.5\n", encoding="utf-8")
    with pytest.raises(FileProblem):
        update_settings_file(tmp_path, participants=[Participant(organisatie="Gemeente")])
    assert path.read_text(encoding="utf-8") == "[banden\nsterk = 4.5\n"


def test_participant_lines_as_typed_in_the_setup_form() -> None:
    parsed = parse_participant_lines("Gemeente Lindendal; coördinator\n\nPolitie, wijkagent\nBrandweer\ngemeente  lindendal;Coördinator\n")
    assert [(p.organisation, p.role) for p in parsed] == [
        ("Gemeente Lindendal", "coördinator"),
        ("Politie", "wijkagent"),
        ("Brandweer", ""),
    ]
    with pytest.raises(ValueError, match="regel 2"):
        parse_participant_lines("Gemeente\n; rol zonder organisatie")


# --- a round for everyone ---------------------------------------------------------------------


def test_set_up_and_a_new_round_for_everyone_carry_each_partners_notes_and_actions(tmp_path: Path) -> None:
    content = load_content()
    participants = [Participant(organisatie=org, rol=role) for org, role in PARTNERS]
    first = set_up_collaboration(
        tmp_path,
        content,
        name="Horecateam Lindendal",
        phase="begin",
        participants=participants,
        label="2026-Q4",
        round_date=dt.date(2026, 11, 1),
        form=CollaborationForm(hoofdvorm="ketensamenwerking"),
        today=TODAY,
    )
    assert len(first.created) == 3
    set_up = load_settings(tmp_path)
    assert set_up.form == CollaborationForm(hoofdvorm="ketensamenwerking") and set_up.collaboration.form == ""
    police = next(loaded for loaded in first.created if loaded.session.respondent.organisation.startswith("Politie"))
    action = Action(wat="Weekenddiensten herzien", wie="teamchef")
    save_session(
        police,
        police.session.model_copy(
            update={"answers": {"visie.1": Answer(score=2, note="Te weinig capaciteit.")}, "actions": {"a-1": action}}
        ),
        content,
        today=TODAY,
    )
    from samenwerk_tui.rounds import participants_of, start_round
    from samenwerk_tui.settings import read_settings

    sessions = load_folder(tmp_path, content).sessions
    label = propose_label((loaded.session for loaded in sessions), TODAY)
    assert label == "2027-Q1"
    second = start_round(
        tmp_path,
        content,
        sessions,
        participants_of((loaded.session for loaded in sessions), read_settings(tmp_path).settings),
        label=label,
        round_date=dt.date(2027, 1, 10),
        today=TODAY,
    )
    assert sorted(loaded.path.name for loaded in second.created) == [
        "horecateam-lindendal--2027-q1--brandweer.toml",
        "horecateam-lindendal--2027-q1--gemeente-lindendal-coordinator.toml",
        "horecateam-lindendal--2027-q1--politie-lindendal-wijkagent-horeca.toml",
    ]
    new_police = load_session(tmp_path / "horecateam-lindendal--2027-q1--politie-lindendal-wijkagent-horeca.toml")
    assert new_police.session.answers["visie.1"] == Answer(note="Te weinig capaciteit.")
    assert list(new_police.session.actions) == ["a-1"]
    assert second.open_actions == 1
    # Again: nothing is replaced.
    again = start_round(tmp_path, content, load_folder(tmp_path, content).sessions, participants, label=label, round_date=TODAY)
    assert again.created == [] and len(again.existing) == 3


def test_without_a_participant_list_the_last_rounds_respondents_get_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for organisation, role in PARTNERS[:2]:
        code, _, err = run(
            capsys,
            "nieuw",
            "--samenwerking",
            "Team",
            "--ronde",
            "voorjaar 2026",
            "--datum",
            "1-3-2026",
            "--organisatie",
            organisation,
            "--rol",
            role,
            "--map",
            tmp_path,
        )
        assert code == 0, err
    code, out, err = run(capsys, "ronde", "nieuw", tmp_path, "--datum", "01-09-2026")
    assert code == 0, err
    assert [Path(line).name for line in out.split()] == [
        "team--najaar-2026--gemeente-lindendal-coordinator.toml",
        "team--najaar-2026--politie-lindendal-wijkagent-horeca.toml",
    ]
    assert "Ronde najaar 2026 begonnen voor 2 deelnemers" in err
    assert load_session(Path(out.split()[0])).session.round.date == dt.date(2026, 9, 1)


# --- collecting ------------------------------------------------------------------------------


def test_a_filled_in_file_over_the_untouched_one_is_taken_but_a_real_conflict_stays_a_choice(tmp_path: Path) -> None:
    content = load_content()
    folder, partner = tmp_path / "map", tmp_path / "partner"
    participants = [Participant(organisatie=org, rol=role) for org, role in PARTNERS]
    created = set_up_collaboration(
        folder, content, name="Team", phase="begin", participants=participants, label="2026-Q4", round_date=TODAY, today=TODAY
    ).created
    partner.mkdir()
    for loaded in created:
        (partner / loaded.path.name).write_bytes(loaded.path.read_bytes())
    mine, theirs = sorted(created, key=lambda loaded: loaded.path.name)[:2]
    fill_in(partner / theirs.path.name, 4)
    plan = plan_import(partner / theirs.path.name, folder, content)
    assert plan.status is ImportStatus.FILLS_IN
    result = apply_import(plan)
    assert load_session(theirs.path).session.answers["visie.1"].score == 4
    assert backups_of(theirs.path) == [result.backup]
    # The coordinator wrote in their copy too: now it is a real conflict.
    fill_in(mine.path, 2, "Mijn versie.")
    fill_in(partner / mine.path.name, 5, "Hun versie.")
    assert plan_import(partner / mine.path.name, folder, content).status is ImportStatus.DIFFERENT


def test_a_carried_over_round_is_untouched_until_someone_writes_in_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, partner = tmp_path / "map", tmp_path / "partner"
    code, out, err = run(capsys, "nieuw", "--samenwerking", "Team", "--ronde", "2026-R1", "--organisatie", "Politie", "--map", folder)
    assert code == 0, err
    fill_in(Path(out.strip()), 3, "Notitie van ronde 1.")
    code, out, err = run(capsys, "ronde", "nieuw", folder)
    assert code == 0, err
    new_file = Path(out.strip())
    assert "2026-r2" in new_file.name
    partner.mkdir()
    (partner / new_file.name).write_bytes(new_file.read_bytes())
    fill_in(partner / new_file.name, 4, "Notitie van ronde 2.")
    code, out, err = run(capsys, "importeer", partner / new_file.name, "--map", folder)
    assert code == 0, out + err
    assert "ingevuld bestand neemt de plaats in" in out
    assert load_session(new_file).session.answers["visie.1"].note == "Notitie van ronde 2."


# --- sending ---------------------------------------------------------------------------------


def test_invitations_name_each_file_the_deadline_and_both_ways_to_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = load_content()
    participants = [Participant(organisatie=org, rol=role) for org, role in PARTNERS]
    set_up_collaboration(tmp_path, content, name="Team", phase="begin", participants=participants, label="2026-Q4", round_date=TODAY)
    invitations = round_invitations(load_folder(tmp_path, content).sessions, dt.date(2027, 1, 15))
    assert [invitation.organisation for invitation in invitations] == ["Brandweer", "Gemeente Lindendal", "Politie Lindendal"]
    text = invitations[1].text
    assert "vóór 15 januari 2027" in text
    assert "team--2026-q4--gemeente-lindendal-coordinator.toml" in text
    assert "teksteditor" in text and "samenwerk valideer" in text and "score = 4" in text
    code, out, err = run(capsys, "ronde", "uitnodiging", tmp_path, "--deadline", "15-1-2027")
    assert code == 0, err
    assert out.count("Onderwerp: ") == 3 and "vóór 15 januari 2027" in out
    with pytest.raises(SystemExit) as stopped:
        main(["ronde", "uitnodiging", str(tmp_path), "--deadline", "31-02-2027"])
    assert stopped.value.code == 2 and "geen bestaande datum" in capsys.readouterr().err


# --- the whole cycle on the command line ------------------------------------------------------


def test_the_coordinators_cycle_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, mail = tmp_path / "sessies", tmp_path / "mail"
    arguments = ["nieuw", "--samenwerking", "Horecateam Lindendal", "--ronde", "2026-Q4", "--datum", "12-11-2026", "--fase", "onderweg"]
    for organisation, role in PARTNERS:
        arguments += ["--deelnemer", organisation, *([role] if role else [])]
    code, out, err = run(capsys, *arguments, "--map", folder)
    assert code == 0, err
    files = [Path(line) for line in out.split()]
    assert len(files) == 3 and all(path.parent == folder for path in files)
    code, out, err = run(capsys, "ronde", "uitnodiging", folder, "--deadline", "1-12-2026")
    assert code == 0 and out.count("Onderwerp:") == 3
    # Two partners fill in their file in the folder; the third mails theirs back.
    fill_in(files[0], 4)
    fill_in(files[1], 2)
    mail.mkdir()
    (mail / files[2].name).write_bytes(files[2].read_bytes())
    fill_in(mail / files[2].name, 3)
    code, out, err = run(capsys, "importeer", mail / files[2].name, "--map", folder)
    assert code == 0, out + err
    code, out, err = run(capsys, "ronde", "nieuw", folder, "--datum", "2027-02-01")
    assert code == 0, err
    assert all("2027-q1" in line for line in out.split()) and len(out.split()) == 3
    code, out, err = run(capsys, "rapport", folder)
    assert code == 0, err
    assert "2026-Q4" in out
    for organisation, _ in PARTNERS:
        assert organisation in out


# --- search ----------------------------------------------------------------------------------


def test_search_finds_questions_notes_item_notes_and_actions() -> None:
    from samenwerk_tui.model import ItemNote
    from samenwerk_tui.search import KIND_ACTION, KIND_ITEM_NOTE, KIND_NOTE, KIND_QUESTION, search

    content = load_content()
    item_id, item = next(iter(content.items.items()))
    session = new_session(collaboration="Team", slug=None, round_label="R1", round_date=TODAY, phase="begin", organisation="G")
    session = session.model_copy(
        update={
            "answers": {"visie.2": Answer(note="Besproken in de Stuurgroep van maart.")},
            "item_notes": {item_id: ItemNote(notitie="De stuurgroep  kiest zelf.")},
            "actions": {"a-1": Action(wat="Agenda stuurgroep opstellen", wie="secretaris", item=item_id)},
        }
    )
    hits = search(content, session, "stuurgroep")
    kinds = {hit.kind: hit for hit in hits}
    assert kinds[KIND_NOTE].question_id == "visie.2"
    assert kinds[KIND_ITEM_NOTE].question_id == item.questions[0].id
    assert kinds[KIND_ACTION].question_id == item.questions[0].id and "secretaris" in kinds[KIND_ACTION].text
    assert [hit.kind for hit in search(content, session, "convenant")].count(KIND_QUESTION) >= 1
    assert search(content, session, "zzzqqq") == []


# --- round trip of the participant list -------------------------------------------------------

_names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cf")), min_size=1, max_size=40).filter(
    lambda text: text.strip() == text and text != ""
)


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_names, st.one_of(st.just(""), _names)), min_size=1, max_size=5))
def test_any_participant_names_are_written_and_read_back_unchanged(tmp_path: Path, entries: list[tuple[str, str]]) -> None:
    participants = []
    for organisation, role in entries:
        try:
            participants.append(Participant(organisatie=organisation, rol=role))
        except ValueError:
            return  # Not a name samenwerk accepts in the first place.
    (tmp_path / SETTINGS_FILE).unlink(missing_ok=True)
    update_settings_file(tmp_path, participants=participants)
    update_settings_file(tmp_path, participants=participants)
    assert load_settings(tmp_path).participants == tuple(participants)


# --- the folder watch ----------------------------------------------------------------------------


def test_the_folder_watch_loads_new_and_changed_files_and_lists_the_ones_gone(tmp_path: Path) -> None:
    import os

    from samenwerk_tui.folderwatch import scan, stamps

    content = load_content()
    created = set_up_collaboration(
        tmp_path,
        content,
        name="Team",
        phase="begin",
        participants=[Participant(organisatie="A"), Participant(organisatie="B")],
        label="2026-Q4",
        round_date=TODAY,
        today=TODAY,
    ).created
    (tmp_path / ".verborgen.toml").write_text("x", encoding="utf-8")
    if hasattr(os, "mkfifo"):  # A named pipe is never read (it would hang the watch).
        os.mkfifo(tmp_path / "pijp.toml")
    before = stamps(tmp_path)
    assert sorted(before) == sorted(loaded.path for loaded in created)
    assert not scan(tmp_path, before, content).any
    fill_in(created[0].path, 4)
    created[1].path.unlink()
    (tmp_path / "kapot.toml").write_text("formaat = [", encoding="utf-8")
    changes = scan(tmp_path, before, content)
    assert [loaded.path for loaded in changes.loaded] == [created[0].path]
    assert changes.removed == [created[1].path]
    assert {problem.path.name for problem in changes.problems} == {"kapot.toml"}


def test_the_dashboard_starts_on_overzicht_for_the_coordinator_and_on_the_phase_for_a_partner(tmp_path: Path) -> None:
    from samenwerk_tui.workspace import Workspace

    content = load_content()
    set_up_collaboration(
        tmp_path,
        content,
        name="Team",
        phase="onderweg",
        participants=[Participant(organisatie="A"), Participant(organisatie="B")],
        label="2026-Q4",
        round_date=TODAY,
        today=TODAY,
    )
    workspace = Workspace.from_load(tmp_path, content, load_folder(tmp_path, content))
    assert workspace.start_view(own_file=False) == "onderweg"  # nothing to show yet
    fill_in(workspace.sessions[1].path, 3)
    workspace = Workspace.from_load(tmp_path, content, load_folder(tmp_path, content), session_path=workspace.sessions[0].path)
    assert workspace.start_view(own_file=False) == "overzicht"
    assert workspace.start_view(own_file=True) == "onderweg"


def test_a_label_too_long_is_refused_in_dutch_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "nieuw", "--samenwerking", "Team", "--ronde", "R" * 300, "--deelnemer", "Gemeente", "--map", tmp_path)
    assert code == 2 and "label: is te lang (hoogstens 200 tekens)" in err
    assert not (tmp_path / SETTINGS_FILE).exists()
    code, _, err = run(capsys, "nieuw", "--samenwerking", "Team", "--ronde", "R1", "--deelnemer", "Gemeente", "--map", tmp_path)
    assert code == 0, err
    code, _, err = run(capsys, "ronde", "nieuw", tmp_path, "--ronde", "R" * 300)
    assert code == 2 and "is te lang" in err and "Traceback" not in err


def test_a_round_for_partners_whose_names_slugify_alike_gives_each_its_own_file(tmp_path) -> None:
    import datetime as dt

    from samenwerk_tui.content import load_content
    from samenwerk_tui.rounds import start_round
    from samenwerk_tui.settings import Participant
    from samenwerk_tui.store import load_session

    content = load_content()
    participants = [Participant(organisatie="Politie Oost", rol="x"), Participant(organisatie="Politie-Oost", rol="x")]
    result = start_round(
        tmp_path,
        content,
        [],
        participants,
        label="2027-Q1",
        round_date=dt.date(2027, 1, 5),
        collaboration="Team",
        phase="begin",
        today=dt.date(2027, 1, 5),
    )
    assert len(result.created) == 2 and not result.existing
    assert {load_session(loaded.path).session.respondent.organisation for loaded in result.created} == {"Politie Oost", "Politie-Oost"}
