"""Row selection in item views that works in right-to-left layouts too.

`QTableView.selectRow` is unusable with a right-to-left layout: Qt's `QTableViewPrivate::selectRow`
finds the column to select with `horizontalHeader()->logicalIndexAt(viewport()->width())`, and in
RTL the header mirrors that position to `width - width - 1 = -1` (unless the view is scrolled
horizontally), so it gets column -1, an invalid index: nothing is selected, and the current index
is set to that invalid index, undoing any `setCurrentCell` made just before. Selecting through the
selection model with whole-row flags never asks the header where a column is.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.gui.qt import QAbstractItemView, QItemSelection, QItemSelectionModel

_ROWS = QItemSelectionModel.SelectionFlag.Rows


def select_row(view: QAbstractItemView, row: int, scroll: bool = True) -> bool:
    """Make `row` the current row and the only selected one; False when there is no such row."""
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or not 0 <= row < model.rowCount():
        return False
    index = model.index(row, 0)
    selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | _ROWS)
    if scroll:
        view.scrollTo(index)
    return True


def select_rows(view: QAbstractItemView, rows: Iterable[int]) -> None:
    """Select exactly `rows` (whole rows); the first becomes current. An empty list clears."""
    model, selection_model = view.model(), view.selectionModel()
    if model is None or selection_model is None:
        return
    wanted = sorted({r for r in rows if 0 <= r < model.rowCount()})
    if not wanted:
        selection_model.clearSelection()
        return
    last = model.columnCount() - 1
    selection = QItemSelection()
    for row in wanted:
        selection.select(model.index(row, 0), model.index(row, last))
    selection_model.setCurrentIndex(model.index(wanted[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect | _ROWS)
