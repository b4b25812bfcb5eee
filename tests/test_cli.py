"""The ``samenwerk`` command: nieuw, valideer, schema and the Dutch help."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from samenwerk_tui.cli.dispatch import main
from samenwerk_tui.store import load_session, session_files

EXAMPLE = Path(__file__).parent.parent / "sessions"
"""The shipped example: its session files and its settings file, which valideer checks too."""
TOML_INVALID = Path(__file__).parent / "data" / "toml-invalid"
ENGLISH = re.compile(r"\b(usage|options|positional arguments|show this help|error|Traceback|Invalid|Expected)\b")


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """Run the command as a user would; argparse's own exits count too."""
    try:
        code = main(list(argv))
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def new(capsys, folder: Path, *extra: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return run(
        capsys,
        "nieuw",
        "--samenwerking",
        "Horecateam Lindendal",
        "--ronde",
        "2026-Q1",
        "--datum",
        "2026-02-01",
        "--organisatie",
        "Politie Basisteam Lindendal",
        "--rol",
        "wijkagent horeca",
        "--map",
        str(folder),
        *extra,
    )


# --- nieuw --------------------------------------------------------------------


def test_nieuw_creates_a_valid_session_file(capsys, tmp_path, content):
    code, out, err = new(capsys, tmp_path, "--fase", "onderweg")
    assert code == 0, err
    path = Path(out.strip())
    assert path == tmp_path / "horecateam-lindendal--2026-q1--politie-basisteam-lindendal-wijkagent-horeca.toml"
    session = load_session(path, content).session
    assert session.collaboration.slug == "horecateam-lindendal"
    assert session.round.date == dt.date(2026, 2, 1)
    assert session.phase == "onderweg"
    assert session.respondent.role == "wijkagent horeca"
    assert session.answers == {}
    assert session.created == session.updated == dt.date.today()
    # The schema the file's first line points at is written beside it.
    assert path.read_text(encoding="utf-8").startswith("#:schema ./samenwerk-sessie.schema.json")
    assert json.loads((tmp_path / "samenwerk-sessie.schema.json").read_text(encoding="utf-8"))["title"]


def test_new_is_an_alias_of_nieuw(capsys, tmp_path):
    code, out, _ = run(capsys, "new", "--samenwerking", "Team", "--ronde", "R1", "--organisatie", "Gemeente", "--map", str(tmp_path))
    assert code == 0
    assert Path(out.strip()).name == "team--r1--gemeente.toml"


def test_nieuw_never_overwrites_an_existing_file(capsys, tmp_path):
    assert new(capsys, tmp_path)[0] == 0
    path = next(tmp_path.glob("*.toml"))
    path.write_text(path.read_text(encoding="utf-8") + "\n# met de hand\n", encoding="utf-8")
    before = path.read_bytes()
    code, _, err = new(capsys, tmp_path)
    assert code == 1
    assert err.strip() == f"{path}: bestaat al; niets geschreven"
    assert path.read_bytes() == before


def test_nieuw_van_starts_the_next_round_from_the_previous_one(capsys, tmp_path, make_session, content):
    previous = make_session(
        '[vragen."visie.1"]\nscore = 4\nnotitie = "Vastgesteld in de stuurgroep."\n\n'
        '[vragen."visie.2"]\nscore = 2\n\n'
        '[items.middelen]\nnotitie = "Capaciteit onder druk."\n\n'
        '[acties.a-1]\nwat = "Bezetting herzien"\nstatus = "open"\n\n'
        '[acties.a-2]\nwat = "Convenant tekenen"\nstatus = "gedaan"\n\n'
        '[[logboek]]\ndatum = 2026-01-05\ntekst = "Besproken."\n',
        folder=tmp_path / "sessies",
        fase="onderweg",
    )
    code, out, err = run(capsys, "nieuw", "--van", str(previous), "--ronde", "2026-Q2", "--datum", "2026-05-01")
    assert code == 0, err
    path = Path(out.strip())
    # Same folder, collaboration and respondent as the previous round.
    assert path.parent == previous.parent
    assert path.name == "horecateam-lindendal--2026-q2--gemeente-lindendal-coordinator-horecatoezicht.toml"
    session = load_session(path, content).session
    assert session.phase == "onderweg"
    assert session.respondent.organisation == "Gemeente Lindendal"
    assert all(answer.score is None for answer in session.answers.values())
    assert session.answer("visie.1").note == "Vastgesteld in de stuurgroep."
    assert "visie.2" not in session.answers
    assert session.item_notes["middelen"].note == "Capaciteit onder druk."
    assert set(session.actions) == {"a-1", "a-2"}
    assert [entry.text for entry in session.log] == ["Besproken."]
    assert "notities en 2 acties (1 open); scores zijn leeg" in err
    assert load_session(previous, content).session.score("visie.1") == 4


def test_nieuw_van_a_broken_file_says_where(capsys, tmp_path):
    broken = tmp_path / "kapot.toml"
    broken.write_text('formaat = 1\nfase = "begin\n', encoding="utf-8")
    code, out, err = run(capsys, "nieuw", "--van", str(broken), "--ronde", "2026-Q2")
    assert code == 1
    assert re.match(rf"{re.escape(str(broken))}:2:\d+: TOML-fout: ", err)
    assert out == ""
    assert list(tmp_path.iterdir()) == [broken]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--ronde", "R1", "--organisatie", "Gemeente"], "geef ook --samenwerking op"),
        (["--ronde", "R1"], "geef ook --samenwerking, --organisatie op"),
        (["--samenwerking", "Team", "--organisatie", "Gemeente"], "deze argumenten ontbreken: --ronde"),
        (
            ["--samenwerking", "Team", "--ronde", "R1", "--organisatie", "G", "--fase", "eind"],
            "onbekende fase 'eind'; kies uit begin, onderweg",
        ),
        (
            ["--samenwerking", "Team", "--ronde", "R1", "--organisatie", "G", "--datum", "morgen"],
            "ongeldige datum 'morgen'; gebruik DD-MM-JJJJ",
        ),
        (
            ["--samenwerking", "Team", "--ronde", "R1", "--organisatie", "G", "--slug", "Mijn Team"],
            "samenwerking.slug: heeft een ongeldige vorm",
        ),
        (["--samenwerking", "Team", "--ronde", "R1", "--organisatie", "  "], "respondent.organisatie: mag niet leeg zijn"),
        (["--samenwerking", "Team", "--ronde", "R1", "--organisatie", "G", "--onzin"], "onbekende argumenten: --onzin"),
    ],
)
def test_nieuw_refuses_bad_arguments_in_dutch(capsys, tmp_path, argv, message):
    code, _out, err = run(capsys, "nieuw", "--map", str(tmp_path / "map"), *argv)
    assert code == 2
    assert message in err
    assert not ENGLISH.search(err), err
    assert not (tmp_path / "map").exists() or not list((tmp_path / "map").glob("*.toml"))


