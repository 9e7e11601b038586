"""Offline proof: extraction runs with sockets disabled and never imports hub-loading modules."""

from __future__ import annotations

import json
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
