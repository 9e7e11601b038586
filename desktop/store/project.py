"""The `Project`: one SQLite file holding articles, annotations, analyst work and its audit trail.

One `Project` owns the connection; managers hang off it (`project.articles`, `.entities`,
`.incidents`, `.tags`, `.notes`, `.dictionary`, `.audit`) and every write goes through
`project.transaction()`, which wraps one user action and turns SQLite failures (full disk,
read-only folder, damaged file) into typed `ProjectError`s after rolling back.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from desktop.errors import (
    ProjectError,
    ProjectFormatError,
    ProjectFullError,
    ProjectReadOnlyError,
)
from desktop.store.articles import ArticleFilter, ArticleManager
from desktop.store.audit import AuditLog
from desktop.store.dictionary import DictionaryManager
from desktop.store.entities import EntityManager
from desktop.store.incidents import IncidentManager
from desktop.store.learning import ModelManager, ReviewManager
from desktop.store.lock import ProjectLock
from desktop.store.notes import NoteManager, TagManager
from desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION, check_header, migrate

if TYPE_CHECKING:
    from desktop.store.search import SearchPage

log = logging.getLogger(__name__)


def translate_sqlite_error(exc: sqlite3.Error, path: Path) -> ProjectError:
    """A clear, typed error for an SQLite failure during an action on the project at `path`."""
    msg = str(exc).lower()
    if "full" in msg:
        return ProjectFullError(f"The disk holding {path.name} is full; the last action was rolled back.")
    if "readonly" in msg or "read-only" in msg or "unable to open" in msg or "permission" in msg:
        return ProjectReadOnlyError(
            f"{path.name} cannot be written (read-only file or folder); the last action was rolled back."
        )
    if "malformed" in msg or "not a database" in msg or "corrupt" in msg:
        return ProjectFormatError(f"{path.name} is damaged ({exc}); open a backup copy.")
    if "locked" in msg or "busy" in msg:
        return ProjectError(f"{path.name} is busy in another process; try again in a moment.")
    return ProjectError(f"The project {path.name} could not be changed ({exc}); the action was rolled back.")


class Project:
    """An open project file. Use `Project.create` / `Project.open`, ideally as a context manager."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, lock: ProjectLock | None, read_only: bool
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._conn: sqlite3.Connection | None = conn
        self._lock = lock
        self._depth = 0
        self._thread = threading.get_ident()
        self.articles = ArticleManager(self)
        self.entities = EntityManager(self)
        self.incidents = IncidentManager(self)
        self.tags = TagManager(self)
        self.notes = NoteManager(self)
        self.dictionary = DictionaryManager(self)
        self.audit = AuditLog(self)
        self.reviews = ReviewManager(self)
        self.models = ModelManager(self)

    # --- opening and closing ---------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path) -> Project:
        """A new, empty project at `path` (which must not exist yet)."""
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path} already exists; choose another name or open it.")
        if not path.parent.is_dir():
            raise ProjectError(f"The folder {path.parent} does not exist.")
        lock = ProjectLock(path)
        lock.acquire()
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            lock.release()
            raise translate_sqlite_error(exc, path) from exc
        try:
            conn.execute("PRAGMA page_size = 4096")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("PRAGMA journal_mode = WAL")
            _configure(conn)
            migrate(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            conn.close()
            lock.release()
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            raise translate_sqlite_error(exc, path) from exc
        log.info("created project %s", path)
        return cls(path, conn, lock, read_only=False)

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> Project:
        """Open an existing project; a file that is not a current Rasid project is refused untouched."""
        path = Path(path)
        if not path.exists():
            raise ProjectError(f"{path} does not exist.")
        if path.is_dir():
            raise ProjectError(f"{path} is a folder, not a project file.")
        verify = check_header(path)
        if not read_only and not os.access(path, os.W_OK):  # before SQLite makes sidecars beside it
            raise ProjectReadOnlyError(
                f"{path.name} is a read-only file; open the project read-only, or make the file writable."
            )
        lock: ProjectLock | None = None
        if not read_only:
            lock = ProjectLock(path)
            lock.acquire()
        try:
            if verify:
                _verify_beside_wal(path)
            conn = _connect(path, read_only)
        except (sqlite3.Error, ProjectError) as exc:
            if lock:
                lock.release()
            if isinstance(exc, ProjectError):
                raise
            raise translate_sqlite_error(exc, path) from exc
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise ProjectFormatError(f"{path} is not a Rasid project.")
            if version > SCHEMA_VERSION:
                raise ProjectFormatError(
                    f"{path} was written by a newer version of Rasid (schema {version}); update Rasid to "
                    f"open it."
                )
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            _quick_check(path, conn)
            if version < SCHEMA_VERSION:
                if read_only:
                    raise ProjectFormatError(
                        f"{path} was written by an older version of Rasid; open it once for writing to "
                        f"upgrade it."
                    )
                migrate(conn)
        except (sqlite3.Error, ProjectError) as exc:
            conn.close()
            if lock:
                lock.release()
            if isinstance(exc, ProjectError):
                raise
            raise translate_sqlite_error(exc, path) from exc
        return cls(path, conn, lock, read_only=read_only)

    def close(self) -> None:
        """Checkpoint and close the connection, then release the lock (safe to call twice)."""
        if self._conn is None:
            return
        try:
            if not self.read_only:
                try:
                    self._conn.execute("PRAGMA optimize")
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except sqlite3.Error:  # the -wal keeps the work; the next open checkpoints it
                    log.info("could not checkpoint %s on close", self.path, exc_info=True)
            self._conn.close()
        finally:
            self._conn = None
            if self._lock:
                self._lock.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ProjectError(f"The project {self.path.name} is closed.")
        return self._conn

    @property
    def closed(self) -> bool:
        return self._conn is None

    # --- transactions ----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One user action: all of it is written, or (on any error) none of it. Nested calls join."""
        conn = self.conn
        if self.read_only:
            raise ProjectReadOnlyError(
                f"{self.path.name} is open read-only; reopen it for writing to change it."
            )
        if self._depth:
            self._depth += 1
            try:
                yield conn
            finally:
                self._depth -= 1
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, self.path) from exc
        self._depth = 1
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                log.debug("rollback failed", exc_info=True)
            if isinstance(exc, sqlite3.Error):
                raise translate_sqlite_error(exc, self.path) from exc
            raise
        finally:
            self._depth = 0

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read query, with SQLite failures turned into typed errors."""
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, self.path) from exc

    # --- whole-project operations ------------------------------------------------------------

    def save_copy(self, target: str | Path) -> Path:
        """A consistent copy of the project at `target` (SQLite backup API; works while open)."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise ProjectError("A copy cannot overwrite the project itself.")
        try:
            dest = sqlite3.connect(target)
            try:
                self.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = WAL")
            finally:
                dest.close()
        except sqlite3.Error as exc:
            target.unlink(missing_ok=True)
            raise translate_sqlite_error(exc, target) from exc
        return target

    def integrity_check(self) -> str:
        """`ok`, or SQLite's description of the damage."""
        rows = self.query("PRAGMA integrity_check")
        return "; ".join(str(r[0]) for r in rows)

    def open_worker(self) -> Project:
        """A second `Project` on the same file, under the lock this one holds, for one background
        thread (an import, an export) to write through while this one keeps serving its own thread.

        Two threads never share one `sqlite3.Connection` (its statement cache and the transaction
        depth are not thread-safe); WAL lets the other connection read while the worker writes.
        Close it when the work is done; closing it leaves the lock to this project.
        """
        if self.read_only:
            raise ProjectReadOnlyError(
                f"{self.path.name} is open read-only; reopen it for writing to change it."
            )
        _ = self.conn  # a closed project opens no more connections
        try:
            return Project(self.path, _connect(self.path, False), None, read_only=False)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, self.path) from exc

    def open_reader(self) -> Project:
        """A read-only `Project` on the same file for one background reader; close it after."""
        _ = self.conn  # a closed project opens no more connections
        try:
            # beside this process's writer a reader must see its commits; beside a read-only view
            # (a read-only folder) it may be `immutable` like the view, or it could not open at all
            conn = _connect(self.path, True, snapshot_safe=not self.read_only)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, self.path) from exc
        return Project(self.path, conn, None, read_only=True)

    def search(
        self,
        query: str = "",
        filters: ArticleFilter | None = None,
        offset: int = 0,
        limit: int = 20,
        order_by: str = "rank",
    ) -> SearchPage:
        """Articles matching `query` (see `desktop.store.search`) and `filters`, one page at a time."""
        from desktop.store.search import search

        return search(self, query, filters, offset, limit, order_by)

    def _one(self, sql: str) -> Any:
        return self.query(sql)[0][0]

    def stats(self) -> dict[str, Any]:
        """Counts for a project overview (articles, entities and incidents by status, tags, size)."""
        out: dict[str, Any] = {
            "path": str(self.path),
            "schema_version": self._one("PRAGMA user_version"),
            "articles": self._one("SELECT count(*) FROM articles"),
            "near_duplicates": self._one("SELECT count(*) FROM articles WHERE near_dup_of IS NOT NULL"),
            "articles_with_incidents": self._one(
                "SELECT count(DISTINCT article_id) FROM incidents WHERE status != 'rejected'"
            ),
            "entities": {
                r[0]: r[1] for r in self.query("SELECT status, count(*) FROM entities GROUP BY status")
            },
            "entity_types": {
                r[0]: r[1] for r in self.query("SELECT type, count(*) FROM entities GROUP BY type")
            },
            "incidents": {
                r[0]: r[1] for r in self.query("SELECT status, count(*) FROM incidents GROUP BY status")
            },
            "tags": self._one("SELECT count(*) FROM tags"),
            "notes": self._one("SELECT count(*) FROM notes"),
            "dictionary_entries": self._one("SELECT count(*) FROM dictionary"),
            "audit_rows": self._one("SELECT count(*) FROM audit"),
            "size_bytes": self.path.stat().st_size,
        }
        return out


