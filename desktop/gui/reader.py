"""The article reader: read-only right-to-left text with entities highlighted by type.

Highlights are `QTextCharFormat`s merged onto `QTextCursor` selections (never HTML built from
strings); evidence and the selected entity are shown as extra selections so they never disturb the
entity formats. All positions go through `PositionMap`: the store speaks code points, Qt UTF-16.
The raw Unicode text is given to Qt, which shapes Arabic and orders mixed Arabic/Latin runs itself.
"""

from __future__ import annotations

from bisect import bisect_right

from desktop.gui import theme
from desktop.gui.i18n import tr
from desktop.gui.plain import plain_tooltip
from desktop.gui.positions import PositionMap
from desktop.gui.qt import (
    QAction,
    QColor,
    QContextMenuEvent,
    QEvent,
    QFont,
    QHelpEvent,
    QMenu,
    QMouseEvent,
    QPlainTextEdit,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextEdit,
    QTextFormat,
    QTextOption,
    QToolTip,
    QWheelEvent,
    QWidget,
    Signal,
)
from desktop.gui.views import EntityView

ENTITY_ID_PROPERTY = QTextFormat.Property.UserProperty + 1
ENTITY_TYPE_PROPERTY = QTextFormat.Property.UserProperty + 2

MIN_ZOOM, MAX_ZOOM = -6, 16


