"""A sound project whose last writes are still in its -wal (a crash or a full disk during the final
checkpoint) opens with every article; a damaged one is still refused untouched."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.errors import ProjectFormatError
from desktop.export.sample import add_article
from desktop.store import Project

PAGE = 4096
N = 120


def _articles(p: Project, start: int, n: int) -> None:
    for i in range(start, start + n):
        text = f"قصفت طائرات مسيرة مواقع في ريف الموصل وسقط {i} قتلى. " * 20
        add_article(p, f"w{i}", text, title=f"خبر {i}")


def _crash_snapshot(tmp_path: Path) -> Path:
    """Copy a project (file and -wal) while its writer holds uncheckpointed frames, as a crash leaves it."""
    src = tmp_path / "live" / "p.rasid"
    src.parent.mkdir()
    with Project.create(src) as p:
        _articles(p, 0, 20)
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        p.conn.execute("PRAGMA wal_autocheckpoint = 0")
        _articles(p, 20, N - 20)
        dst = tmp_path / "crash" / "p.rasid"
        dst.parent.mkdir()
        shutil.copy(src, dst)
        shutil.copy(str(src) + "-wal", str(dst) + "-wal")
    return dst


def _half_checkpoint(path: Path) -> None:
    """What a checkpoint cut short after its first write leaves: page 1 (the header, with the new page
    count) copied from the -wal into the main file, the other pages still only in the -wal."""
    wal = Path(str(path) + "-wal").read_bytes()
    page_size = int.from_bytes(wal[8:12], "big")
    last = None
    offset = 32
    while offset + 24 + page_size <= len(wal):
        if int.from_bytes(wal[offset : offset + 4], "big") == 1:
            last = wal[offset + 24 : offset + 24 + page_size]
        offset += 24 + page_size
    assert last is not None
    with path.open("r+b") as fh:
        fh.write(last)


def _pages(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return int.from_bytes(data[28:32], "big"), len(data) // PAGE


def test_uncheckpointed_wal_opens_with_every_article(tmp_path: Path) -> None:
    path = _crash_snapshot(tmp_path)
    with Project.open(path) as p:
        assert p.integrity_check() == "ok"
        assert p.articles.count() == N


def test_checkpoint_cut_short_is_not_refused(tmp_path: Path) -> None:
    path = _crash_snapshot(tmp_path)
    _half_checkpoint(path)
    in_header, in_file = _pages(path)
    assert in_header > in_file  # what the old header check took for a truncated file
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:  # SQLite itself: sound
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Project.open(path, read_only=True) as p:
        assert p.articles.count() == N
    with Project.open(path) as p:
        assert p.integrity_check() == "ok"
        assert p.articles.count() == N
        assert {a.external_id for a in p.articles.list(limit=N)} == {f"w{i}" for i in range(N)}
    # closing checkpointed the -wal into the file: the header agrees with the file again
    in_header, in_file = _pages(path)
    assert in_header == in_file


def test_truncated_file_beside_a_wal_is_still_refused_untouched(tmp_path: Path) -> None:
    path = _crash_snapshot(tmp_path)
    _half_checkpoint(path)
    data = path.read_bytes()
    path.write_bytes(data[: 3 * PAGE])  # pages the -wal does not hold are gone
    before = (path.read_bytes(), Path(str(path) + "-wal").read_bytes())
    with pytest.raises(ProjectFormatError, match="damaged"):
        Project.open(path)
    assert (path.read_bytes(), Path(str(path) + "-wal").read_bytes()) == before
