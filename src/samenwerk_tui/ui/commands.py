"""What the user can command from anywhere on the dashboard: its keys and its command palette (ctrl+p).

Every entry of the palette comes from the providers here, in Dutch. Textual's
own system commands are English and left out; its "No matches found" never
shows, because a provider that finds nothing offers one entry saying so
(choosing it closes the palette, like Esc).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Hit, Hits
from textual.system_commands import SystemCommandsProvider
from textual.theme import ThemeProvider

from . import text

if TYPE_CHECKING:
    from textual.app import App, SystemCommand

    from .ports import Dashboard

TABS = (
    ("overzicht", "Overzicht", "o", "f2"),
    ("begin", "Beginfase", "b", "f3"),
    ("onderweg", "Onderwegfase", "w", "f4"),
    ("verloop", "Verloop", "v", "f5"),
    ("acties", "Acties", "t", "f6"),
    ("kennis", "Kennis", "i", "f7"),
)
"""Tab id, label, letter key and function key of each tab of the dashboard."""

NO_MATCHES = "Geen opdrachten gevonden"


class DashboardKeys:
    """The keys that work everywhere on the dashboard: the App's ``BINDINGS``, which the help lists too."""

    BINDINGS: list[BindingType] = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Afsluiten", id="app.quit", priority=True),
        Binding("ctrl+c", "quit", "Afsluiten", show=False, id="app.quit-ctrl-c", priority=True),
        Binding("ctrl+o", "switch_session", "Andere sessie", id="app.switch-session"),
        Binding("ctrl+n", "new_round", "Nieuwe ronde", id="app.new-round"),
        Binding("slash", "search", "Zoeken", id="app.search"),
        Binding("ctrl+p", "command_palette", "Opdrachten", id="app.command-palette", priority=True),
        *(
            Binding(f"{letter},{fkey}", f"show_tab('{tab_id}')", label, show=False, id=f"app.tab-{tab_id}")
            for tab_id, label, letter, fkey in TABS
        ),
    ]


def system_commands(app: Dashboard) -> Iterator[SystemCommand]:
    """The palette's entries, in Dutch (the App's ``get_system_commands``)."""
    from textual.app import SystemCommand

    from .flows import advice

    def action(name: str) -> Callable[[], object]:
        return partial(app.run_action, name)

    yield SystemCommand("Nieuwe ronde starten", "De volgende ronde voor alle deelnemers (notities en acties gaan mee)", action("new_round"))
    if app.workspace is not None and not app.workspace.sessions:
        yield SystemCommand("Samenwerkingsverband opzetten", "Deelnemers en de eerste ronde in deze lege map", action("set_up"))
    yield SystemCommand("Uitnodigingen tonen", "Per deelnemer het bestand en een e-mailtekst om mee te sturen", action("invitations"))
    yield SystemCommand("Andere sessie openen", "Kies een andere respondent of ronde", action("switch_session"))
    yield SystemCommand("Rapport exporteren", "Schrijf een rapport voor de stuurgroep (Markdown, CSV of JSON)", action("export"))
    yield SystemCommand("Sessiebestand importeren", "Zet een bestand van een partner in de sessiemap (met controle)", action("import"))
    yield SystemCommand("Vragen zoeken", "Zoek in de 69 vragen van de checklist", action("search"))
    yield SystemCommand("Opnieuw laden", "Lees de sessiebestanden opnieuw van schijf", action("reload"))
    yield SystemCommand(
        "Meldingen tonen", "Fouten in bestanden en waarschuwingen bij deze sessie, met regelnummers", action("show_problems")
    )
    if app.workspace is not None and app.workspace.content.advice is not None:
        yield SystemCommand(
            "Samenwerkingsvorm kiezen",
            "Welke vorm van samenwerking (hoofdstuk 3); staat in samenwerk-instellingen.toml",
            partial(advice.edit_form, app),
        )
        yield SystemCommand(
            "Keuzehulp samenwerkingsvorm",
            "De vragen van de publicatie die naar een vorm leiden, met een suggestie",
            partial(advice.guide, app),
        )
        yield SystemCommand(
            "Convenant bijhouden", "Vink af wat het convenant regelt, met artikel en datum", partial(advice.edit_convenant, app)
        )
    for tab_id, label, letter, _ in TABS:
        yield SystemCommand(f"Tab {label}", f"Ga naar {label} (toets {letter})", action(f"show_tab('{tab_id}')"))
    yield SystemCommand("Thema wijzigen", "Kies een ander kleurenthema", action("change_theme"))
    yield SystemCommand("Toetsen tonen", "Alle toetsen en wat ze doen", action("help"))
    yield SystemCommand("Afsluiten", "Sluit samenwerk af (wijzigingen worden eerst opgeslagen)", action("quit"))


async def _or_no_match(hits: Hits) -> Hits:
    """The hits, or one entry that says nothing matched (instead of Textual's English text)."""
    found = False
    async for hit in hits:
        found = True
        yield hit
    if not found:
        yield Hit(0.0, NO_MATCHES, _close, text=NO_MATCHES)


def _close() -> None:
    """Choosing "nothing found" only closes the palette."""


class DashboardCommands(SystemCommandsProvider):
    """The app's commands (:func:`system_commands`), searched as Textual does, with a Dutch "nothing found"."""

    async def search(self, query: str) -> Hits:
        async for hit in _or_no_match(super().search(query)):
            yield hit


class ThemeCommands(ThemeProvider):
    """Textual's themes, with a Dutch "nothing found"."""

    async def search(self, query: str) -> Hits:
        async for hit in _or_no_match(super().search(query)):
            yield hit


def open_command_palette(app: App[Any]) -> None:
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(CommandPalette(providers=[DashboardCommands], placeholder=text.PALETTE_PLACEHOLDER, id="--command-palette"))


def open_theme_picker(app: App[Any]) -> None:
    app.push_screen(CommandPalette(providers=[ThemeCommands], placeholder=text.THEME_PLACEHOLDER))
