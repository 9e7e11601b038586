"""The export dialog: format, file, language, filters; the export runs off the GUI thread with progress.

The dialog is given a writable worker connection (`Project.open_worker()`), used by the export
thread only: the ACLED event ids an export assigns are stored, so the next export keeps them.
"""

from __future__ import annotations

import logging
import threading

from desktop.acled import EVENT_TYPE_NAMES, SUB_EVENT_TYPE_NAMES
from desktop.errors import RasidError
from desktop.export import FORMATS
from desktop.export.filters import ExportFilter
from desktop.export.runner import EXTENSIONS, ExportOptions, export_project
from desktop.gui.file_dialogs import file_dialog
from desktop.gui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.gui.workers import BackgroundTask, Job, ProgressFn
from desktop.store.project import Project

log = logging.getLogger(__name__)

FORMAT_LABELS = {
    "acled-csv": "ACLED CSV",
    "json": "JSON (full project dump)",
    "geojson": "GeoJSON",
    "xlsx": "Excel (XLSX)",
    "conll": "CoNLL / BIO",
    "html": "HTML report",
    "pdf": "PDF report",
}


class ExportDialog(QDialog):
    """Choose what to export; `exported(path, count)` or `failed(message)` when the background job ends."""

    exported = Signal(str, int)
    failed = Signal(str)

    def __init__(
        self,
        project: Project,
        article_ids: list[int] | None = None,
        arabic: bool = True,
        parent: QWidget | None = None,
        incident_ids: list[int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.article_ids = article_ids
        self.incident_ids = incident_ids
        self.task: BackgroundTask | None = None
        self.setWindowTitle("تصدير" if arabic else "Export")
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem(FORMAT_LABELS[fmt], fmt)
        self.path = QLineEdit()
        browse = QPushButton("…")
        browse.clicked.connect(lambda _=False: self.browse())
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        self.lang = QComboBox()
        self.lang.addItem("العربية", "ar")
        self.lang.addItem("English", "en")
        self.lang.setCurrentIndex(0 if arabic else 1)
        self.date_from = QLineEdit()
        self.date_from.setPlaceholderText("YYYY-MM-DD")
        self.date_to = QLineEdit()
        self.date_to.setPlaceholderText("YYYY-MM-DD")
        self.tag = QLineEdit()
        self.status = QComboBox()
        for value in ("", "new", "accepted", "edited", "rejected"):
            self.status.addItem(value or "—", value)
        self.event_type = QComboBox()
        self.event_type.addItem("—", "")
        for name in (*EVENT_TYPE_NAMES, *SUB_EVENT_TYPE_NAMES):
            self.event_type.addItem(name, name)
        if incident_ids:
            label = ("الحوادث المحددة فقط", "Selected incidents only")
        else:
            label = ("المقالات المحددة فقط", "Selected articles only")
        self.selection_only = QCheckBox(label[0] if arabic else label[1])
        self.selection_only.setEnabled(bool(article_ids))
        self.selection_only.setChecked(bool(article_ids))
        self.include_rejected = QCheckBox(
            "تضمين الحوادث المرفوضة" if arabic else "Include rejected incidents"
        )
        self.bom = QCheckBox("BOM (Excel)")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        form = QFormLayout()
        rows = (
            (("الصيغة", "Format"), self.format),
            (("الملف", "File"), row),
            (("اللغة", "Language"), self.lang),
            (("من", "From"), self.date_from),
            (("إلى", "To"), self.date_to),
            (("الوسم", "Tag"), self.tag),
            (("حالة المراجعة", "Review status"), self.status),
            (("نوع الحدث", "Event type"), self.event_type),
        )
        for (ar, en), widget in rows:
            form.addRow(ar if arabic else en, widget)
        for box in (self.selection_only, self.include_rejected, self.bom):
            form.addRow(box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._format_changed)

    def _format_changed(self) -> None:
        path = self.path.text().strip()
        if path and "." in path.rsplit("/", 1)[-1]:
            self.path.setText(path.rsplit(".", 1)[0] + EXTENSIONS[self.format.currentData()])

    def browse(self) -> QFileDialog:
        """The "…" button: Qt's save dialog (window-modal) for the output file."""
        fmt = self.format.currentData()
        dialog = file_dialog(self, self.windowTitle(), f"*{EXTENSIONS[fmt]}", save=True)
        dialog.fileSelected.connect(self.path.setText)
        dialog.open()
        return dialog

    def filters(self) -> ExportFilter:
        """The filters as set in the dialog (raises InputError for a bad date)."""
        return ExportFilter(
            article_ids=self.article_ids if self.selection_only.isChecked() else None,
            incident_ids=self.incident_ids if self.selection_only.isChecked() else None,
            date_from=self.date_from.text().strip() or None,
            date_to=self.date_to.text().strip() or None,
            tag=self.tag.text().strip() or None,
            status=self.status.currentData() or None,
            event_type=self.event_type.currentData() or None,
            include_rejected=self.include_rejected.isChecked(),
        )

    def job(self) -> Job:
        fmt, out = self.format.currentData(), self.path.text().strip()
        flt = self.filters()
        options = ExportOptions(lang=self.lang.currentData(), bom=self.bom.isChecked())
        project = self.project

        def run(progress: ProgressFn, cancel: threading.Event) -> tuple[str, int]:
            return (out, export_project(project, fmt, out, flt, options, progress, cancel))

        return run

    def start(self) -> None:
        """Validate and start the export on a background thread."""
        if not self.path.text().strip():
            self.failed.emit("Choose an output file.")
            return
        try:
            job = self.job()
        except RasidError as exc:
            self.failed.emit(str(exc))
            return
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.progress.show()
        self.task = BackgroundTask(job, self)
        self.task.progress.connect(self._progress)
        self.task.finished.connect(self._finished)
        self.task.failed.connect(self._failed)
        self.task.start()

    def _progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.progress.setFormat(f"{message} %v/%m")

    def _finished(self, result: tuple[str, int]) -> None:
        self.progress.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        out, count = result
        self.exported.emit(str(out), int(count))
        self.accept()

    def _failed(self, message: str, is_bug: bool) -> None:
        self.progress.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.failed.emit(message)

    def _cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
        self.reject()
