"""The dashboard's tabs: building them, and moving between them and to a question.

Overzicht, one tab per phase of the checklist, Verloop, Acties and Kennis.
The tab set is mounted on its starting tab with only that tab's view, so the
data is on screen before the other views are built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer, TabbedContent, TabPane

from . import text

if TYPE_CHECKING:
    from textual.widget import Widget

    from ..analysis import Level
    from ..content import Checklist
    from .ports import Dashboard


def dashboard_tabs(content: Checklist, start: str) -> tuple[TabbedContent, list[tuple[TabPane, Widget]]]:
    """The tab set on tab ``start`` with that tab's view, and the other tabs' panes with the views still to mount."""
    from .actions_view import ActionsView
    from .history_view import HistoryView
    from .knowledge_view import KnowledgeView
    from .overview import OverviewView
    from .phase_view import PhaseView

    views: list[tuple[str, object, Widget]] = [("overzicht", text.tab_label("Overzicht", "o"), OverviewView(id="overview"))]
    for phase_id, phase in content.phases.items():
        letter = {"begin": "b", "onderweg": "w"}.get(phase_id, "")
        views.append((phase_id, text.tab_label(phase.name, letter), PhaseView(phase_id, id=f"phase-{phase_id}")))
    views.append(("verloop", text.tab_label("Verloop", "v"), HistoryView(id="history")))
    views.append(("acties", text.tab_label("Acties", "t"), ActionsView(id="actions")))
    views.append(("kennis", text.tab_label("Kennis", "i"), KnowledgeView(id="knowledge")))
    tabs = TabbedContent(id="tabs", initial=start)
    hidden: list[tuple[TabPane, Widget]] = []
    for pane_id, label, view in views:
        if pane_id == start:
            tabs.compose_add_child(TabPane(label, view, id=pane_id))  # type: ignore[arg-type]
        else:
            pane = TabPane(label, id=pane_id)  # type: ignore[arg-type]
            tabs.compose_add_child(pane)
            hidden.append((pane, view))
    return tabs, hidden


async def build_tabs(app: Dashboard, start: str) -> None:
    """Put the tab set in place of the loading message; the views of the other tabs follow after a paint."""
    assert app.workspace is not None
    tab_set, hidden = dashboard_tabs(app.workspace.content, start)
    await app.query("#loading, #load-message").remove()
    await app.mount(tab_set, before=app.query_one(Footer))
    app.call_after_refresh(focus_active_tab, app)

    async def build_hidden_views() -> None:
        if not await mount_hidden_views(hidden):
            return
        await app.type_ahead.release()
        # A key pressed before they were built may already have opened one of them.
        if tab_set.active_pane is not None:
            app.analysis.show_in(tab_set.active_pane, app.file_problems())

    app.call_after_refresh(build_hidden_views)


async def mount_hidden_views(hidden: list[tuple[TabPane, Widget]]) -> bool:
    """Build the views of the tabs not shown yet; ``False`` when the app closed meanwhile."""
    from asyncio import gather

    from textual.widget import MountError

    from .actions_view import ActionsView
    from .phase_view import PhaseView

    try:
        await gather(*(pane.mount(view) for pane, view in hidden))
    except MountError:
        return False  # the app is closing: a quit right after loading
    for _, view in hidden:
        if isinstance(view, (PhaseView, ActionsView)):
            view.rebuild()
    return True


def show_tab(app: Dashboard, tab_id: str) -> None:
    tabs = app.query(TabbedContent)
    if not tabs:
        return
    if tab_id in ("begin", "onderweg") and app.workspace and tab_id not in app.workspace.content.phases:
        return
    tabs.first().active = tab_id
    # Focus at once: the next key, typed before the screen repaints, belongs to the new tab.
    focus_active_tab(app)


def focus_active_tab(app: Dashboard) -> None:
    tabs = app.query(TabbedContent)
    if not tabs:
        return
    pane = tabs.first().active_pane
    if pane is None:
        return
    for widget in pane.query("*"):
        if widget.focusable:
            widget.screen.set_focus(widget)
            return


def jump_to_open_question(app: Dashboard, phase_id: str, forward: bool) -> None:
    """``]`` and ``[``: the next or previous open question, on into the other phase tabs.

    After the last open question of a phase the search goes on in the next
    phase (wrapping round); when every question is answered, it says so.
    """
    from .phase_view import PhaseView

    if app.workspace is None:
        return
    phases = list(app.workspace.content.phases)
    views = {view.phase_id: view for view in app.query(PhaseView)}
    here = views.get(phase_id)
    if here is None:
        return
    target = here.unanswered_after(forward, here.tree.cursor_node)
    if target is not None:
        here.select_node(target)
        return
    index = phases.index(phase_id) if phase_id in phases else 0
    others = phases[index + 1 :] + phases[:index] if forward else phases[:index][::-1] + phases[index + 1 :][::-1]
    for other in [*others, phase_id]:
        view = views.get(other)
        node = view.unanswered_after(forward) if view is not None else None
        if view is None or node is None:
            continue
        if other != phase_id:
            show_tab(app, other)
            app.notify(text.continued_in_phase(app.workspace.content.phases[other].name), timeout=3, markup=False)
        view.select_node(node)
        return
    total = len(app.workspace.content.questions)
    app.notify(text.all_answered(total), timeout=4, markup=False)


def open_question(app: Dashboard, question_id: str) -> None:
    """Show a question found by the search, on the phase tab shown if it is there, else its first phase."""
    from .phase_view import PhaseView

    if app.workspace is None:
        return
    content = app.workspace.content
    tabs = app.query_one(TabbedContent)
    phases = [phase_id for phase_id in content.phases if any(q.id == question_id for q in content.questions_of_phase(phase_id))]
    target = tabs.active if tabs.active in phases else phases[0]
    tabs.active = target
    app.query_one(f"#phase-{target}", PhaseView).select_question(question_id)


def open_subject(app: Dashboard, level: Level, id: str) -> None:
    """Jump to the questions of a factor, item or question in its phase tab."""
    from .checklist_tree import NodeRef
    from .phase_view import PhaseView

    if app.workspace is None:
        return
    content = app.workspace.content
    if level == "factor":
        phases = [content.factors[id].phase]
    elif level == "item":
        phases = content.phases_of_item(id)
    elif level == "question":
        phases = content.phases_of_item(content.item_of_question[id].id)
    else:
        phases = [id]
    if not phases:
        return
    phase = app.draft.phase if app.draft is not None and app.draft.phase in phases else phases[0]
    show_tab(app, phase)
    if level != "phase":
        app.query_one(f"#phase-{phase}", PhaseView).select_ref(NodeRef(level, id))
