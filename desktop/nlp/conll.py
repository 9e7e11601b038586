"""NER over pre-tokenized sentences (`rasid tag-conll`): BIO tags over PERS, LOC, ORG, MISC."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.nlp.ner import get_tagger


def tag_tokens(tokens: Sequence[str]) -> list[str]:
    """BIO tags for one sentence of tokens, same length as the input."""
    if not tokens:
        return []
    tags = get_tagger().tag(list(tokens))
    assert len(tags) == len(tokens)
    return tags
