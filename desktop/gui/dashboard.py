"""The dashboard: timeline, fatalities by governorate, most active actors and the incident map of a project.

The same charts as the report (`desktop.export.charts`), painted by `ChartView`s. Call `refresh()`
after edits; clicking a bar or a map marker emits `incidentsSelected` with the ids of the incidents
it covers. The widget reads through the export layer, on the window's read executor (no SQL here).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop.export import charts
from desktop.export.filters import ExportFilter, collect
from desktop.export.records import ResolvedIncident, resolve
from desktop.gui.chart_view import ChartBuilder, ChartView
from desktop.gui.operations import ProjectOps
from desktop.gui.plain import PlainLabel
from desktop.gui.qt import QGridLayout, QPointF, Qt, QWidget, Signal

if TYPE_CHECKING:
    from desktop.gui.reads import ReadExecutor

log = logging.getLogger(__name__)

# name, scene builder, grid position (row, column, rows, columns)
CHARTS: tuple[tuple[str, ChartBuilder, tuple[int, int, int, int]], ...] = (
    ("timeline", charts.timeline, (1, 0, 1, 2)),
    ("admin1", charts.fatalities_by_admin1, (2, 0, 1, 1)),
    ("actors", charts.top_actors, (2, 1, 1, 1)),
    ("map", charts.incident_map, (3, 0, 1, 2)),
)


class Dashboard(QWidget):
    """Charts of the incidents `filters` select in `project`; `refresh()` redraws them."""

    incidentsSelected = Signal(list)

    loaded = Signal()  # the charts show the project as last read

    def __init__(
        self,
        reads: ReadExecutor,
        filters: ExportFilter | None = None,
        arabic: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reads = reads
        self.filters = filters or ExportFilter()
        self.arabic = arabic
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if arabic else Qt.LayoutDirection.LeftToRight)
        self.summary = PlainLabel(parent=self)
        self.charts: dict[str, ChartView] = {}
        layout = QGridLayout(self)
        layout.addWidget(self.summary, 0, 0, 1, 2)
        for name, build, position in CHARTS:
            view = ChartView(build, arabic, self, zoomable=name == "map")
            view.setObjectName(f"chart-{name}")
            if view.zoomable:
                view.hint = (
                    "عجلة الفأرة للتكبير، والسحب للتحريك، والنقر المزدوج للعودة"
                    if arabic
                    else "Wheel to zoom, drag to pan, double-click to reset"
                )
            view.incidentsSelected.connect(self.incidentsSelected)
            self.charts[name] = view
            layout.addWidget(view, *position)
        layout.setRowStretch(3, 2)
        self.refresh()

    def set_filters(self, filters: ExportFilter) -> None:
        self.filters = filters
        self.refresh()

    def refresh(self) -> None:
        """Read the incidents again (on the read executor) and redraw every chart when they are in."""
        filters, arabic = self.filters, self.arabic
        self.reads.submit(lambda ops: _records(ops, filters, arabic), self._draw, key=f"dashboard-{id(self)}")

    def _draw(self, records: list[ResolvedIncident]) -> None:
        dead = sum(r.fatalities or 0 for r in records)
        self.summary.setText(
            f"الحوادث: {len(records)} — القتلى: {dead}"
            if self.arabic
            else f"Incidents: {len(records)} — fatalities: {dead}"
        )
        for view in self.charts.values():
            view.set_records(records)
        self.loaded.emit()

    def ids_at(self, name: str, pos: QPointF) -> list[int]:
        """Incident ids behind the bar or marker at widget position `pos` of chart `name`."""
        return self.charts[name].ids_at(pos)


def _records(ops: ProjectOps, filters: ExportFilter, arabic: bool) -> list[ResolvedIncident]:
    """On the reader's thread: the incidents the filters select, resolved for the charts."""
    data = collect(ops.project, filters, with_entities=False)
    return [resolve(i, arabic=arabic) for i in data.incidents]
