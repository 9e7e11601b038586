"""Typed user settings kept in one JSON file in the user's config folder (no Qt, no QSettings).

The folder is `$RASID_HOME` when set (tests point it at a temporary folder), else the platform's
config folder: `%APPDATA%\\Rasid`, `~/Library/Application Support/Rasid` or `$XDG_CONFIG_HOME/rasid`.
Unknown keys are ignored and bad values fall back to defaults, so an old or hand-edited file never
stops the application from starting.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import locale
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

LANGUAGES = ("ar", "en")
MAX_RECENT = 10


def config_dir() -> Path:
    """The folder holding the settings (created on first write); logs go to `desktop.logs.log_dir()`."""
    home = os.environ.get("RASID_HOME")
    if home:
        return Path(home)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "Rasid"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Rasid"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "rasid"


def settings_path() -> Path:
    return config_dir() / "settings.json"


def log_dir() -> Path:
    """Where log and crash files go: one place for the core and the GUI (see `desktop.logs`)."""
    from desktop.logs import log_dir as logs_folder

    return logs_folder()


def system_language() -> str:
    """`ar` when the system locale is Arabic, else `en`."""
    candidates = [os.environ.get(k, "") for k in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    with contextlib.suppress(ValueError):
        candidates.append(locale.getlocale()[0] or "")
    for value in candidates:
        if value:
            return "ar" if value.lower().startswith("ar") else "en"
    return "en"


@dataclass
class Settings:
    """Everything the application remembers between sessions."""

    language: str = ""  # "" = follow the system locale
    recent_projects: list[str] = field(default_factory=list)
    reader_zoom: int = 0  # steps above/below the base font size
    reader_font_size: int = 15
    hidden_entity_types: list[str] = field(default_factory=list)
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    splitter_state: str = ""  # base64 of QSplitter.saveState()
    article_page_size: int = 200

    @property
    def effective_language(self) -> str:
        return self.language if self.language in LANGUAGES else system_language()

    def add_recent(self, path: str | os.PathLike[str]) -> None:
        """Put `path` first in the recent projects, keeping at most MAX_RECENT distinct entries."""
        p = str(Path(path).resolve())
        self.recent_projects = [p, *[r for r in self.recent_projects if r != p]][:MAX_RECENT]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        settings = cls()
        for f in dataclasses.fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            default = getattr(settings, f.name)
            if isinstance(default, list):
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    setattr(settings, f.name, list(value))
            elif isinstance(default, bool) or type(value) is type(default):
                setattr(settings, f.name, value)
        return settings

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def load() -> Settings:
    """The saved settings, or defaults when there is no readable settings file."""
    path = settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable settings %s: %s", path, exc)
        return Settings()
    return Settings.from_json(data) if isinstance(data, dict) else Settings()


def save(settings: Settings) -> None:
    """Write the settings atomically; a failure is logged, never raised (settings are not data)."""
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(json.dumps(settings.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot save settings to %s: %s", path, exc)
