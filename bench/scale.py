"""A long history as a user meets it: 1,000 and 10,000 files, from the command to the data on screen.

For a generated collaboration of 10 partners × 100 rounds (1,000 files) and
100 × 100 (10,000 files), each figure against a baseline measured in the same
run:

- ready, cache warm / first start: process start to the first frame with the
  data (``_paint_driver.py --data``, headless 120×40), alternating with the
  minimal Textual app. Goals: warm ≤ minimal + 0.1 × raw parse; first start ≤
  minimal + 0.6 × raw parse, where raw parse is reading and ``tomllib``-parsing
  the same files in this process (the floor for any TOML app).
- peak memory: peak RSS of a run that loads, analyses and stays until idle
  (cache warm). Goal: under 50 KiB per file above the example's peak.
- tab switch after a change: in a Pilot run (cache warm), a score key on the
  phase tab, then ``o`` (Overzicht) or ``v`` (Verloop); the time from the tab key
  to the first frame painted after the analysis that includes the change is on
  screen. Goals: ≤ 100 ms at 1,000 files, ≤ 250 ms at 10,000.
- commands: ``valideer``, ``rapport --formaat json`` and ``rapport`` as fresh
  processes (output to a file), wall time and peak RSS, against a fresh
  process that reads and ``tomllib``-parses the same files. Goal: ≤ 1.0×.

With both sizes, the 10,000-file figures must stay ≤ 11× the 1,000-file ones
(nothing worse than linear). A run at 10,000 files takes minutes: keep them few.

    python bench/scale.py [--sizes 1000 10000] [--repeat 3] [--only ready,memory,tabs,commands]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from _common import BENCH, EXAMPLE, PYTHON, REPO, child_environment, data_folder, machine_note, median, verdict
from time_to_data import headless

sys.path.append(str(REPO / "src"))  # after PYTHONPATH: a run can measure another checkout

import samenwerk_tui  # noqa: F401 - pinned before memory.py and key_to_screen.py put the checkout first
from generate import ensure

SHAPES = {1000: (10, 100), 10000: (100, 100)}
WARM_GOAL = 0.1
FIRST_GOAL = 0.6
MEMORY_PER_FILE_GOAL = 50 * 1024
TAB_GOALS = {1000: 0.100, 10000: 0.250}
COMMAND_GOAL = 1.0
RAW_SCRIPT = (
    "import sys, tomllib, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.toml')):\n"
    "    tomllib.loads(p.read_bytes().decode('utf-8'))\n"
)


def raw_parse_seconds(folder: Path) -> float:
    start = time.perf_counter()
    for path in sorted(folder.glob("*.toml")):
        tomllib.loads(path.read_bytes().decode("utf-8"))
    return time.perf_counter() - start


LAUNCHER = (
    "import os, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "child = subprocess.Popen(sys.argv[1:])\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "sys.stderr.write(f'\\n@@ {time.perf_counter() - start} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}\\n')\n"
)
"""Runs a command and reports its wall time and peak RSS. On Linux a child's peak RSS includes
the memory of the process it was forked from, so the measured command is started by this small
process rather than by the benchmark, which holds a loaded dashboard by the end."""


def run_process(arguments: list[str], cache_home: Path, output: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS in bytes of one fresh process."""
    environment = child_environment(XDG_CACHE_HOME=str(cache_home))
    with open(output or os.devnull, "wb") as sink:
        done = subprocess.run([PYTHON, "-c", LAUNCHER, *arguments], stdout=sink, stderr=subprocess.PIPE, cwd=REPO, env=environment)
    errors = done.stderr.decode(errors="replace")
    report = errors.rstrip().rsplit("\n", 1)[-1].split()
    if len(report) != 4 or report[0] != "@@" or report[3] not in ("0", "1"):
        raise SystemExit(f"{arguments} failed:\n{errors[-2000:]}")
    return float(report[1]), int(report[2]) * 1024


def samenwerk_command(*arguments: str) -> list[str]:
    return [PYTHON, "-m", "samenwerk_tui", *arguments]


def line(label: str, value: str, goal: str = "") -> None:
    print(f"  {label:<34} {value}{goal}")


