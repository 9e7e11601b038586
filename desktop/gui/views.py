"""Plain, Qt-free records the widgets display: what `operations` returns from the project store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.records import coordinates_of


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of the article list."""

    id: int
    title: str
    date: str
    source: str
    incidents: int
    status: str
    tags: tuple[str, ...] = ()
    snippet: str = ""  # a search result's words in context (the store's snippet), else empty
    snippet_matches: tuple[tuple[int, int], ...] = ()  # the matches, code points into `snippet`


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article opened in the reader."""

    id: int
    external_id: str
    title: str
    date: str
    source: str
    url: str
    text: str
    tags: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class EntityView:
    """A highlighted span; `start`/`end` are code-point offsets into the article text."""

    id: int
    start: int
    end: int
    type: str
    text: str
    status: str = "new"
    origin: str = "auto"
    canonical_id: str | None = None
    canonical_name: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def actor_type(self) -> str | None:
        """The ACLED actor type (attribute `inter`, see `desktop.records.ENTITY_ATTRIBUTES`)."""
        value = self.attrs.get("inter")
        return None if value is None or value == "" else str(value)

    @property
    def coordinates(self) -> tuple[float, float] | None:
        """`(lat, lon)` of a place (attributes `lat`, `lon`)."""
        return coordinates_of(self.attrs)


@dataclass(frozen=True, slots=True)
class IncidentView:
    """An incident with its current field values and the evidence of each field (code points)."""

    id: int
    article_id: int
    status: str
    origin: str
    fields: dict[str, Any]
    evidence: tuple[int, int] | None = None
    fields_evidence: dict[str, tuple[int, int]] = field(default_factory=dict)
    rules: tuple[str, ...] = ()  # ids of the rules that made and shaped it (the "why")
    confidence: float | None = None  # probability of the decision that kept it

    def get(self, name: str) -> Any:
        return self.fields.get(name)


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """What the article list shows: a full-text query plus optional tag/status/incident filters."""

    query: str = ""
    tag: str | None = None
    status: str | None = None
    has_incidents: bool | None = None

    @property
    def empty(self) -> bool:
        return not self.query and self.tag is None and self.status is None and self.has_incidents is None


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What the import did with one chosen file or folder, with the ingest layer's reasons."""

    path: str
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    reasons: tuple[str, ...] = ()  # `item: reason`, failures first
    not_reached: bool = False  # the import was cancelled before this file

    @property
    def outcome(self) -> str:
        """`imported`, `partly imported`, `skipped`, `failed`, `nothing to import` or `not imported`."""
        if self.not_reached:
            return "not imported"
        if self.imported and (self.failed or self.skipped):
            return "partly imported"
        if self.imported:
            return "imported"
        if self.failed:
            return "failed"
        return "skipped" if self.skipped else "nothing to import"


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did: totals, the first reasons, and every chosen file's outcome."""

    imported: int = 0
    skipped: int = 0
    failed: int = 0
    cancelled: bool = False
    messages: tuple[str, ...] = ()
    files: tuple[FileOutcome, ...] = ()
