"""Articles: stored text and metadata, paginated listing and the structured filters shared with search."""

from __future__ import annotations

import builtins
import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from desktop.errors import InputError, NotFoundError
from desktop.store.common import STATUSES, ProjectLike, now
from desktop.text.normalize import normalize_word


@dataclass(frozen=True)
class Article:
    """One stored article (text with `\\n` line endings; offsets of annotations point into it)."""

    id: int
    external_id: str
    title: str
    date: str | None
    source: str
    url: str
    import_file: str
    text: str
    content_hash: str
    near_dup_of: int | None
    near_dup_score: float | None
    imported_at: str
    extracted_at: str | None


@dataclass(frozen=True)
class ArticleSummary:
    """A row of the article list (no text): what the GUI shows lazily for 31,000 articles."""

    id: int
    external_id: str
    title: str
    date: str | None
    source: str
    near_dup_of: int | None
    incidents: int
    entities: int


@dataclass
class ArticleFilter:
    """Structured filters; every set field must hold (AND). Names are matched after normalization.

    `entity` matches an entity's text, canonical id or canonical name; `actor` an incident's actor1/
    actor2; `place` a LOC entity or an incident's location/admin1/country; `status` articles having an
    entity or incident with that review status; `date_from`/`date_to` are ISO dates, inclusive.
    """

    entity: str | None = None
    actor: str | None = None
    place: str | None = None
    event_type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    tag: str | None = None
    status: str | None = None
    has_incidents: bool | None = None
    source: str | None = None
    near_duplicates: bool | None = None
    ids: list[int] | None = field(default=None)

    def where(self, alias: str = "a") -> tuple[str, list[Any]]:
        """An SQL condition over `articles AS alias` and its parameters ("1" when empty)."""
        conds: list[str] = []
        params: list[Any] = []
        a = alias
        if self.entity:
            key = self.entity.strip()
            conds.append(
                f"EXISTS (SELECT 1 FROM entities e WHERE e.article_id = {a}.id AND e.status != 'rejected' "
                "AND (e.norm = ? OR e.canonical_id = ? OR e.canonical_name = ?))"
            )
            params += [normalize_word(key), key, key]
        if self.actor:
            key = self.actor.strip()
            conds.append(_incident_field_exists(a, ("actor1", "actor2")))
            params += [_json_str(key), _json_str(normalize_word(key))]
        if self.place:
            key = self.place.strip()
            conds.append(
                f"(EXISTS (SELECT 1 FROM entities e WHERE e.article_id = {a}.id AND e.type = 'LOC' "
                "AND e.status != 'rejected' AND (e.norm = ? OR e.canonical_id = ? OR e.canonical_name = ?)) "
                f"OR {_incident_field_exists(a, ('location', 'admin1', 'country'))})"
            )
            params += [normalize_word(key), key, key, _json_str(key), _json_str(normalize_word(key))]
        if self.event_type:
            conds.append(_incident_field_exists(a, ("event_type", "sub_event_type"), single=True))
            params.append(_json_str(self.event_type.strip()))
        if self.date_from:
            conds.append(f"{a}.date >= ?")
            params.append(_iso(self.date_from))
        if self.date_to:
            conds.append(f"{a}.date <= ?")
            params.append(_iso(self.date_to))
        if self.tag:
            conds.append(
                f"EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id "
                f"WHERE at.article_id = {a}.id AND t.name = ?)"
            )
            params.append(self.tag.strip())
        if self.status:
            if self.status not in STATUSES:
                raise InputError(f"Unknown review status {self.status!r}; use one of {', '.join(STATUSES)}.")
            conds.append(
                f"(EXISTS (SELECT 1 FROM incidents i WHERE i.article_id = {a}.id AND i.status = ?) "
                f"OR EXISTS (SELECT 1 FROM entities e WHERE e.article_id = {a}.id AND e.status = ?))"
            )
            params += [self.status, self.status]
        if self.has_incidents is not None:
            sub = f"EXISTS (SELECT 1 FROM incidents i WHERE i.article_id = {a}.id AND i.status != 'rejected')"
            conds.append(sub if self.has_incidents else f"NOT {sub}")
        if self.source:
            conds.append(f"{a}.source = ?")
            params.append(self.source.strip())
        if self.near_duplicates is not None:
            conds.append(f"{a}.near_dup_of IS {'NOT ' if self.near_duplicates else ''}NULL")
        if self.ids is not None:
            conds.append(f"{a}.id IN ({','.join('?' * len(self.ids))})")
            params += list(self.ids)
        return (" AND ".join(conds) or "1"), params


