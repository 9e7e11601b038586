"""Hostile sizes stop at a limit with one sentence, in bounded memory: gzip bombs, giant lines, docx
zip bombs, deeply nested markup, and the list of failures an import keeps."""

from __future__ import annotations

import gzip
import json
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.importing import limits, read_paths
from desktop.importing.html import extract_html
from desktop.importing.records import ImportFailure, RawArticle
from desktop.importing.walk import count_records

REPO = Path(__file__).resolve().parents[2]
GOOD = {"id": "ok", "title": "خبر", "text": "قصفت طائرات حربية مدينة إدلب صباح الأحد."}
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _gz_with_giant_line(path: Path, size: int) -> Path:
    with gzip.open(path, "wb", compresslevel=1) as fh:
        fh.write((json.dumps(GOOD, ensure_ascii=False) + "\n").encode())
        fh.write(b'{"id": "big", "text": "')
        block = b"a" * limits.CHUNK
        for _ in range(size // len(block)):
            fh.write(block)
        fh.write(b'"}\n')
        fh.write((json.dumps({**GOOD, "id": "after", "text": GOOD["text"] + " 2"}) + "\n").encode())
    return path


def test_giant_line_in_gzip_is_skipped_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_RECORD_BYTES", 2 * limits.MB)
    path = _gz_with_giant_line(tmp_path / "bomb.jsonl.gz", 8 * limits.MB)
    items = list(read_paths([path]))
    assert [i.external_id for i in items if isinstance(i, RawArticle)] == ["ok", "after"]
    (fail,) = [i for i in items if isinstance(i, ImportFailure)]
    assert fail.name.endswith(":2") and "longer than 2 MB" in fail.reason
    assert count_records([path]) == 3


def test_gzip_expanding_past_the_limit_stops_with_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_DECOMPRESSED_BYTES", 3 * limits.MB)
    path = tmp_path / "many.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as fh:
        for i in range(20_000):
            fh.write((json.dumps({"id": str(i), "text": "نص " * 60}) + "\n").encode())
    items = list(read_paths([path]))
    fails = [i for i in items if isinstance(i, ImportFailure)]
    assert len(fails) == 1 and "expands to more than 3 MB" in fails[0].reason
    assert 0 < len(items) - 1 < 20_000
    assert count_records([path]) is None  # not counted past the limit either


def test_real_gzip_bomb_through_the_cli_stays_small(tmp_path: Path) -> None:
    path = _gz_with_giant_line(tmp_path / "bomb.jsonl.gz", 200 * limits.MB)
    assert path.stat().st_size < 2 * limits.MB
    project = tmp_path / "p.rasid"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "project", "new", str(project)], capture_output=True, cwd=REPO
    )
    assert proc.returncode == 0
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "import", str(project), str(path), "-j", "1", "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert proc.returncode == 2, proc.stderr
    report = json.loads(proc.stdout)
    assert report["imported"] == 2
    assert [f["name"] for f in report["failed"]] == ["bomb.jsonl.gz:2"]
    assert "Traceback" not in proc.stderr
    assert max(peak_kb, before) < 900_000  # KiB: the 200 MB line was never held whole


def _docx(path: Path, body: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", body)
    return path


def test_docx_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_DOCX_XML_BYTES", 4 * limits.MB)
    head = f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>'.encode()
    path = _docx(
        tmp_path / "bomb.docx", head + b" " * (10 * limits.MB) + b"</w:t></w:r></w:p></w:body></w:document>"
    )
    assert path.stat().st_size < limits.MB
    (fail,) = list(read_paths([path]))
    assert isinstance(fail, ImportFailure)
    assert "more than 4 MB" in fail.reason and fail.reason.count(". ") == 0


def test_docx_nested_paragraphs_are_read_once(tmp_path: Path) -> None:
    depth = 400
    inner = "".join(f"<w:p><w:r><w:t>فقرة{i}</w:t></w:r>" for i in range(depth)) + "</w:p>" * depth
    body = f'<w:document xmlns:w="{_W}"><w:body>{inner}</w:body></w:document>'.encode()
    (article,) = list(read_paths([_docx(tmp_path / "nested.docx", body)]))
    assert isinstance(article, RawArticle)
    # an outer paragraph does not repeat its inner ones
    assert article.text.split("\n\n") == [f"فقرة{i}" for i in range(depth)]


def test_deeply_nested_html_is_read() -> None:
    depth = 5000
    html = "<html><body>" + "<div>" * depth + "<p>قصفت طائرات حربية مدينة إدلب صباح الأحد.</p>"
    _title, text, _meta = extract_html(html + "</div>" * depth + "</body></html>")
    assert text == "قصفت طائرات حربية مدينة إدلب صباح الأحد."
    html = "<html><body>" + "<article>" * depth + "<p>" + "نص الخبر الرئيسي في المقال. " * 5 + "</p>"
    _title, text, _meta = extract_html(html + "</article>" * depth + "</body></html>")
    assert text.startswith("نص الخبر الرئيسي")


def test_import_keeps_a_bounded_list_of_failures(tmp_path: Path) -> None:
    from desktop.ingest import import_paths
    from desktop.ingest.report import MAX_LISTED
    from desktop.store import Project

    n = MAX_LISTED * 3
    src = tmp_path / "bad.jsonl"
    src.write_text("{not json\n" * n + json.dumps(GOOD, ensure_ascii=False) + "\n", encoding="utf-8")
    with Project.create(tmp_path / "p.rasid") as p:
        report = import_paths(p, [src], jobs=1, extractor=lambda doc: doc)
    assert report.imported == 1
    assert report.failed_count == n and len(report.failed) == MAX_LISTED
    assert report.to_json()["failed_count"] == n
    assert report.problems()[-1] == f"... and {n - MAX_LISTED} more failure(s) not listed"


def test_csv_field_longer_than_the_csv_default_keeps_the_rows_after_it(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    long_text = "قصفت طائرات حربية مدينة إدلب. " * 6000  # ~180,000 characters, past csv's 131,072
    rows = ["id,text", f'1,"{long_text}"', "2,نص قصير عن الموصل", "3,نص آخر عن بغداد"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = list(read_paths([path]))
    assert [i.external_id for i in items if isinstance(i, RawArticle)] == ["1", "2", "3"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16", "cp1256"])
def test_jsonl_in_another_encoding_is_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "other.jsonl"
    records = [{"id": f"e{i}", "text": f"قصفت طائرات حربية مدينة إدلب وسقط {i} قتلى."} for i in range(3)]
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_bytes(body.encode(encoding))
    items = list(read_paths([path]))
    assert [i.text for i in items if isinstance(i, RawArticle)] == [r["text"] for r in records], items
