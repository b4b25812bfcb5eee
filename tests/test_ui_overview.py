"""Overzicht and Verloop, driven by keyboard on the shipped example and on hand-made folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static, TabbedContent

from conftest import make_app, settle, until
from samenwerk_tui.ui.checklist_tree import NodeRef
from samenwerk_tui.ui.history_view import HistoryView
from samenwerk_tui.ui.overview import OverviewView
from samenwerk_tui.ui.phase_view import PhaseView

GEMEENTE = "gemeente-lindendal-coordinator-horecatoezicht"


async def show_tab(app, pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    """Wait for the folder to load, then open a tab by its letter."""
    await settle(app, pilot)
    await pilot.press(key)
    await settle(app, pilot)


def row_texts(table: DataTable) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {key.value: [cell.plain for cell in table.get_row(key)] for key in table.rows}


def static_text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    visual = app.query_one(selector, Static).visual
    return getattr(visual, "plain", str(visual))


async def test_overview_shows_the_example_regression_trend_and_divergence(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "o")
        table = app.query_one("#overview-table", DataTable)
        rows = row_texts(table)
        first_key = next(iter(rows))
        assert rows[first_key][0] == "▼ Signalen in deze ronde"
        signal_keys = [key for key in rows if key.startswith("signal:")]
        # Factors come first among the signals, the regression of middelen on top.
        assert signal_keys[0] == "signal:factor:middelen"
        middelen = rows["signal:factor:middelen"]
        assert middelen[3] == "✖ zorg"
        assert middelen[4].startswith("▼ −1,5")
        assert "achteruitgang" in middelen[7] and "naar lagere band" in middelen[7]
        assert "dalende trend" in rows["signal:factor:leiderschap"][7]
        convenant = rows["signal:factor:convenant"]
        assert convenant[6].startswith("≠ ") and "verschil van inzicht" in convenant[7]
        # Every factor and item appears below the signals, grouped by phase.
        assert sum(key.startswith("factor:") for key in rows) == 12
        assert sum(key.startswith("item:") for key in rows) == 13
        summary = static_text(app, "#overview-summary")
        assert "Ronde 2026-Q4" in summary and "vergeleken met 2026-Q3" in summary
        # The cursor starts on the first heading, whose detail explains the symbols.
        assert table.cursor_row == 0
        assert "≠ verschil van inzicht (spreiding ≥ 1,5)" in static_text(app, "#overview-detail")
        await pilot.press("down")
        detail = static_text(app, "#overview-detail")
        assert "Voldoende middelen" in detail and "In 2026-Q4 t.o.v. 2026-Q3: 3,60 → 2,07" in detail


async def test_enter_jumps_to_the_factor_in_its_phase_tab(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "o")
        table = app.query_one("#overview-table", DataTable)
        table.move_cursor(row=table.get_row_index("item:convenant"))
        table.focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.query_one(TabbedContent).active == "begin"
        tree = app.query_one("#phase-begin", PhaseView).tree
        assert tree.cursor_node is not None and tree.cursor_node.data == NodeRef("item", "convenant")
        assert app.focused is tree


async def test_enter_on_a_question_row_jumps_to_the_question(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "o")
        table = app.query_one("#overview-table", DataTable)
        keys = [row.key.value for row in table.ordered_rows if row.key.value and row.key.value.startswith("signal:question:")]
        assert keys, "the example has a question among its signals"
        question_id = keys[0].removeprefix("signal:question:")
        table.move_cursor(row=table.get_row_index(keys[0]))
        table.focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        phase = app.query_one(TabbedContent).active
        tree = app.query_one(f"#phase-{phase}", PhaseView).tree
        assert tree.cursor_node is not None and tree.cursor_node.data == NodeRef("question", question_id)


async def test_h_shows_the_history_of_the_row(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "o")
        table = app.query_one("#overview-table", DataTable)
        table.move_cursor(row=table.get_row_index("factor:leiderschap"))
        table.focus()
        await pilot.pause()
        await pilot.press("h")
        await settle(app, pilot)
        assert app.query_one(TabbedContent).active == "verloop"
        view = app.query_one(HistoryView)
        assert view.subject == ("factor", "leiderschap")
        chart = static_text(app, "#history-chart")
        for label in ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"):
            assert label in chart
        assert "dalende trend" in chart
        assert "Politie basisteam Lin" in chart and "Veiligheidsregio Lind" in chart
        timeline = static_text(app, "#history-timeline")
        assert "Stuurgroep Q4" in timeline
        # The notes under the factor, per respondent: on its item and on the questions that count for it.
        assert "Gemeente Lindendal (coördinator horecatoezicht), checklistpunt leiderschap:" in timeline
        assert "vraag leiderschap.6:" in timeline
        view.show(view.history, ("factor", "visionair"))  # type: ignore[arg-type]
        await settle(app, pilot)
        visionary = static_text(app, "#history-timeline")
        assert "checklistpunt leiderschap:" in visionary and "vraag leiderschap.6" not in visionary


async def test_moving_through_the_verloop_picker_shows_each_subject(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "v")
        view = app.query_one(HistoryView)
        assert view.subject == ("factor", "visie")
        view.picker.focus()
        await pilot.press("down")
        await settle(app, pilot)
        assert view.subject == ("factor", "belang")
        assert "Samenwerkingsbelang" in static_text(app, "#history-title")


async def test_a_new_score_shows_in_the_overview_without_reloading(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.workspace is not None and app.workspace.current is not None
        assert GEMEENTE in app.workspace.current.path.name and "2026-q4" in app.workspace.current.path.name
        await pilot.press("o")
        await settle(app, pilot)
        table = app.query_one("#overview-table", DataTable)
        assert row_texts(table)["item:middelen"][1] == "2,1"
        await pilot.press("w")
        await settle(app, pilot)
        app.query_one("#phase-onderweg", PhaseView).select_question("middelen.1")
        await settle(app, pilot)
        await pilot.press("5")
        await pilot.press("o")
        await settle(app, pilot)
        # middelen.1 was 2, 2, 2: now 5, 2, 2; the item mean rises from 2,08 to 2,33.
        assert row_texts(table)["item:middelen"][1] == "2,3"


def write_session(folder: Path, name: str, collaboration: str, round_label: str, organisation: str, body: str) -> Path:
    path = folder / name
    path.write_text(
        f"""formaat = 1
