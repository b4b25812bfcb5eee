"""Importing a partner's file from inside the app, and the privacy warning before an export."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from conftest import make_app, notices, settle
from samenwerk_tui.ui.dialogs.export import ExportDialog
from samenwerk_tui.ui.flows.exchange import ImportChoiceDialog, ImportDialog
from samenwerk_tui.ui.flows.export import PrivacyWarning

POLITIE_Q4 = "horecateam-lindendal--2026-q4--politie-basisteam-lindendal-wijkagent-horeca.toml"


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    target = tmp_path / "mail"
    target.mkdir()
    return target


def changed_copy(source: Path, target: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


async def import_by_keyboard(pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    pilot.app.action_import()
    await pilot.pause()
    assert isinstance(pilot.app.screen, ImportDialog)
    pilot.app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot.app, pilot)


async def test_a_new_partner_file_is_placed_under_its_own_name(example: Path, outbox: Path) -> None:
    incoming = changed_copy(
        example / POLITIE_Q4,
        outbox / "van-de-om.toml",
        'organisatie = "Politie basisteam Lindendal"',
        'organisatie = "Openbaar Ministerie"',
    )
    before = incoming.read_bytes()
    app = make_app(example)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        await import_by_keyboard(pilot, incoming)
        placed = example / "horecateam-lindendal--2026-q4--openbaar-ministerie-wijkagent-horeca.toml"
        assert placed.read_bytes() == before
        assert incoming.read_bytes() == before
        assert app.workspace is not None and any(loaded.path == placed for loaded in app.workspace.sessions)


async def test_a_different_version_asks_and_keeps_the_old_one_as_backup(example: Path, outbox: Path) -> None:
    existing = example / POLITIE_Q4
    old_bytes = existing.read_bytes()
    incoming = changed_copy(existing, outbox / POLITIE_Q4, '[vragen."visie.1"]\nscore = ', '[vragen."visie.1"]\nscore = 1 #')
    app = make_app(example)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        await import_by_keyboard(pilot, incoming)
        assert isinstance(app.screen, ImportChoiceDialog)
        assert any(line.startswith("vraag visie.1, score:") and line.endswith("→ 1") for line in app.screen.differences)
        await pilot.press("n")
        await settle(app, pilot)
        assert existing.read_bytes() == incoming.read_bytes()
        backups = [path for path in example.iterdir() if path.name.startswith(POLITIE_Q4 + ".bak-")]
        assert len(backups) == 1 and backups[0].read_bytes() == old_bytes


@pytest.mark.parametrize("key", ["b", "escape"])
async def test_keeping_the_existing_file_changes_nothing(example: Path, outbox: Path, key: str) -> None:
    existing = example / POLITIE_Q4
    old_bytes = existing.read_bytes()
    incoming = changed_copy(existing, outbox / POLITIE_Q4, '[vragen."visie.1"]\nscore = ', '[vragen."visie.1"]\nscore = 1 #')
    names_before = sorted(path.name for path in example.iterdir())
    app = make_app(example)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        await import_by_keyboard(pilot, incoming)
        assert isinstance(app.screen, ImportChoiceDialog)
        await pilot.press(key)
        await settle(app, pilot)
    assert existing.read_bytes() == old_bytes
    assert sorted(path.name for path in example.iterdir()) == names_before


async def test_keeping_both_puts_the_incoming_file_beside_the_existing_one(example: Path, outbox: Path) -> None:
    existing = example / POLITIE_Q4
    old_bytes = existing.read_bytes()
    incoming = changed_copy(existing, outbox / POLITIE_Q4, '[vragen."visie.1"]\nscore = ', '[vragen."visie.1"]\nscore = 1 #')
    app = make_app(example)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        await import_by_keyboard(pilot, incoming)
        await pilot.press("t")
        await settle(app, pilot)
    assert existing.read_bytes() == old_bytes
    copies = [path for path in example.iterdir() if "-ontvangen-" in path.name]
    assert len(copies) == 1 and copies[0].read_bytes() == incoming.read_bytes()


async def test_an_identical_file_or_another_collaboration_writes_nothing(example: Path, outbox: Path) -> None:
    same = outbox / "zelfde.toml"
    shutil.copy(example / POLITIE_Q4, same)
    other = changed_copy(example / POLITIE_Q4, outbox / "ander.toml", 'slug = "horecateam-lindendal"', 'slug = "woonfraude-noord"')
    names_before = sorted(path.name for path in example.iterdir())
    app = make_app(example)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        await import_by_keyboard(pilot, same)
        assert not isinstance(app.screen, ImportChoiceDialog)
        await import_by_keyboard(pilot, other)
        assert not isinstance(app.screen, ImportChoiceDialog)
        assert "dezelfde inhoud" in notices(app)
        assert "geweigerd" in notices(app)
    assert sorted(path.name for path in example.iterdir()) == names_before


async def test_a_path_that_is_not_a_file_is_said_in_the_dialog(example: Path, tmp_path: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await import_by_keyboard(pilot, tmp_path / "bestaat-niet.toml")
        assert isinstance(app.screen, ImportDialog)
        await pilot.press("escape")
        assert not isinstance(app.screen, ImportDialog)


async def export_markdown(pilot) -> None:  # type: ignore[no-untyped-def]
    pilot.app.action_export()
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportDialog)
    pilot.app.screen.query_one(OptionList).highlighted = 0
    await pilot.press("enter")
    await settle(pilot.app, pilot)


async def test_export_warns_about_personal_data_in_notes(example: Path) -> None:
    gemeente = next(example.glob("*2026-q4--gemeente*.toml"))
    with gemeente.open("a", encoding="utf-8") as file:
        file.write('\n[[logboek]]\ndatum = 2026-11-20\ntekst = "Bel Jan op 06-12345678."\n')
    report = example / "rapport.md"
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await export_markdown(pilot)
        assert isinstance(app.screen, PrivacyWarning)
        assert "telefoonnummer" in app.screen.summary
        await pilot.press("n")
        await settle(app, pilot)
        assert not report.exists()
        await export_markdown(pilot)
        assert isinstance(app.screen, PrivacyWarning)
        await pilot.press("j")
        await settle(app, pilot)
        assert report.exists() and "Horecateam Lindendal" in report.read_text(encoding="utf-8")


async def test_export_without_personal_data_writes_at_once(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await export_markdown(pilot)
        assert not isinstance(app.screen, PrivacyWarning)
        assert (example / "rapport.md").exists()


TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def dialog_text(screen) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(static.render()) for static in screen.query(Static))


async def test_a_file_named_with_escape_sequences_is_shown_as_text_in_the_import_flow(example: Path, outbox: Path) -> None:
    existing = example / POLITIE_Q4
    incoming = changed_copy(
        existing, outbox / "\x1b]0;gekaapt\x07\x1b[2Jpolitie\x9b31m.toml", '[vragen."visie.1"]\nscore = ', '[vragen."visie.1"]\nscore = 1 #'
    )
    new = changed_copy(
        existing, outbox / "\x1b]0;nieuw\x07om.toml", 'organisatie = "Politie basisteam Lindendal"', 'organisatie = "Openbaar Ministerie"'
    )
    app = make_app(example)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        await import_by_keyboard(pilot, outbox / "\x1b]0;weg\x07.toml")
        assert isinstance(app.screen, ImportDialog)
        shown = [dialog_text(app.screen)]
        assert "?]0;weg?.toml" in shown[0]
        await pilot.press("escape")
        await import_by_keyboard(pilot, incoming)
        assert isinstance(app.screen, ImportChoiceDialog)
        shown.append(dialog_text(app.screen))
        assert "?]0;gekaapt??[2Jpolitie?31m.toml" in shown[-1]
        await pilot.press("t")
        await settle(app, pilot)
        await import_by_keyboard(pilot, new)
        shown.append(notices(app))
        assert any("?]0;nieuw?om.toml geïmporteerd" in text for text in shown)
    for text in shown:
        assert TERMINAL_CONTROLS.search(text) is None, text
