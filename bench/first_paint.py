"""Process start to first painted screen: ``samenwerk sessions/`` against a minimal Textual app.

Each run is a fresh process (``_paint_driver.py``), headless at 120×40; the two
apps alternate, and the ratio of the medians is the figure. Goal: ≤ 1.25.

    python bench/first_paint.py [--pairs 11] [--folder sessions]
"""

from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

from _common import BENCH, EXAMPLE, PYTHON, REPO, child_environment, machine_note, median, verdict

GOAL = 1.25


def first_paint(arguments: list[str]) -> float:
    """Seconds from spawning the process to its first painted frame."""
    start = time.monotonic_ns()
    done = subprocess.run(
        [PYTHON, str(BENCH / "_paint_driver.py"), *arguments],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        env=child_environment(),
    )
    lines = done.stdout.split()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"{arguments[0]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return (int(lines[0]) - start) / 1e9


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=11, help="alternating pairs (at least 7)")
    parser.add_argument("--folder", type=Path, default=EXAMPLE, help="session folder to open (default: the example)")
    args = parser.parse_args()
    pairs = max(args.pairs, 7)
    # One untimed pair warms the file cache and compiles bytecode.
    first_paint(["minimal"])
    first_paint(["samenwerk", str(args.folder)])
    minimal: list[float] = []
    app: list[float] = []
    for index in range(pairs):
        order = [("minimal", minimal), ("samenwerk", app)]
        if index % 2:
            order.reverse()
        for name, times in order:
            times.append(first_paint(["minimal"] if name == "minimal" else ["samenwerk", str(args.folder)]))
    ratios = sorted(a / m for a, m in zip(app, minimal, strict=True))
    ratio = median(app) / median(minimal)
    print(f"first paint, {pairs} alternating pairs, headless 120x40, folder {args.folder}; {machine_note()}")
    print(f"  minimal Textual app  median {median(minimal) * 1000:7.1f} ms  (min {min(minimal) * 1000:.1f})")
    print(f"  samenwerk            median {median(app) * 1000:7.1f} ms  (min {min(app) * 1000:.1f})")
    print(f"  ratio of medians {ratio:.2f}  (median of pair ratios {median(ratios):.2f})  goal <= {GOAL}: {verdict(ratio, GOAL)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
