"""GeoJSON export (RFC 7946): one Point feature per located incident, [longitude, latitude], WGS 84.

Incidents without valid coordinates are left out (their count is returned); properties carry the
resolved ACLED fields, the Arabic location and actor names as written, and the review status.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.export.filters import ExportFilter, ProgressFn, collect
from desktop.export.records import resolve
from desktop.store.event_ids import assign_event_ids

if TYPE_CHECKING:
    from desktop.store.project import Project


def build_geojson(
    project: Project, flt: ExportFilter | None = None, lang: str = "en", progress: ProgressFn | None = None
) -> tuple[dict[str, Any], int]:
    """The FeatureCollection and the number of incidents left out for lack of coordinates."""
    data = collect(project, flt, with_entities=False, progress=progress)
    records = [resolve(i, arabic=lang == "ar") for i in data.incidents]
    ids = assign_event_ids(project, [(r.id, r.iso3) for r in records])
    features: list[dict[str, Any]] = []
    skipped = 0
    for r in records:
        if r.latitude is None or r.longitude is None:
            skipped += 1
            continue
        features.append(
            {
                "type": "Feature",
                "id": ids[r.id],
                "geometry": {"type": "Point", "coordinates": [round(r.longitude, 6), round(r.latitude, 6)]},
                "properties": {
                    "event_id_cnty": ids[r.id],
                    "incident_id": r.id,
                    "article_id": r.article_id,
                    "event_date": r.event_date or None,
                    "time_precision": r.time_precision,
                    "disorder_type": r.disorder_type,
                    "event_type": r.event_type,
                    "sub_event_type": r.sub_event_type,
                    "actor1": r.actor1,
                    "actor2": r.actor2,
                    "actor1_text": r.actor1_text,
                    "actor2_text": r.actor2_text,
                    "inter1": r.inter1,
                    "inter2": r.inter2,
                    "interaction": r.interaction,
                    "country": r.country_name,
                    "iso": r.country.numeric if r.country else None,
                    "admin1": r.admin1,
                    "location": r.location,
                    "location_ar": r.location_ar,
                    "geo_precision": r.geo_precision,
                    "fatalities": r.fatalities,
                    "injuries": r.injuries,
                    "weapon": r.weapon or None,
                    "source": r.source,
                    "status": r.status,
                    "origin": r.origin,
                    "tags": r.tags,
                    "notes": r.notes(lang == "ar"),
                },
            }
        )
    if features:
        lons = [f["geometry"]["coordinates"][0] for f in features]
        lats = [f["geometry"]["coordinates"][1] for f in features]
        bbox: list[float] | None = [min(lons), min(lats), max(lons), max(lats)]
    else:
        bbox = None
    out: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if bbox:
        out["bbox"] = bbox
    return out, skipped


def write_geojson(
    project: Project,
    out: str | Path,
    flt: ExportFilter | None = None,
    lang: str = "en",
    progress: ProgressFn | None = None,
) -> int:
    """Write the GeoJSON file; returns the number of features."""
    collection, _ = build_geojson(project, flt, lang, progress)
    Path(out).write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return len(collection["features"])
