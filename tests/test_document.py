"""The Document model: stored text, spans in layers, and the JSON contract."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.document import Document, Span, normalize_newlines


def test_line_endings_are_normalized_on_the_way_in() -> None:
    doc = Document.from_text("سطر أول\r\nسطر ثانٍ\rثالث\u2029رابع")
    assert doc.text == "سطر أول\nسطر ثانٍ\nثالث\nرابع"
    assert normalize_newlines("a\r\n\r\nb") == "a\n\nb"


def test_contract_json_has_code_point_offsets_and_attributes() -> None:
    doc = Document.from_text("😀 قتل 3 في حلب", id="x1", date=dt.date(2019, 3, 3))
    doc.set_layer("numbers", [Span(6, 7, "NUM", {"value": 3, "qualifier": "exact"})])
    doc.set_layer("entities", [Span(11, 14, "LOC", {"origin": "gazetteer"})])
    out = doc.to_json()
    assert out["id"] == "x1"
    assert out["entities"] == [
        {"start": 6, "end": 7, "type": "NUM", "text": "3", "value": 3, "qualifier": "exact"},
        {"start": 11, "end": 14, "type": "LOC", "text": "حلب", "origin": "gazetteer"},
    ]
    assert out["incidents"] == []
    assert doc.meta_json()["date"] == "2019-03-03"


def test_span_rejects_bad_offsets_and_answers_geometry() -> None:
    with pytest.raises(ValueError):
        Span(5, 2, "X")
    a, b = Span(0, 5, "A"), Span(3, 4, "B")
    assert a.overlaps(b) and a.contains(b) and not b.contains(a)
    assert not Span(0, 3, "A").overlaps(Span(3, 4, "B"))


def test_normalized_view_is_cached_and_maps_back() -> None:
    doc = Document.from_text("قُتِلَ في الموصِل")
    norm = doc.normalized
    assert norm is doc.normalized
    i = norm.text.index("الموصل")
    assert doc.text[slice(*norm.span_to_original(i, i + 6))] == "الموصِل"


def test_lone_surrogates_are_replaced_one_for_one() -> None:
    doc = Document.from_text("قتل \ud83d 3 جنود")
    assert doc.text == "قتل \ufffd 3 جنود"
    assert len(doc.text) == len("قتل \ud83d 3 جنود")
    doc.text.encode("utf-8")  # storable and taggable
