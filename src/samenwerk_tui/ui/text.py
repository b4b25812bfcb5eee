"""The interface's Dutch texts, in one place so they can be reviewed together."""

from __future__ import annotations

from textual.content import Content

from ..dutch import plural

LOADING = "Sessies laden…"
CONTENT_BROKEN = "De checklist (inhoud) kan niet worden geladen."
PALETTE_PLACEHOLDER = "Zoek een opdracht…"
THEME_PLACEHOLDER = "Zoek een kleurenthema…"
NO_SESSION = "Er is geen sessie geopend. Maak er een met ‘samenwerk nieuw’ of kies er een met ctrl+o."
NO_SESSIONS_HERE = (
    "Deze map bevat nog geen sessiebestanden.\n\nZet een samenwerkingsverband op met ctrl+p → Samenwerkingsverband opzetten,"
    " of op de opdrachtregel:\n  samenwerk nieuw --samenwerking NAAM --ronde 2026-Q4 --deelnemer ORGANISATIE ROL … --map {folder}"
)
UNSAVED = "niet opgeslagen"
SAVED = "opgeslagen {time}"
UNCHANGED = "ongewijzigd"
READ_ONLY = "ALLEEN-LEZEN"


def tab_label(name: str, key: str) -> Content:
    if not key:
        return Content(name)
    return Content.assemble(name, " ", (key, "dim"))


def loading_progress(done: int, total: int) -> str:
    return f"Sessies laden… {done} van {plural(total, 'bestand')}"


def problems_notice(bad_files: int, warnings: int) -> str:
    parts = []
    if bad_files:
        parts.append(f"{plural(bad_files, 'probleem')} in sessiebestanden")
    if warnings:
        parts.append(f"{plural(warnings, 'waarschuwing')} bij deze sessie")
    return "; ".join(parts) + " — zie Overzicht, of ctrl+p → Meldingen tonen."


def read_only(reason: str) -> str:
    return f"Dit bestand is alleen-lezen: {reason}"


def save_failed(name: str, reason: str) -> str:
    return f"Opslaan van {name} mislukt: {reason}"


def copy_saved(name: str) -> str:
    return f"Uw versie is bewaard als {name}; het bestand zelf is opnieuw geladen."


def copy_saved_conflict(name: str) -> str:
    return f"Uw niet-opgeslagen wijzigingen zijn bewaard als {name}: het bestand zelf was door iemand anders gewijzigd."


def copy_on_quit(name: str) -> str:
    return f"samenwerk: uw niet-opgeslagen wijzigingen zijn bewaard als {name}, omdat het bestand intussen door iemand anders was gewijzigd."


def round_exists(name: str) -> str:
    return f"{name} bestaat al; kies een ander label voor de ronde."


def round_started(label: str, open_actions: int) -> str:
    text = f"Ronde {label} gestart: notities en acties zijn overgenomen, scores zijn leeg."
    if open_actions:
        text += f" {plural(open_actions, 'open actie', 'open acties')} uit eerdere rondes: controleer ze in Acties."
    return text


def report_written(path: str) -> str:
    return f"Rapport geschreven: {path}"


def answered(done: int, total: int) -> str:
    return f"{done}/{total}"


def import_invalid(problems: list) -> str:  # type: ignore[type-arg]
    return "Niet geïmporteerd, het bestand heeft fouten: " + "; ".join(str(problem) for problem in problems[:5])


def import_refused(name: str, reason: str) -> str:
    return f"{name} is geweigerd: {reason}"


def import_identical(name: str) -> str:
    return f"{name} staat al in de map, met precies dezelfde inhoud: niets te doen."


def import_kept_existing(name: str) -> str:
    return f"Niets gewijzigd: {name} blijft zoals het was."


def import_changed_meanwhile(name: str) -> str:
    return f"{name} is niet geïmporteerd: de map is intussen gewijzigd. Importeer opnieuw."


def import_done(name: str, written: str, backup: str | None) -> str:
    text = f"{name} geïmporteerd als {written}."
    if backup:
        text += f" Het vorige bestand is bewaard als {backup}."
    return text


NO_PROBLEMS = "Geen fouten of waarschuwingen: alle bestanden zijn in orde."


def problems_title(count: int) -> str:
    return f"{plural(count, 'melding')} bij bestanden"

NOT_WRITABLE_AS_TOML = "samenwerk kon de gegevens niet foutloos als TOML schrijven; het bestand is niet gewijzigd."
