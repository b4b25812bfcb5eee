"""``samenwerk vorm MAP``: show or set the collaboration's form, or walk the publication's guide."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..textsafe import shown_path
from .common import PROG, command_parser, content_option, load_content_or_report


def make_parser() -> argparse.ArgumentParser:
    parser = command_parser(
        f"{PROG} vorm",
        "Toon of leg vast in welke vorm de partners samenwerken (hoofdstuk 3 van de CCV-publicatie), met wat de\n"
        "publicatie zegt dat die vorm vraagt, waar het misgaat en welke vragen van de checklist erop ingaan.\n"
        "De vorm staat één keer voor de hele samenwerking in MAP/samenwerk-instellingen.toml; de rest van dat\n"
        "bestand blijft zoals het is.\n\n"
        "Zonder opties: de vastgelegde vorm, of de keuzehulp als er nog geen vorm is.\n\n"
        "voorbeelden:\n"
        f"  {PROG} vorm sessions/ --variant informatie-delen --variant inzet-van-mensen \\\n"
        "      --hoofdvorm ketensamenwerking --vorm casusoverleg --vorm integrale-uitvoering\n"
        f"  {PROG} vorm sessions/ --keuzehulp --ja verantwoordelijkheden --ja gevallen",
        epilog="Afsluitcode 0 als het gelukt is, 1 als het bestand niet gelezen of geschreven kon worden, 2 bij een\n"
        "verkeerde opdracht (zoals een onbekende vorm).",
    )
    parser.add_argument("map", type=Path, metavar="MAP", help="map met sessiebestanden en samenwerk-instellingen.toml")
    parser.add_argument(
        "--variant",
        action="append",
        metavar="ID",
        help="samenwerkingsvariant (3.1), meer keren te geven; vervangt de vastgelegde varianten",
    )
    parser.add_argument("--hoofdvorm", metavar="ID", help="ketensamenwerking of schaalvergroting (3.2)")
    parser.add_argument(
        "--vorm", action="append", metavar="ID", help="vorm binnen de hoofdvorm, meer keren te geven; vervangt de vastgelegde vormen"
    )
    parser.add_argument("--wis", action="store_true", help="wis de vastgelegde vorm")
    parser.add_argument(
        "--keuzehulp", action="store_true", help="toon de vragen van de publicatie die naar een vorm leiden, met een suggestie"
    )
    parser.add_argument(
        "--ja", action="append", metavar="STAP", default=[], help="bij --keuzehulp: een vraag die u met ja beantwoordt (de id van de stap)"
    )
    parser.add_argument("--nee", action="append", metavar="STAP", default=[], help="bij --keuzehulp: een vraag die u met nee beantwoordt")
    parser.add_argument("--lijst", action="store_true", help="toon alle varianten en vormen met hun id")
    content_option(parser)
    return parser


def _form_list(content) -> str:  # type: ignore[no-untyped-def]
    from ..advice import forms_of_kind

    lines = ["samenwerkingsvarianten (--variant, 3.1):"]
    lines += [f"  {form.id:<28} {form.name}" for form in forms_of_kind(content, "variant")]
    for main in forms_of_kind(content, "hoofdvorm"):
        lines.append(f"hoofdvorm (--hoofdvorm, {main.source}): {main.id}")
        lines += [f"  --vorm {form.id:<21} {form.name}" for form in forms_of_kind(content, "vorm", main.id)]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ..advice import convenant_order
    from ..advice_settings import SettingsChanged, write_advice_settings
    from ..advice_text import form_blocks, guide_blocks, to_plain
    from ..settings import CollaborationForm, read_settings
    from ..toml.read import FileProblem

    folder: Path = args.map
    if not folder.is_dir():
        print(f"{shown_path(folder)}: map bestaat niet", file=sys.stderr)
        return 2
    content = load_content_or_report(args.content)
    if content is None:
        return 1
    if args.lijst:
        sys.stdout.write(_form_list(content))
        return 0
    if args.keuzehulp:
        steps = {step.id for step in content.advice.guide} if content.advice else set()
        unknown = [step for step in [*args.ja, *args.nee] if step not in steps]
        if unknown:
            print(f"{PROG} vorm: onbekende stap {', '.join(unknown)}; kies uit {', '.join(sorted(steps))}", file=sys.stderr)
            return 2
        answers = {**{step: False for step in args.nee}, **{step: True for step in args.ja}}
        sys.stdout.write(to_plain(guide_blocks(content, answers)))
        return 0
    settings_load = read_settings(folder)
    for problem in settings_load.problems:
        print(problem, file=sys.stderr)
    current = settings_load.settings.form
    changing = args.wis or args.variant or args.hoofdvorm or args.vorm
    if not changing:
        sys.stdout.write(to_plain(form_blocks(content, settings_load.settings)))
        return 1 if settings_load.problems else 0
    forms = content.forms
    variants = tuple(dict.fromkeys(args.variant)) if args.variant else current.variants
    main = args.hoofdvorm if args.hoofdvorm is not None else current.main
    chosen = tuple(dict.fromkeys(args.vorm)) if args.vorm else current.forms
    if args.wis:
        variants, main, chosen = (), None, ()
    problems = [
        f"{value!r} is geen samenwerkingsvariant" for value in variants if forms.get(value) is None or forms[value].kind != "variant"
    ]
    if main is not None and (forms.get(main) is None or forms[main].kind != "hoofdvorm"):
        problems.append(f"{main!r} is geen hoofdvorm")
    for value in chosen:
        form = forms.get(value)
        if form is None or form.kind != "vorm":
            problems.append(f"{value!r} is geen vorm")
        elif main is not None and form.main != main:
            problems.append(f"{value!r} hoort bij {form.main}, niet bij {main}")
    if problems:
        print(f"{PROG} vorm: {'; '.join(problems)}. Alle ids: {PROG} vorm MAP --lijst", file=sys.stderr)
        return 2
    new = CollaborationForm(variants=variants, main=main, forms=chosen)
    settings = settings_load.settings
    try:
        path = write_advice_settings(
            folder, new, settings.convenant, order=convenant_order(content), expected=(current, settings.convenant)
        )
    except FileProblem as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except SettingsChanged:
        print(f"{shown_path(folder)}: samenwerk-instellingen.toml is intussen gewijzigd; probeer het opnieuw", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"{shown_path(folder)}: niet geschreven: {error}", file=sys.stderr)
        return 1
    print(f"Vastgelegd in {path}.", file=sys.stderr)
    sys.stdout.write(to_plain(form_blocks(content, settings.model_copy(update={"form": new}))))
    return 0
