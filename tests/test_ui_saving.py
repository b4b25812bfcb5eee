"""Nothing typed is lost: quit and reload while a save runs, a save that fails, and what the user chooses then."""

from __future__ import annotations

import errno
import threading
import time
from pathlib import Path

import pytest
from textual.widgets import Button, Input

from conftest import answer, make_app, on_disk, ready, screen_text, selected, until
from samenwerk_tui import store
from samenwerk_tui.ui import app as app_module
from samenwerk_tui.ui.autosave import SaveState
from samenwerk_tui.ui.dialogs.files import UnsavedDialog


class Disk:
    """A disk that can be slow or full, in front of the real save."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.delay = 0.0
        self.full = False
        self.saves = 0
        self.gate = threading.Event()
        """Cleared, a save waits until the test sets it: "while a save runs" without racing a timer."""
        self.gate.set()
        real = store.save_session

        def save(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.gate.wait(timeout=30)
            time.sleep(self.delay)
            if self.full:
                raise OSError(errno.ENOSPC, "No space left on device")
            self.saves += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(store, "save_session", save)


@pytest.fixture
def disk(quick_save: None, monkeypatch: pytest.MonkeyPatch) -> Disk:
    return Disk(monkeypatch)


async def test_ctrl_q_while_a_save_runs_waits_and_saves_the_change_made_meanwhile(session_file: Path, disk: Disk) -> None:
    disk.gate.clear()
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        first = selected(app).id
        await pilot.press("2")
        await until(pilot, lambda: app.autosave.state_of(session_file) is SaveState.SAVING)
        await pilot.press("j", "4")
        second = selected(app).id
        assert app.autosave.state_of(session_file) is SaveState.SAVING_DIRTY
        await pilot.press("ctrl+q")
        assert app.return_code is None, "quit waits for the running save"
        disk.gate.set()
        await until(pilot, lambda: app.return_code is not None)
    assert answer(session_file, first) == {"score": 2}
    assert answer(session_file, second) == {"score": 4}


async def test_reload_right_after_a_change_saves_it_first(session_file: Path, disk: Disk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "SAVE_DELAY", 30)
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        await pilot.press("5")
        app.action_reload()
        await until(pilot, lambda: not app.saving.leaving and app.draft is not None and app.draft.score(question) == 5 and disk.saves == 1)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert answer(session_file, question) == {"score": 5}
        assert app.draft.score(question) == 5


async def test_a_failed_save_keeps_the_change_says_so_and_quit_saves_it_once_there_is_room(session_file: Path, disk: Disk) -> None:
    disk.full = True
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        await pilot.press("3")
        await until(pilot, lambda: app.autosave.state_of(session_file) is SaveState.FAILED)
        assert "NIET OPGESLAGEN: de schijf is vol" in screen_text(app).splitlines()[1]
        disk.full = False
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    assert answer(session_file, question) == {"score": 3}


async def test_quit_with_a_disk_still_full_asks_and_esc_stays(session_file: Path, disk: Disk) -> None:
    disk.full = True
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("3")
        await until(pilot, lambda: app.autosave.state_of(session_file) is SaveState.FAILED)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        assert "de schijf is vol" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, UnsavedDialog))
        assert app.return_code is None
        assert app.autosave.state_of(session_file) is SaveState.FAILED
        # Trying again from the dialog, once there is room, saves and quits.
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        disk.full = False
        await pilot.click("#retry")
        await until(pilot, lambda: app.return_code is not None)
    assert on_disk(session_file)["vragen"]


async def test_quit_with_a_full_disk_can_keep_the_change_as_a_copy_elsewhere(session_file: Path, disk: Disk, tmp_path: Path) -> None:
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    disk.full = True
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        await pilot.press("4")
        await until(pilot, lambda: app.autosave.state_of(session_file) is SaveState.FAILED)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        app.screen.query_one("#unsaved-folder", Input).value = str(elsewhere)
        await pilot.click("#copy")
        await until(pilot, lambda: app.return_code is not None)
    copies = list(elsewhere.glob("*.toml"))
    assert len(copies) == 1 and answer(copies[0], question) == {"score": 4}
    assert answer(session_file, question) == {}


async def test_quit_with_a_full_disk_can_drop_the_change_on_purpose(session_file: Path, disk: Disk) -> None:
    disk.full = True
    before = session_file.read_bytes()
    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("4")
        await until(pilot, lambda: app.autosave.state_of(session_file) is SaveState.FAILED)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        assert app.screen.query_one("#discard", Button).label.plain == "Wijzigingen weggooien en afsluiten"
        await pilot.click("#discard")
        await until(pilot, lambda: app.return_code is not None)
    assert session_file.read_bytes() == before


async def test_switching_away_during_a_slow_save_and_back_keeps_every_change(folder: Path, disk: Disk) -> None:
    from conftest import write_session

    gemeente = write_session(folder, organisation="Gemeente")
    politie = write_session(folder, organisation="Politie")
    disk.delay = 0.4
    app = make_app(folder, respondent="Gemeente")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        first = selected(app).id
        await pilot.press("2")
        app.open_session(politie)
        app.open_session(gemeente)
        assert app.draft.score(first) == 2
        await pilot.press("j", "5")
        second = selected(app).id
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    assert answer(gemeente, first) == {"score": 2}
    assert answer(gemeente, second) == {"score": 5}
    assert answer(politie, first) == {}


# --- editors accept only what the loader reads back -------------------------------


async def test_a_note_longer_than_a_file_may_hold_is_refused_in_the_editor_and_kept_there(session_file: Path, disk: Disk) -> None:
    from textual.widgets import Static, TextArea

    from samenwerk_tui.store import load_session
    from samenwerk_tui.ui.dialogs.editing import NoteEditor

    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("3", "e")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        app.screen.query_one(TextArea).insert("x" * 25_200)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert "te lang" in str(app.screen.query_one("#note-error", Static).render())
        assert len(app.screen.query_one(TextArea).text) == 25_200
        app.screen.query_one(TextArea).text = "kort"
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    assert load_session(session_file).session.answers  # the file still loads


@pytest.mark.parametrize("note", ["regel\u2028twee", "\nmet lege regel ervoor", "met lege regel erna\n", "alinea\u2029twee"])
async def test_looking_at_a_note_and_pressing_esc_never_changes_the_file(folder: Path, disk: Disk, note: str) -> None:
    import tomli_w

    from conftest import write_session

    path = write_session(folder)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + f'[vragen."visie.1"]\nnotitie = {tomli_w.dumps({"n": note})[4:].strip()}\n', encoding="utf-8")
    before = path.read_bytes()
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        app.query_one("#phase-begin").select_question("visie.1")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        # On purpose, longer than the debounce: a save the Esc started by mistake would run now.
        await pilot.pause(4 * app_module.SAVE_DELAY)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    assert path.read_bytes() == before


async def test_an_action_or_round_label_too_long_for_the_file_is_refused_in_the_form(session_file: Path, disk: Disk) -> None:
    from textual.widgets import Static

    from samenwerk_tui.ui.dialogs.editing import ActionForm
    from samenwerk_tui.ui.flows.rounds import NewRoundForAllDialog as NewRoundDialog

    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        question = selected(app).id
        await pilot.press("2", "a")
        await until(pilot, lambda: isinstance(app.screen, ActionForm))
        app.screen.query_one("#action-what", Input).value = "x" * 250
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert "Wat is te lang (hoogstens 200 tekens)" in str(app.screen.query_one("#action-error", Static).render())
        await pilot.press("escape")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NewRoundDialog) and app.screen.is_mounted)
        await pilot.pause()
        app.screen.query_one("#round-label", Input).value = "R" * 250
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewRoundDialog)
        assert "Het label is te lang" in str(app.screen.query_one("#round-error", Static).render())
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    assert answer(session_file, question) == {"score": 2}


async def test_a_folder_whose_only_file_is_invalid_says_so_and_why(folder: Path, disk: Disk) -> None:
    (folder / "kapot.toml").write_text('formaat = 1\nfase = "begin"\n[samenwerking\n', encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        shown = screen_text(app)
        assert "geen sessiebestand dat samenwerk kan openen: het enige bestand heeft fouten" in shown.replace(
            "\n", " "
        ) or "het enige bestand heeft fouten" in "\n".join(str(n.message) for n in app._notifications)
        assert "nog geen sessiebestanden" not in shown


async def test_a_poll_of_the_folder_read_before_a_save_never_replaces_what_was_saved(session_file: Path, disk: Disk) -> None:
    """The folder watch reads files in a thread; by the time its result arrives, a save of ours may be newer."""
    from samenwerk_tui.folderwatch import FolderChanges
    from samenwerk_tui.store import load_session
    from samenwerk_tui.ui.folder_watch import apply_folder_changes

    app = make_app(session_file.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        before_save = load_session(session_file)  # what a poll read a moment ago
        question = selected(app).id
        await pilot.press("4")
        await until(pilot, lambda: app.autosave.state_of(session_file) is SaveState.SAVED and disk.saves == 1)
        stale = FolderChanges(loaded=[before_save], problems=[], removed=[], stamps={})
        apply_folder_changes(app, stale, busy=False)
        assert app.draft.score(question) == 4
        assert app.workspace.current.session.score(question) == 4
        await pilot.press("j", "5")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    assert answer(session_file, question) == {"score": 4}


async def test_after_a_conflict_copy_the_next_start_opens_the_respondents_own_file_and_counts_it(folder: Path, disk: Disk) -> None:
    from conftest import write_session
    from samenwerk_tui.store import load_session, save_copy

    path = write_session(folder)
    loaded = load_session(path)
    mine = loaded.session.model_copy(deep=True)
    mine.answers["visie.1"] = mine.answer("visie.1").model_copy(update={"score": 1})
    save_copy(mine, path)  # a kept copy, "…-kopie.toml", which sorts before the file itself
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.workspace.current_path == path
        await until(pilot, lambda: app.history is not None)
        assert app.history.rounds[-1].sessions[next(iter(app.history.rounds[-1].sessions))].score("visie.1") is None
