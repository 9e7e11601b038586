"""The Arabic interface's Qt dialogs speak Arabic (qtbase and its supplement); the status bar is RTL."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gui.qt import QAbstractButton, QFileDialog, QLabel, Qt

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()


def test_the_file_dialog_is_translated(arabic_window: Any) -> None:
    dialog = QFileDialog(arabic_window, "استيراد")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    assert "ا&بحث في:" in texts and "الملفّات من ال&نوع:" in texts
    assert not {"&Look in:", "Files of &type:"} & texts
    assert "ا&سم الملفّ:" in texts  # the strings qtbase_ar has are still its own
    tips = {b.toolTip() for b in dialog.findChildren(QAbstractButton)}
    assert "أنشئ مجلّدًا جديدًا" in tips
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_the_status_bar_text_sits_on_the_right(arabic_window: Any) -> None:
    label = arabic_window.status_label
    assert label.text().startswith("test.rasid")  # Latin first: on its own it would sit on the left
    assert label.alignment() & Qt.AlignmentFlag.AlignRight
    assert label.alignment() & Qt.AlignmentFlag.AlignAbsolute
