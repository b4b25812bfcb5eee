"""What every dialog shares: ``Dialog`` applies its result at once; ``FORM_CSS`` lays out a form.

The dialogs themselves are grouped by role: ``editing`` (notes, actions),
``files`` (conflicts, unsaved changes, problems), ``navigation`` (sessions,
search) and ``export``. Each focuses its first control and gives focus back when closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal whose result the app applies at once, before the next key is handled.

    ``push_screen``'s callback runs only after the app's current message, so a
    key typed right after Enter could still act on the state from before the
    dialog (the previous respondent, the old round). ``finish`` closes the
    dialog and applies ``on_result`` in one step.
    """

    def __init__(self, on_result: Callable[[ResultType], None] | None = None) -> None:
        super().__init__()
        self._on_result = on_result

    def finish(self, result: ResultType) -> None:
        self.dismiss(result)
        if self._on_result is not None:
            self._on_result(result)


FORM_CSS = """
.form-row {
    height: auto;
}
.form-row Label {
    width: 10;
    padding-top: 0;
}
.form-row Input, .form-row Select {
    width: 1fr;
}
"""
