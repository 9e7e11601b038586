"""What the reader area shows for an open project without articles: how to bring articles in.

It replaces a blank pane until the first import: File → Import articles… (or its button here),
dropping files on the window, and the formats the importers read (from `READERS`, so the list
cannot fall behind them).
"""

from __future__ import annotations

from desktop.gui.i18n import tr
from desktop.gui.plain import PlainLabel
from desktop.gui.qt import QFont, QHBoxLayout, QPushButton, Qt, QVBoxLayout, QWidget, Signal


def accepted_formats() -> str:
    """The file types the import reads, as a list for people: `.txt, .text, … and their .gz`."""
    from desktop.importing.readers import READERS

    # one left-to-right run (an isolate): in an Arabic sentence the dots would otherwise drift
    listed = "\u2066" + ", ".join(READERS) + "\u2069"
    return tr("{formats}, each also compressed as .gz").format(formats=listed)


class EmptyProjectGuide(QWidget):
    """A short guide to the first import, with a button that opens the import dialog."""

    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyProjectGuide")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        heading = PlainLabel(tr("This project has no articles yet"))
        heading.setObjectName("emptyGuideHeading")
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSize(font.pointSize() + 4)
        heading.setFont(font)
        layout.addWidget(heading)
        self.lines: list[PlainLabel] = []
        for text in (
            tr("Choose File → Import articles… (Ctrl+I) and pick one or more files."),
            tr("Or drop files or whole folders from your file manager on this window."),
            tr("Accepted: {formats}.").format(formats=accepted_formats()),
            tr(
                "A JSONL, JSON or CSV file holds many articles (fields id, title, date, text); every other "
                "file is one article."
            ),
            tr("Each article is read, its names and incidents are extracted, and it appears in the list."),
        ):
            label = PlainLabel(text)
            label.setWordWrap(True)
            layout.addWidget(label)
            self.lines.append(label)
        row = QHBoxLayout()
        self.import_button = QPushButton(tr("Import articles…"))
        self.import_button.setObjectName("emptyGuideImport")
        self.import_button.clicked.connect(lambda _=False: self.importRequested.emit())
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        for label in (heading, *self.lines):
            label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)

    def text(self) -> str:
        """Everything the guide says (tests, accessibility)."""
        return "\n".join(w.text() for w in self.findChildren(PlainLabel))
