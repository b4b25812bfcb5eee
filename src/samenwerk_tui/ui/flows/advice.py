"""Flows that change the collaboration's form or convenant tick list: a dialog, then one write.

Each flow is one coroutine run as a worker: show the dialog, wait for it,
store the result in ``samenwerk-instellingen.toml`` (only its own tables;
the rest of the file is kept), then show the new state everywhere.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import work

if TYPE_CHECKING:
    from ...settings import CollaborationForm, ConvenantEntry
    from ..ports import Dashboard

SAVED = "Opgeslagen in samenwerk-instellingen.toml."
CHANGED_MEANWHILE = (
    "samenwerk-instellingen.toml is intussen door iemand anders gewijzigd; er is niets opgeslagen. "
    "Laad opnieuw (ctrl+p → Opnieuw laden) en probeer het nog eens."
)
NOT_SAVED = "Niet opgeslagen: {reason}"


@work(group="advice", exclusive=True, exit_on_error=False, description="choose the form of collaboration")
async def edit_form(app: Dashboard) -> None:
    await _choose_form(app)


@work(group="advice", exclusive=True, exit_on_error=False, description="keep the convenant tick list")
async def edit_convenant(app: Dashboard) -> None:
    from ..advice_dialogs import ConvenantDialog

    if app.workspace is None or app.settings is None:
        return
    entries = await app.push_screen(ConvenantDialog(app.workspace.content, app.settings.convenant), wait_for_dismiss=True)
    if entries is not None:
        await store(app, convenant=entries)


@work(group="advice", exclusive=True, exit_on_error=False, description="the guide to a form of collaboration")
async def guide(app: Dashboard) -> None:
    from ..advice_dialogs import GuideDialog

    if app.workspace is None or app.settings is None:
        return
    suggested = await app.push_screen(GuideDialog(app.workspace.content), wait_for_dismiss=True)
    if suggested is not None:
        await _choose_form(app, suggested)


async def _choose_form(app: Dashboard, start: CollaborationForm | None = None) -> None:
    from ..advice_dialogs import FormDialog

    if app.workspace is None or app.settings is None:
        return
    chosen = await app.push_screen(FormDialog(app.workspace.content, start or app.settings.form), wait_for_dismiss=True)
    if chosen is not None:
        await store(app, form=chosen)


async def store(app: Dashboard, *, form: CollaborationForm | None = None, convenant: dict[str, ConvenantEntry] | None = None) -> bool:
    """Write the form and/or tick list; on success the app's settings and views follow."""
    from ...advice import convenant_order
    from ...advice_settings import SettingsChanged, write_advice_settings
    from ...toml.read import FileProblem

    settings = app.settings
    if settings is None or app.workspace is None:
        return False
    new_form = form if form is not None else settings.form
    new_convenant = convenant if convenant is not None else settings.convenant
    try:
        await asyncio.to_thread(
            write_advice_settings,
            app.folder,
            new_form,
            new_convenant,
            order=convenant_order(app.workspace.content),
            expected=(settings.form, settings.convenant),
        )
    except SettingsChanged:
        app.notify(CHANGED_MEANWHILE, severity="error", timeout=10, markup=False)
        return False
    except FileProblem as error:
        app.notify(
            NOT_SAVED.format(reason="; ".join(str(problem) for problem in error.problems)), severity="error", timeout=10, markup=False
        )
        return False
    except (OSError, ValueError) as error:
        app.notify(NOT_SAVED.format(reason=str(error)), severity="error", timeout=10, markup=False)
        return False
    app.settings = settings.model_copy(update={"form": new_form, "convenant": dict(new_convenant)})
    app.advice_changed()
    app.notify(SAVED, timeout=4, markup=False)
    return True
