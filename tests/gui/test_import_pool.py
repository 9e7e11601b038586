"""A large import from the GUI: worker processes (spawn), a connection of its own, a clean shutdown."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from desktop.gui.reads import settle
from desktop.ingest import POOL_THRESHOLD

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

PLACES = ["حلب", "إدلب", "الموصل", "كركوك", "تعز", "مأرب", "سرت", "درنة", "العريش", "رفح", "دير الزور"]


def tag_places(doc: Any) -> Any:
    """A light extractor that runs in the worker processes (picklable: a module-level function)."""
    from desktop.document import Span

    for place in PLACES:
        start = doc.text.find(place)
        if start >= 0:
            doc.layer("entities").append(Span(start, start + len(place), "LOC"))
    return doc


def _articles(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            text = f"قُتل {i % 7 + 1} مدنيين في قصف مدفعي استهدف حيًا سكنيًا في مدينة {place} صباح اليوم ({i})."
            record = {"id": f"pool-{i}", "title": f"قصف على {place} {i}", "date": "2024-05-02", "text": text}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_large_import_uses_the_pool_and_its_own_connection(window: Any, qtbot: Any, tmp_path: Path) -> None:
    n = POOL_THRESHOLD + 20
    source = _articles(tmp_path / "many.jsonl", n)
    gui_conn = window.ops.project.conn
    seen_conns: list[Any] = []
    real_worker_project = window.ops.worker_project

    def worker_project() -> Any:
        project = real_worker_project()
        seen_conns.append(project.conn)
        return project

    window.ops.worker_project = worker_project
    task = window.start_import([str(source)], extractor=tag_places, jobs=2)
    settle()
    assert task is not None
    outcome: list[Any] = []
    task.finished.connect(outcome.append)
    task.failed.connect(lambda message, _bug: outcome.append(message))
    # the GUI keeps reading its own connection while the job writes
    while not outcome:
        window.article_model.reload()
        qtbot.wait(20)
    summary = outcome[0]
    settle()
    assert not isinstance(summary, str), summary
    assert summary.imported == n, summary.messages and summary.failed == 0
    assert seen_conns and seen_conns[0] is not gui_conn
    assert not task.worker_thread.isRunning()
    assert multiprocessing.active_children() == []  # the pool is closed, no worker left
    assert window.article_model.total == 3 + n
    aleppo = window.ops.article_id_for("pool-0")
    settle()
    assert [e.text for e in window.ops.entities(aleppo)] == ["حلب"]
    window.select_article(aleppo)
    settle()
    assert window.article is not None and window.article.external_id == "pool-0"


def test_closing_the_window_during_an_import_waits_for_it(window: Any, qtbot: Any, tmp_path: Path) -> None:
    source = _articles(tmp_path / "some.jsonl", 120)
    task = window.start_import([str(source)], extractor=tag_places)
    settle()
    assert task is not None
    qtbot.waitUntil(lambda: task.worker_thread.isRunning(), timeout=5000)
    window.close()  # cancels, waits for the thread to end, closes the project
    settle()
    assert not task.worker_thread.isRunning()
    assert window.ops is None
