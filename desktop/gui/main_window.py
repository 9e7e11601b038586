"""The main window: article list (left), reader (centre), incident panel (right), status bar.

With an Arabic interface the application's layout direction is right-to-left, so Qt mirrors the
whole arrangement (list on the right, incidents on the left) without any code here.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from desktop import settings as settings_mod
from desktop.errors import RasidError
from desktop.gui import commands
from desktop.gui.article_model import ArticleListModel
from desktop.gui.controller import Controller
from desktop.gui.i18n import tr
from desktop.gui.incident_panel import IncidentPanel
from desktop.gui.incident_table import IncidentsView
from desktop.gui.names_view import NamesView
from desktop.gui.operations import (
    ProjectOps,
    create_project,
    gazetteer_names_loaded,
    load_gazetteer_names,
    open_project,
)
from desktop.gui.qt import (
    QAbstractItemView,
    QAction,
    QByteArray,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QModelIndex,
    QProgressBar,
    QPushButton,
    QShortcut,
    QSplitter,
    Qt,
    QTableView,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from desktop.gui.reader import ArticleReader
from desktop.gui.selection import select_row
from desktop.gui.theme import ENTITY_TYPES, EVIDENCE_COLOUR, FIELD_EVIDENCE_COLOUR, entity_colour
from desktop.gui.views import ArticleFilter, ArticleView, IncidentView
from desktop.gui.window_tasks import BackgroundTasksMixin
from desktop.gui.window_views import ProjectViewsMixin
from desktop.gui.workers import BackgroundTask
from desktop.settings import Settings

log = logging.getLogger(__name__)

REVIEW_STATUSES = ("new", "in progress", "reviewed")
TAG_SHORTCUTS = {
    "PER": "Ctrl+1",
    "ORG": "Ctrl+2",
    "LOC": "Ctrl+3",
    "WEAPON": "Ctrl+4",
    "DATE": "Ctrl+5",
    "NUM": "Ctrl+6",
    "MISC": "Ctrl+7",
}


class Legend(QWidget):
    """One checkbox per entity type, coloured like its highlight; unchecking hides that type."""

    def __init__(self, reader: ArticleReader, hidden: set[str]) -> None:
        super().__init__()
        self.setObjectName("legend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for t in ENTITY_TYPES:
            box = QCheckBox(tr(t))
            box.setChecked(t not in hidden)
            box.setStyleSheet(f"QCheckBox {{ background: {entity_colour(t).name()}; padding: 1px 4px; }}")
            box.toggled.connect(lambda on, t=t: reader.set_type_visible(t, on))
            layout.addWidget(box)
            self.boxes[t] = box
        layout.addStretch(1)


class MainWindow(ProjectViewsMixin, BackgroundTasksMixin, QMainWindow):
    """Rasid's one window. Holds no SQL: everything goes through `ProjectOps` and `Controller`."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.ops: ProjectOps | None = None
        self.controller: Controller | None = None
        self.article: ArticleView | None = None
        self.task: BackgroundTask | None = None
        self.setWindowTitle(tr("Rasid"))
        self.resize(1400, 860)
        self._completions: list[str] = []
        self._names_timer = QTimer(self)  # polls for the gazetteer names loading on a thread
        self._names_timer.setInterval(250)
        self._names_timer.timeout.connect(self._names_ready)
        self._build()
        self._build_actions()
        self._restore_layout()
        self._set_project_widgets_enabled(False)

    # --- construction --------------------------------------------------------------------------

    def _build(self) -> None:
        # article list
        left = QWidget()
        left.setObjectName("articlePane")
        lv = QVBoxLayout(left)
        lv.setContentsMargins(4, 4, 4, 4)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setPlaceholderText(tr("Search articles…"))
        self.search_box.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search_box.textEdited.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self._apply_filter)
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
        for box in (self.status_filter, self.incident_filter, self.tag_filter):
            box.activated.connect(lambda _i: self._apply_filter())
            filters.addWidget(box)
        self.status_filter.setVisible(False)  # review status of an article: see ArticleFilter.status
        self.article_model = ArticleListModel(page_size=self.settings.article_page_size)
        self.article_view = QTableView()
        self.article_view.setObjectName("articleList")
        self.article_view.setModel(self.article_model)
        self.article_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.article_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.article_view.setSortingEnabled(True)
        self.article_view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.article_view.verticalHeader().setVisible(False)
        self.article_view.verticalHeader().setDefaultSectionSize(24)
        header = self.article_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        for col, width in ((1, 84), (2, 90), (3, 44), (4, 70), (5, 70)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.article_view.selectionModel().currentRowChanged.connect(self._on_article_row)
        self.list_count = QLabel()
        lv.addWidget(self.search_box)
        lv.addLayout(filters)
        lv.addWidget(self.article_view)
        lv.addWidget(self.list_count)

        # reader
        centre = QWidget()
        centre.setObjectName("readerPane")
        cv = QVBoxLayout(centre)
        cv.setContentsMargins(4, 4, 4, 4)
        self.article_title = QLabel()
        self.article_title.setObjectName("articleTitle")
        self.article_title.setWordWrap(True)
        self.article_title.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.article_title.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.article_meta = QLabel()
        self.article_meta.setStyleSheet("color: #555;")
        self.reader = ArticleReader(font_size=self.settings.reader_font_size)
        self.reader.set_zoom(self.settings.reader_zoom)
        self.reader.set_hidden_types(set(self.settings.hidden_entity_types))
        self.article_title.setFont(self.reader.font())
        title_font = self.article_title.font()
        title_font.setBold(True)
        title_font.setPointSize(self.settings.reader_font_size + 3)
        self.article_title.setFont(title_font)
        self.legend = Legend(self.reader, set(self.settings.hidden_entity_types))
        tags_row = QHBoxLayout()
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("tags")
        self.tags_edit.setPlaceholderText(tr("Tags, separated by commas"))
        self.tags_edit.editingFinished.connect(self._commit_tags)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("note")
        self.note_edit.setPlaceholderText(tr("Note"))
        self.note_edit.editingFinished.connect(self._commit_note)
        tags_row.addWidget(QLabel(tr("Tags")))
        tags_row.addWidget(self.tags_edit, 1)
        tags_row.addWidget(QLabel(tr("Note")))
        tags_row.addWidget(self.note_edit, 2)
        cv.addWidget(self.article_title)
        cv.addWidget(self.article_meta)
        cv.addWidget(self.legend)
        cv.addWidget(self.reader, 1)
        cv.addLayout(tags_row)

        # incidents
        self.incident_panel = IncidentPanel()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.incident_panel)
        self.splitter.setSizes([470, 560, 370])
        self.splitter.setStretchFactor(1, 1)

        # project-wide views, as tabs beside the reading view; filled when first shown
        self.incidents_view = IncidentsView(page_size=self.settings.article_page_size)
        self.names_view = NamesView(page_size=self.settings.article_page_size)
        self.dashboard: Any = None
        self.dashboard_holder = QWidget()
        self.dashboard_holder.setObjectName("dashboardHolder")
        QVBoxLayout(self.dashboard_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, tr("Articles"))
        self.tabs.addTab(self.incidents_view, tr("Incidents"))
        self.tabs.addTab(self.names_view, tr("Actors and places"))
        self.tabs.addTab(self.dashboard_holder, tr("Dashboard"))
        self._stale: set[QWidget] = set()
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current_view())
        self.setCentralWidget(self.tabs)

        # status bar
        self.status_label = QLabel(tr("No project open"))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_task)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

        # reader and panel requests
        r = self.reader
        r.tagRequested.connect(self.tag_entity)
        r.entityResizeRequested.connect(self.resize_entity)
        r.entityRelabelRequested.connect(self.relabel_entity)
        r.entityDeleteRequested.connect(self.delete_entity)
        r.entityAcceptRequested.connect(self.accept_entity)
        r.entityLinkRequested.connect(self.link_entity)
        r.dictionaryRequested.connect(self.add_dictionary_entry)
        r.incidentFromSelectionRequested.connect(self.create_incident)
        r.zoomChanged.connect(self._remember_zoom)
        p = self.incident_panel
        p.selectionChanged.connect(self._show_incident_evidence)
        p.fieldEdited.connect(self.edit_incident_field)
        p.fieldFocused.connect(self._show_field_evidence)
        p.acceptRequested.connect(lambda ids: self.set_incident_status(ids, "accepted"))
        p.rejectRequested.connect(lambda ids: self.set_incident_status(ids, "rejected"))
        p.mergeRequested.connect(self.merge_incidents)
        p.splitRequested.connect(self.split_incident)
        p.createRequested.connect(self.create_incident_from_selection)
        iv = self.incidents_view
        iv.statusRequested.connect(self.set_incidents_status)
        iv.exportRequested.connect(self.export_dialog)
        iv.openRequested.connect(self.open_incident)
        nv = self.names_view
        nv.renameRequested.connect(self.rename_name)
        nv.mergeRequested.connect(self.merge_names)
        nv.actorTypeRequested.connect(self.set_actor_type)

    def _action(
        self, text: str, slot: Any, shortcut: str | QKeySequence.StandardKey | None = None
    ) -> QAction:
        action = QAction(tr(text), self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(
            self._action("New project…", self.new_project_dialog, QKeySequence.StandardKey.New)
        )
        file_menu.addAction(
            self._action("Open project…", self.open_project_dialog, QKeySequence.StandardKey.Open)
        )
        self.recent_menu = file_menu.addMenu(tr("Recent projects"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.import_action = self._action("Import articles…", self.import_dialog, "Ctrl+I")
        self.reextract_action = self._action("Re-extract all articles", self.reextract)
        self.export_action = self._action("Export…", self.export_dialog, "Ctrl+Shift+E")
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.reextract_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("Close project", self.close_project, "Ctrl+W"))
        file_menu.addAction(self._action("Quit", self.close, QKeySequence.StandardKey.Quit))

        edit_menu = bar.addMenu(tr("&Edit"))
        self.undo_action = self._action("Undo", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("Redo", self.redo, QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        tag_menu = edit_menu.addMenu(tr("Tag selection as"))
        for t, key in TAG_SHORTCUTS.items():
            tag_menu.addAction(self._action(t, lambda t=t: self._tag_selection(t), key))
        edit_menu.addAction(
            self._action("Create incident from selection", self.create_incident_from_selection, "Ctrl+E")
        )
        edit_menu.addAction(self._action("Set entity span to selection", self._resize_to_selection, "Ctrl+R"))
        edit_menu.addAction(
            self._action("Accept incident", lambda: self._status_shortcut("accepted"), "Ctrl+Return")
        )
        edit_menu.addAction(
            self._action("Reject incident", lambda: self._status_shortcut("rejected"), "Ctrl+Backspace")
        )
        edit_menu.addAction(self._action("Find", self._focus_search, QKeySequence.StandardKey.Find))

        view_menu = bar.addMenu(tr("&View"))
        for i, label in enumerate(("Articles", "Incidents", "Actors and places", "Dashboard")):
            view_menu.addAction(self._action(label, lambda i=i: self.tabs.setCurrentIndex(i), f"Alt+{i + 1}"))
        view_menu.addSeparator()
        view_menu.addAction(self._action("Zoom in", self.reader.zoom_in, "Ctrl+="))
        QShortcut(QKeySequence("Ctrl++"), self, activated=self.reader.zoom_in)
        view_menu.addAction(self._action("Zoom out", self.reader.zoom_out, "Ctrl+-"))
        view_menu.addAction(self._action("Next article", lambda: self._step_article(1), "Ctrl+PgDown"))
        view_menu.addAction(self._action("Previous article", lambda: self._step_article(-1), "Ctrl+PgUp"))
        view_menu.addSeparator()
        lang_menu = view_menu.addMenu(tr("Interface language"))
        for code, label in (("ar", "العربية"), ("en", "English")):
            action = QAction(label, self)
            action.triggered.connect(lambda _=False, c=code: self._choose_language(c))
            lang_menu.addAction(action)

    def _set_project_widgets_enabled(self, enabled: bool) -> None:
        for w in (
            self.search_box,
            self.article_view,
            self.tags_edit,
            self.note_edit,
            self.incident_panel,
            self.status_filter,
            self.incident_filter,
            self.tag_filter,
        ):
            w.setEnabled(enabled)
        self.import_action.setEnabled(enabled)
        self.reextract_action.setEnabled(enabled)
        self.export_action.setEnabled(enabled)
        for i in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(i, enabled)

    # --- layout memory -------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        s = self.settings
        if s.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode()))
        if s.window_state:
            self.restoreState(QByteArray.fromBase64(s.window_state.encode()))
        if s.splitter_state:
            self.splitter.restoreState(QByteArray.fromBase64(s.splitter_state.encode()))

    def save_layout(self) -> None:
        s = self.settings
        s.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        s.window_state = bytes(self.saveState().toBase64().data()).decode()
        s.splitter_state = bytes(self.splitter.saveState().toBase64().data()).decode()
        s.hidden_entity_types = sorted(self.reader.hidden_types())
        settings_mod.save(s)

    def _remember_zoom(self, steps: int) -> None:
        self.settings.reader_zoom = steps

    def closeEvent(self, event: Any) -> None:
        if self.task is not None and self.task.running:
            # the job stops at the next article; its thread must end before Qt objects go away
            self.task.cancel()
            self.task.thread.wait()
        self.save_layout()
        self.close_project()
        super().closeEvent(event)

    # --- projects ------------------------------------------------------------------------------

    def open_project(self, path: str | Path, create: bool = False) -> bool:
        """Open (or create) a project; a problem becomes a message, and the old project stays open."""
        try:
            ops = create_project(path) if create else open_project(path)
        except RasidError as exc:
            self.show_error(str(exc))
            return False
        self.close_project()
        self.ops = ops
        self.controller = Controller(ops, self)
        self.controller.articleChanged.connect(self._on_article_changed)
        self.controller.projectChanged.connect(self._on_project_changed)
        self.controller.failed.connect(self.show_error)
        self.controller.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.controller.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.settings.add_recent(ops.path)
        settings_mod.save(self.settings)
        self.setWindowTitle(f"{ops.name} — {tr('Rasid')}")
        self._set_project_widgets_enabled(True)
        self._fill_tag_filter()
        self.article_model.set_ops(ops)
        self._update_count()
        self._set_completions(ops.completions(wait=False))
        if not gazetteer_names_loaded():
            # the bundled names load off the start-up path; completion gets them when ready
            threading.Thread(target=load_gazetteer_names, name="gazetteer-names", daemon=True).start()
            self._names_timer.start()
        self._mark_views_stale()
        if self.article_model.rowCount() > 0:
            self._select_row(0)
        return True

    def close_project(self) -> None:
        if self.ops is None:
            return
        ops, self.ops = self.ops, None
        self.controller = None
        self.article = None
        self.article_model.set_ops(None)
        self.tabs.setCurrentIndex(0)
        self.incidents_view.set_ops(None)
        self.names_view.set_ops(None)
        self._drop_dashboard()
        self.reader.clear_article()
        self.incident_panel.set_incidents([])
        self.article_title.clear()
        self.article_meta.clear()
        self._set_project_widgets_enabled(False)
        self.status_label.setText(tr("No project open"))
        self.setWindowTitle(tr("Rasid"))
        try:
            ops.close()
        except RasidError as exc:
            self.show_error(str(exc))

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("New project"), "", tr("Rasid projects (*.rasid)"))
        if path:
            if not path.endswith(".rasid"):
                path += ".rasid"
            self.open_project(path, create=True)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open project"), "", tr("Rasid projects (*.rasid)"))
        if path:
            self.open_project(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_projects:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if not self.settings.recent_projects:
            self.recent_menu.addAction(tr("(none)")).setEnabled(False)

    # --- article list --------------------------------------------------------------------------

    def _fill_tag_filter(self) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.clear()
        self.tag_filter.addItem(tr("Any tag"), None)
        for tag in self.ops.all_tags() if self.ops else []:
            self.tag_filter.addItem(tag, tag)
        i = self.tag_filter.findData(current)
        self.tag_filter.setCurrentIndex(max(i, 0))

    def current_filter(self) -> ArticleFilter:
        return ArticleFilter(
            query=self.search_box.text().strip(),
            tag=self.tag_filter.currentData(),
            status=None,
            has_incidents=self.incident_filter.currentData(),
        )

    def _apply_filter(self) -> None:
        if self.ops is None:
            return
        try:
            self.article_model.set_filter(self.current_filter())
        except RasidError as exc:
            self.show_error(str(exc))
            return
        self._update_count()
        if self.article_model.rowCount():
            self._select_row(0)

    def _update_count(self) -> None:
        if self.ops is None:
            return
        self.list_count.setText(tr("{n} articles").format(n=self.article_model.total))
        self.status_label.setText(
            f"{self.ops.name} — {tr('{n} articles').format(n=self.article_model.total)}"
        )

    def _on_article_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = self.article_model.article_id(current.row()) if current.isValid() else None
        if article_id is not None:
            self.show_article(article_id)

    def _step_article(self, delta: int) -> None:
        row = self.article_view.currentIndex().row() + delta
        if row >= self.article_model.rowCount() and self.article_model.canFetchMore(QModelIndex()):
            self.article_model.fetchMore(QModelIndex())
        if 0 <= row < self.article_model.rowCount():
            self._select_row(row)

    def _select_row(self, row: int) -> None:
        """Make `row` current and selected (never QTableView.selectRow: see gui/selection.py)."""
        select_row(self.article_view, row)

    def select_article(self, article_id: int) -> None:
        row = self.article_model.row_of(article_id)
        if row is not None:
            self._select_row(row)
        else:
            self.show_article(article_id)

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # --- reader --------------------------------------------------------------------------------

    def show_article(self, article_id: int) -> None:
        if self.ops is None:
            return
        try:
            article = self.ops.article(article_id)
            entities = self.ops.entities(article_id)
            incidents = self.ops.incidents(article_id)
        except RasidError as exc:
            self.show_error(str(exc))
            return
        self.article = article
        self.article_title.setText(article.title)
        meta = " · ".join(x for x in (article.date, article.source, article.external_id) if x)
        self.article_meta.setText(meta)
        self.reader.set_article(article.text, entities)
        self.incident_panel.set_incidents(incidents, keep_selection=False)
        if incidents:
            self.incident_panel.select_incident(incidents[0].id)
        self.tags_edit.setText(", ".join(article.tags))
        self.note_edit.setText(article.note)

    def _on_article_changed(self, article_id: int) -> None:
        if self.ops is None:
            return
        self._mark_views_stale()
        self.article_model.refresh_article(article_id)
        if self.article is not None and self.article.id == article_id:
            scroll = self.reader.verticalScrollBar().value()
            self.reader.set_entities(self.ops.entities(article_id))
            self.incident_panel.set_incidents(self.ops.incidents(article_id))
            self.article = self.ops.article(article_id)
            self.tags_edit.setText(", ".join(self.article.tags))
            self.note_edit.setText(self.article.note)
            self.reader.verticalScrollBar().setValue(scroll)

    def _on_project_changed(self) -> None:
        if self.ops is None:
            return
        self._mark_views_stale()
        self._fill_tag_filter()
        self._set_completions(self.ops.completions(wait=False))

    def _show_incident_evidence(self, incident: IncidentView | None) -> None:
        if incident is None or incident.evidence is None:
            self.reader.show_evidence([], scroll=False)
            return
        self.reader.show_evidence([(incident.evidence[0], incident.evidence[1], EVIDENCE_COLOUR)])

    def _show_field_evidence(self, incident_id: int, name: str) -> None:
        incident = next((i for i in self.incident_panel.incidents() if i.id == incident_id), None)
        if incident is None:
            return
        spans = []
        if incident.evidence:
            spans.append((incident.evidence[0], incident.evidence[1], EVIDENCE_COLOUR))
        field = incident.fields_evidence.get(name)
        if field:
            spans.append((field[0], field[1], FIELD_EVIDENCE_COLOUR))
        self.reader.show_evidence(spans)

    def _set_completions(self, names: list[str]) -> None:
        self._completions = names
        self.incident_panel.set_completions(names)

    def _names_ready(self) -> None:
        if gazetteer_names_loaded():
            self._names_timer.stop()
            if self.ops is not None:
                self._set_completions(self.ops.completions(wait=False))

    # --- analyst edits -------------------------------------------------------------------------

    def _run(self, command: commands.EditCommand) -> bool:
        if self.controller is None:
            return False
        if self.task is not None and self.task.running:
            self.show_error(tr("Wait for the background task to finish before editing."))
            return False
        return self.controller.execute(command)

    def _entity(self, entity_id: int) -> Any:
        return next((e for e in self.reader.entities if e.id == entity_id), None)

    def _tag_selection(self, type_: str) -> None:
        span = self.reader.selected_offsets()
        if span is not None:
            self.tag_entity(span[0], span[1], type_)

    def tag_entity(self, start: int, end: int, type_: str) -> None:
        if self.article is not None and self.controller is not None:
            self._run(commands.AddEntity(self.controller, self.article.id, start, end, type_))

    def relabel_entity(self, entity_id: int, type_: str) -> None:
        entity = self._entity(entity_id)
        if entity is not None and self.article is not None and self.controller is not None:
            self._run(commands.relabel_entity(self.controller, entity, self.article.id, type_))

    def resize_entity(self, entity_id: int, start: int, end: int) -> None:
        entity = self._entity(entity_id)
        if entity is not None and self.article is not None and self.controller is not None and end > start:
            self._run(commands.resize_entity(self.controller, entity, self.article.id, start, end))

    def _resize_to_selection(self) -> None:
        span = self.reader.selected_offsets()
        entity = self.reader.entity_overlapping(*span) if span is not None else None
        if span is not None and entity is not None:
            self.resize_entity(entity.id, span[0], span[1])

    def accept_entity(self, entity_id: int) -> None:
        entity = self._entity(entity_id)
        if entity is not None and self.article is not None and self.controller is not None:
            self._run(commands.accept_entity(self.controller, entity, self.article.id))

    def delete_entity(self, entity_id: int) -> None:
        entity = self._entity(entity_id)
        if entity is not None and self.article is not None and self.controller is not None:
            self._run(commands.DeleteEntity(self.controller, entity, self.article.id))

    def link_entity(self, entity_id: int, canonical: str | None = None) -> None:
        entity = self._entity(entity_id)
        if entity is None or self.article is None or self.controller is None:
            return
        if canonical is None:
            canonical = self._ask_name(tr("Link to actor or place"), entity.canonical_name or entity.text)
        if canonical:
            kind = "place" if entity.type == "LOC" else "actor"
            self._run(commands.link_entity(self.controller, entity, self.article.id, canonical, kind))

    def _ask_name(self, title: str, initial: str) -> str | None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(tr("Name"))
        dialog.setTextValue(initial)
        line = dialog.findChild(QLineEdit)
        if line is not None:
            completer = QCompleter(self._completions, dialog)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            line.setCompleter(completer)
        if dialog.exec():
            return dialog.textValue().strip() or None
        return None

    def add_dictionary_entry(self, start: int, end: int, type_: str, name: str | None = None) -> None:
        if self.article is None or self.controller is None:
            return
        surface = self.article.text[start:end]
        self._run(
            commands.AddDictionaryEntry(self.controller, self.article.id, surface, type_, name or surface)
        )

    def edit_incident_field(self, incident_id: int, name: str, value: object) -> None:
        incident = next((i for i in self.incident_panel.incidents() if i.id == incident_id), None)
        if incident is not None and self.controller is not None:
            self._run(commands.set_incident_field(self.controller, incident, name, value))

    def set_incident_status(self, ids: list[int], status: str) -> None:
        incidents = [i for i in self.incident_panel.incidents() if i.id in ids]
        if incidents and self.controller is not None:
            self._run(commands.set_incident_status(self.controller, incidents, status))

    def _status_shortcut(self, status: str) -> None:
        self.set_incident_status(self.incident_panel.selected_ids(), status)

    def merge_incidents(self, keep_id: int, other_id: int) -> None:
        incidents = {i.id: i for i in self.incident_panel.incidents()}
        if keep_id in incidents and other_id in incidents and self.controller is not None:
            self._run(commands.MergeIncidents(self.controller, incidents[keep_id], incidents[other_id]))

    def split_incident(self, incident_id: int, at: int | None = None) -> None:
        incident = next((i for i in self.incident_panel.incidents() if i.id == incident_id), None)
        if incident is None or self.controller is None:
            return
        if incident.evidence is None:
            self.show_error(tr("This incident has no evidence span to split."))
            return
        if at is None:
            cursor = self.reader.position_map.to_offset(self.reader.textCursor().position())
            start, end = incident.evidence
            at = cursor if start < cursor < end else _middle_space(self.reader.text, start, end)
        self._run(commands.SplitIncident(self.controller, incident, at))

    def create_incident_from_selection(self) -> None:
        span = self.reader.selected_offsets()
        if span is None:
            self.show_error(tr("Select the sentence that reports the incident first."))
            return
        self.create_incident(*span)

    def create_incident(self, start: int, end: int) -> None:
        if self.article is not None and self.controller is not None:
            fields: dict[str, Any] = {"date": self.article.date or None}
            self._run(commands.CreateIncident(self.controller, self.article.id, fields, (start, end)))

    def _commit_tags(self) -> None:
        if self.article is None or self.controller is None:
            return
        new = sorted({t.strip() for t in self.tags_edit.text().replace("،", ",").split(",") if t.strip()})
        old = list(self.article.tags)
        if new != sorted(old):
            self._run(commands.set_tags(self.controller, self.article.id, old, new))
            self._fill_tag_filter()

    def _commit_note(self) -> None:
        if self.article is None or self.controller is None:
            return
        new = self.note_edit.text()
        if new != self.article.note:
            self._run(commands.set_note(self.controller, self.article.id, self.article.note, new))

    def undo(self) -> None:
        if self.controller is not None:
            self.controller.undo_stack.undo()

    def redo(self) -> None:
        if self.controller is not None:
            self.controller.undo_stack.redo()

    # --- messages ------------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """One clear sentence in a message box (never a traceback)."""
        self.last_error = message
        if getattr(self, "quiet_errors", False):
            self.statusBar().showMessage(message, 10000)
            return
        QMessageBox.warning(self, tr("Rasid"), message)

    def _choose_language(self, code: str) -> None:
        self.settings.language = code
        settings_mod.save(self.settings)
        QMessageBox.information(self, tr("Rasid"), tr("The new language applies the next time Rasid starts."))


def _middle_space(text: str, start: int, end: int) -> int:
    """A word boundary near the middle of [start, end), for splitting without a cursor."""
    mid = (start + end) // 2
    for delta in range(0, (end - start) // 2):
        for at in (mid + delta, mid - delta):
            if start < at < end and text[at].isspace():
                return at
    return mid
