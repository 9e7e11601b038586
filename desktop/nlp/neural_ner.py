"""Neural Arabic NER tagger (BiLSTM-CRF over words and characters) run with onnxruntime and numpy.

The network (pre-trained word vectors for the normalized and the proclitic-stripped form, a
character CNN, gazetteer and shape flags, a BiLSTM, and per-tag emission scores) was trained with
PyTorch by `scripts/train_neural_ner.py` and exported to ONNX; this module never imports torch.
The CRF transition scores live in the vocabulary file, and Viterbi decoding and the forward-backward
marginals (for `tag_with_confidence`) are done here in numpy.

Files: `resources/models/ner-neural.onnx` (network) and `resources/models/ner-neural-vocab.json`
(word and character vocabularies, the gazetteer snapshot used for the flags, tags, CRF scores).
The featurization below is shared with the training script so the two cannot drift apart.
Tags are ANERcorp BIO tags over PERS, LOC, ORG and MISC.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from desktop.resources import resource_root
from desktop.text.normalize import normalize_word

MODEL_DIR = resource_root() / "models"
MODEL_FILE = "ner-neural.onnx"
VOCAB_FILE = "ner-neural-vocab.json"

PAD, UNK = 0, 1
MAX_CHARS = 16
# Proclitic sequences (normalized spelling), longest first; ال is kept on the stripped form.
PROCLITICS = (
    "وبال", "وكال", "وفال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل",
    "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
)
GAZ_TYPES = ("LOC", "ORG", "PERS")
# Per-token flags: B/I of a gazetteer phrase match for each type, single-word name flags, shape.
N_FEATS = 2 * len(GAZ_TYPES) + 8
_MAX_PHRASE = 6
_BATCH_TOKENS = 4096
PROPAGATE_SURNAMES = False  # also propagate the last word of a person's name (dev F1 -0.002)
# Frequent words that are never propagated as one-word entities on their own.
_STOP = frozenset("في من الى على عن ان او و ال مع بعد قبل عند هذا هذه ذلك التي الذي".split())


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


class Featurizer:
    """Turns token lists into the network's input arrays; identical at training and run time."""

    def __init__(self, words: Sequence[str], chars: Sequence[str], gazetteer: dict[str, Sequence[str]],
                 first_names: Iterable[str] = ()) -> None:
        self.words = list(words)
        self.chars = list(chars)
        self.word_index = {w: i for i, w in enumerate(self.words)}
        self.char_index = {c: i for i, c in enumerate(self.chars)}
        # Phrase gazetteer: normalized phrase (space-joined) -> type; longest type wins on ties by order.
        self.phrases: dict[str, str] = {}
        for typ in GAZ_TYPES:
            for phrase in gazetteer.get(typ, ()):
                self.phrases.setdefault(phrase, typ)
        self.first_tokens = {p.split(" ")[0] for p in self.phrases}
        self.first_names = frozenset(first_names)
        self._cache: dict[str, tuple[int, int, list[int], list[float], str, str]] = {}

    # -- per word type -------------------------------------------------------------------------
    def _strip(self, norm: str) -> str:
        """The word without its proclitics (keeping ال), if the remainder is a known word or name."""
        for p in PROCLITICS:
            if norm.startswith(p) and len(norm) - len(p) >= 2:
                rest = norm[len(p):]
                if p.endswith(("ال", "لل")):
                    rest = "ال" + rest
                if rest in self.word_index or rest in self.first_tokens or rest in self.first_names:
                    return rest
        return norm

    def word_info(self, token: str) -> tuple[int, int, list[int], list[float], str, str]:
        """(word id, stripped-word id, char ids, type-level flags, stripped form, normalized form)."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        norm = normalize_word(token) or token
        stripped = self._strip(norm)
        wid = self.word_index.get(norm, UNK)
        sid = self.word_index.get(stripped, wid)
        chars = [self.char_index.get(c, UNK) for c in norm[:MAX_CHARS]] or [UNK]
        core = stripped[2:] if stripped.startswith("ال") and len(stripped) > 4 else stripped
        flags = [
            float(norm in self.first_names or stripped in self.first_names),
            float(core in self.first_names),
            float(norm.isdigit()),
            float(any(ch.isdigit() for ch in norm)),
            float(not any(ch.isalnum() for ch in norm)),
            float(not _is_arabic(norm) and any(ch.isalpha() for ch in norm)),
            float(stripped != norm),
            float(stripped.startswith("ال")),
        ]
        info = (wid, sid, chars, flags, stripped, norm)
        if len(self._cache) < 500_000:
            self._cache[token] = info
        return info

    # -- per sentence ----------------------------------------------------------------------------
    def gazetteer_flags(self, keys: list[str], norms: list[str]) -> list[list[float]]:
        """B/I flags of the longest gazetteer phrase matches (the first word may carry proclitics)."""
        n = len(keys)
        out = [[0.0] * (2 * len(GAZ_TYPES)) for _ in range(n)]
        i = 0
        while i < n:
            best = 0
            typ = ""
            for first in (norms[i], keys[i]):
                if first not in self.first_tokens:
                    continue
                for j in range(min(n, i + _MAX_PHRASE), i, -1):
                    if j - i <= best:
                        break
                    phrase = " ".join([first, *norms[i + 1:j]])
                    t = self.phrases.get(phrase)
                    if t is not None:
                        best, typ = j - i, t
                        break
            if best:
                k = GAZ_TYPES.index(typ)
                out[i][2 * k] = 1.0
                for m in range(i + 1, i + best):
                    out[m][2 * k + 1] = 1.0
                i += best
            else:
                i += 1
        return out

    def encode(self, sentences: Sequence[Sequence[str]]) -> dict[str, np.ndarray]:
        """Padded input arrays for a batch of non-empty sentences."""
        b = len(sentences)
        t = max(len(s) for s in sentences)
        word_ids = np.zeros((b, t), dtype=np.int64)
        strip_ids = np.zeros((b, t), dtype=np.int64)
        char_ids = np.zeros((b, t, MAX_CHARS), dtype=np.int64)
        feats = np.zeros((b, t, N_FEATS), dtype=np.float32)
        lengths = np.zeros((b,), dtype=np.int64)
        for si, sent in enumerate(sentences):
            lengths[si] = len(sent)
            infos = [self.word_info(tok) for tok in sent]
            gaz = self.gazetteer_flags([inf[4] for inf in infos], [inf[5] for inf in infos])
            for ti, (wid, sid, chars, flags, _, _) in enumerate(infos):
                word_ids[si, ti] = wid
                strip_ids[si, ti] = sid
                char_ids[si, ti, :len(chars)] = chars
                feats[si, ti] = gaz[ti] + flags
        return {"word_ids": word_ids, "strip_ids": strip_ids, "char_ids": char_ids, "feats": feats,
                "lengths": lengths}


def viterbi(emissions: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray,
            end: np.ndarray) -> list[list[int]]:
    """Best tag index paths for a batch of emission matrices [B, T, K]."""
    b, t, k = emissions.shape
    score = start[None, :] + emissions[:, 0]
    back = np.zeros((b, t, k), dtype=np.int64)
    ar = np.arange(b)
    for i in range(1, t):
        cand = score[:, :, None] + trans[None, :, :]  # [B, from, to]
        best = cand.argmax(axis=1)
        new = cand[ar[:, None], best, np.arange(k)[None, :]] + emissions[:, i]
        active = (i < lengths)[:, None]
        score = np.where(active, new, score)
        back[:, i] = np.where(active, best, np.arange(k)[None, :])
    score = score + end[None, :]
    paths: list[list[int]] = []
    for si in range(b):
        n = int(lengths[si])
        tag = int(score[si].argmax())
        path = [tag]
        for i in range(n - 1, 0, -1):
            tag = int(back[si, i, tag])
            path.append(tag)
        paths.append(path[::-1])
    return paths


def constrain(tags: Sequence[str], trans: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Copies of the CRF scores that forbid invalid BIO moves (I-X only after B-X or I-X)."""
    trans = trans.copy()
    start = start.copy()
    for j, tag in enumerate(tags):
        if not tag.startswith("I-"):
            continue
        start[j] = -1e4
        for i, prev in enumerate(tags):
            if prev[2:] != tag[2:] or prev == "O":
                trans[i, j] = -1e4
    return trans, start


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    m = x.max(axis=axis, keepdims=True)
    return np.asarray(np.squeeze(m, axis=axis) + np.log(np.exp(x - m).sum(axis=axis)))


