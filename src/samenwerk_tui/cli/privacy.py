"""``samenwerk privacy``: look for personal data before session files are exchanged."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..dutch import plural
from .common import PROG, command_parser, content_option, load_content_or_report


def make_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        f"{PROG} privacy",
        "Zoek naar wat op persoonsgegevens lijkt in notities, acties, het logboek en de naam van de\n"
        "respondent: BSN's (met elfproef, ook met punten of spaties), e-mailadressen (ook als “naam at\n"
        "domein dot nl” of “[at]”), telefoonnummers (ook 06 - 1234 5678 en +31 (0)6 …), IBAN's, straat\n"
        "en huisnummer, postcodes (met huisnummer of plaats), namen met voorletters of aanhef (J. de Vries,\n"
        "mevr. Jansen, dhr. P. Bakker) en de naam van de respondent waar die ook staat.\n"
        "Eén regel per vondst: pad:regel: veld: soort: gemaskeerde tekst.\n"
        "Niet herkend: namen zonder voorletters of aanhef, buitenlandse adressen, kentekens en\n"
        "geboortedata; lees de notities daarom ook zelf na.\n"
        "Afsluitcode 1 als er iets is gevonden (of een bestand ongeldig is), anders 0.\n\n"
        f"Een kopie zonder deze gegevens maakt u met: {PROG} deel BESTAND --anoniem",
    )
    parser.add_argument("paden", nargs="+", type=Path, metavar="PAD", help="sessiebestand of map met sessiebestanden")
    content_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from ..privacy.findings import scan_file
    from ..privacy.kinds import NOT_RECOGNISED
    from ..store import iter_paths
    from ..toml.read import FileProblem

    content = load_content_or_report(args.content)
    if content is None:
        return 1
    files = found = 0
    files_with_findings = 0
    invalid = False
    skipped: list = []  # type: ignore[type-arg]
    for path in iter_paths(args.paden, skipped):
        files += 1
        try:
            findings = scan_file(path, content)
        except FileProblem as error:
            invalid = True
            for problem in error.problems:
                print(problem)
            continue
        for finding in findings:
            print(finding)
        found += len(findings)
        files_with_findings += bool(findings)
    for problem in skipped:
        print(problem)
    invalid = invalid or bool(skipped)
    if files == 0:
        print("Geen sessiebestanden gevonden.", file=sys.stderr)
        return 1
    checked = plural(files, "bestand")
    if found:
        print(
            f"{found} mogelijke {'persoonsgegeven' if found == 1 else 'persoonsgegevens'} gevonden in "
            f"{files_with_findings} van {checked}. Haal ze weg, of deel een geanonimiseerde kopie: "
            f"{PROG} deel BESTAND --anoniem",
            file=sys.stderr,
        )
        print(NOT_RECOGNISED, file=sys.stderr)
        return 1
    if invalid:
        print("Niet alle bestanden konden worden gecontroleerd (zie hierboven).", file=sys.stderr)
        return 1
    print(f"Geen persoonsgegevens gevonden in {checked}.", file=sys.stderr)
    print(NOT_RECOGNISED, file=sys.stderr)
    return 0
