"""Generate a realistic collaboration of session files for the benchmarks.

``python bench/generate.py OUT --partners 10 --rounds 100`` writes 1,000 files:
ten partners answering the whole checklist every quarter for 25 years, with
notes on about a quarter of the questions, item notes, actions carried over
from round to round and a growing (capped) log, like the shipped example.
Files are written with samenwerk's own serializer, so they are exactly what
the app writes. Output is deterministic for a seed; an existing folder made
with the same arguments is reused (see ``ensure``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from pathlib import Path

PARTNERS = [
    ("Gemeente Waalhaven", "coördinator handhaving"),
    ("Politie basisteam Waalhaven", "wijkagent"),
    ("Openbaar Ministerie", "officier van justitie"),
    ("Belastingdienst", "teamleider toezicht"),
    ("Omgevingsdienst Rivierenland", "toezichthouder milieu"),
    ("Veiligheidsregio Rivierenland", "adviseur brandveiligheid"),
    ("Gemeente Waalhaven", "beleidsadviseur OOV"),
    ("Inspectie SZW", "inspecteur"),
    ("Woningcorporatie Thuis aan de Waal", "wijkconsulent"),
    ("RIEC Oost-Nederland", "analist"),
]

SENTENCES = [
    "De partners zijn het eens over de aanpak, maar de uitvoering blijft achter.",
    "Afgesproken in de stuurgroep; de uitwerking ligt bij het uitvoeringsoverleg.",
    "Capaciteit blijft het knelpunt, vooral in het weekend en in de zomer.",
    "Sinds de herinrichting is het contact met de teamchef minder vanzelfsprekend.",
    "Het convenant wordt nageleefd, al is de evaluatie na twee jaar nog niet gedaan.",
    "Informatie wordt gedeeld binnen de kaders van het privacyprotocol [art. 8].",
    "De gezamenlijke controles leverden dit kwartaal elf processen-verbaal op.",
    "Bewoners melden minder overlast; ondernemers ervaren het toezicht als eerlijker.",
    "Er is nog geen vervanging voor de projectleider; taken zijn tijdelijk verdeeld.",
    "De kosten worden naar rato verdeeld, zoals vastgelegd in bijlage 2 van het convenant.",
    "Over de prioriteit van ondermijning denken de partners verschillend.",
    "Terugkoppeling naar de bestuurders gebeurt twee keer per jaar in de driehoek.",
]

ACTION_TEXTS = [
    "Capaciteitsafspraak met de politie vastleggen",
    "Evaluatie van het convenant voorbereiden",
    "Privacytoets voor het casusoverleg afronden",
    "Gezamenlijke nachtcontroles inplannen voor het komende kwartaal",
    "Communicatieplan richting ondernemers actualiseren",
    "Vervanging projectleider regelen",
    "Informatieprotocol met de Belastingdienst ondertekenen",
    "Rapportage voor de stuurgroep opstellen",
]

SLUG = "handhavingsteam-waalhaven"
MARKER = ".samenwerk-bench.json"


def _round(index: int) -> tuple[str, dt.date]:
    year = 2001 + index // 4
    quarter = index % 4 + 1
    return f"{year}-Q{quarter}", dt.date(year, 3 * quarter - 1, 12)


def _note(rng: random.Random) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(1, 3)))


def generate(out: Path, partners: int = 10, rounds: int = 100, seed: int = 6) -> int:
    """Write ``partners × rounds`` session files into ``out``; return the count."""
    from samenwerk_tui.content import load_content
    from samenwerk_tui.model import Session
    from samenwerk_tui.store import serialize_session, session_filename

    content = load_content()
    question_ids = list(content.questions)
    item_ids = list(content.items)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for partner in range(partners):
        organisation, role = PARTNERS[partner % len(PARTNERS)]
        if partner >= len(PARTNERS):
            role = f"{role} {partner // len(PARTNERS) + 1}"
        level = {question_id: rng.randint(2, 4) for question_id in question_ids}
        actions: dict[str, dict] = {}
        log: list[dict] = []
        for round_index in range(rounds):
            label, date = _round(round_index)
            answers: dict[str, dict] = {}
            for question_id in question_ids:
                level[question_id] = min(5, max(1, level[question_id] + rng.choice((-1, 0, 0, 0, 1))))
                roll = rng.random()
                answer: dict = {}
                if roll < 0.05:
                    answer["score"] = "nvt"
                elif roll < 0.92:
                    answer["score"] = level[question_id]
                if rng.random() < 0.25:
                    answer["notitie"] = _note(rng)
                if answer:
                    answers[question_id] = answer
            for action in actions.values():
                if action["status"] in ("open", "bezig") and rng.random() < 0.4:
                    action["status"] = rng.choice(("bezig", "gedaan", "gedaan", "vervallen"))
            for number in range(rng.randint(0, 2)):
                actions[f"a-{partner:02d}-{round_index:03d}-{number}"] = {
                    "wat": rng.choice(ACTION_TEXTS),
                    "wie": role,
                    "deadline": date + dt.timedelta(days=rng.randint(30, 120)),
                    "status": "open",
                    "item": rng.choice(item_ids),
                    "aangemaakt": date,
                    "ronde": label,
                }
            # Finished actions drop out after a while, as people tidy up.
            while len(actions) > 10:
                oldest = next(iter(actions))
                del actions[oldest]
            log.append({"datum": date, "tekst": _note(rng), "auteur": role})
            del log[:-10]
            data = {
                "formaat": 1,
                "fase": "begin" if round_index < 4 else "onderweg",
                "aangemaakt": date - dt.timedelta(days=10),
                "bijgewerkt": date + dt.timedelta(days=5),
                "samenwerking": {"naam": "Handhavingsteam Waalhaven", "slug": SLUG},
                "ronde": {"label": label, "datum": date},
                "respondent": {"organisatie": organisation, "rol": role},
                "inhoud": {"id": content.id, "versie": content.version},
                "vragen": answers,
                "items": {item_id: {"notitie": _note(rng)} for item_id in rng.sample(item_ids, 3)},
                "acties": {key: dict(value) for key, value in actions.items()},
                "logboek": [dict(entry) for entry in log],
            }
            session = Session.model_validate(data)
            (out / session_filename(session)).write_bytes(serialize_session(session, content))
            count += 1
    return count


def ensure(out: Path, partners: int, rounds: int, seed: int = 6) -> Path:
    """``out`` holding exactly this collaboration, generated only if it is not there yet."""
    wanted = {"partners": partners, "rounds": rounds, "seed": seed, "version": 1}
    marker = out / MARKER
    try:
        if json.loads(marker.read_text()) == wanted:
            return out
    except (OSError, ValueError):
        pass
    if out.exists():
        shutil.rmtree(out)
    generate(out, partners, rounds, seed)
    marker.write_text(json.dumps(wanted))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (replaced if it holds other generated data)")
    parser.add_argument("--partners", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    ensure(args.out, args.partners, args.rounds, args.seed)
    files = sorted(args.out.glob("*.toml"))
    size = sum(path.stat().st_size for path in files)
    print(f"{args.out}: {len(files)} session files, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
