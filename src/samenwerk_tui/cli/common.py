"""What the command modules share: the parser with Dutch help, common options, and loading with Dutch messages.

Imports stay light: ``samenwerk --help`` builds a parser from here, so pydantic
and the checklist are imported only inside the functions that need them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

PROG = "samenwerk"


class _DutchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix="gebruik: ")


def command_parser(prog: str, description: str, epilog: str | None = None) -> argparse.ArgumentParser:
    """A parser whose help speaks Dutch; argparse's own messages follow under ``dutch_argparse``."""
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


def content_option(parser: argparse.ArgumentParser) -> None:
    """``--inhoud MAP`` (alias ``--content``): a custom checklist instead of the built-in one."""
    parser.add_argument(
        "--content",
        "--inhoud",
        dest="content",
        type=Path,
        metavar="MAP",
        help="gebruik de checklist in MAP in plaats van de ingebouwde CCV-checklist",
    )


def date_argument(value: str) -> dt.date:
    """An argparse ``type`` for dates as users type them (15-01-2027, 2027-01-15)."""
    from ..dutch import parse_date

    try:
        return parse_date(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def print_problem(problem: object, stream=None) -> None:  # type: ignore[no-untyped-def]
    print(problem, file=stream or sys.stdout)


def load_content_or_report(folder: Path | None, stream=None):  # type: ignore[no-untyped-def]
    """The checklist (built in, or in ``folder``); ``None`` after printing why it cannot be loaded."""
    from ..content import load_content
    from ..toml.read import FileProblem

    try:
        return load_content(folder)
    except FileProblem as error:
        for problem in error.problems:
            print_problem(problem, stream or sys.stderr)
        return None


def stops_quietly_on_closed_pipe(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
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
