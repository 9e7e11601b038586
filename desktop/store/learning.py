"""What the analyst teaches: articles marked reviewed, and the project's own models.

An article marked reviewed is training data: its entities and incidents, with the analyst's values
over the machine's, are the decisions a project model learns from (`desktop.learning`). A project
model is stored here as bytes with a manifest (what it was trained on, when, its cross-validated
score against the bundled model's on the same articles); at most one model of each kind is active,
and re-extraction uses the active one. Marking, saving and choosing a model are audited.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.store.audit import record
from desktop.store.common import ProjectLike, dumps, loads, now

MODEL_KINDS = ("entities", "incidents")


class ReviewManager:
    """Which articles the analyst has marked reviewed."""

    def __init__(self, project: ProjectLike) -> None:
        self._p = project

    def mark(self, article_ids: Iterable[int], reviewed: bool = True) -> int:
        """Mark (or unmark) articles as reviewed; returns how many changed."""
        changed = 0
        with self._p.transaction() as conn:
            for aid in article_ids:
                if reviewed:
                    cur = conn.execute(
                        "INSERT OR IGNORE INTO article_reviews (article_id, reviewed_at) "
                        "SELECT id, ? FROM articles WHERE id = ?",
                        (now(), aid),
                    )
                else:
                    cur = conn.execute("DELETE FROM article_reviews WHERE article_id = ?", (aid,))
                if cur.rowcount:
                    changed += 1
                    record(conn, "review" if reviewed else "unreview", "article", aid, aid, None, None)
        return changed

    def is_reviewed(self, article_id: int) -> bool:
        row = self._p.conn.execute(
            "SELECT 1 FROM article_reviews WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row is not None

    def ids(self) -> builtins.list[int]:
        """The reviewed articles, in the order they were stored."""
        return [
            int(r[0])
            for r in self._p.conn.execute("SELECT article_id FROM article_reviews ORDER BY article_id")
        ]


@dataclass(frozen=True)
class StoredModel:
    """A project model: its kind, when it was made, its manifest and whether it is in use."""

    id: int
    kind: str
    created_at: str
    manifest: dict[str, Any]
    active: bool
    size: int


class ModelManager:
    """The project's own models (bytes with a manifest); at most one active per kind."""

    def __init__(self, project: ProjectLike) -> None:
        self._p = project

    def save(self, kind: str, data: bytes, manifest: dict[str, Any]) -> int:
        """Store a model (not yet in use); returns its id."""
        if kind not in MODEL_KINDS:
            raise ValueError(f"unknown model kind {kind!r}")
        with self._p.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO models (kind, created_at, manifest, data) VALUES (?, ?, ?, ?)",
                (kind, now(), dumps(manifest), data),
            )
            mid = int(cur.lastrowid or 0)
            record(conn, "train", "model", mid, None, None, {"kind": kind})
        return mid

    def list(self) -> builtins.list[StoredModel]:
        rows = self._p.conn.execute(
            "SELECT id, kind, created_at, manifest, active, length(data) FROM models ORDER BY id"
        ).fetchall()
        return [
            StoredModel(int(r[0]), str(r[1]), str(r[2]), loads(r[3]) or {}, bool(r[4]), int(r[5]))
            for r in rows
        ]

    def get(self, model_id: int) -> StoredModel:
        for m in self.list():
            if m.id == model_id:
                return m
        raise KeyError(model_id)

    def use(self, model_id: int) -> None:
        """Put a model in use for its kind (the one in use before is set aside, not deleted)."""
        model = self.get(model_id)
        with self._p.transaction() as conn:
            conn.execute("UPDATE models SET active = 0 WHERE kind = ? AND active = 1", (model.kind,))
            conn.execute("UPDATE models SET active = 1 WHERE id = ?", (model_id,))
            record(conn, "use", "model", model_id, None, None, {"kind": model.kind})

    def use_bundled(self, kind: str) -> None:
        """Go back to the bundled model for `kind`."""
        with self._p.transaction() as conn:
            conn.execute("UPDATE models SET active = 0 WHERE kind = ? AND active = 1", (kind,))
            record(conn, "use", "model", None, None, None, {"kind": kind, "bundled": True})

    def active(self, kind: str) -> tuple[StoredModel, bytes] | None:
        """The model in use for `kind` with its bytes, or None (the bundled model decides)."""
        row = self._p.conn.execute(
            "SELECT id, kind, created_at, manifest, data FROM models WHERE kind = ? AND active = 1", (kind,)
        ).fetchone()
        if row is None:
            return None
        data = bytes(row[4])
        return StoredModel(int(row[0]), str(row[1]), str(row[2]), loads(row[3]) or {}, True, len(data)), data
