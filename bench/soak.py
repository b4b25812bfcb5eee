"""Soak: the dashboard through many random edits, saves, reloads, quits and edits by another process.

    .venv/bin/python bench/soak.py [--edits 1000] [--seed 1]

One process runs the dashboard headless and plays a user with bad luck:
scores typed one by one and in bursts, jumps, reloads, quits and restarts in
the middle of it all, with saves 50 ms after the last key. A second process
writes the same file meanwhile, as a partner's samenwerk or a git pull would:
it appends a log entry every second or so, through samenwerk's own save (which
refuses to overwrite a file that changed since it was read).

When the other process wrote first, the dashboard asks; the soak answers at
random, as a user would: overwrite with mine, keep mine as a copy and load
theirs, or reload theirs. At the end every edit must be accounted for: each
question's last typed score is in the file, or in the copy the user chose to
keep, or was dropped because the user chose to reload; each log entry the
other process saved is in the file, unless the user chose to overwrite it.
Prints the counts and ``ok`` or ``LOST``.

To find the cause of a loss: ``SOAK_DEBUG=1`` prints what the dashboard did
before it (saves, conflicts, folder watch); ``SOAK_NO_WRITER=1`` and
``SOAK_NO_WATCH=1`` leave out the other process or the folder watch, and
``SOAK_CHOICES="overwrite copy"`` limits the answers to conflicts.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import PYTHON

TODAY = dt.date(2026, 12, 1)
SCORES = ("1", "2", "3", "4", "5", "n", "backspace")
MOVES = ("j", "k", "down", "up", "right_square_bracket", "left_square_bracket")
KEY_CHARACTERS = {"right_square_bracket": "]", "left_square_bracket": "["}


def make_session(folder: Path) -> Path:
    from samenwerk_tui.content import load_content
    from samenwerk_tui.store import create_session_file, new_session, session_filename

    content = load_content()
    session = new_session(
        collaboration="Soak",
        slug=None,
        round_label="2026-Q4",
        round_date=TODAY,
        phase="begin",
        organisation="Gemeente",
        role="coördinator",
        content=content,
        today=TODAY,
    )
    path = folder / session_filename(session)
    create_session_file(path, session, content)
    return path


def writer(path: Path, ledger: Path, stop: Path, seed: int) -> None:
    """The other process: a log entry now and then, saved the way samenwerk saves."""
    from samenwerk_tui.model import LogEntry
    from samenwerk_tui.store import ConflictError, load_session, save_session

    rng = random.Random(seed + 1)
    number = 0
    while not stop.exists():
        time.sleep(rng.uniform(0.5, 1.5))
        if os.environ.get("SOAK_NO_WRITER"):
            continue
        number += 1
        for _ in range(20):
            loaded = load_session(path)
            entry = LogEntry(datum=TODAY, tekst=f"extern {number}", auteur="partner")
            session = loaded.session.model_copy(update={"log": [*loaded.session.log, entry]})
            try:
                save_session(loaded, session, today=TODAY)
            except ConflictError:
                continue
            with ledger.open("a", encoding="utf-8") as handle:
                handle.write(f"{number} {time.monotonic()}\n")
            break


class Soak:
    def __init__(self, path: Path, rng: random.Random) -> None:
        self.path = path
        self.rng = rng
        self.typed: dict[str, object] = {}
        """Each question's score as the user last typed it (or the file had it after a reload they chose)."""
        self.counts = dict.fromkeys(
            (
                "edits",
                "bursts",
                "reloads",
                "restarts",
                "overwrite",
                "copy",
                "reload-choice",
                "dropped by choice",
                "kept as copy on leaving",
                "keys taken by a dialog",
            ),
            0,
        )
        self.overwrites: list[float] = []
        self.copy_failures = 0
        self.lost = 0
        self.misplaced = 0
        self.last_notices: list[str] = []
        """Keys that did not land where the screen said, with no dialog to explain it."""

    async def run(self, edits: int) -> None:
        from samenwerk_tui.ui import app as app_module

        app_module.SAVE_DELAY = 0.05
        if os.environ.get("SOAK_NO_WATCH"):
            app_module.WATCH_INTERVAL = 100000
        if os.environ.get("SOAK_DEBUG"):
            self.trace_app(app_module)
        while self.counts["edits"] < edits:
            copies_before = self.copies()
            await self.session(edits)
            # What was typed is in the file now, or in a copy that quitting kept.
            self.follow_file(copies_before, "restart")
            self.counts["restarts"] += 1

    def trace_app(self, app_module) -> None:  # type: ignore[no-untyped-def]
        """With SOAK_DEBUG: what the dashboard did, to explain a loss."""
        from samenwerk_tui.ui import folder_watch

        self.trace: list[str] = []
        original_outcome = app_module.SamenwerkApp._save_outcome
        soak = self

        def outcome(app, pending, result):  # type: ignore[no-untyped-def]
            soak.trace.append(
                f"{time.monotonic():.2f} save {result.name} {pending.machine.state.name} draft={dict(list({q: a.score for q, a in pending.draft.answers.items()}.items())[-3:])}"
            )
            return original_outcome(app, pending, result)

        app_module.SamenwerkApp._save_outcome = outcome
        original_apply = folder_watch.apply_folder_changes

        def apply(app, changes, *, busy):  # type: ignore[no-untyped-def]
            before = app.draft
            original_apply(app, changes, busy=busy)
            if app.draft is not before:
                soak.trace.append(f"{time.monotonic():.2f} watch replaced the draft (busy={busy})")

        folder_watch.apply_folder_changes = apply
        app_module_apply = app_module.__dict__.get("apply_folder_changes")
        if app_module_apply is not None:
            app_module.apply_folder_changes = apply

    def copies(self) -> set[Path]:
        return set(self.path.parent.glob("*-kopie*.toml"))

    def follow_file(self, copies_before: set[Path], where: str = "") -> None:
        """After a reload or a restart: what the file lacks of what was typed must be in a copy made meanwhile.

        (Quit and reload keep a draft whose file someone else changed as a
        copy beside it.) From then on, the file is the baseline.
        """
        from samenwerk_tui.store import load_session

        on_file = load_session(self.path).session
        missing = {qid: score for qid, score in self.typed.items() if on_file.score(qid) != score}
        if missing:
            kept = [load_session(copy).session for copy in self.copies() - copies_before]
            if any(all(copy.score(qid) == score for qid, score in missing.items()) for copy in kept):
                self.counts["kept as copy on leaving"] += 1
            else:
                self.lost += len(missing)
                if os.environ.get("SOAK_DEBUG"):
                    print("lost", where, len(missing), "copies:", len(kept), "notices:", self.last_notices[-6:], file=sys.stderr)
                    print(
                        "  missing",
                        dict(list(missing.items())[:5]),
                        "file",
                        {q: on_file.score(q) for q in list(missing)[:5]},
                        file=sys.stderr,
                    )
                    trace = getattr(self, "trace", [])
                    since = max((i for i, line in enumerate(trace) if "follow file" in line), default=0)
                    print(
                        "  trace",
                        *[line for line in trace[since:] if any(q in line for q in missing) or "typed" not in line][-40:],
                        sep="\n    ",
                        file=sys.stderr,
                    )
        self.typed = {qid: answer.score for qid, answer in on_file.answers.items() if answer.score is not None}
        if hasattr(self, "trace"):
            self.trace.append(f"{time.monotonic():.2f} follow file ({where})")

    async def session(self, edits: int) -> None:
        from samenwerk_tui.ui.app import create_app
        from samenwerk_tui.ui.dialogs.files import ConflictDialog

        app = create_app(self.path.parent, today=TODAY, clock=lambda: "12:00")
        async with app.run_test(size=(120, 40)) as pilot:
            await self.until(pilot, lambda: app.draft is not None and app.query("#phase-begin"))
            while self.counts["edits"] < edits:
                if isinstance(app.screen, ConflictDialog):
                    await self.answer_conflict(app, pilot)
                    continue
                if app.screen is not app.screen_stack[0]:
                    await pilot.pause(0.05)
                    continue
                roll = self.rng.random()
                if roll < 0.01:
                    break  # quit and start again
                if roll < 0.04:
                    self.counts["reloads"] += 1
                    if hasattr(self, "trace"):
                        self.trace.append(f"{time.monotonic():.2f} reload")
                    copies_before = self.copies()
                    app.action_reload()
                    await pilot.pause(0.05)
                    await self.until(pilot, lambda: not app.saving.leaving)
                    await app.workers.wait_for_complete()
                    await pilot.pause(0.1)
                    self.follow_file(copies_before, "reload")
                    continue
                if roll < 0.15:
                    await self.burst(app, pilot)
                else:
                    await self.edit(app, pilot, [self.rng.choice(MOVES) for _ in range(self.rng.randint(0, 2))])
                if self.rng.random() < 0.1:
                    await pilot.pause(self.rng.uniform(0.05, 0.3))
            await pilot.press("ctrl+q")
            await self.until(pilot, lambda: app.return_code is not None or isinstance(app.screen, ConflictDialog), timeout=30)
            self.last_notices = [f"{type(app.screen).__name__} rc={app.return_code}"] + [str(n.message)[:80] for n in app._notifications]
            if app.return_code is None:
                await self.answer_conflict(app, pilot)
                await pilot.press("ctrl+q")
                await self.until(pilot, lambda: app.return_code is not None, timeout=30)

    async def edit(self, app, pilot, moves: list[str]) -> None:  # type: ignore[no-untyped-def]
        await pilot.press(*moves)
        view = (
            app.query_one(f"#phase-{app.query_one('TabbedContent').active}")
            if app.query_one("TabbedContent").active in ("begin", "onderweg")
            else None
        )
        if view is None:
            await pilot.press("b")
            return
        ref = view.selected_ref()
        if ref is None or ref.kind != "question":
            await pilot.press("j")
            return
        key = self.rng.choice(SCORES)
        await pilot.press(key)
        self.typed[ref.id] = None if key == "backspace" else ("nvt" if key == "n" else int(key))
        self.counts["edits"] += 1
        if hasattr(self, "trace"):
            self.trace.append(f"{time.monotonic():.2f} typed {ref.id}={self.typed[ref.id]}")
        self.check_landed(app, [ref.id])

    async def burst(self, app, pilot) -> None:  # type: ignore[no-untyped-def]
        """Keys typed faster than the screen repaints: the expected scores follow the outline."""
        from textual import events

        active = app.query_one("TabbedContent").active
        if active not in ("begin", "onderweg"):
            await pilot.press("b")
            return
        view = app.query_one(f"#phase-{active}")
        ref = view.selected_ref()
        if ref is None or ref.kind != "question":
            await pilot.press("j")
            return
        # The outline's lines as shown (factor and item lines too): "down" steps through them.
        lines = [node.data for node in _walk(view.tree.root) if node.data is not None]
        position = lines.index(ref)
        keys: list[str] = []
        edited: list[str] = []
        for _ in range(min(self.rng.randint(2, 8), len(lines) - position)):
            key = self.rng.choice(SCORES[:6])
            keys += [key, "down"]
            if lines[position].kind == "question":
                self.typed[lines[position].id] = "nvt" if key == "n" else int(key)
                edited.append(lines[position].id)
            position += 1
        length = len(edited)
        for key in keys:
            app.post_message(events.Key(key, KEY_CHARACTERS.get(key, key if len(key) == 1 else None)))
        self.counts["edits"] += length
        self.counts["bursts"] += 1
        if hasattr(self, "trace"):
            self.trace.append(f"{time.monotonic():.2f} burst {edited}")
        await pilot.pause(0.05)
        self.check_landed(app, edited)

    def check_landed(self, app, question_ids: list[str]) -> None:  # type: ignore[no-untyped-def]
        """Keys that a dialog took (it appeared while the user typed, and says so) did not edit; others must have."""
        for qid in question_ids:
            if app.draft.score(qid) != self.typed[qid]:
                if app.screen is app.screen_stack[0]:
                    self.misplaced += 1
                    if os.environ.get("SOAK_DEBUG"):
                        print(
                            "misplaced",
                            qid,
                            self.typed[qid],
                            app.draft.score(qid),
                            app.workspace.current.read_only_reason,
                            app.autosave.state_of(app.workspace.current.path),
                            file=sys.stderr,
                        )
                else:
                    self.counts["keys taken by a dialog"] += 1
                self.typed[qid] = app.draft.score(qid)

    async def answer_conflict(self, app, pilot) -> None:  # type: ignore[no-untyped-def]
        from samenwerk_tui.ui.dialogs.files import ConflictDialog

        await pilot.pause(ConflictDialog.GRACE_SECONDS)
        choice = self.rng.choice(os.environ.get("SOAK_CHOICES", "overwrite copy reload-choice").split())
        self.counts[choice] += 1
        if hasattr(self, "trace"):
            self.trace.append(f"{time.monotonic():.2f} conflict answered {choice}")
        draft_scores = {qid: answer.score for qid, answer in app.draft.answers.items()}
        copies_before = set(self.path.parent.glob("*-kopie*.toml"))
        await pilot.press({"overwrite": "o", "copy": "k", "reload-choice": "r"}[choice])
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if choice == "overwrite":
            self.overwrites.append(time.monotonic())
            return
        if choice == "copy":
            from samenwerk_tui.store import load_session

            new_copies = set(self.path.parent.glob("*-kopie*.toml")) - copies_before
            kept = {qid: answer.score for qid, answer in load_session(next(iter(new_copies))).session.answers.items()} if new_copies else {}
            if kept != draft_scores:
                self.copy_failures += 1
        # The file as it is now is what the user chose to go on from.
        reloaded = {qid: answer.score for qid, answer in app.draft.answers.items()}
        dropped = [qid for qid, score in self.typed.items() if reloaded.get(qid) != score]
        if choice == "reload-choice":
            self.counts["dropped by choice"] += len(dropped)
        self.typed = {qid: score for qid, score in reloaded.items() if score is not None} | {
            qid: None for qid in self.typed if qid not in reloaded
        }

    @staticmethod
    async def until(pilot, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while not condition() and time.monotonic() < deadline:
            await pilot.pause(0.02)


def _walk(node):  # type: ignore[no-untyped-def]
    """The nodes under ``node`` in display order, through unfolded nodes only."""
    for child in node.children:
        yield child
        if child.is_expanded:
            yield from _walk(child)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--writer", nargs=3, metavar=("FILE", "LEDGER", "STOP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer:
        writer(Path(args.writer[0]), Path(args.writer[1]), Path(args.writer[2]), args.seed)
        return 0

    from samenwerk_tui.store import load_session

    folder = Path(tempfile.mkdtemp(prefix="samenwerk-soak-"))
    path = make_session(folder)
    ledger, stop = folder / "ledger.txt", folder / "stop"
    other = subprocess.Popen([PYTHON, __file__, "--seed", str(args.seed), "--writer", str(path), str(ledger), str(stop)])
    soak = Soak(path, random.Random(args.seed))
    started = time.monotonic()
    try:
        asyncio.run(soak.run(args.edits))
    finally:
        stop.touch()
        other.wait(timeout=30)
    final = load_session(path).session
    landed = [line.split() for line in ledger.read_text(encoding="utf-8").splitlines()] if ledger.exists() else []
    in_file = {entry.text for entry in final.log}
    last_overwrite = max(soak.overwrites, default=float("-inf"))
    missing = [number for number, at in landed if f"extern {number}" not in in_file]
    unexplained = [number for number, at in landed if f"extern {number}" not in in_file and float(at) > last_overwrite]
    print(
        f"{soak.counts['edits']} edits ({soak.counts['bursts']} bursts), {soak.counts['reloads']} reloads, "
        f"{soak.counts['restarts']} quits and restarts, in {time.monotonic() - started:.0f} s"
    )
    print(f"other process: {len(landed)} log entries saved; {len(missing)} of them gone by the user's choice to overwrite")
    print(
        f"conflicts answered: overwrite {soak.counts['overwrite']}, copy {soak.counts['copy']}, reload {soak.counts['reload-choice']} "
        f"({soak.counts['dropped by choice']} typed scores dropped by that choice)"
    )
    print(f"kept as a copy when quit or reload met a file changed by the other process: {soak.counts['kept as copy on leaving']} times")
    print(f"keys typed as a conflict dialog appeared (taken by the dialog, not by the outline): {soak.counts['keys taken by a dialog']}")
    print(
        f"scores lost: {soak.lost}; keys that landed elsewhere: {soak.misplaced}; copies not holding the draft: {soak.copy_failures}; "
        f"log entries lost: {len(unexplained)}"
    )
    good = not soak.lost and not soak.misplaced and not unexplained and not soak.copy_failures
    print("every edit accounted for: " + ("ok" if good else "LOST"))
    print(f"(files in {folder})")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
