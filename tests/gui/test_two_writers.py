"""Two processes writing one project: a CLI import beside an open GUI is refused in one sentence,
the GUI's edits go on being saved, and after the GUI closes the import completes; nothing is lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.store.project import Project

pytestmark = [pytest.mark.faults, pytest.mark.qt_log_ignore("propagateSizeHints")]

REPO = Path(__file__).resolve().parents[2]


def _rasid(*args: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "desktop", *args]
    return subprocess.run(argv, capture_output=True, text=True, cwd=REPO, timeout=120)


def test_cli_import_beside_an_open_gui(window: Any, project_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "new.jsonl"
    record = {"id": "cli-1", "title": "خبر جديد", "text": "قتل 4 مدنيين في قصف على بلدة معرة النعمان."}
    src.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    before = window.article_model.total
    refused = _rasid("import", str(project_path), str(src), "-j", "1")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        "rasid: test.rasid is already open in another Rasid window or process; close it there or open "
        "it read-only."
    ]
    assert window.article is not None
    article_id = window.article.id
    window.tags_edit.setText("مراجعة")
    window._commit_tags()  # the GUI's edit is saved at once, the refused import changed nothing
    assert window.last_error == ""
    window.close_project()
    done = _rasid("import", str(project_path), str(src), "-j", "1")
    assert done.returncode == 0, done.stderr
    with Project.open(project_path, read_only=True) as p:
        assert p.integrity_check() == "ok"
        assert p.articles.count() == before + 1
        assert p.tags.of(article_id) == ["مراجعة"]
