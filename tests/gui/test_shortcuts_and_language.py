"""Ctrl+Y redoes (as well as Ctrl+Shift+Z); the language menu shows which language is chosen."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gui.qt import QAction
from desktop.gui.reads import settle

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()


def test_ctrl_y_and_ctrl_shift_z_redo(window: Any) -> None:
    """Both redo keys on every platform, bound to nothing else (an ambiguous shortcut never fires).
    The offscreen platform has no active window to deliver shortcuts: the action is triggered."""
    keys = {k.toString() for k in window.redo_action.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= keys
    others = [a for a in window.findChildren(QAction) if a is not window.redo_action]
    assert not any(k.toString() in keys for a in others for k in a.shortcuts())
    article = window.article
    assert article is not None
    window.tags_edit.setText("مراجعة")
    window._commit_tags()
    window.undo()
    settle()
    assert window.ops.tags(article.id) == [] and window.redo_action.isEnabled()
    window.redo_action.trigger()
    settle()
    assert window.ops.tags(article.id) == ["مراجعة"]


def test_the_language_menu_checks_english(window: Any) -> None:
    assert window.language_actions["en"].isChecked() and not window.language_actions["ar"].isChecked()


def test_the_language_menu_checks_arabic(arabic_window: Any) -> None:
    assert arabic_window.language_actions["ar"].isChecked()
    assert not arabic_window.language_actions["en"].isChecked()


def test_the_redo_keys_redo_when_pressed_in_the_reader(window: Any, qtbot: Any) -> None:
    """Real key presses (the window shown): Ctrl+Z undoes, Ctrl+Y and Ctrl+Shift+Z redo."""
    from desktop.gui.qt import Qt

    window.show()
    qtbot.waitExposed(window)
    article = window.article
    window.tags_edit.setText("مراجعة")
    window._commit_tags()
    settle()
    window.reader.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    for key, modifiers, tags in (
        (Qt.Key.Key_Z, ctrl, []),
        (Qt.Key.Key_Y, ctrl, ["مراجعة"]),
        (Qt.Key.Key_Z, ctrl, []),
        (Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier, ["مراجعة"]),
    ):
        qtbot.keyClick(window.reader, key, modifiers)
        settle()
        assert window.ops.tags(article.id) == tags
