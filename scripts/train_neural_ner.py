"""Train the neural Arabic NER tagger (BiLSTM-CRF) and export it to ONNX for `desktop.nlp.neural_ner`.

Two modes (PyTorch is needed here only, never at run time):

    # tuning run: train on anercorp/split/train.txt, score every epoch on the fixed split/dev.txt
    nice -n 10 .venv/bin/python scripts/train_neural_ner.py --split
    # shipped model: train on the full anercorp/train.txt for the best epoch count of the split run
    nice -n 10 .venv/bin/python scripts/train_neural_ner.py

Needs the word vectors from `scripts/build_word_vectors.py` (default `build/ner-vectors.txt`) and
the data in `../shared/data`. The split run records its dev scores and best epoch in
`build/ner-neural-split.json`; the default run copies them into
`resources/models/ner-neural-manifest.json` beside `ner-neural.onnx` and `ner-neural-vocab.json`.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from desktop.nlp.neural_ner import (  # noqa: E402
    MAX_CHARS,
    MODEL_FILE,
    N_FEATS,
    VOCAB_FILE,
    Featurizer,
    constrain,
    viterbi,
)
from desktop.text.normalize import normalize_word  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
FULL_TRAIN = DATA / "anercorp" / "train.txt"
SPLIT_TRAIN = DATA / "anercorp" / "split" / "train.txt"
SPLIT_DEV = DATA / "anercorp" / "split" / "dev.txt"
SCORER = ROOT.parent / "shared" / "eval" / "score_conll.py"
GAZ = ROOT / "resources" / "gazetteers"
OUT = ROOT / "resources" / "models"
SPLIT_RESULT = ROOT / "build" / "ner-neural-split.json"
TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
# Actor kinds that are not organizations in ANERcorp's sense.
NON_ORG_KINDS = {"civilians", "protesters", "rioters", "kind"}


def require(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"missing: {path} (training data is read from ../shared/data beside the project; "
                 "word vectors come from scripts/build_word_vectors.py)")
    return path


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    for line in require(path).open(encoding="utf-8"):
        parts = line.split()
        if not parts:
            if toks:
                sents.append((toks, tags))
            toks, tags = [], []
            continue
        tag = parts[-1] if len(parts) > 1 else "O"
        if parts[-1] == "REVISIT" and len(parts) > 2:
            tag = parts[-2]
        tag = tag.replace("-PER", "-PERS").replace("-PERSS", "-PERS")
        toks.append(parts[0])
        tags.append(tag if tag in TAGS else "O")
    if toks:
        sents.append((toks, tags))
    return sents


def load_gazetteer() -> tuple[dict[str, list[str]], list[str]]:
    """Normalized phrases per type from resources/gazetteers, and single-word person names."""
    gaz: dict[str, set[str]] = {"LOC": set(), "ORG": set(), "PERS": set()}

    def rows(name: str) -> list[dict[str, str]]:
        with require(GAZ / name).open(encoding="utf-8") as fh:
            return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))

    for name in ("places.tsv", "places_curated.tsv"):
        for r in rows(name):
            for p in [r["name_ar"], *(r.get("aliases_ar") or "").split("|")]:
                if p.strip():
                    gaz["LOC"].add(normalize_word(p))
    for r in rows("actors.tsv"):
        if r.get("kind") in NON_ORG_KINDS:
            continue
        for p in [r["name_ar"], *(r.get("aliases_ar") or "").split("|")]:
            if p.strip():
                gaz["ORG"].add(normalize_word(p))
    names = sorted({normalize_word(r["name"]) for r in rows("person_names.tsv") if r["name"].strip()})
    return {k: sorted(v) for k, v in gaz.items()}, names


def load_vectors(path: Path) -> tuple[list[str], np.ndarray]:
    words: list[str] = []
    vecs: list[list[float]] = []
    for line in require(path).open(encoding="utf-8"):
        if line.startswith("#"):
            continue
        w, _, rest = line.rstrip("\n").partition("\t")
        words.append(w)
        vecs.append([float(x) for x in rest.split()])
    return words, np.asarray(vecs, dtype=np.float32)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def build_model(args: argparse.Namespace, emb: np.ndarray, n_chars: int) -> Any:
    import torch
    from torch import nn

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word = nn.Embedding.from_pretrained(torch.from_numpy(emb), freeze=not args.finetune,
                                                     padding_idx=0)
            self.char = nn.Embedding(n_chars, args.char_dim, padding_idx=0)
            self.conv = nn.Conv1d(args.char_dim, args.char_filters, kernel_size=3, padding=1)
            d_in = 2 * emb.shape[1] + args.char_filters + N_FEATS
            self.drop_in = nn.Dropout(args.dropout)
            self.encoder = args.encoder
            if args.encoder == "lstm":
                self.fwd = nn.LSTM(d_in, args.hidden, batch_first=True)
                self.bwd = nn.LSTM(d_in, args.hidden, batch_first=True)
                d_out = 2 * args.hidden
            else:
                # Dilated CNN with residual connections: receptive field 1 + 2 * (1 + 2 + 4 ...).
                self.inp = nn.Conv1d(d_in, args.hidden, kernel_size=3, padding=1)
                self.convs = nn.ModuleList(
                    nn.Conv1d(args.hidden, args.hidden, kernel_size=3, padding=2 ** i, dilation=2 ** i)
                    for i in range(args.layers))
                self.drop_mid = nn.Dropout(args.dropout_out)
                d_out = args.hidden
            self.drop_out = nn.Dropout(args.dropout_out)
            self.proj = nn.Linear(d_out, len(TAGS))
            self.trans = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
            self.start = nn.Parameter(torch.zeros(len(TAGS)))
            self.end = nn.Parameter(torch.zeros(len(TAGS)))

        def forward(self, word_ids: torch.Tensor, strip_ids: torch.Tensor, char_ids: torch.Tensor,
                    feats: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
            b, t = word_ids.shape
            c = self.char(char_ids.reshape(b * t, MAX_CHARS)).transpose(1, 2)
            c = torch.relu(self.conv(c)).max(dim=2).values.reshape(b, t, -1)
            x = torch.cat([self.word(word_ids), self.word(strip_ids), c, feats], dim=2)
            x = self.drop_in(x)
            pos = torch.arange(t, device=x.device).unsqueeze(0).expand(b, t)
            lens = lengths.unsqueeze(1)
            if self.encoder != "lstm":
                # Zero the padding so a sentence's output does not depend on its batch.
                keep = (pos < lens).unsqueeze(1).to(x.dtype)
                y = torch.relu(self.inp(x.transpose(1, 2) * keep)) * keep
                for conv in self.convs:
                    y = (y + torch.relu(conv(self.drop_mid(y)))) * keep
                return self.proj(self.drop_out(y.transpose(1, 2)))
            # Backward direction: reverse each sentence within its own length, so that padding at
            # the end never leaks into real positions (no packed sequences: ONNX-friendly).
            rev = torch.where(pos < lens, lens - 1 - pos, pos)
            idx = rev.unsqueeze(2).expand(b, t, x.shape[2])
            hf, _ = self.fwd(x)
            hb, _ = self.bwd(torch.gather(x, 1, idx))
            hb = torch.gather(hb, 1, rev.unsqueeze(2).expand(b, t, hb.shape[2]))
            h = self.drop_out(torch.cat([hf, hb], dim=2))
            return self.proj(h)

        def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            """Mean CRF negative log-likelihood of the gold tag paths."""
            b, t, _ = em.shape
            ar = torch.arange(b)
            score = self.start[tags[:, 0]] + em[ar, 0, tags[:, 0]]
            alpha = self.start.unsqueeze(0) + em[:, 0]
            for i in range(1, t):
                m = mask[:, i]
                step = self.trans[tags[:, i - 1], tags[:, i]] + em[ar, i, tags[:, i]]
                score = score + step * m
                nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + em[:, i]
                alpha = torch.where(m.unsqueeze(1) > 0, nxt, alpha)
            last = tags[ar, mask.sum(1).long() - 1]
            score = score + self.end[last]
            log_z = torch.logsumexp(alpha + self.end.unsqueeze(0), dim=1)
            return (log_z - score).mean()

    return Tagger()


def batches(n_items: list[int], max_tokens: int, rng: random.Random | None) -> list[list[int]]:
    """Index batches of sentences of similar length, at most `max_tokens` padded tokens each."""
    order = sorted(range(len(n_items)), key=lambda i: (n_items[i], rng.random() if rng else 0))
    out: list[list[int]] = []
    cur: list[int] = []
    for i in order:
        if cur and n_items[i] * (len(cur) + 1) > max_tokens:
            out.append(cur)
            cur = []
        cur.append(i)
    if cur:
        out.append(cur)
    if rng:
        rng.shuffle(out)
    return out


def to_tensors(feat: Featurizer, sents: list[list[str]]) -> dict[str, Any]:
    import torch

    return {k: torch.from_numpy(v) for k, v in feat.encode(sents).items()}


def predict(model: Any, feat: Featurizer, sents: list[list[str]]) -> list[list[str]]:
    import torch

    model.eval()
    trans, start = constrain(TAGS, model.trans.detach().numpy(), model.start.detach().numpy())
    end = model.end.detach().numpy()
    out: list[list[str]] = [[] for _ in sents]
    with torch.no_grad():
        for idx in batches([len(s) for s in sents], 4096, None):
            batch = [sents[i] for i in idx]
            em = model(**to_tensors(feat, batch)).numpy()
            paths = viterbi(em, np.array([len(s) for s in batch]), trans, start, end)
            for i, p in zip(idx, paths, strict=True):
                out[i] = [TAGS[k] for k in p]
    return out


def score(gold: Path, sents: list[list[str]], tags: list[list[str]]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        for toks, tg in zip(sents, tags, strict=True):
            fh.writelines(f"{a} {b}\n" for a, b in zip(toks, tg, strict=True))
            fh.write("\n")
        sys_path = fh.name
    res = subprocess.run([sys.executable, str(require(SCORER)), str(gold), sys_path, "--json"],
                         capture_output=True, text=True, check=True)
    Path(sys_path).unlink()
    return dict(json.loads(res.stdout))


def train(args: argparse.Namespace, data: list[tuple[list[str], list[str]]], feat: Featurizer,
          emb: np.ndarray, epochs: int, dev: list[tuple[list[str], list[str]]] | None,
          on_epoch: Any = None) -> tuple[Any, list[Any]]:
    import torch

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    model = build_model(args, emb, len(feat.chars))
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=args.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1.0 / (1.0 + args.decay * e))
    tag_index = {t: i for i, t in enumerate(TAGS)}
    history: list[Any] = []
    best_f, best_state = -1.0, None
    for epoch in range(1, epochs + 1):
        model.train()
        t0 = time.time()
        total = 0.0
        for idx in batches([len(t) for t, _ in data], args.batch_tokens, rng):
            batch = [data[i][0] for i in idx]
            inp = to_tensors(feat, batch)
            if args.word_dropout > 0:
                drop = torch.rand(inp["word_ids"].shape) < args.word_dropout
                inp["word_ids"] = inp["word_ids"].masked_fill(drop & (inp["word_ids"] > 0), 1)
                drop = torch.rand(inp["strip_ids"].shape) < args.word_dropout
                inp["strip_ids"] = inp["strip_ids"].masked_fill(drop & (inp["strip_ids"] > 0), 1)
            b, t = inp["word_ids"].shape
            tags = torch.zeros((b, t), dtype=torch.long)
            mask = torch.zeros((b, t))
            for r, i in enumerate(idx):
                n = len(data[i][1])
                tags[r, :n] = torch.tensor([tag_index[x] for x in data[i][1]])
                mask[r, :n] = 1
            loss = model.nll(model(**inp), tags, mask)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, args.clip)
            opt.step()
            total += float(loss.detach()) * len(idx)
        sched.step()
        rec: dict[str, Any] = {"epoch": epoch, "loss": round(total / len(data), 4),
                               "seconds": round(time.time() - t0, 1)}
        if dev is not None:
            pred = predict(model, feat, [s for s, _ in dev])
            res = score(SPLIT_DEV, [s for s, _ in dev], pred)
            rec["dev"] = res
            f = res["micro"]["f"]
            if f > best_f:
                best_f = f
                best_state = {k: v.clone() for k, v in model.state_dict().items()}
            rec["summary"] = (f"micro {f:.4f} macro {res['macro_f1']:.4f} "
                              + " ".join(f"{t} {res[t]['f']:.3f}" for t in ("PERS", "LOC", "ORG", "MISC")))
        print(json.dumps({k: v for k, v in rec.items() if k != "dev"}, ensure_ascii=False), flush=True)
        history.append(rec)
        if on_epoch is not None:
            on_epoch(model, history, best_state)
        if dev is not None and args.patience and epoch - best_epoch(history) >= args.patience:
            print(f"no dev improvement for {args.patience} epochs: stopping", flush=True)
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    return model, history


def best_epoch(history: list[Any]) -> int:
    scored = [h for h in history if "dev" in h]
    if not scored:
        return len(history)
    return int(max(scored, key=lambda h: (h["dev"]["micro"]["f"], -h["epoch"]))["epoch"])


def export(model: Any, feat: Featurizer, folder: Path, gazetteer: dict[str, list[str]],
           first_names: list[str]) -> None:
    import torch

    model.eval()
    folder.mkdir(parents=True, exist_ok=True)
    sample = to_tensors(feat, [["قال", "الرئيس", "في", "دمشق"], ["بغداد", "اليوم"]])
    names = ["word_ids", "strip_ids", "char_ids", "feats", "lengths"]
    dyn = {"word_ids": {0: "b", 1: "t"}, "strip_ids": {0: "b", 1: "t"}, "char_ids": {0: "b", 1: "t"},
           "feats": {0: "b", 1: "t"}, "lengths": {0: "b"}, "emissions": {0: "b", 1: "t"}}
    torch.onnx.export(model, tuple(sample[n] for n in names), str(folder / MODEL_FILE), input_names=names,
                      output_names=["emissions"], dynamic_axes=dyn, opset_version=17, dynamo=False)
    meta = {
        "format": 1,
        "tags": TAGS,
        "words": feat.words,
        "chars": feat.chars,
        "gazetteer": gazetteer,
        "first_names": first_names,
        "crf": {"transitions": model.trans.detach().numpy().round(5).tolist(),
                "start": model.start.detach().numpy().round(5).tolist(),
                "end": model.end.detach().numpy().round(5).tolist()},
    }
    (folder / VOCAB_FILE).write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")),
                                     encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", action="store_true", help="train on split/train, score split/dev")
    ap.add_argument("--vectors", type=Path, default=ROOT / "build" / "ner-vectors.txt")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--epochs", type=int, default=0, help="0: 12 with --split, else the split run's best")
    ap.add_argument("--patience", type=int, default=4)
    ap.add_argument("--encoder", choices=("cnn", "lstm"), default="cnn")
    ap.add_argument("--layers", type=int, default=3, help="dilated conv layers (cnn encoder)")
    ap.add_argument("--hidden", type=int, default=160)
    ap.add_argument("--char-dim", type=int, default=32)
    ap.add_argument("--char-filters", type=int, default=64)
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--dropout-out", type=float, default=0.3)
    ap.add_argument("--word-dropout", type=float, default=0.05)
    ap.add_argument("--finetune", action=argparse.BooleanOptionalAction, default=True,
                    help="also train the pre-trained word vectors (default: yes)")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--decay", type=float, default=0.05)
    ap.add_argument("--clip", type=float, default=5.0)
    ap.add_argument("--batch-tokens", type=int, default=500)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--result", type=Path, default=SPLIT_RESULT,
                    help="where the split run records (and the default run reads) the dev scores")
    ap.add_argument("--keep-epochs", type=Path, default=None,
                    help="default run: also copy each epoch's files to this folder")
    ap.add_argument("--save-split-model", type=Path, default=None,
                    help="with --split: also export the best split model to this folder")
    args = ap.parse_args()
    t0 = time.time()

    words, vecs = load_vectors(args.vectors)
    emb = np.concatenate([np.zeros((2, vecs.shape[1]), dtype=np.float32), vecs])
    vocab = ["<pad>", "<unk>", *words]
    gazetteer, first_names = load_gazetteer()
    train_path = SPLIT_TRAIN if args.split else FULL_TRAIN
    data = read_conll(train_path)
    char_counts = Counter(c for toks, _ in data for t in toks for c in (normalize_word(t) or t)[:MAX_CHARS])
    chars = ["<pad>", "<unk>", *sorted(c for c, n in char_counts.items() if n >= 2)]
    feat = Featurizer(vocab, chars, gazetteer, first_names)
    skip = {"split", "vectors", "out", "save_split_model", "result", "threads", "keep_epochs"}
    hyper = {k: v for k, v in vars(args).items() if k not in skip}
    print(f"{len(data)} training sentences from {train_path}; vocab {len(vocab)}, chars {len(chars)}",
          flush=True)

    command = " ".join(["python", *sys.argv])
    if args.split:
        dev = read_conll(SPLIT_DEV)

        def record(model: Any, history: list[Any], best_state: Any) -> None:
            best = max(history, key=lambda h: h["dev"]["micro"]["f"])
            args.result.parent.mkdir(parents=True, exist_ok=True)
            args.result.write_text(json.dumps({
                "command": command, "best_epoch": best["epoch"], "dev": best["dev"],
                "hyperparameters": hyper, "history": history,
                "date": datetime.now(UTC).isoformat(timespec="seconds")}, indent=1), encoding="utf-8")
            if args.save_split_model and best is history[-1]:
                export(model, feat, args.save_split_model, gazetteer, first_names)

        _, history = train(args, data, feat, emb, args.epochs or 12, dev, record)
        best = max(history, key=lambda h: h["dev"]["micro"]["f"])
        print(f"best epoch {best['epoch']}: {best['summary']}")
        print(json.dumps(best["dev"]))
        print(f"done in {time.time() - t0:.0f}s; wrote {args.result}")
        return

    if args.epochs:
        epochs = args.epochs
    else:
        epochs = int(json.loads(require(args.result).read_text(encoding="utf-8"))["best_epoch"])

    def ship(model: Any, history: list[Any], best_state: Any) -> None:
        """Export after every epoch, so an interrupted run still leaves a usable model."""
        export(model, feat, args.out, gazetteer, first_names)
        files = [args.out / MODEL_FILE, args.out / VOCAB_FILE]
        split: dict[str, Any] = {}
        if args.result.exists():
            split = json.loads(args.result.read_text(encoding="utf-8"))
        same = [h for h in split.get("history", []) if h["epoch"] == len(history)]
        manifest = {
            "model": f"{args.encoder.upper()}-CRF over word vectors + char CNN + gazetteer/shape flags; "
                     "ONNX network + numpy Viterbi",
            "files": {p.name: {"bytes": p.stat().st_size, "sha256": sha256(p)} for p in files},
            "size_bytes": sum(p.stat().st_size for p in files),
            "data": {str(p.relative_to(ROOT.parent)): sha256(p)
                     for p in (FULL_TRAIN, SPLIT_TRAIN, SPLIT_DEV)},
            "word_vectors": {"file": str(args.vectors.name), "sha256": sha256(args.vectors),
                             "built_by": "scripts/build_word_vectors.py (fastText skip-gram on ANT corpus + "
                                         "AQMAR text + ANERcorp split/train text)",
                             "citation": "Chouigui et al., ANT Corpus, AICCSA 2017"},
            "command": command,
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "epochs_trained": len(history),
            "epochs_planned": epochs,
            "hyperparameters": hyper,
            "dev_metrics_split_run": {
                "command": split.get("command"),
                "best_epoch": split.get("best_epoch"),
                "best_scores": split.get("dev"),
                "scores_at_same_epoch_count": same[0].get("dev") if same else None,
            },
            "train_history": history,
        }
        (args.out / "ner-neural-manifest.json").write_text(
            json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if args.keep_epochs:
            snap = args.keep_epochs / f"epoch{len(history):02d}"
            snap.mkdir(parents=True, exist_ok=True)
            for p in [*files, args.out / "ner-neural-manifest.json"]:
                shutil.copy2(p, snap / p.name)
        print(f"exported epoch {len(history)}: {manifest['size_bytes'] / 1e6:.1f} MB", flush=True)

    train(args, data, feat, emb, epochs, None, ship)
    print(f"done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