def test_nieuw_into_a_file_instead_of_a_folder(capsys, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("", encoding="utf-8")
    code, _, err = new(capsys, blocker)
    assert code == 1
    assert err.strip() == f"{blocker}: is geen map; niets geschreven"


@pytest.mark.parametrize(
    "number, reason",
    [
        (errno.ENOSPC, "de schijf is vol"),
        (errno.EACCES, "geen toestemming om hier te schrijven"),
        (errno.EROFS, "de schijf is alleen-lezen"),
    ],
)
def test_nieuw_when_the_disk_refuses(capsys, tmp_path, monkeypatch, number, reason):
    import samenwerk_tui.store.files

    def refuse(path: Path, data: bytes, **options: object) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(samenwerk_tui.store.files, "atomic_write", refuse)
    code, out, err = new(capsys, tmp_path)
    assert code == 1
    assert out == ""
    assert err.endswith(f": kan niet worden geschreven: {reason}; niets geschreven\n")


# --- valideer -----------------------------------------------------------------


def test_valideer_the_example(capsys):
    code, out, err = run(capsys, "valideer", str(EXAMPLE))
    assert code == 0
    assert out == ""
    assert err.strip() == f"{len(session_files(EXAMPLE)) + 1} bestanden gecontroleerd: geen fouten."


def test_validate_is_an_alias(capsys, make_session):
    path = make_session()
    assert run(capsys, "validate", str(path)) == (0, "", "1 bestand gecontroleerd: geen fouten.\n")


def test_valideer_reports_each_problem_as_path_line_column(capsys, tmp_path, make_session):
    good = make_session(name="goed.toml")
    bad_score = make_session('[vragen."visie.1"]\nscore = 6\n', name="score.toml")
    broken = tmp_path / "kapot.toml"
    broken.write_text('formaat = 1\n[ronde\nlabel = "x"\n', encoding="utf-8")
    code, out, err = run(capsys, "valideer", str(good), str(bad_score), str(broken))
    assert code == 1
    score_line = bad_score.read_text(encoding="utf-8").splitlines().index("score = 6") + 1
    assert out.splitlines() == [
        f'{bad_score}:{score_line}:1: vragen."visie.1".score: score moet 1 t/m 5 of "nvt" zijn (gevonden: 6)',
        f"{broken}:2:7: TOML-fout: verwacht ']' aan het eind van de tabelnaam",
    ]
    assert err.strip() == "3 bestanden gecontroleerd: 2 met fouten."


def test_valideer_a_folder_with_one_bad_file(capsys, tmp_path):
    folder = tmp_path / "sessies"
    shutil.copytree(EXAMPLE, folder)
    (folder / "zz-leeg.toml").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "valideer", str(folder))
    assert code == 1
    assert out.splitlines() == [
        f"{folder / 'zz-leeg.toml'}: {field}: verplicht veld ontbreekt"
        for field in ("aangemaakt", "bijgewerkt", "fase", "respondent", "ronde", "samenwerking")
    ]
    assert f"{len(session_files(EXAMPLE)) + 2} bestanden gecontroleerd: 1 met fouten." in err


