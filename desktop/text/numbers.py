"""Numbers in Arabic news text: digits, number words, vague quantities and ordinals as NUM spans.

`find_numbers(doc)` scans `doc.normalized.text` (diacritics and tatweel removed, alef/yeh/teh-marbuta
folded, Arabic-Indic and Persian digits folded to ASCII) with one compiled regex, and maps every hit
back to `doc.text` with `span_to_original`. A hit is either a *run* of number tokens (digits, number
words, scale and vague words, joined by spaces or the conjunction و) that a small parser splits into
one or more numbers, or an ordinal word (الثالث, الحادي عشر, الخامس والعشرين).

Every span is labelled ``NUM`` and carries:

* ``value`` (int): the number; decimals keep their integer part here and the exact figure in
  ``decimal`` (float) (a lone dot before exactly three digits with no scale word after it, as in
  1.500 قتيل, is read as a thousands separator; ١٫٥ is always a decimal); vague words take
  ACLED's conservative values (عشرات 10, مئات 100, آلاف 1000, عشرات الآلاف 10000,
  مئات الآلاف 100000, بضعة 3).
* ``qualifier``: ``exact``, ``approx``, ``at_least``, ``more_than``, ``less_than`` or ``vague``; the
  qualifier words themselves (نحو, أكثر من, على الأقل ...) stay outside the span.
* ``kind``: ``count`` or ``ordinal`` (ordinal words, and digits after a unit noun such as
  الفرقة 11, اللواء 93).
* ``unit``: ``percent`` for 50% / 50 في المئة (only when present).

Attached proclitics (و ف ب ل ك) are outside the span; the definite article is kept on number words
(العشرات, الثلاثة) and dropped before digits (الـ24 gives the span 24). Three-part dates and clock
times (2019-03-03, 10:30) are skipped; other numbers inside dates (years, days) are emitted and left
to the pipeline, which drops NUM spans inside DATE spans.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from desktop.document import Document, Span

logger = logging.getLogger(__name__)

LABEL = "NUM"

# --- lexicon (normalized spelling: ا for أإآ, ي for ى, ه for ة, no diacritics) ----------------------

_UNITS: dict[str, int] = {
    "واحد": 1, "واحده": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4,
    "خمس": 5, "خمسه": 5,
    "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7,
    "ثمان": 8, "ثماني": 8, "ثمانيه": 8,
    "تسع": 9, "تسعه": 9,
}  # fmt: skip
_TEN: dict[str, int] = {"عشر": 10, "عشره": 10}
# First words of the teens (ثلاثة عشر, إحدى عشرة, اثنا عشر); أحد/إحدى alone are not numbers.
_TEEN_HEADS: dict[str, int] = {
    "احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    **{w: v for w, v in _UNITS.items() if v >= 3},
}  # fmt: skip
_TENS: dict[str, int] = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}  # fmt: skip
_HUNDRED_BARE = ("مئه", "مائه")
_HUNDREDS: dict[str, int] = {
    "مئه": 100, "مائه": 100,
    "مئتان": 200, "مئتين": 200, "مئتا": 200, "مئتي": 200,
    "مائتان": 200, "مائتين": 200, "مائتا": 200, "مائتي": 200,
}  # fmt: skip
for _head, _v in (
    ("ثلاث", 3), ("ثلث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6),
    ("سبع", 7), ("ثمان", 8), ("ثماني", 8), ("تسع", 9),
):  # fmt: skip
    for _h in _HUNDRED_BARE:
        _HUNDREDS[_head + _h] = _v * 100

# Scale words: value and form (singular multiplies, dual means two of them, plural is vague alone).
_SCALES: dict[str, tuple[int, str]] = {
    "الف": (1000, "sing"), "الفا": (1000, "sing"),
    "الفان": (1000, "dual"), "الفين": (1000, "dual"), "الفي": (1000, "dual"),
    "الاف": (1000, "plural"), "الالاف": (1000, "plural"),
    "الوف": (1000, "plural"), "الالوف": (1000, "plural"),
    "مليون": (10**6, "sing"), "مليونا": (10**6, "sing"),
    "مليونان": (10**6, "dual"), "مليونين": (10**6, "dual"), "مليوني": (10**6, "dual"),
    "ملايين": (10**6, "plural"), "الملايين": (10**6, "plural"),
    "مليار": (10**9, "sing"), "مليارا": (10**9, "sing"), "بليون": (10**9, "sing"),
    "ملياران": (10**9, "dual"), "مليارين": (10**9, "dual"), "ملياري": (10**9, "dual"),
    "مليارات": (10**9, "plural"), "المليارات": (10**9, "plural"),
}  # fmt: skip
_ALF_SINGULAR = frozenset({"الف", "الفا", "الفان", "الفين", "الفي"})
# Vague quantity words with ACLED's conservative values.
_VAGUE: dict[str, int] = {
    "عشرات": 10, "العشرات": 10, "مئات": 100, "المئات": 100, "بضع": 3, "بضعه": 3,
}  # fmt: skip
# Count words that may carry the article (الجنود الثلاثة); not الاثنين (Monday), not السبع/الست.
_DEFINITE: dict[str, int] = {
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7,
    "ثمانيه": 8, "تسعه": 9, "عشره": 10,
}  # fmt: skip

# Ordinal words (after the article): those that take عشر / و+tens, and those that stand alone.
_ORD_COMPOUND: dict[str, int] = {
    "حادي": 1, "حاديه": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
    "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8, "ثامنه": 8,
    "تاسع": 9, "تاسعه": 9,
}  # fmt: skip
_ORD_SIMPLE: dict[str, int] = {
    "اول": 1, "اولي": 1, "عاشر": 10, "عاشره": 10,
    **{w: v for w, v in _ORD_COMPOUND.items() if v != 1},
}  # fmt: skip
# Words before an ordinal word that make it part of a date, not a rank.
_ORD_BLOCKERS = frozenset({"امس", "كانون", "تشرين", "ربيع", "جمادي", "جماد"})

# Nouns after which digits are a rank or an identifier (الفرقة 11, اللواء 93, الطريق 5).
_UNIT_NOUNS = (
    "فرقه", "لواء", "كتيبه", "فوج", "سريه", "فيلق", "جيش", "طريق", "شارع", "طابق", "بند", "ماده",
    "فقره", "قرار", "رقم", "مرحله", "دوره", "منطقه", "قطاع", "حاجز", "نقطه", "مبني", "مخرج", "جناح",
    "قاعده", "كيلو", "مربع", "بوابه", "معبر", "محور", "تشكيل",
)  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    """A non-capturing regex alternation of `words`, factored into a trie so matching is cheap."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        parts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 and len(parts[0]) == 1 else "(?:" + "|".join(parts) + ")"
        return body + "?" if "" in node else body

    return "(?:" + build(trie) + ")"


