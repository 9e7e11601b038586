"""Proclitic segmentation: و ف ب ل ك س, the article ال and the لل contraction, as offsets in a token.

`وبالموصل` splits into و + ب + الموصل (base `الموصل`, core `موصل`); `لقسد` into ل + قسد; `بغداد`,
`لبنان`, `كركوك`, `فلسطين` stay whole. The decision uses evidence rather than letters alone:
- a proclitic followed by the article (`وال`, `بال`, `فال`, `كال`, `لل`) is split whenever the rest
  is a plausible word (two letters or more after ال);
- otherwise the remainder must be a known word: frequent enough in the bundled word counts (derived
  from the ANT corpus, see resources/lexicons/README.md) relative to the whole form, or a name in a
  lexicon registered with `add_names` (places, actors), and the whole form must not itself be a
  known name or a closed-class word (`كما`, `لكن`, `بين`, ...).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from desktop.resources import resource_path
from desktop.text.normalize import TATWEEL, normalize, normalize_word

log = logging.getLogger(__name__)

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"
# Imperfect-verb prefixes that may follow the future marker س.
_IMPERFECT = ("ي", "ت", "ن", "ا")

# Closed-class words that begin with a proclitic letter but are not split.
UNSPLIT = frozenset(
    """كما كان كانت كانوا لكن لكنه لكنها لكن ولكن بل بين بعد بعض بسبب بشكل بما لما لم لن لا لدى لدي
    لقد لذلك لهذا لهذه لذا لان لأن كل كلا كلما كذلك كيف لو لولا له لها لهم لهما لنا لك لكم به بها
    بهم بنا بك بكم فيه فيها فيهم في فقط فان فإن ولا وهو وهي وهم كي لدي بدون بحسب بحيث بخلاف بينما
    بلا بنحو لدى لصالح لمدة لصالح ليس ليست ليل ليلة لحظة لجنة لواء لبنان لندن لاجئ لاجئين بلد بلاد
    بلدة بلدية بيان بيت بيروت بغداد بنغازي كركوك فلسطين بريطانيا بلجيكا فرنسا كندا كوبا بنك بطل
    برلمان فريق فصيل فرع فرقة فوج كتيبة كتائب ولاية وزير وزارة وزراء وكالة وسط وفد وفق وفاة وقت وضع
    واقع واشنطن وادي ولد""".split()
)

_MIN_COUNT = 3  # a remainder seen fewer times than this is not evidence of a word
_RATIO = {"و": 0.15, "ف": 0.3, "ب": 0.5, "ل": 0.5, "ك": 1.0, "س": 0.5}


@dataclass(frozen=True, slots=True)
class Segmentation:
    """Offsets inside a token (code points of the original token text).

    `base` is where the word starts after its proclitics (keeping ال, or the ل of a لل contraction);
    `core` is where it starts after the article too. `prefix` is the normalized proclitic string.
    """

    base: int
    core: int
    prefix: str
    definite: bool


NO_SPLIT = Segmentation(0, 0, "", False)


class CliticSegmenter:
    """Splits proclitics off Arabic word tokens using word counts and name lexicons."""

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._names: set[str] = set()
        self._cache: dict[str, Segmentation] = {}
        self._unsplit = frozenset(normalize_word(w) for w in UNSPLIT)

    @classmethod
    def load(cls) -> CliticSegmenter:
        counts: dict[str, int] = {}
        path = resource_path("lexicons", "wordfreq.tsv")
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                word, _, count = line.rstrip("\n").partition("\t")
                counts[word] = int(count)
        return cls(counts)

    def add_names(self, names: set[str] | frozenset[str]) -> None:
        """Register normalized single-word names (places, actors) as known words."""
        self._names.update(n for n in names if " " not in n)
        self._cache.clear()

    def count(self, word: str) -> int:
        return self._counts.get(word, 0)

    def known(self, word: str) -> bool:
        return word in self._names or self._counts.get(word, 0) >= _MIN_COUNT

    def segment(self, token: str) -> Segmentation:
        """Segmentation of one token as written (diacritics and tatweel allowed)."""
        hit = self._cache.get(token)
        if hit is None:
            hit = self._segment(token)
            if len(self._cache) >= 200_000:
                self._cache.clear()  # bounded, so that a long batch keeps a steady footprint
            self._cache[token] = hit
        return hit

    def _segment(self, token: str) -> Segmentation:
        norm = normalize(token)
        word = norm.text
        n_prefix = self._split_normalized(word)
        if n_prefix == 0 and len(token) > 2 and token[1] == TATWEEL and word[:1] in "وفبلك" and len(word) > 2:
            n_prefix = 1  # `لـقسد`: a tatweel after the letter marks it as a separate clitic
        if n_prefix == 0 and not word.startswith(ARTICLE):
            return NO_SPLIT
        prefix = word[:n_prefix]
        rest = word[n_prefix:]
        definite = False
        n_core = n_prefix
        if prefix.endswith("ل") and rest.startswith("ل"):
            # لل contraction: the second ل is the article's.
            definite = True
            n_core = n_prefix + 1
        elif rest.startswith(ARTICLE) and len(rest) >= 4:
            definite = True
            n_core = n_prefix + 2
        base = norm.to_original(n_prefix) if n_prefix < len(word) else len(token)
        core = norm.to_original(n_core) if n_core < len(word) else len(token)
        return Segmentation(base, core, prefix, definite)

    def _split_normalized(self, word: str) -> int:
        """Number of normalized leading characters that are proclitics."""
        if len(word) < 3 or word in self._unsplit or word in self._names:
            return 0
        best = 0
        for n, letters in _candidates(word):
            rest = word[n:]
            if self._accept(word, letters, rest):
                best = n
        return best

    def _accept(self, word: str, letters: str, rest: str) -> bool:
        if rest.startswith(ARTICLE):
            return len(rest) >= 4 and letters[-1] != "س"
        if letters.endswith("ل") and rest.startswith("ل") and len(rest) >= 3:
            # لل + noun: the definite form is the known word.
            return self.known("ا" + rest) or self.known(rest[1:])
        if len(rest) < 2:
            return False
        if letters.endswith("س") and (not rest.startswith(_IMPERFECT) or len(rest) < 4):
            return False
        if rest in self._names:
            return True
        rest_count = self.count(rest)
        if rest_count < _MIN_COUNT or (len(rest) == 2 and rest_count < 50):
            return False
        return rest_count >= _RATIO[letters[-1]] * self.count(word)


def _candidates(word: str) -> list[tuple[int, str]]:
    """Possible proclitic prefixes of a normalized word, shortest first: (length, letters)."""
    out: list[tuple[int, str]] = []
    i = 0
    letters = ""
    if word[0] in CONJUNCTIONS:
        i, letters = 1, word[0]
        out.append((i, letters))
    if len(word) > i and word[i] in PREPOSITIONS:
        out.append((i + 1, letters + word[i]))
    elif len(word) > i and word[i] == "س" and letters:
        out.append((i + 1, letters + "س"))
    if not letters and word[0] == "س":
        out.append((1, "س"))
    return out


@lru_cache(maxsize=1)
def get_segmenter() -> CliticSegmenter:
    """The shared segmenter (word counts loaded once per process)."""
    return CliticSegmenter.load()
