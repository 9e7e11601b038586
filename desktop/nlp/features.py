"""Token features for the CRF named-entity tagger (shared by training and tagging).

Every feature of a word that does not depend on its neighbours (normalized form, affixes, clitic-
stripped forms, shape, lexicon membership, distributional cluster ids) is computed once per word
type and cached, together with the short "context" lists the word contributes to its neighbours at
offsets -2..+2. Extracting a sentence is then mostly list concatenation, which keeps tagging fast.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from desktop.text.normalize import normalize_word

# Proclitic sequences (normalized spelling), longest first; the article is handled separately.
PROCLITICS = (
    "وبال", "وكال", "وفال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل",
    "وب", "ول", "وك", "فب", "فل", "فك", "وس", "و", "ف", "ب", "ل", "ك",
)
# Trigger words (normalized, article included where usual) that often precede or open an entity.
TRIGGERS: dict[str, str] = {}
for _cls, _words in {
    "PT": "السيد السيده الرئيس رئيس الرئيسه الوزير وزير الوزيره الملك الملكه الامير الاميره الشيخ "
          "الشيخه الزعيم القائد العقيد العميد اللواء الفريق المشير النقيب الرائد الجنرال الدكتور "
          "د الاستاذ المهندس الحاج الامام البابا المستشار النائب المتحدث السفير المبعوث الناطق "
          "المرشح المدرب اللاعب الكاتب الشاعر الفنان المطرب الصحفي الاعلامي المدير نائب السناتور "
          "القاضي المحامي السلطان العاهل ولي الشهيد المواطن الطفل الفقيد ابن بن ابو ام بنت",
    "LT": "مدينه محافظه قريه بلده ولايه منطقه اقليم اقيم جزيره جزر بحر نهر جبل مطار ميناء "
          "عاصمه العاصمه دوله مخيم حي شارع ساحه مقاطعه ناحيه قضاء بحيره خليج وادي صحراء",
    "OT": "وزاره الوزاره شركه الشركه جامعه الجامعه حزب الحزب تنظيم التنظيم جبهه الجبهه قوات "
          "القوات وكاله الوكاله صحيفه الصحيفه جريده مجلس المجلس منظمه المنظمه حركه الحركه "
          "جمعيه الجمعيه اتحاد الاتحاد هيئه الهيئه بنك البنك مصرف نادي النادي مؤسسه المؤسسه "
          "مجموعه لجنه اللجنه معهد المعهد مركز المركز قناه القناه اذاعه الاذاعه محكمه المحكمه "
          "جيش الجيش كتائب كتيبه لواء فيلق ائتلاف الائتلاف تحالف التحالف برلمان البرلمان",
    "VT": "قال اعلن اكد صرح اضاف اوضح قالت اعلنت اكدت صرحت اضافت اوضحت ذكر ذكرت افاد افادت "
          "بحث التقي استقبل زار غادر وصل",
}.items():
    for _w in _words.split():
        TRIGGERS.setdefault(_w, _cls)


DOC_WINDOW = 10


# Word types whose features are kept; past this the cache starts again (about 150 MB at most).
_CACHE_WORDS = 60_000

class Resources:
    """Lexicons and word clusters the features read; all keys are normalized words."""

    def __init__(self, clusters: dict[str, tuple[str, ...]], names: frozenset[str]) -> None:
        self.clusters = clusters  # in the file's order: most frequent word first
        self.names = names
        self.rank = {w: i for i, w in enumerate(clusters)}

    @classmethod
    def load(cls, folder: Path) -> Resources:
        """Read `clusters.tsv` and `names.txt` from `folder` (missing files mean no such features)."""
        clusters: dict[str, tuple[str, ...]] = {}
        path = folder / "clusters.tsv"
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("#"):
                        continue
                    word, _, rest = line.rstrip("\n").partition("\t")
                    clusters[word] = tuple(rest.split("\t"))
        names: frozenset[str] = frozenset()
        path = folder / "names.txt"
        if path.exists():
            names = frozenset(w for w in path.read_text(encoding="utf-8").split() if w)
        return cls(clusters, names)


_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


def _is_arabic(word: str) -> bool:
    return _ARABIC_LETTER.search(word) is not None


def _shape(word: str) -> str:
    if word.isdigit():
        return "D"
    if any(ch.isdigit() for ch in word):
        return "d"
    if not any(ch.isalnum() for ch in word):
        return "P"
    if _is_arabic(word):
        return "A"
    if word.isascii():
        return "Lu" if word[:1].isupper() else "L"
    return "X"


class FeatureExtractor:
    """Turns a sentence of surface tokens into CRF attribute lists, caching per-word features."""

    def __init__(self, resources: Resources) -> None:
        self.res = resources
        # word -> (own features, [features it gives to the token at offset -2, -1, +1, +2], key)
        self._cache: dict[str, tuple[list[str], tuple[list[str], ...], str]] = {}
        # word -> (stem used as the document key or "" for frequent words, left atoms, right atoms)
        self._doc_cache: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}

    def _strip(self, w: str) -> tuple[str, str]:
        """(proclitics removed, proclitics and article removed), preferring known stems."""
        known = self.res.clusters
        stem = w
        for p in PROCLITICS:
            if w.startswith(p) and len(w) - len(p) >= 2:
                cand = w[len(p):]
                if p in ("لل", "ولل", "فلل"):
                    cand = "ال" + cand
                if cand in known or not known:
                    stem = cand
                    break
        core = stem[2:] if stem.startswith("ال") and len(stem) >= 5 else stem
        return stem, core

    def _word(self, token: str) -> tuple[list[str], tuple[list[str], ...], str]:
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        w = normalize_word(token) or token
        if w.isascii():
            w = w.lower()
        stem, core = self._strip(w)
        shape = _shape(w)
        own = [
            "bias",
            "w=" + w,
            "st=" + stem,
            "co=" + core,
            "sh=" + shape,
            "ln=" + str(min(len(w), 8)),
        ]
        if len(w) > 1:
            for n in (1, 2, 3, 4):
                if len(w) > n:
                    own.append(f"p{n}=" + w[:n])
                    own.append(f"s{n}=" + w[-n:])
            if len(core) > 3 and core != w:
                own.append("cs2=" + core[-2:])
                own.append("cp2=" + core[:2])
        if w.startswith("ال"):
            own.append("al")
        if core.endswith(("ي", "يه", "يون", "يين", "يات")) and len(core) >= 4:
            own.append("nisba")
        if token[:1].isupper():
            own.append("cap")
        ctx: list[str] = ["w=" + w, "st=" + stem]
        rank = self.res.rank.get(w)
        if rank is None:
            own.append("fq=oov")
        else:
            own.append("fq=" + ("1" if rank < 300 else "2" if rank < 3000 else "3" if rank < 15000 else "4"))
        names = self.res.names
        if w in names or stem in names or core in names:
            flag = "nameF" if rank is not None and rank < 3000 else "name" if w in names else "nameS"
            own.append(flag)
            ctx.append(flag)
        trig = TRIGGERS.get(w) or TRIGGERS.get(stem) or TRIGGERS.get(core)
        if trig:
            own.append("tr=" + trig)
            ctx.append("tr=" + trig)
        cl = self.res.clusters.get(w)
        src = "c"
        if cl is None:
            cl = self.res.clusters.get(stem) or self.res.clusters.get(core)
            src = "k"
        if cl is None:
            own.append("c=none")
            ctx.append("c=none")
        else:
            for i, cid in enumerate(cl):
                own.append(f"{src}{i}={cid}")
                ctx.append(f"c{i}={cid}")
        if src == "c" and stem != w:
            scl = self.res.clusters.get(stem)
            if scl is not None:
                for i, cid in enumerate(scl):
                    own.append(f"k{i}={cid}")
        if shape != "A":
            ctx.append("sh=" + shape)
        ctxs = (
            ["-2" + f for f in ctx],
            ["-1" + f for f in ctx] + ["-1co=" + core, "-1s2=" + w[-2:]],
            ["+1" + f for f in ctx] + ["+1co=" + core, "+1s2=" + w[-2:]],
            ["+2" + f for f in ctx],
        )
        out = (own, ctxs, w)
        if len(self._cache) >= _CACHE_WORDS:
            self._cache.clear()  # bounded: a long batch must not grow a worker without limit
        self._cache[token] = out
        return out

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Attribute lists for each token of one sentence."""
        words = [self._word(t) for t in tokens]
        n = len(words)
        out: list[list[str]] = []
        for i, (own, _ctx, key) in enumerate(words):
            feats = list(own)
            if i >= 2:
                feats += words[i - 2][1][0]
            else:
                feats.append("-2BOS" if i == 1 else "-2none")
            if i >= 1:
                prev = words[i - 1][2]
                feats += words[i - 1][1][1]
                feats.append("bl=" + prev + "|" + key)
            else:
                feats.append("BOS")
            if i + 1 < n:
                feats += words[i + 1][1][2]
                feats.append("br=" + key + "|" + words[i + 1][2])
            else:
                feats.append("EOS")
            if i + 2 < n:
                feats += words[i + 2][1][3]
            out.append(feats)
        return out

    def _doc_word(self, token: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """(document key, evidence it gives its right neighbour, evidence it gives its left one)."""
        hit = self._doc_cache.get(token)
        if hit is not None:
            return hit
        w = self._word(token)[2]
        stem, core = self._strip(w)
        rank = self.res.rank.get(w)
        frequent = rank is not None and rank < 300
        key = "" if frequent or len(core) < 2 or not (_is_arabic(w) or w.isalpha()) else core
        trig = TRIGGERS.get(w) or TRIGGERS.get(stem) or TRIGGERS.get(core)
        cl = self.res.clusters.get(w) or self.res.clusters.get(stem)
        atoms: list[str] = []
        if trig:
            atoms.append("t" + trig)
        if cl is not None:
            atoms.append("c" + cl[0])
        if rank is not None and rank < 300:
            atoms.append("w" + w)
        left = tuple("dL" + a for a in atoms)  # this word is the left neighbour of the keyed word
        right = tuple("dR" + a for a in atoms)
        out = (key, left, right)
        if len(self._doc_cache) >= _CACHE_WORDS:
            self._doc_cache.clear()
        self._doc_cache[token] = out
        return out

    def document(self, sents: Sequence[Sequence[str]], window: int = DOC_WINDOW) -> list[list[list[str]]]:
        """Attribute lists for a run of consecutive sentences (an article), with document evidence.

        Besides the sentence features, every token gets the contexts its normalized stem has in the
        other sentences within `window` sentences on either side: trigger class and coarse cluster
        of the word before and after each other occurrence (a name seen after "President" elsewhere
        in the article is a person here too).
        """
        evidence: list[dict[str, set[str]]] = []
        for sent in sents:
            info = [self._doc_word(t) for t in sent]
            ev: dict[str, set[str]] = {}
            for i, (key, _l, _r) in enumerate(info):
                if not key:
                    continue
                bag = ev.setdefault(key, set())
                if i > 0:
                    bag.update(info[i - 1][1])
                else:
                    bag.add("dLBOS")
                if i + 1 < len(info):
                    bag.update(info[i + 1][2])
            evidence.append(ev)
        out: list[list[list[str]]] = []
        for si, sent in enumerate(sents):
            feats = self.sentence(sent)
            lo, hi = max(0, si - window), min(len(sents), si + window + 1)
            others = [evidence[j] for j in range(lo, hi) if j != si]
            for ti, tok in enumerate(sent):
                key = self._doc_word(tok)[0]
                if not key:
                    continue
                found: set[str] = set()
                seen = False
                for ev in others:
                    hit = ev.get(key)
                    if hit is not None:
                        found |= hit
                        seen = True
                if seen:
                    feats[ti].append("dseen")
                    feats[ti].extend(sorted(found))
            out.append(feats)
        return out
