"""Offline proof: extraction runs with sockets disabled and never imports hub-loading modules."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, socket, sys
def refuse(*a, **k):
    raise RuntimeError("network access attempted")
socket.socket = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from desktop.pipeline import extract_record
out = extract_record({"id": "t", "text": "قتل 17 عنصراً من قسد في الباغوز أمس السبت.", "date": "2019-03-03"})
banned = [m for m in sys.modules if m.startswith(("camel_tools.data", "torch", "transformers", "PySide6"))]
print(json.dumps({"banned": banned, "entities": len(out["entities"])}))
"""


def test_extraction_with_sockets_disabled_imports_nothing_that_downloads() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["banned"] == []
    assert result["entities"] > 0


CORE_IMPORT = r"""
import importlib, pkgutil, sys
import desktop
names = [m.name for m in pkgutil.walk_packages(desktop.__path__, "desktop.")
         if not m.name.startswith("desktop.gui")]
for name in names:
    importlib.import_module(name)
print(len(names), "PySide6" in sys.modules)
"""


def test_core_modules_never_import_qt() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CORE_IMPORT], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    count, qt_loaded = proc.stdout.split()
    assert int(count) >= 8
    assert qt_loaded == "False"


# --- the second proof: the kernel's view, under strace ------------------------------------------

STRACE_ARTICLE = {"id": "s1", "text": "قتل 5 مدنيين في غارة جوية على بلدة سرمين.", "date": "2024-03-12"}


def _inet_calls(argv: list[str], tmp_path: Path, name: str, env: dict[str, str]) -> tuple[int, list[str]]:
    """Run `argv` under `strace -f -e trace=network`; (exit code, the calls that name AF_INET/6)."""
    log = tmp_path / f"{name}.strace"
    proc = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(log), *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=300,
    )
    calls = [line for line in log.read_text().splitlines() if "AF_INET" in line]
    return proc.returncode, calls


def test_no_internet_socket_under_strace_across_cli_and_gui(tmp_path: Path) -> None:
    """extract, import (two workers), search, export (data and the PDF report) and a GUI start make no
    AF_INET/AF_INET6 system call in any process; a probe that opens one is seen, so the check can fail."""
    if shutil.which("strace") is None:
        raise AssertionError("strace is missing: it is in requirements-apt.txt, which `make setup` installs")
    env = {**os.environ, "RASID_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    probe = [sys.executable, "-c", "import socket; socket.socket(socket.AF_INET6).close()"]
    code, calls = _inet_calls(probe, tmp_path, "probe", env)
    assert code == 0 and len(calls) == 1, calls
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(STRACE_ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    project = tmp_path / "p.rasid"
    rasid = [sys.executable, "-m", "desktop"]
    runs = {
        "extract": [*rasid, "extract", str(src), "-o", str(tmp_path / "out.jsonl")],
        "new": [*rasid, "project", "new", str(project)],
        "import": [*rasid, "import", str(project), str(src), "-j", "2"],
        "search": [*rasid, "search", str(project), "إدلب"],
        "export": [*rasid, "export", str(project), "-f", "geojson", "-o", str(tmp_path / "out.geojson")],
        "report": [*rasid, "export", str(project), "-f", "pdf", "-o", str(tmp_path / "out.pdf")],
        "gui": [*rasid, "gui", "--project", str(project), "--screenshot", str(tmp_path / "w.png")],
    }
    for name, argv in runs.items():
        code, calls = _inet_calls(argv, tmp_path, name, env)
        assert code == 0, name
        assert calls == [], (name, calls[:3])
    assert (tmp_path / "out.pdf").stat().st_size > 0 and (tmp_path / "w.png").stat().st_size > 0
