"""The import dialog offers every format; several files all import; the report lists each with its reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.gui.import_report import ImportReportDialog, import_filter
from desktop.gui.qt import Qt

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()

REPORT = "اشتبكت قوات الجيش مع مسلحين قرب مدينة درعا يوم الأحد، ما أدى إلى مقتل 3 عناصر."


def light_extractor(doc: Any) -> Any:
    """No NLP: the import plumbing and its report are under test, not the models."""
    return doc


def _wait(qtbot: Any, task: Any) -> Any:
    outcome: list[Any] = []
    task.finished.connect(outcome.append)
    task.failed.connect(lambda message, _bug: outcome.append(message))
    qtbot.waitUntil(lambda: bool(outcome), timeout=60_000)
    assert not isinstance(outcome[0], str), outcome[0]
    return outcome[0]


def test_the_file_dialog_offers_every_importable_format() -> None:
    first = import_filter().split(";;")[0]
    for pattern in ("*.html", "*.htm", "*.docx", "*.pdf", "*.txt", "*.jsonl", "*.json", "*.csv", "*.gz"):
        assert pattern in first


def test_every_file_is_imported_and_reported_with_its_reason(window: Any, qtbot: Any, tmp_path: Path) -> None:
    good = tmp_path / "تقرير درعا.txt"
    good.write_text(REPORT, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>خبر</title></head><body><p>{REPORT} حماة</p></body></html>", "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    paths = [str(p) for p in (good, page, empty, binary)]

    summary = _wait(qtbot, window.start_import(paths, extractor=light_extractor))
    assert summary.imported == 2 and summary.failed == 2
    assert [f.outcome for f in summary.files] == ["imported", "imported", "failed", "failed"]
    window.wait_for_reads()
    dialog = window.findChild(ImportReportDialog)
    assert dialog is not None and dialog.isVisible()  # failures open the report at once
    rows = dialog.rows()
    assert [r[0] for r in rows] == ["تقرير درعا.txt", "page.html", "empty.txt", "binary.txt"]
    reasons = {r[0]: r[5] for r in rows}
    assert reasons["empty.txt"] and reasons["binary.txt"]  # the ingest layer's reasons, not a count
    assert "text" in reasons["empty.txt"].lower() and "encoding" in reasons["binary.txt"].lower()
    dialog.close()

    assert window.last_report_action.isEnabled()
    window.last_report_action.trigger()  # View → Last import report, afterwards
    again = [d for d in window.findChildren(ImportReportDialog) if d.isVisible()]
    assert len(again) == 1 and again[0].rows() == rows


def test_cancel_stays_enabled_while_a_large_import_runs(window: Any, qtbot: Any, tmp_path: Path) -> None:
    """The import runs off the GUI thread: the window keeps answering and Cancel stops it."""
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join([REPORT] * 20_000), encoding="utf-8")  # ~1.6 MB, one article
    many = [tmp_path / f"part{i}.txt" for i in range(30)]
    for i, p in enumerate(many):
        p.write_text(f"{REPORT} ({i})", encoding="utf-8")
    task = window.start_import([str(big), *map(str, many)], extractor=light_extractor)
    assert task is not None and window.runner.cancel_button.isVisibleTo(window)
    assert window.runner.cancel_button.isEnabled()
    qtbot.mouseClick(window.runner.cancel_button, Qt.MouseButton.LeftButton)
    summary = _wait(qtbot, task)
    assert summary.cancelled
    assert any(f.outcome == "not imported" for f in summary.files)
