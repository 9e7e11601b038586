"""Chart scenes: the incidents behind each bar and marker, stacking, binning, layout, empty states, labels."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from desktop.export import charts
from desktop.export.basemap import clip_ring, fit_view
from desktop.export.scene import Circle, Rect, Scene, Text, fit_text, nice_ticks, text_width

REPO = Path(__file__).resolve().parents[2]


def rec(id: int, date: str = "", type: str = "Battles", **fields: Any) -> Any:
    base = dict(
        id=id,
        event_date=date,
        event_type=type,
        admin1="",
        fatalities=None,
        actor1="",
        actor2="",
        latitude=None,
        longitude=None,
        location="",
    )
    return SimpleNamespace(**{**base, **fields})


def bars(scene: Scene) -> list[Rect]:
    return [i for i in scene.selectable() if isinstance(i, Rect)]


def test_timeline_stacks_types_per_day() -> None:
    records = [
        rec(1, "2024-03-01", "Battles"),
        rec(2, "2024-03-01", "Battles"),
        rec(3, "2024-03-01", "Protests"),
        rec(4, "2024-03-05", "Protests"),
    ]
    scene = charts.timeline(records)
    by_ids = {i.ids: i for i in bars(scene)}
    assert set(by_ids) == {(1, 2), (3,), (4,)}
    battles, protests_1, protests_5 = by_ids[(1, 2)], by_ids[(3,)], by_ids[(4,)]
    # Same day: the protest sits right on top of the battles, half their height; same column.
    assert battles.h == pytest.approx(2 * protests_1.h)
    assert protests_1.y + protests_1.h == pytest.approx(battles.y)
    assert protests_1.x == pytest.approx(battles.x)
    # Another day: further right, same height per incident, standing on the same axis.
    assert protests_5.x > battles.x
    assert protests_5.h == pytest.approx(protests_1.h)
    assert protests_5.y + protests_5.h == pytest.approx(battles.y + battles.h)
    assert battles.fill == charts.EVENT_COLORS["Battles"] != protests_1.fill
    assert {"Battles", "Protests", "Incidents per day by type"} <= set(scene.texts())


def test_timeline_bins_weeks_and_months() -> None:
    # 200 days: weekly bins from Monday; Sunday 2024-06-09 and Monday 2024-06-10 fall apart.
    weekly = [
        rec(1, "2024-01-01"),
        rec(2, "2024-06-05"),
        rec(3, "2024-06-09"),
        rec(4, "2024-06-10"),
        rec(5, "2024-07-19"),
    ]
    assert {i.ids for i in bars(charts.timeline(weekly))} == {(1,), (2, 3), (4,), (5,)}
    # Three and a half years: monthly bins, one bar per month that has incidents.
    monthly = [rec(1, "2012-01-05"), rec(2, "2015-07-01"), rec(3, "2015-07-31"), rec(4, "2015-08-10")]
    assert {i.ids for i in bars(charts.timeline(monthly))} == {(1,), (2, 3), (4,)}
    assert charts.bin_of(dt.date(2024, 6, 9), 7) == dt.date(2024, 6, 3)


def test_timeline_date_ticks_are_round_dates() -> None:
    ticks = charts.date_ticks(dt.date(2023, 12, 20), dt.date(2024, 3, 10), 9)
    days = [d for d, _ in ticks]
    assert 2 <= len(days) <= 9 and days == sorted(days)
    assert all(d.weekday() == 0 for d in days) or all(d.day == 1 for d in days)
    assert any(label.startswith("2024") for _, label in ticks)
    years = charts.date_ticks(dt.date(2001, 5, 1), dt.date(2019, 2, 1), 6)
    assert [label for _, label in years] == ["2005", "2010", "2015"]


def test_empty_charts_say_so() -> None:
    for build in (charts.timeline, charts.fatalities_by_admin1, charts.top_actors):
        scene = build([], arabic=True)
        assert "لا توجد بيانات" in scene.texts()
        assert scene.selectable() == []
    assert "No data" in charts.timeline([rec(1, "")], arabic=False).texts()
    empty_map = charts.incident_map([], arabic=False)
    assert empty_map.selectable() == [] and "Map of incidents" in empty_map.texts()


def test_fatalities_by_admin1_largest_on_top_with_lengths_in_proportion() -> None:
    records = [
        rec(1, admin1="إدلب", fatalities=6),
        rec(2, admin1="حلب", fatalities=2),
        rec(3, admin1="إدلب", fatalities=3),
        rec(4, admin1="", fatalities=None),
    ]
    scene = charts.fatalities_by_admin1(records, arabic=True)
    found = sorted(bars(scene), key=lambda r: r.y)
    assert [r.ids for r in found] == [(1, 3), (2,), (4,)]
    assert found[0].w == pytest.approx(found[1].w * 9 / 2)
    assert found[2].w == 0
    assert {"إدلب", "حلب", "غير محدد", "9", "2", "0"} <= set(scene.texts())


def test_top_actors_counts_each_incident_once_and_keeps_arabic_logical() -> None:
    records = [
        rec(1, actor1="قوات سوريا الديمقراطية", actor2="تنظيم داعش"),
        rec(2, actor1="تنظيم داعش", actor2="تنظيم داعش"),
        rec(3, actor1="الجيش السوري"),
    ]
    scene = charts.top_actors(records, arabic=True)
    found = sorted(bars(scene), key=lambda r: r.y)
    assert found[0].ids == (1, 2)
    assert {r.ids for r in found[1:]} == {(1,), (3,)}
    labels = {t.text: t for t in scene.items if isinstance(t, Text)}
    for name in ("تنظيم داعش", "قوات سوريا الديمقراطية", "الجيش السوري", "أكثر الفاعلين نشاطاً"):
        assert labels[name].rtl  # unchanged text, logical order, right-to-left base direction
    assert not any(0xFE70 <= ord(c) <= 0xFEFF for t in labels for c in t)  # never reshaped
    assert not labels["2"].rtl


def test_long_labels_fit_the_chart() -> None:
    long_name = "الجبهة الوطنية للتحرير في ريف إدلب الجنوبي وريف حماة الشمالي وما حولها من القرى"
    scene = charts.top_actors([rec(1, actor1=long_name)], arabic=True, width=300)
    names = [t for t in scene.items if isinstance(t, Text) and t.align == "right" and t.text.endswith("…")]
    assert len(names) == 1 and names[0].width <= 150
    assert long_name.startswith(names[0].text[:-1].rstrip())


def test_map_groups_places_and_sizes_markers() -> None:
    records = [
        rec(1, type="Battles", latitude=36.2021, longitude=37.1343, location="حلب"),
        rec(2, type="Battles", latitude=36.2, longitude=37.13, location="حلب"),
        rec(3, type="Protests", latitude=36.2, longitude=37.13, location="حلب"),
        rec(4, type="Protests", latitude=33.51, longitude=36.29, location="دمشق"),
        rec(5, type="Riots"),  # no coordinates: not on the map
    ]
    scene = charts.incident_map(records, arabic=True)
    markers = {c.ids: c for c in scene.selectable() if isinstance(c, Circle)}
    assert set(markers) == {(1, 2, 3), (4,)}
    aleppo, damascus = markers[(1, 2, 3)], markers[(4,)]
    assert aleppo.r > damascus.r
    assert aleppo.fill == charts.EVENT_COLORS["Battles"] and damascus.fill == charts.EVENT_COLORS["Protests"]
    assert aleppo.cx > damascus.cx and aleppo.cy < damascus.cy  # east and north of Damascus
    assert {"حلب", "دمشق", "اشتباكات", "احتجاجات"} <= set(scene.texts())
    assert "أعمال شغب" not in scene.texts()  # the riot has no place: not in the legend
    assert any(len(p.points) >= 3 for p in scene.items if type(p).__name__ == "Polygon")


def test_map_names_only_the_biggest_places() -> None:
    records = [
        rec(i, latitude=30 + i / 10, longitude=40 + i / 10, location=f"place{i:02d}") for i in range(20)
    ]
    records += [rec(100 + i, latitude=30.0, longitude=40.0, location="place00") for i in range(3)]
    named = [t for t in charts.incident_map(records).texts() if t.startswith("place")]
    assert 1 < len(named) <= charts.MAP_LABELS and "place00" in named


def _box(t: Text) -> tuple[float, float, float, float]:
    left = t.x + t.left_offset()
    return (left, t.y - t.size * 0.6, left + t.width, t.y + t.size * 0.6)


def test_map_labels_never_overlap_and_stay_on_the_map() -> None:
    # a crowded governorate: 30 villages within a few kilometres, with long names
    records = [
        rec(i, latitude=35 + (i % 6) * 0.02, longitude=40 + (i // 6) * 0.03, location=f"قرية الشيخ {i:02d}")
        for i in range(30)
    ]
    records += [rec(100, latitude=33.5, longitude=36.3, location="دمشق")]
    records += [rec(200 + i, latitude=35.0, longitude=40.0, location="قرية الشيخ 00") for i in range(5)]
    scene = charts.incident_map(records, arabic=True)
    names = [t for t in scene.items if isinstance(t, Text) and t.text.startswith(("قرية", "دمشق"))]
    assert "قرية الشيخ 00" in [t.text for t in names]  # the biggest place is always named
    assert "دمشق" in [t.text for t in names]  # a place with room around it is named
    assert len(names) < 31  # crowded villages give way rather than print over each other
    boxes = [_box(t) for t in names]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    frame = next(r for r in scene.items if isinstance(r, Rect) and r.fill == charts.SEA)
    for left, top, right, bottom in boxes:
        assert frame.x <= left and right <= frame.x + frame.w
        assert frame.y <= top and bottom <= frame.y + frame.h


def test_scene_hit_testing_prefers_the_topmost() -> None:
    scene = Scene(100, 100)
    scene.add(
        Rect(0, 0, 50, 50, fill="#000", ids=(1,)),
        Circle(40, 40, 5, fill="#fff", ids=(2,)),
        Rect(60, 60, 5, 5, fill="#000"),
    )
    assert scene.ids_at(10, 10) == [1]
    assert scene.ids_at(40, 41) == [2]
    assert scene.ids_at(62, 62) == [] and scene.ids_at(90, 10) == []


def test_nice_ticks_and_fit_text() -> None:
    assert nice_ticks(0, 7, 5, integer=True) == [0, 2, 4, 6, 8]
    assert nice_ticks(0, 1, 5, integer=True) == [0, 1]
    assert nice_ticks(0, 230, 5) == [0, 50, 100, 150, 200, 250]
    assert nice_ticks(31.3, 37.9, 3) == [30, 32.5, 35, 37.5, 40]
    assert text_width("مدينة", 10) > text_width("مدينة", 5) > 0
    assert fit_text("short", 10, 500) == "short"
    cut = fit_text("Unidentified Armed Group (Syria)", 10, 60)
    assert cut.endswith("…") and text_width(cut, 10) <= 60


def test_basemap_clipping_and_view() -> None:
    square = [(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)]
    clipped = clip_ring(square, 0, 0, 10, 10)
    assert sorted(clipped) == [(0.0, 0.0), (0.0, 5.0), (5.0, 0.0), (5.0, 5.0)]
    assert clip_ring(square, 20, 20, 30, 30) == []
    view = fit_view((35.0, 40.0, 32.0, 37.0), 0, 0, 400, 200)
    assert view.extent[0] <= 35 and view.extent[1] >= 40 and view.extent[2] <= 32 and view.extent[3] >= 37
    assert view.project(view.extent[0], view.extent[3]) == pytest.approx((view.x, view.y))
    # A degree of longitude is shorter than a degree of latitude, by cos(latitude).
    x0, y0 = view.project(36, 34)
    x1, _ = view.project(37, 34)
    _, y1 = view.project(36, 35)
    assert (x1 - x0) / (y0 - y1) == pytest.approx(0.829, abs=0.01)
    # Much wider than the basemap: the map box shrinks instead of showing past the outlines.
    wide = fit_view((10.0, 50.0, 10.0, 40.0), 0, 0, 3000, 200)
    assert wide.extent[0] >= -20 and wide.extent[1] <= 75 and wide.w < 3000


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_charts_need_neither_matplotlib_nor_numpy(lang: str) -> None:
    code = (
        "import sys\n"
        "from types import SimpleNamespace as R\n"
        "from desktop.export import charts, svg\n"
        "r = [R(id=1, event_date='2024-01-02', event_type='Battles', admin1='a', fatalities=1, actor1='x',"
        " actor2='', latitude=33.0, longitude=36.0, location='y')]\n"
        f"for f in (charts.timeline, charts.fatalities_by_admin1, charts.top_actors, charts.incident_map):\n"
        f"    svg.chart_html(f(r, {lang == 'ar'}))\n"
        "assert 'matplotlib' not in sys.modules and 'numpy' not in sys.modules, 'heavy import'\n"
        "assert 'PySide6' not in sys.modules\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert run.returncode == 0, run.stderr
