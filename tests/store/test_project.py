"""Project file lifecycle and safety: identity, locking, refusal of foreign/corrupt/newer files, rollback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.errors import (
    ProjectError,
    ProjectFormatError,
    ProjectFullError,
    ProjectLockedError,
    ProjectReadOnlyError,
)
from desktop.store import Project
from desktop.store.dictionary import DictionaryEntry
from desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]


def test_create_sets_identity_version_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "p.rasid"
    with Project.create(path) as p:
        conn = p.conn
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert p.closed
    with Project.open(path) as p:
        assert p.articles.count() == 0
        assert p.integrity_check() == "ok"


def test_create_refuses_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "p.rasid"
    path.write_text("notes", encoding="utf-8")
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path)
    assert path.read_text(encoding="utf-8") == "notes"


def test_open_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "nope.rasid")


def _open_in_subprocess(path: Path, read_only: bool) -> subprocess.CompletedProcess[str]:
    code = textwrap.dedent(f"""
        from desktop.errors import ProjectLockedError
        from desktop.store import Project
        try:
            with Project.open({str(path)!r}, read_only={read_only}) as p:
                print("opened", p.articles.count())
        except ProjectLockedError as exc:
            print("locked:", exc)
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)


def test_second_process_gets_locked_error_but_can_read(tmp_path: Path) -> None:
    path = tmp_path / "p.rasid"
    with Project.create(path):
        out = _open_in_subprocess(path, read_only=False)
        assert out.stdout.startswith("locked:"), out.stderr
        assert "already open" in out.stdout
        out = _open_in_subprocess(path, read_only=True)
        assert out.stdout.strip() == "opened 0", out.stderr
    out = _open_in_subprocess(path, read_only=False)
    assert out.stdout.strip() == "opened 0", out.stderr


def test_second_open_in_same_process_is_locked(tmp_path: Path) -> None:
    path = tmp_path / "p.rasid"
    with Project.create(path), pytest.raises(ProjectLockedError):
        Project.open(path)


def test_a_symlink_to_an_open_project_finds_its_lock(tmp_path: Path) -> None:
    """Two names for one file are one project: the lock lives beside the real file."""
    path = tmp_path / "p.rasid"
    other = tmp_path / "elsewhere"
    other.mkdir()
    link = other / "link.rasid"
    link.symlink_to(path)
    with Project.create(path), pytest.raises(ProjectLockedError):
        Project.open(link)
    with Project.open(link) as p:  # once closed, the link opens it like the real name
        assert p.articles.count() == 0
    assert not (other / "link.rasid.lock").exists()


def _refused_untouched(path: Path, error: type[Exception], match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(error, match=match):
        Project.open(path)
    with pytest.raises(error):
        Project.open(path, read_only=True)
    assert path.read_bytes() == before
    assert not Path(str(path) + "-wal").exists()


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.rasid"
    path.write_text("هذا ملف نصي وليس مشروعاً.\n" * 20, encoding="utf-8")
    _refused_untouched(path, ProjectFormatError, "not a Rasid project")


def test_random_bytes_are_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "junk.rasid"
    path.write_bytes(os.urandom(8192))
    _refused_untouched(path, ProjectFormatError, "not a Rasid project")


def test_foreign_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    _refused_untouched(path, ProjectFormatError, "another application")


def test_truncated_project_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.rasid"
    with Project.create(path) as p, p.transaction() as conn:
        conn.execute("CREATE TABLE filler (x)")
        conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    _refused_untouched(path, ProjectFormatError, "damaged")


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.rasid"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    _refused_untouched(path, ProjectFormatError, "newer version")


def test_transaction_rolls_back_on_error(project: Project) -> None:
    with pytest.raises(RuntimeError), project.transaction() as conn:
        conn.execute("INSERT INTO tags (name) VALUES ('x')")
        raise RuntimeError("boom")
    assert project.tags.all() == []


def test_full_disk_rolls_back_with_clear_error(filled: Project) -> None:
    article = filled.articles.list(limit=1)[0]
    pages = filled.conn.execute("PRAGMA page_count").fetchone()[0]
    filled.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(ProjectFullError, match="full; the last action was rolled back"):
        filled.notes.set(article.id, "ملاحظة طويلة " * 20000)
    filled.conn.execute("PRAGMA max_page_count = 1073741823")
    assert filled.notes.get(article.id) == ""
    assert filled.audit.count() == 0
    filled.notes.set(article.id, "ملاحظة قصيرة")
    assert filled.notes.get(article.id) == "ملاحظة قصيرة"


def test_read_only_project_refuses_writes(filled: Project) -> None:
    path = filled.path
    aid = filled.articles.list(limit=1)[0].id
    filled.close()
    with Project.open(path, read_only=True) as ro:
        assert ro.articles.count() == 4
        with pytest.raises(ProjectReadOnlyError, match="read-only"):
            ro.tags.set(aid, ["مهم"])


def test_save_copy_uses_backup(filled: Project, tmp_path: Path) -> None:
    copy = filled.save_copy(tmp_path / "copy.rasid")
    filled.close()
    with Project.open(copy) as p:
        assert p.articles.count() == 4
        assert p.search("الموصل").total == 1


def test_read_only_folder(read_only_folder: tuple[Path, Callable[[], None]]) -> None:
    """In a read-only folder: opening for writing fails clearly, a read-only view works, and
    creating a project there fails clearly without leaving files."""
    folder, make_read_only = read_only_folder
    path = folder / "p.rasid"
    with Project.create(path) as p:
        p.dictionary.add(DictionaryEntry(kind="place", key="mosul", name="الموصل"))
    make_read_only()
    with pytest.raises(ProjectReadOnlyError, match="read-only"):
        Project.open(path)
    with Project.open(path, read_only=True) as ro:
        assert [e.name for e in ro.dictionary.list()] == ["الموصل"]
        with pytest.raises(ProjectReadOnlyError):
            ro.notes.set(1, "x")
    with pytest.raises(ProjectError, match=r"read-only|cannot be written"):
        Project.create(folder / "new.rasid")
    assert not (folder / "new.rasid").exists()


def test_write_fails_when_file_becomes_read_only(filled: Project) -> None:
    """A write refused by the OS (simulated: the connection is switched to query-only) rolls back."""
    aid = filled.articles.list(limit=1)[0].id
    filled.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(ProjectReadOnlyError, match="rolled back"):
        filled.tags.set(aid, ["مهم"])
    filled.conn.execute("PRAGMA query_only = OFF")
    assert filled.tags.of(aid) == []
    assert filled.audit.count() == 0


def test_migrations_run_in_order_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.store import project as project_module
    from desktop.store import schema

    path = tmp_path / "p.rasid"
    Project.create(path).close()

    def next_version(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE saved_searches (id INTEGER PRIMARY KEY, query TEXT NOT NULL)")

    newer = schema.SCHEMA_VERSION + 1
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, next_version])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", newer)
    monkeypatch.setattr(project_module, "SCHEMA_VERSION", newer)
    with pytest.raises(ProjectFormatError, match="older version"):
        Project.open(path, read_only=True)
    with Project.open(path) as p:
        assert p.conn.execute("PRAGMA user_version").fetchone()[0] == newer
        p.conn.execute("SELECT * FROM saved_searches").fetchall()
