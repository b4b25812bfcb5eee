"""The dashboard in a real terminal (tmux): keys sent as a burst land question by question.

Pilot delivers keys through Textual's own test driver; this drives the
installed command in tmux, with ``send-keys -l`` delivering the keys the way
a paste or a fast typist does. It needs tmux, so it is not part of the
default run (``-m terminal`` selects it; ``.ci/run`` runs it).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from samenwerk_tui.content import load_content
from samenwerk_tui.store import create_session_file, load_session, new_session, session_filename

pytestmark = pytest.mark.terminal

CONTENT = load_content()


def outline(phase: str) -> list[str]:
    """The questions of a phase tab in the order its outline shows them."""
    order: list[str] = []
    for factor in CONTENT.factors_of_phase(phase):
        for item in CONTENT.items_of_factor(factor.id):
            order += [q.id for q in CONTENT.questions_of_factor(factor.id, item.id) if q.id not in order]
    return order


class Terminal:
    def __init__(self, folder: Path, tmp_path: Path) -> None:
        assert shutil.which("tmux"), "these tests drive a real terminal: install tmux"
        self.name = f"samenwerk-test-{uuid.uuid4().hex[:8]}"
        environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "TERM": "xterm-256color"}
        command = f"{sys.executable} -m samenwerk_tui {folder} --respondent Gemeente"
        subprocess.run(["tmux", "new-session", "-d", "-x", "120", "-y", "40", "-s", self.name, command], check=True, env=environment)

    def screen(self) -> str:
        result = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return result.stdout

    def wait_for(self, text: str, seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear:\n{self.screen()}")

    def type(self, keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", keys], check=True)

    def press(self, key: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)

    def running(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def close(self) -> None:
        if self.running():
            subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def fresh_file(tmp_path: Path) -> Path:
    folder = tmp_path / "sessies"
    folder.mkdir()
    session = new_session(
        collaboration="Horecateam Lindendal",
        slug=None,
        round_label="2026-Q4",
        round_date=dt.date(2026, 11, 12),
        phase="begin",
        organisation="Gemeente",
        role="coördinator",
        content=CONTENT,
        today=dt.date(2026, 11, 2),
    )
    path = folder / session_filename(session)
    create_session_file(path, session, CONTENT)
    return path


@pytest.mark.parametrize("count", [10, 69])
def test_a_burst_of_scores_and_jumps_lands_question_by_question(fresh_file: Path, tmp_path: Path, count: int) -> None:
    terminal = Terminal(fresh_file.parent, tmp_path)
    try:
        terminal.wait_for("visie.1")
        values = [str(index % 5 + 1) for index in range(count)]
        terminal.type("".join(value + "]" for value in values))
        terminal.wait_for(f"beantwoord {count}/69")
        terminal.press("C-q")
        deadline = time.monotonic() + 30
        while terminal.running() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not terminal.running(), terminal.screen()
    finally:
        terminal.close()
    order = outline("begin") + [q for q in outline("onderweg") if q not in outline("begin")]
    session = load_session(fresh_file, CONTENT).session
    assert [session.score(question) for question in order[:count]] == [int(value) for value in values]
    assert all(session.score(question) is None for question in order[count:])
