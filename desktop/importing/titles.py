"""Article titles: plain text with HTML character references decoded, or the text's first line.

Titles are plain text everywhere (never markup). Feeds and scraped pages often carry them still
escaped (`&#8220;داعش&#8221;`, `&amp;`): `clean_title` decodes them at import, and the GUI decodes
titles stored before that with the same function. A file with no title of its own (a `.txt`, a
`.docx` without one in its properties) takes its first non-empty line (`title_from_text`).
"""

from __future__ import annotations

import html
from typing import Final

MAX_TITLE_CHARS: Final = 200  # a title made from the text is cut here, with an ellipsis
_INVISIBLE: Final = "\ufeff\u200b"  # a BOM or zero-width space left at the start of a file's line


def clean_title(title: str) -> str:
    """A title as Rasid stores and shows it: character references decoded (`&#8220;` -> `“`,
    `&amp;` -> `&`), on one line, without surrounding blanks."""
    return " ".join(html.unescape(title).split()).strip(_INVISIBLE).strip()


def bounded(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """`text` cut to at most `limit` characters, at a word boundary when there is one, with `…`."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def title_from_text(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """The first non-empty line of `text`, cleaned like a title and at most `limit` characters."""
    for line in text.splitlines():
        title = clean_title(line)
        if title:
            return bounded(title, limit)
    return ""


def article_title(title: str, text: str) -> str:
    """The title a single-article file gets: its own (cleaned), else its text's first line."""
    return clean_title(title) or title_from_text(text)
