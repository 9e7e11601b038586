"""Refinement rules: the sub-event type from cues around the trigger, and one candidate per kind of
event in a report unit.

Per-candidate refinements (`REFINEMENTS`) run in order on every candidate that no veto dropped; each
may retype the candidate (shelling with aircraft is an air strike) or, for `refine.disrupted.
no_weapon`, drop it. Unit refinements then choose what the unit reports: a suicide bombing absorbs
the car bomb it used, a foiled attack is the disruption and not an attack, a generic attack word
counts only with something concrete around it, and one candidate is kept per kind of event.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from desktop.events import lexicon as lx
from desktop.events.fields import SentenceView
from desktop.events.model import Candidate, aircraft_subject, civilian_target, unarmed_victims
from desktop.rules import Phase, Rule, Scope

# What a refinement returns: (kind, event type, sub-event type, rank, generic), or None when it does
# not apply.
Retype = tuple[str, str, str, int, bool]


@dataclass(frozen=True, kw_only=True)
class Refinement(Rule):
    """A change of kind for candidates of `kinds` (all when None); `refine` returns the new kind, or
    None when the rule does not apply. A refinement returning an empty event type drops."""

    kinds: frozenset[str] | None
    refine: Callable[[SentenceView, Candidate, set[str]], Retype | None]

    def apply(self, view: SentenceView, cand: Candidate, unit_kinds: set[str]) -> Retype | None:
        if self.kinds is not None and cand.kind not in self.kinds:
            return None
        return self.refine(view, cand, unit_kinds)


def _r(
    id: str,
    description: str,
    kinds: frozenset[str] | None,
    refine: Callable[[SentenceView, Candidate, set[str]], Retype | None],
    fires: tuple[str, ...],
    spares: tuple[str, ...],
    scope: Scope = Scope.SENTENCE,
) -> Refinement:
    return Refinement(
        id=id,
        phase=Phase.REFINE,
        description=description,
        scope=scope,
        fires=fires,
        spares=spares,
        kinds=kinds,
        refine=refine,
    )


_AIR: Retype = ("air", lx.EXPLOSIONS, "Air/drone strike", 7, False)


def _shelling_by_aircraft(view: SentenceView, cand: Candidate, _kinds: set[str]) -> Retype | None:
    return _AIR if view.find(lx.AIRCRAFT) else None


def _attack_by_aircraft(view: SentenceView, cand: Candidate, _kinds: set[str]) -> Retype | None:
    return _AIR if aircraft_subject(view, cand.span) else None


_PEOPLE = re.compile(lx.word(r"(?:اطفال|طفل(?:ا|ين)?|اشخاص|شخص(?:ا|ين)?|بالغين|نساء|امراه|رجال)"))
_PROPERTY = re.compile(r"(?:منزل|منازل|بيت|بيوت|ممتلكات|محل|محلات|سيار|مزارع|خيام|متاجر|مساكن)")


def _burning_people(view: SentenceView, cand: Candidate, _kinds: set[str]) -> Retype | None:
    victims = view.find(lx.CIVILIANS) + view.find(_PEOPLE)
    if any(
        v[0] >= cand.span[1]
        and view.words_between(cand.span[1], v[0]) <= 3
        and not _PROPERTY.search(view.doc.text[cand.span[1] : v[0]])
        for v in victims
    ):
        return ("attack", lx.VAC, "Attack", cand.rank, False)
    return None


def _civilian_victims(view: SentenceView, cand: Candidate, _kinds: set[str]) -> Retype | None:
    if unarmed_victims(view):
        return (cand.kind, lx.VAC, "Attack", cand.rank, cand.generic)
    return None


def _civilian_site(view: SentenceView, cand: Candidate, _kinds: set[str]) -> Retype | None:
    if civilian_target(view, cand.span[1]):
        return (cand.kind, lx.VAC, "Attack", cand.rank, cand.generic)
    return None


def _excessive_force(view: SentenceView, cand: Candidate, _kinds: set[str]) -> Retype | None:
    if view.find(lx.DEATH) or view.find(lx.INJURY):
        return (cand.kind, lx.PROTESTS, "Excessive force against protesters", cand.rank, False)
    return None


def _intervention(view: SentenceView, cand: Candidate, _kinds: set[str]) -> Retype | None:
    if view.find(lx.INTERVENTION):
        return (cand.kind, lx.PROTESTS, "Protest with intervention", cand.rank, False)
    return None


_WEAPON_WORDS = re.compile(
    lx.word(r"(?:طائره|طائرات|مسيره|صاروخ|عبوه|عبوات|لغم|الغام|متفجرات|مفخخه|اسلحه|ذخائر|هجوم)")
)


def _disrupted_without_weapon(view: SentenceView, cand: Candidate, kinds: set[str]) -> Retype | None:
    if kinds & {"ied", "shelling", "air", "suicide"} or _WEAPON_WORDS.search(view.text):
        return None
    return (cand.kind, "", "", 0, True)  # "أحبط" of something that is no weapon: dropped


REFINEMENTS: tuple[Refinement, ...] = (
    _r(
        "refine.shelling.aircraft",
        "shelling words in a sentence about aircraft make an air strike (قصفت الطائرات)",
        frozenset({"shelling"}),
        _shelling_by_aircraft,
        ("قصفت الطائرات الحربية مواقع المسلحين.",),
        ("قصفت المدفعية مواقع المسلحين.",),
    ),
    _r(
        "refine.attack.aircraft_subject",
        "a generic attack verb with aircraft as its subject is an air strike (استهدف طيران التحالف)",
        frozenset({"attack"}),
        _attack_by_aircraft,
        ("استهدف طيران التحالف رتلا للمسلحين على الطريق.",),
        ("استهدف مسلحون رتلا للجيش على الطريق.",),
        Scope.TOKENS,
    ),
    _r(
        "refine.looting.people_burned",
        "burning people (إحراق ستة أطفال) is an attack on them, not property destruction",
        frozenset({"looting"}),
        _burning_people,
        ("أقدم المسلحون على إحراق ستة أطفال في القرية.",),
        ("أقدم المسلحون على إحراق منازل الأطفال في القرية.",),
        Scope.TOKENS,
    ),
    _r(
        "refine.civilian_victims",
        "civilians or people named by no side (أشخاص، المارة، رهائن) as the only victims named make "
        "violence against civilians",
        frozenset({"attack", "gunfire", "killing"}),
        _civilian_victims,
        (
            "أطلق مجهولون النار على مدنيين في سوق حلب أمس.",
            "أطلق مسلحون مجهولون النار على أربعة مدنيين في قرية قرب درعا.",
            "قتل خمسة أشخاص في هجوم مسلح على سوق في البلدة أمس.",
            "أطلق مجهولون النار على المارة في سوق البلدة أمس.",
        ),
        (
            "أطلق مجهولون النار على جنود في سوق حلب أمس.",
            "قتل أربعة مدنيين ومسلحين في اشتباك قرب درعا.",
            "قتل خمسة أشخاص ومسلحان في هجوم على حاجز قرب درعا أمس.",
        ),
    ),
    _r(
        "refine.civilian_site",
        "an attack, gunfire or killing aimed at a place where people gather unarmed (a mosque, church, "
        "market, school, bus, restaurant, hotel, concert) or at a religious community, with no fighter "
        "or force named in the sentence, is violence against civilians",
        frozenset({"attack", "gunfire", "killing"}),
        _civilian_site,
        (
            "أطلق مجهولون النار على حافلة تقل أقباطا في المنيا أمس.",
            "هاجم مسلح ملهى ليليا في إسطنبول ليلة رأس السنة.",
        ),
        (
            "أطلق مسلحون النار على دورية للجيش قرب السوق أمس.",
            "هاجم مسلحون حاجزا للشرطة قرب مسجد البلدة أمس.",
        ),
    ),
    _r(
        "refine.protest.excessive_force",
        "a protest with people killed or wounded is excessive force against protesters",
        frozenset({"protest"}),
        _excessive_force,
        ("قتل ثلاثة متظاهرين خلال مظاهرة في العاصمة.",),
        ("خرجت مظاهرة سلمية في العاصمة.",),
    ),
    _r(
        "refine.protest.intervention",
        "a protest dispersed by force (تفريق، الغاز المسيل) is a protest with intervention",
        frozenset({"protest"}),
        _intervention,
        ("فرقت الشرطة مظاهرة في حلب أمس باستخدام خراطيم المياه.",),
        ("خرجت مظاهرة سلمية في العاصمة.",),
    ),
    _r(
        "refine.disrupted.no_weapon",
        "foiling, seizing or shooting down something that is no weapon is no incident (أحبط مخططا "
        "للاحتيال، ضبط بضائع)",
        frozenset({"disrupted"}),
        _disrupted_without_weapon,
        ("ضبطت الجمارك كمية من السجائر المهربة.",),
        ("ضبطت الجمارك كمية من الأسلحة المهربة.",),
    ),
)


@dataclass(frozen=True, kw_only=True)
class UnitRule(Rule):
    """A rule over the candidates of one report unit (its logic lives in `incidents.py`)."""


def _u(id: str, description: str, fires: tuple[str, ...], spares: tuple[str, ...]) -> UnitRule:
    return UnitRule(
        id=id, phase=Phase.REFINE, description=description, scope=Scope.SENTENCE, fires=fires, spares=spares
    )


SUICIDE_ABSORBS = _u(
    "refine.suicide_absorbs",
    "a suicide bombing absorbs the car bomb or attack words that tell it (فجر انتحاري سيارة مفخخة)",
    ("فجر انتحاري سيارة مفخخة قرب حاجز للجيش.",),
    ("انفجرت سيارة مفخخة قرب حاجز للجيش.",),
)
CHEMICAL_ABSORBS = _u(
    "refine.chemical_absorbs",
    "a chemical attack absorbs the strike, shelling or attack words that deliver it (قصف جوي بغازات سامة)",
    ("قتل عشرون شخصا في قصف جوي بغازات سامة على البلدة أمس.",),
    ("قتل عشرون شخصا في قصف جوي على البلدة أمس.",),
)
DISRUPTION_ABSORBS = _u(
    "refine.disruption_absorbs",
    "a foiled attack with nobody killed is the disruption, not an attack (أحبطت الشرطة هجوما)",
    ("أحبطت الشرطة هجوما بسيارة مفخخة قرب الملعب.",),
    ("قتل شرطي خلال إحباط هجوم بسيارة مفخخة قرب الملعب.",),
)
GENERIC_NEEDS_CONCRETE = _u(
    "refine.generic_needs_concrete",
    "a generic attack word counts only with a death or injury, a place, or a deed verb on a named day",
    ("ألقى وزير الداخلية كلمة عن الاعتداء أمام البرلمان.",),
    ("أصيب شرطيان في اعتداء على مركز للأمن في بلدة الرميلة.",),
)
GENERIC_ABSORBED = _u(
    "refine.generic_absorbed",
    "a generic attack word is absorbed by the specific event word of its unit (هجوم بقذائف الهاون is "
    "shelling), or by the first generic word when there is no specific one",
    ("قتل جنديان في هجوم بقذائف الهاون على الحاجز في حلب.",),
    ("شن مسلحون هجوما على حاجز في حلب أمس.",),
)
ONE_PER_KIND = _u(
    "refine.one_per_kind",
    "one candidate per kind of event in a report unit: the first that is not after a reference word",
    ("قصفت القوات حلب بالمدفعية أمس، ثم قصفت قرية قريبة منها.",),
    ("قتل خمسة جنود في اشتباكات قرب حلب أمس.",),
)
TERRITORY_ABSORBS_CLASH = _u(
    "refine.territory_absorbs_clash",
    "fighting that takes a place is coded as the change of territory, and of the two kinds of "
    "territory change the later telling wins",
    ("سيطر المسلحون على بلدة الرميلة بعد معارك عنيفة.",),
    ("دارت معارك عنيفة قرب بلدة الرميلة.",),
)
SPECIFIC_ABSORBS_CLASH = _u(
    "refine.specific_absorbs_clash",
    "the attack, gunfire or death words that describe a bombing or an attack on civilians are not a "
    "clash beside it",
    ("انفجرت عبوة ناسفة بدورية ثم أطلق المسلحون النار على الجنود في حلب أمس.",),
    ("اندلعت اشتباكات قرب حلب أمس بعد انفجار سيارة مفخخة.",),
)

UNIT_RULES: tuple[UnitRule, ...] = (
    SUICIDE_ABSORBS,
    CHEMICAL_ABSORBS,
    DISRUPTION_ABSORBS,
    GENERIC_NEEDS_CONCRETE,
    GENERIC_ABSORBED,
    ONE_PER_KIND,
    TERRITORY_ABSORBS_CLASH,
    SPECIFIC_ABSORBS_CLASH,
)

RULES: tuple[Rule, ...] = (*REFINEMENTS, *UNIT_RULES)
