"""The project dictionary: actors and places the analyst adds, extending or overriding bundled resources.

An entry has a `kind` (`actor` or `place`), a `key` unique within its kind (the bundled entry's id
when it overrides one, set in `overrides` too), a display name, aliases and attributes. `lookup`
finds entries by any of their names after Arabic normalization, so a gazetteer or actor lexicon can
consult the project first and fall back to its bundled data.
"""

from __future__ import annotations

import builtins
import re
import sqlite3
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from desktop.errors import InputError, NotFoundError, RasidError
from desktop.store.audit import record
from desktop.store.common import dumps, loads, now
from desktop.text.normalize import normalize_word

if TYPE_CHECKING:
    from desktop.store.project import Project

KINDS = ("actor", "place")


@dataclass(frozen=True)
class DictionaryEntry:
    kind: str
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    latitude: float | None = None
    longitude: float | None = None
    admin1: str | None = None
    country: str | None = None
    actor_type: str | None = None
    overrides: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    id: int | None = None

    def names(self) -> set[str]:
        return {normalize_word(n) for n in [self.name, *self.aliases] if n.strip()}

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_COLS = "id, kind, key, name, aliases, latitude, longitude, admin1, country, actor_type, overrides, attrs"


def _entry(r: Any) -> DictionaryEntry:
    return DictionaryEntry(
        kind=r[1],
        key=r[2],
        name=r[3],
        aliases=loads(r[4]) or [],
        latitude=r[5],
        longitude=r[6],
        admin1=r[7],
        country=r[8],
        actor_type=r[9],
        overrides=r[10],
        attrs=loads(r[11]) or {},
        id=r[0],
    )


