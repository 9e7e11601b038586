"""Files that are not sound current projects are refused by the CLI in one sentence, bytes unchanged;
a full disk stops an import or export in one sentence with the project sound."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.export.sample import add_article
from desktop.store import Project
from desktop.store.schema import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]
TEXT = "قصفت طائرات حربية مدينة إدلب صباح الأحد وسقط {i} قتلى."


def _rasid(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, cwd=REPO, timeout=120
    )


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sound") / "p.rasid"
    with Project.create(path) as p:
        for i in range(150):
            add_article(p, f"a{i}", TEXT.format(i=i) * 30, title=f"خبر {i}")
    return path


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def _foreign(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO articles VALUES (1, 'x')")
    conn.commit()
    conn.close()


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 1000])


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(100_000))


def _zeroed_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = len(data) // 4096 // 2
    data[page * 4096 : (page + 1) * 4096] = bytes(4096)
    path.write_bytes(bytes(data))


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "newer-user-version": (_newer, "newer version of Rasid"),
    "foreign-sqlite": (_foreign, "another application"),
    "truncated": (_truncated, "damaged"),
    "random-bytes": (_random_bytes, "not a Rasid project"),
    "zeroed-page": (_zeroed_page, "damaged"),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", ["import", "stats", "export"])
def test_refused_in_one_sentence_bytes_unchanged(
    sound: Path, tmp_path: Path, case: str, command: str
) -> None:
    damage, words = CASES[case]
    path = tmp_path / "p.rasid"
    shutil.copy(sound, path)
    damage(path)
    before = path.read_bytes()
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "n", "text": TEXT.format(i=1)}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    args = {
        "import": ["import", str(path), str(src), "-j", "1"],
        "stats": ["stats", str(path)],
        "export": ["export", str(path), "-f", "json", "-o", str(tmp_path / "out.json")],
    }[command]
    proc = _rasid(*args)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], proc.stderr
    assert path.read_bytes() == before
    assert not (tmp_path / "out.json").exists()


def _tmpfs(mount: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    mount.mkdir()
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True
    )
    return proc.returncode == 0


def test_full_disk_stops_import_and_export_in_one_sentence(tmp_path: Path) -> None:
    mount = tmp_path / "small"
    if not _tmpfs(mount, "3m"):
        pytest.skip("a full disk needs a small tmpfs: not root, or `mount -t tmpfs` is not permitted here")
    try:
        path = mount / "p.rasid"
        _rasid("project", "new", str(path))
        src = tmp_path / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i in range(3000):
                text = TEXT.format(i=i) * 20 + f" {i}"
                fh.write(json.dumps({"id": f"f{i}", "text": text}, ensure_ascii=False) + "\n")
        proc = _rasid("import", str(path), str(src), "-j", "1")
        assert proc.returncode == 1, proc.stdout + proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "full" in lines[0], proc.stderr
        with Project.open(path, read_only=True) as p:
            assert p.integrity_check() == "ok"
            kept = p.articles.count()
        assert kept > 0
        for fmt in ("json", "xlsx", "pdf"):  # xlsx once left openpyxl's tracebacks on the terminal
            out = mount / f"out.{fmt}"
            proc = _rasid("export", str(path), "-f", fmt, "-o", str(out))
            assert proc.returncode == 1, proc.stdout + proc.stderr
            assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
            assert not out.exists() and not [f for f in os.listdir(mount) if ".part" in f]
        with Project.open(path, read_only=True) as p:
            assert p.integrity_check() == "ok" and p.articles.count() == kept
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_read_only_project_file_is_read_but_never_written(sound: Path) -> None:
    """A project file without write permission (for another user: root ignores modes, so the CLI
    runs as `nobody` when the tests run as root): import is refused in one sentence before anything
    is written, stats works, export falls back to read-only and says so; the bytes stay the same."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            raise AssertionError("setpriv (util-linux) is needed to run the CLI as another user")
        prefix = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"]
    folder = Path(tempfile.mkdtemp(prefix="rasid-rofile-"))
    try:
        os.chmod(folder, 0o777)  # the folder is writable: only the file is not
        home = folder / "home"
        home.mkdir(mode=0o777)
        os.chmod(home, 0o777)
        path = folder / "p.rasid"
        shutil.copy(sound, path)
        os.chmod(path, 0o444)
        src = folder / "in.jsonl"
        src.write_text(json.dumps({"id": "n", "text": TEXT.format(i=1)}, ensure_ascii=False) + "\n")
        os.chmod(src, 0o644)
        before = path.read_bytes()
        env = {**os.environ, "RASID_HOME": str(home), "HOME": str(home)}

        def run(*args: str) -> subprocess.CompletedProcess[str]:
            argv = [*prefix, sys.executable, "-m", "desktop", *args]
            return subprocess.run(argv, capture_output=True, text=True, cwd=REPO, env=env, timeout=120)

        proc = run("import", str(path), str(src), "-j", "1")
        assert proc.returncode == 1 and proc.stdout == "", proc.stdout + proc.stderr
        assert proc.stderr.strip() == (
            "rasid: p.rasid is a read-only file; open the project read-only, or make the file writable."
        )
        assert not (folder / "p.rasid.lock").exists()
        proc = run("stats", str(path))
        assert proc.returncode == 0 and "articles: 150" in proc.stdout, proc.stdout + proc.stderr
        out = home / "out.csv"
        proc = run("export", str(path), "-f", "acled-csv", "-o", str(out))
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr.strip().splitlines() == [
            "rasid: the project cannot be written here; exporting read-only (new event ids are provisional)."
        ]
        assert out.stat().st_size > 0
        assert path.read_bytes() == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)