_SP = r"[^\S\n]+"  # horizontal white space: numbers never run across lines
_DIGITS = (
    r"(?<!\w-)(?<![0-9][.,\u066b\u066c])"  # not F-16, not the tail of 1.5 or 1,500
    r"(?:[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9.])"  # 1.500.000: dots as thousands separators
    r"|(?:[0-9]{1,3}(?:[,\u066c][0-9]{3})+(?![0-9])|[0-9]+)(?:[.\u066b][0-9]+)?)"
)
_TEEN = _alt(_TEEN_HEADS) + _SP + "عشره?"
_FEW_TEEN = "بضعه?" + _SP + "عشره?"
_AHAD_TENS = "(?<!و)احدي?" + _SP + "و" + _alt(_TENS)
_PLAIN = _alt([w for w in _UNITS if w != "ست"] + [*_TEN, *_TENS, *_HUNDREDS, *_SCALES, *_VAGUE])
_DEF = "(?:ال|(?<=ل)ل)" + _alt(_DEFINITE)
# One number token, word-bounded. ست ("six") is not read after ل (لست "I am not"). Digits may touch
# the Arabic word after them, a common typing slip ("قتل 14جنديا"), but not Latin ones ("3D", "16F").
_TOKEN = (
    rf"(?:{_DIGITS}(?![0-9A-Za-z_\u00c0-\u024f])"
    rf"|(?:{_TEEN}|{_FEW_TEEN}|{_AHAD_TENS}|{_DEF}|(?<!ل)ست|{_PLAIN})(?!\w))"
)
_ORD_WORD = (
    "ال(?:" + _alt(_ORD_COMPOUND) + "(?:" + _SP + "عشره?|" + _SP + "و(?:ال)?" + _alt(_TENS) + ")"
    "|" + _alt(_ORD_SIMPLE) + r")(?!\w)"
)

_SCAN = re.compile(
    r"(?<![\w.\u066b])(?:"
    rf"(?P<pre>[وف]?[بلك]?(?:ال(?=[0-9]))?)(?:"
    # Three-part dates and clock times: consumed and dropped.
    r"(?P<skip>[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}(?![0-9])|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9]))"
    # A run of number tokens after optional proclitics (and an article only before digits).
    rf"|(?P<run>{_TOKEN}(?:{_SP}و?{_TOKEN})*))"
    # An ordinal word.
    rf"|(?P<opre>[وف]?[بك]?)(?P<ord>{_ORD_WORD})"
    r")"
)
_TOKEN_RE = re.compile(rf"(?P<conj>و)?(?P<tok>{_TOKEN})")


