"""One bad record never aborts a run: lone surrogates, JSON nested too deeply, a dump record
without text. Each is reported (or repaired) and the rest of the file goes on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop.document import Document
from desktop.ingest import import_paths
from desktop.store import Project

REPO = Path(__file__).resolve().parents[2]
TEXT = "قصفت طائرات حربية مدينة إدلب صباح الأحد وسقط {i} قتلى."
NESTED = "[" * 200_000 + "]" * 200_000


def _same(doc: Document) -> Document:
    return doc


def _lines(path: Path) -> Path:
    lines = [
        json.dumps({"id": "s1", "text": TEXT.format(i=1) + " \ud800", "title": "عنوان \udfff"}),
        json.dumps({"id": "s2", "text": TEXT.format(i=2), "title": "\ud83d", "source": "\udc00وكالة"}),
        NESTED,
        '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({"id": "ok", "text": TEXT.format(i=3)}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_goes_past_surrogates_and_deep_nesting(tmp_path: Path) -> None:
    src = _lines(tmp_path / "bad.jsonl")
    with Project.create(tmp_path / "p.rasid") as p:
        report = import_paths(p, [src], jobs=1, extractor=_same)
        assert report.imported == 3, report
        assert [name for name, _ in report.failed] == ["bad.jsonl:3", "bad.jsonl:4"]
        assert all("nested too deeply" in reason for _, reason in report.failed)
        titles = {a.external_id: a.title for a in p.articles.list(limit=10)}
        assert titles["s1"] == "عنوان \ufffd" and titles["s2"] == "\ufffd"
        assert p.integrity_check() == "ok"


def test_extract_goes_past_surrogates_and_deep_nesting(tmp_path: Path) -> None:
    src = _lines(tmp_path / "bad.jsonl")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "extract", str(src), "-o", str(out), "-j", "1"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == [
        f"{src}:3: malformed JSON (nested too deeply)",
        f"{src}:4: malformed JSON (nested too deeply)",
    ]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["s1", "s2", "ok"]


def test_import_dump_without_text_is_one_sentence(tmp_path: Path) -> None:
    dump = tmp_path / "dump.json"
    dump.write_text(
        json.dumps({"format": "rasid-dump", "version": 1, "articles": [{"external_id": "x", "title": "t"}]}),
        encoding="utf-8",
    )
    from desktop.export.json_export import DUMP_FORMAT

    dump.write_text(dump.read_text().replace("rasid-dump", DUMP_FORMAT), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "import-dump", str(tmp_path / "p.rasid"), str(dump)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip() == f"rasid: {dump}: article 1 (x) has no `text`; the dump was not imported."
