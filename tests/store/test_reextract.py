"""Re-extraction replaces machine output and keeps every piece of analyst work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import rasid_stub
from rasid_stub import stub_extract

from desktop.ingest import reextract
from desktop.store import Project


@pytest.fixture
def better_pipeline() -> Iterator[None]:
    rasid_stub.BONUS = 100
    yield
    rasid_stub.BONUS = 0


def test_reextract_keeps_analyst_work(filled: Project, better_pipeline: None) -> None:
    a1 = filled.articles.by_external_id("a1")
    a2 = filled.articles.by_external_id("a2")
    ents = {e.text: e for e in filled.entities.for_article(a1.id)}
    accepted = filled.entities.accept(ents["داعش"].id)
    rejected = filled.entities.reject(ents["الموصل"].id)
    start = a1.text.index("الشرطة")
    analyst_ent = filled.entities.add(a1.id, start, start + 6, "ORG")
    [inc1] = filled.incidents.for_article(a1.id)
    filled.incidents.update_field(inc1.id, "actor2", "مدنيون")
    [inc2] = filled.incidents.for_article(a2.id)  # untouched: machine output may be replaced
    created = filled.incidents.create_from_span(a1.id, start, len(a1.text), {"event_type": "Protests"})
    audit_before = filled.audit.count()

    report = reextract(filled, jobs=1, extractor=stub_extract)
    assert report.imported == 4 and not report.failed

    ents_after = filled.entities.for_article(a1.id)
    assert filled.entities.get(accepted.id).status == "accepted"
    assert filled.entities.get(rejected.id).status == "rejected"
    assert filled.entities.get(analyst_ent.id).origin == "analyst"
    assert len([e for e in ents_after if e.text == "الموصل"]) == 1  # the rejected one is not re-proposed
    kept = filled.incidents.get(inc1.id)
    assert kept.status == "edited"
    assert kept.value("actor2") == "مدنيون"  # analyst value survives
    assert kept.fields["fatalities"].machine == 105  # machine value refreshed
    assert filled.incidents.get(created.id).value("event_type") == "Protests"
    assert len(filled.incidents.for_article(a1.id)) == 2
    [new2] = filled.incidents.for_article(a2.id)
    assert new2.origin == "auto" and new2.id != inc2.id
    assert filled.audit.count() == audit_before  # machine work is not audited
    assert filled.search("الموصل").total == 1


def test_reextract_can_be_cancelled(filled: Project) -> None:
    report = reextract(filled, progress=lambda s: s.done < 2, jobs=1, extractor=stub_extract)
    assert report.cancelled and report.imported == 2


def test_no_machine_span_where_the_analyst_decided(tmp_path: Path) -> None:
    """Same span as a decided entity (any type), or overlapping a kept one: not added again."""
    from desktop.export.sample import add_article, entity
    from desktop.records import EntityRecord
    from desktop.store.writes import Extraction, replace_extraction

    text = "أعلن تنظيم داعش مسؤوليته عن الهجوم في مدينة الموصل."
    with Project.create(tmp_path / "d.rasid") as p:
        aid = add_article(
            p, "d-1", text, entities=[entity(text, "داعش", "ORG"), entity(text, "الموصل", "LOC")]
        )
        isis, mosul = p.entities.for_article(aid)
        p.entities.update(isis.id, type="PER")
        p.entities.update(mosul.id, start=text.index("مدينة"), end=mosul.end)  # resized: مدينة الموصل
        s = text.index
        machine = [
            EntityRecord(isis.start, isis.end, "ORG", "داعش"),  # same span as the relabelled one
            EntityRecord(s("في مدينة"), s("مدينة") + 5, "LOC", "في مدينة"),  # across مدينة الموصل
            EntityRecord(mosul.start, mosul.end, "LOC", "الموصل"),  # nested inside it
            EntityRecord(s("تنظيم"), s("تنظيم") + 5, "MISC", "تنظيم"),  # elsewhere
        ]
        replace_extraction(p, aid, Extraction(machine, []))
        got = sorted((e.text, e.type) for e in p.entities.for_article(aid))
    assert got == sorted([("داعش", "PER"), ("مدينة الموصل", "LOC"), ("تنظيم", "MISC")])
