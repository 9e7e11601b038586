"""BIO helpers shared by the tests of both NER taggers (the CRF and the neural one)."""

from __future__ import annotations

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
