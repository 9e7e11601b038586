"""Thin operations between the widgets and the project store (`desktop.store`).

Widgets never see SQL, store rows or NLP: they call a `ProjectOps` method and get the plain records
of `desktop.gui.views`. Each edit is one store operation, hence one transaction with its audit row.
No Qt here, so this layer is testable without a display.

Where the store lacks an operation the GUI needs, a small adapter lives here and is marked
ADAPTER; each is listed in the GUI report so the store can grow the real operation.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.corrections import PlaceChoice, actor_values, find_actor, place_choices
from desktop.errors import InputError, RasidError
from desktop.gui.views import (
    ArticleFilter,
    ArticleRow,
    ArticleView,
    EntityView,
    FileOutcome,
    ImportSummary,
    IncidentView,
)
from desktop.importing.titles import clean_title
from desktop.store import views as store_views
from desktop.store.articles import ArticleFilter as StoreFilter
from desktop.store.articles import ArticleSummary
from desktop.store.dictionary import DictionaryEntry, DictionaryManager
from desktop.store.entities import Entity
from desktop.store.incidents import Incident, dump_incident
from desktop.store.project import Project
from desktop.store.views import IncidentQuery, IncidentRow, NameGroup

if TYPE_CHECKING:
    from desktop.ingest import ImportProgress, ImportReport

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int | None, str], None]

ENTITY_KIND = {"PER": "actor", "ORG": "actor", "LOC": "place"}
MAX_MESSAGES = 20  # failure reasons an import summary carries to the window


@dataclass(frozen=True, slots=True)
class NameEdit:
    """What an edit of an actor or place changed (for undo): entities before, dictionary before/after."""

    entities_before: tuple[EntityView, ...]
    entry_before: DictionaryEntry | None  # the entry as it was (None: the edit created it)
    entry_after_id: int | None
    removed_entries: tuple[DictionaryEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class FieldState:
    """What an incident field looked like before an edit (for undo)."""

    analyst_set: bool
    analyst: Any
    status: str


def open_project(path: str | Path, read_only: bool = False) -> ProjectOps:
    """Open a project; `read_only` takes no lock and writes nothing (a project open elsewhere)."""
    return ProjectOps(Project.open(path, read_only=read_only))


def create_project(path: str | Path) -> ProjectOps:
    return ProjectOps(Project.create(path))


class ProjectOps:
    """Everything the GUI does to one open project."""

    def __init__(self, project: Project) -> None:
        self.project = project

    @property
    def path(self) -> Path:
        return self.project.path

    @property
    def name(self) -> str:
        return self.project.path.name

    @property
    def read_only(self) -> bool:
        return self.project.read_only

    def close(self) -> None:
        self.project.close()

    # --- articles ------------------------------------------------------------------------------

    def _store_filter(self, f: ArticleFilter) -> StoreFilter:
        return StoreFilter(tag=f.tag or None, status=f.status or None, has_incidents=f.has_incidents)

    def count_articles(self, f: ArticleFilter) -> int:
        if f.query.strip():
            return self.project.search(f.query, self._store_filter(f), 0, 1).total
        return self.project.articles.count(self._store_filter(f))

    def article_page(self, offset: int, limit: int, order_by: str, f: ArticleFilter) -> list[ArticleRow]:
        return self.article_page_and_total(offset, limit, order_by, f)[0]

    def article_page_and_total(
        self, offset: int, limit: int, order_by: str, f: ArticleFilter
    ) -> tuple[list[ArticleRow], int]:
        """A page of the article list and how many articles match (one full-text query for both)."""
        if f.query.strip():
            page = self.project.search(f.query, self._store_filter(f), offset, limit, "rank")
            ids = [hit.article_id for hit in page.hits]
            summaries = self.project.articles.list(0, len(ids) or 1, "id", _ids_filter(ids)) if ids else []
            by_id = {s.id: s for s in summaries}
            hits = {hit.article_id: hit for hit in page.hits}
            rows = [
                replace(
                    row, snippet=hits[row.id].snippet, snippet_matches=tuple(hits[row.id].snippet_matches())
                )
                for row in self._rows([by_id[i] for i in ids if i in by_id])
            ]
            return rows, page.total
        flt = self._store_filter(f)
        return self._rows(
            self.project.articles.list(offset, limit, order_by, flt)
        ), self.project.articles.count(flt)

    def _rows(self, summaries: Iterable[ArticleSummary]) -> list[ArticleRow]:
        summaries = list(summaries)
        ids = [s.id for s in summaries]
        states = self.project.incidents.review_states(ids)
        tags = self.project.tags.of_many(ids)
        return [
            ArticleRow(
                id=s.id,
                title=clean_title(s.title),  # stored before import decoded entities: shown decoded
                date=s.date or "",
                source=s.source,
                incidents=s.incidents,
                status=states.get(s.id, "new"),
                tags=tuple(tags.get(s.id, ())),
            )
            for s in summaries
        ]

    def search_matches(self, text: str, query: str) -> list[tuple[int, int]]:
        """Where the search `query` matches `text` (code points), as the search's snippets mark them;
        empty for no query or a malformed one (the article list has said why)."""
        from desktop.store.search import find_matches, parse_query

        if not query.strip():
            return []
        try:
            terms = parse_query(query).terms
        except RasidError:
            return []
        return find_matches(text, terms)

    def article_row(self, article_id: int) -> ArticleRow | None:
        rows = self._rows(self.project.articles.list(0, 1, "id", _ids_filter([article_id])))
        return rows[0] if rows else None

    def article(self, article_id: int) -> ArticleView:
        a = self.project.articles.get(article_id)
        return ArticleView(
            id=a.id,
            external_id=a.external_id,
            title=clean_title(a.title),
            date=a.date or "",
            source=a.source,
            url=a.url,
            text=a.text,
            tags=tuple(self.project.tags.of(a.id)),
            note=self.project.notes.get(a.id),
        )

    def article_id_for(self, key: str) -> int:
        """The article named on the command line: its external id, else its numeric id."""
        try:
            return self.project.articles.by_external_id(key).id
        except RasidError:
            if key.isdigit():
                return self.project.articles.get(int(key)).id
            raise

    def first_article_id(self) -> int | None:
        page = self.project.articles.list(0, 1, "-date")
        return page[0].id if page else None

    # --- entities ------------------------------------------------------------------------------

    def entities(self, article_id: int) -> list[EntityView]:
        return [_entity_view(e) for e in self.project.entities.for_article(article_id)]

    def entity(self, entity_id: int) -> EntityView:
        return _entity_view(self.project.entities.get(entity_id))

    def add_entity(self, article_id: int, start: int, end: int, type_: str) -> EntityView:
        return _entity_view(self.project.entities.add(article_id, start, end, type_))

    def update_entity(
        self,
        entity_id: int,
        type_: str | None = None,
        attrs: dict[str, Any] | None = None,
        span: tuple[int, int] | None = None,
    ) -> None:
        start, end = span if span is not None else (None, None)
        self.project.entities.update(entity_id, start=start, end=end, type=type_, attrs=attrs)

    def revert_entity(self, before: EntityView) -> None:
        """Put an entity back as it was (span, type, attributes, status) — the inverse of an update."""
        self.project.entities.update(
            before.id, start=before.start, end=before.end, type=before.type, attrs=dict(before.attrs)
        )
        self.set_entity_status(before.id, before.status)

    def set_entity_status(self, entity_id: int, status: str) -> None:
        if status == "accepted":
            self.project.entities.accept(entity_id)
        elif status == "rejected":
            self.project.entities.reject(entity_id)
        else:  # ADAPTER: the store has no public way back to `new`/`edited`
            self.project.entities.set_status(entity_id, status)

    def delete_entity(self, entity_id: int) -> None:
        self.project.entities.delete(entity_id)

    def restore_entity(self, before: EntityView, article_id: int) -> int:
        """Undo a delete: a machine entity was only rejected, an analyst one is added again."""
        if before.origin == "auto":
            self.set_entity_status(before.id, before.status)
            return before.id
        return self.project.entities.add(
            article_id, before.start, before.end, before.type, dict(before.attrs)
        ).id

    def link_entity(self, entity_id: int, canonical: str, kind: str) -> None:
        """Link an entity to an actor or place: dictionary entry data when there is one."""
        entity = self.project.entities.get(entity_id)
        attrs = dict(entity.attrs)
        attrs["canonical"] = canonical
        attrs["canonical_id"] = canonical
        for entry in self.project.dictionary.lookup(canonical):
            attrs["canonical_id"] = f"{entry.kind}:{entry.key}"
            if entry.actor_type and entry.actor_type.isdigit():
                attrs["inter"] = int(entry.actor_type)
            if entry.latitude is not None and entry.longitude is not None:
                attrs["lat"], attrs["lon"] = entry.latitude, entry.longitude
            break
        self.project.entities.update(entity_id, attrs=attrs)

    # --- dictionary ----------------------------------------------------------------------------

    def add_dictionary_entry(self, surface: str, type_: str, name: str) -> tuple[int, list[int]]:
        """Add an actor/place to the project dictionary and tag it in every article (one transaction).

        Returns the entry id and the ids of the entities added (for undo).
        """
        from desktop.store.dictionary import DictionaryEntry

        surface = surface.strip()
        if not surface:
            raise InputError("Select the name to add to the dictionary first.")
        kind = ENTITY_KIND.get(type_, "actor")
        with self.project.transaction():
            entry = self.project.dictionary.add(
                DictionaryEntry(
                    kind=kind,
                    key=name.strip() or surface,
                    name=name.strip() or surface,
                    aliases=[surface] if surface != name else [],
                    attrs={"type": type_},
                )
            )
            assert entry.id is not None
            added = self.project.dictionary.apply(entry.id, type_)
        return entry.id, added

    def remove_dictionary_entry(self, handle: tuple[int, list[int]]) -> None:
        entry_id, entity_ids = handle
        with self.project.transaction():
            for eid in entity_ids:
                self.project.entities.delete(eid)
            self.project.dictionary.delete(entry_id)

    def completions(self, wait: bool = True) -> list[str]:
        """Names of actors and places for completion: the project dictionary plus bundled gazetteers.

        The gazetteers take most of a second to load (and pull in camel-tools): with `wait=False`
        they are left out until `load_gazetteer_names()` has run, on a background thread.
        """
        names: set[str] = set()
        for entry in self.project.dictionary.list(limit=100_000):
            names.add(entry.name)
            names.update(entry.aliases)
        if wait or gazetteer_names_loaded():
            names.update(load_gazetteer_names())
        return sorted(n for n in names if n)

    # --- incidents -----------------------------------------------------------------------------

    def incidents(self, article_id: int) -> list[IncidentView]:
        return [_incident_view(i) for i in self.project.incidents.for_article(article_id)]

    def incident(self, incident_id: int) -> IncidentView:
        return _incident_view(self.project.incidents.get(incident_id))

    def field_state(self, incident_id: int, name: str) -> FieldState:
        inc = self.project.incidents.get(incident_id)
        f = inc.fields.get(name)
        return FieldState(bool(f and f.analyst_set), f.analyst if f else None, inc.status)

    def set_incident_field(self, incident_id: int, name: str, value: Any) -> None:
        self.project.incidents.update_field(incident_id, name, value)

    def field_states(self, incident_id: int, names: Iterable[str]) -> dict[str, FieldState]:
        """What several fields looked like before an edit of them all (for undo)."""
        return {name: self.field_state(incident_id, name) for name in names}

    def set_incident_fields(self, incident_id: int, values: dict[str, Any]) -> None:
        """Set several analyst values at once (a place with its province and coordinates)."""
        with self.project.transaction():
            for name, value in values.items():
                self.project.incidents.update_field(incident_id, name, value)

    def place_choices(self, name: str, prefer_country: str | None = None) -> list[PlaceChoice]:
        """What a typed place can be: the project dictionary's entries, then the gazetteer's places."""
        return place_choices(self.project, name, prefer_country)

    def actor_link(self, slot: str, name: str) -> dict[str, Any]:
        """The fields of actor `slot` typed as `name`, linked to its canonical actor and inter code."""
        return actor_values(slot, name, find_actor(self.project, name))

    def restore_field(self, incident_id: int, name: str, state: FieldState) -> None:
        with self.project.transaction():
            if state.analyst_set:
                self.project.incidents.update_field(incident_id, name, state.analyst)
            else:
                self.project.incidents.clear_field(incident_id, name)
            self.set_incident_status(incident_id, state.status)

    def set_incident_status(self, incident_id: int, status: str) -> None:
        if status == "accepted":
            self.project.incidents.accept(incident_id)
        elif status == "rejected":
            self.project.incidents.reject(incident_id)
        else:  # ADAPTER: no public way back to `new`/`edited`
            self.project.incidents.set_status(incident_id, status, "restore")

    def create_incident(
        self,
        article_id: int,
        fields: dict[str, Any],
        evidence: tuple[int, int] | None,
        status: str = "new",
    ) -> IncidentView:
        """The analyst's new incident over `evidence`, pending review (`new`) unless told otherwise."""
        if evidence is None:
            raise InputError("Select the sentence that reports the incident first.")
        return _incident_view(
            self.project.incidents.create_from_span(article_id, *evidence, fields=fields, status=status)
        )

    def delete_incident(self, incident_id: int) -> dict[str, Any]:
        """Delete an analyst's incident (a machine incident is rejected, so re-extraction does not
        propose it again); returns what `undelete_incident` needs to put it back."""
        dumped = dump_incident(self.project.incidents.get(incident_id))
        self.project.incidents.delete(incident_id)
        return dumped

    def undelete_incident(self, article_id: int, dumped: dict[str, Any]) -> None:
        """Undo `delete_incident`: the machine incident's status back, the analyst's row back (same id)."""
        if dumped["origin"] == "auto":
            self.set_incident_status(int(dumped["id"]), str(dumped["status"]))
        else:
            self.project.incidents.undelete(article_id, dumped)

    def split_incident(self, incident_id: int, at: int) -> int:
        _, second = self.project.incidents.split(incident_id, at)
        return second.id

    def unsplit_incident(self, first_id: int, second_id: int, status: str) -> None:
        """Undo a split: fold the second part back into the first (merge restores the span)."""
        with self.project.transaction():
            self.project.incidents.merge(first_id, second_id)
            self.set_incident_status(first_id, status)

    # --- tags and notes ------------------------------------------------------------------------

    def tags(self, article_id: int) -> list[str]:
        return self.project.tags.of(article_id)

    def set_tags(self, article_id: int, tags: list[str]) -> None:
        self.project.tags.set(article_id, tags)

    def all_tags(self) -> list[str]:
        return [name for name, _ in self.project.tags.all()]

    def note(self, article_id: int) -> str:
        return self.project.notes.get(article_id)

    def set_note(self, article_id: int, body: str) -> None:
        self.project.notes.set(article_id, body)

    # --- background work -----------------------------------------------------------------------

    def import_paths(
        self,
        paths: list[str],
        progress: ProgressFn,
        cancel: threading.Event,
        extractor: Any = None,
        jobs: int = 0,
    ) -> ImportSummary:
        """Import files, one chosen file or folder after another, so that the summary says what
        became of each; `extractor` replaces the NLP pipeline (tests and benchmarks pass a light one).

        Runs on a background thread, on a connection of its own (see `worker_project`).
        """
        from desktop.ingest import ImportReport, import_paths

        total = ImportReport()
        files: list[FileOutcome] = []
        with self.worker_project() as project:
            for n, path in enumerate(paths):
                if cancel.is_set():
                    files += [FileOutcome(p, not_reached=True) for p in paths[n:]]
                    break
                prefix = f"{Path(path).name} ({n + 1}/{len(paths)})" if len(paths) > 1 else ""
                report = import_paths(
                    project,
                    [path],
                    progress=_progress_adapter(progress, prefix),
                    cancel=cancel,
                    jobs=jobs,
                    extractor=extractor,
                )
                files.append(
                    FileOutcome(
                        path,
                        report.imported,
                        report.skipped_count,
                        report.failed_count,
                        tuple(report.problems()),
                    )
                )
                total.imported += report.imported
                for name, reason in report.skipped:
                    total.add_skipped(name, reason)
                for name, reason in report.failed:
                    total.add_failed(name, reason)
                total.skipped_count += report.skipped_count - len(report.skipped)
                total.failed_count += report.failed_count - len(report.failed)
                total.cancelled = total.cancelled or report.cancelled
        return _summary(total, cancel, tuple(files))

    def reextract(
        self, progress: ProgressFn, cancel: threading.Event, extractor: Any = None
    ) -> ImportSummary:
        """Re-extract every article (machine output only); `extractor` as for `import_paths`."""
        from desktop.ingest import reextract

        with self.worker_project() as project:
            report = reextract(
                project, progress=_progress_adapter(progress), cancel=cancel, extractor=extractor
            )
        return _summary(report, cancel)

    def worker_project(self) -> Project:
        """A second `Project` on the same file, for the calling (background) thread only.

        Two threads never share one `sqlite3.Connection` (see `Project.open_worker`).
        """
        return self.project.open_worker()

    # --- project-wide views --------------------------------------------------------------------

    def count_incidents(self, query: IncidentQuery) -> int:
        return store_views.count_incidents(self.project, query)

    def incident_page(self, query: IncidentQuery, offset: int, limit: int) -> list[IncidentRow]:
        return store_views.incident_page(self.project, query, offset, limit)

    def incidents_by_id(self, ids: Iterable[int]) -> list[IncidentView]:
        return [self.incident(i) for i in ids]

    def count_names(self, kind: str | None = None, text: str = "") -> int:
        return store_views.count_names(self.project, kind, text)

    def name_page(
        self, kind: str | None, text: str, offset: int, limit: int, order_by: str = "-mentions"
    ) -> list[NameGroup]:
        return store_views.name_page(self.project, kind, text, offset, limit, order_by)

    def name_page_and_total(
        self, kind: str | None, text: str, limit: int, order_by: str = "-mentions"
    ) -> tuple[list[NameGroup], int]:
        """The first page of names and how many there are, in one scan."""
        return store_views.name_page_and_total(self.project, kind, text, 0, limit, order_by)

    def rename_name(self, group: NameGroup, name: str) -> NameEdit:
        """Give an actor or place a new canonical name (its dictionary entry, all its mentions)."""
        name = name.strip()
        if not name:
            raise InputError("Type the new name first.")
        return self._edit_group(group, [], lambda entry: _dc_replace(entry, name=name), name)

    def set_actor_type(self, group: NameGroup, inter: int | None) -> NameEdit:
        """Set the ACLED actor type (inter code 1-8, None to clear) of an actor and its mentions."""
        if group.kind != "actor":
            raise InputError("Only actors have an actor type.")
        if inter is not None and not 0 <= inter <= 8:
            raise InputError(f"{inter} is not an ACLED actor type (0-8).")
        value = None if inter is None else str(inter)
        return self._edit_group(
            group, [], lambda entry: _dc_replace(entry, actor_type=value), None, inter=inter, set_inter=True
        )

    def merge_names(self, keep: NameGroup, other: NameGroup) -> NameEdit:
        """Make `other` the same actor or place as `keep`: its names become aliases of `keep`."""
        if keep.key == other.key:
            raise InputError("Choose two different names to merge.")
        if keep.kind != other.kind:
            raise InputError("An actor cannot be merged with a place.")
        extra = [other.name, *other.aliases]
        removed: list[DictionaryEntry] = []
        other_entry = store_views.entry_for(self.project, other.key, other.kind)
        if other_entry is not None:
            removed.append(self.project.dictionary.get(other_entry[0]))
        return self._edit_group(keep, [other], lambda entry: entry, None, extra_aliases=extra, remove=removed)

    def _edit_group(
        self,
        group: NameGroup,
        others: list[NameGroup],
        change: Callable[[DictionaryEntry], DictionaryEntry],
        new_name: str | None,
        *,
        extra_aliases: list[str] | None = None,
        remove: list[DictionaryEntry] | None = None,
        inter: int | None = None,
        set_inter: bool = False,
    ) -> NameEdit:
        """One transaction: update (or create) the group's dictionary entry, relink every mention."""
        dictionary = self.project.dictionary
        found = store_views.entry_for(self.project, group.key, group.kind)  # by key: ids change on undo
        before = dictionary.get(found[0]) if found is not None else None
        with self.project.transaction():
            for old in remove or []:
                assert old.id is not None
                dictionary.delete(old.id)
            base = before or _new_entry(group)
            aliases = {*base.aliases, *group.aliases, *(extra_aliases or [])}
            if before is not None and new_name and before.name != new_name:
                aliases.add(before.name)
            entry = change(_dc_replace(base, aliases=[]))
            aliases.discard(entry.name)
            entry = _dc_replace(entry, aliases=sorted(a for a in aliases if a.strip()))
            if group.kind == "actor" and entry.actor_type is None and group.inter and not set_inter:
                entry = _dc_replace(entry, actor_type=str(group.inter))
            saved = dictionary.update(entry) if before is not None else _add_unique(dictionary, entry)
            canonical = store_views.canonical_id_for(saved.kind, saved.key, saved.overrides)
            entity_ids: list[int] = []
            for g in (group, *others):
                entity_ids += store_views.group_entity_ids(self.project, g.key, g.kind)
            snapshots: list[EntityView] = []
            for eid in entity_ids:
                entity = self.project.entities.get(eid)
                snapshots.append(_entity_view(entity))
                attrs = dict(entity.attrs)
                attrs["canonical_id"] = canonical
                attrs["canonical"] = saved.name
                if set_inter:
                    if inter is None:
                        attrs.pop("inter", None)
                    else:
                        attrs["inter"] = inter
                elif saved.actor_type and saved.kind == "actor" and "inter" not in attrs:
                    attrs["inter"] = int(saved.actor_type) if saved.actor_type.isdigit() else saved.actor_type
                self.project.entities.update(eid, attrs=attrs)
        return NameEdit(tuple(snapshots), before, saved.id, tuple(remove or ()))

    def undo_name_edit(self, edit: NameEdit) -> None:
        """Put the entities and dictionary entries back as they were before `edit`."""
        dictionary = self.project.dictionary
        with self.project.transaction():
            for entity in edit.entities_before:
                self.revert_entity(entity)
            if edit.entry_before is not None:
                dictionary.update(edit.entry_before)
            elif edit.entry_after_id is not None:
                dictionary.delete(edit.entry_after_id)
            for old in edit.removed_entries:
                dictionary.add(_dc_replace(old, id=None))

    def stats(self) -> dict[str, Any]:
        return self.project.stats()


