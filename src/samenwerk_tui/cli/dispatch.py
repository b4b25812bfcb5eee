"""The ``samenwerk`` command: open the dashboard, or work on session files.

Imports are lazy: ``samenwerk`` with no subcommand must reach the first
painted screen fast, so nothing here imports pydantic or Textual up front.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from .. import __version__
from ..dutch import plural
from ..textsafe import shown_path
from .text import ARGPARSE_DUTCH, dutch_ngettext

PROG = "samenwerk"


class _DutchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix="gebruik: ")


@contextlib.contextmanager
def dutch_argparse() -> Iterator[None]:
    """argparse's own messages in Dutch while samenwerk's parsers are built and read.

    argparse looks its messages up through the module-level ``_`` and ``ngettext`` when it
    formats them; they are swapped only for the duration and always restored, so other code
    in the same process (a test runner, a program embedding samenwerk) keeps argparse as it was.
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda message: ARGPARSE_DUTCH.get(message, message)  # type: ignore[attr-defined]
    argparse.ngettext = dutch_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _parser(prog: str, description: str, epilog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=description,
        epilog=epilog,
        formatter_class=_DutchHelpFormatter,
        add_help=False,
    )
    parser._positionals.title = "argumenten"
    parser._optionals.title = "opties"
    parser.add_argument("-h", "--help", action="help", help="toon deze hulptekst en stop")
    return parser


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        "--inhoud",
        dest="content",
        type=Path,
        metavar="MAP",
        help="gebruik de checklist in MAP in plaats van de ingebouwde CCV-checklist",
    )


