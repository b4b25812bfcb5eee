"""The analysis on hand-built histories, with expectations computed by hand.

The built-in CCV checklist is used throughout. The items used most:
``convenant`` (questions convenant.1–4, the only item of factor ``convenant``)
and ``middelen`` (middelen.1–4; factor ``middelen`` also holds item ``offers``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from samenwerk_tui.analysis import (
    DIVERGENCE,
    DROP,
    FALLING,
    FIRST,
    HIGHER_BAND,
    LOWER_BAND,
    NOT_COMPARABLE,
    NOT_RECEIVED,
    NOTHING_ANSWERED,
    RECEIVED,
    RISE,
    RISING,
    STABLE,
    History,
    analyse,
    analyse_collaboration,
    answer_counts,
    band_of,
    sparkline,
)
from samenwerk_tui.analysis.kinds import BAND_SYMBOLS, FLAG_SYMBOLS, KIND_WORDS, Band, Flag, SignalKind
from samenwerk_tui.content import load_content
from samenwerk_tui.model import Session
from samenwerk_tui.settings import Bands, Participant, Settings, Signals
from samenwerk_tui.store import LoadedSession, load_folder

CONTENT = load_content()
DEFAULTS = Settings()
EXAMPLE = Path(__file__).resolve().parent.parent / "sessions"

ROUND_DATES = {"Q1": dt.date(2026, 2, 1), "Q2": dt.date(2026, 5, 1), "Q3": dt.date(2026, 8, 1), "Q4": dt.date(2026, 11, 1)}


def make_session(
    organisation: str,
    round_label: str,
    scores: dict[str, Any] | None = None,
    *,
    round_date: dt.date | None = None,
    role: str = "",
    updated: dt.date | None = None,
    slug: str = "team",
    name: str = "Team",
    item_notes: dict[str, str] | None = None,
    notes: dict[str, str] | None = None,
    actions: dict[str, dict[str, Any]] | None = None,
    log: list[dict[str, Any]] | None = None,
) -> Session:
    """One respondent's file; ``scores`` maps question id to 1–5 or "nvt"."""
    date = round_date or ROUND_DATES.get(round_label, dt.date(2026, 1, 1))
    answers: dict[str, dict[str, Any]] = {qid: {"score": score} for qid, score in (scores or {}).items()}
    for qid, note in (notes or {}).items():
        answers.setdefault(qid, {})["notitie"] = note
    return Session.model_validate(
        {
            "formaat": 1,
            "fase": "onderweg",
            "aangemaakt": date,
            "bijgewerkt": updated or date,
            "samenwerking": {"naam": name, "slug": slug},
            "ronde": {"label": round_label, "datum": date},
            "respondent": {"organisatie": organisation, "rol": role},
            "vragen": answers,
            "items": {item: {"notitie": text} for item, text in (item_notes or {}).items()},
            "acties": actions or {},
            "logboek": log or [],
        }
    )


def history_of(*sessions: Session, settings: Settings = DEFAULTS) -> History:
    return analyse_collaboration(list(sessions), CONTENT, settings)


def item_scores(item: str, *values: Any) -> dict[str, Any]:
    """Scores for the first questions of ``item``, in order."""
    return {f"{item}.{number}": value for number, value in enumerate(values, start=1)}


def index_of(history: History, label: str) -> int:
    return [result.label for result in history.rounds].index(label)


# --- bands ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mean", "band"),
    [(5.0, "sterk"), (4.0, "sterk"), (3.99, "aandacht"), (3.0, "aandacht"), (2.99, "zorg"), (1.0, "zorg"), (None, None)],
)
def test_band_limits_are_inclusive_at_the_bottom_of_each_band(mean: float | None, band: str | None) -> None:
    assert band_of(mean, DEFAULTS) == band


def test_band_limits_follow_the_settings() -> None:
    strict = Settings(bands=Bands(strong=4.5, attention=3.5))
    assert band_of(4.4, strict) == "aandacht"
    assert band_of(3.4, strict) == "zorg"
    history = history_of(make_session("A", "Q1", item_scores("convenant", 4, 5)), settings=strict)
    assert history.latest.stat("item", "convenant").band == "sterk"  # 4.5


def test_a_mean_of_exactly_four_is_sterk_and_of_exactly_three_is_aandacht() -> None:
    history = history_of(
        make_session("A", "Q1", item_scores("convenant", 4, 4) | item_scores("middelen", 3, 3)),
        make_session("B", "Q1", item_scores("convenant", 5, 3) | item_scores("middelen", 2, 4)),
    )
    assert history.latest.stat("item", "convenant").mean == 4.0
    assert history.latest.stat("item", "convenant").band == "sterk"
    assert history.latest.stat("item", "middelen").mean == 3.0
    assert history.latest.stat("item", "middelen").band == "aandacht"


# --- means, n, spread -----------------------------------------------------------------


def test_each_respondent_counts_once_and_nvt_and_unanswered_are_left_out() -> None:
    # A: 5 and 3 (4.0), nvt on convenant.3, convenant.4 unanswered; B: 2 (2.0).
    history = history_of(
        make_session("A", "Q1", {"convenant.1": 5, "convenant.2": 3, "convenant.3": "nvt"}),
        make_session("B", "Q1", {"convenant.1": 2}),
    )
    stat = history.latest.stat("item", "convenant")
    assert stat.mean == 3.0  # (4.0 + 2.0) / 2, not (5 + 3 + 2) / 3
    assert stat.n == 3
    assert stat.respondents == 2
    assert (stat.minimum, stat.maximum, stat.spread) == (2.0, 4.0, 2.0)
    assert history.latest.stat("factor", "convenant") == stat  # the factor has only this item
    question = history.latest.stat("question", "convenant.1")
    assert (question.mean, question.n, question.spread) == (3.5, 2, 3.0)
    assert history.latest.stat("question", "convenant.3").measured is False


