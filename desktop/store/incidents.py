"""Incidents: ACLED-style records per article, with a machine and an analyst value for every field.

A field's effective value is the analyst's when set, else the machine's. Re-extraction replaces
machine values only; analyst values, analyst-created incidents and reviewed incidents survive.
"""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from desktop import acled
from desktop.errors import InputError, NotFoundError
from desktop.records import IncidentRecord, Offsets, is_incident_field, offsets_json, offsets_of
from desktop.store.audit import record
from desktop.store.common import STATUSES, ProjectLike, dumps, loads, now

Evidence = Offsets
_LINKS = frozenset(acled.LINK_FIELDS)
_COLUMNS = ", ".join(
    [
        "id",
        "article_id",
        "origin",
        "status",
        "evidence_start",
        "evidence_end",
        "confidence",
        "trigger_start",
        "trigger_end",
        "rules",
    ]
)


@dataclass(frozen=True)
class IncidentField:
    """One field of an incident: machine and analyst values (JSON values) with their evidence spans."""

    name: str
    machine: Any = None
    analyst: Any = None
    analyst_set: bool = False
    machine_evidence: Evidence | None = None
    analyst_evidence: Evidence | None = None

    @property
    def value(self) -> Any:
        return self.analyst if self.analyst_set else self.machine

    @property
    def evidence(self) -> Evidence | None:
        return self.analyst_evidence if self.analyst_set else self.machine_evidence


@dataclass(frozen=True)
class Incident:
    """A stored incident: its fields (machine and analyst values), what supports it, its review state."""

    id: int
    article_id: int
    origin: str
    status: str
    evidence: Evidence | None
    confidence: float | None
    fields: dict[str, IncidentField] = field(default_factory=dict)
    trigger: Evidence | None = None
    rules: tuple[str, ...] = ()

    def value(self, name: str) -> Any:
        f = self.fields.get(name)
        return None if f is None else f.value

    def record(self) -> IncidentRecord:
        """The typed record of the effective values (analyst over machine)."""
        return IncidentRecord(
            values={n: f.value for n, f in self.fields.items() if is_incident_field(n)},
            evidence=self.evidence,
            trigger=self.trigger,
            fields_evidence={n: f.evidence for n, f in self.fields.items() if f.evidence is not None},
            confidence=self.confidence,
            rules=list(self.rules),
        )

    def to_json(self) -> dict[str, Any]:
        """The contract form with effective values, plus `id`, `origin` and `status`."""
        out = self.record().to_json()
        out.update(id=self.id, origin=self.origin, status=self.status)
        return out


def _pair(a: Any, b: Any) -> Evidence | None:
    return None if a is None or b is None else (int(a), int(b))


def _rules(text: str | None) -> tuple[str, ...]:
    value = loads(text) if text else []
    return tuple(str(r) for r in value) if isinstance(value, list) else ()


def insert_machine_incident(conn: sqlite3.Connection, article_id: int, inc: IncidentRecord) -> int:
    """A new machine incident (`auto`, `new`) of the article from an extractor's record."""
    return _insert(conn, article_id, inc, "auto", "new")


def _insert(conn: sqlite3.Connection, article_id: int, inc: IncidentRecord, origin: str, status: str) -> int:
    ev, trig = inc.evidence or (None, None), inc.trigger or (None, None)
    stamp = now()
    cur = conn.execute(
        "INSERT INTO incidents (article_id, evidence_start, evidence_end, confidence, trigger_start, "
        "trigger_end, rules, origin, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, *ev, inc.confidence, *trig, dumps(list(inc.rules)), origin, status, stamp, stamp),
    )
    iid = int(cur.lastrowid or 0)
    if origin == "auto":
        _write_machine_fields(conn, iid, inc)
    else:
        for name, value in inc.values.items():
            conn.execute(
                "INSERT INTO incident_fields (incident_id, name, analyst_value, analyst_start, analyst_end) "
                "VALUES (?, ?, ?, ?, ?)",
                (iid, name, dumps(value), *(inc.fields_evidence.get(name) or (None, None))),
            )
    return iid


