"""The main window's background work: import and re-extraction with progress, cancel and results.

A mixin of `MainWindow`. The job runs on a `BackgroundTask` thread with a project connection of its
own (`ProjectOps.worker_project`); the window refuses edits until it ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.gui.i18n import tr
from desktop.gui.qt import QFileDialog
from desktop.gui.views import ImportSummary
from desktop.gui.workers import BackgroundTask

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class BackgroundTasksMixin(_Base):
    """Import, re-extract, progress and cancel."""

    def import_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("Import articles"), "", tr("Articles (*.jsonl *.json *.txt *.csv *.gz);;All files (*)")
        )
        if paths:
            self.start_import(paths)

    def start_import(self, paths: list[str], extractor: Any = None, jobs: int = 0) -> BackgroundTask | None:
        """Import in the background; `jobs` worker processes (0: the store decides by batch size)."""
        ops = self.ops
        if ops is None:
            return None
        return self._start_task(
            lambda progress, cancel: ops.import_paths(paths, progress, cancel, extractor, jobs),
            tr("Importing…"),
        )

    def reextract(self) -> BackgroundTask | None:
        ops = self.ops
        if ops is None:
            return None
        return self._start_task(lambda progress, cancel: ops.reextract(progress, cancel), tr("Extracting…"))

    def _start_task(self, job: Any, label: str) -> BackgroundTask | None:
        if self.task is not None and self.task.running:
            self.show_error(tr("Another background task is still running."))
            return None
        task = BackgroundTask(job, self)
        task.progress.connect(self._on_progress)
        task.finished.connect(self._on_task_done)
        task.failed.connect(self._on_task_failed)
        self.task = task
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status_label.setText(label)
        task.start()
        return task

    def cancel_task(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.status_label.setText(message or tr("{n} articles").format(n=done))

    def _task_ended(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.cancel_button.setEnabled(True)
        if self.ops is not None:
            self.article_model.reload()
            self._update_count()
            self._on_project_changed()

    def _on_task_done(self, summary: ImportSummary) -> None:
        self._task_ended()
        text = tr("{n} articles imported, {s} skipped, {f} failed.").format(
            n=summary.imported, s=summary.skipped, f=summary.failed
        )
        if summary.cancelled:
            text = tr("Cancelled.") + " " + text
        self.statusBar().showMessage(text, 10000)

    def _on_task_failed(self, message: str, is_bug: bool) -> None:
        self._task_ended()
        if is_bug:
            from desktop.gui.crash import show_bug

            show_bug(RuntimeError(message), None)
        else:
            self.show_error(message)
