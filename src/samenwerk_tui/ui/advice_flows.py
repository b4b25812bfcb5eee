"""Flows that change the collaboration's form or convenant tick list: a dialog, then one write.

Each flow is one coroutine run as a worker: show the dialog, wait for it,
store the result in ``samenwerk-instellingen.toml`` (only its own tables;
the rest of the file is kept), then show the new state everywhere.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..settings import CollaborationForm, ConvenantEntry
    from .app import SamenwerkApp

SAVED = "Opgeslagen in samenwerk-instellingen.toml."
CHANGED_MEANWHILE = (
    "samenwerk-instellingen.toml is intussen door iemand anders gewijzigd; er is niets opgeslagen. "
    "Laad opnieuw (ctrl+p → Opnieuw laden) en probeer het nog eens."
)
NOT_SAVED = "Niet opgeslagen: {reason}"


def edit_form(app: SamenwerkApp) -> None:
    app.run_worker(_edit_form(app), group="advice", exclusive=True, exit_on_error=False)


def edit_convenant(app: SamenwerkApp) -> None:
    app.run_worker(_edit_convenant(app), group="advice", exclusive=True, exit_on_error=False)


def guide(app: SamenwerkApp) -> None:
    app.run_worker(_guide(app), group="advice", exclusive=True, exit_on_error=False)


async def _edit_form(app: SamenwerkApp, start: CollaborationForm | None = None) -> None:
    from .advice_dialogs import FormDialog

    if app.workspace is None or app.settings is None:
        return
    chosen = await app.push_screen(FormDialog(app.workspace.content, start or app.settings.form), wait_for_dismiss=True)
    if chosen is not None:
        await store(app, form=chosen)


async def _edit_convenant(app: SamenwerkApp) -> None:
    from .advice_dialogs import ConvenantDialog

    if app.workspace is None or app.settings is None:
        return
    entries = await app.push_screen(ConvenantDialog(app.workspace.content, app.settings.convenant), wait_for_dismiss=True)
    if entries is not None:
        await store(app, convenant=entries)


async def _guide(app: SamenwerkApp) -> None:
    from .advice_dialogs import GuideDialog

    if app.workspace is None or app.settings is None:
        return
    suggested = await app.push_screen(GuideDialog(app.workspace.content), wait_for_dismiss=True)
    if suggested is not None:
        await _edit_form(app, suggested)


async def store(
    app: SamenwerkApp, *, form: CollaborationForm | None = None, convenant: dict[str, ConvenantEntry] | None = None
) -> bool:
    """Write the form and/or tick list; on success the app's settings and views follow."""
    from ..advice import convenant_order
    from ..advice_settings import SettingsChanged, write_advice_settings
    from ..toml.read import FileProblem

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
        app.notify(NOT_SAVED.format(reason="; ".join(str(problem) for problem in error.problems)), severity="error", timeout=10, markup=False)
        return False
    except (OSError, ValueError) as error:
        app.notify(NOT_SAVED.format(reason=str(error)), severity="error", timeout=10, markup=False)
        return False
    app.settings = settings.model_copy(update={"form": new_form, "convenant": dict(new_convenant)})
    advice_changed(app)
    app.notify(SAVED, timeout=4, markup=False)
    return True


def advice_changed(app: SamenwerkApp) -> None:
    """Show the new form, tick list or phase advice in Kennis and in the phase tabs' detail panes."""
    from .knowledge_view import KnowledgeView
    from .phase_view import PhaseView

    for knowledge in app.query(KnowledgeView):
        knowledge.advice_changed()
    for view in app.query(PhaseView):
        view.refresh_detail()
