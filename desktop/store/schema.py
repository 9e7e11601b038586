"""The project file's schema: its identity (application_id), version (user_version) and ordered migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop.errors import ProjectFormatError

# "RASD" in ASCII: written into the SQLite header (offset 68) of every project file.
APPLICATION_ID = 0x52415344
SQLITE_MAGIC = b"SQLite format 3\x00"

_V1 = """
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    external_id     TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL DEFAULT '',
    date            TEXT,
    source          TEXT NOT NULL DEFAULT '',
    url             TEXT NOT NULL DEFAULT '',
    import_file     TEXT NOT NULL DEFAULT '',
    text            TEXT NOT NULL,
    content_hash    TEXT NOT NULL UNIQUE,
    minhash         BLOB,
    near_dup_of     INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    near_dup_score  REAL,
    imported_at     TEXT NOT NULL,
    extracted_at    TEXT
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_near_dup ON articles(near_dup_of) WHERE near_dup_of IS NOT NULL;

-- Locality-sensitive band hashes of each article's MinHash signature (near-duplicate candidates).
CREATE TABLE article_bands (
    band        INTEGER NOT NULL,
    hash        INTEGER NOT NULL,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, article_id)
) WITHOUT ROWID;
CREATE INDEX article_bands_article ON article_bands(article_id);

CREATE TABLE entities (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    type            TEXT NOT NULL,
    text            TEXT NOT NULL,
    norm            TEXT NOT NULL,
    canonical_id    TEXT,
    canonical_name  TEXT,
    attrs           TEXT NOT NULL DEFAULT '{}',
    origin          TEXT NOT NULL CHECK (origin IN ('auto', 'analyst')),
    status          TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'rejected', 'edited')),
    updated_at      TEXT NOT NULL,
    CHECK (0 <= start AND start <= end)
);
CREATE INDEX entities_article ON entities(article_id, start);
CREATE INDEX entities_norm ON entities(norm);
CREATE INDEX entities_canonical ON entities(canonical_id) WHERE canonical_id IS NOT NULL;
CREATE INDEX entities_status ON entities(status) WHERE status != 'new';

CREATE TABLE incidents (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    evidence_start  INTEGER,
    evidence_end    INTEGER,
    confidence      REAL,
    origin          TEXT NOT NULL CHECK (origin IN ('auto', 'analyst')),
    status          TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'rejected', 'edited')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX incidents_article ON incidents(article_id);
CREATE INDEX incidents_status ON incidents(status);

-- One row per incident field: the machine value and the analyst's value (JSON text; SQL NULL means
-- "not set", JSON 'null' means "set to nothing"), each with its evidence span.
CREATE TABLE incident_fields (
    incident_id     INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    machine_value   TEXT,
    machine_start   INTEGER,
    machine_end     INTEGER,
    analyst_value   TEXT,
    analyst_start   INTEGER,
    analyst_end     INTEGER,
    value           TEXT GENERATED ALWAYS AS (COALESCE(analyst_value, machine_value)) VIRTUAL,
    PRIMARY KEY (incident_id, name)
) WITHOUT ROWID;
CREATE INDEX incident_fields_value ON incident_fields(name, value);

CREATE TABLE tags (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE
);
CREATE TABLE article_tags (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag_id);

CREATE TABLE notes (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Project-level actors and places: extend the bundled resources or override one of their entries.
CREATE TABLE dictionary (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('actor', 'place')),
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    aliases     TEXT NOT NULL DEFAULT '[]',
    latitude    REAL,
    longitude   REAL,
    admin1      TEXT,
    country     TEXT,
    actor_type  TEXT,
    overrides   TEXT,
    attrs       TEXT NOT NULL DEFAULT '{}',
    updated_at  TEXT NOT NULL,
    UNIQUE (kind, key)
);
CREATE TABLE dictionary_names (
    entry_id    INTEGER NOT NULL REFERENCES dictionary(id) ON DELETE CASCADE,
    norm        TEXT NOT NULL,
    PRIMARY KEY (norm, entry_id)
) WITHOUT ROWID;

CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL,
    target_id   INTEGER,
    article_id  INTEGER,
    old         TEXT,
    new         TEXT
);
CREATE INDEX audit_target ON audit(target, target_id);

CREATE TABLE meta (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);

-- Full-text index over a derived search text (normalized tokens; their clitic-stripped forms in
-- `base`, token-aligned so phrases match in either column). rowid = articles.id. The index is
-- contentless; the indexed text is kept zlib-compressed in `article_search` so that an article can
-- be removed from the index exactly as it was added (FTS5 'delete' needs the old values).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    full, base, content = '', tokenize = "unicode61 remove_diacritics 0"
);
CREATE TABLE article_search (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    data        BLOB NOT NULL
);
"""

# Version 2: what is not an incident field gets its own place. The trigger span and the rule ids
# become columns of `incidents`; rows of `incident_fields` named after them (or after the
# evidence and confidence, which already had columns) move there or go. Entity attributes take the
# one vocabulary of `desktop.records.ENTITY_ATTRIBUTES`: `latitude`/`longitude` -> `lat`/`lon`,
# `actor_type` -> `inter`, `canonical_name` -> `canonical`.
_V2 = """
ALTER TABLE incidents ADD COLUMN trigger_start INTEGER;
ALTER TABLE incidents ADD COLUMN trigger_end INTEGER;
ALTER TABLE incidents ADD COLUMN rules TEXT NOT NULL DEFAULT '[]';
UPDATE incidents SET
    trigger_start = (SELECT json_extract(f.machine_value, '$.start') FROM incident_fields f
                     WHERE f.incident_id = incidents.id AND f.name = 'trigger'),
    trigger_end = (SELECT json_extract(f.machine_value, '$.end') FROM incident_fields f
                   WHERE f.incident_id = incidents.id AND f.name = 'trigger')
