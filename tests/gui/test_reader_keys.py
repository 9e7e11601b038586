"""Keyboard navigation in the reader: Ctrl+End and Ctrl+Home reach the real end and start of the article."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gui.qt import Qt
from desktop.gui.reader import ArticleReader
from desktop.gui.reads import settle

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

PARAGRAPH = "قصفت طائرات حربية بلدة سرمين في ريف إدلب، ما أدى إلى مقتل خمسة مدنيين وإصابة آخرين بجروح. 📰"
LAST = "وقال المرصد إن الحصيلة مرشحة للارتفاع."


def test_ctrl_end_and_ctrl_home_reach_the_ends_of_a_long_article(qtbot: Any) -> None:
    reader = ArticleReader()
    qtbot.addWidget(reader)
    reader.resize(600, 400)
    text = "\n".join([PARAGRAPH] * 3000 + [LAST])  # ~300,000 characters, astral ones among them
    reader.set_article(text, [])
    reader.show()
    qtbot.waitExposed(reader)
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    settle()
    cursor = reader.textCursor()
    assert cursor.position() == reader.position_map.qt_length
    assert reader.position_map.to_offset(cursor.position()) == len(text)
    bar = reader.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0  # the end is on screen
    qtbot.keyClick(reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert reader.textCursor().position() == 0 and bar.value() == 0
