"""``samenwerk ronde``: start a round for every partner, and the messages to send them."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..textsafe import shown_path
from .common import PROG, command_parser, content_option, date_argument, load_content_or_report

if TYPE_CHECKING:
    from ..rounds import RoundStart


def make_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        f"{PROG} ronde",
        "Een evaluatieronde voor alle partners tegelijk.\n\n"
        "  samenwerk ronde nieuw [MAP] [--ronde LABEL] [--datum DATUM]\n"
        "      maakt voor elke deelnemer het bestand van de volgende ronde; notities, acties en logboek\n"
        "      gaan mee, scores beginnen leeg. Deelnemers: [[deelnemers]] in samenwerk-instellingen.toml,\n"
        "      anders iedereen van de laatste ronde. Zonder --ronde stelt samenwerk het volgende label voor.\n"
        "  samenwerk ronde uitnodiging [MAP] [--deadline DATUM]\n"
        "      toont per deelnemer het bestand en een korte e-mailtekst om mee te sturen.",
    )
    commands = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", required=True, title="opdrachten")
    new = commands.add_parser(
        "nieuw",
        aliases=["new"],
        prog=f"{PROG} ronde nieuw",
        add_help=False,
        formatter_class=parser.formatter_class,
        help="begin de volgende ronde voor alle deelnemers",
        description="Maak voor elke deelnemer het sessiebestand van de volgende ronde.",
    )
    _common(new)
    new.add_argument(
        "--ronde", metavar="LABEL", help="label van de nieuwe ronde (standaard: voorgesteld uit de vorige, zoals 2026-Q4 → 2027-Q1)"
    )
    new.add_argument("--datum", type=date_argument, metavar="DATUM", help="datum van de ronde, bijvoorbeeld 15-01-2027 (standaard vandaag)")
    invite = commands.add_parser(
        "uitnodiging",
        aliases=["invite"],
        prog=f"{PROG} ronde uitnodiging",
        add_help=False,
        formatter_class=parser.formatter_class,
        help="e-mailtekst per deelnemer voor de laatste ronde",
        description="Toon per deelnemer van de laatste ronde het bestand en een e-mailtekst om mee te sturen.",
    )
    _common(invite)
    invite.add_argument("--deadline", type=date_argument, metavar="DATUM", help="uiterste datum om te antwoorden, bijvoorbeeld 15-01-2027")
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser._positionals.title = "argumenten"
    parser._optionals.title = "opties"
    parser.add_argument("-h", "--help", action="help", help="toon deze hulptekst en stop")
    parser.add_argument(
        "map", nargs="?", type=Path, default=Path("sessions"), metavar="MAP", help="map met sessiebestanden (standaard: ./sessions)"
    )
    content_option(parser)


def run(args: argparse.Namespace) -> int:
    folder: Path = args.map
    if not folder.is_dir():
        print(f"{shown_path(folder)}: map bestaat niet", file=sys.stderr)
        return 2
    content = load_content_or_report(args.content)
    if content is None:
        return 1
    from ..store import load_folder

    load = load_folder(folder, content)
    for problem in load.problems:
        print(f"waarschuwing: {problem}", file=sys.stderr)
    if args.opdracht in ("nieuw", "new"):
        return _new_round(folder, content, load.sessions, args)
    return _invitations(load.sessions, args.deadline)


def _new_round(folder: Path, content, sessions, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from pydantic import ValidationError

    from ..dutch import plural
    from ..rounds import participants_of, propose_label, start_round
    from ..settings import read_settings
    from ..toml.messages import problems_from_validation

    settings_load = read_settings(folder)
    for problem in settings_load.problems:
        print(f"waarschuwing: {problem}", file=sys.stderr)
    if not sessions:
        print(
            f"{folder}: nog geen sessiebestanden; begin de eerste ronde met "
            f"{PROG} nieuw --samenwerking NAAM --ronde LABEL --deelnemer ORGANISATIE ROL …",
            file=sys.stderr,
        )
        return 2
    today = dt.date.today()
    label = (args.ronde or "").strip() or propose_label((loaded.session for loaded in sessions), today)
    taken = {loaded.session.round.label.strip().casefold() for loaded in sessions}
    participants = participants_of((loaded.session for loaded in sessions), settings_load.settings)
    try:
        result = start_round(folder, content, sessions, participants, label=label, round_date=args.datum or today, today=today)
    except ValidationError as error:
        for problem in problems_from_validation(Path("ronde"), "", error):
            print(f"{PROG} ronde nieuw: {problem.message}; niets geschreven", file=sys.stderr)
        return 2
    print_round_result(result)
    if label.casefold() in taken and not result.created:
        print(f"Ronde {label} bestaat al voor alle deelnemers.", file=sys.stderr)
    elif result.created:
        print(
            f"Ronde {label} begonnen voor {plural(len(result.created), 'deelnemer')}: notities en "
            f"{plural(result.carried_actions, 'actie')} ({result.open_actions} open) overgenomen; scores zijn leeg.\n"
            f"Stuur ieder zijn bestand: {PROG} ronde uitnodiging {folder}",
            file=sys.stderr,
        )
    return 1 if result.failed or not result.created else 0


def _invitations(sessions, deadline: dt.date | None) -> int:  # type: ignore[no-untyped-def]
    from ..invitation import round_invitations
    from ..textsafe import clean_line

    invitations = round_invitations(sessions, deadline)
    if not invitations:
        print("Geen sessiebestanden gevonden.", file=sys.stderr)
        return 1
    for index, invitation in enumerate(invitations):
        if index:
            print()
        who = invitation.organisation + (f" ({invitation.role})" if invitation.role else "")
        print(f"===== {clean_line(who)} — bestand: {clean_line(str(invitation.path))} =====")
        print(invitation.text)
    return 0


def print_round_result(result: RoundStart) -> None:
    """What a new round wrote, per participant: the new files on standard output, the rest on standard error."""
    for loaded in result.created:
        print(shown_path(loaded.path))
    for path in result.existing:
        print(f"{shown_path(path)}: bestaat al; niet gewijzigd", file=sys.stderr)
    for path, reason in result.failed:
        print(f"{shown_path(path)}: kan niet worden geschreven: {reason}", file=sys.stderr)
