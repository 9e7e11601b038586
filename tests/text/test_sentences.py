"""Sentence and clause boundaries in Arabic wire copy."""

from __future__ import annotations

from desktop.text.sentences import split_clauses, split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_terminators_and_newlines() -> None:
    text = "قُتل جنديان. هل انتهت المعركة؟ لا! وقال مصدر؛ ثم غادر\nسطر ثانٍ"
    assert _sentences(text) == ["قُتل جنديان.", "هل انتهت المعركة؟", "لا!", "وقال مصدر؛", "ثم غادر", "سطر ثانٍ"]


def test_decimal_and_abbreviations_do_not_split() -> None:
    text = "نزح 1.5 مليون شخص بحسب د. أحمد (أ.ف.ب). ثم عادوا. قالت U.S. Army ذلك."
    assert _sentences(text) == ["نزح 1.5 مليون شخص بحسب د. أحمد (أ.ف.ب).", "ثم عادوا.", "قالت U.S. Army ذلك."]


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = "وقال: «انتهى الهجوم.» وأضاف “لن نتراجع!” ثم صمت."
    assert _sentences(text) == ["وقال: «انتهى الهجوم.»", "وأضاف “لن نتراجع!”", "ثم صمت."]


def test_period_inside_parentheses_does_not_split() -> None:
    text = "قتل ثلاثة (بينهم طفل. وامرأة) في القصف. انتهى"
    assert _sentences(text) == ["قتل ثلاثة (بينهم طفل. وامرأة) في القصف.", "انتهى"]


def test_comma_breaks_clauses_not_sentences() -> None:
    text = "سقطت قذيفة على السوق، ما أسفر عن مقتل 1,200 شخص، وإصابة آخرين."
    (sentence,) = split_sentences(text)
    clauses = [text[c.start : c.end] for c in split_clauses(text, sentence)]
    assert clauses == ["سقطت قذيفة على السوق،", "ما أسفر عن مقتل 1,200 شخص،", "وإصابة آخرين."]
