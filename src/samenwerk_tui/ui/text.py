"""The interface's Dutch texts, in one place so they can be reviewed together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from ..dutch import plural
from ..textsafe import shown_path

if TYPE_CHECKING:
    from ..workspace import Workspace

LOADING = "Sessies laden…"
CONTENT_BROKEN = "De checklist (inhoud) kan niet worden geladen."
PALETTE_PLACEHOLDER = "Zoek een opdracht…"
THEME_PLACEHOLDER = "Zoek een kleurenthema…"
NO_SESSION = "Er is geen sessie geopend. Maak er een met ‘samenwerk nieuw’ of kies er een met ctrl+o."
NO_SESSIONS_HERE = (
    "Deze map bevat nog geen sessiebestanden.\n\nZet een samenwerkingsverband op met ctrl+p → Samenwerkingsverband opzetten,"
    " of op de opdrachtregel:\n  samenwerk nieuw --samenwerking NAAM --ronde 2026-Q4 --deelnemer ORGANISATIE ROL … --map {folder}"
)


def nothing_to_open(workspace: Workspace) -> str:
    """Why there is no session to show: an empty folder, or files that all have errors."""
    if workspace.problems:
        return only_invalid_files([str(problem) for problem in workspace.problems])
    return NO_SESSIONS_HERE.format(folder=shown_path(workspace.folder))


def only_invalid_files(problems: list[str]) -> str:
    shown = "\n".join(f"  {problem}" for problem in problems[:5])
    more = f"\n  en nog {len(problems) - 5}" if len(problems) > 5 else ""
    return (
        "Deze map bevat geen sessiebestand dat samenwerk kan openen: "
        + ("het enige bestand heeft fouten" if len(problems) == 1 else "de bestanden hebben fouten")
        + f".\n\n{shown}{more}\n\nHerstel de fout en kies ctrl+p → Opnieuw laden."
    )


UNSAVED = "niet opgeslagen"
SAVE_FAILED_STATE = "NIET OPGESLAGEN: {reason} (wordt opnieuw geprobeerd)"
CONFLICT_STATE = "NIET OPGESLAGEN: het bestand is door iemand anders gewijzigd"
CHANGED_ON_DISK = "het bestand is door iemand anders gewijzigd"
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
    return f"Opslaan van {shown_path(name)} mislukt: {reason}"


def save_failed_kept(name: str, reason: str) -> str:
    return f"Opslaan van {name} mislukt: {reason}. Uw wijziging blijft bewaard in samenwerk en wordt opnieuw geprobeerd."


def save_error_unexpected(kind: str) -> str:
    return f"onverwachte fout ({kind})"


def report_failed(name: str, reason: str) -> str:
    return f"Rapport {name} niet geschreven: {reason}"


def copy_kept_elsewhere(path: str) -> str:
    return f"samenwerk: uw niet-opgeslagen wijzigingen zijn bewaard als {path}."


def continued_in_phase(phase: str) -> str:
    return f"Verder in {phase}: hier staan nog open vragen."


def all_answered(total: int) -> str:
    return f"Alle {total} vragen van de checklist zijn beantwoord."


def unsaved_title(leaving: str) -> str:
    return f"Niet alles is opgeslagen: toch {leaving}?"


def copy_saved(name: str) -> str:
    return f"Uw versie is bewaard als {name}; het bestand zelf is opnieuw geladen."


def copy_saved_conflict(name: str) -> str:
    return f"Uw niet-opgeslagen wijzigingen zijn bewaard als {name}: het bestand zelf was door iemand anders gewijzigd."


def copy_on_quit(name: str) -> str:
    return (
        f"samenwerk: uw niet-opgeslagen wijzigingen zijn bewaard als {name}, omdat het bestand intussen door iemand anders was gewijzigd."
    )


def report_written(path: str) -> str:
    return f"Rapport geschreven: {shown_path(path)}"


def answered(done: int, total: int) -> str:
    return f"{done}/{total}"


def import_invalid(problems: list) -> str:  # type: ignore[type-arg]
    return "Niet geïmporteerd, het bestand heeft fouten: " + "; ".join(str(problem) for problem in problems[:5])


def import_refused(name: str, reason: str) -> str:
    return f"{shown_path(name)} is geweigerd: {reason}"


def import_identical(name: str) -> str:
    return f"{shown_path(name)} staat al in de map, met precies dezelfde inhoud: niets te doen."


def import_kept_existing(name: str) -> str:
    return f"Niets gewijzigd: {shown_path(name)} blijft zoals het was."


def import_changed_meanwhile(name: str) -> str:
    return f"{shown_path(name)} is niet geïmporteerd: de map is intussen gewijzigd. Importeer opnieuw."


def import_done(name: str, written: str, backup: str | None) -> str:
    text = f"{shown_path(name)} geïmporteerd als {shown_path(written)}."
    if backup:
        text += f" Het vorige bestand is bewaard als {shown_path(backup)}."
    return text


NO_PROBLEMS = "Geen fouten of waarschuwingen: alle bestanden zijn in orde."


def problems_title(count: int) -> str:
    return f"{plural(count, 'melding')} bij bestanden"


NOT_WRITABLE_AS_TOML = "samenwerk kon de gegevens niet foutloos als TOML schrijven; het bestand is niet gewijzigd."
