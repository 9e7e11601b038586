"""Tests for `desktop.text.numbers`: values, spans, qualifiers, ordinals and false positives."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.document import Document, Span
from desktop.text.numbers import LABEL, find_numbers


def spans(text: str) -> list[tuple[str, dict[str, Any]]]:
    doc = Document.from_text(text)
    return [(doc.span_text(s), s.attrs) for s in find_numbers(doc)]


def only(text: str) -> tuple[str, dict[str, Any]]:
    found = spans(text)
    assert len(found) == 1, found
    return found[0]


# Expected values from Arabic grammar (surface as written, value).
WORDS = [
    ("واحد", 1),
    ("واحدة", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("إثنين", 2),
    ("اثنتان", 2),
    ("اثنتين", 2),
    ("ثلاث", 3),
    ("ثلاثة", 3),
    ("أربع", 4),
    ("أربعة", 4),
    ("خمس", 5),
    ("خمسة", 5),
    ("ست", 6),
    ("ستة", 6),
    ("سبع", 7),
    ("سبعة", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("ثمانى", 8),
    ("ثمانية", 8),
    ("تسع", 9),
    ("تسعة", 9),
    ("عشر", 10),
    ("عشرة", 10),
    ("أحد عشر", 11),
    ("إحدى عشرة", 11),
    ("اثنا عشر", 12),
    ("اثني عشر", 12),
    ("اثنتا عشرة", 12),
    ("ثلاثة عشر", 13),
    ("ثلاث عشرة", 13),
    ("أربعة عشر", 14),
    ("خمسة عشر", 15),
    ("ستة عشر", 16),
    ("سبعة عشر", 17),
    ("ثمانية عشر", 18),
    ("ثماني عشرة", 18),
    ("تسعة عشر", 19),
    ("عشرون", 20),
    ("عشرين", 20),
    ("ثلاثون", 30),
    ("ثلاثين", 30),
    ("أربعون", 40),
    ("أربعين", 40),
    ("خمسون", 50),
    ("خمسين", 50),
    ("ستون", 60),
    ("ستين", 60),
    ("سبعون", 70),
    ("سبعين", 70),
    ("ثمانون", 80),
    ("ثمانين", 80),
    ("تسعون", 90),
    ("تسعين", 90),
    ("واحد وعشرون", 21),
    ("إحدى وعشرين", 21),
    ("اثنان وثلاثون", 32),
    ("خمسة وعشرون", 25),
    ("ثلاثة وعشرون", 23),
    ("تسعة وتسعين", 99),
    ("مئة", 100),
    ("مائة", 100),
    ("مئتان", 200),
    ("مئتين", 200),
    ("مائتين", 200),
    ("مائتا", 200),
    ("ثلاثمئة", 300),
    ("ثلاثمائة", 300),
    ("ثلاث مئة", 300),
    ("أربعمئة", 400),
    ("خمسمائة", 500),
    ("ستمئة", 600),
    ("سبعمائة", 700),
    ("ثمانمئة", 800),
    ("تسعمائة", 900),
    ("مئة وخمسون", 150),
    ("مئة وخمسة وعشرون", 125),
    ("ثلاثمئة وستة", 306),
    ("ألف", 1000),
    ("ألفان", 2000),
    ("ألفين", 2000),
    ("ثلاثة آلاف", 3000),
    ("عشرة آلاف", 10000),
    ("أحد عشر ألفاً", 11000),
    ("عشرين ألف", 20000),
    ("مئة ألف", 100000),
    ("ثلاثمئة ألف", 300000),
    ("ألف ومئتان", 1200),
    ("ثلاثة آلاف وخمسمائة", 3500),
    ("مليون", 1_000_000),
    ("مليونان", 2_000_000),
    ("مليونين", 2_000_000),
    ("ثلاثة ملايين", 3_000_000),
    ("مليار", 1_000_000_000),
]


@pytest.mark.parametrize(("surface", "value"), WORDS)
def test_number_words(surface: str, value: int) -> None:
    found = spans(f"قتل {surface} شخصاً")
    assert found, surface
    text, attrs = found[0]
    assert text == surface
    assert attrs["value"] == value
    assert attrs["kind"] == "count"
    assert attrs["qualifier"] == "exact"


DIGITS = [
    ("17", 17),
    ("١٧", 17),
    ("۱۷", 17),
    ("1,500", 1500),
    ("١٬٥٠٠", 1500),
    ("12,000,000", 12_000_000),
    ("2019", 2019),
]


@pytest.mark.parametrize(("surface", "value"), DIGITS)
def test_digits(surface: str, value: int) -> None:
    assert only(f"مقتل {surface} عنصراً") == (surface, {"value": value, "qualifier": "exact", "kind": "count"})


@pytest.mark.parametrize(
    ("surface", "value"),
    [("1.500", 1500), ("12.000", 12000), ("1.500.000", 1_500_000), ("2.345 مليون", 2_345_000)],
)
def test_dot_as_thousands_separator(surface: str, value: int) -> None:
    text, attrs = only(f"قتل {surface} شخص")
    assert (text, attrs["value"]) == (surface, value)
    assert "decimal" not in attrs


@pytest.mark.parametrize(
    ("surface", "value", "decimal"),
    [("1.5", 1, 1.5), ("١٫٥", 1, 1.5), ("۲٫۷۵", 2, 2.75)],
)
def test_decimals(surface: str, value: int, decimal: float) -> None:
    text, attrs = only(f"ارتفع بنسبة {surface} نقطة")
    assert text == surface
    assert attrs["value"] == value
    assert attrs["decimal"] == decimal


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("1.5 مليون", 1_500_000),
        ("2.3 مليون", 2_300_000),
        ("3 آلاف", 3000),
        ("٣ آلاف", 3000),
        ("20 ألف", 20_000),
        ("300 ألف", 300_000),
        ("5 ملايين", 5_000_000),
        ("مليون و200 ألف", 1_200_000),
    ],
)
def test_digits_with_scale_words(surface: str, value: int) -> None:
    text, attrs = only(f"نزوح {surface} شخص")
    assert text == surface
    assert attrs["value"] == value
    assert "decimal" not in attrs


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("عشرات", 10),
        ("العشرات", 10),
        ("مئات", 100),
        ("المئات", 100),
        ("آلاف", 1000),
        ("ألوف", 1000),
        ("عشرات الآلاف", 10_000),
        ("مئات الآلاف", 100_000),
        ("ملايين", 1_000_000),
        ("بضع", 3),
        ("بضعة", 3),
        ("بضع مئات", 300),
        ("بضعة آلاف", 3000),
    ],
)
def test_vague_quantities(surface: str, value: int) -> None:
    text, attrs = only(f"سقط {surface} من المدنيين")
    assert (text, attrs["value"], attrs["qualifier"]) == (surface, value, "vague")


# (text, span text, value, qualifier)
QUALIFIED = [
    ("قتل نحو 500 شخص", "500", 500, "approx"),
    ("بنحو 500 شخص", "500", 500, "approx"),
    ("قرابة 200 عنصراً", "200", 200, "approx"),
    ("حوالي ثلاثين مدنياً", "ثلاثين", 30, "approx"),
    ("حوالى 40 قتيلا", "40", 40, "approx"),
    ("زهاء ألف مقاتل", "ألف", 1000, "approx"),
    ("ما يقارب 70 شخصاً", "70", 70, "approx"),
    ("يناهز 15 قتيلا", "15", 15, "approx"),
    ("قتل 60 شخصا تقريبا", "60", 60, "approx"),
    ("أكثر من 100 قتيل", "100", 100, "more_than"),
    ("بأكثر من مئة قتيل", "مئة", 100, "more_than"),
    ("ما يزيد عن 30 غارة", "30", 30, "more_than"),
    ("ما يزيد على خمسين غارة", "خمسين", 50, "more_than"),
    ("ما لا يقل عن 20 قتيلاً", "20", 20, "at_least"),
    ("لا يقل عن عشرة", "عشرة", 10, "at_least"),
    ("مقتل 13 عنصراً على الأقل", "13", 13, "at_least"),
    ("مقتل 13 على الأقل", "13", 13, "at_least"),
    ("أقل من عشرة أيام", "عشرة", 10, "less_than"),
    ("أكثر من عشرات القتلى", "عشرات", 10, "vague"),
]


@pytest.mark.parametrize(("text", "surface", "value", "qualifier"), QUALIFIED)
def test_qualifiers(text: str, surface: str, value: int, qualifier: str) -> None:
    span_text, attrs = only(text)
    assert (span_text, attrs["value"], attrs["qualifier"]) == (surface, value, qualifier)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("وثلاثة جرحى", "ثلاثة", 3),
        ("فخمسة", "خمسة", 5),
        ("بخمسة صواريخ", "خمسة", 5),
        ("لعشرة أيام", "عشرة", 10),
        ("كثلاثة", "ثلاثة", 3),
        ("وبعشرات الصواريخ", "عشرات", 10),
        ("و17 آخرين", "17", 17),
        ("ب500 دولار", "500", 500),
        ("خلال الساعات الـ24 ساعة", "24", 24),
        ("الجنود الثلاثة", "الثلاثة", 3),
        ("وألف", "ألف", 1000),
        ("بألفي دولار", "ألفي", 2000),
        ("إطلاق ثلاثةٍ", "ثلاثةٍ", 3),
    ],
)
def test_span_excludes_proclitics(text: str, surface: str, value: int) -> None:
    span_text, attrs = only(text)
    assert (span_text, attrs["value"]) == (surface, value)


def test_reference_article() -> None:
    text = (
        "أعلن المرصد مقتل 13 عنصراً من قوات النظام و17 عنصراً من الفصائل، فيما قامت الطائرات بقتل 30 "
        "من المدنيين. وقتل أربعة عناصر بانفجار لغم، وقدّر عدد النازحين بنحو 500 شخص، بينما أسر قرابة "
        "200 عنصراً. وسقط عشرات القتلى خلال الساعات الـ24 ساعة الماضية."
    )
    assert [(t, a["value"], a["qualifier"]) for t, a in spans(text)] == [
        ("13", 13, "exact"),
        ("17", 17, "exact"),
        ("30", 30, "exact"),
        ("أربعة", 4, "exact"),
        ("500", 500, "approx"),
        ("200", 200, "approx"),
        ("عشرات", 10, "vague"),
        ("24", 24, "exact"),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("الفرقة الرابعة", "الرابعة", 4),
        ("اللواء الأول", "الأول", 1),
        ("للمرة الثانية", "الثانية", 2),
        ("الجولة العاشرة", "العاشرة", 10),
        ("الفيلق الخامس", "الخامس", 5),
        ("اليوم الحادي عشر", "الحادي عشر", 11),
        ("الذكرى الثانية عشرة", "الثانية عشرة", 12),
        ("اليوم الخامس عشر", "الخامس عشر", 15),
        ("القرن الحادي والعشرين", "الحادي والعشرين", 21),
        ("الفرقة 11", "11", 11),
        ("اللواء 93", "93", 93),
        ("الكتيبة 4", "4", 4),
        ("الطريق 5", "5", 5),
        ("للفرقة ١٧", "١٧", 17),
        ("اللواء رقم 80", "80", 80),
    ],
)
def test_ordinals(text: str, surface: str, value: int) -> None:
    span_text, attrs = only(text)
    assert (span_text, attrs["value"], attrs["kind"]) == (surface, value, "ordinal")


@pytest.mark.parametrize(
    "text",
    [
        "أمس الأول",
        "الأول من أمس",
        "في تشرين الأول",
        "كانون الثاني",
        "ربيع الأول",
        "جمادى الأولى",
        "الأول",  # no word before it
    ],
)
def test_ordinal_words_in_dates_are_skipped(text: str) -> None:
    assert spans(text) == []


def test_counts_are_not_ordinals() -> None:
    assert [(t, a["kind"]) for t, a in spans("أطلقت الفرقة الرابعة 20 قذيفة على 3 قرى")] == [
        ("الرابعة", "ordinal"),
        ("20", "count"),
        ("3", "count"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "يوم الثلاثاء",
        "يوم الأربعاء",
        "يوم الخميس",
        "يوم الاثنين",
        "يوم الإثنين",
        "يوم الأحد",
        "مئذنة الجامع",
        "ستار حديدي",
        "لست أدري",
        "عشري",
        "الستينيات",
        "ثلث السكان",
        "ثمن باهظ",
        "عدد من القتلى",
        "أحد القتلى",
        "إحدى القرى",
        "طائرة F-16",
        "دبابة T72",
        "بئر السبع",
        "لألف سبب",
        "ألفت كتاباً",
        "سبعاوي",
    ],
)
def test_false_positives(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize("text", ["في 2019-03-03 قتل", "عند الساعة 10:30 صباحا", "يوم 3/3/2019"])
def test_full_dates_and_times_are_skipped(text: str) -> None:
    assert spans(text) == []


def test_dates_do_not_crash() -> None:
    values = [a["value"] for _, a in spans("في 3 مارس 2019 قتل خمسة")]
    assert 5 in values


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("بنسبة 50%", "50", 50),
        ("نحو 30 في المئة", "30", 30),
        ("خمسين بالمئة", "خمسين", 50),
        ("٢٠٪", "٢٠", 20),
    ],
)
def test_percent(text: str, surface: str, value: int) -> None:
    span_text, attrs = only(text)
    assert (span_text, attrs["value"], attrs["unit"]) == (surface, value, "percent")


def test_lists_split_into_numbers() -> None:
    found = spans("قتل ثلاثة وأربعة وعشرات الآلاف وخمسة")
    assert [(t, a["value"]) for t, a in found] == [
        ("ثلاثة", 3),
        ("أربعة", 4),
        ("عشرات الآلاف", 10_000),
        ("خمسة", 5),
    ]


def test_long_compound_number() -> None:
    assert only("مليون ومئتان وخمسة وثلاثون ألفاً وأربعمئة وستة وخمسون")[1]["value"] == 1_235_456


def test_span_label_and_order() -> None:
    doc = Document.from_text("قتل 5 وجرح عشرة")
    found = find_numbers(doc)
    assert all(isinstance(s, Span) and s.label == LABEL for s in found)
    assert [s.start for s in found] == sorted(s.start for s in found)


# --- property test ----------------------------------------------------------------------------

_PIECES = [
    "قتل", "نحو", "أكثر من", "و", "ب", "ال", "الـ", "عشرات", "الآلاف", "ثلاثة", "عشر", "وعشرون",
    "مئة", "ألف", "آلاف", "مليون", "الفرقة", "الأول", "أمس", "١٢", "۳٫۵", "1,500", "2019-03-03",
    "10:30", "%", "في المئة", "على الأقل", "ً", "ٌ", "ـ", "\u200f", "ﻻ", "ثلاثاء", "ستة", "ست",
    "إحدى", "عشرة", ".", "،", "-", " ", "  ", "\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=25))
def test_spans_are_well_formed(pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = Document.from_text(text)
    for span in find_numbers(doc):
        assert 0 <= span.start < span.end <= len(doc.text)
        surface = doc.text[span.start : span.end]
        assert surface == surface.strip()
        assert unicodedata.category(surface[0]) not in ("Mn", "Zs", "Cf")
        assert isinstance(span.attrs["value"], int) and span.attrs["value"] >= 0
        assert span.attrs["qualifier"] in ("exact", "approx", "at_least", "more_than", "less_than", "vague")
        assert span.attrs["kind"] in ("count", "ordinal")


def test_digits_touching_the_next_arabic_word_are_a_number() -> None:
    """A typing slip common in news text ("قتل 12شخصا"); Latin letters still make a code ("3D")."""
    assert only("قتل 12شخصا في القصف")[0] == "12"
    assert only("أصيب ٧أشخاص")[1]["value"] == 7
    assert spans("طابعة 3D") == [] and spans("صاروخ 9M133") == []