def test_phase_mean_rests_on_every_question_of_the_phase() -> None:
    # middelen.1 and offers.4 count for middelen (onderweg); offers.1 for verschillen (begin) only.
    history = history_of(make_session("A", "Q1", {"middelen.1": 2, "offers.1": 4, "offers.4": 3}))
    assert history.latest.stat("phase", "onderweg").mean == 2.5
    assert history.latest.stat("phase", "onderweg").n == 2
    assert history.latest.stat("phase", "begin").mean == 4.0
    assert history.latest.stat("phase", "begin").n == 1
    assert history.latest.stat("factor", "middelen").mean == 2.5
    assert history.latest.stat("factor", "verschillen").mean == 4.0
    assert history.latest.stat("item", "offers").mean == 3.5


def test_each_answer_counts_once_for_the_factor_it_is_about() -> None:
    history = history_of(make_session("A", "Q1", {"leiderschap.3": 5, "leiderschap.1": 2, "leiderschap.2": 2}))
    assert history.latest.stat("factor", "visionair").mean == 5.0
    assert history.latest.stat("factor", "leiderschap").mean == 2.0
    assert history.latest.stat("item", "leiderschap").n == 3
    total = sum(history.latest.stat("phase", phase).n for phase in CONTENT.phases)
    assert total == 3


def test_nvt_only_is_not_measured_and_has_no_band() -> None:
    history = history_of(
        make_session("A", "Q1", item_scores("convenant", "nvt", "nvt", "nvt", "nvt")),
        make_session("B", "Q1", {"convenant.1": "nvt", "middelen.1": 4}),
    )
    stat = history.latest.stat("item", "convenant")
    assert (stat.mean, stat.n, stat.respondents, stat.band, stat.spread) == (None, 0, 0, None, None)
    assert not history.change("item", "convenant").flags
    assert all(signal.id != "convenant" for signal in history.signals())


def test_a_respondent_with_only_nvt_does_not_count_in_the_spread() -> None:
    history = history_of(
        make_session("A", "Q1", {"convenant.1": "nvt"}),
        make_session("B", "Q1", {"convenant.1": 1}),
        make_session("C", "Q1", {"convenant.1": 2}),
    )
    stat = history.latest.stat("question", "convenant.1")
    assert (stat.mean, stat.n, stat.respondents, stat.spread) == (1.5, 2, 2, 1.0)


def test_a_single_answer_is_shown_and_marked() -> None:
    history = history_of(make_session("A", "Q1", {"convenant.2": 2}))
    stat = history.latest.stat("question", "convenant.2")
    assert (stat.mean, stat.n, stat.band, stat.spread) == (2.0, 1, "zorg", 0.0)
    assert stat.single_answer
    assert history.latest.stat("item", "convenant").single_answer
    two = history_of(make_session("A", "Q1", {"convenant.2": 2, "convenant.3": 4}))
    assert not two.latest.stat("item", "convenant").single_answer


# --- one round --------------------------------------------------------------------------


def test_one_round_is_a_first_measurement_without_change() -> None:
    history = history_of(
        make_session("A", "Q1", item_scores("convenant", 5, 5)),
        make_session("B", "Q1", item_scores("convenant", 2, 3)),
    )
    change = history.change("item", "convenant")
    assert change.flags == {FIRST, DIVERGENCE}  # spread 5.0 − 2.5
    assert (change.delta, change.previous, change.compared_with, change.arrow) == (None, None, None, "")
    assert [(signal.kind, signal.level, signal.id) for signal in history.signals(levels=("item",))] == [("divergence", "item", "convenant")]
    assert history.respondent_changes() == ([], [])


# --- achteruitgang and vooruitgang -------------------------------------------------------


def two_rounds(before: list[tuple[Any, ...]], after: list[tuple[Any, ...]], item: str = "convenant") -> History:
    """Respondent A, B, … scoring ``item`` in Q1 (``before``) and Q2 (``after``)."""
    sessions = [make_session(chr(65 + i), "Q1", item_scores(item, *values)) for i, values in enumerate(before)]
    sessions += [make_session(chr(65 + i), "Q2", item_scores(item, *values)) for i, values in enumerate(after)]
    return history_of(*sessions)


def test_an_item_that_falls_by_exactly_half_a_point_regresses() -> None:
    history = two_rounds([(3,), (4,)], [(3,), (3,)])  # 3.5 → 3.0, both aandacht
    change = history.change("item", "convenant")
    assert (change.previous, change.mean, change.delta, change.compared_with) == (3.5, 3.0, -0.5, "Q1")
    assert change.flags == {DROP}
    assert change.arrow == "▼"
    assert [signal.kind for signal in history.signals(levels=("item",))] == ["regression"]


def test_an_item_that_falls_by_less_than_half_a_point_in_its_band_is_stable() -> None:
    history = two_rounds([(3,), (4,)], [(3,), (3, 4)])  # 3.5 → 3.25
    change = history.change("item", "convenant")
    assert change.delta == -0.25
    assert change.flags == {STABLE}
    assert change.arrow == "●"
    assert history.signals(levels=("item", "factor")) == []


def test_a_single_question_needs_a_whole_point_to_regress() -> None:
    # convenant.1: 3.5 → 3.0 is half a point: the item (and factor) regress, the question not.
    history = two_rounds([(3,), (4,)], [(3,), (3,)])
    assert history.change("question", "convenant.1").flags == {STABLE}
    assert DROP in history.change("factor", "convenant").flags
    history = two_rounds([(4,)], [(3,)])  # 4 → 3: one point, also sterk → aandacht
    assert history.change("question", "convenant.1").flags == {DROP, LOWER_BAND}


def test_a_small_fall_into_a_lower_band_is_flagged_whatever_its_size() -> None:
    history = two_rounds([(3, 3, 3, 3)], [(3, 3, 3, 2)])  # 3.0 → 2.75
    change = history.change("item", "convenant")
    assert change.delta == -0.25
    assert change.flags == {LOWER_BAND}
    assert change.falling
    signal = history.signals(levels=("item",))[0]
    assert (signal.kind, signal.severity) == ("regression", 2)