WHERE id IN (SELECT incident_id FROM incident_fields WHERE name = 'trigger' AND json_valid(machine_value));
UPDATE incidents SET
    rules = (SELECT f.machine_value FROM incident_fields f
             WHERE f.incident_id = incidents.id AND f.name = 'rules')
WHERE id IN (SELECT incident_id FROM incident_fields
             WHERE name = 'rules' AND json_valid(machine_value) AND json_type(machine_value) = 'array');
DELETE FROM incident_fields WHERE name IN ('trigger', 'rules', 'confidence', 'evidence', 'fields_evidence');
UPDATE entities SET attrs = json_remove(
    json_set(attrs, '$.lat', json_extract(attrs, '$.latitude')), '$.latitude')
WHERE json_valid(attrs) AND json_type(attrs, '$.latitude') IS NOT NULL;
UPDATE entities SET attrs = json_remove(
    json_set(attrs, '$.lon', json_extract(attrs, '$.longitude')), '$.longitude')
WHERE json_valid(attrs) AND json_type(attrs, '$.longitude') IS NOT NULL;
UPDATE entities SET attrs = json_remove(
    json_set(attrs, '$.inter', CAST(json_extract(attrs, '$.actor_type') AS INTEGER)), '$.actor_type')
WHERE json_valid(attrs) AND json_type(attrs, '$.actor_type') IS NOT NULL;
UPDATE entities SET attrs = json_remove(
    json_set(attrs, '$.canonical', json_extract(attrs, '$.canonical_name')), '$.canonical_name')
WHERE json_valid(attrs) AND json_type(attrs, '$.canonical_name') IS NOT NULL;
"""

# Version 3: what the analyst teaches. An article marked reviewed is training data (its entities and
# incidents are the analyst's decisions); a project's own models, trained from its reviewed
# articles, are kept with a record of what they learned from and how well they did.
_V3 = """
CREATE TABLE article_reviews (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    reviewed_at TEXT NOT NULL
);
CREATE TABLE models (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('entities', 'incidents')),
    created_at  TEXT NOT NULL,
    manifest    TEXT NOT NULL DEFAULT '{}',
    data        BLOB NOT NULL,
    active      INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX models_active ON models(kind) WHERE active = 1;
"""

Migration = Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Migration:
    def run(conn: sqlite3.Connection) -> None:
        for statement in _statements(sql):
            conn.execute(statement)

    return run


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements (executescript would commit the open transaction)."""
    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


# Ordered: MIGRATIONS[i] takes a project from user_version i to i + 1. Never edit a released entry.
MIGRATIONS: list[Migration] = [_script(_V1), _script(_V2), _script(_V3)]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations, each in its own transaction; returns the resulting version."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version


def check_header(path: Path) -> bool:
    """Refuse a file that is not a Rasid project, by reading its header bytes only (never writing).

    Raises ProjectFormatError for a non-SQLite file, a foreign SQLite database, a truncated file or
    one written by a newer Rasid. Returns True when the size check is left to SQLite: the page count
    in the header disagrees with the file, but a `-wal` beside it holds committed frames (a crash or a
    full disk during a checkpoint writes the new header first and leaves the rest in the `-wal`, which
    SQLite replays). The caller then runs `PRAGMA quick_check` on a read-only connection.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
            size = fh.seek(0, 2)
    except OSError as exc:
        raise ProjectFormatError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    if len(header) < 100 or header[:16] != SQLITE_MAGIC:
        raise ProjectFormatError(f"{path} is not a Rasid project (it is not an SQLite database file).")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise ProjectFormatError(f"{path} is an SQLite database of another application, not a Rasid project.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    verify = False
    if page_size < 512 or page_size & (page_size - 1):
        raise ProjectFormatError(f"{path} is damaged (the file is truncated or corrupt); open a backup copy.")
    if size % page_size or pages * page_size > size:
        if not _wal_has_frames(path, page_size):
            raise ProjectFormatError(
                f"{path} is damaged (the file is truncated or corrupt); open a backup copy."
            )
        verify = True
    version = int.from_bytes(header[60:64], "big")
    if version > SCHEMA_VERSION:
        raise ProjectFormatError(
            f"{path} was written by a newer version of Rasid (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); update Rasid to open it."
        )
    return verify


# A -wal file starts with a 32-byte header; each frame is a 24-byte header and one page.
_WAL_MAGIC = (0x377F0682, 0x377F0683)


def _wal_has_frames(path: Path, page_size: int) -> bool:
    """Whether `path`-wal is a write-ahead log of this page size holding at least one frame."""
    wal = Path(str(path) + "-wal")
    try:
        with wal.open("rb") as fh:
            header = fh.read(32)
            size = fh.seek(0, 2)
    except OSError:
        return False
    if len(header) < 32 or int.from_bytes(header[:4], "big") not in _WAL_MAGIC:
        return False
    return int.from_bytes(header[8:12], "big") == page_size and size >= 32 + 24 + page_size
