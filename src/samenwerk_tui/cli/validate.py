"""``samenwerk valideer``: check session files and settings, one line per problem with its place."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..dutch import plural
from .common import PROG, command_parser, content_option, load_content_or_report, print_problem, stops_quietly_on_closed_pipe


def make_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        f"{PROG} valideer",
        "Controleer sessiebestanden. Eén regel per probleem: pad:regel:kolom: melding.\n"
        "Afsluitcode 0 als alles geldig is, 1 als er een fout is.",
    )
    parser.add_argument("paden", nargs="+", type=Path, metavar="PAD", help="bestand of map")
    content_option(parser)
    return parser


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


@stops_quietly_on_closed_pipe
def run(args: argparse.Namespace) -> int:
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
                print_problem(problem)
            continue
        try:
            loaded = load_session(path, content)
        except FileProblem as error:
            failed += 1
            for problem in error.problems:
                print_problem(problem)
            continue
        for warning in loaded.warnings:
            print(f"{warning.location}: waarschuwing: {warning.message}")
        if loaded.read_only_reason:
            print(f"{Problem(path).location}: waarschuwing: {loaded.read_only_reason}")
    for problem in skipped:
        print_problem(problem)
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
