"""The worker pool under faults: a capped number of workers, a dead worker ends the run with one
sentence (no hang), and no worker outlives its parent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.pipeline import MAX_PROCESSES, cap_processes
from desktop.store import Project

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TEXT = "قصفت طائرات حربية مدينة إدلب صباح الأحد وسقط {i} قتلى."


def _batch(path: Path, n: int, kill_at: int | None = None) -> Path:
    from pool_stub import KILL_MARK

    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = TEXT.format(i=i) + (f" {KILL_MARK}" if i == kill_at else "")
            fh.write(json.dumps({"id": f"a{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def test_jobs_are_capped() -> None:
    cores = os.cpu_count() or 1
    assert cap_processes(1000) == min(cores, MAX_PROCESSES)
    assert cap_processes(0) == 1 and cap_processes(-3) == 1
    assert cap_processes(1) == 1


def test_cli_caps_jobs_with_one_sentence(tmp_path: Path) -> None:
    src = _batch(tmp_path / "in.jsonl", 3)
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "extract", str(src), "-o", str(out), "-j", "1000"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    n = cap_processes(1000)
    assert (
        proc.stderr.strip()
        == f"rasid: -j 1000 is more than this machine can use; using {n} worker process(es)."
    )
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


RUN = textwrap.dedent("""
    import sys
    sys.path[:0] = [{repo!r}, {here!r}]
    import pool_stub
    from desktop.errors import RasidError
    from desktop.ingest import import_paths
    from desktop.store import Project

    def progress(state):
        print("done", state.done, flush=True)

    with Project.open({project!r}) as p:
        try:
            report = import_paths(p, [{batch!r}], progress=progress, jobs=2, extractor=pool_stub.{func})
        except RasidError as exc:
            print("error", exc, flush=True)
            sys.exit(1)
    print("finished", report.imported, flush=True)
""")


def _script(tmp_path: Path, batch: Path, func: str) -> tuple[str, Path]:
    project = tmp_path / "p.rasid"
    Project.create(project).close()
    code = RUN.format(repo=str(REPO), here=str(HERE), project=str(project), batch=str(batch), func=func)
    return code, project


def test_a_dead_worker_ends_the_import_with_one_sentence(tmp_path: Path) -> None:
    batch = _batch(tmp_path / "in.jsonl", 300, kill_at=150)
    code, project = _script(tmp_path, batch, "dying_extract")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stdout[-500:] + proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("error An extraction worker process stopped"), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    with Project.open(project) as p:
        assert p.integrity_check() == "ok"
        n = p.articles.count()
        assert 0 < n <= 150  # every article written before the death is kept, whole
        assert {a.external_id for a in p.articles.list(limit=300)} == {f"a{i}" for i in range(n)}


def _children(pid: int) -> set[int]:
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_no_worker_outlives_its_parent(tmp_path: Path) -> None:
    batch = _batch(tmp_path / "in.jsonl", 2000)
    code, _project = _script(tmp_path, batch, "slow_extract")
    with subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("done") and int(line.split()[1]) >= 20:
                break
        workers = _children(proc.pid)
        assert len(workers) >= 2  # the pool's workers (plus possibly its resource tracker)
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C reaches the whole group
        time.sleep(0.3)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    deadline = time.monotonic() + 5
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)]
