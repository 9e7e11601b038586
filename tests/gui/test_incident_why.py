"""The incident panel's "why" line: the decision's confidence and the ids of the rules behind it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from desktop.gui.incident_panel import why_text
from desktop.gui.views import IncidentView
from desktop.ingest import import_paths
from desktop.store.project import Project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()


def test_the_selected_incident_shows_its_confidence_and_rules(window: Any, tmp_path: Path) -> None:
    text = "فجر عناصر من داعش سيارة مفخخة في مدينة البصيرة أمس السبت، ما أسفر عن مقتل 13 عنصرا من قسد."
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "x", "text": text, "date": "2019-03-03"}, ensure_ascii=False) + "\n")
    path = tmp_path / "real.rasid"
    with Project.create(path) as project:
        assert import_paths(project, [src]).imported == 1  # the real pipeline
    assert window.open_project(path) and window.wait_for_reads()
    window.select_article(window.ops.article_id_for("x"))
    assert window.wait_for_reads()
    assert window.incident_panel.current() is not None
    why = window.incident_panel.editor.why.text()
    assert re.search(r"confidence 0\.\d\d", why)
    assert "trigger.ied.verb" in why


def test_an_analyst_incident_says_who_made_it() -> None:
    inc = IncidentView(id=1, article_id=1, status="accepted", origin="analyst", fields={})
    assert why_text(inc) == "Added by the analyst."
    machine = IncidentView(
        1, 1, "new", "auto", {}, rules=("trigger.ied.verb", "bind.toll.number"), confidence=0.8
    )
    assert why_text(machine) == "confidence 0.80 · trigger.ied.verb, bind.toll.number"
