"""Shared fixtures: the built-in content and valid session files on disk.

Kept small on purpose; fixtures for one test file belong in that file.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import io
import pkgutil
import shutil
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console

from samenwerk_tui.content import Checklist, load_content
from samenwerk_tui.store import create_session_file, new_session, session_filename
from samenwerk_tui.ui.app import create_app
from samenwerk_tui.ui.autosave import SaveState
from samenwerk_tui.ui.phase_view import PhaseView

SESSION_TEMPLATE = """\
formaat = {formaat}
fase = "{fase}"
aangemaakt = 2026-01-05
bijgewerkt = 2026-01-06
{top}
[samenwerking]
naam = "Horecateam Lindendal"
slug = "horecateam-lindendal"

[ronde]
label = "{ronde}"
datum = 2026-01-05

[respondent]
organisatie = "{organisatie}"
rol = "coördinator horecatoezicht"

[inhoud]
id = "ccv-samenwerken-2011"
versie = "1"

{body}"""

MakeSession = Callable[..., Path]


@pytest.fixture(autouse=True, scope="session")
def quick_idle_checks() -> Iterator[None]:
    """Pilot checks whether the app has gone idle every 5 ms instead of every 20 ms.

    ``pilot.press`` and ``pilot.pause`` end with Textual's ``wait_for_idle``,
    which sleeps in slices until one slice passes with (almost) no CPU used
    (under 5 % of it). With 20 ms slices, a key costs at least 40 ms of sleep,
    about half of a Pilot test's time; 5 ms slices keep the same 5 % threshold.
    What a test waits for (a save, a load, a worker) it waits for by condition
    (``until``, ``settle``, ``until_idle``), never by this heuristic alone.
    """
    from textual import _wait

    with pytest.MonkeyPatch.context() as patch:
        # A private module of Textual: on a release without these names the tests only run slower.
        if hasattr(_wait, "SLEEP_GRANULARITY") and hasattr(_wait, "SLEEP_IDLE"):
            patch.setattr(_wait, "SLEEP_GRANULARITY", 1 / 200)
            patch.setattr(_wait, "SLEEP_IDLE", 1 / 200 / 20)
        yield


@pytest.fixture(autouse=True)
def private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test gets its own load cache and cache key, never the user's in the home folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def quick_save(monkeypatch: pytest.MonkeyPatch) -> None:
    """Save 50 ms after the last change instead of 0.8 s, to keep the suite fast."""
    from samenwerk_tui.ui import app as app_module

    monkeypatch.setattr(app_module, "SAVE_DELAY", 0.05)


@pytest.fixture(scope="session")
def content() -> Checklist:
    """The built-in CCV checklist and knowledge base."""
    return load_content()


@pytest.fixture
def make_session(tmp_path: Path) -> MakeSession:
    """Write a valid session file and return its path.

    ``body`` is TOML appended after the header tables (``[vragen."visie.1"]``
    and the like); ``top`` is TOML placed among the top-level keys. The file
    goes to ``folder`` (default ``tmp_path``) under ``name``.
    """

    def make(
        body: str = "",
        *,
        name: str = "sessie.toml",
        folder: Path | None = None,
        top: str = "",
        fase: str = "begin",
        formaat: int = 1,
        ronde: str = "2026-Q1",
        organisatie: str = "Gemeente Lindendal",
    ) -> Path:
        path = (folder or tmp_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = SESSION_TEMPLATE.format(formaat=formaat, fase=fase, top=top, ronde=ronde, organisatie=organisatie, body=body)
        path.write_text(text, encoding="utf-8")
        return path

    return make


async def burst(app, *keys: str) -> None:
    """Type ``keys`` as a paste or a fast typist does: all at once, before the app has handled any.

    ``pilot.press`` waits for the app to go idle after every key; a burst does
    not, so a key that reads state an earlier key has yet to update shows up.
    """
    from textual import events
    from textual.keys import _character_to_key

    for key in keys:
        character = key if len(key) == 1 else {"right_square_bracket": "]", "left_square_bracket": "["}.get(key)
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        app.post_message(events.Key(name, character))


# --- the dashboard in Pilot tests ------------------------------------------------

TODAY = dt.date(2026, 11, 28)
CONTENT = load_content()


def write_session(
    folder: Path,
    *,
    organisation: str = "Gemeente Lindendal",
    round_label: str = "2026-Q4",
    round_date: dt.date = dt.date(2026, 11, 12),
    phase: str = "begin",
    previous=None,
    created: dt.date = dt.date(2026, 11, 2),
) -> Path:
    session = new_session(
        collaboration="Horecateam Lindendal",
        slug=None,
        round_label=round_label,
        round_date=round_date,
        phase=phase,
        organisation=organisation,
        role="coördinator",
        content=CONTENT,
        previous=previous,
        today=created,
    )
    path = folder / session_filename(session)
    create_session_file(path, session, CONTENT)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sessies"
    folder.mkdir()
    return folder


@pytest.fixture
def session_file(folder: Path) -> Path:
    return write_session(folder)


EXAMPLE = Path(__file__).resolve().parent.parent / "sessions"
"""The example collaboration shipped in the repository (``sessions/``)."""


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the shipped example, so a test may change it."""
    target = tmp_path / "sessies"
    shutil.copytree(EXAMPLE, target)
    return target


