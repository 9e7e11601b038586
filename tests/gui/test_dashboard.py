"""The dashboard's charts and click-to-select, and the export dialog's background export."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from desktop.export.filters import ExportFilter, collect
from desktop.export.records import ResolvedIncident, resolve
from desktop.export.sample import synthetic_project
from desktop.gui.qt import QColor, QPoint, Qt
from desktop.gui.reads import settle
from desktop.store.project import Project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    synthetic_project(tmp_path / "d.rasid", 40)
    with Project.open(tmp_path / "d.rasid") as p:
        yield p


@pytest.fixture
def reads(project: Project):  # type: ignore[no-untyped-def]
    from desktop.gui.operations import ProjectOps
    from desktop.gui.reads import ReadExecutor

    executor = ReadExecutor(ProjectOps(project))
    yield executor
    executor.close()


@pytest.fixture
def dashboard(qtbot, reads):  # type: ignore[no-untyped-def]
    from desktop.gui.dashboard import Dashboard

    dash = Dashboard(reads, arabic=True)
    qtbot.addWidget(dash)
    dash.resize(1100, 950)
    settle()
    dash.show()
    settle()
    qtbot.waitExposed(dash)
    return dash


def records_of(project: Project) -> dict[int, ResolvedIncident]:
    return {
        i.id: resolve(i, arabic=True) for i in collect(project, ExportFilter(), with_entities=False).incidents
    }


def click(qtbot, view, x: float, y: float) -> list[int]:  # type: ignore[no-untyped-def]
    """Click the scene point (x, y) of a chart view; the ids it emitted."""
    pos = view.to_widget(x, y).toPoint()
    with qtbot.waitSignal(view.window().incidentsSelected, timeout=2000) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=pos)
        settle()
    return list(blocker.args[0])


def test_clicking_the_top_governorate_bar_selects_its_incidents(qtbot, dashboard, project) -> None:  # type: ignore[no-untyped-def]
    assert "40" in dashboard.summary.text()
    view = dashboard.charts["admin1"]
    bar = min(view.scene().selectable(), key=lambda b: b.y)  # the top bar
    x, y = bar.x + bar.w / 2, bar.y + bar.h / 2
    # The painted pixel under the click is the bar's colour.
    image = view.grab().toImage()
    point = view.to_widget(x, y).toPoint()
    assert QColor(image.pixel(point)).name() == bar.fill
    ids = click(qtbot, view, x, y)
    records = records_of(project)
    governorate = {records[i].admin1 for i in ids}
    assert len(governorate) == 1
    (name,) = governorate
    assert sorted(ids) == sorted(i for i, r in records.items() if r.admin1 == name)
    deaths: Counter[str] = Counter()
    for r in records.values():
        deaths[r.admin1] += r.fatalities or 0
    assert deaths[name] == max(deaths.values())


def test_clicking_a_map_marker_selects_the_incidents_of_that_place(qtbot, dashboard, project) -> None:  # type: ignore[no-untyped-def]
    view = dashboard.charts["map"]
    marker = view.scene().selectable()[-1]  # drawn last: on top
    ids = click(qtbot, view, marker.cx, marker.cy)
    records = records_of(project)
    places = {(round(records[i].longitude, 2), round(records[i].latitude, 2)) for i in ids}
    assert len(places) == 1
    (place,) = places
    same_place = [
        i
        for i, r in records.items()
        if r.latitude is not None and (round(r.longitude, 2), round(r.latitude, 2)) == place
    ]
    assert sorted(ids) == sorted(same_place)


def test_timeline_click_and_empty_space(qtbot, dashboard, project) -> None:  # type: ignore[no-untyped-def]
    view = dashboard.charts["timeline"]
    segment = view.scene().selectable()[0]
    ids = click(qtbot, view, segment.x + segment.w / 2, segment.y + segment.h / 2)
    records = records_of(project)
    assert len({records[i].event_type for i in ids}) == 1
    with qtbot.assertNotEmitted(dashboard.incidentsSelected):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))  # the corner: no bar
    assert dashboard.ids_at("timeline", view.to_widget(3, 3)) == []


def test_charts_follow_the_widget_size_and_edits(qtbot, dashboard, project) -> None:  # type: ignore[no-untyped-def]
    view = dashboard.charts["actors"]
    before = view.scene()
    assert (before.width, before.height) == (view.width(), view.height())
    dashboard.resize(1300, 1000)
    settle()
    qtbot.waitUntil(lambda: view.scene().width == view.width() and view.width() != before.width)
    # An edit shows after refresh().
    first = project.incidents.for_article(project.articles.ids()[0])[0]
    project.incidents.reject(first.id)
    dashboard.refresh()
    settle()
    assert "39" in dashboard.summary.text()
    assert all(first.id not in item.ids for item in dashboard.charts["map"].scene().selectable())


def test_export_dialog_runs_in_background(qtbot, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.gui.export_dialog import ExportDialog

    dialog = ExportDialog(project, arabic=False)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("acled-csv"))
    out = tmp_path / "x.csv"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=20000) as blocker:
        dialog.start()
    assert blocker.args == [str(out), 40]
    assert out.read_text(encoding="utf-8").startswith("event_id_cnty,")


def _wheel(view, pos, notches: int) -> None:  # type: ignore[no-untyped-def]
    from desktop.gui.qt import QApplication, QPointF, QWheelEvent

    point = QPointF(pos)
    event = QWheelEvent(
        point,
        QPointF(view.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


def test_the_map_zooms_about_the_pointer_pans_and_resets(qtbot, dashboard) -> None:  # type: ignore[no-untyped-def]
    view = dashboard.charts["map"]
    marker = view.scene().selectable()[-1]
    at = view.to_widget(marker.cx, marker.cy).toPoint()
    before = view.ids_at(at)
    assert before
    _wheel(view, at, 3)  # three notches in
    assert view.zoom == pytest.approx(1.25**3)
    assert (view.to_widget(marker.cx, marker.cy) - at).manhattanLength() < 2  # the marker stays put
    assert view.ids_at(at) == before  # and is still what a click there selects
    empty = QPoint(5, view.height() - 5)
    assert view.ids_at(empty) == []
    first = view.to_widget(marker.cx, marker.cy)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=empty)
    qtbot.mouseMove(view, QPoint(empty.x() + 40, empty.y() - 30))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(empty.x() + 40, empty.y() - 30))
    moved = view.to_widget(marker.cx, marker.cy) - first
    assert moved.manhattanLength() > 10  # dragged (clamped so the map still covers the view)
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=empty)
    assert view.zoom == 1.0 and view.to_widget(marker.cx, marker.cy).toPoint() == at
    _wheel(view, at, -2)  # out from 1x: stays at the whole map
    assert view.zoom == 1.0
    other = dashboard.charts["timeline"]
    _wheel(other, QPoint(50, 50), 2)
    assert other.zoom == 1.0  # only the map zooms
