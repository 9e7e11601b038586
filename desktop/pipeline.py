"""The extraction pipeline: small named components that each add annotations to a `Document`.

Components can be listed, disabled and run alone (like spaCy's `Language.pipeline`). `pipe` yields
results in input order and spreads the work over processes when asked to.
"""

from __future__ import annotations

import collections
import datetime as dt
import importlib
import itertools
import logging
import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from desktop.document import Document
from desktop.errors import RasidError

log = logging.getLogger(__name__)


class WorkerError(RasidError):
    """A worker process of the pool died (killed, out of memory): the run stops, what was written stays."""

ComponentFunc = Callable[[Document], Document]
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Component:
    """A named pipeline step; `target` is `module:function`, imported on first use."""

    name: str
    target: str
    description: str

    def load(self) -> ComponentFunc:
        module, _, func = self.target.partition(":")
        loaded: ComponentFunc = getattr(importlib.import_module(module), func)
        return loaded


# In order; each may rely on the layers filled by those before it.
COMPONENTS: tuple[Component, ...] = (
    Component("tokens", "desktop.text.tokens:tokenize_document", "word tokens"),
    Component("clitics", "desktop.text.segment:segment_document", "proclitic sub-spans on tokens"),
    Component("sentences", "desktop.text.sentences:split_document", "sentences and clauses"),
    Component("dates", "desktop.text.annotate:dates_component", "DATE spans resolved to ISO dates"),
    Component("numbers", "desktop.text.annotate:numbers_component", "NUM spans with values and qualifiers"),
    Component(
        "entities", "desktop.nlp.entities:entities_component", "PER/ORG/LOC/WEAPON from model and gazetteers"
    ),
    Component("incidents", "desktop.events.incidents:incidents_component", "ACLED incidents with evidence"),
)


