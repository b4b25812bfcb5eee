"""``samenwerk importeer``: place partners' session files in the collaboration's folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..textsafe import shown_path
from .common import PROG, command_parser, content_option, load_content_or_report

CONFLICT_HINT = (
    "Niets gewijzigd. Kies met --overschrijf het ontvangen bestand (het oude blijft als reservekopie bewaard)\n"
    "of met --naast beide (het ontvangen bestand komt onder een eigen naam naast het oude)."
)
DIFFERENCES_SHOWN = 20


def make_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        f"{PROG} importeer",
        "Plaats sessiebestanden van partners (per e-mail of via een gedeelde map ontvangen) in de map van het\n"
        "samenwerkingsverband, onder een vaste naam: <samenwerking>--<ronde>--<organisatie>-<rol>.toml.\n"
        "Het ontvangen bestand blijft ongewijzigd. Staat er al een ander bestand van dezelfde respondent en\n"
        "ronde, dan toont samenwerk de verschillen en verandert niets, tenzij u --overschrijf of --naast kiest.\n"
        "Afsluitcode 0 als alles geplaatst of al aanwezig is, anders 1.",
    )
    parser.add_argument(
        "bestanden",
        nargs="+",
        type=Path,
        metavar="BESTAND",
        help="ontvangen sessiebestand, of een map met ontvangen sessiebestanden",
    )
    parser.add_argument(
        "--map",
        "--folder",
        dest="map",
        type=Path,
        metavar="MAP",
        default=Path("sessions"),
        help="map van het samenwerkingsverband (standaard: ./sessions)",
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--overschrijf",
        "--overwrite",
        dest="overwrite",
        action="store_true",
        help="bij verschillen: neem het ontvangen bestand; het oude blijft als reservekopie (.bak-…) bewaard",
    )
    choice.add_argument(
        "--naast",
        "--keep-both",
        dest="keep_both",
        action="store_true",
        help="bij verschillen: bewaar beide; het ontvangen bestand krijgt een eigen naam (…-ontvangen-DATUM.toml)",
    )
    content_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from ..exchange.apply import Choice, apply_import
    from ..exchange.describe import describe_differences
    from ..exchange.plan import ImportStatus, plan_import
    from ..store import ConflictError, load_folder, os_error_message
    from ..toml.read import FileProblem

    content = load_content_or_report(args.content)
    if content is None:
        return 1
    folder: Path = args.map
    if folder.exists() and not folder.is_dir():
        print(f"{shown_path(folder)}: is geen map", file=sys.stderr)
        return 2
    choice = Choice.KEEP_INCOMING if args.overwrite else Choice.KEEP_BOTH if args.keep_both else None
    failed = conflicts = False
    from ..store import iter_paths

    skipped: list = []  # type: ignore[type-arg]
    for source in iter_paths(args.bestanden, skipped):
        folder_sessions = load_folder(folder, content).sessions if folder.is_dir() else []
        shown = shown_path(source)
        try:
            plan = plan_import(source, folder, content, folder_sessions=folder_sessions)
        except FileProblem as error:
            failed = True
            print(f"{shown}: ongeldig sessiebestand; niet geïmporteerd")
            for problem in error.problems:
                print(f"  {problem}")
            continue
        if plan.status is ImportStatus.REFUSED:
            failed = True
            print(f"{shown}: geweigerd: {plan.reason}")
            continue
        if plan.status is ImportStatus.IDENTICAL:
            print(f"{shown}: al aanwezig (identiek aan {shown_path(plan.target)})")
            continue
        if plan.status is ImportStatus.DIFFERENT and choice is None:
            conflicts = True
            print(f"{shown}: conflict: verschilt van {shown_path(plan.target)} (oud → ontvangen):")
            for line in describe_differences(plan, limit=DIFFERENCES_SHOWN):
                print(f"  {line}")
            continue
        try:
            result = apply_import(plan, choice)
        except (ConflictError, FileExistsError):
            failed = True
            print(f"{shown}: {shown_path(plan.target)} is intussen gewijzigd; niets geschreven, probeer het opnieuw")
            continue
        except OSError as error:
            failed = True
            print(f"{shown}: kan niet schrijven in {shown_path(folder)} ({os_error_message(error)}); niets geïmporteerd")
            continue
        if plan.status is ImportStatus.NEW:
            print(f"{shown}: geplaatst als {shown_path(result.written)}")
        elif plan.status is ImportStatus.FILLS_IN:
            print(
                f"{shown}: ingevuld bestand neemt de plaats in van het nog lege {shown_path(result.written)}; "
                f"dat is bewaard als {shown_path(result.backup)}"
            )
        elif result.backup is not None:
            print(f"{shown}: {shown_path(result.written)} overschreven; het oude bestand is bewaard als {shown_path(result.backup)}")
        else:
            print(f"{shown}: naast {shown_path(plan.target)} geplaatst als {shown_path(result.written)}")
        if plan.incoming is not None:
            for warning in plan.incoming.warnings:
                print(f"  waarschuwing: {warning.message}")
    for problem in skipped:
        print(f"{problem}; niet geïmporteerd")
    if conflicts:
        print(CONFLICT_HINT, file=sys.stderr)
    return 1 if failed or conflicts or skipped else 0