def bench_ready(folder: Path, repeat: int, raw: float, cache_home: Path, results: dict) -> None:  # type: ignore[type-arg]
    minimal: list[float] = []
    warm: list[float] = []
    first: list[float] = []
    headless(["minimal"], cache_home)
    for index in range(repeat):
        fresh = cache_home / f"first-{index}"
        steps = [(minimal, ["minimal"], cache_home), (first, ["samenwerk", str(folder)], fresh), (warm, ["samenwerk", str(folder)], fresh)]
        if index % 2:
            steps = [steps[1], steps[2], steps[0]]
        for times, arguments, home in steps:
            times.append(headless(arguments, home))
        shutil.rmtree(fresh, ignore_errors=True)
    base = median(minimal)
    line("minimal app, first frame", f"{base:7.3f} s")
    line("raw tomllib parse (in process)", f"{raw:7.3f} s")
    for label, times, factor in (("ready, first start (empty cache)", first, FIRST_GOAL), ("ready, cache warm", warm, WARM_GOAL)):
        value = median(times)
        allowed = base + factor * raw
        line(
            label,
            f"{value:7.3f} s  ratio {value / base:6.2f}",
            f"  goal <= minimal + {factor} x raw = {allowed:.3f} s: {verdict(value, allowed)}",
        )
        results[label] = value
    results["minimal"] = base


def bench_memory(folder: Path, cache_home: Path, size: int, results: dict) -> None:  # type: ignore[type-arg]
    def peak(arguments: list[str]) -> int:
        return run_process([PYTHON, str(BENCH / "_paint_driver.py"), "--memory", *arguments], cache_home)[1]

    minimal = peak(["minimal"])
    example = peak(["samenwerk", str(EXAMPLE)])
    large = peak(["samenwerk", str(folder)])
    per_file = (large - example) / size
    line("peak RSS minimal app", f"{minimal / 2**20:7.1f} MiB")
    line(
        "peak RSS example",
        f"{example / 2**20:7.1f} MiB  ratio {example / minimal:5.2f}",
        f"  goal <= 1.5: {verdict(example / minimal, 1.5)}",
    )
    line(
        f"peak RSS {size} files, cache warm",
        f"{large / 2**20:7.1f} MiB  ratio {large / minimal:5.2f}",
        f"  {per_file / 1024:.1f} KiB per file above the example; goal < 50 KiB: {verdict(per_file, MEMORY_PER_FILE_GOAL)}",
    )
    results["memory"] = large


def bench_tabs(folder: Path, size: int, cache_home: Path, results: dict) -> None:  # type: ignore[type-arg]
    os.environ["XDG_CACHE_HOME"] = str(cache_home)
    timings = asyncio.run(_tab_switches(folder))
    goal = TAB_GOALS.get(size, TAB_GOALS[10000])
    for name, seconds in timings.items():
        line(f"score key, then {name}", f"{seconds * 1000:7.1f} ms", f"  goal <= {goal * 1000:.0f} ms: {verdict(seconds, goal)}")
        results[name] = seconds


async def _tab_switches(folder: Path) -> dict[str, float]:
    from textual._compositor import CompositorUpdate
    from textual.widgets import TabbedContent

    from samenwerk_tui.ui.app import create_app
    from samenwerk_tui.ui.history_view import HistoryView
    from samenwerk_tui.ui.overview import OverviewView
    from samenwerk_tui.ui.phase_view import PhaseView

    app = create_app(folder, today=dt.date(2026, 11, 28), clock=lambda: "12:00")
    wanted: dict[str, object] = {}
    """The change to wait for: the tab, the respondent, the round, the question and its new score."""
    painted: list[float] = []
    original = app._display

    def shows_change() -> bool:
        tabs = app.query(TabbedContent)
        pane = tabs.first().active_pane if tabs else None
        if not wanted or pane is None or pane.id != wanted["tab"]:
            return False
        views = [*pane.query_children(OverviewView), *pane.query_children(HistoryView)]
        history = views[0].history if views else None
        if history is None:
            return False
        rounds = [result for result in history.rounds if result.label == wanted["round"]]
        session = rounds[0].sessions.get(wanted["respondent"]) if rounds else None  # type: ignore[arg-type]
        return session is not None and session.score(wanted["question"]) == wanted["score"]

    def display(screen, renderable):  # type: ignore[no-untyped-def]
        original(screen, renderable)
        if renderable is not None and not painted and shows_change():
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            painted.append(time.perf_counter())

    app._display = display  # type: ignore[method-assign]
    timings: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        for name, tab_key, tab in (("Overzicht", "o", "overzicht"), ("Verloop", "v", "verloop")):
            phase = app.draft.phase
            await pilot.press("w" if phase == "onderweg" else "b")
            await pilot.pause()
            view = app.query_one(f"#phase-{phase}", PhaseView)
            while (ref := view.selected_ref()) is None or ref.kind != "question":
                await pilot.press("j")
            score = app.draft.score(ref.id)
            new_score = score % 5 + 1 if isinstance(score, int) else 1
            await pilot.press(str(new_score))
            wanted.update(tab=tab, round=app.draft.round.label, respondent=app.draft.respondent.key, question=ref.id, score=new_score)
            painted.clear()
            start = time.perf_counter()
            await pilot.press(tab_key)
            deadline = start + 600
            while not painted:
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{name} did not show the change")
                await asyncio.sleep(0.001)
            timings[name] = painted[0] - start
            wanted.clear()
        await app.workers.wait_for_complete()
        app.exit()
    return timings


