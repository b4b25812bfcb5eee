"""Saving is atomic: a crash at any moment leaves the old or the new file, never half of one."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samenwerk_tui.model import Answer, Session
from samenwerk_tui.store import atomic_write, load_folder, load_session, new_session, serialize_session

VERSIONS = 4

# Each writer below prepares once (imports, reads the versions), then forks
# a writer on every "start" line it reads: the child says "klaar" and its
# process id, and writes for ever until the test kills it; "wait" reports the
# child's exit code. A new process per kill, without a new interpreter each.
FORK_ON_REQUEST = r"""
import traceback

for command in sys.stdin:
    if command == "start\n":
        child = os.fork()
        if child == 0:
            try:
                write_for_ever()
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)
    elif command == "wait\n":
        _, status = os.waitpid(child, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)
"""

# Writes one complete session file after another through the store's
# atomic_write: nearly all its time is spent writing, so that kills fall in
# the middle of writes.
RAW_WRITER = (
    r"""
import os
import sys
from pathlib import Path
from samenwerk_tui.store import atomic_write

path = Path(sys.argv[1])
versions = [Path(name).read_bytes() for name in sys.argv[2:]]


def write_for_ever():
    print("klaar", os.getpid(), flush=True)
    number = 0
    while True:
        number += 1
        atomic_write(path, versions[number % len(versions)])
"""
    + FORK_ON_REQUEST
)

# Saves one session after another the way the app does: each save checks
# the file on disk against the last one it wrote, serialises and stamps.
SESSION_WRITER = (
    r"""
import datetime as dt
import os
import sys
from pathlib import Path
from samenwerk_tui.content import load_content
from samenwerk_tui.store import load_session, parse_session, save_session

content = load_content()
path = Path(sys.argv[1])
sessions = [parse_session(Path(name), Path(name).read_bytes(), content).session for name in sys.argv[2:]]


def write_for_ever():
    loaded = load_session(path, content)
    print("klaar", os.getpid(), flush=True)
    number = 0
    while True:
        number += 1
        loaded = save_session(loaded, sessions[number % len(sessions)], content, today=sessions[0].updated)