def test_valideer_warns_but_passes_for_unknown_questions_and_newer_formats(capsys, make_session):
    unknown = make_session('[vragen."oud.3"]\nscore = 2\n', name="oud.toml")
    newer = make_session(name="nieuwer.toml", formaat=2)
    code, out, _ = run(capsys, "valideer", str(unknown), str(newer))
    assert code == 0
    line = unknown.read_text(encoding="utf-8").splitlines().index('[vragen."oud.3"]') + 1
    assert out.splitlines() == [
        f'{unknown}:{line}:1: waarschuwing: vraag "oud.3" staat niet in de checklist; het antwoord blijft bewaard',
        f"{newer}: waarschuwing: gemaakt met een nieuwere versie van samenwerk (formaat 2, deze versie kent "
        "formaat 1); alleen-lezen: werk samenwerk bij om het te bewerken",
    ]


def test_valideer_missing_path_and_empty_folder(capsys, tmp_path):
    code, out, _ = run(capsys, "valideer", str(tmp_path / "weg.toml"))
    assert (code, out) == (1, f"{tmp_path / 'weg.toml'}: bestand bestaat niet\n")
    (tmp_path / "leeg").mkdir()
    code, out, err = run(capsys, "valideer", str(tmp_path / "leeg"))
    assert (code, out, err) == (1, "", "Geen sessiebestanden gevonden.\n")
    code, _, err = run(capsys, "valideer")
    assert code == 2 and "deze argumenten ontbreken: PAD" in err


def test_valideer_with_a_broken_content_folder(capsys, tmp_path):
    code, out, _ = run(capsys, "valideer", str(EXAMPLE), "--inhoud", str(tmp_path))
    assert code == 1
    assert out.splitlines() == [
        f"{tmp_path / 'checklist.toml'}: bestand bestaat niet",
        f"{tmp_path / 'kennis.toml'}: bestand bestaat niet",
    ]


