"""A project's dictionary of actors and places takes part in extraction (import and re-extraction)."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.ingest import import_paths, reextract
from desktop.store.dictionary import DictionaryEntry
from desktop.store.project import Project

TEXT = "قصفت كتائب النسر الأحمر زعترية البرج أمس السبت، ما أسفر عن مقتل ثلاثة مدنيين."


def _import(project: Project, tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(
        json.dumps({"id": "a1", "text": TEXT, "date": "2019-03-03"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    report = import_paths(project, [src], jobs=1)
    assert report.imported == 1


def test_dictionary_entries_are_found_after_reextraction(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.rasid") as project:
        _import(project, tmp_path)
        aid = project.articles.by_external_id("a1").id  # type: ignore[union-attr]
        before = {e.text for e in project.entities.for_article(aid)}
        assert "زعترية البرج" not in before
        project.dictionary.add(
            DictionaryEntry(
                kind="place",
                key="rasd",
                name="زعترية البرج",
                latitude=35.1,
                longitude=36.2,
                admin1="إدلب",
                country="Syria",
            )
        )
        project.dictionary.add(
            DictionaryEntry(kind="actor", key="nasr", name="كتائب النسر الأحمر", actor_type="2")
        )
        reextract(project, jobs=1)
        ents = {e.text: e for e in project.entities.for_article(aid)}
        assert ents["زعترية البرج"].type == "LOC"
        assert ents["كتائب النسر الأحمر"].type == "ORG"
        (incident,) = project.incidents.for_article(aid)
        assert incident.value("location") == "زعترية البرج"
        assert incident.value("latitude") == 35.1
        assert incident.value("actor1") == "كتائب النسر الأحمر"