def _configure(conn: sqlite3.Connection) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA busy_timeout = 2000")
    conn.execute("PRAGMA cache_size = -32000")
    conn.execute("PRAGMA temp_store = MEMORY")


def _connect(path: Path, read_only: bool, snapshot_safe: bool = False) -> sqlite3.Connection:
    """A configured connection; `snapshot_safe` for a reader beside a writer of this process (never
    `immutable`)."""
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        wal = Path(str(path) + "-wal")
        if not snapshot_safe and not wal.exists() and not _writable_dir(path.parent):
            uri += "&immutable=1"  # a closed project in a read-only folder: nobody can be writing it
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout = 2000")
        conn.execute("PRAGMA cache_size = -32000")  # as the writer's: a reader serves the GUI's lists
        conn.execute("PRAGMA temp_store = MEMORY")
        return conn
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    _configure(conn)
    return conn


def _quick_check(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse a project damaged in the middle (random bytes, a zeroed page) before anything is
    written: `PRAGMA quick_check` reads every page (about a second per few hundred MB) but, unlike
    the header check, finds damage anywhere in the file."""
    rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(20)").fetchall()]
    # SQLite 3.40 reports "NULL value in T.C" for sound WITHOUT ROWID tables whose key columns are
    # declared in another order (dictionary_names): a constraint check, not damage to the file.
    damage = [r for r in rows if r != "ok" and not r.startswith("NULL value in ")]
    result = "; ".join(damage[:3])
    if damage:
        raise ProjectFormatError(f"{path} is damaged ({result[:120]}); open a backup copy.")


def _verify_beside_wal(path: Path) -> None:
    """The header disagrees with the file but a -wal holds the rest: SQLite's quick check decides.

    Run on a read-only connection (which reads the -wal and never checkpoints, not even on close),
    before a writable one is opened: a damaged file raises ProjectFormatError and stays unchanged."""
    try:
        conn = _connect(path, True, snapshot_safe=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ProjectFormatError(f"{path} is damaged ({exc}); open a backup copy.") from exc
    result = "; ".join(str(r[0]) for r in rows[:3])
    if result != "ok":
        raise ProjectFormatError(f"{path} is damaged ({result}); open a backup copy.")
    log.info("%s: its -wal completes the main file; quick check ok", path)


def _writable_dir(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK)
