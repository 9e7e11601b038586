"""A project's entity model: a CRF that learns the analyst's corrections of the bundled recognizer.

The bundled recognizer (gazetteers, rules and the shipped CRF, `desktop.nlp.entities`) runs first;
this model then reads each sentence's tokens with the bundled label of every token as a feature
(stacking) and tags them again with the BIO labels the analyst's reviewed articles taught. With a
few reviewed articles it mostly copies the bundled labels; where the analyst consistently deleted,
relabelled, resized or added names of the project's own sources and regions, it learns to do the
same. Only the name types it was trained on are replaced (`learned_types`); dates, numbers and
weapons stay the bundled recognizer's. A span both agree on keeps the bundled attributes (its
canonical link and coordinates); a span only this model finds has `origin` `project-model`.

Training needs no bundled training text, so it runs on the analyst's machine with the app alone
(python-crfsuite ships with it). The model is the CRF file's bytes plus the learned types.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pycrfsuite

from desktop.document import Document, Span
from desktop.text.normalize import normalize_word

NAME_TYPES = ("PER", "ORG", "LOC", "MISC", "ACTOR")
TRAINING = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}


def _bio(tokens: Sequence[Span], spans: Iterable[tuple[int, int, str]], types: Iterable[str]) -> list[str]:
    wanted = set(types)
    labels = ["O"] * len(tokens)
    for start, end, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if label not in wanted:
            continue
        inside = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]  # clitics outside
        if not inside or any(labels[i] != "O" for i in inside):
            continue
        labels[inside[0]] = "B-" + label
        for i in inside[1:]:
            labels[i] = "I-" + label
    return labels


def _features(words: Sequence[str], bundled: Sequence[str]) -> list[list[str]]:
    out = []
    n = len(words)
    for i, w in enumerate(words):
        f = [
            "bias",
            "w=" + w,
            "p3=" + w[:3],
            "s3=" + w[-3:],
            "b=" + bundled[i],
            "bt=" + bundled[i][2:],
            "len=" + str(min(len(w), 8)),
        ]
        for d in (-1, 1):
            j = i + d
            if 0 <= j < n:
                f += [f"w{d}=" + words[j], f"b{d}=" + bundled[j], f"b0b{d}={bundled[i]}|{bundled[j]}"]
            else:
                f.append(f"edge{d}")
        out.append(f)
    return out


def _sentences(doc: Document) -> list[list[Span]]:
    tokens = doc.layers.get("tokens", [])
    sents = doc.layers.get("sentences") or [Span(0, len(doc.text), "SENT")]
    out: list[list[Span]] = []
    k = 0
    for s in sents:
        while k < len(tokens) and tokens[k].end <= s.start:
            k += 1
        group = []
        while k < len(tokens) and tokens[k].start < s.end:
            group.append(tokens[k])
            k += 1
        if group:
            out.append(group)
    return out


def _base(token: Span) -> int:
    """Where the token's word starts after its proclitics (و، ب، ل، ...)."""
    base = token.attrs.get("base")
    return base if isinstance(base, int) and token.start <= base < token.end else token.start


def _words(doc: Document, tokens: Sequence[Span]) -> list[str]:
    return [normalize_word(doc.text[_base(t) : t.end]) or "_" for t in tokens]


def _bundled(doc: Document) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label) for e in doc.layers.get("entities", [])]


@dataclass(frozen=True)
class EntityModel:
    """A trained stacked CRF (its file's bytes) and the name types it decides."""

    crf: bytes
    learned_types: tuple[str, ...]

    def to_bytes(self) -> bytes:
        head = json.dumps({"types": list(self.learned_types)}).encode("utf-8")
        return len(head).to_bytes(4, "big") + head + self.crf

    @classmethod
    def from_bytes(cls, data: bytes) -> EntityModel:
        n = int.from_bytes(data[:4], "big")
        head = json.loads(data[4 : 4 + n].decode("utf-8"))
        return cls(data[4 + n :], tuple(head["types"]))

    def tagger(self) -> pycrfsuite.Tagger:
        tagger = pycrfsuite.Tagger()
        # python-crfsuite opens models by file name only: write the bytes to a private file once.
        fd, path = tempfile.mkstemp(suffix=".crfsuite", prefix="rasid-project-")
        with os.fdopen(fd, "wb") as f:
            f.write(self.crf)
        tagger.open(path)
        with contextlib.suppress(OSError):
            os.unlink(path)  # the tagger keeps the mapping; nothing is left on disk (POSIX)
        return tagger


def train(examples: Sequence[tuple[Document, Sequence[tuple[int, int, str]]]]) -> EntityModel | None:
    """Train on documents run through the bundled recognizer, each with the analyst's name spans.

    Returns None when the examples hold no name at all (nothing to learn)."""
    types = sorted({label for _, spans in examples for *_, label in spans if label in NAME_TYPES})
    if not types:
        return None
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(TRAINING)
    for doc, spans in examples:
        bundled = _bundled(doc)
        for tokens in _sentences(doc):
            words = _words(doc, tokens)
            trainer.append(_features(words, _bio(tokens, bundled, NAME_TYPES)), _bio(tokens, spans, types))
    with tempfile.TemporaryDirectory(prefix="rasid-train-") as tmp:
        path = os.path.join(tmp, "entities.crfsuite")
        trainer.train(path)
        with open(path, "rb") as f:
            return EntityModel(f.read(), tuple(types))


class EntityCorrection:
    """Pipeline step after the bundled recognizer: re-tag the learned name types of each sentence."""

    def __init__(self, model: EntityModel) -> None:
        self.model = model
        self._tagger: pycrfsuite.Tagger | None = None

    def __getstate__(self) -> dict[str, object]:
        return {"model": self.model, "_tagger": None}

    def __call__(self, doc: Document) -> Document:
        if self._tagger is None:
            self._tagger = self.model.tagger()
        learned = set(self.model.learned_types)
        old = doc.layers.get("entities", [])
        kept = [e for e in old if e.label not in learned]
        bundled = _bundled(doc)
        for tokens in _sentences(doc):
            words = _words(doc, tokens)
            labels = self._tagger.tag(_features(words, _bio(tokens, bundled, NAME_TYPES)))
            # a bundled entity on the same tokens with the same type keeps its span and attributes
            by_tokens = {}
            for e in old:
                at = [i for i, t in enumerate(tokens) if t.start < e.end and e.start < t.end]
                if at:
                    by_tokens[(at[0], at[-1], e.label)] = e
            for first, last, label in _runs(labels):
                same = by_tokens.get((first, last, label))
                if same is not None:
                    kept.append(same)
                else:
                    start, end = _base(tokens[first]), tokens[last].end
                    kept.append(Span(start, end, label, {"origin": "project-model"}))
        doc.set_layer("entities", kept)
        return doc


def _runs(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """The BIO runs of a label sequence: (first token, last token, type)."""
    out: list[tuple[int, int, str]] = []
    first, kind = -1, ""
    for i, lab in enumerate([*labels, "O"]):
        inside = lab.startswith("I-") and first >= 0 and lab[2:] == kind
        if first >= 0 and not inside:
            out.append((first, i - 1, kind))
            first = -1
        if lab.startswith(("B-", "I-")) and not inside:
            first, kind = i, lab[2:]
    return out
