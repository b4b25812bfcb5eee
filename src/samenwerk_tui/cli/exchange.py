"""``samenwerk deel --anoniem``: an anonymised copy of a session file, for the exchange with partners."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..textsafe import shown_path
from .common import PROG, command_parser, content_option

ANONYMOUS_FOLDER = "anoniem"


def make_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        f"{PROG} deel",
        "Schrijf een kopie van een sessiebestand om te delen, zonder de naam van de respondent en met\n"
        "alles wat op persoonsgegevens lijkt gemaskeerd (bijvoorbeeld [BSN verwijderd]). Scores, notities\n"
        "en acties blijven verder gelijk; het oorspronkelijke bestand wordt niet gewijzigd.\n"
        f"Zonder --uitvoer komt de kopie in de map {ANONYMOUS_FOLDER}/ naast het bestand, onder dezelfde naam.",
    )
    parser.add_argument("bestand", type=Path, metavar="BESTAND", help="het sessiebestand")
    parser.add_argument(
        "--anoniem",
        "--anonymous",
        dest="anonymous",
        action="store_true",
        required=True,
        help="laat de naam van de respondent weg en maskeer persoonsgegevens (verplicht)",
    )
    parser.add_argument(
        "--uitvoer",
        "--output",
        dest="output",
        type=Path,
        metavar="PAD",
        help=f"bestand of bestaande map voor de kopie (standaard: {ANONYMOUS_FOLDER}/ naast het bestand)",
    )
    parser.add_argument(
        "--overschrijf",
        "--overwrite",
        dest="overwrite",
        action="store_true",
        help="vervang een eerder geschreven kopie",
    )
    content_option(parser)
    return parser


def output_path(source: Path, output: Path | None) -> Path:
    if output is None:
        return source.parent / ANONYMOUS_FOLDER / source.name
    if output.is_dir():
        return output / source.name
    return output


def run(args: argparse.Namespace) -> int:
    from ..content import load_content
    from ..privacy.anonymising import anonymise
    from ..privacy.findings import scan_session
    from ..privacy.kinds import KIND_NAME
    from ..store import atomic_write, load_session, os_error_message, serialize_session
    from ..toml.read import FileProblem, read_toml

    source: Path = args.bestand
    try:
        content = load_content(args.content)
        session = load_session(source, content).session
        findings = scan_session(session, source, read_toml(source).text)
    except FileProblem as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    target = output_path(source, args.output)
    if target.resolve() == source.resolve():
        print(f"{shown_path(target)}: dat is het oorspronkelijke bestand; kies een ander pad met --uitvoer", file=sys.stderr)
        return 2
    if target.exists() and not args.overwrite:
        print(f"{shown_path(target)}: bestaat al; niets geschreven (vervang het met --overschrijf)", file=sys.stderr)
        return 1
    anonymous = anonymise(session, findings)
    remaining = [finding for finding in scan_session(anonymous, names=[session.respondent.name]) if finding.kind != KIND_NAME]
    if remaining:
        # Masking made something new that looks like personal data: never write it.
        for finding in remaining:
            print(finding, file=sys.stderr)
        print("De kopie bevat nog persoonsgegevens; niets geschreven.", file=sys.stderr)
        return 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, serialize_session(anonymous, content))
    except OSError as error:
        print(f"{shown_path(target)}: kan niet schrijven ({os_error_message(error)}); niets geschreven", file=sys.stderr)
        return 1
    masked = sum(1 for finding in findings if finding.kind != KIND_NAME)
    name = any(finding.kind == KIND_NAME for finding in findings)
    print(shown_path(target))
    details = [f"{masked} {'gegeven' if masked == 1 else 'gegevens'} gemaskeerd"]
    if name:
        details.append("naam van de respondent weggelaten")
    print(
        f"Geanonimiseerde kopie geschreven naar {shown_path(target)}: {', '.join(details)}. {shown_path(source)} is ongewijzigd.",
        file=sys.stderr,
    )
    return 0
