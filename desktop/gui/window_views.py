"""The main window's project-wide views: incidents table, actors and places, dashboard, export.

A mixin of `MainWindow` (kept apart so the window module stays readable): the tabs refresh lazily
after edits, the dashboard is built the first time its tab is shown, and an export
runs on a read-only connection of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.errors import RasidError
from desktop.gui import commands
from desktop.gui.i18n import is_arabic, tr
from desktop.gui.qt import QWidget
from desktop.gui.views import IncidentView

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class ProjectViewsMixin(_Base):
    """Tabs beside the reading view; `MainWindow` builds the widgets and connects their signals."""

    def _mark_views_stale(self) -> None:
        """After an edit: the other views re-read the project when next shown (the visible one now)."""
        self._stale = {self.incidents_view, self.names_view, self.dashboard_holder}
        self._refresh_current_view()

    def _refresh_current_view(self) -> None:
        view = self.tabs.currentWidget()
        if view not in self._stale or self.ops is None:
            return
        self._stale.discard(view)
        try:
            if view is self.incidents_view or view is self.names_view:
                if view.model._ops is not self.ops:  # type: ignore[attr-defined]
                    view.set_ops(self.ops)  # type: ignore[attr-defined]
                else:
                    view.refresh()  # type: ignore[attr-defined]
            elif view is self.dashboard_holder:
                self._refresh_dashboard()
        except RasidError as exc:
            self.show_error(str(exc))

    def _refresh_dashboard(self) -> None:
        assert self.ops is not None
        if self.dashboard is not None and self.dashboard.project is self.ops.project:
            self.dashboard.refresh()
            return
        self._drop_dashboard()
        from desktop.gui.dashboard import Dashboard  # off the start-up path

        self.dashboard = Dashboard(self.ops.project, arabic=is_arabic())
        self.dashboard.setObjectName("dashboard")
        self.dashboard.incidentsSelected.connect(self.show_incidents)
        self.dashboard_holder.layout().addWidget(self.dashboard)

    def _drop_dashboard(self) -> None:
        if self.dashboard is not None:
            self.dashboard.setParent(None)
            self.dashboard.deleteLater()
            self.dashboard = None

    def show_view(self, view: QWidget) -> None:
        self.tabs.setCurrentWidget(view)

    def show_view_named(self, name: str) -> None:
        """Show a tab by name: `articles`, `incidents`, `names` or `dashboard`."""
        views = {
            "articles": self.splitter,
            "incidents": self.incidents_view,
            "names": self.names_view,
            "dashboard": self.dashboard_holder,
        }
        if name not in views:
            raise ValueError(f"unknown view {name!r}")
        self.show_view(views[name])

    def show_incidents(self, ids: list[int]) -> None:
        """Show these incidents (e.g. a bar of the dashboard) in the incidents table."""
        self.show_view(self.incidents_view)
        self.incidents_view.show_ids(list(ids))

    def open_incident(self, article_id: int, incident_id: int) -> None:
        """Open an article in the reader with one incident selected and its evidence shown."""
        self.show_view(self.splitter)
        self.select_article(article_id)
        if self.article is None or self.article.id != article_id:
            return
        self.incident_panel.select_incident(incident_id)
        self._show_incident_evidence(self.incident_panel.current())

    def set_incidents_status(self, incidents: list[IncidentView], status: str) -> None:
        """Accept or reject incidents of any articles (the incidents table) as one undoable step."""
        if incidents and self.controller is not None:
            self._run(commands.set_incident_status(self.controller, incidents, status))

    def rename_name(self, group: Any, name: str) -> None:
        if self.controller is not None:
            self._run(commands.rename_name(self.controller, group, name))

    def merge_names(self, keep: Any, other: Any) -> None:
        if self.controller is not None:
            self._run(commands.merge_names(self.controller, keep, other))

    def set_actor_type(self, group: Any, inter: int | None) -> None:
        if self.controller is not None:
            self._run(commands.set_actor_type(self.controller, group, inter))

    def export_dialog(
        self, article_ids: list[int] | None = None, incident_ids: list[int] | None = None
    ) -> Any:
        """File → Export… (or the incidents table's selection): the export dialog on a reader connection."""
        if self.ops is None:
            return None
        from desktop.gui.export_dialog import ExportDialog

        try:
            project = self.ops.reader_project()  # the export thread never shares the GUI's connection
        except RasidError as exc:
            self.show_error(str(exc))
            return None
        dialog = ExportDialog(
            project,
            article_ids=article_ids or None,
            incident_ids=incident_ids or None,
            arabic=is_arabic(),
            parent=self,
        )
        dialog.exported.connect(
            lambda path, n: self.statusBar().showMessage(
                tr("Exported {n} records to {path}").format(n=n, path=path), 10000
            )
        )
        dialog.failed.connect(self.show_error)
        dialog.finished.connect(lambda _r: self._release_export(dialog, project))
        dialog.open()
        return dialog

    def _release_export(self, dialog: Any, project: Any) -> None:
        """Close the export's connection once its thread is done (it may outlive a cancelled dialog)."""
        task = dialog.task
        if task is not None and task.running:
            task.finished.connect(lambda _r: self._release_export(dialog, project))
            task.failed.connect(lambda _m, _b: self._release_export(dialog, project))
            return
        project.close()
        dialog.deleteLater()
