"""Score key to repainted screen, in a Pilot run on 40 rounds of history.

The app opens a generated collaboration (5 partners × 40 rounds) at 120×40,
selects a question on the phase tab and presses score keys (1–5 in turn, so
every press changes the answer; every few presses it moves to the next
question). For each press the latency is the time from posting the key to the
first screen update handed to the driver after the answer changed, rendered to
terminal text as a real terminal driver would. The baseline is a minimal app
whose key handler updates a Static, measured the same way in the same run.
Goals: median ≤ 16 ms, 95th percentile ≤ 50 ms (one frame at 60 fps is 16.7 ms;
Textual paints on a 60 fps timer, so about half a frame is waiting).

The two apps alternate in blocks (``--blocks``), each block a fresh app.

    python bench/key_to_screen.py [--presses 300] [--blocks 3] [--shape 5x40]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import time
from pathlib import Path

from _common import REPO, data_folder, machine_note, median, percentile, verdict

sys.path.insert(0, str(REPO / "src"))

from generate import ensure

MEDIAN_GOAL = 0.016
P95_GOAL = 0.050
SIZE = (120, 40)


class Recorder:
    """Wraps an app's ``_display``: when each screen update was handed over, rendered."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        from textual._compositor import CompositorUpdate

        self.paints: list[float] = []
        original = app._display

        def display(screen, renderable):  # type: ignore[no-untyped-def]
            original(screen, renderable)
            if renderable is not None:
                if isinstance(renderable, CompositorUpdate):
                    renderable.render_segments(app.console)
                self.paints.append(time.perf_counter())

        app._display = display

    async def paint_after(self, moment: float, timeout: float = 10.0) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for painted in reversed(self.paints):
                if painted > moment:
                    return min(p for p in self.paints if p > moment)
            await asyncio.sleep(0.0005)
        raise RuntimeError(f"no repaint within {timeout} s")


async def measure(app, presses: int, prepare, changed_at, current) -> list[float]:  # type: ignore[no-untyped-def]
    latencies: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        recorder = Recorder(app)
        await prepare(app, pilot)
        for index in range(presses):
            if index and index % 5 == 0:
                await prepare(app, pilot, move=True)
            # The next score after the current one, so that every press changes the answer.
            score = current(app)
            key = str(score % 5 + 1 if isinstance(score, int) else 1)
            start = time.perf_counter()
            await pilot.press(key)
            applied = changed_at()
            if applied is None or applied < start:
                raise RuntimeError(f"key {key} did not change anything")
            painted = await recorder.paint_after(applied)
            latencies.append(painted - start)
        await pilot.press("ctrl+q")
    return latencies


def samenwerk_run(folder: Path, presses: int) -> list[float]:
    from samenwerk_tui.ui.app import create_app
    from samenwerk_tui.ui.phase_view import PhaseView

    app = create_app(folder, today=dt.date(2026, 11, 28), clock=lambda: "12:00")
    changed: dict[str, float] = {}
    original = app.set_score

    def set_score(question_id, score):  # type: ignore[no-untyped-def]
        original(question_id, score)
        changed["at"] = time.perf_counter()

    app.set_score = set_score  # type: ignore[method-assign]

    async def prepare(app, pilot, move: bool = False) -> None:  # type: ignore[no-untyped-def]
        if not move:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
        from textual.widgets import TabbedContent

        active = app.query_one(TabbedContent).active
        if active not in ("begin", "onderweg"):
            # A collaboration with answers opens on Overzicht: go to the respondent's phase.
            app.action_show_tab(app.draft.phase)
            await pilot.pause()
            active = app.query_one(TabbedContent).active
        view = next((view for view in app.query(PhaseView) if view.id == f"phase-{active}"), None)
        if view is None:
            raise RuntimeError(f"the app opened on tab {active!r}, not on a phase")
        for _ in range(40):
            if move:
                await pilot.press("j")
                move = False
                continue
            ref = view.selected_ref()
            if ref is not None and ref.kind == "question":
                return
            await pilot.press("j")
        raise RuntimeError("no question to score")

    def current(app):  # type: ignore[no-untyped-def]
        from textual.widgets import TabbedContent

        active = app.query_one(TabbedContent).active
        view = next(view for view in app.query(PhaseView) if view.id == f"phase-{active}")
        return app.draft.score(view.selected_ref().id)

    return asyncio.run(measure(app, presses, prepare, lambda: changed.get("at"), current))


def minimal_run(presses: int) -> list[float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    changed: dict[str, float] = {}

    class MinimalApp(App[None]):
        score = 0

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("score: -", id="score")
            yield Footer()

        def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
            if event.key in "12345":
                self.score = int(event.key)
                self.query_one("#score", Static).update(f"score: {event.key}")
                changed["at"] = time.perf_counter()

    async def prepare(app, pilot, move: bool = False) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()

    return asyncio.run(measure(MinimalApp(), presses, prepare, lambda: changed.get("at"), lambda app: app.score))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=300)
    parser.add_argument("--blocks", type=int, default=3, help="alternating blocks per app (the presses are split over them)")
    parser.add_argument("--shape", default="5x40", help="partners x rounds of the generated history (10x100: 1,000 files)")
    args = parser.parse_args()
    partners, rounds = (int(part) for part in args.shape.split("x"))
    folder = ensure(data_folder() / f"collaboration-{partners}x{rounds}", partners, rounds)
    per_block = max(1, args.presses // args.blocks)
    baseline: list[float] = []
    latencies: list[float] = []
    for block in range(args.blocks):
        # Alternating, so that a busy moment on a shared machine falls on both apps alike.
        runs = [lambda: baseline.extend(minimal_run(per_block)), lambda: latencies.extend(samenwerk_run(folder, per_block))]
        for run in runs if block % 2 == 0 else reversed(runs):
            run()
    base_median = median(baseline)
    print(
        f"key to screen, {len(latencies)} score presses in {args.blocks} alternating blocks, 120x40, {folder.name} "
        f"({len(list(folder.glob('*.toml')))} files); {machine_note()}"
    )
    print(f"  minimal app  median {base_median * 1000:6.1f} ms  p95 {percentile(baseline, 0.95) * 1000:6.1f} ms")
    line_median = median(latencies)
    line_p95 = percentile(latencies, 0.95)
    print(f"  samenwerk    median {line_median * 1000:6.1f} ms  p95 {line_p95 * 1000:6.1f} ms  max {max(latencies) * 1000:6.1f} ms")
    print(f"  ratio of medians {line_median / base_median:.2f}")
    print(f"  goal median <= 16 ms: {verdict(line_median, MEDIAN_GOAL)}; goal p95 <= 50 ms: {verdict(line_p95, P95_GOAL)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