def test_improvements_mirror_regressions() -> None:
    history = two_rounds([(3,), (3,)], [(3,), (4,)])  # 3.0 → 3.5
    assert history.change("item", "convenant").flags == {RISE}
    assert history.change("item", "convenant").arrow == "▲"
    history = two_rounds([(3, 4, 4, 4)], [(4, 4, 4, 4)])  # 3.75 → 4.0
    assert history.change("item", "convenant").flags == {HIGHER_BAND}
    assert [signal.kind for signal in history.signals(levels=("item",))] == ["progress"]


def test_thresholds_come_from_the_settings() -> None:
    sessions = [make_session("A", "Q1", item_scores("convenant", 4, 3)), make_session("A", "Q2", item_scores("convenant", 3, 3))]
    assert history_of(*sessions).change("item", "convenant").flags == {DROP}  # 3.5 → 3.0
    lenient = Settings(signals=Signals(drop=0.75))
    assert history_of(*sessions, settings=lenient).change("item", "convenant").flags == {STABLE}


# --- trends -----------------------------------------------------------------------------


def four_rounds(*rounds: tuple[Any, ...], item: str = "convenant") -> History:
    labels = ["Q1", "Q2", "Q3", "Q4"]
    return history_of(*(make_session("A", labels[i], item_scores(item, *values)) for i, values in enumerate(rounds)))


def test_three_small_falls_in_a_row_are_a_falling_trend() -> None:
    # 3.75 → 3.5 → 3.25 → 3.0: each step −0.25 (no regression, no band change), −0.75 in all.
    history = four_rounds((4, 4, 4, 3), (4, 4, 3, 3), (4, 3, 3, 3), (3, 3, 3, 3))
    change = history.change("item", "convenant")
    assert change.flags == {FALLING}
    assert change.trend == -0.75
    assert change.delta == -0.25
    assert [signal.kind for signal in history.signals(levels=("item",))] == ["regression"]


def test_no_trend_when_one_step_is_flat_or_with_too_few_measurements() -> None:
    flat = four_rounds((4, 4, 4, 3), (4, 4, 3, 3), (4, 4, 3, 3), (4, 3, 3, 3))
    assert flat.change("item", "convenant").flags == {STABLE}
    three = four_rounds((4, 4, 3, 3), (4, 3, 3, 3), (3, 3, 3, 3))
    assert three.change("item", "convenant").flags == {STABLE}


def test_a_trend_must_add_up_to_the_trend_total() -> None:
    history_rounds = [(4, 4, 4, 3), (4, 4, 3, 3), (4, 3, 3, 3), (3, 3, 3, 3)]
    sessions = [make_session("A", f"Q{i + 1}", item_scores("convenant", *values)) for i, values in enumerate(history_rounds)]
    demanding = Settings(signals=Signals(trend_total=0.8))
    assert history_of(*sessions, settings=demanding).change("item", "convenant").flags == {STABLE}
    exact = Settings(signals=Signals(trend_total=0.75))
    assert history_of(*sessions, settings=exact).change("item", "convenant").flags == {FALLING}
    two_steps = Settings(signals=Signals(trend_steps=2))
    assert history_of(*sessions, settings=two_steps).change("item", "convenant").trend == -0.5


def test_three_small_rises_in_a_row_are_a_rising_trend() -> None:
    history = four_rounds((3, 3, 3, 3), (4, 3, 3, 3), (4, 4, 3, 3), (4, 4, 4, 3))
    change = history.change("item", "convenant")
    assert change.flags == {RISING}
    assert change.trend == 0.75


def test_the_trend_counts_measurements_and_skips_rounds_without_one() -> None:
    history = history_of(
        make_session("A", "Q1", item_scores("convenant", 4, 4, 4, 3)),
        make_session("A", "Q2", item_scores("convenant", 4, 4, 3, 3)),
        make_session("A", "Q3", item_scores("middelen", 4)),  # convenant not measured
        make_session("A", "Q4", item_scores("convenant", 4, 3, 3, 3)),
        make_session("A", "Q5", item_scores("convenant", 3, 3, 3, 3), round_date=dt.date(2026, 12, 20)),
    )
    change = history.change("item", "convenant")
    assert change.compared_with == "Q4"
    assert change.flags == {FALLING}


# --- not measured in a round ------------------------------------------------------------


def test_a_change_is_against_the_last_round_that_measured_it_and_says_which() -> None:
    history = history_of(
        make_session("A", "Q1", item_scores("convenant", 4, 4)),
        make_session("A", "Q2", item_scores("middelen", 3) | item_scores("convenant", "nvt")),
        make_session("A", "Q3", item_scores("convenant", 3, 3) | item_scores("middelen", 3)),
    )
    change = history.change("item", "convenant")
    assert (change.compared_with, change.previous, change.delta) == ("Q1", 4.0, -1.0)
    assert change.flags == {DROP, LOWER_BAND}
    # In Q2 it was not measured: without fallback nothing to say, with fallback its last measurement.
    assert history.change("item", "convenant", 1, fallback=False).flags == frozenset()
    stale = history.change("item", "convenant", 1)
    assert (stale.measured_in, stale.is_stale, stale.flags) == ("Q1", True, {FIRST})
    assert all(signal.id != "convenant" for signal in history.signals(1))


# --- respondents ----------------------------------------------------------------------


def test_respondents_who_join_or_leave_are_named_and_means_use_who_answered() -> None:
    history = history_of(
        make_session("Gemeente", "Q1", {"convenant.1": 4}, role="coördinator"),
        make_session("Politie", "Q1", {"convenant.1": 2}),
        make_session("Politie", "Q2", {"convenant.1": 2}),
        make_session("Brandweer", "Q2", {"convenant.1": 5}),
    )
    joined, left = history.respondent_changes()
    assert [info.label for info in joined] == ["Brandweer"]
    assert [info.label for info in left] == ["Gemeente (coördinator)"]
    assert history.latest.stat("question", "convenant.1").mean == 3.5
    assert history.rounds[0].stat("question", "convenant.1").mean == 3.0
    assert history.latest.scores_by_organisation() == {"Brandweer": (1, 1), "Politie": (1, 1)}


