"""The extraction pipeline: small named components that each add annotations to a `Document`.

Components can be listed, disabled and run alone (like spaCy's `Language.pipeline`). `pipe` yields
results in input order and spreads the work over processes when asked to.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import multiprocessing as mp
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from desktop.document import Document

log = logging.getLogger(__name__)

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


class DictionaryExtractor:
    """The full pipeline with a project's dictionary of actors and places added to the gazetteers.

    Holds only plain data (picklable for worker processes); the gazetteers and recognizer are built
    on first use in each process. `entries` are `desktop.store.dictionary.DictionaryEntry.to_json()`
    dicts: `kind` (actor|place), `key`, `name`, `aliases`, coordinates, `admin1`, `country`,
    `actor_type` (ACLED inter code), `overrides` (a bundled id this entry replaces), `attrs`.
    """

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.entries = entries
        self._pipeline: Pipeline | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"entries": self.entries, "_pipeline": None}

    def __call__(self, doc: Document) -> Document:
        if self._pipeline is None:
            from desktop.nlp.entities import EntityRecognizer
            from desktop.nlp.gazetteer import load_gazetteers, project_entries

            places, actors = project_entries(self.entries)
            recognizer = EntityRecognizer(load_gazetteers().with_overrides(places=places, actors=actors))
            self._pipeline = Pipeline(replaced={"entities": recognizer})
        return self._pipeline(doc)


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


def _worker_init(extractor: ComponentFunc | None = None) -> None:
    global _extractor
    _extractor = extractor
    from desktop.text.normalize import warm_up

    warm_up()
    if extractor is None:
        default_pipeline()._loaded()


def worker_extract(doc: Document) -> Document:
    """Extraction inside a function run by `map_ordered`: its `extractor`, else the full pipeline."""
    if _extractor is not None:
        return _extractor(doc)
    return extract(doc)


IN_FLIGHT = 64  # items read ahead of the consumer at most, on a pool


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
    the consumer; setting `stop` ends the run after the item in hand.
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
    slots = threading.Semaphore(IN_FLIGHT)
    closing = threading.Event()

    def bounded() -> Iterator[T]:
        for item in items:
            while not slots.acquire(timeout=0.1):
                if closing.is_set() or (stop is not None and stop.is_set()):
                    return
            if closing.is_set() or (stop is not None and stop.is_set()):
                return
            yield item

    ctx = mp.get_context("spawn")
    with ctx.Pool(processes, initializer=_worker_init, initargs=(extractor,)) as pool:
        try:
            for result in pool.imap(func, bounded(), chunksize=chunksize):
                slots.release()
                yield result
                if stop is not None and stop.is_set():
                    return
        finally:
            # Unblock the producer (it runs in the pool's task thread) before the pool is torn down.
            closing.set()


def extract_records(
    records: Iterable[Record],
    processes: int = 1,
    chunksize: int = 8,
    func: Callable[[Record], Record] = extract_record,
) -> Iterator[Record]:
    """`func` (by default `extract_record`) over the records, in input order, using `processes`
    worker processes when more than one. `func` must be a module-level function (it is pickled)."""
    return map_ordered(func, records, processes, chunksize)
