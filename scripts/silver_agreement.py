"""Agreement of two independent annotations of the same articles, scored like a system run.

usage:
  .venv/bin/python scripts/silver_agreement.py FIRST_DIR SECOND_DIR ARTICLES.jsonl

FIRST_DIR is taken as the reference, SECOND_DIR as the "system": its records are turned into the
`rasid extract` output form (each entity form located at its first whole occurrence in the text,
each incident with its evidence sentence) and scored by `../shared/eval/score_articles.py`, the
scorer the project is judged with. Only articles annotated in both folders are compared.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score_articles.py"


def as_system(record: dict, text: str) -> dict:
    entities = []
    for e in record.get("entities", []):
        form = e["text"]
        at = text.find(form)
        if at < 0 and form.startswith("ال"):
            at = text.find("ل" + form[1:])
            form = "ل" + form[1:]
        if at >= 0:
            entities.append({"start": at, "end": at + len(form), "type": e["type"]})
    return {"id": record["gid"], "entities": entities, "incidents": record.get("incidents", [])}


def main() -> int:
    first, second, articles = (Path(a) for a in sys.argv[1:4])
    with open(articles, encoding="utf-8") as f:
        texts = {a["id"]: a for a in map(json.loads, f)}
    common = sorted(p.stem for p in first.glob("*.json") if (second / p.name).exists() and p.stem in texts)
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold"
        gold.mkdir()
        with open(gold / "articles.jsonl", "w", encoding="utf-8") as f:
            for aid in common:
                f.write(json.dumps(texts[aid], ensure_ascii=False) + "\n")
                shutil.copy(first / f"{aid}.json", gold)
        system = Path(tmp) / "system.jsonl"
        with open(system, "w", encoding="utf-8") as f:
            for aid in common:
                with open(second / f"{aid}.json", encoding="utf-8") as r:
                    record = json.load(r)
                f.write(json.dumps(as_system(record, texts[aid]["text"]), ensure_ascii=False) + "\n")
        print(f"{len(common)} articles coded twice")
        return subprocess.call([sys.executable, str(SCORER), str(gold), str(system)])


if __name__ == "__main__":
    sys.exit(main())