def test_the_same_respondent_is_recognised_across_case_and_spaces() -> None:
    history = history_of(
        make_session("Gemeente  Lindendal", "Q1", {"convenant.1": 4}, role="Coördinator"),
        make_session("gemeente lindendal", "Q2", {"convenant.1": 4}, role="coördinator"),
    )
    assert history.respondent_changes() == ([], [])


# --- order and ties --------------------------------------------------------------------


def test_rounds_are_ordered_by_date_not_by_label_or_file_name() -> None:
    history = history_of(
        make_session("A", "najaar 2026", {"convenant.1": 2}, round_date=dt.date(2026, 10, 1)),
        make_session("A", "voorjaar 2026", {"convenant.1": 4}, round_date=dt.date(2026, 4, 1)),
        make_session("A", "zomer 2026", {"convenant.1": 4}, round_date=dt.date(2026, 7, 1)),
    )
    assert [result.label for result in history.rounds] == ["voorjaar 2026", "zomer 2026", "najaar 2026"]
    change = history.change("question", "convenant.1")
    assert (change.compared_with, change.delta) == ("zomer 2026", -2.0)


def test_file_names_that_sort_differently_from_dates_do_not_change_the_order(tmp_path: Path) -> None:
    from samenwerk_tui.store import create_session_file

    for name, label, date, score in [
        ("a--ronde-b.toml", "ronde B", dt.date(2026, 9, 1), 2),
        ("b--ronde-a.toml", "ronde A", dt.date(2026, 3, 1), 4),
    ]:
        create_session_file(tmp_path / name, make_session("A", label, {"convenant.1": score}, round_date=date), CONTENT)
    load = load_folder(tmp_path, CONTENT)
    history = analyse_collaboration(load.sessions, CONTENT, DEFAULTS)
    assert [result.label for result in history.rounds] == ["ronde A", "ronde B"]
    assert history.change("question", "convenant.1").flags == {DROP, LOWER_BAND}


def test_two_files_of_one_respondent_in_a_round_the_latest_update_wins() -> None:
    older = make_session("A", "Q1", {"convenant.1": 2}, updated=dt.date(2026, 2, 2))
    newer = make_session("A", "Q1", {"convenant.1": 5}, updated=dt.date(2026, 2, 9))
    for order in ([older, newer], [newer, older]):
        history = history_of(*order)
        assert history.latest.stat("question", "convenant.1").mean == 5.0
        assert len(history.latest.respondents) == 1
        assert len(history.notices) == 1 and "2 keer" in history.notices[0]


def test_two_equally_recent_files_the_later_file_name_wins() -> None:
    first = LoadedSession(Path("team--q1--a.toml"), make_session("A", "Q1", {"convenant.1": 2}), "x")
    second = LoadedSession(Path("team--q1--a-kopie.toml"), make_session("A", "Q1", {"convenant.1": 5}), "y")
    for order in ([first, second], [second, first]):
        history = analyse_collaboration(order, CONTENT, DEFAULTS)
        assert history.latest.stat("question", "convenant.1").mean == 2.0  # "team--q1--a.toml" sorts last
        assert "team--q1--a-kopie.toml" in history.notices[0]


def test_rounds_on_the_same_date_are_ordered_by_label() -> None:
    same_day = dt.date(2026, 6, 1)
    history = history_of(
        make_session("A", "ronde 2", {"convenant.1": 2}, round_date=same_day),
        make_session("A", "ronde 1", {"convenant.1": 4}, round_date=same_day),
    )
    assert [result.label for result in history.rounds] == ["ronde 1", "ronde 2"]


def test_signals_list_falls_first_then_divergence_then_rises_largest_first() -> None:
    history = history_of(
        make_session("A", "Q1", item_scores("convenant", 4, 4) | item_scores("middelen", 4, 4) | item_scores("druk", 3)),
        make_session("B", "Q1", item_scores("convenant", 4, 4) | item_scores("middelen", 4, 4) | item_scores("druk", 3)),
        make_session("A", "Q2", item_scores("convenant", 3, 3) | item_scores("middelen", 2, 2) | item_scores("druk", 5)),
        make_session("B", "Q2", item_scores("convenant", 5, 5) | item_scores("middelen", 2, 2) | item_scores("druk", 4)),
    )
    found = [(signal.kind, signal.id) for signal in history.signals(levels=("item",))]
    # middelen 4 → 2 (big fall into a lower band) before convenant (4 → 4, but spread 2) and druk (3 → 4.5).
    assert found == [("regression", "middelen"), ("divergence", "convenant"), ("progress", "druk")]


def test_equal_signals_follow_the_order_of_the_checklist_not_the_alphabet() -> None:
    history = history_of(
        make_session("A", "Q1", item_scores("visie", 4) | item_scores("belangen", 4)),
        make_session("A", "Q2", item_scores("visie", 3) | item_scores("belangen", 3)),
    )
    assert [signal.id for signal in history.signals(levels=("item",))] == ["visie", "belangen"]


def test_files_of_one_round_with_different_dates_use_the_most_common_then_the_earliest() -> None:
    history = history_of(
        make_session("A", "Q1", {"convenant.1": 4}, round_date=dt.date(2026, 3, 2)),
        make_session("B", "Q1", {"convenant.1": 4}, round_date=dt.date(2026, 3, 1)),
        make_session("A", "Q2", {"convenant.1": 4}, round_date=dt.date(2026, 2, 1)),
    )
    q1 = history.rounds[index_of(history, "Q1")]
    assert q1.date == dt.date(2026, 3, 1)
    assert [result.label for result in history.rounds] == ["Q2", "Q1"]
    assert history.notices == ["Ronde Q1: de bestanden noemen verschillende datums (2026-03-01, 2026-03-02); gebruikt: 2026-03-01."]


def test_divergence_starts_at_a_spread_of_one_and_a_half() -> None:
    at = history_of(make_session("A", "Q1", {"convenant.1": 4, "convenant.2": 3}), make_session("B", "Q1", {"convenant.1": 2}))
    assert at.latest.stat("item", "convenant").spread == 1.5
    assert DIVERGENCE in at.change("item", "convenant").flags
    below = history_of(make_session("A", "Q1", {"convenant.1": 3}), make_session("B", "Q1", {"convenant.1": 4}))
    assert DIVERGENCE not in below.change("question", "convenant.1").flags


