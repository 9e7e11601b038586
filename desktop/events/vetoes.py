"""Veto rules: precise constructions near a trigger that show it reports no real incident.

A veto names a cue (a lexicon pattern) and the window around the trigger where the cue must stand
(`Window`: words before or after, covering it, within the trigger's clause), optionally the kinds of
trigger it applies to and a further test. The first veto that applies drops the candidate; its id
is the candidate's `dropped_by`. Vetoes run in the order of `RULES`.

A bare cue word elsewhere in the sentence never kills a candidate: what is only a hint (a funeral
mentioned, a word of habit) is an evidence signal (`desktop.events.signals`), weighed with the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from desktop.events import lexicon as lx
from desktop.events.fields import SentenceView
from desktop.events.model import Candidate
from desktop.rules import Phase, Rule, Scope

Evidence = tuple[int, int]


@dataclass(frozen=True)
class Window:
    """Where a cue must stand relative to the trigger: up to `before` words before it, up to
    `after` words after it, or over it (`covers`); with `clause`, no clause break in between.
    `None` for before/after means that side is not allowed; `ANY` allows any distance."""

    before: int | None = None
    after: int | None = None
    covers: bool = False
    clause: bool = False

    def holds(self, view: SentenceView, cue: Evidence, trigger: Evidence) -> bool:
        t0, t1 = trigger
        if self.covers and cue[0] <= t0 < cue[1]:
            return True
        if self.before is not None and cue[1] <= t0 and view.words_between(cue[1], t0) <= self.before:
            return not (self.clause and view.has_break_between(cue[1], t0))
        if self.after is not None and cue[0] >= t1 and view.words_between(t1, cue[0]) <= self.after:
            return not (self.clause and view.has_break_between(t1, cue[0]))
        return False


ANY = 10_000  # any number of words
AROUND_IN_CLAUSE = Window(before=ANY, after=ANY, covers=True, clause=True)

Test = Callable[[SentenceView, Candidate], bool]


@dataclass(frozen=True, kw_only=True)
class Veto(Rule):
    """A construction that drops a candidate: `cue` within `window` of the trigger, for the trigger
    `kinds` given (all when None), and `test` when given (all that apply must hold)."""

    cue: re.Pattern[str] | None = None
    window: Window | None = None
    kinds: frozenset[str] | None = None
    test: Test | None = None

    def applies(self, view: SentenceView, cand: Candidate) -> bool:
        if self.kinds is not None and cand.kind not in self.kinds:
            return False
        if self.cue is not None:
            window = self.window or AROUND_IN_CLAUSE
            if not any(window.holds(view, cue, cand.span) for cue in view.find(self.cue)):
                return False
        return self.test is None or self.test(view, cand)


def _veto(
    id: str,
    description: str,
    scope: Scope,
    fires: tuple[str, ...],
    spares: tuple[str, ...],
    cue: re.Pattern[str] | None = None,
    window: Window | None = None,
    kinds: frozenset[str] | None = None,
    test: Test | None = None,
) -> Veto:
    return Veto(
        id=id,
        phase=Phase.BLOCK,
        description=description,
        scope=scope,
        fires=fires,
        spares=spares,
        cue=cue,
        window=window,
        kinds=kinds,
        test=test,
    )


# --- tests for vetoes that are not a cue in a window ------------------------------------------------


def _purpose_noun(view: SentenceView, cand: Candidate) -> bool:
    t0 = cand.span[0]
    return any(p[0] == t0 for p in view.find(lx.PURPOSE_NOUN)) and not any(
        e[1] <= t0 for e in view.find(lx.EXPERIENCED)
    )


def _inside_date(view: SentenceView, cand: Candidate) -> bool:
    return any(d.start <= cand.span[0] < d.end for d in view.dates)


def _negated(view: SentenceView, cand: Candidate) -> bool:
    t0 = cand.span[0]
    return any(neg[0] <= t0 <= neg[1] + 1 for neg in view.find(lx.NEGATION))


# A toll or a count of strikes this large sums many events ("ألقت 14297 برميلا").
AGGREGATE_TOLL = 1000


def _tally(view: SentenceView, cand: Candidate) -> bool:
    t0 = cand.span[0]
    return any(
        isinstance(n.attrs.get("value"), int)
        and n.attrs["value"] >= AGGREGATE_TOLL
        and n.end <= t0
        and view.words_between(n.end, t0) <= 1
        for n in view.numbers
    )


def _anaphoric(view: SentenceView, cand: Candidate) -> bool:
    t0 = cand.span[0]
    return cand.generic and any(a[1] + 1 >= t0 and a[1] <= t0 for a in view.find(lx.ANAPHORIC))


def _object_of(view: SentenceView, cand: Candidate, place_start: int) -> bool:
    """A place introduced by على later in the trigger's clause (`سيطرت قوات ... على منطقة العين`)."""
    between = view.doc.text[cand.span[1] : place_start]
    return "على" in between and not view.has_break_between(cand.span[1], place_start)


