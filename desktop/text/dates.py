"""DATE spans in Arabic news text: explicit, Hijri and publication-relative dates, resolved to ISO days.

`find_dates(doc)` runs a handful of compiled regexes over the normalized text (`doc.normalized.text`,
so patterns are written in normalized spelling: ة→ه, أإآ→ا, ى→ي, ASCII digits), resolves every match
against the publication date `doc.date`, keeps the longest non-overlapping matches and maps them back
to code-point offsets of `doc.text`.

Every span has the label ``DATE`` and these attributes:

* ``value``: ISO ``YYYY-MM-DD`` of the resolved day; for week, month or year precision the first day
  of the period; ``None`` when it cannot be resolved (a relative expression without a publication
  date, an impossible day such as 30 February, a Hijri date outside the conversion table).
* ``precision``: ``"day" | "week" | "month" | "year"``.
* ``time_precision``: the ACLED code, 1 for a day, 2 for a week, 3 for a month or a year.
* ``relative``: True when the value depends on the publication date (deictic words such as أمس,
  weekdays, "الشهر الماضي", and also day-months written without a year).
* ``part_of_day`` (only when stated): ``"dawn" | "morning" | "noon" | "afternoon" | "evening" | "night"``.
* ``calendar`` (only for Hijri dates): ``"hijri"``.

Spans never include an attached proclitic (و ف ب ل ك): in "واليوم الأحد" the span is "اليوم الأحد".
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hijridate import Gregorian, Hijri

from desktop.document import Document, Span

log = logging.getLogger(__name__)

LABEL = "DATE"
# First day of a week for "الأسبوع الماضي/الجاري" (0 = Monday, as `datetime.weekday()`; 5 = Saturday).
WEEK_START = 0
# A day-month without a year that falls more than this many days after publication is last year's.
FUTURE_TOLERANCE_DAYS = 7
# A month without a year that starts more than this many days after publication is last year's.
FUTURE_MONTH_TOLERANCE_DAYS = 31

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}

# ---------------------------------------------------------------------------------------------
# Lexicon (normalized spelling)
# ---------------------------------------------------------------------------------------------

GREGORIAN_MONTHS: dict[str, int] = {
    # Egyptian / international series
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Levantine / Iraqi (Syriac) series
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    # Maghreb (Algeria/Tunisia: French-derived; Morocco: Latin-derived)
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
    "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}  # fmt: skip
# Month names that are also ordinary words: only dates when a day, a year, "شهر" or a pair confirms.
AMBIGUOUS_MONTHS = frozenset({"اب", "ماي"})

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "المحرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4,
    "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الثانيه": 6, "جمادي الاخره": 6, "جمادي الاخر": 6,
    "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعده": 11, "ذي القعده": 11,
    "ذو الحجه": 12, "ذي الحجه": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {  # datetime.weekday(): Monday = 0
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}

PARTS_OF_DAY: dict[str, str] = {
    "فجر": "dawn", "صباح": "morning", "صبيحه": "morning", "ضحي": "morning", "ظهر": "noon",
    "ظهيره": "noon", "عصر": "afternoon", "مساء": "evening", "عشيه": "evening", "ليل": "night",
    "ليله": "night", "منتصف ليل": "night", "منتصف ليله": "night",
}  # fmt: skip

_UNITS = ["", "الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]


def _ordinals() -> dict[str, int]:
    out: dict[str, int] = {_UNITS[i]: i for i in range(1, 10)}
    out.update({"العاشر": 10, "الحادي عشر": 11, "العشرين": 20, "الثلاثين": 30, "غره": 1})
    for i in range(2, 10):
        out[f"{_UNITS[i]} عشر"] = 10 + i
    for tens, word in ((20, "العشرين"), (30, "الثلاثين")):
        out[f"الحادي و{word}"] = tens + 1
        out[f"الواحد و{word}"] = tens + 1
        if tens == 20:
            for i in range(2, 10):
                out[f"{_UNITS[i]} و{word}"] = tens + i
    return out


ORDINAL_DAYS = _ordinals()

# Relative day words -> offset in days from the publication date.
_REL_DAY_OFFSETS: dict[str, int] = {
    "امس الاول": -2, "اول من امس": -2, "اول امس": -2, "الاول من امس": -2,
    "الليله الماضيه": -1, "الليله قبل الماضيه": -2, "البارحه": -1, "الامس": -1, "امس": -1,
    "بعد غد": 2, "اليوم": 0, "الليله": 0, "غدا": 1, "الغد": 1, "غد": 1,
}  # fmt: skip
_NIGHT_WORDS = frozenset({"الليله الماضيه", "الليله قبل الماضيه", "الليله"})

_PAST = frozenset({"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "المنقضي", "السابق"})
_CURRENT = frozenset({"الجاري", "الجاريه", "الحالي", "الحاليه"})
_NEXT = frozenset({"المقبل", "المقبله", "القادم", "القادمه"})
_MODIFIERS = _PAST | _CURRENT | _NEXT

# ---------------------------------------------------------------------------------------------
# Pattern fragments
# ---------------------------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """An alternation of phrases, longest first, any run of spaces between words, whole words only."""
    phrases = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) + r"(?!\w)" for p in phrases) + ")"


def _key(s: str) -> str:
    return " ".join(s.split())


# Start of a word, allowing one or two attached proclitics (و ف ب ل ك) that stay outside the span.
_START = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"
_END = r"(?!\w)"
_SP = r"\s+"

_G_MONTH = _alt(GREGORIAN_MONTHS)
_H_MONTH = _alt(HIJRI_MONTHS)
_WEEKDAY = _alt(WEEKDAYS)
_POD = _alt(PARTS_OF_DAY)
_MOD = _alt(_MODIFIERS)
_ORD = _alt(ORDINAL_DAYS)
_DAYNUM = r"(?<![\d./:\-])[0-3]?\d(?!\d)"
_YEAR_KW = r"(?:(?:عام|العام|سنه|السنه)\s+)"
_G_SUFFIX = r"(?:\s*(?:م|ميلادي|ميلاديه|للميلاد)(?!\w))"
_H_SUFFIX = r"(?:\s*(?:ه|هجري|هجريه|للهجره)(?!\w))"
# A relative year after a month: "مارس من العام الماضي", "مارس هذا العام".
_YEAR_REL = r"(?:(?:العام|السنه)\s+" + _MOD + r"|(?:هذا\s+العام|هذه\s+السنه)(?!\w))"

# A month, optionally doubled: "آذار/مارس", "مارس (آذار)", "آذار - مارس".
_G_MONTH_PAIR = rf"(?P<month>{_G_MONTH})(?:\s*[/\-–(]\s*(?P<month2>{_G_MONTH})(?:\s*\))?)?"
_G_YEAR_TAIL = (
    rf"(?:\s*[،,]?\s*(?:من\s+)?{_YEAR_KW}?(?P<year>[12]\d{{3}})(?!\d){_G_SUFFIX}?"
    rf"|\s+(?:من\s+)?(?P<yrel>{_YEAR_REL}))"
)

_RE_FLAGS = re.UNICODE

# Day + month (+ year): "3 مارس 2019", "الثالث من شهر آذار/مارس الجاري", "3 مارس من العام الماضي".
RE_DMY = re.compile(
    rf"{_START}(?:(?P<daynum>{_DAYNUM})|(?P<dayord>{_ORD}))\s*(?:-\s*)?(?:من\s+)?(?:شهر\s+)?"
    rf"{_G_MONTH_PAIR}(?:\s+(?P<mod>{_MOD}))?{_G_YEAR_TAIL}?",
    _RE_FLAGS,
)
# Day of the current/last month: "في 3 من الشهر الجاري", "الثالث من هذا الشهر".
RE_DAY_OF_REL_MONTH = re.compile(
    rf"{_START}(?:(?P<daynum>{_DAYNUM})|(?P<dayord>{_ORD}))\s*(?:من\s+)?"
    rf"(?:الشهر\s+(?P<mod>{_MOD})|(?P<this>هذا\s+الشهر){_END})",
    _RE_FLAGS,
)
# Month (+ year / modifier): "مارس 2019", "شهر آذار الماضي", "في يناير".
RE_MY = re.compile(
    rf"{_START}(?:(?P<shahr>شهر)\s+)?{_G_MONTH_PAIR}(?:\s+(?P<mod>{_MOD}))?{_G_YEAR_TAIL}?",
    _RE_FLAGS,
)
# Year alone: "2019", "عام 2019", "2019م", "1440 هـ".
RE_YEAR = re.compile(
    rf"{_START}(?:(?P<kw>عام|العام|سنه|السنه)\s+)?(?<![\d./:\-,])(?P<year>[12]\d{{3}})(?![\d]|[.,/:\-]\d)"
    rf"(?:(?P<hsuf>{_H_SUFFIX})|{_G_SUFFIX})?",
    _RE_FLAGS,
)
# Numeric: "3/3/2019", "03-03-2019", "2019-03-03", "2019/3/3".
RE_NUMERIC = re.compile(
    r"(?<![\d./:\-])(?:(?P<d>\d{1,2})(?P<s1>[/.\-])(?P<m>\d{1,2})(?P=s1)(?P<y>\d{4})"
    r"|(?P<y2>\d{4})(?P<s2>[/.\-])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2}))(?![\d]|[./:\-]\d)",
    _RE_FLAGS,
)
# Hijri: "15 رمضان 1440 هـ", "غرة شهر رمضان", "رمضان 1440", "شهر رمضان المبارك".
RE_HIJRI = re.compile(
    rf"{_START}(?:(?:(?P<daynum>{_DAYNUM})|(?P<dayord>{_ORD}))\s*(?:من\s+)?)?(?:(?P<shahr>شهر)\s+)?"
    rf"(?P<month>{_H_MONTH})(?:\s+(?P<mod>{_MOD}))?(?:\s+(?:المبارك|الفضيل|الكريم|الحرام){_END})?"
    rf"(?:\s*[،,]?\s*(?:من\s+)?{_YEAR_KW}?(?P<year>1[2-5]\d\d)(?!\d)(?P<hsuf>{_H_SUFFIX})?)?",
    _RE_FLAGS,
)
# Relative day word, optionally with a part of day and a confirming weekday: "مساء أمس السبت".
_REL_WORDS = _alt(_REL_DAY_OFFSETS)
_TODAY_NOT_DATE = (
    r"(?!\s+(?:ال(?:اول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|حادي|تالي|سابق|اخير|عالمي"
    r"|وطني|دولي|واحد|موعود)|نفسه|ذاته|عينه))"
)
RE_REL_DAY = re.compile(
    rf"{_START}(?:(?P<pod>{_POD})\s+)?(?:(?P<yawm>يوم)\s+)?(?P<rel>{_REL_WORDS}){_TODAY_NOT_DATE}"
    rf"(?:\s*[،,]?\s*(?:يوم\s+)?(?P<weekday>{_WEEKDAY}))?",
    _RE_FLAGS,
)
# Weekday: "الأحد", "يوم الأحد", "مساء الجمعة الماضية".
RE_WEEKDAY = re.compile(
    rf"{_START}(?:(?P<pod>{_POD})\s+)?(?:(?P<yawm>يوم)\s+)?(?P<weekday>{_WEEKDAY})(?:\s+(?P<mod>{_MOD}))?",
    _RE_FLAGS,
)
# A night between two days: "ليل الجمعة - السبت", "ليلة السبت على الأحد" (dated by the first day).
RE_NIGHT_BETWEEN = re.compile(
    rf"{_START}(?P<pod>منتصف\s+ليل|منتصف\s+ليله|ليل|ليله)\s+(?:يوم\s+)?(?P<weekday>{_WEEKDAY})"
    rf"(?:\s*(?:[-–/]|الي|علي)\s*|\s+)(?P<weekday2>{_WEEKDAY})(?:\s+(?P<mod>{_MOD}))?",
    _RE_FLAGS,
)
# Relative week / month / year: "الأسبوع الماضي", "الشهر الجاري", "هذا العام", "السنة الماضية".
RE_PERIOD = re.compile(
    rf"{_START}(?:(?P<unit>الاسبوع|الشهر|العام|السنه)\s+(?P<mod>{_MOD})"
    rf"|(?:هذا|هذه)\s+(?P<unit2>الاسبوع|الشهر|العام|السنه){_END})",
    _RE_FLAGS,
)

# Context checks.
_MONTH_PREP_BEFORE = re.compile(
    r"(?:^|(?<!\w))[وف]?(?:في|منذ|خلال|حتي|مطلع|اوائل|منتصف|اواخر|نهايه|بدايه|قبل|بعد|الي|من|بين|طيله|طوال)"
    r"\s+[وفبلك]{0,2}$"
)
_ITHNAYN_BEFORE_OK = re.compile(
    r"(?:[،,(\-–:؛]|(?:^|(?<!\w))[وف]?(?:في|منذ|حتي|قبل|بعد|خلال|الي|ان|انه))\s*[وفبلك]{0,2}$"
)
_ITHNAYN_AFTER_OK = re.compile(r"[ \t]*(?:[،,.)\-–:؛\n]|\d|\Z)")
_ITHNAYN_AFTER_BAD = re.compile(r"\s+(?:من|منهم|منهما|فقط|معا|الاخرين)(?!\w)")
_AHAD_BEFORE_BAD = re.compile(r"(?:^|(?<!\w))(?:الواحد|عبد|عبدال|الله)\s*$")
_POD_BEFORE = re.compile(rf"(?:^|(?<!\w)|(?<=(?<!\w)[وفبلك]))(?P<pod>{_POD})\s+(?:يوم\s+)?$")
_MERGE_GAP = re.compile(r"[\s،,\-–(]*(?:الموافق[\s،,\-–(]*)?")
_QUANTITY_BEFORE = re.compile(
    r"(?:^|(?<!\w))(?:نحو|حوالي|قرابه|زهاء|اكثر\s+من|اقل\s+من|يقارب|يزيد\s+عن|يزيد\s+علي|رقم|بلغ|بلغت)"
    r"\s*$"
)
_COUNTED_AFTER = re.compile(
    r"\s*(?:شخص|اشخاص|قتيل|قتلي|جريح|جرحي|مدني|مدنيا|جندي|جنود|عنصر|عناصر|مسلح|مسلحا|مقاتل|مقاتلا"
    r"|طفل|اطفال|امراه|لاجئ|لاجئا|نازح|نازحا|عائله|اسره|منزل|منازل|دولار|يورو|ليره|دينار|ريال|جنيه"
    r"|كيلومتر|كلم|كم|متر|طن|برميل|صاروخ|صاروخا|قذيفه|غاره|معتقل|معتقلا|اسير|سجين|حاله|مصاب|مصابا"
    r"|وفاه|عسكري|ضحيه|فرد|افراد|مليون|الف|الاف|هكتار|دونم)(?!\w)"
)


# ---------------------------------------------------------------------------------------------
# Resolution helpers
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    """A match over the normalized text before overlap resolution."""

    start: int
    end: int
    attrs: dict[str, Any]
    kind: str = "other"  # "explicit_day" | "relative_day" | "other"
    extra: dict[str, Any] = field(default_factory=dict)


def _attrs(
    value: dt.date | None, precision: str, relative: bool, part_of_day: str | None = None, **extra: Any
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": value.isoformat() if value is not None else None,
        "precision": precision,
        "time_precision": TIME_PRECISION[precision],
        "relative": relative,
    }
    if part_of_day:
        out["part_of_day"] = part_of_day
    out.update(extra)
    return out


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _hijri_to_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError) as exc:
        log.debug("hijri %d-%d-%d not convertible: %s", year, month, day, exc)
        return None
    return dt.date(g.year, g.month, g.day)


def _date_to_hijri(day: dt.date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError) as exc:
        log.debug("%s not convertible to hijri: %s", day, exc)
        return None
    return int(h.year), int(h.month), int(h.day)


def _mod_kind(mod: str | None) -> str | None:
    if mod is None:
        return None
    mod = _key(mod)
    if mod in _PAST:
        return "past"
    if mod in _NEXT:
        return "next"
    return "current"


def _year_from_rel(yrel: str, pub: dt.date | None) -> int | None:
    if pub is None:
        return None
    words = _key(yrel).split()
    kind = _mod_kind(words[-1]) if words[-1] in _MODIFIERS else "current"
    return pub.year + {"past": -1, "next": 1}.get(kind or "current", 0)


def _day_of_match(m: re.Match[str]) -> int:
    if m.group("daynum"):
        return int(m.group("daynum"))
    return ORDINAL_DAYS[_key(m.group("dayord"))]


def _month_of_match(m: re.Match[str]) -> int:
    return GREGORIAN_MONTHS[_key(m.group("month"))]


def _resolve_day_month(day: int, month: int, mod: str | None, pub: dt.date | None) -> dt.date | None:
    """A day-month without a year, placed in the year implied by the publication date."""
    if pub is None:
        return None
    kind = _mod_kind(mod)
    year = pub.year
    if kind == "current":
        return _safe_date(year, month, day)
    cand = _safe_date(year, month, day) or _safe_date(year, month, 1)
    if cand is None:
        return None
    if kind == "past" and cand > pub:
        year -= 1
    elif kind == "next" and cand < pub:
        year += 1
    elif kind is None and (cand - pub).days > FUTURE_TOLERANCE_DAYS:
        year -= 1
    return _safe_date(year, month, day)


def _resolve_month(month: int, mod: str | None, pub: dt.date | None) -> dt.date | None:
    """First day of a month named without a year."""
    if pub is None:
        return None
    kind = _mod_kind(mod)
    year = pub.year
    if kind == "past" and month >= pub.month:
        year -= 1
    elif kind == "next" and month <= pub.month:
        year += 1
    elif kind is None and (dt.date(year, month, 1) - pub).days > FUTURE_MONTH_TOLERANCE_DAYS:
        year -= 1
    return dt.date(year, month, 1)


def _latest_weekday(pub: dt.date, weekday: int, strictly_before: bool = False) -> dt.date:
    back = (pub.weekday() - weekday) % 7
    if strictly_before and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def _next_weekday(pub: dt.date, weekday: int) -> dt.date:
    ahead = (weekday - pub.weekday()) % 7
    return pub + dt.timedelta(days=ahead or 7)


# ---------------------------------------------------------------------------------------------
# Matchers: each yields candidates over the normalized text
# ---------------------------------------------------------------------------------------------


def _match_dmy(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    for m in RE_DMY.finditer(text):
        day, month = _day_of_match(m), _month_of_match(m)
        if not 1 <= day <= 31:
            continue
        relative = False
        if m.group("year"):
            value = _safe_date(int(m.group("year")), month, day)
        elif m.group("yrel"):
            year = _year_from_rel(m.group("yrel"), pub)
            value = _safe_date(year, month, day) if year is not None else None
            relative = True
        else:
            value = _resolve_day_month(day, month, m.group("mod"), pub)
            relative = True
        yield _Cand(m.start(), m.end(), _attrs(value, "day", relative), "explicit_day")


def _match_day_of_rel_month(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    for m in RE_DAY_OF_REL_MONTH.finditer(text):
        day = _day_of_match(m)
        if not 1 <= day <= 31:
            continue
        value: dt.date | None = None
        if pub is not None:
            kind = "current" if m.group("this") else _mod_kind(m.group("mod"))
            first = pub.replace(day=1)
            if kind == "past":
                first = (first - dt.timedelta(days=1)).replace(day=1)
            elif kind == "next":
                first = (first + dt.timedelta(days=32)).replace(day=1)
            value = _safe_date(first.year, first.month, day)
        yield _Cand(m.start(), m.end(), _attrs(value, "day", True), "explicit_day")


def _match_my(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    for m in RE_MY.finditer(text):
        name = _key(m.group("month"))
        month = GREGORIAN_MONTHS[name]
        strong = bool(m.group("year") or m.group("yrel") or m.group("shahr") or m.group("month2"))
        if name in AMBIGUOUS_MONTHS and not strong:
            continue
        if not (strong or m.group("mod")) and not _MONTH_PREP_BEFORE.search(
            text, max(0, m.start() - 30), m.start()
        ):
            continue
        relative = False
        value: dt.date | None
        if m.group("year"):
            value = dt.date(int(m.group("year")), month, 1)
        elif m.group("yrel"):
            year = _year_from_rel(m.group("yrel"), pub)
            value = dt.date(year, month, 1) if year is not None else None
            relative = True
        else:
            value = _resolve_month(month, m.group("mod"), pub)
            relative = True
        yield _Cand(m.start(), m.end(), _attrs(value, "month", relative))


def _match_year(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    for m in RE_YEAR.finditer(text):
        year = int(m.group("year"))
        has_kw = bool(m.group("kw"))
        suffixed = m.end() > m.end("year")
        if m.group("hsuf"):
            if not 1300 <= year <= 1600:
                continue
            value = _hijri_to_date(year, 1, 1)
            yield _Cand(m.start(), m.end(), _attrs(value, "year", False, calendar="hijri"))
            continue
        if not (has_kw or suffixed):
            if not 1900 <= year <= 2099:
                continue
            if _QUANTITY_BEFORE.search(text, max(0, m.start() - 20), m.start()):
                continue
            if _COUNTED_AFTER.match(text, m.end()):
                continue
        elif not 1000 <= year <= 2199:
            continue
        yield _Cand(m.start(), m.end(), _attrs(dt.date(year, 1, 1), "year", False))


def _match_numeric(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    for m in RE_NUMERIC.finditer(text):
        if m.group("y"):
            day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
            if month > 12 and day <= 12:  # month-first (US) order
                day, month = month, day
        else:
            year, month, day = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
        if not 1000 <= year <= 2199:
            continue
        value = _safe_date(year, month, day)
        if value is None:
            continue
        yield _Cand(m.start(), m.end(), _attrs(value, "day", False), "explicit_day")


def _match_hijri(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    for m in RE_HIJRI.finditer(text):
        has_day = bool(m.group("daynum") or m.group("dayord"))
        if not (has_day or m.group("year") or m.group("shahr")):
            continue
        month = HIJRI_MONTHS[_key(m.group("month"))]
        day = _day_of_match(m) if has_day else 1
        if not 1 <= day <= 30:
            continue
        precision = "day" if has_day else "month"
        relative = False
        value: dt.date | None = None
        if m.group("year"):
            value = _hijri_to_date(int(m.group("year")), month, day)
        else:
            relative = True
            pub_h = _date_to_hijri(pub) if pub is not None else None
            if pub is not None and pub_h is not None:
                hy, hm = pub_h[0], pub_h[1]
                kind = _mod_kind(m.group("mod"))
                if kind == "past" and (month > hm or (month == hm and not has_day)):
                    hy -= 1
                elif kind == "next" and (month < hm or (month == hm and not has_day)):
                    hy += 1
                value = _hijri_to_date(hy, month, day)
                limit = FUTURE_TOLERANCE_DAYS if has_day else FUTURE_MONTH_TOLERANCE_DAYS
                if kind is None and value is not None and (value - pub).days > limit:
                    value = _hijri_to_date(hy - 1, month, day)
        kind_ = "explicit_day" if has_day else "other"
        yield _Cand(m.start(), m.end(), _attrs(value, precision, relative, calendar="hijri"), kind_)


def _pod(m: re.Match[str]) -> str | None:
    pod = m.group("pod")
    return PARTS_OF_DAY[_key(pod)] if pod else None


def _match_rel_day(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    for m in RE_REL_DAY.finditer(text):
        rel = _key(m.group("rel"))
        pod = _pod(m)
        if rel == "غد" and not (pod or m.group("yawm")):
            continue
        if rel in _NIGHT_WORDS and pod is None:
            pod = "night"
        offset = _REL_DAY_OFFSETS[rel]
        value = pub + dt.timedelta(days=offset) if pub is not None else None
        if value is not None and m.group("weekday"):
            said = WEEKDAYS[_key(m.group("weekday"))]
            if said != value.weekday():
                log.debug("weekday %r contradicts %r on %s; trusting the relative word", m.group(0), rel, pub)
        yield _Cand(m.start(), m.end(), _attrs(value, "day", True, pod), "relative_day")


def _bare_weekday_ok(text: str, name: str, start: int, end: int) -> bool:
    """Whether a weekday word with no يوم / part of day / modifier is really a day name."""
    if name == "الاحد":
        return not _AHAD_BEFORE_BAD.search(text, max(0, start - 12), start)
    if name == "الاثنين":  # also "the two"
        if _ITHNAYN_AFTER_BAD.match(text, end):
            return False
        before = _ITHNAYN_BEFORE_OK.search(text, max(0, start - 12), start)
        after = _ITHNAYN_AFTER_OK.match(text, end)
        return bool(before or after)
    return True


def _weekday_matches(text: str) -> Iterable[re.Match[str]]:
    yield from RE_WEEKDAY.finditer(text)
    yield from RE_NIGHT_BETWEEN.finditer(text)


def _match_weekday(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    for m in _weekday_matches(text):
        name = _key(m.group("weekday"))
        pod = _pod(m)
        mod = m.group("mod")
        if not (pod or m.group("yawm") or mod) and not _bare_weekday_ok(text, name, m.start(), m.end()):
            continue
        weekday = WEEKDAYS[name]
        value: dt.date | None = None
        if pub is not None:
            kind = _mod_kind(mod)
            if kind == "next":
                value = _next_weekday(pub, weekday)
            else:
                value = _latest_weekday(pub, weekday, strictly_before=kind == "past")
        yield _Cand(m.start(), m.end(), _attrs(value, "day", True, pod), "relative_day")


def _match_period(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    for m in RE_PERIOD.finditer(text):
        unit = m.group("unit") or m.group("unit2")
        kind = _mod_kind(m.group("mod")) if m.group("mod") else "current"
        step = {"past": -1, "next": 1}.get(kind or "current", 0)
        value: dt.date | None = None
        if unit == "الاسبوع":
            precision = "week"
            if pub is not None:
                week_start = pub - dt.timedelta(days=(pub.weekday() - WEEK_START) % 7)
                value = week_start + dt.timedelta(days=7 * step)
        elif unit == "الشهر":
            precision = "month"
            if pub is not None:
                months = pub.year * 12 + pub.month - 1 + step
                value = dt.date(months // 12, months % 12 + 1, 1)
        else:
            precision = "year"
            if pub is not None:
                value = dt.date(pub.year + step, 1, 1)
        yield _Cand(m.start(), m.end(), _attrs(value, precision, True))


_MATCHERS = (
    _match_dmy,
    _match_day_of_rel_month,
    _match_my,
    _match_year,
    _match_numeric,
    _match_hijri,
    _match_rel_day,
    _match_weekday,
    _match_period,
)


# ---------------------------------------------------------------------------------------------
# Overlaps, merging, mapping back
# ---------------------------------------------------------------------------------------------


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest match wins; among equals the earlier one. Returns non-overlapping, sorted by start."""
    chosen: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if c.end <= c.start:
            continue
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    chosen.sort(key=lambda c: c.start)
    return chosen


