"""The GUI part of `rasid --selftest`: build the main window offscreen, open a project, grab a PNG.

Runs on Qt's offscreen platform (no display needed) unless a QApplication already exists. The
user's settings are never touched: the check points RASID_HOME at a folder inside the self-test's
temporary folder while the window lives.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import settings as settings_mod

if TYPE_CHECKING:
    from desktop.gui.qt import QImage

log = logging.getLogger(__name__)

MIN_COLOURS = 4  # a painted window has at least background, frame, text and a highlight


def _distinct_colours(image: QImage, step: int = 7) -> int:
    width, height = image.width(), image.height()
    colours = {image.pixel(x, y) for y in range(0, height, step) for x in range(0, width, step)}
    return len(colours)


def check_main_window(project: Path | None, png: Path, settle_ms: int = 300) -> str:
    """Render the main window (with `project` open when given) to `png`; raise when it looks blank."""
    from desktop.gui.qt import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from desktop.gui.qt import qInstallMessageHandler

    def to_log(mode: Any, context: Any, message: str) -> None:  # offscreen's harmless notices
        log.info("Qt: %s", message)

    saved_home = os.environ.get("RASID_HOME")
    os.environ["RASID_HOME"] = str(png.parent / "gui-home")
    previous = qInstallMessageHandler(to_log)
    try:
        return _render(project, png, settle_ms)
    finally:
        qInstallMessageHandler(previous)
        if saved_home is None:
            os.environ.pop("RASID_HOME", None)
        else:
            os.environ["RASID_HOME"] = saved_home


def _render(project: Path | None, png: Path, settle_ms: int) -> str:
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.gui.qt import QApplication, QDialogButtonBox, QEventLoop, QTimer

    started = time.perf_counter()
    make_application("ar")
    cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    if cancel.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancel":
        raise RuntimeError("Qt's Arabic strings (qtbase_ar.qm) are missing")
    window = MainWindow(settings_mod.Settings())
    window.quiet_errors = True
    try:
        if project is not None and not window.open_project(project):
            raise RuntimeError(f"the window could not open the project: {window.last_error}")
        window.resize(1200, 800)
        window.show()
        shown = time.perf_counter() - started
        loop = QEventLoop()
        QTimer.singleShot(settle_ms, loop.quit)
        loop.exec()
        QApplication.processEvents()
        image = window.grab().toImage()
        if image.isNull() or image.width() < 200 or image.height() < 200:
            raise RuntimeError(f"window image is {image.width()}x{image.height()}")
        colours = _distinct_colours(image)
        if colours < MIN_COLOURS:
            raise RuntimeError(f"window looks blank ({colours} colour(s))")
        if not image.save(str(png)):  # the format follows the .png suffix
            raise RuntimeError(f"cannot write {png}")
        rows = window.article_model.rowCount() if project is not None else 0
        if project is not None and rows < 1:
            raise RuntimeError("the article list is empty")
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    return (
        f"{image.width()}x{image.height()}, {colours} colours, {rows} article(s), Qt strings in Arabic, "
        f"shown in {shown:.2f} s"
    )


def startup_probe(project: str | None = None) -> int:
    """`rasid --startup-probe`: start the GUI as `rasid gui` does, print `shown_at=<epoch s>` once the
    window is exposed, and quit (benchmarks/bench_startup.py turns it into a cold-start time)."""
    import argparse
    import sys

    from desktop.gui.app import build_window
    from desktop.gui.qt import QApplication

    _app, window, _settings = build_window(argparse.Namespace(project=project, article=None, lang=None))
    window.quiet_errors = True
    window.show()
    handle = window.windowHandle()
    deadline = time.perf_counter() + 30
    while not (handle is not None and handle.isExposed()) and time.perf_counter() < deadline:
        QApplication.processEvents()
        handle = handle or window.windowHandle()
    QApplication.processEvents()  # one paint
    exposed = handle is not None and handle.isExposed()
    sys.stdout.write(f"shown_at={time.time():.3f}\n")
    sys.stdout.flush()
    window.close()
    return 0 if exposed else 1
