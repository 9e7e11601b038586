"""Import in the background with progress and cancel; the Arabic interface; the screenshot command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.gui.reads import settle

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

REPORT = "اشتبكت قوات الجيش مع مسلحين قرب مدينة {place} يوم الأحد، ما أدى إلى مقتل {n} عناصر."
PLACES = ["درعا", "حماة", "الرقة", "دير الزور", "الموصل", "تكريت", "عدن", "تعز", "سرت", "بنغازي"]


def _jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = REPORT.format(place=PLACES[i % len(PLACES)], n=i + 2) + f" (رقم {i})"
            record = {"id": f"imp-{i}", "title": f"تقرير {i}", "date": "2024-04-01", "text": text}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def light_extractor(doc: Any) -> Any:
    """No NLP: the GUI's import plumbing is under test here, not the models."""
    return doc


def _wait(qtbot: Any, task: Any, timeout: int = 60_000) -> Any:
    outcome: list[Any] = []
    task.finished.connect(outcome.append)
    task.failed.connect(lambda message, _bug: outcome.append(message))
    qtbot.waitUntil(lambda: bool(outcome), timeout=timeout)
    return outcome[0]


def test_import_with_progress(window: Any, qtbot: Any, tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "batch.jsonl", 6)
    seen: list[tuple[int, int]] = []
    task = window.start_import([str(source)], extractor=light_extractor)
    assert task is not None
    task.progress.connect(lambda done, total, _m: seen.append((done, total)))
    summary = _wait(qtbot, task)
    assert not isinstance(summary, str), summary
    assert summary.imported == 6 and not summary.cancelled
    assert seen, "no progress reported"
    settle()
    assert window.article_model.total == 9
    assert not window.runner.progress.isVisible()


def test_import_cancel(window: Any, qtbot: Any, tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "big.jsonl", 300)
    task = window.start_import([str(source)], extractor=light_extractor)
    assert task is not None
    task.progress.connect(lambda *_a: window.cancel_task())
    summary = _wait(qtbot, task)
    assert not isinstance(summary, str), summary
    assert summary.cancelled
    assert summary.imported < 300
    settle()
    assert window.article_model.total == 3 + summary.imported


def test_import_failure_reasons_reach_the_window(window: Any, qtbot: Any, tmp_path: Path) -> None:
    """Each failed item is named with its reason in the message the analyst sees (it was lost)."""
    source = tmp_path / "mixed.jsonl"
    good = {"id": "ok-1", "title": "تقرير", "text": REPORT.format(place="درعا", n=3)}
    bad = {"id": "ok-1", "title": "تقرير آخر", "text": "نص مختلف عن سقوط قذائف على حماة."}  # id taken
    source.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (good, bad)) + "{not json\n",
        encoding="utf-8",
    )
    task = window.start_import([str(source), str(tmp_path / "missing.jsonl")], extractor=light_extractor)
    assert task is not None
    summary = _wait(qtbot, task)
    assert summary.imported == 1 and summary.failed == 3
    message = window.last_error
    assert "1 articles imported, 0 skipped, 3 failed." in message
    taken = "an article with id 'ok-1' but a different text is already in the project."
    assert f"mixed.jsonl:2: {taken}" in message
    assert "mixed.jsonl:3:" in message and "missing.jsonl" in message
    assert "Traceback" not in message


def test_arabic_interface_is_mirrored(qtbot: Any, project_path: Path) -> None:
    from desktop.gui import i18n
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.gui.qt import QApplication, QDialogButtonBox, Qt
    from desktop.settings import Settings

    make_application("ar")
    try:
        w = MainWindow(Settings(language="ar"))
        w.quiet_errors = True
        qtbot.addWidget(w)
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert w.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert w.open_project(project_path)
        assert w.article_model.headerData(0, Qt.Orientation.Horizontal) == "العنوان"
        assert w.incident_panel.title.text().startswith("الحوادث")
        # Qt's own strings (standard dialog buttons) come from Qt's Arabic catalogue
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
        assert cancel != "Cancel" and any("\u0600" <= c <= "\u06ff" for c in cancel)
        w.show()
        qtbot.waitExposed(w)
        # mirrored: the article list sits right of the incident panel
        left = w.article_view.mapTo(w, w.article_view.rect().topLeft()).x()
        right = w.incident_panel.mapTo(w, w.incident_panel.rect().topLeft()).x()
        assert left > right
        w.close_project()
    finally:
        make_application("en")
        i18n.set_language("en")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancel"


def test_every_interface_string_is_translated() -> None:
    import re

    from desktop.resources import resource_path

    catalog = json.loads(resource_path("translations", "ar.json").read_text(encoding="utf-8"))
    missing = set()
    gui = Path(__file__).resolve().parents[2] / "desktop" / "gui"
    for source in gui.glob("*.py"):
        for match in re.finditer(
            r'\btr\((["\'])((?:(?!\1)[^\\]|\\.)*)\1\)', source.read_text(encoding="utf-8")
        ):
            if match.group(2) not in catalog:
                missing.add(match.group(2))
    from desktop.gui.article_model import COLUMNS
    from desktop.gui.article_pane import REVIEW_STATUSES
    from desktop.gui.incident_panel import LIST_COLUMNS
    from desktop.gui.theme import ENTITY_TYPES

    for text in [c for c, _ in COLUMNS] + list(LIST_COLUMNS) + list(REVIEW_STATUSES) + list(ENTITY_TYPES):
        if text not in catalog:
            missing.add(text)
    for status in ("new", "accepted", "edited", "rejected"):
        if status not in catalog:
            missing.add(status)
    assert not missing, sorted(missing)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_screenshot_command(project_path: Path, tmp_path: Path, rasid_home: Path, lang: str) -> None:
    out = tmp_path / f"shot-{lang}.png"
    env = {"QT_QPA_PLATFORM": "offscreen", "RASID_HOME": str(rasid_home), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "gui",
            "--project",
            str(project_path),
            "--article",
            "sy-1",
            "--lang",
            lang,
            "--screenshot",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    from desktop.gui.qt import QImage

    image = QImage(str(out))
    assert image.width() > 800 and image.height() > 500
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20


def test_screenshot_of_a_damaged_project_says_why_and_exits(tmp_path: Path, rasid_home: Path) -> None:
    """No one is there to close a dialog: the error goes to stderr in one sentence, exit 1, no hang."""
    bad = tmp_path / "bad.rasid"
    bad.write_bytes(b"not a database\n")
    env = {"QT_QPA_PLATFORM": "offscreen", "RASID_HOME": str(rasid_home), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "gui", "--project", str(bad), "--screenshot", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("rasid:")]
    assert len(errors) == 1 and "not a Rasid project" in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_bytes() == b"not a database\n"