# --- conversions -------------------------------------------------------------------------------


def _dc_replace(entry: DictionaryEntry, **changes: Any) -> DictionaryEntry:
    from dataclasses import replace

    return replace(entry, **changes)


def _add_unique(dictionary: DictionaryManager, entry: DictionaryEntry) -> DictionaryEntry:
    """Add `entry`, suffixing its key when the dictionary already has one (keys are unique per kind)."""
    for n in range(1, 100):
        candidate = entry if n == 1 else _dc_replace(entry, key=f"{entry.key}~{n}")
        try:
            return dictionary.add(candidate)
        except InputError:
            if entry.overrides:
                raise
    raise InputError(f"The dictionary has too many entries named {entry.key!r}.")


def _new_entry(group: NameGroup) -> DictionaryEntry:
    """A dictionary entry for a name group that has none yet (a bundled id is overridden)."""
    linked = not group.key.startswith("text:") and not group.key.startswith("proj-")
    overrides = group.key.split(":", 1)[1] if group.key.startswith(f"{group.kind}:") else group.key
    key = overrides if linked else group.name
    return DictionaryEntry(
        kind=group.kind,
        key=key,
        name=group.name,
        aliases=list(group.aliases),
        overrides=overrides if linked and not group.key.startswith(f"{group.kind}:") else None,
        actor_type=str(group.inter) if group.inter else None,
        attrs={"type": group.types[0]} if group.types else {},
    )


