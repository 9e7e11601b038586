"""Project-wide views: the incidents table, actors and places, the dashboard tab, File → Export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.gui.incident_table import IncidentsView, IncidentTableModel
from desktop.gui.qt import QKeySequence, Qt
from desktop.gui.reads import settle
from desktop.gui.selection import select_rows
from desktop.store.project import Project
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
    settle()
    return window.incidents_view


def test_incidents_table_lists_sorts_and_filters(window: Any) -> None:
    view = _show_incidents(window)
    assert view.model.total == 3 and view.model.rowCount() == 3
    assert view.model.columnCount() == len(INCIDENT_COLUMNS)
    assert _column_values(view, "date") == ["2024-03-12", "2024-03-10", "2024-03-08"]  # newest first
    assert _column_values(view, "article")[0] == "غارة على ريف إدلب"
    view.table.sortByColumn(INCIDENT_COLUMNS.index("fatalities"), Qt.SortOrder.AscendingOrder)
    settle()
    assert _column_values(view, "fatalities") == ["3", "5", ""]  # ascending, empty last

    view.event_type.setCurrentIndex(view.event_type.findData("Battles"))
    settle()
    view.apply_filters()
    settle()
    assert _column_values(view, "location") == ["كركوك"]
    view.event_type.setCurrentIndex(view.event_type.findData("Air/drone strike"))  # a sub-event type
    view.apply_filters()
    settle()
    assert _column_values(view, "location") == ["سرمين"]
    view.clear_filters()
    settle()
    view.text.setText("الأنبار")
    settle()
    view.apply_filters()
    settle()
    assert view.model.total == 1
    view.clear_filters()
    settle()
    view.date_from.setText("2024-03-09")
    settle()
    view.apply_filters()
    settle()
    assert view.model.total == 2
    view.date_to.setText("not a date")
    settle()
    view.apply_filters()
    settle()
    assert view.model.total == 2  # the bad field is marked, the table unchanged
    assert "background" in view.date_to.styleSheet()
    view.clear_filters()
    settle()
    assert view.model.total == 3


def test_incidents_table_pages_lazily_off_the_gui_thread(window: Any) -> None:
    model = IncidentTableModel(page_size=2)  # no view: nothing fetches on its own
    model.set_reads(window.reads)
    assert model.rowCount() == 0 and window.reads.busy  # asked, not yet answered
    settle()
    assert model.total == 3 and model.rowCount() == 2
    assert model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # one page in flight at a time
    settle()
    assert model.rowCount() == 3 and not model.canFetchMore()


def test_accept_reject_many_with_undo_and_export_selection(window: Any) -> None:
    view = _show_incidents(window)
    select_rows(view.table, [0, 1])
    settle()
    rows = view.selected()
    assert len({r.article_id for r in rows}) == 2
    view.accept_button.click()
    settle()
    assert [window.ops.incident(r.id).status for r in rows] == ["accepted", "accepted"]
    assert _column_values(view, "status")[:2] == ["accepted", "accepted"]
    assert [r.id for r in view.selected()] == [r.id for r in rows]  # selection kept after refresh
    window.undo()
    settle()
    assert [window.ops.incident(r.id).status for r in rows] == ["new", "new"]
    assert _column_values(view, "status")[:2] == ["new", "new"]
    view.reject_button.click()
    settle()
    assert [window.ops.incident(r.id).status for r in rows] == ["rejected", "rejected"]

    dialogs: list[Any] = []
    view.exportRequested.connect(lambda aids, iids: dialogs.append(window.export_dialog(aids, iids)))
    settle()
    view.export_button.click()
    settle()
    dialog = dialogs[0]
    assert sorted(dialog.article_ids) == sorted(r.article_id for r in rows)
    assert dialog.selection_only.isChecked()
    # Only the selected incidents go out, not every incident of their articles.
    flt = dialog.filters()
    assert flt.incident_ids == sorted(r.id for r in rows) and flt.include_rejected is False
    flt.include_rejected = True  # they were rejected above
    from desktop.export.filters import collect

    assert sorted(i.incident.id for i in collect(dialog.project, flt).incidents) == sorted(r.id for r in rows)
    assert dialog.project is not window.ops.project and not dialog.project.read_only  # its own, writable
    dialog.reject()
    assert dialog.project.closed


def test_double_click_opens_the_article_at_the_evidence(window: Any) -> None:
    view = _show_incidents(window)
    row = _column_values(view, "location").index("كركوك")
    incident = view.model.row(row)
    view.table.doubleClicked.emit(view.model.index(row, 0))
    settle()
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
    settle()
    names = window.names_view
    groups = {names.model.group(r).name: names.model.group(r) for r in range(names.model.rowCount())}
    assert {"كركوك", "داعش", "الأنبار", "سرمين"} <= set(groups)
    assert groups["كركوك"].mentions == 1 and groups["كركوك"].kind == "place"

    window.rename_name(groups["كركوك"], "مدينة كركوك")
    settle()
    names_now = {names.model.group(r).name for r in range(names.model.rowCount())}
    assert "مدينة كركوك" in names_now and "كركوك" not in names_now
    kirkuk = next(e for e in window.ops.entities(window.ops.article_id_for("iq-1")) if e.text == "كركوك")
    assert kirkuk.canonical_name == "مدينة كركوك"
    assert "مدينة كركوك" in window.ops.completions()

    groups = {names.model.group(r).name: names.model.group(r) for r in range(names.model.rowCount())}
    window.merge_names(groups["مدينة كركوك"], groups["الأنبار"])
    settle()
    merged = next(
        names.model.group(r)
        for r in range(names.model.rowCount())
        if names.model.group(r).name == "مدينة كركوك"
    )
    assert merged.mentions == 2 and set(merged.aliases) == {"كركوك", "الأنبار"}
    assert "الأنبار" not in {names.model.group(r).name for r in range(names.model.rowCount())}

    groups = {names.model.group(r).name: names.model.group(r) for r in range(names.model.rowCount())}
    window.set_actor_type(groups["داعش"], 2)
    settle()
    daesh = next(
        names.model.group(r) for r in range(names.model.rowCount()) if names.model.group(r).name == "داعش"
    )
    assert daesh.inter == 2
    assert names.model.index(names.model.row_of(daesh.key), 2).data().startswith("2 ")

    for _ in range(3):
        window.undo()
        settle()
    names_now = {names.model.group(r).name: names.model.group(r) for r in range(names.model.rowCount())}
    assert {"كركوك", "الأنبار", "داعش"} <= set(names_now)
    assert names_now["داعش"].inter is None
    assert window.ops.project.dictionary.list() == []
    window.redo()
    settle()
    names_now = {names.model.group(r).name for r in range(names.model.rowCount())}
    assert "مدينة كركوك" in names_now


def test_dashboard_tab_selection_shows_incidents(window: Any, qtbot: Any) -> None:
    assert window.dashboard is None  # built when its tab is first shown
    window.show_view(window.dashboard_holder)
    settle()
    dash = window.dashboard
    assert dash is not None and "3" in dash.summary.text()
    ids = [window.ops.incidents(window.ops.article_id_for("iq-1"))[0].id]
    dash.incidentsSelected.emit(ids)
    settle()
    view = window.incidents_view
    assert window.tabs.currentWidget() is view
    assert [view.model.row(r).id for r in range(view.model.rowCount())] == ids
    assert "dashboard" in view.count_label.text()
    # an edit refreshes the dashboard when it is shown again
    window.set_incidents_status([window.ops.incident(ids[0])], "rejected")
    settle()
    window.show_view(window.dashboard_holder)
    settle()
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
    settle()
    assert not window.export_action.isEnabled()
    assert not window.tabs.isTabEnabled(1)


def test_gui_exports_persist_the_acled_event_ids(
    window: Any, qtbot: Any, project_path: Path, tmp_path: Path
) -> None:
    """An export from the window stores the event ids it assigns, so the next export keeps them (they
    were provisional: the export ran on a read-only connection)."""
    import csv

    def export(name: str) -> list[str]:
        dialog = window.export_dialog()
        assert dialog is not None
        dialog.format.setCurrentIndex(dialog.format.findData("acled-csv"))
        dialog.path.setText(str(tmp_path / name))
        with qtbot.waitSignal(dialog.exported, timeout=20_000):
            dialog.start()
        qtbot.waitUntil(lambda: dialog.project.closed, timeout=5000)
        with (tmp_path / name).open(encoding="utf-8") as fh:
            return [row["event_id_cnty"] for row in csv.DictReader(fh)]

    first = export("first.csv")
    assert sorted(first) == ["IRQ1", "IRQ2", "SYR1"]
    with Project.open(project_path, read_only=True) as project:
        stored = project.query("SELECT value FROM meta WHERE key LIKE 'export.event_id.%'")
        assert sorted(r[0] for r in stored) == sorted(first)
    window.edit_incident_field(window.ops.incidents(window.ops.article_id_for("iq-2"))[0].id, "fatalities", 1)
    assert export("second.csv") == first  # the same incidents keep their ids
