"""The Arabic interface's Qt dialogs speak Arabic (qtbase and its supplement); the status bar is RTL."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from desktop.gui.file_dialogs import text_width
from desktop.gui.qt import QAbstractButton, QFileDialog, QLabel, QPushButton, Qt

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


ARABIC = re.compile("[\u0600-\u06ff]")
LATIN = re.compile("[A-Za-z]")


def _check_arabic_and_unclipped(dialog: QFileDialog) -> None:
    """Every shown label and push button of a file dialog is Arabic and has room for its text."""
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, never a native one
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    shown: list[QLabel | QPushButton] = [
        w for w in (*dialog.findChildren(QLabel), *dialog.findChildren(QPushButton)) if w.isVisible()
    ]
    assert len([w for w in shown if isinstance(w, QPushButton)]) == 2  # accept and Cancel
    assert len([w for w in shown if isinstance(w, QLabel)]) >= 3  # look in, file name, type
    for widget in shown:
        text = widget.text()
        assert ARABIC.search(text) and not LATIN.search(text), text
        assert widget.sizeHint().width() >= text_width(widget), text
        assert widget.width() >= text_width(widget), text  # as laid out, not only as hinted
    cancel = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
    assert "إلغاء" in cancel  # the whole word, not the catalogue's clipped "ألغِ"


def test_the_import_dialog_is_arabic_and_nothing_is_clipped(arabic_window: Any, qtbot: Any) -> None:
    dialog = arabic_window.import_dialog()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.fileMode() == QFileDialog.FileMode.ExistingFiles
    _check_arabic_and_unclipped(dialog)
    assert "ا&فتح" in {b.text() for b in dialog.findChildren(QPushButton)}
    dialog.reject()


def test_the_project_and_export_dialogs_are_arabic_and_unclipped(arabic_window: Any, qtbot: Any) -> None:
    for dialog in (arabic_window.open_project_dialog(), arabic_window.new_project_dialog()):
        qtbot.waitUntil(dialog.isVisible)
        _check_arabic_and_unclipped(dialog)
        dialog.reject()
    export = arabic_window.export_dialog()
    browse = export.browse()
    qtbot.waitUntil(browse.isVisible)
    _check_arabic_and_unclipped(browse)
    assert "ا&حفظ" in {b.text() for b in browse.findChildren(QPushButton)}
    browse.reject()
    export.reject()


def test_new_project_from_the_dialog_gets_its_extension(window: Any, qtbot: Any, tmp_path: Path) -> None:
    dialog = window.new_project_dialog()
    qtbot.waitUntil(dialog.isVisible)
    dialog.selectFile(str(tmp_path / "fresh"))
    dialog.accept()
    assert window.ops is not None and window.ops.path == tmp_path / "fresh.rasid"


def test_a_status_bar_message_sits_on_the_right(arabic_window: Any, qtbot: Any) -> None:
    """A temporary message (export done, read-only note) is drawn on the right, even Latin-first."""
    arabic_window.show()
    qtbot.waitExposed(arabic_window)
    bar = arabic_window.statusBar()
    bar.showMessage("test.rasid — تم التصدير")
    qtbot.wait(50)
    image = bar.grab().toImage()
    background = image.pixelColor(image.width() // 2, 1)
    inked = [
        x
        for x in range(24, image.width() - 4)  # the size grip is on the left in RTL
        for y in range(image.height())
        if image.pixelColor(x, y) != background
    ]
    assert inked and min(inked) > image.width() // 2
