"""The exchange commands: importeer, privacy, deel --anoniem, inhoud exporteer."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from samenwerk_tui.cli.dispatch import main
from samenwerk_tui.content import ADVICE_FILE, CHECKLIST_FILE, KNOWLEDGE_FILE, builtin_content_files, load_content
from samenwerk_tui.model import Action, Answer
from samenwerk_tui.store import load_folder, load_session, save_session

EXAMPLE = Path(__file__).parent.parent / "sessions"
PARTNERS = [
    ("Gemeente Lindendal", "coördinator horecatoezicht", "gemeente-lindendal-coordinator-horecatoezicht"),
    ("Politie Basisteam Lindendal", "wijkagent horeca", "politie-basisteam-lindendal-wijkagent-horeca"),
    ("Veiligheidsregio Lindendal", "adviseur brandveiligheid", "veiligheidsregio-lindendal-adviseur-brandveiligheid"),
]


def run(capsys: pytest.CaptureFixture[str], *arguments: object) -> tuple[int, str, str]:
    code = main([str(argument) for argument in arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def new_partner_file(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    organisation: str,
    role: str,
    collaboration: str = "Horecateam Lindendal",
    score: int = 3,
) -> Path:
    code, out, err = run(
        capsys,
        "nieuw",
        "--samenwerking",
        collaboration,
        "--ronde",
        "2026-Q4",
        "--datum",
        "2026-11-12",
        "--fase",
        "onderweg",
        "--organisatie",
        organisation,
        "--rol",
        role,
        "--map",
        folder,
    )
    assert code == 0, err
    path = Path(out.strip())
    loaded = load_session(path)
    answers = {"visie.1": Answer(score=score, note=f"Ingevuld door {organisation}."), "visie.3": Answer(score=4)}
    save_session(loaded, loaded.session.model_copy(update={"answers": answers}), load_content(), today=dt.date(2026, 11, 12))
    return path


def edit(path: Path, **answers: Answer) -> None:
    loaded = load_session(path)
    updated = {**loaded.session.answers, **{key.replace("_", "."): value for key, value in answers.items()}}
    save_session(loaded, loaded.session.model_copy(update={"answers": updated}), load_content(), today=dt.date(2026, 11, 20))


# --- importeer ---------------------------------------------------------------------


def test_the_whole_exchange_between_three_partners_and_the_coordinator(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Each partner creates and fills in a file in its own folder.
    sent = [
        new_partner_file(capsys, tmp_path / f"partner-{number}", organisation, role)
        for number, (organisation, role, _) in enumerate(PARTNERS, start=1)
    ]
    coordinator = tmp_path / "coordinator"

    code, out, _ = run(capsys, "importeer", *sent, "--map", coordinator)
    assert code == 0
    names = [f"horecateam-lindendal--2026-q4--{slug}.toml" for _, _, slug in PARTNERS]
    assert out.splitlines() == [f"{source}: geplaatst als {coordinator / name}" for source, name in zip(sent, names, strict=True)]
    assert sorted(path.name for path in coordinator.glob("*.toml")) == sorted(names)

    # Sending the same files again changes nothing.
    code, out, _ = run(capsys, "import", *sent, "--map", coordinator)
    assert code == 0
    assert out.splitlines() == [
        f"{source}: al aanwezig (identiek aan {coordinator / name})" for source, name in zip(sent, names, strict=True)
    ]

    # The police re-send with a changed score and note: a conflict, shown and not resolved silently.
    police_sent, police_here = sent[1], coordinator / names[1]
    first_version = police_here.read_bytes()
    edit(police_sent, visie_1=Answer(score=1, note="Geen capaciteit meer sinds 1 oktober."))
    second_version = police_sent.read_bytes()
    code, out, err = run(capsys, "importeer", police_sent, "--map", coordinator)
    assert code == 1
    assert out.splitlines() == [
        f"{police_sent}: conflict: verschilt van {police_here} (oud → ontvangen):",
        "  vraag visie.1, score: 3 → 1",
        "  vraag visie.1, notitie: “Ingevuld door Politie Basisteam Lindendal.” → “Geen capaciteit meer sinds 1 oktober.”",
        "  bijgewerkt: 2026-11-12 → 2026-11-20",
    ]
    assert "--overschrijf" in err and "--naast" in err
    assert police_here.read_bytes() == first_version

    # Resolved one way: keep both.
    code, out, _ = run(capsys, "importeer", police_sent, "--map", coordinator, "--naast")
    assert code == 0
    [copy] = coordinator.glob("*-ontvangen-*.toml")
    assert out.strip() == f"{police_sent}: naast {police_here} geplaatst als {copy}"
    assert police_here.read_bytes() == first_version and copy.read_bytes() == second_version

    # And the other: the incoming one replaces the file here; the old one is kept as a backup.
    code, out, _ = run(capsys, "importeer", police_sent, "--overschrijf", "--map", coordinator)
    assert code == 0
    [backup] = coordinator.glob("*.bak-*")
    assert out.strip() == f"{police_sent}: {police_here} overschreven; het oude bestand is bewaard als {backup}"
    assert police_here.read_bytes() == second_version
    assert backup.read_bytes() == first_version
    assert police_sent.read_bytes() == second_version

    # The dashboard's view of the folder: three partners plus the kept copy; the backup is not loaded.
    loaded = load_folder(coordinator, load_content())
    assert loaded.problems == []
    assert sorted(item.path.name for item in loaded.sessions) == sorted([*names, copy.name])


def test_importeer_refuses_another_collaboration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    coordinator = tmp_path / "coordinator"
    ours = new_partner_file(capsys, tmp_path / "a", "Gemeente Lindendal", "coördinator")
    theirs = new_partner_file(capsys, tmp_path / "b", "Gemeente Lindendal", "coördinator", collaboration="Woonoverlast Noord")
    assert run(capsys, "importeer", ours, "--map", coordinator)[0] == 0
    code, out, _ = run(capsys, "importeer", theirs, "--map", coordinator)
    assert code == 1
    assert out.strip() == (
        f"{theirs}: geweigerd: hoort bij een ander samenwerkingsverband (Woonoverlast Noord (woonoverlast-noord)); "
        f"de map {coordinator} is van Horecateam Lindendal (horecateam-lindendal)"
    )
    assert len(list(coordinator.glob("*.toml"))) == 1


def test_importeer_refuses_a_newer_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = new_partner_file(capsys, tmp_path / "a", "Gemeente Lindendal", "coördinator")
    path.write_text(path.read_text(encoding="utf-8").replace("formaat = 1", "formaat = 3"), encoding="utf-8")
    code, out, _ = run(capsys, "importeer", path, "--map", tmp_path / "coordinator")
    assert code == 1
    assert out.startswith(f"{path}: geweigerd: gemaakt met een nieuwere versie van samenwerk (formaat 3")


def test_importeer_reports_an_invalid_file_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "kapot.toml"
    broken.write_text('formaat = 1\nfase = "onderweg"\n[samenwerking\n', encoding="utf-8")
    good = new_partner_file(capsys, tmp_path / "a", "Gemeente Lindendal", "coördinator")
    coordinator = tmp_path / "coordinator"
    code, out, _ = run(capsys, "importeer", broken, good, "--map", coordinator)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{broken}: ongeldig sessiebestand; niet geïmporteerd"
    assert lines[1].startswith(f"  {broken}:3:") and "TOML-fout" in lines[1]
    assert lines[2].startswith(f"{good}: geplaatst als ")


def test_overschrijf_and_naast_exclude_each_other(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["importeer", str(tmp_path / "x.toml"), "--overschrijf", "--naast"])
    assert caught.value.code == 2
    assert "niet toegestaan samen met" in capsys.readouterr().err


# --- privacy -------------------------------------------------------------------------


def test_privacy_reports_findings_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = new_partner_file(capsys, tmp_path / "a", "Gemeente Lindendal", "coördinator")
    edit(path, visie_3=Answer(score=2, note="Eigenaar (BSN 111222333) bereikbaar via eigenaar@cafe-de-hoek.example."))
    line = next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "111222333" in text)
    code, out, err = run(capsys, "privacy", tmp_path / "a")
    assert code == 1
    assert out.splitlines() == [
        f"{path}:{line}: vraag visie.3, notitie: BSN: *******33",
        f"{path}:{line}: vraag visie.3, notitie: e-mailadres: e*******@cafe-de-hoek.example",
    ]
    assert "111222333" not in out + err
    assert "2 mogelijke persoonsgegevens gevonden in 1 van 1 bestand" in err


def test_privacy_gives_an_all_clear_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = new_partner_file(capsys, tmp_path / "a", "Gemeente Lindendal", "coördinator")
    edit(path, visie_3=Answer(score=2, note="Zaak 123456789 besproken op 12-11-2026."))
    code, out, err = run(capsys, "privacy", path)
    assert (code, out) == (0, "")
    assert "Geen persoonsgegevens gevonden in 1 bestand." in err


def test_the_example_sessions_pass_the_privacy_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "privacy", EXAMPLE)
    assert (code, out) == (0, "")
    assert "Geen persoonsgegevens gevonden in 12 bestanden." in err


def test_privacy_fails_on_an_invalid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "kapot.toml"
    broken.write_text("formaat = \n", encoding="utf-8")
    code, out, _ = run(capsys, "privacy", broken)
    assert code == 1
    assert out.startswith(f"{broken}:1:")


# --- deel --anoniem --------------------------------------------------------------------


@pytest.fixture()
def personal_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, err = run(
        capsys,
        "nieuw",
        "--samenwerking",
        "Horecateam Lindendal",
        "--ronde",
        "2026-Q4",
        "--datum",
        "2026-11-12",
        "--fase",
        "onderweg",
        "--organisatie",
        "Politie Basisteam Lindendal",
        "--rol",
        "wijkagent horeca",
        "--naam",
        "Jan de Vries",
        "--map",
        tmp_path / "politie",
    )
    assert code == 0, err
    path = Path(out.strip())
    loaded = load_session(path)
    session = loaded.session.model_copy(
        update={
            "answers": {"visie.1": Answer(score=2, note="Bel de eigenaar: 06-12345678.")},
            "actions": {"a-1": Action(what="Brief naar 1234 AB 12 sturen", who="wijkagent")},
        }
    )
    save_session(loaded, session, load_content(), today=dt.date(2026, 11, 12))
    return path


def test_deel_anoniem_writes_a_masked_copy_and_leaves_the_original(personal_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = personal_file.read_bytes()
    code, out, err = run(capsys, "deel", personal_file, "--anoniem")
    assert code == 0
    copy = personal_file.parent / "anoniem" / personal_file.name
    assert out.strip() == str(copy)
    assert "2 gegevens gemaskeerd, naam van de respondent weggelaten" in err
    assert personal_file.read_bytes() == original
    anonymous = load_session(copy).session
    assert anonymous.respondent.name == ""
    assert anonymous.answers["visie.1"].note == "Bel de eigenaar: [telefoonnummer verwijderd]."
    assert anonymous.actions["a-1"].what == "Brief naar [adres verwijderd] sturen"
    assert anonymous.answers["visie.1"].score == 2
    text = copy.read_text(encoding="utf-8")
    assert "Jan de Vries" not in text and "06-12345678" not in text
    # The copy passes the privacy check, and it is not loaded next to the original.
    assert run(capsys, "privacy", copy)[0] == 0
    assert [loaded.path for loaded in load_folder(personal_file.parent).sessions] == [personal_file]


def test_share_anonymous_with_an_output_path(personal_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "naar-coordinator.toml"
    code, out, _ = run(capsys, "share", personal_file, "--anonymous", "--output", target)
    assert code == 0 and out.strip() == str(target)
    assert load_session(target).session.respondent.name == ""
    # A second time: refused unless asked to overwrite.
    target.write_text("eerdere kopie", encoding="utf-8")
    code, _, err = run(capsys, "deel", personal_file, "--anoniem", "--uitvoer", target)
    assert code == 1 and "bestaat al" in err
    assert target.read_text(encoding="utf-8") == "eerdere kopie"
    assert run(capsys, "deel", personal_file, "--anoniem", "--uitvoer", target, "--overschrijf")[0] == 0
    assert load_session(target).session.respondent.name == ""


def test_deel_never_writes_over_the_original(personal_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = personal_file.read_bytes()
    code, _, err = run(capsys, "deel", personal_file, "--anoniem", "--uitvoer", personal_file.parent)
    assert code == 2 and "oorspronkelijke bestand" in err
    assert personal_file.read_bytes() == original


def test_deel_requires_anoniem(personal_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["deel", str(personal_file)])
    assert caught.value.code == 2
    assert "deze argumenten ontbreken: --anoniem" in capsys.readouterr().err


# --- inhoud exporteer --------------------------------------------------------------------


def test_inhoud_exporteer_writes_the_builtin_content_to_adapt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "eigen-checklist"
    code, out, err = run(capsys, "inhoud", "exporteer", folder)
    assert code == 0
    assert out.splitlines() == [str(folder / CHECKLIST_FILE), str(folder / KNOWLEDGE_FILE), str(folder / ADVICE_FILE)]
    assert f"--inhoud {folder}" in err
    for name, data in builtin_content_files().items():
        assert (folder / name).read_bytes() == data
    exported = load_content(folder)
    assert len(exported.questions) == len(load_content().questions)


def test_content_export_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "eigen-checklist"
    folder.mkdir()
    (folder / CHECKLIST_FILE).write_text("# mijn aanpassingen\n", encoding="utf-8")
    code, out, err = run(capsys, "content", "export", folder)
    assert (code, out) == (1, "")
    assert f"{folder / CHECKLIST_FILE}: bestaat al; niets geschreven" in err
    assert (folder / CHECKLIST_FILE).read_text(encoding="utf-8") == "# mijn aanpassingen\n"
    assert not (folder / KNOWLEDGE_FILE).exists()


def test_importeer_takes_a_shared_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = tmp_path / "gedeelde-map"
    for organisation, role, _ in PARTNERS[:2]:
        new_partner_file(capsys, shared, organisation, role)
    coordinator = tmp_path / "coordinator"
    code, out, _ = run(capsys, "importeer", shared, "--map", coordinator)
    assert code == 0
    assert [line.split(": ", 1)[1].split(" als ")[0] for line in out.splitlines()] == ["geplaatst"] * 2
    assert len(load_folder(coordinator).sessions) == 2


def test_importeer_warns_about_answers_given_against_other_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    custom = tmp_path / "eigen-checklist"
    assert run(capsys, "inhoud", "exporteer", custom)[0] == 0
    checklist = custom / CHECKLIST_FILE
    checklist.write_text(checklist.read_text(encoding="utf-8").replace('versie = "1"', 'versie = "2"', 1), encoding="utf-8")
    code, out, err = run(
        capsys,
        "nieuw",
        "--samenwerking",
        "Horecateam Lindendal",
        "--ronde",
        "2026-Q4",
        "--organisatie",
        "Gemeente",
        "--map",
        tmp_path / "partner",
        "--inhoud",
        custom,
    )
    assert code == 0, err
    code, out, _ = run(capsys, "importeer", out.strip(), "--map", tmp_path / "coordinator")
    assert code == 0
    assert out.splitlines()[1] == (
        "  waarschuwing: beantwoord met andere inhoud (ccv-samenwerken-2011 versie 2); getoond met ccv-samenwerken-2011 versie 1"
    )


# --- file names are text from outside ----------------------------------------------------

# A window-title OSC, a screen-clearing CSI and a C1 CSI, in a file name.
HOSTILE_NAME = "\x1b]0;gekaapt\x07\x1b[2Jsessie\x9b31m.toml"
SHOWN_NAME = "?]0;gekaapt??[2Jsessie?31m.toml"
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile_copy(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    path = new_partner_file(capsys, tmp_path / "partner", "Gemeente Lindendal", "coördinator")
    edit(path, visie_3=Answer(score=2, note="Eigenaar bereikbaar op 06-12345678."))
    hostile = tmp_path / "mail" / HOSTILE_NAME
    hostile.parent.mkdir()
    hostile.write_bytes(path.read_bytes())
    return hostile


def test_a_file_named_with_escape_sequences_is_shown_as_text_by_privacy_importeer_and_deel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = hostile_copy(capsys, tmp_path)
    coordinator = tmp_path / "coordinator"
    outputs = []
    code, out, err = run(capsys, "privacy", hostile.parent)
    assert code == 1 and SHOWN_NAME in out
    outputs.append(out + err)
    code, out, err = run(capsys, "importeer", hostile, "--map", coordinator)
    assert code == 0 and out.startswith(f"{tmp_path / 'mail' / SHOWN_NAME}: geplaatst als ")
    outputs.append(out + err)
    placed = next(coordinator.glob("*.toml"))
    edit(placed, visie_1=Answer(score=5))
    outputs.append("".join(run(capsys, "importeer", hostile, "--map", coordinator)[1:]))
    outputs.append("".join(run(capsys, "importeer", hostile, "--map", coordinator, "--naast")[1:]))
    code, out, err = run(capsys, "deel", hostile, "--anoniem")
    assert code == 0 and out.strip() == str(tmp_path / "mail" / "anoniem" / SHOWN_NAME)
    outputs.append(out + err)
    broken = hostile.with_name("\x1b[31mkapot.toml")
    broken.write_text("formaat = \n", encoding="utf-8")
    outputs.append("".join(run(capsys, "privacy", broken)[1:]))
    outputs.append("".join(run(capsys, "importeer", broken, "--map", coordinator)[1:]))
    for output in outputs:
        assert TERMINAL_CONTROLS.search(output) is None, output


def test_the_import_refusal_shows_the_folder_name_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    coordinator = tmp_path / "\x1b]0;map\x07coordinator"
    ours = new_partner_file(capsys, tmp_path / "a", "Gemeente Lindendal", "coördinator")
    theirs = new_partner_file(capsys, tmp_path / "b", "Gemeente Lindendal", "coördinator", collaboration="Woonoverlast Noord")
    assert run(capsys, "importeer", ours, "--map", coordinator)[0] == 0
    code, out, err = run(capsys, "importeer", theirs, "--map", coordinator)
    assert code == 1 and "?]0;map?coordinator" in out
    assert TERMINAL_CONTROLS.search(out + err) is None


def test_inhoud_exporteer_shows_the_folder_name_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "\x1b[2Jinhoud"
    code, out, err = run(capsys, "inhoud", "exporteer", folder)
    assert code == 0 and "?[2Jinhoud" in out + err
    assert TERMINAL_CONTROLS.search(out + err) is None


def test_importeer_overschrijf_never_replaces_another_respondent_with_the_same_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    coordinator = tmp_path / "coordinator"
    ours = new_partner_file(capsys, tmp_path / "a", "Politie Oost", "x", score=2)
    theirs = new_partner_file(capsys, tmp_path / "b", "Politie-Oost", "x", score=5)
    assert ours.name == theirs.name
    assert run(capsys, "importeer", ours, "--map", coordinator)[0] == 0
    kept = coordinator / ours.name
    code, out, _ = run(capsys, "importeer", theirs, "--map", coordinator, "--overschrijf")
    assert code == 0
    assert kept.read_bytes() == ours.read_bytes()
    [placed] = [path for path in coordinator.glob("*.toml") if path != kept]
    assert out.strip() == f"{theirs}: geplaatst als {placed}"
    assert placed.read_bytes() == theirs.read_bytes()
    assert list(coordinator.glob("*.bak-*")) == []


def test_privacy_says_plainly_what_it_cannot_find(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = new_partner_file(capsys, tmp_path / "a", "Gemeente Lindendal", "coördinator")
    for note, expected_code in (("Overleg met Fatima Yilmaz.", 0), ("Overleg met mevr. Yilmaz, Dorpsstraat 12.", 1)):
        edit(path, visie_3=Answer(score=2, note=note))
        code, _, err = run(capsys, "privacy", path)
        assert code == expected_code
        assert "Niet herkend worden: namen zonder voorletters of aanhef" in err
        assert "buitenlandse adressen" in err and "Lees de notities daarom ook zelf na." in err


def test_deel_anoniem_removes_the_respondents_name_wherever_it_is_written(personal_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from samenwerk_tui.model import ItemNote, LogEntry

    loaded = load_session(personal_file)
    session = loaded.session.model_copy(
        update={
            "answers": {"visie.1": Answer(score=2, note="Jan de Vries neemt dit op met de teamchef.")},
            "item_notes": {"middelen": ItemNote(note="Volgens De Vries is de capaciteit te krap.")},
            "actions": {
                "a-1": Action(what="JAN DE VRIES belt de exploitant", who="Jan de Vries"),
                "a-2": Action(what="Rooster maken", who="de Vries", note="Overleg met jan de vries."),
            },
            "log": [
                LogEntry(date=dt.date(2026, 11, 12), text="Besproken; Jan de Vries notuleert.", author="Jan de Vries"),
                LogEntry(date=dt.date(2026, 11, 13), text="Geen bijzonderheden.", author="J. de Vries"),
            ],
        }
    )
    save_session(loaded, session, load_content(), today=dt.date(2026, 11, 12))
    code, out, err = run(capsys, "deel", personal_file, "--anoniem")
    assert code == 0, err
    copy = Path(out.strip())
    text = copy.read_text(encoding="utf-8")
    assert "vries" not in text.casefold()
    anonymous = load_session(copy).session
    assert anonymous.answers["visie.1"].note == "[naam verwijderd] neemt dit op met de teamchef."
    assert anonymous.item_notes["middelen"].note == "Volgens [naam verwijderd] is de capaciteit te krap."
    assert (anonymous.actions["a-1"].what, anonymous.actions["a-1"].who) == ("[naam verwijderd] belt de exploitant", "[naam verwijderd]")
    assert (anonymous.actions["a-2"].who, anonymous.actions["a-2"].note) == ("[naam verwijderd]", "Overleg met [naam verwijderd].")
    assert [(entry.text, entry.author) for entry in anonymous.log] == [
        ("Besproken; [naam verwijderd] notuleert.", "[naam verwijderd]"),
        ("Geen bijzonderheden.", "[naam verwijderd]"),
    ]
    assert anonymous.respondent.name == ""
    assert run(capsys, "privacy", copy)[0] == 0
