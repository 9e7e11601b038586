"""Charts shared by the report and the GUI dashboard: timeline, fatalities by governorate, actors, map.

Each function draws on a matplotlib `Figure` (no pyplot, no Qt) and returns the artists it drew with
the incident ids each one covers, so the dashboard can turn a click into an incident selection.
matplotlib >= 3.11 shapes and orders Arabic itself (checked with Amiri), so labels are passed as
plain logical-order text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from desktop import acled
from desktop.export.basemap import draw_basemap, extent_of
from desktop.export.records import IncidentRecord
from desktop.resources import resource_path

FONT = "Amiri"
EVENT_COLORS = {
    acled.BATTLES: "#c0392b",
    acled.EXPLOSIONS: "#e67e22",
    acled.VIOLENCE_AGAINST_CIVILIANS: "#8e44ad",
    acled.PROTESTS: "#2980b9",
    acled.RIOTS: "#16a085",
    acled.STRATEGIC_DEVELOPMENTS: "#7f8c8d",
}
OTHER_COLOR = "#95a5a6"


@dataclass
class ChartHits:
    """Artists of a chart with the incident ids behind each (bars: one artist; scatter: per point)."""

    artists: list[tuple[Any, list[int]]] = field(default_factory=list)
    points: dict[Any, list[list[int]]] = field(default_factory=dict)

    def ids_for(self, artist: Any, index: list[int] | None = None) -> list[int]:
        for a, ids in self.artists:
            if a is artist:
                return ids
        if artist in self.points and index:
            return sorted({i for k in index for i in self.points[artist][k]})
        return []


@lru_cache(maxsize=1)
def setup_fonts() -> str:
    """Register the bundled Arabic font with matplotlib once; returns its family name."""
    from matplotlib import font_manager

    for name in ("Amiri-Regular.ttf", "Amiri-Bold.ttf"):
        font_manager.fontManager.addfont(str(resource_path("fonts", name)))
    return FONT


def new_figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    setup_fonts()
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig


def _t(arabic: bool, ar: str, en: str) -> str:
    return ar if arabic else en


def _style(ax: Any) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=9)
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        label.set_fontfamily(FONT)


def _empty(ax: Any, arabic: bool) -> None:
    ax.text(
        0.5,
        0.5,
        _t(arabic, "لا توجد بيانات", "No data"),
        ha="center",
        va="center",
        fontfamily=FONT,
        fontsize=12,
        color="#777777",
        transform=ax.transAxes,
    )
    ax.set_axis_off()


def timeline(fig: Any, records: list[IncidentRecord], arabic: bool = False) -> ChartHits:
    """Incidents per day, stacked by event type."""
    ax = fig.add_subplot()
    hits = ChartHits()
    dated = [r for r in records if r.event_date]
    ax.set_title(
        _t(arabic, "الحوادث يومياً حسب النوع", "Incidents per day by type"), fontfamily=FONT, fontsize=12
    )
    if not dated:
        _empty(ax, arabic)
        return hits
    days = sorted({r.event_date for r in dated})
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    # Bars per day over a few months, per week over two years, per month beyond: a corpus with one
    # old date must not draw a bar for every day since.
    length = (last - first).days
    step = 1 if length <= 120 else 7 if length <= 730 else 30

    def bin_of(d: dt.date) -> dt.date:
        if step == 7:
            return d - dt.timedelta(days=d.weekday())
        return d.replace(day=1) if step == 30 else d

    by: dict[str, dict[dt.date, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in dated:
        by[r.event_type or "?"][bin_of(dt.date.fromisoformat(r.event_date))].append(r.id)
    span = sorted({d for per_type in by.values() for d in per_type})
    bottom = dict.fromkeys(span, 0)
    order = [t for t in acled.EVENT_TYPE_NAMES if t in by] + [
        t for t in by if t not in acled.EVENT_TYPE_NAMES
    ]
    for et in order:
        heights = [len(by[et].get(d, [])) for d in span]
        bars = ax.bar(
            span,
            heights,
            bottom=[bottom[d] for d in span],
            width=0.85 * step,
            color=EVENT_COLORS.get(et, OTHER_COLOR),
            label=acled.event_label(et, arabic),
        )
        for d, bar in zip(span, bars, strict=True):
            if by[et].get(d):
                hits.artists.append((bar, list(by[et][d])))
            bottom[d] += len(by[et].get(d, []))
    ax.legend(
        prop={"family": FONT, "size": 9},
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
        ncol=3,
    )
    ax.set_ylabel(_t(arabic, "عدد الحوادث", "Incidents"), fontfamily=FONT)
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=9)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.yaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    return hits


def _hbar(ax: Any, items: list[tuple[str, float, list[int]]], color: str) -> ChartHits:
    hits = ChartHits()
    items = items[::-1]
    bars = ax.barh([name for name, _, _ in items], [v for _, v, _ in items], color=color)
    for bar, (_, value, ids) in zip(bars, items, strict=True):
        hits.artists.append((bar, ids))
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value:g}", va="center", fontsize=8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    return hits


def fatalities_by_admin1(
    fig: Any, records: list[IncidentRecord], arabic: bool = False, top: int = 12
) -> ChartHits:
    """Reported fatalities per governorate (admin1), largest first."""
    ax = fig.add_subplot()
    ax.set_title(_t(arabic, "القتلى حسب المحافظة", "Fatalities by governorate"), fontfamily=FONT, fontsize=12)
    totals: Counter[str] = Counter()
    ids: dict[str, list[int]] = defaultdict(list)
    for r in records:
        key = r.admin1 or _t(arabic, "غير محدد", "Unknown")
        totals[key] += r.fatalities or 0
        ids[key].append(r.id)
    if not totals:
        _empty(ax, arabic)
        return ChartHits()
    items = [(k, float(v), ids[k]) for k, v in totals.most_common(top)]
    return _hbar(ax, items, "#a93226")


def top_actors(fig: Any, records: list[IncidentRecord], arabic: bool = False, top: int = 10) -> ChartHits:
    """The actors named in most incidents (as actor 1 or actor 2)."""
    ax = fig.add_subplot()
    ax.set_title(_t(arabic, "أكثر الفاعلين نشاطاً", "Most active actors"), fontfamily=FONT, fontsize=12)
    counts: Counter[str] = Counter()
    ids: dict[str, list[int]] = defaultdict(list)
    for r in records:
        for name in {r.actor1, r.actor2} - {""}:
            counts[name] += 1
            ids[name].append(r.id)
    if not counts:
        _empty(ax, arabic)
        return ChartHits()
    items = [(k if len(k) <= 40 else k[:38] + "…", float(v), ids[k]) for k, v in counts.most_common(top)]
    return _hbar(ax, items, "#34495e")


def incident_map(fig: Any, records: list[IncidentRecord], arabic: bool = False) -> ChartHits:
    """Incidents on the offline basemap: one marker per place, sized by incidents, coloured by main type."""
    ax = fig.add_subplot()
    ax.set_title(_t(arabic, "خريطة الحوادث", "Map of incidents"), fontfamily=FONT, fontsize=12)
    groups: dict[tuple[float, float], list[IncidentRecord]] = defaultdict(list)
    for r in records:
        if r.latitude is not None and r.longitude is not None:
            groups[(round(r.longitude, 2), round(r.latitude, 2))].append(r)
    keys = list(groups)
    draw_basemap(ax, extent_of(keys))
    hits = ChartHits()
    if not keys:
        return hits
    colors = [
        EVENT_COLORS.get(Counter(r.event_type for r in groups[k]).most_common(1)[0][0], OTHER_COLOR)
        for k in keys
    ]
    sizes = [30 + 25 * len(groups[k]) ** 0.8 for k in keys]
    sc = ax.scatter(
        [k[0] for k in keys],
        [k[1] for k in keys],
        s=sizes,
        c=colors,
        alpha=0.8,
        edgecolors="white",
        linewidths=0.8,
        zorder=3,
    )
    hits.points[sc] = [[r.id for r in groups[k]] for k in keys]
    named: dict[str, tuple[float, float, int]] = {}
    for k in keys:
        name = groups[k][0].location
        if name and (name not in named or named[name][2] < len(groups[k])):
            named[name] = (k[0], k[1], len(groups[k]))
    for name, (x, y, _) in sorted(named.items(), key=lambda kv: -kv[1][2])[:12]:
        ax.annotate(
            name,
            (x, y),
            xytext=(5, 5),
            textcoords="offset points",
            fontsize=8,
            fontfamily=FONT,
            zorder=4,
            color="#222222",
        )
    from matplotlib.lines import Line2D

    present = [
        t for t in acled.EVENT_TYPE_NAMES if any(r.event_type == t for g in groups.values() for r in g)
    ]
    ax.legend(
        handles=[
            Line2D([], [], marker="o", ls="", color=EVENT_COLORS[t], label=acled.event_label(t, arabic))
            for t in present
        ],
        prop={"family": FONT, "size": 8},
        loc="lower left",
        framealpha=0.85,
    )
    _style(ax)
    return hits


def figure_png(fig: Any, dpi: int = 150) -> bytes:
    """PNG bytes of a figure."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()
