"""Build resources/lexicons/wordfreq.tsv: normalized Arabic word-form counts from the ANT corpus.

The counts are the frequency evidence the clitic segmenter uses to tell `وقال` (و + قال) from
`وزير` (one word). Source: ANT Corpus v1.1 (Chouigui et al., AICCSA 2017; Apache-2.0 plus a
citation licence), read from ../shared/data/news/ant-corpus.jsonl.gz; nothing else is used.

usage: .venv/bin/python scripts/build_wordfreq.py [--min-count 3]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
from pathlib import Path

from desktop.text.normalize import normalize_word
from desktop.text.tokens import tokenize

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "news" / "ant-corpus.jsonl.gz"
TARGET = ROOT / "resources" / "lexicons" / "wordfreq.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    if not SOURCE.exists():
        print(f"missing {SOURCE}: the ANT corpus is needed to rebuild the word counts", file=sys.stderr)
        return 1
    counts: collections.Counter[str] = collections.Counter()
    with gzip.open(SOURCE, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text", "")
            counts.update(normalize_word(text[t.start : t.end]) for t in tokenize(text) if t.label == "ar")
    rows = sorted(((w, c) for w, c in counts.items() if c >= args.min_count and len(w) > 1),
                  key=lambda wc: (-wc[1], wc[0]))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with TARGET.open("w", encoding="utf-8", newline="\n") as out:
        out.write("# normalized word form<TAB>count; from ANT Corpus v1.1 (Chouigui et al., AICCSA 2017)\n")
        for word, count in rows:
            out.write(f"{word}\t{count}\n")
    print(f"{len(rows)} word forms written to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