def _history_told(view: SentenceView, cand: Candidate) -> bool:
    """The history marker is in the trigger's clause, or the sentence names no day of its own."""
    if not any(d.attrs.get("precision") == "day" for d in view.dates):
        return True
    return any(AROUND_IN_CLAUSE.holds(view, cue, cand.span) for cue in view.find(lx.THEN))


def _no_territory(view: SentenceView, cand: Candidate) -> bool:
    return not any(
        e.label == "LOC"
        and e.start >= cand.span[1]
        and (view.words_between(cand.span[1], e.start) <= 4 or _object_of(view, cand, e.start))
        for e in view.entities
    )


def _no_force(view: SentenceView, cand: Candidate) -> bool:
    return not (
        any(e.label in ("ORG", "ACTOR") for e in view.entities)
        or view.find(lx.COMBATANTS)
        or view.find(lx.FORCES)
    )


_WEAPON_KINDS = frozenset({"shelling", "ied", "air", "chemical", "grenade"})
# Triggers of harm to people that an accident, a disaster or a mishap can explain.
_HARM_KINDS = frozenset({"ied", "attack", "gunfire", "killing", "abduction"})
_TERRITORY_KINDS = frozenset({"regain", "overtake"})

RULES: tuple[Veto, ...] = (
    _veto(
        "block.irrealis",
        "a threat, plan, condition, denial, condemnation, warning or trial up to eight words before "
        "the trigger in its clause (سوف، هدد، في حال، نفى، أدان، حذر من)",
        Scope.CLAUSE,
        ("هدد التنظيم بتفجير السفارات في العاصمة.", "نفت الوزارة قصف المدينة أمس."),
        ("فجر التنظيم سيارة مفخخة قرب السفارة أمس.",),
        cue=lx.IRREALIS,
        window=Window(before=8, clause=True),
    ),
    _veto(
        "block.purpose.clause",
        "a purpose right before the trigger (من أجل، بهدف، لشن، لتنفيذ)",
        Scope.TOKENS,
        ("أرسلت الجماعة عناصرها إلى الحدود من أجل استهداف المواقع العسكرية.",),
        ("هاجمت الجماعة المواقع العسكرية على الحدود أمس.",),
        cue=lx.PURPOSE,
        window=Window(before=1),
    ),
    _veto(
        "block.purpose.noun",
        "an event noun with ل as a purpose (خطط لتفجير), unless a verb of undergoing (تعرض ل) governs it",
        Scope.TOKENS,
        (
            "اجتمع القادة لاستهداف المقرات الحكومية في الشهر المقبل.",
            "وصلت تعزيزات عسكرية إلى المنطقة لتحرير بلدة الرميلة.",
        ),
        ("تعرضت دورية للشرطة لهجوم مسلح أمس.",),
        test=_purpose_noun,
    ),
    _veto(
        "block.date_word",
        "the trigger word is part of a date (فجر أمس is dawn, not a bombing)",
        Scope.TOKENS,
        ("عاد الصيادون إلى الميناء فجر أمس.",),
        ("فجر مسلحون عبوة ناسفة أمس.",),
        test=_inside_date,
    ),
    _veto(
        "block.funeral",
        "a funeral or condolence before the trigger in its clause (تشييع، جثمان، عزاء)",
        Scope.CLAUSE,
        ("شيع الأهالي جثامين الضحايا الذين قتلوا في التفجير.",),
        ("قتل ثلاثة في التفجير، وشيع الأهالي جثامينهم اليوم.",),
        cue=lx.FUNERAL,
        window=Window(before=ANY, clause=True),
    ),
    _veto(
        "block.negated",
        "a negation governs the trigger (لم، لن، دون وقوع)",
        Scope.TOKENS,
        ("لم تقصف الطائرات المدينة منذ أسبوع.", "انتهت المظاهرة دون وقوع اشتباكات."),
        ("قصفت الطائرات المدينة أمس.",),
        test=_negated,
    ),
    _veto(
        "block.aggregate.period",
        "a toll over weeks or months in the trigger's clause (خلال الأشهر، منذ بداية، حصيلة، على مدى)",
        Scope.CLAUSE,
        ("قتل أكثر من مئتي شخص في المعارك خلال الأشهر الثلاثة الماضية.",),
        ("قتل ثلاثة أشخاص في المعارك أمس.", "ارتفعت حصيلة الهجوم الذي استهدف حافلة في المنيا إلى 28 قتيلا."),
        cue=lx.AGGREGATE,
    ),
    _veto(
        "block.aggregate.report",
        "a report documenting tolls before the trigger in its clause (وثق التقرير، رصد التقرير، التقرير "
        "الشهري) tells a periodic tally, not one event",
        Scope.CLAUSE,
        ("ووثق التقرير مقتل 212 مدنيا بينهم 40 طفلا في المحافظات الشمالية.",),
        ("ووثقت الشبكة مقتل خمسة مدنيين في قصف على بلدة كفرنبل أمس.",),
        cue=lx.REPORT_TALLY,
        window=Window(before=ANY, clause=True),
    ),
    _veto(
        "block.aggregate.reign",
        "a period that starts with someone's rule, fronted before the trigger (منذ وصول ... إلى الحكم)",
        Scope.SENTENCE,
        ("منذ وصول الرئيس إلى الحكم، اعتقلت السلطات آلاف المعارضين.",),
        ("اعتقلت السلطات عشرة معارضين أمس بعد وصول الرئيس إلى المدينة.",),
        cue=lx.REIGN,
        window=Window(before=ANY),
    ),
    _veto(
        "block.history.then",
        "history told as such (آنذاك، في ذلك الوقت, a period of past weeks) in the trigger's clause, or "
        "anywhere in a sentence that names no day",
        Scope.SENTENCE,
        (
            "وقتل آنذاك عشرات المدنيين في القصف.",
            "وقتل مئات الأشخاص في الهجوم، ودمر آنذاك قسم كبير من المدينة.",
        ),
        ("وقتل أمس عشرات المدنيين في القصف على حلب، وكانت المدينة آنذاك تحت الحصار.",),
        cue=lx.THEN,
        window=Window(before=ANY, after=ANY, covers=True),
        test=_history_told,
    ),
    _veto(
        "block.aggregate.tally",
        "a count in the thousands right before the trigger (14297 برميلا) is a tally",
        Scope.TOKENS,
        ("ألقت الطائرات 14297 برميلا متفجرا على المحافظة.",),
        ("ألقت الطائرات 12 برميلا متفجرا على البلدة أمس.",),
        test=_tally,
    ),
    _veto(
        "block.opinion",
        "the trigger in the 'أن' clause of a view or prediction (يتوقع أن، أعتقد أن، يرى أن)",
        Scope.SENTENCE,
        ("أظن أن الجماعة هاجمت المدينة الساحلية أمس.",),
        ("أكد المتحدث أن الجماعة هاجمت المدينة الساحلية أمس.",),
        cue=lx.OPINION,
        window=Window(before=ANY),
    ),
    _veto(
        "block.anaphoric",
        "a generic word after a demonstrative refers back to an event already told (هذا الهجوم); the "
        "sentence's other generic words go with it",
        Scope.TOKENS,
        ("وأثار هذا الهجوم موجة من الغضب في البلاد.",),
        ("وأثار الهجوم على السوق أمس موجة من الغضب في البلاد.",),
        test=_anaphoric,
    ),
    _veto(
        "block.territory.no_place",
        "taking or retaking control with no place taken (استعاد الفريق توازنه)",
        Scope.CLAUSE,
        ("استعادت القوات زمام المبادرة بعد الهجوم.",),
        ("استعادت القوات السيطرة على بلدة الرميلة بعد الهجوم.",),
        kinds=_TERRITORY_KINDS,
        test=_no_territory,
    ),
    _veto(
        "block.territory.no_force",
        "taking control where nobody armed is named (سيطرت الشركات على السوق)",
        Scope.SENTENCE,
        ("سيطرت الشركات التركية على أسواق حلب هذا العام.",),
        ("سيطرت قوات المعارضة على مدينة الرميلة.",),
        kinds=_TERRITORY_KINDS,
        test=_no_force,
    ),
    _veto(
        "block.trade",
        "weapons supplied, sold, bought, smuggled or made (سلمت صواريخ، تهريب أسلحة) are goods",
        Scope.CLAUSE,
        ("سلمت الولايات المتحدة الجيش صواريخ مضادة للدروع.",),
        ("أطلقت الجماعة صواريخ على الجيش.",),
        cue=lx.TRADE,
        window=Window(before=3, clause=True),
        kinds=_WEAPON_KINDS,
    ),
    _veto(
        "block.accident.road",
        "a road accident in the trigger's clause (حادث سير، اصطدام سيارتين، انقلاب حافلة)",
        Scope.CLAUSE,
        (
            "قتل ثلاثة أشخاص في حادث سير على الطريق السريع قرب حلب.",
            "لقي خمسة مصرعهم في انقلاب حافلة قرب حلب.",
        ),
        (
            "قتل 20 جنديا في محاولة انقلاب في العاصمة.",
            "قتل ثلاثة أشخاص في هجوم على حافلة قرب حلب.",
        ),
        cue=lx.ROAD_ACCIDENT,
        window=Window(before=12, after=12, covers=True, clause=True),
        kinds=_HARM_KINDS,
    ),
    _veto(
        "block.accident.drowning",
        "drowning next to the death word (غرق 20 مهاجرا، توفي غرقا، جرفته السيول)",
        Scope.TOKENS,
        ("لقي عشرون مهاجرا مصرعهم غرقا قبالة السواحل الليبية.",),
        ("قتل عشرون مهاجرا برصاص خفر السواحل قبالة ليبيا.",),
        cue=lx.DROWNING,
        window=Window(before=4, after=4, covers=True, clause=True),
        kinds=frozenset({"killing", "attack"}),
    ),
    _veto(
        "block.accident.disaster",
        "a natural disaster as the cause of the harm within ten words (قتل 20 جراء السيول، أسفر الزلزال عن "
        "مقتل); a named operation (عاصفة الحزم) is no storm",
        Scope.CLAUSE,
        ("قتل عشرون شخصا جراء السيول في محافظة تعز.", "لقي خمسة مصرعهم في زلزال ضرب المنطقة."),
        (
            "قتل جنديان سعوديان في هجوم للحوثيين على موقع حدودي خلال عمليات عاصفة الحزم.",
            "قتل جنديان في قصف على موقع حدودي في عاصفة الحزم.",
        ),
        cue=lx.DISASTER,
        window=Window(before=10, after=10),
        kinds=_HARM_KINDS,
    ),
    _veto(
        "block.accident.fire",
        "a fire as the cause of the deaths within ten words (لقي مصرعه في حريق), not a fire the "
        "attack caused",
        Scope.CLAUSE,
        ("لقي ثلاثة أطفال مصرعهم في حريق شب في منزلهم بحلب.",),
        ("انفجرت عبوة ناسفة في سوق حلب ما أدى إلى حريق ومقتل 4 أشخاص.",),
        cue=lx.FIRE_CAUSE,
        window=Window(before=10, after=10),
        kinds=frozenset({"killing"}),
    ),
    _veto(
        "block.accident.fire_event",
        "an explosion or deaths told as part of a fire accident (في حادث اندلاع حريق وانفجار)",
        Scope.TOKENS,
        ("أصيب عشرون شخصا في حادث اندلاع حريق وانفجار في مبنى سكني بحلب.",),
        ("أصيب عشرون شخصا في انفجار سيارة مفخخة قرب مبنى سكني بحلب.",),
        cue=lx.FIRE_ACCIDENT,
        window=Window(before=4, after=4, clause=True),
        kinds=frozenset({"ied", "killing"}),
    ),
    _veto(
        "block.accident.explosion",
        "an explosion of gas, fuel or a boiler right after the trigger (انفجار أسطوانة غاز)",
        Scope.TOKENS,
        ("قتل شخصان في انفجار أسطوانة غاز داخل مطعم بحلب.",),
        ("قتل شخصان في انفجار عبوة ناسفة داخل مطعم بحلب.",),
        cue=lx.ACCIDENTAL_EXPLOSIVE,
        window=Window(after=3, clause=True),
        kinds=frozenset({"ied"}),
    ),
    _veto(
        "block.accident.crash",
        "an aircraft crash or a technical fault in the trigger's clause (تحطم طائرة، عطل فني)",
        Scope.CLAUSE,
        ("قتل عشرة جنود في تحطم طائرة عسكرية بسبب عطل فني.",),
        ("قتل عشرة جنود في هجوم على طائرة عسكرية في المطار.",),
        cue=lx.CRASH,
        window=Window(before=8, after=8, covers=True, clause=True),
        kinds=_HARM_KINDS,
    ),
    _veto(
        "block.accident.animal",
        "an animal attacks (هجوم سمكة قرش، هاجم تمساح); the unit's other generic attack words go with it",
        Scope.TOKENS,
        (
            "أصيب سائح في هجوم سمكة قرش قبالة الشاطئ.",
            "ووقع الهجوم أمس على الشاطئ، وهو ثالث هجوم لأسماك القرش.",
        ),
        ("أصيب سائح في هجوم مسلح قبالة الشاطئ.",),
        cue=lx.ANIMAL,
        window=Window(before=5, after=3, clause=True),
        kinds=frozenset({"attack", "killing", "abduction"}),
    ),
    _veto(
        "block.accident.mishap",
        "a crowd crush, poisoning, gas leak, suffocation or electrocution as the cause "
        "(جراء تدافع، بسبب تسرب)",
        Scope.CLAUSE,
        ("لقي ثلاثة عمال مصرعهم جراء تسرب غاز في مصنع.", "قتل عشرون حاجا جراء تدافع عند الجسر."),
        ("قتل ثلاثة عمال في هجوم على مصنع.",),
        cue=lx.MISHAP,
        window=Window(before=10, after=10),
        kinds=_HARM_KINDS,
    ),
    _veto(
        "block.disease",
        "a disease next to the death word (قتل وباء الكوليرا 20 شخصا)",
        Scope.TOKENS,
        ("قتل وباء الكوليرا عشرين شخصا في المخيم.",),
        ("قتل القصف عشرين شخصا في المخيم.",),
        cue=lx.DISEASE,
        window=Window(before=3, after=6),
        kinds=frozenset({"killing"}),
    ),
    _veto(
        "block.crime.mental_illness",
        "the killer is described as mentally ill in the trigger's clause (a crime, not political violence)",
        Scope.CLAUSE,
        ("أقدم شاب يشتبه بأنه مريض نفسيا على قتل ثلاثة من أقاربه.",),
        ("أقدم مسلح على قتل ثلاثة من أفراد الشرطة.",),
        cue=lx.MENTAL_ILLNESS,
        window=Window(before=8, after=8, clause=True),
        kinds=frozenset({"killing", "attack", "gunfire"}),
    ),
    _veto(
        "block.weapon_test",
        "a weapons test right after the trigger (تفجير تجربة نووية، إطلاق صواريخ في تجارب صاروخية)",
        Scope.TOKENS,
        ("أجرت كوريا الشمالية تفجير تجربة نووية جديدة.",),
        ("قتل عالم نووي إيراني في هجوم مسلح قرب طهران.",),
        cue=lx.WEAPON_TEST,
        window=Window(after=3, covers=True),
        kinds=frozenset({"ied", "shelling", "chemical", "attack", "killing"}),
    ),
    _veto(
        "block.criticism",
        "an attack of words: the media, a writer or a speech attacks, or an agreement or a policy is "
        "attacked (هاجمت وسائل الإعلام الاتفاق، هاجم الوزير بشدة تصريحات)",
        Scope.CLAUSE,
        ("هاجمت وسائل الإعلام الأوروبية الاتفاق الجديد في مقالاتها.", "هاجم الوزير بشدة تصريحات نظيره."),
        ("هاجم مسلحون مركزا للشرطة في حلب أمس.",),
        cue=lx.CRITICISM,
        window=Window(after=6, clause=True),
        kinds=frozenset({"attack"}),
    ),
    _veto(
        "block.programme",
        "a programme, course or project 'targets' its audience (البرنامج استهدف 36 موظفا)",
        Scope.CLAUSE,
        ("البرنامج التدريبي الذي نظمته الجامعة استهدف مئة طالب.",),
        ("الهجوم الذي نفذه المسلحون استهدف مئة طالب.",),
        cue=lx.PROGRAMME,
        window=Window(before=8),
        kinds=frozenset({"attack"}),
    ),
    _veto(
        "block.judicial",
        "a court sentence or a common crime in the trigger's clause (قصاص، تنفيذ حكم، جريمة سرقة، مشاجرة)",
        Scope.CLAUSE,
        ("قتل رجل قصاصا في الرياض أمس.",),
        ("قتل مسلحون أحد الحراس في هجوم أمس.",),
        cue=lx.JUDICIAL,
        window=AROUND_IN_CLAUSE,
    ),
    _veto(
        "block.recalled",
        "the event is remembered (استذكر، يتذكر)",
        Scope.SENTENCE,
        ("استذكر الأهالي المجزرة التي ارتكبت في القرية.",),
        ("ارتكب المسلحون مجزرة في القرية أمس.",),
        cue=lx.RECALL,
        window=Window(before=ANY),
    ),
    _veto(
        "block.figurative",
        "a figurative object right after the trigger or over it (فجر الأزمة، خطف الأضواء، قنابل الغاز)",
        Scope.TOKENS,
        ("فجر التصريح أزمة جديدة بين البلدين.", "خطف اللاعب الأضواء في المباراة."),
        ("فجر مسلحون عبوة ناسفة بين البلدين.",),
        cue=lx.FIGURATIVE,
        window=Window(after=3, covers=True),
    ),
)

