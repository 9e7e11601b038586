"""The actors and places of a project: mentions, aliases, actor types; rename, merge, set the type.

Each row is an actor or place as the store groups its mentions (by canonical id, else by normalized
text). The view emits requests; the main window runs them as undoable commands through
`ProjectOps` (the project dictionary and the entity operations).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.gui.i18n import is_arabic, tr
from desktop.gui.operations import ProjectOps
from desktop.gui.paged_model import PagedTableModel, debounce, paged_table, sort_key
from desktop.gui.plain import PlainLabel, plain_tooltip
from desktop.gui.qt import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.gui.selection import select_rows
from desktop.store.views import NameGroup

if TYPE_CHECKING:
    from desktop.gui.reads import ReadExecutor

# ACLED actor types (the `inter` codes of the ACLED codebook)
ACTOR_TYPES: tuple[tuple[int, str, str], ...] = (
    (1, "State forces", "قوات حكومية"),
    (2, "Rebel groups", "جماعات متمردة"),
    (3, "Political militias", "ميليشيات سياسية"),
    (4, "Identity militias", "ميليشيات هوية"),
    (5, "Rioters", "مثيرو شغب"),
    (6, "Protesters", "متظاهرون"),
    (7, "Civilians", "مدنيون"),
    (8, "External/Other forces", "قوات خارجية/أخرى"),
)

COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("Name", "name"),
    ("Kind", "kind"),
    ("Actor type", None),
    ("Mentions", "mentions"),
    ("Articles", "articles"),
    ("Aliases", None),
)


def actor_type_label(code: int | None) -> str:
    for value, en, ar in ACTOR_TYPES:
        if value == code:
            return f"{value} · {ar if is_arabic() else en}"
    return ""


def name_cell(g: NameGroup, col: int, role: int) -> Any:
    """What the names list shows of `g` in column `col` for `role` (None for nothing)."""
    if role == Qt.ItemDataRole.DisplayRole:
        return (
            g.name,
            tr(g.kind),
            actor_type_label(g.inter) if g.kind == "actor" else "",
            str(g.mentions),
            str(g.articles),
            "، ".join(a for a in g.aliases if a != g.name),
        )[col]
    if role == Qt.ItemDataRole.ToolTipRole and col in (0, 5):
        return plain_tooltip("\n".join([g.name, *g.aliases]))
    if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 4):
        return int(Qt.AlignmentFlag.AlignCenter)
    return None


class NameListModel(PagedTableModel[NameGroup]):
    """Actors and places, a page at a time, most mentioned first."""

    def __init__(self, reads: ReadExecutor | None = None, page_size: int = 200) -> None:
        super().__init__(reads, page_size, [c[0] for c in COLUMNS], name_cell)
        self._kind: str | None = None
        self._text = ""
        self._order = "-mentions"

    def set_filter(self, kind: str | None, text: str) -> None:
        if (kind, text) != (self._kind, self._text):
            self._kind, self._text = kind, text
            self.reload()

    def state(self) -> tuple[str | None, str, str]:
        return (self._kind, self._text, self._order)

    def load_first(
        self, ops: ProjectOps, state: tuple[str | None, str, str], wanted: int
    ) -> tuple[list[NameGroup], int]:
        kind, text, order = state
        return ops.name_page_and_total(kind, text, wanted, order)

    def load_page(
        self, ops: ProjectOps, state: tuple[str | None, str, str], first: int, count: int
    ) -> list[NameGroup]:
        kind, text, order = state
        return ops.name_page(kind, text, first, count, order)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1]
        if key is None:
            return
        order_by = sort_key(key, order)
        if order_by != self._order:
            self._order = order_by
            self.reload()

    def group(self, row: int) -> NameGroup | None:
        return self.row_at(row)

    def row_of(self, key: str) -> int | None:
        return self.find_row(lambda g: g.key == key)


class NamesView(QWidget):
    """Filters, the list of actors and places, and rename / merge / actor-type actions."""

    renameRequested = Signal(object, str)  # NameGroup, new name
    mergeRequested = Signal(object, object)  # keep, other
    actorTypeRequested = Signal(object, object)  # NameGroup, int | None

    def __init__(self, page_size: int = 200, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("namesView")
        self.model = NameListModel(page_size=page_size)
        self._reselect: list[str] = []  # keys of the groups to select again when a refresh is in
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        filters = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("filterKind")
        self.kind.addItem(tr("Actors and places"), None)
        self.kind.addItem(tr("Actors"), "actor")
        self.kind.addItem(tr("Places"), "place")
        self.kind.activated.connect(lambda _i: self.apply_filters())
        self.text = QLineEdit()
        self.text.setObjectName("filterName")
        self.text.setPlaceholderText(tr("Search names…"))
        self.text.setClearButtonEnabled(True)
        self._timer = debounce(self, self.apply_filters)
        self.text.textEdited.connect(lambda _t: self._timer.start())
        filters.addWidget(self.kind)
        filters.addWidget(self.text, 1)

        self.table = paged_table("namesTable", self.model, 3, {0: 260, 1: 70, 2: 190, 3: 70, 4: 70})
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        actions = QHBoxLayout()
        self.count_label = PlainLabel()
        self.rename_button = QPushButton(tr("Rename…"))
        self.merge_button = QPushButton(tr("Merge"))
        self.actor_type = QComboBox()
        self.actor_type.setObjectName("actorType")
        self.actor_type.addItem(tr("Unknown actor type"), None)
        for code, _en, _ar in ACTOR_TYPES:
            self.actor_type.addItem(actor_type_label(code), code)
        self.type_button = QPushButton(tr("Set actor type"))
        self.rename_button.clicked.connect(self._rename)
        self.merge_button.clicked.connect(self._merge)
        self.type_button.clicked.connect(self._set_type)
        actions.addWidget(self.count_label, 1)
        for w in (self.rename_button, self.merge_button, self.actor_type, self.type_button):
            actions.addWidget(w)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._update_buttons()
        self.model.loaded.connect(self._on_loaded)

    def set_reads(self, reads: ReadExecutor | None) -> None:
        self.model.set_reads(reads)
        self._update_count()

    def refresh(self) -> None:
        """Re-read the loaded rows after an edit, keeping the selection."""
        self._reselect = [g.key for g in self.selected()]
        self.model.reload(keep_loaded=True)

    def _on_loaded(self) -> None:
        if self._reselect:
            rows = [r for k in self._reselect if (r := self.model.row_of(k)) is not None]
            select_rows(self.table, rows)
            self._reselect = []
        self._update_count()

    def apply_filters(self) -> None:
        self.model.set_filter(self.kind.currentData(), self.text.text().strip())
        self._update_count()

    def selected(self) -> list[NameGroup]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [g for g in (self.model.group(r) for r in rows) if g is not None]

    def _update_count(self) -> None:
        self.count_label.setText(tr("{n} names").format(n=self.model.total))

    def _update_buttons(self) -> None:
        groups = self.selected()
        self.rename_button.setEnabled(len(groups) == 1)
        self.merge_button.setEnabled(len(groups) == 2 and groups[0].kind == groups[1].kind)
        actors = len(groups) == 1 and groups[0].kind == "actor"
        self.type_button.setEnabled(actors)
        if actors:
            i = self.actor_type.findData(groups[0].inter)
            self.actor_type.setCurrentIndex(max(i, 0))

    def _rename(self) -> None:
        from desktop.gui.qt import QInputDialog

        groups = self.selected()
        if len(groups) != 1:
            return
        name, ok = QInputDialog.getText(self, tr("Rename"), tr("Name"), text=groups[0].name)
        if ok and name.strip():
            self.renameRequested.emit(groups[0], name.strip())

    def _merge(self) -> None:
        """Ask which of the two selected names stays (the more mentioned one is proposed)."""
        from desktop.gui.qt import QInputDialog

        groups = sorted(self.selected(), key=lambda g: -g.mentions)
        if len(groups) != 2:
            return
        labels = [f"{g.name} ({g.mentions})" for g in groups]
        choice, ok = QInputDialog.getItem(self, tr("Merge"), tr("Keep the name"), labels, 0, False)
        if ok:
            keep = labels.index(choice)
            self.mergeRequested.emit(groups[keep], groups[1 - keep])

    def _set_type(self) -> None:
        groups = self.selected()
        if len(groups) == 1 and groups[0].kind == "actor":
            self.actorTypeRequested.emit(groups[0], self.actor_type.currentData())
