"""The entity stage: PER, ORG, LOC, WEAPON spans from the NER model, the gazetteers and rules.

- Gazetteer matching: longest match over token windows; the first token is looked up without its
  proclitics (`وبالموصل` -> `الموصل`), a `لل` contraction with its article restored (`للتحالف` ->
  `التحالف`). Linked spans carry the canonical id and name, places their coordinates, admin1 and
  country, actors their ACLED inter code.
- The statistical model (`desktop.nlp.ner`) tags each sentence; its chunks are trimmed of proclitics
  and linked to the gazetteers when their text is a known name.
- Resolution: overlapping spans keep the longest (a name inside a longer name is not emitted twice);
  on equal spans a linked gazetteer entry beats the model, except that a person found by the model
  beats an ambiguous (weak) place or actor key.
Every entity has `origin` (gazetteer, model, rule) and a `confidence`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from desktop.document import Document, Span
from desktop.nlp import entity_rules as er
from desktop.nlp.gazetteer import Actor, Entry, Gazetteers, Place, Weapon, load_gazetteers
from desktop.rules import EntityDrop, Trace
from desktop.text.normalize import normalize_word
from desktop.text.segment import base_start

log = logging.getLogger(__name__)

MODEL_TYPES = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
_WORD_LABELS = frozenset({"ar", "latin", "num"})


# Cue words before a place name that license an ambiguous (weak) key.
def _words(text: str) -> frozenset[str]:
    """The normalized forms of the space-separated words of `text` (a word list of the rules)."""
    return frozenset(normalize_word(w) for w in text.split())


_PLACE_CUES = _words(
    "مدينة بلدة قرية محافظة ولاية منطقة حي مخيم ريف مدينتي بلدتي قريتي مطار قاعدة حقل ناحية قضاء إقليم "
    "بمحافظة ببلدة بمدينة بقرية بمنطقة وبلدة ومدينة وقرية"
)
_ORDINAL_WORDS = _words(
    "الأولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة "
    "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر"
)
_PLURAL_ENDINGS = ("ين", "ون", "ات")
# Words the model sometimes takes for a name on their own.
_NOT_NAMES = _words(
    "الله قاعدة مزارع ميليشيا الريف ميدانيا عسكريا سياسيا أمنيا إقليميا دوليا محليا متنه متنها"
)
# Particles inside Arabic personal names.
_NAME_PARTICLES = _words("آل بن ابن بنت أبو أبي أم عبد")
_KUNYA = _words("أبو أم")
# Relatives after ابن/بنت (`ابن عمه`: his cousin): no name.
_KIN_NOUNS = _words("عم عمه عمها خال خاله خالها أخ أخي أخيه أخت أخته شقيق شقيقه")
# Military units and forces named by a number or a definite description: ORG.
_UNIT_NOUNS = _words("الفرقة اللواء الكتيبة الفيلق الفوج")
_UNIT_TAILS = _words("دبابات مدرعات مشاة مدفعية")
_ARMIES = _words("الجيش والجيش بالجيش للجيش القوات والقوات بالقوات للقوات الشرطة والشرطة الحرس والحرس")
_NATIONAL = _words("الوطني الوطنية")
_FORCES = _words("قوات وقوات بقوات لقوات")
# Nouns that head an institution's name (`entity.institution`): indefinite in construct ("وزارة
# الداخلية"), or definite before an adjective ("البرلمان العراقي").
_INSTITUTION_HEADS = _words(
    "وزارة مجلس محكمة هيئة لجنة مديرية إدارة حكومة بعثة منظمة رئاسة مكتب اتحاد جمعية نقابة "
    "مفوضية سفارة بلدية جامعة شرطة"
)
_DEFINITE_INSTITUTIONS = _words(
    "البرلمان الحكومة المحكمة اللجنة الاتحاد المجلس الهيئة الجمعية المنظمة المفوضية النيابة الرئاسة"
)
# Definite words that never continue a name: إلى (normalized الي), relatives, titles of people.
_NOT_IN_NAME = _words(
    "إلى الى التي الذي الذين اللذين اللتين والتي والذي الا الآن الان الرئيس النائب اللواء العميد العقيد "
    "الوزير الشيخ الأمير الملك السفير المتحدث القائد الناطق المستشار الدكتور السيد العمليه العملية البحث "
    "أنه بأنه لأنه وأنه المطار الفريق المشير العماد الرائد النقيب المقدم الملازم الرقيب"
)
_MAJOR_FEATURES = frozenset({"country", "admin1", "city"})
# Admin nouns inside an institution's name, before the place they name ("مجلس محافظة الأنبار").
_INSTITUTION_ADMIN = _words("محافظة ولاية منطقة إقليم مدينة")
# Definite words that end a name: times and days ("وزارة الداخلية اليوم").
_NAME_STOP = _words(
    "اليوم الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الماضي الماضية الحالي الجاري "
    "المقبل الأسبوع الشهر العام الليلة الصباح المساء الأخيرة الأخير السابق السابقة"
)
# Nouns that introduce a place name; facility nouns stay part of the name (`مخيم اليرموك`).
# Facility and landmark nouns stay part of the place's name (`مستشفى الرابطة`, `سجن صيدنايا`).
_FACILITY_NOUNS = _words(
    "مخيم مطار قاعدة حقل محطة مخيمي مستشفى مسجد جامع كنيسة كاتدرائية معسكر سجن حاجز ميناء فندق شارع "
    "سوق متحف جسر سد معبر ملعب سفارة قنصلية جامعة مدرسة ساحة ميدان مفرق دوار جبل تل تلة وادي"
)
_PLACE_NOUNS = _words(
    "بلدة قرية مدينة منطقة حي ناحية ضاحية بلدتي قريتي مدينتي منطقتي حيي قرى بلدات مدن مناطق أحياء"
) | _FACILITY_NOUNS
# Nouns of administrative units, whose names the gazetteers mostly know (`ولاية سليانة`).
_ADMIN_NOUNS = _words("ولاية إقليم مديرية محافظة قضاء")
# Nouns after which a name follows directly, never through a preposition (`ولاية لوغار`).
_NAMING_NOUNS = (_PLACE_NOUNS | _ADMIN_NOUNS) - _FACILITY_NOUNS
# Place nouns alone (with their proclitics and article stripped) name no place: `وبلدات`, `المدينتين`.
_BARE_PLACE_NOUNS = _words(
    "بلدة قرية مدينة منطقة حي ناحية ضاحية مخيم بلدتي قريتي مدينتي منطقتي بلدتين قريتين مدينتين منطقتين "
    "قرى بلدات مدن مناطق أحياء مخيمات ضواحي أرياف"
)
# Kinship words that start a place's name after a place noun (`مدينة بن عروس`, `بلدة بني وليد`).
_KIN_PLACE_WORDS = _words("بن بني ابن أبو أم")
# Generic heads of construct toponyms (عين الخضرة، دار سعد، إمام رضا): after a place noun, the head and
# the word after it are one name even when both are common words.
_TOPONYM_HEADS = _words("عين بئر بير رأس دار باب كفر بيت دير خان قصر سيدي إمام")
_VERY_COMMON = 1000  # corpus count from which a word is a function or everyday word, never a name part
# Words that describe a name rather than belong to it (`الحميدية القريبة`, `داعش الإرهابي`).
_DESCRIPTIVE_TAILS = _words(
    "القريب القريبة المجاور المجاورة المحاذي المحاذية المطل المطلة المحتل المحتلة المحاصر المحاصرة "
    "الموالي الموالية الموالين المدعوم المدعومة المساندة التابع التابعة المعروف المعروفة المعترف "
    "الإرهابي الإرهابية الارهابي الارهابية الاستراتيجي الاستراتيجية الشقيق الشقيقة المنكوبة "
    "التي الذي الذين اللذين اللتين اللواتي"
)
# Religious formulas after a name (`رحمه الله`): (first word, second word), normalized.
_FORMULAS = frozenset(
    (normalize_word(a), normalize_word(b))
    for a, b in (
        ("رحمه", "الله"), ("رحمها", "الله"), ("رحمهم", "الله"), ("يرحمه", "الله"), ("حفظه", "الله"),
        ("حفظها", "الله"), ("حفظهم", "الله"), ("رضي", "الله"), ("صلى", "الله"), ("عليه", "السلام"),
        ("عليها", "السلام"), ("عليهم", "السلام"), ("عز", "وجل"), ("جل", "جلاله"), ("قدس", "سره"),
        ("سبحانه", "وتعالى"), ("غفر", "الله"), ("تغمده", "الله"),
    )
)  # fmt: skip
# Particles that govern a verb: the word after them is a verb (`أن يمن على`), not a name.
_VERB_PARTICLES = _words("أن لن لم كي لكي سوف")
# An imperfect verb with an object pronoun (`يؤمها`, `تقودهم`): never a name.
_VERB_WITH_OBJECT = re.compile(r"^[يت][\u0621-\u064a]{2,}(?:ها|هم|هما)$")
# Facilities named after a place (`مطار بغداد`, `مخيم جنين`, `شارع الجزائر`, `ملعب فرنسا`); other
# facility nouns before a city's name say where they are (`مسجد حمص`).
_CITY_FACILITIES = _words("مطار مخيم شارع ملعب سفارة قنصلية ساحة ميدان جامعة ميناء مفرق")
# Adjectives that are part of a facility's name (`قاعدة العند الجوية`, `مطار بغداد الدولي`).
_FACILITY_KINDS = _words("الجوية الجوي الدولي الدولية البحرية البحري العسكرية العسكري")
# Definite words after a facility noun that say whose or where it is, not its name (`مسجد القرية`).
_GENERIC_PLACE_WORDS = _words(
    "المدينة القرية البلدة المنطقة الحي المخيم المحافظة الولاية العاصمة الإقليم الحدود الجيش الشرطة "
    "الأمن الرئيسي الرئيسية المركزي المركزية الكبير الكبرى الجديد الجديدة القديم القديمة الجامعي "
    "العسكري العسكرية الدولي الميداني الحكومي الحكومية العام العامة المعسكر القاعدة المطار المسجد "
    "المستشفى السجن الأسهم الخضار الألغام النفط الغاز"
)
# Definite facility nouns that an adjective names (`الكنيسة المرقسية`, `السفارة الأمريكية`), with the
# honorifics that may follow (`الحرم النبوي الشريف`).
_NAMED_BY_ADJECTIVE = _words("كنيسة كاتدرائية كاتدرالية مسجد جامع حرم سفارة قنصلية")
_HONORIFIC_TAILS = _words("الشريف المقدس المقدسة")
_OPENING_MARKS = frozenset('("«“')
_CLOSING_MARKS = frozenset(')"»”')
# Direction adjectives are place names only after a cue (`الغربية` is also "western").
_DIRECTION_WORDS = _words("الشرقية الغربية الشمالية الجنوبية الوسطى الشرقي الغربي الشمالي الجنوبي")
# Prepositions after which a country adjective form (`سورية`) is the country, not "Syrian".
_PLACE_PREPOSITIONS = _words("في من إلى الى على عن داخل خارج نحو باتجاه و")
_ACTOR_CUES = _words(
    "تنظيم جماعة حركة قوات ميليشيا ميليشيات مليشيا فصيل فصائل عناصر مقاتلي مسلحي لواء كتائب حزب جبهة "
    "جيش وحدات الحشد مجلس ائتلاف"
)
_TITLES = _words(
    "الرئيس الوزير الملك الأمير الشيخ القيادي القائد المتحدث الناطق العميد اللواء العقيد المقدم الرائد "
    "النقيب الملازم الدكتور د السيد السيدة الصحفي الناشط المحلل الإعلامي المسؤول الجنرال المبعوث السفير "
    "الإمام المرشد زعيم رئيس وزير نائب مدير قائد المدعو الشهيد الراحل"
)
# Administrative head nouns are not part of a place's name (`بلدة الصبحة` -> `الصبحة`); facility
# heads are (`مطار كويرس`, `مخيم اليرموك`, `قاعدة العند`).
_ADMIN_HEADS = _words(
    "بلدة قرية مدينة محافظة ريف منطقة ناحية حي بلدتي قريتي مدينتي منطقتي حيي قضاء مركز بلدات قرى مدن "
    "مناطق أحياء العاصمة عاصمة ولاية إقليم"
)
_ORG_HEADS = _words("تنظيم ميليشيا مليشيا ميلشيا ميليشيات مليشيات جماعة عناصر مقاتلي مسلحي طائرات وكالة")
# Plural or collective heads that, with adjectives only, describe an actor rather than name one.
_DESCRIPTION_HEADS = _words(
    "الميليشيات المليشيات الميلشيات ميليشيات مليشيات فصائل الفصائل المعارضة مسلحي المسلحين "
    "عناصر مقاتلي المقاتلين الجماعات جماعات كتائب الكتائب"
)
_FORCE_HEADS = _words("قوات عناصر مقاتلي")
_AIRCRAFT_HEADS = _words("طيران الطيران طائرات الطائرات مقاتلات المقاتلات مروحيات المروحيات")
# Nouns that alone are no name (GUIDE: "الجيش", "التحالف" alone are generic).
_GENERIC_NOUNS = _words("التحالف النظام الأمن الجيش المعارضة الشرطة الاحتلال الحكومة")
_NISBA_TAIL = re.compile(r"^(?:ال)?[\u0621-\u064a]{3,}ي(?:ه)?$")
# Geographic heads dropped only when the rest is itself a known name (`نهر الفرات` -> `الفرات`).
_GEO_HEADS = _words("نهر جبل جبال")
# A single-word place name that is also this frequent a word needs a cue or the model's agreement.
_COMMON_WORD = 50
# Below this count in the word counts, a word after a place noun is taken for a name.
_RARE = 8


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    label: str
    origin: str
    confidence: float
    attrs: dict[str, Any]
    weak: bool = False
    places: tuple[Place, ...] = ()  # every gazetteer place of that name, best ranked first
    rules: list[str] = field(default_factory=list)  # ids of the entity rules that made and shaped it

    def by(self, rule_id: str) -> Candidate:
        """Record a rule that made or shaped the candidate (returns it, for chaining)."""
        if rule_id not in self.rules:
            self.rules.append(rule_id)
        return self

    def length(self) -> int:
        return self.end - self.start


# --- linking ------------------------------------------------------------------------------------


def place_attrs(place: Place) -> dict[str, Any]:
    return {
        "canonical_id": place.id,
        "canonical": place.name_ar,
        "name_en": place.name_en,
        "feature": place.feature,
        "lat": place.lat,
        "lon": place.lon,
        "admin1": place.admin1_ar or (place.name_ar if place.feature == "admin1" else None),
        "admin1_en": place.admin1_en or (place.name_en if place.feature == "admin1" else None),
        "country": place.country,
        "iso2": place.iso2,
        "population": place.population or None,
        "source": place.source or None,
    }


def actor_attrs(actor: Actor) -> dict[str, Any]:
    return {
        "generic": True if actor.id.startswith("gen-") else None,
        "canonical_id": actor.id,
        "canonical": actor.name_ar,
        "name_en": actor.name_en,
        "actor_id": actor.id,
        "inter": actor.inter,
        "actor_kind": actor.kind,
        "country": actor.country or None,
    }


def weapon_attrs(weapon: Weapon) -> dict[str, Any]:
    return {"canonical_id": weapon.id, "canonical": weapon.name_ar, "weapon_class": weapon.weapon_class}


def entry_candidate(entry: Entry, start: int, end: int, key: str, origin: str, conf: float) -> Candidate:
    kind, item = entry
    if kind == "place":
        assert isinstance(item, Place)
        return Candidate(start, end, "LOC", origin, conf, place_attrs(item), item.is_weak(key))
    if kind == "actor":
        assert isinstance(item, Actor)
        # Generic groups (`قوات الأمن`, `مسلحون مجهولون`) are actors but not named entities.
        label = (
            "ACTOR"
            if (item.id.startswith("gen-") and item.kind != "government") or item.id == "gen-govt"
            else "ORG"
        )
        return Candidate(start, end, label, origin, conf, actor_attrs(item), item.is_weak(key))
    assert isinstance(item, Weapon)
    return Candidate(start, end, "WEAPON", origin, conf, weapon_attrs(item))


# --- the stage ----------------------------------------------------------------------------------


class EntityRecognizer:
    """Combines gazetteer matches, the NER model and rules into entity spans."""

    def __init__(self, gazetteers: Gazetteers, use_model: bool = True) -> None:
        from desktop.text.clitics import get_segmenter

        self.gaz = gazetteers
        self.word_count = get_segmenter().count
        self.phrases = gazetteers.phrases()
        self.max_words = max((k.count(" ") + 1 for k in self.phrases), default=1)
        # First words of every phrase: a token whose keys start none is not tried as a window start.
        self.first_words = frozenset(k.split(" ", 1)[0] for k in self.phrases)
        self._tagger: Any = None
        self.use_model = use_model

    @property
    def tagger(self) -> Any:
        if self._tagger is None and self.use_model:
            from desktop.nlp.ner import get_tagger

            self._tagger = get_tagger()
        return self._tagger

    def __call__(self, doc: Document) -> Document:
        tokens = doc.layers.get("tokens", [])
        found: list[Candidate] = []
        drops: list[EntityDrop] = []

        def drop(c: Candidate, rule_id: str) -> None:
            drops.append(EntityDrop(c.start, c.end, c.label, rule_id))

        groups = [g for g in sentence_tokens(doc, tokens) if g]
        tagged_doc = (
            self.tagger.tag_document_with_confidence([[doc.text[t.start : t.end] for t in g] for g in groups])
            if self.use_model
            else [[] for _ in groups]
        )
        for sent_tokens, tagged in zip(groups, tagged_doc, strict=True):
            keys = [self._key(doc.text, t) for t in sent_tokens]
            gazetteer = self._gazetteer(doc.text, sent_tokens, keys)
            if tagged:
                _mark_model_doubt(gazetteer, sent_tokens, tagged)
            found.extend(gazetteer)
            found.extend(self._units(doc.text, sent_tokens, keys))
            found.extend(self._institutions(sent_tokens, keys))
            found.extend(self._person_pairs(doc.text, sent_tokens, keys))
            model = self._model(doc.text, sent_tokens, keys, tagged, drops) if self.use_model else []
            found.extend(model)
            # A name after a place noun is kept when it is a rare word or the model sees a place there.
            for c in self._place_nouns(doc.text, sent_tokens, keys):
                words = doc.text[c.start : c.end].split()
                name = words[1:] if c.attrs.get("facility") else words
                name = name[1:] if c.attrs.get("kin") and len(name) > 1 else name
                name_start = c.end - len(" ".join(name))
                rare = all(self.word_count(normalize_word(w)) < _RARE for w in name)
                # after a facility noun any model name over the words counts ("مستشفى الملك فهد")
                labels = ("LOC", "PER", "ORG") if c.attrs.get("facility") or c.attrs.get("kin") else ("LOC",)
                seen = any(m.label in labels and m.start < c.end and name_start < m.end for m in model)
                construct = c.attrs.pop("construct", False)
                known = c.attrs.pop("named_for", False) or construct or (
                    c.attrs.get("facility") and " ".join(normalize_word(w) for w in name) in self.phrases
                )
                if any(_VERB_WITH_OBJECT.match(normalize_word(w)) for w in name):
                    drop(c, er.NOT_A_NAME_VERB.id)  # "قرية يؤمها السياح": a verb, not a name
                elif rare or seen or known:
                    found.append(c)
                else:
                    drop(c, er.PLACE_NOUN_COMMON.id)
            found.extend(self._named_facilities(doc.text, sent_tokens, keys, model))
            found.extend(self._bracketed_places(doc.text, sent_tokens, keys))
            for c in gazetteer:
                if self._adjective_after_place_noun(c, sent_tokens, keys):
                    c.label = "DROP"
                    drop(c, er.PLACE_NOUN_ADJECTIVE.id)
                elif self._head_noun_hit(c, sent_tokens, keys):
                    c.label = "DROP"
                    drop(c, er.GAZETTEER_HEAD_NOUN.id)
        found.extend(self._media_names(doc.text))
        found.extend(self._datelines(doc.text))
        found = [c for c in found if c.label != "DROP"]
        # Dates and counts are not names; an ordinal may sit inside one (`الفرقة 11`, `الفرقة الرابعة`).
        taken = [*doc.layers.get("dates", ())]
        taken += [n for n in doc.layers.get("numbers", ()) if n.attrs.get("kind") != "ordinal"]
        kept = []
        for c in found:
            if any(c.start < t.end and t.start < c.end for t in taken):
                drop(c, er.NOT_DATE_OR_COUNT.id)
            else:
                kept.append(c)
        found = kept
        for c in found:
            self._trim_head(doc.text, tokens, c)
        for c in found:
            dropped_by = self._context_label(doc.text, c)
            if dropped_by is not None:
                drop(c, dropped_by)
        found = [c for c in found if c.label != "DROP"]
        resolved = self._resolve(found, drops)
        chosen = _family_names_win(doc.text, self._coherent(_disambiguate(resolved), drops))
        chosen += self._propagate(doc.text, tokens, chosen)
        chosen += _anaphors(doc.text, tokens, chosen)
        # A lone word that is never a name on its own ("الله" of "حفظه الله") is dropped last, after
        # every rule that could have produced it.
        final = []
        for c in chosen:
            dropped_by = _never_a_name(doc.text, c)
            if dropped_by is not None:
                drop(c, dropped_by)
            else:
                final.append(c)
        final.sort(key=lambda c: c.start)
        doc.set_layer("entities", [Span(c.start, c.end, c.label, self._attrs(c)) for c in final])
        if doc.trace is None:
            doc.trace = Trace(doc.text)
        doc.trace.entity_drops.extend(drops)
        doc.trace.entity_rules.update(r for c in final for r in c.rules)
        return doc

    @staticmethod
    def _coherent(cands: list[Candidate], drops: list[EntityDrop]) -> list[Candidate]:
        """Drop minor one-word places in countries the article otherwise never names.

        A GeoNames village called `الجيب` (West Bank) in an article about Deir ez-Zor is the word
        "pocket"; a village of the article's own country named the same way is more likely meant.
        """

        def minor(c: Candidate) -> bool:
            a = c.attrs
            return (
                c.label == "LOC"
                and c.origin in ("gazetteer", "model")
                and "canonical_id" in a
                and a.get("source") != "curated"
                and a.get("feature") not in ("country", "admin1", "city")
                and (a.get("population") or 0) < 100_000
                and " " not in a.get("canonical", "")
                and c.confidence >= 0.5
            )

        def doubted(c: Candidate) -> bool:
            return bool(c.attrs.get("model_o")) and not c.attrs.get("cued")

        strong = {c.attrs.get("iso2") for c in cands if c.label == "LOC" and not minor(c) and not doubted(c)}
        strong |= {c.attrs.get("iso2") for c in cands if c.label == "LOC" and c.attrs.get("cued")}
        kept = []
        for c in cands:
            if doubted(c) and c.attrs.get("iso2") not in strong:
                # "مسقط رأسه", "حماه الله": the model reads a word, no other place agrees
                drops.append(EntityDrop(c.start, c.end, c.label, er.COHERENT_MODEL_DOUBT.id))
                continue
            if not minor(c) or c.attrs.get("cued") or c.attrs.get("iso2") in strong:
                kept.append(c)
            elif c.origin == "model":
                # The model saw a place; only the link to a far-away namesake is doubtful.
                c.attrs = {k: v for k, v in c.attrs.items() if k in ("cued",)}
                kept.append(c.by(er.COHERENT_UNLINK.id))
            else:
                drops.append(EntityDrop(c.start, c.end, c.label, er.COHERENT_MINOR_PLACE.id))
        return kept

    def _person_pairs(self, text: str, tokens: Sequence[Span], keys: Sequence[str]) -> list[Candidate]:
        """A known first name and a definite family name or nisba: `علي الأحمدي` (PER even where
        the family name is also a town). `على` (the preposition) is told apart by its spelling."""
        out: list[Candidate] = []
        for i in range(len(tokens) - 1):
            first, last = tokens[i], tokens[i + 1]
            raw = text[first.start : first.end]
            if (
                first.label != "ar"
                or last.label != "ar"
                or raw.endswith("ى")
                or last.attrs.get("prefix", "")
                or not self.gaz.is_first_name(keys[i])
                or (self._is_common(keys[i]) and raw != "علي")  # "وأكد الأحمدي": a verb, not a name
                or (i > 0 and keys[i - 1] in _PLACE_CUES | _FACILITY_NOUNS)  # "محطة تشرين الحرارية"
                or not keys[i + 1].startswith("ال")
                or len(keys[i + 1]) < 5
                or not (self.gaz.is_last_name(keys[i + 1]) or _NISBA_TAIL.match(keys[i + 1]))
                or self._is_common(keys[i + 1])
            ):
                continue
            start = name_start(first)
            out.append(Candidate(start, last.end, "PER", "rule", 0.6, {}).by(er.PERSON_PAIR.id))
        return out

    def _with_pronoun(self, key: str) -> bool:
        """A word with an attached pronoun (`وأطرافها`، `وضواحيها`، `ومحيطهم`) that the gazetteers do not
        know: a noun referring back to the place before it, not another name."""
        return any(
            key.endswith(suffix) and len(key) - len(suffix) >= 3 for suffix in ("هما", "هم", "ها")
        ) and not self._known_place(key)

    def _head_noun_hit(self, c: Candidate, tokens: Sequence[Span], keys: Sequence[str]) -> bool:
        """A one-word gazetteer place that is itself a place or facility noun followed by a name
        (`منطقة مسجد النور`): the head of that name, not the village the gazetteer knows by the word."""
        i = _one_word_place(c, tokens)
        if i is None or i + 1 >= len(tokens) or tokens[i + 1].label != "ar":
            return False
        nxt = keys[i + 1]
        return (
            _cue_noun(keys[i], _PLACE_NOUNS) in _PLACE_NOUNS
            and not tokens[i + 1].attrs.get("prefix", "")
            and (nxt.startswith("ال") or self.word_count(nxt) < _VERY_COMMON)
            and nxt not in _DIRECTION_WORDS
            and nxt not in _DESCRIPTIVE_TAILS
        )

    def _adjective_after_place_noun(self, c: Candidate, tokens: Sequence[Span], keys: Sequence[str]) -> bool:
        """A one-word gazetteer place right after a place or facility noun that is a common word without
        the article: an adjective (`قاعدة جديدة`, `مستشفى ميداني`), not the village of that name."""
        i = _one_word_place(c, tokens)
        if i is None or i == 0 or tokens[i].attrs.get("prefix", ""):
            return False
        prev = keys[i - 1][1:] if keys[i - 1][:1] in "وفبل" else keys[i - 1]
        key = keys[i]
        return (
            (prev in _PLACE_NOUNS or keys[i - 1] in _PLACE_NOUNS)
            and not key.startswith("ال")
            and key.endswith(("ه", "ي"))  # an adjective's ending (جديدة، ميداني), not طرابلس
            and self.word_count(key) >= _COMMON_WORD
        )

    def _datelines(self, text: str) -> list[Candidate]:
        """An article's dateline, `NAME - NAME:` at its very start (`سبق- أبها:`,
        `جدة – الوئام:`): the part the gazetteers know as a place is the place, the other the outlet."""
        out: list[Candidate] = []
        for m in _DATELINE.finditer(text):
            parts = [(m.start(1), m.end(1)), (m.start(2), m.end(2))]
            keys = [normalize_word(text[a:b]) for a, b in parts]
            places = [any(kind == "place" for kind, _ in self.phrases.get(k, ())) for k in keys]
            if places.count(True) != 1:
                continue
            a, b = parts[places.index(False)]
            if keys[places.index(False)] in _DATELINE_GENERIC:
                continue
            cand = Candidate(a, b, "ORG", "rule", 0.7, {"actor_kind": "media", "cued": True})
            out.append(cand.by(er.MEDIA_DATELINE.id))
            a, b = parts[places.index(True)]
            place = Candidate(a, b, "LOC", "rule", 0.7, {"cued": True})
            self._link(place, keys[places.index(True)])
            place.label = "LOC"
            out.append(place.by(er.MEDIA_DATELINE.id))
        return out

    def _media_names(self, text: str) -> list[Candidate]:
        """Media outlets named after a media noun: quoted (`لوكالة الأنباء اليمنية “سبأ”`,
        `صحيفة «دون»`) or before a colon (`رابط الخبر بصحيفة X:`, a site's footer)."""
        out: list[Candidate] = []
        for m in _MEDIA_NAME.finditer(text):
            group = 1 if m.group(1) is not None else 2
            start, end = m.span(group)
            name = text[start:end].strip()
            if not name or len(name.split()) > 3:
                continue
            end = start + len(name)
            key = normalize_word(name)
            cand = Candidate(start, end, "ORG", "rule", 0.7, {"actor_kind": "media", "cued": True})
            cand.by(er.MEDIA_NAME.id)
            self._link(cand, key)
            cand.label = "ORG"
            out.append(cand)
        for m in _NEWS_AGENCY.finditer(text):
            # "وكالة المغرب العربي للأنباء", "وكالة الأنباء اليمنية", "وكالة أنباء الأناضول"
            start, end = m.span(1)
            cand = Candidate(start, end, "ORG", "rule", 0.7, dict(_MEDIA_ATTRS))
            self._link(cand, normalize_word(text[start:end]))
            cand.label = "ORG"
            out.append(cand.by(er.MEDIA_AGENCY.id))
        for m in _MEDIA_ADDRESSEE.finditer(text):
            before = [normalize_word(w) for w in text[max(0, m.start() - 40) : m.start()].split()[-4:]]
            if not any(w in _SPEECH_VERBS for w in before):
                continue
            start, end = m.span(1)
            cand = Candidate(start, end, "ORG", "rule", 0.7, dict(_MEDIA_ATTRS))
            out.append(cand.by(er.MEDIA_ADDRESSEE.id))
        return out

    def _place_nouns(self, text: str, tokens: Sequence[Span], keys: Sequence[str]) -> list[Candidate]:
        """Places the gazetteer lacks, after a place noun: `بلدة الصبحة`, `حي جوبر`, `بلدتي كفريا والفوعة`.

        The name is the next word, plus a second one when it is definite (`دير الزغب`, `خان الشيح`),
        and a coordinated `و`+word after a dual noun. Common words (`منطقة الاشتباك`) are not names.
        """
        out: list[Candidate] = []
        n = len(tokens)
        for i in range(n - 1):
            noun = _cue_noun(keys[i], _PLACE_NOUNS)
            if noun not in _PLACE_NOUNS or tokens[i + 1].label != "ar":
                continue
            j = i + 1
            head = noun in _FACILITY_NOUNS
            if keys[j] in _KIN_PLACE_WORDS and j + 1 < n and tokens[j + 1].label == "ar":
                # "مدينة بن عروس", "بلدة بني وليد": a place named with a kinship word, not a person
                start = name_start(tokens[i]) if head else tokens[j].start
                cand = Candidate(start, tokens[j + 1].end, "LOC", "rule", 0.6, {"cued": True, "kin": True})
                out.append(cand.by(er.PLACE_NOUN_KINSHIP.id))
                continue
            construct = keys[j] in _TOPONYM_HEADS and j + 1 < n
            if construct and self._toponym_tail(text, tokens[j + 1], keys[j + 1]):
                start = name_start(tokens[i]) if head else tokens[j].start
                tail = tokens[j + 1].end  # the caller keeps it whatever its words' counts ("construct")
                cand = Candidate(start, tail, "LOC", "rule", 0.6, {"cued": True, "construct": True})
                out.append(cand.by(er.PLACE_NOUN_CONSTRUCT.id))
                continue
            # After a facility noun a definite common word may name it ("مسجد السلام"); it is kept
            # only when the model or the gazetteers see a name there (checked by the caller).
            named_for = head and noun in _CITY_FACILITIES and self._known_place(keys[j])
            named_facility = named_for or (
                head and keys[j].startswith("ال") and keys[j] not in _GENERIC_PLACE_WORDS
            )
            if head and (
                keys[j] in _GENERIC_PLACE_WORDS
                or tokens[j].attrs.get("prefix", "")
                or (not keys[j].startswith("ال") and keys[j].endswith(("ه", "ي", *_PLURAL_ENDINGS)))
                or "\u064b" in text[tokens[j].start : tokens[j].end]  # tanween: "حكومياً", an adverb
                or (noun not in _CITY_FACILITIES and self._known_place(keys[j]))
            ):
                # "حاجز لجماعة", "سوق مكتظة", "معبر حدودي": no name; "مسجد حمص": the city's mosque, and
                # the city is the name the gazetteer finds
                continue
            if (
                (self._is_common(keys[j]) and not named_facility)
                or tokens[j].attrs.get("prefix", "")  # "قرى ومزارع": another noun, not a name
                or keys[j] in _NOT_NAMES
                or keys[j] in _DESCRIPTIVE_TAILS
                or (keys[j].endswith("يه") and not keys[j].startswith("ال"))
            ):
                continue  # a common word, or an adjective ("مناطق حدودية"), is not a name
            end = j + 1
            if (
                end < n
                and tokens[end].label == "ar"
                and keys[end].startswith("ال")
                and (
                    not self._is_common(keys[end])
                    or (
                        head
                        and not keys[j].startswith("ال")
                        and (not _NISBA_TAIL.match(keys[end]) or keys[end] in _FACILITY_KINDS)
                    )
                )
                and keys[end] not in _DIRECTION_WORDS
                and keys[end] not in _DESCRIPTIVE_TAILS
            ):
                end += 1
            start = name_start(tokens[i]) if head else tokens[j].start
            attrs: dict[str, Any] = {"cued": True, "facility": True} if head else {"cued": True}
            if named_for:
                attrs["named_for"] = True  # "ملعب فرنسا", "شارع الجزائر": a known place names it
            cand = Candidate(start, tokens[end - 1].end, "LOC", "rule", 0.6, attrs)
            out.append(cand.by(er.FACILITY_NAME.id if head else er.PLACE_NOUN_NAME.id))
            k = end
            while (
                k < n
                and keys[k].startswith("و")
                and len(keys[k]) > 3
                and k - end < 6
                and not _verb_like(keys[k][1:])
                and keys[k][1:] not in _NOT_NAMES
                and not self._with_pronoun(keys[k][1:])
            ):
                # "بلدتي كفريا والفوعة", "قرى ديرلوك وحفطنين وخواكورك": each coordinated name is a place
                base = int(tokens[k].attrs.get("base", tokens[k].start + 1))
                cand = Candidate(base, tokens[k].end, "LOC", "rule", 0.6, {"cued": True})
                out.append(cand.by(er.PLACE_NOUN_COORDINATED.id))
                k += 1
        return out

    def _named_facilities(
        self, text: str, tokens: Sequence[Span], keys: Sequence[str], model: Sequence[Candidate]
    ) -> list[Candidate]:
        """Facilities the place-noun rule cannot read: one named after a person the model found
        (`شارع محمد الخامس`, `كنيسة مار جرجس`), and a definite facility noun with the adjective that
        names it (`الكنيسة المرقسية`, `السفارة الأمريكية`, `الحرم النبوي الشريف`)."""
        out: list[Candidate] = []
        n = len(tokens)
        for i in range(n - 1):
            key = _cue_noun(keys[i], _FACILITY_NOUNS)
            if key in _FACILITY_NOUNS and not tokens[i + 1].attrs.get("prefix", ""):
                j = i + 1
                person_end = next(
                    (m.end for m in model if m.label in ("PER", "MISC") and m.start == tokens[j].start), None
                )
                if (
                    person_end is None
                    and j + 1 < n
                    and self.gaz.is_first_name(keys[j])
                    and not text[tokens[j].start : tokens[j].end].endswith("ى")  # على: a preposition
                    and keys[j + 1].startswith("ال")
                    and not tokens[j + 1].attrs.get("prefix", "")
                ):
                    person_end = tokens[j + 1].end  # "شارع محمد الخامس": a first name and its epithet
                if person_end is not None:
                    attrs: dict[str, Any] = {"cued": True, "facility": True}
                    cand = Candidate(name_start(tokens[i]), person_end, "LOC", "rule", 0.6, attrs)
                    out.append(cand.by(er.FACILITY_PERSON.id))
                continue
            if not key.startswith("ال") or key[2:] not in _NAMED_BY_ADJECTIVE or tokens[i + 1].label != "ar":
                continue
            adjective = keys[i + 1]
            if (
                not adjective.startswith("ال")
                or not _NISBA_TAIL.match(adjective)
                or adjective in _GENERIC_PLACE_WORDS
                or adjective in _DIRECTION_WORDS
                or tokens[i + 1].attrs.get("prefix", "")
            ):
                continue
            end = i + 2
            if end < n and keys[end] in _HONORIFIC_TAILS:
                end += 1
            facility: dict[str, Any] = {"cued": True, "facility": True}
            cand = Candidate(name_start(tokens[i]), tokens[end - 1].end, "LOC", "rule", 0.6, facility)
            out.append(cand.by(er.FACILITY_ADJECTIVE.id))
        return out

    def _bracketed_places(self, text: str, tokens: Sequence[Span], keys: Sequence[str]) -> list[Candidate]:
        """A name in quotes or parentheses right after a place noun (`بمنطقة (الظهرة)`, `بضاحية "سان
        دوني"`): a place, whatever the words are."""
        out: list[Candidate] = []
        n = len(tokens)
        for i in range(n - 2):
            noun = _cue_noun(keys[i], _PLACE_NOUNS)
            opening = text[tokens[i + 1].start : tokens[i + 1].end]
            if noun not in _PLACE_NOUNS or opening not in _OPENING_MARKS:
                continue
            k = i + 2
            while k < n and k - i <= 5 and tokens[k].label == "ar":
                k += 1
            closing = text[tokens[k].start : tokens[k].end] if k < n else ""
            if k == i + 2 or closing.strip() not in _CLOSING_MARKS:
                continue
            head = noun in _FACILITY_NOUNS
            start = name_start(tokens[i]) if head else tokens[i + 2].start
            attrs: dict[str, Any] = {"cued": True, "facility": True} if head else {"cued": True}
            # with its head noun the name's marks are inside the span, both of them (محطة "سينداي")
            end = tokens[k].end if head else tokens[k - 1].end
            cand = Candidate(start, end, "LOC", "rule", 0.65, attrs)
            out.append(cand.by(er.PLACE_NOUN_BRACKETED.id))
        return out

    def _units(self, text: str, tokens: Sequence[Span], keys: Sequence[str]) -> list[Candidate]:
        """Named forces: `الفرقة 11 دبابات`, `الفرقة الرابعة`, `قوات الأمن الخاصة`, `قوات الطوارئ`."""
        out: list[Candidate] = []
        n = len(tokens)
        for i in range(n - 1):
            key = keys[i]
            if key in _UNIT_NOUNS:
                j = i + 1
                if tokens[j].label == "num" or (keys[j].startswith("ال") and keys[j] in _ORDINAL_WORDS):
                    end = j + 1
                    if end < n and keys[end] in _UNIT_TAILS:
                        end += 1
                    cand = Candidate(tokens[i].start, tokens[end - 1].end, "ORG", "rule", 0.65, {})
                    out.append(cand.by(er.UNIT_NUMBERED.id))
            elif key in _ARMIES and tokens[i + 1].label == "ar":
                # "الجيش الوطني", "القوات اليمنية", "القوات الجوية السورية": a force named by whose it
                # is; "القوات الحكومية" and "القوات النظامية" only describe one.
                end = i + 1
                while (
                    end < n
                    and end - i <= 3
                    and tokens[end].label == "ar"
                    and keys[end].startswith("ال")
                    and _NISBA_TAIL.match(keys[end])
                ):
                    end += 1
                if end > i + 1 and any(self._nationality(k) for k in keys[i + 1 : end]):
                    force = {"inter": 1, "actor_kind": "state_force"}  # a national army or force
                    cand = Candidate(name_start(tokens[i]), tokens[end - 1].end, "ORG", "rule", 0.6, force)
                    out.append(cand.by(er.UNIT_NATIONAL_FORCE.id))
            elif key in _FORCES:
                end = i + 1
                while (
                    end < n
                    and end - i <= 3
                    and tokens[end].label == "ar"
                    and keys[end].startswith("ال")
                    and keys[end] not in _DIRECTION_WORDS
                ):
                    end += 1
                phrase = " ".join(keys[i + 1 : end])
                if (
                    end > i + 1
                    and "النظام" not in phrase.split()
                    and not any(
                        kind == "actor" and getattr(item, "id", "").startswith("gen-")
                        for kind, item in self.phrases.get(f"قوات {phrase}", ())
                    )
                ):
                    cand = Candidate(name_start(tokens[i]), tokens[end - 1].end, "ORG", "rule", 0.55, {})
                    out.append(cand.by(er.UNIT_NAMED_FORCE.id))
        return out

    def _institutions(self, tokens: Sequence[Span], keys: Sequence[str]) -> list[Candidate]:
        """`entity.institution`: an institution noun and the definite words, coordinated definite
        words and place names that follow it (at most six words)."""
        out: list[Candidate] = []
        n = len(tokens)
        for i in range(n - 1):
            key, prefix = keys[i], str(tokens[i].attrs.get("prefix", ""))
            bare = key[len(prefix) :] if prefix and key.startswith(prefix) else key
            definite = bare in _DEFINITE_INSTITUTIONS
            if bare not in _INSTITUTION_HEADS and not definite:
                continue
            end = i + 1
            while end < n and end - i <= 6 and tokens[end].label == "ar":
                k = keys[end]
                if k in _NAME_STOP or (k in _DIRECTION_WORDS and end == i + 1):
                    break
                if end > i + 1 and (k.removeprefix("و") in _DEFINITE_INSTITUTIONS or k in _ARMIES):
                    break  # another name begins ("مجلس محافظة الأنبار الحكومة العراقية")
                definite_word = k.startswith("ال") or (k.startswith("وال") and end > i + 1)
                if (definite_word and k not in _NOT_IN_NAME) or (
                    self._major_place(k) and not tokens[end].attrs.get("prefix")
                ):
                    end += 1
                elif k.startswith("ب") and self._major_place(k[1:]):
                    end += 1  # the seat named with ب: "المحكمة الابتدائية بتونس"
                    break
                elif k in _INSTITUTION_ADMIN and end + 1 < n and self._major_place(keys[end + 1]):
                    end += 2
                else:
                    break
            if end == i + 1 or (definite and not _NISBA_TAIL.match(keys[i + 1])):
                continue
            last = keys[end - 1]
            if last.startswith("وال") and (last[1:] in _ARMIES or last[1:] in _DEFINITE_INSTITUTIONS):
                end -= 1  # "وزارة الداخلية والجيش": two names ("لجنة الأمن والدفاع" is one)
                if end == i + 1:
                    continue
            # a body of the state or a society, not a party to the fighting (see `choose_actors`)
            body = {"actor_kind": "institution"}
            cand = Candidate(name_start(tokens[i]), tokens[end - 1].end, "ORG", "rule", 0.6, body)
            out.append(cand.by(er.INSTITUTION.id))
        return out

    def _major_place(self, key: str) -> bool:
        """A key the gazetteers know as a country, governorate or city (a part of an institution's
        name: "حكومة الأنبار", "شرطة كابل"), not a village named like a common word."""
        return self._known_place(key, _MAJOR_FEATURES)

    def _known_place(self, key: str, features: frozenset[str] | None = None) -> bool:
        """A key the gazetteers know as a place (of one of `features`, when given)."""
        return any(
            kind == "place" and (features is None or getattr(item, "feature", "") in features)
            for kind, item in self.phrases.get(key, ())
        )

    def _nationality(self, adjective: str) -> bool:
        """A definite nationality adjective (`السوري`, `اليمنية`, `الوطني`) naming whose force it is."""
        if not adjective.startswith("ال") or not _NISBA_TAIL.match(adjective):
            return False
        if adjective in _NATIONAL:
            return True
        stem = adjective[2:].removesuffix("ه").removesuffix("ي")
        for key in (f"ال{stem}", f"{stem}ا", stem, f"{stem}يا"):
            if any(
                kind == "place" and getattr(item, "feature", "") == "country"
                for kind, item in self.phrases.get(key, ())
            ):
                return True
        return False

    def _toponym_tail(self, text: str, token: Span, key: str) -> bool:
        """The word after a toponym's generic head can complete the name: an Arabic word without a
        proclitic or tanween that is no everyday word, direction or description (not "بيت واحد")."""
        return (
            token.label == "ar"
            and not token.attrs.get("prefix", "")
            and "\u064b" not in text[token.start : token.end]
            and self.word_count(key) < _VERY_COMMON
            and len(key) >= 3
            and key not in _DIRECTION_WORDS
            and key not in _DESCRIPTIVE_TAILS
            and key not in _NOT_NAMES
        )

    def _is_common(self, key: str) -> bool:
        return self.word_count(key) >= _COMMON_WORD or key in _DIRECTION_WORDS or len(key) < 3

    def _propagate(self, text: str, tokens: Sequence[Span], chosen: list[Candidate]) -> list[Candidate]:
        """Label consistency within the article: a person's surname alone (`العايد` after `عبد الناصر
        العايد`) is that person, and a name the model found once is the same entity where repeated."""
        taken = [(c.start, c.end) for c in chosen]
        wanted: dict[str, Candidate] = {}
        for c in chosen:
            if c.origin == "rule" or c.label not in ("PER", "ORG", "LOC"):
                continue
            words = text[c.start : c.end].split()
            if c.label == "PER" and len(words) >= 2:
                last = normalize_word(words[-1])
                if (
                    len(last) >= 3
                    and not self._is_common(last)
                    and last not in _TITLES
                    and last not in _NOT_NAMES
                ):
                    wanted.setdefault(last, c)
            if c.origin == "model":
                wanted.setdefault(normalize_word(text[c.start : c.end]), c)
        if not wanted:
            return []
        out: list[Candidate] = []
        for start, tok, key in _free_words(text, tokens, taken):
            source = wanted.get(key)
            if source is None:
                continue
            attrs = {k: v for k, v in source.attrs.items() if k not in ("cued",)}
            rule = er.PROPAGATE_MODEL_NAME if source.origin == "model" and key == normalize_word(
                text[source.start : source.end]
            ) else er.PROPAGATE_SURNAME
            out.append(Candidate(start, tok.end, source.label, "rule", 0.6, attrs).by(rule.id))
            taken.append((start, tok.end))
        return out

    def _context_label(self, text: str, c: Candidate) -> str | None:
        """Relabel by context: a quoted place name is a newspaper (`لـ«الشرق الأوسط»`), a country
        adjective after an indefinite noun is "Syrian" (`فصائل سورية`), and `قوات النظام` describes
        an actor without naming it. Returns the id of the rule that drops the candidate, if one does."""
        before = text[max(0, c.start - 2) : c.start]
        after = text[c.end : c.end + 1]
        surface = normalize_word(text[c.start : c.end])
        if c.label == "LOC" and before.endswith("«") and after == "»" and c.attrs.get("feature") != "country":
            c.label, c.attrs = "ORG", {"actor_kind": "media"}
            c.by(er.CONTEXT_QUOTED_MEDIA.id)
            return None
        if not surface.strip():
            return None
        if c.label == "ORG" and (surface.split()[-1] == "النظام" or surface.endswith(" الاسد")):
            # "قوات النظام", "جيش الأسد" describe an actor; "النظام السوري" names one
            c.label = "ACTOR"
            c.by(er.CONTEXT_REGIME.id)
            return None
        words = surface.split()
        if (
            c.label == "ORG"
            and len(words) > 1
            and (
                (
                    words[0] in _DESCRIPTION_HEADS
                    and all(_NISBA_TAIL.match(w) or w.startswith("الم") for w in words[1:])
                )
                or (len(words) == 2 and words[0] in _FORCE_HEADS and words[1] in _GENERIC_NOUNS)
                or words[0] in _AIRCRAFT_HEADS  # "طيران التحالف", "المقاتلات التركية": whose aircraft
            )
        ):
            # "الميليشيات الإيرانية", "فصائل المعارضة", "المعارضة المسلحة", "قوات التحالف": a
            # description of an actor (kept for the incident's actor fields), not a name
            c.label = "ACTOR"
            c.by(er.CONTEXT_DESCRIPTION.id)
            return None
        if (
            c.label == "LOC"
            and " " not in surface
            and surface.endswith("يه")
            and c.attrs.get("feature") == "country"
        ):
            prev_words = text[max(0, c.start - 20) : c.start].split()
            prev = normalize_word(prev_words[-1]) if prev_words else ""
            if (
                prev
                and prev not in _PLACE_PREPOSITIONS
                and not prev.startswith(("ال", "وال"))
                and prev[-1:] not in '،,.:«»"()'
                and not _VERB_BEFORE_SUBJECT.match(prev)
            ):
                c.label = "DROP"
                return er.CONTEXT_COUNTRY_ADJECTIVE.id
        if c.label == "LOC" and surface in _DIRECTION_WORDS and not c.attrs.get("cued"):
            c.label = "DROP"
            return er.CONTEXT_DIRECTION_WORD.id
        return None

    def _trim_head(self, text: str, tokens: Sequence[Span], c: Candidate) -> None:
        """Drop a describing word at the end, then an administrative head noun (places) or a group noun
        before a known actor name, then a nationality adjective after one."""
        words = text[c.start : c.end].split(" ")
        while len(words) > 1 and normalize_word(words[-1]) in _DESCRIPTIVE_TAILS:
            # "الحميدية القريبة", "داعش الإرهابي", "قوات الأمن التي": a description, not the name
            c.end -= len(words[-1]) + 1
            words = words[:-1]
            c.by(er.TRIM_DESCRIPTIVE_TAIL.id)
        if len(words) < 2:
            return
        head = normalize_word(words[0])
        rest = " ".join(normalize_word(w) for w in words[1:])
        geo_head = head in _GEO_HEADS and rest in self.phrases
        whole_name = normalize_word(text[c.start : c.end]) == normalize_word(
            str(c.attrs.get("canonical", ""))
        )
        # "ريف دمشق" is a governorate's own name; other heads are not part of a name.
        admin_head = (
            c.label == "LOC" and (head in _ADMIN_HEADS or geo_head) and not (head == "ريف" and whole_name)
        )
        group_head = c.label == "ORG" and head in _ORG_HEADS and self._named_actor(rest)
        if admin_head or group_head:
            c.start += len(words[0]) + 1
            c.by(er.TRIM_ADMIN_HEAD.id if admin_head else er.TRIM_GROUP_HEAD.id)
            words = words[1:]
        if len(words) < 2:
            return
        if c.label == "PER":
            self._trim_person_head(words, c)
            return
        if (
            c.label == "ORG"
            and _NISBA_TAIL.match(normalize_word(words[-1]))
            and (
                normalize_word(text[c.start : c.end]) not in self.phrases
                or self._nationality(normalize_word(words[-1]))
            )
        ):
            # "حزب الله اللبناني" -> "حزب الله"; "الجيش السوري" keeps its adjective (الجيش is generic).
            head_part = " ".join(normalize_word(w) for w in words[:-1])
            if self._named_actor(head_part):
                c.end -= len(words[-1]) + 1
                c.by(er.TRIM_NISBA_TAIL.id)

    def _trim_person_head(self, words: list[str], c: Candidate) -> None:
        """`entity.trim.person_head`: a nationality adjective or the name of a country, governorate or
        city before a person's name of two words or more is not part of it ("الأفغاني أشرف غني",
        "محافظ صلاح الدين رائد الجبوري")."""
        for size in (2, 1):
            if len(words) - size < 2:
                continue
            head = " ".join(normalize_word(w) for w in words[:size])
            if (size == 1 and self._nationality(head)) or self._major_place(head):
                c.start += len(" ".join(words[:size])) + 1
                c.by(er.TRIM_PERSON_HEAD.id)
                return

    def _named_actor(self, key: str) -> bool:
        """A key naming a specific actor (not a generic group such as الجيش or النظام)."""
        return any(
            kind == "actor" and not getattr(item, "id", "").startswith("gen-")
            for kind, item in self.phrases.get(key, ())
        )

    @staticmethod
    def _key(text: str, token: Span) -> str:
        return normalize_word(text[token.start : token.end]) if token.label in _WORD_LABELS else ""

    @staticmethod
    def _attrs(c: Candidate) -> dict[str, Any]:
        attrs = {
            k: v
            for k, v in c.attrs.items()
            if v is not None and k not in ("cued", "source", "population", "facility", "kin", "media")
        }
        attrs["origin"] = c.origin
        attrs["confidence"] = round(c.confidence, 3)
        attrs["rules"] = list(c.rules)
        return attrs

    def _first_keys(self, text: str, token: Span) -> list[tuple[str, int]]:
        """Lookup keys for the first token of a window, with the start offset each implies."""
        key = normalize_word(text[token.start : token.end])
        out = [(key, token.start)]
        base = base_start(token)
        if base != token.start:
            stripped = normalize_word(text[base : token.end])
            prefix = str(token.attrs.get("prefix", ""))
            if prefix.endswith("ل") and stripped.startswith("ل") and not stripped.startswith("ال"):
                # لل contraction: look up with the article restored; the span keeps the whole token.
                out.append(("ا" + stripped, token.start))
            else:
                out.append((stripped, base))
        return out

    def _gazetteer(self, text: str, tokens: Sequence[Span], keys: Sequence[str]) -> list[Candidate]:
        out: list[Candidate] = []
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if tok.label not in _WORD_LABELS or tok.label == "num":
                continue
            firsts = [fk for fk in self._first_keys(text, tok) if fk[0] in self.first_words]
            if not firsts:
                continue
            for length in range(min(self.max_words, n - i), 0, -1):
                window = keys[i + 1 : i + length]
                if length > 1 and (not all(window) or tokens[i + length - 1].label not in _WORD_LABELS):
                    continue
                tail = " ".join(window)
                hit = None
                for first, start in firsts:
                    phrase = f"{first} {tail}" if tail else first
                    entries = self.phrases.get(phrase)
                    if entries:
                        hit = (entries, start, phrase)
                        break
                if hit is None:
                    continue
                entries, start, phrase = hit
                end = tokens[i + length - 1].end
                cand = entry_candidate(entries[0], start, end, phrase, "gazetteer", 0.9).by(er.GAZETTEER.id)
                if cand.label == "LOC":
                    cand.places = tuple(
                        item for kind, item in entries if kind == "place" and isinstance(item, Place)
                    )
                if not cand.weak and length == 1 and cand.label == "LOC" and self._common(entries[0], phrase):
                    cand.weak = True
                if self._cued(keys, i, cand.label) or _quoted(text, start, end):
                    cand.attrs["cued"] = True
                    cand.weak = False
                    cand.by(er.GAZETTEER_CUED.id)
                elif cand.weak:
                    cand.confidence = 0.45
                if len(entries) > 1 and entries[0][0] != entries[1][0]:
                    cand.attrs["alternatives"] = [e[0] for e in entries[1:3]]
                out.append(cand)
                break
        return out

    def _common(self, entry: Entry, key: str) -> bool:
        """A lesser place whose one-word name is also a common word (`الجيب`, `كسر`, `البقعة`)."""
        place = entry[1]
        assert isinstance(place, Place)
        canonical = normalize_word(place.name_ar)
        if " " in canonical and canonical.split(" ")[0] == key:
            return True  # a clipped form (`الضفة` of `الضفة الغربية`) is an ordinary word too
        if place.feature in ("country", "admin1"):
            return False
        return self.word_count(key) >= _COMMON_WORD or self.word_count(key.removeprefix("ال")) >= _COMMON_WORD

    @staticmethod
    def _cued(keys: Sequence[str], i: int, label: str) -> bool:
        prev = keys[i - 1] if i > 0 else ""
        cues = _PLACE_CUES if label == "LOC" else _ACTOR_CUES
        return prev in cues

    def _model(
        self,
        text: str,
        tokens: Sequence[Span],
        keys: Sequence[str],
        tagged: Sequence[tuple[str, float]],
        drops: list[EntityDrop],
    ) -> list[Candidate]:
        """Chunks of the statistical model, trimmed of proclitics and titles, with name rules applied:
        adjacent chunks of one type are one name (`بئر` + `قصب`), a person's name takes a following
        family name (`عبد الناصر` + `العايد`) and a preceding `آل`/`بن`/`أبو`."""
        chunks: list[list[int]] = []  # [first token, end token, kind index into tagged]
        i = 0
        while i < len(tagged):
            tag = tagged[i][0]
            if tag == "O":
                i += 1
                continue
            kind = tag[2:]
            j = i + 1
            while j < len(tagged) and tagged[j][0] == f"I-{kind}":
                j += 1
            prev = chunks[-1] if chunks else None
            joined = (
                prev is not None
                and prev[1] == i
                and not tokens[i].attrs.get("prefix")
                and keys[i] not in _TITLES
            )
            if (
                prev is not None
                and joined
                and tagged[prev[0]][0][2:] == kind
                and kind in ("LOC", "ORG", "PERS")
            ):
                prev[1] = j  # B-LOC B-LOC with nothing between: one name the model split
                prev.append(1)  # joined
            else:
                chunks.append([i, j])
            i = j
        out: list[Candidate] = []
        for chunk in chunks:
            i, j = chunk[0], chunk[1]
            rules = [er.MODEL.id] + ([er.MODEL_JOIN.id] if len(chunk) > 2 else [])
            kind = tagged[i][0][2:]
            label = MODEL_TYPES.get(kind, kind)
            conf = min(c for _, c in tagged[i:j])
            i, j = self._trim_chunk(tokens, keys, i, j, label)
            for k in range(i, j - 1):
                if (keys[k], keys[k + 1]) in _FORMULAS:
                    j = k  # "رحمه الله" after a name is not part of it
                    rules.append(er.RELIGIOUS_FORMULA.id)
                    break
            if j <= i:
                continue
            if label == "PER":
                while i > 0 and keys[i - 1] in _NAME_PARTICLES and tokens[i - 1].label == "ar":
                    i -= 1  # "آل ناجي", "بن لادن"
                    rules.append(er.MODEL_NAME_PARTICLE.id)
                if (
                    j < len(tokens)
                    and tokens[j].label == "ar"
                    and keys[j].startswith("ال")
                    and not keys[j].endswith(_PLURAL_ENDINGS)
                    and not self._is_common(keys[j])
                    and keys[j] not in _TITLES
                ):
                    j += 1  # "عبد الناصر العايد": a family name the model left out
                    rules.append(er.MODEL_FAMILY_NAME.id)
                while (
                    j < len(tokens)
                    and keys[j - 1] in _NAME_PARTICLES
                    and tokens[j].label == "ar"
                    and not tokens[j].attrs.get("prefix", "")
                    and keys[j] not in _KIN_NOUNS
                ):
                    j += 1  # "آل" + "الشيخ", "أبو" + "قتادة": a name does not end on a kinship word
                    rules.append(er.KINSHIP_CHAIN.id)
                if (
                    j - i == 2
                    and keys[i] in _KUNYA
                    and j < len(tokens)
                    and tokens[j].label == "ar"
                    and keys[j].startswith("ال")
                    and _NISBA_TAIL.match(keys[j])
                    and keys[j] not in _TITLES
                    and keys[j] not in _DESCRIPTIVE_TAILS
                ):
                    j += 1  # "أبو بكر البغدادي": a kunya takes its nisba
                    rules.append(er.KINSHIP_CHAIN.id)
            start = name_start(tokens[i])
            if (
                label == "PER"
                and start != tokens[i].start
                and self.gaz.is_first_name(keys[i])
                and not self.gaz.is_first_name(normalize_word(text[start : tokens[i].end]))
            ):
                start = tokens[i].start  # "فاطمة", "فيصل": the first letter is the name's, no proclitic
                rules.append(er.MODEL_WHOLE_FIRST_NAME.id)
            if (
                label == "LOC"
                and start != tokens[i].start
                and i > 0
                and _cue_noun(keys[i - 1], _NAMING_NOUNS) in _NAMING_NOUNS
                and text[tokens[i].start : start] in ("ل", "ب", "ك")
                and not keys[i][1:].startswith("ال")
                and not self._known_place(normalize_word(text[start : tokens[i].end]))
            ):
                start = tokens[i].start  # "ولاية لوغار": no preposition after a place noun
                rules.append(er.MODEL_WHOLE_PLACE_NAME.id)
            cand = Candidate(start, tokens[j - 1].end, label, "model", conf, {}, rules=rules)
            self._link(cand, " ".join([normalize_word(text[start : tokens[i].end]), *keys[i + 1 : j]]))
            if label == "PER" and keys[i] in _TITLES and j - i > 1:
                cand.start = tokens[i + 1].start  # a title is not part of the name
                cand.by(er.MODEL_TITLE.id)
            if (
                j - i == 1
                and "canonical_id" not in cand.attrs
                and (self._is_common(keys[i]) or keys[i] in _NOT_NAMES)
            ):
                drops.append(EntityDrop(cand.start, cand.end, cand.label, er.MODEL_COMMON_WORD.id))
                continue  # a lone common word the gazetteers do not know ("ميليشيا") is no name
            if (
                out
                and label == "PER"
                and out[-1].label == "PER"
                and keys[i] in _NAME_PARTICLES
                and text[out[-1].end : cand.start].strip() == ""
            ):
                # "فيصل بن سلمان" + "آل سعود": one kinship chain, one person
                out[-1].end = cand.end
                out[-1].confidence = min(out[-1].confidence, cand.confidence)
                for rule_id in [*cand.rules, er.KINSHIP_CHAIN.id]:
                    out[-1].by(rule_id)
                continue
            out.append(cand)
        return out

    def _trim_chunk(
        self, tokens: Sequence[Span], keys: Sequence[str], i: int, j: int, label: str
    ) -> tuple[int, int]:
        """Cut words a model chunk should not contain: a leading common word before a person
        (`قريب الأسد`), and trailing words that start another phrase (`بصواريخ`), plural forms
        (`الخاضعين`), titles (`عدن اللواء`) or, after a place, an adjective (`السعودية العراقية`)."""
        for k in range(i + 1, j):  # a word with a preposition attached starts another phrase
            if tokens[k].attrs.get("prefix", "") not in ("", "و"):
                j = k
                break
        while j - i > 1:
            last = keys[j - 1]
            phrase = " ".join(keys[i:j])
            if phrase in self.phrases:
                break
            if (
                tokens[j - 1].attrs.get("prefix", "") not in ("", "و")
                or last.endswith(_PLURAL_ENDINGS)
                or (last in _TITLES and keys[j - 2] not in _NAME_PARTICLES)
                or (label == "LOC" and _NISBA_TAIL.match(last) and " ".join(keys[i : j - 1]) in self.phrases)
                or (label == "LOC" and last in self.phrases and " ".join(keys[i : j - 1]) in self.phrases)
            ):
                j -= 1
            else:
                break
        while (
            label == "PER"
            and j - i > 1
            and self._is_common(keys[i])
            and keys[i] not in _NAME_PARTICLES
            and not self.gaz.is_first_name(keys[i])
            and not self.gaz.is_last_name(keys[i])
        ):
            i += 1
        return i, j

    def _link(self, cand: Candidate, key: str) -> None:
        entries = self.phrases.get(key)
        if not entries:
            return
        wanted = {"LOC": "place", "ORG": "actor"}.get(cand.label)
        match = next((e for e in entries if e[0] == wanted), None)
        if match is None and cand.label in ("LOC", "ORG", "MISC"):
            match = entries[0]
        if match is None:
            return
        linked = entry_candidate(match, cand.start, cand.end, key, "model", cand.confidence)
        cand.label = linked.label if cand.label != "PER" else cand.label
        cand.attrs.update(linked.attrs)

    @staticmethod
    def _resolve(cands: list[Candidate], drops: list[EntityDrop]) -> list[Candidate]:
        """Non-overlapping spans: longer first; on ties the better-founded one."""

        def strength(c: Candidate) -> tuple[float, ...]:
            linked = 1.0 if "canonical_id" in c.attrs else 0.0
            weak_penalty = 1.0 if c.weak and c.confidence < 0.5 else 0.0
            person_bonus = 1.0 if c.label == "PER" and c.origin == "model" else 0.0
            cued = 0.5 if c.attrs.get("cued") else 0.0
            cued += 2.0 if c.attrs.get("media") else 0.0  # a source speaking to it: an outlet
            return (c.length(), linked - weak_penalty + person_bonus * weak_penalty + cued, c.confidence)

        chosen: list[Candidate] = []
        for c in sorted(cands, key=strength, reverse=True):
            if c.weak and c.confidence < 0.5 and c.origin == "gazetteer":
                # An ambiguous key alone needs the model's agreement.
                agree = any(o.origin == "model" and o.start == c.start and o.end == c.end for o in cands)
                if not agree:
                    drops.append(EntityDrop(c.start, c.end, c.label, er.WEAK_NEEDS_MODEL.id))
                    continue
            rival = next((k for k in chosen if c.start < k.end and k.start < c.end), None)
            if rival is not None:
                if (rival.start, rival.end) == (c.start, c.end):
                    for rule_id in c.rules:  # the same span, found twice: both rules support it
                        rival.by(rule_id)
                else:
                    drops.append(EntityDrop(c.start, c.end, c.label, er.RESOLVE_LONGEST.id))
                continue
            chosen.append(c)
        # Model-only spans without support: keep them when the model is confident enough.
        kept = []
        for c in chosen:
            if c.origin != "model" or c.confidence >= 0.5 or "canonical_id" in c.attrs:
                kept.append(c)
            else:
                drops.append(EntityDrop(c.start, c.end, c.label, er.MODEL_LOW_CONFIDENCE.id))
        return sorted(kept, key=lambda c: c.start)


_MEDIA_NOUNS = (
    "صحيفة|صحيفه|جريدة|جريده|وكالة|وكاله|قناة|قناه|موقع|مجلة|مجله|إذاعة|اذاعة|اذاعه|تلفزيون|شبكة|شبكه"
)
_MEDIA_NAME = re.compile(
    rf"(?<![\u0621-\u064a])(?:[وفبل]|لل)?(?:{_MEDIA_NOUNS})"
    rf"(?:(?:\s+[^\s«“\"]+){{0,3}}?\s*[«“\"]([^»”\"\n]{{2,30}})[»”\"]"
    rf"|\s+([\u0621-\u064a]+(?:\s[\u0621-\u064a]+)?)\s*:)"
)
# A news agency named in full: `وكالة X Y للأنباء`, `وكالة الأنباء اليمنية`, `وكالة أنباء الأناضول`.
_AR = "[\u0621-\u064a]+"
_NEWS_AGENCY = re.compile(
    rf"(?<![\u0621-\u064a])(?:[وبل]|لل)?(وكال[ةه](?: {_AR}){{1,3}} للأنباء|وكال[ةه](?: {_AR}){{1,3}} للانباء"
    rf"|وكال[ةه] ال[أا]نباء(?: ال{_AR}(?:ية|يه|ي)){{1,3}}"
    rf"|وكال[ةه] [أا]نباء {_AR}(?: ال{_AR}(?:ية|يه|ي)){{0,2}})(?![\u0621-\u064a])"
)
# A quoted name a source speaks to: `قال لـ"الوطن"`, `أكد لـ«عكاظ»` (checked for a speech verb before).
_MEDIA_ADDRESSEE = re.compile(r"(?<![\u0621-\u064a])لـ?\s?[«“\"]([\u0621-\u064a][^»”\"\n]{1,24})[»”\"]")
_SPEECH_VERBS = _words(
    "قال قالت وقال وقالت أكد أكدت وأكد وأكدت صرح صرحت وصرح وصرحت أوضح وأوضح أوضحت كشف وكشف كشفت أفاد "
    "وأفاد أفادت ذكر وذكر ذكرت أضاف وأضاف أضافت أشار وأشار نفى ونفى تحدث وتحدث أعلن وأعلن يقول ويقول"
)
# A dateline at the start of the article: `سبق- أبها:`, `عين اليوم – جدة:` (one to three words each).
_DATELINE = re.compile(
    r"\A\s*([\u0621-\u064a]+(?: [\u0621-\u064a]+){0,2})[ \t]*[-–—]+[ \t]*"
    r"([\u0621-\u064a]+(?: [\u0621-\u064a]+){0,2})[ \t]*:"
)
_DATELINE_GENERIC = _words("وكالات متابعات خاص الوكالات مراسلنا مراسلون")
_MEDIA_ATTRS = {"actor_kind": "media", "cued": True, "media": True}
_OPEN_QUOTES = "«“\"'"
_CLOSE_QUOTES = "»”\"'"


def _quoted(text: str, start: int, end: int) -> bool:
    """A name written between quotation marks (`لـ«الشرق الأوسط»`) is meant as a name."""
    before = text[max(0, start - 2) : start].rstrip()
    return bool(before) and before[-1] in _OPEN_QUOTES and text[end : end + 1] in _CLOSE_QUOTES


def _free_words(
    text: str, tokens: Sequence[Span], taken: list[tuple[int, int]]
) -> Iterator[tuple[int, Span, str]]:
    """Arabic words outside every span of `taken`: (start after proclitics, token, normalized word).

    `taken` is read as the caller extends it, so a word claimed during the loop is not offered again.
    """
    covered = bytearray(len(text) + 1)  # one byte per character: inside a taken span or not
    marked = 0
    for tok in tokens:
        while marked < len(taken):  # spans appended by the caller since the last word
            a, b = taken[marked]
            covered[a:b] = b"\x01" * max(0, b - a)
            marked += 1
        if tok.label != "ar":
            continue
        start = int(tok.attrs.get("base", tok.start))
        if covered.find(1, start, tok.end) != -1:
            continue
        yield start, tok, normalize_word(text[start : tok.end])


def _never_a_name(text: str, c: Candidate) -> str | None:
    """The id of the rule that drops a span that is never a name, or None: a lone word that is no name
    on its own (`الله`), a religious formula (`حماه الله` is not the city), a place noun alone
    (`وبلدات`), a word in a verb's form (`أن يمن على`, `يؤمها`)."""
    surface = text[c.start : c.end]
    key = normalize_word(surface)
    if key in _NOT_NAMES:
        return er.NOT_A_NAME.id
    if " " in key or c.label not in ("PER", "ORG", "LOC", "MISC"):
        return None
    following = text[c.end : c.end + 12].split()
    if following and (key, normalize_word(following[0])) in _FORMULAS:
        return er.RELIGIOUS_FORMULA.id
    bare = key[1:] if key[:1] in "وفبل" and len(key) > 3 else key
    if key in _BARE_PLACE_NOUNS or bare in _BARE_PLACE_NOUNS or bare.removeprefix("ال") in _BARE_PLACE_NOUNS:
        preceding = text[max(0, c.start - 12) : c.start].split()
        cue = normalize_word(preceding[-1]) if preceding else ""
        if not ("canonical_id" in c.attrs and cue in _PLACE_CUES | _PLACE_NOUNS):
            return er.NOT_A_NAME_GENERIC_PLURAL.id  # "مدينة القريتين" is a town; "والبلدات" none
    if key.startswith("ال") or c.attrs.get("cued"):
        return None
    preceding = text[max(0, c.start - 12) : c.start].split()
    before = normalize_word(preceding[-1]) if preceding else ""
    if (key.startswith("ي") and before in _VERB_PARTICLES) or _VERB_WITH_OBJECT.match(key):
        return er.NOT_A_NAME_VERB.id
    return None


def _disambiguate(cands: list[Candidate]) -> list[Candidate]:
    """Places of one name in several countries (رفح in Gaza and in Sinai, طرابلس in Libya and
    Lebanon): take the one in the country the article's unambiguous places point to."""
    votes: dict[str, int] = {}
    for c in cands:
        if c.label == "LOC" and len({p.iso2 for p in c.places}) <= 1 and c.attrs.get("iso2"):
            votes[str(c.attrs["iso2"])] = votes.get(str(c.attrs["iso2"]), 0) + 1
    if not votes:
        return cands
    for c in cands:
        if len({p.iso2 for p in c.places}) > 1 and votes.get(str(c.attrs.get("iso2")), 0) < max(
            votes.values()
        ):
            best = max(c.places, key=lambda p: (votes.get(p.iso2, 0), p.score))
            if votes.get(best.iso2, 0) > votes.get(str(c.attrs.get("iso2")), 0):
                keep = {k: v for k, v in c.attrs.items() if k in ("cued",)}
                c.attrs = {**place_attrs(best), **keep}
                c.by(er.DISAMBIGUATE.id)
    return cands


# The model's certainty that a word is no name, above which a one-word gazetteer place is doubted.
_MODEL_SURE_O = 0.95


def _mark_model_doubt(
    cands: list[Candidate], tokens: Sequence[Span], tagged: Sequence[tuple[str, float]]
) -> None:
    """Flag one-word gazetteer places (not countries or provinces, nor a town's name that a province or a
    country shares) that the model is sure are an ordinary word in this sentence; `_coherent` keeps
    them only in a country the article names."""
    for c in cands:
        if c.label != "LOC" or c.attrs.get("cued") or c.attrs.get("feature") in ("country", "admin1"):
            continue
        if any(p.feature in ("country", "admin1") for p in c.places):
            continue  # also a province's or a country's name (حلب the city and the governorate)
        i = next((k for k, t in enumerate(tokens) if t.start <= c.start < t.end), None)
        if i is None or tokens[i].end < c.end:
            continue  # several words
        tag, conf = tagged[i]
        if tag == "O" and conf >= _MODEL_SURE_O:
            c.attrs["model_o"] = True


def _family_names_win(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A one-word place that is the family name of a person the article names (`علي الأحمدي` ...
    `وأكد الأحمدي`) is that person, unless a place noun or quotes cue the place."""
    families = {
        normalize_word(text[c.start : c.end].split()[-1])
        for c in cands
        if c.label == "PER" and " " in text[c.start : c.end].strip()
    }
    for c in cands:
        a = c.attrs
        if (
            c.label == "LOC"
            and not a.get("cued")
            and a.get("feature") not in ("country", "admin1")
            and " " not in text[c.start : c.end].strip()
            and normalize_word(text[c.start : c.end]) in families
        ):
            c.label, c.origin, c.attrs = "PER", "rule", {}
            c.by(er.FAMILY_NAME_WINS.id)
    return cands


# A verb whose subject may follow: "تقوده السعودية", "أعلنت السعودية" (the country, not "Saudi").
_VERB_BEFORE_SUBJECT = re.compile(r"^(?:[وف]?[يت][\u0621-\u064a]{2,}(?:ه|ها|هم)|[وف]?[\u0621-\u064a]{2,4}ت)$")


def _verb_like(word: str) -> bool:
    """A word shaped like a finite verb (`سلموا`, `يقتل`, `تقصف`, `قتلت`): not a coordinated place name."""
    return word.endswith(("وا", "ون", "هم")) or word[:1] in "يتن" or (word.endswith("ت") and len(word) <= 5)


def _one_word_place(c: Candidate, tokens: Sequence[Span]) -> int | None:
    """The index of the one token a place candidate covers, when it is a place below a governorate
    (not a country or admin1) and exactly one token; else None."""
    if c.label != "LOC" or c.attrs.get("feature") in ("country", "admin1"):
        return None
    i = next((k for k, t in enumerate(tokens) if t.start <= c.start < t.end), None)
    return i if i is not None and tokens[i].end == c.end else None


def _cue_noun(key: str, nouns: frozenset[str]) -> str:
    """A cue noun's key without its one proclitic (`وبلدة` -> `بلدة`) when that makes it one of
    `nouns`; the key as it is otherwise."""
    return key[1:] if key[:1] in "وفبل" and key[1:] in nouns else key


def name_start(token: Span) -> int:
    """Where a name starts in its token: after proclitics, but at the token start for a لل contraction
    (`للجيش` is written for ل + الجيش; the span keeps both letters so the name reads `الجيش`)."""
    base = int(token.attrs.get("base", token.start))
    core = int(token.attrs.get("core", base))
    return token.start if core - base == 1 and str(token.attrs.get("prefix", "")).endswith("ل") else base


def sentence_tokens(doc: Document, tokens: Sequence[Span]) -> list[list[Span]]:
    """Tokens grouped by sentence in one pass (tokens outside every sentence are dropped)."""
    sentences = doc.layers.get("sentences") or [Span(0, len(doc.text), "sentence")]
    groups: list[list[Span]] = [[] for _ in sentences]
    k = 0
    for tok in tokens:
        while k < len(sentences) and sentences[k].end <= tok.start:
            k += 1
        if k == len(sentences):
            break
        if sentences[k].start <= tok.start and tok.end <= sentences[k].end:
            groups[k].append(tok)
    return groups


# Definite group nouns that refer back to the article's group of that kind ("التنظيم" = داعش).
_ANAPHORS = {
    normalize_word(w): kinds
    for w, kinds in (
        ("التنظيم", ("terror_group", "rebel", "militia")),
        ("الجماعة", ("terror_group", "rebel", "militia")),
        ("الميليشيا", ("militia", "rebel", "terror_group")),
        ("الميلشيا", ("militia", "rebel", "terror_group")),
        ("المليشيا", ("militia", "rebel", "terror_group")),
        ("الحركة", ("rebel", "militia", "party", "terror_group")),
        ("الميليشيات", ("militia", "rebel", "terror_group")),
        ("المليشيات", ("militia", "rebel", "terror_group")),
        ("المتمردون", ("rebel", "militia")),
        ("المتمردين", ("rebel", "militia")),
        ("الطيران", ("coalition",)),
    )
}


def _anaphors(text: str, tokens: Sequence[Span], named: list[Candidate]) -> list[Candidate]:
    """ACTOR spans for `التنظيم`-like nouns, linked to the most mentioned group of a fitting kind so far.

    The span keeps the article's own name for that group in `refers_to` (the form an ACLED coder
    writes: `داعش`), and the canonical id and name of the group.
    """
    out: list[Candidate] = []
    groups = [c for c in named if c.label == "ORG" and c.attrs.get("actor_kind")]
    if not groups:
        return out
    taken = [(c.start, c.end) for c in named]
    for start, tok, key in _free_words(text, tokens, taken):
        kinds = _ANAPHORS.get(key)
        if kinds is None:
            continue
        before: list[Candidate] = []
        for kind in kinds:  # the first kind in order of preference that the article names
            before = [c for c in groups if c.end <= start and c.attrs.get("actor_kind") == kind]
            if before:
                break
        if not before:
            continue
        counts: dict[str, list[Candidate]] = {}
        for c in before:
            counts.setdefault(str(c.attrs.get("canonical_id")), []).append(c)
        best = max(counts.values(), key=lambda cs: (len(cs), cs[-1].end))
        forms: dict[str, int] = {}
        for c in best:
            form = normalize_word(text[c.start : c.end])
            forms[form] = forms.get(form, 0) + 1
        surface = next(
            text[c.start : c.end]
            for c in best
            if normalize_word(text[c.start : c.end]) == max(forms, key=forms.__getitem__)
        )
        attrs = {
            k: v
            for k, v in best[-1].attrs.items()
            if k in ("canonical_id", "canonical", "name_en", "actor_id", "inter", "actor_kind", "country")
        }
        attrs["refers_to"] = surface
        out.append(Candidate(start, tok.end, "ACTOR", "rule", 0.6, attrs).by(er.ANAPHOR.id))
    return out


@lru_cache(maxsize=1)
def default_recognizer() -> EntityRecognizer:
    return EntityRecognizer(load_gazetteers())


def entities_component(doc: Document) -> Document:
    """Pipeline component: fill the `entities` layer."""
    return default_recognizer()(doc)
