"""Interface language: English strings in the code, Arabic from `resources/translations/ar.json`.

A small typed dictionary lookup instead of Qt's .ts/.qm tool chain: `tr("Open project…")` returns
the Arabic string when the interface is Arabic, else the English text unchanged. Strings with
placeholders are formatted after lookup: `tr("{n} articles").format(n=5)`. A test checks that every
literal passed to `tr` in `desktop/gui/` has an Arabic entry, so a new string cannot go untranslated.
To translate a new string, add it to `ar.json` (English key, Arabic value).
"""

from __future__ import annotations

import json
import logging
from functools import cache

from desktop.errors import ResourceError
from desktop.resources import resource_path

log = logging.getLogger(__name__)

_language = "en"


@cache
def _catalog(language: str) -> dict[str, str]:
    if language == "en":
        return {}
    try:
        path = resource_path("translations", f"{language}.json")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ResourceError, OSError, ValueError) as exc:
        log.warning("no %s translation: %s", language, exc)
        return {}
    return {str(k): str(v) for k, v in data.items()}


def set_language(language: str) -> None:
    """Choose the interface language (`ar` or `en`) for every later `tr` call."""
    global _language
    _language = language if language in ("ar", "en") else "en"


def language() -> str:
    return _language


def is_arabic() -> bool:
    return _language == "ar"


def tr(text: str) -> str:
    """The interface string `text` in the current language (English when no translation exists)."""
    return _catalog(_language).get(text, text)