def _ws(pattern: str) -> str:
    """`pattern` with each literal space standing for a run of horizontal white space."""
    return pattern.replace(" ", _SP)


_QUAL_BEFORE = re.compile(
    _ws(
        r"(?<!\w)[وفبلك]?(?:"
        r"(?P<approx>نحو|قرابه|حوالي|زهاء|تقريبا|(?:ما )?(?:يقارب(?: من)?|يناهز|يقرب من))"
        r"|(?P<at_least>(?:ما )?لا يقل (?:عن|علي)|علي الاقل)"
        r"|(?P<more_than>اكثر من|(?:ما )?(?:يزيد|يربو) (?:عن|علي)|(?:ما )?يفوق)"
        r"|(?P<less_than>اقل من|(?:ما )?يقل عن)"
        r") $"
    )
)
_QUAL_AFTER = re.compile(
    _ws(
        r"(?: (?![0-9])\w+)? (?:(?P<approx>تقريبا)|(?P<at_least>علي (?:الاقل|اقل تقدير)|او اكثر|فاكثر))(?!\w)"
    )
)
_PERCENT_AFTER = re.compile(r"[^\S\n]*(?:[%\u066a]|(?:في" + _SP + r"|ب)ال(?:مئه|مائه)(?!\w))")
_UNIT_NOUN_BEFORE = re.compile(
    r"(?<!\w)(?:[وفبلك]|ال){0,3}" + _alt(_UNIT_NOUNS) + r"(?:" + _SP + r"رقم)?" + _SP + r"$"
)
_PREV_WORD = re.compile(r"(?<!\w)(\w+)" + _SP + r"$")
_FROM_YESTERDAY = re.compile(_SP + "من" + _SP + r"امس(?!\w)")
_TRAILING_MARKS = re.compile("[\u064b-\u065f\u0670]+")

_LOOKBACK = 48  # characters searched before a number for a qualifier or a unit noun
_QUALIFIERS = ("approx", "at_least", "more_than", "less_than")

# Token kinds.
_DIGIT, _SMALL, _HUND, _SCALE, _VAG = range(5)


@dataclass(frozen=True, slots=True)
class _Tok:
    """One number token of a run: normalized offsets, conjunction flag, kind, value and form."""

    start: int
    end: int
    conj: bool
    kind: int
    value: Fraction
    form: str  # unit | ten | teen | tens | hund | hund_bare | sing | dual | plural | digits | vague


_DOT_THOUSANDS = re.compile(r"[0-9]{1,3}\.[0-9]{3}")


def _digits_value(tok: str) -> Fraction:
    if tok.count(".") > 1:
        return Fraction(tok.replace(".", ""))
    return Fraction(tok.replace(",", "").replace("\u066c", "").replace("\u066b", "."))


def _classify(tok: str, start: int, end: int, conj: bool) -> _Tok:
    """The kind and value of a token matched by `_TOKEN`."""
    if tok[0].isdigit():
        form = "dot3" if _DOT_THOUSANDS.fullmatch(tok) else "digits"
        return _Tok(start, end, conj, _DIGIT, _digits_value(tok), form)
    words = tok.split()
    if len(words) > 1:
        head, tail = words[0], words[-1]
        if tail.startswith("و"):  # أحد وعشرون
            return _Tok(start, end, conj, _SMALL, Fraction(1 + _TENS[tail[1:]]), "tens")
        if head.startswith("بضع"):  # بضعة عشر
            return _Tok(start, end, conj, _VAG, Fraction(13), "vague")
        return _Tok(start, end, conj, _SMALL, Fraction(10 + _TEEN_HEADS[head]), "teen")
    if tok in _UNITS:
        return _Tok(start, end, conj, _SMALL, Fraction(_UNITS[tok]), "unit")
    if tok in _TEN:
        return _Tok(start, end, conj, _SMALL, Fraction(10), "ten")
    if tok in _TENS:
        return _Tok(start, end, conj, _SMALL, Fraction(_TENS[tok]), "tens")
    if tok in _HUNDREDS:
        form = "hund_bare" if tok in _HUNDRED_BARE else "hund"
        return _Tok(start, end, conj, _HUND, Fraction(_HUNDREDS[tok]), form)
    if tok in _SCALES:
        value, form = _SCALES[tok]
        return _Tok(start, end, conj, _SCALE, Fraction(value), form)
    if tok in _VAGUE:
        return _Tok(start, end, conj, _VAG, Fraction(_VAGUE[tok]), "vague")
    bare = tok[2:] if tok.startswith("ال") else tok[1:]  # الثلاثه, or لعشره after a ل proclitic
    if bare in _DEFINITE:
        form = "ten" if bare in _TEN else "unit"
        return _Tok(start, end, conj, _SMALL, Fraction(_DEFINITE[bare]), form)
    raise ValueError(f"unknown number token {tok!r}")  # unreachable: _TOKEN only matches the lexicon


