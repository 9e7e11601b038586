"""A lazily paged `QAbstractTableModel` over one of the store's paginated queries, and its table view.

The article list, the incidents table and the actors/places view all show a store query a page at
a time: only the pages the view has scrolled to are fetched (`canFetchMore`/`fetchMore`), and
sorting or filtering resets the model and asks the store again. `PagedTableModel` holds that paging
and the model interface; each model supplies how to fetch a page, its column headers and how a row
becomes a cell, and keeps its own filter, order and `reload`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from desktop.gui.i18n import tr
from desktop.gui.operations import ProjectOps
from desktop.gui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QHeaderView,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTableView,
    QTimer,
)

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")

PageFetcher = Callable[[ProjectOps, int, int], list[RowT]]  # (ops, first row, how many) -> rows
CellFunction = Callable[[RowT, int, int], Any]  # (row, column, role) -> the cell's data or None


def sort_key(key: str, order: Qt.SortOrder) -> str:
    """The store's `order_by` for a column key: the key ascending, `-key` descending."""
    return key if order == Qt.SortOrder.AscendingOrder else f"-{key}"


class PagedTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows of a store query, fetched `page_size` at a time as the view scrolls.

    `fetch_page(ops, first, count)` returns the next rows; `headers` are passed through `label`
    for display; `cell(row, column, role)` gives a loaded row's data for a role (None for none).
    """

    def __init__(
        self,
        ops: ProjectOps | None,
        page_size: int,
        fetch_page: PageFetcher[RowT],
        headers: Sequence[str],
        cell: CellFunction[RowT],
        label: Callable[[str], str] = tr,
    ) -> None:
        super().__init__()
        self._ops = ops
        self._page_size = page_size
        self._rows: list[RowT] = []
        self._total = 0
        self._fetch_page = fetch_page
        self._headers = headers
        self._cell = cell
        self._label = label

    def set_ops(self, ops: ProjectOps | None) -> None:
        self._ops = ops
        self.reload()

    def reload(self) -> None:
        """Forget the loaded rows and ask the store again (each model knows how)."""
        raise NotImplementedError

    @property
    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> RowT | None:
        """The loaded row at `row`, or None outside the loaded rows."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find_row(self, matches: Callable[[RowT], bool]) -> int | None:
        """The position of the first loaded row that `matches`, or None."""
        return next((i for i, r in enumerate(self._rows) if matches(r)), None)

    # --- lazy paging ---------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._ops is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._ops is None:
            return
        page = self._fetch_page(self._ops, len(self._rows), self._page_size)
        if not page:
            self._total = len(self._rows)  # the store shrank under us: stop asking
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # --- model interface -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._label(self._headers[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self._cell(self._rows[index.row()], index.column(), role)


def paged_table(
    name: str,
    model: PagedTableModel[Any],
    sort_column: int,
    widths: dict[int, int],
) -> QTableView:
    """A read-only, sortable table of whole-row, multi-row selection over `model`.

    Sorted by `sort_column` descending at first; `widths` maps columns to their starting width.
    """
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(sort_column, Qt.SortOrder.DescendingOrder)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setMinimumSectionSize(40)  # the style's default (~140 px with Arabic fonts) beats resizeSection
    header.setStretchLastSection(True)
    for col, width in widths.items():
        header.resizeSection(col, width)
    return table


def debounce(parent: QObject, slot: Callable[[], None], msec: int = 300) -> QTimer:
    """A single-shot timer that calls `slot` `msec` after its last `start()` (typing pauses)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msec)
    timer.timeout.connect(slot)
    return timer
