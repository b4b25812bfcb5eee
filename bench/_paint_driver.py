"""Run one app headless at 120×40 and print the monotonic time of its first painted frame.

``python bench/_paint_driver.py minimal`` runs a minimal Textual app (Header,
Static, Footer); ``python bench/_paint_driver.py samenwerk FOLDER`` runs the
real ``samenwerk FOLDER`` command line. Both are measured the same way: the
first time the app hands a screen update to its driver, the update is rendered
to terminal text (what a real terminal driver would write), the time is
printed on file descriptor 1 and the app exits. With ``--memory`` the app
instead waits until it is idle after loading (see ``memory.py``). With
``--data`` the frame that counts is the first whose screen shows the loaded data
(every text of ``DATA_MARKERS`` on screen), not the loading screen; with
``--terminal`` the app runs in the real terminal, unhooked (``time_to_data.py``
watches the tmux pane from outside).
"""

from __future__ import annotations

import os
import sys
import time

SIZE = (120, 40)
MINIMAL_TEXT = "Hello, minimal Textual app."
DATA_MARKERS = ("beantwoord ", " gem. |vergeleken met|eerste ronde")
"""Texts only the loaded collaboration shows: the status bar's answered count, and a phase tab's averages or
Overzicht's figures (a collaboration with answers opens on Overzicht). ``|`` separates alternatives."""


def has_markers(shown: str, markers: tuple[str, ...]) -> bool:
    """Every marker on screen; a marker with ``|`` is there when one of its alternatives is."""
    return all(any(part in shown for part in marker.split("|")) for marker in markers)


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the screen shows now, as plain text, one line per row."""
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(strip.text for strip in row) for row in update.strips)


def shows_data(app, markers: tuple[str, ...]) -> bool:  # type: ignore[no-untyped-def]
    # Cheap tests first: rendering the whole screen again costs about a frame.
    if getattr(app, "workspace", True) is None or (hasattr(app, "workspace") and not app.query("#tabs")):
        return False
    shown = screen_text(app)
    return has_markers(shown, markers)


def _install_hooks(settle: float | None, markers: tuple[str, ...] = ()) -> None:
    from textual._compositor import CompositorUpdate
    from textual.app import App

    original_run = App.run
    original_display = App._display
    state = {"painted": False}

    def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["headless"] = True
        kwargs["size"] = SIZE
        return original_run(self, *args, **kwargs)

    def display(self, screen, renderable):  # type: ignore[no-untyped-def]
        original_display(self, screen, renderable)
        if renderable is None or state["painted"]:
            return
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.console)
        painted = time.monotonic_ns()
        if markers and not shows_data(self, markers):
            return
        state["painted"] = True
        if settle is None:
            os.write(1, f"{painted}\n".encode())
            self.exit()
        else:
            self.set_timer(settle, _exit_when_idle(self))

    App.run = run  # type: ignore[method-assign]
    App._display = display  # type: ignore[method-assign]


def _exit_when_idle(app):  # type: ignore[no-untyped-def]
    """Exit once the app has loaded (if it loads anything) and no worker ran for a while."""
    quiet = {"polls": 0}

    def check() -> None:
        loading = getattr(app, "workspace", True) is None
        busy = loading or any(not worker.is_finished for worker in app.workers)
        quiet["polls"] = 0 if busy else quiet["polls"] + 1
        if quiet["polls"] >= 3:
            os.write(1, b"done\n")
            app.exit()
        else:
            app.set_timer(0.2, check)

    return check


def _minimal() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class MinimalApp(App[None]):
        BINDINGS = [("ctrl+q", "quit", "Quit")]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static(MINIMAL_TEXT)
            yield Footer()

    MinimalApp().run()


def main() -> None:
    arguments = sys.argv[1:]
    settle = None
    markers: tuple[str, ...] = ()
    terminal = False
    while arguments and arguments[0].startswith("--"):
        option = arguments.pop(0)
        if option == "--memory":
            settle = 0.5
        elif option == "--data":
            markers = DATA_MARKERS
        elif option == "--terminal":
            terminal = True
    if not terminal:
        _install_hooks(settle, (MINIMAL_TEXT,) if markers and arguments[0] == "minimal" else markers)
    if arguments[0] == "minimal":
        _minimal()
    else:
        from samenwerk_tui.cli.dispatch import main as samenwerk

        samenwerk(arguments[1:])


if __name__ == "__main__":
    main()
