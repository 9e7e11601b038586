"""Normalization with an offset map: examples and a property test over random mixed text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.text.normalize import _table, normalize, normalize_word


def test_folds_letters_diacritics_tatweel_and_digits() -> None:
    original = "قُتِلَ ١٧ مــدنياً في إدلب وأريحا، ومشفى الرحمة"
    norm = normalize(original)
    assert norm.text == "قتل 17 مدنيا في ادلب واريحا، ومشفي الرحمه"


def test_span_maps_back_to_the_original_characters() -> None:
    original = "أعلنت «قَسَد» ــ اليوم ــ سيطرتها على الباغوزِ"
    norm = normalize(original)
    i = norm.text.index("الباغوز")
    start, end = norm.span_to_original(i, i + len("الباغوز"))
    assert original[start:end] == "الباغوزِ"[:-1]  # the trailing kasra is not part of the match
    j = norm.text.index("قسد")
    assert original[slice(*norm.span_to_original(j, j + 3))] == "قَسَد"


def test_bidi_controls_and_bom_are_dropped() -> None:
    original = "\ufeffمقتل\u200f 3 \u202bعناصر\u202c"
    norm = normalize(original)
    assert norm.text == "مقتل 3 عناصر"
    k = norm.text.index("عناصر")
    assert original[slice(*norm.span_to_original(k, k + 5))] == "عناصر"


def test_ligature_expands_and_maps_each_letter_to_itself() -> None:
    original = "ﻻ بد"
    norm = normalize(original)
    assert norm.text == "لا بد"
    assert norm.to_original(0) == 0 and norm.to_original(1) == 0
    assert norm.to_original(3) == 2


def test_plain_text_is_identity() -> None:
    norm = normalize("Reuters said 17 people died.")
    assert norm.text == "Reuters said 17 people died."
    assert [norm.to_original(i) for i in range(5)] == [0, 1, 2, 3, 4]


def test_normalize_word_collapses_spaces() -> None:
    assert normalize_word("  دَيْر   الزُّور ") == "دير الزور"
    assert normalize_word("الرقة") == normalize_word("الرقه")


ALPHABET = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة")
    + list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")  # diacritics
    + ["\u0640", "\u200f", "\u202b", "\u202c", "\ufeff", "\u200c"]  # tatweel, bidi, zwnj
    + ["😀", "🇸🇾", "a", "Z", " ", "\n", "٣", "۷", "5", "«", "»", "،", "ﻻ", "ﷲ", "ﺏ"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_every_normalized_character_maps_back_to_its_source(original: str) -> None:
    norm = normalize(original)
    table = _table()
    for i, ch in enumerate(norm.text):
        o = norm.to_original(i)
        assert 0 <= o < len(original)
        source = original[o]
        assert ch in table.get(ord(source), source)
    # Offsets are monotonic and spans of the normalized text cover original text in order.
    positions = [norm.to_original(i) for i in range(len(norm.text))]
    assert positions == sorted(positions)
    if norm.text:
        start, end = norm.span_to_original(0, len(norm.text))
        assert normalize(original[start:end]).text == norm.text
