"""The article list model: a lazily paged `QAbstractTableModel` over the store's paginated queries.

Only the pages the view has scrolled to are fetched (`canFetchMore`/`fetchMore`), so a project of
31,000 articles opens as fast as one of 30. Sorting and filtering reset the model and ask the store
again; nothing is sorted or filtered in memory.
"""

from __future__ import annotations

from typing import Any

from desktop.gui.i18n import tr
from desktop.gui.operations import ProjectOps
from desktop.gui.paged_model import PagedTableModel, sort_key
from desktop.gui.qt import QColor, QModelIndex, Qt
from desktop.gui.theme import STATUS_COLOURS
from desktop.gui.views import ArticleFilter, ArticleRow

COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("Title", "title"),
    ("Date", "date"),
    ("Source", "source"),
    ("Incidents", None),
    ("Status", None),
    ("Tags", None),
)


def article_cell(row: ArticleRow, col: int, role: int) -> Any:
    """What the article list shows of `row` in column `col` for `role` (None for nothing)."""
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


class ArticleListModel(PagedTableModel[ArticleRow]):
    """Article summaries, fetched a page at a time in the order and filter last asked for."""

    def __init__(self, ops: ProjectOps | None = None, page_size: int = 200) -> None:
        super().__init__(ops, page_size, self._fetch_page_of, [c[0] for c in COLUMNS], article_cell)
        self._filter = ArticleFilter()
        self._order = "-date"

    # --- configuration -------------------------------------------------------------------------

    def set_filter(self, article_filter: ArticleFilter) -> None:
        self._filter = article_filter
        self.reload()

    @property
    def article_filter(self) -> ArticleFilter:
        return self._filter

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

    def _fetch_page_of(self, ops: ProjectOps, first: int, count: int) -> list[ArticleRow]:
        return ops.article_page(first, count, self._order, self._filter)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1]
        if key is None:
            return
        self._order = sort_key(key, order)
        self.reload()

    def article_id(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found is not None else None

    def row_of(self, article_id: int) -> int | None:
        return self.find_row(lambda r: r.id == article_id)
