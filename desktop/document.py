"""The `Document`: stored text, metadata and typed spans in named layers, with code-point offsets."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from desktop.records import EntityRecord, IncidentRecord
from desktop.text.normalize import NormalizedText, normalize

JSONValue = Any


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Stored form of incoming text: newlines normalized, lone surrogates (which JSON allows and no
    encoder accepts) replaced one-for-one by U+FFFD so offsets into the input stay valid."""
    return _SURROGATE.sub("\ufffd", normalize_newlines(text))


def without_surrogates(value: str) -> str:
    """`value` with lone surrogates replaced one-for-one by U+FFFD (for titles, sources, ids)."""
    return _SURROGATE.sub("\ufffd", value)


def normalize_newlines(text: str) -> str:
    """Line endings to `\\n` (CRLF, lone CR, NEL, LS, PS), so stored offsets stay valid in Qt."""
    return (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u0085", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )


@dataclass(slots=True)
class Span:
    """A typed span of the stored text: code-point offsets, end exclusive, plus free attributes."""

    start: int
    end: int
    label: str
    attrs: dict[str, JSONValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_record(self, text: str) -> EntityRecord:
        """The entity record of this span of `text` (its attributes copied)."""
        return EntityRecord(self.start, self.end, self.label, text[self.start : self.end], dict(self.attrs))

    def to_json(self, text: str) -> dict[str, JSONValue]:
        """The contract form: start, end, type, text, then the attributes."""
        return self.to_record(text).to_json()


@dataclass
class Document:
    """One article: normalized-newline text, metadata, and annotation layers of spans."""

    text: str
    id: str = ""
    title: str = ""
    date: dt.date | None = None
    source: str = ""
    url: str = ""
    layers: dict[str, list[Span]] = field(default_factory=dict)
    incidents: list[IncidentRecord] = field(default_factory=list)
    # What the rules did (`desktop.rules.Trace`), for `rasid explain` and the regression harness.
    trace: Any = field(default=None, repr=False, compare=False)
    _normalized: NormalizedText | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Document:
        """A document whose stored text is `text` with line endings normalized."""
        return cls(text=clean_text(text), **meta)

    @property
    def normalized(self) -> NormalizedText:
        """The normalized view of the text with its offset map (computed once)."""
        if self._normalized is None:
            self._normalized = normalize(self.text)
        return self._normalized

    def layer(self, name: str) -> list[Span]:
        """The spans of a layer (an empty list is created on first use)."""
        return self.layers.setdefault(name, [])

    def set_layer(self, name: str, spans: list[Span]) -> None:
        self.layers[name] = sorted(spans, key=lambda s: (s.start, -s.end))

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def spans_in(self, name: str, start: int, end: int) -> Iterator[Span]:
        """Spans of layer `name` lying inside [start, end)."""
        for span in self.layers.get(name, ()):
            if span.start >= start and span.end <= end:
                yield span

    def entity_spans(self) -> list[Span]:
        """Everything reported as an entity in the contract: the `entities` layer plus DATE and NUM."""
        spans = [
            *self.layers.get("entities", ()),
            *self.layers.get("dates", ()),
            *self.layers.get("numbers", ()),
        ]
        return sorted(spans, key=lambda s: (s.start, -s.end))

    def entity_records(self) -> list[EntityRecord]:
        """The entities of the contract (see `entity_spans`) as typed records."""
        return [s.to_record(self.text) for s in self.entity_spans()]

    def to_json(self) -> dict[str, JSONValue]:
        """The `rasid extract` output record (DESIGN.md contract)."""
        return {
            "id": self.id,
            "entities": [e.to_json() for e in self.entity_records()],
            "incidents": [i.to_json() for i in self.incidents],
        }

    def meta_json(self) -> dict[str, JSONValue]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "url": self.url,
        }
