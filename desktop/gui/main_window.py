"""The main window: article list (left), reader (centre), incident panel (right), tabs, status bar.

The window is composed, not inherited: an `ArticlePane`, the reader and the `IncidentPanel` in
the reading tab, the project-wide views in `ProjectTabs`, background work in a `TaskRunner`, every
read of the project on a `ReadExecutor` (off the GUI thread), every edit through the `Controller`
as an undoable command. The parts talk by signals; the window holds no SQL and no NLP.

With an Arabic interface the application's layout direction is right-to-left, so Qt mirrors the
whole arrangement (list on the right, incidents on the left) without any code here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import settings as settings_mod
from desktop.errors import ProjectLockedError, ProjectReadOnlyError, RasidError
from desktop.gui import commands
from desktop.gui.article_model import ArticleListModel
from desktop.gui.article_pane import ArticlePane
from desktop.gui.controller import Controller
from desktop.gui.file_dialogs import file_dialog
from desktop.gui.file_drop import FileDrops
from desktop.gui.i18n import is_arabic, language, tr
from desktop.gui.import_report import ImportReportDialog, import_filter, summary_line
from desktop.gui.incident_panel import IncidentPanel
from desktop.gui.learning import ask_to_use, train_job
from desktop.gui.operations import (
    ProjectOps,
    create_project,
    gazetteer_names_loaded,
    load_gazetteer_names,
    open_project,
)
from desktop.gui.place_chooser import CorrectionFlow, corrected_fields
from desktop.gui.plain import PlainLabel, message_box
from desktop.gui.project_tabs import ProjectTabs
from desktop.gui.qt import (
    QAction,
    QActionGroup,
    QByteArray,
    QCloseEvent,
    QCompleter,
    QDialog,
    QFileDialog,
    QInputDialog,
    QKeySequence,
    QLineEdit,
    QMainWindow,
    QMenuBar,
    QMessageBox,
    QShortcut,
    QSplitter,
    QStatusBar,
    Qt,
    QTimer,
    QWidget,
)
from desktop.gui.reader_pane import ReaderPane
from desktop.gui.reads import ReadExecutor, settle
from desktop.gui.task_runner import TaskRunner
from desktop.gui.theme import EVIDENCE_COLOUR, FIELD_EVIDENCE_COLOUR, type_label
from desktop.gui.views import ArticleView, EntityView, ImportSummary, IncidentView
from desktop.gui.workers import BackgroundTask, ProgressFn
from desktop.learning.train import TrainResult
from desktop.settings import Settings

if TYPE_CHECKING:
    from desktop.document import Document
    from desktop.gui.dashboard import Dashboard
    from desktop.gui.export_dialog import ExportDialog
    from desktop.store.project import Project
    from desktop.store.views import NameGroup

log = logging.getLogger(__name__)

TAG_SHORTCUTS = {
    "PER": "Ctrl+1",
    "ORG": "Ctrl+2",
    "LOC": "Ctrl+3",
    "WEAPON": "Ctrl+4",
    "DATE": "Ctrl+5",
    "NUM": "Ctrl+6",
    "MISC": "Ctrl+7",
    "ACTOR": "Ctrl+8",
}


@dataclass(frozen=True, slots=True)
class LoadedArticle:
    """What the reader shows of one article, read in one go on the read executor."""

    article: ArticleView
    entities: list[EntityView]
    incidents: list[IncidentView]
    reviewed: bool = False  # marked reviewed: its annotations are training data
    matches: tuple[tuple[int, int], ...] = ()  # where the list's search matched it (code points)


def load_article(ops: ProjectOps, article_id: int, query: str = "") -> LoadedArticle:
    """On the reader's thread: an article with its entities, incidents and `query`'s matches."""
    article = ops.article(article_id)
    return LoadedArticle(
        article,
        ops.entities(article_id),
        ops.incidents(article_id),
        ops.project.reviews.is_reviewed(article_id),
        tuple(ops.search_matches(article.text, query)),
    )


def project_lists(ops: ProjectOps) -> tuple[list[str], list[str]]:
    """On the reader's thread: the project's tags and its names for completion."""
    return ops.all_tags(), ops.completions(wait=False)


class MainWindow(QMainWindow):
    """Rasid's one window. Holds no SQL: reads go through `ReadExecutor`, edits through `Controller`."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.ops: ProjectOps | None = None
        self.controller: Controller | None = None
        self.reads: ReadExecutor | None = None
        self.article: ArticleView | None = None
        self.quiet_errors = False  # errors go to the status bar instead of a dialog (tests, screenshots)
        self.last_error = ""
        self.last_import: ImportSummary | None = None
        self.read_only_offer: QMessageBox | None = None
        self._completions: list[str] = []
        self._incident_to_select: int | None = None  # after the article loads (open from the table)
        self._names_timer = QTimer(self)  # polls for the gazetteer names loading on a thread
        self._names_timer.setInterval(250)
        self._names_timer.timeout.connect(self._names_ready)
        self.setWindowTitle(tr("Rasid"))
        self.resize(1400, 860)
        self._build()
        self._build_actions()
        self.drops = FileDrops(self, lambda: self.import_action.isEnabled() and not self.runner.running)
        self.drops.dropped.connect(self.start_import)
        self._restore_layout()
        self._set_project_widgets_enabled(False)
        self._undo_state_changed()

    # --- construction --------------------------------------------------------------------------

    def _build(self) -> None:
        self.article_pane = ArticlePane(self.settings.article_page_size)
        self.article_pane.articleChosen.connect(self.show_article)
        self.article_pane.listLoaded.connect(self._list_loaded)
        self.search_box = self.article_pane.search_box
        self.tag_filter = self.article_pane.tag_filter
        self.article_view = self.article_pane.view

        centre = self.reader_pane = ReaderPane(self.settings)
        centre.guide.importRequested.connect(self.import_dialog)
        self.reader, self.legend = centre.reader, centre.legend
        self.article_title, self.article_meta = centre.title, centre.meta
        self.tags_edit, self.note_edit = centre.tags_edit, centre.note_edit
        self.tags_edit.editingFinished.connect(self._commit_tags)
        self.note_edit.editingFinished.connect(self._commit_note)

        self.incident_panel = IncidentPanel()
        self.corrections = CorrectionFlow(self, self._run, self._tell, self._reload_incident_editor)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.article_pane)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.incident_panel)
        self.splitter.setSizes([560, 500, 380])  # the article list needs room for its titles
        self.splitter.setStretchFactor(1, 1)

        self.tabs = ProjectTabs(self.splitter, self.settings.article_page_size, is_arabic())
        self.incidents_view = self.tabs.incidents_view
        self.names_view = self.tabs.names_view
        self.setCentralWidget(self.tabs)

        self.status_label = PlainLabel(tr("No project open"))
        if is_arabic():  # on the right even when the text starts with a Latin file name
            self.status_label.setAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
            )
        self.statusBar().addWidget(self.status_label, 1)
        self.runner = TaskRunner(self.statusBar(), self.status_label, self)
        self.runner.ended.connect(self._task_ended)
        self.runner.succeeded.connect(self._on_import_done)
        self.runner.failed.connect(self._on_task_failed)
        self.runner.refused.connect(self.show_error)
        self._connect_requests()

    def _connect_requests(self) -> None:
        """The widgets' requests, each to the edit or view it asks for."""
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
        p.deleteRequested.connect(self.delete_incidents)
        t = self.tabs
        t.incidentStatusRequested.connect(self.set_incidents_status)
        t.exportRequested.connect(self.export_dialog)
        t.incidentOpenRequested.connect(self.open_incident)
        t.renameRequested.connect(self.rename_name)
        t.mergeNamesRequested.connect(self.merge_names)
        t.actorTypeRequested.connect(self.set_actor_type)

    def _action(
        self, text: str, slot: Callable[[], object], shortcut: str | QKeySequence.StandardKey | None = None
    ) -> QAction:
        action = QAction(tr(text), self)
        action.setIconText(tr(text))  # its stable name (Help → Keyboard shortcuts), whatever its text
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
        self.reextract_action = self._action("Re-extract all articles…", self.reextract)
        self.export_action = self._action("Export…", self.export_dialog, "Ctrl+Shift+E")
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()  # not right below Import: it rewrites the machine's work everywhere
        file_menu.addAction(self.reextract_action)
        self.learn_action = self._action("Learn from my reviewed articles…", self.learn)
        file_menu.addAction(self.learn_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("Close project", self.close_project, "Ctrl+W"))
        file_menu.addAction(self._action("Quit", self.close, QKeySequence.StandardKey.Quit))

        edit_menu = bar.addMenu(tr("&Edit"))
        self.review_action = self._action("Mark article reviewed", self.toggle_reviewed, "Ctrl+Shift+R")
        self.review_action.setCheckable(True)
        edit_menu.addAction(self.review_action)
        self.undo_action = self._action("Undo", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("Redo", self.redo, QKeySequence.StandardKey.Redo)
        # Ctrl+Y and Ctrl+Shift+Z on every platform (the standard key is only one of them on X11)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        tag_menu = edit_menu.addMenu(tr("Tag selection as"))
        for t, key in TAG_SHORTCUTS.items():
            tag_menu.addAction(self._action(type_label(t), partial(self._tag_selection, t), key))
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
        # No shortcut here: Delete deletes in the incident list only (a text field keeps its Delete).
        edit_menu.addAction(
            self._action("Delete incident", lambda: self.delete_incidents(self.incident_panel.selected_ids()))
        )
        edit_menu.addAction(
            self._action("Find", self.article_pane.focus_search, QKeySequence.StandardKey.Find)
        )

        view_menu = bar.addMenu(tr("&View"))
        for i, label in enumerate(("Articles", "Incidents", "Actors and places", "Dashboard")):
            view_menu.addAction(self._action(label, partial(self.tabs.setCurrentIndex, i), f"Alt+{i + 1}"))
        view_menu.addSeparator()
        view_menu.addAction(self._action("Zoom in", self.reader.zoom_in, "Ctrl+="))
        self._zoom_shortcut = QShortcut(QKeySequence("Ctrl++"), self, self.reader.zoom_in)
        self._zoom_shortcut.setWhatsThis(tr("Zoom in"))  # listed with Zoom in by Help → Keyboard shortcuts
        view_menu.addAction(self._action("Zoom out", self.reader.zoom_out, "Ctrl+-"))
        view_menu.addAction(self._action("Next article", lambda: self.article_pane.step(1), "Ctrl+PgDown"))
        view_menu.addAction(self._action("Previous article", lambda: self.article_pane.step(-1), "Ctrl+PgUp"))
        view_menu.addSeparator()
        self.last_report_action = self._action("Last import report", self.show_import_report)
        self.last_report_action.setEnabled(False)
        view_menu.addAction(self.last_report_action)
        lang_menu = view_menu.addMenu(tr("Interface language"))
        group = self._language_group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("ar", "العربية"), ("en", "English")):
            action = QAction(label, group)
            action.setCheckable(True)
            action.setChecked(code == language())
            action.triggered.connect(lambda _=False, c=code: self.set_interface_language(c))
            group.addAction(action)
            lang_menu.addAction(action)
            self.language_actions[code] = action
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self._action("Keyboard shortcuts", partial(self.show_help, "shortcuts"), "F1"))
        help_menu.addAction(self._action("Search syntax", partial(self.show_help, "search")))
        help_menu.addSeparator()
        help_menu.addAction(self._action("About Rasid", partial(self.show_help, "about")))

    def _set_project_widgets_enabled(self, enabled: bool) -> None:
        for w in (self.article_pane, self.tags_edit, self.note_edit, self.incident_panel):
            w.setEnabled(enabled)
        for action in (self.import_action, self.reextract_action, self.export_action):
            action.setEnabled(enabled)

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.stop_and_wait()  # the job's thread must end before Qt objects go away
        self.save_layout()
        self.close_project()
        super().closeEvent(event)

    # --- projects ------------------------------------------------------------------------------

    @property
    def article_model(self) -> ArticleListModel:
        return self.article_pane.model

    @property
    def task(self) -> BackgroundTask | None:
        return self.runner.task

    @property
    def dashboard(self) -> Dashboard | None:
        return self.tabs.dashboard

    @property
    def dashboard_holder(self) -> QWidget:
        return self.tabs.dashboard_holder

    def open_project(self, path: str | Path, create: bool = False, read_only: bool = False) -> bool:
        """Open (or create) a project; a problem becomes a message, and the old project stays open.
        A project open in another window or process is offered read-only (`read_only_offer`)."""
        try:
            ops = create_project(path) if create else open_project(path, read_only)
            reads = ReadExecutor(ops, self)
        except ProjectLockedError:
            self.offer_read_only(Path(path))
            return False
        except ProjectReadOnlyError as exc:  # a read-only file, folder or medium: read it as it is
            if create or read_only:
                self.show_error(str(exc))
                return False
            opened = self.open_project(path, read_only=True)
            if opened:
                self.statusBar().showMessage(
                    tr("{name} cannot be written here; it is open read-only.").format(name=Path(path).name),
                    15000,
                )
            return opened
        except RasidError as exc:
            self.show_error(str(exc))
            return False
        self.close_project()
        self.ops, self.reads = ops, reads
        reads.failed.connect(self._on_read_failed)
        self.controller = Controller(ops, self)
        self.controller.articleChanged.connect(self._on_article_changed)
        self.controller.projectChanged.connect(self._on_project_changed)
        self.controller.failed.connect(self.show_error)
        stack = self.controller.undo_stack
        stack.indexChanged.connect(self._undo_state_changed)  # all disconnected by close_project
        stack.cleanChanged.connect(self._undo_state_changed)
        self.settings.add_recent(ops.path)
        settings_mod.save(self.settings)
        self._attach_project()
        if not gazetteer_names_loaded():
            # the bundled names load off the start-up path; completion gets them when ready
            threading.Thread(target=load_gazetteer_names, name="gazetteer-names", daemon=True).start()
            self._names_timer.start()
        return True

    def _attach_project(self, article_id: int | None = None, tab: int = 0) -> None:
        """Show the open project in the window's widgets (after opening it, or after the widgets were
        built again in another language): title, lists, views, undo actions; `article_id` is shown."""
        ops, reads = self.ops, self.reads
        assert ops is not None and reads is not None
        suffix = f" {tr('(read-only)')}" if ops.read_only else ""
        self.setWindowTitle(f"{ops.name}{suffix} — {tr('Rasid')}")
        self._set_project_widgets_enabled(True)
        for action in (self.import_action, self.reextract_action, self.export_action):
            action.setEnabled(not ops.read_only)
        self._undo_state_changed()
        self.article_pane.set_reads(reads, choose=article_id)
        self.tabs.set_reads(reads)
        self.tabs.setCurrentIndex(tab)
        self._read_project_lists()

    def offer_read_only(self, path: Path) -> QMessageBox:
        """The project is open elsewhere: say so, and offer to open it read-only (not modal)."""
        box = QMessageBox(self)
        box.setObjectName("readOnlyOffer")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Rasid"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            tr(
                "{name} is already open in another Rasid window or process. Close it there, or open it "
                "read-only here to read and search it without changing it."
            ).format(name=path.name)
        )
        read_only = box.addButton(tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole))
        box.buttonClicked.connect(
            lambda button: self.open_project(path, read_only=True) if button is read_only else None
        )
        box.finished.connect(lambda _r: box.deleteLater())
        self.last_error = box.text()
        self.read_only_offer = box
        box.open()
        return box

    def close_project(self) -> None:
        if self.ops is None:
            return
        ops, reads, controller = self.ops, self.reads, self.controller
        self.ops, self.reads, self.controller, self.article = None, None, None, None
        if controller is not None:  # its stack outlives the actions when the window is destroyed
            controller.undo_stack.indexChanged.disconnect(self._undo_state_changed)
            controller.undo_stack.cleanChanged.disconnect(self._undo_state_changed)
        self._undo_state_changed()
        self.article_pane.set_reads(None)
        self.tabs.set_reads(None)
        self.reader.clear_article()
        self.reader_pane.show_guide(False)
        self.incident_panel.set_incidents([])
        self.article_title.clear()
        self.article_meta.clear()
        self._set_project_widgets_enabled(False)
        self.status_label.setText(tr("No project open"))
        self.setWindowTitle(tr("Rasid"))
        if reads is not None:
            reads.close()
        try:
            ops.close()
        except RasidError as exc:
            self.show_error(str(exc))

    def wait_for_reads(self, timeout: float = 10.0) -> bool:
        """Let every pending read arrive, and those they start (tests, benchmarks, screenshots)."""
        return settle(timeout)

    def new_project_dialog(self) -> QFileDialog:
        """File → New project: Qt's file dialog (window-modal); the project is created on Save."""
        dialog = file_dialog(
            self, tr("New project"), tr("Rasid projects (*.rasid)"), save=True, default_suffix="rasid"
        )
        dialog.fileSelected.connect(lambda path: self.open_project(path, create=True))
        dialog.open()
        return dialog

    def open_project_dialog(self) -> QFileDialog:
        """File → Open project: Qt's file dialog (window-modal); the project opens on Open."""
        dialog = file_dialog(self, tr("Open project"), tr("Rasid projects (*.rasid)"))
        dialog.fileSelected.connect(self.open_project)
        dialog.open()
        return dialog

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_projects:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if not self.settings.recent_projects:
            self.recent_menu.addAction(tr("(none)")).setEnabled(False)

    # --- views ---------------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self.article_pane.apply_filter()

    def _list_loaded(self, total: int) -> None:
        """A new list is in: its count, and the import guide in place of the reader for a project
        without any article (not for a search that finds nothing)."""
        self._update_count()
        empty = self.ops is not None and total == 0 and self.article_model.article_filter.empty
        self.reader_pane.show_guide(empty)
        self.reader_pane.guide.import_button.setEnabled(self.import_action.isEnabled())

    def _update_count(self) -> None:
        if self.ops is not None:
            self.status_label.setText(
                f"{self.ops.name} — {tr('{n} articles').format(n=self.article_model.total)}"
            )

    def select_article(self, article_id: int) -> None:
        """Show an article: its row when the list has it loaded, else the article alone."""
        if not self.article_pane.select_article(article_id):
            self.show_article(article_id)

    def show_view(self, view: QWidget) -> None:
        self.tabs.setCurrentWidget(view)

    def show_view_named(self, name: str) -> None:
        """Show a tab by name: `articles`, `incidents`, `names` or `dashboard`."""
        self.tabs.show_view_named(name)

    def open_incident(self, article_id: int, incident_id: int) -> None:
        """Open an article in the reader with one incident selected and its evidence shown."""
        self.tabs.setCurrentWidget(self.splitter)
        self._incident_to_select = incident_id
        self.select_article(article_id)

    def _read_project_lists(self) -> None:
        if self.reads is not None:
            self.reads.submit(project_lists, self._project_lists_loaded, key="project-lists")

    def _project_lists_loaded(self, lists: tuple[list[str], list[str]]) -> None:
        tags, names = lists
        self.article_pane.set_tags(tags)
        self._set_completions(names)

    def _on_read_failed(self, message: str, is_bug: bool) -> None:
        if is_bug:
            from desktop.gui.crash import show_bug

            show_bug(RuntimeError(message), None)
        else:
            self.show_error(message)

    # --- reader --------------------------------------------------------------------------------

    def show_article(self, article_id: int) -> None:
        """Read the article, its entities and incidents off the GUI thread, then show them."""
        if self.reads is not None:
            query = self.article_model.article_filter.query  # the search the list shows, if any
            self.reads.submit(
                lambda ops: load_article(ops, article_id, query), self._article_loaded, key="article"
            )

    def _article_loaded(self, loaded: LoadedArticle) -> None:
        if self.ops is None:
            return
        article, incidents = loaded.article, loaded.incidents
        same = self.article is not None and self.article.id == article.id
        self.article = article
        self.review_action.setChecked(loaded.reviewed)
        self.article_title.setText(article.title)
        self.article_meta.setText(
            " · ".join(x for x in (article.date, article.source, article.external_id) if x)
        )
        if same:  # a refresh after an edit: keep the reading position and the selected incident
            scroll = self.reader.verticalScrollBar().value()
            self.reader.set_entities(loaded.entities)
            self.incident_panel.set_incidents(incidents, article_date=article.date)
            self.reader.verticalScrollBar().setValue(scroll)
        else:
            self.reader.set_article(article.text, loaded.entities)
            self.incident_panel.set_incidents(incidents, keep_selection=False, article_date=article.date)
            if incidents:
                self.incident_panel.select_incident(incidents[0].id)
        wanted, self._incident_to_select = self._incident_to_select, None
        if wanted is not None and any(i.id == wanted for i in incidents):
            self.incident_panel.select_incident(wanted)
            self._show_incident_evidence(self.incident_panel.current())
        self.reader.set_search_matches(list(loaded.matches), scroll=not same and wanted is None)
        self.tags_edit.setText(", ".join(article.tags))
        self.note_edit.setText(article.note)

    def _on_article_changed(self, article_id: int) -> None:
        if self.ops is None:
            return
        self.tabs.mark_stale()
        self.article_model.refresh_article(article_id)
        self._read_project_lists()  # a tag may be new
        if self.article is not None and self.article.id == article_id:
            self.show_article(article_id)

    def _on_project_changed(self) -> None:
        if self.ops is not None:
            self.tabs.mark_stale()
            self._read_project_lists()

    def _show_incident_evidence(self, incident: IncidentView | None) -> None:
        if incident is None or incident.evidence is None:
            self.reader.show_evidence([], scroll=False)
            return
        self.reader.show_evidence([(incident.evidence[0], incident.evidence[1], EVIDENCE_COLOUR)])

    def _show_field_evidence(self, incident_id: int, name: str) -> None:
        incident = self._incident(incident_id)
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
            self._read_project_lists()

    # --- background work -----------------------------------------------------------------------

    def import_dialog(self) -> QFileDialog:
        """File → Import articles: Qt's file dialog (window-modal); the import starts on Open."""
        dialog = file_dialog(self, tr("Import articles"), import_filter(), many=True)
        dialog.filesSelected.connect(self.start_import)
        dialog.open()
        return dialog

    def start_import(
        self, paths: list[str], extractor: Callable[[Document], Document] | None = None, jobs: int = 0
    ) -> BackgroundTask | None:
        """Import in the background; `jobs` worker processes (0: ingest decides by batch size)."""
        ops = self.ops
        if ops is None:
            return None

        def job(progress: ProgressFn, cancel: threading.Event) -> ImportSummary:
            return ops.import_paths(paths, progress, cancel, extractor, jobs)

        return self.runner.start(job, tr("Importing…"))

    def reextract(self, extractor: Callable[[Document], Document] | None = None) -> QMessageBox | None:
        """File → Re-extract: ask first, saying what is kept; the run starts only on Re-extract."""
        if self.ops is None:
            return None
        box = QMessageBox(self)
        box.setObjectName("reextractConfirmation")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Re-extract all articles"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            tr("Run the current extraction again on all {n} articles?").format(n=self.article_model.total)
        )
        box.setInformativeText(
            tr(
                "Kept: every entity and incident you accepted, edited, rejected or created, every field "
                "value you set, tags, notes and the project dictionary. No machine entity is added where "
                "you decided one. Replaced: the machine's entities and incidents that nobody reviewed."
            )
        )
        run = box.addButton(tr("Re-extract"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole))
        box.buttonClicked.connect(lambda button: self._start_reextract(extractor) if button is run else None)
        box.finished.connect(lambda _r: box.deleteLater())
        box.open()
        return box

    def _start_reextract(self, extractor: Callable[[Document], Document] | None) -> BackgroundTask | None:
        ops = self.ops
        if ops is None:
            return None
        return self.runner.start(
            lambda progress, cancel: ops.reextract(progress, cancel, extractor), tr("Extracting…")
        )

    def learn(self) -> BackgroundTask | None:
        """File → Learn from my reviewed articles: train the project's models in the background."""
        ops = self.ops
        if ops is None:
            return None
        return self.runner.start(lambda progress, cancel: train_job(ops, progress, cancel), tr("Learning…"))

    def toggle_reviewed(self) -> None:
        """Edit → Mark article reviewed: the shown article is training data (or no longer)."""
        if self.ops is None or self.article is None:
            return
        reviewed = self.review_action.isChecked()  # a checkable action: toggled before this slot
        self.ops.project.reviews.mark([self.article.id], reviewed)
        self.review_action.setChecked(reviewed)
        self.statusBar().showMessage(
            tr("Marked reviewed: its annotations teach the project's models.")
            if reviewed
            else tr("No longer reviewed."),
            5000,
        )

    def cancel_task(self) -> None:
        self.runner.cancel()

    def _task_ended(self) -> None:
        if self.ops is not None:
            self.article_pane.reload()
            self._on_project_changed()

    def _on_import_done(self, summary: ImportSummary | TrainResult) -> None:
        if isinstance(summary, TrainResult):
            if self.ops is not None:
                ask_to_use(self, self.ops.project, summary)
            return
        text = summary_line(summary)
        self.statusBar().showMessage(text, 10000)
        if not summary.files:  # a re-extraction
            return
        self.last_import = summary
        self.last_report_action.setEnabled(True)
        if summary.failed or summary.skipped:  # every file with its reasons, so the analyst can fix them
            self.last_error = "\n".join([text, *summary.messages])
            self.show_import_report()

    def show_help(self, topic: str) -> QDialog:
        """Help → Keyboard shortcuts, Search syntax or About Rasid (`shortcuts`, `search`, `about`)."""
        from desktop.gui.help_dialogs import help_dialog

        dialog = help_dialog(topic, self)
        dialog.open()
        return dialog

    def show_import_report(self) -> ImportReportDialog | None:
        """View → Last import report: every file of the last import with its outcome and reasons."""
        if self.last_import is None:
            return None
        dialog = ImportReportDialog(self.last_import, self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def _on_task_failed(self, message: str, is_bug: bool) -> None:
        self._on_read_failed(message, is_bug)

    def export_dialog(
        self, article_ids: list[int] | None = None, incident_ids: list[int] | None = None
    ) -> ExportDialog | None:
        """File → Export… (or the incidents table's selection): the export runs on a writable worker
        connection of its own, so the ACLED event ids it assigns are stored in the project."""
        if self.ops is None:
            return None
        from desktop.gui.export_dialog import ExportDialog

        try:
            project = self.ops.worker_project()
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

    def _release_export(self, dialog: ExportDialog, project: Project) -> None:
        """Close the export's connection once its thread is done (it may outlive a cancelled dialog)."""
        task = dialog.task
        if task is not None and task.running:
            task.finished.connect(lambda _r: self._release_export(dialog, project))
            task.failed.connect(lambda _m, _b: self._release_export(dialog, project))
            return
        project.close()
        dialog.deleteLater()

    # --- analyst edits -------------------------------------------------------------------------

    def _run(self, command: commands.EditCommand) -> bool:
        if self.controller is None:
            return False
        if self.ops is not None and self.ops.read_only:
            self.show_error(tr("This project is open read-only: reopen it for writing to change it."))
            return False
        if self.runner.running:
            self.show_error(tr("Wait for the background task to finish before editing."))
            return False
        return self.controller.execute(command)

    def _entity(self, entity_id: int) -> EntityView | None:
        return next((e for e in self.reader.entities if e.id == entity_id), None)

    def _incident(self, incident_id: int) -> IncidentView | None:
        return next((i for i in self.incident_panel.incidents() if i.id == incident_id), None)

    def _tag_selection(self, type_: str) -> None:
        span = self.reader.selected_offsets()
        if span is not None:
            self.tag_entity(span[0], span[1], type_)

    def tag_entity(self, start: int, end: int, type_: str) -> None:
        if self.article is not None and self.controller is not None:
            surface = self.article.text[start:end]
            self._run(commands.AddEntity(self.controller, self.article.id, start, end, type_, surface))

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

    def name_completer(self, parent: QWidget) -> QCompleter:
        """Completion over the project's and the bundled gazetteers' actor and place names."""
        completer = QCompleter(self._completions, parent)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        return completer

    def _ask_name(self, title: str, initial: str) -> str | None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(tr("Name"))
        dialog.setTextValue(initial)
        line = dialog.findChild(QLineEdit)
        if line is not None:
            line.setCompleter(self.name_completer(dialog))
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
        """One field edit; a place or actor is looked up first and written with its links."""
        incident = self._incident(incident_id)
        if incident is None or self.controller is None:
            return
        if name in corrected_fields() and self.reads is not None:
            self.corrections.edit(self.reads, self.controller, incident, name, value)
        else:
            self._run(commands.set_incident_field(self.controller, incident, name, value))

    def _tell(self, message: str) -> None:
        """Information the analyst should read (a dialog; the status bar in quiet mode)."""
        self.last_error = message
        if self.quiet_errors:
            self.statusBar().showMessage(message, 15000)
        else:
            message_box(self, QMessageBox.Icon.Information, tr("Rasid"), message)

    def _reload_incident_editor(self) -> None:
        """Put the selected incident's stored values back in the editor (a cancelled correction)."""
        self.incident_panel.editor.set_incident(self.incident_panel.current())

    def set_incident_status(self, ids: list[int], status: str) -> None:
        incidents = [i for i in self.incident_panel.incidents() if i.id in ids]
        if incidents and self.controller is not None:
            self._run(commands.set_incident_status(self.controller, incidents, status))

    def set_incidents_status(self, incidents: list[IncidentView], status: str) -> None:
        """Accept or reject incidents of any articles (the incidents table) as one undoable step."""
        if incidents and self.controller is not None:
            self._run(commands.set_incident_status(self.controller, incidents, status))

    def _status_shortcut(self, status: str) -> None:
        self.set_incident_status(self.incident_panel.selected_ids(), status)

    def merge_incidents(self, keep_id: int, other_id: int) -> None:
        keep, other = self._incident(keep_id), self._incident(other_id)
        if keep is not None and other is not None and self.controller is not None:
            self._run(commands.MergeIncidents(self.controller, keep, other))

    def split_incident(self, incident_id: int, at: int | None = None) -> None:
        incident = self._incident(incident_id)
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
        """A new incident over the selection, pending review and selected in the panel. It sets no date:
        it takes the article's, shown as such, until the analyst types one."""
        if self.article is not None and self.controller is not None:
            command = commands.CreateIncident(self.controller, self.article.id, {}, (start, end))
            if self._run(command):
                self._incident_to_select = command.handle  # selected once the article reloads

    def delete_incidents(self, ids: list[int]) -> None:
        """Delete the panel's incidents `ids` as one undoable step (Ctrl+Z restores them)."""
        incidents = [i for i in self.incident_panel.incidents() if i.id in ids]
        if not incidents or self.controller is None:
            return
        if self._run(commands.DeleteIncidents(self.controller, incidents)):
            machine = any(i.origin == "auto" for i in incidents)
            self.statusBar().showMessage(
                tr("Deleted; the machine's incidents are kept as rejected. Undo (Ctrl+Z) restores them.")
                if machine
                else tr("Deleted. Undo (Ctrl+Z) restores it."),
                10000,
            )

    def rename_name(self, group: NameGroup, name: str) -> None:
        if self.controller is not None:
            self._run(commands.rename_name(self.controller, group, name))

    def merge_names(self, keep: NameGroup, other: NameGroup) -> None:
        if self.controller is not None:
            self._run(commands.merge_names(self.controller, keep, other))

    def set_actor_type(self, group: NameGroup, inter: int | None) -> None:
        if self.controller is not None:
            self._run(commands.set_actor_type(self.controller, group, inter))

    def _commit_tags(self) -> None:
        if self.article is None or self.controller is None:
            return
        new = sorted({t.strip() for t in self.tags_edit.text().replace("،", ",").split(",") if t.strip()})
        old = list(self.article.tags)
        if new != sorted(old):
            self._run(commands.set_tags(self.controller, self.article.id, old, new))

    def _commit_note(self) -> None:
        if self.article is None or self.controller is None:
            return
        new = self.note_edit.text()
        if new != self.article.note:
            self._run(commands.set_note(self.controller, self.article.id, self.article.note, new))

    def _undo_state_changed(self, *_args: object) -> None:
        """Edit → Undo/Redo: enabled when there is a step, and saying what it is ("Undo: Relabel داعش
        as ORG", the command's text); plain Undo/Redo without a project or a step."""
        stack = self.controller.undo_stack if self.controller is not None else None
        undo = stack.undoText() if stack is not None and stack.canUndo() else ""
        redo = stack.redoText() if stack is not None and stack.canRedo() else ""
        self.undo_action.setEnabled(bool(stack is not None and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack is not None and stack.canRedo()))
        self.undo_action.setText(tr("Undo: {what}").format(what=undo) if undo else tr("Undo"))
        self.redo_action.setText(tr("Redo: {what}").format(what=redo) if redo else tr("Redo"))

    def undo(self) -> None:
        """Undo the last edit; a failure is shown and the undo stack stays as it was."""
        if self.controller is not None:
            self.controller.undo()

    def redo(self) -> None:
        if self.controller is not None:
            self.controller.redo()

    # --- messages ------------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """One clear sentence in a message box (never a traceback)."""
        self.last_error = message
        if self.quiet_errors:
            self.statusBar().showMessage(message, 10000)
            return
        message_box(self, QMessageBox.Icon.Warning, tr("Rasid"), message)

    def set_interface_language(self, code: str) -> bool:
        """View → Interface language: the choice is saved and applies at once. Qt's own strings, the
        layout direction (mirrored for Arabic) and the font change application-wide; the window's
        menus and panes are built again in the new language, with the same project, article, tab,
        layout and undo history. Refused (False) while a background task runs."""
        if code == language():
            self.language_actions[code].setChecked(True)
            return True
        if self.runner.running:
            self.language_actions[language()].setChecked(True)
            self.show_error(tr("Wait for the background task to finish before changing the language."))
            return False
        from desktop.gui.app import make_application

        self.settings.language = code
        self.wait_for_reads(5.0)  # nothing read for the widgets about to go is delivered to them
        self.save_layout()  # splitter, hidden entity types, zoom: the new widgets take them
        article_id = self.article.id if self.article is not None else None
        tab = self.tabs.currentIndex()
        selected = self.incident_panel.selected_ids()
        self.article_pane.set_reads(None)
        self.tabs.set_reads(None)
        make_application(code)
        if self.controller is not None:
            self.controller.retranslate()
        self._rebuild()
        if self.ops is not None:
            self._incident_to_select = selected[0] if selected else None
            self._attach_project(article_id, tab)
        return True

    def _rebuild(self) -> None:
        """Build the menus, panes and status bar again (in the current interface language)."""
        self.runner.deleteLater()
        for action in self.actions():
            self.removeAction(action)
            action.deleteLater()
        self._zoom_shortcut.deleteLater()
        self._language_group.deleteLater()
        self.setMenuBar(QMenuBar(self))
        self.setStatusBar(QStatusBar(self))
        self.article = None
        self._build()  # a new central widget: Qt deletes the old one
        self._build_actions()
        if self.settings.splitter_state:
            self.splitter.restoreState(QByteArray.fromBase64(self.settings.splitter_state.encode()))
        self.last_report_action.setEnabled(self.last_import is not None)
        self.setWindowTitle(tr("Rasid"))
        self._set_project_widgets_enabled(False)
        self._undo_state_changed()


def _middle_space(text: str, start: int, end: int) -> int:
    """A word boundary near the middle of [start, end), for splitting without a cursor."""
    mid = (start + end) // 2
    for delta in range(0, (end - start) // 2):
        for at in (mid + delta, mid - delta):
            if start < at < end and text[at].isspace():
                return at
    return mid
