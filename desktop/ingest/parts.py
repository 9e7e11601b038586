"""Big single articles: split at paragraph boundaries into linked parts, or refused past a hard limit.

The pipeline costs about 50 s per MB of Arabic text on one core for one long article (more per byte
than for short ones), so a book-length "article" would hold an import (and the GUI's progress) for
many minutes. An article longer than `PART_CHARS` is imported as parts of at most that size, cut at
paragraph boundaries (else at a sentence end, else at a space), each a linked article: external id
`ID~part-2-of-7`, title `TITLE (part 2 of 7)`. An article longer than `MAX_ARTICLE_CHARS` is refused
with one sentence before any extraction.
"""

from __future__ import annotations

import re

# ~200 KB of Arabic UTF-8, ~5 s of extraction on one core: a part never holds the run for long.
PART_CHARS = 100_000
# ~2 MB of Arabic UTF-8 (10 parts, about a minute on one core): past this, not an article.
MAX_ARTICLE_CHARS = 1_000_000

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?؟。]\s"), re.compile(r"\s"))


def too_big(text: str) -> str | None:
    """The one-sentence reason an article is refused, or None."""
    if len(text) <= MAX_ARTICLE_CHARS:
        return None
    return (
        f"the article has {len(text):,} characters, more than the {MAX_ARTICLE_CHARS:,} an article may "
        "have; split it into several files."
    )


def split_parts(text: str, limit: int | None = None) -> list[str]:
    """`text` as one piece, or as pieces of at most `limit` characters (default PART_CHARS) cut at
    the last paragraph break (else line break, sentence end, space) before the limit; each piece is
    stripped, none is empty, and nothing but the white space at the cuts is lost."""
    limit = PART_CHARS if limit is None else limit
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = limit  # one unbroken run of letters: cut anywhere
        piece = text[start : start + cut].strip()
        if piece:
            parts.append(piece)
        start += cut
    rest = text[start:].strip()
    if rest:
        parts.append(rest)
    return parts


def part_id(external_id: str, k: int, n: int) -> str:
    return f"{external_id}~part-{k}-of-{n}"


def part_title(title: str, k: int, n: int) -> str:
    return f"{title} (part {k} of {n})" if title else f"part {k} of {n}"