class Pipeline:
    """An ordered list of components applied to each document.

    `replaced` swaps the function of named components (a project's own entity recognizer, say)
    while keeping their place in the order.
    """

    def __init__(
        self,
        components: Iterable[Component] = COMPONENTS,
        disabled: Iterable[str] = (),
        replaced: dict[str, ComponentFunc] | None = None,
    ) -> None:
        self.components = [c for c in components if c.name not in set(disabled)]
        self.replaced = dict(replaced or {})
        self._funcs: list[ComponentFunc] | None = None

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def without(self, *names: str) -> Pipeline:
        """A copy of this pipeline with the named components disabled."""
        unknown = set(names) - set(self.names)
        if unknown:
            raise ValueError(f"no such pipeline components: {', '.join(sorted(unknown))}")
        return Pipeline(self.components, disabled=names, replaced=self.replaced)

    def _loaded(self) -> list[ComponentFunc]:
        if self._funcs is None:
            self._funcs = [self.replaced.get(c.name) or c.load() for c in self.components]
        return self._funcs

    def __call__(self, doc: Document) -> Document:
        for func in self._loaded():
            doc = func(doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The full pipeline, shared within a process."""
    return Pipeline()


def extract(doc: Document) -> Document:
    """Run the full pipeline on one document."""
    return default_pipeline()(doc)


Record = dict[str, Any]


def document_from_record(record: Record) -> Document:
    """A `Document` from an input record (`id`, `text`, optional `date`, `title`, `source`, `url`)."""
    date = record.get("date")
    return Document.from_text(
        record["text"],
        id=str(record.get("id", "")),
        title=str(record.get("title") or ""),
        date=dt.date.fromisoformat(date[:10]) if date else None,
        source=str(record.get("source") or ""),
        url=str(record.get("url") or ""),
    )


def extract_record(record: Record) -> Record:
    """Extraction of one validated input record to its output record (the CLI contract)."""
    return extract(document_from_record(record)).to_json()


def explain_record(record: Record) -> Record:
    """`extract_record` plus `trace`: every incident candidate with the rules that fired on it and
    its outcome (kept, or `dropped_by` a rule id), for `rasid explain` and the regression harness."""
    doc = extract(document_from_record(record))
    out = doc.to_json()
    out["trace"] = doc.trace.to_json() if doc.trace is not None else []
    return out


# The extractor of this process while `map_ordered` runs (None: the default pipeline).
_extractor: ComponentFunc | None = None


def _worker_init(extractor: ComponentFunc | None = None, parent: int | None = None) -> None:
    global _extractor
    _extractor = extractor
    # Ctrl+C reaches the whole process group: the parent decides, a worker must not print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
    from desktop.text.normalize import warm_up

    warm_up()
    if extractor is None:
        default_pipeline()._loaded()


PARENT_POLL = 0.5  # seconds between a worker's checks that its parent is alive


def _watch_parent(parent: int) -> None:
    """End this worker when its parent dies (SIGKILL leaves no one to shut the pool down, and a
    worker blocked on its task queue would wait forever: each holds that queue's write end)."""
    while True:
        time.sleep(PARENT_POLL)
        if os.getppid() != parent:
            os._exit(0)


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def worker_extract(doc: Document) -> Document:
    """Extraction inside a function run by `map_ordered`: its `extractor`, else the full pipeline."""
    if _extractor is not None:
        return _extractor(doc)
    return extract(doc)


IN_FLIGHT = 64  # items read ahead of the consumer at most, on a pool
# Worker processes at most, whatever was asked: each holds the models (~50 MB) and more processes
# than cores only add memory (`-j 1000` once started 536 workers and exhausted the machine).
MAX_PROCESSES = 8


def cap_processes(requested: int) -> int:
    """The number of worker processes to start for `requested`: at least 1, at most the machine's
    cores and MAX_PROCESSES."""
    return max(1, min(requested, os.cpu_count() or 1, MAX_PROCESSES))


def map_ordered(
    func: Callable[[T], R],
    items: Iterable[T],
    processes: int = 1,
    chunksize: int = 8,
    extractor: ComponentFunc | None = None,
    stop: threading.Event | None = None,
) -> Iterator[R]:
    """`func` over `items` in input order, on `processes` worker processes when more than one: the
    one worker pool of Rasid (`rasid extract`, import, re-extraction).

    `func` must be a module-level function (it is pickled); inside it `worker_extract` runs
    `extractor` (picklable; None: the full pipeline). At most `IN_FLIGHT` items are read ahead of
    the consumer (in chunks of `chunksize`, read in the consumer's thread); setting `stop` ends the
    run after the item in hand. The pool has `cap_processes(processes)` workers, which ignore SIGINT
    and exit when their parent dies; a worker that dies raises WorkerError (no hang).
    """
    global _extractor
    if processes <= 1:
        previous, _extractor = _extractor, extractor
        try:
            for item in items:
                if stop is not None and stop.is_set():
                    return
                yield func(item)
        finally:
            _extractor = previous
        return
    processes = cap_processes(processes)
    ctx = mp.get_context("spawn")
    pool = ProcessPoolExecutor(
        processes, mp_context=ctx, initializer=_worker_init, initargs=(extractor, os.getpid())
    )
    pending: collections.deque[Future[list[R]]] = collections.deque()
    source = iter(items)
    max_chunks = max(2 * processes, IN_FLIGHT // max(chunksize, 1))
    finished = False
    try:
        exhausted = False
        while True:
            try:
                while not exhausted and len(pending) < max_chunks:
                    stopped = stop is not None and stop.is_set()
                    chunk = [] if stopped else list(itertools.islice(source, chunksize))
                    if not chunk:
                        exhausted = True
                        break
                    pending.append(pool.submit(_run_chunk, func, chunk))
                if not pending:
                    break
                results = pending.popleft().result()
            except BrokenProcessPool as exc:
                raise WorkerError(
                    "An extraction worker process stopped unexpectedly (killed, or out of memory); "
                    "the work finished before it is kept, and running the same command again continues."
                ) from exc
            for result in results:
                yield result
                if stop is not None and stop.is_set():
                    return
        finished = True
    finally:
        _shutdown(pool, graceful=finished)


def _shutdown(pool: ProcessPoolExecutor, graceful: bool) -> None:
    """Close the pool; after a stop, an error or a dead worker, end its workers at once (a worker in
    the middle of a long article would otherwise hold the exit)."""
    if graceful:
        pool.shutdown(wait=True)
        return
    workers = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in workers:
        if proc.is_alive():
            proc.terminate()
    for proc in workers:
        proc.join(timeout=5)
    pool.shutdown(wait=True)


def extract_records(
    records: Iterable[Record],
    processes: int = 1,
    chunksize: int = 8,
    func: Callable[[Record], Record] = extract_record,
) -> Iterator[Record]:
    """`func` (by default `extract_record`) over the records, in input order, using `processes`
    worker processes when more than one. `func` must be a module-level function (it is pickled)."""
    return map_ordered(func, records, processes, chunksize)
