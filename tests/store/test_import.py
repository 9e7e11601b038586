"""The import runner: de-duplication, near-duplicates, failures, defaults, cancel, progress and pools."""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path
from typing import Any

import pytest
import rasid_stub
from rasid_stub import ARTICLES, stub_extract, write_jsonl

from desktop.document import Document
from desktop.errors import ProjectFullError, ResourceError
from desktop.ingest import ImportProgress, import_paths, reextract
from desktop.store import ArticleFilter, Project

STORY = (
    "أعلنت وزارة الداخلية العراقية اليوم أن قوات الأمن تمكنت من إحباط هجوم انتحاري كان يستهدف سوقا شعبيا "
    "في مدينة الموصل شمال البلاد، وأضافت الوزارة في بيان أن عناصر الاستخبارات رصدت تحركات المهاجمين منذ "
    "أيام واعتقلت ثلاثة مشتبه بهم بعد مداهمة منزل في حي الزهراء، مشيرة إلى أن التحقيقات ما زالت جارية "
    "لكشف الجهات التي تقف وراء التخطيط للهجوم وتمويله."
)


def test_exact_duplicates_are_skipped_and_reported(project: Project, tmp_path: Path) -> None:
    dup = dict(
        ARTICLES[0],
        id="copy-of-a1",
        text="قُتل 5 مدنيين في هجوم شنّه تنظيم داعش على قرية قرب وبالموصل. وقالت الشرطة إن التحقيق مستمر.",
    )
    dup["text"] = dup["text"].replace("قُتل", "قتل")  # differs only by a diacritic: same normalized content
    batch = write_jsonl(tmp_path / "b.jsonl", [*ARTICLES, dup])
    report = import_paths(project, [batch], jobs=1, extractor=stub_extract)
    assert report.imported == 4
    assert report.skipped == [("b.jsonl:5", "exact duplicate (same text as b.jsonl:1).")]
    again = import_paths(project, [batch], jobs=1, extractor=stub_extract)
    assert again.imported == 0 and len(again.skipped) == 5
    assert "already in the project" in again.skipped[0][1]


def test_near_duplicates_are_flagged_not_skipped(project: Project, tmp_path: Path) -> None:
    other = (
        STORY.replace("اليوم", "مساء اليوم").replace("ثلاثة", "أربعة")
        + " وقال مصدر أمني إن الوضع تحت السيطرة."
    )
    batch = write_jsonl(
        tmp_path / "b.jsonl",
        [
            {"id": "x1", "source": "الصباح", "text": STORY},
            {"id": "x2", "source": "المدى", "text": other},
            {"id": "x3", "source": "المدى", "text": ARTICLES[2]["text"]},
        ],
    )
    report = import_paths(project, [batch], jobs=1, extractor=stub_extract)
    assert report.imported == 3
    assert [(n, o) for n, o, _ in report.near_duplicates] == [("b.jsonl:2", "x1")]
    x2 = project.articles.by_external_id("x2")
    assert x2.near_dup_of == project.articles.by_external_id("x1").id and x2.near_dup_score >= 0.5
    assert project.articles.by_external_id("x3").near_dup_of is None
    assert project.articles.count(ArticleFilter(near_duplicates=True)) == 1


def test_bad_records_fail_with_reasons_and_the_rest_goes_on(project: Project, tmp_path: Path) -> None:
    batch = tmp_path / "b.jsonl"
    batch.write_text(
        json.dumps(ARTICLES[0], ensure_ascii=False)
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "nt", "title": "بلا نص"}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "bd", "text": "نص", "date": "أمس"}, ensure_ascii=False)
        + "\n"
        + json.dumps(dict(ARTICLES[1], id="a1"), ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "x.xyz").write_text("نص", encoding="utf-8")
    report = import_paths(
        project, [batch, tmp_path / "missing.txt", tmp_path / "x.xyz"], jobs=1, extractor=stub_extract
    )
    assert report.imported == 1
    reasons = dict(report.failed)
    assert reasons["b.jsonl:2"].startswith("malformed JSON")
    assert reasons["b.jsonl:3"] == "the record has no `text`."
    assert "bad `date`" in reasons["b.jsonl:4"]
    assert "already in the project" in reasons["b.jsonl:5"]
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or folder."
    assert "not supported" in reasons[str(tmp_path / "x.xyz")]


