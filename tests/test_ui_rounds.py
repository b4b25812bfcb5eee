"""The coordinator's cycle in the dashboard: set up, start rounds for everyone, collect, present."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, TabbedContent, TextArea

from samenwerk_tui.content import load_content
from samenwerk_tui.model import Answer
from samenwerk_tui.store import load_session, save_session
from samenwerk_tui.ui import app as app_module
from samenwerk_tui.ui.app import create_app
from samenwerk_tui.ui.flows.rounds import InvitationsScreen, NewRoundForAllDialog
from samenwerk_tui.ui.setup_screen import SetupScreen

TODAY = dt.date(2026, 11, 28)
CONTENT = load_content()


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "SAVE_DELAY", 0.05)
    monkeypatch.setattr(app_module, "WATCH_INTERVAL", 0.2)


def make_app(folder: Path, **kwargs):  # type: ignore[no-untyped-def]
    return create_app(folder, today=TODAY, clock=lambda: "12:34", **kwargs)


async def ready(app, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if not any(indicator.display for indicator in app.query("#loading")):
            break
    await pilot.pause()
    await pilot.pause()


async def until(pilot, condition, seconds: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


def notices(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(notification.message) for notification in app._notifications)


def fill_in(path: Path, score: int) -> None:
    loaded = load_session(path)
    answers = {question_id: Answer(score=score) for question_id in list(CONTENT.questions)[:5]}
    save_session(loaded, loaded.session.model_copy(update={"answers": answers}), CONTENT, today=TODAY)


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*["space" if char == " " else char for char in text])


async def test_the_whole_cycle_without_the_command_line(tmp_path: Path) -> None:
    folder, mail = tmp_path / "horeca", tmp_path / "mail"
    app = make_app(folder)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        # An empty (missing) folder: the dashboard offers to set up a collaboration.
        await until(pilot, lambda: isinstance(app.screen, SetupScreen))
        await type_text(pilot, "Horecateam Lindendal")
        participants = app.screen.query_one("#setup-participants", TextArea)
        participants.text = "Gemeente Lindendal; coördinator\nPolitie Lindendal; wijkagent\nBrandweer Lindendal; adviseur\n"
        assert app.screen.query_one("#setup-label", Input).value == "2026-Q4"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace is not None and len(app.workspace.sessions) == 3)
        files = sorted(folder.glob("*--2026-q4--*.toml"))
        assert len(files) == 3
        settings = tomllib.loads((folder / "samenwerk-instellingen.toml").read_text(encoding="utf-8"))
        assert [entry["organisatie"] for entry in settings["deelnemers"]] == [
            "Gemeente Lindendal", "Politie Lindendal", "Brandweer Lindendal",
        ]
        # Invitations to send, from the palette.
        await pilot.press("ctrl+p")
        await type_text(pilot, "uitnodigingen")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, InvitationsScreen))
        text = app.screen.query_one("#invitations-text", TextArea).text
        assert text.count("Onderwerp:") == 3 and "samenwerk valideer" in text
        deadline = app.screen.query_one("#invitations-deadline", Input)
        deadline.value = "15-1-2027"
        await pilot.pause()
        assert "vóór 15 januari 2027" in app.screen.query_one("#invitations-text", TextArea).text
        await pilot.press("escape")
        await pilot.pause()
        # Two partners fill in their file in the shared folder: the dashboard shows them without a restart.
        gemeente = next(path for path in files if "gemeente" in path.name)
        politie = next(path for path in files if "politie" in path.name)
        brandweer = next(path for path in files if "brandweer" in path.name)
        fill_in(gemeente, 4)
        fill_in(politie, 2)
        await until(pilot, lambda: "Bijgewerkt op schijf" in notices(app))
        await until(pilot, lambda: all(
            any(answer.score is not None for answer in app.workspace.session_with_path(path).session.answers.values())
            for path in (gemeente, politie)
        ))
        # The third mails theirs back; it is imported over the untouched file made for them.
        mail.mkdir()
        (mail / brandweer.name).write_bytes(brandweer.read_bytes())
        fill_in(mail / brandweer.name, 3)
        await pilot.press("ctrl+p")
        await type_text(pilot, "sessiebestand importeren")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#import-path", Input).value = str(mail / brandweer.name)
        await pilot.press("enter")
        await until(pilot, lambda: "geïmporteerd" in notices(app))
        assert list(folder.glob(f"{brandweer.name}.bak-*"))
        assert load_session(brandweer).session.answers[next(iter(CONTENT.questions))].score == 3
        # Round 2 for everyone.
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NewRoundForAllDialog))
        assert app.screen.query_one("#round-label", Input).value == "2027-Q1"
        await pilot.press("enter")
        await until(pilot, lambda: len(list(folder.glob("*--2027-q1--*.toml"))) == 3)
        await until(pilot, lambda: "Ronde 2027-Q1 gestart voor 3 deelnemers" in notices(app))
        # The report for the stuurgroep.
        await pilot.press("ctrl+p")
        await type_text(pilot, "rapport exporteren")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: (folder / "rapport.md").exists())
        report = (folder / "rapport.md").read_text(encoding="utf-8")
        assert "2026-Q4" in report
        for organisation in ("Gemeente Lindendal", "Politie Lindendal", "Brandweer Lindendal"):
            assert organisation in report


def write_round(folder: Path, scores: dict[str, int | None]) -> dict[str, Path]:
    from samenwerk_tui.rounds import set_up_collaboration
    from samenwerk_tui.settings import Participant

    participants = [Participant(organisatie=name) for name in scores]
    result = set_up_collaboration(
        folder, CONTENT, name="Team", phase="onderweg", participants=participants, label="2026-Q4", round_date=TODAY, today=TODAY
    )
    paths = {loaded.session.respondent.organisation: loaded.path for loaded in result.created}
    for name, score in scores.items():
        if score is not None:
            fill_in(paths[name], score)
    return paths


async def test_the_coordinator_opens_on_overzicht_and_a_partner_on_their_phase(tmp_path: Path) -> None:
    paths = write_round(tmp_path, {"Gemeente": 4, "Politie": None})
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert app.query_one(TabbedContent).active == "overzicht"
    app = make_app(tmp_path, session_path=paths["Politie"])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert app.workspace.current_path == paths["Politie"]
        assert app.query_one(TabbedContent).active == "onderweg"


async def test_before_any_score_the_dashboard_opens_on_the_phase(tmp_path: Path) -> None:
    write_round(tmp_path, {"Gemeente": None})
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert app.query_one(TabbedContent).active == "onderweg"


def test_samenwerk_file_opens_that_file_in_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samenwerk_tui.cli import dispatch as cli
    from samenwerk_tui.ui import app as ui_app

    paths = write_round(tmp_path, {"Gemeente": None, "Politie": None})
    made = {}

    class Recorder:
        return_code = 0

        def run(self) -> None:
            pass

    def fake_create_app(**kwargs):  # type: ignore[no-untyped-def]
        made.update(kwargs)
        return Recorder()

    monkeypatch.setattr(ui_app, "create_app", fake_create_app)
    assert cli.main([str(paths["Politie"])]) == 0
    assert made["folder"] == tmp_path and made["session_path"] == paths["Politie"]
    assert cli.main([str(tmp_path / "weg.toml")]) == 2


async def test_a_file_dropped_in_the_folder_shows_and_a_draft_is_never_replaced(tmp_path: Path) -> None:
    paths = write_round(tmp_path, {"Gemeente": None, "Politie": None})
    app = make_app(tmp_path, session_path=paths["Gemeente"])
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        question = next(iter(CONTENT.questions))
        # A new partner's file appears.
        from samenwerk_tui.rounds import start_round
        from samenwerk_tui.settings import Participant

        start_round(tmp_path, CONTENT, [], [Participant(organisatie="Brandweer")], label="2026-Q4", round_date=TODAY, collaboration="Team", slug="team")
        await until(pilot, lambda: len(app.workspace.sessions) == 3)
        assert "Nieuw in de map" in notices(app)
        # Someone else changes the file being edited while the user has typed a score that is not saved yet.
        app.set_score(question, 5)
        fill_in(paths["Gemeente"], 1)
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.draft.answers[question].score == 5
        # Saving it meets the usual conflict rule: the user chooses.
        from samenwerk_tui.ui.dialogs import ConflictDialog

        assert isinstance(app.screen, ConflictDialog)
        # Another partner's changed file is taken in.
        fill_in(paths["Politie"], 2)
        await until(pilot, lambda: app.workspace.session_with_path(paths["Politie"]).session.answer(question).score == 2)


def test_help_lists_every_binding_of_the_dashboard() -> None:
    from samenwerk_tui.ui.help import SKIPPED, _bindings, binding_sections, help_keys, key_text

    lines = {(title, keys) for title, entries in help_keys() for keys, _ in entries}
    text = "\n".join(f"{keys} {meaning}" for _, entries in help_keys() for keys, meaning in entries)
    for title, owners in binding_sections():
        for owner in owners:
            for binding in _bindings(owner):
                if binding.id in SKIPPED or binding.action.startswith("show_tab(") or binding.id.startswith("phase.score-"):
                    continue
                assert (title, key_text(binding)) in lines, (owner, binding)
    for wanted in ("Tab  shift+Tab", "zijwaarts schuiven", "ctrl+n", "F2 … F7", "1–5 0"):
        assert wanted in text


# --- every dialog at 80×24 ---------------------------------------------------------------------


def _dialogs(app, folder: Path) -> dict:  # type: ignore[no-untyped-def]
    from samenwerk_tui.model import Action
    from samenwerk_tui.settings import Participant
    from samenwerk_tui.ui.dialogs import (
        ActionForm,
        ConflictDialog,
        ExportDialog,
        NoteEditor,
        ProblemsScreen,
        SearchDialog,
        SessionPicker,
    )
    from samenwerk_tui.ui.flows.exchange import ImportChoiceDialog, ImportDialog
    from samenwerk_tui.ui.flows.export import PrivacyWarning
    from samenwerk_tui.ui.help import HelpScreen

    long = "Een lange regel tekst die niet op één regel past " * 3
    workspace = app.workspace
    participants = [Participant(organisatie=f"Organisatie {number} met een lange naam", rol="contactpersoon") for number in range(12)]
    return {
        "note": lambda: NoteEditor("Notitie bij een vraag met een lange titel " * 2, long * 20),
        "conflict": lambda: ConflictDialog("horecateam-lindendal--2026-q4--gemeente-lindendal-coordinator-horecatoezicht.toml"),
        "picker": lambda: SessionPicker(workspace),
        "search": lambda: SearchDialog(workspace.content, app.draft),
        "action": lambda: ActionForm(workspace.content, next(iter(workspace.content.items)), "2026-Q4", TODAY, action=Action(wat=long[:150], wie="teamchef")),
        "export": lambda: ExportDialog(folder),
        "problems": lambda: ProblemsScreen("Meldingen", [long] * 40),
        "import": lambda: ImportDialog(),
        "import-choice": lambda: ImportChoiceDialog("binnenkomend-bestand-met-een-lange-naam.toml", "bestaand.toml", [long] * 60),
        "privacy": lambda: PrivacyWarning("In de notities staan 30 mogelijke persoonsgegevens: e-mail, telefoon en BSN.", [long] * 30),
        "new-round": lambda: NewRoundForAllDialog("2026-Q4", "2027-Q1", TODAY, participants, True),
        "setup": lambda: SetupScreen(workspace.content, "2026-Q4", TODAY),
        "invitations": lambda: InvitationsScreen(list(workspace.sessions), TODAY),
        "help": lambda: HelpScreen(),
    }


def _screen_text(app) -> str:  # type: ignore[no-untyped-def]
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


async def test_every_dialog_shows_all_its_buttons_and_hint_at_80_by_24(tmp_path: Path) -> None:
    import shutil

    from textual.widgets import Button

    folder = tmp_path / "voorbeeld"
    shutil.copytree(Path(__file__).parent.parent / "sessions", folder)
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        for name, make in _dialogs(app, folder).items():
            await app.push_screen(make())
            await pilot.pause()
            await pilot.pause()
            text = _screen_text(app)
            for button in app.screen.query(Button):
                label = str(button.label).strip()
                assert label in text, (name, label)
                region = button.region
                assert region.height >= 1 and region.bottom <= 24 and region.right <= 80, (name, label, region)
            for hint in app.screen.query(".dialog-hint"):
                assert str(hint.render()).strip()[:20] in text, (name, "hint")
            app.pop_screen()
            await pilot.pause()


async def test_at_80_by_24_the_respondent_the_reasons_for_signals_and_who_and_where_of_actions_show(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "voorbeeld"
    shutil.copytree(Path(__file__).parent.parent / "sessions", folder)
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await until(pilot, lambda: "Signalen in deze ronde" in _screen_text(app))
        lines = _screen_text(app).splitlines()
        assert lines[0].startswith(" Gemeente Lindendal (coördinator horecatoezicht) · ronde 2026-Q4")
        assert "▼ achteruitgang, naar lagere" in _screen_text(app)
        assert "▼ dalende trend" in _screen_text(app)
        await pilot.press("t")
        await pilot.pause(0.3)
        text = _screen_text(app)
        assert "Wie" in text and "Wat · item · bron" in text
        assert "teamchef basist…" in text
        assert "Overweeg een conve… · Politie basiste…" in text
        assert "⚠ 30 jun 2026" in text and "te laat" in text


def test_every_class_with_key_bindings_is_in_the_help() -> None:
    import importlib
    import inspect
    import pkgutil

    import samenwerk_tui.ui as ui_package
    from samenwerk_tui.ui.help import HelpScreen, binding_sections

    listed = {owner for _, owners in binding_sections() for owner in owners}
    listed_bindings = [owner.BINDINGS for owner in listed]
    # Every module of the interface, those in its packages (ui/flows) too.
    for module_info in pkgutil.walk_packages(ui_package.__path__, prefix="samenwerk_tui.ui."):
        module = importlib.import_module(module_info.name)
        for _, owner in inspect.getmembers(module, inspect.isclass):
            if owner.__module__ == module.__name__ and owner.__dict__.get("BINDINGS") and owner is not HelpScreen:
                # The App takes its bindings from commands.DashboardKeys, which the help lists.
                listed_here = owner in listed or any(owner.BINDINGS is bindings for bindings in listed_bindings)
                assert listed_here, f"{owner.__name__} has key bindings the F1 help does not list"


async def test_a_round_label_too_long_for_a_file_is_refused_without_stopping_the_dashboard(tmp_path: Path) -> None:
    write_round(tmp_path, {"Gemeente": 3})
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NewRoundForAllDialog))
        app.screen.query_one("#round-label", Input).value = "R" * 300
        await pilot.press("enter")
        # The form says why and stays open, with what was typed.
        await until(pilot, lambda: "Het label is te lang (hoogstens 200 tekens)." in str(app.screen.query_one("#round-error").render()))
        assert isinstance(app.screen, NewRoundForAllDialog)
        assert app.screen.query_one("#round-label", Input).value == "R" * 300
        assert app.is_running
        assert len(list(tmp_path.glob("*.toml"))) == 2  # the settings file and the one session


async def test_ctrl_n_and_enter_typed_at_once_start_the_proposed_round(tmp_path: Path) -> None:
    write_round(tmp_path, {"Gemeente": 3, "Politie": None})
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+n", "enter")
        await until(pilot, lambda: len(list(tmp_path.glob("team--2027-q1--*.toml"))) == 2)
        await until(pilot, lambda: "Ronde 2027-Q1 gestart voor 2 deelnemers" in notices(app))
        from samenwerk_tui.ui.dialogs import NoteEditor

        assert not isinstance(app.screen, NoteEditor)
        # Enter on "Annuleren" cancels.
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NewRoundForAllDialog))
        app.screen.query_one("#cancel").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, NewRoundForAllDialog)
        assert len(list(tmp_path.glob("team--2027-q2--*.toml"))) == 0
