"""Word tokens with code-point offsets: Arabic words, Latin words, numbers, punctuation and symbols."""

from __future__ import annotations

import re

from desktop.document import Document, Span

# Arabic letters (base, supplement, extended-A, presentation forms) with the marks and tatweel
# that may sit inside a word. Zero-width (non-)joiners also stay inside a word.
_AR_LETTER = (
    "\u0620-\u063f\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc"
)
_AR_MARK = (
    "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08ca-\u08ff\u200c\u200d"
)
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"

TOKEN_RE = re.compile(
    rf"(?P<num>[{_DIGIT}]+(?:[.,\u066b\u066c][{_DIGIT}]+)*)"
    rf"|(?P<ar>[{_AR_LETTER}{_AR_MARK}]*[{_AR_LETTER}][{_AR_LETTER}{_AR_MARK}]*)"
    r"|(?P<latin>[A-Za-z\u00c0-\u024f]+(?:['’\-][A-Za-z\u00c0-\u024f]+)*)"
    r"|(?P<punct>[.,;:!?؟،؛«»\"“”„‘’'()\[\]{}<>\-–—…/\\|*•·%٪])"
    r"|(?P<sym>\S)"
)


def tokenize(text: str) -> list[Span]:
    """Tokens of `text` as spans labelled `ar`, `num`, `latin`, `punct` or `sym`."""
    out: list[Span] = []
    append = out.append
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup
        assert kind is not None
        append(Span(m.start(), m.end(), kind))
    return out


def tokenize_document(doc: Document) -> Document:
    """Pipeline component: fill the `tokens` layer."""
    doc.layers["tokens"] = tokenize(doc.text)
    return doc
