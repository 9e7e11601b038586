"""A chart scene (`desktop.export.scene`) painted with QPainter; clicks on bars and markers give incident ids.

The scene is built again at the widget's size whenever that changes (never smaller than
`MIN_SCENE`, which is then scaled down to fit), so text and markers keep their size. Qt shapes and
orders the Arabic labels itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    QWheelEvent,
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

    MAX_ZOOM = 16.0
    ZOOM_STEP = 1.25  # per wheel notch

    def __init__(
        self, build: ChartBuilder, arabic: bool, parent: QWidget | None = None, zoomable: bool = False
    ) -> None:
        super().__init__(parent)
        self.build = build
        self.arabic = arabic
        self.records: list[ResolvedIncident] = []
        self._scene: Scene | None = None
        self._family = register_fonts() or ""
        # Zoom and pan (the map): widget = scene * scale * zoom + offset.
        self.zoomable = zoomable
        self.hint = ""  # shown as the tooltip where no bar or marker is under the pointer
        self.zoom = 1.0
        self.offset = QPointF(0.0, 0.0)
        self._drag: tuple[QPointF, QPointF] | None = None  # press position, offset at the press
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
        return QPointF(x * sx * self.zoom + self.offset.x(), y * sy * self.zoom + self.offset.y())

    def item_at(self, pos: QPointF) -> Rect | Circle | None:
        scene = self.scene()
        sx, sy = self._scale(scene)
        x = (pos.x() - self.offset.x()) / self.zoom / sx
        y = (pos.y() - self.offset.y()) / self.zoom / sy
        return scene.item_at(x, y)

    def zoom_at(self, pos: QPointF, factor: float) -> None:
        """Zoom by `factor` keeping the point under `pos` in place (between 1x and MAX_ZOOM)."""
        new = min(max(self.zoom * factor, 1.0), self.MAX_ZOOM)
        if new == 1.0:
            self.reset_view()
            return
        k = new / self.zoom
        self.offset = QPointF(
            pos.x() - (pos.x() - self.offset.x()) * k, pos.y() - (pos.y() - self.offset.y()) * k
        )
        self.zoom = new
        self._clamp()
        self.update()

    def reset_view(self) -> None:
        self.zoom, self.offset = 1.0, QPointF(0.0, 0.0)
        self.update()

    def _clamp(self) -> None:
        """Keep the zoomed scene covering the widget: no panning off into empty space."""
        w, h = float(self.width()), float(self.height())
        x = min(0.0, max(self.offset.x(), w - w * self.zoom))
        y = min(0.0, max(self.offset.y(), h - h * self.zoom))
        self.offset = QPointF(x, y)

    def ids_at(self, pos: QPointF) -> list[int]:
        """Incident ids behind the bar or marker at widget position `pos` ([] when none)."""
        item = self.item_at(pos)
        return list(item.ids) if item else []

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self.scene()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(self.offset)
        painter.scale(self.zoom, self.zoom)
        painter.scale(*self._scale(scene))
        painter.fillRect(QRectF(0, 0, scene.width, scene.height), QColor(scene.background))
        for item in scene.items:
            paint_item(painter, item, self._family)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        ids = self.ids_at(event.position())
        if ids and event.button() == Qt.MouseButton.LeftButton:
            self.incidentsSelected.emit(ids)
        elif self.zoomable and self.zoom > 1.0 and event.button() == Qt.MouseButton.LeftButton:
            self._drag = (event.position(), QPointF(self.offset))  # a press beside the markers pans
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            start, offset = self._drag
            self.offset = offset + (event.position() - start)
            self._clamp()
            self.update()
            return
        hovering = self.item_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if hovering else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.zoomable:
            self.reset_view()
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.zoomable:
            super().wheelEvent(event)
            return
        notches = event.angleDelta().y() / 120.0
        if notches:
            self.zoom_at(event.position(), self.ZOOM_STEP**notches)
        event.accept()

    def resizeEvent(self, event: Any) -> None:
        self._clamp()
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            item = self.item_at(QPointF(event.pos()))
            if item and item.tip:
                QToolTip.showText(event.globalPos(), plain_tooltip(item.tip), self)
            elif self.hint:
                QToolTip.showText(event.globalPos(), plain_tooltip(self.hint), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
