"""Peak memory (RSS) of the app against a minimal Textual app, each in its own process.

Each app runs headless at 120×40 (``_paint_driver.py --memory``) until it has
painted, loaded and analysed and its workers have been quiet for a moment; the
peak resident set size of the process comes from ``os.wait4``. Cases: the
example (``sessions/``) and a generated collaboration of 1,000 files, the
latter on a first start (empty cache) and a second start (from the cache).
Each is run a few times, alternating with the minimal app; medians.
Goal on the example: ≤ 1.5× the minimal app.

    python bench/memory.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import BENCH, EXAMPLE, PYTHON, REPO, child_environment, data_folder, machine_note, median, verdict

sys.path.insert(0, str(REPO / "src"))

from generate import ensure

GOAL = 1.5


def peak_rss(arguments: list[str], cache_home: Path) -> int:
    """Peak RSS in bytes of one run of the driver."""
    environment = child_environment(XDG_CACHE_HOME=str(cache_home))
    process = subprocess.Popen(
        [PYTHON, str(BENCH / "_paint_driver.py"), "--memory", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=environment,
    )
    _, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read().decode() if process.stdout else ""
    errors = process.stderr.read().decode() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or "done" not in output:
        raise SystemExit(f"{arguments} failed ({process.returncode}):\n{errors[-2000:]}")
    return usage.ru_maxrss * 1024  # kilobytes on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    large = ensure(data_folder() / "collaboration-10x100", 10, 100)
    root = Path(tempfile.mkdtemp(prefix="samenwerk-bench-memory-"))
    try:
        results: dict[str, list[int]] = {"minimal": [], "example": [], "1000 first start": [], "1000 second start": []}
        # Untimed runs first: bytecode is written once, as pip does at install.
        peak_rss(["minimal"], root / "warm-up")
        peak_rss(["samenwerk", str(EXAMPLE)], root / "warm-up")
        for run in range(args.runs):
            cache_home = root / str(run)
            results["minimal"].append(peak_rss(["minimal"], cache_home))
            results["example"].append(peak_rss(["samenwerk", str(EXAMPLE)], cache_home))
            results["1000 first start"].append(peak_rss(["samenwerk", str(large)], cache_home))
            results["1000 second start"].append(peak_rss(["samenwerk", str(large)], cache_home))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    base = median(results["minimal"])
    print(f"peak RSS after load and analysis, headless 120x40, median of {args.runs} runs; {machine_note()}:")
    for name, values in results.items():
        ratio = median(values) / base
        goal = f"  goal <= {GOAL}: {verdict(ratio, GOAL)}" if name == "example" else ""
        print(f"  {name:<18} {median(values) / 2**20:7.1f} MiB  ratio {ratio:5.2f}{goal}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