def make_app(folder: Path, *, today: dt.date = TODAY, time_of_day: str = "12:34", **kwargs):
    """The dashboard on ``folder`` with a fixed date and a clock that always says ``time_of_day``.

    Without animations: Pilot waits for every animation after every key, and the
    tab bar's sliding underline alone would add 0.3 s to each switch of tab.
    """
    app = create_app(folder, today=today, clock=lambda: time_of_day, **kwargs)
    app.animation_level = "none"
    return app


async def until(pilot, condition: Callable[[], object], timeout: float = 10.0, what: str = "") -> None:
    """Let the app run until ``condition()`` holds; fail saying ``what`` did not happen within ``timeout`` seconds.

    Polls with ``pilot.pause()``, which waits for the app to go idle, so it
    returns as soon as the app gets there, on a fast machine or a busy one.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what or condition_source(condition)}")
        await pilot.pause()


def condition_source(condition: Callable[[], object]) -> str:
    try:
        return inspect.getsource(condition).strip()
    except (OSError, TypeError):
        return repr(condition)


async def ready(app, pilot) -> None:
    """Wait for the load, which starts only after the first frame, to finish and its result to show."""
    for _ in range(100):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if not any(indicator.display for indicator in app.query("#loading")):
            break
    await pilot.pause()
    await pilot.pause()


def saves_due(app) -> bool:
    """A change waits for its debounced save, or a save runs (a failed or conflicting save waits for the user)."""
    return any(pending.machine.busy or pending.machine.state is SaveState.DIRTY for pending in app.autosave.files.values())


async def settle(app, pilot) -> None:
    """Let the app finish what it is doing: the debounced save, loading and analysis, and the messages they post."""
    await pilot.pause()
    await until(pilot, lambda: not saves_due(app), what="the debounced save ran and finished")
    await until_idle(pilot)


def palette_choice(app) -> str:
    """The command the palette's Enter would run now (the highlighted hit), or ``""``."""
    from textual.command import CommandList

    lists = app.screen.query(CommandList)
    if not lists or lists.first().highlighted is None:
        return ""
    option = lists.first().highlighted_option
    hit = getattr(option, "hit", None)
    return str(hit.text) if hit is not None else ""


FLOW_GROUPS = frozenset({"exchange", "report", "advice", "leave", "setup"})
"""Worker groups of the flows (ui/flows), which wait at their dialogs for the user."""


async def until_idle(pilot, seconds: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until every worker is done, or the only ones left are flows waiting for the user at a dialog."""
    app = pilot.app
    deadline = time.monotonic() + seconds
    while True:
        await pilot.pause()
        running = [worker for worker in app.workers if not worker.is_finished]
        if not running or (len(app.screen_stack) > 1 and all(worker.group in FLOW_GROUPS for worker in running)):
            break
        assert time.monotonic() < deadline, f"still busy: {running}"
        await pilot.pause(0.02)
    await pilot.pause()


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def answer(path: Path, question_id: str) -> dict:
    return on_disk(path)["vragen"].get(question_id, {})


def screen_text(app) -> str:
    """The screen as a user reads it: plain characters, no styles."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def notices(app) -> str:
    return "\n".join(str(notification.message) for notification in app._notifications)


def phase_view(app, phase: str = "begin") -> PhaseView:
    return app.query_one(f"#phase-{phase}", PhaseView)


def selected(app, phase: str = "begin"):
    return phase_view(app, phase).selected_ref()


async def type_text(pilot, text: str) -> None:
    keys = ["space" if char == " " else char for char in text]
    await pilot.press(*keys)


def base_session(**changes):  # type: ignore[no-untyped-def]
    """A new session of the example's gemeente in 2026-Q4, with ``changes`` to its fields."""
    session = new_session(
        collaboration="Horecateam Lindendal",
        slug=None,
        round_label="2026-Q4",
        round_date=dt.date(2026, 11, 12),
        phase="onderweg",
        organisation="Gemeente Lindendal",
        role="coördinator horecatoezicht",
        today=dt.date(2026, 11, 2),
    )
    return session.model_copy(update=changes)


def classes_with_bindings() -> Iterator[type]:
    """Every class of the dashboard (all modules under ``samenwerk_tui.ui``) that declares key bindings of its own."""
    import samenwerk_tui.ui as ui_package

    for module_info in pkgutil.walk_packages(ui_package.__path__, prefix=f"{ui_package.__name__}."):
        module = importlib.import_module(module_info.name)
        for _, owner in inspect.getmembers(module, inspect.isclass):
            if owner.__module__ == module.__name__ and owner.__dict__.get("BINDINGS"):
                yield owner
