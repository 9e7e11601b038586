"""A big single article is imported as linked parts cut at paragraphs; a huge one is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.document import Document
from desktop.ingest import import_paths
from desktop.ingest import parts as parts_module
from desktop.ingest.parts import MAX_ARTICLE_CHARS, PART_CHARS, split_parts
from desktop.store import Project

PARAGRAPH = (
    "قصفت طائرات حربية مدينة إدلب صباح الأحد وسقط {i} قتلى في الغارة. وقالت مصادر محلية إن القصف استمر.\n\n"
)
seen: list[int] = []


def _record_size(doc: Document) -> Document:
    seen.append(len(doc.text))
    return doc


def _text(chars: int) -> str:
    out, i = [], 0
    total = 0
    while total < chars:
        p = PARAGRAPH.format(i=i)
        out.append(p)
        total += len(p)
        i += 1
    return "".join(out).strip()


def test_split_parts_cuts_at_paragraphs_and_loses_nothing() -> None:
    text = _text(PART_CHARS * 3 + 500)
    pieces = split_parts(text)
    assert len(pieces) == 4
    assert all(0 < len(p) <= PART_CHARS for p in pieces)
    assert all(p.endswith("استمر.") for p in pieces)  # each ends where a paragraph ends
    assert "\n\n".join(pieces) == text
    assert split_parts("قصير") == ["قصير"]
    assert split_parts("ا" * 25, limit=10) == ["ا" * 10, "ا" * 10, "ا" * 5]


def test_big_article_is_imported_as_linked_parts(tmp_path: Path) -> None:
    text = _text(PART_CHARS * 2 + 10)
    src = tmp_path / "big.jsonl"
    src.write_text(json.dumps({"id": "big", "title": "تقرير", "text": text}, ensure_ascii=False) + "\n")
    seen.clear()
    with Project.create(tmp_path / "p.rasid") as p:
        report = import_paths(p, [src], jobs=1, extractor=_record_size)
        assert report.imported == 3 and report.failed_count == 0
        stored = sorted(p.articles.list(limit=10), key=lambda a: a.external_id)
        assert [a.external_id for a in stored] == [f"big~part-{k}-of-3" for k in (1, 2, 3)]
        assert [a.title for a in stored] == [f"تقرير (part {k} of 3)" for k in (1, 2, 3)]
        assert "\n\n".join(p.articles.get(a.id).text for a in stored) == text
        # rerun: nothing duplicated
        again = import_paths(p, [src], jobs=1, extractor=_record_size)
        assert again.imported == 0 and p.articles.count() == 3
    assert max(seen) <= PART_CHARS  # no extraction ever saw more than one part


def test_huge_article_is_refused_in_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parts_module, "MAX_ARTICLE_CHARS", 50_000)
    src = tmp_path / "huge.txt"
    src.write_text(_text(60_000), encoding="utf-8")
    with Project.create(tmp_path / "p.rasid") as p:
        report = import_paths(p, [src], jobs=1, extractor=_record_size)
        assert report.imported == 0 and p.articles.count() == 0
    ((name, reason),) = report.failed
    assert name.endswith("huge.txt") and "more than the 50,000 an article may have" in reason
    assert MAX_ARTICLE_CHARS >= 10 * PART_CHARS


def test_extract_refuses_a_huge_record_and_goes_on(tmp_path: Path) -> None:
    import subprocess
    import sys

    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "huge", "text": "ا " * (MAX_ARTICLE_CHARS // 2 + 1)}),
        json.dumps({"id": "ok", "text": PARAGRAPH.format(i=1)}, ensure_ascii=False),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "extract", str(src), "-o", str(out), "-j", "1"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"{src}:1: `text` has 1,000,002 characters, more than the")
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["ok"]