class ArticleReader(QPlainTextEdit):
    """Shows one article; emits requests for analyst edits (the window turns them into commands)."""

    tagRequested = Signal(int, int, str)  # start, end (code points), entity type
    entityRelabelRequested = Signal(int, str)  # entity id, new type
    entityResizeRequested = Signal(int, int, int)  # entity id, new start, new end (code points)
    entityDeleteRequested = Signal(int)
    entityAcceptRequested = Signal(int)
    entityLinkRequested = Signal(int)
    dictionaryRequested = Signal(int, int, str)  # start, end, type: add to the project dictionary
    incidentFromSelectionRequested = Signal(int, int)
    entityClicked = Signal(int)
    zoomChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None, font_size: int = 15) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setMouseTracking(True)
        self.document().setUndoRedoEnabled(False)
        self._base_size = font_size
        self._zoom = 0
        self.setFont(theme.reader_font(font_size))
        self._text = ""
        self._map = PositionMap("")
        self._entities: list[EntityView] = []
        self._starts: list[int] = []  # Qt start of each entity, sorted
        self._hidden: set[str] = set()
        self._formats = {t: self._format_for(t) for t in theme.ENTITY_TYPES}
        self._evidence: list[tuple[int, int, str]] = []
        self._evidence_marks: list[QTextEdit.ExtraSelection] = []
        self._search: list[tuple[int, int]] = []  # words the search matched (code points)
        self._apply_text_option()

    # --- content -----------------------------------------------------------------------------

    def _apply_text_option(self) -> None:
        option = QTextOption(self.document().defaultTextOption())
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)

    def set_article(self, text: str, entities: list[EntityView]) -> None:
        """Show `text` (stored, newline-normalized) with `entities` highlighted.

        The text and its highlights are written in one edit block, so Qt lays the document out once
        (`setPlainText` followed by formatting re-laid out a long paragraph after each step).
        """
        self._text = text
        self._map = PositionMap(text)
        self._evidence, self._evidence_marks, self._search = [], [], []
        self.setExtraSelections([])
        self._entities = sorted(entities, key=lambda e: (e.start, -e.end))
        self._starts = [self._map.to_qt(e.start) for e in self._entities]
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        cursor.setBlockCharFormat(QTextCharFormat())
        cursor.insertText(text, QTextCharFormat())
        self._paint_entities(doc, fresh=True, cursor=cursor)
        cursor.endEditBlock()
        self.setTextCursor(QTextCursor(doc))
        self.verticalScrollBar().setValue(0)

    def clear_article(self) -> None:
        self.set_article("", [])

    def set_entities(self, entities: list[EntityView]) -> None:
        """Replace the highlighted entities (the text stays)."""
        self._entities = sorted(entities, key=lambda e: (e.start, -e.end))
        self._starts = [self._map.to_qt(e.start) for e in self._entities]
        self._paint_entities(self.document())

    @property
    def text(self) -> str:
        return self._text

    @property
    def position_map(self) -> PositionMap:
        return self._map

    @property
    def entities(self) -> list[EntityView]:
        return list(self._entities)

    # --- highlighting ------------------------------------------------------------------------

    @staticmethod
    def _format_for(entity_type: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(theme.entity_colour(entity_type))
        fmt.setProperty(ENTITY_TYPE_PROPERTY, entity_type)
        return fmt

    def _paint_entities(
        self, doc: QTextDocument | None = None, fresh: bool = False, cursor: QTextCursor | None = None
    ) -> None:
        """Format every visible entity in one edit block (one relayout); `fresh`: nothing to clear.

        With `cursor`, the caller's open edit block is used (and left open).
        """
        doc = doc or self.document()
        own = cursor is None
        cursor = cursor or QTextCursor(doc)
        if own:
            cursor.beginEditBlock()
        if not fresh:
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.setCharFormat(QTextCharFormat())
        length = self._map.qt_length
        for entity in self._entities:
            if entity.type in self._hidden or entity.status == "rejected":
                continue
            if entity.end > len(self._text):
                continue
            start, end = self._map.span_to_qt(entity.start, entity.end)
            if end > length:
                continue
            fmt = QTextCharFormat(self._formats.get(entity.type) or self._format_for(entity.type))
            fmt.setProperty(ENTITY_ID_PROPERTY, entity.id)
            if entity.status in ("accepted", "edited") or entity.origin == "analyst":
                fmt.setFontUnderline(True)
                fmt.setUnderlineColor(QColor(theme.STATUS_COLOURS["accepted"]))
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        if own:
            cursor.endEditBlock()

    def set_type_visible(self, entity_type: str, visible: bool) -> None:
        if visible:
            self._hidden.discard(entity_type)
        else:
            self._hidden.add(entity_type)
        self._paint_entities(self.document())

    def hidden_types(self) -> set[str]:
        return set(self._hidden)

    def set_hidden_types(self, types: set[str]) -> None:
        self._hidden = set(types)
        self._paint_entities(self.document())

    def show_evidence(self, spans: list[tuple[int, int, str]], scroll: bool = True) -> None:
        """Mark evidence spans (code points, colour) without touching the entity formats.

        Each span is set in bold and underlined in its colour; its background takes the colour only
        between the visible entities, so the entities inside the sentence keep their own colours.
        """
        self._evidence = spans
        selections = []
        first: QTextCursor | None = None
        for start, end, colour in spans:
            if not 0 <= start <= end <= len(self._text):
                continue
            whole = self._selection(start, end, QColor(colour), None)
            selections.append(whole)
            for gap_start, gap_end in self._uncovered(start, end):
                selections.append(self._selection(gap_start, gap_end, None, QColor(colour)))
            first = first or QTextCursor(whole.cursor)
        self._evidence_marks = selections
        self._apply_marks()
        if scroll and first is not None:
            shown = QTextCursor(first)
            shown.setPosition(first.selectionStart())
            self.setTextCursor(shown)
            self.ensureCursorVisible()

    def set_search_matches(self, spans: list[tuple[int, int]], scroll: bool = False) -> None:
        """Highlight the words a search matched (code-point spans) in white on the search colour,
        over the entity colours and the evidence marks, without touching the text or its formats;
        `scroll` brings the first into view. An empty list removes them."""
        self._search = [(a, b) for a, b in spans if 0 <= a < b <= len(self._text)]
        self._apply_marks()
        if scroll and self._search:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._map.to_qt(self._search[0][0]))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def search_matches(self) -> list[tuple[int, int]]:
        return list(self._search)

    def _apply_marks(self) -> None:
        """The evidence marks, then the search matches drawn over them (extra selections)."""
        marks = list(self._evidence_marks)
        for start, end in self._search:
            mark = self._selection(start, end, None, QColor(theme.SEARCH_MATCH_BACKGROUND))
            fmt = QTextCharFormat(mark.format)
            fmt.setForeground(QColor(theme.SEARCH_MATCH_TEXT))
            mark.format = fmt
            marks.append(mark)
        self.setExtraSelections(marks)

    def _selection(
        self, start: int, end: int, underline: QColor | None, background: QColor | None
    ) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        qs, qe = self._map.span_to_qt(start, end)
        cursor.setPosition(qs)
        cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        fmt = QTextCharFormat()
        if underline is not None:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontUnderline(True)
            fmt.setUnderlineColor(underline.darker(160))
        if background is not None:
            fmt.setBackground(background)
        sel.format = fmt
        return sel

    def _uncovered(self, start: int, end: int) -> list[tuple[int, int]]:
        """Parts of [start, end) not covered by a visible entity (code points)."""
        gaps: list[tuple[int, int]] = []
        at = start
        for entity in self._entities:
            if entity.end <= at or entity.type in self._hidden or entity.status == "rejected":
                continue
            if entity.start >= end:
                break
            if entity.start > at:
                gaps.append((at, entity.start))
            at = max(at, entity.end)
        if at < end:
            gaps.append((at, end))
        return gaps

    # --- lookups -------------------------------------------------------------------------------

    def entity_at(self, qt_position: int) -> EntityView | None:
        """The innermost visible entity covering Qt position `qt_position`."""
        i = bisect_right(self._starts, qt_position)
        best: EntityView | None = None
        for entity in reversed(self._entities[max(0, i - 8) : i]):
            if entity.type in self._hidden or entity.status == "rejected":
                continue
            start, end = self._map.span_to_qt(entity.start, entity.end)
            if start <= qt_position < end and (best is None or end - start < best.end - best.start):
                best = entity
        return best

    def entity_overlapping(self, start: int, end: int) -> EntityView | None:
        """The entity sharing most characters with the span [start, end) (code points), if any."""
        best, shared = None, 0
        for e in self.entities:
            n = min(end, e.end) - max(start, e.start)
            if n > shared:
                best, shared = e, n
        return best

    def selected_offsets(self) -> tuple[int, int] | None:
        """The selection as code-point offsets, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self._map.span_to_offsets(cursor.selectionStart(), cursor.selectionEnd())
        # trim spaces the mouse tends to include
        while start < end and self._text[start].isspace():
            start += 1
        while end > start and self._text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def select_offsets(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        qs, qe = self._map.span_to_qt(start, end)
        cursor.setPosition(qs)
        cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def tooltip_for(self, entity: EntityView) -> str:
        lines = [f"{theme.type_label(entity.type)} — {entity.text}"]
        if entity.canonical_name and entity.canonical_name != entity.text:
            lines.append(f"{tr('Canonical name')}: {entity.canonical_name}")
        if entity.actor_type:
            lines.append(f"{tr('Actor type')}: {entity.actor_type}")
        coords = entity.coordinates
        if coords:
            lines.append(f"{tr('Coordinates')}: {coords[0]:.4f}, {coords[1]:.4f}")
        value = entity.attrs.get("value") or entity.attrs.get("iso")
        if value is not None and entity.type in ("DATE", "NUM"):
            lines.append(f"{tr('Value')}: {value}")
        lines.append(f"{tr('Status')}: {tr(entity.status)}")
        return "\n".join(lines)

    # --- events ------------------------------------------------------------------------------

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            cursor = self.cursorForPosition(self.viewport().mapFrom(self, e.pos()))
            entity = self.entity_at(cursor.position())
            if entity is None and cursor.position() > 0:
                entity = self.entity_at(cursor.position() - 1)
            if entity is not None:
                QToolTip.showText(e.globalPos(), plain_tooltip(self.tooltip_for(entity)), self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        if not self.textCursor().hasSelection():
            entity = self.entity_at(self.cursorForPosition(e.position().toPoint()).position())
            if entity is not None:
                self.entityClicked.emit(entity.id)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = self.build_context_menu(self.cursorForPosition(e.pos()).position())
        menu.exec(e.globalPos())
        menu.deleteLater()

    def build_context_menu(self, qt_position: int) -> QMenu:
        """The reader's context menu for a click at `qt_position` (tag, relabel, accept, ...)."""
        menu = QMenu(self)
        selection = self.selected_offsets()
        if selection is not None:
            start, end = selection
            tag_menu = menu.addMenu(tr("Tag selection as"))
            for t in theme.ENTITY_TYPES:
                action = tag_menu.addAction(theme.type_label(t))
                action.triggered.connect(lambda _=False, t=t: self.tagRequested.emit(start, end, t))
            dict_menu = menu.addMenu(tr("Add to project dictionary as"))
            for t in ("PER", "ORG", "LOC", "WEAPON"):
                action = dict_menu.addAction(theme.type_label(t))
                action.triggered.connect(lambda _=False, t=t: self.dictionaryRequested.emit(start, end, t))
            create = menu.addAction(tr("Create incident from selection"))
            create.triggered.connect(lambda: self.incidentFromSelectionRequested.emit(start, end))
            overlapping = self.entity_overlapping(start, end)
            if overlapping is not None:
                resize = menu.addAction(tr("Set entity span to selection"))
                resize.triggered.connect(lambda: self.entityResizeRequested.emit(overlapping.id, start, end))
            menu.addSeparator()
        entity = self.entity_at(qt_position)
        if entity is not None:
            relabel = menu.addMenu(tr("Relabel as"))
            for t in theme.ENTITY_TYPES:
                if t == entity.type:
                    continue
                action = relabel.addAction(theme.type_label(t))
                action.triggered.connect(
                    lambda _=False, t=t, i=entity.id: self.entityRelabelRequested.emit(i, t)
                )
            accept = menu.addAction(tr("Accept entity"))
            accept.triggered.connect(lambda: self.entityAcceptRequested.emit(entity.id))
            link = menu.addAction(tr("Link to actor or place…"))
            link.triggered.connect(lambda: self.entityLinkRequested.emit(entity.id))
            delete = menu.addAction(tr("Delete entity"))
            delete.triggered.connect(lambda: self.entityDeleteRequested.emit(entity.id))
            menu.addSeparator()
        copy = QAction(tr("Copy"), menu)
        copy.triggered.connect(self.copy)
        copy.setEnabled(selection is not None)
        menu.addAction(copy)
        return menu

    # --- zoom --------------------------------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        steps = max(MIN_ZOOM, min(MAX_ZOOM, steps))
        self._zoom = steps
        font = self.font()
        font.setPointSize(self._base_size + steps)
        self.setFont(font)
        self.zoomChanged.emit(steps)

    def zoom(self) -> int:
        return self._zoom

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    def wheelEvent(self, e: QWheelEvent) -> None:
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_in() if e.angleDelta().y() > 0 else self.zoom_out()
            e.accept()
            return
        super().wheelEvent(e)