def bench_commands(folder: Path, repeat: int, cache_home: Path, results: dict) -> None:  # type: ignore[type-arg]
    output = Path(tempfile.mkdtemp(prefix="samenwerk-bench-out-"))
    commands = {
        "raw parse (fresh process)": [PYTHON, "-c", RAW_SCRIPT, str(folder)],
        "valideer": samenwerk_command("valideer", str(folder)),
        "rapport --formaat json": samenwerk_command("rapport", str(folder), "--formaat", "json", "--datum", "2026-11-28"),
        "rapport": samenwerk_command("rapport", str(folder), "--datum", "2026-11-28"),
    }
    figures: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    try:
        for arguments in commands.values():
            run_process(arguments, cache_home, output / "warm-up")
        for index in range(repeat):
            names = list(commands) if index % 2 == 0 else list(reversed(commands))
            for name in names:
                figures[name].append(run_process(commands[name], cache_home, output / "out"))
    finally:
        shutil.rmtree(output, ignore_errors=True)
    base = median([seconds for seconds, _ in figures["raw parse (fresh process)"]])
    for name, runs in figures.items():
        seconds = median([s for s, _ in runs])
        peak = max(m for _, m in runs)
        goal = "" if name.startswith("raw") else f"  goal <= {COMMAND_GOAL}: {verdict(seconds / base, COMMAND_GOAL)}"
        line(name, f"{seconds:7.3f} s  ratio {seconds / base:5.2f}  peak {peak / 2**20:7.1f} MiB", goal)
        results[name] = seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="alternating repeats at 1,000 files (10,000: one)")
    parser.add_argument("--only", default="ready,memory,tabs,commands")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    all_results: dict[int, dict[str, float]] = {}
    root = Path(tempfile.mkdtemp(prefix="samenwerk-bench-scale-"))
    try:
        for size in args.sizes:
            partners, rounds = SHAPES.get(size, (10, max(1, size // 10)))
            folder = ensure(data_folder() / f"collaboration-{partners}x{rounds}", partners, rounds)
            repeat = args.repeat if size < 10000 else 1
            cache_home = root / str(size)
            raw = min(raw_parse_seconds(folder) for _ in range(2 if size < 10000 else 1))
            results: dict[str, float] = {}
            print(f"{size} files ({partners} partners x {rounds} rounds), {repeat} alternating repeat(s); {machine_note()}")
            headless(["samenwerk", str(folder)], cache_home)  # bytecode and load cache written
            if "ready" in parts:
                bench_ready(folder, repeat, raw, cache_home, results)
            if "memory" in parts:
                bench_memory(folder, cache_home, size, results)
            if "commands" in parts:
                bench_commands(folder, repeat, cache_home, results)
            if "tabs" in parts:
                bench_tabs(folder, size, cache_home, results)  # last: it loads the dashboard into this process
            all_results[size] = results
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if 1000 in all_results and 10000 in all_results:
        print("10x the files (10,000 against 1,000), goal <= 11x:")
        small, large = all_results[1000], all_results[10000]
        for name in small:
            if name in large and name != "minimal":
                growth = large[name] / small[name]
                print(f"  {name:<34} {growth:6.1f}x  {verdict(growth, 11)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
