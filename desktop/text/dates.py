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

import bisect
import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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


# Patterns are written without a leading word-start assertion (it would defeat the regex engine's
# first-character scan and cost ~10x); `_finditer` checks the word start instead, allowing one or two
# attached proclitics (و ف ب ل ك) that stay outside the span.
_PROCLITICS = "وفبلك"
_END = r"(?!\w)"

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

# Each matcher has a fast "core" pattern that starts with a keyword (a month, a weekday, a digit...)
# and, where words may come before the keyword, a "prefix" pattern searched in a short window that
# ends where the core starts (anchored with \Z). A leading optional group would stop the regex engine
# from skipping ahead to the keyword's first characters and make every pattern ~10x slower.
_PSTART = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"
_PREFIX_WINDOW = 60

# Day (and "شهر") before a month name: "3 ", "الثالث من ", "3 من شهر ", "شهر ".
RE_MONTH_PREFIX = re.compile(
    rf"{_PSTART}(?:(?:(?P<daynum>{_DAYNUM})(?:\s*(?:[-–]|و|الي|حتي)\s*[0-3]?\d(?!\d))?|(?P<dayord>{_ORD}))"
    rf"\s*(?:-\s*)?(?:من\s+)?(?:(?P<shahr>شهر)\s+)?"
    rf"|(?P<shahr2>شهر)\s+)\Z",
    _RE_FLAGS,
)
# Part of day and/or "يوم" before a day word: "مساء ", "صباح يوم ", "يوم ".
RE_DAY_PREFIX = re.compile(
    rf"{_PSTART}(?:(?P<pod>{_POD})\s+(?:(?P<yawm>يوم)\s+)?|(?P<yawm2>يوم)\s+)\Z",
    _RE_FLAGS,
)
# A year keyword before a year: "عام ", "العام ".
RE_YEAR_PREFIX = re.compile(rf"{_PSTART}(?P<kw>عام|العام|سنه|السنه)\s+\Z", _RE_FLAGS)

