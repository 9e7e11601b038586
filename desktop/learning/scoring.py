"""How well a model does on a project's reviewed articles: entity and incident F1.

The conventions are those of the project's evaluation (`../shared/eval/score_articles.py`, which
does not ship): entities are counted as distinct normalized surface forms per coarse type (PER,
ORG, LOC) in each article, a clitic (و، ف، ب، ل، ك، ال) not making a form distinct; incidents are
matched greedily within an article on the same ACLED event type and a shared place or overlapping
evidence, the better pairs first (same day, toll and sub-type count). A project's model is compared
with the bundled one on the same held-out articles by these numbers, which the analyst sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.learning.incidents import evidence_span

_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_PUNCT = re.compile(r"[«»\"“”'()\[\]،,.:؛]")
COARSE = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}


def _norm(s: str | None) -> str:
    s = _DIACRITICS.sub("", s or "")
    s = re.sub("[إأآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    return " ".join(_PUNCT.sub(" ", s).split())


def _forms(s: str | None) -> set[str]:
    s = _norm(s)
    out = {s}
    if s.startswith("لل") and len(s) > 4:
        out.add("ال" + s[2:])
    if len(s) > 5 and s[:3] in ("وال", "بال", "فال", "كال"):
        out.add(s[1:])
    if len(s) > 4 and s[0] in "وفبلك":
        out.add(s[1:])
    if len(s) > 5 and s[:2] in ("وب", "ول", "فب", "فل", "وك"):
        out.add(s[2:])
    return out


def _same(a: str | None, b: str | None) -> bool:
    return bool(_forms(a) & _forms(b))


def _place_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    fa, fb = _forms(a), _forms(b)
    return bool(fa & fb) or any(x in y or y in x for x in fa for y in fb if min(len(x), len(y)) >= 3)


@dataclass
class Tally:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "f1": round(self.f1, 3)}


def entity_tally(
    text: str, gold: Iterable[tuple[int, int, str]], system: Iterable[tuple[int, int, str]]
) -> Tally:
    """Entities of one article: gold and system spans (start, end, type)."""
    tally = Tally()
    gold, system = list(gold), list(system)
    for t in ("PER", "ORG", "LOC"):
        g = {_norm(text[s:e]) for s, e, lab in gold if COARSE.get(lab) == t} - {""}
        s_ = {_norm(text[s:e]) for s, e, lab in system if COARSE.get(lab) == t} - {""}
        tp_g = sum(1 for x in g if any(_same(x, y) for y in s_))
        tp_s = sum(1 for y in s_ if any(_same(x, y) for x in g))
        tally.add(Tally(tp_g, len(s_) - tp_s, len(g) - tp_g))
    return tally


def incident_tally(
    text: str, gold: Sequence[Mapping[str, Any]], system: Sequence[Mapping[str, Any]]
) -> Tally:
    """Incidents of one article: gold and system incidents (ACLED fields and evidence)."""
    pairs = []
    for a, g in enumerate(gold):
        for b, s in enumerate(system):
            if g.get("event_type") != s.get("event_type"):
                continue
            score = 2 if _place_match(g.get("location"), s.get("location")) else 0
            gs, ss = evidence_span(text, g), evidence_span(text, s)
            if gs is not None and ss is not None and ss[0] < gs[1] and gs[0] < ss[1]:
                score += 2
            if not score:
                continue
            score += bool(g.get("date")) and g.get("date") == s.get("date")
            score += g.get("fatalities") is not None and g.get("fatalities") == s.get("fatalities")
            score += g.get("sub_event_type") == s.get("sub_event_type")
            pairs.append((score, a, b))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, a, b in sorted(pairs, reverse=True):
        if a not in used_a and b not in used_b:
            used_a.add(a)
            used_b.add(b)
    return Tally(len(used_a), len(system) - len(used_b), len(gold) - len(used_a))
