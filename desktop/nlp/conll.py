"""NER over pre-tokenized sentences (`rasid tag-conll`): BIO tags over PERS, LOC, ORG, MISC."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.nlp.ner import get_tagger


def tag_document(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """BIO tags for the sentences of one text, tagged together (names stay consistent across them)."""
    tags = get_tagger().tag_sentences(sentences)
    assert [len(t) for t in tags] == [len(s) for s in sentences]
    return tags


def tag_tokens(tokens: Sequence[str]) -> list[str]:
    """BIO tags for one sentence of tokens, same length as the input."""
    if not tokens:
        return []
    tags = get_tagger().tag(list(tokens))
    assert len(tags) == len(tokens)
    return tags
