"""Colours and fonts: entity highlight colours by type, and registration of the bundled Arabic font."""

from __future__ import annotations

import logging

from desktop.errors import ResourceError
from desktop.gui.i18n import tr
from desktop.gui.qt import QColor, QFont, QFontDatabase
from desktop.resources import resource_path

log = logging.getLogger(__name__)

# Every type the entity stage makes (README: Entity types). ACTOR is a generic group that acts but is
# not a name (قوات الأمن، مسلحون مجهولون): its own colour, not MISC's.
ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "ACTOR", "LOC", "WEAPON", "DATE", "NUM", "MISC")

# Light backgrounds that keep black Arabic text readable; one hue per type.
ENTITY_COLOURS: dict[str, str] = {
    "PER": "#cfe3ff",
    "ORG": "#e6d5ff",
    "ACTOR": "#dde9a3",
    "LOC": "#c9f0d0",
    "WEAPON": "#ffd0cc",
    "DATE": "#ffe7b3",
    "NUM": "#c8eeee",
    "MISC": "#e4e4e4",
}
EVIDENCE_COLOUR = "#fff176"
FIELD_EVIDENCE_COLOUR = "#ffb74d"
# Words a search matched: white on deep purple, unlike every pale entity colour and the evidence marks.
SEARCH_MATCH_BACKGROUND = "#6a1b9a"
SEARCH_MATCH_TEXT = "#ffffff"

STATUS_COLOURS: dict[str, str] = {
    "new": "#5f6b7a",
    "accepted": "#1b7f3b",
    "edited": "#1f5fbf",
    "rejected": "#b3261e",
}

FONT_FILES = ("Amiri-Regular.ttf", "Amiri-Bold.ttf")
_families: list[str] = []


def type_label(entity_type: str) -> str:
    """An entity type as the legend and the menus name it: its code in English (ACTOR), its Arabic
    name in Arabic (فاعل)."""
    return tr(entity_type)


def entity_colour(entity_type: str) -> QColor:
    return QColor(ENTITY_COLOURS.get(entity_type, ENTITY_COLOURS["MISC"]))


def register_fonts() -> str | None:
    """Register the bundled Arabic font with Qt once; returns its family name (None when missing)."""
    if _families:
        return _families[0]
    for name in FONT_FILES:
        try:
            path = resource_path("fonts", name)
        except ResourceError as exc:
            log.warning("%s", exc)
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Qt could not load the font %s", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _families:
                _families.append(family)
    return _families[0] if _families else None


def reader_font(point_size: int) -> QFont:
    """The font for article text: the bundled Arabic family at `point_size`."""
    family = register_fonts()
    font = QFont(family) if family else QFont()
    font.setPointSize(point_size)
    return font
