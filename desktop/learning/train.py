"""`rasid train`: the project's own entity and incident models, learned from its reviewed articles.

1. The reviewed articles (`project.reviews`) are read with the analyst's decisions: every entity
   not rejected (analyst-made, accepted, edited, or left as the machine made it: marking an article
   reviewed accepts what is left) and every incident not rejected, with its effective values
   (analyst over machine) and evidence.
2. Each is run through the bundled pipeline up to the entity stage, once.
3. Cross-validation by article (`FOLDS` folds, fewer with few articles): in each fold both models
   are trained on the other folds (the incident model also on the bundled examples, the project's
   own weighing `PROJECT_WEIGHT` each) and scored on the held-out articles beside the bundled models
   (`desktop.learning.scoring`). The pooled numbers go into the manifest, for the analyst to compare.
4. The final models are trained on all reviewed articles and stored in the project, not yet in use:
   `rasid models P --use ID` (or the GUI) puts one in use; re-extraction then uses it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.document import Document
from desktop.events.classifier import IncidentModel, current_model
from desktop.learning import entities as em
from desktop.learning import incidents as im
from desktop.learning.scoring import Tally, entity_tally, incident_tally
from desktop.pipeline import Pipeline, document_from_record

FOLDS = 5
PROJECT_WEIGHT = 3.0  # one example of the project's reviewed articles counts as this many bundled ones
C = 0.3
MIN_ARTICLES = 4  # fewer reviewed articles leave nothing to cross-validate

Progress = Callable[[str, float], bool | None]  # (stage, fraction done) -> False to cancel


class TrainingError(Exception):
    """Training cannot run (too few reviewed articles); the message is one sentence."""


class Cancelled(Exception):
    """The analyst cancelled the training."""


@dataclass
class Reviewed:
    """A reviewed article with the analyst's decisions, prepared by the bundled pipeline."""

    article_id: int
    doc: Document
    entities: list[tuple[int, int, str]]
    incidents: list[dict[str, Any]]


@dataclass
class TrainResult:
    """What training made: the stored model ids and the cross-validated comparison."""

    entity_model_id: int | None
    incident_model_id: int | None
    articles: int
    seconds: float
    cv: dict[str, Any] = field(default_factory=dict)


def reviewed_articles(project: Any, prepare: Callable[[Document], Document] | None = None) -> list[Reviewed]:
    """The project's reviewed articles with their decisions, each run up to the entity stage."""
    run = prepare or Pipeline().without("incidents")
    out = []
    for aid in project.reviews.ids():
        a = project.articles.get(aid)
        record = {"id": a.external_id, "text": a.text, "title": a.title, "date": a.date}
        doc = run(document_from_record(record))
        ents = [(e.start, e.end, e.type) for e in project.entities.for_article(aid) if e.status != "rejected"]
        incs = [i.record().to_json() for i in project.incidents.for_article(aid) if i.status != "rejected"]
        out.append(Reviewed(aid, doc, ents, incs))
    return out


def _folds(n: int) -> list[int]:
    k = min(FOLDS, n)
    return [i % k for i in range(n)]


def _names(docs: Sequence[Document]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label) for e in d.layers.get("entities", [])] for d in docs]


def _copy(doc: Document) -> Document:
    layers = {k: list(v) for k, v in doc.layers.items()}
    return Document(doc.text, doc.id, doc.title, doc.date, doc.source, doc.url, layers)


def _incident_f1(
    docs: Sequence[Document], gold: Sequence[Sequence[Mapping[str, Any]]], out: Sequence[dict[str, Any]]
) -> float:
    tally = Tally()
    for d, g, o in zip(docs, gold, out, strict=True):
        tally.add(incident_tally(d.text, g, o["incidents"]))
    return tally.f1


def _incident_model(
    bundled: Sequence[im.Example],
    own: Sequence[im.Example],
    docs: Sequence[Document],
    gold: Sequence[Sequence[Mapping[str, Any]]],
) -> IncidentModel:
    examples = [*bundled, *own]
    weights = [1.0] * len(bundled) + [PROJECT_WEIGHT] * len(own)
    model = im.fit(examples, im.PROJECT_FEATURES, C, weights)
    threshold, _ = im.best_threshold(model, docs, gold, _incident_f1)
    return IncidentModel(model.weights, model.intercept, threshold)


