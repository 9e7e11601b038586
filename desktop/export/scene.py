"""Backend-free chart scenes: shapes and labels in chart coordinates, drawn by SVG/HTML or QPainter.

A `Scene` is a size (CSS pixels) and a list of primitives painted in order: `Rect`, `Polygon`,
`Circle`, `Line` and `Text`. Bars and markers carry the incident ids behind them, so the dashboard
can turn a click into a selection with `Scene.ids_at`. Text stays in logical order and is never
reshaped: WeasyPrint (HTML labels) and Qt shape and order Arabic themselves; `Text.rtl` gives the
base direction. Layout measures text with the advance widths of the bundled Amiri font (isolated
forms, so Arabic is measured a little wide, never narrow).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from desktop.resources import resource_path

Point = tuple[float, float]
Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom", "baseline"]

FONT = "Amiri"
# Where the baseline sits below the top of a line, and above its visual middle, in ems (Amiri).
TOP_TO_BASELINE = 0.8
MIDDLE_TO_BASELINE = 0.3
MISSING_WIDTH = 0.55  # ems, for a character the font lacks


@dataclass(frozen=True, kw_only=True)
class Shape:
    """How a filled shape is painted ("" = no fill, no outline)."""

    fill: str = ""
    stroke: str = ""
    stroke_width: float = 0.0
    opacity: float = 1.0  # of the fill


@dataclass(frozen=True, kw_only=True)
class Mark(Shape):
    """A shape that stands for incidents: a click on it selects them, `tip` describes them."""

    ids: tuple[int, ...] = ()
    tip: str = ""


@dataclass(frozen=True)
class Rect(Mark):
    x: float
    y: float
    w: float
    h: float

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h


@dataclass(frozen=True)
class Circle(Mark):
    cx: float
    cy: float
    r: float

    def contains(self, x: float, y: float, slack: float = 2.0) -> bool:
        return math.hypot(x - self.cx, y - self.cy) <= self.r + slack


@dataclass(frozen=True)
class Polygon(Shape):
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 1.0


@dataclass(frozen=True)
class Text:
    """A one-line label anchored at (x, y): `align` says which edge of the text x is, `valign` which line."""

    x: float
    y: float
    text: str
    size: float
    color: str = "#222222"
    align: Align = "left"
    valign: VAlign = "middle"
    rtl: bool = False
    bold: bool = False
    angle: float = 0.0  # degrees, clockwise, about (x, y)

    @property
    def width(self) -> float:
        return text_width(self.text, self.size, self.bold)

    def baseline_offset(self) -> float:
        """Baseline minus y, before rotation."""
        if self.valign == "top":
            return TOP_TO_BASELINE * self.size
        if self.valign == "middle":
            return MIDDLE_TO_BASELINE * self.size
        if self.valign == "bottom":
            return -(1.2 - TOP_TO_BASELINE) * self.size
        return 0.0

    def left_offset(self, width: float | None = None) -> float:
        """Left edge of the text minus x, before rotation, for a text `width` wide (default: measured)."""
        w = self.width if width is None else width
        return {"left": 0.0, "center": -w / 2, "right": -w}[self.align]


Item = Rect | Polygon | Circle | Line | Text


@dataclass
class Scene:
    """A chart: its size and the primitives drawn in order (later ones on top)."""

    width: float
    height: float
    items: list[Item] = field(default_factory=list)
    background: str = "#ffffff"

    def add(self, *items: Item) -> None:
        self.items.extend(items)

    def selectable(self) -> list[Rect | Circle]:
        """Bars and markers that stand for incidents, in drawing order."""
        return [i for i in self.items if isinstance(i, Rect | Circle) and i.ids]

    def item_at(self, x: float, y: float) -> Rect | Circle | None:
        """The topmost bar or marker under (x, y), or None."""
        for item in reversed(self.selectable()):
            if item.contains(x, y):
                return item
        return None

    def ids_at(self, x: float, y: float) -> list[int]:
        item = self.item_at(x, y)
        return list(item.ids) if item else []

    def texts(self) -> list[str]:
        return [i.text for i in self.items if isinstance(i, Text)]


def is_rtl(text: str) -> bool:
    """True when the first strong character is right-to-left (the `dir="auto"` rule)."""
    for ch in text:
        o = ord(ch)
        if 0x0590 <= o <= 0x08FF or 0xFB1D <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
            return True
        if ch.isalpha():
            return False
    return False


@lru_cache(maxsize=2)
def _font(bold: bool) -> tuple[dict[int, float], float, float]:
    """Amiri's advance width (ems) per code point, ascent and descent (ems, both positive)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    path = resource_path("fonts", "Amiri-Bold.ttf" if bold else "Amiri-Regular.ttf")
    with TTFont(str(path), lazy=True) as font:
        upm = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()
        widths = {cp: metrics[glyph][0] / upm for cp, glyph in cmap.items() if glyph in metrics}
        return widths, font["hhea"].ascent / upm, -font["hhea"].descent / upm


def font_extent() -> tuple[float, float]:
    """Ascent and descent of the chart font in ems (where a CSS line box puts the baseline)."""
    _, ascent, descent = _font(False)
    return ascent, descent


def text_width(text: str, size: float, bold: bool = False) -> float:
    widths = _font(bold)[0]
    return sum(widths.get(ord(ch), MISSING_WIDTH) for ch in text) * size


def fit_text(text: str, size: float, max_width: float) -> str:
    """`text`, cut with an ellipsis (logical order kept) so that it is at most `max_width` wide."""
    if text_width(text, size) <= max_width:
        return text
    while text and text_width(text + "…", size) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def nice_ticks(low: float, high: float, count: int = 5, integer: bool = False) -> list[float]:
    """About `count` round tick values (1, 2, 2.5 or 5 times a power of ten) covering [low, high]."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    step = next(s * power for s in steps if s * power >= raw)
    if integer:
        step = max(1.0, round(step))
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value < high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def format_tick(value: float) -> str:
    return f"{value:g}"