def _unit_hundred(tok: _Tok, nxt: _Tok | None) -> bool:
    """Whether `tok nxt` is a unit 3-9 and a separate مئة (ثلاث مئة)."""
    return (
        tok.form == "unit"
        and 3 <= tok.value <= 9
        and nxt is not None
        and not nxt.conj
        and nxt.form == "hund_bare"
    )


def _below_hundred_tail(toks: list[_Tok], j: int) -> tuple[Fraction, int] | None:
    """A conjoined part below 100 at `j` (و+unit, و+tens, و+unit و+tens, و+teen)."""
    if j >= len(toks) or not toks[j].conj or toks[j].kind != _SMALL:
        return None
    value, k = toks[j].value, j + 1
    if _unit_hundred(toks[j], toks[k] if k < len(toks) else None):
        return None  # و+ثلاث مئة is a hundreds part of its own
    if toks[j].form == "unit" and k < len(toks) and toks[k].conj and toks[k].form == "tens":
        value, k = value + toks[k].value, k + 1
    return value, k


def _group(toks: list[_Tok], i: int) -> tuple[Fraction, bool, int] | None:
    """A quantity below 1000 (or digits, or a vague word) starting at `i`: value, vague, next index."""
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if tok.kind == _DIGIT:
        if tok.form == "dot3" and not (nxt is not None and not nxt.conj and nxt.kind == _SCALE):
            return tok.value * 1000, False, i + 1  # 1.500 قتيل: a dot as thousands separator
        return tok.value, False, i + 1
    if tok.kind == _VAG:
        if nxt is not None and not nxt.conj and nxt.kind == _VAG and nxt.value > tok.value:
            return tok.value * nxt.value, True, i + 2  # بضع مئات, بضعة عشرات
        return tok.value, True, i + 1
    if tok.kind == _SMALL:
        if _unit_hundred(tok, nxt):  # ثلاث مئة
            value, j = tok.value * 100, i + 2
            tail = _below_hundred_tail(toks, j)
            return (value + tail[0], False, tail[1]) if tail else (value, False, j)
        if tok.form == "unit" and nxt is not None and nxt.conj and nxt.form == "tens":
            return tok.value + nxt.value, False, i + 2  # خمسة وعشرون
        return tok.value, False, i + 1
    if tok.kind == _HUND:
        tail = _below_hundred_tail(toks, i + 1)
        return (tok.value + tail[0], False, tail[1]) if tail else (tok.value, False, i + 1)
    return None  # a scale word


def _number(toks: list[_Tok], i: int) -> tuple[Fraction, bool, int]:
    """The number starting at token `i`: value, vague flag, index of the token after it.

    Parts joined by و continue the number only while each part is smaller than the last scale
    (ثلاثة آلاف وخمسمئة, مليون و200 ألف); a vague or decimal part ends it, so lists such as
    "عشرات الآلاف وثلاثة" give two numbers.
    """
    total, vague, j = Fraction(0), False, i
    last_scale: Fraction | None = None
    while True:
        more = j > i  # a conjoined continuation: roll back (break before consuming) if it does not fit
        group = _group(toks, j)
        if group is None:  # a scale word on its own: ألف, مليونين, آلاف
            tok = toks[j]
            if more and (tok.form == "plural" or (last_scale is not None and tok.value >= last_scale)):
                break
            total += tok.value * (2 if tok.form == "dual" else 1)
            vague = tok.form == "plural"
            last_scale, j = tok.value, j + 1
        else:
            value, group_vague, k = group
            if more and group_vague:
                break
            scale = toks[k] if k < len(toks) else None
            if (
                scale is not None
                and not scale.conj
                and scale.kind == _SCALE
                and scale.form != "dual"
                and (last_scale is None or scale.value < last_scale)
            ):
                total += value * scale.value
                vague = group_vague
                last_scale, j = scale.value, k + 1
            else:
                if more and scale is not None and not scale.conj and scale.kind == _SCALE:
                    break  # "مليون وأحد عشر ألفاً" after ألف: the scale does not fit, start anew
                if last_scale is not None and value >= last_scale:
                    break
                total += value
                vague = group_vague
                j = k
                break
            if value.denominator != 1:
                break
        if vague or not (j < len(toks) and toks[j].conj):
            break
    return total, vague, j


