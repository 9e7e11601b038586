"""Train the CRF Arabic named-entity tagger (ANERcorp tags: PERS, LOC, ORG, MISC).

usage:
  .venv/bin/python scripts/train_ner.py --split   # train on split/train.txt, score on split/dev.txt
  .venv/bin/python scripts/train_ner.py           # the shipped model (= make model): the split run,
                                                   # written to resources/models/ner.crfsuite with
                                                   # its split/dev numbers in manifest.json
  .venv/bin/python scripts/train_ner.py --full    # the split run for the numbers, then a model
                                                   # trained on all of anercorp/train.txt (dev included)

The shipped model never sees split/dev.txt, so the dev-report's ANERcorp row (which tags
split/dev.txt with the shipped model) is an honest held-out number.

Data is read from ../shared/data/ beside the repository. Deterministic: L-BFGS with a fixed
number of iterations, no random state. Self-training: a first model tags the ANT corpus, and the
final model is trained on the labelled data plus PSEUDO confidently tagged ANT sentences. Word
clusters come from scripts/build_clusters.py (resources/models/clusters.tsv, built first if
missing); the name list resources/models/names.txt is derived here from the public-domain/MIT name
lexicons.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pycrfsuite  # noqa: E402

from desktop.nlp.features import DOC_WINDOW, FeatureExtractor, Resources  # noqa: E402
from desktop.nlp.ner import _repair  # noqa: E402
from desktop.text.normalize import normalize_word  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
ANER_FULL = DATA / "anercorp" / "train.txt"
ANER_CORRECTED = DATA / "anercorp" / "train_corrected.txt"
SPLIT_TRAIN = DATA / "anercorp" / "split" / "train.txt"
SPLIT_DEV = DATA / "anercorp" / "split" / "dev.txt"
AQMAR_DIR = DATA / "aqmar"
ANT = DATA / "news" / "ant-corpus.jsonl.gz"
NAME_FILES = [
    DATA / "lexicons" / "names" / "dict_ar_en.csv",
    DATA / "lexicons" / "names" / "male-first--names-in-arabic.txt",
    DATA / "lexicons" / "names" / "female-first-names-in-arabic.txt",
    DATA / "lexicons" / "names" / "last-names-in-arabic.txt",
]
SCORER = ROOT.parent / "shared" / "eval" / "score_conll.py"
MODELS = ROOT / "resources" / "models"

C1 = 0.01
C2 = 0.01
MAX_ITER = 300
UNK_COUNT = 1
DROP = 0.0
# Self-training: ANT corpus sentences tagged by the model trained on the labelled data, kept when the
# tagger gives its path at least PSEUDO_MIN_PROB and finds an entity; PSEUDO of them, evenly spread.
PSEUDO = 3000
PSEUDO_MIN_PROB = 0.9
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
FEATURE_SET = (
    "normalized word, clitic-stripped stem and core (article removed), prefixes/suffixes 1-4, shape, "
    "length, article/nisba/capital flags, name lexicon, trigger-word classes, word clusters "
    "(PPMI-SVD k-means k=64/256/1024), +-2 window of word/stem/cluster/lexicon features, "
    "+-1 core and 2-char suffix, word bigrams, word-frequency band; document evidence: contexts "
    "(trigger class, coarse cluster, frequent word) of the same stem in the +-10 neighbouring sentences; "
    "identity features removed for training hapaxes; self-training on confidently tagged ANT sentences"
)

Sentence = list[tuple[str, str]]
TAG_MAP = {"PER": "PERS", "PERS": "PERS", "LOC": "LOC", "ORG": "ORG"}


def need(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"missing data file: {path} (the shared data folder must sit beside the repository)")
    return path


def read_conll(path: Path, aqmar: bool = False) -> list[Sentence]:
    """Sentences of (token, tag); AQMAR tags are mapped onto the ANERcorp set. The tag is the second
    column (train_corrected.txt has a third, FIX/REVISIT, and ARTICLE lines between articles)."""
    sents: list[Sentence] = []
    cur: Sentence = []
    for line in need(path).open(encoding="utf-8"):
        parts = line.replace("\u200e", "").split()
        if not parts or parts == ["ARTICLE"]:
            if cur:
                sents.append(cur)
            cur = []
            continue
        tag = parts[1] if len(parts) > 1 else "O"
        if aqmar:
            tag = map_aqmar(tag)
        else:
            tag = tag.replace("-PERSS", "-PERS")
            if tag.endswith("-PER"):
                tag += "S"
        cur.append((parts[0], tag))
    if cur:
        sents.append(cur)
    return sents


def map_aqmar(tag: str) -> str:
    bio, _, typ = tag.partition("-")
    typ = typ.strip("-`")
    if bio not in ("B", "I") or not typ:
        return "O"
    if typ in TAG_MAP:
        return f"{bio}-{TAG_MAP[typ]}"
    if typ.startswith("MIS"):
        return f"{bio}-MISC"
    return "O"


def relabel(sents: list[Sentence], corrected: list[Sentence]) -> list[Sentence]:
    """`sents` with the tags of the same sentence (same tokens) in `corrected`, where there is one.
    Used on split/train only, so nothing of split/dev enters training."""
    fixed = {tuple(t for t, _ in s): s for s in corrected}
    return [fixed.get(tuple(t for t, _ in s), s) for s in sents]


def build_names(out: Path) -> list[Path]:
    """Write the normalized name list derived from the name lexicons; returns the files used."""
    names: set[str] = set()
    for path in NAME_FILES:
        for line in need(path).open(encoding="utf-8"):
            word = line.split(",")[0].strip()
            if not word or word.startswith("(") or not any("\u0621" <= c <= "\u064a" for c in word):
                continue
            key = normalize_word(word)
            if " " not in key and len(key) >= 2:
                names.add(key)
    out.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    return NAME_FILES


def ensure_resources() -> list[Path]:
    used = build_names(MODELS / "names.txt")
    if not (MODELS / "clusters.tsv").exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_clusters.py")], check=True)
    return used


def featurize(corpora: list[list[Sentence]], fx: FeatureExtractor, doc: bool) -> list[list[list[str]]]:
    """Attribute lists for every sentence; each corpus is a run of consecutive sentences."""
    out: list[list[list[str]]] = []
    for corpus in corpora:
        toks = [[t for t, _ in s] for s in corpus]
        out += fx.document(toks) if doc else [fx.sentence(t) for t in toks]
    return out


IDENTITY = ("w=", "st=", "co=", "bl=", "br=")


def unk_rare(sents: list[Sentence], xs: list[list[list[str]]], max_count: int, drop: float) -> None:
    """Remove the word-identity features of rare training words (and, deterministically, of a
    `drop` fraction of all other tokens) so the model learns to rely on features that generalize to
    unseen names: clusters, affixes, lexicons and context. Only applied to training data."""
    counts: Counter[str] = Counter(normalize_word(t) for s in sents for t, _ in s)
    for si, (s, x) in enumerate(zip(sents, xs, strict=True)):
        for ti, (tok, _tag) in enumerate(s):
            rare = counts[normalize_word(tok)] <= max_count
            hashed = (si * 7919 + ti * 104729) % 1000 < drop * 1000
            if rare or hashed:
                x[ti] = [f for f in x[ti] if not f.startswith(IDENTITY)]


def train(corpora: list[list[Sentence]], model: Path, fx: FeatureExtractor, c1: float, c2: float,
          max_iter: int, doc: bool, unk: int = UNK_COUNT, drop: float = DROP) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    sents = [s for corpus in corpora for s in corpus]
    xs = featurize(corpora, fx, doc)
    unk_rare(sents, xs, unk, drop)
    for s, x in zip(sents, xs, strict=True):
        trainer.append(x, [g for _, g in s])
    trainer.set_params({
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iter,
        "feature.possible_transitions": True,
    })
    trainer.train(str(model))


def evaluate(model: Path, dev: list[Sentence], fx: FeatureExtractor, doc: bool) -> dict[str, object]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    with tempfile.TemporaryDirectory() as tmp:
        sys_path = Path(tmp) / "sys.txt"
        with sys_path.open("w", encoding="utf-8") as fh:
            for s, x in zip(dev, featurize([dev], fx, doc), strict=True):
                tags = tagger.tag(x)
                for (tok, _), tag in zip(s, tags, strict=True):
                    fh.write(f"{tok} {tag}\n")
                fh.write("\n")
        out = subprocess.run([sys.executable, str(need(SCORER)), str(SPLIT_DEV), str(sys_path), "--json"],
                             check=True, capture_output=True, text=True).stdout
    result: dict[str, object] = json.loads(out)
    return result


def ant_articles() -> list[list[list[str]]]:
    """The ANT corpus as articles of sentences of ANERcorp-like tokens (punctuation split off,
    detached diacritics dropped), sentences of 5-60 tokens only."""
    out: list[list[list[str]]] = []
    with gzip.open(need(ANT), "rt", encoding="utf-8") as fh:
        for line in fh:
            sents: list[list[str]] = []
            for para in (json.loads(line).get("text") or "").split("\n"):
                for chunk in SENTENCE_END.split(para):
                    toks = [t for t in TOKEN_RE.findall(chunk) if normalize_word(t)]
                    if 5 <= len(toks) <= 60:
                        sents.append(toks)
            if sents:
                out.append(sents)
    return out


def pseudo_label(model: Path, fx: FeatureExtractor, doc: bool, count: int, min_prob: float) -> list[Sentence]:
    """`count` confidently tagged ANT sentences with at least one entity, evenly spread over the corpus."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    found: list[Sentence] = []
    for sents in ant_articles():
        xs = fx.document(sents) if doc else [fx.sentence(t) for t in sents]
        for toks, x in zip(sents, xs, strict=True):
            tags: list[str] = tagger.tag(x)
            if any(t != "O" for t in tags) and tagger.probability(tags) >= min_prob:
                found.append(list(zip(toks, _repair(tags), strict=True)))
    step = max(1.0, len(found) / count)
    return [found[int(k * step)] for k in range(min(count, len(found)))]


