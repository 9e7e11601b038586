"""Chart scenes as HTML for the report: shapes in an inline `<svg>`, labels as positioned HTML text.

Labels are not SVG `<text>`: WeasyPrint lays out SVG text one character at a time, so Arabic came
out unjoined and in the wrong order (checked with WeasyPrint 70). Absolutely positioned `<span>`s
go through its ordinary text layout (Pango: shaping, bidi) with the report's Amiri font, and a
browser shows them the same way. The fragment is well-formed XML.
"""

from __future__ import annotations

from html import escape

from desktop.export.scene import FONT, Circle, Line, Polygon, Rect, Scene, Shape, Text, font_extent

# Added to the report's stylesheet.
CHART_CSS = (
    ".chart { position: relative; margin: 4pt 0; break-inside: avoid; }\n"
    ".chart svg { position: absolute; left: 0; top: 0; }\n"
    '.chart span { position: absolute; white-space: nowrap; font-family: "' + FONT + '"; }\n'
)
LINE_HEIGHT = 1.2  # ems, the line box of a label


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _paint(shape: Shape) -> str:
    out = f'fill="{shape.fill or "none"}"'
    if shape.opacity < 1:
        out += f' fill-opacity="{shape.opacity:g}"'
    if shape.stroke and shape.stroke_width:
        out += f' stroke="{shape.stroke}" stroke-width="{shape.stroke_width:g}"'
    return out


def _shape(item: Rect | Polygon | Circle | Line) -> str:
    if isinstance(item, Line):
        return (
            f'<line x1="{_n(item.x1)}" y1="{_n(item.y1)}" x2="{_n(item.x2)}" y2="{_n(item.y2)}" '
            f'stroke="{item.color}" stroke-width="{item.width:g}"/>'
        )
    if isinstance(item, Polygon):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
        return f'<polygon points="{points}" {_paint(item)}/>'
    if isinstance(item, Circle):
        tag, where = "circle", f'cx="{_n(item.cx)}" cy="{_n(item.cy)}" r="{_n(item.r)}"'
    else:
        tag, where = "rect", f'x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" height="{_n(item.h)}"'
    if not item.tip:
        return f"<{tag} {where} {_paint(item)}/>"
    return f"<{tag} {where} {_paint(item)}><title>{escape(item.tip)}</title></{tag}>"


def svg_markup(scene: Scene) -> str:
    """An `<svg>` element with the scene's shapes (its labels are left out: see `chart_html`)."""
    w, h = _n(scene.width), _n(scene.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
        f'<rect x="0" y="0" width="{w}" height="{h}" fill="{scene.background}"/>',
    ]
    parts += [_shape(item) for item in scene.items if not isinstance(item, Text)]
    parts.append("</svg>")
    return "".join(parts)


def label_html(text: Text) -> str:
    """A `<span>` whose text has its anchor, baseline and rotation where `text` says."""
    box = text.width * 1.25 + 8  # wider than the text, which is aligned inside it
    line = LINE_HEIGHT * text.size
    ascent, descent = font_extent()
    # CSS centres the font's ascent + descent in the line box; the baseline follows.
    baseline_in_box = ((LINE_HEIGHT - ascent - descent) / 2 + ascent) * text.size
    left = text.x + text.left_offset(box)
    top = text.y + text.baseline_offset() - baseline_in_box
    style = (
        f"left:{_n(left)}px;top:{_n(top)}px;width:{_n(box)}px;font-size:{_n(text.size)}px;"
        f"line-height:{_n(line)}px;text-align:{text.align};color:{text.color}"
    )
    if text.bold:
        style += ";font-weight:bold"
    if text.angle:
        style += (
            f";transform:rotate({text.angle:g}deg);"
            f"transform-origin:{_n(text.x - left)}px {_n(text.y - top)}px"
        )
    direction = "rtl" if text.rtl else "ltr"
    return f'<span dir="{direction}" style="{style}">{escape(text.text)}</span>'


def chart_html(scene: Scene, name: str = "") -> str:
    """The scene as a `<div class="chart">`: the SVG shapes with the labels positioned over them."""
    labels = "".join(label_html(item) for item in scene.items if isinstance(item, Text))
    size = f"width:{_n(scene.width)}px;height:{_n(scene.height)}px"
    title = f' data-chart="{escape(name)}"' if name else ""
    return f'<div class="chart"{title} style="{size}">{svg_markup(scene)}{labels}</div>'