def marginals(emissions: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Per-token tag posteriors [T, K] of one sentence under the CRF (forward-backward)."""
    t, k = emissions.shape
    alpha = np.zeros((t, k))
    beta = np.zeros((t, k))
    alpha[0] = start + emissions[0]
    for i in range(1, t):
        alpha[i] = _logsumexp(alpha[i - 1][:, None] + trans, axis=0) + emissions[i]
    beta[t - 1] = end
    for i in range(t - 2, -1, -1):
        beta[i] = _logsumexp(trans + (emissions[i + 1] + beta[i + 1])[None, :], axis=1)
    log_z = _logsumexp(alpha[t - 1] + end, axis=0)
    return np.asarray(np.exp(alpha + beta - log_z))


class NeuralTagger:
    """BIO NER tagger: ONNX BiLSTM emissions + numpy CRF decoding."""

    def __init__(self, session: Any, featurizer: Featurizer, tags: list[str], trans: np.ndarray,
                 start: np.ndarray, end: np.ndarray) -> None:
        self.session = session
        self.featurizer = featurizer
        self.tags = tags
        self.trans, self.start = constrain(tags, trans, start)
        self.end = end
        self._inputs = {i.name for i in session.get_inputs()}

    @classmethod
    def load(cls, folder: Path | None = None, threads: int = 1) -> NeuralTagger:
        """Load the model files from `folder` (default: resources/models)."""
        # Imported by name: onnxruntime ships no type information, and this keeps mypy's config untouched.
        ort: Any = importlib.import_module("onnxruntime")
        folder = folder or MODEL_DIR
        meta = json.loads((folder / VOCAB_FILE).read_text(encoding="utf-8"))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        session = ort.InferenceSession(str(folder / MODEL_FILE), sess_options=opts,
                                       providers=["CPUExecutionProvider"])
        feat = Featurizer(meta["words"], meta["chars"], meta["gazetteer"], meta.get("first_names", ()))
        crf = meta["crf"]
        return cls(session, feat, list(meta["tags"]), np.asarray(crf["transitions"], dtype=np.float32),
                   np.asarray(crf["start"], dtype=np.float32), np.asarray(crf["end"], dtype=np.float32))

    def emissions(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Emission scores [B, T, K] for a batch of non-empty sentences."""
        feeds = self.featurizer.encode(sentences)
        out = self.session.run(["emissions"], {k: v for k, v in feeds.items() if k in self._inputs})
        return np.asarray(out[0], dtype=np.float32)

    def tag_sentences(self, sentences: Sequence[Sequence[str]], document: bool = False) -> list[list[str]]:
        """BIO tags for each sentence; sentences are batched by similar length.

        With `document=True` the sentences are taken as one text: a name tagged somewhere in it is
        also tagged where it recurs untagged (see `propagate`).
        """
        tags = self._tag_batches(sentences)
        return self.propagate(sentences, tags) if document else tags

    def propagate(self, sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> list[list[str]]:
        """Tag untagged recurrences of the document's entities (by normalized or stripped form)."""
        feat = self.featurizer
        votes: dict[tuple[str, ...], dict[str, int]] = {}
        for sent, tg in zip(sentences, tags, strict=True):
            start, typ = -1, ""
            for i, tag in enumerate([*tg, "O"]):
                if start >= 0 and not tag.startswith("I-"):
                    key = tuple(feat.word_info(t)[5] for t in sent[start:i])
                    if PROPAGATE_SURNAMES and typ == "PERS" and i - start >= 2:
                        v = votes.setdefault((key[-1],), {})
                        v["PERS"] = v.get("PERS", 0) + 1
                    v = votes.setdefault(key, {})
                    v[typ] = v.get(typ, 0) + 2
                    start = -1
                if tag.startswith("B-"):
                    start, typ = i, tag[2:]
        # Places are left alone: the network already finds them well, and propagating them (a city
        # also names a club or a government) cost precision on the dev split.
        known = {k: best for k, v in votes.items()
                 if all(len(w) >= 3 for w in k) and k[0] not in _STOP
                 and (best := max(v, key=lambda t: v[t])) != "LOC"}
        if not known:
            return tags
        longest = max(len(k) for k in known)
        out = [list(tg) for tg in tags]
        for sent, tg in zip(sentences, out, strict=True):
            infos = [feat.word_info(t) for t in sent]
            i = 0
            while i < len(sent):
                hit = 0
                for n in range(min(longest, len(sent) - i), 0, -1):
                    if any(tg[j] != "O" for j in range(i, i + n)):
                        continue
                    rest = tuple(inf[5] for inf in infos[i + 1:i + n])
                    for first in (infos[i][5], infos[i][4]):
                        found = known.get((first, *rest))
                        if found:
                            tg[i] = "B-" + found
                            for j in range(i + 1, i + n):
                                tg[j] = "I-" + found
                            hit = n
                            break
                    if hit:
                        break
                i += hit or 1
        return out

    def _tag_batches(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        result: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        pos = 0
        while pos < len(order):
            batch = [order[pos]]
            pos += 1
            while pos < len(order) and len(sentences[order[pos]]) * (len(batch) + 1) <= _BATCH_TOKENS:
                batch.append(order[pos])
                pos += 1
            sents = [sentences[i] for i in batch]
            em = self.emissions(sents)
            lengths = np.array([len(s) for s in sents])
            for i, path in zip(batch, viterbi(em, lengths, self.trans, self.start, self.end), strict=True):
                result[i] = [self.tags[k] for k in path]
        return result

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags of one sentence (one per token)."""
        return self.tag_sentences([tokens])[0] if tokens else []

    def tag_with_confidence(self, tokens: Sequence[str]) -> list[tuple[str, float]]:
        """Viterbi tags of one sentence with each tag's CRF marginal probability."""
        if not tokens:
            return []
        em = self.emissions([tokens])[0]
        path = viterbi(em[None], np.array([len(tokens)]), self.trans, self.start, self.end)[0]
        probs = marginals(em.astype(np.float64), self.trans, self.start, self.end)
        return [(self.tags[k], float(probs[i, k])) for i, k in enumerate(path)]


@lru_cache(maxsize=1)
def get_neural_tagger() -> NeuralTagger:
    """The shared tagger loaded from resources/models (loaded once)."""
    return NeuralTagger.load()
