"""View → Interface language applies at once: menus, panes and layout direction, same project state."""

from __future__ import annotations

from typing import Any

import pytest

from desktop import settings as settings_mod
from desktop.gui import i18n
from desktop.gui.app import make_application
from desktop.gui.qt import QApplication, Qt
from desktop.gui.reads import settle

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def _menu_titles(window: Any) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_switching_to_arabic_and_back_applies_live(window: Any, qtbot: Any) -> None:
    try:
        window.show()
        qtbot.waitExposed(window)
        window.select_article(window.ops.article_id_for("iq-1"))
        settle()
        article_id = window.article.id
        incident = window.incident_panel.current()
        window.edit_incident_field(incident.id, "fatalities", 4)
        settle()
        assert _menu_titles(window)[:3] == ["&File", "&Edit", "&View"]

        window.language_actions["ar"].trigger()  # the menu's action, as the analyst chooses it
        settle()
        assert i18n.is_arabic()
        assert settings_mod.load().language == "ar"  # kept for the next start too
        assert _menu_titles(window)[:3] == ["&ملف", "&تحرير", "&عرض"]
        assert window.language_actions["ar"].isChecked() and not window.language_actions["en"].isChecked()
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.incident_panel.title.text().startswith("الحوادث")
        assert window.article_model.headerData(0, Qt.Orientation.Horizontal) == "العنوان"
        assert window.legend.boxes["ORG"].text() == "منظمة"
        # mirrored: the article list sits right of the incident panel
        left = window.article_view.mapTo(window, window.article_view.rect().topLeft()).x()
        right = window.incident_panel.mapTo(window, window.incident_panel.rect().topLeft()).x()
        assert left > right
        # the same article and incident, and the undo history, in Arabic
        assert window.article is not None and window.article.id == article_id
        assert window.incident_panel.current().id == incident.id
        assert window.undo_action.text() == "تراجع: تعيين القتلى إلى 4"
        window.undo()
        settle()
        assert window.ops.incident(incident.id).get("fatalities") == 3
        assert window.incident_panel.editor.editors["fatalities"].text() == "3"

        window.language_actions["en"].trigger()
        settle()
        assert not i18n.is_arabic()
        assert _menu_titles(window)[:3] == ["&File", "&Edit", "&View"]
        assert window.language_actions["en"].isChecked() and not window.language_actions["ar"].isChecked()
        assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert window.redo_action.text() == "Redo: Set Fatalities to 4"
        assert window.article.id == article_id
        # one binding per shortcut after the rebuild (an ambiguous shortcut never fires)
        keys = [k.toString() for a in window.actions() for k in a.shortcuts()]
        assert len(keys) == len(set(keys)) and "Ctrl+Y" in keys
    finally:
        make_application("en")
        i18n.set_language("en")


def test_the_language_is_not_switched_under_a_running_task(window: Any) -> None:
    class Running:
        running = True

    runner = window.runner
    try:
        window.runner = Running()
        assert not window.set_interface_language("ar")
        assert not i18n.is_arabic() and window.language_actions["en"].isChecked()
        assert "background task" in window.last_error
    finally:
        window.runner = runner
