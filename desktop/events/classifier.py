"""The learned decision of the incident stage: the probability that a unit reports its candidate.

A logistic regression over the sparse features of `desktop.events.features`, trained by
`scripts/train_incidents.py` (`make incident-model`) and shipped as `resources/models/incidents.json`:
its weights, its intercept, the one decision threshold chosen by cross-validation over articles, and
a manifest (data, command, date, metrics). At run time the probability is a dot product over the
features that fire, in pure Python (no numpy, no torch); it is the incident's `confidence`.

When the model file is absent (a development tree before `make incident-model`), the decision falls
back to the hand-weighted evidence score of `desktop.events.signals` and its threshold.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.resources import resource_root

log = logging.getLogger(__name__)

MODEL_FILE = ("models", "incidents.json")


@dataclass(frozen=True)
class IncidentModel:
    """A linear model over named features: p = sigmoid(intercept + sum of weight x value)."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float
    manifest: dict[str, Any] = field(default_factory=dict)

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def contributions(self, features: Mapping[str, float], top: int = 8) -> list[tuple[str, float]]:
        """The features that weigh most in this decision, signed, largest first (for explain)."""
        scored = [(name, self.weights.get(name, 0.0) * v) for name, v in features.items()]
        scored = [s for s in scored if s[1]]
        return sorted(scored, key=lambda kv: -abs(kv[1]))[:top]

    def to_json(self) -> dict[str, Any]:
        return {
            "manifest": self.manifest,
            "threshold": self.threshold,
            "intercept": self.intercept,
            "weights": dict(sorted(self.weights.items())),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IncidentModel:
        return cls(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["intercept"]),
            float(data["threshold"]),
            dict(data.get("manifest") or {}),
        )

    @classmethod
    def load(cls, path: Path) -> IncidentModel:
        with open(path, encoding="utf-8") as f:
            return cls.from_json(json.load(f))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def bundled_model() -> IncidentModel | None:
    """The shipped model, or None when the file is absent (the hand score decides then)."""
    path = resource_root().joinpath(*MODEL_FILE)
    if not path.exists():
        log.info("no %s: incidents are decided by the hand-weighted evidence score", path)
        return None
    return IncidentModel.load(path)


# The model in use in this process: the bundled one unless `use_model` set another (training,
# cross-validation, a project's own model).
_override: list[IncidentModel | None] = []


def use_model(model: IncidentModel | None) -> None:
    """Decide with `model` in this process from now on (None: the hand score); see `current_model`."""
    _override[:] = [model]


def reset_model() -> None:
    """Back to the bundled model."""
    _override.clear()


def current_model() -> IncidentModel | None:
    return _override[0] if _override else bundled_model()


@contextmanager
def using(model: IncidentModel | None) -> Iterator[None]:
    """Decide with `model` (None: the hand score) inside the block, then with the one before."""
    previous = list(_override)
    use_model(model)
    try:
        yield
    finally:
        _override[:] = previous
