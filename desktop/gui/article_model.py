"""The article list model: a lazily paged `QAbstractTableModel` over the store's paginated queries.

Only the pages the view has scrolled to are fetched (`canFetchMore`/`fetchMore`, on the window's
read executor), so a project of 31,000 articles opens as fast as one of 30. Sorting and filtering
reset the model and ask the store again; nothing is sorted or filtered in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from desktop.gui.i18n import tr
from desktop.gui.operations import ProjectOps
from desktop.gui.paged_model import PagedTableModel, sort_key
from desktop.gui.plain import plain_tooltip
from desktop.gui.qt import QColor, Qt
from desktop.gui.theme import STATUS_COLOURS
from desktop.gui.views import ArticleFilter, ArticleRow

if TYPE_CHECKING:
    from desktop.gui.reads import ReadExecutor

# The title cell's search snippet: (snippet, its matches as code points into it), None outside a search.
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 1

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
    if role == SNIPPET_ROLE and col == 0:
        return (row.snippet, row.snippet_matches) if row.snippet else None
    if role == Qt.ItemDataRole.ToolTipRole and col == 0:
        return plain_tooltip(f"{row.title}\n\n{row.snippet}" if row.snippet else row.title)
    return None


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """What the article list asks the store: a filter and an order."""

    article_filter: ArticleFilter
    order: str


class ArticleListModel(PagedTableModel[ArticleRow]):
    """Article summaries, fetched a page at a time in the order and filter last asked for."""

    def __init__(self, reads: ReadExecutor | None = None, page_size: int = 200) -> None:
        super().__init__(reads, page_size, [c[0] for c in COLUMNS], article_cell)
        self._filter = ArticleFilter()
        self._order = "-date"

    # --- configuration -------------------------------------------------------------------------

    def set_filter(self, article_filter: ArticleFilter) -> None:
        self._filter = article_filter
        self.reload()

    @property
    def article_filter(self) -> ArticleFilter:
        return self._filter

    def state(self) -> ArticleQuery:
        return ArticleQuery(self._filter, self._order)

    def load_first(self, ops: ProjectOps, state: ArticleQuery, wanted: int) -> tuple[list[ArticleRow], int]:
        return ops.article_page_and_total(0, wanted, state.order, state.article_filter)

    def load_page(self, ops: ProjectOps, state: ArticleQuery, first: int, count: int) -> list[ArticleRow]:
        return ops.article_page(first, count, state.order, state.article_filter)

    def refresh_article(self, article_id: int) -> None:
        """Re-read one loaded row (after an edit changed its counts, status or tags)."""
        if self._reads is None or self.row_of(article_id) is None:
            return
        self._reads.submit(lambda ops: ops.article_row(article_id), self._refreshed)

    def _refreshed(self, fresh: ArticleRow | None) -> None:
        position = None if fresh is None else self.row_of(fresh.id)
        if fresh is not None and position is not None:
            old = self.row_at(position)
            if old is not None and old.snippet:  # an edit leaves the text, so the search's snippet stays
                fresh = replace(fresh, snippet=old.snippet, snippet_matches=old.snippet_matches)
            self.replace_row(position, fresh)

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
