"""Binder rules: how each field of an incident is bound to its words (casualties, place, date, actors,
weapon). The binding code lives in `desktop.events.fields` and `desktop.events.incidents`; every path
that decides a value leaves the id of its row here in the candidate's trace.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.rules import Example, Phase, Rule, Scope


@dataclass(frozen=True, kw_only=True)
class Binder(Rule):
    """One way of binding a field (`field` names it)."""

    field: str


def _b(id: str, field: str, description: str, scope: Scope, fires: tuple[Example | str, ...],
       spares: tuple[Example | str, ...]) -> Binder:  # fmt: skip
    return Binder(
        id=id, phase=Phase.BIND, description=description, scope=scope, fires=fires, spares=spares, field=field
    )


# --- casualties -----------------------------------------------------------------------------------

TOLL_NUMBER = _b(
    "bind.toll.number",
    "fatalities",
    "a number next to a death or injury word (مقتل 13، 13 قتيلا، قتل أربعة)",
    Scope.CLAUSE,
    ("قتل أربعة جنود في هجوم على حاجز.", "أسفر الانفجار عن 13 قتيلا."),
    ("قتل جندي في هجوم على حاجز.",),
)
TOLL_MET_DEATH = _b(
    "bind.toll.met_death",
    "fatalities",
    "the figure after the verb لقي belongs to the death word that closes its clause, past a time between "
    "commas (لقي 30 جنديا، اليوم الأحد، مصرعهم)",
    Scope.TOKENS,
    ("لقي ما لا يقل عن 30 جنديا، اليوم الأحد، مصرعهم في هجوم انتحاري.",),
    ("قتل 30 جنديا في هجوم انتحاري اليوم الأحد.",),
)
TOLL_DUAL = _b(
    "bind.toll.dual",
    "fatalities",
    "a dual victim noun after the word gives 2 (مقتل جنديين)",
    Scope.TOKENS,
    ("أسفر الهجوم عن مقتل جنديين قرب الحدود.", "استشهد فلسطينيان في غارة على رفح."),
    ("أسفر الهجوم عن مقتل جندي قرب الحدود.",),
)
TOLL_SINGULAR = _b(
    "bind.toll.singular",
    "fatalities",
    "a singular victim noun after the word, or a pronoun of one (مقتل جندي، لقي مصرعه), gives 1",
    Scope.TOKENS,
    (
        "أسفر الهجوم عن مقتل جندي قرب الحدود.",
        "لقي شرطي مصرعه في انفجار عبوة.",
        "وقال المتحدث إن ضابط شرطة قتل في انفجار عبوة.",
    ),
    ("أسفر الهجوم عن مقتل جنديين قرب الحدود.",),
)
TOLL_COORDINATED = _b(
    "bind.toll.coordinated",
    "fatalities",
    "singular or dual victim nouns joined by و add up (مقتل ضابط ومجند gives 2), also after a counted "
    "group (قتل 3 من أفراد الشرطة ومدني gives 4)",
    Scope.TOKENS,
    (
        "أسفر الهجوم عن مقتل ضابط ومجند قرب الحدود.",
        "قتل طفل وامرأة في قصف على القرية.",
        "قتل 3 من أفراد الشرطة ومدني في هجوم قرب الحدود أمس.",
    ),
    ("قتل ضابط وأصيب مجند في هجوم قرب الحدود.", "أسفر الهجوم عن مقتل جندي قرب الحدود."),
)
TOLL_NO_SPLIT = _b(
    "bind.toll.no_split",
    "fatalities",
    "killed and wounded told with one number (مقتل وإصابة 45، عشرات القتلى والجرحى) give no split",
    Scope.CLAUSE,
    ("أسفر الانفجار عن مقتل وإصابة 45 شخصا.",),
    ("أسفر الانفجار عن مقتل 5 وإصابة 40 شخصا.",),
)
TOLL_SUBSET = _b(
    "bind.toll.subset",
    "fatalities",
    "counts after بينهم/منهم are part of the toll before them, not added to it",
    Scope.CLAUSE,
    ("قتل 57 مدنيا بينهم 12 طفلا في القصف.",),
    ("قتل 57 مدنيا و12 جنديا في القصف.",),
)
TOLL_RETOLD = _b(
    "bind.toll.retold",
    "fatalities",
    "the same figure told again in a later clause, with no new place between, is counted once",
    Scope.SENTENCE,
    ("قتل 42 مسلحا في المعارك، وأكدت المصادر مقتل 42 منهم.",),
    ("قتل 42 مسلحا في المعارك، وأكدت المصادر مقتل 7 جنود.",),
)
TOLL_SECOND_ESTIMATE = _b(
    "bind.toll.second_estimate",
    "fatalities",
    "another estimate of the same toll (الحصيلة الأولية) is not added",
    Scope.SENTENCE,
    ("قتل خمسة أشخاص في الانفجار، في حين أن الحصيلة الأولية أشارت إلى مقتل شخصين.",),
    ("قتل خمسة أشخاص في الانفجار، وأصيب عشرة آخرون.",),
)
TOLL_NOT_A_COUNT = _b(
    "bind.toll.not_a_count",
    "fatalities",
    "an age or a calibre next to a death word is no count (قتل طفل 18 شهرا، رصاص عيار 23)",
    Scope.TOKENS,
    ("قتل طفل عمره 18 شهرا في القصف.",),
    ("قتل 18 شخصا في القصف.",),
)

# --- place ------------------------------------------------------------------------------------------

PLACE_SENTENCE = _b(
    "bind.place.sentence",
    "location",
    "the most specific place the sentence names, preferring those near the trigger; a place named as "
    "the holder of another (بولانيك بإقليم موش، قرية X التابعة لناحية Y) is not the event's place",
    Scope.SENTENCE,
    ("قصفت الطائرات بلدة الرميلة أمس.",),
    ("قصفت الطائرات البلدة أمس.",),
)
PLACE_PREVIOUS = _b(
    "bind.place.previous",
    "location",
    "no place in the sentence: the place of the sentence before",
    Scope.PARAGRAPH,
    ("وصل الوفد إلى حلب أمس. وقصفت الطائرات المدينة صباح اليوم.",),
    ("قصفت الطائرات بلدة الرميلة أمس.",),
)
PLACE_CONTAINER = _b(
    "bind.place.container",
    "admin1",
    "a place the gazetteers do not know takes the governorate, country and coordinates of the known "
    "place that holds it, joined by prepositions, directions and admin nouns only (الجفينة غربي مأرب، "
    "قرية X بريف حلب); geo_precision 2",
    Scope.SENTENCE,
    ("قتل ثلاثة جنود في اشتباكات في منطقة الجفينة غربي مأرب أمس.",),
    (
        "قتل ثلاثة جنود في اشتباكات في منطقة الجفينة أمس.",
        "قتل ثلاثة جنود في اشتباكات في منطقة الجفينة أمس وأعلن مسؤول في مأرب الحصيلة.",
    ),
)
PLACE_NEAR = _b(
    "bind.place.near",
    "geo_precision",
    "a place after قرب، محيط، ريف or a direction is the area around it (geo_precision 2)",
    Scope.TOKENS,
    ("انفجرت سيارة مفخخة قرب الرمادي أمس.",),
    ("انفجرت سيارة مفخخة في الرمادي أمس.",),
)

# --- date -------------------------------------------------------------------------------------------

DATE_SENTENCE = _b(
    "bind.date.sentence",
    "date",
    "the date in the sentence nearest the trigger",
    Scope.SENTENCE,
    ("قصفت الطائرات الرميلة أمس.",),
    ("قصفت الطائرات الرميلة.",),
)
DATE_PARAGRAPH = _b(
    "bind.date.paragraph",
    "date",
    "no date in the sentence: the day of an earlier sentence of the same paragraph",
    Scope.PARAGRAPH,
    ("وصل الوفد إلى المدينة يوم الاثنين 6 مارس. وفي المساء، انفجرت سيارة مفخخة في الرميلة.",),
    ("انفجرت سيارة مفخخة في الرميلة يوم الاثنين 6 مارس.",),
)
DATE_NEXT_SENTENCE = _b(
    "bind.date.next_sentence",
    "date",
    "the sentence right after a dated one, across a paragraph break, when it names a part of the day or "
    "the same kind of event",
    Scope.PARAGRAPH,
    ("قال الناشطون إن الطائرات قصفت الرميلة يوم الاثنين 6 مارس.\nوقصفت الطائرات القرية المجاورة مساء.",),
    ("قال الناشطون إن الطائرات قصفت الرميلة يوم الاثنين 6 مارس.\nوأعلنت الحكومة خطة جديدة للتعليم.",),
)
DATE_LEAD = _b(
    "bind.date.lead",
    "date",
    "the lead's day holds for the lead and the paragraph after it, and for the article while it names "
    "no other day (with time_precision at least 2)",
    Scope.ARTICLE,
    (
        "قتل ثلاثة جنود في هجوم على حاجز في الرميلة أمس.\nوأعلنت الحكومة الحداد.\n"
        "وفي حادث آخر، اختطف مسلحون مهندسا في القرية المجاورة.",
    ),
    ("اختطف مسلحون مهندسا في القرية المجاورة.",),
)
DATE_SINCE = _b(
    "bind.date.since",
    "date",
    "a day that opens or closes a period (منذ 20 أكتوبر) dates no later report",
    Scope.PARAGRAPH,
    ("يحاصر الجيش الرميلة منذ 2 مارس. وقصفت الطائرات البلدة.",),
    ("حاصر الجيش الرميلة يوم 2 مارس. وقصفت الطائرات البلدة.",),
)

# --- actors -----------------------------------------------------------------------------------------

ACTORS_BETWEEN = _b(
    "bind.actor.between",
    "actor1",
    "a clash between two named sides (بين X و Y): the sides in their order",
    Scope.CLAUSE,
    ("اندلعت اشتباكات بين الجيش العراقي وداعش في الرمادي.",),
    ("اندلعت اشتباكات عنيفة في الرمادي.",),
)
ACTORS_SURRENDER = _b(
    "bind.actor.surrender",
    "actor1",
    "a surrender: the group that gives itself up, to the one after ل or إلى",
    Scope.CLAUSE,
    ("سلموا أنفسهم للجيش العراقي في حلب أمس.",),
    ("قتل عشرون عنصرا من داعش في غارة للجيش العراقي.",),
)
ACTOR1_AGENT_CUE = _b(
    "bind.actor1.agent_cue",
    "actor1",
    "the agent after من قبل، على يد or a verb with the act as object (شنه، نفذها، أطلقتها)",
    Scope.CLAUSE,
    ("قتل مدنيان في قصف نفذته قوات النظام على الرميلة.", "قتل قاض على يد داعش في حلب أمس."),
    ("قتل مدنيان في قصف على الرميلة.",),
)
ACTOR1_ATTACK_OF = _b(
    "bind.actor1.attack_of",
    "actor1",
    "a group marked with the possessive ل right after an attack noun is its author (هجوم لداعش)",
    Scope.TOKENS,
    ("قتل خمسة جنود في هجوم لداعش على حاجز في الرمادي أمس.", "قتل مدنيان في قصف لقوات النظام على حلب أمس."),
    ("انفجرت سيارة مفخخة قرب مقر لداعش في الرقة أمس.", "قتل خمسة جنود في هجوم على حاجز لداعش أمس."),
)
ACTOR1_PERPETRATOR = _b(
    "bind.actor1.perpetrator",
    "actor1",
    "a perpetrator noun + من names the group (انتحاري من داعش، مسلحون من حركة الشباب)",
    Scope.TOKENS,
    ("فجر انتحاري من داعش نفسه في سوق الموصل.",),
    ("فجر انتحاري نفسه في سوق الموصل.",),
)
ACTOR1_AIRCRAFT = _b(
    "bind.actor1.aircraft_owner",
    "actor1",
    "aircraft named with their owner strike, they are not struck (قصف طيران التحالف)",
    Scope.TOKENS,
    ("قتل خمسة في غارة لطيران التحالف العربي على صعدة.",),
    ("قتل خمسة في غارة على صعدة.",),
)
ACTOR1_SUBJECT = _b(
    "bind.actor1.subject",
    "actor1",
    "the subject right after the verb of the trigger's clause (أطلقت كتائب المعارضة قذائف)",
    Scope.CLAUSE,
    (
        "أطلقت قوات النظام قذائف الهاون على حلب أمس.",
        "استهدفت قوات النظام بلدة كفرنبل بالبراميل المتفجرة أمس.",
    ),
    ("قصفت الطائرات مواقع المسلحين في حلب أمس.", "استهدف انتحاري قوات الأمن بحزام ناسف في حلب أمس."),
)
ACTOR1_ADJACENT = _b(
    "bind.actor1.adjacent",
    "actor1",
    "a named actor next to the trigger, not marked as a target",
    Scope.TOKENS,
    ("وداعش يهاجم حاجزا للجيش في حلب أمس.",),
    ("قتل خمسة أشخاص في انفجار قرب حلب أمس.",),
)
ACTOR1_OWN_LOSSES = _b(
    "bind.actor1.own_losses",
    "actor1",
    "a force that announces the deaths of its own men (أعلن الجيش التركي مقتل ثلاثة جنود أتراك) is their "
    "side, the target, not the initiator",
    Scope.CLAUSE,
    ("أعلن الجيش التركي مقتل ثلاثة جنود أتراك في هجوم على قافلة أمس.",),
    ("أعلن الجيش التركي مقتل ثلاثة مسلحين في اشتباك قرب الحدود أمس.",),
)
ACTOR1_HEDGED = _b(
    "bind.actor1.hedged",
    "actor1",
    "an agent introduced by a hedge (يرجح، يعتقد، يشتبه) is not the initiator",
    Scope.TOKENS,
    ("قتل ثلاثة في انفجار يرجح أن داعش نفذه في الرمادي.",),
    ("قتل ثلاثة في انفجار نفذه داعش في الرمادي.",),
)
ACTOR1_CLASH_WITH = _b(
    "bind.actor1.clash_with",
    "actor1",
    "in a clash with the victims' side known, the side it was fought with (مع) is the other",
    Scope.CLAUSE,
    ("قتل مقاتل من داعش خلال اشتباكات مع الجيش العراقي في الرمادي.",),
    ("قتل مقاتل من داعش خلال اشتباكات في الرمادي.",),
)
ACTOR1_AIR_FORCE = _b(
    "bind.actor1.air_force",
    "actor1",
    "warplanes named by their nationality are that air force (طائرات حربية روسية -> الطيران الروسي)",
    Scope.TOKENS,
    ("قصفت طائرات حربية روسية بلدة الرميلة أمس.",),
    ("قصفت طائرات حربية بلدة الرميلة أمس.", "قصفت الطائرات الرمادي أمس."),
)
ACTOR1_NATIONAL_STRIKE = _b(
    "bind.actor1.national_strike",
    "actor1",
    "a strike or shelling named by its nationality is that country's forces (غارة أميركية -> القوات "
    "الأميركية، قصف تركي -> القوات التركية)",
    Scope.TOKENS,
    ("قتل ثلاثة مسلحين في غارة أميركية على قرية الحصن أمس.", "قتل مدنيان في قصف تركي على بلدة الدرباسية."),
    ("قتل ثلاثة مسلحين في غارة جوية على قرية الحصن أمس.", "قتل مدنيان في قصف عنيف على بلدة الدرباسية."),
)
ACTOR1_OPENED_FIRE = _b(
    "bind.actor1.opened_fire",
    "actor1",
    "who opened fire in the event's sentence is its initiator, wherever that clause stands (أعلن مصدر "
    "مقتل ثلاثة جنود حين فتح عناصر من X النار على حاجز)",
    Scope.TOKENS,
    ("أعلن مصدر عسكري مقتل ثلاثة جنود الأحد حين فتح عناصر من هيئة تحرير الشام النار على حاجز قرب كفرنبل.",),
    ("أعلن مصدر عسكري مقتل ثلاثة جنود الأحد في اشتباك مع عناصر من هيئة تحرير الشام قرب كفرنبل.",),
)
ACTOR2_VICTIMS = _b(
    "bind.actor2.victims",
    "actor2",
    "fighters named after a death or injury word are its victims (مقتل 13 عنصرا من قسد)",
    Scope.TOKENS,
    ("أسفر الانفجار عن مقتل 13 عنصرا من قوات سوريا الديمقراطية.",),
    ("أسفر الانفجار عن مقتل 13 شخصا.",),
)
ACTOR2_PATIENT_CUE = _b(
    "bind.actor2.patient_cue",
    "actor2",
    "an actor after على، ضد، صفوف، مواقع is the target",
    Scope.TOKENS,
    ("شن الجيش العراقي هجوما على داعش في الرمادي.",),
    ("شن الجيش العراقي هجوما في الرمادي.",),
)
ACTOR2_POSSESSIVE = _b(
    "bind.actor2.possessive",
    "actor2",
    'a group marked with the possessive ل is the target\'s side (نقطة لـ"قسد")',
    Scope.TOKENS,
    ("انفجرت سيارة مفخخة قرب مقر لداعش في الرقة أمس.",),
    ("انفجرت سيارة مفخخة قرب الرقة أمس.",),
)
ACTOR2_CIVILIANS = _b(
    "bind.actor2.civilians",
    "actor2",
    "civilians near the trigger or the victims make the target مدنيون",
    Scope.CLAUSE,
    ("قتل خمسة مدنيين في قصف على الرميلة.",),
    ("قتل خمسة جنود في قصف على الرميلة.",),
)
ACTOR2_PEOPLE_VICTIMS = _b(
    "bind.actor2.people_victims",
    "actor2",
    "people (أشخاص، شخصا) killed or wounded in a bombing, a strike or an attack, with no side named, "
    "are civilians; so is a civilian (a named person, an official of no force) abducted",
    Scope.CLAUSE,
    ("قتل ستة أشخاص في انفجار سيارة مفخخة في سوق المدينة أمس.",),
    ("قتل ستة أشخاص في اشتباكات بين الفصائل في المدينة أمس.",),
)
ACTOR2_STATE_VICTIMS = _b(
    "bind.actor2.state_victims",
    "actor2",
    "soldiers or policemen of a nation killed or wounded (جنود أتراك، جنديا أفغانيا، عناصر من الشرطة) "
    "with no force named are that nation's army or the police",
    Scope.CLAUSE,
    ("قتل ثلاثة جنود أتراك في هجوم على قافلة عسكرية أمس.",),
    ("قتل ثلاثة مدنيين في هجوم على قافلة أمس.",),
)
WEAPON_NEAREST = _b(
    "bind.weapon.nearest",
    "weapon",
    "the weapon named nearest the trigger",
    Scope.SENTENCE,
    ("أطلق مسلحون قذائف الهاون على الرميلة.",),
    ("هاجم مسلحون الرميلة أمس.",),
)
TERRITORY_SIDE = _b(
    "bind.territory.side",
    "sub_event_type",
    "territory taken by a state force is regained; by anyone else, overtaken",
    Scope.CLAUSE,
    ("سيطر الجيش العراقي على بلدة الرميلة بعد معارك.",),
    ("وداعش يهاجم حاجزا للجيش في حلب أمس.",),
)
SUMMARY = _b(
    "bind.summary",
    "summary",
    "a sentence that sums up several attacks (في هجمات متفرقة، سلسلة تفجيرات) yields to their details",
    Scope.SENTENCE,
    ("قتل عشرة أشخاص في هجمات متفرقة في بغداد أمس.",),
    ("قتل عشرة أشخاص في هجوم في بغداد أمس.",),
)

RULES: tuple[Binder, ...] = (
    TOLL_NUMBER,
    TOLL_MET_DEATH,
    TOLL_DUAL,
    TOLL_SINGULAR,
    TOLL_COORDINATED,
    TOLL_NO_SPLIT,
    TOLL_SUBSET,
    TOLL_RETOLD,
    TOLL_SECOND_ESTIMATE,
    TOLL_NOT_A_COUNT,
    PLACE_SENTENCE,
    PLACE_PREVIOUS,
    PLACE_CONTAINER,
    PLACE_NEAR,
    DATE_SENTENCE,
    DATE_PARAGRAPH,
    DATE_NEXT_SENTENCE,
    DATE_LEAD,
    DATE_SINCE,
    ACTORS_BETWEEN,
    ACTORS_SURRENDER,
    ACTOR1_AGENT_CUE,
    ACTOR1_ATTACK_OF,
    ACTOR1_PERPETRATOR,
    ACTOR1_AIRCRAFT,
    ACTOR1_SUBJECT,
    ACTOR1_ADJACENT,
    ACTOR1_OWN_LOSSES,
    ACTOR1_HEDGED,
    ACTOR1_CLASH_WITH,
    ACTOR1_AIR_FORCE,
    ACTOR1_NATIONAL_STRIKE,
    ACTOR1_OPENED_FIRE,
    ACTOR2_VICTIMS,
    ACTOR2_PATIENT_CUE,
    ACTOR2_POSSESSIVE,
    ACTOR2_CIVILIANS,
    ACTOR2_PEOPLE_VICTIMS,
    ACTOR2_STATE_VICTIMS,
    WEAPON_NEAREST,
    TERRITORY_SIDE,
    SUMMARY,
)
