"""Charts shared by the report and the GUI dashboard: timeline, fatalities by governorate, actors, map.

Each function turns incident records into a `Scene` (`desktop.export.scene`) of the given size:
shapes and labels in pixels, bars and map markers carrying the ids of the incidents behind them.
The report draws scenes as SVG with HTML labels (`desktop.export.svg`), the dashboard with QPainter.
Labels are plain logical-order text (Arabic is never reshaped here).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from desktop import acled
from desktop.export.basemap import SEA, basemap_polygons, extent_of, fit_view
from desktop.export.records import ResolvedIncident
from desktop.export.scene import (
    Align,
    Circle,
    Line,
    Rect,
    Scene,
    Text,
    VAlign,
    fit_text,
    format_tick,
    is_rtl,
    nice_ticks,
    text_width,
)

EVENT_COLORS = {
    acled.BATTLES: "#c0392b",
    acled.EXPLOSIONS: "#e67e22",
    acled.VIOLENCE_AGAINST_CIVILIANS: "#8e44ad",
    acled.PROTESTS: "#2980b9",
    acled.RIOTS: "#16a085",
    acled.STRATEGIC_DEVELOPMENTS: "#7f8c8d",
}
OTHER_COLOR = "#95a5a6"
AXIS = "#444444"
GRID = "#e4e4e4"
MUTED = "#666666"
TITLE_SIZE = 15.0
TICK_SIZE = 11.0
SMALL_SIZE = 10.0
TITLE_SPACE = 30.0
MAP_LABELS = 12  # places named on the map


def _t(arabic: bool, ar: str, en: str) -> str:
    return ar if arabic else en


def label(
    x: float,
    y: float,
    text: str,
    size: float = TICK_SIZE,
    align: Align = "left",
    valign: VAlign = "middle",
    color: str = "#222222",
    angle: float = 0.0,
) -> Text:
    """A label whose base direction follows its first strong letter."""
    return Text(x, y, text, size, color, align, valign, is_rtl(text), angle=angle)


def _new(title: str, width: float, height: float) -> Scene:
    scene = Scene(width, height)
    scene.add(label(width / 2, 6, title, TITLE_SIZE, "center", "top"))
    return scene


def _empty(scene: Scene, arabic: bool) -> Scene:
    text = _t(arabic, "لا توجد بيانات", "No data")
    scene.add(label(scene.width / 2, scene.height / 2, text, 13, "center", color="#777777"))
    return scene


def _type_order(types: Sequence[str]) -> list[str]:
    """Event types in codebook order, unknown ones after."""
    present = set(types)
    return [t for t in acled.EVENT_TYPE_NAMES if t in present] + sorted(present - set(acled.EVENT_TYPE_NAMES))


# --- timeline ------------------------------------------------------------------------------------


def bin_step(first: dt.date, last: dt.date) -> int:
    """Bar width in days: a day over a few months, a week over two years, a month beyond."""
    length = (last - first).days
    return 1 if length <= 120 else 7 if length <= 730 else 30


def bin_of(day: dt.date, step: int) -> dt.date:
    """The first day of the day/week (Monday)/month bin of `day`."""
    if step == 7:
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1) if step == 30 else day


def _date_range(first: dt.date, last: dt.date, unit: str, n: int) -> list[dt.date]:
    out = []
    if unit == "day":
        day = first
        if n >= 7:
            day += dt.timedelta(days=-first.weekday() % 7)  # Mondays
        while day <= last:
            out.append(day)
            day += dt.timedelta(days=n)
    elif unit == "month":
        month = first.year * 12 + first.month - 1 + (first.day > 1)
        month += -month % n
        while (day := dt.date(month // 12, month % 12 + 1, 1)) <= last:
            out.append(day)
            month += n
    else:
        year = first.year + (first > dt.date(first.year, 1, 1))
        year += -year % n
        while year <= last.year:
            out.append(dt.date(year, 1, 1))
            year += n
    return out


DATE_STEPS = (
    ("day", 1),
    ("day", 2),
    ("day", 7),
    ("day", 14),
    ("month", 1),
    ("month", 2),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
    ("year", 50),
)


def date_ticks(first: dt.date, last: dt.date, max_ticks: int) -> list[tuple[dt.date, str]]:
    """Round dates between `first` and `last` (at most `max_ticks`) with short ISO labels."""
    unit, ticks = "year", [first]
    for unit, n in DATE_STEPS:
        ticks = _date_range(first, last, unit, n)
        if len(ticks) <= max_ticks:
            break
    out = []
    for i, day in enumerate(ticks):
        if unit == "year":
            text = str(day.year)
        elif unit == "month":
            text = day.strftime("%Y-%m")
        else:
            full = i == 0 or ticks[i - 1].year != day.year
            text = day.isoformat() if full else day.strftime("%m-%d")
        out.append((day, text))
    return out


def _legend_entry(
    x: float, y: float, cell: float, color: str, name: str, rtl: bool, size: float, dot: bool = False
) -> list[Rect | Circle | Text]:
    """One legend entry in a cell `cell` wide from x: the swatch first in reading order, then the name."""
    swatch_x = x + cell - 14 if rtl else x
    swatch: Rect | Circle = (
        Circle(swatch_x + 7, y, 5, fill=color) if dot else Rect(swatch_x, y - 5, 14, 10, fill=color)
    )
    if rtl:
        return [swatch, label(swatch_x - 4, y, name, size, "right")]
    return [swatch, label(x + 18, y, name, size)]


def _legend_rows(
    entries: list[tuple[str, str]], width: float, top: float, rtl: bool, columns: int = 3
) -> list[Rect | Circle | Text]:
    """A legend of (colour, label) swatches in centred rows of `columns` below `top` (right to left)."""
    if not entries:
        return []
    cell = max(text_width(name, TICK_SIZE) for _, name in entries) + 26
    columns = max(1, min(columns, len(entries), int(width // cell)))
    out: list[Rect | Circle | Text] = []
    for i, (color, name) in enumerate(entries):
        row, col = divmod(i, columns)
        in_row = min(columns, len(entries) - row * columns)
        x = (width - in_row * cell) / 2 + (in_row - 1 - col if rtl else col) * cell
        out += _legend_entry(x, top + row * 18 + 9, cell, color, name, rtl, TICK_SIZE)
    return out


def timeline(
    records: list[ResolvedIncident], arabic: bool = False, width: float = 680, height: float = 270
) -> Scene:
    """Incidents per day (week, month over long periods), stacked by event type."""
    scene = _new(_t(arabic, "الحوادث يومياً حسب النوع", "Incidents per day by type"), width, height)
    dated = [r for r in records if r.event_date]
    if not dated:
        return _empty(scene, arabic)
    days = sorted(dt.date.fromisoformat(r.event_date) for r in dated)
    step = bin_step(days[0], days[-1])
    by: dict[str, dict[dt.date, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in dated:
        by[r.event_type or "?"][bin_of(dt.date.fromisoformat(r.event_date), step)].append(r.id)
    span = sorted({d for per_type in by.values() for d in per_type})
    order = _type_order(list(by))
    totals = {d: sum(len(by[t].get(d, [])) for t in order) for d in span}
    y_ticks = nice_ticks(0, max(totals.values()), 5, integer=True)

    entries = [(EVENT_COLORS.get(t, OTHER_COLOR), acled.event_label(t, arabic)) for t in order]
    legend_rows = -(-len(entries) // 3)
    left = max(text_width(format_tick(v), TICK_SIZE) for v in y_ticks) + 30
    plot = (left, TITLE_SPACE, width - left - 12, height - TITLE_SPACE - 26 - 18 * legend_rows - 6)
    px, py, pw, ph = plot
    # Bars sit in the middle of their bin (a day, Monday to Sunday, a month).
    margin = max(0.6 * step, (span[-1] - span[0]).days * 0.03)
    lo = span[0].toordinal() + (step - 1) / 2 - margin
    hi = span[-1].toordinal() + (step - 1) / 2 + margin
    per_day = pw / (hi - lo)

    def x_of(day: dt.date) -> float:
        return px + (day.toordinal() - lo) * per_day

    def y_of(value: float) -> float:
        return py + ph - value / y_ticks[-1] * ph

    for value in y_ticks:
        y = y_of(value)
        scene.add(Line(px, y, px + pw, y, GRID), Line(px - 4, y, px, y, AXIS))
        scene.add(label(px - 6, y, format_tick(value), align="right"))
    bar = max(0.85 * step * per_day, 1.0)
    for day in span:
        center = x_of(day) + (step - 1) / 2 * per_day
        base = 0
        for et in order:
            ids = by[et].get(day, [])
            if not ids:
                continue
            top, bottom = y_of(base + len(ids)), y_of(base)
            tip = f"{acled.event_label(et, arabic)} {day.isoformat()}: {len(ids)}"
            color = EVENT_COLORS.get(et, OTHER_COLOR)
            scene.add(Rect(center - bar / 2, top, bar, bottom - top, fill=color, ids=tuple(ids), tip=tip))
            base += len(ids)
    scene.add(Line(px, py + ph, px + pw, py + ph, AXIS), Line(px, py, px, py + ph, AXIS))
    first, last = dt.date.fromordinal(math.ceil(lo)), dt.date.fromordinal(math.floor(hi))
    for day, text in date_ticks(first, last, max(2, int(pw // 80))):
        x = x_of(day)
        scene.add(
            Line(x, py + ph, x, py + ph + 4, AXIS), label(x, py + ph + 6, text, align="center", valign="top")
        )
    scene.add(label(12, py + ph / 2, _t(arabic, "عدد الحوادث", "Incidents"), 12, "center", angle=-90))
    scene.add(*_legend_rows(entries, width, py + ph + 26, arabic))
    return scene


# --- horizontal bars -----------------------------------------------------------------------------


def _hbars(scene: Scene, items: list[tuple[str, float, list[int]]], color: str) -> Scene:
    """Bars for (name, value, ids), largest first from the top, names at the left, values at the end."""
    width, height = scene.width, scene.height
    names = [fit_text(name, TICK_SIZE, width * 0.5) for name, _, _ in items]
    ticks = nice_ticks(0, max(v for _, v, _ in items), 4, integer=True)
    left = max(text_width(n, TICK_SIZE) for n in names) + 12
    right = max(text_width(format_tick(v), SMALL_SIZE) for _, v, _ in items) + 14
    px, py, pw, ph = left, TITLE_SPACE, width - left - right, height - TITLE_SPACE - 24
    row = ph / len(items)

    def x_of(value: float) -> float:
        return px + value / ticks[-1] * pw

    for value in ticks:
        x = x_of(value)
        scene.add(Line(x, py, x, py + ph, GRID), Line(x, py + ph, x, py + ph + 4, AXIS))
        scene.add(label(x, py + ph + 6, format_tick(value), align="center", valign="top"))
    for i, ((name, value, ids), shown) in enumerate(zip(items, names, strict=True)):
        mid = py + (i + 0.5) * row
        bar = x_of(value) - px
        scene.add(
            Rect(
                px,
                mid - 0.4 * row,
                bar,
                0.8 * row,
                fill=color,
                ids=tuple(ids),
                tip=f"{name}: {format_tick(value)}",
            )
        )
        scene.add(label(px - 6, mid, shown, align="right"))
        scene.add(label(px + bar + 3, mid, format_tick(value), SMALL_SIZE))
    scene.add(Line(px, py, px, py + ph, AXIS), Line(px, py + ph, px + pw, py + ph, AXIS))
    return scene


def _tally(
    records: list[ResolvedIncident], amounts: Callable[[ResolvedIncident], Iterable[tuple[str, int]]]
) -> tuple[Counter[str], dict[str, list[int]]]:
    """Total per name of the (name, amount) pairs of each record, and the ids of the records per name."""
    totals: Counter[str] = Counter()
    ids: dict[str, list[int]] = defaultdict(list)
    for r in records:
        for name, amount in amounts(r):
            totals[name] += amount
            ids[name].append(r.id)
    return totals, ids


def fatalities_by_admin1(
    records: list[ResolvedIncident],
    arabic: bool = False,
    width: float = 336,
    height: float = 270,
    top: int = 12,
) -> Scene:
    """Reported fatalities per governorate (admin1), largest first."""
    scene = _new(_t(arabic, "القتلى حسب المحافظة", "Fatalities by governorate"), width, height)
    unknown = _t(arabic, "غير محدد", "Unknown")
    totals, ids = _tally(records, lambda r: [(r.admin1 or unknown, r.fatalities or 0)])
    if not totals:
        return _empty(scene, arabic)
    return _hbars(scene, [(k, float(v), ids[k]) for k, v in totals.most_common(top)], "#a93226")


def top_actors(
    records: list[ResolvedIncident],
    arabic: bool = False,
    width: float = 336,
    height: float = 270,
    top: int = 10,
) -> Scene:
    """The actors named in most incidents (as actor 1 or actor 2)."""
    scene = _new(_t(arabic, "أكثر الفاعلين نشاطاً", "Most active actors"), width, height)
    counts, ids = _tally(records, lambda r: [(name, 1) for name in sorted({r.actor1, r.actor2} - {""})])
    if not counts:
        return _empty(scene, arabic)
    items = [(k if len(k) <= 40 else k[:38] + "…", float(v), ids[k]) for k, v in counts.most_common(top)]
    return _hbars(scene, items, "#34495e")


# --- map -----------------------------------------------------------------------------------------


def marker_radius(count: int) -> float:
    """Marker radius in pixels for a place with `count` incidents (area grows a little slower)."""
    return float((30 + 25 * count**0.8) ** 0.5 / 2 * 4 / 3)


Box = tuple[float, float, float, float]  # left, top, right, bottom
# Where a place's label may sit around its marker, in order of preference: (side x, side y),
# -1/0/+1 for left/centre/right of the marker and above/middle/below it.
_LABEL_SPOTS = ((1, -1), (-1, -1), (1, 1), (-1, 1), (1, 0), (-1, 0))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _hits_circle(box: Box, circle: Circle) -> bool:
    dx = max(box[0] - circle.cx, 0.0, circle.cx - box[2])
    dy = max(box[1] - circle.cy, 0.0, circle.cy - box[3])
    return dx * dx + dy * dy < circle.r * circle.r


def place_labels(
    places: Sequence[tuple[str, tuple[float, float, int]]],
    frame: Box,
    obstacles: Sequence[Box] = (),
    markers: Sequence[Circle] = (),
) -> list[Text]:
    """Labels for the places (name, (x, y, incidents)), biggest first, at most MAP_LABELS of them.

    Each label takes the first spot around its marker (above right, above left, below right, ...)
    that stays inside `frame` and overlaps no label already placed and no obstacle (markers, the
    legend); a place with no free spot goes unnamed rather than printed over another name or marker.
    """
    placed: list[Box] = list(obstacles)
    out: list[Text] = []
    height = SMALL_SIZE * 1.25
    for place, (x, y, count) in places:
        if len(out) >= MAP_LABELS:
            break
        width = text_width(place, SMALL_SIZE)
        gap = marker_radius(count) * 0.7 + 2
        for sx, sy in _LABEL_SPOTS:
            left = x + gap if sx > 0 else x - gap - width
            top = y - gap - height if sy < 0 else y + gap if sy > 0 else y - height / 2
            box = (left, top, left + width, top + height)
            inside = frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]
            if (
                inside
                and not any(_overlaps(box, other) for other in placed)
                and not any(_hits_circle(box, m) for m in markers)
            ):
                placed.append(box)
                out.append(label(left, top + height / 2, place, SMALL_SIZE))
                break
    return out


def incident_map(
    records: list[ResolvedIncident], arabic: bool = False, width: float = 680, height: float = 490
) -> Scene:
    """Incidents on the offline basemap: one marker per place, sized by incidents, coloured by main type."""
    scene = _new(_t(arabic, "خريطة الحوادث", "Map of incidents"), width, height)
    groups: dict[tuple[float, float], list[ResolvedIncident]] = defaultdict(list)
    for r in records:
        if r.latitude is not None and r.longitude is not None:
            groups[(round(r.longitude, 2), round(r.latitude, 2))].append(r)
    view = fit_view(extent_of(list(groups)), 40.0, TITLE_SPACE, width - 48, height - TITLE_SPACE - 22)
    px, py, pw, ph = view.x, view.y, view.w, view.h
    scene.add(
        Rect(px, py, pw, ph, fill=SEA),
        *basemap_polygons(view),
        Rect(px, py, pw, ph, stroke=AXIS, stroke_width=0.8),
    )
    lon0, lon1, lat0, lat1 = view.extent
    for lon in nice_ticks(lon0, lon1, max(2, int(pw // 90))):
        x, _ = view.project(lon, lat0)
        if px <= x <= px + pw:
            scene.add(Line(x, py + ph, x, py + ph + 3, AXIS))
            scene.add(label(x, py + ph + 5, f"{format_tick(lon)}°", SMALL_SIZE, "center", "top", MUTED))
    for lat in nice_ticks(lat0, lat1, max(2, int(ph // 70))):
        _, y = view.project(lon0, lat)
        if py <= y <= py + ph:
            scene.add(Line(px - 3, y, px, y, AXIS))
            scene.add(label(px - 5, y, f"{format_tick(lat)}°", SMALL_SIZE, "right", color=MUTED))
    if not groups:
        return scene
    named: dict[str, tuple[float, float, int]] = {}
    # Big markers first, so that small ones on top of them stay visible and clickable.
    for key, group in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        x, y = view.project(*key)
        main = Counter(r.event_type for r in group).most_common(1)[0][0]
        place = group[0].location
        scene.add(
            Circle(
                x,
                y,
                marker_radius(len(group)),
                fill=EVENT_COLORS.get(main, OTHER_COLOR),
                stroke="#ffffff",
                stroke_width=0.8,
                opacity=0.8,
                ids=tuple(r.id for r in group),
                tip=f"{place or '?'}: {len(group)}",
            )
        )
        if place and (place not in named or named[place][2] < len(group)):
            named[place] = (x, y, len(group))
    present = _type_order([r.event_type for g in groups.values() for r in g if r.event_type in EVENT_COLORS])
    names = [acled.event_label(t, arabic) for t in present]
    box_w = max((text_width(n, SMALL_SIZE) for n in names), default=0.0) + 30
    box_h = 16 * len(names) + 8
    x0, y0 = px + 8, py + ph - 8 - box_h
    legend_box = (x0, y0, x0 + box_w, y0 + box_h) if present else None
    biggest = sorted(named.items(), key=lambda kv: -kv[1][2])
    markers = [c for c in scene.items if isinstance(c, Circle)]
    scene.add(*place_labels(biggest, (px, py, px + pw, py + ph), [legend_box] if legend_box else [], markers))
    if present:
        scene.add(
            Rect(x0, y0, box_w, box_h, fill="#ffffff", stroke="#cccccc", stroke_width=0.8, opacity=0.85)
        )
        for i, (t, name) in enumerate(zip(present, names, strict=True)):
            scene.add(
                *_legend_entry(
                    x0 + 6, y0 + 12 + 16 * i, box_w - 12, EVENT_COLORS[t], name, arabic, SMALL_SIZE, dot=True
                )
            )
    return scene
