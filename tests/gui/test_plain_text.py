"""Titles, sources and messages built from them are shown as plain text, never as HTML (issue 19 #9)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from desktop.gui.qt import QApplication, QMessageBox, Qt, QTimer
from desktop.store.project import Project
from desktop.store.writes import Extraction, NewArticle, add_article

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()

HOSTILE_TITLE = '<h1>عنوان كبير</h1><img src="file:///etc/rasid-test.png">'
HOSTILE_SOURCE = "<b>مصدر</b> &amp; <a href='file:///etc'>رابط</a>"


def test_titles_and_sources_render_as_plain_text(window: Any, tmp_path: Path) -> None:
    text = "نص قصير عن هجوم في الموصل."
    with window.ops.worker_project() as project:
        assert isinstance(project, Project)
        aid, _ = add_article(
            project,
            NewArticle(
                "h-1",
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                HOSTILE_TITLE,
                "2024-01-01",
                HOSTILE_SOURCE,
            ),
            Extraction(),
        )
    window.article_pane.reload()
    assert window.wait_for_reads()
    window.select_article(aid)
    assert window.wait_for_reads()
    assert window.article_title.text() == HOSTILE_TITLE  # shown as written, tags and all
    assert HOSTILE_SOURCE in window.article_meta.text()
    for label in (window.article_title, window.article_meta, window.status_label):
        assert label.textFormat() == Qt.TextFormat.PlainText

    model = window.article_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == aid)
    tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<h1>" not in tip and "<img" not in tip and "&lt;h1&gt;" in tip  # escaped: drawn literally

    seen: list[tuple[Qt.TextFormat, str]] = []

    def look_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.textFormat(), box.text()))
        box.close()

    window.quiet_errors = False
    QTimer.singleShot(50, look_and_close)
    window.show_error(f"Cannot read {HOSTILE_TITLE}")  # modal: the timer answers it
    assert seen == [(Qt.TextFormat.PlainText, f"Cannot read {HOSTILE_TITLE}")]
