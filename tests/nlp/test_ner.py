"""Tests for the bundled CRF named-entity tagger (uses only the committed model files)."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import pytest

from desktop.nlp.ner import NerTagger, _repair, get_tagger

# The ANERcorp tag set, written out here rather than taken from the code under test.
TAGS = frozenset({"O", *(f"{p}-{t}" for p in "BI" for t in ("PERS", "LOC", "ORG", "MISC"))})


def entities(tokens: list[str], tags: list[str]) -> list[tuple[str, str]]:
    """(type, words) of each BIO chunk."""
    out: list[tuple[str, str]] = []
    for tok, tag in zip(tokens, tags, strict=True):
        if tag.startswith("B-"):
            out.append((tag[2:], tok))
        elif tag.startswith("I-") and out:
            out[-1] = (out[-1][0], out[-1][1] + " " + tok)
    return out


def valid_bio(tags: list[str]) -> bool:
    """Every tag known and every I- continuing a chunk of its own type."""
    prev = "O"
    for tag in tags:
        if tag not in TAGS:
            return False
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            return False
        prev = tag
    return True


SENTENCES = [
    "قال الرئيس السوري بشار الأسد في دمشق إن الجيش العراقي سيواصل عملياته قرب الموصل .",
    "وصل وزير الخارجية الأمريكي جون كيري إلى بغداد أمس في زيارة لم يعلن عنها .",
    "أعلنت وزارة الدفاع الروسية أن طائراتها قصفت مواقع لتنظيم داعش في مدينة حلب .",
    "",
]


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return get_tagger()


def test_loads_fast_and_is_shared() -> None:
    start = time.perf_counter()
    NerTagger.load()
    assert time.perf_counter() - start < 2.0
    assert get_tagger() is get_tagger()


def test_person_and_location(tagger: NerTagger) -> None:
    tokens = SENTENCES[0].split()
    found = entities(tokens, tagger.tag(tokens))
    assert ("PERS", "بشار الأسد") in found
    assert ("LOC", "دمشق") in found


def test_more_entities(tagger: NerTagger) -> None:
    tokens = SENTENCES[1].split()
    found = entities(tokens, tagger.tag(tokens))
    assert ("PERS", "جون كيري") in found
    assert ("LOC", "بغداد") in found
    tokens = SENTENCES[2].split()
    found = entities(tokens, tagger.tag(tokens))
    assert ("LOC", "حلب") in found


def test_article_mode(tagger: NerTagger) -> None:
    sents = [s.split() for s in SENTENCES[:3]]
    tagged = tagger.tag_sentences(sents)
    assert ("PERS", "بشار الأسد") in entities(sents[0], tagged[0])
    assert tagger.tag_sentences(sents[:1]) == [tagger.tag(sents[0])]


def test_shapes_and_valid_bio(tagger: NerTagger) -> None:
    sents = [s.split() for s in SENTENCES]
    tagged = tagger.tag_sentences(sents)
    assert [len(t) for t in tagged] == [len(s) for s in sents]
    for tags in tagged:
        assert valid_bio(tags)


def test_empty_sentence(tagger: NerTagger) -> None:
    assert tagger.tag([]) == []
    assert tagger.tag_with_confidence([]) == []
    assert tagger.tag_sentences([]) == []


def test_confidence(tagger: NerTagger) -> None:
    tokens = SENTENCES[0].split()
    pairs = tagger.tag_with_confidence(tokens)
    assert [t for t, _ in pairs] == tagger.tag(tokens)
    assert all(0.0 <= p <= 1.0 + 1e-9 for _, p in pairs)


def test_odd_tokens(tagger: NerTagger) -> None:
    tokens = ["2015", "...", "Reuters", "ـــ", "\u200f", "x" * 300, "بـ", "؟"]
    tags = tagger.tag(tokens)
    assert len(tags) == len(tokens)
    assert valid_bio(tags)


def test_repair() -> None:
    assert _repair(["I-PERS", "I-PERS", "I-LOC", "O", "X"]) == ["B-PERS", "I-PERS", "B-LOC", "O", "O"]


def test_manifest_describes_the_shipped_model() -> None:
    """`make model` writes the model and its manifest together: same hash, split-run dev numbers."""
    folder = Path(NerTagger.load().path).parent
    info = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert info["sha256"] == hashlib.sha256((folder / "ner.crfsuite").read_bytes()).hexdigest()
    assert info["self_training"]["ant_sentences"] > 0
    assert 0.0 < info["dev_metrics_split_run"]["micro"]["f"] <= 1.0
