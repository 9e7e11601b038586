"""`rasid gui --sample` (and `make run`) open a copy of the bundled sample in the user's data folder."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from desktop.gui.app import sample_project
from desktop.resources import resource_path


def test_the_sample_is_copied_once_and_the_installed_file_is_never_opened() -> None:
    installed = resource_path("sample", "sample.rasid")
    before = installed.read_bytes()
    copy = sample_project()
    assert copy.parent == Path(os.environ["RASID_HOME"]) and copy.read_bytes() == before
    with sqlite3.connect(copy) as db:  # the user's copy is a working project; edit it
        db.execute("CREATE TABLE scratch (x INTEGER)")
    again = sample_project()
    assert again == copy
    with sqlite3.connect(again) as db:  # edits survive: the copy is not made again
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'scratch'").fetchone() == (1,)
    assert installed.read_bytes() == before
