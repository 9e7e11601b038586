"""The project-wide incidents table: every incident of every article, filtered, sorted and paged lazily.

The model asks `ProjectOps` for one page at a time (`canFetchMore`/`fetchMore`); sorting and
filtering re-query the store, so only the rows scrolled to are ever in memory. The view emits
requests (accept, reject, export, open at the evidence); the main window turns them into commands.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from desktop import acled
from desktop.gui.i18n import is_arabic, tr
from desktop.gui.operations import ProjectOps
from desktop.gui.paged_model import PagedTableModel, debounce, paged_table, sort_key
from desktop.gui.plain import PlainLabel, plain_tooltip
from desktop.gui.qt import (
    QColor,
    QComboBox,
    QFont,
    QHBoxLayout,
    QLineEdit,
    QModelIndex,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.gui.selection import select_rows
from desktop.gui.theme import STATUS_COLOURS
from desktop.gui.views import IncidentView
from desktop.importing.titles import clean_title
from desktop.records import incident_date
from desktop.store.common import STATUSES
from desktop.store.views import INCIDENT_COLUMNS, IncidentQuery, IncidentRow

if TYPE_CHECKING:
    from desktop.gui.reads import ReadExecutor

_FIELD_LABELS = {name: (en, ar) for name, en, ar in acled.INCIDENT_FIELDS}
_NUMERIC = frozenset({"latitude", "longitude", "fatalities", "injuries"})


def column_label(name: str) -> str:
    if name == "status":
        return tr("Status")
    if name == "article":
        return tr("Article")
    en, ar = _FIELD_LABELS[name]
    return ar if is_arabic() else en


def incident_view(row: IncidentRow) -> IncidentView:
    """The record the edit commands take, made from a table row (no store access)."""
    return IncidentView(
        id=row.id,
        article_id=row.article_id,
        status=row.status,
        origin=row.origin,
        fields=dict(row.fields),
        evidence=row.evidence,
    )


class IncidentTableModel(PagedTableModel[IncidentRow]):
    """Incidents of the whole project, a page at a time, in the order and filter last asked for."""

    def __init__(self, reads: ReadExecutor | None = None, page_size: int = 200) -> None:
        super().__init__(reads, page_size, INCIDENT_COLUMNS, self._cell_of, column_label)
        self._query = IncidentQuery()

    # --- configuration -------------------------------------------------------------------------

    @property
    def query(self) -> IncidentQuery:
        return self._query

    def set_query(self, query: IncidentQuery) -> None:
        self._query = query
        self.reload()

    def state(self) -> IncidentQuery:
        return self._query

    def load_first(self, ops: ProjectOps, state: IncidentQuery, wanted: int) -> tuple[list[IncidentRow], int]:
        total = ops.count_incidents(state)
        return (ops.incident_page(state, 0, min(wanted, total)) if total else []), total

    def load_page(self, ops: ProjectOps, state: IncidentQuery, first: int, count: int) -> list[IncidentRow]:
        return ops.incident_page(state, first, count)

    # --- model interface -----------------------------------------------------------------------

    def display(self, row: IncidentRow, name: str) -> str:
        if name == "status":
            return tr(row.status)
        if name == "article":
            return clean_title(row.article_title) or row.article_external_id
        if name == "date":  # the incident's own day, else its article's: the panel shows the same
            return incident_date(row.get("date"), row.article_date).value or ""
        value = row.get(name)
        if value is None or value == "":
            return ""
        if name in ("event_type", "sub_event_type"):
            return acled.event_label(str(value), is_arabic())
        if name in ("latitude", "longitude") and isinstance(value, int | float):
            return f"{value:.4f}"
        return str(value)

    def _cell_of(self, row: IncidentRow, col: int, role: int) -> Any:
        name = INCIDENT_COLUMNS[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, name)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and name == "status":
            return QColor(STATUS_COLOURS.get(row.status, "#000000"))
        inherited = name == "date" and incident_date(row.get("date"), row.article_date).inherited
        if role == Qt.ItemDataRole.FontRole and (row.status == "rejected" or inherited):
            font = QFont()
            font.setStrikeOut(row.status == "rejected")
            font.setItalic(inherited)  # the article's date, not one the incident sets
            return font
        if role == Qt.ItemDataRole.ToolTipRole and inherited:
            return plain_tooltip(tr("The article's date (the incident sets none)"))
        if role == Qt.ItemDataRole.TextAlignmentRole and name in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and name == "article":
            title = clean_title(row.article_title)
            return plain_tooltip(f"{title}\n{row.article_external_id} · {row.article_date or ''}")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = INCIDENT_COLUMNS[column]
        order_by = sort_key(key, order)
        if order_by != self._query.order_by:
            self._query = _replace(self._query, order_by=order_by)
            self.reload()

    def row(self, row: int) -> IncidentRow | None:
        return self.row_at(row)

    def row_of(self, incident_id: int) -> int | None:
        return self.find_row(lambda r: r.id == incident_id)


def _replace(query: IncidentQuery, **changes: Any) -> IncidentQuery:
    from dataclasses import replace

    return replace(query, **changes)


class IncidentsView(QWidget):
    """Filters, the incidents table and its actions."""

    statusRequested = Signal(list, str)  # IncidentViews, new status
    exportRequested = Signal(list, list)  # article ids, incident ids of the selection
    openRequested = Signal(int, int)  # article id, incident id

    def __init__(self, page_size: int = 200, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentsView")
        self.model = IncidentTableModel(page_size=page_size)
        self._ids: tuple[int, ...] | None = None
        self._reselect: list[int] = []  # incident ids to select again when a refresh is in
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)

        filters = QHBoxLayout()
        self.event_type = QComboBox()
        self.event_type.setObjectName("filterEventType")
        self.event_type.addItem(tr("Any event type"), None)
        for et in acled.EVENT_TYPES:
            self.event_type.addItem(acled.event_label(et.name, is_arabic()), et.name)
            for sub in et.sub_event_types:
                self.event_type.addItem("    " + acled.event_label(sub, is_arabic()), sub)
        self.status = QComboBox()
        self.status.setObjectName("filterStatus")
        self.status.addItem(tr("Any status"), None)
        for status in STATUSES:
            self.status.addItem(tr(status), status)
        self.date_from = QLineEdit()
        self.date_from.setObjectName("filterFrom")
        self.date_from.setPlaceholderText(tr("From (YYYY-MM-DD)"))
        self.date_to = QLineEdit()
        self.date_to.setObjectName("filterTo")
        self.date_to.setPlaceholderText(tr("To (YYYY-MM-DD)"))
        for box in (self.date_from, self.date_to):
            box.setMaximumWidth(150)
            box.editingFinished.connect(self.apply_filters)
        self.text = QLineEdit()
        self.text.setObjectName("filterText")
        self.text.setPlaceholderText(tr("Search incidents…"))
        self.text.setClearButtonEnabled(True)
        self._text_timer = debounce(self, self.apply_filters)
        self.text.textEdited.connect(lambda _t: self._text_timer.start())
        self.text.returnPressed.connect(self.apply_filters)
        for combo in (self.event_type, self.status):
            combo.activated.connect(lambda _i: self.apply_filters())
        self.clear_button = QPushButton(tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        for w in (self.event_type, self.status, self.date_from, self.date_to):
            filters.addWidget(w)
        filters.addWidget(self.text, 1)
        filters.addWidget(self.clear_button)

        widths = {
            "event_type": 150,
            "sub_event_type": 150,
            "date": 90,
            "location": 110,
            "admin1": 100,
            "country": 80,
            "latitude": 70,
            "longitude": 70,
            "actor1": 150,
            "actor2": 150,
            "fatalities": 55,
            "injuries": 55,
            "status": 70,
        }
        self.table = paged_table(
            "incidentsTable",
            self.model,
            INCIDENT_COLUMNS.index("date"),
            {i: widths[name] for i, name in enumerate(INCIDENT_COLUMNS) if name in widths},
        )
        self.table.doubleClicked.connect(self._open)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        buttons = QHBoxLayout()
        self.count_label = PlainLabel()
        self.accept_button = QPushButton(tr("Accept"))
        self.reject_button = QPushButton(tr("Reject"))
        self.export_button = QPushButton(tr("Export selection…"))
        self.open_button = QPushButton(tr("Open article"))
        self.accept_button.clicked.connect(lambda: self._status("accepted"))
        self.reject_button.clicked.connect(lambda: self._status("rejected"))
        self.export_button.clicked.connect(self._export)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        buttons.addWidget(self.count_label, 1)
        for b in (self.accept_button, self.reject_button, self.export_button, self.open_button):
            buttons.addWidget(b)

        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()
        self.model.loaded.connect(self._on_loaded)

    # --- content -------------------------------------------------------------------------------

    def set_reads(self, reads: ReadExecutor | None) -> None:
        self._ids = None
        self.model.set_reads(reads)
        self._update_count()

    def refresh(self) -> None:
        """Re-read the loaded rows after an edit, keeping the selection."""
        self._reselect = [r.id for r in self.selected()]
        self.model.reload(keep_loaded=True)

    def _on_loaded(self) -> None:
        if self._reselect:
            select_rows(self.table, [r for i in self._reselect if (r := self.model.row_of(i)) is not None])
            self._reselect = []
        self._update_count()

    def show_ids(self, ids: list[int]) -> None:
        """Show exactly these incidents (a dashboard selection) until the filters are cleared: the
        other filters are cleared first, so a bar's incidents are never narrowed by hidden ones."""
        self._ids = None
        self._reset_filter_widgets()
        self._ids = tuple(ids)
        self.apply_filters()

    def query(self) -> IncidentQuery | None:
        """The filters as set, or None (and the bad field marked) when a date is not a date."""
        dates: list[str | None] = []
        for box in (self.date_from, self.date_to):
            text = box.text().strip()
            try:
                dates.append(dt.date.fromisoformat(text).isoformat() if text else None)
                box.setStyleSheet("")
            except ValueError:
                box.setStyleSheet("QLineEdit { background: #ffd6d6; }")
                return None
        return IncidentQuery(
            event_type=self.event_type.currentData(),
            status=self.status.currentData(),
            date_from=dates[0],
            date_to=dates[1],
            text=self.text.text(),
            ids=self._ids,
            order_by=self.model.query.order_by,
        )

    def apply_filters(self) -> None:
        query = self.query()
        if query is not None and query != self.model.query:
            self.model.set_query(query)
        self._update_count()

    def clear_filters(self) -> None:
        self._ids = None
        self._reset_filter_widgets()
        self.apply_filters()

    def _reset_filter_widgets(self) -> None:
        self.event_type.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        for box in (self.date_from, self.date_to, self.text):
            box.clear()

    def filters_in_force(self) -> list[str]:
        """The filters that narrow the table, as the analyst reads them (shown beside the count)."""
        out: list[str] = []
        if self._ids is not None:
            out.append(tr("dashboard selection"))
        if self.event_type.currentData():
            out.append(self.event_type.currentText().strip())
        if self.status.currentData():
            out.append(self.status.currentText())
        for label, box in ((tr("from"), self.date_from), (tr("to"), self.date_to)):
            if box.text().strip():
                out.append(f"{label} {box.text().strip()}")
        if self.text.text().strip():
            out.append(f"“{self.text.text().strip()}”")
        return out

    def selected(self) -> list[IncidentRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.row(i) for i in rows) if r is not None]

    # --- slots ---------------------------------------------------------------------------------

    def _update_count(self) -> None:
        text = tr("{n} incidents").format(n=self.model.total)
        active = self.filters_in_force()
        if active:
            sep = "، " if is_arabic() else ", "
            text += " — " + tr("filtered by: {filters}").format(filters=sep.join(active))
        self.count_label.setText(text)
        self.clear_button.setEnabled(bool(active))

    def _update_buttons(self) -> None:
        n = len(self.table.selectionModel().selectedRows())
        for b in (self.accept_button, self.reject_button, self.export_button):
            b.setEnabled(n > 0)
        self.open_button.setEnabled(n == 1)

    def _status(self, status: str) -> None:
        rows = self.selected()
        if rows:
            self.statusRequested.emit([incident_view(r) for r in rows], status)

    def _export(self) -> None:
        rows = self.selected()
        if rows:
            self.exportRequested.emit(sorted({r.article_id for r in rows}), sorted(r.id for r in rows))

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row(index.row()) if index.isValid() else None
        if row is not None:
            self.openRequested.emit(row.article_id, row.id)
