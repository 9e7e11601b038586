"""An export never lands on the project itself: its own path, its -wal/-shm/-journal, or a link to it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.errors import InputError
from desktop.export.runner import export_project
from desktop.store.project import Project

REPO = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _targets(project_path: Path) -> list[Path]:
    link = project_path.with_name("link.rasid")
    link.symlink_to(project_path)
    sub = project_path.parent / "sub"
    sub.mkdir()
    return [
        project_path,
        Path(str(project_path) + "-wal"),
        Path(str(project_path) + "-shm"),
        Path(str(project_path) + "-journal"),
        Path(str(project_path) + ".lock"),
        link,
        sub / ".." / project_path.name,
    ]


@pytest.mark.parametrize("fmt", ["json", "acled-csv", "xlsx"])
def test_export_onto_the_project_is_refused(project_path: Path, fmt: str) -> None:
    before = _digest(project_path)
    with Project.open(project_path) as p:
        for target in _targets(project_path):
            with pytest.raises(InputError, match="project itself"):
                export_project(p, fmt, target)
        assert p.integrity_check() == "ok"
        assert p.articles.count() == 3
    assert _digest(project_path) == before
    assert not [f for f in os.listdir(project_path.parent) if ".part" in f]


def test_cli_export_onto_the_project_is_one_sentence(project_path: Path) -> None:
    link = project_path.with_name("link.rasid")
    link.symlink_to(project_path)
    for target in (project_path, link, Path(str(project_path) + "-wal")):
        proc = subprocess.run(
            [sys.executable, "-m", "desktop", "export", str(project_path), "-f", "json", "-o", str(target)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
        )
        assert proc.returncode == 1, proc.stderr
        assert proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "project itself" in lines[0], proc.stderr
        assert "Traceback" not in proc.stderr
    with Project.open(project_path) as p:
        assert p.integrity_check() == "ok" and p.articles.count() == 3
