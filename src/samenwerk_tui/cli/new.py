"""``samenwerk nieuw``: one session file, or a collaboration with a file for each participant."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from pathlib import Path

from ..dutch import plural
from ..textsafe import shown_path
from .common import PROG, command_parser, content_option, date_argument, load_content_or_report, print_problem


def make_parser() -> argparse.ArgumentParser:
    parser = command_parser(f"{PROG} nieuw", "Maak een sessiebestand voor een samenwerkingsverband, ronde en respondent.")
    parser.add_argument("--samenwerking", metavar="NAAM", help="naam van het samenwerkingsverband")
    parser.add_argument("--slug", help="korte vaste naam voor bestandsnamen (standaard afgeleid van de naam)")
    parser.add_argument("--ronde", metavar="LABEL", required=True, help='label van de ronde, bijvoorbeeld "2026-Q4"')
    parser.add_argument(
        "--datum", type=date_argument, metavar="DATUM", help="datum van de ronde, bijvoorbeeld 15-01-2027 (standaard vandaag)"
    )
    parser.add_argument("--fase", help="fase van de samenwerking: begin of onderweg")
    parser.add_argument("--organisatie", help="organisatie van de respondent")
    parser.add_argument("--rol", help="rol of functie van de respondent")
    parser.add_argument("--naam", help="naam van de respondent (optioneel)")
    parser.add_argument(
        "--deelnemer",
        action="append",
        nargs="+",
        metavar=("ORGANISATIE", "ROL"),
        help="deelnemende organisatie met contactrol (herhaal per partner): maakt voor elke deelnemer een bestand "
        "en zet de lijst in samenwerk-instellingen.toml",
    )
    parser.add_argument(
        "--van", type=Path, metavar="BESTAND", help="begin vanuit een eerdere ronde: notities en acties gaan mee, scores niet"
    )
    parser.add_argument("--map", type=Path, metavar="MAP", help="waar het bestand komt (standaard: de map van --van, anders ./sessions)")
    content_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from ..store import SCHEMA_FILE, create_session_file, load_session, new_session, os_error_message, session_path
    from ..toml.read import FileProblem

    content = load_content_or_report(args.content)
    if content is None:
        return 1
    if args.deelnemer:
        return _new_collaboration(args, content)
    try:
        previous = load_session(args.van, content).session if args.van else None
    except FileProblem as error:
        for problem in error.problems:
            print_problem(problem, sys.stderr)
        return 1
    collaboration = args.samenwerking or (previous.collaboration.name if previous else None)
    organisation = args.organisatie or (previous.respondent.organisation if previous else None)
    missing = [
        option
        for option, value in (("--samenwerking", collaboration), ("--ronde", args.ronde), ("--organisatie", organisation))
        if not value
    ]
    if missing or collaboration is None or organisation is None:
        print(f"{PROG} nieuw: geef ook {', '.join(missing)} op", file=sys.stderr)
        return 2
    phase = args.fase or (previous.phase if previous else "begin")
    if phase not in content.phases:
        print(f"{PROG} nieuw: onbekende fase {phase!r}; kies uit {', '.join(content.phases)}", file=sys.stderr)
        return 2
    from pydantic import ValidationError

    try:
        session = new_session(
            collaboration=collaboration,
            slug=args.slug or (previous.collaboration.slug if previous else None),
            round_label=args.ronde,
            round_date=args.datum or dt.date.today(),
            phase=phase,
            organisation=organisation,
            role=args.rol if args.rol is not None else (previous.respondent.role if previous else ""),
            name=args.naam if args.naam is not None else (previous.respondent.name if previous else ""),
            content=content,
            previous=previous,
        )
    except ValidationError as error:
        from ..toml.messages import problems_from_validation

        for problem in problems_from_validation(Path("nieuw"), "", error):
            print(f"{PROG} nieuw: {problem.message}", file=sys.stderr)
        return 2
    folder: Path = args.map or (args.van.parent if args.van else Path("sessions"))
    path = session_path(folder, session)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        create_session_file(path, session, content)
    except FileExistsError:
        if not folder.is_dir():
            print(f"{shown_path(folder)}: is geen map; niets geschreven", file=sys.stderr)
        else:
            print(f"{shown_path(path)}: bestaat al; niets geschreven", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{shown_path(path)}: kan niet worden geschreven: {os_error_message(error)}; niets geschreven", file=sys.stderr)
        return 1
    schema_path = folder / SCHEMA_FILE
    if not schema_path.exists():
        import json

        from ..schema import session_json_schema
        from ..store import atomic_write

        with contextlib.suppress(OSError):  # Only a help for TOML editors; the session file is written.
            atomic_write(schema_path, (json.dumps(session_json_schema(), indent=2, ensure_ascii=False) + "\n").encode(), replace=False)
    print(shown_path(path))
    if previous is not None:
        actions = len(session.actions)
        open_actions = sum(1 for action in session.actions.values() if action.is_open())
        print(
            f"Overgenomen uit {shown_path(args.van)}: notities en {plural(actions, 'actie')} ({open_actions} open); scores zijn leeg.",
            file=sys.stderr,
        )
    return 0


def _new_collaboration(args: argparse.Namespace, content) -> int:  # type: ignore[no-untyped-def]
    """``nieuw --deelnemer …``: the participant list in the settings, and the round's file for each."""
    from pydantic import ValidationError

    from ..dutch import plural
    from ..rounds import check_round, start_round
    from ..settings import CollaborationInfo, Participant, read_settings, update_settings_file
    from ..store import ConflictError, os_error_message
    from ..toml.read import FileProblem
    from .round import print_round_result

    if args.van:
        print(f"{PROG} nieuw: --van en --deelnemer gaan niet samen; gebruik {PROG} ronde nieuw", file=sys.stderr)
        return 2
    missing = [option for option, value in (("--samenwerking", args.samenwerking), ("--ronde", args.ronde)) if not value]
    if missing:
        print(f"{PROG} nieuw: geef ook {', '.join(missing)} op", file=sys.stderr)
        return 2
    phase = args.fase or "begin"
    if phase not in content.phases:
        print(f"{PROG} nieuw: onbekende fase {phase!r}; kies uit {', '.join(content.phases)}", file=sys.stderr)
        return 2
    folder: Path = args.map or Path("sessions")
    given = [values for values in args.deelnemer]
    if args.organisatie:
        given.insert(0, [args.organisatie, args.rol or ""])
    participants: dict[str, Participant] = {}
    try:
        check_round(args.ronde, args.datum or dt.date.today())
    except ValidationError as error:
        from ..toml.messages import problems_from_validation

        for problem in problems_from_validation(Path("nieuw"), "", error):
            print(f"{PROG} nieuw: {problem.message}; niets geschreven", file=sys.stderr)
        return 2
    try:
        existing = read_settings(folder).settings if folder.is_dir() else None
        for participant in existing.participants if existing else ():
            participants.setdefault(participant.key, participant)
        for values in given:
            if len(values) > 2:
                print(f"{PROG} nieuw: --deelnemer heeft een organisatie en hoogstens één rol: {values!r}", file=sys.stderr)
                return 2
            participant = Participant(organisation=values[0], role=values[1] if len(values) > 1 else "")
            participants.setdefault(participant.key, participant)
    except ValidationError as error:
        print(f"{PROG} nieuw: ongeldige deelnemer: {error.errors(include_url=False)[0]['msg']}", file=sys.stderr)
        return 2
    try:
        folder.mkdir(parents=True, exist_ok=True)
        update_settings_file(
            folder,
            participants=list(participants.values()),
            collaboration=CollaborationInfo(name=args.samenwerking, phase=phase),
        )
    except FileProblem as error:
        for problem in error.problems:
            print_problem(problem, sys.stderr)
        print(f"{PROG} nieuw: de instellingen zijn niet gewijzigd; herstel eerst het bestand", file=sys.stderr)
        return 1
    except (ConflictError, OSError) as error:
        reason = os_error_message(error) if isinstance(error, OSError) else "intussen gewijzigd"
        print(f"{shown_path(folder)}: instellingen niet geschreven ({reason})", file=sys.stderr)
        return 1
    try:
        result = start_round(
            folder,
            content,
            [],
            participants.values(),
            label=args.ronde,
            round_date=args.datum or dt.date.today(),
            collaboration=args.samenwerking,
            slug=args.slug,
            phase=phase,
        )
    except ValidationError as error:
        from ..toml.messages import problems_from_validation

        for problem in problems_from_validation(Path("nieuw"), "", error):
            print(f"{PROG} nieuw: {problem.message}; geen sessiebestanden geschreven", file=sys.stderr)
        return 2
    print_round_result(result)
    print(
        f"{plural(len(participants), 'deelnemer')} in {shown_path(folder / 'samenwerk-instellingen.toml')}; "
        f"stuur ieder zijn bestand: {PROG} ronde uitnodiging {folder}",
        file=sys.stderr,
    )
    return 1 if result.failed else 0
