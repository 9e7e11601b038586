"""Tests for the bundled neural NER tagger (ONNX network + numpy CRF; uses only the committed model)."""

from __future__ import annotations

import itertools
import subprocess
import sys
import time

import numpy as np
import pytest

pytest.importorskip("onnxruntime")

from ner_tags import entities, valid_bio

from desktop.nlp.neural_ner import (
    MODEL_DIR,
    MODEL_FILE,
    VOCAB_FILE,
    NeuralTagger,
    get_neural_tagger,
    marginals,
    viterbi,
)

SENTENCES = [
    "قال الرئيس السوري بشار الأسد في دمشق إن الجيش سيواصل عملياته قرب حلب .",
    "وصل وزير الخارجية الأمريكي جون كيري إلى بغداد أمس في زيارة لم يعلن عنها .",
    "أعلنت وزارة الدفاع الروسية أن طائراتها قصفت مواقع في ريف حلب .",
    "التقى الملك عبد الله الثاني في عمان رئيس الوزراء البريطاني .",
]


@pytest.fixture(scope="module")
def tagger() -> NeuralTagger:
    return get_neural_tagger()


def test_model_files_are_small() -> None:
    size = sum((MODEL_DIR / name).stat().st_size for name in (MODEL_FILE, VOCAB_FILE))
    assert size < 50 * 1024 * 1024


def test_runtime_does_not_import_torch_or_qt() -> None:
    code = (
        "import sys; from desktop.nlp.neural_ner import NeuralTagger; "
        "NeuralTagger.load().tag(['في', 'دمشق']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'torch', 'PySide6'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=MODEL_DIR.parent.parent)
    assert out.stdout.strip() == "[]"


def test_finds_person_and_place(tagger: NeuralTagger) -> None:
    tokens = SENTENCES[0].split()
    ents = entities(tokens, tagger.tag(tokens))
    assert ("PERS", "بشار الأسد") in ents
    assert ("LOC", "دمشق") in ents


def test_finds_capital_city(tagger: NeuralTagger) -> None:
    tokens = SENTENCES[1].split()
    assert ("LOC", "بغداد") in entities(tokens, tagger.tag(tokens))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_one_valid_tag_per_token(tagger: NeuralTagger, sentence: str) -> None:
    tokens = sentence.split()
    tags = tagger.tag(tokens)
    assert len(tags) == len(tokens)
    assert valid_bio(tags)


def test_empty_input(tagger: NeuralTagger) -> None:
    assert tagger.tag([]) == []
    assert tagger.tag_with_confidence([]) == []
    assert tagger.tag_sentences([]) == []
    assert tagger.tag_sentences([[], ["دمشق"], []]) == [[], tagger.tag(["دمشق"]), []]


def test_batch_equals_single(tagger: NeuralTagger) -> None:
    sents = [s.split() for s in SENTENCES] + [["بغداد"], ["x"] * 3, "في حلب".split()]
    batched = tagger.tag_sentences(sents)
    assert batched == [tagger.tag(s) for s in sents]


def test_odd_tokens(tagger: NeuralTagger) -> None:
    tokens = ["", " ", "١٢٣", "ISIS", "...", "؟", "الْمَوْصِلِ", "ـــ", "🙂", "و" * 60]
    tags = tagger.tag(tokens)
    assert len(tags) == len(tokens)
    assert valid_bio(tags)


def test_confidence(tagger: NeuralTagger) -> None:
    tokens = SENTENCES[0].split()
    scored = tagger.tag_with_confidence(tokens)
    assert [t for t, _ in scored] == tagger.tag(tokens)
    assert all(0.0 <= p <= 1.0 + 1e-6 for _, p in scored)
    assert sum(p for _, p in scored) / len(scored) > 0.5


def test_marginals_sum_to_one() -> None:
    rng = np.random.default_rng(0)
    em = rng.normal(size=(5, 4))
    trans = rng.normal(size=(4, 4))
    probs = marginals(em, trans, np.zeros(4), np.zeros(4))
    assert np.allclose(probs.sum(axis=1), 1.0)
    # Viterbi's path is the argmax of the brute-force path scores.
    best = viterbi(em[None].astype(np.float32), np.array([5]), trans, np.zeros(4), np.zeros(4))[0]
    def path_score(p: tuple[int, ...]) -> float:
        return float(em[0, p[0]] + sum(trans[p[i - 1], p[i]] + em[i, p[i]] for i in range(1, 5)))

    brute = max(itertools.product(range(4), repeat=5), key=path_score)
    assert tuple(best) == brute


def test_speed(tagger: NeuralTagger) -> None:
    sents = [s.split() for s in SENTENCES] * 100
    n = sum(len(s) for s in sents)
    t0 = time.perf_counter()
    tagger.tag_sentences(sents)
    rate = n / (time.perf_counter() - t0)
    assert rate > 2000  # ~20-40k tokens/s on an idle core; loose for loaded CI machines


def test_document_mode(tagger: NeuralTagger) -> None:
    sents = [s.split() for s in SENTENCES] + [[], "وقال كيري إن بغداد ستشارك".split()]
    doc = tagger.tag_sentences(sents, document=True)
    assert [len(t) for t in doc] == [len(s) for s in sents]
    assert all(valid_bio(t) for t in doc)


def test_propagate_tags_recurrences(tagger: NeuralTagger) -> None:
    sents = [["وصل", "جون", "كيري", "أمس"], ["ثم", "غادر", "جون", "كيري"]]
    tags = [["O", "B-PERS", "I-PERS", "O"], ["O", "O", "O", "O"]]
    assert tagger.propagate(sents, tags)[1] == ["O", "O", "B-PERS", "I-PERS"]
    assert tags[1] == ["O", "O", "O", "O"]  # the input is not modified
