"""Trigger rules: the words that start an incident candidate, by kind of event and form.

Each row is one form of one kind of event word (`trigger.airstrike.noun`: غارة، غارات): its ACLED
type, its rank (when two triggers claim the same words, the higher rank keeps them: قصف جوي is an
air strike, not shelling) and whether it is `generic` (a word of any violence, absorbed by a
specific one in the same sentence). Fragments are written in normalized spelling and matched as
whole words with optional proclitics (`lexicon.any_word`).

The death rules (`trigger.death.*`) make a candidate from death words alone when no event word
does (`قتل 3 مدنيين برصاص ...`), with a kind chosen from the words around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.events import lexicon as lx
from desktop.rules import Example, Phase, Rule, Scope

BATTLES, EXPLOSIONS, VAC = lx.BATTLES, lx.EXPLOSIONS, lx.VAC
STRATEGIC, PROTESTS, RIOTS = lx.STRATEGIC, lx.PROTESTS, lx.RIOTS


@dataclass(frozen=True, kw_only=True)
class TriggerRule(Rule):
    """One form of an event word."""

    kind: str  # the kind of event (`air`, `ied`, `clash`, ...) other rules refer to
    event_type: str
    sub_event_type: str
    fragments: tuple[str, ...]
    rank: int
    generic: bool = False
    verb: bool = False  # a finite verb takes the conjunctions و/ف only, never the article or ب/ل/ك
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        pattern = lx.any_word(*self.fragments, proclitics="verb" if self.verb else True)
        object.__setattr__(self, "pattern", pattern)


def _t(
    id: str,
    kind: str,
    event_type: str,
    sub: str,
    description: str,
    fragments: tuple[str, ...],
    rank: int,
    fires: tuple[str, ...],
    spares: tuple[str, ...],
    generic: bool = False,
    verb: bool = False,
) -> TriggerRule:
    return TriggerRule(
        id=id,
        phase=Phase.TRIGGER,
        description=description,
        scope=Scope.TOKENS,
        fires=fires,
        spares=spares,
        kind=kind,
        event_type=event_type,
        sub_event_type=sub,
        fragments=fragments,
        rank=rank,
        generic=generic,
        verb=verb,
    )


# In order: at equal rank, the earlier row keeps words two rows claim at the same place.
TRIGGERS: tuple[TriggerRule, ...] = (
    _t(
        "trigger.suicide.attacker",
        "suicide",
        EXPLOSIONS,
        "Suicide bomb",
        "a suicide attacker or suicide bombing named by the adjective انتحاري",
        (r"انتحاري(?:ه|ين|ون|ان|تين|تان)?",),
        9,
        ("فجر انتحاري سيارة مفخخة قرب حاجز للجيش.", "قتل خمسة في هجوم نفذته انتحارية في سوق المدينة."),
        ("أعلنت الحكومة خطة لمكافحة الإرهاب في المدارس.",),
    ),
    _t(
        "trigger.suicide.self_detonation",
        "suicide",
        EXPLOSIONS,
        "Suicide bomb",
        "someone blew himself up (فجر نفسه، فجرت ذاتها)",
        (r"(?:ف|ي|ت)?فجر(?:ت|وا|ا|ان)?(?: [^ ]+){0,2}? (?:نفس(?:ه|ها|يهما|هم)|ذات(?:ه|ها))",),
        9,
        ("وقالت الشرطة إن المهاجم فجر نفسه وسط المصلين في حلب أمس.", "فجر رجل نفسه وسط حشد من المصلين."),
        ("فجر المسلحون عبوة ناسفة على الطريق.",),
    ),
    _t(
        "trigger.suicide.belt",
        "suicide",
        EXPLOSIONS,
        "Suicide bomb",
        "an explosive belt (حزام ناسف، أحزمة ناسفة)",
        (r"احزمه ناسفه", r"حزام(?:ا)? ناسف(?:ا)?"),
        9,
        ("فجر مهاجم حزاما ناسفا عند مدخل الفندق.",),
        ("اشترى الرجل حزاما جلديا من السوق.",),
    ),
    _t(
        "trigger.suicide.phrase",
        "suicide",
        EXPLOSIONS,
        "Suicide bomb",
        "a suicide bombing or attack as one phrase (تفجير انتحاري، هجوم انتحاري)",
        (r"تفجير(?:ا)? انتحاري(?:ا)?", r"هجوم(?:ا)? انتحاري(?:ا)?"),
        9,
        ("أودى هجوم انتحاري بحياة عشرة جنود.",),
        ("أودى هجوم مسلح بحياة عشرة جنود.",),
    ),
    _t(
        "trigger.grenade.noun",
        "grenade",
        EXPLOSIONS,
        "Grenade",
        "a hand grenade (قنبلة يدوية)",
        (r"قنبل(?:ه|ات|تين|تان) يدوي(?:ه)?",),
        8,
        ("ألقى مجهول قنبلة يدوية على مركز للشرطة.",),
        ("ألقى مجهول حجرا على مركز للشرطة.",),
    ),
    _t(
        "trigger.chemical.gas",
        "chemical",
        EXPLOSIONS,
        "Chemical weapon",
        "a poison gas (غاز الكلور، السارين، غاز سام)",
        (r"(?:غاز|غازات) (?:الكلور|السارين|سام(?:ه)?)",),
        8,
        ("قصفت الطائرات البلدة بغاز الكلور.",),
        ("ارتفعت أسعار الغاز المنزلي هذا الشهر.",),
    ),
    _t(
        "trigger.chemical.weapon",
        "chemical",
        EXPLOSIONS,
        "Chemical weapon",
        "chemical weapons (سلاح كيماوي، أسلحة كيميائية)",
        (r"(?:اسلحه|سلاح(?:ا)?) كيمياوي(?:ه|ا)?", r"(?:اسلحه|سلاح(?:ا)?) كيميائي(?:ه|ا)?"),
        8,
        ("استخدمت القوات أسلحة كيميائية ضد السكان في حلب.", "استخدمت القوات سلاحا كيميائيا ضد السكان."),
        ("افتتح مصنع للأسمدة الكيميائية في المنطقة.",),
    ),
    _t(
        "trigger.chemical.attack",
        "chemical",
        EXPLOSIONS,
        "Chemical weapon",
        "a chemical attack (هجوم كيميائي)",
        (r"هجوم(?:ا)? كيميائي(?:ا)?",),
        8,
        ("قتل عشرات المدنيين في هجوم كيميائي على البلدة.",),
        ("قتل عشرات المدنيين في هجوم صاروخي على البلدة.",),
    ),
    _t(
        "trigger.ied.device",
        "ied",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        "an explosive device, mine or car bomb (عبوة ناسفة، لغم، مفخخة)",
        (
            r"عبو(?:ه|ات|تين|تان) (?:ناسف(?:ه)?|متفجر(?:ه)?|لاصق(?:ه)?)",
            r"لغم(?:ا)?",
            r"الغام",
            r"مفخخ(?:ه|ات|تين|تان)?",
        ),
        6,
        ("انفجرت عبوة ناسفة بدورية للشرطة.", "قتل جنديان بانفجار لغم أرضي."),
        ("وزعت البلدية عبوات المياه على السكان.",),
    ),
    _t(
        "trigger.ied.explosion_noun",
        "ied",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        "an explosion or bombing as a noun (انفجار، تفجير)",
        (r"تفجير(?:ين|ات|ا)?", r"انفجار(?:ين|ات|ا)?"),
        6,
        ("هز انفجار عنيف وسط المدينة صباح اليوم.",),
        ("شهدت الأسواق انخفاضا في الأسعار.",),
    ),
    _t(
        "trigger.ied.bomb",
        "ied",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        "a bomb or explosives (قنبلة، قنابل، متفجرات)",
        (r"قنبل(?:ه|ات|تين|تان)", r"قنابل", r"متفجر(?:ه|ات)"),
        6,
        ("عثرت الشرطة على قنبلة في حقيبة قرب المحطة.",),
        ("انتقل اللاعب إلى نادٍ جديد.",),
    ),
    _t(
        "trigger.ied.verb",
        "ied",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        "a verb of blowing up or exploding (فجر، انفجرت)",
        (r"(?:ف|ي|ت)?فجر(?:ت|وا|ا|ان)?", r"انفجر(?:ت)?"),
        6,
        ("فجر مسلحون جسرا على الطريق الدولي.", "انفجرت سيارة قرب السفارة."),
        ("شهدت المدينة تحسنا في الطقس.", "استيقظ السكان مع الفجر على صوت المؤذن."),
        verb=True,
    ),
    _t(
        "trigger.ied.charge",
        "ied",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        "an explosive charge named by its adjective alone (ناسفة)",
        (r"ناسف(?:ه)?",),
        6,
        ("زرع المسلحون ناسفة على جانب الطريق.",),
        ("زرع المزارعون القمح على جانب الطريق.",),
    ),
    _t(
        "trigger.airstrike.noun",
        "air",
        EXPLOSIONS,
        "Air/drone strike",
        "an air raid (غارة، غارات، غاراته)",
        (r"غار(?:ه|ات|تين|تان)", r"غارات(?:ه|ها|هم)"),
        7,
        ("شنت الطائرات غارات على مواقع المسلحين.", "وكثف الطيران غاراته على البلدة."),
        ("زار الوفد مغارة جعيتا السياحية.",),
    ),
    _t(
        "trigger.airstrike.phrase",
        "air",
        EXPLOSIONS,
        "Air/drone strike",
        "bombardment from the air as a phrase (قصف جوي، ضربات جوية، طلعات جوية)",
        (
            r"(?:قصف|ضرب(?:ه|ات)?) (?:جوي(?:ا|ه)?|بالطيران)",
            r"ضربات جويه",
            r"طلع(?:ه|ات) (?:ال)?جوي(?:ه)?",
        ),
        7,
        ("قتل ثلاثة في قصف جوي على القرية.", "نفذت المقاتلات 11 طلعة جوية."),
        ("قتل ثلاثة في قصف مدفعي على القرية.",),
    ),
    _t(
        "trigger.airstrike.aircraft",
        "air",
        EXPLOSIONS,
        "Air/drone strike",
        "warplanes and drones (طائرة مسيرة، الطيران الحربي، مقاتلات)",
        (
            r"طائر(?:ه|ات) (?:مسير(?:ه)?|بدون طيار|بلا طيار)",
            r"(?:ال)?طيران (?:ال)?(?:حربي|مسير)",
            r"مقاتلات",
        ),
        7,
        ("استهدفت طائرة مسيرة سيارة على الطريق.", "قصف الطيران الحربي أحياء المدينة."),
        ("حطت طائرة الركاب في المطار.",),
    ),
    _t(
        "trigger.airstrike.barrel_bomb",
        "air",
        EXPLOSIONS,
        "Air/drone strike",
        "barrel bombs, dropped from helicopters (ACLED codes them as air strikes)",
        (r"(?:ال)?(?:براميل|برميل(?:ا|ين|ان)?) (?:ال)?متفجر(?:ه|ا|ات|ين)?",),
        7,
        ("ألقت المروحيات براميل متفجرة على الحي.",),
        ("ارتفع سعر برميل النفط إلى خمسين دولارا.",),
    ),
    _t(
        "trigger.shelling.qasf",
        "shelling",
        EXPLOSIONS,
        "Shelling/artillery/missile attack",
        "shelling as a verb or noun (قصف، يقصف)",
        (r"(?:ي|ت)?قصف(?:ت|وا|ا)?",),
        5,
        ("قصفت القوات أحياء المدينة بالمدفعية.",),
        ("نظمت البلدية مهرجانا للقصص.",),
    ),
    _t(
        "trigger.shelling.projectile",
        "shelling",
        EXPLOSIONS,
        "Shelling/artillery/missile attack",
        "shells, rockets, missiles and artillery (قذيفة، صاروخ، هاون، مدفعية، غراد)",
        (
            r"قذيف(?:ه|تين|تان)",
            r"قذائف",
            r"صاروخ(?:ا|ين|ان)?",
            r"صواريخ",
            r"هاون",
            r"مدفعي(?:ه)?",
            r"راجم(?:ه|ات)",
            r"كاتيوشا",
            r"غراد",
        ),
        5,
        ("سقطت قذيفة هاون على سوق شعبي.", "أطلقت صواريخ على المطار."),
        ("قدم الفريق أداء قويا في المباراة.",),
    ),
    _t(
        "trigger.shelling.heavy_fire",
        "shelling",
        EXPLOSIONS,
        "Shelling/artillery/missile attack",
        "fire of heavy machine guns or tanks (نيران الرشاشات الثقيلة، نيران الدبابات)",
        (r"نيران (?:ال)?(?:رشاشات|رشاشاتها|الرشاشات|دبابات|دباباتها|الدبابات)(?: (?:ال)?ثقيله)?",),
        5,
        ("استهدفت القوات القرية بنيران الدبابات.",),
        ("اندلعت النيران في مستودع للأخشاب.",),
    ),
    _t(
        "trigger.clash.noun",
        "clash",
        BATTLES,
        "Armed clash",
        "clashes, battles and fighting as nouns (اشتباكات، معارك، مواجهات، قتال)",
        (r"اشتباك(?:ات)?", r"معارك", r"معركه", r"مواجهات", r"(?:ال)?قتال"),
        4,
        ("اندلعت اشتباكات عنيفة بين الطرفين في الضاحية.", "قتل عشرة في معارك قرب المطار."),
        ("عرضت الشركة طائرات قتالية جديدة في المعرض.",),
    ),
    _t(
        "trigger.clash.verb",
        "clash",
        BATTLES,
        "Armed clash",
        "a verb of clashing (اشتبك، يشتبكون)",
        (r"(?:ي|ت)?شتبك(?:ت|وا|ون)?", r"اشتبك(?:ت|وا)?"),
        4,
        ("اشتبكت قوات الأمن مع مسلحين في البلدة.",),
        ("تشابكت أغصان الأشجار فوق الطريق.",),
        verb=True,
    ),
    _t(
        "trigger.clash.ambush",
        "clash",
        BATTLES,
        "Armed clash",
        "an ambush (كمين)",
        (r"كمين(?:ا)?",),
        4,
        ("نصب مسلحون كمينا لدورية عسكرية.",),
        ("نصب العمال خيمة كبيرة للضيوف.",),
    ),
    _t(
        "trigger.clash.exchange_fire",
        "clash",
        BATTLES,
        "Armed clash",
        "an exchange of fire (تبادل إطلاق النار)",
        (r"(?:ي|ت)?تبادل(?:ت|وا|ا)?(?: [^ ]+){0,3}? (?:ل)?اطلاق (?:ال)?نار",),
        4,
        ("تبادلوا إطلاق النار مع المهربين قرب حلب أمس.", "تبادل الجنود والمهربون إطلاق النار قرب الحدود."),
        ("تبادل الوزيران وجهات النظر حول الاتفاق.",),
    ),
    _t(
        "trigger.gunfire.open_fire",
        "gunfire",
        BATTLES,
        "Armed clash",
        "opening fire (أطلق النار، إطلاق نار، فتح النار)",
        (
            r"(?:ا|ي|ت)?طلق(?:ت|وا|ا)?(?: [^ ]+){0,3} (?:ال)?نار",
            r"اطلاق (?:ال)?نار",
            r"(?:ي|ت)?فتح(?:ت|وا)?(?: [^ ]+){0,4} (?:ال)?(?:نار|نيران)",
        ),
        3,
        ("أطلق مسلحون النار على حاجز للشرطة.", "فتح مجهول النار على المارة."),
        ("أطلقت الوزارة حملة للتشجير.",),
    ),
    _t(
        "trigger.gunfire.bullets",
        "gunfire",
        BATTLES,
        "Armed clash",
        "bullets (برصاص، الرصاص)",
        (r"(?:ب|)رصاص", r"(?:ال)?رصاص"),
        3,
        ("قتل شرطي برصاص مسلحين.",),
        ("ارتفعت أسعار النحاس في الأسواق.",),
    ),
    _t(
        "trigger.gunfire.sniper",
        "gunfire",
        BATTLES,
        "Armed clash",
        "sniping (قنص، قناص)",
        (r"قنص", r"قناص(?:ه)?"),
        3,
        ("أصيب طفل برصاص قناص في الحي.",),
        ("أصيب طفل بكسر في الحي.",),
    ),
    _t(
        "trigger.attack.noun",
        "attack",
        BATTLES,
        "Armed clash",
        "a word of any violence as a noun (هجوم، اعتداء، استهداف، اقتحام)",
        (r"هجوم(?:ا|ين)?", r"هجمات", r"مهاجم(?:ه|ات)", r"اعتداء(?:ات)?", r"استهداف", r"اقتحام"),
        2,
        ("قتل جنديان في هجوم على نقطة تفتيش.", "أرسلت الجماعة عناصرها بهدف مهاجمة المواقع العسكرية."),
        ("أصدرت الوزارة بيانا عن الطقس.",),
        generic=True,
    ),
    _t(
        "trigger.attack.verb",
        "attack",
        BATTLES,
        "Armed clash",
        "a verb of any violence (هاجم، اعتدى، استهدف، اقتحم)",
        (
            r"(?:ي|ت)?هاجم(?:ت|وا|ون)?",
            r"هاجم(?:ت|وا)?",
            r"(?:ي|ت)?عتدي",
            r"اعتدي",
            r"استهدف(?:ت|وا)?",
            r"اقتحم(?:ت|وا)?",
        ),
        2,
        ("هاجم مسلحون مركزا للشرطة في البلدة.", "اقتحمت قوة مسلحة مقر البلدية."),
        ("هاجر آلاف الشباب إلى الخارج.",),
        generic=True,
        verb=True,
    ),
    _t(
        "trigger.regain.verb",
        "regain",
        BATTLES,
        "Government regains territory",
        "a verb of recapturing or liberating (استعاد، حرر)",
        (r"استعاد(?:ت|وا)?", r"(?:ي|ت)?ستعيد", r"حرر(?:ت|وا)?"),
        4,
        ("استعاد الجيش السيطرة على بلدة الرميلة.",),
        ("استقبل اللاعب مدربه بعد الإصابة.",),
        verb=True,
    ),
    _t(
        "trigger.regain.noun",
        "regain",
        BATTLES,
        "Government regains territory",
        "recapture or liberation as a noun (استعادة، تحرير)",
        (r"استعاده", r"تحرير"),
        4,
        ("أعلن الجيش تحرير بلدة الرميلة من المسلحين.",),
        ("عين رئيس جديد للمجلة.",),
    ),
    _t(
        "trigger.overtake.control",
        "overtake",
        BATTLES,
        "Non-state actor overtakes territory",
        "taking control of a place (سيطر على، السيطرة على، فرض/بسط/أحكم سيطرته على)",
        (
            r"(?:ي|ت)?سيطر(?:ت|وا)?(?: [^ ]+){0,8}? (?:علي|على)",
            r"السيطره (?:علي|على)",
            r"(?:فرض|بسط|احكم)(?:ت|وا)?(?: [^ ]+){0,4}? (?:ال)?سيطر(?:ه|ت(?:ها|ه|هم))"
            r"(?: [^ ]+){0,3}? (?:علي|على)",
        ),
        3,
        (
            "سيطر المسلحون على بلدة الرميلة بعد معارك.",
            "فرضت القوات الأمنية سيطرتها على منطقتي الرميلة والحسينية.",
        ),
        ("تصدرت الحكومة الأخبار في الأسواق.", "فرضت الحكومة عقوبات جديدة على الشركات."),
    ),
    _t(
        "trigger.overtake.expel",
        "overtake",
        BATTLES,
        "Non-state actor overtakes territory",
        "driving a force out of a place (طرد X من مواقعه في، دحر X من): the place changes hands",
        (
            r"(?:طرد|دحر)(?:ت|وا)?(?= (?:[^ ]+ ){1,8}?من (?:[^ ]+ )?"
            r"(?:مواقع|معاقل|مناطق|مدينه|بلده|قريه|منطقه|حي|احياء|مركز|قاعده|معسكر|مقر)[^ ]*)",
        ),
        3,
        ("طردت القوات الحكومية المسلحين من مواقعهم في منطقة الرميلة.",),
        ("طردت الحكومة السفير الإيراني من البلاد.", "طرد اللاعب من المباراة في الدقيقة العاشرة."),
        verb=True,
    ),
    _t(
        "trigger.overtake.seize",
        "overtake",
        BATTLES,
        "Non-state actor overtakes territory",
        "seizing a place (استولى، استيلاء)",
        (r"استولي(?:ت|وا)?", r"استيلاء"),
        3,
        ("استولى المتمردون على مدينة الرميلة.",),
        ("أعلن المتمردون استعدادهم للحوار.",),
    ),
    _t(
        "trigger.execution.verb",
        "execution",
        VAC,
        "Attack",
        "a verb of executing, slaughtering, assassinating or torturing (أعدم، ذبح، اغتال، عذب)",
        (
            r"اعدم(?:ت|وا)?",
            r"(?:ي|ت)عدم(?:ون)?",
            r"ذبح(?:ت|وا)?",
            r"اغتال(?:ت|وا)?",
            r"(?:ي|ت)?غتال",
            r"اغتيل(?:ت|وا)?",
            r"صلب(?:ت|وا|ه|هم|وه|وهم)",  # not the bare word: "القمح الصلب", "الحديد والصلب"
            r"عذب(?:ت|وا)?",
        ),
        6,
        ("أعدم المسلحون خمسة رهائن في الساحة.", "اغتال مجهولون قاضيا في المدينة.", "اغتيل قاض في الموصل."),
        ("صدرت البلاد شحنة من القمح الصلب.",),
        verb=True,
    ),
    _t(
        "trigger.execution.noun",
        "execution",
        VAC,
        "Attack",
        "execution, slaughter, assassination, massacre or torture as a noun (إعدام، اغتيال، مجزرة)",
        (
            r"اعدام(?:ات)?",
            r"ذبح",
            r"مذبوح(?:ا|ين|ون)?",
            r"نحر",
            r"اغتيال",
            r"مجزره",
            r"مجازر",
            r"تصفيه",
            r"تعذيب",
        ),
        6,
        ("نفذ المسلحون مجزرة في القرية.", "أدان المجلس اغتيال القاضي أمس."),
        ("أقيم حفل لتكريم المتفوقين.",),
    ),
    _t(
        "trigger.abduction.verb",
        "abduction",
        VAC,
        "Abduction/forced disappearance",
        "a verb of kidnapping (اختطف، خطف)",
        (r"اختطف(?:ت|وا)?", r"(?:ي|ت)?ختطف", r"خطف(?:ت|وا)?", r"(?:ي|ت)?خطف", r"اختطفت"),
        6,
        ("اختطف مسلحون صحفيا في العاصمة.",),
        ("اختار المدرب تشكيلة جديدة.",),
        verb=True,
    ),
    _t(
        "trigger.abduction.noun",
        "abduction",
        VAC,
        "Abduction/forced disappearance",
        "kidnapping as a noun (اختطاف، خطف: قام بخطف، تعرض للخطف)",
        (r"اختطاف", r"خطف"),
        6,
        ("أعلنت الشرطة اختطاف مهندسين أجنبيين.",),
        ("أعلنت الشرطة اختتام الدورة التدريبية.",),
    ),
    _t(
        "trigger.arrest.verb",
        "arrest",
        STRATEGIC,
        "Arrests",
        "a verb of arresting or raiding (اعتقل، احتجز، أوقف، ألقى القبض، دهم)",
        (
            r"اعتقل(?:ت|وا)?",
            r"(?:ي|ت)?عتقل",
            r"(?:ألقي|القت|القي|يلقي|تلقي) القبض",
            r"احتجز(?:ت|وا)?",
            r"اوقف(?:ت)?",
            r"دهم(?:ت)?",
            r"داهم(?:ت|وا)?",
            r"فكك(?:ت|وا)?(?= (?:[^ ]+ ){0,3}?(?:خليه|خلايا|شبكه))",
        ),
        5,
        (
            "اعتقلت قوات الأمن ثلاثة مشتبه بهم.",
            "دهمت الشرطة منزلا في حلب أمس.",
            "فككت الوحدات الأمنية خلية إرهابية في مدينة سوسة.",
        ),
        ("اعتذر الوزير عن حضور الاجتماع.",),
        verb=True,
    ),
    _t(
        "trigger.arrest.noun",
        "arrest",
        STRATEGIC,
        "Arrests",
        "arrest, detention or a raid as a noun (اعتقال، احتجاز، توقيف، مداهمة، القبض على)",
        (
            r"اعتقال(?:ات)?",
            r"القاء القبض",
            r"القبض (?:علي|على)",
            r"احتجاز",
            r"توقيف",
            r"ايقاف(?= (?:[^ ]+ )?(?:شخص|اشخاص|عنصر|عناصر|امراه|شاب|شبان|مشتبه|متهم|ارهابي|تكفيري|"
            r"مهرب|افراد))",  # the Maghreb's word for an arrest, of people only (not "إيقاف العمل")
            r"مداهم(?:ه|ات)",
            r"دهم",
            r"تفكيك (?:[^ ]+ )?(?:خليه|خلايا|شبكه)",
        ),
        5,
        (
            "أسفرت المداهمة عن توقيف أربعة عناصر.",
            "تمكنت وحدات الحرس الوطني من إيقاف شخص يشتبه في انتمائه إلى تنظيم إرهابي.",
            "تمكنت الوحدات الأمنية من تفكيك خلية إرهابية في مدينة سوسة.",
        ),
        ("أسفرت المباراة عن فوز الفريق.", "قررت الوزارة إيقاف العمل بالقرار الجديد."),
    ),
    _t(
        "trigger.surrender.verb",
        "surrender",
        STRATEGIC,
        "Other",
        "a verb of surrendering or defecting (سلم نفسه، استسلم، انشق)",
        (
            r"سلم(?:وا)?(?: [^ ]+){0,3}? انفسهم",
            r"سلم(?: [^ ]+){0,2}? نفسه",
            r"استسلم(?:ت|وا)?",
            r"انشق(?:وا)?",
        ),
        4,
        ("سلموا أنفسهم للجيش في حلب أمس.", "سلم عشرون مسلحا أنفسهم للجيش.", "انشق ضابط عن القوات الحكومية."),
        ("سلم الوزير الجوائز للفائزين.",),
    ),
    _t(
        "trigger.surrender.noun",
        "surrender",
        STRATEGIC,
        "Other",
        "surrender or defection as a noun (استسلام، انشقاق)",
        (r"استسلام", r"انشقاق"),
        4,
        ("أعلن الجيش استسلام عشرين مسلحا في البلدة.",),
        ("أعلن الجيش استكمال تدريب المجندين.",),
    ),
    _t(
        "trigger.disrupted.defuse",
        "disrupted",
        STRATEGIC,
        "Disrupted weapons use",
        "defusing a device (تفكيك، فكك، إبطال مفعول); dismantling a cell or a network is an arrest",
        (
            r"تفكيك(?! (?:[^ ]+ )?(?:خليه|خلايا|شبكه))",
            r"فكك(?:ت|وا)?(?! (?:[^ ]+ ){0,3}?(?:خليه|خلايا|شبكه))",
            r"(?:ي|ت)?فكك(?:ون)?",
            r"ابطال مفعول",
        ),
        7,
        ("فكك خبراء المتفجرات عبوة ناسفة قرب المدرسة.",),
        ("نظف العمال المسرح بعد الحفل.", "فككت الوحدات الأمنية خلية إرهابية في مدينة سوسة."),
    ),
    _t(
        "trigger.disrupted.foil",
        "disrupted",
        STRATEGIC,
        "Disrupted weapons use",
        "foiling an attack (إحباط، أحبط)",
        (r"احباط", r"احبط(?:ت)?"),
        7,
        ("أحبطت الشرطة هجوما بسيارة مفخخة.",),
        ("أعرب المدرب عن إحساسه بالرضا.",),
    ),
    _t(
        "trigger.disrupted.shoot_down",
        "disrupted",
        STRATEGIC,
        "Disrupted weapons use",
        "shooting down a drone or missile (إسقاط، أسقط)",
        (r"اسقاط", r"اسقط(?:ت|وا)?"),
        7,
        ("أسقطت الدفاعات الجوية طائرة مسيرة فوق المطار.",),
        ("أسعد الفوز جماهير النادي.",),
    ),
    _t(
        "trigger.disrupted.seize",
        "disrupted",
        STRATEGIC,
        "Disrupted weapons use",
        "seizing weapons or explosives (ضبط)",
        (r"ضبط(?:ت)?",),
        7,
        ("ضبطت الشرطة كمية من المتفجرات في مستودع.",),
        ("ضحك الجمهور طويلا في المسرح.",),
    ),
    _t(
        "trigger.looting.verb",
        "looting",
        STRATEGIC,
        "Looting/property destruction",
        "a verb of looting, burning or demolishing (نهب، أحرق، أضرم النار، هدم)",
        (r"نهب(?:وا)?", r"احرق(?:ت|وا)?", r"اضرم(?:ت|وا)? (?:ال)?نار", r"هدم(?:ت|وا)?"),
        3,
        ("نهب مسلحون محلات السوق.", "هدمت الجرافات منازل في القرية."),
        ("ذهب الأطفال إلى المدرسة.",),
        verb=True,
    ),
    _t(
        "trigger.looting.noun",
        "looting",
        STRATEGIC,
        "Looting/property destruction",
        "burning or bulldozing as a noun (إحراق، تجريف)",
        (r"احراق", r"تجريف", r"نهب", r"هدم"),
        3,
        ("أدى الهجوم إلى إحراق عشرات المنازل.",),
        ("أدى المطر إلى إغراق الشوارع.",),
    ),
    _t(
        "trigger.protest.noun",
        "protest",
        PROTESTS,
        "Peaceful protest",
        "a demonstration, protest or sit-in as a noun (مظاهرة، احتجاج، اعتصام، وقفة احتجاجية)",
        (
            r"تظاهر(?:ه|ات)?",
            r"مظاهر(?:ه|ات)",
            r"متظاهر(?:ين|ون)",
            r"احتجاج(?:ات|ا)?",
            r"اعتصام(?:ا|ات)?",
            r"وقفه احتجاجيه",
        ),
        4,
        ("خرجت مظاهرة أمام البرلمان للمطالبة بالإصلاح.",),
        ("خرجت العائلات إلى الحدائق في العيد.",),
    ),
    _t(
        "trigger.protest.verb",
        "protest",
        PROTESTS,
        "Peaceful protest",
        "a verb of demonstrating or protesting (تظاهر، احتج، اعتصم)",
        (
            r"تظاهر(?:وا|ت)?",
            r"احتج(?:وا)?",
            r"(?:ي|ت)?حتج(?:ون)?",
            r"(?:ي|ت)?عتصم(?:ون)?",
        ),
        4,
        ("وتظاهروا في الساحة الرئيسية للمطالبة بالإصلاح.",),
        ("ظهر الفنان في الساحة الرئيسية.",),
        verb=True,
    ),
    _t(
        "trigger.riot.noun",
        "riot",
        RIOTS,
        "Violent demonstration",
        "rioting (أعمال شغب، مشاغبين)",
        (r"اعمال شغب", r"شغب", r"مشاغبين"),
        6,
        ("اندلعت أعمال شغب في الملعب بعد المباراة.",),
        ("اندلعت الاحتفالات في الملعب بعد المباراة.",),
    ),
)


@dataclass(frozen=True, kw_only=True)
class DeathRule(Rule):
    """A kind given to a candidate made from death words alone."""

    kind: str
    event_type: str
    sub_event_type: str
    rank: int


def _d(id: str, kind: str, event_type: str, sub: str, rank: int, description: str,
       fires: tuple[str, ...], spares: tuple[str, ...]) -> DeathRule:  # fmt: skip
    return DeathRule(
        id=id,
        phase=Phase.TRIGGER,
        description=description,
        scope=Scope.SENTENCE,
        fires=fires,
        spares=spares,
        kind=kind,
        event_type=event_type,
        sub_event_type=sub,
        rank=rank,
    )


DEATH_AIR = _d(
    "trigger.death.air",
    "air",
    EXPLOSIONS,
    "Air/drone strike",
    7,
    "death words with aircraft as their subject: an air strike",
    ("قتل طيران التحالف ثلاثة مسلحين قرب الحدود.",),
    ("قتل مسلحون ثلاثة مدنيين قرب الحدود.",),
)
DEATH_CIVILIANS = _d(
    "trigger.death.civilians",
    "killing",
    VAC,
    "Attack",
    1,
    "civilians, people named by no side, or people at a place where they gather unarmed killed, with no "
    "fighters named: violence against civilians",
    ("قتل ثلاثة مدنيين قرب حلب أمس.", "ارتفعت حصيلة الهجوم الذي استهدف حافلة للأقباط إلى 28 قتيلا."),
    ("قتل ثلاثة جنود قرب حلب أمس.",),
)
DEATH_ONE_SIDED = _d(
    "trigger.death.one_sided",
    "killing",
    VAC,
    "Attack",
    1,
    "a named group kills people not described as fighters: a one-sided killing",
    ("وقالت المصادر إن داعش قتل خمسة من أبناء القرية.",),
    ("وقالت المصادر إن داعش قتل خمسة جنود في القرية.",),
)
DEATH_CLASH = _d(
    "trigger.death.clash",
    "killing",
    BATTLES,
    "Armed clash",
    1,
    "death words with fighters or a toll and no other kind: an armed clash",
    ("قتل أربعة جنود قرب حلب أمس.",),
    ("قتل ثلاثة مدنيين قرب حلب أمس.",),
)

RULES: tuple[Rule, ...] = (*TRIGGERS, DEATH_AIR, DEATH_CIVILIANS, DEATH_ONE_SIDED, DEATH_CLASH)

# One pattern for everything that can start an incident: a sentence it does not match is skipped
# without running the other patterns (most sentences of a newspaper are not about violence).
# Built from the bare fragments (no word boundaries, no proclitics), so it matches wherever any
# trigger, death or injury word could: a superset, cheap to search.
ANY_TRIGGER = re.compile(
    "|".join(
        f"(?:{f})"
        for fragments in [
            *(t.fragments for t in TRIGGERS),
            lx.FRAGMENTS[lx.DEATH.pattern],
            lx.FRAGMENTS[lx.INJURY.pattern],
        ]
        for f in fragments
    )
)

__all__ = ["ANY_TRIGGER", "RULES", "TRIGGERS", "DeathRule", "Example", "TriggerRule"]
