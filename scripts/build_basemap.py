"""Build `resources/basemap/mena.geojson`: country outlines of the Middle East, North Africa and neighbours.

Run once (needs network for the first step only):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_basemap.py package/countries-50m.json resources/basemap/mena.geojson

The input is Natural Earth's 1:50m admin-0 countries (public domain) as TopoJSON, packaged by
Mike Bostock's `world-atlas` (ISC). The script decodes the TopoJSON arcs, clips every ring to the
map window (Sutherland-Hodgman), rounds coordinates to 0.01 degree, drops repeated points and writes
an RFC 7946 FeatureCollection with each country's ISO 3166 numeric code and English name.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.export.basemap import clip_ring

log = logging.getLogger(__name__)

# lon_min, lat_min, lon_max, lat_max: Morocco and the Sahel to Pakistan, the Horn of Africa to the Caucasus.
WINDOW = (-20.0, 0.0, 75.0, 48.0)
Point = tuple[float, float]
Ring = list[Point]


def decode_arcs(topo: dict[str, Any]) -> list[Ring]:
    """Absolute [lon, lat] coordinates of every TopoJSON arc (quantized, delta-encoded)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        pts: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_of(indices: list[int], arcs: list[Ring]) -> Ring:
    out: Ring = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out


def clip(ring: Ring, window: tuple[float, float, float, float]) -> Ring:
    """Sutherland-Hodgman clipping of a closed ring to an axis-aligned rectangle (the app's own
    clipping, `desktop.export.basemap.clip_ring`, without the ring's repeated closing point)."""
    pts = ring[:-1] if ring and ring[0] == ring[-1] else ring
    return clip_ring(pts, *window)


def compact(ring: Ring) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, 2), round(y, 2)]
        if not out or p != out[-1]:
            out.append(p)
    if len(out) >= 3 and out[0] != out[-1]:
        out.append(out[0])
    return out


def build(topo: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        kept: list[list[list[list[float]]]] = []
        for poly in polys:
            outer = compact(clip(ring_of(poly[0], arcs), WINDOW))
            if len(outer) < 4:
                continue
            holes = [compact(clip(ring_of(r, arcs), WINDOW)) for r in poly[1:]]
            kept.append([outer, *[h for h in holes if len(h) >= 4]])
        if not kept:
            continue
        features.append(
            {
                "type": "Feature",
                "id": str(geom.get("id", "")),
                "properties": {"name": geom.get("properties", {}).get("name", "")},
                "geometry": {"type": "MultiPolygon", "coordinates": kept},
            }
        )
    return {
        "type": "FeatureCollection",
        "bbox": list(WINDOW),
        "source": "Natural Earth 1:50m admin-0 countries (public domain) via world-atlas 2.0.2",
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
    parser.add_argument("output", type=Path, help="GeoJSON to write")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    data = build(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    log.info("%d countries, %d bytes", len(data["features"]), args.output.stat().st_size)


if __name__ == "__main__":
    main()
