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

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "backspace": "Backspace",
    "delete": "Del",
    "enter": "Enter",
    "escape": "Esc",
    "tab": "Tab",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}

MEANINGS = {
    "app.help": "deze hulp",
    "app.quit": "afsluiten (slaat eerst op)",
    "app.switch-session": "andere sessie: respondent of ronde",
    "app.new-round": "nieuwe ronde voor alle deelnemers",
    "app.search": "zoeken in vragen, notities en acties",
    "app.command-palette": "opdrachten: export, import, uitnodigingen, thema",
    "tree.down": "volgende regel",
    "tree.up": "vorige regel",
    "tree.collapse": "inklappen",
    "tree.expand": "uitklappen",
    "phase.score-1": "score: 1 niet … 5 volledig op orde",
    "phase.nvt": "niet van toepassing (nvt)",
    "phase.clear": "score wissen",
    "phase.note": "notitie bewerken (Esc: klaar)",
    "phase.next-open": "volgende open vraag",
    "phase.previous-open": "vorige open vraag",
    "phase.add-action": "actie toevoegen bij dit item",
    "overview.open": "naar de vragen van de rij",
    "overview.history": "verloop van de rij",
    "actions.new": "nieuwe actie",
    "actions.edit": "actie bewerken",
    "actions.done": "actie afronden (gedaan)",
    "actions.reopen": "actie heropenen",
    "action.save": "bewaren (actie)",
    "setup.create": "aanmaken (samenwerkingsverband)",
    "invitations.copy": "kopiëren (uitnodigingen)",
    "search.results": "zoeken: naar de resultaten",
    "import.keep-incoming": "import: het ontvangen bestand nemen",
    "import.keep-existing": "import: het bestaande houden",
    "import.keep-both": "import: beide bewaren",
    "conflict.reload": "conflict: opnieuw laden",
    "conflict.copy": "conflict: uw versie als kopie bewaren",
    "conflict.overwrite": "conflict: overschrijven",
    "privacy.export": "privacy: toch exporteren",
}
"""Dutch meanings per binding id; a binding without one shows its own description."""

SKIPPED = {"app.quit-ctrl-c", "note.save"}
"""Bindings that repeat another one's meaning under a second key the help need not teach."""

EXTRA_KEYS: dict[str, list[tuple[str, str]]] = {
    "Overal": [
        ("Tab  shift+Tab", "naar het volgende / vorige deel (lijst, uitleg, tabbalk)"),
    ],
    "Beginfase en Onderwegfase": [
        ("↑ ↓", "vorige / volgende regel"),
        ("Enter", "notitie bewerken"),
    ],
    "Overzicht, Verloop en Acties": [
        ("↑ ↓", "rij kiezen"),
        ("← →", "zijwaarts schuiven als de tabel breder is dan het scherm"),
        ("shift+muiswiel", "zijwaarts schuiven met de muis"),
    ],
    "In een dialoog": [
        ("Tab  shift+Tab", "volgend / vorig veld"),
        ("Enter", "bevestigen"),
    ],
}
"""Keys Textual's own widgets provide, which no binding of samenwerk lists."""


def key_text(binding: Binding) -> str:
    """How the keys of ``binding`` read in the help: ``F1  ?``, ``ctrl+o``, ``]``."""
    if binding.key_display:
        return binding.key_display
    keys = []
    for key in binding.key.split(","):
        key = key.strip()
        if key in KEY_NAMES:
            keys.append(KEY_NAMES[key])
        elif len(key) >= 2 and key[0] == "f" and key[1:].isdigit():
            keys.append(key.upper())
        else:
            keys.append(key)
    return "  ".join(keys)


def _bindings(owner: type) -> list[Binding]:
    return [binding for binding in getattr(owner, "BINDINGS", []) if isinstance(binding, Binding)]


def binding_sections() -> list[tuple[str, list[type]]]:
    """Where each binding works, and the classes whose ``BINDINGS`` the help lists."""
    from .actions_view import ActionsView
    from .advice_dialogs import ConvenantDialog, FormDialog, GuideDialog
    from .checklist_tree import ChecklistTree
    from .commands import DashboardKeys
    from .dialogs.editing import ActionForm, NoteEditor
    from .dialogs.export import ExportDialog
    from .dialogs.files import ConflictDialog, ProblemsScreen, UnsavedDialog
    from .dialogs.navigation import SearchDialog, SessionPicker
    from .flows.exchange import ImportChoiceDialog, ImportDialog
    from .flows.export import PrivacyWarning
    from .flows.rounds import InvitationsScreen, NewRoundForAllDialog
    from .overview import OverviewTable, OverviewView
    from .phase_view import PhaseView
    from .setup_screen import SetupScreen

    return [
        ("Overal", [DashboardKeys]),
        ("Beginfase en Onderwegfase", [ChecklistTree, PhaseView]),
        ("Overzicht, Verloop en Acties", [OverviewTable, OverviewView, ActionsView]),
        (
            "In een dialoog",
            [
                NoteEditor,
                ActionForm,
                SearchDialog,
                SessionPicker,
                NewRoundForAllDialog,
                SetupScreen,
                InvitationsScreen,
                ExportDialog,
                ImportDialog,
                ImportChoiceDialog,
                ConflictDialog,
                PrivacyWarning,
                ProblemsScreen,
                UnsavedDialog,
                FormDialog,
                GuideDialog,
                ConvenantDialog,
            ],
        ),
    ]


def help_keys() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every binding of the dashboard as (keys, meaning), by section; one line per key, meanings joined."""
    sections = []
    for title, owners in binding_sections():
        lines: dict[str, list[str]] = {}
        tab_keys: list[str] = []
        tab_function_keys: list[str] = []
        for owner in owners:
            for binding in _bindings(owner):
                if binding.id in SKIPPED:
                    continue
                if binding.action.startswith("show_tab("):
                    letter, *others = binding.key.split(",")
                    tab_keys.append(letter)
                    tab_function_keys.extend(key.upper() for key in others)
                    continue
                if binding.id and binding.id.startswith("phase.score-") and binding.id != "phase.score-1":
                    continue
                meaning = MEANINGS.get(binding.id or "", binding.description.lower())
                meanings = lines.setdefault(key_text(binding), [])
                if meaning not in meanings:
                    meanings.append(meaning)
        entries = []
        if tab_keys:
            entries.append(("  ".join(tab_keys), "naar een tab (letter in de tabbalk)"))
            if tab_function_keys:
                entries.append((f"{tab_function_keys[0]} … {tab_function_keys[-1]}", "dezelfde tabs"))
        entries.extend((keys, " · ".join(meanings)) for keys, meanings in lines.items())
        entries.extend(EXTRA_KEYS.get(title, []))
        sections.append((title, entries))
    return sections


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
        for title, keys in help_keys():
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
