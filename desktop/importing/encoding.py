"""Decoding text files of unknown encoding: UTF-8, BOMs (UTF-8/UTF-16/UTF-32), windows-1256, ISO-8859-6.

UTF-8 is tried strictly first (after BOMs and BOM-less UTF-16), since a non-UTF-8 Arabic file
almost never decodes as UTF-8. Without
a BOM, windows-1256 and ISO-8859-6 are both decoded and scored: the share of Arabic letters among
the letters, minus a heavy penalty for characters that should not occur in text (C0/C1 controls,
undefined bytes, Latin-1 letters that cp1256 keeps in the Arabic range's place). The two encodings
put the Arabic letters at different byte values, so the wrong one yields mostly Latin letters,
symbols or undefined bytes.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
from typing import IO, Any

from desktop.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CANDIDATES = ("cp1256", "iso-8859-6")


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def score(text: str) -> float:
    """How much `text` looks like Arabic prose: higher is better; negative means implausible."""
    if not text:
        return 0.0
    letters = arabic = 0
    bad = 0.0
    for ch in text:
        if ch in "\n\r\t":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cn", "Co") or ch == "\ufffd":
            bad += 1
        elif cat.startswith("L"):
            letters += 1
            if _is_arabic(ch):
                arabic += 1
            elif "\u00c0" <= ch <= "\u024f":
                bad += 0.5  # accented Latin letters: cp1256 bytes read as Latin
    return arabic / max(letters, 1) - 5.0 * bad / len(text)


def decode_bytes(data: bytes, name: str = "file") -> tuple[str, str]:
    """(text, encoding name) of raw file bytes; raises InputError when no encoding fits."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name} starts with a {enc} byte-order mark but is not valid {enc}."
                ) from exc
    for enc in _utf16_guess(data):  # UTF-16 without a BOM: high bytes all 0x00 (ASCII) or 0x06 (Arabic)
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if score(text) > 0.5:
            return text, enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for enc in CANDIDATES:
        text = data.decode(enc, errors="replace")
        s = score(text)
        if best is None or s > best[0]:
            best = (s, text, enc)
    assert best is not None
    if best[0] < 0.3:
        raise InputError(
            f"{name} is not in a text encoding Rasid recognizes (UTF-8, UTF-16, windows-1256, ISO-8859-6); "
            "save it as UTF-8."
        )
    return best[1], best[2]


def wide_encoding(head: bytes) -> tuple[str, int] | None:
    """(encoding, length of its byte-order mark) when `head`, the first bytes of a stream, is UTF-16
    or UTF-32 (by its mark, or UTF-16 without one by the pattern of its high bytes); else None."""
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return (enc, len(bom)) if enc != "utf-8" else None
    guesses = _utf16_guess(head[: len(head) - len(head) % 2])
    return (guesses[0], 0) if len(guesses) == 1 else None


def _utf16_guess(data: bytes) -> list[str]:
    sample = data[:4000]
    if len(sample) < 4 or (len(sample) % 2 and len(data) <= 4000):
        return []
    odd, even = sample[1::2], sample[0::2]
    out = []
    if sum(b in (0, 6) for b in odd) > 0.9 * len(odd):
        out.append("utf-16-le")
    if sum(b in (0, 6) for b in even) > 0.9 * len(even):
        out.append("utf-16-be")
    return out


class Utf8Transcoded(io.RawIOBase):
    """A binary stream of UTF-8 re-encoded from a text stream (a JSONL file in UTF-16, UTF-32 or
    cp1256), so that byte-level line splitting and size limits work unchanged."""

    def __init__(self, text: IO[str], chunk: int = 1 << 18) -> None:
        self._text = text
        self._chunk = chunk
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buf:
            chunk = self._text.read(self._chunk)
            if not chunk:
                return 0
            self._buf = chunk.encode("utf-8", "surrogatepass")
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n