def test_valideer_the_toml_test_sample(capsys):
    files = sorted(TOML_INVALID.glob("*.toml"))
    code, out, err = run(capsys, "valideer", *map(str, files))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(files)
    for path, line in zip(files, lines, strict=False):
        assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", line), line
        assert not ENGLISH.search(line), line
    assert f"{len(files)} bestanden gecontroleerd: {len(files)} met fouten." in err


# --- schema -------------------------------------------------------------------


def _check(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "") -> list[str]:
    """A small JSON Schema checker for the keywords the session schema uses."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    errors: list[str] = []
    if "anyOf" in schema:
        if all(_check(value, option, root, where) for option in schema["anyOf"]):
            errors.append(f"{where}: geen van de mogelijkheden")
        return errors
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: niet {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: niet in {schema['enum']}")
    kind = schema.get("type")
    types = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float), "boolean": bool, "null": type(None)}
    if kind and (not isinstance(value, types[kind]) or (kind == "integer" and isinstance(value, bool))):
        return [f"{where}: geen {kind}"]
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: patroon")
        if len(value) > schema.get("maxLength", len(value)) or len(value) < schema.get("minLength", 0):
            errors.append(f"{where}: lengte")
        if schema.get("format") == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                errors.append(f"{where}: geen datum")
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (value < schema.get("minimum", value) or value > schema.get("maximum", value))
    ):
        errors.append(f"{where}: bereik")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}.{key}: ontbreekt")
        for key, element in value.items():
            if key in properties:
                errors += _check(element, properties[key], root, f"{where}.{key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += _check(element, schema["additionalProperties"], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}.{key}: onbekend")
    if isinstance(value, list) and "items" in schema:
        for index, element in enumerate(value):
            errors += _check(element, schema["items"], root, f"{where}[{index}]")
    return errors


def _as_json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def test_schema_prints_a_json_schema_the_example_files_satisfy(capsys):
    import tomllib

    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) >= {"samenwerking", "ronde", "fase", "respondent", "aangemaakt", "bijgewerkt"}
    for path in session_files(EXAMPLE):
        document = _as_json(tomllib.loads(path.read_text(encoding="utf-8")))
        assert _check(document, schema, schema) == [], path.name
    # Editors flag what samenwerk refuses, and allow what it keeps.
    document = _as_json(tomllib.loads(session_files(EXAMPLE)[0].read_text(encoding="utf-8")))
    document["vragen"]["visie.1"]["score"] = 6
    document["ronde"]["datum"] = "morgen"
    assert sorted(_check(document, schema, schema)) == [".ronde.datum: geen datum", ".vragen.visie.1.score: geen van de mogelijkheden"]
    document = _as_json(tomllib.loads(session_files(EXAMPLE)[0].read_text(encoding="utf-8")))
    document["toekomst"] = {"iets": 1}
    document["vragen"]["nieuw.1"] = {"score": "nvt", "extra": True}
    assert _check(document, schema, schema) == []


def test_schema_matches_the_file_written_by_nieuw(capsys, tmp_path):
    new(capsys, tmp_path)
    assert run(capsys, "schema")[1] == (tmp_path / "samenwerk-sessie.schema.json").read_text(encoding="utf-8")


# --- help ---------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["--help"], ["nieuw", "--help"], ["valideer", "--help"], ["schema", "--help"], ["new", "-h"]])
def test_help_is_dutch(capsys, argv):
    code, out, _err = run(capsys, *argv)
    assert code == 0
    assert out.startswith("gebruik: samenwerk")
    assert "opties:" in out and "toon deze hulptekst en stop" in out
    assert not ENGLISH.search(out), out


def test_main_help_lists_the_commands(capsys):
    _, out, _ = run(capsys, "--help")
    for command in ("nieuw", "valideer", "schema"):
        assert re.search(rf"^  {command}\s+\S", out, re.MULTILINE)
    assert "Meer over een opdracht: samenwerk OPDRACHT --help" in out


@pytest.mark.parametrize("argv", [["--help"], ["nieuw", "--onbekend"], ["valideer", "--help"], ["rapport", "--help"], []])
def test_argparse_is_dutch_only_for_samenwerk(capsys, tmp_path, monkeypatch, argv):
    """samenwerk's Dutch argparse messages do not leak into other parsers in the same process."""
    import argparse

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("samenwerk_tui.cli.dashboard.run", lambda args: 0)
    before = (argparse._, argparse.ngettext)
    run(capsys, *argv)
    assert (argparse._, argparse.ngettext) == before
    other = argparse.ArgumentParser(prog="ander")
    other.add_argument("--getal", type=int)
    with pytest.raises(SystemExit):
        other.parse_args(["--getal", "x"])
    assert "invalid int value" in capsys.readouterr().err


