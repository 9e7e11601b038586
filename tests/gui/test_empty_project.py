"""An open project without articles shows a guide to importing in the reader area, until the first
import; files dropped on the window are imported."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.gui.qt import (
    QDragEnterEvent,
    QDropEvent,
    QFileDialog,
    QMimeData,
    QPoint,
    QPointF,
    Qt,
    QUrl,
)
from desktop.gui.reads import settle
from desktop.importing.readers import READERS
from desktop.store.project import Project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ARTICLE = "قُتل ثلاثة مدنيين في قصف مدفعي على بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم."


def light_extractor(doc: Any) -> Any:
    """No NLP: the import plumbing and the guide are under test, not the models."""
    return doc


def _empty_window(qtbot: Any, tmp_path: Path, language: str) -> Any:
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.settings import Settings

    path = tmp_path / "empty.rasid"
    Project.create(path).close()
    make_application(language)
    w = MainWindow(Settings(language=language))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert w.open_project(path)
    w.show()
    qtbot.waitExposed(w)
    assert w.wait_for_reads()
    return w


@pytest.fixture
def empty_window(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    from desktop.gui import i18n

    w = _empty_window(qtbot, tmp_path, "en")
    yield w
    w.close_project()
    i18n.set_language("en")


@pytest.fixture
def arabic_empty_window(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    from desktop.gui import i18n
    from desktop.gui.app import make_application

    try:
        w = _empty_window(qtbot, tmp_path, "ar")
        yield w
        w.close_project()
    finally:
        make_application("en")
        i18n.set_language("en")


def _finish(qtbot: Any, task: Any) -> None:
    done: list[Any] = []
    task.finished.connect(done.append)
    task.failed.connect(lambda message, _bug: done.append(message))
    qtbot.waitUntil(lambda: bool(done), timeout=120_000)
    settle()


def test_an_empty_project_shows_how_to_import(empty_window: Any, qtbot: Any, tmp_path: Path) -> None:
    pane = empty_window.reader_pane
    assert pane.guide_shown() and pane.guide.isVisible() and not empty_window.reader.isVisible()
    text = pane.guide.text()
    assert "File → Import articles… (Ctrl+I)" in text and "drop" in text
    assert all(suffix in text for suffix in READERS) and ".gz" in text  # the formats the import reads
    source = tmp_path / "report.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    _finish(qtbot, empty_window.start_import([str(source)], extractor=light_extractor))
    assert empty_window.article_model.total == 1
    assert not pane.guide_shown() and empty_window.reader.isVisible()  # gone after the first import
    assert empty_window.reader.text == ARTICLE


def test_the_guide_s_button_opens_the_import_dialog(empty_window: Any, qtbot: Any) -> None:
    empty_window.reader_pane.guide.import_button.click()
    dialog = empty_window.findChild(QFileDialog, "fileDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.fileMode() == QFileDialog.FileMode.ExistingFiles
    dialog.reject()


def test_a_search_finding_nothing_is_not_an_empty_project(window: Any) -> None:
    window.search_box.setText("طرابلس")
    window.article_pane.apply_filter()
    settle()
    assert window.article_model.total == 0 and not window.reader_pane.guide_shown()
    assert not window.reader_pane.guide_shown()  # a project with articles never shows it


def test_the_guide_in_arabic(arabic_empty_window: Any) -> None:
    guide = arabic_empty_window.reader_pane.guide
    assert guide.isVisible()
    for line in guide.text().split("\n"):
        assert re.search("[\u0600-\u06ff]", line), line  # every line translated
    assert "ملف ← استيراد مقالات…" in guide.text()
    assert guide.import_button.text() == "استيراد مقالات…"


def _drag(window: Any, paths: list[Path]) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    centre = window.rect().center()
    enter = QDragEnterEvent(QPoint(centre), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    drop = QDropEvent(QPointF(centre), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    return enter, drop, mime


def test_files_dropped_on_the_window_are_imported(empty_window: Any, qtbot: Any, tmp_path: Path) -> None:
    from desktop.gui.qt import QApplication

    source = tmp_path / "dropped.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    text_only = QMimeData()
    text_only.setText("not a file")
    refused = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        text_only,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(empty_window, refused)
    assert not refused.isAccepted()
    enter, drop, _mime = _drag(empty_window, [source])
    QApplication.sendEvent(empty_window, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(empty_window.drops.dropped) as dropped:
        QApplication.sendEvent(empty_window, drop)
    assert dropped.args == [[str(source)]]
    assert empty_window.task is not None  # the import runs
    _finish(qtbot, empty_window.task)
    assert empty_window.article_model.total == 1 and not empty_window.reader_pane.guide_shown()
