"""Background work off the GUI thread: import and re-extraction with progress and cancel.

The worker runs one store call in a `QThread`; progress and the result come back to the GUI thread
by queued signals. An expected error (`RasidError`) becomes one sentence for a message box; any
other exception is logged with its traceback and reported as a bug.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from desktop.errors import RasidError
from desktop.gui.qt import QObject, QThread, Signal

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int | None, str], None]  # done, total (None: unknown), message
Job = Callable[[ProgressFn, threading.Event], object]  # runs on the thread; its result is `finished`


class Worker(QObject):
    """Runs `job(progress, cancel)` on a thread of its own."""

    progress = Signal(int, int, str)  # done, total (-1 unknown), message
    finished = Signal(object)  # the job's result
    failed = Signal(str, bool)  # message, is_bug

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job
        self.cancel_event = threading.Event()
        self._last = 0.0

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        try:
            summary = self._job(self._report, self.cancel_event)
        except RasidError as exc:
            self.failed.emit(str(exc), False)
        except Exception as exc:
            log.exception("background job failed")
            self.failed.emit(f"{type(exc).__name__}: {exc}", True)
        else:
            self.finished.emit(summary)
        finally:
            # End the thread's event loop from inside: the GUI thread may be blocked in
            # `thread.wait()` (closing the window) and unable to process a queued quit().
            QThread.currentThread().quit()

    def _report(self, done: int, total: int | None, message: str) -> None:
        now = time.monotonic()
        if now - self._last < 0.05 and (total is None or done < total):
            return  # at most 20 updates a second reach the GUI thread
        self._last = now
        self.progress.emit(done, -1 if total is None else total, message)


class BackgroundTask(QObject):
    """A `Worker` and its `QThread`, cleaned up when the job ends."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str, bool)

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker_thread = QThread()
        self.worker = Worker(job)
        self.worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.worker.run)
        self.worker.progress.connect(self.progress)
        self.worker.finished.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.running = False

    def start(self) -> None:
        self.running = True
        self.worker_thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def _stop_thread(self) -> None:
        self.running = False
        self.worker_thread.quit()
        self.worker_thread.wait()

    def _done(self, result: object) -> None:
        self._stop_thread()
        self.finished.emit(result)

    def _failed(self, message: str, is_bug: bool) -> None:
        self._stop_thread()
        self.failed.emit(message, is_bug)
