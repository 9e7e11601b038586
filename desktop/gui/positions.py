"""The one converter between code-point offsets (the store's) and Qt's UTF-16 text positions.

Python indexes strings by code point; `QTextDocument` counts UTF-16 code units, so every character
outside the Basic Multilingual Plane (emoji, some CJK, mathematical letters) takes two Qt positions.
Without conversion one emoji before an entity shifts every highlight after it by one character.
Newlines are already normalized to `\\n` by the store, and each `\\n` is one Qt position (a block
separator), so only astral characters need accounting for.
"""

from __future__ import annotations

from bisect import bisect_right


def utf16_length(text: str) -> int:
    """How many UTF-16 code units `text` takes (its length in Qt)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class PositionMap:
    """Maps code-point offsets of one text to Qt positions and back, in O(log n) per lookup.

    Only the code-point offsets of astral characters are kept: for text without any (nearly every
    Arabic article) both directions are the identity.
    """

    __slots__ = ("_astral", "_length", "_qt_astral")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # code-point offsets of characters that take two UTF-16 units
        self._astral: list[int] = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # the Qt position of each of them (offset plus the astral characters before it)
        self._qt_astral: list[int] = [cp + k for k, cp in enumerate(self._astral)]

    @property
    def identity(self) -> bool:
        return not self._astral

    @property
    def qt_length(self) -> int:
        return self._length + len(self._astral)

    def to_qt(self, offset: int) -> int:
        """The Qt position of code-point `offset` (0..len(text), the end included)."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside 0..{self._length}")
        if not self._astral:
            return offset
        return offset + bisect_right(self._astral, offset - 1)

    def to_offset(self, position: int) -> int:
        """The code-point offset at Qt `position`; the middle of a surrogate pair snaps back."""
        if not 0 <= position <= self.qt_length:
            raise ValueError(f"position {position} outside 0..{self.qt_length}")
        if not self._astral:
            return position
        # astral characters starting strictly before `position`
        k = bisect_right(self._qt_astral, position - 1)
        if k and position == self._qt_astral[k - 1] + 1:  # inside a surrogate pair
            return self._astral[k - 1]
        return position - k

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def span_to_offsets(self, start: int, end: int) -> tuple[int, int]:
        """Code-point offsets of a Qt selection; a half-selected emoji counts as selected."""
        lo = self.to_offset(start)
        hi = self.to_offset(end)
        if hi < self._length and self.to_qt(hi) < end:
            hi += 1
        return lo, hi
