"""Features of a bound incident candidate for the learned decision "does this unit report it?".

Named rule signals (`desktop.events.signals`), the candidate's kind, sub-type and trigger rule, cue
words around the trigger with their side and distance, the fields that were bound (toll, place,
date, actors, weapon) and where they came from, and the unit's position in the article. Words of
the text are left out: cross-validated over articles they overfit (candidate AUC 0.744 with them,
0.762 without, on the data a shipped model may learn from). All are sparse: a name and a value (1.0
for an indicator). `desktop.events.classifier` weighs them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from desktop.document import Span
from desktop.events import lexicon as lx
from desktop.events.fields import SentenceView
from desktop.events.merging import incident_day
from desktop.events.model import Incident
from desktop.text.normalize import normalize_word

Features = dict[str, float]

# Cue patterns whose side and distance from the trigger are features.
CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("irrealis", lx.IRREALIS),
    ("aggregate", lx.AGGREGATE),
    ("then", lx.THEN),
    ("reference", lx.REFERENCE),
    ("topic", lx.TOPIC),
    ("accusation", lx.ACCUSATION),
    ("hedge", lx.HEDGE),
    ("opinion", lx.OPINION),
    ("funeral", lx.FUNERAL),
    ("habitual", lx.HABITUAL),
    ("relative", lx.RELATIVE),
    ("negation", lx.NEGATION),
    ("criticism", lx.CRITICISM),
    ("accident", lx.ACCIDENT_WORDS),
    ("summary", lx.SUMMARY),
    ("disjunction", lx.DISJUNCTION),
    ("civilians", lx.CIVILIANS),
    ("combatants", lx.COMBATANTS),
    ("aircraft", lx.AIRCRAFT),
    ("judicial", lx.JUDICIAL),
    ("recall", lx.RECALL),
    ("purpose", lx.PURPOSE),
    ("verbal", lx.VERBAL),
    ("death", lx.DEATH),
    ("injury", lx.INJURY),
    ("losses", lx.LOSSES),
    ("unknown_agent", lx.UNKNOWN_AGENT),
    ("agent_cue", lx.AGENT_BEFORE),
)


def _bucket(words: int) -> str:
    return "0" if words == 0 else "1-3" if words <= 3 else "4-8" if words <= 8 else "far"


def candidate_features(
    view: SentenceView,
    inc: Incident,
    tokens: Sequence[Span],
    unit_index: int,
    headline: bool,
    doc_date: dt.date | None,
) -> Features:
    """The features of one bound incident candidate in its unit (`tokens`: the unit's tokens)."""
    f: Features = {}
    trace = inc.trace
    for rule_id, _contribution in trace.fired:
        if rule_id.startswith(("trigger.", "refine.", "bind.")):
            f[f"rule:{rule_id}"] = 1.0
    for name, value in inc.signals.items():
        f[f"signal:{name}"] = value
    if trace.score is not None:
        f["score:hand"] = trace.score  # the hand-weighted evidence score of the signals
    f[f"kind:{trace.kind}"] = 1.0
    f[f"sub:{inc.sub_event_type}"] = 1.0
    if inc.generic:
        f["generic"] = 1.0
    t0, t1 = inc.trigger
    text = view.doc.text
    trigger_word = normalize_word(text[t0:t1]).split(" ")[0]
    if trigger_word.startswith(("ال", "وال", "بال", "لل", "فال")):
        f["trigger:definite"] = 1.0
    for name, pattern in CUES:
        for c0, c1 in view.find(pattern):
            if c0 <= t0 < c1:
                continue  # the trigger itself
            if c1 <= t0:
                side, gap, brk = "before", view.words_between(c1, t0), view.has_break_between(c1, t0)
            else:
                side, gap, brk = "after", view.words_between(t1, c0), view.has_break_between(t1, c0)
            f[f"cue:{name}:{side}:{_bucket(gap)}{':break' if brk else ''}"] = 1.0
    fields = inc.fields
    for key in ("fatalities", "injuries", "actor1", "actor2", "weapon", "location", "date"):
        if fields.get(key) is not None:
            f[f"has:{key}"] = 1.0
    if fields.get("geo_precision"):
        f[f"geo:{fields['geo_precision']}"] = 1.0
    if fields.get("time_precision"):
        f[f"time:{fields['time_precision']}"] = 1.0
    toll = (fields.get("fatalities") or 0) + (fields.get("injuries") or 0)
    if toll:
        f[f"toll:{'1' if toll == 1 else '2-9' if toll < 10 else '10-99' if toll < 100 else '100+'}"] = 1.0
    day = incident_day(inc)
    if doc_date is not None and day is not None:
        ago = (doc_date - day).days
        span = (
            "future"
            if ago < 0
            else "0-1"
            if ago <= 1
            else "2-7"
            if ago <= 7
            else "8-20"
            if ago <= 20
            else "21+"
        )
        f[f"ago:{span}"] = 1.0
    f[f"unit:{min(unit_index, 5)}"] = 1.0
    f[f"para:{min(view.paragraph, 3)}"] = 1.0
    if headline:
        f["headline"] = 1.0
    n = len(tokens)
    f[f"len:{'1-10' if n <= 10 else '11-25' if n <= 25 else '26-50' if n <= 50 else '51+'}"] = 1.0
    return f