fase = "begin"
aangemaakt = 2026-01-10
bijgewerkt = 2026-01-10

[samenwerking]
naam = {collaboration}
slug = "proef"

[ronde]
label = "{round_label}"
datum = 2026-01-10

[respondent]
organisatie = {organisation}
rol = "toezichthouder"
{body}
""",
        encoding="utf-8",
    )
    return path


HOSTILE = r'"[bold]x[/] [@click=app.quit]klik[/] [link=https://x]y[/link] [/] Artikel 5:20 [Awb] \u001b]0;X\u001b\\ \u001b[2J"'


async def test_text_from_files_is_shown_literally_in_overview_and_verloop(tmp_path: Path) -> None:
    write_session(
        tmp_path,
        "proef--2026-q1--a.toml",
        HOSTILE,
        "2026-Q1",
        HOSTILE,
        f'[vragen."visie.1"]\nscore = 2\nnotitie = {HOSTILE}\n\n[[logboek]]\ndatum = 2026-01-10\ntekst = {HOSTILE}\n',
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "o")
        summary = static_text(app, "#overview-summary")
        assert "[bold]x[/] [@click=app.quit]klik[/] [link=https://x]y[/link] [/] Artikel 5:20 [Awb]" in summary
        assert "\x1b" not in summary
        await pilot.press("v")
        await settle(app, pilot)
        view = app.query_one(HistoryView)
        view.show(view.history, ("question", "visie.1"))  # type: ignore[arg-type]
        await settle(app, pilot)
        timeline = static_text(app, "#history-timeline")
        assert timeline.count("[@click=app.quit]klik[/]") >= 2
        assert "Artikel 5:20 [Awb]" in timeline and "\x1b" not in timeline
        screen = app.export_screenshot()
        assert "\x1b]0;X" not in screen
        assert app.is_running


async def test_one_round_with_one_answer_says_so(tmp_path: Path) -> None:
    write_session(
        tmp_path,
        "proef--2026-q1--a.toml",
        '"Proef"',
        "2026-Q1",
        '"Gemeente"',
        '[vragen."visie.1"]\nscore = 2\n',
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "o")
        assert "eerste ronde" in static_text(app, "#overview-summary")
        rows = row_texts(app.query_one("#overview-table", DataTable))
        visie = rows["factor:visie"]
        assert visie[1] == "2,0" and visie[2] == "1 ¹"
        assert visie[4] == "eerste meting"
        assert "1 antwoord" in visie[7]
        assert rows["factor:belang"][1] == "—" and rows["factor:belang"][4] == "niet gemeten"


async def test_an_empty_folder_shows_how_to_start(tmp_path: Path) -> None:
    from samenwerk_tui.ui.setup_screen import SetupScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SetupScreen))
        await pilot.press("escape")
        await pilot.pause()
        await show_tab(app, pilot, "o")
        assert app.query_one(OverviewView).history is None
        summary = static_text(app, "#overview-summary")
        assert "Deze map bevat nog geen sessiebestanden" in summary
        assert "ctrl+p → Samenwerkingsverband opzetten" in summary
        assert f"samenwerk nieuw --samenwerking NAAM --ronde 2026-Q4 --deelnemer ORGANISATIE ROL … --map {tmp_path}" in summary


async def test_a_broken_settings_file_is_reported_and_defaults_are_used(example: Path) -> None:
    (example / "samenwerk-instellingen.toml").write_text('[banden]\nsterk = "hoog"\n', encoding="utf-8")
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "o")
        summary = static_text(app, "#overview-summary")
        assert "1 melding (ctrl+p → Meldingen tonen)" in summary
        assert "samenwerk-instellingen.toml:2" in summary
        assert app.settings is not None and app.settings.band_strong == 4.0
        rows = row_texts(app.query_one("#overview-table", DataTable))
        assert rows["signal:factor:middelen"][3] == "✖ zorg"


async def test_bad_files_and_warnings_are_listed_with_their_lines(example: Path) -> None:
    from samenwerk_tui.ui.dialogs.files import ProblemsScreen

    (example / "kapot.toml").write_text('formaat = 1\nfase = "begin\n', encoding="utf-8")
    current = example / "horecateam-lindendal--2026-q4--gemeente-lindendal-coordinator-horecatoezicht.toml"
    with current.open("a", encoding="utf-8") as file:
        file.write('\n[vragen."oud.9"]\nscore = 3\n')
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "o")
        assert "2 meldingen" in static_text(app, "#overview-summary")
        app.action_show_problems()
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        lines = app.screen.lines
        assert any(line.startswith(f"{example / 'kapot.toml'}:2:") for line in lines)
        assert any("oud.9" in line for line in lines)
        await pilot.press("escape")
        assert not isinstance(app.screen, ProblemsScreen) and app.is_running


async def test_without_colour_the_overview_keeps_symbols_and_words(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "o")
        table = app.query_one("#overview-table", DataTable)
        cells = table.get_row("signal:factor:middelen")
        assert [cell.plain for cell in cells][3:5] == ["✖ zorg", "▼ −1,5"]
        styles = [str(cell.style) for cell in cells] + [str(span.style) for cell in cells for span in cell.spans]
        assert not any(colour in style for style in styles for colour in ("red", "green", "yellow", "magenta"))
        assert "bold" in str(cells[3].style)


async def test_a_new_round_without_scores_shows_the_last_measured_round(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.draft is not None and app.draft.round.label == "2027-Q1"
        assert all(answer.score is None for answer in app.draft.answers.values())
        await pilot.press("o")
        await settle(app, pilot)
        summary = static_text(app, "#overview-summary")
        assert "Ronde 2027-Q1 heeft nog geen scores; hieronder de stand van 2026-Q4." in summary
        assert "vergeleken met 2026-Q3" in summary
        rows = row_texts(app.query_one("#overview-table", DataTable))
        assert rows["signal:factor:middelen"][1] == "2,1"
        await pilot.press("w")
        await settle(app, pilot)
        await pilot.press("right_square_bracket", "5")
        await pilot.press("o")
        await settle(app, pilot)
        # One score in the new round: now it is the round shown.
        summary = static_text(app, "#overview-summary")
        assert summary.startswith("Ronde 2027-Q1 · vergeleken met 2026-Q4")
        # The other two partners have not answered the new round yet.
        assert "⚠ voorlopig: nog niet ontvangen van Politie basisteam Lindendal (wijkagent horeca), Veiligheidsregio" in summary


async def test_a_partner_not_yet_answered_makes_overview_and_verloop_say_voorlopig(example: Path) -> None:
    (example / "horecateam-lindendal--2026-q4--politie-basisteam-lindendal-wijkagent-horeca.toml").unlink()
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "o")
        summary = static_text(app, "#overview-summary")
        assert summary.startswith("Ronde 2026-Q4 · vergeleken met 2026-Q3, over wie beide rondes antwoordde")
        assert "⚠ voorlopig: nog niet ontvangen van Politie basisteam Lindendal (wijkagent horeca)" in summary
        assert "Veiligheidsregio Lindendal (adviseur brandveiligheid) 68 scores, 1 nvt" in summary
        rows = row_texts(app.query_one("#overview-table", DataTable))
        assert rows["heading:0"][0] == "▼ Signalen in deze ronde (voorlopig)"
        # Paired: the police's own fall no longer counts in Q4, so middelen falls by what the other two gave.
        table = app.query_one("#overview-table", DataTable)
        table.move_cursor(row=table.get_row_index("factor:middelen"))
        await pilot.pause()
        detail = static_text(app, "#overview-detail")
        assert "Gepaard: over de 2 respondenten die in beide rondes een score gaven" in detail
        table.focus()
        await pilot.press("h")
        await settle(app, pilot)
        chart = static_text(app, "#history-chart")
        q4 = next(line for line in chart.splitlines() if line.startswith("2026-Q4"))
        assert "⚠ voorlopig: nog niet ontvangen van Politie basisteam Lindendal (wijkagent horeca)" in q4
        assert "gepaard: 2" in q4
        assert not any("voorlopig" in line for line in chart.splitlines() if line.startswith("2026-Q3"))


async def test_a_complete_example_is_not_voorlopig_and_a_factor_on_one_question_says_so(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "o")
        summary = static_text(app, "#overview-summary")
        assert "voorlopig" not in summary
        assert "Politie basisteam Lindendal (wijkagent horeca) 67 scores, 2 nvt" in summary
        rows = row_texts(app.query_one("#overview-table", DataTable))
        assert "1 vraag" in rows["factor:visionair"][7]
        assert "1 vraag" not in rows["factor:leiderschap"][7]


async def test_the_session_picker_counts_scores_nvt_and_open_per_file(example: Path) -> None:
    from textual.widgets import OptionList

    from samenwerk_tui.ui.dialogs.navigation import SessionPicker

    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SessionPicker)
        prompts = [str(option.prompt) for option in app.screen.query_one(OptionList).options]
        police_q4 = next(prompt for prompt in prompts if "2026-Q4" in prompt and "Politie" in prompt)
        assert police_q4.endswith("67 scores, 2 nvt")
        await pilot.press("escape")


async def test_the_phase_outline_shows_under_a_factor_only_the_questions_that_count_for_it(example: Path) -> None:
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(app, pilot, "b")
        begin = app.query_one("#phase-begin", PhaseView)
        [visionary_item] = begin.tree.factor_nodes["visionair"].children
        assert [child.data.id for child in visionary_item.children] == ["leiderschap.3"]
        assert begin.tree.label_of(visionary_item).plain.startswith("Voorzie in goed leiderschap voor het samenwerkingsverband  1/1")
        assert "1/1" in begin.tree.label_of(begin.tree.factor_nodes["visionair"]).plain
        offers_under_differences = next(node for node in begin.tree.factor_nodes["verschillen"].children if node.data.id == "offers")
        assert [child.data.id for child in offers_under_differences.children] == ["offers.1", "offers.2", "offers.3"]
        await pilot.press("w")
        await settle(app, pilot)
        onderweg = app.query_one("#phase-onderweg", PhaseView)
        [leadership_item] = onderweg.tree.factor_nodes["leiderschap"].children
        assert [child.data.id for child in leadership_item.children] == [f"leiderschap.{n}" for n in (1, 2, 4, 5, 6, 7, 8)]
        assert "7/7" in onderweg.tree.label_of(onderweg.tree.factor_nodes["leiderschap"]).plain
        offers_under_means = next(node for node in onderweg.tree.factor_nodes["middelen"].children if node.data.id == "offers")
        assert [child.data.id for child in offers_under_means.children] == ["offers.4"]
        status = app.screen.query_one("StatusBar", Static).render()
        assert "beantwoord 69/69  ·  beginfase 46/46  onderwegfase 23/23" in getattr(status, "plain", str(status))


def test_the_verloop_timeline_shows_the_latest_rounds_and_says_how_many_are_left_out() -> None:
    import datetime as dt

    from samenwerk_tui.analysis import analyse_collaboration
    from samenwerk_tui.content import load_content
    from samenwerk_tui.model import Session
    from samenwerk_tui.settings import Settings
    from samenwerk_tui.ui.history_chart import TIMELINE_ROUNDS, timeline

    rounds = TIMELINE_ROUNDS + 5
    sessions = [
        Session.model_validate(
            {
                "formaat": 1,
                "fase": "onderweg",
                "aangemaakt": dt.date(2000 + index, 1, 1),
                "bijgewerkt": dt.date(2000 + index, 1, 1),
                "samenwerking": {"naam": "Team", "slug": "team"},
                "ronde": {"label": f"{2000 + index}", "datum": dt.date(2000 + index, 1, 1)},
                "respondent": {"organisatie": "Gemeente", "rol": "coördinator"},
                "inhoud": {"id": "ccv-samenwerken-2011", "versie": "1"},
                "vragen": {"visie.2": {"score": 3}},
                "logboek": [{"datum": dt.date(2000 + index, 1, 1), "tekst": f"Overleg {2000 + index}."}],
            }
        )
        for index in range(rounds)
    ]
    history = analyse_collaboration(sessions, load_content(), Settings())

    shown = timeline(history, "factor", "visie").plain

    assert f"Overleg {2000 + rounds - 1}." in shown and f"Overleg {2000 + rounds - TIMELINE_ROUNDS}." in shown
    assert f"Overleg {2000 + rounds - TIMELINE_ROUNDS - 1}." not in shown
    assert "5 eerdere rondes niet getoond" in shown


async def test_a_score_change_then_overzicht_shows_the_new_figures_without_writing_out_every_session(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samenwerk_tui.model import Session

    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        written_out: list[str] = []
        monkeypatch.setattr(Session, "__repr__", lambda session: written_out.append(session.round.label) or "Session")
        view = app.query_one(f"#phase-{app.draft.phase}", PhaseView)
        await pilot.press({"begin": "b", "onderweg": "w"}[app.draft.phase])  # the example opens on Overzicht
        while (ref := view.selected_ref()) is None or ref.kind != "question":
            await pilot.press("j")
        await pilot.press("1")
        await pilot.press("o")
        await settle(app, pilot)
        overview = app.query_one(OverviewView)
        latest = overview.history.rounds[-1]
        assert latest.sessions[app.draft.respondent.key].score(ref.id) == 1
        app.autosave.save_now(app.workspace.current.path)
        await settle(app, pilot)
        written_out.clear()  # saving is not what this test is about
        app.refresh_all()
        await settle(app, pilot)
        assert written_out == [], "the analysis worker wrote out every session to describe itself"


def test_a_crowded_verloop_timeline_stops_after_the_round_that_fills_it() -> None:
    import datetime as dt

    from samenwerk_tui.analysis import analyse_collaboration
    from samenwerk_tui.content import load_content
    from samenwerk_tui.model import Session
    from samenwerk_tui.settings import Settings
    from samenwerk_tui.ui.history_chart import TIMELINE_LINES, timeline

    partners = TIMELINE_LINES + 10
    sessions = [
        Session.model_validate(
            {
                "formaat": 1,
                "fase": "onderweg",
                "aangemaakt": dt.date(2020 + year, 1, 1),
                "bijgewerkt": dt.date(2020 + year, 1, 1),
                "samenwerking": {"naam": "Team", "slug": "team"},
                "ronde": {"label": f"{2020 + year}", "datum": dt.date(2020 + year, 1, 1)},
                "respondent": {"organisatie": f"Partner {partner}", "rol": "coördinator"},
                "inhoud": {"id": "ccv-samenwerken-2011", "versie": "1"},
                "vragen": {"visie.2": {"score": 3, "notitie": f"Notitie {year}-{partner}."}},
            }
        )
        for year in range(3)
        for partner in range(partners)
    ]
    history = analyse_collaboration(sessions, load_content(), Settings())

    shown = timeline(history, "factor", "visie").plain

    assert "Notitie 2-0." in shown and f"Notitie 2-{partners - 1}." in shown
    assert "Notitie 1-0." not in shown
    assert "2 eerdere rondes niet getoond" in shown
