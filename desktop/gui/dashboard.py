"""The dashboard: timeline, fatalities by governorate, most active actors and the incident map of a project.

The same charts as the report (`desktop.export.charts`), drawn on matplotlib Qt canvases. Call
`refresh()` after edits; clicking a bar or a map marker emits `incidentsSelected` with the ids of
the incidents it covers. The widget only reads through the export layer (no SQL here).
"""

from __future__ import annotations

import logging
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

from desktop.export import charts
from desktop.export.filters import ExportFilter, collect
from desktop.export.records import resolve
from desktop.gui.qt import QGridLayout, QLabel, QSizePolicy, Qt, QWidget, Signal

log = logging.getLogger(__name__)

CHARTS = (
    ("timeline", charts.timeline, 9.0, 3.0),
    ("admin1", charts.fatalities_by_admin1, 4.5, 3.2),
    ("actors", charts.top_actors, 4.5, 3.2),
    ("map", charts.incident_map, 6.0, 4.5),
)


class Dashboard(QWidget):
    """Charts of the incidents `filters` select in `project`; `refresh()` redraws them."""

    incidentsSelected = Signal(list)

    def __init__(
        self,
        project: Any,
        filters: ExportFilter | None = None,
        arabic: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.filters = filters or ExportFilter()
        self.arabic = arabic
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if arabic else Qt.LayoutDirection.LeftToRight)
        self.summary = QLabel(self)
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        self.hits: dict[str, charts.ChartHits] = {}
        layout = QGridLayout(self)
        layout.addWidget(self.summary, 0, 0, 1, 2)
        positions = {
            "timeline": (1, 0, 1, 2),
            "admin1": (2, 0, 1, 1),
            "actors": (2, 1, 1, 1),
            "map": (3, 0, 1, 2),
        }
        for name, _, w, h in CHARTS:
            canvas = FigureCanvasQTAgg(charts.new_figure(w, h))
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            canvas.setMinimumHeight(220)
            canvas.mpl_connect("pick_event", lambda event, key=name: self._picked(key, event))
            self.canvases[name] = canvas
            layout.addWidget(canvas, *positions[name])
        self.refresh()

    def set_filters(self, filters: ExportFilter) -> None:
        self.filters = filters
        self.refresh()

    def refresh(self) -> None:
        """Read the incidents again and redraw every chart."""
        data = collect(self.project, self.filters, with_entities=False)
        records = [resolve(i, arabic=self.arabic) for i in data.incidents]
        dead = sum(r.fatalities or 0 for r in records)
        self.summary.setText(
            f"الحوادث: {len(records)} — القتلى: {dead}"
            if self.arabic
            else f"Incidents: {len(records)} — fatalities: {dead}"
        )
        for name, draw, _, _ in CHARTS:
            canvas = self.canvases[name]
            canvas.figure.clear()
            hits = draw(canvas.figure, records, self.arabic)
            for artist, _ids in hits.artists:
                artist.set_picker(True)
            for artist in hits.points:
                artist.set_picker(5)
            self.hits[name] = hits
            canvas.draw_idle()

    def ids_at(self, name: str, artist: Any, index: list[int] | None = None) -> list[int]:
        """Incident ids behind an artist of chart `name` (and point indices for the map)."""
        return self.hits[name].ids_for(artist, index)

    def _picked(self, name: str, event: Any) -> None:
        ids = self.ids_at(name, event.artist, list(getattr(event, "ind", []) or []))
        if ids:
            self.incidentsSelected.emit(ids)