def train_project(
    project: Any, progress: Progress | None = None, cancel: threading.Event | None = None
) -> TrainResult:
    """Train, cross-validate and store the project's models (not put in use); see the module doc."""
    started = time.monotonic()

    def tick(stage: str, done: float) -> None:
        if (progress is not None and progress(stage, done) is False) or (
            cancel is not None and cancel.is_set()
        ):
            raise Cancelled()

    tick("reading reviewed articles", 0.0)
    reviewed = reviewed_articles(project)
    if len(reviewed) < MIN_ARTICLES:
        raise TrainingError(
            f"{len(reviewed)} article(s) are marked reviewed; at least {MIN_ARTICLES} are needed "
            "to learn and to measure."
        )
    docs = [r.doc for r in reviewed]
    gold_inc = [r.incidents for r in reviewed]
    bundled_rows = im.bundled_examples()
    own = [im.candidates(str(r.article_id), _copy(r.doc), r.incidents) for r in reviewed]
    bundled_model = current_model()
    folds = _folds(len(reviewed))
    ent = {"bundled": Tally(), "project": Tally()}
    inc = {"bundled": Tally(), "project": Tally()}
    for k in sorted(set(folds)):
        tick("cross-validating", k / (max(folds) + 2))
        train_idx = [i for i, f in enumerate(folds) if f != k]
        held_idx = [i for i, f in enumerate(folds) if f == k]
        model = em.train([(docs[i], reviewed[i].entities) for i in train_idx])
        correction = em.EntityCorrection(model) if model is not None else None
        for i in held_idx:
            d = docs[i]
            ent["bundled"].add(entity_tally(d.text, reviewed[i].entities, _names([d])[0]))
            fixed = correction(_copy(d)) if correction is not None else d
            ent["project"].add(entity_tally(d.text, reviewed[i].entities, _names([fixed])[0]))
        inc_model = _incident_model(
            bundled_rows,
            [e for i in train_idx for e in own[i]],
            [_copy(docs[i]) for i in train_idx],
            [gold_inc[i] for i in train_idx],
        )
        held_docs = [_copy(docs[i]) for i in held_idx]
        for name, m in (("bundled", bundled_model), ("project", inc_model)):
            out = im.run_incidents([_copy(d) for d in held_docs], m)
            for d, i, o in zip(held_docs, held_idx, out, strict=True):
                inc[name].add(incident_tally(d.text, gold_inc[i], o["incidents"]))
    tick("training on all reviewed articles", 0.9)
    final_entities = em.train([(r.doc, r.entities) for r in reviewed])
    final_incidents = _incident_model(
        bundled_rows, [e for o in own for e in o], [_copy(d) for d in docs], gold_inc
    )
    seconds = time.monotonic() - started
    cv = {
        "folds": len(set(folds)),
        "entities": {k: v.to_json() for k, v in ent.items()},
        "incidents": {k: v.to_json() for k, v in inc.items()},
    }
    trained_on = {
        "reviewed_articles": len(reviewed),
        "article_ids": [r.article_id for r in reviewed],
        "bundled_incident_examples": len(bundled_rows),
        "project_incident_examples": sum(len(o) for o in own),
        "project_weight": PROJECT_WEIGHT,
    }
    entity_id = None
    if final_entities is not None:
        entity_id = project.models.save(
            "entities",
            final_entities.to_bytes(),
            {
                "trained_on": trained_on,
                "cv": cv["entities"],
                "folds": cv["folds"],
                "types": list(final_entities.learned_types),
                "algorithm": "stacked CRF over the bundled recognizer's labels (python-crfsuite)",
                "seconds": round(seconds, 1),
            },
        )
    incident_id = project.models.save(
        "incidents",
        json.dumps(final_incidents.to_json(), ensure_ascii=False).encode("utf-8"),
        {
            "trained_on": trained_on,
            "cv": cv["incidents"],
            "folds": cv["folds"],
            "threshold": final_incidents.threshold,
            "algorithm": f"logistic regression ({im.PROJECT_FEATURES} features, C={C}), "
            "bundled plus project examples",
            "seconds": round(seconds, 1),
        },
    )
    tick("done", 1.0)
    return TrainResult(entity_id, incident_id, len(reviewed), seconds, cv)


def project_models(project: Any) -> tuple[IncidentModel | None, em.EntityModel | None]:
    """The project's models in use (None where the bundled one decides)."""
    inc = project.models.active("incidents")
    ent = project.models.active("entities")
    incident_model = IncidentModel.from_json(json.loads(inc[1].decode("utf-8"))) if inc is not None else None
    entity_model = em.EntityModel.from_bytes(ent[1]) if ent is not None else None
    return incident_model, entity_model
