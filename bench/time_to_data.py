"""Process start to the collaboration's data on screen, against a minimal Textual app.

What a user waits for after typing ``samenwerk sessions/``: not the loading
screen, but the first frame that shows the loaded data (the status bar's
"beantwoord n/69" and the averages of the starting tab) with the app taking
keys. Measured two ways, each run a fresh process, alternating with a minimal
Textual app (Header, Static, Footer) whose first frame is its data:

- headless at 120×40 (``_paint_driver.py --data``): the first screen update whose
  text holds the markers, rendered as a terminal driver would;
- in a real terminal: tmux (a private server, 120×40) runs the app while this
  script polls ``tmux capture-pane`` for the same texts (for the minimal app,
  its text); the clock starts just before tmux is asked to start the command.

The cache is warm (one untimed run first), as on every start but the first.
Goal: ratio of medians ≤ 1.5 on the example, both ways.

    python bench/time_to_data.py [--pairs 9] [--folder sessions] [--no-tmux]
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from _common import BENCH, EXAMPLE, PYTHON, REPO, child_environment, machine_note, median, verdict
from _paint_driver import DATA_MARKERS, MINIMAL_TEXT, has_markers

GOAL = 1.5
SOCKET = "samenwerk-bench"


def headless(arguments: list[str], cache_home: Path) -> float:
    """Seconds from spawning the process to its first frame with data."""
    start = time.monotonic_ns()
    done = subprocess.run(
        [PYTHON, str(BENCH / "_paint_driver.py"), "--data", *arguments],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        env=child_environment(XDG_CACHE_HOME=str(cache_home)),
    )
    lines = done.stdout.split()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"{arguments[0]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return (int(lines[0]) - start) / 1e9


def _tmux(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *arguments], capture_output=True, text=True)


def in_terminal(arguments: list[str], cache_home: Path, timeout: float = 600) -> float:
    """Seconds from asking tmux to start the app to the pane showing its data."""
    environment = child_environment(XDG_CACHE_HOME=str(cache_home))
    keep = ("PYTHONPYCACHEPREFIX", "XDG_CACHE_HOME", "PYTHONPATH")
    prefix = " ".join(f"{name}={shlex.quote(environment[name])}" for name in keep if name in environment)
    command = f"cd {shlex.quote(str(REPO))} && env -u PYTHONDONTWRITEBYTECODE {prefix} {shlex.quote(PYTHON)} {shlex.quote(str(BENCH / '_paint_driver.py'))} --terminal {shlex.join(arguments)}"
    markers = (MINIMAL_TEXT,) if arguments[0] == "minimal" else DATA_MARKERS
    session = f"ttd-{time.monotonic_ns()}"
    start = time.monotonic()
    started = _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    if started.returncode != 0:
        raise SystemExit(f"tmux could not start {arguments}: {started.stderr.strip()}")
    try:
        while time.monotonic() - start < timeout:
            captured = _tmux("capture-pane", "-p", "-t", session)
            if captured.returncode != 0:
                raise SystemExit(f"{arguments} ended before showing data: {captured.stderr.strip()}")
            shown = captured.stdout
            if has_markers(shown, markers):
                return time.monotonic() - start
            time.sleep(0.01)
        raise SystemExit(f"{arguments} showed no data within {timeout} s")
    finally:
        _tmux("kill-session", "-t", session)


def alternate(measure, folder: Path, pairs: int, cache_home: Path) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    measure(["minimal"], cache_home)
    measure(["samenwerk", str(folder)], cache_home)  # untimed: bytecode, page cache and load cache warm
    minimal: list[float] = []
    app: list[float] = []
    for index in range(pairs):
        order = [(["minimal"], minimal), (["samenwerk", str(folder)], app)]
        if index % 2:
            order.reverse()
        for arguments, times in order:
            times.append(measure(arguments, cache_home))
    return minimal, app


def report(title: str, minimal: list[float], app: list[float], goal: float | None) -> float:
    ratio = median(app) / median(minimal)
    print(title)
    print(f"  minimal Textual app  median {median(minimal) * 1000:8.1f} ms  (min {min(minimal) * 1000:.1f})")
    print(f"  samenwerk            median {median(app) * 1000:8.1f} ms  (min {min(app) * 1000:.1f})")
    target = f"  goal <= {goal}: {verdict(ratio, goal)}" if goal is not None else ""
    print(f"  ratio of medians {ratio:.2f}{target}")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=9, help="alternating pairs per way")
    parser.add_argument("--folder", type=Path, default=EXAMPLE, help="session folder to open (default: the example)")
    parser.add_argument("--no-tmux", action="store_true", help="headless only")
    parser.add_argument("--no-headless", action="store_true", help="tmux only")
    args = parser.parse_args()
    goal = GOAL if args.folder.resolve() == EXAMPLE.resolve() else None
    cache_home = Path(tempfile.mkdtemp(prefix="samenwerk-bench-ttd-"))
    try:
        if not args.no_headless:
            minimal, app = alternate(headless, args.folder, args.pairs, cache_home)
            report(
                f"time to data, headless 120x40, {args.pairs} alternating pairs, {args.folder}, cache warm; {machine_note()}",
                minimal,
                app,
                goal,
            )
        if not args.no_tmux and shutil.which("tmux"):
            minimal, app = alternate(in_terminal, args.folder, args.pairs, cache_home)
            report(
                f"time to data, tmux 120x40 (pane polled every 10 ms), {args.pairs} alternating pairs; {machine_note()}", minimal, app, goal
            )
    finally:
        _tmux("kill-server")
        shutil.rmtree(cache_home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
