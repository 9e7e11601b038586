"""What an export covers: `ExportFilter` (articles, dates, tag, review status, event type) and `collect`.

An incident is kept when its article is selected (ids, tag), its effective date (else its article's
date) lies in the date range, its review status matches, and its event or sub-event type matches.
Rejected incidents are left out unless `include_rejected` is set. Articles are those selected that
still have an incident after filtering, or every selected article when no incident-level filter
(date, status, event type) is set, so that an export of a selection keeps its incident-less articles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.corrections import effective_values
from desktop.errors import InputError
from desktop.records import incident_date
from desktop.store.articles import Article, ArticleFilter
from desktop.store.common import STATUSES
from desktop.store.entities import Entity
from desktop.store.incidents import Incident

if TYPE_CHECKING:
    from desktop.store.project import Project

ProgressFn = Callable[[int, int | None, str], None]


@dataclass
class ExportFilter:
    """Filters shared by every format; all set fields must hold."""

    article_ids: list[int] | None = None
    incident_ids: list[int] | None = None  # exactly these incidents (a selection in the incidents table)
    date_from: str | None = None
    date_to: str | None = None
    tag: str | None = None
    status: str | None = None
    event_type: str | None = None
    include_rejected: bool = False

    def __post_init__(self) -> None:
        self.date_from = _iso(self.date_from)
        self.date_to = _iso(self.date_to)
        if self.status and self.status not in STATUSES:
            raise InputError(f"Unknown review status {self.status!r}; use one of {', '.join(STATUSES)}.")

    @property
    def incident_level(self) -> bool:
        return bool(self.date_from or self.date_to or self.status or self.event_type or self.incident_ids)

    def describe(self, arabic: bool = False) -> list[str]:
        """Human-readable lines naming the filters in force (for report headers)."""
        out: list[str] = []
        labels = (
            ("article_ids", "المقالات", "Articles"),
            ("tag", "الوسم", "Tag"),
            ("status", "حالة المراجعة", "Review status"),
            ("event_type", "نوع الحدث", "Event type"),
        )
        for attr, ar, en in labels:
            value = getattr(self, attr)
            if value:
                shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
                out.append(f"{ar if arabic else en}: {shown}")
        if self.incident_ids:
            n = len(self.incident_ids)
            out.append(f"الحوادث المحددة: {n}" if arabic else f"Selected incidents: {n}")
        if self.include_rejected:
            out.append("تشمل الحوادث المرفوضة" if arabic else "Rejected incidents included")
        return out


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError as exc:
        raise InputError(f"Bad date {value!r}: expected YYYY-MM-DD.") from exc


@dataclass
class ExportIncident:
    """An incident with what exports need around it: its article, tags and last-edit time."""

    incident: Incident
    article: Article
    tags: list[str]
    updated_at: str
    _values: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def id(self) -> int:
        return self.incident.id

    def value(self, name: str) -> Any:
        """The effective value of a field, without machine links the analyst's edits made stale
        (`desktop.corrections.effective_values`)."""
        if self._values is None:
            self._values = effective_values(self.incident)
        return self._values.get(name)

    @property
    def date(self) -> str | None:
        """The incident's date (ISO), else its article's publication date (`records.incident_date`)."""
        return incident_date(self.value("date"), self.article.date).value

    @property
    def date_from_article(self) -> bool:
        """True when the incident has no date of its own and takes its article's."""
        return incident_date(self.value("date"), self.article.date).inherited


@dataclass
class ExportSet:
    """The selected articles (in date order) and incidents, with entities, tags and notes per article."""

    articles: list[Article] = field(default_factory=list)
    incidents: list[ExportIncident] = field(default_factory=list)
    entities: dict[int, list[Entity]] = field(default_factory=dict)
    tags: dict[int, list[str]] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)


def collect(
    project: Project,
    flt: ExportFilter | None = None,
    with_entities: bool = True,
    progress: ProgressFn | None = None,
) -> ExportSet:
    """Gather what `flt` selects from `project` (read-only)."""
    flt = flt or ExportFilter()
    where, params = ArticleFilter(tag=flt.tag, ids=flt.article_ids).where("a")
    ids = [
        int(r[0])
        for r in project.query(
            f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.date IS NULL, a.date, a.id", params
        )
    ]
    stamps = {int(r[0]): str(r[1]) for r in project.query("SELECT id, updated_at FROM incidents")}
    out = ExportSet()
    total = len(ids)
    for n, aid in enumerate(ids):
        if progress and n % 50 == 0:
            progress(n, total, "collect")
        article = project.articles.get(aid)
        tags = project.tags.of(aid)
        kept: list[ExportIncident] = []
        for inc in project.incidents.for_article(aid, include_rejected=flt.include_rejected):
            item = ExportIncident(inc, article, tags, stamps.get(inc.id, ""))
            if _keep(item, flt):
                kept.append(item)
        if flt.incident_level and not kept:
            continue
        out.articles.append(article)
        out.incidents.extend(kept)
        out.tags[aid] = tags
        note = project.notes.get(aid)
        if note:
            out.notes[aid] = note
        if with_entities:
            ents = project.entities.for_article(aid, include_rejected=True)
            if flt.status:
                ents = [e for e in ents if e.status == flt.status]
            out.entities[aid] = ents
    out.incidents.sort(key=lambda i: (i.date or "9999", i.id))
    if progress:
        progress(total, total, "collect")
    return out


def _keep(item: ExportIncident, flt: ExportFilter) -> bool:
    if flt.incident_ids is not None and item.incident.id not in flt.incident_ids:
        return False
    if flt.status and item.incident.status != flt.status:
        return False
    if flt.event_type and flt.event_type not in (item.value("event_type"), item.value("sub_event_type")):
        return False
    if flt.date_from or flt.date_to:
        date = item.date
        if date is None:
            return False
        if flt.date_from and date < flt.date_from:
            return False
        if flt.date_to and date > flt.date_to:
            return False
    return True
