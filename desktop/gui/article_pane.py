"""The article list pane: search box, filters, the lazily paged list and its count.

It reads nothing itself: its model reads through the window's read executor. It tells the window
which article the analyst chose (`articleChosen`) and when a new list is in (`listLoaded`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.gui.article_model import ArticleListModel
from desktop.gui.i18n import tr
from desktop.gui.paged_model import debounce
from desktop.gui.plain import PlainLabel
from desktop.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QModelIndex,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.gui.selection import select_row
from desktop.gui.snippet_delegate import SnippetDelegate
from desktop.gui.views import ArticleFilter

if TYPE_CHECKING:
    from desktop.gui.reads import ReadExecutor

REVIEW_STATUSES = ("new", "in progress", "reviewed")
ROW_HEIGHT = 24  # one line per article; a search's rows are taller (SnippetDelegate.row_height)


class ArticlePane(QWidget):
    """Search and filters above the article list."""

    articleChosen = Signal(int)  # the current row changed to this article
    listLoaded = Signal(int)  # a new list is in: how many articles match

    def __init__(self, page_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articlePane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setPlaceholderText(tr('Search: words, "a phrase", OR, NOT…'))
        self.search_box.setToolTip(
            tr(
                'Words: articles with all of them. "Quotes": an exact phrase. OR: either word. NOT: '
                "without the next word. Parentheses group. Diacritics, letter variants and attached "
                "clitics are ignored. More: Help → Search syntax."
            )
        )
        self.search_box.setClearButtonEnabled(True)
        self._search_timer = debounce(self, self.apply_filter)
        self.search_box.textEdited.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self.apply_filter)
        filters = QHBoxLayout()
        self.status_filter = QComboBox()
        self.status_filter.addItem(tr("Any status"), None)
        for status in REVIEW_STATUSES:
            self.status_filter.addItem(tr(status), status)
        self.incident_filter = QComboBox()
        self.incident_filter.addItem(tr("All articles"), None)
        self.incident_filter.addItem(tr("With incidents"), True)
        self.incident_filter.addItem(tr("Without incidents"), False)
        self.tag_filter = QComboBox()
        self.tag_filter.addItem(tr("Any tag"), None)
        for combo in (self.status_filter, self.incident_filter, self.tag_filter):
            combo.activated.connect(lambda _i: self.apply_filter())
            filters.addWidget(combo)
        self.status_filter.setVisible(False)  # review status of an article: see ArticleFilter.status
        self.model = ArticleListModel(page_size=page_size)
        self.view = QTableView()
        self.view.setObjectName("articleList")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.view.setItemDelegateForColumn(0, SnippetDelegate(self.view))  # a search hit's context
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        for col, width in ((1, 80), (2, 90), (3, 44), (4, 62), (5, 56)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, max(width, header.sectionSizeFromContents(col).width()))  # header fits
        self.view.selectionModel().currentRowChanged.connect(self._on_row)
        self.count = PlainLabel()
        layout.addWidget(self.search_box)
        layout.addLayout(filters)
        layout.addWidget(self.view)
        layout.addWidget(self.count)
        self._select_first = False
        self._choose: int | None = None
        self.model.loaded.connect(self._loaded)

    # --- content -------------------------------------------------------------------------------

    def set_reads(self, reads: ReadExecutor | None, choose: int | None = None) -> None:
        """Show a project's articles (None: none); once they are in, the article `choose` is chosen
        when the list has it, else the first."""
        self._select_first = reads is not None
        self._choose = choose
        self.model.set_reads(reads)

    def reload(self) -> None:
        """Read the list again (after an import), keeping the filter."""
        self.model.reload()

    def current_filter(self) -> ArticleFilter:
        return ArticleFilter(
            query=self.search_box.text().strip(),
            tag=self.tag_filter.currentData(),
            status=None,
            has_incidents=self.incident_filter.currentData(),
        )

    def apply_filter(self) -> None:
        """Ask for the articles the search box and filters select; the first is chosen when they are in."""
        if self.model.reads is None:
            return
        self._select_first = True
        self.model.set_filter(self.current_filter())

    def set_tags(self, tags: list[str]) -> None:
        """The tags the tag filter offers (keeping the chosen one when it still exists)."""
        current = self.tag_filter.currentData()
        self.tag_filter.clear()
        self.tag_filter.addItem(tr("Any tag"), None)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        self.tag_filter.setCurrentIndex(max(self.tag_filter.findData(current), 0))

    def _loaded(self) -> None:
        searching = bool(self.model.article_filter.query)  # taller rows: title and words in context
        self.view.verticalHeader().setDefaultSectionSize(
            SnippetDelegate.row_height(self.view.font()) if searching else ROW_HEIGHT
        )
        self.count.setText(tr("{n} articles").format(n=self.model.total))
        self.listLoaded.emit(self.model.total)
        if self._select_first and self.model.rowCount():
            self._select_first = False
            wanted, self._choose = self._choose, None
            if wanted is None or not self.select_article(wanted):
                self.select_row(0)

    # --- selection -----------------------------------------------------------------------------

    def select_row(self, row: int) -> bool:
        """Make `row` current and selected (never QTableView.selectRow: see gui/selection.py)."""
        return select_row(self.view, row)

    def select_article(self, article_id: int) -> bool:
        """Select the article's row when it is loaded; False when it is not in the list."""
        row = self.model.row_of(article_id)
        return row is not None and self.select_row(row)

    def step(self, delta: int) -> None:
        """Choose the next (`delta` 1) or previous (-1) article."""
        row = self.view.currentIndex().row() + delta
        if row >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if 0 <= row < self.model.rowCount():
            self.select_row(row)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = self.model.article_id(current.row()) if current.isValid() else None
        if article_id is not None:
            self.articleChosen.emit(article_id)