def _merge(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Join a weekday/relative day with the explicit date right after it; pull in a part of day before."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "relative_day"
            and c.kind == "explicit_day"
            and c.start - prev.end <= 16
            and _MERGE_GAP.fullmatch(text, prev.end, c.start)
        ):
            attrs = dict(c.attrs)
            if "part_of_day" in prev.attrs:
                attrs["part_of_day"] = prev.attrs["part_of_day"]
            out[-1] = _Cand(prev.start, c.end, attrs, "explicit_day")
            continue
        if c.kind == "explicit_day" and "part_of_day" not in c.attrs:
            lo = max(out[-1].end if out else 0, c.start - 25)
            pm = _POD_BEFORE.search(text, lo, c.start)
            if pm is not None:
                c = _Cand(
                    pm.start(), c.end, {**c.attrs, "part_of_day": PARTS_OF_DAY[_key(pm["pod"])]}, c.kind
                )
        out.append(c)
    return out


def find_dates_in(text: str, pub: dt.date | None) -> list[tuple[int, int, dict[str, Any]]]:
    """DATE matches over an already normalized `text`: (start, end, attrs) in normalized offsets."""
    cands: list[_Cand] = []
    for matcher in _MATCHERS:
        cands.extend(matcher(text, pub))
    return [(c.start, c.end, c.attrs) for c in _merge(text, _select(cands))]


def _is_trailing_mark(ch: str) -> bool:
    return ch == "\u0640" or unicodedata.category(ch) == "Mn"


def find_dates(doc: Document) -> list[Span]:
    """DATE spans of `doc.text` (code-point offsets, end exclusive), resolved against `doc.date`."""
    norm = doc.normalized
    spans: list[Span] = []
    for start, end, attrs in find_dates_in(norm.text, doc.date):
        o_start, o_end = norm.span_to_original(start, end)
        while o_end < len(doc.text) and _is_trailing_mark(doc.text[o_end]):
            o_end += 1  # diacritics / tatweel on the last letter belong to the word ("غداً", "هـ")
        if o_end > o_start:
            spans.append(Span(o_start, o_end, LABEL, attrs))
    return spans


def describe(spans: Iterable[Span], text: str) -> list[Mapping[str, Any]]:
    """The spans as JSON-like records (for logging and debugging)."""
    return [s.to_json(text) for s in spans]
