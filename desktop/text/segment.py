"""Pipeline component: proclitic sub-spans on Arabic word tokens.

A token split by the clitic segmenter gets `base` (original offset where the word starts after its
proclitics, keeping ال), `core` (after the article too) and `prefix` (the normalized proclitics).
"""

from __future__ import annotations

from desktop.document import Document, Span
from desktop.text.clitics import get_segmenter


def base_start(token: Span) -> int:
    """Offset where a token's word starts once its proclitics are removed."""
    base = token.attrs.get("base")
    return int(base) if base is not None else token.start


def segment_document(doc: Document) -> Document:
    segmenter = get_segmenter()
    text = doc.text
    for token in doc.layer("tokens"):
        if token.label != "ar":
            continue
        seg = segmenter.segment(text[token.start : token.end])
        if seg.base or seg.core:
            token.attrs["base"] = token.start + seg.base
            token.attrs["core"] = token.start + seg.core
            if seg.prefix:
                token.attrs["prefix"] = seg.prefix
    return doc
