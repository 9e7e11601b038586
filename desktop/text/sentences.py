"""Arabic sentence and clause boundaries.

Sentences end at `.` `؟` `?` `!` `؛` and at line breaks; `،` `,` `;` `:` and dashes only break
clauses. A period does not end a sentence between digits (`1.5`), after a single letter or a known
abbreviation (`د.`, `أ.ف.ب`, `U.S.`), or inside parentheses. Closing quotes and brackets that follow
the terminator stay with the sentence they close.
"""

from __future__ import annotations

import re

from desktop.document import Document, Span

_TERMINATORS = ".؟?!؛…"
_CLOSERS = "»”\"’')]}"
_CLAUSE_BREAKS = "،,;:–—"
# Abbreviations written with a final period in Arabic and English wire copy (normalized letters).
_ABBREVIATIONS = frozenset(
    "د م ص ق ج ه ت س ش ع ف ك ل ن و ي ا ب ح خ ر ز ط ظ غ أ إ "
    "mr mrs ms dr prof gen col lt sgt st no vs etc jr sr inc ltd co corp u.s u.n e.g i.e".split()
)
_CANDIDATE_RE = re.compile(rf"[{re.escape(_TERMINATORS)}]+|\n+")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")


def _is_boundary(text: str, i: int, j: int, depth: int) -> bool:
    """Whether the terminator run text[i:j] ends a sentence."""
    run = text[i:j]
    if run.startswith("\n"):
        return True
    if run == "." or run == "…":
        before = text[i - 1] if i > 0 else ""
        after = text[j] if j < len(text) else ""
        if before.isdigit() and after.isdigit():
            return False  # 1.5, 3.000
        m = _WORD_BEFORE_RE.search(text, max(0, i - 12), i)
        word = m.group(1).lower() if m else ""
        if word and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            return False
        if "." in word and all(len(p) <= 2 for p in word.split(".") if p):
            return False  # U.S. / أ.ف.ب
        if after and not after.isspace() and after not in _CLOSERS:
            return False  # a dot inside a token: www.example.com, 3.5.2019
    return depth <= 0


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of `text`, trimmed of surrounding whitespace, covering every non-space char."""
    spans: list[Span] = []
    start = 0
    depth = 0
    pos = 0
    for m in _CANDIDATE_RE.finditer(text):
        i, j = m.span()
        chunk = text[pos:i]
        depth += chunk.count("(") - chunk.count(")")
        depth = max(depth, 0)
        pos = i
        if m.group().startswith("\n"):
            depth = 0
        if not _is_boundary(text, i, j, depth):
            continue
        end = j
        while end < len(text) and text[end] in _CLOSERS:
            end += 1
        _append_trimmed(spans, text, start, end)
        start = end
        pos = end
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, "sentence"))


def split_clauses(text: str, sentence: Span) -> list[Span]:
    """Clause spans inside one sentence: broken at `،` `,` `;` `:` and dashes."""
    out: list[Span] = []
    start = sentence.start
    for i in range(sentence.start, sentence.end):
        ch = text[i]
        if ch in _CLAUSE_BREAKS and not (
            ch == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        ):
            _append_trimmed(out, text, start, i + 1)
            start = i + 1
    _append_trimmed(out, text, start, sentence.end)
    for span in out:
        span.label = "clause"
    return out


def split_document(doc: Document) -> Document:
    """Pipeline component: fill the `sentences` and `clauses` layers."""
    sentences = split_sentences(doc.text)
    doc.layers["sentences"] = sentences
    doc.layers["clauses"] = [c for s in sentences for c in split_clauses(doc.text, s)]
    return doc
