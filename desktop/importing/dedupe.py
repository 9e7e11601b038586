"""Duplicate detection: a content hash for exact duplicates, MinHash bands for near-duplicates.

Near-duplicates (the same wire story run by two outlets) are found with one-permutation MinHash
over normalized word 5-grams: each shingle is hashed once (crc32, mixed to 64 bits) and falls into
one of `NUM_HASHES` bins by its top bits; a bin keeps its smallest value. `BANDS` bands of `ROWS`
bins each are hashed into the project's `article_bands` table, so candidates come from an index
lookup and are confirmed by comparing signatures (estimated Jaccard >= `THRESHOLD`).
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib

from desktop.text.normalize import normalize_word

NUM_HASHES = 64
BANDS = 16
ROWS = NUM_HASHES // BANDS
SHINGLE = 5
THRESHOLD = 0.5
_MASK64 = (1 << 64) - 1
_MIX = 0x9E3779B97F4A7C15
_BIN_SHIFT = 64 - 6  # 2**6 == NUM_HASHES bins
_VALUE_MASK = (1 << _BIN_SHIFT) - 1
_EMPTY = _VALUE_MASK + 1
_WORD = re.compile(r"\w+")


def content_hash(text: str) -> str:
    """Hash of the normalized content (letter variants, diacritics, spacing ignored)."""
    # surrogatepass: a lone surrogate that reached here must not crash a batch (ingest replaces them)
    return hashlib.sha1(normalize_word(text).lower().encode("utf-8", "surrogatepass")).hexdigest()


def signature(text: str) -> bytes | None:
    """The MinHash signature of `text` (NUM_HASHES unsigned 64-bit values), None if too short."""
    words = _WORD.findall(normalize_word(text).lower())
    if len(words) < SHINGLE * 2:
        return None
    bins = [_EMPTY] * NUM_HASHES
    crc = zlib.crc32
    for i in range(len(words) - SHINGLE + 1):
        h = (crc(" ".join(words[i : i + SHINGLE]).encode()) * _MIX) & _MASK64
        b = h >> _BIN_SHIFT
        v = h & _VALUE_MASK
        if v < bins[b]:
            bins[b] = v
    # Densify: an empty bin borrows the next non-empty bin's value (rotation), shifted by distance.
    for b in range(NUM_HASHES):
        if bins[b] == _EMPTY:
            for d in range(1, NUM_HASHES):
                v = bins[(b + d) % NUM_HASHES]
                if v != _EMPTY and v < _EMPTY:
                    bins[b] = _EMPTY + d + v % 1024  # marker values never equal real ones of other bins
                    break
    return struct.pack(f"<{NUM_HASHES}Q", *bins)


def band_hashes(sig: bytes) -> list[tuple[int, int]]:
    """(band, hash) pairs of a signature; the hash fits a signed 64-bit SQLite integer."""
    out = []
    for band in range(BANDS):
        chunk = sig[band * ROWS * 8 : (band + 1) * ROWS * 8]
        out.append((band, zlib.crc32(chunk, band) | (band << 32)))
    return out


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    va = struct.unpack(f"<{NUM_HASHES}Q", a)
    vb = struct.unpack(f"<{NUM_HASHES}Q", b)
    same: int = sum(x == y for x, y in zip(va, vb, strict=True))
    return same / NUM_HASHES
