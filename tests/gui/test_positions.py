"""Code-point offsets to Qt UTF-16 positions and back (no display needed)."""

from __future__ import annotations

import pytest

from desktop.gui.positions import PositionMap, utf16_length


def test_identity_without_astral_characters() -> None:
    text = "قتل 5 مدنيين في حلب"
    m = PositionMap(text)
    assert m.identity
    assert [m.to_qt(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_emoji_shifts_later_positions_by_one() -> None:
    text = "\U0001f4f0 خبر \U0001f525 حلب"
    m = PositionMap(text)
    assert m.qt_length == utf16_length(text) == len(text) + 2
    aleppo = text.index("حلب")
    assert m.to_qt(aleppo) == aleppo + 2
    assert m.to_qt(0) == 0 and m.to_qt(1) == 2
    assert text.encode("utf-16-le")[2 * m.to_qt(aleppo) :].decode("utf-16-le") == "حلب"


def test_round_trip_and_surrogate_middle() -> None:
    text = "a\U0001f600b\U0001f600\U0001f600c"
    m = PositionMap(text)
    for i in range(len(text) + 1):
        assert m.to_offset(m.to_qt(i)) == i
    assert m.to_offset(2) == 1  # inside the first emoji's surrogate pair: snaps back to it
    assert m.span_to_offsets(0, 2) == (0, 2)  # a half-selected emoji counts as selected


def test_out_of_range() -> None:
    m = PositionMap("ab")
    with pytest.raises(ValueError):
        m.to_qt(3)
    with pytest.raises(ValueError):
        m.to_offset(-1)
