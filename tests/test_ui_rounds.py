"""The coordinator's cycle in the dashboard: set up, start rounds for everyone, collect, present."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TabbedContent, TextArea

from conftest import CONTENT, TODAY, classes_with_bindings, make_app, notices, palette_choice, ready, screen_text, type_text, until
from samenwerk_tui.model import Answer
from samenwerk_tui.store import load_session, save_session
from samenwerk_tui.ui import app as app_module
from samenwerk_tui.ui.flows.rounds import InvitationsScreen, NewRoundForAllDialog
from samenwerk_tui.ui.setup_screen import SetupScreen


@pytest.fixture(autouse=True)
def quick(quick_save: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Quick saves, and the folder watched five times a second instead of every three seconds."""
    monkeypatch.setattr(app_module, "WATCH_INTERVAL", 0.2)


def fill_in(path: Path, score: int) -> None:
    loaded = load_session(path)
    answers = {question_id: Answer(score=score) for question_id in list(CONTENT.questions)[:5]}
    save_session(loaded, loaded.session.model_copy(update={"answers": answers}), CONTENT, today=TODAY)


def setup_ready(app) -> bool:  # type: ignore[no-untyped-def]
    """The set-up screen is shown with the cursor in its name field, as the user sees it."""
    return isinstance(app.screen, SetupScreen) and app.focused is not None and app.focused.id == "setup-name"


async def test_the_set_up_form_chooses_the_collaborations_form_as_kennis_does(tmp_path: Path) -> None:
    from samenwerk_tui.advice import forms_of_kind
    from samenwerk_tui.ui.advice_dialogs import FormDialog

    folder = tmp_path / "horeca"
    first_variant = forms_of_kind(CONTENT, "variant")[0]
    app = make_app(folder)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await until(pilot, lambda: setup_ready(app))
        setup = app.screen
        assert str(setup.query_one("#setup-form").render()) == "onbekend (later te kiezen in Kennis)"
        await type_text(pilot, "Horecateam Lindendal")
        # Name, phase, then the form's button: the same dialog as in Kennis, without pauses between keys.
        await pilot.press("tab", "tab", "enter")
        await until(pilot, lambda: isinstance(app.screen, FormDialog))
        await pilot.press("space", "tab", "enter", "down", "enter", "ctrl+s")
        await until(pilot, lambda: app.screen is setup)
        assert str(setup.query_one("#setup-form").render()) == f"{first_variant.name}, Ketensamenwerking"
        setup.query_one("#setup-participants", TextArea).text = "Gemeente Lindendal; coördinator\nPolitie Lindendal; wijkagent\n"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace is not None and len(app.workspace.sessions) == 2)
        settings = tomllib.loads((folder / "samenwerk-instellingen.toml").read_text(encoding="utf-8"))
        assert settings["samenwerkingsvorm"] == {"varianten": [first_variant.id], "hoofdvorm": "ketensamenwerking", "vormen": []}
        assert settings["samenwerking"] == {"naam": "Horecateam Lindendal", "fase": "begin"}


async def test_an_old_free_form_stays_in_the_file_and_in_kennis(tmp_path: Path) -> None:
    (tmp_path / "samenwerk-instellingen.toml").write_text(
        '[samenwerking]\nnaam = "Team"\nvorm = "integrale handhaving"\n\n[[deelnemers]]\norganisatie = "Gemeente"\n', encoding="utf-8"
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await until(pilot, lambda: setup_ready(app))
        setup = app.screen
        await type_text(pilot, "Team")
        setup.query_one("#setup-participants", TextArea).text = "Gemeente\n"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace is not None and len(app.workspace.sessions) == 1)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.settings is not None and app.settings.collaboration.form == "integrale handhaving"
        text = (tmp_path / "samenwerk-instellingen.toml").read_text(encoding="utf-8")
        assert 'vorm = "integrale handhaving"' in text and "samenwerkingsvorm" not in text
        # Kennis shows it where the form is shown, until a form is chosen.
        await pilot.press("i")
        kennis = app.query_one("#knowledge-text", Static)
        await until(pilot, lambda: "Samenwerkingsvorm: “integrale handhaving” (vrije tekst; nog niet vastgelegd)" in kennis.render().plain)
        await pilot.press("down")
        await until(pilot, lambda: "Bij het opzetten als vorm opgegeven (vrije tekst): “integrale handhaving”." in kennis.render().plain)


