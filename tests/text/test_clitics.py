"""Proclitic segmentation decided with word counts and name lexicons, not letters alone."""

from __future__ import annotations

import pytest

from desktop.document import Document
from desktop.text.clitics import CliticSegmenter, get_segmenter
from desktop.text.segment import base_start, segment_document
from desktop.text.tokens import tokenize_document


def _split(word: str, names: frozenset[str] = frozenset()) -> tuple[str, str, str]:
    seg = get_segmenter()
    if names:
        seg = CliticSegmenter(dict(seg._counts))
        seg.add_names(set(names))
    s = seg.segment(word)
    return word[: s.base], word[s.base : s.core], word[s.core :]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وبالموصل", ("وب", "ال", "موصل")),
        ("والحسكة", ("و", "ال", "حسكة")),
        ("فالمعارك", ("ف", "ال", "معارك")),
        ("بسوريا", ("ب", "", "سوريا")),
        ("وقال", ("و", "", "قال")),
        ("سيقوم", ("س", "", "يقوم")),
        ("وسيقوم", ("وس", "", "يقوم")),
        ("الموصل", ("", "ال", "موصل")),
        ("لـقسد", ("لـ", "", "قسد")),
        ("بالمَوْصِل", ("ب", "ال", "مَوْصِل")),
    ],
)
def test_splits(word: str, expected: tuple[str, str, str]) -> None:
    assert _split(word) == expected


@pytest.mark.parametrize("word", ["بغداد", "لبنان", "كركوك", "فلسطين", "وزير", "كما", "بلدة", "بالي", "سوريا",
                                  "سيارة", "ليبيا", "لكن"])
def test_real_words_are_not_split(word: str) -> None:
    assert _split(word) == ("", "", word)


def test_lil_contraction_keeps_the_article_letter() -> None:
    assert _split("للتحالف") == ("ل", "ل", "تحالف")


def test_names_lexicon_licenses_a_split() -> None:
    assert _split("لقسد", frozenset({"قسد"})) == ("ل", "", "قسد")
    # a word that is itself a name is never split
    assert _split("بنش", frozenset({"بنش", "نش"})) == ("", "", "بنش")


def test_component_sets_base_offsets_on_tokens() -> None:
    doc = segment_document(tokenize_document(Document.from_text("قتل 3 وبالموصل")))
    word = doc.layers["tokens"][-1]
    assert doc.text[base_start(word) : word.end] == "الموصل"
    assert word.attrs["prefix"] == "وب"
