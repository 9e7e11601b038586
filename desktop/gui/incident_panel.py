"""The incident panel: the article's incidents in a list, and an editor with every ACLED field.

The panel only emits requests (edit a field, accept, reject, merge, split, create); the main window
turns them into undoable commands. Focusing a field asks the reader to show that field's evidence.
"""

from __future__ import annotations

from typing import Any

from desktop import acled
from desktop.gui.i18n import is_arabic, tr
from desktop.gui.plain import PlainLabel, plain_tooltip
from desktop.gui.qt import (
    QAbstractItemView,
    QColor,
    QComboBox,
    QCompleter,
    QDoubleValidator,
    QEvent,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QIntValidator,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStringListModel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.gui.selection import select_row, select_rows
from desktop.gui.theme import STATUS_COLOURS
from desktop.gui.views import IncidentView
from desktop.records import incident_date

LIST_COLUMNS = ("Type", "Date", "Place", "Killed", "Wounded", "Status")
COMPLETED_FIELDS = ("actor1", "actor2", "location", "admin1", "country", "weapon")


def _none_if_blank(text: str) -> str | None:
    text = text.strip()
    return text or None


class IncidentEditor(QWidget):
    """A form with one editor per ACLED field; emits `fieldEdited` when the analyst commits a value."""

    fieldEdited = Signal(str, object)  # field name, new value (None clears)
    fieldFocused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._incident: IncidentView | None = None
        self._loading = False
        self.article_date: str | None = None  # the day an incident without a date of its own takes
        self.editors: dict[str, QWidget] = {}
        self.completion_model = QStringListModel(self)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        arabic = is_arabic()
        for name, english, arabic_label in acled.INCIDENT_FIELDS:
            editor = self._make_editor(name)
            editor.setObjectName(f"field_{name}")
            editor.installEventFilter(self)
            self.editors[name] = editor
            form.addRow(arabic_label if arabic else english, editor)
        # Why the machine reported it: its confidence and the ids of the rules that made and shaped it
        # (`rasid explain` tells the same per sentence).
        self.why = QLabel()
        self.why.setObjectName("incidentWhy")
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.why.setWordWrap(True)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(tr("Why"), self.why)
        self.setEnabled(False)

    def _make_editor(self, name: str) -> QWidget:
        if name == "event_type":
            box = QComboBox()
            box.addItem("", "")
            for et in acled.EVENT_TYPES:
                box.addItem(acled.event_label(et.name, is_arabic()), et.name)
            box.activated.connect(lambda _i: self._commit_combo("event_type"))
            return box
        if name == "sub_event_type":
            box = QComboBox()
            box.activated.connect(lambda _i: self._commit_combo("sub_event_type"))
            return box
        if name in ("time_precision", "geo_precision"):
            spin = QSpinBox()
            spin.setRange(0, 3)
            spin.setSpecialValueText("—")
            spin.valueChanged.connect(lambda v, n=name: self._commit(n, v or None))
            return spin
        line = QLineEdit()
        if name in acled.INT_FIELDS:
            line.setValidator(QIntValidator(0, 1_000_000, line))
        elif name == "latitude":
            line.setValidator(QDoubleValidator(-90.0, 90.0, 6, line))
        elif name == "longitude":
            line.setValidator(QDoubleValidator(-180.0, 180.0, 6, line))
        elif name == "date":
            line.setPlaceholderText("YYYY-MM-DD")
            line.setInputMask("")
        if name in COMPLETED_FIELDS:
            completer = QCompleter(self.completion_model, line)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            line.setCompleter(completer)
        line.editingFinished.connect(lambda n=name, w=line: self._commit_line(n, w))
        return line

    def set_completions(self, names: list[str]) -> None:
        self.completion_model.setStringList(names)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            for name, editor in self.editors.items():
                if editor is obj:
                    self.fieldFocused.emit(name)
        return super().eventFilter(obj, event)

    # --- loading -------------------------------------------------------------------------------

    def set_incident(self, incident: IncidentView | None) -> None:
        self._incident = incident
        self._loading = True
        try:
            self.setEnabled(incident is not None)
            fields = incident.fields if incident else {}
            for name, editor in self.editors.items():
                value = fields.get(name)
                if isinstance(editor, QComboBox):
                    if name == "sub_event_type":
                        self._fill_sub_types(str(fields.get("event_type") or ""))
                    i = editor.findData(value or "")
                    if i < 0 and value:
                        editor.addItem(str(value), value)
                        i = editor.count() - 1
                    editor.setCurrentIndex(max(i, 0))
                elif isinstance(editor, QSpinBox):
                    editor.setValue(int(value) if isinstance(value, int | float) else 0)
                elif isinstance(editor, QLineEdit):
                    editor.setText("" if value is None else str(value))
                    editor.setCursorPosition(0)
                    if name == "date":
                        self._show_inherited_date(editor, value)
            self.why.setText(why_text(incident))
        finally:
            self._loading = False

    def _show_inherited_date(self, editor: QLineEdit, own: Any) -> None:
        """An incident without a date of its own takes its article's: shown as a hint in the empty
        field (never written as the analyst's value), as the incidents table shows it."""
        effective = incident_date(own, self.article_date)
        if effective.inherited and effective.value:
            hint = tr("{date} (article date)").format(date=effective.value)
            editor.setPlaceholderText(hint)
            editor.setToolTip(plain_tooltip(tr("The article's date (the incident sets none)")))
        else:
            editor.setPlaceholderText("YYYY-MM-DD")
            editor.setToolTip("")

    def _fill_sub_types(self, event_type: str) -> None:
        box = self.editors["sub_event_type"]
        assert isinstance(box, QComboBox)
        box.clear()
        box.addItem("", "")
        subs = acled.sub_event_types(event_type) or acled.SUB_EVENT_TYPE_NAMES
        for sub in subs:
            box.addItem(acled.event_label(sub, is_arabic()), sub)

    # --- committing ----------------------------------------------------------------------------

    def _commit(self, name: str, value: Any) -> None:
        if self._loading or self._incident is None:
            return
        if self._incident.get(name) == value:
            return
        self.fieldEdited.emit(name, value)

    def _commit_combo(self, name: str) -> None:
        box = self.editors[name]
        assert isinstance(box, QComboBox)
        value = box.currentData() or None
        if name == "event_type" and not self._loading:
            self._fill_sub_types(value or "")
        self._commit(name, value)

    def _commit_line(self, name: str, line: QLineEdit) -> None:
        text = line.text()
        value: Any = _none_if_blank(text)
        if value is not None and name in acled.INT_FIELDS:
            value = int(value)
        elif value is not None and name in acled.FLOAT_FIELDS:
            try:
                value = float(value.replace(",", "."))
            except ValueError:
                return
        self._commit(name, value)


class IncidentPanel(QWidget):
    """The incidents of the current article and the editor of the selected one."""

    selectionChanged = Signal(object)  # IncidentView | None
    fieldEdited = Signal(int, str, object)  # incident id, field, value
    fieldFocused = Signal(int, str)
    acceptRequested = Signal(list)  # incident ids
    rejectRequested = Signal(list)
    mergeRequested = Signal(int, int)
    splitRequested = Signal(int)
    createRequested = Signal()
    deleteRequested = Signal(list)  # incident ids (the Delete button, or Delete in the list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentPanel")
        self._incidents: list[IncidentView] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = PlainLabel(tr("Incidents"))
        self.title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.title)

        self.table = QTableWidget(0, len(LIST_COLUMNS))
        self.table.setObjectName("incidentList")
        self.table.setHorizontalHeaderLabels([tr(c) for c in LIST_COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._on_selection)

        buttons = QGridLayout()  # two rows of three: one row of six made the panel too wide for the list
        self.accept_button = QPushButton(tr("Accept"))
        self.reject_button = QPushButton(tr("Reject"))
        self.merge_button = QPushButton(tr("Merge"))
        self.split_button = QPushButton(tr("Split"))
        self.create_button = QPushButton(tr("New from selection"))
        self.delete_button = QPushButton(tr("Delete"))
        self.delete_button.setObjectName("deleteIncident")
        self.delete_button.setToolTip(tr("Delete the selected incidents (Delete; Ctrl+Z restores them)"))
        for k, b in enumerate(
            (
                self.accept_button,
                self.reject_button,
                self.merge_button,
                self.split_button,
                self.create_button,
                self.delete_button,
            )
        ):
            buttons.addWidget(b, k // 3, k % 3)
        self.accept_button.clicked.connect(lambda: self.acceptRequested.emit(self.selected_ids()))
        self.reject_button.clicked.connect(lambda: self.rejectRequested.emit(self.selected_ids()))
        self.merge_button.clicked.connect(self._merge)
        self.split_button.clicked.connect(self._split)
        self.create_button.clicked.connect(self.createRequested.emit)
        self.delete_button.clicked.connect(self._delete)
        self.table.installEventFilter(self)  # the Delete key in the list deletes, nowhere else

        self.editor = IncidentEditor()
        self.editor.fieldEdited.connect(self._field_edited)
        self.editor.fieldFocused.connect(self._field_focused)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(scroll)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        layout.addWidget(split)
        self._update_buttons()

    # --- content -------------------------------------------------------------------------------

    def set_incidents(
        self, incidents: list[IncidentView], keep_selection: bool = True, article_date: str | None = None
    ) -> None:
        """Show an article's incidents; `article_date` is the day those without a date of their own take."""
        selected = self.selected_ids() if keep_selection else []
        self._incidents = incidents
        self.editor.article_date = article_date or None
        self.table.blockSignals(True)
        self.table.setRowCount(len(incidents))
        arabic = is_arabic()
        for row, inc in enumerate(incidents):
            kind = inc.get("sub_event_type") or inc.get("event_type") or ""
            day = incident_date(inc.get("date"), article_date)  # the incidents table's rule too
            values = (
                acled.event_label(str(kind), arabic) if kind else "",
                day.value or "",
                str(inc.get("location") or ""),
                "" if inc.get("fatalities") is None else str(inc.get("fatalities")),
                "" if inc.get("injuries") is None else str(inc.get("injuries")),
                tr(inc.status),
            )
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, inc.id)
                if col == 5:
                    item.setForeground(QColor(STATUS_COLOURS.get(inc.status, "#000000")))
                if inc.status == "rejected" or (col == 1 and day.inherited):
                    font = item.font()
                    font.setStrikeOut(inc.status == "rejected")
                    font.setItalic(col == 1 and day.inherited)
                    item.setFont(font)
                if col == 1 and day.inherited:
                    item.setToolTip(plain_tooltip(tr("The article's date (the incident sets none)")))
                self.table.setItem(row, col, item)
        select_rows(self.table, [row for row, inc in enumerate(incidents) if inc.id in selected])
        self.table.blockSignals(False)
        self.title.setText(f"{tr('Incidents')} ({len(incidents)})")
        self._on_selection()

    def set_completions(self, names: list[str]) -> None:
        self.editor.set_completions(names)

    def incidents(self) -> list[IncidentView]:
        return list(self._incidents)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self._incidents[r].id for r in rows if r < len(self._incidents)]

    def selected(self) -> list[IncidentView]:
        ids = set(self.selected_ids())
        return [i for i in self._incidents if i.id in ids]

    def select_incident(self, incident_id: int) -> None:
        for row, inc in enumerate(self._incidents):
            if inc.id == incident_id:
                select_row(self.table, row)  # never QTableView.selectRow: see gui/selection.py
                return

    def current(self) -> IncidentView | None:
        selected = self.selected()
        return selected[0] if len(selected) == 1 else None

    # --- slots ---------------------------------------------------------------------------------

    def _on_selection(self) -> None:
        current = self.current()
        self.editor.set_incident(current)
        self._update_buttons()
        self.selectionChanged.emit(current)

    def _update_buttons(self) -> None:
        n = len(self.selected_ids())
        self.accept_button.setEnabled(n > 0)
        self.reject_button.setEnabled(n > 0)
        self.merge_button.setEnabled(n == 2)
        self.split_button.setEnabled(n == 1)
        self.delete_button.setEnabled(n > 0)

    def _field_edited(self, name: str, value: object) -> None:
        current = self.current()
        if current is not None:
            self.fieldEdited.emit(current.id, name, value)

    def _field_focused(self, name: str) -> None:
        current = self.current()
        if current is not None:
            self.fieldFocused.emit(current.id, name)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            obj is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self._delete()
            return True
        return super().eventFilter(obj, event)

    def _delete(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.deleteRequested.emit(ids)

    def _merge(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 2:
            self.mergeRequested.emit(ids[0], ids[1])

    def _split(self) -> None:
        current = self.current()
        if current is not None:
            self.splitRequested.emit(current.id)


def why_text(incident: IncidentView | None) -> str:
    """The "why" line: who made the incident, the decision's confidence and the rule ids."""
    if incident is None:
        return ""
    if incident.origin == "analyst":
        return tr("Added by the analyst.")
    parts = []
    if incident.confidence is not None:
        parts.append(tr("confidence {c:.2f}").format(c=incident.confidence))
    parts.append(", ".join(incident.rules) if incident.rules else tr("no rule recorded"))
    return " · ".join(parts)
