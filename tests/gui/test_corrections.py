"""Correcting an incident's place and actor in the incident panel: looked up, chosen, exported, undone."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from desktop.export.runner import export_project
from desktop.gui.qt import QLineEdit, Qt

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()


def _open_iraq_incident(window: Any) -> Any:
    window.select_article(window.ops.article_id_for("iq-1"))
    assert window.wait_for_reads()
    incident = window.incident_panel.current()
    assert incident is not None and incident.get("location") == "كركوك"
    return incident


def _type(qtbot: Any, window: Any, field: str, text: str) -> None:
    line = window.incident_panel.editor.editors[field]
    assert isinstance(line, QLineEdit)
    line.setFocus()
    line.setText(text)  # QTest cannot send Arabic key presses
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.wait_for_reads()


def _stored(window: Any, incident_id: int) -> dict[str, Any]:
    return dict(window.ops.incident(incident_id).fields)


def test_a_typed_place_fills_its_province_coordinates_and_exports(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    incident = _open_iraq_incident(window)
    _type(qtbot, window, "location", "المقدادية")
    fields = _stored(window, incident.id)
    assert fields["location"] == "المقدادية"
    assert fields["location_id"] == "gn-99062"
    assert fields["admin1"] == "ديالى" and fields["country"] == "Iraq"
    assert fields["latitude"] == pytest.approx(33.98, abs=0.05)
    assert fields["geo_precision"] == 1
    editor = window.incident_panel.editor.editors
    assert editor["admin1"].text() == "ديالى"  # the panel shows what was filled
    _type(qtbot, window, "actor1", "الجيش العراقي")
    fields = _stored(window, incident.id)
    assert fields["actor1_id"] == "iq-army" and fields["inter1"] == 1

    with window.ops.worker_project() as project:  # the window holds the project's lock
        export_project(project, "acled-csv", tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["location"] == "Al Miqdādīyah")
    assert row["admin1"] == "Diyala" and row["inter1"] == "1"
    assert row["actor1"] == "Military Forces of Iraq"

    window.undo()  # the actor with its link, in one step
    window.undo()  # the place with its province and coordinates, in one step
    fields = _stored(window, incident.id)
    assert fields["location"] == "كركوك" and fields.get("admin1") is None and fields.get("actor1_id") is None


def test_an_ambiguous_place_asks_which_one(qtbot: Any, window: Any) -> None:
    from desktop.gui.place_chooser import PlaceChooser

    incident = _open_iraq_incident(window)
    _type(qtbot, window, "location", "الرمادي")
    chooser = window.findChild(PlaceChooser)
    assert chooser is not None and chooser.isVisible()
    countries = [c.country for c in chooser.choices]
    assert countries[0] == "Iraq" and "Yemen" in countries  # the incident's country first
    assert _stored(window, incident.id)["location"] == "كركوك"  # nothing written before the choice
    chooser.choose(countries.index("Yemen"))
    fields = _stored(window, incident.id)
    assert fields["location"] == "الرمادي" and fields["country"] == "Yemen"
    assert fields["location_id"] == chooser.choices[countries.index("Yemen")].place_id


def test_an_unknown_place_is_said_and_clears_the_old_coordinates(qtbot: Any, window: Any) -> None:
    incident = _open_iraq_incident(window)
    window.ops.set_incident_field(incident.id, "latitude", 35.47)  # Kirkuk's, set earlier
    _type(qtbot, window, "location", "قرية الاختبار")
    fields = _stored(window, incident.id)
    assert fields["location"] == "قرية الاختبار"
    assert fields["latitude"] is None and fields["location_id"] is None
    assert "قرية الاختبار" in window.last_error and "dictionary" in window.last_error
