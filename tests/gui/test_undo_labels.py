"""Edit → Undo and Redo say what they undo and redo, in the interface language."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gui.reads import settle

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def _relabel_daesh(window: Any, new_type: str) -> None:
    window.select_article(window.ops.article_id_for("iq-1"))
    settle()
    entity = next(e for e in window.reader.entities if e.text == "داعش")
    assert entity.type == "ORG"
    window.relabel_entity(entity.id, new_type)
    settle()


def test_undo_and_redo_name_the_edit(window: Any) -> None:
    assert window.undo_action.text() == "Undo" and window.redo_action.text() == "Redo"
    _relabel_daesh(window, "MISC")
    assert window.undo_action.text() == "Undo: Relabel داعش as MISC"
    assert window.undo_action in window.menuBar().actions()[1].menu().actions()  # the Edit menu
    window.undo()
    settle()
    assert window.undo_action.text() == "Undo"
    assert window.redo_action.text() == "Redo: Relabel داعش as MISC"
    window.redo()
    settle()
    incident = window.incident_panel.current()
    window.edit_incident_field(incident.id, "fatalities", 4)
    settle()
    assert window.undo_action.text() == "Undo: Set Fatalities to 4"
    window.edit_incident_field(incident.id, "fatalities", None)
    settle()
    assert window.undo_action.text() == "Undo: Set Fatalities to —"
    window.close_project()
    assert window.undo_action.text() == "Undo" and not window.undo_action.isEnabled()


def test_undo_names_the_edit_in_arabic(arabic_window: Any) -> None:
    window = arabic_window
    assert window.undo_action.text() == "تراجع"
    _relabel_daesh(window, "LOC")
    assert window.undo_action.text() == "تراجع: تغيير نوع داعش إلى مكان"
    window.undo()
    settle()
    assert window.redo_action.text() == "إعادة: تغيير نوع داعش إلى مكان"
