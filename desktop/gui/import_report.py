"""The import report: every chosen file with its outcome and the reasons the ingest layer gave.

Shown after an import that failed or skipped anything, and reachable afterwards from View → Last
import report, so a message that vanished from the status bar is never the only trace of a failure.
"""

from __future__ import annotations

from pathlib import Path

from desktop.gui.i18n import tr
from desktop.gui.plain import PlainLabel, plain_tooltip
from desktop.gui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.gui.views import ImportSummary

COLUMNS = ("File", "Outcome", "Imported", "Skipped", "Failed", "Reason")
OUTCOME_LABELS = {  # literal strings for the translation check
    "imported": "imported",
    "partly imported": "partly imported",
    "skipped": "skipped",
    "failed": "failed",
    "nothing to import": "nothing to import",
    "not imported": "not imported",
}


def _patterns(suffixes: list[str]) -> str:
    return " ".join(f"*{x}" for x in suffixes)


def import_filter() -> str:
    """The import dialog's file-type filter: every format the importers read (`READERS`, and their
    .gz), then each family, then all files."""
    from desktop.importing.readers import BATCH_SUFFIXES, READERS

    every = [*READERS, ".gz"]
    pages = [x for x in READERS if "htm" in x]
    documents = [x for x in READERS if x not in BATCH_SUFFIXES and x not in pages]
    data = [*sorted(BATCH_SUFFIXES), ".gz"]
    return ";;".join(
        (
            tr("Articles") + f" ({_patterns(every)})",
            tr("Web pages") + f" ({_patterns(pages)})",
            tr("Documents") + f" ({_patterns(documents)})",
            tr("Data files") + f" ({_patterns(data)})",
            tr("All files") + " (*)",
        )
    )


def summary_line(summary: ImportSummary) -> str:
    """'3 articles imported, 0 skipped, 2 failed.' (with 'Cancelled.' first when it was)."""
    text = tr("{n} articles imported, {s} skipped, {f} failed.").format(
        n=summary.imported, s=summary.skipped, f=summary.failed
    )
    return (tr("Cancelled.") + " " + text) if summary.cancelled else text


class ImportReportDialog(QDialog):
    """A table of the import's files: name, outcome, counts and every reason (one per line)."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle(tr("Import report"))
        self.summary = summary
        layout = QVBoxLayout(self)
        self.headline = PlainLabel(summary_line(summary))
        layout.addWidget(self.headline)
        self.table = QTableWidget(len(summary.files), len(COLUMNS))
        self.table.setObjectName("importReportTable")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        for row, f in enumerate(summary.files):
            values = (
                Path(f.path).name or f.path,
                tr(OUTCOME_LABELS[f.outcome]),
                str(f.imported),
                str(f.skipped),
                str(f.failed),
                "\n".join(f.reasons),
            )
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 0:
                    item.setToolTip(plain_tooltip(f.path))
                    item.setData(Qt.ItemDataRole.UserRole, f.path)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 360)

    def rows(self) -> list[tuple[str, ...]]:
        """The table's text, row by row (for tests and the clipboard)."""
        out: list[tuple[str, ...]] = []
        for r in range(self.table.rowCount()):
            items = [self.table.item(r, c) for c in range(self.table.columnCount())]
            out.append(tuple(item.text() if item is not None else "" for item in items))
        return out
