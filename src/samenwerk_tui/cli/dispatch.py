"""The ``samenwerk`` command: the table of commands, and :func:`main`, which runs one.

Each command lives in its own module, imported only when it is used:
``samenwerk`` with no subcommand must reach the first painted screen fast, and
``samenwerk --help`` imports neither pydantic nor Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from .common import PROG
from .text import dutch_argparse

COMMANDS: dict[str, tuple[str, str]] = {
    "nieuw": ("samenwerk_tui.cli.new", "maak een sessiebestand (alias: new)"),
    "valideer": ("samenwerk_tui.cli.validate", "controleer sessiebestanden (alias: validate)"),
    "schema": ("samenwerk_tui.cli.schema", "toon het JSON Schema van sessiebestanden"),
    "ronde": ("samenwerk_tui.cli.round", "begin een ronde voor alle deelnemers, uitnodigingen (alias: round)"),
    "rapport": ("samenwerk_tui.cli.report", "rapport voor de stuurgroep (alias: report)"),
    "importeer": ("samenwerk_tui.cli.importing", "plaats sessiebestanden van partners in de map (alias: import)"),
    "privacy": ("samenwerk_tui.cli.privacy", "zoek persoonsgegevens voordat u bestanden deelt"),
    "deel": ("samenwerk_tui.cli.exchange", "schrijf een geanonimiseerde kopie om te delen (alias: share)"),
    "inhoud": ("samenwerk_tui.cli.content", "exporteer de ingebouwde checklist om aan te passen (alias: content)"),
    "vorm": ("samenwerk_tui.cli.form", "toon of leg de samenwerkingsvorm vast, of gebruik de keuzehulp (alias: form)"),
    "convenant": ("samenwerk_tui.cli.convenant", "conceptopzet van een convenant en de afvinklijst"),
}
"""Every command: name → (module, summary).

The module has ``make_parser() -> ArgumentParser`` and ``run(args) -> int``.
"""
ALIASES = {
    "new": "nieuw",
    "validate": "valideer",
    "report": "rapport",
    "import": "importeer",
    "share": "deel",
    "content": "inhoud",
    "round": "ronde",
    "form": "vorm",
}

Command = tuple[Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int]]


def _command(name: str) -> Command | None:
    if name not in COMMANDS:
        return None
    module = importlib.import_module(COMMANDS[name][0])
    return module.make_parser, module.run


def _commands_epilog() -> str:
    lines = ["opdrachten:"]
    for name, (_, summary) in COMMANDS.items():
        lines.append(f"  {name:<12} {summary}")
    lines.append(f"\nMeer over een opdracht: {PROG} OPDRACHT --help")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    name = ALIASES.get(arguments[0], arguments[0]) if arguments else None
    command = _command(name) if name else None
    if command is not None:
        make_parser, run = command
        with dutch_argparse():
            args = make_parser().parse_args(arguments[1:])
        return run(args)
    # No command: open the dashboard (samenwerk [MAP] [--respondent …]).
    from . import dashboard

    with dutch_argparse():
        args = dashboard.make_parser(_commands_epilog()).parse_args(arguments)
    return dashboard.run(args)


if __name__ == "__main__":
    sys.exit(main())
