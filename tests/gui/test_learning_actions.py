"""The learning actions of the window: mark an article reviewed, learn from the reviewed articles
(in the background, with the two scores shown before the analyst chooses)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.gui.qt import QApplication, QMessageBox
from desktop.ingest import import_paths
from desktop.store.project import Project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()

TEXT = (
    "نقلت صحيفة الرياض عن مصدر أمني أن دورية اعترضت شاحنة قرب {p}. ووصل وفد إلى الرياض لبحث الأوضاع في {p}."
)


def _record(i: int, place: str) -> dict[str, Any]:
    text = TEXT.format(p=place)
    first = text.index("الرياض")
    second = text.index("الرياض", first + 1)
    at = text.index(place)
    spans = [(first, "ORG"), (second, "LOC")]
    ents = [{"start": s, "end": s + len("الرياض"), "type": t} for s, t in spans]
    ents.append({"start": at, "end": at + len(place), "type": "LOC"})
    return {"id": f"r{i}", "date": "2016-03-01", "text": text, "entities": ents, "incidents": []}


def _wait(qtbot: Any, task: Any) -> list[Any]:
    outcome: list[Any] = []
    task.finished.connect(outcome.append)
    task.failed.connect(lambda message, _bug: outcome.append(message))
    qtbot.waitUntil(lambda: bool(outcome), timeout=120_000)
    return outcome


def test_marking_the_shown_article_reviewed_is_saved_and_shown(window: Any) -> None:
    aid = window.ops.article_id_for("iq-1")
    window.select_article(aid)
    assert window.wait_for_reads()
    assert not window.review_action.isChecked()
    window.review_action.trigger()
    assert window.review_action.isChecked()
    assert window.ops.project.reviews.ids() == [aid]
    window.review_action.trigger()
    assert window.ops.project.reviews.ids() == []


def test_learning_with_too_few_reviewed_articles_says_so_in_one_sentence(window: Any, qtbot: Any) -> None:
    (outcome,) = _wait(qtbot, window.learn())
    assert isinstance(outcome, str) and "at least 4" in outcome


def test_learning_shows_both_scores_and_uses_the_models_when_asked(
    qtbot: Any, tmp_path: Path, window: Any
) -> None:
    path = tmp_path / "taught.rasid"
    records = [_record(i, p) for i, p in enumerate(("جازان", "نجران", "صعدة", "الطائف", "عسير"))]
    src = tmp_path / "r.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    with Project.create(path) as project:
        assert import_paths(project, [src], reviewed=True).imported == 5
    assert window.open_project(path) and window.wait_for_reads()
    (result,) = _wait(qtbot, window.learn())
    assert not isinstance(result, str), result
    qtbot.waitUntil(lambda: _dialog() is not None, timeout=10_000)
    box = _dialog()
    assert box is not None
    assert "bundled model F1" in box.text() and "your project's model F1" in box.text()
    (use,) = [b for b in box.buttons() if b.text() == "Use the new models"]
    use.click()
    assert window.ops.project.models.active("entities") is not None
    assert window.ops.project.models.active("incidents") is not None


def _dialog() -> QMessageBox | None:
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "learningResult"
    ]
    return found[0] if found else None
