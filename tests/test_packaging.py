"""Packaging: build.spec lists every resource, the self-test passes from the source tree, logs go to the
user's data folder, and the Linux .desktop entry is complete. PyInstaller itself runs in .ci/run only."""

from __future__ import annotations

import ast
import configparser
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop import logs, settings
from desktop.cli import build_parser

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "build.spec"
DESKTOP_FILE = REPO / "packaging" / "linux" / "rasid.desktop"


def spec_constants() -> dict[str, Any]:
    """The literal top-level assignments of build.spec (it is Python, but runs only inside PyInstaller)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    found: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


# --- build.spec --------------------------------------------------------------------------------

def test_spec_lists_every_resource_folder() -> None:
    consts = spec_constants()
    listed = set(consts["RESOURCE_DIRS"])
    present = {p.name for p in (REPO / "resources").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert present - listed == set(), "resources/ folders missing from build.spec RESOURCE_DIRS"
    assert listed - present == set(), "build.spec lists resource folders that do not exist"
    for name in consts["RESOURCE_FILES"]:
        assert (REPO / "resources" / name).is_file()


def test_spec_package_data_exists() -> None:
    import importlib.util

    for package, sub, pattern in spec_constants()["PACKAGE_DATA"]:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.submodule_search_locations, package
        base = Path(next(iter(spec.submodule_search_locations)))
        assert list((base / sub).glob(pattern)), f"{package}/{sub}/{pattern}"


def _imported_top_modules() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return names


def test_spec_excludes_nothing_the_application_imports() -> None:
    imported = _imported_top_modules()
    clash = {
        ex for ex in spec_constants()["EXCLUDES"]
        for mod in imported if mod == ex or mod.startswith(ex + ".")
    }
    assert clash == set()


def test_spec_keeps_pyside_modules_the_gui_uses() -> None:
    used = {m for m in _imported_top_modules() if m.startswith("PySide6.")}
    qt = (REPO / "desktop" / "gui" / "qt.py").read_text(encoding="utf-8")
    used |= {f"PySide6.{name}" for name in ("QtCore", "QtGui", "QtWidgets") if name in qt}
    assert used & set(spec_constants()["EXCLUDES"]) == set()


def test_pipeline_components_import_by_name() -> None:
    import importlib

    from desktop.pipeline import COMPONENTS

    for component in COMPONENTS:  # the spec lists these modules as hidden imports
        module, _, func = component.target.partition(":")
        assert callable(getattr(importlib.import_module(module), func))


def test_icons_exist() -> None:
    for ext in ("svg", "png", "ico", "icns"):
        assert (REPO / "resources" / "icons" / f"rasid.{ext}").stat().st_size > 100


# --- self-test -----------------------------------------------------------------------------------

def test_selftest_flag_is_parsed() -> None:
    assert build_parser().parse_args(["--selftest"]).selftest is True
    assert build_parser().parse_args([]).selftest is False


@pytest.mark.slow
def test_selftest_core_checks_pass_without_qt(tmp_path: Path) -> None:
    """The non-GUI checks pass from the source tree, in a fresh process that never loads PySide6."""
    script = textwrap.dedent(
        """
        import json, sys
        from pathlib import Path
        from desktop.selftest import SelfTest
        results = SelfTest(Path(sys.argv[1]), gui=False).run()
        print(json.dumps({"results": [[r.name, r.ok, r.detail] for r in results],
                          "qt": "PySide6" in sys.modules}))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=600,
        cwd=REPO, env={**os.environ, "RASID_HOME": str(tmp_path / "home")}, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    failed = [(name, detail) for name, ok, detail in report["results"] if not ok]
    assert failed == []
    assert len(report["results"]) >= 10
    assert report["qt"] is False


def test_selftest_reports_failures_and_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import selftest

    monkeypatch.setattr(selftest, "SAMPLE", ("sample", "no-such-file.jsonl"))
    monkeypatch.setattr(selftest, "REQUIRED_RESOURCES", (("no-such-folder", "x"),))
    out = io.StringIO()
    results = selftest.SelfTest(tmp_path, gui=False).run(out, only=("resources found", "project created"))
    lines = out.getvalue().splitlines()
    assert [r.ok for r in results] == [False, True]
    assert lines[0].startswith("FAIL resources found: missing in ")
    assert lines[1].startswith("ok   project created (")


def test_selftest_export_missing_is_a_failed_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import selftest

    def missing(name: str) -> Any:
        raise selftest.CheckFailed("export: not available")

    monkeypatch.setattr(selftest, "_export_module", missing)
    test = selftest.SelfTest(tmp_path, gui=False)
    [result] = test.run(only=("export ACLED CSV",))
    assert not result.ok
    assert result.line() == "FAIL export ACLED CSV: export: not available"


# --- logs ----------------------------------------------------------------------------------------

@pytest.fixture
def clean_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_logs_go_to_rasid_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_root_logger: None
) -> None:
    monkeypatch.setenv("RASID_HOME", str(tmp_path / "home"))
    path = logs.setup_logging()
    assert path == tmp_path / "home" / "logs" / "rasid.log"
    assert settings.log_dir() == logs.log_dir()  # crash logs (desktop.gui.crash) land beside it
    logging.getLogger("desktop.test").warning("ساعة الفحص")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "ساعة الفحص" in path.read_text(encoding="utf-8")
    logs.setup_logging()  # again: handlers are replaced, not stacked
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_rasid_handler", False)]
    assert len(ours) == 2


@pytest.mark.skipif(sys.platform != "linux", reason="XDG layout")
def test_logs_default_to_xdg_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASID_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert logs.log_dir() == tmp_path / "data" / "rasid" / "logs"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert logs.log_dir() == Path.home() / ".local" / "share" / "rasid" / "logs"


def test_logs_never_beside_the_program(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASID_HOME", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(REPO), raising=False)
    assert REPO not in logs.log_dir().parents


def test_unwritable_log_folder_falls_back_to_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_root_logger: None
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("RASID_HOME", str(blocker))  # logs would have to go under a file
    assert logs.setup_logging() is None


# --- Linux desktop entry ---------------------------------------------------------------------------

def test_desktop_entry_has_required_keys() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP_FILE, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] and entry["Name[ar]"] == "راصد"
    assert entry["Exec"].split()[0] == "rasid"
    assert entry["Icon"] == "rasid"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Office" in entry["Categories"].split(";")
    if shutil.which("desktop-file-validate"):
        proc = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True,
                              check=False)
        assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout


def test_crash_report_lands_in_log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASID_HOME", str(tmp_path))
    try:
        raise ValueError("عطل تجريبي")
    except ValueError as exc:
        path = logs.write_crash_report(exc)
    assert path is not None and path.parent == tmp_path / "logs"
    assert "عطل تجريبي" in path.read_text(encoding="utf-8")


def test_cli_bug_becomes_one_line_and_crash_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    clean_root_logger: None,
) -> None:
    from desktop import cli
    from desktop.cli import extract

    def broken(args: Any) -> int:
        raise RuntimeError("boom")

    monkeypatch.setenv("RASID_HOME", str(tmp_path))
    monkeypatch.setattr(extract, "cmd_tag_conll", broken)
    assert cli.main(["tag-conll", "-"]) == 70
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: boom); details in " in err
    assert "Traceback" not in err
    assert list((tmp_path / "logs").glob("crash-*.log"))
