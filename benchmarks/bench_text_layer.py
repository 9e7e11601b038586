"""Throughput of the text layer against camel-tools' bare tokenizer, and import times.

usage: .venv/bin/python benchmarks/bench_text_layer.py [--limit N] [--corpus PATH]

Runs, on the same articles (default: all of ../shared/data/news/saudinewsnet.jsonl.gz):
1. the full text layer: normalize + tokens + clitics + sentences + dates + numbers (the pipeline
   without the entity and incident stages);
2. camel-tools' `simple_word_tokenize` plus normalization (unicode, alef, alef-maksura, teh-marbuta,
   dediac) of the same text;
and prints words/s for both and their ratio. Then the import time of `desktop` and of the text
layer, each in a fresh interpreter. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"


def load(path: Path, limit: int | None) -> list[dict[str, str]]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


def bare(texts: list[str]) -> float:
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
        normalize_unicode,
    )

    t0 = time.perf_counter()
    for text in texts:
        norm = dediac_ar(
            normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(normalize_unicode(text))))
        )
        simple_word_tokenize(norm)
    return time.perf_counter() - t0


def layer(records: list[dict[str, str]]) -> float:
    from desktop.pipeline import Pipeline, document_from_record

    pipe = Pipeline().without("entities", "incidents")
    pipe(document_from_record({"text": "تمهيد", "id": "warm"}))
    t0 = time.perf_counter()
    for rec in records:
        pipe(document_from_record(rec))
    return time.perf_counter() - t0


def import_time(module: str) -> float:
    code = f"import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
    best = min(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    )
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"missing corpus {args.corpus}: the benchmark needs ../shared/data/news", file=sys.stderr)
        return 1
    records = [r for r in load(args.corpus, args.limit) if r.get("text")]
    for r in records:
        r["date"] = (r.get("date") or "")[:10] or None  # type: ignore[assignment]
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} articles, {words:,} words, {sum(map(len, texts)):,} characters")
    t_bare = bare(texts)
    t_layer = layer(records)
    print(
        f"camel-tools simple_word_tokenize + normalization: {t_bare:7.1f} s  {words / t_bare:12,.0f} words/s"
    )
    print(
        f"Rasid text layer (norm+tokens+clitics+sentences+dates+numbers): {t_layer:7.1f} s  "
        f"{words / t_layer:12,.0f} words/s"
    )
    print(f"ratio text layer / bare tokenizer: {t_layer / t_bare:.2f}x (goal: within 3x)")
    print(
        f"import desktop: {import_time('desktop') * 1000:.0f} ms; "
        f"import desktop.cli: {import_time('desktop.cli') * 1000:.0f} ms; "
        f"import text layer (desktop.pipeline + tokens): {import_time('desktop.text.tokens') * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
