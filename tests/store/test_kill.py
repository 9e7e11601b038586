"""A process killed (SIGKILL) in the middle of an import loses at most the article in flight."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rasid_stub import write_jsonl

from desktop.store import Project

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

SCRIPT = textwrap.dedent("""
    import sys
    sys.path[:0] = [{repo!r}, {here!r}]
    from rasid_stub import stub_extract
    from desktop.ingest import import_paths
    from desktop.store import Project

    def progress(state):
        if state.done % 20 == 0:
            print("done", state.done, flush=True)

    p = Project.open({project!r})
    import_paths(p, [{batch!r}], progress=progress, jobs=1, extractor=stub_extract)
    print("finished", flush=True)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_mid_import(tmp_path: Path) -> None:
    sentence = "قصفت طائرات مسيرة مواقع في ريف الموصل وأفادت مصادر محلية بسقوط {n} قتلى في هجوم ليلي. "
    records = [
        {"id": f"k{i}", "title": f"خبر {i}", "text": sentence.format(n=i) * (1 + i % 7)} for i in range(3000)
    ]
    batch = write_jsonl(tmp_path / "big.jsonl", records)
    project = tmp_path / "p.rasid"
    Project.create(project).close()
    code = SCRIPT.format(repo=str(REPO), here=str(HERE), project=str(project), batch=str(batch))
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as proc:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        for line in proc.stdout:
            if line.startswith("done") and int(line.split()[1]) >= 200:
                break
            assert time.monotonic() < deadline, "the import did not start"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    with Project.open(project) as p:  # the lock died with the process
        assert p.integrity_check() == "ok"
        n = p.articles.count()
        assert 200 <= n < 3000
        conn = p.conn
        assert conn.execute("SELECT count(*) FROM article_search").fetchone()[0] == n
        assert conn.execute("SELECT count(*) FROM articles WHERE extracted_at IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT count(DISTINCT article_id) FROM article_bands").fetchone()[0] == n
        assert conn.execute("SELECT count(DISTINCT article_id) FROM incidents").fetchone()[0] == n
        # the stored articles are exactly the first n of the batch, whole
        for a in p.articles.list(limit=3000, order_by="id"):
            i = int(a.external_id[1:])
            assert p.articles.get(a.id).text == records[i]["text"].strip()
        assert {a.external_id for a in p.articles.list(limit=3000)} == {f"k{i}" for i in range(n)}
