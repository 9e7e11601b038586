"""Pre-train Arabic word vectors for the neural NER tagger (gensim fastText, skip-gram).

Training text (all licences allow shipping derived features):
- ANT Corpus v1.1 (`../shared/data/news/ant-corpus.jsonl.gz`, Apache-2.0; cite Chouigui et al.,
  ANT Corpus, AICCSA 2017);
- the AQMAR Wikipedia NER articles (`../shared/data/aqmar/*.txt`, text only, CC BY-SA 3.0);
- the ANERcorp tuning-train text (`../shared/data/anercorp/split/train.txt`, tokens only).
The fixed dev split (`anercorp/split/dev.txt`) is deliberately left out so that dev scores stay
honest. SaudiNewsNet is never used.

Words are normalized with `desktop.text.normalize.normalize_word`, and punctuation is split off the
way ANERcorp tokenizes. The output is a plain text file `word<TAB>v1 v2 ...` of the most frequent
words (the fastText subword model fills in vectors of rare words), which `train_neural_ner.py` reads.

    .venv/bin/python scripts/build_word_vectors.py --out build/ner-vectors.txt
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.text.normalize import normalize_word  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
ANT = DATA / "news" / "ant-corpus.jsonl.gz"
AQMAR = DATA / "aqmar"
ANER_TRAIN = DATA / "anercorp" / "split" / "train.txt"

TOKEN_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def _require(path: Path) -> None:
    if not path.exists():
        sys.exit(f"missing training data: {path} (expected beside the project in ../shared/data)")


def conll_sentences(path: Path) -> Iterator[list[str]]:
    """Token column of a `token TAG` file, one list per sentence."""
    sent: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if sent:
                    yield sent
                sent = []
                continue
            sent.append(parts[0])
    if sent:
        yield sent


def ant_sentences(path: Path) -> Iterator[list[str]]:
    """ANT articles split into rough sentences and ANERcorp-like tokens."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            text = f"{art.get('title', '')}\n{art.get('text', '')}"
            for chunk in re.split(r"[\n.!?؟]+", text):
                toks = TOKEN_RE.findall(chunk)
                if len(toks) >= 3:
                    yield toks


def corpus() -> list[list[str]]:
    """All training sentences, normalized."""
    for p in (ANT, AQMAR, ANER_TRAIN):
        _require(p)
    sents: list[list[str]] = []
    sources: list[Iterator[list[str]]] = [ant_sentences(ANT), conll_sentences(ANER_TRAIN)]
    sources += [conll_sentences(p) for p in sorted(AQMAR.glob("*.txt"))]
    for src in sources:
        for toks in src:
            norm = [normalize_word(t) or t for t in toks]
            sents.append(norm)
    return sents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "ner-vectors.txt")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--max-words", type=int, default=80000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from gensim.models import FastText

    t0 = time.time()
    sents = corpus()
    counts = Counter(w for s in sents for w in s)
    print(f"{len(sents)} sentences, {sum(counts.values())} tokens, {len(counts)} types "
          f"({time.time() - t0:.0f}s)", flush=True)
    model = FastText(
        vector_size=args.dim, window=5, min_count=2, sg=1, negative=10, min_n=2, max_n=5,
        workers=args.workers, seed=13, bucket=500000,
    )
    model.build_vocab(corpus_iterable=sents)
    model.train(corpus_iterable=sents, total_examples=len(sents), epochs=args.epochs)
    print(f"trained ({time.time() - t0:.0f}s)", flush=True)
    words = [w for w, _ in counts.most_common(args.max_words)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(f"# fastText skip-gram dim={args.dim} epochs={args.epochs} "
                 "on ANT+AQMAR+ANERcorp-split-train\n")
        for w in words:
            vec = model.wv[w]
            fh.write(w + "\t" + " ".join(f"{x:.4f}" for x in vec) + "\n")
    print(f"wrote {len(words)} vectors to {args.out} ({time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
