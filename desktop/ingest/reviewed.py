"""Annotations brought in as the analyst's decisions (`rasid import --reviewed`).

A record may carry `entities` as `{"start", "end", "type"}` spans and `incidents` with the ACLED
fields and `evidence` `{"start", "end"}` (optionally `fields_evidence`), the `rasid extract` output
form. They are checked against the text and become analyst decisions (origin `analyst`, status
`accepted`); the article is marked reviewed, so that it is training data for the project's models.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.errors import InputError
from desktop.records import EntityRecord, is_incident_field
from desktop.store.writes import ReviewedEntity

ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC", "ACTOR", "WEAPON", "DATE", "NUM")


def _offsets(value: Any, length: int, what: str, shift: int = 0) -> tuple[int, int]:
    if not isinstance(value, Mapping):
        raise InputError(f"{what} is not a {{start, end}} span.")
    start, end = value.get("start"), value.get("end")
    if (
        not isinstance(start, int)
        or not isinstance(end, int)
        or not 0 <= start - shift < end - shift <= length
    ):
        raise InputError(f"{what} has offsets {start!r}..{end!r} outside the text (0..{length + shift}).")
    return start - shift, end - shift


def reviewed_annotations(
    text: str, extra: Mapping[str, Any], shift: int = 0
) -> tuple[list[ReviewedEntity], list[dict[str, Any]]]:
    """The record's annotations as analyst decisions: entities, and incidents in the project dump's
    form (`desktop.store.incidents.restore_incident`). Offsets are into the record's text, whose
    first `shift` characters (blanks) are not in the stored `text`. Raises InputError (one sentence) when an
    annotation does not fit the text."""
    entities: list[ReviewedEntity] = []
    raw_entities = extra.get("entities") or []
    if not isinstance(raw_entities, list):
        raise InputError("`entities` is not a list.")
    for n, e in enumerate(raw_entities, 1):
        start, end = _offsets(e, len(text), f"entity {n}", shift)
        label = str(e.get("type") or "")
        if label not in ENTITY_TYPES:
            raise InputError(f"entity {n} has type {label!r} (expected one of {', '.join(ENTITY_TYPES)}).")
        attrs = {k: v for k, v in e.items() if k not in ("start", "end", "type", "text")}
        entities.append(
            ReviewedEntity(EntityRecord(start, end, label, text[start:end], attrs), "analyst", "accepted")
        )
    incidents: list[dict[str, Any]] = []
    raw_incidents = extra.get("incidents") or []
    if not isinstance(raw_incidents, list):
        raise InputError("`incidents` is not a list.")
    for n, inc in enumerate(raw_incidents, 1):
        if not isinstance(inc, Mapping):
            raise InputError(f"incident {n} is not an object.")
        evidence = inc.get("evidence")
        span = (
            _offsets(evidence, len(text), f"the evidence of incident {n}", shift)
            if evidence is not None
            else None
        )
        per_field = inc.get("fields_evidence") or {}
        fields: dict[str, Any] = {}
        for name, value in inc.items():
            if not is_incident_field(name):
                continue
            ev = per_field.get(name) if isinstance(per_field, Mapping) else None
            where = (
                _offsets(ev, len(text), f"the evidence of {name} in incident {n}", shift)
                if ev is not None
                else None
            )
            fields[name] = {
                "analyst": value,
                "analyst_set": True,
                "analyst_evidence": None if where is None else {"start": where[0], "end": where[1]},
            }
        if not fields.get("event_type", {}).get("analyst"):
            raise InputError(f"incident {n} has no `event_type`.")
        incidents.append(
            {
                "origin": "analyst",
                "status": "accepted",
                "evidence": None if span is None else {"start": span[0], "end": span[1]},
                "fields": fields,
            }
        )
    return entities, incidents
