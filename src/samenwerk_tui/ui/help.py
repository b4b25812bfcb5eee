"""F1 / ?: every key binding of the dashboard, in Dutch, grouped by where it works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Overal",
        [
            ("o  b  w  v  t  i", "tabs: Overzicht, Beginfase, Onderwegfase, Verloop, Acties, Kennis"),
            ("F2 … F7", "dezelfde tabs"),
            ("/", "vragen zoeken"),
            ("ctrl+o", "andere sessie openen (respondent of ronde)"),
            ("ctrl+n", "nieuwe ronde starten vanuit deze sessie"),
            ("ctrl+p", "opdrachtenpalet (o.a. rapport exporteren, thema, opnieuw laden)"),
            ("F1  ?", "deze hulp"),
            ("ctrl+q", "afsluiten (wijzigingen worden eerst opgeslagen)"),
        ],
    ),
    (
        "Beginfase en Onderwegfase",
        [
            ("↑ ↓  j k", "vorige / volgende regel"),
            ("← →", "inklappen / uitklappen"),
            ("1 … 5", "score: 1 helemaal niet op orde … 5 volledig op orde"),
            ("0  n", "niet van toepassing (nvt)"),
            ("Backspace  Delete", "score wissen"),
            ("Enter  e", "notitie bij de vraag of het item bewerken (Esc: klaar)"),
            ("]  [", "volgende / vorige onbeantwoorde vraag"),
            ("a", "actie toevoegen bij dit item"),
        ],
    ),
    (
        "Overzicht en Verloop",
        [
            ("↑ ↓", "factor of item kiezen"),
            ("Enter", "Overzicht: naar de vragen van de factor · Verloop: geschiedenis tonen"),
        ],
    ),
    (
        "Acties",
        [
            ("n  a", "nieuwe actie"),
            ("Enter  e", "actie bewerken"),
            ("g", "actie afronden (gedaan)"),
            ("x", "actie openen of heropenen"),
        ],
    ),
    (
        "In een dialoog",
        [
            ("Tab  shift+Tab", "volgend / vorig veld"),
            ("Enter", "bevestigen"),
            ("ctrl+s", "bewaren (actie)"),
            ("Esc", "sluiten"),
        ],
    ),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "close", "Sluiten", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        parts: list[Content] = []
        for title, keys in KEYS:
            parts.append(Content.styled(title, "bold underline"))
            for key, meaning in keys:
                parts.append(Content.assemble((f"  {key:<20}", "bold"), meaning))
            parts.append(Content(""))
        with Vertical(classes="dialog help-dialog"):
            yield Static(Content.styled("Toetsen van samenwerk", "bold"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(Content("\n").join(parts))
            yield Static(Content.styled("Esc of F1: sluiten · alle toetsen werken ook met de muis via de balk onderaan", "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
