"""Analyst tags and notes on articles (every change audited)."""

from __future__ import annotations

from collections.abc import Iterable

from desktop.errors import InputError
from desktop.store.audit import record
from desktop.store.common import ProjectLike, now


class TagManager:
    """Free-form tags on articles: `set(article_id, tags)` replaces an article's tags."""

    def __init__(self, project: ProjectLike) -> None:
        self._p = project

    def of(self, article_id: int) -> list[str]:
        rows = self._p.conn.execute(
            "SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? "
            "ORDER BY t.name",
            (article_id,),
        ).fetchall()
        return [r[0] for r in rows]

    def of_many(self, article_ids: Iterable[int]) -> dict[int, list[str]]:
        """The tags of several articles in one query (articles without tags are left out)."""
        ids = list(article_ids)
        out: dict[int, list[str]] = {}
        if not ids:
            return out
        rows = self._p.conn.execute(
            "SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id "
            f"WHERE at.article_id IN ({','.join('?' * len(ids))}) ORDER BY t.name",
            ids,
        ).fetchall()
        for article_id, name in rows:
            out.setdefault(int(article_id), []).append(str(name))
        return out

    def all(self) -> list[tuple[str, int]]:
        """Every tag with the number of articles carrying it."""
        rows = self._p.conn.execute(
            "SELECT t.name, count(at.article_id) FROM tags t LEFT JOIN article_tags at ON at.tag_id = t.id "
            "GROUP BY t.id ORDER BY t.name"
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def set(self, article_id: int, tags: Iterable[str]) -> list[str]:
        new = sorted({t.strip() for t in tags if t.strip()})
        old = self.of(article_id)
        if new == old:
            return new
        with self._p.transaction() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                raise InputError(f"There is no article {article_id} to tag.")
            conn.execute("DELETE FROM article_tags WHERE article_id = ?", (article_id,))
            for name in new:
                conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
                conn.execute(
                    "INSERT INTO article_tags (article_id, tag_id) SELECT ?, id FROM tags WHERE name = ?",
                    (article_id, name),
                )
            record(conn, "set", "tags", article_id, article_id, old, new)
        return new

    def add(self, article_id: int, tag: str) -> list[str]:
        return self.set(article_id, [*self.of(article_id), tag])

    def remove(self, article_id: int, tag: str) -> list[str]:
        return self.set(article_id, [t for t in self.of(article_id) if t != tag.strip()])


class NoteManager:
    """One free-text note per article; setting an empty note removes it."""

    def __init__(self, project: ProjectLike) -> None:
        self._p = project

    def get(self, article_id: int) -> str:
        row = self._p.conn.execute("SELECT body FROM notes WHERE article_id = ?", (article_id,)).fetchone()
        return str(row[0]) if row else ""

    def set(self, article_id: int, body: str) -> None:
        old = self.get(article_id)
        if body == old:
            return
        with self._p.transaction() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                raise InputError(f"There is no article {article_id} to annotate.")
            if body.strip():
                conn.execute(
                    "INSERT INTO notes (article_id, body, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(article_id) DO UPDATE SET body = excluded.body, updated_at = "
                    "excluded.updated_at",
                    (article_id, body, now()),
                )
            else:
                conn.execute("DELETE FROM notes WHERE article_id = ?", (article_id,))
            record(conn, "set", "note", article_id, article_id, old or None, body or None)
