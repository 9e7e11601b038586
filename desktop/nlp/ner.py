"""Statistical Arabic named-entity tagger: a CRF (python-crfsuite) over cached word features.

The model (`resources/models/ner.crfsuite`, built by `scripts/train_ner.py`) uses the ANERcorp tag
set in BIO form: B-/I- PERS, LOC, ORG, MISC, and O. Its feature resources (word clusters and the
name list) sit in the same folder. No torch, no GUI imports: safe for worker processes.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from desktop.errors import ResourceError
from desktop.nlp.features import FeatureExtractor, Resources
from desktop.resources import resource_path

ENTITY_TYPES = ("PERS", "LOC", "ORG", "MISC")
VALID_TAGS = frozenset(["O"] + [f"{b}-{t}" for t in ENTITY_TYPES for b in "BI"])


def _repair(tags: list[str]) -> list[str]:
    """Make the sequence valid BIO: an I- tag that does not continue its type becomes B-."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag not in VALID_TAGS:
            tag = "O"
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


class NerTagger:
    """Tags tokenized sentences with PERS/LOC/ORG/MISC entities (BIO)."""

    def __init__(
        self, tagger: pycrfsuite.Tagger, features: FeatureExtractor, path: Path, document: bool = True
    ) -> None:
        self._tagger = tagger
        self._features = features
        self._document = document
        self.path = path

    @classmethod
    def load(cls, path: Path | None = None) -> NerTagger:
        """Open the model at `path` (default: the bundled model) and its feature resources."""
        if path is None:
            path = resource_path("models", "ner.crfsuite")
        if not path.exists():
            raise ResourceError(f"The named-entity model {path.name} is missing; reinstall Rasid.")
        tagger = pycrfsuite.Tagger()
        try:
            tagger.open(str(path))
        except (OSError, ValueError) as exc:
            raise ResourceError(f"The named-entity model {path.name} is damaged; reinstall Rasid.") from exc
        document = True
        manifest = path.parent / "manifest.json"
        if manifest.exists():
            with contextlib.suppress(OSError, ValueError):
                info = json.loads(manifest.read_text(encoding="utf-8"))
                document = bool(info.get("document_features", True))
        return cls(tagger, FeatureExtractor(Resources.load(path.parent)), path, document)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags for one sentence of surface tokens (same length as `tokens`)."""
        if not tokens:
            return []
        tags: list[str] = self._tagger.tag(self._features.sentence(tokens))
        return _repair(tags)

    def tag_sentences(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for each sentence of one article, in reading order.

        The sentences are tagged together: a word also gets the contexts it has in the neighbouring
        sentences (see `FeatureExtractor.document`), which makes the tags of a name consistent across
        the article. Pass the sentences of one article at a time.
        """
        if self._document:
            xs = self._features.document(sents)
        else:
            xs = [self._features.sentence(s) for s in sents]
        return [_repair(self._tagger.tag(x)) if x else [] for x in xs]

    def tag_document_with_confidence(self, sents: Sequence[Sequence[str]]) -> list[list[tuple[str, float]]]:
        """(tag, marginal probability) per token for the sentences of one article, tagged together."""
        xs = self._features.document(sents) if self._document else [self._features.sentence(s) for s in sents]
        out: list[list[tuple[str, float]]] = []
        for x in xs:
            if not x:
                out.append([])
                continue
            raw: list[str] = self._tagger.tag(x)
            probs = [float(self._tagger.marginal(tag, i)) for i, tag in enumerate(raw)]
            out.append(list(zip(_repair(raw), probs, strict=True)))
        return out

    def tag_with_confidence(self, tokens: Sequence[str]) -> list[tuple[str, float]]:
        """(tag, marginal probability of the CRF's chosen tag) for each token."""
        if not tokens:
            return []
        raw: list[str] = self._tagger.tag(self._features.sentence(tokens))
        probs = [float(self._tagger.marginal(tag, i)) for i, tag in enumerate(raw)]
        return list(zip(_repair(raw), probs, strict=True))


@lru_cache(maxsize=1)
def get_tagger() -> NerTagger:
    """The shared tagger with the bundled model, loaded on first use."""
    return NerTagger.load()
