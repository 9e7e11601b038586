"""The window's one background task at a time (import, re-extraction): start, progress, cancel, result.

`TaskRunner` owns the status-bar progress bar and Cancel button; the job runs on a `BackgroundTask`
thread with a project connection of its own, and its end comes back by the `succeeded` /
`failed` signals (after `ended`, which the window uses to reload its views).
"""

from __future__ import annotations

from desktop.gui.i18n import tr
from desktop.gui.qt import QLabel, QObject, QProgressBar, QPushButton, QStatusBar, Signal
from desktop.gui.workers import BackgroundTask, Job


class TaskRunner(QObject):
    """Runs one job at a time with a progress bar and a Cancel button in `status_bar`."""

    ended = Signal()  # the task is over (either way), before `succeeded` or `failed`
    succeeded = Signal(object)  # the job's result
    failed = Signal(str, bool)  # message, is_bug
    refused = Signal(str)  # a task was asked for while another runs

    def __init__(self, status_bar: QStatusBar, status_label: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.task: BackgroundTask | None = None
        self.status_label = status_label
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        status_bar.addPermanentWidget(self.progress)
        status_bar.addPermanentWidget(self.cancel_button)

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def start(self, job: Job, label: str) -> BackgroundTask | None:
        """Start `job(progress, cancel)` on a thread; None (and `refused`) while another task runs."""
        if self.running:
            self.refused.emit(tr("Another background task is still running."))
            return None
        task = BackgroundTask(job, self)
        task.progress.connect(self._on_progress)
        task.finished.connect(self._on_done)
        task.failed.connect(self._on_failed)
        self.task = task
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status_label.setText(label)
        task.start()
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)

    def stop_and_wait(self) -> None:
        """Cancel a running task and wait for its thread (the job stops at its next item)."""
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.task.worker_thread.wait()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.status_label.setText(message or tr("{n} articles").format(n=done))

    def _finish(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.cancel_button.setEnabled(True)
        self.ended.emit()

    def _on_done(self, result: object) -> None:
        self._finish()
        self.succeeded.emit(result)

    def _on_failed(self, message: str, is_bug: bool) -> None:
        self._finish()
        self.failed.emit(message, is_bug)
