"""Draw Rasid's application icon (a radar sweep with one contact) as SVG, PNG, ICO and ICNS.

usage: .venv/bin/python scripts/make_icon.py   # writes resources/icons/rasid.{svg,png,ico,icns}

The SVG is the source of truth for the shape; the raster files are drawn from the same geometry
with Pillow (4x supersampled), so no SVG renderer is needed at build time. The outputs are
committed; rerun this script only when the design changes.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"

SIZE = 256
BACKGROUND = "#0f3d3e"
RING = "#7fe3c4"
CONTACT = "#ffd166"
CENTRE = (128, 128)
RINGS = ((92, 8), (62, 6), (32, 6))  # (radius, stroke width)
SWEEP = (-90.0, -35.0)  # degrees, clockwise from the x axis as in SVG
CONTACT_AT = (176, 84)
CONTACT_R = 12


def _point(angle: float, radius: float) -> tuple[float, float]:
    a = math.radians(angle)
    return CENTRE[0] + radius * math.cos(a), CENTRE[1] + radius * math.sin(a)


def svg() -> str:
    cx, cy = CENTRE
    outer = RINGS[0][0]
    x0, y0 = _point(SWEEP[0], outer)
    x1, y1 = _point(SWEEP[1], outer)
    rings = "\n".join(
        f'  <circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{RING}" stroke-width="{w}"/>'
        for r, w in RINGS
    )
    box = f'width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}"'
    wedge = f"M{cx},{cy} L{x0:.1f},{y0:.1f} A{outer},{outer} 0 0 1 {x1:.1f},{y1:.1f} Z"
    hand = f'x1="{cx}" y1="{cy}" x2="{x1:.1f}" y2="{y1:.1f}"'
    return f"""<svg xmlns="http://www.w3.org/2000/svg" {box}>
  <title>Rasid</title>
  <rect x="8" y="8" width="240" height="240" rx="48" fill="{BACKGROUND}"/>
  <path d="{wedge}" fill="{RING}" fill-opacity="0.35"/>
{rings}
  <line {hand} stroke="{RING}" stroke-width="8" stroke-linecap="round"/>
  <circle cx="{cx}" cy="{cy}" r="9" fill="{RING}"/>
  <circle cx="{CONTACT_AT[0]}" cy="{CONTACT_AT[1]}" r="{CONTACT_R}" fill="{CONTACT}"/>
</svg>
"""


def png(size: int = SIZE) -> Image.Image:
    k = 4 * size / SIZE  # supersampling factor over the 256-unit design grid

    def s(v: float) -> float:
        return v * k

    big = Image.new("RGBA", (round(s(SIZE)), round(s(SIZE))), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw.rounded_rectangle((s(8), s(8), s(248), s(248)), radius=s(48), fill=BACKGROUND)
    cx, cy = CENTRE
    outer = RINGS[0][0]
    sweep = Image.new("RGBA", big.size, (0, 0, 0, 0))
    ImageDraw.Draw(sweep).pieslice(
        (s(cx - outer), s(cy - outer), s(cx + outer), s(cy + outer)), SWEEP[0], SWEEP[1],
        fill=(0x7F, 0xE3, 0xC4, 89),
    )
    big = Image.alpha_composite(big, sweep)
    draw = ImageDraw.Draw(big)
    for r, w in RINGS:
        draw.ellipse((s(cx - r - w / 2), s(cy - r - w / 2), s(cx + r + w / 2), s(cy + r + w / 2)),
                     outline=RING, width=round(s(w)))
    x1, y1 = _point(SWEEP[1], outer)
    draw.line((s(cx), s(cy), s(x1), s(y1)), fill=RING, width=round(s(8)))
    for (x, y), r, colour in (((cx, cy), 9, RING), ((x1, y1), 4, RING), (CONTACT_AT, CONTACT_R, CONTACT)):
        draw.ellipse((s(x - r), s(y - r), s(x + r), s(y + r)), fill=colour)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "rasid.svg").write_text(svg(), encoding="utf-8")
    image = png(SIZE)
    image.save(OUT / "rasid.png")
    png(512).save(OUT / "rasid.icns", sizes=[(16, 16), (32, 32), (128, 128), (256, 256), (512, 512)])
    ico_sizes = [(n, n) for n in (16, 24, 32, 48, 64, 128, 256)]
    image.save(OUT / "rasid.ico", sizes=ico_sizes)
    for name in ("rasid.svg", "rasid.png", "rasid.ico", "rasid.icns"):
        print(OUT / name, (OUT / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
