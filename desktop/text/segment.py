"""Pipeline component: proclitic sub-spans on Arabic word tokens.

A token split by the clitic segmenter gets `base` (original offset where the word starts after its
proclitics, keeping ال), `core` (after the article too) and `prefix` (the normalized proclitics).
"""

from __future__ import annotations

from functools import lru_cache

from desktop.document import Document, Span
from desktop.text.clitics import CliticSegmenter, get_segmenter


def base_start(token: Span) -> int:
    """Offset where a token's word starts once its proclitics are removed."""
    base = token.attrs.get("base")
    return int(base) if base is not None else token.start


@lru_cache(maxsize=1)
def _segmenter() -> CliticSegmenter:
    """The shared segmenter, told the one-word names of the gazetteers (`لقسد` -> ل + قسد)."""
    from desktop.nlp.gazetteer import load_gazetteers

    gaz = load_gazetteers()
    names: set[str] = set()
    for actor in gaz.actors.values():
        names.update(k for k in actor.keys if " " not in k and not actor.is_weak(k))
    for place in gaz.places.values():
        if place.source == "curated" or place.population >= 20_000 or place.feature in ("country", "admin1"):
            names.update(k for k in place.keys if " " not in k and not place.is_weak(k))
    segmenter = get_segmenter()
    segmenter.add_names(names)
    return segmenter


def segment_document(doc: Document) -> Document:
    segmenter = _segmenter()
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