class DictionaryManager:
    """Add, update, delete and look up project dictionary entries (each change audited)."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def get(self, entry_id: int) -> DictionaryEntry:
        row = self._p.conn.execute(f"SELECT {_COLS} FROM dictionary WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no dictionary entry {entry_id} in this project.")
        return _entry(row)

    def list(
        self, kind: str | None = None, offset: int = 0, limit: int = 1000
    ) -> builtins.list[DictionaryEntry]:
        where, params = ("kind = ?", [kind]) if kind else ("1", [])
        rows = self._p.conn.execute(
            f"SELECT {_COLS} FROM dictionary WHERE {where} ORDER BY kind, name LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [_entry(r) for r in rows]

    def lookup(self, name: str, kind: str | None = None) -> builtins.list[DictionaryEntry]:
        """Entries one of whose names equals `name` after normalization."""
        sql = (
            f"SELECT {', '.join('d.' + c.strip() for c in _COLS.split(','))} FROM dictionary_names n "
            "JOIN dictionary d ON d.id = n.entry_id WHERE n.norm = ?"
        )
        params: list[Any] = [normalize_word(name)]
        if kind:
            sql += " AND d.kind = ?"
            params.append(kind)
        return [_entry(r) for r in self._p.conn.execute(sql + " ORDER BY d.id", params)]

    def extraction_entries(self) -> builtins.list[dict[str, Any]]:
        """Every actor and place entry as the extraction pipeline takes them
        (`desktop.learning.extractor.ProjectExtractor`)."""
        return [e.to_json() for kind in KINDS for e in self.list(kind, limit=10**9)]

    def apply(self, entry_id: int, type_: str) -> builtins.list[int]:
        """Tag every mention of the entry's names in every article as an analyst entity of `type_`
        linked to the entry (one transaction); returns the ids of the entities added.

        A mention is a whole word, or one after a one-letter proclitic (و ب ل ف ك); spans already
        covered by an entity that is not rejected are left alone.
        """
        entry = self.get(entry_id)
        canonical_id = f"{entry.kind}:{entry.key}"
        added: builtins.list[int] = []
        with self._p.transaction():
            for surface in sorted({entry.name, *entry.aliases}, key=len, reverse=True):
                if not surface.strip():
                    continue
                for article_id in self._articles_mentioning(surface):
                    text = self._p.articles.get(article_id).text
                    taken = [
                        (e.start, e.end)
                        for e in self._p.entities.for_article(article_id)
                        if e.status != "rejected"
                    ]
                    for start in mentions(text, surface):
                        end = start + len(surface)
                        if any(s < end and start < e for s, e in taken):
                            continue
                        attrs = {"canonical": entry.name, "canonical_id": canonical_id}
                        added.append(self._p.entities.add(article_id, start, end, type_, attrs).id)
                        taken.append((start, end))
        return added

    def _articles_mentioning(self, surface: str) -> builtins.list[int]:
        try:
            ids: builtins.list[int] = []
            offset = 0
            while True:
                page = self._p.search(f'"{surface}"', None, offset, 500, "rank")
                batch = [hit.article_id for hit in page.hits]
                ids += batch
                offset += len(batch)
                if len(batch) < 500:
                    return ids
        except RasidError:  # a name the search syntax cannot hold: scan
            return [i for i in self._p.articles.ids() if surface in self._p.articles.get(i).text]

    def overrides(self, kind: str) -> dict[str, DictionaryEntry]:
        """Entries that override bundled ones, by the bundled id."""
        return {e.overrides: e for e in self.list(kind, limit=1_000_000) if e.overrides}

    def add(self, entry: DictionaryEntry) -> DictionaryEntry:
        _validate(entry)
        with self._p.transaction() as conn:
            try:
                cur = conn.execute(
                    "INSERT INTO dictionary (kind, key, name, aliases, latitude, longitude, admin1, country, "
                    "actor_type, overrides, attrs, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _values(entry),
                )
            except sqlite3.IntegrityError as exc:
                raise InputError(
                    f"The dictionary already has a {entry.kind} with key {entry.key!r}."
                ) from exc
            new = replace(entry, id=int(cur.lastrowid or 0))
            _write_names(conn, new)
            record(conn, "add", "dictionary", new.id, None, None, new.to_json())
        return new

    def update(self, entry: DictionaryEntry) -> DictionaryEntry:
        if entry.id is None:
            raise InputError("A dictionary entry needs its id to be updated.")
        _validate(entry)
        old = self.get(entry.id)
        with self._p.transaction() as conn:
            try:
                conn.execute(
                    "UPDATE dictionary SET kind = ?, key = ?, name = ?, aliases = ?, latitude = ?, longitude "
                    "= ?, "
                    "admin1 = ?, country = ?, actor_type = ?, overrides = ?, attrs = ?, updated_at = ? WHERE "
                    "id = ?",
                    (*_values(entry), entry.id),
                )
            except sqlite3.IntegrityError as exc:
                raise InputError(
                    f"The dictionary already has a {entry.kind} with key {entry.key!r}."
                ) from exc
            _write_names(conn, entry)
            record(conn, "update", "dictionary", entry.id, None, old.to_json(), entry.to_json())
        return entry

    def delete(self, entry_id: int) -> None:
        old = self.get(entry_id)
        with self._p.transaction() as conn:
            conn.execute("DELETE FROM dictionary WHERE id = ?", (entry_id,))
            record(conn, "delete", "dictionary", entry_id, None, old.to_json(), None)


def _validate(entry: DictionaryEntry) -> None:
    if entry.kind not in KINDS:
        raise InputError(f"A dictionary entry is an actor or a place, not {entry.kind!r}.")
    if not entry.key.strip() or not entry.name.strip():
        raise InputError("A dictionary entry needs a key and a name.")


def _values(e: DictionaryEntry) -> tuple[Any, ...]:
    return (
        e.kind,
        e.key,
        e.name,
        dumps(e.aliases),
        e.latitude,
        e.longitude,
        e.admin1,
        e.country,
        e.actor_type,
        e.overrides,
        dumps(e.attrs),
        now(),
    )


def _write_names(conn: sqlite3.Connection, entry: DictionaryEntry) -> None:
    conn.execute("DELETE FROM dictionary_names WHERE entry_id = ?", (entry.id,))
    for norm in entry.names():
        conn.execute(
            "INSERT OR IGNORE INTO dictionary_names (entry_id, norm) VALUES (?, ?)", (entry.id, norm)
        )


_WORD_CHAR = re.compile(r"\w")


def mentions(text: str, surface: str) -> builtins.list[int]:
    """Starts of `surface` in `text` not glued to a longer word (one-letter proclitics allowed)."""
    out: builtins.list[int] = []
    start = text.find(surface)
    while start >= 0:
        end = start + len(surface)
        before = text[start - 1] if start else " "
        before2 = text[start - 2] if start > 1 else " "
        after = text[end] if end < len(text) else " "
        proclitic = before in "وبلفك" and not _WORD_CHAR.match(before2)
        if (not _WORD_CHAR.match(before) or proclitic) and not _WORD_CHAR.match(after):
            out.append(start)
        start = text.find(surface, start + 1)
    return out