def test_version(capsys):
    from samenwerk_tui import __version__

    assert run(capsys, "--version") == (0, f"samenwerk {__version__}\n", "")


# --- the installed command ----------------------------------------------------


def test_installed_console_script(tmp_path):
    script = Path(sys.executable).parent / "samenwerk"
    assert script.is_file(), "pip install . installs the samenwerk command"
    valid = subprocess.run([str(script), "valideer", str(EXAMPLE)], capture_output=True, text=True, timeout=120)
    assert (valid.returncode, valid.stderr) == (0, f"{len(session_files(EXAMPLE)) + 1} bestanden gecontroleerd: geen fouten.\n")
    broken = tmp_path / "kapot.toml"
    broken.write_bytes(b'notitie = "caf\xe9"\n')
    invalid = subprocess.run([str(script), "valideer", str(broken)], capture_output=True, text=True, timeout=120)
    assert invalid.returncode == 1
    assert invalid.stdout == f"{broken}:1:15: geen geldige UTF-8-tekst; sla het bestand op als UTF-8\n"
    # Output piped into a program that stops reading early: no traceback.
    piped = subprocess.run(f"'{script}' schema | head -c 1", shell=True, capture_output=True, text=True, timeout=120)
    assert piped.stdout == "{"
    assert piped.stderr == ""


def test_valideer_checks_the_settings_file_of_a_folder_and_by_name(capsys, tmp_path):
    new(capsys, tmp_path)
    settings = tmp_path / "samenwerk-instellingen.toml"
    settings.write_text('[banden]\nsterk = "hoog"\n', encoding="utf-8")
    for target in (tmp_path, settings):
        code, out, err = run(capsys, "valideer", str(target))
        assert code == 1
        assert f"{settings}:2:1: banden.sterk: moet een getal zijn" in out + err
        assert "1 met fouten" in err
    settings.write_text("[banden]\nsterk = 4.5\n", encoding="utf-8")
    code, _, err = run(capsys, "valideer", str(tmp_path))
    assert code == 0 and "2 bestanden gecontroleerd: geen fouten." in err


# --- file names are text from outside --------------------------------------------

TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_every_command_shows_paths_as_text(capsys, tmp_path, make_session):
    """A folder or file named with escape sequences (or bytes that are no UTF-8) never reaches the terminal raw."""
    folder = tmp_path / "\x1b]0;gekaapt\x07sessies"
    outputs = [new(capsys, folder), new(capsys, folder)]
    assert outputs[0][0] == 0 and outputs[1][0] == 1 and "bestaat al" in outputs[1][2]
    session = next(folder.glob("*.toml"))
    make_session('[vragen."oud.3"]\nscore = 2\n', name="\x1b[2Joud.toml", folder=folder)
    (folder / "\x9b31mkapot.toml").write_text("formaat = \n", encoding="utf-8")
    (Path(os.fsdecode(bytes(folder) + b"/niet-utf8-\xff.toml"))).write_text("", encoding="utf-8")
    outputs.append(run(capsys, "valideer", str(folder)))
    assert outputs[-1][0] == 1
    assert "?]0;gekaapt?sessies/?[2Joud.toml:" in outputs[-1][1] and "niet-utf8-?.toml" in outputs[-1][1]
    outputs.append(run(capsys, "nieuw", "--van", str(session), "--ronde", "2026-Q2"))
    assert outputs[-1][0] == 0
    outputs.append(run(capsys, "rapport", str(folder), "--uitvoer", str(tmp_path / "\x1b[31mrapport.md")))
    assert "Rapport geschreven: " in outputs[-1][2] and "?[31mrapport.md" in outputs[-1][2]
    for _code, out, err in outputs:
        assert TERMINAL_CONTROLS.search(out + err) is None, out + err


