"""Project-wide views: the incidents table, actors and places, the dashboard tab, File → Export."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gui.incident_table import IncidentsView
from desktop.gui.qt import QKeySequence, Qt
from desktop.gui.selection import select_rows
from desktop.store.views import INCIDENT_COLUMNS

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def _column_values(view: IncidentsView, name: str) -> list[str]:
    col = INCIDENT_COLUMNS.index(name)
    return [view.model.index(r, col).data() for r in range(view.model.rowCount())]


def _show_incidents(window: Any) -> IncidentsView:
    window.show_view(window.incidents_view)
    return window.incidents_view


def test_incidents_table_lists_sorts_and_filters(window: Any) -> None:
    view = _show_incidents(window)
    assert view.model.total == 3 and view.model.rowCount() == 3
    assert view.model.columnCount() == len(INCIDENT_COLUMNS)
    assert _column_values(view, "date") == ["2024-03-12", "2024-03-10", "2024-03-08"]  # newest first
    assert _column_values(view, "article")[0] == "غارة على ريف إدلب"
    view.table.sortByColumn(INCIDENT_COLUMNS.index("fatalities"), Qt.SortOrder.AscendingOrder)
    assert _column_values(view, "fatalities") == ["3", "5", ""]  # ascending, empty last

    view.event_type.setCurrentIndex(view.event_type.findData("Battles"))
    view.apply_filters()
    assert _column_values(view, "location") == ["كركوك"]
    view.event_type.setCurrentIndex(view.event_type.findData("Air/drone strike"))  # a sub-event type
    view.apply_filters()
    assert _column_values(view, "location") == ["سرمين"]
    view.clear_filters()
    view.text.setText("الأنبار")
    view.apply_filters()
    assert view.model.total == 1
    view.clear_filters()
    view.date_from.setText("2024-03-09")
    view.apply_filters()
    assert view.model.total == 2
    view.date_to.setText("not a date")
    view.apply_filters()
    assert view.model.total == 2  # the bad field is marked, the table unchanged
    assert "background" in view.date_to.styleSheet()
    view.clear_filters()
    assert view.model.total == 3


def test_incidents_table_pages_lazily(window: Any, qtbot: Any) -> None:
    view = IncidentsView(page_size=2)
    qtbot.addWidget(view)
    view.set_ops(window.ops)
    assert view.model.total == 3 and view.model.rowCount() == 2
    assert view.model.canFetchMore()
    view.model.fetchMore()
    assert view.model.rowCount() == 3 and not view.model.canFetchMore()


def test_accept_reject_many_with_undo_and_export_selection(window: Any) -> None:
    view = _show_incidents(window)
    select_rows(view.table, [0, 1])
    rows = view.selected()
    assert len({r.article_id for r in rows}) == 2
    view.accept_button.click()
    assert [window.ops.incident(r.id).status for r in rows] == ["accepted", "accepted"]
    assert _column_values(view, "status")[:2] == ["accepted", "accepted"]
    assert [r.id for r in view.selected()] == [r.id for r in rows]  # selection kept after refresh
    window.undo()
    assert [window.ops.incident(r.id).status for r in rows] == ["new", "new"]
    assert _column_values(view, "status")[:2] == ["new", "new"]
    view.reject_button.click()
    assert [window.ops.incident(r.id).status for r in rows] == ["rejected", "rejected"]

    dialogs: list[Any] = []
    view.exportRequested.connect(lambda aids, iids: dialogs.append(window.export_dialog(aids, iids)))
    view.export_button.click()
    dialog = dialogs[0]
    assert sorted(dialog.article_ids) == sorted(r.article_id for r in rows)
    assert dialog.selection_only.isChecked()
    # Only the selected incidents go out, not every incident of their articles.
    flt = dialog.filters()
    assert flt.incident_ids == sorted(r.id for r in rows) and flt.include_rejected is False
    flt.include_rejected = True  # they were rejected above
    from desktop.export.filters import collect

    assert sorted(i.incident.id for i in collect(dialog.project, flt).incidents) == sorted(r.id for r in rows)
    assert dialog.project is not window.ops.project  # its own (read-only) connection
    dialog.reject()
    assert dialog.project.closed


def test_double_click_opens_the_article_at_the_evidence(window: Any) -> None:
    view = _show_incidents(window)
    row = _column_values(view, "location").index("كركوك")
    incident = view.model.row(row)
    view.table.doubleClicked.emit(view.model.index(row, 0))
    assert window.tabs.currentWidget() is window.splitter
    assert window.article is not None and window.article.id == incident.article_id
    assert window.incident_panel.selected_ids() == [incident.id]
    selections = window.reader.extraSelections()
    assert selections, "the evidence is not highlighted"
    qs, qe = window.reader.position_map.span_to_qt(*incident.evidence)
    assert (selections[0].cursor.selectionStart(), selections[0].cursor.selectionEnd()) == (qs, qe)
    assert window.reader.textCursor().position() == qs


def test_actors_and_places_rename_merge_type_with_undo(window: Any) -> None:
    window.show_view(window.names_view)
    names = window.names_view
    groups = {names.model.group(r).name: names.model.group(r) for r in range(names.model.rowCount())}
    assert {"كركوك", "داعش", "الأنبار", "سرمين"} <= set(groups)
    assert groups["كركوك"].mentions == 1 and groups["كركوك"].kind == "place"

    window.rename_name(groups["كركوك"], "مدينة كركوك")
    names_now = {names.model.group(r).name for r in range(names.model.rowCount())}
    assert "مدينة كركوك" in names_now and "كركوك" not in names_now
    kirkuk = next(e for e in window.ops.entities(window.ops.article_id_for("iq-1")) if e.text == "كركوك")
    assert kirkuk.canonical_name == "مدينة كركوك"
    assert "مدينة كركوك" in window.ops.completions()

    groups = {names.model.group(r).name: names.model.group(r) for r in range(names.model.rowCount())}
    window.merge_names(groups["مدينة كركوك"], groups["الأنبار"])
    merged = next(
        names.model.group(r)
        for r in range(names.model.rowCount())
        if names.model.group(r).name == "مدينة كركوك"
    )
    assert merged.mentions == 2 and set(merged.aliases) == {"كركوك", "الأنبار"}
    assert "الأنبار" not in {names.model.group(r).name for r in range(names.model.rowCount())}

    groups = {names.model.group(r).name: names.model.group(r) for r in range(names.model.rowCount())}
    window.set_actor_type(groups["داعش"], 2)
    daesh = next(
        names.model.group(r) for r in range(names.model.rowCount()) if names.model.group(r).name == "داعش"
    )
    assert daesh.inter == 2
    assert names.model.index(names.model.row_of(daesh.key), 2).data().startswith("2 ")

    for _ in range(3):
        window.undo()
    names_now = {names.model.group(r).name: names.model.group(r) for r in range(names.model.rowCount())}
    assert {"كركوك", "الأنبار", "داعش"} <= set(names_now)
    assert names_now["داعش"].inter is None
    assert window.ops.project.dictionary.list() == []
    window.redo()
    names_now = {names.model.group(r).name for r in range(names.model.rowCount())}
    assert "مدينة كركوك" in names_now


def test_dashboard_tab_selection_shows_incidents(window: Any, qtbot: Any) -> None:
    assert window.dashboard is None  # built when its tab is first shown
    window.show_view(window.dashboard_holder)
    dash = window.dashboard
    assert dash is not None and "3" in dash.summary.text()
    ids = [window.ops.incidents(window.ops.article_id_for("iq-1"))[0].id]
    dash.incidentsSelected.emit(ids)
    view = window.incidents_view
    assert window.tabs.currentWidget() is view
    assert [view.model.row(r).id for r in range(view.model.rowCount())] == ids
    assert "dashboard" in view.count_label.text()
    # an edit refreshes the dashboard when it is shown again
    window.set_incidents_status([window.ops.incident(ids[0])], "rejected")
    window.show_view(window.dashboard_holder)
    assert "2" in window.dashboard.summary.text()


def test_menus_and_shortcuts(window: Any) -> None:
    assert window.export_action.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert window.export_action.isEnabled()
    texts = {a.text(): a for a in window.actions()}
    for i, label in enumerate(("Articles", "Incidents", "Actors and places", "Dashboard")):
        assert texts[label].shortcut() == QKeySequence(f"Alt+{i + 1}")
    texts["Actors and places"].trigger()
    assert window.tabs.currentWidget() is window.names_view
    texts["Articles"].trigger()
    window.close_project()
    assert not window.export_action.isEnabled()
    assert not window.tabs.isTabEnabled(1)
