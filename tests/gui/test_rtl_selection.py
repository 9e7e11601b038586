"""Row selection in the Arabic (right-to-left) layout: incidents and articles get selected and edited."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gui.qt import Qt, QTableWidget, QTableWidgetItem
from desktop.gui.reads import settle
from desktop.gui.selection import select_row, select_rows

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def test_select_row_in_a_right_to_left_table(qtbot: Any) -> None:
    table = QTableWidget(3, 8)
    qtbot.addWidget(table)
    table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    settle()
    for row in range(3):
        for col in range(8):
            table.setItem(row, col, QTableWidgetItem(f"خلية {row}/{col}"))
            settle()
    table.resize(300, 200)  # narrower than the columns: Qt's own selectRow selects nothing here
    assert select_row(table, 1)
    assert [i.row() for i in table.selectionModel().selectedRows()] == [1]
    assert table.currentRow() == 1
    select_rows(table, [0, 2])
    settle()
    assert sorted(i.row() for i in table.selectionModel().selectedRows()) == [0, 2]
    select_rows(table, [])
    settle()
    assert table.selectionModel().selectedRows() == []
    assert not select_row(table, 7)


def test_arabic_window_selects_the_incident_and_enables_the_editor(arabic_window: Any, qtbot: Any) -> None:
    w = arabic_window
    panel = w.incident_panel
    assert w.article is not None
    first = panel.incidents()[0]
    assert panel.selected_ids() == [first.id]
    assert panel.editor.isEnabled()
    assert panel.current() is not None and panel.current().id == first.id

    w.show()
    settle()
    qtbot.waitExposed(w)
    w.select_article(w.ops.article_id_for("iq-1"))
    settle()
    assert w.article.external_id == "iq-1"
    assert [i.row() for i in w.article_view.selectionModel().selectedRows()] == [
        w.article_model.row_of(w.article.id)
    ]
    incident = panel.incidents()[0]
    panel.table.clearSelection()
    settle()
    assert not panel.editor.isEnabled()
    panel.select_incident(incident.id)
    settle()
    assert panel.selected_ids() == [incident.id]
    assert panel.editor.isEnabled()
    assert panel.editor.editors["fatalities"].text() == "3"
    # an edit in Arabic goes through and keeps the row selected
    editor = panel.editor.editors["fatalities"]
    editor.setText("4")
    settle()
    editor.editingFinished.emit()
    settle()
    assert w.ops.incident(incident.id).get("fatalities") == 4
    assert panel.selected_ids() == [incident.id]
    assert panel.editor.isEnabled()
