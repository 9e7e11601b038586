"""Entity F1, incident F1 and field accuracy on the annotated sets, by the official scorer.

Extracts gold-dev and the silver set once and scores three subsets with
`../shared/eval/score_articles.py`: `unseen` (the 105 gold-dev articles after the first 15, the
d-articles), `first15` (the articles the first rules were written from) and `silver` (the ANT
articles annotated for the incident-detection issue). Prints one line per subset; numbers only,
never a gate.

    .venv/bin/python benchmarks/dev_sets.py [--jobs 2] [--dump OUT.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import training_data  # noqa: E402

from desktop.pipeline import extract_records  # noqa: E402


def _line(name: str, score: dict[str, Any]) -> str:
    incident = score.get("incident")
    f1 = incident.get("f1") if isinstance(incident, dict) else incident
    accuracy = score.get("incident_fields_acc") or {}
    fields = {k: round(v, 3) if isinstance(v, float) else v for k, v in accuracy.items()}
    return f"{name:8} entity F1 {score['entity_ALL']['f1']}  incident F1 {f1}  fields {fields}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--dump", help="write the system output of every article here (JSONL)")
    args = ap.parse_args()
    gold = training_data.gold_dev()
    silver = training_data.silver()
    subsets = {
        "unseen": [a for a in gold if a.id.startswith("d")],
        "first15": [a for a in gold if not a.id.startswith("d")],
        "silver": silver,
    }
    articles = gold + silver
    outputs = {r["id"]: r for r in extract_records([a.record() for a in articles], processes=args.jobs)}
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps(outputs[a.id], ensure_ascii=False, sort_keys=True) + "\n")
    for name, subset in subsets.items():
        print(_line(name, training_data.official_score(subset, [outputs[a.id] for a in subset])))


if __name__ == "__main__":
    main()
