"""Where the incident arguments go wrong: the matched incidents' field mismatches, listed.

Extracts the annotated articles (gold-dev without its first 15, the tuned ones, by default; or the
silver set, or both), pairs system and gold incidents the way `../shared/eval/score_articles.py`
does, and prints, for each field (actor1, actor2, location, date, fatalities, injuries), its
accuracy and every mismatch with the gold value, the system value and the gold evidence sentence.
It reads no field's value from the code under test to decide what is right: the gold records are
the reference.

    .venv/bin/python benchmarks/field_errors.py [--set unseen|silver|both] [--field actor2]
        [--limit 40] [--jobs 2]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import training_data  # noqa: E402

from desktop.pipeline import extract_records  # noqa: E402

FIELDS = ("actor1", "actor2", "location", "date", "fatalities", "injuries")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_articles", training_data.SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _articles(which: str) -> list[training_data.Annotated]:
    out: list[training_data.Annotated] = []
    if which in ("unseen", "both"):
        out += [a for a in training_data.gold_dev() if a.id.startswith("d")]
    if which in ("silver", "both"):
        out += training_data.silver()
    return out


def _span(incident: dict[str, Any], text: str) -> tuple[int, int]:
    ev = incident.get("evidence")
    if isinstance(ev, dict):
        return int(ev.get("start", -1)), int(ev.get("end", -1))
    if isinstance(ev, str) and ev and ev in text:
        i = text.index(ev)
        return i, i + len(ev)
    return -1, -1


def matched_pairs(
    sa: ModuleType, text: str, gold: list[dict[str, Any]], system: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The scorer's greedy pairing of gold and system incidents (same rules, same order)."""
    pairs = []
    for a, ga in enumerate(gold):
        for b, sb in enumerate(system):
            if ga.get("event_type") != sb.get("event_type"):
                continue
            score = 0
            if sa.loc_match(ga.get("location"), sb.get("location")):
                score += 2
            (g0, g1), (s0, s1) = _span(ga, text), _span(sb, text)
            if g0 >= 0 and s0 >= 0 and s0 < g1 and g0 < s1:
                score += 2
            if score == 0:
                continue
            score += bool(ga.get("date") and ga.get("date") == sb.get("date"))
            fat = ga.get("fatalities")
            score += bool(fat is not None and fat == sb.get("fatalities"))
            score += ga.get("sub_event_type") == sb.get("sub_event_type")
            pairs.append((score, a, b))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for _score, a, b in sorted(pairs, reverse=True):
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        out.append((gold[a], system[b]))
    return out


def field_ok(sa: ModuleType, field: str, gold: dict[str, Any], system: dict[str, Any]) -> bool:
    """The scorer's field comparison."""
    g, s = gold.get(field), system.get(field)
    if field == "location":
        return bool(sa.loc_match(g, s) or (g is None and s is None))
    if field in ("actor1", "actor2"):
        return bool((g is None and s is None) or (g and s and sa.loc_match(g, s)))
    return bool(g == s)


def _kind(field: str, gold: Any, system: Any) -> str:
    if gold in (None, "") and system not in (None, ""):
        return "spurious"
    if system in (None, "") and gold not in (None, ""):
        return "missed"
    return "wrong"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--set", default="unseen", choices=("unseen", "silver", "both"))
    ap.add_argument("--field", action="append", choices=FIELDS, help="list only these fields")
    ap.add_argument("--limit", type=int, default=1000, help="mismatches listed per field")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    sa = _scorer()
    articles = _articles(args.set)
    outputs = {
        r["id"]: r for r in extract_records([a.record() for a in articles], processes=args.jobs)
    }
    totals: Counter[str] = Counter()
    right: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}
    lines: dict[str, list[str]] = {f: [] for f in FIELDS}
    for a in articles:
        system = outputs.get(a.id, {}).get("incidents", [])
        for g, s in matched_pairs(sa, a.text, a.gold.get("incidents", []), system):
            ev = g.get("evidence") if isinstance(g.get("evidence"), str) else ""
            for f in FIELDS:
                totals[f] += 1
                if field_ok(sa, f, g, s):
                    right[f] += 1
                    continue
                kind = _kind(f, g.get(f), s.get(f))
                kinds[f][kind] += 1
                lines[f].append(
                    f"  [{a.id}] {kind:8} gold={g.get(f)!r} system={s.get(f)!r}\n      {ev[:220]}"
                )
    for f in args.field or FIELDS:
        acc = right[f] / totals[f] if totals[f] else 0.0
        print(f"== {f}: {acc:.3f} ({right[f]}/{totals[f]}) {dict(kinds[f])}")
        for line in lines[f][: args.limit]:
            print(line)


if __name__ == "__main__":
    main()