def _write_machine_fields(conn: sqlite3.Connection, incident_id: int, inc: IncidentRecord) -> None:
    """The record's values become the machine values of the incident's fields (links only when known)."""
    conn.execute(
        "UPDATE incident_fields SET machine_value = NULL, machine_start = NULL, machine_end = NULL "
        "WHERE incident_id = ?",
        (incident_id,),
    )
    for name, value in inc.values.items():
        if value is None and name in _LINKS:
            continue
        ev = inc.fields_evidence.get(name)
        conn.execute(
            "INSERT INTO incident_fields (incident_id, name, machine_value, machine_start, machine_end) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(incident_id, name) DO UPDATE SET machine_value = "
            "excluded.machine_value, "
            "machine_start = excluded.machine_start, machine_end = excluded.machine_end",
            (incident_id, name, dumps(value), ev[0] if ev else None, ev[1] if ev else None),
        )
    conn.execute(
        "DELETE FROM incident_fields WHERE incident_id = ? AND machine_value IS NULL AND analyst_value IS "
        "NULL",
        (incident_id,),
    )


def replace_machine_incidents(
    conn: sqlite3.Connection, article_id: int, incidents: Iterable[IncidentRecord]
) -> int:
    """Swap the article's unreviewed machine incidents for `incidents`, keeping the analyst's work.

    A new machine incident whose evidence overlaps a kept machine incident (accepted, edited or
    rejected) with the same machine event type refreshes that incident's machine values, trigger,
    rules and confidence instead of being added; rejected incidents are thereby not proposed again.
    """
    conn.execute(
        "DELETE FROM incidents WHERE article_id = ? AND origin = 'auto' AND status = 'new'", (article_id,)
    )
    kept: list[tuple[int, Evidence | None, Any]] = []
    for r in conn.execute(
        "SELECT i.id, i.evidence_start, i.evidence_end, f.machine_value FROM incidents i LEFT JOIN "
        "incident_fields f "
        "ON f.incident_id = i.id AND f.name = 'event_type' WHERE i.article_id = ? AND i.origin = 'auto'",
        (article_id,),
    ):
        kept.append((r[0], _pair(r[1], r[2]), loads(r[3])))
    used: set[int] = set()
    added = 0
    for inc in incidents:
        ev = inc.evidence
        best, best_overlap = None, 0
        for iid, kev, ktype in kept:
            if iid in used or ev is None or kev is None or ktype != inc.event_type:
                continue
            overlap = min(ev[1], kev[1]) - max(ev[0], kev[0])
            if overlap > best_overlap:
                best, best_overlap = iid, overlap
        if best is not None:
            used.add(best)
            _write_machine_fields(conn, best, inc)
            conn.execute(
                "UPDATE incidents SET confidence = ?, trigger_start = ?, trigger_end = ?, rules = ? "
                "WHERE id = ?",
                (inc.confidence, *(inc.trigger or (None, None)), dumps(list(inc.rules)), best),
            )
        else:
            insert_machine_incident(conn, article_id, inc)
            added += 1
    return added


def restore_incident(
    conn: sqlite3.Connection, article_id: int, dumped: dict[str, Any], incident_id: int | None = None
) -> int:
    """An incident as a project dump holds it (`desktop.export.json_export`): origin, status, trigger,
    rules and each field's machine and analyst values with their evidence. Returns its id, which is
    `incident_id` when given (undoing a delete puts the row back under its own id)."""
    origin = _checked(dumped.get("origin", "auto"), ("auto", "analyst"), "origin")
    status = _checked(dumped.get("status", "new"), STATUSES, "status")
    ev, trig = offsets_of(dumped.get("evidence")), offsets_of(dumped.get("trigger"))
    stamp = now()
    cur = conn.execute(
        "INSERT INTO incidents (id, article_id, evidence_start, evidence_end, confidence, trigger_start, "
        "trigger_end, rules, origin, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            incident_id,
            article_id,
            *(ev or (None, None)),
            dumped.get("confidence"),
            *(trig or (None, None)),
            dumps([str(r) for r in dumped.get("rules") or []]),
            origin,
            status,
            stamp,
            stamp,
        ),
    )
    iid = int(cur.lastrowid or 0)
    for name, f in (dumped.get("fields") or {}).items():
        if not is_incident_field(name):
            raise InputError(f"{name!r} is not an incident field.")
        machine_set = f.get("machine") is not None or f.get("machine_evidence") is not None
        conn.execute(
            "INSERT INTO incident_fields (incident_id, name, machine_value, machine_start, machine_end, "
            "analyst_value, analyst_start, analyst_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                iid,
                name,
                dumps(f.get("machine")) if machine_set or not f.get("analyst_set") else None,
                *(offsets_of(f.get("machine_evidence")) or (None, None)),
                dumps(f.get("analyst")) if f.get("analyst_set") else None,
                *(offsets_of(f.get("analyst_evidence")) or (None, None)),
            ),
        )
    return iid


