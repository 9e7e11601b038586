"""The project subcommands of the `rasid` CLI, in-process and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rasid_stub import ARTICLES, stub_extract, write_jsonl

from desktop.cli import main
from desktop.store.schema import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _stub_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.pipeline

    monkeypatch.setattr(desktop.pipeline, "extract", stub_extract)


def test_new_import_search_stats_reextract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj = str(tmp_path / "p.rasid")
    assert main(["project", "new", proj]) == 0
    batch = write_jsonl(tmp_path / "b.jsonl", ARTICLES)
    (tmp_path / "note.txt").write_text("خبر عن اشتباكات في بغداد مساء أمس.", encoding="utf-8")
    capsys.readouterr()
    code = main(
        [
            "import",
            proj,
            str(batch),
            str(tmp_path / "note.txt"),
            "--source",
            "مراسل",
            "--date",
            "2024-06-01",
            "-j",
            "1",
            "--json",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["imported"] == 5 and out["failed"] == []

    assert main(["import", proj, str(batch), "-j", "1"]) == 0
    captured = capsys.readouterr()
    assert "imported: 0, skipped (duplicates): 4, failed: 0" in captured.out

    assert main(["search", proj, "الموصل", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits["total"] == 1 and hits["hits"][0]["id"] == "a1"

    assert main(["search", proj, "بغداد", "--from", "2024-05-01"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("1 result(s)") and "«بغداد»" in text and "[note]" in text

    assert main(["search", proj, "بغداد", "--shape"]) == 0
    assert "بغداد" not in capsys.readouterr().out  # shaped: presentation forms, visual order

    assert main(["stats", proj, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 5 and stats["schema_version"] == SCHEMA_VERSION

    assert main(["reextract", proj, "-j", "1"]) == 0
    assert "re-extracted: 5" in capsys.readouterr().out


def test_failures_exit_2_and_errors_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj = str(tmp_path / "p.rasid")
    main(["project", "new", proj])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert main(["import", proj, str(bad), "-j", "1"]) == 2
    assert "bad.jsonl:1: the record has no `text`." in capsys.readouterr().err
    assert main(["search", proj, '"غير مغلق']) == 1
    assert "quote" in capsys.readouterr().err
    assert main(["project", "new", proj]) == 1


def test_subprocess_refuses_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "x.rasid"
    path.write_text("ليس مشروعا", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "stats", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert out.returncode == 1
    assert out.stderr.strip() == f"rasid: {path} is not a Rasid project (it is not an SQLite database file)."
    assert path.read_text(encoding="utf-8") == "ليس مشروعا"


def test_store_and_importing_never_import_qt() -> None:
    code = (
        "import sys, desktop.store, desktop.cli.project, desktop.ingest, desktop.importing\n"
        "import desktop.importing.readers, desktop.importing.html\n"
        "assert 'PySide6' not in sys.modules, 'PySide6 imported'\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.returncode == 0, out.stderr