def _date(value: str) -> dt.date:
    from ..dutch import parse_date

    try:
        return parse_date(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# --- commands ----------------------------------------------------------------


def _print_problem(problem: object, stream=None) -> None:  # type: ignore[no-untyped-def]
    print(problem, file=stream or sys.stdout)


def load_content_or_report(folder: Path | None, stream=None):  # type: ignore[no-untyped-def]
    """The checklist (built in, or in ``folder``); ``None`` after printing why it cannot be loaded."""
    from ..content import load_content
    from ..toml.read import FileProblem

    try:
        return load_content(folder)
    except FileProblem as error:
        for problem in error.problems:
            _print_problem(problem, stream or sys.stderr)
        return None


def cmd_open(args: argparse.Namespace) -> int:
    folder: Path | None = args.map
    session_path: Path | None = None
    if folder is not None and folder.suffix.lower() == ".toml" and not folder.is_dir():
        # samenwerk BESTAND.toml: its folder, with that respondent's file current.
        if not folder.is_file():
            print(f"{shown_path(folder)}: bestand bestaat niet", file=sys.stderr)
            return 2
        session_path = folder
        folder = folder.parent
    # An empty or missing folder opens too: the dashboard offers to set up a collaboration there.
    folder = folder if folder is not None else Path("sessions")
    if folder.exists() and not folder.is_dir():
        print(f"{shown_path(folder)}: is geen map", file=sys.stderr)
        return 2
    from ..ui.app import create_app

    app = create_app(folder=folder, content_folder=args.content, respondent=args.respondent, session_path=session_path)
    app.run()
    return app.return_code or 0


def _stops_quietly_on_closed_pipe(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """``samenwerk schema | head`` closes the pipe early: stop without a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except BrokenPipeError:
            # Python would complain again when it flushes stdout at exit.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1

    run.__doc__ = command.__doc__
    return run


def _with_settings_files(paths: Sequence[Path], skipped: list) -> Iterable[Path]:  # type: ignore[type-arg]
    """The files to check: as given, and in a folder its session files and its settings file.

    What a folder holds that is named like a session file but cannot be one
    is added to ``skipped``.
    """
    from ..store import SETTINGS_FILE, iter_paths

    for path in paths:
        yield from iter_paths([path], skipped)
        if path.is_dir() and (path / SETTINGS_FILE).is_file():
            yield path / SETTINGS_FILE


@_stops_quietly_on_closed_pipe
def cmd_validate(args: argparse.Namespace) -> int:
    from ..settings import read_settings
    from ..store import SETTINGS_FILE, load_session
    from ..toml.read import FileProblem, Problem

    content = load_content_or_report(args.content, sys.stdout)
    if content is None:
        return 1
    failed = 0
    count = 0
    skipped: list[Problem] = []
    for path in _with_settings_files(args.paden, skipped):
        count += 1
        if path.name == SETTINGS_FILE:
            settings_problems = read_settings(path.parent).problems
            failed += bool(settings_problems)
            for problem in settings_problems:
                _print_problem(problem)
            continue
        try:
            loaded = load_session(path, content)
        except FileProblem as error:
            failed += 1
            for problem in error.problems:
                _print_problem(problem)
            continue
        for warning in loaded.warnings:
            print(f"{warning.location}: waarschuwing: {warning.message}")
        if loaded.read_only_reason:
            print(f"{Problem(path).location}: waarschuwing: {loaded.read_only_reason}")
    for problem in skipped:
        _print_problem(problem)
    if count == 0:
        print("Geen sessiebestanden gevonden.", file=sys.stderr)
        return 1
    checked = f"{plural(count, 'bestand')} gecontroleerd"
    if skipped:
        errors = f"{failed} met fouten" if failed else "geen fouten"
        print(f"{checked}: {errors}; {len(skipped)} overgeslagen (geen gewoon bestand, zie hierboven).", file=sys.stderr)
        return 1
    if failed:
        print(f"{checked}: {failed} met fouten.", file=sys.stderr)
        return 1
    print(f"{checked}: geen fouten.", file=sys.stderr)
    return 0


@_stops_quietly_on_closed_pipe
def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from ..schema import session_json_schema

    print(json.dumps(session_json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
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
            _print_problem(problem, sys.stderr)
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
            f"Overgenomen uit {shown_path(args.van)}: notities en {plural(actions, 'actie')} "
            f"({open_actions} open); scores zijn leeg.",
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
            _print_problem(problem, sys.stderr)
        print(f"{PROG} nieuw: de instellingen zijn niet gewijzigd; herstel eerst het bestand", file=sys.stderr)
        return 1
    except (ConflictError, OSError) as error:
        reason = os_error_message(error) if isinstance(error, OSError) else "intussen gewijzigd"
        print(f"{shown_path(folder)}: instellingen niet geschreven ({reason})", file=sys.stderr)
        return 1
    try:
        result = start_round(
            folder, content, [], participants.values(), label=args.ronde, round_date=args.datum or dt.date.today(),
            collaboration=args.samenwerking, slug=args.slug, phase=phase,
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


# --- parsing -----------------------------------------------------------------


def _open_parser() -> argparse.ArgumentParser:
    parser = _parser(
        PROG,
        "Evalueer een samenwerkingsverband in de handhaving met de checklist van het CCV.\n"
        "Zonder opdracht opent samenwerk het dashboard op een map met sessiebestanden.",
        epilog=_commands_epilog(),
    )
    parser.add_argument(
        "map", nargs="?", type=Path, metavar="MAP",
        help="map met sessiebestanden (standaard: ./sessions), of één sessiebestand om dat te openen",
    )
    _content_option(parser)
    parser.add_argument("--respondent", metavar="ORGANISATIE", help="open de sessie van deze organisatie")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}", help="toon het versienummer en stop")
    return parser


def _new_parser() -> argparse.ArgumentParser:
    parser = _parser(f"{PROG} nieuw", "Maak een sessiebestand voor een samenwerkingsverband, ronde en respondent.")
    parser.add_argument("--samenwerking", metavar="NAAM", help="naam van het samenwerkingsverband")
    parser.add_argument("--slug", help="korte vaste naam voor bestandsnamen (standaard afgeleid van de naam)")
    parser.add_argument("--ronde", metavar="LABEL", required=True, help='label van de ronde, bijvoorbeeld "2026-Q4"')
    parser.add_argument("--datum", type=_date, metavar="DATUM", help="datum van de ronde, bijvoorbeeld 15-01-2027 (standaard vandaag)")
    parser.add_argument("--fase", help="fase van de samenwerking: begin of onderweg")
    parser.add_argument("--organisatie", help="organisatie van de respondent")
    parser.add_argument("--rol", help="rol of functie van de respondent")
    parser.add_argument("--naam", help="naam van de respondent (optioneel)")
    parser.add_argument(
        "--deelnemer", action="append", nargs="+", metavar=("ORGANISATIE", "ROL"),
        help="deelnemende organisatie met contactrol (herhaal per partner): maakt voor elke deelnemer een bestand "
        "en zet de lijst in samenwerk-instellingen.toml",
    )
    parser.add_argument("--van", type=Path, metavar="BESTAND", help="begin vanuit een eerdere ronde: notities en acties gaan mee, scores niet")
    parser.add_argument("--map", type=Path, metavar="MAP", help="waar het bestand komt (standaard: de map van --van, anders ./sessions)")
    _content_option(parser)
    return parser


def _validate_parser() -> argparse.ArgumentParser:
    parser = _parser(
        f"{PROG} valideer",
        "Controleer sessiebestanden. Eén regel per probleem: pad:regel:kolom: melding.\n"
        "Afsluitcode 0 als alles geldig is, 1 als er een fout is.",
    )
    parser.add_argument("paden", nargs="+", type=Path, metavar="PAD", help="bestand of map")
    _content_option(parser)
    return parser


def _schema_parser() -> argparse.ArgumentParser:
    return _parser(f"{PROG} schema", "Toon het JSON Schema van sessiebestanden (voor TOML-editors).")


Command = tuple[Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int], str]

COMMANDS: dict[str, Command] = {
    "nieuw": (_new_parser, cmd_new, "maak een sessiebestand (alias: new)"),
    "valideer": (_validate_parser, cmd_validate, "controleer sessiebestanden (alias: validate)"),
    "schema": (_schema_parser, cmd_schema, "toon het JSON Schema van sessiebestanden"),
}
MODULE_COMMANDS: dict[str, tuple[str, str]] = {
    "ronde": ("samenwerk_tui.cli.round", "begin een ronde voor alle deelnemers, uitnodigingen (alias: round)"),
    "rapport": ("samenwerk_tui.cli.report", "rapport voor de stuurgroep (alias: report)"),
    "importeer": ("samenwerk_tui.cli.importing", "plaats sessiebestanden van partners in de map (alias: import)"),
    "privacy": ("samenwerk_tui.cli.privacy", "zoek persoonsgegevens voordat u bestanden deelt"),
    "deel": ("samenwerk_tui.cli.exchange", "schrijf een geanonimiseerde kopie om te delen (alias: share)"),
    "inhoud": ("samenwerk_tui.cli.content", "exporteer de ingebouwde checklist om aan te passen (alias: content)"),
    "vorm": ("samenwerk_tui.cli.form", "toon of leg de samenwerkingsvorm vast, of gebruik de keuzehulp (alias: form)"),
    "convenant": ("samenwerk_tui.cli.convenant", "conceptopzet van een convenant en de afvinklijst"),
}
"""Commands in their own module (imported only when used): name → (module, summary).

The module has ``make_parser() -> ArgumentParser`` and ``run(args) -> int``.
"""
ALIASES = {"new": "nieuw", "validate": "valideer", "report": "rapport", "import": "importeer", "share": "deel", "content": "inhoud", "round": "ronde", "form": "vorm"}


def _command(name: str) -> Command | None:
    if name in COMMANDS:
        return COMMANDS[name]
    if name in MODULE_COMMANDS:
        module_name, summary = MODULE_COMMANDS[name]
        module = importlib.import_module(module_name)
        return module.make_parser, module.run, summary
    return None


def _commands_epilog() -> str:
    lines = ["opdrachten:"]
    summaries = {name: summary for name, (_, _, summary) in COMMANDS.items()}
    summaries.update({name: summary for name, (_, summary) in MODULE_COMMANDS.items()})
    for name, summary in summaries.items():
        lines.append(f"  {name:<12} {summary}")
    lines.append(f"\nMeer over een opdracht: {PROG} OPDRACHT --help")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    name = ALIASES.get(arguments[0], arguments[0]) if arguments else None
    command = _command(name) if name else None
    if command is not None:
        make_parser, run, _ = command
        with dutch_argparse():
            args = make_parser().parse_args(arguments[1:])
        return run(args)
    with dutch_argparse():
        args = _open_parser().parse_args(arguments)
    return cmd_open(args)


if __name__ == "__main__":
    sys.exit(main())
