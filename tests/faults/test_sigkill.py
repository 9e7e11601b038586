"""Seeded SIGKILL trials during import, re-extraction, analyst edits and export: after each the
project passes `PRAGMA integrity_check`, a rerun duplicates nothing, committed edits are all there,
and the earlier export file is intact."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.store import Project

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
STUBS = REPO / "tests" / "store"
SEED = 19
N = 300
SENTENCE = "قصفت طائرات مسيرة مواقع في ريف الموصل وأفادت مصادر محلية بسقوط {n} قتلى في هجوم ليلي. "

PRELUDE = f"""
import sys, time
sys.path[:0] = [{str(REPO)!r}, {str(STUBS)!r}]
from rasid_stub import stub_extract
from desktop.store import Project
"""

SCRIPTS = {
    "import": """
from desktop.ingest import import_paths
p = Project.open(PROJECT)
print("ready", flush=True)
import_paths(p, [BATCH], jobs=1, extractor=stub_extract)
print("finished", flush=True)
""",
    "reextract": """
from desktop.ingest import reextract
p = Project.open(PROJECT)
print("ready", flush=True)
reextract(p, jobs=1, extractor=stub_extract)
print("finished", flush=True)
""",
    "edit": """
p = Project.open(PROJECT)
print("ready", flush=True)
for aid in p.articles.ids():
    p.tags.set(aid, ["راجع", f"t{aid}"])
    print("edited", aid, flush=True)
""",
    "export": """
from desktop.export.runner import export_project
p = Project.open(PROJECT)
print("ready", flush=True)
for i in range(1000):
    export_project(p, "json", OUT)
""",
}


def _batch(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(N):
            text = SENTENCE.format(n=i) * (1 + i % 5)
            fh.write(
                json.dumps({"id": f"k{i}", "title": f"خبر {i}", "text": text}, ensure_ascii=False) + "\n"
            )
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A project holding the whole batch, with one accepted incident and its edited toll."""
    sys.path.insert(0, str(STUBS))
    from rasid_stub import stub_extract

    from desktop.ingest import import_paths

    folder = tmp_path_factory.mktemp("tpl")
    batch = _batch(folder / "batch.jsonl")
    path = folder / "full.rasid"
    with Project.create(path) as p:
        assert import_paths(p, [batch], jobs=1, extractor=stub_extract).imported == N
        first = p.incidents.for_article(p.articles.ids()[0])[0]
        p.incidents.update_field(first.id, "fatalities", 99)
        p.incidents.accept(first.id)
    return path, batch


def _kill_after(code: str, delay: float, lines: list[str]) -> int:
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("ready"), first + (proc.stderr.read() if proc.stderr else "")
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        lines.extend(out.splitlines())
    return proc.returncode


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


TRIALS = [(kind, i) for kind in ("import", "reextract", "edit", "export") for i in range(6)]


@pytest.mark.parametrize(("kind", "trial"), TRIALS, ids=[f"{k}-{i}" for k, i in TRIALS])
def test_sigkill_trial(kind: str, trial: int, template: tuple[Path, Path], tmp_path: Path) -> None:
    from rasid_stub import stub_extract

    from desktop.ingest import import_paths

    full, batch = template
    rng = random.Random(f"{SEED}-{kind}-{trial}")
    project = tmp_path / "p.rasid"
    out = tmp_path / "out.json"
    if kind == "import":
        Project.create(project).close()
    else:
        shutil.copy(full, project)
    if kind == "export":
        with Project.open(project) as p:
            from desktop.export.runner import export_project

            export_project(p, "json", out)
        before = _digest(out)
    code = PRELUDE + f"PROJECT, BATCH, OUT = {str(project)!r}, {str(batch)!r}, {str(out)!r}\n"
    code += textwrap.dedent(SCRIPTS[kind])
    lines: list[str] = []
    rc = _kill_after(code, rng.uniform(0.0, 0.6), lines)
    assert rc in (-signal.SIGKILL, 0)

    with Project.open(project) as p:  # the lock died with the process
        assert p.integrity_check() == "ok"
        conn = p.conn
        count = p.articles.count()
        assert conn.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0] == count
        assert conn.execute("SELECT count(*) FROM article_search").fetchone()[0] == count
        if kind == "import":
            import_paths(p, [batch], jobs=1, extractor=stub_extract)  # the rerun completes it
            assert p.articles.count() == N
            assert conn.execute("SELECT count(DISTINCT external_id) FROM articles").fetchone()[0] == N
        else:
            assert count == N
            first = p.incidents.for_article(p.articles.ids()[0])[0]
            assert first.status in ("edited", "accepted")
            assert first.value("fatalities") == 99  # the analyst's value survived
        if kind == "edit":
            edited = [int(line.split()[1]) for line in lines if line.startswith("edited")]
            for aid in edited:
                assert set(p.tags.of(aid)) == {"راجع", f"t{aid}"}
    if kind == "export":
        data = json.loads(out.read_text(encoding="utf-8"))  # the old file or a complete new one
        assert len(data["articles"]) == N
        assert _digest(out) == before or data != {}
        with Project.open(project) as p:  # the next export removes what the killed one left
            export_project(p, "json", out)
        assert [f.name for f in tmp_path.iterdir() if f.name.startswith(".")] == []