def _json_str(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _incident_field_exists(a: str, names: tuple[str, ...], single: bool = False) -> str:
    placeholders = ",".join(f"'{n}'" for n in names)
    values = "f.value = ?" if single else "(f.value = ? OR f.value = ?)"
    return (
        f"EXISTS (SELECT 1 FROM incidents i JOIN incident_fields f ON f.incident_id = i.id "
        f"WHERE i.article_id = {a}.id AND i.status != 'rejected' AND f.name IN ({placeholders}) AND {values})"
    )


def _iso(value: str) -> str:
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError as exc:
        raise InputError(f"Bad date {value!r}: expected YYYY-MM-DD.") from exc


ORDERS = {
    "date": "a.date IS NULL, a.date, a.id",
    "-date": "a.date IS NULL, a.date DESC, a.id DESC",
    "id": "a.id",
    "-id": "a.id DESC",
    "title": "a.title, a.id",
    "source": "a.source, a.id",
}


class ArticleManager:
    """Articles of a project: lookup, paginated listing and counting with `ArticleFilter`s."""

    def __init__(self, project: ProjectLike) -> None:
        self._p = project

    def get(self, article_id: int) -> Article:
        row = self._p.conn.execute(
            "SELECT id, external_id, title, date, source, url, import_file, text, content_hash, near_dup_of, "
            "near_dup_score, imported_at, extracted_at FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no article {article_id} in this project.")
        return Article(*row)

    def by_external_id(self, external_id: str) -> Article:
        row = self._p.conn.execute("SELECT id FROM articles WHERE external_id = ?", (external_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no article with id {external_id!r} in this project.")
        return self.get(int(row[0]))

    def list(
        self, offset: int = 0, limit: int = 100, order_by: str = "-date", filters: ArticleFilter | None = None
    ) -> builtins.list[ArticleSummary]:
        """One page of article summaries (`order_by`: date, -date, id, -id, title, source)."""
        if order_by not in ORDERS:
            raise InputError(f"Cannot sort articles by {order_by!r}; use one of {', '.join(ORDERS)}.")
        where, params = (filters or ArticleFilter()).where("a")
        conn = self._p.conn
        # Page the ids first, then summarize only that page (counts per article are subqueries).
        ids = [
            r[0]
            for r in conn.execute(
                f"SELECT a.id FROM articles a WHERE {where} ORDER BY {ORDERS[order_by]} LIMIT ? OFFSET ?",
                [*params, max(0, limit), max(0, offset)],
            )
        ]
        if not ids:
            return []
        rows = {
            r[0]: r
            for r in conn.execute(
                "SELECT a.id, a.external_id, a.title, a.date, a.source, a.near_dup_of, "
                "(SELECT count(*) FROM incidents i WHERE i.article_id = a.id AND i.status != 'rejected'), "
                "(SELECT count(*) FROM entities e WHERE e.article_id = a.id AND e.status != 'rejected') "
                f"FROM articles a WHERE a.id IN ({','.join('?' * len(ids))})",
                ids,
            )
        }
        return [ArticleSummary(*rows[i]) for i in ids]

    def count(self, filters: ArticleFilter | None = None) -> int:
        where, params = (filters or ArticleFilter()).where("a")
        return int(
            self._p.conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]
        )

    def ids(self) -> builtins.list[int]:
        return [int(r[0]) for r in self._p.conn.execute("SELECT id FROM articles ORDER BY id")]

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        external_id: str,
        text: str,
        content_hash: str,
        title: str = "",
        date: str | None = None,
        source: str = "",
        url: str = "",
        import_file: str = "",
        minhash: bytes | None = None,
    ) -> int:
        """Insert one article inside the caller's transaction (used by the importer); returns its id."""
        cur = conn.execute(
            "INSERT INTO articles (external_id, title, date, source, url, import_file, text, content_hash, "
            "minhash, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (external_id, title, date, source, url, import_file, text, content_hash, minhash, now()),
        )
        return int(cur.lastrowid or 0)

    def delete(self, article_id: int) -> None:
        """Remove an article and everything attached to it (audited)."""
        article = self.get(article_id)
        with self._p.transaction() as conn:
            from desktop.store.search import unindex_article

            unindex_article(conn, article_id)
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            from desktop.store.audit import record

            record(
                conn,
                "delete",
                "article",
                article_id,
                article_id,
                {"external_id": article.external_id, "title": article.title},
                None,
            )
