"""Hidden partial files: a dead writer's partial is swept, a live writer's and other files are kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.partial import partial_path, sweep_stale


def _dead_pid() -> int:
    code = "import os; print(os.getpid())"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return int(proc.stdout)


def test_only_partials_of_dead_writers_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    dead = tmp_path / f".report.rasid-part-{_dead_pid()}.pdf"
    mine = partial_path(target)
    parent = tmp_path / f".report.rasid-part-{os.getppid()}.pdf"  # a live process
    other_target = tmp_path / f".notes.rasid-part-{_dead_pid()}.pdf"
    user_file = tmp_path / ".report.part.pdf"
    for f in (dead, mine, parent, other_target, user_file):
        f.write_bytes(b"x")
    assert mine.name.startswith(".report.") and mine.suffix == ".pdf"
    assert sweep_stale(target) == [dead]
    assert sorted(f.name for f in tmp_path.iterdir()) == sorted(
        f.name for f in (mine, parent, other_target, user_file)
    )


def test_a_missing_folder_is_not_an_error(tmp_path: Path) -> None:
    assert sweep_stale(tmp_path / "gone" / "x.csv") == []