# --- notes, actions, log --------------------------------------------------------------------


def test_notes_that_explain_a_signal_come_from_its_items_and_questions() -> None:
    history = history_of(
        make_session("A", "Q1", {"convenant.1": 4}, item_notes={"convenant": "Getekend."}, notes={"convenant.1": "Loopt."}),
        make_session("B", "Q1", {"convenant.1": 1}, notes={"convenant.1": "Geen DPIA.", "middelen.1": "Niet hier."}),
    )
    notes = [(note.respondent.organisation, note.level, note.id, note.text) for note in history.notes("factor", "convenant")]
    assert notes == [
        ("A", "item", "convenant", "Getekend."),
        ("A", "question", "convenant.1", "Loopt."),
        ("B", "question", "convenant.1", "Geen DPIA."),
    ]


def test_actions_are_tracked_as_last_seen_and_overdue_ones_are_found() -> None:
    action = {"wat": "Privacytoets", "deadline": dt.date(2026, 6, 30), "status": "open"}
    history = history_of(
        make_session("A", "Q1", {"convenant.1": 4}, actions={"a-1": action, "a-2": {"wat": "Later", "status": "open"}}),
        make_session("A", "Q2", {"convenant.1": 4}, actions={"a-1": action | {"status": "bezig"}}),
    )
    latest = {tracked.id: (tracked.action.status, tracked.round_label) for tracked in history.actions()}
    assert latest == {"a-1": ("bezig", "Q2"), "a-2": ("open", "Q1")}
    assert [tracked.id for tracked in history.overdue_actions(dt.date(2026, 7, 1))] == ["a-1"]
    assert history.overdue_actions(dt.date(2026, 6, 30)) == []


def test_the_log_is_shown_once_in_the_round_where_it_first_appeared() -> None:
    entry = {"datum": dt.date(2026, 2, 1), "tekst": "Stuurgroep."}
    history = history_of(
        make_session("A", "Q1", log=[entry]),
        make_session("A", "Q2", log=[entry, {"datum": dt.date(2026, 5, 1), "tekst": "Tweede."}]),
    )
    assert [(entry.text, entry.round_label) for entry in history.timeline()] == [("Stuurgroep.", "Q1"), ("Tweede.", "Q2")]
    assert [entry.text for entry in history.log_of_round()] == ["Tweede."]


def test_several_collaborations_are_kept_apart() -> None:
    sessions = [
        make_session("A", "Q1", {"convenant.1": 4}, slug="b-team", name="B"),
        make_session("A", "Q1", {"convenant.1": 2}, slug="a-team", name="A"),
    ]
    assert [history.slug for history in analyse(sessions, CONTENT, DEFAULTS)] == ["a-team", "b-team"]
    with pytest.raises(ValueError, match="verwacht één"):
        analyse_collaboration(sessions, CONTENT, DEFAULTS)
    assert analyse_collaboration(sessions, CONTENT, DEFAULTS, slug="b-team").latest.stat("question", "convenant.1").mean == 4.0


def test_sparkline_shows_gaps_and_the_scale() -> None:
    assert sparkline([1, 5, None, 3]) == "▁█·▅"


# --- properties ------------------------------------------------------------------------------

QUESTION_POOL = ["convenant.1", "convenant.2", "convenant.3", "middelen.1", "middelen.2", "offers.1", "druk.1"]
scores_strategy = st.dictionaries(st.sampled_from(QUESTION_POOL), st.one_of(st.integers(1, 5), st.just("nvt")), max_size=len(QUESTION_POOL))
session_strategy = st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from(["Q1", "Q2", "Q3", "Q4"]), scores_strategy)
sessions_strategy = st.lists(session_strategy, min_size=1, max_size=8, unique_by=lambda entry: (entry[0], entry[1]))
with_duplicates_strategy = st.lists(session_strategy, min_size=1, max_size=8)
"""Two files of one respondent in one round: a tie that the content of the files decides."""


def summary(history: History) -> list[Any]:
    """Everything a user sees of the analysis, in a comparable form."""
    result: list[Any] = []
    for index, round_result in enumerate(history.rounds):
        result.append((round_result.label, round_result.date, sorted(round_result.respondents)))
        for level in ("phase", "factor", "item", "question"):
            for id, stat in round_result.stats(level).items():
                change = history.change(level, id, index)
                result.append(
                    (level, id, stat.mean, stat.n, stat.spread, stat.band, sorted(change.flags), change.delta, change.compared_with)
                )
        result.append([(signal.kind, signal.level, signal.id) for signal in history.signals(index)])
        result.append(history.respondent_changes(index))
    return result


def build(entries: list[tuple[str, str, dict[str, Any]]]) -> list[Session]:
    return [make_session(organisation, label, scores) for organisation, label, scores in entries]


@given(with_duplicates_strategy, st.randoms(use_true_random=False))
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_reordering_the_sessions_never_changes_a_result(entries: list[Any], shuffler: random.Random) -> None:
    sessions = build(entries)
    shuffled = list(sessions)
    shuffler.shuffle(shuffled)
    assert summary(history_of(*sessions)) == summary(history_of(*shuffled))


@given(sessions_strategy, st.data())
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_adding_an_nvt_answer_never_changes_a_mean(entries: list[Any], data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(entries) - 1))
    organisation, label, scores = entries[position]
    unanswered = [qid for qid in CONTENT.questions if qid not in scores]
    question = data.draw(st.sampled_from(unanswered))
    changed = list(entries)
    changed[position] = (organisation, label, scores | {question: "nvt"})
    before, after = history_of(*build(entries)), history_of(*build(changed))
    for round_before, round_after in zip(before.rounds, after.rounds, strict=True):
        for level in ("phase", "factor", "item", "question"):
            for id, stat in round_before.stats(level).items():
                other = round_after.stat(level, id)
                assert (stat.mean, stat.n, stat.spread, stat.band) == (other.mean, other.n, other.spread, other.band)


