"""Typed records of what extraction finds: one shape for entities and incidents, pipeline to screen.

The pipeline's output (`Document.entity_records()`, `Document.incidents`), the store's writes, the
exports and the GUI all use these two dataclasses. The `rasid extract` JSON contract (DESIGN.md) is
produced by their `to_json()` and read back by `from_json()`; nothing else turns them into dicts.

* `EntityRecord`: a typed span (code points, end exclusive) with attributes named by
  `ENTITY_ATTRIBUTES`, the one vocabulary of entity attributes (`lat`/`lon`, never `latitude`;
  `inter`, never `actor_type`; `canonical`, never `canonical_name`).
* `IncidentRecord`: field values named by `desktop.acled.RECORD_FIELDS` (nothing else is a field),
  plus what is not a field and has a place of its own: the evidence span, the trigger span, the
  evidence of each field, the confidence and the ids of the rules that made the incident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from desktop import acled

JSONValue = Any
Offsets = tuple[int, int]  # code-point start and end (exclusive) into the article text

# The entity attribute vocabulary: what the entity stage, the store, the exports and the GUI call
# each attribute. Extra attributes are kept (the contract welcomes them) but these names are fixed.
ENTITY_ATTRIBUTES: Final = MappingProxyType(
    {
        "canonical_id": "id of the gazetteer or dictionary entry the entity is linked to",
        "canonical": "canonical (Arabic) name of that entry",
        "name_en": "English name of that entry",
        "feature": "kind of place (country, admin1, city, ...)",
        "lat": "latitude of a place (WGS84 degrees)",
        "lon": "longitude of a place (WGS84 degrees)",
        "admin1": "first-level administrative division of a place",
        "admin1_en": "its English name",
        "country": "country (English name)",
        "iso2": "ISO 3166 alpha-2 code of the country",
        "inter": "ACLED actor type (inter code 0-8) of an actor",
        "actor_kind": "kind of actor (state_force, armed_group, ...)",
        "actor_id": "gazetteer id of an actor",
        "weapon_class": "class of a weapon",
        "value": "value of a DATE (ISO date) or NUM (number)",
        "precision": "precision of a DATE",
        "time_precision": "ACLED time precision (1-3) of a DATE",
        "qualifier": "qualifier of a NUM (at least, about, ...)",
        "kind": "count or ordinal, for a NUM",
        "origin": "what found the entity (gazetteer, model, rule, analyst)",
        "confidence": "probability that the entity is right",
        "rules": "ids of the rules that made and shaped the entity",
    }
)


def offsets_json(span: Offsets | None) -> dict[str, int] | None:
    """The contract form of a span: `{"start", "end"}` (None stays None)."""
    return None if span is None else {"start": span[0], "end": span[1]}


def offsets_of(value: Any) -> Offsets | None:
    """A span from its contract form (`{"start", "end"}`) or a pair; None for anything else."""
    if isinstance(value, Mapping) and "start" in value and "end" in value:
        if value["start"] is None or value["end"] is None:
            return None
        return int(value["start"]), int(value["end"])
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return int(value[0]), int(value[1])
    return None


@dataclass(slots=True)
class EntityRecord:
    """A typed span of an article's text with its attributes (see `ENTITY_ATTRIBUTES`)."""

    start: int
    end: int
    type: str
    text: str
    attrs: dict[str, JSONValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad entity offsets {self.start}..{self.end}")

    @classmethod
    def from_json(cls, data: Mapping[str, Any], text: str | None = None) -> EntityRecord:
        """An entity from its contract form; `text` (the article) supplies the surface when absent."""
        start, end = int(data["start"]), int(data["end"])
        surface = data.get("text")
        if not isinstance(surface, str):
            surface = text[start:end] if text is not None else ""
        attrs = {k: v for k, v in data.items() if k not in ("start", "end", "type", "text")}
        return cls(start, end, str(data["type"]), surface, attrs)

    def to_json(self) -> dict[str, JSONValue]:
        """The contract form: start, end, type, text, then the attributes in their order."""
        out: dict[str, JSONValue] = {
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "text": self.text,
        }
        out.update(self.attrs)
        return out

    @property
    def canonical_id(self) -> str | None:
        value = self.attrs.get("canonical_id")
        return None if value is None else str(value)

    @property
    def canonical(self) -> str | None:
        value = self.attrs.get("canonical")
        return None if value is None else str(value)

    @property
    def inter(self) -> int | None:
        return _int_or_none(self.attrs.get("inter"))

    @property
    def coordinates(self) -> tuple[float, float] | None:
        return coordinates_of(self.attrs)

    @property
    def rules(self) -> list[str]:
        return [str(r) for r in self.attrs.get("rules") or []]


def coordinates_of(attrs: Mapping[str, Any]) -> tuple[float, float] | None:
    """`(lat, lon)` of entity attributes, when both are numbers."""
    lat, lon = attrs.get("lat"), attrs.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lat), float(lon)
    return None


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