"""
    + FORK_ON_REQUEST
)


def versions(content) -> list[Session]:  # type: ignore[no-untyped-def]
    """Sessions of some 200 KB each, so that writing one takes a while."""
    base = new_session(
        collaboration="Horecateam Lindendal",
        slug=None,
        round_label="2026-Q4",
        round_date=dt.date(2026, 11, 12),
        phase="onderweg",
        organisation="Gemeente Lindendal",
        content=content,
        today=dt.date(2026, 11, 28),
    )
    result = []
    for version in range(VERSIONS):
        answers = {
            question_id: Answer(score=(number + version) % 5 + 1, notitie=f"versie {version} " + "x" * 3000)
            for number, question_id in enumerate(content.questions)
        }
        result.append(base.model_copy(update={"answers": answers}))
    return result


def kill_repeatedly(
    writer: str, path: Path, version_files: list[Path], kills: int, longest_wait: float, expected: dict[bytes, int], content
) -> set[int]:  # type: ignore[no-untyped-def]
    """Start a ``writer`` process ``kills`` times, SIGKILL it at a random moment, check the file each time."""
    chance = random.Random(20261128)
    seen: set[int] = set()
    writers = subprocess.Popen(
        [sys.executable, "-c", writer, str(path), *map(str, version_files)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writers.stdin is not None and writers.stdout is not None and writers.stderr is not None

    def errors() -> str:
        writers.kill()
        return writers.communicate(timeout=10)[1]

    try:
        for _ in range(kills):
            writers.stdin.write("start\n")
            writers.stdin.flush()
            ready, _, pid = writers.stdout.readline().partition(" ")
            assert ready == "klaar", errors()
            try:
                time.sleep(chance.uniform(0.005, longest_wait))
            finally:
                os.kill(int(pid), signal.SIGKILL)
            writers.stdin.write("wait\n")
            writers.stdin.flush()
            # Killed by the signal: it was still writing (an exit of its own would give another code).
            assert int(writers.stdout.readline()) == -signal.SIGKILL, errors()
            data = path.read_bytes()
            assert data in expected, f"partial or unknown file of {len(data)} bytes"
            seen.add(expected[data])
            # A valid session the app can open, and the next writer can save over.
            assert load_session(path, content).session.answers.keys() == set(content.questions)
    finally:
        writers.kill()
        writers.wait()
    return seen


@pytest.fixture
def versions_on_disk(tmp_path: Path, content):  # type: ignore[no-untyped-def]
    helpers = tmp_path / "versies"
    helpers.mkdir()
    files = []
    expected = {}
    for number, session in enumerate(versions(content)):
        data = serialize_session(session, content)
        expected[data] = number
        files.append(helpers / f"versie-{number}.toml")
        files[-1].write_bytes(data)
    assert len(expected) == VERSIONS
    folder = tmp_path / "sessies"
    folder.mkdir()
    path = folder / "sessie.toml"
    path.write_bytes(files[0].read_bytes())
    return path, files, expected


def test_sigkill_during_writes_never_leaves_a_partial_file(versions_on_disk, content):
    path, files, expected = versions_on_disk
    seen = kill_repeatedly(RAW_WRITER, path, files, kills=20, longest_wait=0.3, expected=expected, content=content)
    # The kills fell at different moments in the cycle of writes.
    assert len(seen) >= 2
    # Temporary files left by a kill are hidden and never taken for a session.
    result = load_folder(path.parent, content)
    assert [loaded.path for loaded in result.sessions] == [path]
    assert result.problems == []
    leftovers = [p for p in path.parent.iterdir() if p != path]
    assert all(p.name.startswith(".sessie.toml.") and p.name.endswith(".tmp") for p in leftovers)


def test_sigkill_during_session_saves_never_leaves_a_partial_file(versions_on_disk, content):
    path, files, expected = versions_on_disk
    seen = kill_repeatedly(SESSION_WRITER, path, files, kills=8, longest_wait=1.5, expected=expected, content=content)
    assert len(seen) >= 2


def test_normal_saves_leave_no_temporary_files(tmp_path):
    path = tmp_path / "bestand.toml"
    for number in range(20):
        atomic_write(path, f"nummer = {number}\n".encode())
    assert [p.name for p in tmp_path.iterdir()] == ["bestand.toml"]
    assert path.read_text(encoding="utf-8") == "nummer = 19\n"


def test_failed_replace_keeps_the_old_file_and_removes_the_temporary_one(tmp_path, monkeypatch):
    path = tmp_path / "bestand.toml"
    atomic_write(path, b"oud = 1\n")

    def refuse(source: str, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        atomic_write(path, b"nieuw = 2\n")
    assert path.read_bytes() == b"oud = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["bestand.toml"]


def test_folder_that_cannot_be_synced_still_saves(tmp_path, monkeypatch):
    # Some network file systems refuse to fsync a folder; the file is saved all the same.
    path = tmp_path / "bestand.toml"
    real_open = os.open

    def no_folders(file, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & getattr(os, "O_DIRECTORY", 0):
            raise OSError(22, "Invalid argument")
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_folders)
    atomic_write(path, b"nieuw = 2\n")
    assert path.read_bytes() == b"nieuw = 2\n"


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "bestand.toml"
    atomic_write(path, b"oud = 1\n")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        atomic_write(path, b"nieuw = 2\n" * 1000)
    assert path.read_bytes() == b"oud = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["bestand.toml"]


def test_new_file_never_replaces_one_that_appeared_meanwhile(tmp_path, monkeypatch):
    # A partner's file appears between the check and the write (a shared folder).
    path = tmp_path / "sessie.toml"
    real_link = os.link

    def partner_first(source, target):  # type: ignore[no-untyped-def]
        Path(target).write_bytes(b"van een partner\n")
        return real_link(source, target)

    monkeypatch.setattr(os, "link", partner_first)
    with pytest.raises(FileExistsError):
        atomic_write(path, b"van mij\n", replace=False)
    assert path.read_bytes() == b"van een partner\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sessie.toml"]


def test_new_file_without_hard_links(tmp_path, monkeypatch):
    def no_links(source, target):  # type: ignore[no-untyped-def]
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "sessie.toml"
    atomic_write(path, b"nieuw = 1\n", replace=False)
    assert path.read_bytes() == b"nieuw = 1\n"
    with pytest.raises(FileExistsError):
        atomic_write(path, b"nieuw = 2\n", replace=False)
    assert path.read_bytes() == b"nieuw = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sessie.toml"]
