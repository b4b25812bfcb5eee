"""The autosave state machine: every transition, and the walks a user with bad luck takes."""

from __future__ import annotations

import pytest

from samenwerk_tui.ui.autosave import SaveMachine, SaveState


def machine_in(state: SaveState) -> SaveMachine:
    machine = SaveMachine()
    walks = {
        SaveState.SAVED: [],
        SaveState.DIRTY: ["change"],
        SaveState.SAVING: ["change", "begin"],
        SaveState.SAVING_DIRTY: ["change", "begin", "change"],
        SaveState.FAILED: ["change", "begin", "fail"],
        SaveState.CONFLICT: ["change", "begin", "conflict"],
    }
    for event in walks[state]:
        getattr(machine, event)(*(["schijf vol"] if event == "fail" else []))
    assert machine.state is state
    return machine


TABLE = {
    # state: (after change, begin allowed, after succeed, after fail, after conflict)
    SaveState.SAVED: (SaveState.DIRTY, False, SaveState.SAVED, SaveState.SAVED, SaveState.SAVED),
    SaveState.DIRTY: (SaveState.DIRTY, True, SaveState.DIRTY, SaveState.DIRTY, SaveState.DIRTY),
    SaveState.SAVING: (SaveState.SAVING_DIRTY, False, SaveState.SAVED, SaveState.FAILED, SaveState.CONFLICT),
    SaveState.SAVING_DIRTY: (SaveState.SAVING_DIRTY, False, SaveState.DIRTY, SaveState.FAILED, SaveState.CONFLICT),
    SaveState.FAILED: (SaveState.FAILED, True, SaveState.FAILED, SaveState.FAILED, SaveState.FAILED),
    SaveState.CONFLICT: (SaveState.CONFLICT, False, SaveState.CONFLICT, SaveState.CONFLICT, SaveState.CONFLICT),
}


@pytest.mark.parametrize("state", list(SaveState))
def test_every_transition(state: SaveState) -> None:
    after_change, may_begin, after_succeed, after_fail, after_conflict = TABLE[state]
    machine = machine_in(state)
    machine.change()
    assert machine.state is after_change
    machine = machine_in(state)
    assert machine.begin() is may_begin
    assert machine.state is (SaveState.SAVING if may_begin else state)
    for event, expected in (("succeed", after_succeed), ("conflict", after_conflict)):
        machine = machine_in(state)
        getattr(machine, event)()
        assert machine.state is expected
    machine = machine_in(state)
    machine.fail("schijf vol")
    assert machine.state is after_fail


def test_only_saved_means_nothing_pending() -> None:
    assert [state for state in SaveState if machine_in(state).pending] == [
        SaveState.DIRTY,
        SaveState.SAVING,
        SaveState.SAVING_DIRTY,
        SaveState.FAILED,
        SaveState.CONFLICT,
    ]


def test_a_change_during_a_save_is_saved_by_the_next_one() -> None:
    machine = machine_in(SaveState.SAVING)
    machine.change()
    machine.succeed()
    assert machine.state is SaveState.DIRTY and machine.begin()


def test_a_failed_save_keeps_the_change_and_its_reason_until_a_save_succeeds() -> None:
    machine = machine_in(SaveState.FAILED)
    assert machine.pending and machine.reason == "schijf vol"
    assert machine.begin()
    machine.fail("schijf nog steeds vol")
    assert machine.state is SaveState.FAILED and machine.reason == "schijf nog steeds vol"
    assert machine.begin()
    machine.succeed()
    assert machine.state is SaveState.SAVED and machine.reason == ""


def test_a_conflict_saves_nothing_until_the_user_chooses() -> None:
    machine = machine_in(SaveState.CONFLICT)
    machine.change()
    assert not machine.begin()
    machine.resolve(overwrite=True)
    assert machine.state is SaveState.DIRTY and machine.force
    assert machine.begin()
    machine.succeed()
    assert not machine.force and not machine.pending
    machine = machine_in(SaveState.CONFLICT)
    machine.resolve(overwrite=False)
    assert machine.state is SaveState.SAVED and not machine.force


def test_discard_drops_a_change_only_when_no_save_runs() -> None:
    machine = machine_in(SaveState.FAILED)
    machine.discard()
    assert machine.state is SaveState.SAVED
    machine = machine_in(SaveState.SAVING)
    machine.discard()
    assert machine.state is SaveState.SAVING