# Gregorian month (+ modifier, + year): "مارس 2019", "آذار/مارس الجاري", "مارس من العام الماضي".
RE_G_MONTH = re.compile(rf"{_G_MONTH_PAIR}(?:\s+(?P<mod>{_MOD}))?{_G_YEAR_TAIL}?", _RE_FLAGS)
# Hijri month (+ year): "رمضان 1440 هـ", "رمضان المبارك", "ذو الحجة الماضي".
RE_H_MONTH = re.compile(
    rf"(?P<month>{_H_MONTH})(?:\s+(?P<mod>{_MOD}))?(?:\s+(?:المبارك|الفضيل|الكريم|الحرام){_END})?"
    rf"(?:\s*[،,]?\s*(?:من\s+)?{_YEAR_KW}?(?P<year>1[2-5]\d\d)(?!\d)(?P<hsuf>{_H_SUFFIX})?)?",
    _RE_FLAGS,
)
# Year: "2019", "2019م", "1440 هـ" ("عام " comes from the prefix).
RE_YEAR = re.compile(
    rf"(?P<year>[12](?<![\d./:\-,][12])\d{{3}})(?![\d]|[.,/:\-]\d)(?:(?P<hsuf>{_H_SUFFIX})|{_G_SUFFIX})?",
    _RE_FLAGS,
)
# Numeric: "3/3/2019", "03-03-2019", "2019-03-03", "2019/3/3".
RE_NUMERIC = re.compile(
    r"(?P<n1>\d(?<![\d./:\-]\d)\d{0,3})(?P<sep>[/.\-])(?P<n2>\d{1,2})(?P=sep)(?P<n3>\d{1,4})(?![\d]|[./:\-]\d)",
    _RE_FLAGS,
)
# Relative day word and a confirming weekday: "أمس السبت", "أمس الأول الجمعة", "اليوم الأحد".
_REL_WORDS = _alt(_REL_DAY_OFFSETS)
_TODAY_NOT_DATE = (
    r"(?!\s+(?:ال(?:اول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|حادي|تالي|سابق|اخير|عالمي"
    r"|وطني|دولي|واحد|موعود)|نفسه|ذاته|عينه))"
)
RE_REL_DAY = re.compile(
    rf"(?P<rel>{_REL_WORDS}){_TODAY_NOT_DATE}(?:\s*[،,]?\s*(?:يوم\s+)?(?P<weekday>{_WEEKDAY}))?",
    _RE_FLAGS,
)
# Weekday (+ modifier): "الأحد", "الجمعة الماضية" (the prefix adds "يوم", "مساء"...).
RE_WEEKDAY = re.compile(rf"(?P<weekday>{_WEEKDAY})(?:\s+(?P<mod>{_MOD}))?", _RE_FLAGS)
# A night between two days: "ليل الجمعة - السبت", "ليلة السبت على الأحد" (dated by the first day).
RE_NIGHT_BETWEEN = re.compile(
    rf"(?P<pod>منتصف\s+ليل|منتصف\s+ليله|ليل|ليله)\s+(?:يوم\s+)?(?P<weekday>{_WEEKDAY})"
    rf"(?:\s*(?:[-–/]|الي|علي)\s*|\s+)(?P<weekday2>{_WEEKDAY})(?:\s+(?P<mod>{_MOD}))?",
    _RE_FLAGS,
)
# Relative week / month / year: "الأسبوع الماضي", "الشهر الجاري", "هذا العام", "السنة الماضية".
# With a day before it ("3 من الشهر الجاري") a month becomes a day.
RE_PERIOD = re.compile(
    rf"(?:(?P<unit>الاسبوع|الشهر|العام|السنه)\s+(?P<mod>{_MOD})"
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
_ITHNAYN_AFTER_OK = re.compile(rf"[ \t]*(?:[،,.)\-–:؛\n]|\d|\Z)|\s+(?:و|او|ثم)\s*{_WEEKDAY}")
# "ووقع الهجوم الاثنين في ...", "قتل الجنود الاثنين قرب ...": a weekday between a word that is no
# dual or plural ("الطرفين الاثنين" is "the two") and a preposition of place.
_ITHNAYN_AFTER_PREP = re.compile(r"\s+(?:في|قرب|على|علي|عند|الي|إلى|بالقرب|جنوب|شمال|شرق|غرب|وسط)(?!\w)")
_ITHNAYN_BEFORE_SINGULAR = re.compile(r"(?<!\w)\w*(?<!ين)(?<!ان)(?<!ون)(?<!ات)\s+$")
_ITHNAYN_AFTER_BAD = re.compile(r"\s+(?:من|منهم|منهما|فقط|معا|الاخرين)(?!\w)")
_AHAD_BEFORE_BAD = re.compile(r"(?:^|(?<!\w))(?:الواحد|عبد|عبدال|الله)\s*$")
# News outlets named "... اليوم" (RT Arabic, Al-Masry Al-Youm...): not "today".
_TODAY_OUTLET_BEFORE = re.compile(r"(?<!\w)(?:روسيا|المصري|اخبار|الامارات|فلسطين)\s+\Z")
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


def _day_of(m: re.Match[str] | None) -> int | None:
    """The day number of a prefix match (digits or an ordinal word), or None."""
    if m is None:
        return None
    if m.group("daynum"):
        return int(m.group("daynum"))
    if m.group("dayord"):
        return ORDINAL_DAYS[_key(m.group("dayord"))]
    return None


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


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) == "Mn"


def _word_start(text: str, i: int) -> bool:
    """Whether a match may start at `i`: at a word start, or after one or two proclitics."""
    if i == 0 or not _is_word_char(text[i - 1]):
        return True
    if text[i - 1] not in _PROCLITICS:
        return False
    if i == 1 or not _is_word_char(text[i - 2]):
        return True
    return text[i - 1] in "بلك" and text[i - 2] in "وف" and (i == 2 or not _is_word_char(text[i - 3]))


