"""Type-ahead on the dashboard: keys typed faster than the screen repaints act in order.

Each key acts on the state the key before it left, also while the tabs' views
are still being built after loading (such keys wait, in order, until they are).
Dialogs and text fields get their keys as usual.
"""

from __future__ import annotations

import weakref
from typing import Any

from textual import events
from textual.app import App
from textual.widgets import Input, TextArea


class TypeAhead:
    """Decides, for the app, the keys that arrive while the dashboard itself has them."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held: list[events.Key] | None = []
        """Keys typed before every tab's view exists; ``None`` once they all do."""
        self.resolved_on_arrival: weakref.WeakSet[events.Key] = weakref.WeakSet()
        """Keys whose binding was looked up when they arrived (see :meth:`_run_binding_on_arrival`)."""

    async def handled(self, event: events.Key) -> bool:
        """Whether the key is dealt with here (held, or its binding run); otherwise the app handles it as usual."""
        if event.is_forwarded and event in self.resolved_on_arrival:
            # Back from the widgets: its binding, if any, was decided when it arrived.
            self.resolved_on_arrival.discard(event)
            return True
        if not event.is_forwarded and self._on_dashboard():
            if self.held is not None and not self._is_priority(event):
                # The dashboard is still being built: the key waits for it, in order.
                self.held.append(event)
                return True
            if await self._run_binding_on_arrival(event):
                return True
            self.resolved_on_arrival.add(event)
        return False

    async def release(self) -> None:
        """Every view is built: the keys typed while it was being built act now, in the order typed."""
        held, self.held = self.held or [], None
        for event in held:
            await self.app.on_event(event)

    def _is_priority(self, event: events.Key) -> bool:
        active = self.app.screen.active_bindings.get(event.key)
        return active is not None and active.binding.priority

    def _on_dashboard(self) -> bool:
        """Keys go to the dashboard itself: no dialog open, no text field focused."""
        return len(self.app.screen_stack) == 1 and not isinstance(self.app.screen.focused, (Input, TextArea))

    async def _run_binding_on_arrival(self, event: events.Key) -> bool:
        """Run the binding of a key on the dashboard the moment the key arrives.

        Textual hands a key to the focused widget and runs its binding only
        when the key comes back up to the app, by which time the keys typed
        after it have been handed out too: a score typed right after ``]``
        or ``b`` would land where the cursor or tab was before. Resolving
        each key here, in arrival order, makes every key act on the state the
        key before it left.
        """
        active = self.app.screen.active_bindings.get(event.key)
        if active is None or not active.enabled:
            return False
        return await self.app.run_action(active.binding.action, active.node)
