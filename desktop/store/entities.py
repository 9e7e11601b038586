"""Entities of articles: machine output (`auto`) and analyst work (`analyst`, or reviewed auto rows)."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from desktop.errors import InputError, NotFoundError
from desktop.records import EntityRecord
from desktop.store.audit import record
from desktop.store.common import STATUSES, ProjectLike, dumps, loads, now
from desktop.text.normalize import normalize_word

_COLUMNS = "id, article_id, start, end, type, text, attrs, origin, status, canonical_id, canonical_name"


@dataclass(frozen=True)
class Entity:
    """A typed span of an article's text (code points, end exclusive) with its review state."""

    id: int
    article_id: int
    start: int
    end: int
    type: str
    text: str
    attrs: dict[str, Any]
    origin: str
    status: str
    canonical_id: str | None
    canonical_name: str | None

    def record(self) -> EntityRecord:
        """The typed record of this entity (span, type, surface, attributes)."""
        return EntityRecord(self.start, self.end, self.type, self.text, dict(self.attrs))

    def to_json(self) -> dict[str, Any]:
        """The contract form (`start`, `end`, `type`, `text`, attributes) plus review fields."""
        out = self.record().to_json()
        out.update(id=self.id, origin=self.origin, status=self.status)
        return out


def _entity(row: sqlite3.Row | tuple[Any, ...]) -> Entity:
    r = tuple(row)
    return Entity(r[0], r[1], r[2], r[3], r[4], r[5], loads(r[6]) or {}, r[7], r[8], r[9], r[10])


def canonical_of(attrs: dict[str, Any]) -> tuple[str | None, str | None]:
    """The canonical id and name an extractor or analyst attached to an entity (`canonical_id`,
    `canonical` in the vocabulary of `desktop.records.ENTITY_ATTRIBUTES`), if any."""
    cid = attrs.get("canonical_id")
    name = attrs.get("canonical")
    return (None if cid is None else str(cid)), (None if name is None else str(name))


def insert_entity(
    conn: sqlite3.Connection,
    article_id: int,
    text: str,
    start: int,
    end: int,
    type_: str,
    attrs: dict[str, Any],
    origin: str,
    status: str,
) -> int:
    cid, cname = canonical_of(attrs)
    surface = text[start:end]
    cur = conn.execute(
        "INSERT INTO entities (article_id, start, end, type, text, norm, canonical_id, canonical_name, "
        "attrs, "
        "origin, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article_id,
            start,
            end,
            type_,
            surface,
            normalize_word(surface),
            cid,
            cname,
            dumps(attrs),
            origin,
            status,
            now(),
        ),
    )
    return int(cur.lastrowid or 0)


def replace_machine_entities(
    conn: sqlite3.Connection, article_id: int, text: str, entities: Iterable[EntityRecord]
) -> int:
    """Swap the article's unreviewed machine entities for `entities`.

    Reviewed rows (accepted, edited, rejected) and analyst rows stay, and where the analyst decided
    no machine entity is added: not on the span of a decided entity, whatever its type (a rejected
    one does not come back; داعش relabelled PER gets no machine ORG copy), and not overlapping one
    the analyst kept (a name the analyst resized is not tagged again with the machine's bounds).
    The pipeline emits no overlapping entities, so nothing it would add beside a kept one is lost.
    """
    conn.execute(
        "DELETE FROM entities WHERE article_id = ? AND origin = 'auto' AND status = 'new'", (article_id,)
    )
    decided = conn.execute(
        "SELECT start, end, status FROM entities WHERE article_id = ?", (article_id,)
    ).fetchall()
    spans = {(int(r[0]), int(r[1])) for r in decided}
    kept = [(int(r[0]), int(r[1])) for r in decided if r[2] != "rejected"]
    added: set[tuple[int, int, str]] = set()
    n = 0
    for ent in entities:
        start, end, type_ = ent.start, ent.end, ent.type
        if (start, end) in spans or (start, end, type_) in added or not 0 <= start <= end <= len(text):
            continue
        if any(start < b and a < end for a, b in kept):
            continue
        insert_entity(conn, article_id, text, start, end, type_, dict(ent.attrs), "auto", "new")
        added.add((start, end, type_))
        n += 1
    return n


