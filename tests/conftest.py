"""Shared fixtures: user data and settings go to a temporary folder; Qt runs offscreen."""

from __future__ import annotations

import os
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
