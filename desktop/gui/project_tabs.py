"""The window's tabs: the reading view and the project-wide views (incidents, actors and places, dashboard).

`ProjectTabs` holds the views, refreshes them lazily (an edit marks them stale; the visible one
re-reads at once, the others when next shown), builds the dashboard the first time its tab is
shown, and passes the views' requests on as its own signals: it edits nothing itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.gui.i18n import tr
from desktop.gui.incident_table import IncidentsView
from desktop.gui.names_view import NamesView
from desktop.gui.qt import QTabWidget, QVBoxLayout, QWidget, Signal

if TYPE_CHECKING:
    from desktop.gui.dashboard import Dashboard
    from desktop.gui.reads import ReadExecutor

VIEW_NAMES = ("articles", "incidents", "names", "dashboard")


class ProjectTabs(QTabWidget):
    """The reading view (`articles`, given) beside the incidents, names and dashboard tabs."""

    incidentStatusRequested = Signal(list, str)  # IncidentViews, new status
    exportRequested = Signal(list, list)  # article ids, incident ids
    incidentOpenRequested = Signal(int, int)  # article id, incident id
    renameRequested = Signal(object, str)  # NameGroup, new name
    mergeNamesRequested = Signal(object, object)  # keep, other
    actorTypeRequested = Signal(object, object)  # NameGroup, int | None

    def __init__(
        self, articles: QWidget, page_size: int, arabic: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainTabs")
        self.setDocumentMode(True)
        self.arabic = arabic
        self.reads: ReadExecutor | None = None
        self.articles = articles
        self.incidents_view = IncidentsView(page_size=page_size)
        self.names_view = NamesView(page_size=page_size)
        self.dashboard: Dashboard | None = None
        self.dashboard_holder = QWidget()
        self.dashboard_holder.setObjectName("dashboardHolder")
        self._dashboard_layout = QVBoxLayout(self.dashboard_holder)
        self._dashboard_layout.setContentsMargins(0, 0, 0, 0)
        self.addTab(articles, tr("Articles"))
        self.addTab(self.incidents_view, tr("Incidents"))
        self.addTab(self.names_view, tr("Actors and places"))
        self.addTab(self.dashboard_holder, tr("Dashboard"))
        self._views: dict[str, QWidget] = dict(
            zip(
                VIEW_NAMES,
                (articles, self.incidents_view, self.names_view, self.dashboard_holder),
                strict=True,
            )
        )
        self._stale: set[QWidget] = set()
        self._fresh_reads: set[QWidget] = set()  # views already bound to the current executor
        self.currentChanged.connect(lambda _i: self.refresh_current())

        iv = self.incidents_view
        iv.statusRequested.connect(self.incidentStatusRequested)
        iv.exportRequested.connect(self.exportRequested)
        iv.openRequested.connect(self.incidentOpenRequested)
        nv = self.names_view
        nv.renameRequested.connect(self.renameRequested)
        nv.mergeRequested.connect(self.mergeNamesRequested)
        nv.actorTypeRequested.connect(self.actorTypeRequested)

    def set_reads(self, reads: ReadExecutor | None) -> None:
        """Bind the views to a project's read executor (None: no project; the views empty)."""
        self.reads = reads
        self._fresh_reads = set()
        self.setCurrentIndex(0)
        self.incidents_view.set_reads(None)
        self.names_view.set_reads(None)
        self._drop_dashboard()
        for i in range(1, self.count()):
            self.setTabEnabled(i, reads is not None)
        self.mark_stale()

    def mark_stale(self) -> None:
        """After an edit: the views re-read the project when next shown (the visible one now)."""
        self._stale = {self.incidents_view, self.names_view, self.dashboard_holder}
        self.refresh_current()

    def refresh_current(self) -> None:
        view = self.currentWidget()
        if view not in self._stale or self.reads is None:
            return
        self._stale.discard(view)
        first = view not in self._fresh_reads
        self._fresh_reads.add(view)
        if view is self.incidents_view or view is self.names_view:
            table = self.incidents_view if view is self.incidents_view else self.names_view
            if first:
                table.set_reads(self.reads)
            else:
                table.refresh()
        elif view is self.dashboard_holder:
            self._refresh_dashboard()

    def _refresh_dashboard(self) -> None:
        assert self.reads is not None
        if self.dashboard is not None and self.dashboard.reads is self.reads:
            self.dashboard.refresh()
            return
        self._drop_dashboard()
        from desktop.gui.dashboard import Dashboard  # off the start-up path

        self.dashboard = Dashboard(self.reads, arabic=self.arabic)
        self.dashboard.setObjectName("dashboard")
        self.dashboard.incidentsSelected.connect(self.show_incidents)
        self._dashboard_layout.addWidget(self.dashboard)

    def _drop_dashboard(self) -> None:
        if self.dashboard is not None:
            self.dashboard.setParent(None)
            self.dashboard.deleteLater()
            self.dashboard = None

    def show_view_named(self, name: str) -> None:
        """Show a tab by name: `articles`, `incidents`, `names` or `dashboard`."""
        if name not in self._views:
            raise ValueError(f"unknown view {name!r}")
        self.setCurrentWidget(self._views[name])

    def show_incidents(self, ids: list[int]) -> None:
        """Show these incidents (e.g. a bar of the dashboard) in the incidents table."""
        self.setCurrentWidget(self.incidents_view)
        self.incidents_view.show_ids(list(ids))