def _ids_filter(ids: list[int]) -> StoreFilter:
    return StoreFilter(ids=ids)


def _entity_view(e: Entity) -> EntityView:
    return EntityView(
        id=e.id,
        start=e.start,
        end=e.end,
        type=e.type,
        text=e.text,
        status=e.status,
        origin=e.origin,
        canonical_id=e.canonical_id,
        canonical_name=e.canonical_name,
        attrs=dict(e.attrs),
    )


def _incident_view(i: Incident) -> IncidentView:
    return IncidentView(
        id=i.id,
        article_id=i.article_id,
        status=i.status,
        origin=i.origin,
        fields={name: f.value for name, f in i.fields.items()},
        evidence=i.evidence,
        fields_evidence={name: f.evidence for name, f in i.fields.items() if f.evidence is not None},
        rules=tuple(i.rules),
        confidence=i.confidence,
    )


_gazetteer_cache: list[str] | None = None
_gazetteer_lock = threading.Lock()


def gazetteer_names_loaded() -> bool:
    return _gazetteer_cache is not None


def load_gazetteer_names() -> list[str]:
    """The bundled gazetteers' names, loaded once per process (safe to call from any thread)."""
    global _gazetteer_cache
    with _gazetteer_lock:
        if _gazetteer_cache is None:
            _gazetteer_cache = _gazetteer_names()
        return _gazetteer_cache


def _gazetteer_names() -> list[str]:
    """Canonical names of the bundled gazetteers' actors and places (empty when they cannot load)."""
    from desktop.nlp.gazetteer import load_gazetteers

    try:
        return load_gazetteers().names()
    except RasidError as exc:
        log.warning("gazetteers unavailable: %s", exc)
        return []


def _progress_adapter(progress: ProgressFn, prefix: str = "") -> Callable[[ImportProgress], None]:
    """The ingest callback (an `ImportProgress` after each item) as (done, total, current name);
    `prefix` names the file among several."""

    def call(state: ImportProgress) -> None:
        progress(state.done, state.total, f"{prefix}: {state.current}" if prefix else state.current)

    return call


def _summary(
    report: ImportReport, cancel: threading.Event, files: tuple[FileOutcome, ...] = ()
) -> ImportSummary:
    """What the window tells of an import: counts, each failure or skip with its reason (the first
    `MAX_MESSAGES` in `messages`, all of them per file in `files`)."""
    return ImportSummary(
        imported=report.imported,
        skipped=report.skipped_count,
        failed=report.failed_count,
        cancelled=cancel.is_set() or report.cancelled,
        messages=tuple(report.problems()[:MAX_MESSAGES]),
        files=files,
    )