@given(sessions_strategy)
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_means_stay_within_the_scale(entries: list[Any]) -> None:
    history = history_of(*build(entries))
    for round_result in history.rounds:
        for level in ("phase", "factor", "item", "question"):
            for stat in round_result.stats(level).values():
                if stat.mean is None:
                    assert stat.n == 0
                    continue
                assert 1 <= stat.minimum <= stat.mean <= stat.maximum <= 5
                assert 0 <= stat.spread <= 4
                assert stat.n >= stat.respondents >= 1


# --- the shipped example ------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> History:
    load = load_folder(EXAMPLE, CONTENT)
    assert load.problems == []
    return analyse_collaboration(load.sessions, CONTENT, DEFAULTS)


def test_the_example_has_three_partners_over_four_rounds(example: History) -> None:
    assert [result.label for result in example.rounds] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert all(len(result.respondents) == 3 for result in example.rounds)


def test_the_example_shows_the_regression_of_middelen_in_q4(example: History) -> None:
    change = example.change("factor", "middelen")
    assert change.compared_with == "2026-Q3"
    assert DROP in change.flags and change.delta is not None and change.delta <= -0.5
    assert ("regression", "factor", "middelen") in [(s.kind, s.level, s.id) for s in example.signals()]
    # Not before Q4.
    assert not example.change("factor", "middelen", 2).falling


def test_the_example_shows_the_falling_trend_of_leiderschap(example: History) -> None:
    means = [stat.mean for _, stat in example.series("factor", "leiderschap")]
    assert all(later < earlier for earlier, later in itertools.pairwise(means))
    change = example.change("factor", "leiderschap")
    assert FALLING in change.flags
    assert DROP not in change.flags  # no single step is big enough: only the trend shows it


def test_the_example_shows_the_divergence_on_convenant(example: History) -> None:
    stat = example.latest.stat("factor", "convenant")
    assert stat.spread is not None and stat.spread >= 1.5
    assert ("divergence", "factor", "convenant") in [(s.kind, s.level, s.id) for s in example.signals()]


# --- completeness and paired comparison ------------------------------------------------------


def status_of(history: History, round_index: int = -1) -> dict[str, tuple[bool, str, int, int, int]]:
    """Per respondent: expected, status, scores, nvt, open (over the 69 questions)."""
    return {
        entry.respondent.organisation: (entry.expected, entry.status, entry.counts.scored, entry.counts.not_applicable, entry.counts.open)
        for entry in history.completeness(round_index).participations
    }


def test_answer_counts_keep_nvt_apart_so_a_complete_answer_is_complete() -> None:
    session = make_session("A", "Q1", {qid: ("nvt" if qid.startswith("convenant") else 3) for qid in CONTENT.questions})
    counts = answer_counts(session, CONTENT.questions)
    assert (counts.scored, counts.not_applicable, counts.open, counts.answered) == (65, 4, 0, 69)
    assert answer_counts(None, ["visie.1", "visie.2"]).open == 2


def test_a_partner_answering_late_makes_the_round_voorlopig_until_the_file_comes_in() -> None:
    q1 = [make_session("A", "Q1", item_scores("convenant", 4, 4)), make_session("B", "Q1", item_scores("convenant", 2, 2))]
    a_q2 = make_session("A", "Q2", item_scores("convenant", 4, 4))
    early = history_of(*q1, a_q2)
    completeness = early.completeness()
    assert completeness.expected_from == "vorige ronde"
    assert completeness.provisional and [info.organisation for info in completeness.missing] == ["B"]
    assert status_of(early)["B"] == (True, NOT_RECEIVED, 0, 0, 69)
    # The unpaired mean rose from 3.0 to 4.0 only because B is missing; paired, A did not move.
    change = early.change("item", "convenant")
    assert (change.previous, change.paired_mean, change.delta, change.paired) == (4.0, 4.0, 0.0, ("a|",))
    assert (change.unpaired_previous, change.unpaired_delta, change.composition_differs) == (3.0, 1.0, True)
    assert change.flags == {STABLE}
    late = history_of(*q1, a_q2, make_session("B", "Q2", item_scores("convenant", 1, 1)))
    assert not late.completeness().provisional
    assert status_of(late)["B"] == (True, RECEIVED, 2, 0, 67)
    change = late.change("item", "convenant")
    assert (change.previous, change.delta, change.composition_differs) == (3.0, -0.5, False)
    assert DROP in change.flags


def test_signals_of_an_incomplete_round_are_voorlopig() -> None:
    history = history_of(
        make_session("A", "Q1", item_scores("convenant", 4, 4)),
        make_session("B", "Q1", item_scores("convenant", 4, 4)),
        make_session("A", "Q2", item_scores("convenant", 2, 2)),
    )
    [signal] = history.signals(levels=("item",))
    assert (signal.kind, signal.provisional) == ("regression", True)
    assert not any(signal.provisional for signal in history.signals(0))


def test_a_partner_leaving_is_missing_once_then_no_longer_expected() -> None:
    history = history_of(
        make_session("A", "Q1", {"convenant.1": 4}),
        make_session("B", "Q1", {"convenant.1": 1}),
        make_session("A", "Q2", {"convenant.1": 4}),
        make_session("A", "Q3", {"convenant.1": 4}),
    )
    assert [info.organisation for info in history.completeness(1).missing] == ["B"]
    assert not history.completeness(2).provisional
    # Without pairing, B leaving would look like a rise from 2.5 to 4.0.
    change = history.change("question", "convenant.1", 1)
    assert (change.delta, change.unpaired_delta, change.flags) == (0.0, 1.5, {STABLE})


def test_a_partner_joining_is_listed_and_left_out_of_the_change() -> None:
    history = history_of(
        make_session("A", "Q1", item_scores("convenant", 4, 4)),
        make_session("A", "Q2", item_scores("convenant", 4, 4)),
        make_session("C", "Q2", item_scores("convenant", 1, 1)),
    )
    assert status_of(history) == {"A": (True, RECEIVED, 2, 0, 67), "C": (False, RECEIVED, 2, 0, 67)}
    assert not history.completeness().provisional
    change = history.change("item", "convenant")
    assert (change.delta, change.unpaired_delta, change.paired) == (0.0, -1.5, ("a|",))
    assert not change.falling  # unpaired it would be a fall into zorg
    assert history.latest.stat("item", "convenant").mean == 2.5  # the round's own mean counts everyone


