"""Examples and training of the incident decision, shared by `scripts/train_incidents.py` and the
app's project learning.

Every candidate that reaches the decision (`desktop.events.incidents.find_incidents` with a model
that keeps all) is an example with its features (`desktop.events.features`), labelled positive
when an annotated incident of the same ACLED event type is told in its unit (the annotation's
evidence overlaps it) or at its place and day (a retelling). The project's model learns from the
bundled examples (`resources/models/incidents-train.jsonl.gz`, candidates of the shippable
annotated ANT articles) plus the project's reviewed articles, which weigh more.
Its feature set (`PROJECT_FEATURES`) is the calibrated hand score: on the
learning curve (`benchmarks/bench_learning.py`) the hand score with the named signals beside it
(`hand-plus`) did worse on held-out articles and trained four times slower, so a project's model
re-calibrates the score and its threshold to the project's sources.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop import acled
from desktop.document import Document
from desktop.events import classifier
from desktop.events.classifier import IncidentModel
from desktop.events.incidents import find_incidents, incidents_component
from desktop.learning import logistic
from desktop.resources import resource_root
from desktop.text.normalize import normalize_word

BUNDLED_ROWS = ("models", "incidents-train.jsonl.gz")
KEEP_ALL = IncidentModel({}, 0.0, 0.0)  # p = 0.5 for every candidate: the decision keeps them all
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(13))  # 0.20 .. 0.80

# Feature sets by name prefix, with scales: a scaled feature is penalized less by the L2 term; the
# exported weight includes the scale, so the model reads the same features at run time.
FEATURE_SETS: dict[str, tuple[tuple[str, ...], dict[str, float]]] = {
    "rich": (
        (
            "signal:", "rule:", "kind:", "sub:", "generic", "trigger:", "cue:", "has:", "geo:",
            "time:", "toll:", "ago:", "unit:", "para:", "headline", "len:",
        ),
        {},
    ),
    "calibrated": (("score:hand",), {}),
    "hand-plus": (
        (
            "score:hand", "signal:", "kind:", "sub:", "has:", "geo:", "toll:", "ago:", "unit:",
            "para:", "headline", "cue:",
        ),
        {"score:hand": 10.0},
    ),
}  # fmt: skip
PROJECT_FEATURES = "calibrated"


def select(features: Mapping[str, float], feature_set: str) -> dict[str, float]:
    """The features of `feature_set`, scaled."""
    prefixes, scale = FEATURE_SETS[feature_set]
    return {k: v * scale.get(k, 1.0) for k, v in features.items() if k.startswith(prefixes)}


@dataclass
class Example:
    """One candidate: its article, its features (all of them, unselected) and its label."""

    article: str
    features: dict[str, float]
    label: int


def _norm(value: Any) -> str:
    return normalize_word(str(value or "")).removeprefix("ال")


def evidence_span(text: str, incident: Mapping[str, Any]) -> tuple[int, int] | None:
    """An annotated incident's evidence as offsets: a `{"start", "end"}` span or a quoted string."""
    ev = incident.get("evidence")
    if isinstance(ev, Mapping) and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
        return int(ev["start"]), int(ev["end"])
    if isinstance(ev, str) and ev:
        at = text.find(ev)
        return (at, at + len(ev)) if at >= 0 else None
    return None


def candidates(article_id: str, doc: Document, gold: Sequence[Mapping[str, Any]]) -> list[Example]:
    """Every candidate of a prepared document (pipeline up to entities) that reaches the decision,
    labelled against the annotated incidents `gold` (ACLED fields and evidence)."""
    with classifier.using(KEEP_ALL):
        doc.trace = None
        _, trace = find_incidents(doc, keep_features=True)
    spans = [evidence_span(doc.text, g) for g in gold]
    out = []
    for cand in trace.candidates:
        if cand.features is None:
            continue
        event_type = acled.event_type_of(cand.sub_event_type) or ""
        bound = cand.bound or {}
        place = _norm(bound.get("location"))
        label = 0
        for g, span in zip(gold, spans, strict=True):
            if g.get("event_type") != event_type:
                continue
            told_here = span is not None and span[0] < cand.unit[1] and cand.unit[0] < span[1]
            retold = bool(place) and _norm(g.get("location")) == place and g.get("date") == bound.get("date")
            if told_here or retold:
                label = 1
                break
        out.append(Example(article_id, dict(cand.features), label))
    return out


def run_incidents(docs: Iterable[Document], model: IncidentModel | None) -> list[dict[str, Any]]:
    """The incident stage on prepared documents, deciding with `model` (None: the hand score)."""
    out = []
    with classifier.using(model):
        for doc in docs:
            doc.trace = None
            incidents_component(doc)
            out.append(doc.to_json())
    return out


def bundled_examples() -> list[Example]:
    """The candidates of the shippable annotated articles (features selected for the project model),
    or an empty list when the file is absent."""
    path = resource_root().joinpath(*BUNDLED_ROWS)
    if not path.exists():
        return []
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            out.append(Example(str(row["a"]), {str(k): float(v) for k, v in row["f"].items()}, int(row["y"])))
    return out


def write_bundled_examples(examples: Iterable[Example], path: Any) -> int:
    """Write examples (their project features only) as the bundled rows; returns how many."""
    prefixes = FEATURE_SETS[PROJECT_FEATURES][0]
    n = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        for e in examples:
            kept = {k: v for k, v in e.features.items() if k.startswith(prefixes)}
            row = {"a": e.article, "f": kept, "y": e.label}
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n


def fit(
    examples: Sequence[Example],
    feature_set: str,
    c: float,
    weights: Sequence[float] | None = None,
    threshold: float = 0.5,
) -> IncidentModel:
    """A logistic regression over the selected features (pure Python, `desktop.learning.logistic`)."""
    scale = FEATURE_SETS[feature_set][1]
    rows = [select(e.features, feature_set) for e in examples]
    w, b = logistic.fit(rows, [e.label for e in examples], c=c, weights=weights)
    return IncidentModel({k: v * scale.get(k, 1.0) for k, v in w.items()}, b, threshold)


def best_threshold(
    model: IncidentModel,
    docs: Sequence[Document],
    gold: Sequence[Sequence[Mapping[str, Any]]],
    f1_of: Callable[
        [Sequence[Document], Sequence[Sequence[Mapping[str, Any]]], Sequence[dict[str, Any]]], float
    ],
) -> tuple[float, float]:
    """The threshold among `THRESHOLDS` with the best article-level incident F1 on `docs`
    (ties go to the one nearest 0.5); returns (threshold, F1)."""
    best = (model.threshold, -1.0)
    for t in THRESHOLDS:
        out = run_incidents(docs, IncidentModel(model.weights, model.intercept, t))
        f1 = f1_of(docs, gold, out)
        if (round(f1, 4), -abs(t - 0.5)) > (round(best[1], 4), -abs(best[0] - 0.5)):
            best = (t, f1)
    return best