class EntityManager:
    """Entity queries and the analyst's entity operations (each one audited)."""

    def __init__(self, project: ProjectLike) -> None:
        self._p = project

    def get(self, entity_id: int) -> Entity:
        row = self._p.conn.execute(f"SELECT {_COLUMNS} FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no entity {entity_id} in this project.")
        return _entity(row)

    def for_article(self, article_id: int, include_rejected: bool = True) -> builtins.list[Entity]:
        extra = "" if include_rejected else " AND status != 'rejected'"
        rows = self._p.conn.execute(
            f"SELECT {_COLUMNS} FROM entities WHERE article_id = ?{extra} ORDER BY start, end DESC",
            (article_id,),
        ).fetchall()
        return [_entity(r) for r in rows]

    def add(
        self, article_id: int, start: int, end: int, type: str, attrs: dict[str, Any] | None = None
    ) -> Entity:
        """An analyst-created entity over [start, end) of the article's text (status `accepted`)."""
        with self._p.transaction() as conn:
            text = _article_text(conn, article_id)
            _check_span(text, start, end)
            if not type.strip():
                raise InputError("An entity needs a type (PER, ORG, LOC, ...).")
            eid = insert_entity(
                conn, article_id, text, start, end, type.strip(), attrs or {}, "analyst", "accepted"
            )
            entity = self.get(eid)
            record(conn, "add", "entity", eid, article_id, None, entity.to_json())
        return entity

    def update(
        self,
        entity_id: int,
        *,
        start: int | None = None,
        end: int | None = None,
        type: str | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> Entity:
        """Change an entity's span, type or attributes; a machine entity becomes `edited`."""
        old = self.get(entity_id)
        new_start = old.start if start is None else start
        new_end = old.end if end is None else end
        new_attrs = old.attrs if attrs is None else attrs
        cid, cname = canonical_of(new_attrs)
        with self._p.transaction() as conn:
            text = _article_text(conn, old.article_id)
            _check_span(text, new_start, new_end)
            surface = text[new_start:new_end]
            status = "edited" if old.origin == "auto" else old.status
            conn.execute(
                "UPDATE entities SET start = ?, end = ?, type = ?, text = ?, norm = ?, attrs = ?, "
                "canonical_id = ?, "
                "canonical_name = ?, status = ?, updated_at = ? WHERE id = ?",
                (
                    new_start,
                    new_end,
                    type or old.type,
                    surface,
                    normalize_word(surface),
                    dumps(new_attrs),
                    cid,
                    cname,
                    status,
                    now(),
                    entity_id,
                ),
            )
            new = self.get(entity_id)
            record(conn, "update", "entity", entity_id, old.article_id, old.to_json(), new.to_json())
        return new

    def accept(self, entity_id: int) -> Entity:
        return self.set_status(entity_id, "accepted")

    def reject(self, entity_id: int) -> Entity:
        return self.set_status(entity_id, "rejected")

    def delete(self, entity_id: int) -> None:
        """Remove an analyst entity; a machine entity is rejected (so re-extraction does not revive it)."""
        old = self.get(entity_id)
        if old.origin == "auto":
            self.reject(entity_id)
            return
        with self._p.transaction() as conn:
            conn.execute("DELETE FROM entities WHERE id = ?", (entity_id,))
            record(conn, "delete", "entity", entity_id, old.article_id, old.to_json(), None)

    def set_status(self, entity_id: int, status: str) -> Entity:
        """Give an entity any review status (undo puts `new` or `edited` back)."""
        if status not in STATUSES:
            raise InputError(f"Unknown review status {status!r} (expected one of {', '.join(STATUSES)}).")
        old = self.get(entity_id)
        if old.status == status:
            return old
        with self._p.transaction() as conn:
            conn.execute(
                "UPDATE entities SET status = ?, updated_at = ? WHERE id = ?", (status, now(), entity_id)
            )
            record(
                conn,
                status[:-2] if status.endswith("ed") else status,
                "entity",
                entity_id,
                old.article_id,
                {"status": old.status},
                {"status": status},
            )
        return self.get(entity_id)

    def count(self) -> int:
        return int(self._p.conn.execute("SELECT count(*) FROM entities").fetchone()[0])

    def summary(self, entity: Entity) -> dict[str, Any]:
        return asdict(entity)


def _article_text(conn: sqlite3.Connection, article_id: int) -> str:
    row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"There is no article {article_id} in this project.")
    return str(row[0])


def _check_span(text: str, start: int, end: int) -> None:
    if not 0 <= start < end <= len(text):
        raise InputError(f"The span {start}..{end} is outside the article's text (0..{len(text)}).")
