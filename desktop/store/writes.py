"""The one path that writes an article with its annotations: import, re-extraction, dumps, demos.

`add_article` stores a new article and what extraction found in it (entities, incidents, search
text, near-duplicate link) in one transaction; `replace_extraction` swaps an article's machine
annotations for fresh ones, keeping the analyst's work; `restore_article` stores an article of a
project dump with its reviewed annotations. Both take typed records
(`desktop.records`); neither runs any NLP: the extraction is done before, by `desktop.ingest`.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.importing.dedupe import THRESHOLD, band_hashes, similarity
from desktop.records import EntityRecord, IncidentRecord
from desktop.store.common import now
from desktop.store.entities import insert_entity, replace_machine_entities
from desktop.store.incidents import replace_machine_incidents, restore_incident
from desktop.store.search import index_article, search_text

if TYPE_CHECKING:
    from desktop.store.project import Project

log = logging.getLogger(__name__)


@dataclass(slots=True)
class NewArticle:
    """An article to store: its text (newlines normalized) and metadata."""

    external_id: str
    text: str
    content_hash: str
    title: str = ""
    date: str | None = None
    source: str = ""
    url: str = ""
    import_file: str = ""
    minhash: bytes | None = None  # MinHash signature, for near-duplicate detection


@dataclass(slots=True)
class Extraction:
    """What extraction found in one article; `search_text` when a worker already derived it."""

    entities: list[EntityRecord] = field(default_factory=list)
    incidents: list[IncidentRecord] = field(default_factory=list)
    search_text: tuple[str, str] | None = None  # (full, base) columns of the search index


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """The most similar article already stored (MinHash Jaccard estimate at least `THRESHOLD`)."""

    external_id: str
    similarity: float


def add_article(
    project: Project, article: NewArticle, extraction: Extraction, index: bool = True
) -> tuple[int, NearDuplicate | None]:
    """Store a new article with its machine annotations in one transaction; returns its id and the
    near-duplicate it was linked to (when its MinHash is given and one is found). `index=False`
    leaves the article out of the search index (large demonstration projects).

    Raises ProjectError (caused by sqlite3.IntegrityError) for an external id or text already stored.
    """
    with project.transaction() as conn:
        aid = _insert(project, conn, article)
        near = _near_duplicate(conn, aid, article.minhash) if article.minhash is not None else None
        _write(conn, aid, article.title, article.text, extraction, index)
    return aid, near


@dataclass(frozen=True, slots=True)
class ReviewedEntity:
    """An entity with its origin (`auto`, `analyst`) and review status, as a project dump holds it."""

    record: EntityRecord
    origin: str
    status: str


def restore_article(
    project: Project,
    article: NewArticle,
    entities: list[ReviewedEntity],
    incidents: list[dict[str, Any]],
    tags: list[str],
    note: str,
    reviewed: bool = False,
) -> int:
    """Store an article of a project dump with its reviewed entities, its incidents (the dump's form,
    see `desktop.store.incidents.restore_incident`), tags and note, in one transaction; `reviewed`
    marks the article reviewed (its annotations are then training data, `desktop.learning`)."""
    with project.transaction() as conn:
        aid = _insert(project, conn, article)
        if reviewed:
            conn.execute("INSERT INTO article_reviews (article_id, reviewed_at) VALUES (?, ?)", (aid, now()))
        for e in entities:
            r = e.record
            insert_entity(conn, aid, article.text, r.start, r.end, r.type, dict(r.attrs), e.origin, e.status)
        for inc in incidents:
            restore_incident(conn, aid, inc)
        index_article(conn, aid, search_text(article.title, article.text))
        if tags:
            project.tags.set(aid, tags)
        if note:
            project.notes.set(aid, note)
    return aid


def replace_extraction(project: Project, article_id: int, extraction: Extraction) -> None:
    """Swap an article's unreviewed machine annotations for `extraction` (one transaction)."""
    with project.transaction() as conn:
        row = conn.execute("SELECT title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return  # deleted meanwhile: nothing to refresh
        _write(conn, article_id, str(row[0]), str(row[1]), extraction)


def _insert(project: Project, conn: sqlite3.Connection, article: NewArticle) -> int:
    return project.articles.insert(
        conn,
        external_id=article.external_id,
        text=article.text,
        content_hash=article.content_hash,
        title=article.title,
        date=article.date,
        source=article.source,
        url=article.url,
        import_file=article.import_file,
        minhash=article.minhash,
    )


def _write(
    conn: sqlite3.Connection, aid: int, title: str, text: str, extraction: Extraction, index: bool = True
) -> None:
    replace_machine_entities(conn, aid, text, extraction.entities)
    replace_machine_incidents(conn, aid, extraction.incidents)
    if index:
        fts = extraction.search_text if extraction.search_text is not None else search_text(title, text)
        index_article(conn, aid, fts)
    conn.execute("UPDATE articles SET extracted_at = datetime('now') WHERE id = ?", (aid,))


def _near_duplicate(conn: sqlite3.Connection, aid: int, sig: bytes) -> NearDuplicate | None:
    bands = band_hashes(sig)
    candidates: set[int] = set()
    for band, h in bands:
        for row in conn.execute(
            "SELECT article_id FROM article_bands WHERE band = ? AND hash = ? LIMIT 50", (band, h)
        ):
            candidates.add(row[0])
    best: tuple[float, int, str] | None = None
    for cid in sorted(candidates):
        row = conn.execute("SELECT minhash, external_id FROM articles WHERE id = ?", (cid,)).fetchone()
        if row is None or row[0] is None:
            continue
        s = similarity(sig, row[0])
        if s >= THRESHOLD and (best is None or s > best[0]):
            best = (s, cid, row[1])
    conn.executemany(
        "INSERT OR IGNORE INTO article_bands (band, hash, article_id) VALUES (?, ?, ?)",
        [(b, h, aid) for b, h in bands],
    )
    if best is None:
        return None
    conn.execute(
        "UPDATE articles SET near_dup_of = ?, near_dup_score = ? WHERE id = ?", (best[1], best[0], aid)
    )
    return NearDuplicate(best[2], best[0])


# After this many articles written in one run, the search index is merged and the WAL folded back.
TIDY_AFTER = 500


def tidy(project: Project, written: int) -> None:
    """Make a large import or re-extraction fast to search at once: merge the FTS5 segments that
    thousands of single-article transactions leave, and checkpoint the write-ahead log (a 400 MB WAL
    made the first searches after a full-corpus import ten times slower)."""
    if written < TIDY_AFTER:
        return
    try:
        with project.transaction():
            project.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        project.conn.execute("PRAGMA optimize")
    except sqlite3.Error:  # only an optimization: a busy or read-only file keeps what it has
        log.debug("tidying the project after a large run failed", exc_info=True)
