"""New from selection makes a pending incident and selects it; incidents can be deleted, with undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop.gui.qt import Qt
from desktop.gui.reads import settle

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def _create_from_selection(window: Any) -> Any:
    """Select the second sentence of sy-1 and make an incident of it; returns the new incident."""
    window.select_article(window.ops.article_id_for("sy-1"))
    settle()
    text = window.article.text
    before = {i.id for i in window.ops.incidents(window.article.id)}
    window.reader.select_offsets(text.index("وقال"), len(text))
    window.create_incident_from_selection()
    settle()
    created = [i for i in window.ops.incidents(window.article.id) if i.id not in before]
    assert len(created) == 1
    return created[0]


def _stored_status(path: Path, incident_id: int) -> str | None:
    """The incident's status as the project file holds it (a connection of its own: what is saved)."""
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT status FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    return None if row is None else str(row[0])


def test_new_from_selection_is_pending_and_selected(window: Any, project_path: Path) -> None:
    """It was created accepted and the panel kept the old selection; the article's date was written
    into it as if the analyst had typed it."""
    created = _create_from_selection(window)
    assert created.origin == "analyst" and created.status == "new"
    assert _stored_status(project_path, created.id) == "new"
    panel = window.incident_panel
    assert panel.current() is not None and panel.current().id == created.id
    assert panel.editor.isEnabled()
    assert not window.ops.field_state(created.id, "date").analyst_set  # it takes the article's day
    assert "2024-03-12" in panel.editor.editors["date"].placeholderText()


def test_delete_an_analyst_incident_and_undo(window: Any, qtbot: Any, project_path: Path) -> None:
    created = _create_from_selection(window)
    window.edit_incident_field(created.id, "weapon", "طائرات حربية")
    settle()
    panel = window.incident_panel
    assert panel.current().id == created.id and panel.delete_button.isEnabled()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)  # Delete in the incident list
    settle()
    assert created.id not in [i.id for i in window.ops.incidents(window.article.id)]
    assert _stored_status(project_path, created.id) is None  # saved at once
    assert created.id not in [i.id for i in panel.incidents()]

    window.undo()
    settle()
    back = window.ops.incident(created.id)  # under its own id
    assert back.status == "new" and back.evidence == created.evidence
    assert back.get("weapon") == "طائرات حربية"
    assert _stored_status(project_path, created.id) == "new"
    window.undo()  # the edit made before the delete still finds its incident
    settle()
    assert window.ops.incident(created.id).get("weapon") is None
    window.redo()
    window.redo()
    settle()
    assert _stored_status(project_path, created.id) is None


def test_deleting_a_machine_incident_rejects_it_with_undo(window: Any, project_path: Path) -> None:
    """The machine's incident is kept as rejected, so re-extraction does not propose it again."""
    window.select_article(window.ops.article_id_for("iq-1"))
    settle()
    panel = window.incident_panel
    machine = panel.current()
    assert machine is not None and machine.origin == "auto"
    panel.delete_button.click()
    settle()
    assert _stored_status(project_path, machine.id) == "rejected"
    assert "Undo" in window.statusBar().currentMessage()
    window.undo()
    settle()
    assert _stored_status(project_path, machine.id) == "new"


def test_the_delete_key_in_a_field_edits_the_field(window: Any, qtbot: Any) -> None:
    window.select_article(window.ops.article_id_for("iq-1"))
    settle()
    panel = window.incident_panel
    incident = panel.current()
    editor = panel.editor.editors["fatalities"]  # no completer popup
    editor.setCursorPosition(0)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    settle()
    assert editor.text() == ""  # the figure "3" went, not the incident
    assert window.ops.incident(incident.id).status == "new"
    assert [i.id for i in window.ops.incidents(window.article.id)] == [incident.id]
