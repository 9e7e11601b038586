"""Read-only, paged queries for the project-wide views: all incidents, and the actors and places named.

Nothing here writes: edits go through the managers (`project.incidents`, `project.entities`,
`project.dictionary`). Every query is paged (`offset`, `limit`) and sorted and filtered in SQL, so a
view of a 30,000-article project never holds more than the rows it shows. Field values are read
with correlated lookups on `incident_fields`' primary key (incident_id, name), which stays fast for
sorting on any field without materializing a pivot of the whole table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.errors import InputError
from desktop.store.common import STATUSES

if TYPE_CHECKING:
    from desktop.store.project import Project

INCIDENT_COLUMNS: tuple[str, ...] = (
    "event_type",
    "sub_event_type",
    "date",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "actor1",
    "actor2",
    "fatalities",
    "injuries",
    "status",
    "article",
)
"""The incidents table's columns, in order: ACLED fields, then review status and article title."""

_FIELD_SORTS = frozenset(INCIDENT_COLUMNS) - {"status", "article", "date"}
NAME_KINDS = ("actor", "place")
ACTOR_TYPES = ("PER", "ORG", "ACTOR")
PLACE_TYPES = ("LOC",)


def _value(name: str) -> str:
    """SQL for the effective value of field `name` of incident `i` (NULL when unset)."""
    return (
        "(SELECT json_extract(f.value, '$') FROM incident_fields f "
        f"WHERE f.incident_id = i.id AND f.name = '{name}')"
    )


_DATE = f"COALESCE({_value('date')}, a.date)"


@dataclass(frozen=True)
class IncidentQuery:
    """Which incidents the project-wide table shows, and in what order."""

    event_type: str | None = None  # an event type or a sub-event type
    status: str | None = None
    date_from: str | None = None  # ISO dates, inclusive, on the incident's date (else its article's)
    date_to: str | None = None
    text: str = ""  # in any field value or the article title
    ids: tuple[int, ...] | None = None  # only these incidents (a selection made elsewhere)
    include_rejected: bool = True
    order_by: str = "-date"  # a column of INCIDENT_COLUMNS or "id", "-" for descending

    def __post_init__(self) -> None:
        if self.status and self.status not in STATUSES:
            raise InputError(f"Unknown review status {self.status!r}; use one of {', '.join(STATUSES)}.")
        key = self.order_by.lstrip("-")
        if key not in INCIDENT_COLUMNS and key != "id":
            raise InputError(f"The incidents cannot be sorted by {key!r}.")


@dataclass(frozen=True)
class IncidentRow:
    """One incident of the project-wide table, with its article's title."""

    id: int
    article_id: int
    article_title: str
    article_external_id: str
    article_date: str | None
    status: str
    origin: str
    evidence: tuple[int, int] | None
    fields: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.fields.get(name)


