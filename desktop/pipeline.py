"""The extraction pipeline: small named components that each add annotations to a `Document`.

Components can be listed, disabled and run alone (like spaCy's `Language.pipeline`). `pipe` yields
results in input order and spreads the work over processes when asked to.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desktop.document import Document

log = logging.getLogger(__name__)

ComponentFunc = Callable[[Document], Document]


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
    """An ordered list of components applied to each document."""

    def __init__(self, components: Iterable[Component] = COMPONENTS, disabled: Iterable[str] = ()) -> None:
        self.components = [c for c in components if c.name not in set(disabled)]
        self._funcs: list[ComponentFunc] | None = None

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def without(self, *names: str) -> Pipeline:
        """A copy of this pipeline with the named components disabled."""
        unknown = set(names) - set(self.names)
        if unknown:
            raise ValueError(f"no such pipeline components: {', '.join(sorted(unknown))}")
        return Pipeline(self.components, disabled=names)

    def _loaded(self) -> list[ComponentFunc]:
        if self._funcs is None:
            self._funcs = [c.load() for c in self.components]
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


def _worker_init() -> None:
    from desktop.text.normalize import warm_up

    warm_up()
    default_pipeline()._loaded()


def extract_records(records: Iterable[Record], processes: int = 1, chunksize: int = 8) -> Iterator[Record]:
    """Output records in input order, using `processes` worker processes when more than one."""
    if processes <= 1:
        for record in records:
            yield extract_record(record)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(processes, initializer=_worker_init) as pool:
        yield from pool.imap(extract_record, records, chunksize=chunksize)
