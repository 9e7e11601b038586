"""Shared fixtures: user data and settings go to a temporary folder; Qt runs offscreen."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point Rasid's settings and user data at a temporary folder for every test."""
    home = tmp_path_factory.mktemp("rasid-home")
    monkeypatch.setenv("RASID_HOME", str(home))
    return home


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[tuple[Path, Callable[[], None]]]:
    """A folder and a function that makes it read-only: chmod for a normal user; for root (which
    ignores modes) a tmpfs remounted read-only, or a skip where mounting is not allowed."""
    if os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        try:
            yield folder, lambda: os.chmod(folder, 0o555)
        finally:
            os.chmod(folder, 0o755)
        return
    folder = Path(tempfile.mkdtemp(prefix="rasid-ro-"))
    mount = ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)]
    mounted = subprocess.run(mount, capture_output=True)
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip("running as root without permission to mount a read-only file system")
    try:
        yield folder, lambda: subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()
