"""``samenwerk [MAP]``: open the dashboard on a folder of session files, or on one file in its folder.

The dashboard (and with it Textual) is imported inside :func:`run`, only when
it is opened: ``samenwerk --help`` and every other command stay without it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import __version__
from ..textsafe import shown_path
from .common import PROG, command_parser, content_option


def make_parser(epilog: str) -> argparse.ArgumentParser:
    """The parser of ``samenwerk`` itself; ``epilog`` lists the commands."""
    parser = command_parser(
        PROG,
        "Evalueer een samenwerkingsverband in de handhaving met de checklist van het CCV.\n"
        "Zonder opdracht opent samenwerk het dashboard op een map met sessiebestanden.",
        epilog=epilog,
    )
    parser.add_argument(
        "map",
        nargs="?",
        type=Path,
        metavar="MAP",
        help="map met sessiebestanden (standaard: ./sessions), of één sessiebestand om dat te openen",
    )
    content_option(parser)
    parser.add_argument("--respondent", metavar="ORGANISATIE", help="open de sessie van deze organisatie")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}", help="toon het versienummer en stop")
    return parser


def run(args: argparse.Namespace) -> int:
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