def test_listed_participants_are_expected_every_round_including_the_first() -> None:
    listed = Settings(participants=(Participant(organisation="A"), Participant(organisation="Politie", role="wijkagent")))
    history = history_of(make_session("A", "Q1", {"convenant.1": 4}), settings=listed)
    completeness = history.completeness()
    assert completeness.expected_from == "deelnemers"
    assert [info.label for info in completeness.missing] == ["Politie (wijkagent)"]
    assert status_of(history)["Politie"][:2] == (True, NOT_RECEIVED)


def test_a_file_without_any_answer_counts_as_missing() -> None:
    history = history_of(
        make_session("A", "Q1", {"convenant.1": 4}),
        make_session("B", "Q1", {"convenant.1": 4}),
        make_session("A", "Q2", {"convenant.1": 4}),
        make_session("B", "Q2", {}),
    )
    assert status_of(history)["B"][:2] == (True, NOTHING_ANSWERED)
    assert [info.organisation for info in history.completeness().missing] == ["B"]


def test_without_anyone_in_both_rounds_there_is_nothing_to_compare() -> None:
    history = history_of(make_session("A", "Q1", {"convenant.1": 4}), make_session("B", "Q2", {"convenant.1": 1}))
    change = history.change("question", "convenant.1")
    assert change.flags == {NOT_COMPARABLE}
    assert (change.delta, change.previous, change.compared_with, change.unpaired_delta) == (None, None, "Q1", -3.0)
    assert history.signals() == []


def test_a_trend_is_the_sum_of_paired_steps() -> None:
    # A falls 0.25 a round; B, far lower, answers only in Q1 and Q4: unpaired, Q4 would drop by 1.25.
    history = history_of(
        make_session("A", "Q1", item_scores("convenant", 4, 4, 4, 3)),
        make_session("B", "Q1", item_scores("convenant", 1, 1, 1, 1)),
        make_session("A", "Q2", item_scores("convenant", 4, 4, 3, 3)),
        make_session("A", "Q3", item_scores("convenant", 4, 3, 3, 3)),
        make_session("A", "Q4", item_scores("convenant", 3, 3, 3, 3)),
    )
    change = history.change("item", "convenant")
    assert (change.delta, change.trend) == (-0.25, -0.75)
    assert change.flags == {FALLING}


def test_a_factor_resting_on_one_question_says_so() -> None:
    history = history_of(make_session("A", "Q1", {"leiderschap.3": 4}), make_session("B", "Q1", {"leiderschap.3": 2, "leiderschap.1": 3}))
    visionary = history.latest.stat("factor", "visionair")
    assert (visionary.questions, visionary.single_question, visionary.single_answer) == (1, True, False)
    assert history.latest.stat("item", "leiderschap").questions == 2


def test_notes_of_every_question_under_a_signal_count_per_respondent() -> None:
    history = history_of(
        make_session("A", "Q1", {"convenant.1": 4}, notes={"convenant.2": "Symbolisch sterk."}),
        make_session("B", "Q1", {"convenant.1": 1}, item_notes={"convenant": "Geen DPIA."}, notes={"convenant.4": "Geen media."}),
    )
    notes = [(note.respondent.organisation, note.level, note.id) for note in history.notes("factor", "convenant")]
    assert notes == [("A", "question", "convenant.2"), ("B", "item", "convenant"), ("B", "question", "convenant.4")]
    # Under visionair only the question that counts for it, and the item's note.
    history = history_of(
        make_session(
            "A",
            "Q1",
            {"leiderschap.3": 4},
            item_notes={"leiderschap": "Trekker weg."},
            notes={"leiderschap.3": "Visie.", "leiderschap.6": "Geen vervanging."},
        )
    )
    assert [(note.level, note.id) for note in history.notes("factor", "visionair")] == [
        ("item", "leiderschap"),
        ("question", "leiderschap.3"),
    ]


def test_the_latest_version_of_an_action_is_the_newest_round_then_the_latest_update() -> None:
    first = {"wat": "Privacytoets", "status": "open"}
    history = history_of(
        make_session("A", "Q1", actions={"a-1": first}),
        make_session("B", "Q2", actions={"a-1": first | {"status": "bezig"}}, updated=dt.date(2026, 5, 9)),
        make_session("A", "Q2", actions={"a-1": first | {"status": "gedaan"}}, updated=dt.date(2026, 5, 2)),
    )
    [tracked] = history.actions()
    assert (tracked.action.status, tracked.round_label, tracked.respondent.organisation) == ("bezig", "Q2", "B")


def test_the_dashboard_and_the_analysis_agree_on_the_latest_version_of_each_action() -> None:
    from samenwerk_tui.workspace import Workspace

    first = {"wat": "Privacytoets", "status": "open"}
    sessions = [
        make_session("A", "Q1", actions={"a-1": first, "a-2": {"wat": "Later", "status": "open"}}),
        make_session("B", "Q2", actions={"a-1": first | {"status": "bezig"}}, updated=dt.date(2026, 5, 9)),
        make_session("A", "Q2", actions={"a-1": first | {"status": "gedaan"}}, updated=dt.date(2026, 5, 2)),
    ]
    loaded = [LoadedSession(Path(f"/team/{index}.toml"), session, str(index)) for index, session in enumerate(sessions)]
    workspace = Workspace(folder=Path("/team"), content=CONTENT, sessions=loaded, current_path=loaded[0].path)
    rows = {row.action_id: (row.action.status, row.editable) for row in workspace.action_rows()}
    analysed = {tracked.id: tracked.action.status for tracked in history_of(*sessions).actions()}
    assert rows == {"a-1": ("bezig", False), "a-2": ("open", True)}
    assert analysed == {action_id: status for action_id, (status, _) in rows.items()}
    # Unsaved changes in the open file stand in for the file itself.
    draft = sessions[0].model_copy(deep=True)
    draft.actions["a-3"] = draft.actions["a-2"].model_copy(update={"what": "Nieuw"})
    assert {row.action_id for row in workspace.action_rows(draft) if row.editable} == {"a-2", "a-3"}


