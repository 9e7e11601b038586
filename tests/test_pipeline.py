"""The pipeline: named components, disabling, order-preserving batch extraction."""

from __future__ import annotations

import pytest

from desktop.document import Document
from desktop.pipeline import Pipeline, default_pipeline, extract_records


def test_components_are_listed_in_order() -> None:
    assert default_pipeline().names == [
        "tokens",
        "clitics",
        "sentences",
        "dates",
        "numbers",
        "entities",
        "incidents",
    ]


def test_disabled_components_do_not_run() -> None:
    pipe = Pipeline().without("entities", "incidents")
    doc = pipe(Document.from_text("قُتل 3 جنود في حلب أمس."))
    assert set(doc.layers) == {"tokens", "sentences", "clauses", "dates", "numbers"}
    assert doc.incidents == []
    with pytest.raises(ValueError, match="no such pipeline components"):
        pipe.without("nope")


def test_single_component_runs_alone() -> None:
    doc = Pipeline().without("clitics", "sentences", "dates", "numbers", "entities", "incidents")(
        Document.from_text("قتل جنديان")
    )
    assert [doc.text[t.start : t.end] for t in doc.layers["tokens"]] == ["قتل", "جنديان"]


def test_batch_keeps_input_order_with_two_processes() -> None:
    records = [{"id": str(i), "text": f"أصيب {i + 2} أشخاص في انفجار"} for i in range(10)]
    out = list(extract_records(records, processes=2))
    assert [r["id"] for r in out] == [str(i) for i in range(10)]
    assert all(any(e["type"] == "NUM" for e in r["entities"]) for r in out)
