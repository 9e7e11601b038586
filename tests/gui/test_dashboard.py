"""The dashboard's charts and click-to-select, and the export dialog's background export."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop.export.sample import synthetic_project
from desktop.store.project import Project


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    synthetic_project(tmp_path / "d.rasid", 40)
    with Project.open(tmp_path / "d.rasid") as p:
        yield p


def test_dashboard_draws_and_emits_ids(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    from desktop.gui.dashboard import Dashboard

    dash = Dashboard(project, arabic=True)
    qtbot.addWidget(dash)
    assert "40" in dash.summary.text()
    bar, ids = dash.hits["admin1"].artists[0]
    assert ids
    with qtbot.waitSignal(dash.incidentsSelected) as blocker:
        dash._picked("admin1", SimpleNamespace(artist=bar, ind=[]))
    assert blocker.args == [ids]
    scatter = next(iter(dash.hits["map"].points))
    with qtbot.waitSignal(dash.incidentsSelected) as blocker:
        dash._picked("map", SimpleNamespace(artist=scatter, ind=[0]))
    assert blocker.args[0]
    # An edit shows after refresh().
    first = project.incidents.for_article(project.articles.ids()[0])[0]
    project.incidents.reject(first.id)
    dash.refresh()
    assert "39" in dash.summary.text()


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
