"""`rasid explain`: why each incident appeared and each candidate was dropped, sentence by sentence.

For every input article, the report units (sentences) that hold candidates, each candidate with the
rules that fired on it (signals with their contribution to the score), its score, confidence and
outcome (`kept`, or `dropped_by` a rule id with that rule's description), then the incidents with
their `rules`; entity candidates dropped by a rule are listed too. `rasid explain --json` gives
the same as one JSON object per article (the command lives in `desktop.cli.explain`).
"""

from __future__ import annotations

from typing import Any

from desktop.document import Document
from desktop.rules import RuleBook, Trace, rulebook

Record = dict[str, Any]


def explain_document(doc: Document, book: RuleBook | None = None) -> Record:
    """The explanation of an extracted document (its trace grouped by sentence)."""
    book = book or rulebook()
    trace: Trace = doc.trace if doc.trace is not None else Trace(doc.text)
    units: dict[tuple[int, int], list[Record]] = {}
    for cand in trace.candidates:
        entry = cand.to_json(doc.text)
        if cand.dropped_by is not None and cand.dropped_by in book:
            entry["dropped_because"] = book[cand.dropped_by].description
        units.setdefault(tuple(cand.unit), []).append(entry)  # type: ignore[arg-type]
    sentences = [
        {"start": a, "end": b, "text": doc.text[a:b], "candidates": cands}
        for (a, b), cands in sorted(units.items())
    ]
    incidents = [
        {
            key: inc.get(key)
            for key in (
                "event_type",
                "sub_event_type",
                "date",
                "location",
                "actor1",
                "actor2",
                "fatalities",
                "injuries",
                "evidence",
                "confidence",
                "rules",
            )
        }
        for inc in (record.to_json() for record in doc.incidents)
    ]
    drops = [
        {
            "start": d.start,
            "end": d.end,
            "type": d.label,
            "text": doc.text[d.start : d.end],
            "dropped_by": d.rule,
        }
        for d in trace.entity_drops
    ]
    return {
        "id": doc.id,
        "sentences": sentences,
        "incidents": incidents,
        "entities_dropped": drops,
        "article_rules": sorted(set(trace.article_rules)),
    }


def format_explanation(report: Record) -> str:
    """The plain-text form of `explain_document`'s report."""
    lines = [f"== {report['id']}: {len(report['incidents'])} incident(s)"]
    for k, sentence in enumerate(report["sentences"], 1):
        lines.append(f"[{k}] {sentence['start']}-{sentence['end']}  {_short(sentence['text'])}")
        for cand in sentence["candidates"]:
            head = f"  «{cand['trigger']['text']}» {cand['kind']}"
            if cand.get("sub_event_type"):
                head += f" ({cand['sub_event_type']})"
            if cand["outcome"] == "kept":
                head += "  KEPT"
            else:
                head += f"  DROPPED by {cand.get('dropped_by')}"
            if "score" in cand:
                head += f"  score {cand['score']:+.2f}"
            if "confidence" in cand:
                head += f"  confidence {cand['confidence']:.2f}"
            lines.append(head)
            fired = [
                f"{r['id']} {r['contribution']:+.2f}" if r["contribution"] else r["id"] for r in cand["rules"]
            ]
            if fired:
                lines.append("      " + ", ".join(fired))
            if cand.get("dropped_because"):
                lines.append(f"      why dropped: {cand['dropped_because']}")
    if report["incidents"]:
        lines.append("incidents:")
    for k, inc in enumerate(report["incidents"], 1):
        who = " -> ".join(str(a) for a in (inc.get("actor1"), inc.get("actor2")) if a)
        toll = f", killed {inc['fatalities']}" if inc.get("fatalities") is not None else ""
        where = f"{inc.get('date') or 'no date'}, {inc.get('location') or 'no place'}"
        lines.append(
            f"  {k}. {inc['sub_event_type']}, {where}{', ' + who if who else ''}{toll}"
            f"  confidence {inc.get('confidence')}"
        )
        lines.append(f"     rules: {', '.join(inc.get('rules') or [])}")
    if report["entities_dropped"]:
        lines.append("entity candidates dropped:")
        for d in report["entities_dropped"]:
            lines.append(f"  «{d['text']}» {d['type']}  by {d['dropped_by']}")
    return "\n".join(lines)


def _short(text: str, width: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
