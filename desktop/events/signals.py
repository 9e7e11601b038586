"""Evidence signals: named features of a bound incident that say how strongly its sentence reports it
as having happened, and the decision that keeps or drops it.

Each signal has an id, a description, a `weight` and a `value` (0 or 1 for most). The score is the
sum of weight × value over the signals; `DECISION` keeps an incident whose score reaches its
threshold. The weights and the threshold are the hand-set values the rules were written with; they
are named here, one per signal, so that a learned model can replace them (see the incident
classifier). Every signal that fires is in the trace with its contribution.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from desktop.events import lexicon as lx
from desktop.events.fields import SentenceView
from desktop.events.model import Incident, has_day
from desktop.rules import Phase, Rule, Scope
from desktop.text.normalize import normalize, normalize_word

Value = Callable[[SentenceView, Incident], float]


@dataclass(frozen=True, kw_only=True)
class Signal(Rule):
    """A named piece of evidence for (positive weight) or against (negative) a report."""

    weight: float
    value: Value


def _s(id: str, weight: float, description: str, value: Value, fires: tuple[str, ...],
       spares: tuple[str, ...], scope: Scope = Scope.SENTENCE) -> Signal:  # fmt: skip
    return Signal(
        id=id,
        phase=Phase.SCORE,
        description=description,
        scope=scope,
        fires=fires,
        spares=spares,
        weight=weight,
        value=value,
    )


def _verb_near(view: SentenceView, inc: Incident) -> float:
    return float(any(view.words_between(v[0], inc.trigger[0]) <= 8 for v in view.find(lx.VERBAL)))


def _verb_far(view: SentenceView, inc: Incident) -> float:
    verbs = view.find(lx.VERBAL)
    return float(bool(verbs) and not _verb_near(view, inc))


def _toll(inc: Incident) -> bool:
    return inc.fields.get("fatalities") is not None or inc.fields.get("injuries") is not None


def _bare_noun(view: SentenceView, inc: Incident) -> float:
    return float(not view.find(lx.VERBAL) and not _toll(inc))


def _weapon(view: SentenceView, inc: Incident) -> float:
    return float(bool(inc.fields.get("weapon")))


def _toll_signal(view: SentenceView, inc: Incident) -> float:
    return float(_toll(inc))


def _harm_words(view: SentenceView, inc: Incident) -> float:
    return float(not _toll(inc) and bool(view.find(lx.DEATH) or view.find(lx.INJURY) or view.find(lx.LOSSES)))


def _place_here(view: SentenceView, inc: Incident) -> bool:
    loc = inc.fields_evidence.get("location")
    return bool(inc.fields.get("location")) and loc is not None and view.span.start <= loc[0] < view.span.end


def _place_in_sentence(view: SentenceView, inc: Incident) -> float:
    return float(_place_here(view, inc))


def _place_elsewhere(view: SentenceView, inc: Incident) -> float:
    return float(not _place_here(view, inc) and bool(inc.fields.get("location") or view.find(lx.PLACE_NOUN)))


def _day_named(view: SentenceView, inc: Incident) -> float:
    return float(has_day(view))


def _date_named(view: SentenceView, inc: Incident) -> float:
    return float(not has_day(view) and bool(view.dates))


def _date_inherited(view: SentenceView, inc: Incident) -> float:
    return float(not view.dates and bool(inc.fields.get("date")))


def _actor(view: SentenceView, inc: Incident) -> float:
    return float(bool(inc.fields.get("actor1") or inc.fields.get("actor2")))


_PREPOSITION = frozenset(("في", "على", "علي", "من", "عن", "الى", "إلى", "مع", "خلال", "بعد", "قبل"))


def after_reference(view: SentenceView, t0: int) -> bool:
    """The trigger right after a reference word (`قضية اغتيال`, `ذكرى مجزرة`), at most one word
    apart unless that word is a preposition (`قوات النظام في اشتباكات` is no reference)."""
    text = view.doc.text
    for _r0, r1 in view.find(lx.REFERENCE):
        if r1 > t0:
            continue
        gap = view.words_between(r1, t0)
        if gap == 0 or (gap == 1 and text[r1:t0].strip() not in _PREPOSITION):
            return True
    return any(r1 <= t0 and view.words_between(r1, t0) == 0 for _r0, r1 in view.find(lx.REFERENCE_ADJACENT))


def _after_reference(view: SentenceView, inc: Incident) -> float:
    return float(after_reference(view, inc.trigger[0]))


def _kind_of_violence(view: SentenceView, inc: Incident) -> float:
    f = inc.fields
    word = normalize_word(view.doc.text[inc.trigger[0] : inc.trigger[1]])
    vague_place = f.get("location") is None or f.get("geo_precision") == 3
    return float(bool(lx.DEFINITE_NOUN.match(word)) and not _toll(inc) and not view.dates and vague_place)


def _relatives(view: SentenceView, inc: Incident) -> list[tuple[int, int]]:
    t0 = inc.trigger[0]
    return [r for r in view.find(lx.RELATIVE) if r[1] <= t0 and not view.has_break_between(r[1], t0)]


def _relative_adjacent(view: SentenceView, inc: Incident) -> float:
    return float(any(view.words_between(r[1], inc.trigger[0]) == 0 for r in _relatives(view, inc)))


def _relative_near(view: SentenceView, inc: Incident) -> float:
    rel = _relatives(view, inc)
    t0 = inc.trigger[0]
    return float(
        not any(view.words_between(r[1], t0) == 0 for r in rel)
        and any(view.words_between(r[1], t0) <= 2 for r in rel)
    )


def _disjunction(view: SentenceView, inc: Incident) -> float:
    t0, t1 = inc.trigger
    return float(
        any(
            d[1] == t0 or (d[0] > t1 and view.words_between(t1, d[0]) == 0) for d in view.find(lx.DISJUNCTION)
        )
    )


def _topic_of(view: SentenceView, t0: int) -> bool:
    """An event noun governed by a preposition of topic (`ردود فعل على اغتيال`, `بشأن إعدام`)."""
    results = view.find(lx.RESULT_VERB)

    def governed(m0: int) -> bool:  # "أسفر عن", "أقدم متمردو بوكو حرام أمس على", "أعلنت الحكومة، السبت، عن"
        return any(r[1] <= m0 + 1 and view.words_between(r[1], m0) <= 8 for r in results)

    return any(m[1] == t0 and not governed(m[0]) for m in view.find(lx.TOPIC))


def _accused(view: SentenceView, t0: int) -> bool:
    """An event word in the clause of an accusation (`اتهم ... بالضلوع في تفجير`)."""
    return any(
        a[1] <= t0 and view.words_between(a[1], t0) <= 10 and not view.has_break_between(a[1], t0)
        for a in view.find(lx.ACCUSATION)
    )


def _topic_or_accused(view: SentenceView, inc: Incident) -> float:
    t0 = inc.trigger[0]
    return float(_topic_of(view, t0) or _accused(view, t0))


def _accident_words(view: SentenceView, inc: Incident) -> float:
    return float(bool(view.find(lx.ACCIDENT_WORDS)))


def _court_or_crime(view: SentenceView, inc: Incident) -> float:
    return float(bool(view.find(lx.JUDICIAL)))


def _history_word(view: SentenceView, inc: Incident) -> float:
    return float(bool(view.find(lx.THEN)))


def _funeral(view: SentenceView, inc: Incident) -> float:
    return float(bool(view.find(lx.FUNERAL)))


def _habitual_near(view: SentenceView, inc: Incident) -> float:
    t0 = inc.trigger[0]
    return float(
        any(
            abs(view.words_between(h[0], t0)) <= 3 and not view.has_break_between(h[0], t0)
            for h in view.find(lx.HABITUAL)
        )
    )


def _habitual(view: SentenceView, inc: Incident) -> float:
    return float(
        not _habitual_near(view, inc)
        and bool(view.find(lx.HABITUAL))
        and inc.fields.get("fatalities") is None
        and not has_day(view)
    )


# A fronted place before the verb: "وفي X قصفت ...".
_FRONTED_PLACE = re.compile(r"^(?:و|ف)?(?:اما )?(?:في|داخل|قرب) ")  # "أما في X فدارت"


def _clause_initial_verb(view: SentenceView, inc: Incident) -> float:
    """A finite verb of violence near the trigger that opens its clause: at the sentence start, or
    after at most four words that end with a comma (`من ناحية ثانية،`) or name a place (`وفي حلب`)."""
    text = view.doc.text
    t0 = inc.trigger[0]
    for v0, _ in view.find(lx.VERBAL):
        if view.words_between(v0, t0) > 6:
            continue
        before = text[view.span.start : v0].rstrip()
        if not before:
            return 1.0
        opener = before.endswith((",", "،", ":", "؛")) or _FRONTED_PLACE.match(normalize(before).text)
        if opener and len(before.split()) <= 4:
            return 1.0
    return 0.0


RULES: tuple[Signal, ...] = (
    _s(
        "score.verb.near",
        1.5,
        "a finite verb of violence within eight words of the trigger",
        _verb_near,
        ("قصفت الطائرات البلدة أمس.",),
        ("أعلن المتحدث أن الحكومة تبحث خطة جديدة للتعليم.",),
    ),
    _s(
        "score.verb.far",
        1.0,
        "a finite verb of violence in the sentence, but not near the trigger",
        _verb_far,
        ("القصف العنيف على الأحياء الشرقية والغربية من مدينة حلب القديمة أمس أسفر عن مقتل ثلاثة.",),
        ("قصفت الطائرات البلدة أمس.",),
    ),
    _s(
        "score.bare_noun",
        -0.5,
        "an event noun with neither a verb nor a toll: mentioned, not reported",
        _bare_noun,
        ("ارتفاع أسعار الخبز بعد انفجار في المخبز الرئيسي بالرميلة أمس.",),
        ("قتل ثلاثة في انفجار في المخبز الرئيسي بالرميلة أمس.",),
    ),
    _s(
        "score.weapon",
        0.5,
        "a weapon named in the sentence",
        _weapon,
        ("أطلق مسلحون النار من بنادق كلاشنكوف على حاجز في الرميلة أمس.",),
        ("أطلق مسلحون النار على حاجز في الرميلة أمس.",),
    ),
    _s(
        "score.toll",
        1.5,
        "a toll bound to the incident (killed or wounded)",
        _toll_signal,
        ("قتل ثلاثة جنود في هجوم على حاجز في الرميلة.",),
        ("هاجم مسلحون حاجزا في الرميلة أمس.",),
    ),
    _s(
        "score.harm_words",
        0.75,
        "words of death, injury or losses without a figure (خسائر بشرية، قتلى وجرحى)",
        _harm_words,
        ("أسفر القصف على الرميلة أمس عن سقوط قتلى وجرحى.",),
        ("أسفر القصف على الرميلة أمس عن مقتل ثلاثة.",),
    ),
    _s(
        "score.place.in_sentence",
        1.0,
        "the incident's place is named in its own sentence",
        _place_in_sentence,
        ("قصفت الطائرات بلدة الرميلة أمس.",),
        ("قصفت الطائرات البلدة أمس.",),
    ),
    _s(
        "score.place.elsewhere",
        0.5,
        "a place from the sentence before, or a place noun (منطقة، حي) in the sentence",
        _place_elsewhere,
        ("وصل الوفد إلى الرميلة أمس. وقصفت الطائرات البلدة صباح اليوم.",),
        ("قصفت الطائرات بلدة الرميلة أمس.",),
    ),
    _s(
        "score.date.day",
        1.5,
        "a day named in the sentence: the report of something that happened then",
        _day_named,
        ("قصفت الطائرات الرميلة أمس.",),
        ("قصفت الطائرات الرميلة.",),
    ),
    _s(
        "score.date.period",
        1.0,
        "a date coarser than a day in the sentence (a month, a year)",
        _date_named,
        ("قصفت الطائرات الرميلة في مارس.",),
        ("قصفت الطائرات الرميلة أمس.",),
    ),
    _s(
        "score.date.inherited",
        0.5,
        "no date in the sentence, but one bound from the article",
        _date_inherited,
        ("وصل الوفد إلى الرميلة أمس. وقصفت الطائرات البلدة.",),
        ("قصفت الطائرات الرميلة أمس.",),
    ),
    _s(
        "score.actor",
        0.5,
        "an initiator or a target bound to the incident",
        _actor,
        ("قصف الجيش السوري الرميلة أمس.",),
        ("قصفت الطائرات الرميلة أمس.",),
    ),
    _s(
        "score.after_reference",
        -2.0,
        "the trigger right after a reference word (قضية اغتيال، ذكرى مجزرة، في أعقاب)",
        _after_reference,
        ("نظرت المحكمة في الرميلة أمس في قضية اغتيال المحامي.",),
        ("اغتال مسلحون المحامي في الرميلة أمس.",),
        Scope.TOKENS,
    ),
    _s(
        "score.kind_of_violence",
        -1.0,
        "a definite event noun with no toll, date or precise place names a kind of violence (القتل والخطف)",
        _kind_of_violence,
        ("ويعاني السكان من الخطف والقتل.",),
        ("قتل ثلاثة أشخاص في الرميلة أمس.",),
        Scope.TOKENS,
    ),
    _s(
        "score.relative.adjacent",
        -1.5,
        "a relative pronoun right before the trigger describes people by a past deed (الذين اغتالوا)",
        _relative_adjacent,
        ("ووصل إلى حلب أمس الرجال الذين اغتالوا المحامي.",),
        ("اغتال مسلحون المحامي في الرميلة أمس.",),
        Scope.TOKENS,
    ),
    _s(
        "score.relative.near",
        -1.0,
        "a relative pronoun two words before the trigger: background about someone (الذي قتل في)",
        _relative_near,
        ("ووصل إلى المدينة شقيق الصحفي الذي قتل في انفجار.",),
        ("قتل الصحفي في انفجار بالرميلة أمس.",),
        Scope.TOKENS,
    ),
    _s(
        "score.disjunction",
        -1.5,
        "kinds of violence joined by أو (القتل أو الاختطاف)",
        _disjunction,
        ("ويتعرض الصحفيون في حلب للقتل أو الاختطاف.",),
        ("قتل صحفي في الرميلة أمس.",),
        Scope.TOKENS,
    ),
    _s(
        "score.topic_or_accusation",
        -1.5,
        "an event noun governed by a preposition of topic (ردود فعل على اغتيال) or in an accusation",
        _topic_or_accused,
        (
            "توالت ردود الفعل على اغتيال المحامي.",
            "اتهم المتحدث في مؤتمر صحفي عقده أمس المعارضة بالضلوع في تفجير سوق حلب.",
        ),
        ("اغتال مسلحون المحامي في الرميلة أمس.",),
        Scope.CLAUSE,
    ),
    _s(
        "score.funeral",
        -1.5,
        "a funeral or condolence in the sentence: the deaths are told elsewhere",
        _funeral,
        ("وقال المتحدث إن ثلاثة قتلوا في حلب أمس في انفجار وإن تشييع جثامينهم جرى اليوم.",),
        ("قتل ثلاثة في الرميلة أمس.",),
    ),
    _s(
        "score.accident_words",
        -1.0,
        "a word of a natural disaster or a dangerous animal elsewhere in the sentence "
        "(زلزال، سيول، عاصفة، قرش)",
        _accident_words,
        ("قتل ثلاثة جنود في حلب أمس، في يوم شهد فيه الساحل زلزالا خفيفا.",),
        ("قتل ثلاثة جنود في حلب أمس.",),
    ),
    _s(
        "score.court_or_crime",
        -1.5,
        "a court sentence or a common crime elsewhere in the sentence (قصاص، تعزير، جريمة سرقة)",
        _court_or_crime,
        ("ألقت الشرطة القبض على مهرب في الرياض أمس، وصدر بحقه حكم بقتله تعزيرا.",),
        ("ألقت الشرطة القبض على مسلح في الرياض أمس.",),
    ),
    _s(
        "score.history_word",
        -1.5,
        "history told as such elsewhere in the sentence (آنذاك، في ذلك الوقت)",
        _history_word,
        ("قتل ثلاثة في القصف على حلب أمس، وكانت المدينة آنذاك تحت الحصار.",),
        ("قتل ثلاثة في القصف على حلب أمس.",),
    ),
    _s(
        "score.habitual.near",
        -1.5,
        "a word of habit near the trigger (التي تتعرض دائما لصواريخ): a state of affairs",
        _habitual_near,
        ("المنطقة تتعرض دائما للقصف.",),
        ("تعرضت المنطقة أمس للقصف.",),
        Scope.TOKENS,
    ),
    _s(
        "score.habitual.sentence",
        -1.0,
        "a word of habit elsewhere in a sentence with no day and no deaths",
        _habitual,
        ("ويعيش السكان في حلب حياة صعبة، ويتعرضون لإطلاق النار من القناصة كل يوم، فالقصف لا يتوقف عادة.",),
        ("تعرضت المنطقة أمس للقصف.",),
    ),
    _s(
        "score.clause_initial_verb",
        0.5,
        "a verb of violence that opens its clause (فجر انتحاري سيارة): the narrative of the news",
        _clause_initial_verb,
        ("فجر انتحاري سيارة مفخخة قرب الحاجز.",),
        ("أعلنت الشرطة أن سيارة مفخخة انفجرت قرب الحاجز.",),
        Scope.CLAUSE,
    ),
)


@dataclass(frozen=True, kw_only=True)
class Decision(Rule):
    """Keeps an incident whose evidence score reaches `threshold`."""

    threshold: float


DECISION = Decision(
    id="score.reported",
    phase=Phase.SCORE,
    description="the sentence reports the incident as having happened: its evidence score reaches the "
    "threshold the rules were written with",
    scope=Scope.SENTENCE,
    fires=("ويعاني السكان من الخطف والقتل.",),
    spares=("قتل ثلاثة جنود في هجوم على حاجز في الرميلة أمس.",),
    threshold=3.25,
)


def score(view: SentenceView, inc: Incident) -> float:
    """The evidence score of an incident; every signal that fires is recorded in its trace."""
    total = 0.0
    for signal in RULES:
        value = signal.value(view, inc)
        if value:
            inc.signals[signal.id] = value
            contribution = signal.weight * value
            inc.trace.hit(signal.id, contribution)
            total += contribution
    return total


__all__ = ["DECISION", "RULES", "Signal", "after_reference", "score"]