def _checked(value: Any, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise InputError(f"Unknown {what} {value!r} (expected one of {', '.join(allowed)}).")
    return str(value)


def dump_incident(inc: Incident) -> dict[str, Any]:
    """The project-dump form of a stored incident (what `restore_incident` reads back)."""
    return {
        "id": inc.id,
        "origin": inc.origin,
        "status": inc.status,
        "evidence": offsets_json(inc.evidence),
        "trigger": offsets_json(inc.trigger),
        "rules": list(inc.rules),
        "confidence": inc.confidence,
        "fields": {
            name: {
                "machine": f.machine,
                "analyst": f.analyst,
                "analyst_set": f.analyst_set,
                "machine_evidence": offsets_json(f.machine_evidence),
                "analyst_evidence": offsets_json(f.analyst_evidence),
            }
            for name, f in sorted(inc.fields.items())
        },
    }


class IncidentManager:
    """Incident queries and the analyst's incident operations (each one audited)."""

    def __init__(self, project: ProjectLike) -> None:
        self._p = project

    def get(self, incident_id: int) -> Incident:
        conn = self._p.conn
        row = conn.execute(f"SELECT {_COLUMNS} FROM incidents WHERE id = ?", (incident_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no incident {incident_id} in this project.")
        return self._build(row, self._fields([incident_id]).get(incident_id, {}))

    def for_article(self, article_id: int, include_rejected: bool = True) -> builtins.list[Incident]:
        extra = "" if include_rejected else " AND status != 'rejected'"
        rows = self._p.conn.execute(
            f"SELECT {_COLUMNS} FROM incidents WHERE article_id = ?{extra} ORDER BY evidence_start, id",
            (article_id,),
        ).fetchall()
        fields = self._fields([r[0] for r in rows])
        return [self._build(r, fields.get(r[0], {})) for r in rows]

    def _fields(self, ids: builtins.list[int]) -> dict[int, dict[str, IncidentField]]:
        out: dict[int, dict[str, IncidentField]] = {}
        if not ids:
            return out
        rows = self._p.conn.execute(
            "SELECT incident_id, name, machine_value, machine_start, machine_end, analyst_value, "
            "analyst_start, "
            f"analyst_end FROM incident_fields WHERE incident_id IN ({','.join('?' * len(ids))})",
            ids,
        ).fetchall()
        for r in rows:
            out.setdefault(r[0], {})[r[1]] = IncidentField(
                r[1], loads(r[2]), loads(r[5]), r[5] is not None, _pair(r[3], r[4]), _pair(r[6], r[7])
            )
        return out

    @staticmethod
    def _build(row: Any, fields: dict[str, IncidentField]) -> Incident:
        return Incident(
            row[0],
            row[1],
            row[2],
            row[3],
            _pair(row[4], row[5]),
            row[6],
            fields,
            _pair(row[7], row[8]),
            _rules(row[9]),
        )

    # --- analyst operations ------------------------------------------------------------------

    def update_field(
        self, incident_id: int, name: str, value: Any, evidence: Evidence | None = None
    ) -> Incident:
        """Set the analyst's value (any JSON value, None included) of one field."""
        if not is_incident_field(name):
            raise InputError(f"{name!r} is not an incident field.")
        old = self.get(incident_id)
        with self._p.transaction() as conn:
            if evidence is not None:
                _check_span(conn, old.article_id, evidence)
            conn.execute(
                "INSERT INTO incident_fields (incident_id, name, analyst_value, analyst_start, analyst_end) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(incident_id, name) DO UPDATE SET "
                "analyst_value = excluded.analyst_value, analyst_start = excluded.analyst_start, "
                "analyst_end = excluded.analyst_end",
                (incident_id, name, dumps(value), *(evidence or (None, None))),
            )
            self._touch(conn, incident_id, "edited" if old.origin == "auto" else old.status)
            record(
                conn,
                "update_field",
                "incident",
                incident_id,
                old.article_id,
                {name: old.value(name)},
                {name: value},
            )
        return self.get(incident_id)

    def clear_field(self, incident_id: int, name: str) -> Incident:
        """Drop the analyst's value of a field, so the machine value shows again."""
        old = self.get(incident_id)
        f = old.fields.get(name)
        if f is None or not f.analyst_set:
            return old
        with self._p.transaction() as conn:
            conn.execute(
                "UPDATE incident_fields SET analyst_value = NULL, analyst_start = NULL, analyst_end = NULL "
                "WHERE incident_id = ? AND name = ?",
                (incident_id, name),
            )
            conn.execute(
                "DELETE FROM incident_fields WHERE incident_id = ? AND name = ? AND machine_value IS NULL",
                (incident_id, name),
            )
            self._touch(conn, incident_id, old.status)
            record(
                conn,
                "clear_field",
                "incident",
                incident_id,
                old.article_id,
                {name: f.analyst},
                {name: f.machine},
            )
        return self.get(incident_id)

    def accept(self, incident_id: int) -> Incident:
        return self.set_status(incident_id, "accepted", "accept")

    def reject(self, incident_id: int) -> Incident:
        return self.set_status(incident_id, "rejected", "reject")

    def set_status(self, incident_id: int, status: str, action: str = "set_status") -> Incident:
        """Give an incident any review status (undo puts `new` or `edited` back); audited as `action`."""
        if status not in STATUSES:
            raise InputError(f"Unknown review status {status!r} (expected one of {', '.join(STATUSES)}).")
        old = self.get(incident_id)
        if old.status == status:
            return old
        with self._p.transaction() as conn:
            self._touch(conn, incident_id, status)
            record(
                conn,
                action,
                "incident",
                incident_id,
                old.article_id,
                {"status": old.status},
                {"status": status},
            )
        return self.get(incident_id)

    def create_from_span(
        self,
        article_id: int,
        start: int,
        end: int,
        fields: dict[str, Any] | None = None,
        status: str = "accepted",
    ) -> Incident:
        """An analyst-created incident whose evidence is [start, end) of the article; `status` `new`
        leaves it to be reviewed (the GUI's New from selection), `accepted` records it as decided."""
        _checked(status, STATUSES, "status")
        with self._p.transaction() as conn:
            _check_span(conn, article_id, (start, end))
            iid = self._insert_analyst(conn, article_id, (start, end), None, fields or {}, status=status)
            new = self.get(iid)
            record(conn, "create", "incident", iid, article_id, None, new.to_json())
        return new

    def _insert_analyst(
        self,
        conn: sqlite3.Connection,
        article_id: int,
        evidence: Evidence | None,
        confidence: float | None,
        fields: dict[str, Any],
        field_evidence: dict[str, Evidence | None] | None = None,
        status: str = "accepted",
    ) -> int:
        stamp = now()
        cur = conn.execute(
            "INSERT INTO incidents (article_id, evidence_start, evidence_end, confidence, origin, status, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, 'analyst', ?, ?, ?)",
            (article_id, *(evidence or (None, None)), confidence, status, stamp, stamp),
        )
        iid = int(cur.lastrowid or 0)
        for name, value in fields.items():
            if not is_incident_field(name):
                raise InputError(f"{name!r} is not an incident field.")
            ev = (field_evidence or {}).get(name)
            conn.execute(
                "INSERT INTO incident_fields (incident_id, name, analyst_value, analyst_start, analyst_end) "
                "VALUES (?, ?, ?, ?, ?)",
                (iid, name, dumps(value), *(ev or (None, None))),
            )
        return iid

    def merge(self, keep_id: int, other_id: int) -> Incident:
        """Fold `other_id` into `keep_id` (same article): empty fields of the kept one take the other's
        values, the evidence becomes the span covering both, and the other incident is deleted."""
        keep, other = self.get(keep_id), self.get(other_id)
        if keep_id == other_id:
            raise InputError("An incident cannot be merged with itself.")
        if keep.article_id != other.article_id:
            raise InputError("Only incidents of the same article can be merged.")
        with self._p.transaction() as conn:
            for name, f in other.fields.items():
                if keep.value(name) in (None, "", []) and f.value not in (None, "", []):
                    conn.execute(
                        "INSERT INTO incident_fields (incident_id, name, analyst_value, analyst_start, "
                        "analyst_end) "
                        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(incident_id, name) DO UPDATE SET "
                        "analyst_value = excluded.analyst_value, analyst_start = excluded.analyst_start, "
                        "analyst_end = excluded.analyst_end",
                        (keep_id, name, dumps(f.value), *(f.evidence or (None, None))),
                    )
            spans = [s for s in (keep.evidence, other.evidence) if s]
            if spans:
                conn.execute(
                    "UPDATE incidents SET evidence_start = ?, evidence_end = ? WHERE id = ?",
                    (min(s[0] for s in spans), max(s[1] for s in spans), keep_id),
                )
            conn.execute("DELETE FROM incidents WHERE id = ?", (other_id,))
            self._touch(conn, keep_id, "edited" if keep.origin == "auto" else keep.status)
            record(
                conn,
                "merge",
                "incident",
                keep_id,
                keep.article_id,
                {"kept": keep.to_json(), "merged": other.to_json()},
                self.get(keep_id).to_json(),
            )
        return self.get(keep_id)

    def split(self, incident_id: int, at: int) -> tuple[Incident, Incident]:
        """Cut an incident's evidence at offset `at`: the original keeps [start, at), a new analyst
        incident gets [at, end) and a copy of the effective field values, for the analyst to correct."""
        old = self.get(incident_id)
        if old.evidence is None or not old.evidence[0] < at < old.evidence[1]:
            raise InputError("The split point must lie inside the incident's evidence span.")
        end = old.evidence[1]
        with self._p.transaction() as conn:
            conn.execute("UPDATE incidents SET evidence_end = ? WHERE id = ?", (at, incident_id))
            self._touch(conn, incident_id, "edited" if old.origin == "auto" else old.status)
            values = {n: f.value for n, f in old.fields.items()}
            evs: dict[str, Evidence | None] = {
                n: f.evidence for n, f in old.fields.items() if f.evidence and f.evidence[0] >= at
            }
            new_id = self._insert_analyst(conn, old.article_id, (at, end), old.confidence, values, evs)
            first, second = self.get(incident_id), self.get(new_id)
            record(
                conn,
                "split",
                "incident",
                incident_id,
                old.article_id,
                old.to_json(),
                {"first": first.to_json(), "second": second.to_json()},
            )
        return first, second

    def delete(self, incident_id: int) -> None:
        """Delete an analyst-created incident; a machine incident is rejected instead."""
        old = self.get(incident_id)
        if old.origin == "auto":
            self.reject(incident_id)
            return
        with self._p.transaction() as conn:
            conn.execute("DELETE FROM incidents WHERE id = ?", (incident_id,))
            record(conn, "delete", "incident", incident_id, old.article_id, old.to_json(), None)

    def undelete(self, article_id: int, dumped: dict[str, Any]) -> Incident:
        """Put a deleted incident back under its own id from its `dump_incident` form (undo of a delete)."""
        with self._p.transaction() as conn:
            iid = restore_incident(conn, article_id, dumped, incident_id=int(dumped["id"]))
            new = self.get(iid)
            record(conn, "restore", "incident", iid, article_id, None, new.to_json())
        return new

    @staticmethod
    def _touch(conn: sqlite3.Connection, incident_id: int, status: str) -> None:
        conn.execute(
            "UPDATE incidents SET status = ?, updated_at = ? WHERE id = ?", (status, now(), incident_id)
        )

    def count(self) -> int:
        return int(self._p.conn.execute("SELECT count(*) FROM incidents").fetchone()[0])

    def review_states(self, article_ids: builtins.list[int]) -> dict[int, str]:
        """How far the review of each article's incidents is: `new` (none reviewed), `in progress`
        (some) or `reviewed` (all); articles without incidents are left out."""
        if not article_ids:
            return {}
        rows = self._p.conn.execute(
            "SELECT article_id, sum(status = 'new'), count(*) FROM incidents "
            f"WHERE article_id IN ({','.join('?' * len(article_ids))}) GROUP BY article_id",
            article_ids,
        ).fetchall()
        out: dict[int, str] = {}
        for article_id, new, total in rows:
            out[int(article_id)] = "new" if new == total else "reviewed" if new == 0 else "in progress"
        return out


def _check_span(conn: sqlite3.Connection, article_id: int, span: Evidence) -> None:
    row = conn.execute("SELECT length(text) FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"There is no article {article_id} in this project.")
    if not 0 <= span[0] < span[1] <= int(row[0]):
        raise InputError(f"The span {span[0]}..{span[1]} is outside the article's text (0..{row[0]}).")
