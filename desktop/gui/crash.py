"""Crash handling: an uncaught exception is logged to a file and shown as a dialog, never a traceback."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from desktop.errors import RasidError
from desktop.gui.i18n import tr
from desktop.settings import log_dir

log = logging.getLogger(__name__)


def write_crash_log(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> Path | None:
    """Save the traceback to `<config>/logs/crash-<time>.log`; returns the path (None if unwritable)."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text("".join(traceback.format_exception(exc_type, exc, tb)), encoding="utf-8")
        return path
    except OSError:
        return None


def install_excepthook() -> None:
    """Route uncaught exceptions (including those raised in Qt slots) to `show_error`."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, RasidError):
            show_message(str(exc))
            return
        path = write_crash_log(exc_type, exc, tb)
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        show_bug(exc, path)

    sys.excepthook = hook


def show_message(message: str) -> None:
    from desktop.gui.plain import message_box
    from desktop.gui.qt import QApplication, QMessageBox

    parent = QApplication.activeWindow()
    message_box(parent, QMessageBox.Icon.Warning, "Rasid", message)


def show_bug(exc: BaseException, path: Path | None) -> None:
    from desktop.gui.plain import message_box
    from desktop.gui.qt import QApplication, QMessageBox

    where = str(path) if path else tr("(the log could not be written)")
    text = tr("Rasid hit an internal error and could not finish the action. Details were saved to {path}.")
    message_box(
        QApplication.activeWindow(), QMessageBox.Icon.Critical, tr("Internal error"), text.format(path=where)
    )
