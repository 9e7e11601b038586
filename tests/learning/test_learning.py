"""Project-local learning: reviewed annotations come in as the analyst's decisions, a project model
learns what it was taught, re-extraction keeps the analyst's work, and a project's model travels
inside the project file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main as cli_main
from desktop.document import Document
from desktop.ingest import import_paths, reextract
from desktop.learning import logistic
from desktop.learning.extractor import ProjectExtractor
from desktop.learning.train import TrainingError, TrainResult, project_models, train_project
from desktop.store.project import Project

# The bundled recognizer takes the newspaper's name for the city (LOC); the analyst says that
# after "صحيفة" it is the newspaper (ORG), and the city stays a place.
PAPER = "نقلت صحيفة الرياض عن مصدر أمني أن دورية اعترضت شاحنة محملة بالأسلحة قرب {place}."
CITY = "ووصل وفد رسمي إلى الرياض صباح اليوم لبحث الأوضاع الأمنية في {place}."
PLACES = ("الحدود", "جازان", "نجران", "صعدة", "الطائف", "عسير")


def _span(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    return at, at + len(surface)


def _reviewed_record(i: int, place: str) -> dict[str, Any]:
    text = PAPER.format(place=place) + " " + CITY.format(place=place)
    paper, city = _span(text, "الرياض"), _span(text, "الرياض", 1)
    spans = [(paper, "ORG"), (city, "LOC"), (_span(text, place), "LOC")]
    return {
        "id": f"r{i}",
        "date": "2016-03-0" + str(i + 1),
        "text": text,
        "entities": [{"start": s, "end": e, "type": t} for (s, e), t in spans],
        "incidents": [],
    }


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _types(project: Project, external_id: str, surface: str) -> set[str]:
    a = project.articles.by_external_id(external_id)
    return {
        e.type for e in project.entities.for_article(a.id) if e.text == surface and e.status != "rejected"
    }


def _make_project(folder: Path) -> Path:
    """A project with six reviewed articles and one unreviewed article of the same kind."""
    path = folder / "p.rasid"
    with Project.create(path) as project:
        records = [_reviewed_record(i, p) for i, p in enumerate(PLACES)]
        report = import_paths(project, [_write(folder / "rev.jsonl", records)], reviewed=True)
        assert report.imported == 6 and not report.failed
        fresh = {"id": "new", "date": "2016-04-01", "text": PAPER.format(place="ينبع")}
        import_paths(project, [_write(folder / "new.jsonl", [fresh])])
    return path


@pytest.fixture(scope="module")
def _trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, TrainResult]:
    """The project, trained once for the module (its models stored, not in use)."""
    path = _make_project(tmp_path_factory.mktemp("taught"))
    with Project.open(path) as project:
        assert _types(project, "new", "الرياض") == {"LOC"}  # the bundled recognizer's reading
        result = train_project(project)
    return path, result


@pytest.fixture()
def taught(_trained: tuple[Path, TrainResult], tmp_path: Path) -> Path:
    """A fresh copy of the trained project."""
    copy = tmp_path / "taught.rasid"
    shutil.copy(_trained[0], copy)
    return copy


def _entity_model(project: Project) -> int:
    (model,) = [m for m in project.models.list() if m.kind == "entities"]
    return model.id


def test_reviewed_records_are_stored_as_the_analysts_decisions(taught: Path) -> None:
    with Project.open(taught) as project:
        assert len(project.reviews.ids()) == 6
        art = project.articles.by_external_id("r0")
        ents = project.entities.for_article(art.id)
        assert {(e.text, e.type, e.origin, e.status) for e in ents} == {
            ("الرياض", "ORG", "analyst", "accepted"),
            ("الرياض", "LOC", "analyst", "accepted"),
            ("الحدود", "LOC", "analyst", "accepted"),
        }
        assert not project.reviews.is_reviewed(project.articles.by_external_id("new").id)


def test_an_annotation_outside_the_text_fails_its_record_with_a_reason(tmp_path: Path) -> None:
    bad = {"id": "b", "text": "نص قصير", "entities": [{"start": 3, "end": 40, "type": "LOC"}]}
    good = _reviewed_record(0, "جازان")
    with Project.create(tmp_path / "p.rasid") as project:
        report = import_paths(project, [_write(tmp_path / "x.jsonl", [bad, good])], reviewed=True)
        assert report.imported == 1
        ((name, reason),) = report.failed
        assert name == "x.jsonl:1" and "outside the text" in reason


def test_training_changes_the_decision_it_was_taught(
    taught: Path, _trained: tuple[Path, TrainResult]
) -> None:
    result = _trained[1]
    with Project.open(taught) as project:
        assert _types(project, "new", "الرياض") == {"LOC"}  # not in use yet: the bundled reading
        assert result.articles == 6 and result.entity_model_id is not None
        assert result.cv["entities"]["project"]["f1"] > result.cv["entities"]["bundled"]["f1"]
        project.models.use(result.entity_model_id)
        reextract(project)
        assert _types(project, "new", "الرياض") == {"ORG"}
        # the stored model says what it learned from and how it scored
        (stored,) = [m for m in project.models.list() if m.kind == "entities"]
        assert stored.active and stored.manifest["trained_on"]["reviewed_articles"] == 6


def test_reextraction_keeps_every_analyst_value(taught: Path) -> None:
    with Project.open(taught) as project:
        before = {
            aid: sorted(
                (e.start, e.end, e.type, e.origin, e.status) for e in project.entities.for_article(aid)
            )
            for aid in project.reviews.ids()
        }
        fresh = project.articles.by_external_id("new").id
        (machine,) = [e for e in project.entities.for_article(fresh) if e.text == "ينبع"]
        project.entities.update(machine.id, type="ORG")  # an analyst relabel on an unreviewed article
        project.models.use(_entity_model(project))
        reextract(project)
        after = {
            aid: sorted(
                (e.start, e.end, e.type, e.origin, e.status) for e in project.entities.for_article(aid)
            )
            for aid in project.reviews.ids()
        }
        assert after == before
        on_span = [
            e for e in project.entities.for_article(fresh) if (e.start, e.end) == (machine.start, machine.end)
        ]
        assert [e.type for e in on_span if e.status != "rejected"] == ["ORG"]


def test_a_projects_model_travels_inside_the_project_file(taught: Path, tmp_path: Path) -> None:
    with Project.open(taught) as project:
        project.models.use(_entity_model(project))
    moved = tmp_path / "elsewhere" / "copy.rasid"
    moved.parent.mkdir()
    shutil.copy(taught, moved)
    with Project.open(moved) as project:
        incident_model, entity_model = project_models(project)
    assert entity_model is not None and "ORG" in entity_model.learned_types
    doc = ProjectExtractor([], incident_model, entity_model)(
        Document.from_text(PAPER.format(place="تبوك"), id="t")
    )
    assert {doc.span_text(e): e.label for e in doc.layers["entities"]}["الرياض"] == "ORG"


def test_too_few_reviewed_articles_is_one_sentence(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.rasid") as project:
        import_paths(project, [_write(tmp_path / "r.jsonl", [_reviewed_record(0, "جازان")])], reviewed=True)
        with pytest.raises(TrainingError, match="at least 4"):
            train_project(project)


def test_the_cli_trains_lists_and_chooses_models(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taught = _make_project(tmp_path)
    assert cli_main(["train", str(taught), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["articles"] == 6 and out["in_use"] == []
    assert cli_main(["models", str(taught), "--use", str(out["models"]["entities"])]) == 0
    capsys.readouterr()
    assert cli_main(["models", str(taught), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["active"] for r in rows if r["kind"] == "entities"] == [True]
    assert cli_main(["models", str(taught), "--bundled", "entities"]) == 0
    with Project.open(taught) as project:
        assert project.models.active("entities") is None


def test_logistic_regression_learns_a_separable_feature() -> None:
    rows = [{"a": 1.0}] * 20 + [{"b": 1.0}] * 20
    labels = [1] * 20 + [0] * 20
    weights, _ = logistic.fit(rows, labels, c=1.0)
    assert weights["a"] > 1.0 and weights["b"] < -1.0
    # weights of examples count: a heavier negative example of `a` pulls its weight down
    heavier, _ = logistic.fit([*rows, {"a": 1.0}], [*labels, 0], c=1.0, weights=[1.0] * 40 + [20.0])
    assert heavier["a"] < weights["a"]
