"""Rasid's file dialogs: always Qt's own widget dialog, opened window-modal, in the interface language.

A platform's native dialog (GTK, KDE portal) speaks the desktop's language, not Rasid's, and
offscreen or on a bare X server there is none: Qt's widget dialog is used everywhere, so with the
Arabic interface it is Arabic and right-to-left (its strings come from qtbase_ar and the supplement
in `desktop.gui.app`). The dialogs are opened with `open()`, not `exec()`: the caller connects to
`fileSelected`/`filesSelected`, and a test can reach the real dialog, read it and accept it.
"""

from __future__ import annotations

from desktop.gui.qt import QFileDialog, QLabel, QPushButton, QWidget

# Room around a button's or label's text beyond its advance (frame and the style's margins), so a
# style that sizes a button by a shorter translation never cuts a word (the "إلغ" of "إلغاء").
TEXT_PADDING = 16


def text_width(widget: QLabel | QPushButton) -> int:
    """How wide the widget's text is drawn (the mnemonic `&` is not drawn)."""
    return widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))


def unclip(dialog: QWidget) -> None:
    """Give every label and push button of `dialog` at least the width of its text."""
    for button in dialog.findChildren(QPushButton):
        if button.text():
            button.setMinimumWidth(max(button.minimumWidth(), text_width(button) + TEXT_PADDING))
    for label in dialog.findChildren(QLabel):
        if label.text() and not label.wordWrap():
            label.setMinimumWidth(max(label.minimumWidth(), text_width(label)))


def file_dialog(
    parent: QWidget,
    title: str,
    name_filter: str,
    *,
    save: bool = False,
    many: bool = False,
    default_suffix: str = "",
) -> QFileDialog:
    """A Qt widget file dialog (never native): to save one file, or to open one (`many`: several)."""
    dialog = QFileDialog(parent, title, "", name_filter)
    dialog.setObjectName("fileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    if default_suffix:
        dialog.setDefaultSuffix(default_suffix)
    unclip(dialog)  # after the mode: it sets the accept button's text (Open, Save)
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    return dialog
