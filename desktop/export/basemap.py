"""The offline basemap: country outlines from `resources/basemap/mena.geojson`, drawn on a matplotlib axes."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from desktop.errors import ResourceError
from desktop.resources import resource_path

Ring = list[tuple[float, float]]

LAND = "#f2efe6"
BORDER = "#9a9486"
SEA = "#dbe7f0"


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


def draw_basemap(ax: Any, extent: tuple[float, float, float, float]) -> None:
    """Fill land and country borders on `ax` and set its extent (lon_min, lon_max, lat_min, lat_max)."""
    from matplotlib.collections import PolyCollection

    polys = [ring for _, rings in country_rings() for ring in rings]
    ax.set_facecolor(SEA)
    ax.add_collection(PolyCollection(polys, facecolors=LAND, edgecolors=BORDER, linewidths=0.6, zorder=1))
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_aspect("equal", adjustable="box")
    ax.tick_params(labelsize=7, colors="#666666")


def extent_of(
    points: list[tuple[float, float]], min_span: float = 4.0, pad: float = 0.15
) -> tuple[float, float, float, float]:
    """A map window around (lon, lat) points, at least `min_span` degrees wide; MENA when empty."""
    if not points:
        return (25.0, 60.0, 12.0, 42.0)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    w = max(max(lons) - min(lons), min_span) * (1 + 2 * pad)
    h = max(max(lats) - min(lats), min_span * 0.75) * (1 + 2 * pad)
    return (cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2)