def fit(corpora: list[list[Sentence]], model: Path, fx: FeatureExtractor, args: argparse.Namespace) -> int:
    """Train on `corpora`; with self-training, then tag ANT text with that model and train again on
    `corpora` plus the confident pseudo-labelled sentences. Returns the number of those."""
    train(corpora, model, fx, args.c1, args.c2, args.max_iter, args.doc)
    if not args.pseudo:
        return 0
    pseudo = pseudo_label(model, fx, args.doc, args.pseudo, PSEUDO_MIN_PROB)
    train([*corpora, pseudo], model, fx, args.c1, args.c2, args.max_iter, args.doc)
    return len(pseudo)


def aqmar_corpora() -> list[list[Sentence]]:
    files = sorted(need(AQMAR_DIR).glob("*.txt"))
    if not files:
        sys.exit(f"missing data files: {AQMAR_DIR}/*.txt")
    return [read_conll(f, aqmar=True) for f in files]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", action="store_true", help="train on split/train.txt, score on split/dev.txt")
    ap.add_argument("--c1", type=float, default=C1)
    ap.add_argument("--c2", type=float, default=C2)
    ap.add_argument("--max-iter", type=int, default=MAX_ITER)
    ap.add_argument("--aqmar", action="store_true", help="add AQMAR to the training data")
    ap.add_argument("--pseudo", type=int, default=PSEUDO,
                    help="self-training: number of pseudo-labelled ANT sentences (0: none)")
    ap.add_argument("--corrected", action="store_true",
                    help="train on the re-annotated tags of anercorp/train_corrected.txt")
    ap.add_argument("--save-split", type=Path, help="also keep the split-run model at this path")
    ap.add_argument("--full", action="store_true",
                    help="ship a model trained on all of anercorp/train.txt (split/dev.txt included: the "
                         "dev-report's ANERcorp row then measures training data)")
    ap.add_argument("--no-doc", dest="doc", action="store_false",
                    help="sentence features only (no document evidence from neighbouring sentences)")
    args = ap.parse_args()

    name_files = ensure_resources()
    fx = FeatureExtractor(Resources.load(MODELS))
    extra = aqmar_corpora() if args.aqmar else []
    dev = read_conll(SPLIT_DEV)

    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        split_model = Path(tmp) / "split.crfsuite"
        split_train = read_conll(SPLIT_TRAIN)
        if args.corrected:
            split_train = relabel(split_train, read_conll(ANER_CORRECTED))
        n_pseudo = fit([split_train, *extra], split_model, fx, args)
        metrics = evaluate(split_model, dev, fx, args.doc)
        if args.save_split:
            args.save_split.write_bytes(split_model.read_bytes())
        model = MODELS / "ner.crfsuite"
        if not args.split and not args.full:
            model.write_bytes(split_model.read_bytes())
    print(f"split run ({time.time() - t0:.0f}s) c1={args.c1} c2={args.c2} iter={args.max_iter} "
          f"aqmar={args.aqmar} pseudo={n_pseudo}")
    print(json.dumps(metrics))
    if args.split:
        return

    if args.full:
        t0 = time.time()
        full = ANER_CORRECTED if args.corrected else ANER_FULL
        n_pseudo = fit([read_conll(full), *extra], model, fx, args)
        print(f"full model trained in {time.time() - t0:.0f}s -> {model}")
        trained_on = str(full.relative_to(DATA))
    else:
        print(f"shipping the split-run model -> {model}")
        trained_on = str(SPLIT_TRAIN.relative_to(DATA))
        if args.corrected:
            trained_on += " (tags of train_corrected.txt)"
    data_files = [ANER_FULL if args.full else SPLIT_TRAIN, SPLIT_DEV, *name_files, ANT]
    if args.aqmar:
        data_files += sorted(AQMAR_DIR.glob("*.txt"))
    manifest = {
        "model": "ner.crfsuite",
        "size_bytes": model.stat().st_size,
        "sha256": sha256(model),
        "trained": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": " ".join(["python", "scripts/train_ner.py", *sys.argv[1:]]),
        "algorithm": "python-crfsuite CRF, L-BFGS",
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.max_iter,
        "feature_set": FEATURE_SET,
        "document_features": args.doc,
        "doc_window_sentences": DOC_WINDOW,
        "unk_rare_count": UNK_COUNT,
        "self_training": {"ant_sentences": n_pseudo, "min_path_probability": PSEUDO_MIN_PROB},
        "training_data": trained_on + (" + aqmar/*.txt" if args.aqmar else ""),
        "dev_held_out": not args.full,
        "dev_metrics_split_run": metrics,
        "resources": {p.name: sha256(MODELS / p.name) for p in (Path("clusters.tsv"), Path("names.txt"))},
        "data_files": {str(p.relative_to(DATA)): sha256(p) for p in data_files},
    }
    (MODELS / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")
    print(f"wrote {MODELS / 'manifest.json'}")


if __name__ == "__main__":
    main()
