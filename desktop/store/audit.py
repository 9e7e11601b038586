"""The audit trail: one row per analyst edit (what, target, old, new, when), in the edit's transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from desktop.store.common import ProjectLike, dumps, loads, now


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    action: str
    target: str
    target_id: int | None
    article_id: int | None
    old: Any
    new: Any


def record(
    conn: sqlite3.Connection,
    action: str,
    target: str,
    target_id: int | None,
    article_id: int | None,
    old: Any,
    new: Any,
) -> None:
    """Write one audit row; call it inside the transaction that makes the change."""
    conn.execute(
        "INSERT INTO audit (at, action, target, target_id, article_id, old, new) VALUES (?, ?, ?, ?, ?, ?, "
        "?)",
        (
            now(),
            action,
            target,
            target_id,
            article_id,
            None if old is None else dumps(old),
            None if new is None else dumps(new),
        ),
    )


class AuditLog:
    """Read access to the audit trail, newest first."""

    def __init__(self, project: ProjectLike) -> None:
        self._p = project

    def entries(
        self,
        target: str | None = None,
        target_id: int | None = None,
        article_id: int | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> list[AuditEntry]:
        conds, params = [], []
        for col, val in (("target", target), ("target_id", target_id), ("article_id", article_id)):
            if val is not None:
                conds.append(f"{col} = ?")
                params.append(val)
        where = " AND ".join(conds) or "1"
        rows = self._p.conn.execute(
            f"SELECT id, at, action, target, target_id, article_id, old, new FROM audit WHERE {where} "
            "ORDER BY id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], loads(r[6]), loads(r[7])) for r in rows]

    def count(self) -> int:
        return int(self._p.conn.execute("SELECT count(*) FROM audit").fetchone()[0])
