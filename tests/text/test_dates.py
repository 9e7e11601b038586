"""Tests for DATE span detection and resolution (`desktop.text.dates`).

Expected values were worked out by hand from the calendar: 2019-03-03 is a Sunday, 2020-01-01 a
Wednesday; 1 Ramadan 1440 = 2019-05-06, 1 Shawwal 1440 = 2019-06-04, 10 Dhu al-Hijja 1440 =
2019-08-11, 1 Muharram 1440 = 2018-09-11 (Umm al-Qura).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hijridate import Hijri
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.document import Document, Span
from desktop.text.dates import find_dates

SUN = dt.date(2019, 3, 3)  # Sunday
WED = dt.date(2020, 1, 1)  # Wednesday


def dates(text: str, pub: dt.date | None = SUN) -> list[tuple[str, Any]]:
    doc = Document.from_text(text, date=pub)
    return [(doc.span_text(s), s.attrs["value"]) for s in find_dates(doc)]


def only(text: str, pub: dt.date | None = SUN) -> tuple[str, Span]:
    doc = Document.from_text(text, date=pub)
    spans = find_dates(doc)
    assert len(spans) == 1, [(doc.span_text(s), s.attrs) for s in spans]
    return doc.span_text(spans[0]), spans[0]


# --- the reference article (published Sunday 2019-03-03) -------------------------------------------

ARTICLE = (
    "قال المرصد السوري إن الطيران الحربي شن أمس السبت غارات على ريف إدلب، بعد قصف مماثل "
    "أمس الأول الجمعة، واليوم الأحد تجددت الاشتباكات. وكانت المنطقة قد شهدت مساء السبت "
    "هجوما، ثم صباح الأحد قصفا مدفعيا. وقتل جندي الأحد في كمين، بينما قتل مدنيان السبت. "
    "وأعلن الجيش أمس عن مقتل عشرين مسلحا خلال الأسبوع الماضي."
)


def test_reference_article() -> None:
    doc = Document.from_text(ARTICLE, date=SUN)
    got = [(doc.span_text(s), s.attrs["value"], s.attrs["precision"]) for s in find_dates(doc)]
    assert got == [
        ("أمس السبت", "2019-03-02", "day"),
        ("أمس الأول الجمعة", "2019-03-01", "day"),
        ("اليوم الأحد", "2019-03-03", "day"),
        ("مساء السبت", "2019-03-02", "day"),
        ("صباح الأحد", "2019-03-03", "day"),
        ("الأحد", "2019-03-03", "day"),
        ("السبت", "2019-03-02", "day"),
        ("أمس", "2019-03-02", "day"),
        ("الأسبوع الماضي", "2019-02-18", "week"),
    ]


def test_reference_attrs() -> None:
    doc = Document.from_text(ARTICLE, date=SUN)
    by_text = {doc.span_text(s): s.attrs for s in find_dates(doc)}
    assert by_text["الأسبوع الماضي"]["time_precision"] == 2
    assert by_text["أمس السبت"]["time_precision"] == 1
    assert by_text["أمس السبت"]["relative"] is True
    assert by_text["مساء السبت"]["part_of_day"] == "evening"
    assert by_text["صباح الأحد"]["part_of_day"] == "morning"
    assert "part_of_day" not in by_text["أمس السبت"]


def test_proclitic_is_outside_the_span() -> None:
    text = "واليوم الأحد"
    doc = Document.from_text(text, date=SUN)
    (span,) = find_dates(doc)
    assert (span.start, span.end) == (1, len(text))
    assert doc.span_text(span) == "اليوم الأحد"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("وأمس", "أمس"),
        ("فأمس", "أمس"),
        ("بالأمس", "الأمس"),
        ("وبالأمس", "الأمس"),
        ("والسبت", "السبت"),
        ("ومساء الجمعة", "مساء الجمعة"),
        ("و3 مارس 2019", "3 مارس 2019"),
        ("وفي 3 مارس 2019", "3 مارس 2019"),
        ("وخلال الأسبوع الماضي", "الأسبوع الماضي"),
        ("ولليوم", None),  # "لل" contraction is not handled: no span rather than a wrong one
    ],
)
def test_proclitics(text: str, span: str | None) -> None:
    got = dates(text)
    if span is None:
        assert all(not t.startswith("ل") for t, _ in got)
    else:
        assert [t for t, _ in got] == [span]


def test_longest_match_wins() -> None:
    assert dates("أمس الأول الجمعة") == [("أمس الأول الجمعة", "2019-03-01")]
    assert dates("مساء أمس السبت") == [("مساء أمس السبت", "2019-03-02")]
    assert dates("يوم الأحد 3 مارس 2019") == [("يوم الأحد 3 مارس 2019", "2019-03-03")]
    assert dates("الأحد الموافق 3 مارس 2019") == [("الأحد الموافق 3 مارس 2019", "2019-03-03")]


# --- relative dates -------------------------------------------------------------------------------

RELATIVE_SUN: list[tuple[str, str, str]] = [
    # (text, expected value, precision); published Sunday 2019-03-03
    ("اليوم", "2019-03-03", "day"),
    ("أمس", "2019-03-02", "day"),
    ("يوم أمس", "2019-03-02", "day"),
    ("أمس الأول", "2019-03-01", "day"),
    ("أول أمس", "2019-03-01", "day"),
    ("أول من أمس", "2019-03-01", "day"),
    ("الليلة الماضية", "2019-03-02", "day"),
    ("ليلة أمس", "2019-03-02", "day"),
    ("فجر اليوم", "2019-03-03", "day"),
    ("صباح اليوم", "2019-03-03", "day"),
    ("مساء أمس", "2019-03-02", "day"),
    ("غدا", "2019-03-04", "day"),
    ("بعد غد", "2019-03-05", "day"),
    ("السبت", "2019-03-02", "day"),
    ("يوم الأحد", "2019-03-03", "day"),
    ("مساء الجمعة", "2019-03-01", "day"),
    ("صباح السبت", "2019-03-02", "day"),
    ("فجر الخميس", "2019-02-28", "day"),
    ("ليل السبت", "2019-03-02", "day"),
    ("يوم الأربعاء", "2019-02-27", "day"),
    ("يوم الثلاثاء", "2019-02-26", "day"),
    ("يوم الاثنين", "2019-02-25", "day"),
    ("يوم الإثنين", "2019-02-25", "day"),
    ("الأحد الماضي", "2019-02-24", "day"),
    ("الجمعة الماضية", "2019-03-01", "day"),
    ("الأحد المقبل", "2019-03-10", "day"),
    ("الثلاثاء القادم", "2019-03-05", "day"),
    ("أمس السبت", "2019-03-02", "day"),
    ("أمس الأول الجمعة", "2019-03-01", "day"),
    ("اليوم الأحد", "2019-03-03", "day"),
    ("ليل الجمعة - السبت", "2019-03-02", "day"),  # dated by the day after midnight
    ("الأسبوع الماضي", "2019-02-18", "week"),
    ("الأسبوع الجاري", "2019-02-25", "week"),
    ("الأسبوع الحالي", "2019-02-25", "week"),
    ("هذا الأسبوع", "2019-02-25", "week"),
    ("الأسبوع المقبل", "2019-03-04", "week"),
    ("الشهر الماضي", "2019-02-01", "month"),
    ("الشهر الجاري", "2019-03-01", "month"),
    ("هذا الشهر", "2019-03-01", "month"),
    ("الشهر المقبل", "2019-04-01", "month"),
    ("العام الماضي", "2018-01-01", "year"),
    ("السنة الماضية", "2018-01-01", "year"),
    ("العام الجاري", "2019-01-01", "year"),
    ("هذا العام", "2019-01-01", "year"),
    ("في 3 من الشهر الجاري", "2019-03-03", "day"),
    ("الخامس من الشهر الماضي", "2019-02-05", "day"),
]


@pytest.mark.parametrize(("text", "value", "precision"), RELATIVE_SUN)
def test_relative_sunday(text: str, value: str, precision: str) -> None:
    _, span = only(text)
    assert span.attrs["value"] == value
    assert span.attrs["precision"] == precision
    assert span.attrs["time_precision"] == {"day": 1, "week": 2, "month": 3, "year": 3}[precision]
    assert span.attrs["relative"] is True


RELATIVE_WED: list[tuple[str, str]] = [
    # published Wednesday 2020-01-01: crosses a year boundary
    ("أمس", "2019-12-31"),
    ("أول أمس", "2019-12-30"),
    ("غدا", "2020-01-02"),
    ("السبت", "2019-12-28"),
    ("الخميس", "2019-12-26"),
    ("الأربعاء", "2020-01-01"),
    ("الأربعاء الماضي", "2019-12-25"),
    ("الخميس المقبل", "2020-01-02"),
    ("الأسبوع الماضي", "2019-12-23"),
    ("الشهر الماضي", "2019-12-01"),
    ("العام الماضي", "2019-01-01"),
    ("20 ديسمبر", "2019-12-20"),
    ("5 يناير", "2020-01-05"),  # 4 days ahead: still this year
    ("20 يناير", "2019-01-20"),  # 19 days ahead: last year
    ("ديسمبر الماضي", "2019-12-01"),
    ("شهر ديسمبر", "2019-12-01"),
    ("يناير المقبل", "2021-01-01"),
    ("مارس من العام الماضي", "2019-03-01"),
    ("3 مارس من العام الماضي", "2019-03-03"),
]


@pytest.mark.parametrize(("text", "value"), RELATIVE_WED)
def test_relative_new_year(text: str, value: str) -> None:
    _, span = only(text, WED)
    assert span.attrs["value"] == value
    assert span.attrs["relative"] is True


def test_parts_of_day() -> None:
    cases = {
        "فجر اليوم": "dawn",
        "صباح أمس": "morning",
        "ظهر اليوم": "noon",
        "مساء الجمعة": "evening",
        "ليل السبت": "night",
        "ليلة أمس": "night",
        "الليلة الماضية": "night",
        "منتصف ليل الخميس": "night",
        "صباح 5 مارس 2019": "morning",
    }
    for text, pod in cases.items():
        got, span = only(text)
        assert got == text
        assert span.attrs.get("part_of_day") == pod, text


def test_weekday_contradicting_relative_word_trusts_the_weekday() -> None:
    # Published on Sunday, "أمس الجمعة" was written on Saturday: the named weekday is the day.
    _, span = only("أمس الجمعة")
    assert span.attrs["value"] == "2019-03-01"


def test_no_publication_date() -> None:
    for text in ("أمس", "اليوم الأحد", "السبت", "الأسبوع الماضي", "3 مارس", "شهر رمضان"):
        got, span = only(text, None)
        assert got == text
        assert span.attrs["value"] is None
        assert span.attrs["relative"] is True
    _, span = only("3 مارس 2019", None)
    assert span.attrs["value"] == "2019-03-03"
    assert span.attrs["relative"] is False


# --- explicit dates -------------------------------------------------------------------------------

EXPLICIT: list[tuple[str, str, str]] = [
    ("3 مارس 2019", "2019-03-03", "day"),
    ("3 آذار/مارس 2019", "2019-03-03", "day"),
    ("3 مارس/آذار 2019", "2019-03-03", "day"),
    ("9 حزيران (يونيو) 2015", "2015-06-09", "day"),
    ("3 كانون الثاني 2019", "2019-01-03", "day"),
    ("12 شباط 2018", "2018-02-12", "day"),
    ("7 نيسان 2017", "2017-04-07", "day"),
    ("7 أبريل 2017", "2017-04-07", "day"),
    ("7 إبريل 2017", "2017-04-07", "day"),
    ("1 أيار 2016", "2016-05-01", "day"),
    ("1 مايو 2016", "2016-05-01", "day"),
    ("30 يونيه 2013", "2013-06-30", "day"),
    ("14 تموز 2019", "2019-07-14", "day"),
    ("14 يوليه 2019", "2019-07-14", "day"),
    ("22 آب/أغسطس 2019", "2019-08-22", "day"),
    ("1 أيلول 2017", "2017-09-01", "day"),
    ("15 تشرين الأول 2018", "2018-10-15", "day"),
    ("15 أكتوبر 2018", "2018-10-15", "day"),
    ("11 تشرين الثاني 2018", "2018-11-11", "day"),
    ("31 كانون الأول 2018", "2018-12-31", "day"),
    ("31 ديسمبر 2018", "2018-12-31", "day"),
    # Maghreb
    ("5 جانفي 2019", "2019-01-05", "day"),
    ("29 فيفري 2020", "2020-02-29", "day"),
    ("9 أفريل 2019", "2019-04-09", "day"),
    ("1 ماي 2019", "2019-05-01", "day"),
    ("5 جوان 2019", "2019-06-05", "day"),
    ("14 جويلية 2019", "2019-07-14", "day"),
    ("20 أوت 2019", "2019-08-20", "day"),
    # ordinals and "من شهر"
    ("الثالث من مارس 2019", "2019-03-03", "day"),
    ("الحادي والعشرين من شهر أيلول 2014", "2014-09-21", "day"),
    ("في 3 من شهر مارس 2019", "2019-03-03", "day"),
    ("2019-03-03", "2019-03-03", "day"),
    ("3/3/2019", "2019-03-03", "day"),
    ("25/12/2018", "2018-12-25", "day"),
    ("2018/12/25", "2018-12-25", "day"),
    ("٣ مارس ٢٠١٩", "2019-03-03", "day"),
    ("مارس 2019", "2019-03-01", "month"),
    ("آذار/مارس 2019", "2019-03-01", "month"),
    ("شهر أغسطس من عام 2014", "2014-08-01", "month"),
    ("2019", "2019-01-01", "year"),
    ("عام 2011", "2011-01-01", "year"),
    ("2011م", "2011-01-01", "year"),
]


@pytest.mark.parametrize(("text", "value", "precision"), EXPLICIT)
def test_explicit(text: str, value: str, precision: str) -> None:
    got, span = only(text)
    assert got == text.removeprefix("في ")
    assert span.attrs["value"] == value
    assert span.attrs["precision"] == precision
    assert span.attrs["relative"] is False


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("الثالث من مارس", "2019-03-03"),
        ("في 3 من شهر مارس الجاري", "2019-03-03"),
        ("28 فبراير", "2019-02-28"),
        ("8 مارس", "2019-03-08"),  # 5 days ahead of publication: this year
        ("20 مارس", "2018-03-20"),  # 17 days ahead: last year
        ("20 ديسمبر", "2018-12-20"),
        ("3 مارس الماضي", "2019-03-03"),
        ("مارس الماضي", "2018-03-01"),
        ("الشهر الجاري", "2019-03-01"),
        ("في يناير", "2019-01-01"),
    ],
)
def test_day_month_takes_publication_year(text: str, value: str) -> None:
    _, span = only(text)
    assert span.attrs["value"] == value
    assert span.attrs["relative"] is True


def test_day_range_is_one_span_dated_by_its_first_day() -> None:
    assert dates("3-4 مارس 2019") == [("3-4 مارس 2019", "2019-03-03")]
    assert dates("بين 3 و5 مارس 2019") == [("3 و5 مارس 2019", "2019-03-03")]


def test_impossible_day_keeps_span_without_value() -> None:
    got, span = only("30 فبراير 2019")
    assert got == "30 فبراير 2019"
    assert span.attrs["value"] is None
    assert dates("31/02/2019") == []  # an all-digit non-date is not a date


# --- Hijri ----------------------------------------------------------------------------------------

HIJRI: list[tuple[str, str | None, str]] = [
    ("1 رمضان 1440", "2019-05-06", "day"),
    ("15 رمضان 1440", "2019-05-20", "day"),
    ("15 رمضان 1440 هـ", "2019-05-20", "day"),
    ("١٥ رمضان ١٤٤٠ هـ", "2019-05-20", "day"),
    ("1 شوال 1440 هـ", "2019-06-04", "day"),
    ("العاشر من ذي الحجة 1440", "2019-08-11", "day"),
    ("10 ذو الحجة 1440", "2019-08-11", "day"),
    ("1 محرم 1441 هـ", "2019-08-31", "day"),
    ("رمضان 1440", "2019-05-06", "month"),
    ("1440 هـ", "2018-09-11", "year"),
    ("15 رمضان 1300 هـ", None, "day"),  # outside the conversion table: span, no value
    ("30 رمضان 1440", None, "day"),  # Ramadan 1440 had 29 days (6 May - 3 June 2019)
]


@pytest.mark.parametrize(("text", "value", "precision"), HIJRI)
def test_hijri(text: str, value: str | None, precision: str) -> None:
    got, span = only(text)
    assert got == text
    assert span.attrs["value"] == value
    assert span.attrs["precision"] == precision
    assert span.attrs["calendar"] == "hijri"


def test_hijri_month_names() -> None:
    numbers = {
        "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الثاني": 4, "ربيع الآخر": 4, "جمادى الأولى": 5,
        "جمادى الآخرة": 6, "جمادى الثانية": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
        "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
    }  # fmt: skip
    for name, number in numbers.items():
        _, span = only(f"1 {name} 1440")
        assert span.attrs["value"] == Hijri(1440, number, 1).to_gregorian().isoformat(), name


def test_hijri_without_year_uses_publication_year() -> None:
    _, span = only("15 رمضان", dt.date(2019, 6, 1))  # published 27 Ramadan 1440
    assert span.attrs["value"] == "2019-05-20"
    assert span.attrs["relative"] is True


# --- false positives ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "أحد الجنود",
        "قتل أحد المدنيين",
        "الاثنين من المقاتلين",
        "كلا الاثنين من المسلحين",
        "اتفق الطرفان الاثنين على الهدنة",
        "وقتل الجنديين الاثنين في الكمين",
        "عبد الأحد",
        "الواحد الأحد",
        "مارس الجيش ضغوطا",
        "قتل 2000 شخص",
        "نحو 1990",
        "اليوم الأول من الهدنة",
        "في اليوم التالي",
        "اليوم العالمي للمرأة",
        "رجب طيب أردوغان",
        "قال رمضان",
        "توفي أب",
        "الساعة 10:30",
        "الرقم 3.14",
        "أمسية شعرية",
        "الجمعية العامة",
        "وقال لقناة روسيا اليوم",
        "صحيفة المصري اليوم",
    ],
)
def test_false_positives(text: str) -> None:
    assert dates(text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("وأعلن الجيش، الاثنين، أن", "الاثنين"),
        ("أعلن الجيش الاثنين، أن", "الاثنين"),
        ("في الاثنين 4 مارس 2019", "الاثنين 4 مارس 2019"),
        ("ووقع الهجوم الاثنين في منطقة لامو", "الاثنين"),
        ("وقتل الجنود الاثنين قرب الحدود", "الاثنين"),
        ("الحرم الذي تعرض الاثنين إلى هجوم", "الاثنين"),
        ("أقيمت صلاة الجمعة", "الجمعة"),
        ("الاثنين والثلاثاء", "الاثنين,الثلاثاء"),
    ],
)
def test_weekday_in_context(text: str, span: str) -> None:
    assert [t for t, _ in dates(text)] == span.split(",")


def test_diacritics_and_tatweel_stay_in_the_span() -> None:
    assert dates("غداً") == [("غداً", "2019-03-04")]
    assert dates("أمسِ") == [("أمسِ", "2019-03-02")]
    assert dates("الأحـــد") == [("الأحـــد", "2019-03-03")]


# --- properties -----------------------------------------------------------------------------------

_PIECES = [
    "أمس", "الأول", "اليوم", "السبت", "الأحد", "الاثنين", "الجمعة", "مساء", "صباح", "يوم", "ليل",
    "الأسبوع", "الشهر", "العام", "الماضي", "الجاري", "المقبل", "مارس", "آذار", "/", "رمضان", "ذو",
    "الحجة", "شهر", "من", "في", "عام", "هـ", "م", "3", "15", "2019", "1440", "-", "،", "و", "ب",
    "الثالث", "غداً", "ـ", "\u064b", "\u200f", " ", "\n", "١٥", "أحد", "الليلة", "2019-03-03",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=30),
    sep=st.sampled_from(["", " "]),
    pub=st.none() | st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2070, 12, 31)),
)
def test_offsets_always_in_range(pieces: list[str], sep: str, pub: dt.date | None) -> None:
    text = sep.join(pieces)
    doc = Document.from_text(text, date=pub)
    spans = find_dates(doc)
    last_end = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(doc.text)
        assert span.start >= last_end  # sorted, non-overlapping
        last_end = span.end
        assert span.label == "DATE"
        attrs = span.attrs
        assert attrs["precision"] in {"day", "week", "month", "year"}
        assert attrs["time_precision"] == {"day": 1, "week": 2, "month": 3, "year": 3}[attrs["precision"]]
        assert isinstance(attrs["relative"], bool)
        if attrs["value"] is not None:
            dt.date.fromisoformat(attrs["value"])
        if attrs["relative"] and pub is None:
            assert attrs["value"] is None
        assert not doc.span_text(span)[0].isspace()


def test_midnight_of_a_weekday_is_the_next_day() -> None:
    # "since midnight on Sunday": the shelling happened in the first hours of Monday.
    _, span = only("منتصف ليل الأحد", dt.date(2015, 8, 11))
    assert span.attrs["value"] == "2015-08-10"


def test_bare_yesterday_follows_the_copy_day_that_a_named_weekday_reveals() -> None:
    # A Thursday paper printing Wednesday's copy: "أمس الثلاثاء" is Tuesday, so is its bare "أمس".
    from desktop.text.dates import find_dates_in
    from desktop.text.normalize import normalize

    text = normalize("خطفت الجبهة يوم أمس الثلاثاء خمسة مقاتلين. ودارت فجر أمس اشتباكات في المدينة.").text
    values = [a["value"] for _, _, a in find_dates_in(text, dt.date(2015, 8, 6))]
    assert values == ["2015-08-04", "2015-08-04"]
    # Without a contradicting weekday, "أمس" is the day before publication.
    plain = normalize("ودارت فجر أمس اشتباكات في المدينة.").text
    assert [a["value"] for _, _, a in find_dates_in(plain, dt.date(2015, 8, 6))] == ["2015-08-05"]