def test_nieuw_gives_respondents_whose_names_slugify_alike_their_own_files(capsys, tmp_path, content):
    folder = tmp_path / "sessies"

    def nieuw(organisation: str, role: str) -> tuple[int, str, str]:
        return run(
            capsys,
            "nieuw",
            "--samenwerking",
            "Horecateam Lindendal",
            "--ronde",
            "2026-Q1",
            "--organisatie",
            organisation,
            "--rol",
            role,
            "--map",
            str(folder),
        )

    code, first, _ = nieuw("Politie Oost", "x")
    assert code == 0
    code, second, _ = nieuw("Politie-Oost", "x")
    assert code == 0 and second != first
    code, third, _ = nieuw("Politie Oost!", "x")
    assert code == 0 and third not in (first, second)
    organisations = {load_session(Path(out.strip())).session.respondent.organisation for out in (first, second, third)}
    assert organisations == {"Politie Oost", "Politie-Oost", "Politie Oost!"}
    # The same respondent, spelled with other case and spacing, already has a file.
    code, out, err = nieuw("politie  oost", "X")
    assert code == 1 and out == "" and f"{first.strip()}: bestaat al" in err
    code, out, err = nieuw("Politie-Oost", "x")
    assert code == 1 and f"{second.strip()}: bestaat al" in err


# --- what valideer skips ------------------------------------------------------------


def test_valideer_names_everything_it_skips_in_a_folder_and_why(capsys, tmp_path, make_session):
    folder = tmp_path / "sessies"
    good = make_session(name="goed.toml", folder=folder)
    (folder / "weg.toml").symlink_to(folder / "bestaat-niet.toml")
    (folder / "kring.toml").symlink_to(folder / "kring.toml")
    os.mkfifo(folder / "pijp.toml")
    (folder / "archief.toml").mkdir()
    (folder / ".goed.toml.1a2b3c4d.tmp").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "valideer", str(folder))
    assert code == 1
    assert out.splitlines() == [
        f"{folder / 'archief.toml'}: overgeslagen: dit is een map, geen bestand (samenwerk kijkt niet in submappen)",
        f"{folder / 'kring.toml'}: overgeslagen: verwijzing (symlink) die in een kring naar zichzelf terugverwijst",
        f"{folder / 'pijp.toml'}: overgeslagen: dit is een named pipe (FIFO), geen gewoon bestand",
        f"{folder / 'weg.toml'}: overgeslagen: verwijzing (symlink) naar een bestand dat niet bestaat",
    ]
    assert err.strip() == "1 bestand gecontroleerd: geen fouten; 4 overgeslagen (geen gewoon bestand, zie hierboven)."
    # The good file is checked, and a file given by name is checked as before.
    assert run(capsys, "valideer", str(good)) == (0, "", "1 bestand gecontroleerd: geen fouten.\n")


def test_privacy_and_importeer_name_what_they_skip(capsys, tmp_path, make_session):
    folder = tmp_path / "ontvangen"
    make_session(name="goed.toml", folder=folder)
    (folder / "weg.toml").symlink_to(folder / "bestaat-niet.toml")
    code, out, _ = run(capsys, "privacy", str(folder))
    assert code == 1 and f"{folder / 'weg.toml'}: overgeslagen: verwijzing (symlink)" in out
    code, out, _ = run(capsys, "importeer", str(folder), "--map", str(tmp_path / "map"))
    assert (
        code == 1
        and f"{folder / 'weg.toml'}: overgeslagen: verwijzing (symlink) naar een bestand dat niet bestaat; niet geïmporteerd" in out
    )
    assert len(list((tmp_path / "map").glob("*.toml"))) == 1