async def test_the_whole_cycle_without_the_command_line(tmp_path: Path) -> None:
    folder, mail = tmp_path / "horeca", tmp_path / "mail"
    app = make_app(folder)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        # An empty (missing) folder: the dashboard offers to set up a collaboration.
        await until(pilot, lambda: setup_ready(app))
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
            "Gemeente Lindendal",
            "Politie Lindendal",
            "Brandweer Lindendal",
        ]
        # Invitations to send, from the palette.
        await pilot.press("ctrl+p")
        await type_text(pilot, "uitnodigingen")
        await until(pilot, lambda: palette_choice(app) == "Uitnodigingen tonen")
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
        await until(
            pilot,
            lambda: all(
                any(answer.score is not None for answer in app.workspace.session_with_path(path).session.answers.values())
                for path in (gemeente, politie)
            ),
        )
        # The third mails theirs back; it is imported over the untouched file made for them.
        mail.mkdir()
        (mail / brandweer.name).write_bytes(brandweer.read_bytes())
        fill_in(mail / brandweer.name, 3)
        await pilot.press("ctrl+p")
        await type_text(pilot, "sessiebestand importeren")
        await until(pilot, lambda: palette_choice(app) == "Sessiebestand importeren")
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
        await until(pilot, lambda: palette_choice(app) == "Rapport exporteren")
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

        start_round(
            tmp_path,
            CONTENT,
            [],
            [Participant(organisatie="Brandweer")],
            label="2026-Q4",
            round_date=TODAY,
            collaboration="Team",
            slug="team",
        )
        await until(pilot, lambda: len(app.workspace.sessions) == 3)
        assert "Nieuw in de map" in notices(app)
        # Someone else changes the file being edited while the user has typed a score that is not saved yet.
        app.set_score(question, 5)
        fill_in(paths["Gemeente"], 1)
        from samenwerk_tui.ui.dialogs.files import ConflictDialog

        await until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        # On purpose, time for the folder watch to look at least twice: it must not replace the draft.
        await pilot.pause(2.5 * app_module.WATCH_INTERVAL)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.draft.answers[question].score == 5
        # Saving it meets the usual conflict rule: the user chooses.
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
    from samenwerk_tui.ui.dialogs.editing import ActionForm, NoteEditor
    from samenwerk_tui.ui.dialogs.export import ExportDialog
    from samenwerk_tui.ui.dialogs.files import ConflictDialog, ProblemsScreen
    from samenwerk_tui.ui.dialogs.navigation import SearchDialog, SessionPicker
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
        "action": lambda: ActionForm(
            workspace.content, next(iter(workspace.content.items)), "2026-Q4", TODAY, action=Action(wat=long[:150], wie="teamchef")
        ),
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


async def test_every_dialog_shows_all_its_buttons_and_hint_at_80_by_24(example: Path) -> None:
    from textual.widgets import Button

    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        for name, make in _dialogs(app, example).items():
            await app.push_screen(make())
            await pilot.pause()
            await pilot.pause()
            text = screen_text(app)
            for button in app.screen.query(Button):
                label = str(button.label).strip()
                assert label in text, (name, label)
                region = button.region
                assert region.height >= 1 and region.bottom <= 24 and region.right <= 80, (name, label, region)
            for hint in app.screen.query(".dialog-hint"):
                assert str(hint.render()).strip()[:20] in text, (name, "hint")
            app.pop_screen()
            await pilot.pause()


async def test_at_80_by_24_the_respondent_the_reasons_for_signals_and_who_and_where_of_actions_show(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await until(pilot, lambda: "Signalen in deze ronde" in screen_text(app))
        lines = screen_text(app).splitlines()
        assert lines[0].startswith(" Gemeente Lindendal (coördinator horecatoezicht) · ronde 2026-Q4")
        assert "▼ achteruitgang, naar lagere" in screen_text(app)
        assert "▼ dalende trend" in screen_text(app)
        await pilot.press("t")
        await until(pilot, lambda: "Wat · item · bron" in screen_text(app))
        text = screen_text(app)
        assert "Wie" in text and "Wat · item · bron" in text
        assert "teamchef basist…" in text
        assert "Overweeg een conve… · Politie basiste…" in text
        assert "⚠ 30 jun 2026" in text and "te laat" in text


def test_every_class_with_key_bindings_is_in_the_help() -> None:
    from samenwerk_tui.ui.help import HelpScreen, binding_sections

    listed = {owner for _, owners in binding_sections() for owner in owners}
    listed_bindings = [owner.BINDINGS for owner in listed]
    for owner in classes_with_bindings():
        if owner is not HelpScreen:
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
        from samenwerk_tui.ui.dialogs.editing import NoteEditor

        assert not isinstance(app.screen, NoteEditor)
        # Enter on "Annuleren" cancels.
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NewRoundForAllDialog))
        app.screen.query_one("#cancel").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, NewRoundForAllDialog)
        assert len(list(tmp_path.glob("team--2027-q2--*.toml"))) == 0
