"""Small helpers shared by the benchmarks: statistics and paths."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
EXAMPLE = REPO / "sessions"
PYTHON = sys.executable


def data_folder() -> Path:
    """Where generated collaborations go: never in the repository."""
    folder = Path(os.environ.get("SAMENWERK_BENCH_DATA", Path(tempfile.gettempdir()) / "samenwerk-bench"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (``fraction`` 0.95 for p95)."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def verdict(ratio: float, goal: float) -> str:
    return "ok" if ratio <= goal else "MISSED"


def machine_note() -> str:
    """How busy the machine was: read the figures of a run in this light."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"


def child_environment(**extra: str) -> dict[str, str]:
    """The environment for an app under measurement: as after ``pip install``.

    pip compiles every module to bytecode when it installs a package; a checkout
    run with ``PYTHONDONTWRITEBYTECODE`` would compile samenwerk's modules at
    every start, a cost no user pays. Bytecode goes to a folder under the
    benchmark data, never into the repository.
    """
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(data_folder() / "pycache")
    environment.update(extra)
    return environment
