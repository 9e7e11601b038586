"""The GUI's one serialized database executor: every read of the project runs here, off the GUI thread.

`ReadExecutor` owns one `QThread` and, on it, a read-only connection of its own
(`Project.open_reader()`, wrapped in a `ProjectOps`). `submit(read, on_done)` queues
`read(ops)`; reads run one after another in submission order and each result comes back to the
GUI thread by a queued signal, where `on_done(result)` is called. A read submitted under a `key`
supersedes the earlier ones of that key still in flight: only the latest result is delivered
(switching articles quickly shows the last one). An expected error (`RasidError`) reaches
`on_error` (default: the executor's `failed` signal); a bug is logged and reported as one.

Writes stay on the GUI thread's own connection (one short transaction per edit); WAL lets the
executor's connection see each committed edit at its next read.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from desktop.errors import RasidError
from desktop.gui.operations import ProjectOps
from desktop.gui.qt import QCoreApplication, QEventLoop, QObject, QThread, QTimer, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
Read = Callable[[ProjectOps], Any]


_live: weakref.WeakSet[ReadExecutor] = weakref.WeakSet()


def close_all() -> None:
    """Stop every executor's thread (at exit: a QThread destroyed while running aborts the process)."""
    for executor in list(_live):
        executor.close()


atexit.register(close_all)


def settle(timeout: float = 10.0) -> bool:
    """Process events until every open executor has delivered its reads, including the reads that
    those results start (a list that selects its first article, which loads it). For tests and
    screenshots; True when everything arrived in time."""
    deadline = time.monotonic() + timeout
    while True:
        QCoreApplication.processEvents()
        busy = [e for e in list(_live) if e.busy]
        if not busy:
            return True
        if time.monotonic() > deadline:
            return False
        busy[0].wait_idle(max(deadline - time.monotonic(), 0.001))


class _ReadWorker(QObject):
    """Lives on the executor's thread; runs each read on its own connection."""

    done = Signal(int, object)  # ticket, result
    failed = Signal(int, str, bool)  # ticket, message, is_bug

    def __init__(self, ops: ProjectOps) -> None:
        super().__init__()
        self.ops = ops

    @Slot(int, object)
    def run(self, ticket: int, read: Read) -> None:
        try:
            result = read(self.ops)
        except RasidError as exc:
            self.failed.emit(ticket, str(exc), False)
        except Exception as exc:
            log.exception("database read failed")
            self.failed.emit(ticket, f"{type(exc).__name__}: {exc}", True)
        else:
            self.done.emit(ticket, result)


@dataclass(slots=True)
class _Pending:
    key: str | None
    on_done: Callable[[Any], None]
    on_error: Callable[[str], None] | None


class ReadExecutor(QObject):
    """Serialized reads of one project on a thread of their own; results back on the GUI thread."""

    failed = Signal(str, bool)  # message, is_bug (for reads submitted without `on_error`)
    idle = Signal()  # the last pending read was delivered
    _request = Signal(int, object)

    def __init__(self, ops: ProjectOps, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = ProjectOps(ops.project.open_reader())
        self._thread = QThread()
        self._thread.setObjectName("rasid-reads")
        self._worker = _ReadWorker(self._reader)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._worker.done.connect(self._deliver)
        self._worker.failed.connect(self._deliver_error)
        _live.add(self)
        self._tickets = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}
        self._thread.start()

    def submit(
        self,
        read: Callable[[ProjectOps], T],
        on_done: Callable[[T], None],
        *,
        key: str | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> int:
        """Queue `read(ops)`; `on_done(result)` runs on the GUI thread. Returns the request's ticket."""
        ticket = next(self._tickets)
        self._pending[ticket] = _Pending(key, on_done, on_error)
        if key is not None:
            self._latest[key] = ticket
        self._request.emit(ticket, read)
        return ticket

    @property
    def busy(self) -> bool:
        """True while a submitted read has not been delivered."""
        return bool(self._pending)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Run the event loop until every submitted read is delivered (tests, benchmarks, screenshots).

        The GUI thread sleeps in a local event loop meanwhile, as it does between events in the
        application, so the reader's thread has the interpreter to itself."""
        if not self._pending:
            return True
        loop = QEventLoop()
        self.idle.connect(loop.quit)
        QTimer.singleShot(max(int(timeout * 1000), 1), loop.quit)
        try:
            loop.exec()
        finally:
            self.idle.disconnect(loop.quit)
        return not self._pending

    def close(self) -> None:
        """Stop the thread (after the read in hand) and close its connection; pending reads are dropped.
        Safe to call twice."""
        if self not in _live:
            return
        _live.discard(self)
        self._pending.clear()
        self._thread.quit()
        self._thread.wait()
        self._reader.close()

    def _current(self, ticket: int) -> _Pending | None:
        pending = self._pending.pop(ticket, None)
        if pending is None:
            return None
        if pending.key is not None and self._latest.get(pending.key) != ticket:
            return None  # superseded by a later read of the same key
        if pending.key is not None:
            del self._latest[pending.key]
        return pending

    def _deliver(self, ticket: int, result: object) -> None:
        pending = self._current(ticket)
        if pending is not None:
            pending.on_done(result)
        if not self._pending:
            self.idle.emit()

    def _deliver_error(self, ticket: int, message: str, is_bug: bool) -> None:
        pending = self._current(ticket)
        if pending is not None and pending.on_error is not None and not is_bug:
            pending.on_error(message)
        elif pending is not None:
            self.failed.emit(message, is_bug)
        if not self._pending:
            self.idle.emit()