def _qualifier_before(text: str, pos: int) -> str | None:
    m = _QUAL_BEFORE.search(text, max(0, pos - _LOOKBACK), pos)
    if m is None:
        return None
    return next(q for q in _QUALIFIERS if m.group(q) is not None)


def _qualifier_after(text: str, pos: int) -> str | None:
    m = _QUAL_AFTER.match(text, pos)
    if m is None:
        return None
    return "approx" if m.group("approx") is not None else "at_least"


class _Builder:
    """Collects spans over the original text from normalized offsets."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.spans: list[Span] = []

    def add(self, start: int, end: int, attrs: dict[str, Any]) -> None:
        o_start, o_end = self.doc.normalized.span_to_original(start, end)
        trailing = _TRAILING_MARKS.match(self.doc.text, o_end)  # keep a final diacritic inside
        if trailing is not None:
            o_end = trailing.end()
        if o_end > o_start:
            self.spans.append(Span(o_start, o_end, LABEL, attrs))


def _add_run(out: _Builder, text: str, m: re.Match[str]) -> None:
    run_start, run_end = m.span("run")
    pre = m.group("pre")
    toks = [
        _classify(t.group("tok"), t.start("tok"), t.end("tok"), t.group("conj") is not None)
        for t in _TOKEN_RE.finditer(text, run_start, run_end)
    ]
    if not toks:  # pragma: no cover - the run regex guarantees a token
        return
    i = 0
    while i < len(toks):
        value, vague, j = _number(toks, i)
        first, last = toks[i], toks[j - 1]
        if i == 0 and text[first.start : first.end] in _ALF_SINGULAR and re.search("[فلك]", pre):
            i = j  # لألف, فألف, كألف: too often not the number
            continue
        qualifier = "vague" if vague else None
        kind = "count"
        if i == 0:
            before = m.start() if pre else run_start
            if qualifier is None and not pre.startswith(("و", "ف")):  # "على الأقل 5 و6": not for 6
                qualifier = _qualifier_before(text, before)
            if (
                first.kind == _DIGIT
                and j == 1
                and "." not in text[first.start : first.end]
                and _UNIT_NOUN_BEFORE.search(text, max(0, before - _LOOKBACK), before)
            ):
                kind = "ordinal"
        if qualifier is None and kind == "count":
            qualifier = _qualifier_after(text, last.end)
        attrs: dict[str, Any] = {"value": int(value), "qualifier": qualifier or "exact", "kind": kind}
        if value.denominator != 1:
            attrs["decimal"] = float(value)
        if kind == "count" and _PERCENT_AFTER.match(text, last.end):
            attrs["unit"] = "percent"
        out.add(first.start, last.end, attrs)
        i = j


def _ordinal_value(word: str) -> int:
    parts = word[2:].split()
    if len(parts) == 1:
        return _ORD_SIMPLE[parts[0]]
    head, tail = parts[0], parts[-1]
    if tail.startswith("و"):
        tens = tail[1:]
        return _ORD_COMPOUND[head] + _TENS[tens[2:] if tens.startswith("ال") else tens]
    return _ORD_COMPOUND[head] + 10


def _add_ordinal(out: _Builder, text: str, m: re.Match[str]) -> None:
    before = m.start()
    prev = _PREV_WORD.search(text, max(0, before - _LOOKBACK), before)
    if prev is None or prev.group(1) in _ORD_BLOCKERS or prev.group(1).isdigit():
        return
    if _FROM_YESTERDAY.match(text, m.end("ord")):  # الأول من أمس
        return
    value = _ordinal_value(m.group("ord"))
    out.add(m.start("ord"), m.end("ord"), {"value": value, "qualifier": "exact", "kind": "ordinal"})


def find_numbers(doc: Document) -> list[Span]:
    """NUM spans over `doc.text` for every number expression, in text order."""
    text = doc.normalized.text
    out = _Builder(doc)
    for m in _SCAN.finditer(text):
        if m.group("run") is not None:
            _add_run(out, text, m)
        elif m.group("ord") is not None:
            _add_ordinal(out, text, m)
    logger.debug("%d numbers in document %r", len(out.spans), doc.id)
    return out.spans
