"""Loading a large collaboration: load, validate and analyse against a plain ``tomllib`` parse.

For 1,000 files (10 partners × 100 rounds) and 10,000 (100 partners × 100
rounds), made by ``generate.py`` in a temporary folder, this times in one
process, alternating:

- raw: read every file and ``tomllib.loads`` it (the floor);
- store: what the app does after the first paint without a cache: load the
  checklist and settings, ``store.load_folder`` (parse, validate, check against
  the checklist), build the workspace and analyse the collaboration;
- cache, first start: the same through ``cache.load_folder_cached`` with an
  empty cache (it also writes the cache);
- cache, second start: the same with the cache written by the first.

Goals: store ≤ 1.3× raw; second start ≤ 0.3× raw.

    python bench/many_files.py [--sizes 1000 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from _common import REPO, data_folder, machine_note, median, verdict

sys.path.insert(0, str(REPO / "src"))

from generate import ensure

LOAD_GOAL = 1.3
CACHE_GOAL = 0.3
SHAPES = {1000: (10, 100), 10000: (100, 100)}


def raw_parse(folder: Path) -> None:
    from samenwerk_tui.store import session_files

    for path in session_files(folder):
        tomllib.loads(path.read_bytes().decode("utf-8"))


def app_load(folder: Path, load: Callable) -> None:  # type: ignore[type-arg]
    from samenwerk_tui.analysis.history import analyse_collaboration
    from samenwerk_tui.content import load_content
    from samenwerk_tui.settings import load_settings
    from samenwerk_tui.workspace import Workspace

    content = load_content()
    settings = load_settings(folder)
    loaded = load(folder, content)
    assert not loaded.problems, loaded.problems[:3]
    workspace = Workspace.from_load(folder, content, loaded)
    analyse_collaboration(workspace.collaboration_sessions(), content, settings)


def timed(action: Callable[[], None]) -> float:
    """CPU seconds of this process: steadier than the wall clock on a shared machine (files are in the page cache)."""
    start = time.process_time()
    action()
    return time.process_time() - start


def bench(size: int, repeat: int) -> None:
    from samenwerk_tui import cache
    from samenwerk_tui.cache import load_folder_cached
    from samenwerk_tui.store import load_folder

    # The cache key includes the source of the validating modules. Pin it to the code this
    # process imported, so that someone editing the checkout during a run does not turn
    # the second start into a first start.
    fingerprint = cache._code_fingerprint()
    cache._code_fingerprint = lambda: fingerprint  # type: ignore[assignment]

    partners, rounds = SHAPES.get(size, (10, max(1, size // 10)))
    folder = ensure(data_folder() / f"collaboration-{partners}x{rounds}", partners, rounds)
    cache_root = Path(tempfile.mkdtemp(prefix="samenwerk-bench-cache-"))
    try:
        raw: list[float] = []
        store: list[float] = []
        cold: list[float] = []
        warm: list[float] = []
        timed(lambda: raw_parse(folder))  # warm the page cache and the imports
        for index in range(repeat):
            # A fresh cache folder per repeat: the first load fills it, the second reads it.
            load_cached = functools.partial(load_folder_cached, cache_dir=cache_root / str(index))
            steps = [
                (raw, lambda: raw_parse(folder)),
                (store, lambda: app_load(folder, load_folder)),
                (cold, functools.partial(app_load, folder, load_cached)),
                (warm, functools.partial(app_load, folder, load_cached)),
            ]
            if index % 2:
                steps = [steps[1], steps[0], steps[2], steps[3]]
            for times, action in steps:
                times.append(timed(action))
        base = median(raw)
        print(
            f"{size} files ({partners} partners x {rounds} rounds, {folder}), {repeat} alternating repeats, median CPU time; {machine_note()}:"
        )
        print(f"  raw tomllib parse                 {base:7.3f} s")
        for label, times, goal in (
            ("load+validate+analyse (no cache)", store, LOAD_GOAL),
            ("same, cache first start          ", cold, None),
            ("same, cache second start         ", warm, CACHE_GOAL),
        ):
            ratio = median(times) / base
            target = f"  goal <= {goal}: {verdict(ratio, goal)}" if goal else ""
            print(f"  {label}  {median(times):7.3f} s  ratio {ratio:5.2f}{target}")
    finally:
        shutil.rmtree(cache_root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5, help="alternating repeats per size (10,000 files: at most 3)")
    args = parser.parse_args()
    for size in args.sizes:
        bench(size, args.repeat if size < 10000 else min(args.repeat, 3))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
