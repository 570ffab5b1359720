"""Group commit: writers queued while a group is written are written together next, each
gets its own row's result, and a failing group is written again row by row."""

import threading
import time

import pytest

from generator.answers.groupcommit import GroupCommit


class Recorder:
    """A write function that records its groups; the first group waits for `gate`, so
    that every other writer queues behind it and the second group holds them all."""

    def __init__(self, fail_on=None):
        self.groups: list[list] = []
        self.gate = threading.Event()
        self.fail_on = fail_on or {}

    def __call__(self, rows: list) -> list:
        self.groups.append(list(rows))
        if len(self.groups) == 1:
            assert self.gate.wait(10)
        for row, error in self.fail_on.items():
            # a group with the row fails; alone, only "bad" still fails
            if row in rows and (len(rows) > 1 or row == "bad"):
                raise error
        return [f"stored {row}" for row in rows]


def _write_all(group: GroupCommit, rows: list[str], recorder: Recorder) -> dict:
    """Every row added from a thread of its own, the first alone; their outcomes."""
    outcomes: dict = {}

    def add(row: str) -> None:
        try:
            outcomes[row] = group.add(row)
        except BaseException as exc:  # what each writer saw is the point
            outcomes[row] = exc

    threads = [threading.Thread(target=add, args=(row,)) for row in rows]
    threads[0].start()
    while not recorder.groups:  # the first writer leads, and waits at the gate
        time.sleep(0.001)
    for thread in threads[1:]:
        thread.start()
    while len(group._queue) < len(rows):  # every other writer has queued behind it
        time.sleep(0.001)
    recorder.gate.set()
    for thread in threads:
        thread.join(10)
    return outcomes


@pytest.mark.parametrize("most, sizes", [(64, [1, 11]), (4, [1, 4, 4, 3])])
def test_writers_queued_behind_a_group_are_written_together(most, sizes):
    """Eleven writers queued behind a group: one commit for all of them, or as many
    groups of at most `most` rows as it takes, each led by the writer then in front."""
    recorder = Recorder()
    group = GroupCommit(recorder, most=most)
    rows = [f"row-{i}" for i in range(12)]
    outcomes = _write_all(group, rows, recorder)
    assert outcomes == {row: f"stored {row}" for row in rows}
    assert recorder.groups[0] == ["row-0"]
    assert [len(rows) for rows in recorder.groups] == sizes
    assert sorted(row for rows in recorder.groups for row in rows) == sorted(rows)
    assert not group._queue


def test_a_failing_group_is_written_row_by_row_and_only_its_row_fails():
    bad = ValueError("cannot store this row")
    recorder = Recorder(fail_on={"bad": bad})
    group = GroupCommit(recorder)
    rows = ["first", "a", "bad", "b", "c"]
    outcomes = _write_all(group, rows, recorder)
    assert outcomes["bad"] is bad
    assert {row: outcomes[row] for row in rows if row != "bad"} == {
        row: f"stored {row}" for row in rows if row != "bad"
    }
    assert sorted(recorder.groups[2:]) == [["a"], ["b"], ["bad"], ["c"]]  # each alone


def test_an_interrupted_leader_leaves_no_writer_waiting():
    """A leader stopped by KeyboardInterrupt (not an Exception) still hands the group on:
    the others write alone, and the interrupt reaches the leader only."""
    recorder = Recorder(fail_on={"stop": KeyboardInterrupt()})
    group = GroupCommit(recorder)
    rows = ["first", "stop", "x", "y"]
    outcomes = _write_all(group, rows, recorder)
    interrupted = [row for row in rows if isinstance(outcomes[row], KeyboardInterrupt)]
    assert len(interrupted) == 1  # the second group's leader, whichever row was first
    assert all(outcomes[row] == f"stored {row}" for row in rows if row not in interrupted)
    assert not group._queue


@pytest.mark.parametrize("threads", [1, 8])
def test_many_writers_at_once_lose_nothing(threads):
    lock = threading.Lock()
    stored: list = []

    def write(rows: list) -> list:
        with lock:
            stored.extend(rows)
        time.sleep(0.0005)  # a commit: the next writers queue meanwhile
        return [row * 2 for row in rows]

    group = GroupCommit(write)
    results: dict = {}

    def add(start: int) -> None:
        for row in range(start, start + 200):
            results[row] = group.add(row)

    workers = [threading.Thread(target=add, args=(n * 1000,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    expected = [n * 1000 + i for n in range(threads) for i in range(200)]
    assert sorted(stored) == expected
    assert results == {row: row * 2 for row in expected}
