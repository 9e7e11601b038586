"""Logging set-up: messages to stderr and a rotating log file in the user's data folder, never beside the program.

The folder is `$RASID_HOME/logs` when RASID_HOME is set (as for the settings, see `desktop.settings`),
else the platform's place for application logs: `$XDG_DATA_HOME/rasid/logs` (`~/.local/share/rasid/logs`)
on Linux, `%LOCALAPPDATA%\\Rasid\\logs` on Windows and `~/Library/Logs/Rasid` on macOS. A bundled
program's own folder may be read-only and is replaced on upgrade, so nothing is ever written there.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

LOG_FILE = "rasid.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FILE_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
STDERR_FORMAT = "%(levelname)s %(name)s: %(message)s"

_MARK = "_rasid_handler"


def log_dir() -> Path:
    """The folder holding Rasid's log files (not created here)."""
    home = os.environ.get("RASID_HOME")
    if home:
        return Path(home) / "logs"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "Rasid" / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "Rasid"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "rasid" / "logs"


def log_file() -> Path:
    return log_dir() / LOG_FILE


def setup_logging(verbose: bool = False, file_level: int = logging.INFO) -> Path | None:
    """Send log records to stderr (warnings, or everything at INFO with `verbose`) and to the log file.

    Returns the log file's path, or None when its folder cannot be created (logging then goes to
    stderr only: a read-only home must not stop the program). Calling it again replaces the handlers
    it added before, so tests and repeated `main()` calls do not stack them.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(handler)
        handler.close()
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.INFO if verbose else logging.WARNING)
    stderr.setFormatter(logging.Formatter(STDERR_FORMAT))
    handlers: list[logging.Handler] = [stderr]
    path: Path | None = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError as exc:
        stderr.handle(logging.makeLogRecord({"msg": f"cannot write logs to {path}: {exc}", "levelno": 30,
                                             "levelname": "WARNING", "name": __name__}))
        path = None
    else:
        file_handler.setLevel(file_level)
        file_handler.setFormatter(logging.Formatter(FILE_FORMAT))
        handlers.append(file_handler)
    for handler in handlers:
        setattr(handler, _MARK, True)
        root.addHandler(handler)
    root.setLevel(min(h.level for h in handlers))
    return path
