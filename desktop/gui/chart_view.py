"""A chart scene (`desktop.export.scene`) painted with QPainter; clicks on bars and markers give incident ids.

The scene is built again at the widget's size whenever that changes (never smaller than
`MIN_SCENE`, which is then scaled down to fit), so text and markers keep their size. Qt shapes and
orders the Arabic labels itself.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.export.records import ResolvedIncident
from desktop.export.scene import Circle, Item, Line, Polygon, Rect, Scene, Text
from desktop.gui.plain import plain_tooltip
from desktop.gui.qt import (
    QBrush,
    QColor,
    QEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPointF,
    QPolygonF,
    QRectF,
    QSizePolicy,
    Qt,
    QToolTip,
    QWidget,
    Signal,
)
from desktop.gui.theme import register_fonts

ChartBuilder = Callable[[list[ResolvedIncident], bool, float, float], Scene]
MIN_SCENE = (320.0, 200.0)


def _pen(color: str, width: float) -> QPen:
    if not color or not width:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(QColor(color))
    pen.setWidthF(width)
    return pen


def _brush(color: str, opacity: float = 1.0) -> QBrush:
    if not color:
        return QBrush(Qt.BrushStyle.NoBrush)
    qcolor = QColor(color)
    qcolor.setAlphaF(opacity)
    return QBrush(qcolor)


def _draw_text(painter: QPainter, item: Text, family: str) -> None:
    font = QFont(family)
    font.setPixelSize(max(1, round(item.size)))
    font.setBold(item.bold)
    painter.setFont(font)
    painter.setPen(QColor(item.color))
    painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft if item.rtl else Qt.LayoutDirection.LeftToRight)
    width = QFontMetricsF(font).horizontalAdvance(item.text)  # shaped width, not the scene's estimate
    painter.save()
    painter.translate(item.x, item.y)
    painter.rotate(item.angle)
    painter.drawText(QPointF(item.left_offset(width), item.baseline_offset()), item.text)
    painter.restore()


def paint_item(painter: QPainter, item: Item, family: str) -> None:
    """Draw one primitive in scene coordinates."""
    if isinstance(item, Text):
        _draw_text(painter, item, family)
        return
    if isinstance(item, Line):
        painter.setPen(_pen(item.color, item.width))
        painter.drawLine(QPointF(item.x1, item.y1), QPointF(item.x2, item.y2))
        return
    painter.setPen(_pen(item.stroke, item.stroke_width))
    painter.setBrush(_brush(item.fill, item.opacity))
    if isinstance(item, Polygon):
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in item.points]))
    elif isinstance(item, Circle):
        painter.drawEllipse(QPointF(item.cx, item.cy), item.r, item.r)
    else:
        painter.drawRect(QRectF(item.x, item.y, item.w, item.h))


class ChartView(QWidget):
    """One chart of `records`; `incidentsSelected` carries the ids behind a clicked bar or marker."""

    incidentsSelected = Signal(list)

    def __init__(self, build: ChartBuilder, arabic: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.build = build
        self.arabic = arabic
        self.records: list[ResolvedIncident] = []
        self._scene: Scene | None = None
        self._family = register_fonts() or ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)
        self.setMouseTracking(True)  # pointing-hand cursor over bars and markers

    def set_records(self, records: list[ResolvedIncident]) -> None:
        self.records = records
        self._scene = None
        self.update()

    def scene(self) -> Scene:
        """The scene for the current size, built when the records or the size changed."""
        width = max(float(self.width()), MIN_SCENE[0])
        height = max(float(self.height()), MIN_SCENE[1])
        if self._scene is None or (self._scene.width, self._scene.height) != (width, height):
            self._scene = self.build(self.records, self.arabic, width, height)
        return self._scene

    def _scale(self, scene: Scene) -> tuple[float, float]:
        return self.width() / scene.width, self.height() / scene.height

    def to_widget(self, x: float, y: float) -> QPointF:
        """Widget position of the scene point (x, y)."""
        sx, sy = self._scale(self.scene())
        return QPointF(x * sx, y * sy)

    def item_at(self, pos: QPointF) -> Rect | Circle | None:
        scene = self.scene()
        sx, sy = self._scale(scene)
        return scene.item_at(pos.x() / sx, pos.y() / sy)

    def ids_at(self, pos: QPointF) -> list[int]:
        """Incident ids behind the bar or marker at widget position `pos` ([] when none)."""
        item = self.item_at(pos)
        return list(item.ids) if item else []

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self.scene()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(*self._scale(scene))
        painter.fillRect(QRectF(0, 0, scene.width, scene.height), QColor(scene.background))
        for item in scene.items:
            paint_item(painter, item, self._family)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        ids = self.ids_at(event.position())
        if ids and event.button() == Qt.MouseButton.LeftButton:
            self.incidentsSelected.emit(ids)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hovering = self.item_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if hovering else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            item = self.item_at(QPointF(event.pos()))
            if item and item.tip:
                QToolTip.showText(event.globalPos(), plain_tooltip(item.tip), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