def test_defaults_fill_missing_metadata_and_file_ids(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "in" / "sub"
    folder.mkdir(parents=True)
    (folder / "خبر.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "in" / "خبر.txt").write_text(ARTICLES[2]["text"], encoding="utf-8")
    report = import_paths(
        project,
        [tmp_path / "in"],
        defaults={"source": "أرشيف", "date": "2023-01-02", "title": ""},
        jobs=1,
        extractor=stub_extract,
    )
    assert report.imported == 2 and not report.failed
    arts = {a.external_id: project.articles.get(a.id) for a in project.articles.list()}
    assert set(arts) == {"خبر", "خبر~2"}
    assert all(a.source == "أرشيف" and a.date == "2023-01-02" for a in arts.values())


def test_progress_and_cancel(project: Project, tmp_path: Path) -> None:
    records = [{"id": f"r{i}", "text": f"{STORY} رقم {i} " + "كلمة " * i} for i in range(30)]
    batch = write_jsonl(tmp_path / "b.jsonl", records)
    seen: list[ImportProgress] = []

    def progress(state: ImportProgress) -> bool:
        seen.append(ImportProgress(**vars(state)))
        return state.done < 10

    report = import_paths(project, [batch], progress=progress, jobs=1, extractor=stub_extract)
    assert report.cancelled and report.imported == 10 == project.articles.count()
    assert seen[0].total == 30 and seen[-1].done == 10 and seen[-1].current == "b.jsonl:10"
    cancel = threading.Event()
    cancel.set()
    assert import_paths(project, [batch], cancel=cancel, jobs=1, extractor=stub_extract).imported == 0


def test_default_extractor_is_the_pipeline(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop.pipeline

    calls: list[str] = []

    def fake(doc: Document) -> Document:
        calls.append(doc.id)
        return stub_extract(doc)

    monkeypatch.setattr(desktop.pipeline, "extract", fake)
    import_paths(project, [write_jsonl(tmp_path / "b.jsonl", ARTICLES[:2])], jobs=1)
    assert calls == ["a1", "a2"]


def test_missing_model_stops_the_import(project: Project, tmp_path: Path) -> None:
    def broken(doc: Document) -> Document:
        raise ResourceError("The bundled resource models/ner.crfsuite is missing; reinstall Rasid.")

    with pytest.raises(ResourceError, match="missing"):
        import_paths(project, [write_jsonl(tmp_path / "b.jsonl", ARTICLES)], jobs=1, extractor=broken)


def test_gzip_batch_on_two_processes_keeps_order(project: Project, tmp_path: Path) -> None:
    records = [{"id": f"g{i:03d}", "text": f"خبر رقم {i}: {STORY[: 40 + i]}"} for i in range(40)]
    path = tmp_path / "b.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    report = import_paths(project, [path], jobs=2, extractor=rasid_stub.stub_extract)
    assert report.imported == 40, report.failed
    ids = [a.external_id for a in project.articles.list(limit=100, order_by="id")]
    assert ids == [r["id"] for r in records]


def test_full_disk_during_import_stops_cleanly(project: Project, tmp_path: Path) -> None:
    records: list[dict[str, Any]] = [
        {"id": f"r{i}", "text": STORY + " " + "إضافة " * (i * 50)} for i in range(40)
    ]
    pages = project.conn.execute("PRAGMA page_count").fetchone()[0]
    project.conn.execute(f"PRAGMA max_page_count = {pages + 12}")
    with pytest.raises(ProjectFullError, match="full"):
        import_paths(project, [write_jsonl(tmp_path / "b.jsonl", records)], jobs=1, extractor=stub_extract)
    project.conn.execute("PRAGMA max_page_count = 1073741823")
    n = project.articles.count()
    assert 0 < n < 40
    assert project.integrity_check() == "ok"
    fts = project.conn.execute("SELECT count(*) FROM article_search").fetchone()[0]
    assert fts == n


def test_cancel_on_two_processes_does_not_hang(project: Project, tmp_path: Path) -> None:
    records = [{"id": f"c{i}", "text": f"{STORY} {i} " + "كلمة " * i} for i in range(300)]
    batch = write_jsonl(tmp_path / "b.jsonl", records)
    report = import_paths(
        project, [batch], progress=lambda s: s.done < 5, jobs=2, extractor=rasid_stub.stub_extract
    )
    assert report.cancelled and report.imported == 5


def test_extractor_sees_the_publication_date(project: Project, tmp_path: Path) -> None:
    seen: list[tuple[str, Any]] = []

    def spy(doc: Document) -> Document:
        seen.append((doc.id, doc.date and doc.date.isoformat()))
        return doc

    import_paths(project, [write_jsonl(tmp_path / "b.jsonl", ARTICLES[:2])], jobs=1, extractor=spy)
    reextract(project, jobs=1, extractor=spy)
    assert seen == [("a1", "2024-03-01"), ("a2", "2024-03-05")] * 2
