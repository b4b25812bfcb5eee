"""F1 / ?: every key binding of the dashboard, in Dutch, grouped by where it works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_WIDTH = 16
"""Keys and meanings are short, so each fits on one line in the help at 80×24."""

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Overal",
        [
            ("o b w v t i", "naar een tab (letter in de tabbalk)"),
            ("F2 … F7", "dezelfde tabs"),
            ("/", "vragen zoeken"),
            ("ctrl+o", "andere sessie: respondent of ronde"),
            ("ctrl+n", "nieuwe ronde vanuit deze sessie"),
            ("ctrl+p", "opdrachten: export, thema, herladen"),
            ("F1  ?", "deze hulp"),
            ("ctrl+q", "afsluiten (slaat eerst op)"),
        ],
    ),
    (
        "Beginfase en Onderwegfase",
        [
            ("↑ ↓  j k", "vorige / volgende regel"),
            ("← →", "inklappen / uitklappen"),
            ("1 … 5", "score: 1 niet … 5 volledig op orde"),
            ("0  n", "niet van toepassing (nvt)"),
            ("Backspace  Del", "score wissen"),
            ("Enter  e", "notitie bewerken (Esc: klaar)"),
            ("]  [", "volgende / vorige open vraag"),
            ("a", "actie toevoegen bij dit item"),
        ],
    ),
    (
        "Overzicht en Verloop",
        [
            ("↑ ↓", "rij kiezen (Overzicht) of onderwerp (Verloop)"),
            ("Enter", "Overzicht: naar de vragen van de rij"),
            ("h", "Overzicht: verloop van de rij"),
        ],
    ),
    (
        "Acties",
        [
            ("n  a", "nieuwe actie"),
            ("Enter  e", "actie bewerken"),
            ("g", "actie afronden (gedaan)"),
            ("x", "actie heropenen"),
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
    # Its own box (not .dialog, whose height is auto): the list gets the rest of
    # a fixed height and scrolls within it, so every key is reachable at 80×24.
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen #help-box {
        width: 80%;
        max-width: 100;
        height: 90%;
        max-height: 48;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    HelpScreen #help-keys {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("escape,f1,question_mark,q", "close", "Sluiten", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        parts: list[Content] = []
        for title, keys in KEYS:
            parts.append(Content.styled(title, "bold underline"))
            for key, meaning in keys:
                parts.append(Content.assemble((f"  {key:<{KEY_WIDTH}}", "bold"), meaning))
            parts.append(Content(""))
        with Vertical(id="help-box"):
            yield Static(Content.styled("Toetsen van samenwerk", "bold"), classes="dialog-title")
            # The hint above the list, so it shows even when the list has to scroll.
            yield Static(Content.styled("Esc of F1: sluiten · ↑ ↓: meer toetsen", "dim"))
            with VerticalScroll(id="help-keys"):
                yield Static(Content("\n").join(parts))

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()

    def action_close(self) -> None:
        self.dismiss(None)
