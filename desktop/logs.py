"""Logging set-up: stderr plus a rotating log file in the user's data folder, never beside the program.

The folder is `$RASID_HOME/logs` when RASID_HOME is set (as for the settings, see `desktop.settings`),
else the platform's place for application logs: `$XDG_DATA_HOME/rasid/logs` (`~/.local/share/rasid/logs`)
on Linux, `%LOCALAPPDATA%\\Rasid\\logs` on Windows and `~/Library/Logs/Rasid` on macOS. A bundled
program's own folder may be read-only and is replaced on upgrade, so nothing is ever written there.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from typing import Any

LOG_FILE = "rasid.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FILE_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
STDERR_FORMAT = "%(levelname)s %(name)s: %(message)s"

_MARK = "_rasid_handler"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is at the time of each record (test runners swap it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


class _BriefFormatter(logging.Formatter):
    """One line per record: tracebacks stay in the log file, out of the analyst's terminal."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text:
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return super().format(record)


def data_dir() -> Path:
    """The folder for Rasid's own data, such as the user's copy of the sample project (not created
    here): `$XDG_DATA_HOME/rasid`, `%LOCALAPPDATA%\\Rasid`, `~/Library/Application Support/Rasid`."""
    home = os.environ.get("RASID_HOME")
    if home:
        return Path(home)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")) / "Rasid"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Rasid"
    return Path(os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")) / "rasid"


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
    stderr = _StderrHandler()
    stderr.setLevel(logging.INFO if verbose else logging.WARNING)
    stderr.setFormatter(logging.Formatter(STDERR_FORMAT) if verbose else _BriefFormatter(STDERR_FORMAT))
    handlers: list[logging.Handler] = [stderr]
    path = log_file()
    file_handler = _file_handler(path, file_level, stderr)
    if file_handler is not None:
        handlers.append(file_handler)
    for handler in handlers:
        setattr(handler, _MARK, True)
        root.addHandler(handler)
    root.setLevel(min(h.level for h in handlers))
    return path if file_handler is not None else None


def _file_handler(path: Path, level: int, stderr: logging.Handler) -> logging.Handler | None:
    """A rotating handler for `path`, or None (reported on stderr) when its folder is not writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError as exc:
        stderr.handle(logging.makeLogRecord({"msg": f"cannot write logs to {path}: {exc}", "levelno": 30,
                                             "levelname": "WARNING", "name": __name__}))
        return None
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    return handler


def write_crash_report(exc: BaseException) -> Path | None:
    """Save `exc`'s traceback to `<log dir>/crash-<time>.log` and log it; None when unwritable."""
    logging.getLogger(__name__).critical("unexpected error", exc_info=exc)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        return path
    except OSError:
        return None