# Checked while triggers are found, before any other veto.
INSIDE_NAME = _veto(
    "block.inside_name",
    "trigger words inside a name are no trigger (حركة تحرير السودان، منظمة التحرير الفلسطينية)",
    Scope.TOKENS,
    ("التقى الوزير وفدا من منظمة التحرير الفلسطينية في رام الله.",),
    ("أعلن الجيش تحرير بلدة الرميلة من المسلحين.",),
)

# Vetoes of a candidate made from death words alone, before its kind is chosen.
DEATH_CITED = _veto(
    "block.death.cited",
    "استشهد ب is 'cited', not 'was martyred' (استشهد المتحدث بتقرير)",
    Scope.TOKENS,
    ("واستشهد الكاتب بتقرير للأمم المتحدة عن الفقر.",),
    ("واستشهد ثلاثة جنود برصاص قناص على الحدود.",),
)
DEATH_NOT_VIOLENT = _veto(
    "block.death.no_violence",
    "death words alone make an incident only with a toll, a weapon, an armed actor, fighters or "
    "civilians, and not as the dead of a funeral in their clause",
    Scope.SENTENCE,
    ("وعثر على جثة رجل في منزله.",),
    ("وعثر على جثة جندي قرب الحدود.",),
)

ALL: tuple[Veto, ...] = (INSIDE_NAME, *RULES, DEATH_CITED, DEATH_NOT_VIOLENT)

__all__ = [
    "AGGREGATE_TOLL",
    "ALL",
    "ANY",
    "DEATH_CITED",
    "DEATH_NOT_VIOLENT",
    "INSIDE_NAME",
    "RULES",
    "Window",
]
