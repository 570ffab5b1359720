"""Group commit: writers that arrive while a transaction is being written are written
together in the next one.

Each writer joins a queue. The writer at the front leads: it writes every queued row
(up to `most`) in one transaction, hands each writer its result and wakes them, and
wakes the writer that is now at the front to lead the next batch. A writer returns only
once its row is committed, as when it writes alone; what changes is that a room of
phones costs one commit (one fsync on PostgreSQL, one round trip) per batch instead of
one per answer, and that a waiting writer blocks once instead of once per statement
(BENCHMARKS.md, "Answer server").

A batch that fails is written again row by row, each by its own writer: one writer's
failure (a conflict, a lost connection) is never another's, and every error reaches
the writer whose row it was, as without batches.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from itertools import islice
from typing import Generic, TypeVar

Row = TypeVar("Row")
Result = TypeVar("Result")

WAITING, WRITTEN, ALONE = "waiting", "written", "alone"


class _Writer(Generic[Row, Result]):
    __slots__ = ("result", "row", "state", "woken")

    def __init__(self, row: Row):
        self.row = row
        # released once, by the writer that leads: this one's row is written, or failed
        # in a group, or this one is now at the front (a bare lock: an Event costs a
        # Condition and its Python code per writer)
        self.woken = threading.Lock()
        self.woken.acquire()
        self.state = WAITING
        self.result: Result | None = None


class GroupCommit(Generic[Row, Result]):
    """`write(rows)` stores rows in one transaction and returns their results in order;
    `add(row)` returns the row's result once it is stored. Safe for many threads."""

    def __init__(self, write: Callable[[list[Row]], list[Result]], most: int = 64):
        self._write = write
        self._most = most
        self._lock = threading.Lock()  # guards the queue only, never held while writing
        self._queue: deque[_Writer[Row, Result]] = deque()

    def add(self, row: Row) -> Result:
        me = _Writer(row)
        with self._lock:
            self._queue.append(me)
            leading = len(self._queue) == 1
        if not leading:
            me.woken.acquire()
            if me.state == WRITTEN:
                return me.result
            if me.state == ALONE:
                return self._write([row])[0]
        # at the front of the queue: write it
        with self._lock:
            batch = list(islice(self._queue, self._most))
        results = None
        try:
            results = self._write([writer.row for writer in batch])
        except Exception:
            pass  # every writer of the batch writes its row alone, and sees its own error
        finally:
            self._hand_over(batch, results, me)
        if results is None:
            return self._write([row])[0]
        return me.result

    def _hand_over(self, batch, results, me) -> None:
        """Give each writer of the batch its result (or send it to write alone), and wake
        the next writer in the queue to lead."""
        with self._lock:
            for _ in batch:
                self._queue.popleft()
            for index, writer in enumerate(batch):
                if results is None:
                    writer.state = ALONE
                else:
                    writer.state, writer.result = WRITTEN, results[index]
                if writer is not me:
                    writer.woken.release()
            if self._queue:
                self._queue[0].woken.release()