def _finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Like `pattern.finditer(text)`, but only matches starting at a word (or after proclitics)."""
    pos, n = 0, len(text)
    while pos <= n:
        m = pattern.search(text, pos)
        if m is None:
            return
        if m.end() > m.start() and _word_start(text, m.start()):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def _prefix(pattern: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
    """The longest match of a prefix pattern ending exactly at `start`."""
    if start == 0:
        return None
    return pattern.search(text, max(0, start - _PREFIX_WINDOW), start)


def _pod_of(m: re.Match[str] | None) -> str | None:
    pod = m.group("pod") if m is not None else None
    return PARTS_OF_DAY[_key(pod)] if pod else None


def _match_gregorian(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    """Month names with an optional day before and modifier/year after."""
    for m in _finditer(RE_G_MONTH, text):
        name = _key(m.group("month"))
        month = GREGORIAN_MONTHS[name]
        pre = _prefix(RE_MONTH_PREFIX, text, m.start())
        day = _day_of(pre)
        start = pre.start() if pre is not None else m.start()
        shahr = pre is not None and bool(pre.group("shahr") or pre.group("shahr2"))
        year_s, yrel, mod = m.group("year"), m.group("yrel"), m.group("mod")
        year: int | None = int(year_s) if year_s else None
        if yrel:
            year = _year_from_rel(yrel, pub)
        relative = not year_s
        value: dt.date | None
        if day is not None:
            if not 1 <= day <= 31:
                continue
            if year_s or yrel:
                value = _safe_date(year, month, day) if year is not None else None
            else:
                value = _resolve_day_month(day, month, mod, pub)
            yield _Cand(start, m.end(), _attrs(value, "day", relative), "explicit_day")
            continue
        strong = bool(year_s or yrel or shahr or m.group("month2"))
        if name in AMBIGUOUS_MONTHS and not strong:
            continue
        if not (strong or mod) and not _MONTH_PREP_BEFORE.search(text, max(0, start - 30), start):
            continue
        if year_s or yrel:
            value = dt.date(year, month, 1) if year is not None else None
        else:
            value = _resolve_month(month, mod, pub)
        yield _Cand(start, m.end(), _attrs(value, "month", relative))


def _match_hijri(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    """Hijri month names: with a day before, a year after, or "شهر" before."""
    for m in _finditer(RE_H_MONTH, text):
        pre = _prefix(RE_MONTH_PREFIX, text, m.start())
        day = _day_of(pre)
        shahr = pre is not None and bool(pre.group("shahr") or pre.group("shahr2"))
        if day is None and not (m.group("year") or shahr):
            continue
        if day is not None and not 1 <= day <= 30:
            continue
        start = pre.start() if pre is not None else m.start()
        month = HIJRI_MONTHS[_key(m.group("month"))]
        precision = "day" if day is not None else "month"
        value: dt.date | None = None
        if m.group("year"):
            value = _hijri_to_date(int(m.group("year")), month, day or 1)
        elif pub is not None:
            value = _resolve_hijri(day, month, m.group("mod"), pub)
        kind = "explicit_day" if day is not None else "other"
        yield _Cand(start, m.end(), _attrs(value, precision, not m.group("year"), calendar="hijri"), kind)


def _resolve_hijri(day: int | None, month: int, mod: str | None, pub: dt.date) -> dt.date | None:
    """A Hijri day-month or month without a year, placed in the Hijri year implied by `pub`."""
    pub_h = _date_to_hijri(pub)
    if pub_h is None:
        return None
    hy, hm = pub_h[0], pub_h[1]
    kind = _mod_kind(mod)
    if kind == "past" and (month > hm or (month == hm and day is None)):
        hy -= 1
    elif kind == "next" and (month < hm or (month == hm and day is None)):
        hy += 1
    value = _hijri_to_date(hy, month, day or 1)
    limit = FUTURE_TOLERANCE_DAYS if day is not None else FUTURE_MONTH_TOLERANCE_DAYS
    if kind is None and value is not None and (value - pub).days > limit:
        value = _hijri_to_date(hy - 1, month, day or 1)
    return value


def _match_year(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    """Four-digit years, with or without "عام" / "م" / "هـ"."""
    for m in _finditer(RE_YEAR, text):
        year = int(m.group("year"))
        pre = _prefix(RE_YEAR_PREFIX, text, m.start())
        start = pre.start() if pre is not None else m.start()
        if m.group("hsuf"):
            if not 1300 <= year <= 1600:
                continue
            value = _hijri_to_date(year, 1, 1)
            yield _Cand(start, m.end(), _attrs(value, "year", False, calendar="hijri"))
            continue
        if pre is None and m.end() == m.end("year"):  # a bare number: could be a count
            if not 1900 <= year <= 2099:
                continue
            if _QUANTITY_BEFORE.search(text, max(0, start - 20), start):
                continue
            if _COUNTED_AFTER.match(text, m.end()):
                continue
        elif not 1000 <= year <= 2199:
            continue
        yield _Cand(start, m.end(), _attrs(dt.date(year, 1, 1), "year", False))


# Years of all-digit dates read as Hijri: 1300-1500 AH is 1882-2077 CE.
_HIJRI_NUMERIC_YEARS = (1300, 1500)


def _match_numeric(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    """All-digit dates, day first ("3/3/2019") or ISO order ("2019-03-03")."""
    for m in RE_NUMERIC.finditer(text):
        n1, n2, n3 = m.group("n1", "n2", "n3")
        if len(n1) <= 2 and len(n3) == 4:
            day, month, year = int(n1), int(n2), int(n3)
            if month > 12 and day <= 12:  # month-first (US) order
                day, month = month, day
        elif len(n1) == 4 and len(n3) <= 2:
            year, month, day = int(n1), int(n2), int(n3)
        else:
            continue
        if not 1000 <= year <= 2199:
            continue
        if _HIJRI_NUMERIC_YEARS[0] <= year <= _HIJRI_NUMERIC_YEARS[1]:
            # "23/9/1436": an all-digit date in the 14th-15th Hijri century is Hijri (Saudi usage).
            hijri = _hijri_to_date(year, month, day) if 1 <= month <= 12 and 1 <= day <= 30 else None
            if hijri is not None:
                yield _Cand(m.start(), m.end(), _attrs(hijri, "day", False, calendar="hijri"), "explicit_day")
            continue
        value = _safe_date(year, month, day)
        if value is None:
            continue
        yield _Cand(m.start(), m.end(), _attrs(value, "day", False), "explicit_day")


def _match_rel_day(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    """اليوم, أمس, أمس الأول, الليلة الماضية, غدا... with an optional part of day and weekday."""
    for m in _finditer(RE_REL_DAY, text):
        rel = _key(m.group("rel"))
        pre = _prefix(RE_DAY_PREFIX, text, m.start())
        pod = _pod_of(pre)
        if rel == "غد" and pre is None:
            continue
        if (
            rel == "اليوم"
            and pre is None
            and _TODAY_OUTLET_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ):
            continue
        if rel in _NIGHT_WORDS and pod is None:
            pod = "night"
        value = pub + dt.timedelta(days=_REL_DAY_OFFSETS[rel]) if pub is not None else None
        if value is not None and m.group("weekday") and WEEKDAYS[_key(m.group("weekday"))] != value.weekday():
            # "أمس الثلاثاء" in a Thursday paper: the copy was written the day before; the weekday
            # the reporter named is the event's day (the latest such day on or before "أمس").
            log.debug("weekday in %r contradicts publication date %s; trusting the weekday", m.group(0), pub)
            value = _latest_weekday(value, WEEKDAYS[_key(m.group("weekday"))])
        start = pre.start() if pre is not None else m.start()
        yield _Cand(start, m.end(), _attrs(value, "day", True, pod), "relative_day")


def _bare_weekday_ok(text: str, name: str, start: int, end: int) -> bool:
    """Whether a weekday word with no يوم / part of day / modifier is really a day name."""
    if name == "الاحد":
        return not _AHAD_BEFORE_BAD.search(text, max(0, start - 12), start)
    if name == "الاثنين":  # also "the two"
        if _ITHNAYN_AFTER_BAD.match(text, end):
            return False
        before = _ITHNAYN_BEFORE_OK.search(text, max(0, start - 12), start)
        after = _ITHNAYN_AFTER_OK.match(text, end)
        placed = _ITHNAYN_AFTER_PREP.match(text, end) and _ITHNAYN_BEFORE_SINGULAR.search(
            text, max(0, start - 20), start
        )
        return bool(before or after or placed)
    return True


def _weekday_value(weekday: int, mod: str | None, pub: dt.date | None) -> dt.date | None:
    if pub is None:
        return None
    kind = _mod_kind(mod)
    if kind == "next":
        return _next_weekday(pub, weekday)
    return _latest_weekday(pub, weekday, strictly_before=kind == "past")


def _match_weekday(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    """Weekday names: the latest such day on or before publication (or after, with المقبل)."""
    for m in _finditer(RE_WEEKDAY, text):
        name = _key(m.group("weekday"))
        pre = _prefix(RE_DAY_PREFIX, text, m.start())
        mod = m.group("mod")
        if pre is None and not mod and not _bare_weekday_ok(text, name, m.start(), m.end()):
            continue
        start = pre.start() if pre is not None else m.start()
        value = _weekday_value(WEEKDAYS[name], mod, pub)
        if value is not None and pre is not None and "منتصف" in pre.group(0) and value < (pub or value):
            value += dt.timedelta(days=1)  # "منتصف ليل الأحد": midnight ends Sunday, the events are Monday's
        yield _Cand(start, m.end(), _attrs(value, "day", True, _pod_of(pre)), "relative_day")
    for m in _finditer(RE_NIGHT_BETWEEN, text):
        # "ليل الاثنين - الثلاثاء": what happens in that night is dated by the day after midnight.
        value = _weekday_value(WEEKDAYS[_key(m.group("weekday2"))], m.group("mod"), pub)
        yield _Cand(m.start(), m.end(), _attrs(value, "day", True, "night"), "relative_day")


def _match_period(text: str, pub: dt.date | None) -> Iterable[_Cand]:
    """الأسبوع/الشهر/العام الماضي..., and "3 من الشهر الجاري" (a day of that month)."""
    for m in _finditer(RE_PERIOD, text):
        unit = m.group("unit") or m.group("unit2")
        kind = _mod_kind(m.group("mod")) if m.group("mod") else "current"
        step = {"past": -1, "next": 1}.get(kind or "current", 0)
        value: dt.date | None = None
        start = m.start()
        if unit == "الاسبوع":
            precision = "week"
            if pub is not None:
                week_start = pub - dt.timedelta(days=(pub.weekday() - WEEK_START) % 7)
                value = week_start + dt.timedelta(days=7 * step)
        elif unit == "الشهر":
            precision = "month"
            first = None
            if pub is not None:
                months = pub.year * 12 + pub.month - 1 + step
                first = value = dt.date(months // 12, months % 12 + 1, 1)
            pre = _prefix(RE_MONTH_PREFIX, text, m.start())
            day = _day_of(pre)
            if pre is not None and day is not None and not pre.group("shahr"):
                if not 1 <= day <= 31:
                    continue
                value = _safe_date(first.year, first.month, day) if first is not None else None
                yield _Cand(pre.start(), m.end(), _attrs(value, "day", True), "explicit_day")
                continue
        else:
            precision = "year"
            if pub is not None:
                value = dt.date(pub.year + step, 1, 1)
        yield _Cand(start, m.end(), _attrs(value, precision, True))


_MATCHERS = (
    _match_gregorian,
    _match_hijri,
    _match_year,
    _match_numeric,
    _match_rel_day,
    _match_weekday,
    _match_period,
)


# ---------------------------------------------------------------------------------------------
# Overlaps, merging, mapping back
# ---------------------------------------------------------------------------------------------


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest match wins; among equals the earlier one. Returns non-overlapping, sorted by start."""
    chosen: list[_Cand] = []  # kept sorted by start; non-overlapping, so also sorted by end
    starts: list[int] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if c.end <= c.start:
            continue
        i = bisect.bisect_right(starts, c.start)
        if i > 0 and chosen[i - 1].end > c.start:
            continue
        if i < len(chosen) and chosen[i].start < c.end:
            continue
        chosen.insert(i, c)
        starts.insert(i, c.start)
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
    writer = _writer_day(text, pub)
    for matcher in _MATCHERS:
        cands.extend(matcher(text, writer if matcher is _match_rel_day else pub))
    return [(c.start, c.end, c.attrs) for c in _merge(text, _select(cands))]


def _writer_day(text: str, pub: dt.date | None) -> dt.date | None:
    """The day the copy was written, for its bare `أمس`/`اليوم`: the publication date, or the day
    before when every `أمس الثلاثاء`-style phrase names the weekday of one day earlier (a paper
    printing yesterday's copy: `أمس الثلاثاء` in a Thursday paper, so its bare `أمس` is Tuesday too)."""
    if pub is None:
        return None
    shifts = set()
    for m in _finditer(RE_REL_DAY, text):
        if not m.group("weekday"):
            continue
        value = pub + dt.timedelta(days=_REL_DAY_OFFSETS[_key(m.group("rel"))])
        named = WEEKDAYS[_key(m.group("weekday"))]
        shifts.add(-((value.weekday() - named) % 7))
    return pub - dt.timedelta(days=1) if shifts == {-1} else pub


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
