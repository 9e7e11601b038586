"""The typed records: one field list from the ACLED codebook, the JSON contract produced from them."""

from __future__ import annotations

import dataclasses

import pytest

from desktop import acled
from desktop.document import Document
from desktop.events.incidents import find_incidents
from desktop.pipeline import Pipeline, document_from_record
from desktop.records import ENTITY_ATTRIBUTES, EntityRecord, IncidentRecord

TEXT = (
    "قتل 3 مدنيين وأصيب 7 آخرون في غارة جوية شنتها طائرات حربية على مدينة إدلب أمس السبت. "
    "وفجر عناصر من داعش عبوة ناسفة في مدينة الموصل صباح اليوم، ما أسفر عن مقتل جنديين."
)


@pytest.fixture(scope="module")
def doc() -> Document:
    return Pipeline().without("incidents")(
        document_from_record({"id": "r", "text": TEXT, "date": "2019-03-03"})
    )


def test_every_incident_record_gives_the_contract_form_of_its_incident(doc: Document) -> None:
    incidents, _trace = find_incidents(doc)
    assert len(incidents) == 2
    supports = ["evidence", "trigger", "fields_evidence", "confidence", "rules"]
    for inc in incidents:
        record = inc.to_record()
        out = inc.to_json()
        links = [k for k in acled.LINK_FIELDS if record.get(k) is not None]
        assert list(out) == [*acled.CONTRACT_FIELDS, *links, *supports]  # the contract's keys, in order
        assert out["trigger"] == {"start": record.trigger[0], "end": record.trigger[1]}  # type: ignore[index]
        assert set(record.values) <= set(acled.RECORD_FIELDS)
        assert record.trigger is not None and record.evidence is not None
        assert "trigger" not in record.values and "rules" not in record.values


def test_contract_round_trip_keeps_values_and_supports() -> None:
    data = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "location": "الموصل",
        "actor1_id": "isis",
        "evidence": {"start": 0, "end": 40},
        "trigger": {"start": 5, "end": 11},
        "fields_evidence": {"location": {"start": 20, "end": 26}},
        "confidence": 0.7,
        "rules": ["trigger.clash.noun"],
    }
    record = IncidentRecord.from_json(data)
    assert record.trigger == (5, 11) and record.rules == ["trigger.clash.noun"]
    out = record.to_json()
    assert list(out)[: len(acled.CONTRACT_FIELDS)] == list(acled.CONTRACT_FIELDS)
    assert out["actor1_id"] == "isis" and "actor2_id" not in out  # links only when known
    again = IncidentRecord.from_json(out)
    assert again.to_json() == out and again.get("location") == "الموصل" and again.get("date") is None


def test_a_name_outside_the_codebook_is_no_field() -> None:
    with pytest.raises(ValueError, match="trigger"):
        IncidentRecord(values={"trigger": {"start": 0, "end": 3}})
    assert "trigger" not in acled.RECORD_FIELDS and "confidence" not in acled.RECORD_FIELDS


def test_entity_records_use_the_one_attribute_vocabulary(doc: Document) -> None:
    records = doc.entity_records()
    idlib = next(e for e in records if e.text == "إدلب")
    assert idlib.coordinates is not None and idlib.canonical_id
    civilians = next(e for e in records if e.text == "مدنيين")
    assert civilians.inter == 7
    used = {k for e in records for k in e.attrs}
    for name in ("lat", "lon", "inter", "canonical", "origin", "confidence"):
        assert name in used and name in ENTITY_ATTRIBUTES
    assert not used & {"latitude", "longitude", "actor_type", "canonical_name"}
    assert [e.to_json() for e in records] == [s.to_json(doc.text) for s in doc.entity_spans()]


def test_entity_record_keeps_rules_origin_and_confidence() -> None:
    text = "هاجم مسلحون قرية قرب الموصل"
    data = {"start": 21, "end": 27, "type": "LOC", "rules": ["place.after_noun"], "origin": "rule"}
    data["confidence"] = 0.8
    record = EntityRecord.from_json(data, text)
    assert record.text == "الموصل" and record.rules == ["place.after_noun"]
    out = record.to_json()
    assert out["text"] == "الموصل" and out["origin"] == "rule" and out["confidence"] == 0.8
    assert dataclasses.asdict(record)["attrs"] == {
        "rules": ["place.after_noun"],
        "origin": "rule",
        "confidence": 0.8,
    }
