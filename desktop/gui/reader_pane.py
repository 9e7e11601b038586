"""The reading pane: the article's title and metadata, the entity legend, the reader, tags and note;
for a project without articles, a guide to importing them."""

from __future__ import annotations

from desktop.gui.empty_guide import EmptyProjectGuide
from desktop.gui.i18n import tr
from desktop.gui.plain import PlainLabel
from desktop.gui.qt import QCheckBox, QHBoxLayout, QLineEdit, QStackedLayout, Qt, QVBoxLayout, QWidget
from desktop.gui.reader import ArticleReader
from desktop.gui.theme import ENTITY_TYPES, entity_colour, type_label
from desktop.settings import Settings


class Legend(QWidget):
    """One checkbox per entity type, coloured like its highlight; unchecking hides that type."""

    def __init__(self, reader: ArticleReader, hidden: set[str]) -> None:
        super().__init__()
        self.setObjectName("legend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for t in ENTITY_TYPES:
            box = QCheckBox(type_label(t))
            box.setChecked(t not in hidden)
            box.setStyleSheet(f"QCheckBox {{ background: {entity_colour(t).name()}; padding: 1px 4px; }}")
            box.toggled.connect(lambda on, t=t: reader.set_type_visible(t, on))
            layout.addWidget(box)
            self.boxes[t] = box
        layout.addStretch(1)


class ReaderPane(QWidget):
    """The centre of the reading tab; the window fills it and listens to its editors. An open
    project without articles shows the `guide` to importing instead (`show_guide`)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerPane")
        self.stack = QStackedLayout(self)
        reading = self.reading = QWidget()
        self.guide = EmptyProjectGuide()
        self.stack.addWidget(reading)
        self.stack.addWidget(self.guide)
        layout = QVBoxLayout(reading)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = PlainLabel()
        self.title.setObjectName("articleTitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.title.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.meta = PlainLabel()
        self.meta.setStyleSheet("color: #555;")
        self.reader = ArticleReader(font_size=settings.reader_font_size)
        self.reader.set_zoom(settings.reader_zoom)
        self.reader.set_hidden_types(set(settings.hidden_entity_types))
        title_font = self.reader.font()
        title_font.setBold(True)
        title_font.setPointSize(settings.reader_font_size + 3)
        self.title.setFont(title_font)
        self.legend = Legend(self.reader, set(settings.hidden_entity_types))
        tags_row = QHBoxLayout()
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("tags")
        self.tags_edit.setPlaceholderText(tr("Tags, separated by commas"))
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("note")
        self.note_edit.setPlaceholderText(tr("Note"))
        tags_row.addWidget(PlainLabel(tr("Tags")))
        tags_row.addWidget(self.tags_edit, 1)
        tags_row.addWidget(PlainLabel(tr("Note")))
        tags_row.addWidget(self.note_edit, 2)
        for w in (self.title, self.meta, self.legend):
            layout.addWidget(w)
        layout.addWidget(self.reader, 1)
        layout.addLayout(tags_row)

    def show_guide(self, shown: bool) -> None:
        """The import guide (an empty project) or the article."""
        self.stack.setCurrentWidget(self.guide if shown else self.reading)

    def guide_shown(self) -> bool:
        return self.stack.currentWidget() is self.guide
