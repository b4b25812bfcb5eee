"""``samenwerk rapport MAP``: the report for the stuurgroep, without opening the dashboard.

Bad files in the folder (sessions or settings) are reported on stderr in
Dutch; the report is made from the good ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

from ..textsafe import shown_path
from .common import PROG, command_parser, content_option, date_argument, load_content_or_report, print_problem

FORMAT_HELP = (
    "md (Markdown, standaard), csv, json, html (een pagina met grafieken, ook om af te drukken) of xlsx "
    "(een Excel-werkmap); html en xlsx alleen met --uitvoer"
)
ANONYMOUS_HELP = (
    "anoniem rapport: organisaties worden Partner A, B, C…, zonder rollen, namen en notities; cijfers per "
    "partner alleen waar minstens minimum_respondenten (samenwerk-instellingen.toml, standaard 3) "
    "respondenten achter staan"
)
NOTES_HELP = (
    "met --anoniem: neem notities en logboek toch op, na de privacycontrole (BSN, e-mail, telefoon, IBAN, "
    "adres worden gemaskeerd; organisaties, rollen en namen in de tekst vervangen)"
)
CSV_STYLE_HELP = "excel (standaard: puntkomma, decimale komma, voor Nederlandse Excel) of plain (komma, punt)"


def make_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        f"{PROG} rapport",
        "Maak een rapport voor de stuurgroep van de sessiebestanden in MAP: de laatste ronde met scores, met de\n"
        "succesfactoren, achteruitgang, verschil van inzicht, acties en logboek (Markdown), of alle\n"
        "rondes als tabel (CSV) of als gegevens (JSON, zie docs/rapport-json.md); een pagina met grafieken\n"
        "(HTML) of een Excel-werkmap (xlsx). Met --anoniem zonder namen van organisaties en personen.",
        epilog="Afsluitcode 0 als alles goed ging; 1 als er bestanden met fouten waren (het rapport is dan\n"
        "gemaakt van de goede bestanden, met de standaardinstellingen voor wat in samenwerk-instellingen.toml\n"
        "niet klopt) of als er geen rapport kon worden gemaakt; 2 bij een verkeerde opdracht.",
    )
    parser.add_argument("map", type=Path, metavar="MAP", help="map met sessiebestanden")
    parser.add_argument("--formaat", choices=("md", "csv", "json", "html", "xlsx"), default="md", help=FORMAT_HELP)
    parser.add_argument("--csv-stijl", dest="csv_stijl", choices=("excel", "plain"), default="excel", help=CSV_STYLE_HELP)
    parser.add_argument("--uitvoer", type=Path, metavar="BESTAND", help="schrijf naar BESTAND (standaard: het scherm)")
    parser.add_argument("--samenwerking", metavar="SLUG", help="welk samenwerkingsverband, als de map er meer bevat")
    parser.add_argument(
        "--ronde", metavar="LABEL", help="Markdown over deze ronde in plaats van de laatste (CSV en JSON bevatten alle rondes)"
    )
    parser.add_argument("--anoniem", action="store_true", help=ANONYMOUS_HELP)
    parser.add_argument("--met-notities", dest="met_notities", action="store_true", help=NOTES_HELP)
    parser.add_argument(
        "--datum", type=date_argument, metavar="JJJJ-MM-DD", help="de datum van vandaag voor het rapport (standaard vandaag)"
    )
    content_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from ..analysis import analyse
    from ..cache import load_folder_cached
    from ..report.formats import make_report
    from ..report.json import iter_json_report
    from ..settings import read_settings
    from ..store import atomic_write, os_error_message

    folder: Path = args.map
    if args.formaat in ("html", "xlsx") and args.uitvoer is None:
        print(f"{PROG} rapport: --formaat {args.formaat} schrijft een bestand; geef het met --uitvoer BESTAND", file=sys.stderr)
        return 2
    if args.met_notities and not args.anoniem:
        print(f"{PROG} rapport: --met-notities hoort bij --anoniem (een gewoon rapport bevat de notities al)", file=sys.stderr)
        return 2
    if not folder.is_dir():
        print(f"{shown_path(folder)}: map bestaat niet", file=sys.stderr)
        return 2
    content = load_content_or_report(args.content)
    if content is None:
        return 1
    settings_load = read_settings(folder)
    for problem in settings_load.problems:
        print_problem(problem, sys.stderr)
    # The dashboard's cache: a second report, or one after the dashboard, skips parsing.
    load = load_folder_cached(folder, content)
    for problem in load.problems:
        print_problem(problem, sys.stderr)
    histories = analyse(load.sessions, content, settings_load.settings)
    if args.samenwerking:
        chosen = [history for history in histories if history.slug == args.samenwerking]
        if not chosen:
            known = ", ".join(history.slug for history in histories) or "geen"
            print(
                f"{PROG} rapport: samenwerkingsverband {args.samenwerking!r} niet gevonden in {shown_path(folder)}; wel: {known}",
                file=sys.stderr,
            )
            return 2
    else:
        chosen = histories
    if not chosen:
        print(f"{shown_path(folder)}: geen bruikbare sessiebestanden; geen rapport gemaakt", file=sys.stderr)
        return 1
    if len(chosen) > 1:
        known = ", ".join(history.slug for history in chosen)
        print(f"{PROG} rapport: de map bevat meer samenwerkingsverbanden ({known}); kies er een met --samenwerking SLUG", file=sys.stderr)
        return 2
    history = chosen[0]
    for notice in history.notices:
        print(f"{shown_path(folder)}: let op: {notice}", file=sys.stderr)
    round_index = history.last_scored_round()
    if args.ronde:
        labels = [result.label for result in history.rounds]
        wanted = [index for index, label in enumerate(labels) if label.casefold() == args.ronde.strip().casefold()]
        if not wanted:
            print(f"{PROG} rapport: ronde {args.ronde!r} niet gevonden; wel: {', '.join(labels)}", file=sys.stderr)
            return 2
        round_index = wanted[0]
    today = args.datum or dt.date.today()
    anonymous = None
    if args.anoniem:
        from ..privacy import summarise
        from ..report.anonymous import anonymous_report

        # The sessions that count, as the named report chose them: duplicates are resolved the same way,
        # and the notices about them (which name files) stay out.
        counted = [session for result in history.rounds for session in result.sessions.values()]
        anonymous = anonymous_report(counted, content, settings_load.settings, keep_notes=args.met_notities)
        if anonymous.findings:
            print(f"Privacycontrole: {summarise(anonymous.findings)}; gemaskeerd in het rapport.", file=sys.stderr)
    data: bytes | Iterator[bytes]
    if args.formaat == "json" and anonymous is None:
        # Round by round: the JSON of a long history would otherwise be built whole in memory, several times over.
        data = (piece.encode("utf-8") for piece in iter_json_report(history, content, settings_load.settings, today))
    else:
        data = make_report(
            history,
            content,
            settings_load.settings,
            args.formaat,
            today,
            csv_style=args.csv_stijl,
            round_index=round_index,
            anonymous=anonymous,
        )
    if args.uitvoer is None:
        sys.stdout.buffer.writelines([data] if isinstance(data, bytes) else data)
        sys.stdout.flush()
    else:
        try:
            atomic_write(args.uitvoer, data)
        except OSError as error:
            print(f"{shown_path(args.uitvoer)}: kan niet schrijven ({os_error_message(error)})", file=sys.stderr)
            return 1
        print(f"Rapport geschreven: {shown_path(args.uitvoer)}", file=sys.stderr)
    return 1 if load.problems or settings_load.problems else 0
