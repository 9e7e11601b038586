"""The offline basemap: country outlines from `resources/basemap/mena.geojson`, projected into a chart box.

Equirectangular projection with a cos(latitude) aspect (good enough over a region), fitted to the
box; outlines are clipped to it and thinned to about a pixel, so a scene carries only what shows.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from desktop.errors import ResourceError
from desktop.export.scene import Point, Polygon
from desktop.resources import resource_path

Ring = list[tuple[float, float]]
Extent = tuple[float, float, float, float]  # lon_min, lon_max, lat_min, lat_max

LAND = "#f2efe6"
BORDER = "#9a9486"
SEA = "#dbe7f0"
WINDOW: Extent = (-20.0, 75.0, 0.0, 48.0)  # what mena.geojson covers (its "bbox")


@lru_cache(maxsize=1)
def country_rings() -> tuple[tuple[str, tuple[Ring, ...]], ...]:
    """(name, outer rings) of every country in the basemap."""
    path = resource_path("basemap", "mena.geojson")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"The basemap {path.name} is damaged ({exc}); reinstall Rasid.") from exc
    out = []
    for f in data["features"]:
        polys = f["geometry"]["coordinates"]
        rings = tuple([(float(x), float(y)) for x, y in poly[0]] for poly in polys)
        out.append((str(f["properties"].get("name", "")), rings))
    return tuple(out)


def extent_of(points: list[tuple[float, float]], min_span: float = 4.0, pad: float = 0.15) -> Extent:
    """A map window around (lon, lat) points, at least `min_span` degrees wide; MENA when empty."""
    if not points:
        return (25.0, 60.0, 12.0, 42.0)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    w = max(max(lons) - min(lons), min_span) * (1 + 2 * pad)
    h = max(max(lats) - min(lats), min_span * 0.75) * (1 + 2 * pad)
    return (cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2)


@dataclass(frozen=True)
class MapView:
    """An extent shown in the box (x, y, w, h) of a scene, `scale` pixels per degree of latitude."""

    extent: Extent
    x: float
    y: float
    w: float
    h: float
    scale: float
    aspect: float  # cos(central latitude): a degree of longitude is this much shorter

    def project(self, lon: float, lat: float) -> Point:
        return (
            self.x + (lon - self.extent[0]) * self.scale * self.aspect,
            self.y + (self.extent[3] - lat) * self.scale,
        )


def fit_view(extent: Extent, x: float, y: float, w: float, h: float, window: Extent = WINDOW) -> MapView:
    """The view showing at least `extent` in the box, widened to fill it but not past the basemap's
    `window` (the box then shrinks, centred, to the part of the window it can show)."""
    lon0, lon1, lat0, lat1 = extent
    aspect = math.cos(math.radians((lat0 + lat1) / 2))
    scale = min(w / ((lon1 - lon0) * aspect), h / (lat1 - lat0))
    spans = [
        min(w / (scale * aspect), max(window[1] - window[0], lon1 - lon0)),
        min(h / scale, max(window[3] - window[2], lat1 - lat0)),
    ]
    shown = []
    for (low, high), (edge0, edge1), span in zip(
        ((lon0, lon1), (lat0, lat1)), ((window[0], window[1]), (window[2], window[3])), spans, strict=True
    ):
        start = (low + high - span) / 2
        start = max(edge0, min(start, edge1 - span)) if high - low <= edge1 - edge0 else start
        shown.append((start, start + span))
    (view_lon0, view_lon1), (view_lat0, view_lat1) = shown
    box_w, box_h = spans[0] * scale * aspect, spans[1] * scale
    return MapView(
        (view_lon0, view_lon1, view_lat0, view_lat1),
        x + (w - box_w) / 2,
        y + (h - box_h) / 2,
        box_w,
        box_h,
        scale,
        aspect,
    )


def clip_ring(ring: list[Point], x0: float, y0: float, x1: float, y1: float) -> list[Point]:
    """Sutherland-Hodgman clipping of a closed ring to the rectangle [x0, x1] x [y0, y1]."""

    def at_x(edge: float) -> Callable[[Point, Point], Point]:
        return lambda a, b: (edge, a[1] + (b[1] - a[1]) * (edge - a[0]) / (b[0] - a[0]))

    def at_y(edge: float) -> Callable[[Point, Point], Point]:
        return lambda a, b: (a[0] + (b[0] - a[0]) * (edge - a[1]) / (b[1] - a[1]), edge)

    sides: tuple[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]], ...] = (
        (lambda p: p[0] >= x0, at_x(x0)),
        (lambda p: p[0] <= x1, at_x(x1)),
        (lambda p: p[1] >= y0, at_y(y0)),
        (lambda p: p[1] <= y1, at_y(y1)),
    )
    points = ring
    for inside, cross in sides:
        out: list[Point] = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        points = out
    return points


def thin(points: list[Point], tolerance: float = 0.8) -> list[Point]:
    """Drop points closer than `tolerance` pixels to the last one kept."""
    out: list[Point] = []
    for p in points:
        if not out or abs(p[0] - out[-1][0]) + abs(p[1] - out[-1][1]) >= tolerance:
            out.append(p)
    return out


def basemap_polygons(view: MapView) -> list[Polygon]:
    """Land of every country that shows in the view, clipped to its box, with its borders."""
    lon0, lon1, lat0, lat1 = view.extent
    out = []
    for _, rings in country_rings():
        for ring in rings:
            if all(lon < lon0 for lon, _ in ring) or all(lon > lon1 for lon, _ in ring):
                continue
            if all(lat < lat0 for _, lat in ring) or all(lat > lat1 for _, lat in ring):
                continue
            projected = thin([view.project(lon, lat) for lon, lat in ring])
            clipped = clip_ring(projected, view.x, view.y, view.x + view.w, view.y + view.h)
            if len(clipped) >= 3:
                out.append(Polygon(tuple(clipped), fill=LAND, stroke=BORDER, stroke_width=0.6))
    return out
