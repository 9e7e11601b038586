"""The article list model: a lazily paged `QAbstractTableModel` over the store's paginated queries.

Only the pages the view has scrolled to are fetched (`canFetchMore`/`fetchMore`), so a project of
31,000 articles opens as fast as one of 30. Sorting and filtering reset the model and ask the store
again; nothing is sorted or filtered in memory.
"""

from __future__ import annotations

from typing import Any

from desktop.gui.i18n import tr
from desktop.gui.operations import ProjectOps
from desktop.gui.qt import (
    QAbstractTableModel,
    QColor,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from desktop.gui.theme import STATUS_COLOURS
from desktop.gui.views import ArticleFilter, ArticleRow

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("Title", "title"),
    ("Date", "date"),
    ("Source", "source"),
    ("Incidents", None),
    ("Status", None),
    ("Tags", None),
)


class ArticleListModel(QAbstractTableModel):
    """Article summaries, fetched a page at a time in the order and filter last asked for."""

    def __init__(self, ops: ProjectOps | None = None, page_size: int = 200) -> None:
        super().__init__()
        self._ops = ops
        self._page_size = page_size
        self._rows: list[ArticleRow] = []
        self._total = 0
        self._filter = ArticleFilter()
        self._order = "-date"

    # --- configuration -------------------------------------------------------------------------

    def set_ops(self, ops: ProjectOps | None) -> None:
        self._ops = ops
        self.reload()

    def set_filter(self, article_filter: ArticleFilter) -> None:
        self._filter = article_filter
        self.reload()

    @property
    def article_filter(self) -> ArticleFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    def reload(self) -> None:
        """Forget loaded rows, count again and fetch the first page."""
        self.beginResetModel()
        self._rows = []
        self._total = self._ops.count_articles(self._filter) if self._ops else 0
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def refresh_article(self, article_id: int) -> None:
        """Re-read one loaded row (after an edit changed its counts, status or tags)."""
        if self._ops is None:
            return
        for i, row in enumerate(self._rows):
            if row.id == article_id:
                fresh = self._ops.article_row(article_id)
                if fresh is not None:
                    self._rows[i] = fresh
                    self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
                return

    # --- lazy paging ---------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._ops is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._ops is None:
            return
        page = self._ops.article_page(len(self._rows), self._page_size, self._order, self._filter)
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
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.title or tr("(untitled)"),
                row.date,
                row.source,
                str(row.incidents) if row.incidents else "",
                tr(row.status),
                ", ".join(row.tags),
            )[col]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and col == 4:
            return QColor(STATUS_COLOURS.get(row.status, "#000000"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 3:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return row.title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1]
        if key is None:
            return
        self._order = key if order == Qt.SortOrder.AscendingOrder else f"-{key}"
        self.reload()

    def article_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row.id == article_id:
                return i
        return None
