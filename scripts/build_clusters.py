"""Build distributional word clusters for the NER tagger from unlabeled Arabic text.

Method (fast stand-in for Brown clustering): count left/right context words of every vocabulary
word in the unlabeled text, weight the counts with positive PMI (context-distribution smoothing
0.75), reduce with a randomized truncated SVD and cluster the L2-normalised word vectors with
spherical k-means at several k. The output `resources/models/clusters.tsv` has one line per
normalized word: `word<TAB>c_k1<TAB>c_k2...`, with the k values in a `#k` header line.

Text used (all shippable): the ANT corpus (Chouigui et al., ANT Corpus, AICCSA 2017; Apache-2.0 +
citation), the ANERcorp training text and the AQMAR text (tokens only, tags are ignored). Never
SaudiNewsNet (non-commercial).

Deterministic: fixed seeds. Needs numpy (build time only; the tagger itself does not).
usage: .venv/bin/python scripts/build_clusters.py [--out resources/models/clusters.tsv]
"""

from __future__ import annotations

import argparse
import gzip
import json
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
CONLL = [DATA / "anercorp" / "train.txt", *sorted((DATA / "aqmar").glob("*.txt"))]

TOKEN_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)
KS = (64, 256, 1024)
VOCAB = 40000
CONTEXT = 3000
DIM = 120
SEED = 13


def need(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"missing data file: {path} (expected the shared data folder beside the repo)")
    return path


def sentences() -> Iterator[list[str]]:
    """Normalized token lists: ANT paragraphs, then the CoNLL corpora's sentences."""
    with gzip.open(need(ANT), "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for part in (rec.get("title") or "", rec.get("text") or ""):
                for para in part.split("\n"):
                    toks = [normalize_word(t) for t in TOKEN_RE.findall(para)]
                    toks = [t for t in toks if t]
                    if toks:
                        yield toks
    for path in CONLL:
        cur: list[str] = []
        for line in need(path).open(encoding="utf-8"):
            parts = line.split()
            if not parts:
                if cur:
                    yield cur
                cur = []
                continue
            w = normalize_word(parts[0])
            if w:
                cur.append(w)
        if cur:
            yield cur


def main() -> None:
    import numpy as np

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "models" / "clusters.tsv")
    args = ap.parse_args()
    t0 = time.time()
    sents = list(sentences())
    freq = Counter(w for s in sents for w in s)
    print(f"{len(sents)} sentences, {sum(freq.values())} tokens, {len(freq)} types", flush=True)
    vocab = [w for w, c in sorted(freq.items(), key=lambda x: (-x[1], x[0])) if c >= 2][:VOCAB]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:CONTEXT])}
    unk, bos, eos = CONTEXT, CONTEXT + 1, CONTEXT + 2
    width = CONTEXT + 3
    offsets = (-2, -1, 1, 2)
    rows: list[int] = []
    cols: list[int] = []
    for s in sents:
        ids = [index.get(w, -1) for w in s]
        cids = [ctx.get(w, unk) for w in s]
        n = len(s)
        for i, wi in enumerate(ids):
            if wi < 0:
                continue
            for k, off in enumerate(offsets):
                j = i + off
                c = bos if j < 0 else eos if j >= n else cids[j]
                rows.append(wi)
                cols.append(k * width + c)
    V, C = len(vocab), width * len(offsets)
    counts = np.bincount(np.asarray(rows, dtype=np.int64) * C + np.asarray(cols, dtype=np.int64),
                         minlength=V * C).astype(np.float32).reshape(V, C)
    del rows, cols
    print(f"co-occurrence {V}x{C} built in {time.time() - t0:.1f}s", flush=True)
    total = counts.sum()
    pw = counts.sum(axis=1, keepdims=True) / total
    pc = counts.sum(axis=0, keepdims=True) ** 0.75
    pc /= pc.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts / total / pw / pc)
    pmi[~np.isfinite(pmi)] = 0.0
    np.maximum(pmi, 0.0, out=pmi)
    del counts
    rng = np.random.default_rng(SEED)
    omega = rng.standard_normal((C, DIM + 20)).astype(np.float32)
    y = pmi @ omega
    for _ in range(3):
        y, _r = np.linalg.qr(y)
        y = pmi @ (pmi.T @ y)
    q, _r = np.linalg.qr(y)
    b = q.T @ pmi
    ub, sv, _vt = np.linalg.svd(b, full_matrices=False)
    vecs = (q @ ub[:, :DIM]) * np.sqrt(sv[:DIM])
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-8
    print(f"SVD done in {time.time() - t0:.1f}s", flush=True)
    # Cluster only reasonably frequent words' vectors to fit centroids, then assign everyone.
    labels = []
    for k in KS:
        fit = vecs[: min(V, 20000)]
        cent = fit[rng.choice(len(fit), size=k, replace=False)].copy()
        for _ in range(25):
            assign = np.argmax(fit @ cent.T, axis=1)
            new = np.zeros_like(cent)
            np.add.at(new, assign, fit)
            norms = np.linalg.norm(new, axis=1, keepdims=True)
            empty = norms[:, 0] == 0
            new[empty] = fit[rng.choice(len(fit), size=int(empty.sum()), replace=False)]
            norms[empty] = 1.0
            cent = new / norms
        labels.append(np.argmax(vecs @ cent.T, axis=1))
        print(f"k={k} done in {time.time() - t0:.1f}s", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write("#k\t" + "\t".join(str(k) for k in KS) + "\n")
        for i, w in enumerate(vocab):
            fh.write(w + "\t" + "\t".join(str(int(lab[i])) for lab in labels) + "\n")
    print(f"wrote {args.out} ({V} words) in {time.time() - t0:.1f}s")


if __name__ == "__main__":
    main()
