"""Word tokens with code-point offsets over mixed Arabic, Latin, digits, punctuation and emoji."""

from __future__ import annotations

from desktop.text.tokens import tokenize


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(text[t.start : t.end], t.label) for t in tokenize(text)]


def test_mixed_text() -> None:
    text = "قُتل 1,500 مدنيٍ في «حلب» (Reuters)… 😀 و١٧ جريحاً."
    assert _pairs(text) == [
        ("قُتل", "ar"),
        ("1,500", "num"),
        ("مدنيٍ", "ar"),
        ("في", "ar"),
        ("«", "punct"),
        ("حلب", "ar"),
        ("»", "punct"),
        ("(", "punct"),
        ("Reuters", "latin"),
        (")", "punct"),
        ("…", "punct"),
        ("😀", "sym"),
        ("و", "ar"),
        ("١٧", "num"),
        ("جريحاً", "ar"),
        (".", "punct"),
    ]


def test_tatweel_and_decimal_separators_stay_inside_tokens() -> None:
    text = "لـ”قسد” ١٫٥ مليون"
    assert _pairs(text) == [
        ("لـ", "ar"),
        ("”", "punct"),
        ("قسد", "ar"),
        ("”", "punct"),
        ("١٫٥", "num"),
        ("مليون", "ar"),
    ]


def test_offsets_are_code_points() -> None:
    text = "🇸🇾 دمشق"
    (*_flag, word) = tokenize(text)
    assert (word.start, word.end) == (3, 7)
    assert text[word.start : word.end] == "دمشق"