def test_the_phase_progress_in_the_status_bar_adds_up_to_the_whole_checklist() -> None:
    from samenwerk_tui.workspace import Workspace

    session = make_session("A", "Q1", {qid: 3 for qid in CONTENT.questions})
    workspace = Workspace(folder=Path("/team"), content=CONTENT, sessions=[])
    assert workspace.progress(session) == {"": (69, 69), "begin": (46, 46), "onderweg": (23, 23)}


def test_a_changed_score_rebuilds_only_its_round_with_the_same_outcome_as_a_full_analysis(example: History) -> None:
    load = load_folder(EXAMPLE, CONTENT)
    target = next(loaded for loaded in load.sessions if loaded.session.round.label == "2026-Q3")
    draft = target.session.model_copy(deep=True)
    for question_id in ("middelen.1", "convenant.2", "leiderschap.3"):
        draft.answers[question_id] = draft.answer(question_id).model_copy(update={"score": 1})
    changed = [loaded if loaded is not target else LoadedSession(loaded.path, draft, loaded.digest) for loaded in load.sessions]
    updated = example.with_round(changed, "2026-Q3")
    full = analyse_collaboration(changed, CONTENT, DEFAULTS)

    assert updated is not None
    assert updated.rounds == full.rounds
    assert updated.rounds[2] != example.rounds[2]
    for index in range(4):
        assert updated.signals(index) == full.signals(index)
        assert updated.log_of_round(index) == full.log_of_round(index)
    assert updated.notices == full.notices


def test_a_session_moved_to_another_round_needs_a_full_analysis(example: History) -> None:
    load = load_folder(EXAMPLE, CONTENT)
    target = next(loaded for loaded in load.sessions if loaded.session.round.label == "2026-Q3")
    moved = target.session.model_copy(update={"round": target.session.round.model_copy(update={"label": "2027-Q1"})})
    moved_away = [loaded if loaded is not target else LoadedSession(loaded.path, moved, loaded.digest) for loaded in load.sessions]
    assert example.with_round(moved_away, "2026-Q3") is None
    assert example.with_round(moved_away, "2027-Q1") is None


def test_the_log_of_each_round_is_what_first_appeared_in_it(example: History) -> None:
    timeline = example.timeline()
    for index, result in enumerate(example.rounds):
        assert example.log_of_round(index) == [entry for entry in timeline if entry.round_label == result.label]


# --- kinds and their words -------------------------------------------------------------


def test_flags_bands_and_signal_kinds_are_the_words_the_json_report_documents() -> None:
    text = (EXAMPLE.parent / "docs" / "rapport-json.md").read_text(encoding="utf-8")
    signal_table = text.split("### SIGNAAL", 1)[1].split("\n\n###", 1)[0]
    assert [row for row in re.findall(r"^\| `([^`]+)` \|", signal_table, re.M)] == [flag.value for flag in Flag]
    band_line = re.search(r'"band": (.*),\n', text)
    kind_line = re.search(r'"soort": (.*),\n', text)
    assert band_line and kind_line
    assert re.findall(r'"([a-z ]+)"', band_line.group(1)) == [band.value for band in reversed(Band)]
    assert re.findall(r'"([a-z ]+)"', kind_line.group(1)) == [KIND_WORDS[kind].word for kind in SignalKind]


def test_a_flag_or_band_is_written_as_its_plain_dutch_word() -> None:
    assert json.dumps({"band": Band.CONCERN, "signalen": [Flag.DROP, Flag.DIVERGENCE]}) == (
        '{"band": "zorg", "signalen": ["achteruitgang", "verschil van inzicht"]}'
    )
    out = io.StringIO()
    csv.writer(out).writerow([Band.STRONG, ", ".join([Flag.LOWER_BAND, Flag.FALLING])])
    assert out.getvalue() == 'sterk,"naar lagere band, dalende trend"\r\n'
    assert f"{Flag.FIRST} / {Band.ATTENTION}" == "eerste meting / aandacht"
    assert Flag.STABLE == "stabiel" and SignalKind.PROGRESS == "progress"


def test_every_flag_band_and_signal_kind_has_a_symbol_so_meaning_never_rests_on_colour() -> None:
    falls = {FLAG_SYMBOLS[flag] for flag in (Flag.DROP, Flag.LOWER_BAND, Flag.FALLING)}
    rises = {FLAG_SYMBOLS[flag] for flag in (Flag.RISE, Flag.HIGHER_BAND, Flag.RISING)}
    assert falls == {KIND_WORDS[SignalKind.REGRESSION].symbol} and rises == {KIND_WORDS[SignalKind.PROGRESS].symbol}
    assert FLAG_SYMBOLS[Flag.DIVERGENCE] == KIND_WORDS[SignalKind.DIVERGENCE].symbol
    shown = [FLAG_SYMBOLS[Flag.DROP], FLAG_SYMBOLS[Flag.RISE], FLAG_SYMBOLS[Flag.STABLE], FLAG_SYMBOLS[Flag.DIVERGENCE]]
    assert all(shown) and len(set(shown)) == 4
    assert set(FLAG_SYMBOLS) == set(Flag)
    assert set(BAND_SYMBOLS) == set(Band) and len(set(BAND_SYMBOLS.values())) == len(Band)
    assert len({words.css_class for words in KIND_WORDS.values()}) == len(SignalKind) == len(KIND_WORDS)


def test_the_kinds_of_a_round_list_in_the_order_of_the_enum(example: History) -> None:
    kinds = [signal.kind for signal in example.signals()]
    assert set(kinds) == set(SignalKind)
    assert kinds == sorted(kinds, key=list(SignalKind).index)
    assert all(isinstance(flag, Flag) for signal in example.signals() for flag in signal.change.flags)
