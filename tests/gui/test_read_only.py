"""A project open elsewhere is offered read-only, and the read-only window reads but never writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.gui.qt import QMessageBox
from desktop.store.project import Project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()


def test_a_second_window_opens_the_project_read_only(qtbot: Any, project_path: Path) -> None:
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.settings import Settings

    make_application("en")
    before = project_path.read_bytes()
    with Project.open(project_path):  # the first instance holds the lock
        w = MainWindow(Settings(language="en"))
        w.quiet_errors = True
        qtbot.addWidget(w)
        assert not w.open_project(project_path)
        box = w.read_only_offer
        assert isinstance(box, QMessageBox) and box.isVisible()
        assert "already open in another Rasid window" in box.text()
        labels = [b.text() for b in box.buttons()]
        assert "Open read-only" in labels and "Cancel" in labels  # not a dead end with only OK
        (button,) = [b for b in box.buttons() if b.text() == "Open read-only"]
        button.click()
        assert w.ops is not None and w.ops.read_only
        assert w.wait_for_reads()
        assert w.article_model.total == 3 and w.article is not None  # it reads
        assert "(read-only)" in w.windowTitle()
        assert not w.import_action.isEnabled() and not w.reextract_action.isEnabled()
        w.tags_edit.setText("مراجعة")
        w._commit_tags()  # an edit is refused in one sentence
        assert "read-only" in w.last_error
        assert w.ops.tags(w.article.id) == []
        w.close_project()
    assert project_path.read_bytes() == before


def test_a_project_in_a_read_only_folder_opens_read_only(
    qtbot: Any, read_only_folder: tuple[Path, Any]
) -> None:
    """A project on a read-only medium is read as it is, with a note, instead of refused."""
    from desktop.export.sample import add_article
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.settings import Settings

    folder, make_read_only = read_only_folder
    path = folder / "p.rasid"
    with Project.create(path) as p:
        add_article(p, "a1", "قصفت طائرات حربية مدينة إدلب صباح الأحد.", title="خبر")
    make_read_only()
    before = path.read_bytes()
    make_application("en")
    w = MainWindow(Settings(language="en"))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert w.open_project(path), w.last_error
    assert w.ops is not None and w.ops.read_only
    assert "(read-only)" in w.windowTitle() and not w.import_action.isEnabled()
    assert "cannot be written here; it is open read-only" in w.statusBar().currentMessage()
    assert w.wait_for_reads() and w.article_model.total == 1
    w.close_project()
    assert path.read_bytes() == before
