"""Text from articles and files always shown as plain text: labels, tooltips and message boxes.

Qt guesses whether a string is rich text (`Qt::mightBeRichText`) wherever a widget's text format
is `AutoText`, the default of `QLabel`, tooltips and `QMessageBox`. A title such as
`<h1>…</h1><img src="file:///…">` is then drawn as a heading and the local file is loaded. Every
widget that shows a title, a source, a file name or a message built from them uses these helpers.
"""

from __future__ import annotations

import html

from desktop.gui.qt import QLabel, QMessageBox, Qt, QWidget


class PlainLabel(QLabel):
    """A `QLabel` that never interprets its text as HTML (no links, no images, no markup)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally: escaped into rich text Qt will not re-interpret."""
    if not text:
        return ""
    return "<qt>" + html.escape(text, quote=False).replace("\n", "<br>") + "</qt>"


def message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, modal: bool = True
) -> QMessageBox:
    """A message box whose text is plain; shown (`exec`) when `modal`, else returned unshown."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if modal:
        box.exec()
    return box
