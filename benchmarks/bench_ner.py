"""Speed of the NER model and of the whole entity stage on ANT corpus articles (CPU time, one core).

usage: .venv/bin/python benchmarks/bench_ner.py [--articles N]

Loads the bundled model and its resources (timed), tags every 25th ANT article sentence by sentence
line with a fresh tagger (cold word cache), then runs the pipeline's entity stage on the same
articles. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.pipeline import COMPONENTS, document_from_record  # noqa: E402

ANT = ROOT.parent / "shared" / "data" / "news" / "ant-corpus.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=400)
    args = ap.parse_args()
    recs: list[dict[str, str]] = []
    with gzip.open(ANT, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 25 == 0:
                r = json.loads(line)
                recs.append({"id": r["id"], "text": r["text"]})
            if len(recs) >= args.articles:
                break
    funcs = {c.name: c.load() for c in COMPONENTS}
    docs = []
    for r in recs:
        doc = document_from_record(r)
        for name in ("tokens", "clitics", "sentences", "dates", "numbers"):
            doc = funcs[name](doc)
        docs.append(doc)

    from desktop.nlp.ner import NerTagger

    t0 = time.perf_counter()
    tagger = NerTagger.load()
    print(f"model + resources load: {time.perf_counter() - t0:.2f} s wall")
    lines = [r["text"].replace(". ", ".\n").split("\n") for r in recs]
    sents = [[line.split() for line in ls if line.split()] for ls in lines]
    words = sum(len(s) for ss in sents for s in ss)
    t0 = time.process_time()
    for ss in sents:
        tagger.tag_sentences(ss)
    secs = time.process_time() - t0
    print(f"CRF tag_sentences, cold cache: {words:,} tokens in {secs:.2f} s = {words / secs:,.0f} tokens/s")
    funcs["entities"](docs[0])  # load the stage's resources once
    t0 = time.process_time()
    for doc in docs:
        funcs["entities"](doc)
    secs = time.process_time() - t0
    print(f"entity stage: {len(docs)} articles, {words:,} words in {secs:.2f} s = "
          f"{words / secs:,.0f} words/s")


if __name__ == "__main__":
    main()
