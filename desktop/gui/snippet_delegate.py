"""The article list's title cell during a search: the title, and below it the hit's words in context.

The snippet and its match offsets come from the store's search (`SearchHit.snippet`,
`snippet_matches()`, code points). The snippet is laid out by a `QTextDocument` built with a
`QTextCursor` and character formats (never HTML from strings), the matches in bold on the search
highlight colour the reader uses; offsets go through `PositionMap`, so an emoji before a match
does not shift it. Outside a search the cell is drawn as any other.
"""

from __future__ import annotations

from desktop.gui.article_model import SNIPPET_ROLE
from desktop.gui.positions import PositionMap
from desktop.gui.qt import (
    QApplication,
    QColor,
    QFont,
    QFontMetrics,
    QModelIndex,
    QPainter,
    QPersistentModelIndex,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from desktop.gui.theme import SEARCH_MATCH_BACKGROUND, SEARCH_MATCH_TEXT

SNIPPET_LINES = 2  # lines of context under the title
PADDING = 3


def snippet_document(
    snippet: str, matches: tuple[tuple[int, int], ...], font: QFont, width: int, colour: QColor | None = None
) -> QTextDocument:
    """The snippet as a right-to-left document `width` wide, its matches highlighted."""
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    option = QTextOption(doc.defaultTextOption())
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setTextWidth(max(width, 1))
    plain = QTextCharFormat()
    if colour is not None:
        plain.setForeground(colour)
    cursor = QTextCursor(doc)
    cursor.insertText(snippet, plain)
    positions = PositionMap(snippet)
    match = QTextCharFormat()
    match.setFontWeight(QFont.Weight.Bold)
    match.setBackground(QColor(SEARCH_MATCH_BACKGROUND))
    match.setForeground(QColor(SEARCH_MATCH_TEXT))
    for start, end in matches:
        if 0 <= start < end <= len(snippet):
            qs, qe = positions.span_to_qt(start, end)
            cursor.setPosition(qs)
            cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(match)
    return doc


def around_first_match(
    snippet: str, matches: tuple[tuple[int, int], ...], capacity: int
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The part of `snippet` that fits `capacity` characters with its first match in view (a third
    of the room before it, cut at a space, "…" where text was left out), and the matches moved
    with it. A narrow column then shows the matched word, not only the words before it."""
    if not matches or len(snippet) <= capacity:
        return snippet, matches
    first = matches[0][0]
    start = max(0, first - capacity // 3)
    while 0 < start < first and not snippet[start - 1].isspace():
        start += 1  # a whole word first
    if start == 0:
        return snippet, matches
    text = "…" + snippet[start:]
    moved = tuple((a - start + 1, b - start + 1) for a, b in matches if a >= start)
    return text, moved


class SnippetDelegate(QStyledItemDelegate):
    """Draws a search hit's title cell as its title (bold) over `SNIPPET_LINES` lines of context."""

    @staticmethod
    def row_height(font: QFont) -> int:
        """The height of a row showing a title and its snippet."""
        return QFontMetrics(font).lineSpacing() * (1 + SNIPPET_LINES) + 2 * PADDING

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(SNIPPET_ROLE):
            size.setHeight(self.row_height(option.font))
        return size

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        hit = index.data(SNIPPET_ROLE)
        if not hit:
            super().paint(painter, option, index)
            return
        snippet, matches = hit
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        title = opt.text
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)  # background
        rect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        line = QFontMetrics(opt.font).lineSpacing()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(colour)
        elided = QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect.adjusted(0, 0, 0, -(rect.height() - line)),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter),
            elided,
        )
        per_line = max(1, rect.width() // max(1, QFontMetrics(opt.font).averageCharWidth()))
        snippet, matches = around_first_match(snippet, matches, per_line * SNIPPET_LINES)
        doc = snippet_document(snippet, matches, opt.font, rect.width(), colour)
        painter.translate(rect.left(), rect.top() + line)
        painter.setClipRect(0, 0, rect.width(), rect.height() - line)
        doc.drawContents(painter)
        painter.restore()
