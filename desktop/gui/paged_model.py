"""A lazily paged `QAbstractTableModel` over one of the store's paginated queries, and its table view.

The article list, the incidents table and the actors/places view all show a store query a page at
a time: only the pages the view has scrolled to are fetched (`canFetchMore`/`fetchMore`), on the
window's read executor, and sorting or filtering resets the model and asks the store again.
`PagedTableModel` holds that paging and the model interface; each model supplies its query as a
state, how to read it, its column headers and how a row becomes a cell.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

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
    Signal,
)

if TYPE_CHECKING:
    from desktop.gui.reads import ReadExecutor

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")

CellFunction = Callable[[RowT, int, int], Any]  # (row, column, role) -> the cell's data or None


def sort_key(key: str, order: Qt.SortOrder) -> str:
    """The store's `order_by` for a column key: the key ascending, `-key` descending."""
    return key if order == Qt.SortOrder.AscendingOrder else f"-{key}"


class PagedTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows of a store query, fetched `page_size` at a time as the view scrolls, off the GUI thread.

    Every read goes through the window's `ReadExecutor`: `reload()` asks for the count and the
    first rows, `fetchMore()` for the next page, and the rows are put in when the answer comes back
    (`loaded` is emitted after each reload). A model describes its query by `state()`, an
    immutable snapshot taken on the GUI thread, and reads it with `load_first(ops, state, wanted)`
    (rows and total) and `load_page(ops, state, first, count)`, which run on the reader's thread
    and must read nothing of the model but their arguments.
    """

    loaded = Signal()  # a reload's rows are in

    def __init__(
        self,
        reads: ReadExecutor | None,
        page_size: int,
        headers: Sequence[str],
        cell: CellFunction[RowT],
        label: Callable[[str], str] = tr,
    ) -> None:
        super().__init__()
        self._reads = reads
        self._page_size = page_size
        self._rows: list[RowT] = []
        self._total = 0
        self._headers = headers
        self._cell = cell
        self._label = label
        self._generation = 0  # answers to an older reload are dropped
        self._fetching = False

    # --- what a model supplies -----------------------------------------------------------------

    def state(self) -> Hashable:
        """The query (filter, order) as an immutable value."""
        raise NotImplementedError

    def load_first(self, ops: ProjectOps, state: Any, wanted: int) -> tuple[list[RowT], int]:
        """On the reader's thread: the first `wanted` rows of the query and how many there are."""
        raise NotImplementedError

    def load_page(self, ops: ProjectOps, state: Any, first: int, count: int) -> list[RowT]:
        """On the reader's thread: `count` rows from row `first`."""
        raise NotImplementedError

    # --- reading -------------------------------------------------------------------------------

    def set_reads(self, reads: ReadExecutor | None) -> None:
        self._reads = reads
        self.reload()

    @property
    def reads(self) -> ReadExecutor | None:
        return self._reads

    def reload(self, keep_loaded: bool = False) -> None:
        """Count again and fetch the first page (or as many rows as were loaded, after an edit)."""
        wanted = max(len(self._rows), self._page_size) if keep_loaded else self._page_size
        self._generation += 1
        self._fetching = False
        if self._reads is None:
            self._reset(self._generation, ([], 0))
            return
        generation, state, load = self._generation, self.state(), self.load_first
        self._reads.submit(
            lambda ops: load(ops, state, wanted),
            lambda result: self._reset(generation, result),
            key=f"model-{id(self)}",
        )

    def _reset(self, generation: int, result: tuple[list[RowT], int]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows, self._total = list(result[0]), result[1]
        self.endResetModel()
        self.loaded.emit()

    @property
    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> RowT | None:
        """The loaded row at `row`, or None outside the loaded rows."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find_row(self, matches: Callable[[RowT], bool]) -> int | None:
        """The position of the first loaded row that `matches`, or None."""
        return next((i for i, r in enumerate(self._rows) if matches(r)), None)

    def replace_row(self, position: int, row: RowT) -> None:
        """Put a re-read row in place (after an edit changed it)."""
        if 0 <= position < len(self._rows):
            self._rows[position] = row
            self.dataChanged.emit(self.index(position, 0), self.index(position, len(self._headers) - 1))

    # --- lazy paging ---------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self._reads is not None
            and not self._fetching
            and len(self._rows) < self._total
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._reads is None:
            return
        self._fetching = True
        generation, state, load = self._generation, self.state(), self.load_page
        first, count = len(self._rows), self._page_size
        self._reads.submit(
            lambda ops: load(ops, state, first, count),
            lambda page: self._append(generation, first, page),
        )

    def _append(self, generation: int, first: int, page: list[RowT]) -> None:
        if generation != self._generation or first != len(self._rows):
            return
        self._fetching = False
        if not page:
            self._total = len(self._rows)  # the store shrank under us: stop asking
            return
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
