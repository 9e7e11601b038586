"""Regression harness of the extraction rules: a committed snapshot and a diff that names rule ids.

usage:
  .venv/bin/python benchmarks/rules_diff.py           # rerun and print what changed (make rules-diff)
  .venv/bin/python benchmarks/rules_diff.py --update  # write a new snapshot (commit it on its own)
  options: -j JOBS (worker processes, default 2), --limit N (first N articles of each corpus)

Corpora (read from ../shared/data, never copied here): the 120 gold-dev articles, the assault
sentences of arabic_event_gsr, and a fixed sample of 2,000 SaudiNewsNet articles (1,000 with three or
more words of violence and 1,000 others, seeded). The snapshot (`benchmarks/regression/snapshot.jsonl.gz`)
keeps, per article, its incident tuples (sub-type, date, place, actor1, fatalities, evidence start)
and its entity spans (start, end, type): offsets and short names only, no article text.

A changed incident is printed with the rule ids that made it (when it appeared) or the rule that now
drops its candidate (when it vanished, from the trace); a changed entity with the rules of the span
(or of the span that replaced it). Prints numbers and changes; never fails on a change.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.pipeline import extract_records  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SNAPSHOT = ROOT / "benchmarks" / "regression" / "snapshot.jsonl.gz"
SEED = 20261202
_VIOLENCE = re.compile(r"(?:قتل|مقتل|هجوم|اشتباك|غار[ةات]|تفجير|انفجار|قصف|مسلح|داعش|اختطاف|اعتقال)")

Record = dict[str, Any]


def corpora(limit: int | None) -> Iterator[Record]:
    """The input records, each id prefixed by its corpus (`gold:`, `assault:`, `snn:`)."""
    with open(DATA / "gold-dev" / "articles.jsonl", encoding="utf-8") as f:
        for k, line in enumerate(f):
            if limit is not None and k >= limit:
                break
            a = json.loads(line)
            yield {"id": f"gold:{a['id']}", "text": a["text"], "date": a.get("date"), "title": a.get("title")}
    with open(DATA / "events" / "assault_gsr_dev.csv", encoding="utf-8") as f:
        for k, row in enumerate(csv.DictReader(f)):
            if limit is not None and k >= limit:
                break
            yield {"id": f"assault:{row['id']}", "text": row["text"]}
    yield from snn_sample(limit)


def snn_sample(limit: int | None) -> Iterator[Record]:
    violent: list[Record] = []
    other: list[Record] = []
    with gzip.open(DATA / "news" / "saudinewsnet.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if not a.get("text"):
                continue
            rec = {"id": f"snn:{a['id']}", "text": a["text"], "date": (a.get("date") or "")[:10] or None}
            (violent if len(_VIOLENCE.findall(a["text"])) >= 3 else other).append(rec)
    rng = random.Random(SEED)
    chosen = rng.sample(violent, min(1000, len(violent))) + rng.sample(other, min(1000, len(other)))
    chosen.sort(key=lambda r: r["id"])
    yield from chosen[:limit] if limit is not None else chosen


def incident_tuple(inc: Record) -> list[Any]:
    return [
        inc.get("sub_event_type"),
        inc.get("date"),
        inc.get("location"),
        inc.get("actor1"),
        inc.get("fatalities"),
        (inc.get("evidence") or {}).get("start"),
    ]


def summarize(out: Record) -> Record:
    """The snapshot line of one output record, with the rules kept aside for the diff."""
    return {
        "id": out["id"],
        "incidents": [incident_tuple(i) for i in out["incidents"]],
        "entities": [[e["start"], e["end"], e["type"]] for e in out["entities"] if e["type"] in _NAMES],
    }


_FIELDS = ("sub_event_type", "date", "location", "actor1", "fatalities")
_NAMES = frozenset({"PER", "ORG", "LOC", "ACTOR", "WEAPON", "MISC"})


def run(records: list[Record], jobs: int) -> dict[str, Record]:
    from desktop.pipeline import explain_record

    return {out["id"]: out for out in extract_records(records, processes=jobs, func=explain_record)}


def load_snapshot() -> dict[str, Record]:
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as f:
        return {r["id"]: r for r in map(json.loads, f)}


def write_snapshot(outputs: dict[str, Record]) -> None:
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(SNAPSHOT, "wb", mtime=0) as raw:  # mtime 0: the same outputs give the same bytes
        for key in sorted(outputs):
            raw.write((json.dumps(summarize(outputs[key]), ensure_ascii=False) + "\n").encode("utf-8"))


def _dropper(out: Record, inc: list[Any]) -> str:
    """The rule that now drops a candidate in the sentence of a vanished incident (one of the same
    sub-type first)."""
    start = inc[5]
    here = [
        c
        for c in out.get("trace", [])
        if start is not None and c.get("dropped_by") and c["unit"][0] <= start < c["unit"][1]
    ]
    same_kind = [c for c in here if c.get("sub_event_type") == inc[0]]
    for cand in same_kind or here:
        return f"dropped by {cand['dropped_by']}"
    return "no candidate left (trigger rules or merging)"


def diff(old: dict[str, Record], new: dict[str, Record], texts: dict[str, str]) -> tuple[int, int]:
    changed_inc = changed_ent = 0
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if after is None or before is None:
            print(f"{key}: {'missing from the run' if after is None else 'not in the snapshot'}")
            continue
        now = summarize(after)
        text = texts.get(key, "")
        by_tuple = {json.dumps(incident_tuple(i), ensure_ascii=False): i for i in after["incidents"]}
        was = {json.dumps(t, ensure_ascii=False) for t in before["incidents"]}
        is_ = set(by_tuple)
        gone = [json.loads(t) for t in sorted(was - is_)]
        came = [json.loads(t) for t in sorted(is_ - was)]
        for old_t in list(gone):
            # the same telling (evidence start and sub-type) with other fields: one change, not two
            twin = next((n for n in came if n[5] == old_t[5] and n[0] == old_t[0]), None)
            if twin is None:
                continue
            gone.remove(old_t)
            came.remove(twin)
            changed_inc += 1
            what = "; ".join(
                f"{f} {a!r} -> {b!r}" for f, a, b in zip(_FIELDS, old_t, twin, strict=False) if a != b
            )
            rules = by_tuple[json.dumps(twin, ensure_ascii=False)].get("rules", [])
            print(f"{key}  ~ incident at {old_t[5]} ({old_t[0]}): {what}  [rules: {', '.join(rules)}]")
        for t in gone:
            changed_inc += 1
            print(f"{key}  - incident {json.dumps(t, ensure_ascii=False)}  [{_dropper(after, t)}]")
        for t in came:
            changed_inc += 1
            rules = by_tuple[json.dumps(t, ensure_ascii=False)].get("rules", [])
            print(f"{key}  + incident {json.dumps(t, ensure_ascii=False)}  [rules: {', '.join(rules)}]")
        ents_before = {tuple(e) for e in before["entities"]}
        ents_after = {tuple(e) for e in now["entities"]}
        rules_of = {(e["start"], e["end"], e["type"]): e.get("rules", []) for e in after["entities"]}
        for e in sorted(ents_before - ents_after):
            changed_ent += 1
            over = [o for o in ents_after if o[0] < e[1] and e[0] < o[1]]
            why = f"now {[(text[o[0] : o[1]], o[2], rules_of.get(o, [])) for o in over]}" if over else "gone"
            print(f"{key}  - entity {text[e[0] : e[1]]!r} {e[2]}  [{why}]")
        for e in sorted(ents_after - ents_before):
            changed_ent += 1
            print(f"{key}  + entity {text[e[0] : e[1]]!r} {e[2]}  [rules: {', '.join(rules_of.get(e, []))}]")
    return changed_inc, changed_ent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write a new snapshot")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    try:
        records = list(corpora(args.limit))
    except FileNotFoundError as exc:
        print(
            f"missing {exc.filename}: the harness needs ../shared/data beside the repository", file=sys.stderr
        )
        return 1
    t0 = time.perf_counter()
    outputs = run(records, args.jobs)
    secs = time.perf_counter() - t0
    n_inc = sum(len(o["incidents"]) for o in outputs.values())
    print(f"{len(records)} articles, {n_inc} incidents, in {secs:.1f} s with {args.jobs} worker(s)")
    if args.update:
        write_snapshot(outputs)
        print(f"snapshot written: {SNAPSHOT.relative_to(ROOT)}")
        return 0
    if not SNAPSHOT.exists():
        print("no snapshot yet: run with --update", file=sys.stderr)
        return 1
    old = load_snapshot()
    if args.limit is not None:
        old = {k: v for k, v in old.items() if k in outputs}
    texts = {r["id"]: r["text"] for r in records}
    inc, ent = diff(old, outputs, texts)
    print(f"{inc} incident change(s), {ent} entity change(s) against the snapshot")
    return 0


if __name__ == "__main__":
    sys.exit(main())
