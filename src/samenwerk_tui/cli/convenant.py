"""``samenwerk convenant MAP``: a draft outline of a convenant, and the convenant's tick list."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..textsafe import shown_path
from .common import PROG, command_parser, content_option, date_argument, load_content_or_report, print_problem


def make_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        f"{PROG} convenant",
        "Schrijf een conceptopzet van een convenant (Markdown): één hoofdstuk per onderdeel dat een convenant\n"
        "volgens de CCV-publicatie in ieder geval regelt, gevuld met de notities van de partners bij de\n"
        "bijbehorende vragen, elk met partner en ronde. Een beginpunt voor de juristen, geen convenanttekst.\n\n"
        "Met --geregeld of --niet-geregeld houdt u bij wat het convenant al regelt (in\n"
        "MAP/samenwerk-instellingen.toml; de rest van dat bestand blijft zoals het is).\n\n"
        "voorbeelden:\n"
        f"  {PROG} convenant sessions/ --uitvoer concept-convenant.md\n"
        f'  {PROG} convenant sessions/ --geregeld probleemdefinitie --artikel "artikel 2" --datum 2026-04-09\n'
        f"  {PROG} convenant sessions/ --lijst",
        epilog="Afsluitcode 0 als het gelukt is, 1 als er bestanden met fouten waren of niets geschreven kon\n"
        "worden, 2 bij een verkeerde opdracht.",
    )
    parser.add_argument("map", type=Path, metavar="MAP", help="map met sessiebestanden")
    parser.add_argument("--uitvoer", type=Path, metavar="BESTAND", help="schrijf de opzet naar BESTAND (standaard: het scherm)")
    parser.add_argument("--lijst", action="store_true", help="toon alleen de afvinklijst: welke onderdelen het convenant regelt")
    parser.add_argument("--geregeld", metavar="ONDERDEEL", help="vink een onderdeel af als geregeld")
    parser.add_argument("--niet-geregeld", dest="niet_geregeld", metavar="ONDERDEEL", help="zet een onderdeel op nog niet geregeld")
    parser.add_argument("--artikel", help='bij --geregeld/--niet-geregeld: waar in het convenant, bijvoorbeeld "artikel 2"')
    parser.add_argument(
        "--datum", type=date_argument, metavar="JJJJ-MM-DD", help="bij --geregeld: sinds wanneer (ondertekening of wijziging)"
    )
    parser.add_argument("--samenwerking", metavar="SLUG", help="welk samenwerkingsverband, als de map er meer bevat")
    parser.add_argument("--vandaag", type=date_argument, metavar="JJJJ-MM-DD", help="de datum van vandaag in de opzet (standaard vandaag)")
    content_option(parser)
    return parser


def _tick(args: argparse.Namespace, content, settings_load, folder: Path) -> int:  # type: ignore[no-untyped-def]
    from ..advice import convenant_order
    from ..advice_settings import SettingsChanged, write_advice_settings
    from ..settings import ConvenantEntry
    from ..toml.read import FileProblem

    element_id = args.geregeld or args.niet_geregeld
    order = convenant_order(content)
    if element_id not in order:
        print(f"{PROG} convenant: onbekend onderdeel {element_id!r}; kies uit {', '.join(order)}", file=sys.stderr)
        return 2
    settings = settings_load.settings
    entry = ConvenantEntry(settled=bool(args.geregeld), article=args.artikel or "", date=args.datum)
    convenant = {**settings.convenant, element_id: entry}
    try:
        write_advice_settings(folder, settings.form, convenant, order=order, expected=(settings.form, settings.convenant))
    except FileProblem as error:
        for problem in error.problems:
            print_problem(problem, sys.stderr)
        return 1
    except SettingsChanged:
        print(f"{shown_path(folder)}: samenwerk-instellingen.toml is intussen gewijzigd; probeer het opnieuw", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"{shown_path(folder)}: niet geschreven: {error}", file=sys.stderr)
        return 1
    from ..advice_text import convenant_blocks, to_plain

    sys.stdout.write(to_plain(convenant_blocks(content, settings.model_copy(update={"convenant": convenant}))))
    return 0


def run(args: argparse.Namespace) -> int:
    from ..advice_text import convenant_blocks, to_plain
    from ..analysis import analyse
    from ..convenant_outline import convenant_outline
    from ..settings import read_settings
    from ..store import atomic_write, load_folder

    folder: Path = args.map
    if not folder.is_dir():
        print(f"{shown_path(folder)}: map bestaat niet", file=sys.stderr)
        return 2
    if args.geregeld and args.niet_geregeld:
        print(f"{PROG} convenant: geef --geregeld of --niet-geregeld, niet allebei", file=sys.stderr)
        return 2
    content = load_content_or_report(args.content)
    if content is None:
        return 1
    settings_load = read_settings(folder)
    for problem in settings_load.problems:
        print_problem(problem, sys.stderr)
    if args.geregeld or args.niet_geregeld:
        return _tick(args, content, settings_load, folder)
    if args.lijst:
        sys.stdout.write(to_plain(convenant_blocks(content, settings_load.settings)))
        return 1 if settings_load.problems else 0
    load = load_folder(folder, content)
    for problem in load.problems:
        print_problem(problem, sys.stderr)
    histories = analyse(load.sessions, content, settings_load.settings)
    if args.samenwerking:
        histories = [history for history in histories if history.slug == args.samenwerking]
    if len(histories) != 1:
        found = ", ".join(history.slug for history in histories) or "geen"
        print(
            f"{PROG} convenant: verwacht één samenwerkingsverband in {folder}, gevonden: {found} (kies met --samenwerking)", file=sys.stderr
        )
        return 2 if histories else 1
    text = convenant_outline(histories[0], content, settings_load.settings, args.vandaag or dt.date.today())
    if args.uitvoer is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        try:
            atomic_write(args.uitvoer, text.encode("utf-8"))
        except OSError as error:
            print(f"{args.uitvoer}: kan niet schrijven ({error.strerror or error})", file=sys.stderr)
            return 1
        print(f"Conceptopzet geschreven: {args.uitvoer} (een beginpunt voor de juristen)", file=sys.stderr)
    return 1 if load.problems or settings_load.problems else 0
