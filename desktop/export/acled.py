"""ACLED CSV export: the 31 ACLED columns in codebook order, then Rasid's `injuries`.

Analyst values win over machine values; rejected incidents are left out unless asked for (then
tagged `rasid:rejected`). Text cells a spreadsheet would evaluate (starting with `=`, `+`, `-`, `@`,
tab or carriage return) get a leading single quote. UTF-8, optionally with a BOM for Excel.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.export.filters import ExportFilter, ExportSet, ProgressFn, collect
from desktop.export.records import ResolvedIncident, resolve
from desktop.store.event_ids import assign_event_ids

if TYPE_CHECKING:
    from desktop.store.project import Project

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
COLUMNS: tuple[str, ...] = (*ACLED_COLUMNS, "injuries")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# C0 controls (but tab, line feed and carriage return) and DEL: invisible, meaningless in a cell, and
# dropped by openpyxl or a spreadsheet, which would bring a formula behind them to the front.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Format characters (bidi marks, zero-width, BOM) a spreadsheet may skip before reading a formula;
# they carry meaning in Arabic text, so they stay, but the check looks past them.
_INVISIBLE_LEAD = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]*")


def strip_controls(value: str) -> str:
    """`value` without the control characters a cell cannot show (tab, LF and CR kept)."""
    return CONTROL_CHARS.sub("", value)


def neutralize(value: Any) -> Any:
    """A text cell that cannot run as a spreadsheet formula (numbers pass through unchanged).

    Control characters are removed first, then a cell whose first visible character starts a
    formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading quote."""
    if not isinstance(value, str):
        return value
    value = strip_controls(value)
    lead = _INVISIBLE_LEAD.match(value)
    if value[lead.end() if lead else 0 :].startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def acled_row(rec: ResolvedIncident, event_id: str, notes: str) -> dict[str, Any]:
    """One CSV row (numbers as numbers, text neutralized) in `COLUMNS` order."""
    text: dict[str, Any] = {
        "event_id_cnty": event_id,
        "event_date": rec.event_date,
        "disorder_type": rec.disorder_type,
        "event_type": rec.event_type,
        "sub_event_type": rec.sub_event_type,
        "actor1": rec.actor1,
        "assoc_actor_1": "",
        "actor2": rec.actor2,
        "assoc_actor_2": "",
        "civilian_targeting": rec.civilian_targeting,
        "region": rec.country.region if rec.country else "",
        "country": rec.country_name,
        "admin1": rec.admin1,
        "admin2": "",
        "admin3": "",
        "location": rec.location,
        "source": rec.source,
        "source_scale": rec.source_scale,
        "notes": notes,
        "tags": "; ".join(rec.tags),
    }
    row = {k: neutralize(v) for k, v in text.items()}
    row.update(
        year=rec.year if rec.year is not None else "",
        time_precision=rec.time_precision,
        inter1=rec.inter1,
        inter2=rec.inter2,
        interaction=rec.interaction,
        iso=rec.country.numeric if rec.country else "",
        latitude=_coord(rec.latitude),
        longitude=_coord(rec.longitude),
        geo_precision=rec.geo_precision,
        fatalities=rec.fatalities or 0,
        timestamp=rec.timestamp,
        injuries=rec.injuries if rec.injuries is not None else "",
    )
    return {c: row[c] for c in COLUMNS}


def acled_rows(project: Project, data: ExportSet, lang: str = "en") -> list[dict[str, Any]]:
    """Rows for every incident of `data` (assigning stable event ids in `project`)."""
    records = [resolve(i) for i in data.incidents]
    ids = assign_event_ids(project, [(r.id, r.iso3) for r in records])
    rows = []
    for inc, rec in zip(data.incidents, records, strict=True):
        notes = rec.notes(False) if lang != "ar" else resolve(inc, arabic=True).notes(True)
        rows.append(acled_row(rec, ids[rec.id], notes))
    return rows


def write_acled_csv(
    project: Project,
    out: str | Path,
    flt: ExportFilter | None = None,
    lang: str = "en",
    bom: bool = False,
    progress: ProgressFn | None = None,
) -> int:
    """Write the ACLED CSV of the filtered incidents; returns the number of rows."""
    data = collect(project, flt, with_entities=False, progress=progress)
    rows = acled_rows(project, data, lang)
    with Path(out).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
