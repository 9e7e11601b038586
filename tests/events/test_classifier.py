"""The learned incident decision: features of a real candidate, the model file, and the engine
deciding with whatever model is in use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.events import classifier
from desktop.events.classifier import IncidentModel
from desktop.events.incidents import find_incidents
from desktop.pipeline import Pipeline, document_from_record, extract_record

TEXT = "فجر عناصر من داعش سيارة مفخخة في مدينة البصيرة أمس السبت، ما أسفر عن مقتل 13 عنصرا من قسد."


@pytest.fixture()
def model_in_use() -> Iterator[None]:
    yield
    classifier.reset_model()


def test_the_bundled_model_is_shipped_with_its_manifest() -> None:
    model = classifier.bundled_model()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert model.manifest["command"] == "python scripts/train_incidents.py"
    assert "ANT" in model.manifest["licence"]
    assert model.weights["score:hand"] > 0  # more evidence, more likely a report


def test_features_of_a_real_candidate_name_its_rules_cues_fields_and_words(model_in_use: None) -> None:
    classifier.use_model(IncidentModel({}, 0.0, 0.0))
    doc = Pipeline().without("incidents")(
        document_from_record({"id": "f", "text": TEXT, "date": "2019-03-03"})
    )
    _, trace = find_incidents(doc, keep_features=True)
    (features,) = [c.features for c in trace.candidates if c.features is not None]
    assert features["rule:trigger.ied.verb"] == 1.0
    assert features["signal:score.toll"] == 1.0
    assert features["has:fatalities"] == 1.0 and features["toll:10-99"] == 1.0
    assert features["ago:0-1"] == 1.0  # أمس against the issue date
    assert features["kind:ied"] == 1.0 and features["sub:Remote explosive/landmine/IED"] == 1.0
    assert any(name.startswith("cue:death:after") for name in features)


def test_the_engine_decides_with_the_model_in_use(model_in_use: None) -> None:
    record = {"id": "m", "text": TEXT, "date": "2019-03-03"}
    classifier.use_model(IncidentModel({"rule:trigger.ied.verb": 5.0}, -1.0, 0.5))
    (kept,) = extract_record(record)["incidents"]
    assert kept["confidence"] == pytest.approx(0.98, abs=0.01)
    classifier.use_model(IncidentModel({"rule:trigger.ied.verb": -5.0}, -1.0, 0.5))
    assert extract_record(record)["incidents"] == []


def test_a_model_survives_a_round_trip_through_its_file(tmp_path: Path) -> None:
    model = IncidentModel({"a": 1.5, "b": -0.25}, 0.1, 0.4, {"command": "x"})
    model.save(tmp_path / "m.json")
    again = IncidentModel.load(tmp_path / "m.json")
    assert again == model
    assert again.probability({"a": 1.0}) == pytest.approx(1 / (1 + 2.718281828**-1.6), abs=1e-6)
    assert again.contributions({"a": 1.0, "b": 1.0, "c": 1.0}) == [("a", 1.5), ("b", -0.25)]
