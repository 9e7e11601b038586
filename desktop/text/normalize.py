"""Arabic normalization that keeps a map from every normalized position back to the original text.

The per-character rules come from camel-tools (`normalize_unicode`, `dediac_ar`, alef, alef-maksura
and teh-marbuta normalization), plus removal of tatweel and bidi controls and folding of
Arabic-Indic/Persian digits to ASCII. They are compiled once into a `str.translate` table, so the
normalized string is built in C; the offset map is piecewise-linear and stored as the few break
points where a character was dropped or expanded, so it costs nothing on plain text.

camel-tools' `dediac`/`charsets` modules take ~0.5 s to import, so the table is built lazily on the
first call and never on the start-up path of the GUI.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# Bidi controls, zero-width joiners/non-joiners, BOM and soft hyphen: invisible, dropped.
INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad\u061c"
)
TATWEEL = "\u0640"

# Ranges whose characters may normalize differently from themselves. Everything else maps to itself.
_RANGES = (
    (0x0600, 0x0700),  # Arabic
    (0x0750, 0x0780),  # Arabic Supplement
    (0x08A0, 0x0900),  # Arabic Extended-A
    (0x06F0, 0x06FA),  # Extended Arabic-Indic (Persian) digits
    (0xFB50, 0xFE00),  # Arabic Presentation Forms-A
    (0xFE70, 0xFF00),  # Arabic Presentation Forms-B
)


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """The translation table: code point -> normalized replacement ('' drops the character)."""
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
        normalize_unicode,
    )

    def rule(ch: str) -> str:
        out = normalize_unicode(ch)
        out = dediac_ar(out)
        out = normalize_alef_ar(out)
        out = normalize_alef_maksura_ar(out)
        out = normalize_teh_marbuta_ar(out)
        out = out.replace(TATWEEL, "")
        # Superscript alef and similar marks that camel-tools keeps are dropped as diacritics too.
        out = "".join(c for c in out if unicodedata.category(c) != "Mn")
        out = "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in out)
        return out

    table: dict[int, str] = {}
    for lo, hi in _RANGES:
        for cp in range(lo, hi):
            ch = chr(cp)
            if unicodedata.category(ch) == "Cn":
                continue
            out = rule(ch)
            if out != ch:
                table[cp] = out
    for ch in INVISIBLE:
        table[ord(ch)] = ""
    table[ord("\u00a0")] = " "
    return table


@lru_cache(maxsize=1)
def _changing_length() -> re.Pattern[str]:
    """A pattern matching every character whose replacement is not exactly one character."""
    chars = [chr(cp) for cp, out in _table().items() if len(out) != 1]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


@dataclass(frozen=True)
class NormalizedText:
    """A normalized copy of `original` with a map from normalized offsets back to original offsets.

    `_norm_breaks[i]` is a normalized offset where the alignment changes; from there on a normalized
    offset `n` corresponds to `n - _norm_breaks[i] + _orig_breaks[i]` in the original, until the
    next break. An original character that expands to several normalized characters maps each of
    them back to itself.
    """

    original: str
    text: str
    _norm_breaks: list[int] = field(default_factory=list, repr=False)
    _orig_breaks: list[int] = field(default_factory=list, repr=False)
    _expanded: dict[int, int] = field(default_factory=dict, repr=False)

    def to_original(self, pos: int) -> int:
        """Original offset of the character at normalized offset `pos` (or of the end, for len)."""
        if pos >= len(self.text):
            return len(self.original)
        hit = self._expanded.get(pos)
        if hit is not None:
            return hit
        i = bisect.bisect_right(self._norm_breaks, pos) - 1
        if i < 0:
            return pos
        return pos - self._norm_breaks[i] + self._orig_breaks[i]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) covering the normalized span [start, end), end exclusive."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


def normalize(original: str) -> NormalizedText:
    """Normalize Arabic text for matching, keeping an exact map back to `original`."""
    table = _table()
    normalized = original.translate(table)
    if len(normalized) == len(original) and not _changing_length().search(original):
        return NormalizedText(original, normalized)
    norm_breaks: list[int] = []
    orig_breaks: list[int] = []
    expanded: dict[int, int] = {}
    n = 0  # normalized offset of the current original position
    last = 0  # original offset after the last changed character
    for m in _changing_length().finditer(original):
        o = m.start()
        n += o - last
        out = table[ord(original[o])]
        for k in range(len(out)):
            expanded[n + k] = o
        n += len(out)
        last = o + 1
        norm_breaks.append(n)
        orig_breaks.append(last)
    return NormalizedText(original, normalized, norm_breaks, orig_breaks, expanded)


@lru_cache(maxsize=1 << 16)
def normalize_word(word: str) -> str:
    """Normalized form of a word or phrase (no offset map): the key used by lexicons and gazetteers.
    Memoized: the same words come back in every sentence (bounded, so a long batch stays small)."""
    return " ".join(word.translate(_table()).split())


def warm_up() -> None:
    """Build the tables now (worker processes call this once before a batch)."""
    _changing_length()
