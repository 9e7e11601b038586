"""Import and re-extraction: read, de-duplicate, extract on the pipeline's worker pool, write in order.

Reading and duplicate checks happen in the producer, extraction (plus the MinHash and the search
text) in the functions `map_ordered` runs (worker processes for large batches), and every write in
the calling thread through the project's connection and `desktop.store.writes`, one transaction
per article, so a killed process loses at most the article in flight. Both runners stream (a
bounded number of articles in flight), honour a cancel `threading.Event` or a progress callback
returning False, and report each failure with a one-sentence reason.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from desktop.document import Document, clean_text
from desktop.errors import InputError, ProjectError, ResourceError
from desktop.importing import ImportFailure, RawArticle, count_records, read_paths
from desktop.importing.dedupe import content_hash, signature
from desktop.ingest import parts
from desktop.ingest.report import ImportProgress, ImportReport, ProgressCallback
from desktop.ingest.reviewed import reviewed_annotations
from desktop.pipeline import document_from_record, map_ordered, worker_extract
from desktop.store.project import Project
from desktop.store.search import search_text
from desktop.store.writes import (
    Extraction,
    NewArticle,
    ReviewedEntity,
    add_article,
    replace_extraction,
    restore_article,
    tidy,
)

log = logging.getLogger(__name__)

Extractor = Callable[[Document], Document]
POOL_THRESHOLD = 200  # batches at least this large use a process pool


@dataclass(slots=True)
class ArticleJob:
    """One article to extract: a new one (`article_id` None) or a stored one to re-extract."""

    name: str  # for messages: `file.jsonl:12`, or the external id
    article: NewArticle
    article_id: int | None = None
    extraction: Extraction | None = None  # filled by `prepare`
    # `import --reviewed`: the record's annotations as analyst decisions (no extraction runs).
    reviewed: tuple[list[ReviewedEntity], list[dict[str, Any]]] | None = None


@dataclass(frozen=True, slots=True)
class Failed:
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Skipped:
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Fatal:
    """A failure that fails every article (a missing model): the run stops."""

    reason: str


Item = ArticleJob | Failed | Skipped | Fatal


def project_extractor(project: Project) -> Extractor | None:
    """The pipeline with the project's dictionary of actors and places added to the gazetteers and
    the project's own models in use (`desktop.learning`), or None when the project has neither (the
    plain pipeline then runs)."""
    from desktop.learning.extractor import ProjectExtractor
    from desktop.learning.train import project_models

    entries = project.dictionary.extraction_entries()
    incident_model, entity_model = project_models(project)
    if not entries and incident_model is None and entity_model is None:
        return None
    return ProjectExtractor(entries, incident_model, entity_model)


def prepare(item: Item) -> Item:
    """Worker: extraction, MinHash (new articles) and search text of one article; others pass through."""
    if not isinstance(item, ArticleJob):
        return item
    a = item.article
    if item.reviewed is not None:
        item.extraction = Extraction(search_text=search_text(a.title, a.text))
        a.minhash = signature(a.text)
        return item
    try:
        record = {"id": a.external_id, "text": a.text, "title": a.title, "date": a.date}
        record.update(source=a.source, url=a.url)
        doc = worker_extract(document_from_record(record))  # relative dates resolve against `date`
        item.extraction = Extraction(doc.entity_records(), list(doc.incidents), search_text(a.title, a.text))
        if item.article_id is None:
            a.minhash = signature(a.text)
        return item
    except ResourceError as exc:  # a missing model fails every article: stop the whole run
        return Fatal(str(exc))
    except Exception as exc:  # one bad article must not stop the batch
        log.debug("extraction failed for %s", item.name, exc_info=True)
        return Failed(item.name, f"internal error during extraction ({type(exc).__name__}: {exc}).")


def _auto_jobs(jobs: int, total: int | None) -> int:
    if jobs > 0:
        return jobs
    cores = os.cpu_count() or 1
    if cores > 1 and (total is None or total >= POOL_THRESHOLD):
        return min(cores, 4)
    return 1


def import_paths(
    project: Project,
    paths: Sequence[str | Path],
    defaults: dict[str, str] | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    jobs: int = 0,
    extractor: Extractor | None = None,
    reviewed: bool = False,
) -> ImportReport:
    """Import files and folders into `project`; returns the report (never raises for one bad item).

    With `reviewed`, each record's `entities` and `incidents` (the `rasid extract` output form) are
    stored as the analyst's decisions instead of running extraction, and the article is marked
    reviewed (`desktop.ingest.reviewed`).

    `defaults` supplies `title`, `date`, `source` and `url` where a file has none; `extractor`
    replaces the pipeline (default: the project's, see `project_extractor`). Raises a ProjectError
    only when the project itself cannot be written (full disk, read-only), after rolling back the
    article in flight.
    """
    started = time.monotonic()
    defaults = {k: v for k, v in (defaults or {}).items() if v}
    stop = cancel or threading.Event()
    hashes = {str(r[0]) for r in project.query("SELECT content_hash FROM articles")}
    ids = {str(r[0]) for r in project.query("SELECT external_id FROM articles")}
    total = count_records(paths)
    by_hash: dict[str, str] = {}  # hash -> name of the item that brought it in this run

    def items() -> Iterator[Item]:
        for raw in read_paths(paths):
            if stop.is_set():
                return
            if isinstance(raw, ImportFailure):
                yield Failed(raw.name, raw.reason)
            else:
                yield from _article_jobs(raw, defaults, hashes, ids, by_hash, reviewed)

    def write(job: ArticleJob, report: ImportReport, state: ImportProgress) -> None:
        assert job.extraction is not None
        try:
            if job.reviewed is not None:
                entities, incidents = job.reviewed
                restore_article(project, job.article, entities, incidents, [], "", reviewed=True)
                near = None
            else:
                _aid, near = add_article(project, job.article, job.extraction)
        except ProjectError as exc:
            if not isinstance(exc.__cause__, sqlite3.IntegrityError):
                raise
            report.add_skipped(job.name, "exact duplicate of an article already in the project.")
            state.skipped += 1
            return
        report.imported += 1
        state.imported += 1
        if near is not None:
            report.add_near_duplicate(job.name, near.external_id, near.similarity)
            state.near_duplicates += 1

    chosen = extractor or project_extractor(project)
    report = _drain(items(), write, ImportProgress(total=total), progress, stop, jobs, chosen)
    report.seconds = time.monotonic() - started
    tidy(project, report.imported)
    return report


def reextract(
    project: Project,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    jobs: int = 0,
    extractor: Extractor | None = None,
) -> ImportReport:
    """Run the current pipeline (the project's models where in use) on every article not marked
    reviewed, replacing machine output only.

    Accepted, edited, rejected and analyst-created entities and incidents stay; analyst field values
    stay; matched machine incidents get fresh machine values. The search index is rebuilt too.
    """
    started = time.monotonic()
    stop = cancel or threading.Event()
    done = set(project.reviews.ids())  # reviewed articles are the analyst's: left as they are
    ids = [aid for aid in project.articles.ids() if aid not in done]

    def items() -> Iterator[Item]:
        reader = project.open_reader()  # the producer runs on the pool's feeder thread
        try:
            for aid in ids:
                if stop.is_set():
                    return
                try:
                    a = reader.articles.get(aid)
                except ProjectError:
                    continue  # deleted meanwhile
                article = NewArticle(a.external_id, a.text, "", a.title, a.date, a.source, a.url)
                yield ArticleJob(a.external_id, article, article_id=aid)
        finally:
            reader.close()

    def write(job: ArticleJob, report: ImportReport, state: ImportProgress) -> None:
        assert job.extraction is not None and job.article_id is not None
        replace_extraction(project, job.article_id, job.extraction)
        report.imported += 1
        state.imported += 1

    chosen = extractor or project_extractor(project)
    report = _drain(items(), write, ImportProgress(total=len(ids)), progress, stop, jobs, chosen)
    report.seconds = time.monotonic() - started
    tidy(project, report.imported)
    return report


def _drain(
    items: Iterable[Item],
    write: Callable[[ArticleJob, ImportReport, ImportProgress], None],
    state: ImportProgress,
    progress: ProgressCallback | None,
    stop: threading.Event,
    jobs: int,
    extractor: Extractor | None,
) -> ImportReport:
    """Run `items` through `prepare` on the pipeline's pool and record each result; `write` stores
    an extracted article and counts it. After each item the progress callback is told; returning
    False from it (or setting `stop`) ends the run."""
    report = ImportReport()
    processes = _auto_jobs(jobs, state.total)
    try:
        for item in map_ordered(prepare, items, processes, chunksize=2, extractor=extractor, stop=stop):
            if isinstance(item, Fatal):
                raise ResourceError(item.reason)
            if isinstance(item, Failed):
                report.add_failed(item.name, item.reason)
                state.failed += 1
            elif isinstance(item, Skipped):
                report.add_skipped(item.name, item.reason)
                state.skipped += 1
            else:
                write(item, report, state)
            state.done += 1
            state.current = item.name
            if progress is not None and progress(state) is False:
                stop.set()
            if stop.is_set():
                break
    finally:
        report.cancelled = stop.is_set()
    return report


def _article_jobs(
    raw: RawArticle,
    defaults: dict[str, str],
    hashes: set[str],
    ids: set[str],
    by_hash: dict[str, str],
    reviewed: bool = False,
) -> Iterator[Item]:
    """The job of one raw article, or of each of its parts when it is big (`desktop.ingest.parts`);
    with `reviewed`, its annotations as the analyst's decisions (never split: offsets must hold)."""
    text = clean_text(raw.text).strip()
    if not text:
        yield Failed(raw.name, "the article has no text.")
        return
    refused = parts.too_big(text)
    if refused:
        yield Failed(raw.name, refused)
        return
    if reviewed:
        cleaned = clean_text(raw.text)
        if len(cleaned) != len(raw.text):
            yield Failed(
                raw.name,
                "the text changes length when stored (its line endings), so its annotation offsets would "
                "not fit; give it with \\n line endings.",
            )
            return
        try:  # blanks around the text are not stored: offsets move by the leading ones
            annotations = reviewed_annotations(text, raw.extra, len(cleaned) - len(cleaned.lstrip()))
        except InputError as exc:
            yield Failed(raw.name, str(exc))
            return
        yield _article_job(raw, text, defaults, hashes, ids, by_hash, annotations)
        return
    pieces = parts.split_parts(text)
    if len(pieces) == 1:
        yield _article_job(raw, text, defaults, hashes, ids, by_hash)
        return
    n = len(pieces)
    title = raw.title or defaults.get("title", "")
    for k, piece in enumerate(pieces, 1):
        part = replace(
            raw,
            external_id=parts.part_id(raw.external_id, k, n),
            title=parts.part_title(title, k, n),
            name=f"{raw.name} (part {k} of {n})",
        )
        yield _article_job(part, piece, defaults, hashes, ids, by_hash)


def _article_job(
    raw: RawArticle,
    text: str,
    defaults: dict[str, str],
    hashes: set[str],
    ids: set[str],
    by_hash: dict[str, str],
    annotations: tuple[list[ReviewedEntity], list[dict[str, Any]]] | None = None,
) -> Item:
    digest = content_hash(text)
    if digest in hashes:
        first = by_hash.get(digest)
        why = f"same text as {first}" if first else "same text as an article already in the project"
        return Skipped(raw.name, f"exact duplicate ({why}).")
    ext_id = raw.external_id
    if ext_id in ids:
        if not raw.derived_id:
            return Failed(
                raw.name, f"an article with id {ext_id!r} but a different text is already in the project."
            )
        n = 2
        while f"{ext_id}~{n}" in ids:
            n += 1
        ext_id = f"{ext_id}~{n}"
    hashes.add(digest)
    ids.add(ext_id)
    by_hash[digest] = raw.name
    article = NewArticle(
        external_id=ext_id,
        text=text,
        content_hash=digest,
        title=raw.title or defaults.get("title", ""),
        date=raw.date or defaults.get("date") or None,
        source=raw.source or defaults.get("source", ""),
        url=raw.url or defaults.get("url", ""),
        import_file=raw.import_file,
    )
    return ArticleJob(raw.name, article, reviewed=annotations)
