"""Import and re-extraction runners: read, de-duplicate, extract (on a process pool) and write in order.

Reading and duplicate checks happen in the producer, extraction (plus hashing, MinHash and the
search text) in worker processes, and every write in the calling thread through the project's one
connection, one transaction per article, so a killed process loses at most the article in flight.
Both runners stream (a bounded number of articles in flight), honour a cancel `threading.Event`
or a progress callback returning False, and report each failure with a one-sentence reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing as mp
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.document import Document, normalize_newlines
from desktop.errors import ProjectError, ResourceError
from desktop.importing import ImportFailure, RawArticle, count_records, read_paths
from desktop.importing.dedupe import THRESHOLD, band_hashes, content_hash, signature, similarity
from desktop.store.entities import replace_machine_entities
from desktop.store.incidents import replace_machine_incidents
from desktop.store.search import index_article, search_text

if TYPE_CHECKING:
    from desktop.store.project import Project

log = logging.getLogger(__name__)

Extractor = Callable[[Document], Document]
IN_FLIGHT = 64  # articles read ahead of the writer at most
POOL_THRESHOLD = 200  # batches at least this large use a process pool


@dataclass
class ImportProgress:
    """Progress of an import or re-extraction, passed to the callback after every item."""

    done: int = 0
    total: int | None = None
    current: str = ""
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    near_duplicates: int = 0


ProgressCallback = Callable[[ImportProgress], "bool | None"]


@dataclass
class ImportReport:
    """What an import (or re-extraction) did: counts and, per problem, the item and a reason."""

    imported: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["skipped"] = [{"name": n, "reason": r} for n, r in self.skipped]
        out["failed"] = [{"name": n, "reason": r} for n, r in self.failed]
        out["near_duplicates"] = [{"name": n, "of": o, "similarity": s} for n, o, s in self.near_duplicates]
        return out


# --- worker side ----------------------------------------------------------------------------------

_extractor: Extractor | None = None


def _init_worker(extractor: Extractor | None) -> None:
    global _extractor
    _extractor = extractor
    try:
        from desktop.text.normalize import warm_up

        warm_up()
    except Exception:  # pragma: no cover - warm-up is only an optimization
        log.debug("warm-up failed", exc_info=True)


def _extract(doc: Document) -> Document:
    if _extractor is not None:
        return _extractor(doc)
    from desktop import pipeline  # looked up at call time: the pipeline may have gained components

    return pipeline.extract(doc)


def prepare(job: tuple[str, Any]) -> tuple[str, Any]:
    """Worker: extraction, MinHash and search text of one article; other items pass through."""
    kind, payload = job
    if kind != "article":
        return job
    try:
        date = payload.get("date")
        doc = Document(
            text=payload["text"],
            id=payload["external_id"],
            title=payload.get("title", ""),
            date=dt.date.fromisoformat(date) if date else None,  # relative dates resolve against it
            source=payload.get("source", ""),
            url=payload.get("url", ""),
        )
        out = _extract(doc).to_json()
        payload["entities"] = out["entities"]
        payload["incidents"] = out["incidents"]
        payload["fts"] = search_text(payload.get("title", ""), payload["text"])
        if payload.get("need_minhash"):
            payload["minhash"] = signature(payload["text"])
        return ("article", payload)
    except ResourceError as exc:  # a missing model fails every article: stop the whole run
        return ("fatal", str(exc))
    except Exception as exc:  # one bad article must not stop the batch
        log.debug("extraction failed for %s", payload.get("name"), exc_info=True)
        return (
            "fail",
            (payload.get("name", "?"), f"internal error during extraction ({type(exc).__name__}: {exc})."),
        )


class _Stream:
    """Runs `prepare` over jobs in order, in this process or on a pool, with bounded read-ahead."""

    def __init__(self, jobs: int, extractor: Extractor | None, stop: threading.Event) -> None:
        self.jobs = jobs
        self.extractor = extractor
        self.stop = stop
        self.slots = threading.Semaphore(IN_FLIGHT)
        self.closing = threading.Event()

    def run(self, items: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
        if self.jobs <= 1:
            _init_worker(self.extractor)
            try:
                for item in items:
                    if self.stop.is_set():
                        return
                    yield _checked(prepare(item))
            finally:
                _init_worker(None)
            return
        ctx = mp.get_context("spawn")
        with ctx.Pool(self.jobs, initializer=_init_worker, initargs=(self.extractor,)) as pool:
            try:
                for result in pool.imap(prepare, self._bounded(items), chunksize=2):
                    self.slots.release()
                    yield _checked(result)
                    if self.stop.is_set():
                        return
            finally:
                # Unblock the producer (it runs in the pool's task thread) before the pool is torn down.
                self.closing.set()

    def _bounded(self, items: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
        for item in items:
            while not self.slots.acquire(timeout=0.1):
                if self.stop.is_set() or self.closing.is_set():
                    return
            if self.stop.is_set() or self.closing.is_set():
                return
            yield item


def _checked(result: tuple[str, Any]) -> tuple[str, Any]:
    if result[0] == "fatal":
        raise ResourceError(str(result[1]))
    return result


def _auto_jobs(jobs: int, total: int | None) -> int:
    if jobs > 0:
        return jobs
    cores = os.cpu_count() or 1
    if cores > 1 and (total is None or total >= POOL_THRESHOLD):
        return min(cores, 4)
    return 1


# --- import ---------------------------------------------------------------------------------------


def import_paths(
    project: Project,
    paths: Sequence[str | Path],
    defaults: dict[str, str] | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    jobs: int = 0,
    extractor: Extractor | None = None,
) -> ImportReport:
    """Import files and folders into `project`; returns the report (never raises for one bad item).

    `defaults` supplies `title`, `date`, `source` and `url` where a file has none. Raises a
    ProjectError only when the project itself cannot be written (full disk, read-only), after
    rolling back the article in flight.
    """
    started = time.monotonic()
    defaults = {k: v for k, v in (defaults or {}).items() if v}
    stop = cancel or threading.Event()
    conn = project.conn
    hashes = {r[0] for r in conn.execute("SELECT content_hash FROM articles")}
    ids = {r[0] for r in conn.execute("SELECT external_id FROM articles")}
    total = count_records(paths)
    state = ImportProgress(total=total)
    report = ImportReport()
    by_hash: dict[str, str] = {}  # hash -> name of the item that brought it in this run

    def jobs_iter() -> Iterator[tuple[str, Any]]:
        for item in read_paths(paths):
            if stop.is_set():
                return
            if isinstance(item, ImportFailure):
                yield ("fail", (item.name, item.reason))
                continue
            yield _article_job(item, defaults, hashes, ids, by_hash)

    def write(kind: str, payload: Any) -> str:
        if kind == "skip":
            report.skipped.append(payload)
            state.skipped += 1
            skipped: str = payload[0]
            return skipped
        name: str = payload["name"]
        outcome = _write_article(project, payload)
        if outcome is None:
            report.imported += 1
            state.imported += 1
            if payload.get("near_dup"):
                report.near_duplicates.append((name, *payload["near_dup"]))
                state.near_duplicates += 1
        else:
            report.skipped.append((name, outcome))
            state.skipped += 1
        return name

    stream = _Stream(_auto_jobs(jobs, total), extractor, stop)
    report = _drain(stream, jobs_iter(), write, state, report, progress, stop, started)
    tidy(project, report.imported)
    return report


def _drain(
    stream: _Stream,
    items: Iterable[tuple[str, Any]],
    write: Callable[[str, Any], str],
    state: ImportProgress,
    report: ImportReport,
    progress: ProgressCallback | None,
    stop: threading.Event,
    started: float,
) -> ImportReport:
    """Run `items` through `stream` and record each result; `write` stores one that did not fail.

    A failure (`("fail", (name, reason))`) is counted and reported here; any other result goes to
    `write(kind, payload)`, which counts it and returns the item's name. After each item the
    progress callback is told; returning False from it (or setting `stop`) ends the run.
    """
    try:
        for kind, payload in stream.run(items):
            if kind == "fail":
                report.failed.append(payload)
                state.failed += 1
                name = payload[0]
            else:
                name = write(kind, payload)
            state.done += 1
            state.current = name
            if progress is not None and progress(state) is False:
                stop.set()
            if stop.is_set():
                break
    finally:
        report.cancelled = stop.is_set()
        report.seconds = time.monotonic() - started
    return report


# After this many articles written in one run, the search index is merged and the WAL folded back.
_TIDY_AFTER = 500


def tidy(project: Project, written: int) -> None:
    """Make a large import or re-extraction fast to search at once: merge the FTS5 segments that
    thousands of single-article transactions leave, and checkpoint the write-ahead log (a 400 MB WAL
    made the first searches after a full-corpus import ten times slower)."""
    if written < _TIDY_AFTER:
        return
    try:
        with project.transaction():
            project.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        project.conn.execute("PRAGMA optimize")
    except sqlite3.Error:  # only an optimization: a busy or read-only file keeps what it has
        log.debug("tidying the project after a large run failed", exc_info=True)


def _article_job(
    item: RawArticle, defaults: dict[str, str], hashes: set[str], ids: set[str], by_hash: dict[str, str]
) -> tuple[str, Any]:
    text = normalize_newlines(item.text).strip()
    if not text:
        return ("fail", (item.name, "the article has no text."))
    digest = content_hash(text)
    if digest in hashes:
        first = by_hash.get(digest)
        why = f"same text as {first}" if first else "same text as an article already in the project"
        return ("skip", (item.name, f"exact duplicate ({why})."))
    ext_id = item.external_id
    if ext_id in ids:
        if not item.derived_id:
            return (
                "fail",
                (item.name, f"an article with id {ext_id!r} but a different text is already in the project."),
            )
        n = 2
        while f"{ext_id}~{n}" in ids:
            n += 1
        ext_id = f"{ext_id}~{n}"
    hashes.add(digest)
    ids.add(ext_id)
    by_hash[digest] = item.name
    return (
        "article",
        {
            "name": item.name,
            "external_id": ext_id,
            "text": text,
            "hash": digest,
            "title": item.title or defaults.get("title", ""),
            "date": item.date or defaults.get("date") or None,
            "source": item.source or defaults.get("source", ""),
            "url": item.url or defaults.get("url", ""),
            "import_file": item.import_file,
            "need_minhash": True,
        },
    )


def _write_article(project: Project, p: dict[str, Any]) -> str | None:
    """Write one prepared article in its own transaction; returns a skip reason or None."""
    sig: bytes | None = p.get("minhash")
    try:
        with project.transaction() as conn:
            aid = project.articles.insert(
                conn,
                external_id=p["external_id"],
                text=p["text"],
                content_hash=p["hash"],
                title=p["title"],
                date=p["date"],
                source=p["source"],
                url=p["url"],
                import_file=p["import_file"],
                minhash=sig,
            )
            if sig is not None:
                _near_duplicate(conn, aid, sig, p)
            replace_machine_entities(conn, aid, p["text"], p["entities"])
            replace_machine_incidents(conn, aid, p["incidents"])
            index_article(conn, aid, p["fts"])
            conn.execute("UPDATE articles SET extracted_at = datetime('now') WHERE id = ?", (aid,))
    except ProjectError as exc:
        if isinstance(exc.__cause__, sqlite3.IntegrityError):
            return "exact duplicate of an article already in the project."
        raise
    return None


def _near_duplicate(conn: sqlite3.Connection, aid: int, sig: bytes, p: dict[str, Any]) -> None:
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
    if best is not None:
        conn.execute(
            "UPDATE articles SET near_dup_of = ?, near_dup_score = ? WHERE id = ?", (best[1], best[0], aid)
        )
        p["near_dup"] = (best[2], best[0])
    conn.executemany(
        "INSERT OR IGNORE INTO article_bands (band, hash, article_id) VALUES (?, ?, ?)",
        [(b, h, aid) for b, h in bands],
    )


# --- re-extraction --------------------------------------------------------------------------------


def reextract(
    project: Project,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    jobs: int = 0,
    extractor: Extractor | None = None,
) -> ImportReport:
    """Run the current pipeline on every article again, replacing machine output only.

    Accepted, edited, rejected and analyst-created entities and incidents stay; analyst field values
    stay; matched machine incidents get fresh machine values. The search index is rebuilt too.
    """
    started = time.monotonic()
    stop = cancel or threading.Event()
    ids = project.articles.ids()
    state = ImportProgress(total=len(ids))
    report = ImportReport()
    uri = project.path.resolve().as_uri() + "?mode=ro"

    def jobs_iter() -> Iterator[tuple[str, Any]]:
        reader = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            for aid in ids:
                if stop.is_set():
                    return
                row = reader.execute(
                    "SELECT external_id, title, text, date, source, url FROM articles WHERE id = ?", (aid,)
                ).fetchone()
                if row is None:
                    continue
                yield (
                    "article",
                    {
                        "id": aid,
                        "name": row[0],
                        "external_id": row[0],
                        "title": row[1],
                        "text": row[2],
                        "date": row[3],
                        "source": row[4],
                        "url": row[5],
                    },
                )
        finally:
            reader.close()

    def write(_kind: str, payload: Any) -> str:
        with project.transaction() as conn:
            aid = payload["id"]
            replace_machine_entities(conn, aid, payload["text"], payload["entities"])
            replace_machine_incidents(conn, aid, payload["incidents"])
            index_article(conn, aid, payload["fts"])
            conn.execute("UPDATE articles SET extracted_at = datetime('now') WHERE id = ?", (aid,))
        report.imported += 1
        state.imported += 1
        name: str = payload["name"]
        return name

    stream = _Stream(_auto_jobs(jobs, len(ids)), extractor, stop)
    report = _drain(stream, jobs_iter(), write, state, report, progress, stop, started)
    tidy(project, report.imported)
    return report