_FIELDS: Final = frozenset(acled.RECORD_FIELDS)


@dataclass(frozen=True, slots=True)
class EffectiveDate:
    """The day an incident is shown and exported with, and whether it is its article's."""

    value: str | None  # ISO date (YYYY-MM-DD), None when neither the incident nor its article has one
    inherited: bool  # True when the incident sets no date of its own and takes its article's


def incident_date(own: Any, article_date: Any) -> EffectiveDate:
    """The incident's effective date: its own `date` field (ISO), else its article's publication date.

    One rule for every view and export: the incident panel, the incidents table and the exports all
    call this, so they never disagree. A value that is not an ISO date does not count as a date.
    """
    for raw, inherited in ((own, False), (article_date, True)):
        if raw in (None, ""):
            continue
        try:
            return EffectiveDate(dt.date.fromisoformat(str(raw)[:10]).isoformat(), inherited)
        except ValueError:
            continue
    return EffectiveDate(None, False)


def is_incident_field(name: str) -> bool:
    """True when `name` is one of the fields an incident holds (`desktop.acled.RECORD_FIELDS`)."""
    return name in _FIELDS


@dataclass(slots=True)
class IncidentRecord:
    """An incident: field values (names from `desktop.acled.RECORD_FIELDS`) and what supports them.

    `values` holds only fields; `evidence` is the sentence or clause that reports the incident,
    `trigger` the words that made it, `fields_evidence` the words behind each field, `confidence`
    the calibrated probability of the decision that kept it, `rules` the ids of the rules that made
    and shaped it.
    """

    values: dict[str, JSONValue] = field(default_factory=dict)
    evidence: Offsets | None = None
    trigger: Offsets | None = None
    fields_evidence: dict[str, Offsets] = field(default_factory=dict)
    confidence: float | None = None
    rules: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.values) - _FIELDS)
        if unknown:
            raise ValueError(f"not incident fields: {', '.join(unknown)}")

    def get(self, name: str) -> JSONValue:
        """The value of field `name` (None when unset)."""
        return self.values.get(name)

    @property
    def event_type(self) -> str | None:
        value = self.values.get("event_type")
        return None if value is None else str(value)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IncidentRecord:
        """An incident from its contract form; keys that are neither fields nor supports are ignored."""
        fev: dict[str, Offsets] = {}
        raw_fev = data.get("fields_evidence")
        if isinstance(raw_fev, Mapping):
            for name, span in raw_fev.items():
                offsets = offsets_of(span)
                if offsets is not None and name in _FIELDS:
                    fev[str(name)] = offsets
        confidence = data.get("confidence")
        return cls(
            values={k: data[k] for k in acled.RECORD_FIELDS if k in data},
            evidence=offsets_of(data.get("evidence")),
            trigger=offsets_of(data.get("trigger")),
            fields_evidence=fev,
            confidence=None if confidence is None else float(confidence),
            rules=[str(r) for r in data.get("rules") or []],
        )

    def to_json(self) -> dict[str, JSONValue]:
        """The contract form (DESIGN.md): the core fields (null when unknown), the links that are
        known, then evidence, trigger, per-field evidence, confidence and rules."""
        out: dict[str, JSONValue] = {name: self.values.get(name) for name in acled.CONTRACT_FIELDS}
        for name in acled.LINK_FIELDS:
            if self.values.get(name) is not None:
                out[name] = self.values[name]
        out["evidence"] = offsets_json(self.evidence)
        out["trigger"] = offsets_json(self.trigger)
        out["fields_evidence"] = {k: {"start": a, "end": b} for k, (a, b) in self.fields_evidence.items()}
        out["confidence"] = self.confidence
        out["rules"] = list(self.rules)
        return out