def _where(q: IncidentQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if q.ids is not None:
        if not q.ids:
            return "0", []
        clauses.append(f"i.id IN ({','.join('?' * len(q.ids))})")
        params += list(q.ids)
    if q.status:
        clauses.append("i.status = ?")
        params.append(q.status)
    elif not q.include_rejected:
        clauses.append("i.status != 'rejected'")
    if q.event_type:
        clauses.append(
            "EXISTS (SELECT 1 FROM incident_fields f WHERE f.incident_id = i.id "
            "AND f.name IN ('event_type', 'sub_event_type') AND json_extract(f.value, '$') = ?)"
        )
        params.append(q.event_type)
    if q.date_from:
        clauses.append(f"{_DATE} >= ?")
        params.append(q.date_from)
    if q.date_to:
        clauses.append(f"{_DATE} <= ?")
        params.append(q.date_to)
    text = q.text.strip()
    if text:
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(
            "(a.title LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM incident_fields f WHERE "
            "f.incident_id = i.id AND f.value LIKE ? ESCAPE '\\'))"
        )
        params += [like, like]
    return (" AND ".join(clauses) or "1"), params


def _order(q: IncidentQuery) -> str:
    key = q.order_by.lstrip("-")
    direction = "DESC" if q.order_by.startswith("-") else "ASC"
    if key == "id":
        expr = "i.id"
    elif key == "date":
        expr = _DATE
    elif key == "status":
        expr = "i.status"
    elif key == "article":
        expr = "a.title"
    else:
        assert key in _FIELD_SORTS
        expr = _value(key)
    # NULLs last either way, then a stable tie-break
    return f"({expr}) IS NULL, ({expr}) {direction}, i.id {direction}"


def count_incidents(project: Project, q: IncidentQuery) -> int:
    where, params = _where(q)
    rows = project.query(
        f"SELECT count(*) FROM incidents i JOIN articles a ON a.id = i.article_id WHERE {where}", params
    )
    return int(rows[0][0])


def incident_page(project: Project, q: IncidentQuery, offset: int, limit: int) -> list[IncidentRow]:
    """`limit` incidents from `offset` in the query's order, each with all its field values."""
    where, params = _where(q)
    rows = project.query(
        "SELECT i.id, i.article_id, a.title, a.external_id, a.date, i.status, i.origin, i.evidence_start, "
        f"i.evidence_end FROM incidents i JOIN articles a ON a.id = i.article_id WHERE {where} "
        f"ORDER BY {_order(q)} LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)],
    )
    if not rows:
        return []
    ids = [int(r[0]) for r in rows]
    values: dict[int, dict[str, Any]] = {i: {} for i in ids}
    for iid, name, value in project.query(
        "SELECT incident_id, name, value FROM incident_fields "
        f"WHERE incident_id IN ({','.join('?' * len(ids))})",
        ids,
    ):
        if value is not None:
            values[int(iid)][str(name)] = json.loads(value)
    return [
        IncidentRow(
            id=int(r[0]),
            article_id=int(r[1]),
            article_title=str(r[2] or ""),
            article_external_id=str(r[3]),
            article_date=r[4],
            status=str(r[5]),
            origin=str(r[6]),
            evidence=None if r[7] is None or r[8] is None else (int(r[7]), int(r[8])),
            fields=values[int(r[0])],
        )
        for r in rows
    ]


# --- actors and places ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameGroup:
    """An actor or place of the project: its mentions grouped by canonical id (else normalized text)."""

    key: str  # the canonical id, or "text:<kind>:<normalized surface>" for unlinked mentions
    kind: str  # actor | place
    name: str
    mentions: int
    articles: int
    aliases: tuple[str, ...]
    types: tuple[str, ...]
    inter: int | None = None  # ACLED actor type (inter code), actors only
    entry_id: int | None = None  # the project dictionary entry, when there is one


_KIND = "CASE WHEN e.type IN ('LOC') THEN 'place' ELSE 'actor' END"
_GROUP_KEY = f"COALESCE(e.canonical_id, 'text:' || {_KIND} || ':' || e.norm)"
_NAME_TYPES = ACTOR_TYPES + PLACE_TYPES


def _name_where(kind: str | None, text: str) -> tuple[str, list[Any]]:
    clauses = [f"e.type IN ({','.join('?' * len(_NAME_TYPES))})", "e.status != 'rejected'"]
    params: list[Any] = list(_NAME_TYPES)
    if kind:
        if kind not in NAME_KINDS:
            raise InputError(f"A name is an actor or a place, not {kind!r}.")
        clauses.append(f"{_KIND} = ?")
        params.append(kind)
    if text.strip():
        clauses.append("(e.text LIKE ? OR e.canonical_name LIKE ?)")
        params += [f"%{text.strip()}%"] * 2
    return " AND ".join(clauses), params


def count_names(project: Project, kind: str | None = None, text: str = "") -> int:
    where, params = _name_where(kind, text)
    rows = project.query(f"SELECT count(DISTINCT {_GROUP_KEY}) FROM entities e WHERE {where}", params)
    return int(rows[0][0])


_NAME_ORDERS = {"name": "name", "mentions": "mentions", "articles": "articles", "kind": "kind"}


def name_page(
    project: Project,
    kind: str | None = None,
    text: str = "",
    offset: int = 0,
    limit: int = 200,
    order_by: str = "-mentions",
) -> list[NameGroup]:
    """Actors and places with their number of mentions and articles and their surface forms."""
    return name_page_and_total(project, kind, text, offset, limit, order_by)[0]


def name_page_and_total(
    project: Project,
    kind: str | None = None,
    text: str = "",
    offset: int = 0,
    limit: int = 200,
    order_by: str = "-mentions",
) -> tuple[list[NameGroup], int]:
    """A page of `name_page` and the number of names in all, from one scan of the entities.

    The total is 0 when `offset` is past the end (there is no row to carry it).
    """
    where, params = _name_where(kind, text)
    key = order_by.lstrip("-")
    if key not in _NAME_ORDERS:
        raise InputError(f"The names cannot be sorted by {key!r}.")
    direction = "DESC" if order_by.startswith("-") else "ASC"
    rows = project.query(
        f"SELECT {_GROUP_KEY} AS gkey, {_KIND} AS kind, "
        "COALESCE(max(e.canonical_name), max(e.text)) AS name, count(*) AS mentions, "
        "count(DISTINCT e.article_id) AS articles, json_group_array(DISTINCT e.text), "
        "json_group_array(DISTINCT e.type), "
        "max(CAST(COALESCE(json_extract(e.attrs, '$.inter'), json_extract(e.attrs, '$.actor_type')) "
        "AS INTEGER)), count(*) OVER () "
        f"FROM entities e WHERE {where} GROUP BY gkey, kind "
        f"ORDER BY {_NAME_ORDERS[key]} {direction}, gkey LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)],
    )
    groups = []
    total = int(rows[0][8]) if rows else 0
    for r in rows:
        gkey, gkind = str(r[0]), str(r[1])
        entry = entry_for(project, gkey, gkind)
        inter = r[7] if r[7] else None
        if entry is not None and entry[1] and str(entry[1]).isdigit():
            inter = int(entry[1])
        aliases = sorted(set(json.loads(r[5])))
        groups.append(
            NameGroup(
                key=gkey,
                kind=gkind,
                name=str(entry[2] if entry is not None else r[2]),
                mentions=int(r[3]),
                articles=int(r[4]),
                aliases=tuple(aliases),
                types=tuple(sorted(set(json.loads(r[6])))),
                inter=None if inter is None else int(inter),
                entry_id=None if entry is None else int(entry[0]),
            )
        )
    return groups, total


def entry_for(project: Project, key: str, kind: str) -> tuple[int, str | None, str] | None:
    """The dictionary entry a group key points at, as (id, actor_type, name).

    Extraction links a dictionary entry's mentions to `proj-<key>`, or to the bundled id the entry
    `overrides`; earlier analyst links used `<kind>:<key>`.
    """
    if key.startswith("text:"):
        return None
    if key.startswith("proj-"):
        sql, params = "kind = ? AND key = ?", (kind, key[len("proj-") :])
    elif key.startswith(f"{kind}:"):
        sql, params = "kind = ? AND key = ?", (kind, key[len(kind) + 1 :])
    else:
        sql, params = "kind = ? AND overrides = ?", (kind, key)
    rows = project.query(
        f"SELECT id, actor_type, name FROM dictionary WHERE {sql} ORDER BY id LIMIT 1", params
    )
    return (int(rows[0][0]), rows[0][1], str(rows[0][2])) if rows else None


def canonical_id_for(kind: str, key: str, overrides: str | None) -> str:
    """The canonical id extraction gives the mentions of a dictionary entry (see `project_entries`)."""
    del kind
    return overrides or f"proj-{key}"


def group_entity_ids(project: Project, key: str, kind: str) -> list[int]:
    """Ids of the (not rejected) entities a name group covers."""
    where, params = _name_where(kind, "")
    rows = project.query(
        f"SELECT e.id FROM entities e WHERE {where} AND {_GROUP_KEY} = ? ORDER BY e.id", [*params, key]
    )
    return [int(r[0]) for r in rows]
