"""Speed of `rasid extract` (the whole pipeline) on the SaudiNewsNet corpus, one core and both cores.

usage: .venv/bin/python benchmarks/bench_extract.py [--limit N] [--jobs 1 2]

Writes the corpus (or its first N articles) as JSONL once, then times the real CLI in a subprocess
for each job count and prints articles/s, words/s and the projected time for all 31,000 articles.
Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"missing {CORPUS}: the benchmark needs ../shared/data/news", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        n = words = 0
        with gzip.open(CORPUS, "rt", encoding="utf-8") as fh, src.open("w", encoding="utf-8") as out:
            for line in fh:
                r = json.loads(line)
                if not r.get("text"):
                    continue
                rec = {"id": r["id"], "text": r["text"], "date": (r.get("date") or "")[:10] or None}
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
                words += len(r["text"].split())
                if args.limit and n >= args.limit:
                    break
        print(f"input: {n} articles, {words:,} words")
        for jobs in args.jobs:
            dst = Path(tmp) / f"out{jobs}.jsonl"
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "desktop", "extract", str(src), "-o", str(dst), "-j", str(jobs)],
                capture_output=True, text=True,
            )
            secs = time.perf_counter() - t0
            incidents = sum(len(json.loads(line)["incidents"]) for line in dst.open(encoding="utf-8"))
            projected = 31000 / (n / secs) / 60
            print(
                f"-j {jobs}: {secs:7.1f} s  {n / secs:6.1f} articles/s  {words / secs:9,.0f} words/s  "
                f"{incidents} incidents  exit {proc.returncode}  projected for 31,000: {projected:.1f} min"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
