"""``samenwerk inhoud exporteer``: the built-in checklist as files to adapt."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..textsafe import shown_path
from .common import PROG, command_parser

EXPORT_ACTIONS = ("exporteer", "export")


def make_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        f"{PROG} inhoud",
        "Werk met de inhoud: de checklist en de kennisbank.\n\n"
        f"  {PROG} inhoud exporteer MAP   schrijf de ingebouwde CCV-checklist en kennisbank als bewerkbare\n"
        "                                   bestanden naar MAP, om een eigen checklist mee te beginnen.\n\n"
        "Geef de aangepaste checklist in [meta] een eigen id of versie: sessiebestanden leggen vast met welke\n"
        f"inhoud ze zijn ingevuld. Gebruik de aangepaste inhoud met {PROG} --inhoud MAP.",
    )
    parser.add_argument("actie", choices=EXPORT_ACTIONS, metavar="exporteer", help="schrijf de ingebouwde inhoud naar MAP")
    parser.add_argument("map", type=Path, metavar="MAP", help="map voor de bestanden (wordt zo nodig gemaakt)")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..content import builtin_content_files
    from ..store import atomic_write, os_error_message

    folder: Path = args.map
    if folder.exists() and not folder.is_dir():
        print(f"{shown_path(folder)}: is geen map", file=sys.stderr)
        return 2
    files = builtin_content_files()
    existing = [folder / name for name in files if (folder / name).exists()]
    if existing:
        for path in existing:
            print(f"{shown_path(path)}: bestaat al; niets geschreven", file=sys.stderr)
        return 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            atomic_write(folder / name, data)
            print(shown_path(folder / name))
    except OSError as error:
        print(f"{shown_path(folder)}: kan niet schrijven ({os_error_message(error)})", file=sys.stderr)
        return 1
    print(
        f"Pas de bestanden aan en geef de checklist in [meta] een eigen id of versie. Gebruik ze met: {PROG} --inhoud {shown_path(folder)}",
        file=sys.stderr,
    )
    return 0
