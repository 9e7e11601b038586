"""Arabic event language: trigger words in verb, noun and passive forms, and the cues around them.

Every pattern is written in normalized spelling (see `desktop.text.normalize`: ة→ه, ى→ي, أإآ→ا,
no diacritics or tatweel) and matched against the normalized text of a sentence. `word()` wraps a
fragment so that it matches a whole word with optional proclitics (و ف ب ل ك and ال).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

AR = "\u0621-\u064a"
_PROCLITICS = r"(?:[وف]?(?:[بلك]|لل)?(?:ال)?)"


_VERB_PROCLITICS = r"(?:[وف]?)"  # a verb takes a conjunction, never the article or a preposition


def word(fragment: str, proclitics: bool | str = True) -> str:
    """A regex matching `fragment` as a whole word, optionally preceded by proclitics
    (`"verb"`: only the conjunctions و/ف, as a finite verb takes)."""
    pre = _VERB_PROCLITICS if proclitics == "verb" else _PROCLITICS if proclitics else ""
    return rf"(?<![{AR}]){pre}(?:{fragment})(?![{AR}])"


# Every fragment given to `any_word`, by the pattern it built (for the incident prefilter).
FRAGMENTS: dict[str, tuple[str, ...]] = {}


def any_word(*fragments: str, suffixes: bool = False, proclitics: bool | str = True) -> re.Pattern[str]:
    """One pattern for several words; `suffixes` allows attached pronouns (`تحذيرها`, `اتهمته`)."""
    tail = r"(?:ه|ها|هم|هما|هن|ني|نا|كم)?" if suffixes else ""
    # One lookbehind, proclitic group and lookahead around the alternation (not one per fragment):
    # the same words, several times faster to search.
    pattern = re.compile(word("|".join(f"(?:{f}){tail}" for f in fragments), proclitics))
    FRAGMENTS[pattern.pattern] = fragments
    return pattern


BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"


@dataclass(frozen=True)
class Trigger:
    """A kind of event word. `generic` triggers are absorbed by specific ones in the same sentence."""

    name: str
    pattern: re.Pattern[str]
    event_type: str
    sub_event_type: str
    generic: bool = False
    rank: int = 0  # higher wins when two triggers claim the same words or event


def _t(
    name: str, event_type: str, sub: str, *fragments: str, generic: bool = False, rank: int = 0
) -> Trigger:
    return Trigger(name, any_word(*fragments), event_type, sub, generic, rank)


TRIGGERS: tuple[Trigger, ...] = (
    _t(
        "suicide",
        EXPLOSIONS,
        "Suicide bomb",
        r"انتحاري(?:ه|ين|ون|ان|تين|تان)?",
        r"(?:ف|ي|ت)?فجر(?:ت|وا|ا|ان)? (?:نفس(?:ه|ها|يهما|هم)|ذات(?:ه|ها))",
        r"احزمه ناسفه",
        r"حزام(?:ا)? ناسف(?:ا)?",
        r"تفجير(?:ا)? انتحاري(?:ا)?",
        r"هجوم(?:ا)? انتحاري(?:ا)?",
        rank=9,
    ),
    _t("grenade", EXPLOSIONS, "Grenade", r"قنبل(?:ه|ات|تين|تان) يدوي(?:ه)?", rank=8),
    _t(
        "chemical",
        EXPLOSIONS,
        "Chemical weapon",
        r"(?:غاز|غازات) (?:الكلور|السارين|سام(?:ه)?)",
        r"(?:اسلحه|سلاح) كيمياوي(?:ه)?",
        r"(?:اسلحه|سلاح) كيميائي(?:ه)?",
        r"هجوم(?:ا)? كيميائي(?:ا)?",
        rank=8,
    ),
    _t(
        "ied",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        r"عبو(?:ه|ات|تين|تان) (?:ناسف(?:ه)?|متفجر(?:ه)?|لاصق(?:ه)?)",
        r"لغم(?:ا)?",
        r"الغام",
        r"مفخخ(?:ه|ات|تين|تان)?",
        r"تفجير(?:ين|ات|ا)?",
        r"انفجار(?:ين|ات|ا)?",
        r"قنبل(?:ه|ات|تين|تان)",
        r"قنابل",
        r"متفجر(?:ه|ات)",
        r"(?:ف|ي|ت)?فجر(?:ت|وا|ا|ان)?",
        r"انفجر(?:ت)?",
        r"ناسف(?:ه)?",
        rank=6,
    ),
    _t(
        "air",
        EXPLOSIONS,
        "Air/drone strike",
        r"غار(?:ه|ات|تين|تان)",
        r"غارات(?:ه|ها|هم)",  # "وكثف طيران التحالف غاراته"
        r"(?:قصف|ضرب(?:ه|ات)?) (?:جوي(?:ا|ه)?|بالطيران)",
        r"طائر(?:ه|ات) (?:مسير(?:ه)?|بدون طيار|بلا طيار)",
        r"(?:ال)?طيران (?:ال)?(?:حربي|مسير)",
        r"مقاتلات",
        r"ضربات جويه",
        r"طلع(?:ه|ات) (?:ال)?جوي(?:ه)?",  # sorties: "تنفيذ 11 طلعة جوية"
        # barrel bombs are dropped from helicopters (ACLED codes them as air strikes)
        r"(?:ال)?(?:براميل|برميل(?:ا|ين|ان)?) (?:ال)?متفجر(?:ه|ا|ات|ين)?",
        rank=7,
    ),
    _t(
        "shelling",
        EXPLOSIONS,
        "Shelling/artillery/missile attack",
        r"(?:ي|ت)?قصف(?:ت|وا|ا)?",
        r"قذيف(?:ه|تين|تان)",
        r"قذائف",
        r"صاروخ(?:ا|ين|ان)?",
        r"صواريخ",
        r"هاون",
        r"مدفعي(?:ه)?",
        r"راجم(?:ه|ات)",
        r"كاتيوشا",
        r"غراد",
        r"نيران (?:ال)?(?:رشاشات|رشاشاتها|الرشاشات|دبابات|دباباتها|الدبابات)(?: (?:ال)?ثقيله)?",
        rank=5,
    ),
    _t(
        "clash",
        BATTLES,
        "Armed clash",
        r"اشتباك(?:ات)?",
        r"(?:ي|ت)?شتبك(?:ت|وا|ون)?",
        r"اشتبك(?:ت|وا)?",
        r"معارك",
        r"معركه",
        r"مواجهات",
        r"(?:ال)?قتال",
        r"كمين(?:ا)?",
        r"(?:ي|ت)?تبادل(?:ت|وا)? (?:ل)?اطلاق النار",
        rank=4,
    ),
    _t(
        "gunfire",
        BATTLES,
        "Armed clash",
        r"(?:ا|ي|ت)?طلق(?:ت|وا|ا)?(?: [^ ]+){0,3} (?:ال)?نار",
        r"اطلاق (?:ال)?نار",
        r"(?:ي|ت)?فتح(?:ت|وا)?(?: [^ ]+){0,4} (?:ال)?(?:نار|نيران)",
        r"(?:ب|)رصاص",
        r"(?:ال)?رصاص",
        r"قنص",
        r"قناص(?:ه)?",
        rank=3,
    ),
    _t(
        "attack",
        BATTLES,
        "Armed clash",
        r"هجوم(?:ا|ين)?",
        r"هجمات",
        r"(?:ي|ت)?هاجم(?:ت|وا|ون)?",
        r"هاجم(?:ت|وا)?",
        r"اعتداء(?:ات)?",
        r"(?:ي|ت)?عتدي",
        r"اعتدي",
        r"استهدف(?:ت|وا)?",
        r"استهداف",
        r"اقتحم(?:ت|وا)?",
        r"اقتحام",
        generic=True,
        rank=2,
    ),
    _t(
        "regain",
        BATTLES,
        "Government regains territory",
        r"استعاد(?:ت|وا)?",
        r"استعاده",
        r"(?:ي|ت)?ستعيد",
        r"حرر(?:ت|وا)?",
        r"تحرير",
        rank=4,
    ),
    _t(
        "overtake",
        BATTLES,
        "Non-state actor overtakes territory",
        r"(?:ي|ت)?سيطر(?:ت|وا)?(?: [^ ]+){0,8}? (?:علي|على)",
        r"السيطره (?:علي|على)",
        r"استولي(?:ت|وا)?",
        r"استيلاء",
        rank=3,
    ),
    _t(
        "execution",
        VAC,
        "Attack",
        r"اعدم(?:ت|وا)?",
        r"اعدام(?:ات)?",
        r"(?:ي|ت)عدم(?:ون)?",
        r"ذبح(?:ت|وا)?",
        r"ذبح",
        r"مذبوح(?:ا|ين|ون)?",
        r"نحر",
        r"اغتيال",
        r"اغتال(?:ت|وا)?",
        r"(?:ي|ت)?غتال",
        r"مجزره",
        r"مجازر",
        r"تصفيه",
        r"صلب(?:ت|وا|ه|هم|وه|وهم)",  # not the bare word: "القمح الصلب", "الحديد والصلب"
        r"تعذيب",
        r"عذب(?:ت|وا)?",
        rank=6,
    ),
    _t(
        "abduction",
        VAC,
        "Abduction/forced disappearance",
        r"اختطف(?:ت|وا)?",
        r"(?:ي|ت)?ختطف",
        r"اختطاف",
        r"خطف(?:ت|وا)?",
        r"(?:ي|ت)?خطف",
        r"اختطفت",
        rank=6,
    ),
    _t(
        "arrest",
        STRATEGIC,
        "Arrests",
        r"اعتقل(?:ت|وا)?",
        r"(?:ي|ت)?عتقل",
        r"اعتقال(?:ات)?",
        r"(?:القاء|ألقي|القت|القي|يلقي|تلقي) القبض",
        r"القبض (?:علي|على)",
        r"احتجز(?:ت|وا)?",
        r"احتجاز",
        r"توقيف",
        r"اوقف(?:ت)?",
        r"مداهم(?:ه|ات)",
        r"دهم(?:ت)?",
        rank=5,
    ),
    _t(
        "surrender",
        STRATEGIC,
        "Other",
        r"سلم(?:وا)? انفسهم",
        r"سلم نفسه",
        r"استسلام",
        r"استسلم(?:ت|وا)?",
        r"انشقاق",
        r"انشق(?:وا)?",
        rank=4,
    ),
    _t(
        "disrupted",
        STRATEGIC,
        "Disrupted weapons use",
        r"تفكيك",
        r"فكك(?:ت|وا)?",
        r"(?:ي|ت)?فكك(?:ون)?",
        r"ابطال مفعول",
        r"احباط",
        r"احبط(?:ت)?",
        r"اسقاط",
        r"اسقط(?:ت|وا)?",
        r"ضبط(?:ت)?",
        rank=7,
    ),
    _t(
        "looting",
        STRATEGIC,
        "Looting/property destruction",
        r"نهب(?:وا)?",
        r"احرق(?:ت|وا)?",
        r"احراق",
        r"اضرم(?:ت|وا)? (?:ال)?نار",
        r"هدم(?:ت|وا)?",
        r"تجريف",
        rank=3,
    ),
    _t(
        "protest",
        PROTESTS,
        "Peaceful protest",
        r"تظاهر(?:ه|ات|وا|ت)?",
        r"مظاهر(?:ه|ات)",
        r"متظاهر(?:ين|ون)",
        r"احتجاج(?:ات|ا)?",
        r"احتج(?:وا)?",
        r"(?:ي|ت)?حتج(?:ون)?",
        r"اعتصام(?:ا|ات)?",
        r"(?:ي|ت)?عتصم(?:ون)?",
        r"وقفه احتجاجيه",
        rank=4,
    ),
    _t("riot", RIOTS, "Violent demonstration", r"اعمال شغب", r"شغب", r"مشاغبين", rank=6),
)

# Finite verbs of violence: an event told with a verb is a report, not a reference to one.
VERBAL = any_word(
    # past verbs that carry an event noun as object: "كثف طيران التحالف غاراته", "واصلت قصفها"
    # (not the imperfect: "ويواصلون إطلاق الصواريخ" is a habit)
    r"كثف(?:ت|وا)?",
    r"صعد(?:ت|وا)?",
    r"واصل(?:ت|وا)?",
    r"اقدم(?:ت|وا)?",  # "أقدم انتحاري على تفجير نفسه": the deed verb of a masdar
    r"(?:ي|ت)?قتل(?:ت|وا|ون)?",
    r"قتل(?:ت|وا)?",
    r"(?:ي|ت)?فجر(?:ت|وا|ون)?",
    r"انفجر(?:ت)?",
    r"(?:ي|ت)?نفجر",
    r"(?:ا|ي|ت)?طلق(?:ت|وا|ون)?",
    r"(?:ي|ت)?قصف(?:ت|وا|ون)?",
    r"(?:ي|ت)?هاجم(?:ت|وا|ون)?",
    r"(?:ي|ت)?ستهدف(?:ت|وا|ون)?",
    r"استهدف(?:ت|وا)?",
    r"اغتال(?:ت|وا)?",
    r"(?:ي|ت)?غتال",
    r"اختطف(?:ت|وا)?",
    r"(?:ي|ت)?ختطف",
    r"خطف(?:ت|وا)?",
    r"اعتقل(?:ت|وا)?",
    r"(?:ي|ت)?عتقل",
    r"اعدم(?:ت|وا)?",
    r"ذبح(?:ت|وا)?",
    r"اقتحم(?:ت|وا)?",
    r"(?:ي|ت)?قتحم",
    r"فتح(?:ت|وا)?(?: [^ ]+){0,6} (?:ال)?نيران",  # not "فتح" alone: that is also the Fatah movement
    r"اشتبك(?:ت|وا)?",
    r"(?:ي|ت)?شتبك(?:ون)?",
    r"سقط(?:ت)?",
    r"(?:ي|ت)?سقط",
    r"تعرض(?:ت)?",
    r"(?:ي|ت)?تعرض",
    r"شن(?:ت|وا)?",
    r"(?:ي|ت)?شن(?:ون)?",
    r"نفذ(?:ت|وا)?",
    r"اسفر(?:ت)?",
    r"(?:ي|ت)?سفر",
    r"ادي",
    r"ادت",
    r"لقي(?:ت|وا)?",
    r"لقوا",
    r"قضي",
    r"استشهد(?:ت|وا)?",
    r"اصيب(?:ت|وا)?",
    r"جرح",
    r"اسقط(?:ت|وا)?",
    r"دارت",
    r"(?:ي|ت)?دور",
    r"اندلعت",
    r"(?:ي|ت)?ندلع",
    r"فتح(?:ت|وا)? (?:ال)?نار",
    r"سيطر(?:ت|وا)?",
    r"(?:فرض|بسط|احكم)(?:ت|وا)?(?=(?: [^ ]+){0,4}? (?:ال)?سيطر(?:ه|ت))",  # "فرضت القوات سيطرتها على"
    r"طرد(?:ت|وا)?",
    r"دحر(?:ت|وا)?",
    r"استعاد(?:ت|وا)?",
    r"حرر(?:ت|وا)?",
    r"فجر(?:ت|وا|ا)?",
    r"دمر(?:ت|وا)?",
    r"احرق(?:ت|وا)?",
    r"عثر(?:ت|وا)?",
    r"خلف(?:ت)?",
    r"اوقع(?:ت)?",
    r"(?:ي|ت)?تظاهر(?:ون)?",
    r"تظاهر(?:ت|وا)?",
    r"احتج(?:وا)?",
    r"اعتصم(?:وا)?",
    r"فرقت",
    r"اوقف(?:ت|وا)?",
    r"القت",
    r"القي",
    r"احبط(?:ت|وا)?",
    r"(?:ي|ت)?حبط",
    r"فكك(?:ت|وا)?",
    r"ضبط(?:ت|وا)?",
    r"(?:ي|ت)?لقي",
    r"تجدد(?:ت)?",
    r"دار(?:ت)?",
    r"سلم(?:وا|ت)?",
    r"شهد(?:ت)?",
    r"وقع(?:ت)?",
    r"حدث(?:ت)?",
    r"جرت",
    r"جري",
    r"تمكن(?:ت|وا)?",
    r"تم",
    r"تمت",
    r"قام(?:ت|وا)?",
    r"قيام",  # "قيام عناصر داعش بقتل 30": the deed as a verbal noun of قام
    r"اعلن(?:ت|وا)? (?:عن )?(?:مقتل|سيطره)",
    proclitics="verb",
)
# Words before an event noun that make it a reference to an event, not a report of one.
REFERENCE = any_word(
    r"قضيه",
    r"قضايا",
    r"ملف",
    r"ذكري",
    r"محكمه",
    r"جريمه",
    r"جرائم",
    r"مسؤوليه",
    r"منذ",
    r"مضاد(?:ه)?",
    r"عمليات",
    r"موجه",
    r"اسلوب",
    r"ظاهره",
    r"مكافحه",
    r"حرب",
    r"ضحايا",
    r"اعمال",
    r"خطر",
    r"احتمال",
    r"حمله",
    r"تهم(?:ه)?",
    r"بتهمه",
    r"عقوبه",
    r"شبكه",
    r"خليه",
    r"مخطط",
    r"حوادث",
    r"مسلسل",
    r"اشكال",
    r"وقف",
    r"تدبير",
    r"قاذف(?:ه|ات)",
    r"حيازه",
    r"تهريب",
    r"شحن(?:ه|ات)",
    r"مخزن",
    r"مخازن",
    r"مصنع",
    r"صناعه",
    r"(?:ال)?ضلوع",
    r"(?:ال)?تورط",
    r"(?:ال)?تحقيق(?:ات)?",
    r"اتهام(?:ات)?",
    r"عند",
    r"اعقاب",  # "في أعقاب اغتيال": the earlier event as background of the news
)
# Reference words that must touch the event noun: "نظام صواريخ", "درع صاروخي" (but "قوات النظام أمس
# نيران" is the regime's forces firing).
REFERENCE_ADJACENT = any_word(r"نظام", r"درع", proclitics="verb")
# Accusations: "اتهم X بقتل ...", "تتهم منظمات ... بارتكاب": an allegation, not the report.
ACCUSATION = any_word(r"(?:ا|ي|ت)?تهم(?:ت|وا|ون)?", r"اتهام(?:ات)?", r"متهم(?:ين|ون|ه)?")
# A preposition of topic before an event noun: the sentence talks about the event ("ردود فعل على
# عملية الاغتيال", "يعلم الكثير عن اغتيال"), unless a verb of result, deed or report governs it
# ("أسفر عن مقتل", "أقدم على قتل", "كشف عن استهداف", "أفاد عن مقتل").
TOPIC = re.compile(
    word(
        r"(?:علي|عن|حول|بخصوص|بشان|ازاء|حيال|تجاه|(?:ي|ت)?تعلق|(?:ي|ت)?تصل|المتعلق(?:ه)?|المتصل(?:ه)?)",
        proclitics=False,
    )
    + r"(?: (?:ال)?(?:عمليه|عمليات|حادث|حادثه|جريمه|اطلاق|تنفيذ|شن))? "
)
RESULT_VERB = re.compile(
    word(
        r"(?:(?:ا|ي|ت)?سفر(?:ت)?|(?:ا|ي|ت)?قدم(?:ت|وا|ون)?|(?:ا|ي|ت)?جهز(?:ت|وا|ون)?|اقبل|"
        r"(?:ي|ت)?كشف(?:ت|وا)?|كشف(?:ت|وا)?|(?:ا|ي|ت)?علن(?:ت|وا)?|(?:ا|ي|ت)?فاد(?:ت)?|(?:ي|ت)?فيد|"
        r"(?:ا|ي|ت)?بلغ(?:ت|وا)?)",
        proclitics=True,
    )
    + r" "
)
# Habits and states, not events: "التي تتعرض دائما لصواريخ".
HABITUAL = any_word(r"دائما", r"دوما", r"عاده", r"كالعاده", r"باستمرار", r"يوميا", r"احيانا", r"غالبا")

# Death and injury words: they make an incident on their own only with a violent cue; otherwise they
# give the fatalities and injuries of the incident in their clause.
DEATH = any_word(
    r"مقتل",
    r"(?:ي|ت)?قتل(?:ت|وا|ون|ي|ا)?",
    r"قتل",
    r"قتلي",
    r"قتيل(?:ا|ين|ان)?",
    r"لقي(?:ت|وا|ا)? (?:مصرع|حتف)(?:ه|ها|هم|هما)?",
    r"لقو(?:ا)? (?:مصرع|حتف)(?:ه|ها|هم|هما)?",
    r"مصرع(?:ه|ها|هم|هما)?",
    r"حتف(?:ه|ها|هم|هما)",
    r"استشهد(?:ت|وا)?",
    r"استشهاد",
    r"شهيد(?:ا|ين|ان)?",
    r"شهداء",
    r"(?:ي|ت)?لقي(?:ون)? حتف",
    r"سقوط (?:قتلي|ضحايا)",
    r"ضحايا",
    r"ضحيه",
    r"جثث",
    r"جثه",
    r"جثامين",
    r"اعدم(?:ت|وا)?",
    r"اعدام",
    r"ذبح(?:ت|وا)?",
    r"مذبوح(?:ا|ين|ون)?",
    r"اغتيال",
    r"اغتال(?:ت|وا)?",
    r"وفاه",  # "أسفر عن وفاة 6 أشخاص"
    r"وفيات",
    r"(?:ي|ت)?توفي(?:ت|وا|ا|ان)?",  # "توفي متأثرا بجراحه"
)
INJURY = any_word(
    r"اصاب(?:ه|ات)",
    r"اصيب(?:ت|وا|ا)?",
    r"(?:ي|ت)?صاب",
    r"جرح(?:ي)?",
    r"جريح(?:ا|ين|ان)?",
    r"مصاب(?:ا|ين|ون)?",
    r"جرحي",
    r"اصابت(?:هم|ه)",
)
KILL_AND_WOUND = re.compile(
    word(r"(?:مقتل|قتل|قتلي) و(?:اصابه|جرح|اصابه|جرحي)") + "|" + word(r"(?:القتلي|قتلي) و(?:الجرحي|المصابين)")
)

# Words that show the clause is about aircraft (turns a shelling trigger into an air strike).
AIRCRAFT = any_word(
    r"طائر(?:ه|ات|ات)",
    r"الطيران",
    r"طيران",
    r"مقاتلات",
    r"مروحي(?:ه|ات)",
    r"جوي(?:ه|ا)?",
    r"مسير(?:ه|ات)",
    r"درون",
)
# Protest cues that make an apparent drone word a march, and drone words that make "مسيرة" not a march.
DRONE = any_word(r"طائر(?:ه|ات) مسير(?:ه)?", r"مسيره مفخخه")
INTERVENTION = any_word(r"تفريق", r"فرقت", r"(?:ي|ت)?فرق", r"الغاز المسيل", r"غاز مسيل", r"خراطيم")

# Not incidents: threats, plans, denials, conditionals, condemnations, commemorations.
IRREALIS = any_word(
    r"سوف",
    # compulsion: "يجبر بعض الرجال على القتال في صفوفه"
    r"(?:ي|ت)?جبر(?:ون|هم)?",
    r"اجبر(?:ت|وا|هم)?",
    r"اجبار(?:هم)?",
    r"(?:ي|ت)?هدد(?:ون)?",
    r"هدد(?:ت|وا)?",
    r"تهديد(?:ات)?",
    r"توعد(?:ت|وا)?",
    r"(?:ي|ت)?عتزم",
    r"(?:ي|ت)?نوي",
    r"(?:ي|ت)?خطط(?:ون)?",
    r"مخطط(?:ا|ات)?",
    r"محتمل(?:ه)?",
    r"في حال",
    r"اذا",
    r"لو",
    r"لولا",
    r"(?:ي|ت)?مكن",
    r"نفي",
    r"نفت",
    r"(?:ي|ت)?نفي",
    r"نفوا",
    r"ادان(?:ت|وا)?",
    r"(?:ي|ت)?دين",
    r"ادانه",
    r"استنكر(?:ت|وا)?",
    r"(?:ي|ت)?ستنكر",
    r"استنكار",
    r"شجب(?:ت)?",
    r"ندد(?:ت|وا)?",
    r"(?:ي|ت)?ندد",
    r"ذكري",
    r"محاكمه",
    r"(?:ي|ت)?حاكم",
    r"حكم(?:ت)? (?:ال)?محكمه",
    r"تحذير",
    r"حذر(?:ت)?",
    r"(?:ي|ت)?حذر",
    r"منع",
    r"لمنع",
    r"تجنب",
    r"خشيه",
    r"مخاوف",
    r"(?:ي|ت)?خشي",
    r"دعا",
    r"دعت",
    r"(?:ي|ت)?دعو",
    r"(?:ي|ت)?طالب",
    r"سيناريو",
    r"تدريب(?:ات)?",
    r"مناورات",
    r"تعازي",
    r"تعزيه",
    r"حداد",
    r"(?:ي|ت)?حقق",
    r"تحقيق(?:ات)?",
    r"رافض(?:ين|ون)?",
    r"رفض(?:ت|وا)?",
    r"(?:ي|ت)?رفض(?:ون)?",
    r"رغب(?:ه|ته|تهم)",
    r"(?:ي|ت)?رغب(?:ون)?",
    r"محاول(?:ه|ات) فاشل(?:ه)?",
    r"انطلاق",
    r"بدء",
    r"(?:ي|ت)?توقع(?:ون)?",
    r"توقع(?:ت)?",
    r"(?:ي|ت)?ري",
    r"راي",
    r"اعتبر(?:ت)?",
    r"(?:ي|ت)?عتبر",
    r"وصف(?:ت)?",
    r"(?:ي|ت)?صف",
    r"مثل هذا",
    r"مثل هذه",
    r"(?:ي|ت)?ستعد(?:ون)?",
    r"استعداد(?:ات)?",
    r"(?:ي|ت)?تاهب",
    r"اتهم(?:ت|وا)?",
    r"(?:ي|ت)?تهم(?:ون)?",
    r"اتهام(?:ات)?",
    r"متهم(?:ين|ون)?",
    r"مزاعم",
    r"ادعاء(?:ات)?",
    r"(?:ي|ت)?زعم",
    r"محاوله",
    r"محاولات",
    r"حكم",
    r"احكام",
    r"قضائي(?:ه)?",
    r"بهدف",
    r"(?:ي|ت)?منع",
    r"(?:ي|ت)?حاول(?:ون)?",
    r"(?:ي|ت)?درس(?:ون)?",
    r"خطه",
    r"خطط",
    suffixes=True,
)
# A definite event noun (`القتل`, `الاختطاف`) names a kind of violence unless the sentence anchors it.
DEFINITE_NOUN = re.compile(rf"^(?:[وفبلك])?(?:ال|لل)[{AR}]+$")
# Figurative objects: "فجرت الأزمة", "خطف الأضواء", "قتلت كل بصيص أمل".
FIGURATIVE = any_word(
    r"(?:ال)?ازمه",
    r"(?:ال)?خلاف(?:ات)?",
    r"(?:ال)?جدل",
    r"(?:ال)?اضواء",
    r"(?:ال)?امل",
    r"بصيص",
    r"(?:ال)?غضب",
    r"(?:ال)?فضيحه",
    r"(?:ال)?قنبله (?:ال)?(?:ذريه|نوويه)",
    r"(?:ال)?قنبلتها (?:ال)?(?:ذريه|نوويه)",
    r"(?:ال)?مفاجاه",
    r"(?:ال)?وقت",
    r"(?:ال)?طموح(?:ات)?",
    r"(?:ال)?روح",
    r"(?:ال)?ثوره",
    r"عصفورين",  # the proverb of two birds with one stone
    r"(?:ال)?صوت(?:يه)?",  # "قنابل الصوت": stun grenades are crowd control, not explosions
    r"قنابل (?:ال)?(?:غاز|دخان)",  # tear gas and smoke grenades
    r"مسيل(?:ه)? للدموع",
    # Objects of "أوقف" that make it "stopped", not "arrested": "أوقفت الصين استيراد الدواجن".
    r"(?:ال)?استيراد",
    r"(?:ال)?تصدير",
    r"(?:ال)?بث",
    r"(?:ال)?ضخ",
    r"(?:ال)?صرف",
    r"(?:ال)?تعاون",
    r"(?:ال)?مفاوضات",
    # celebratory fire: "أطلق جنوده النار ابتهاجا"
    r"ابتهاج(?:ا)?",
    r"احتفال(?:ا)?",
    r"في الهواء",
    # a device prepared for use has not gone off: "السيارات المفخخة المعدة للتفجير"
    r"(?:ال)?معد(?:ه|ات)? لل?تفجير",
)
# "استشهد بـ" is "cited", not "was martyred": "واستشهدت أمانة السوق بحصول الشاعرة على الجائزة".
CITE = re.compile(
    word(r"استشهد(?:ت|وا)?", proclitics="verb")
    + r"(?: [^ 0-9٠-٩]+){0,3}? ب(?!رصاص|نيران|قصف|قذيف|صاروخ|غار|انفجار|تفجير|هجوم|جروح|طلق|اطلاق)[^ 0-9]+"
)
# A relative pronoun right before a verb of violence describes a person or thing by a past event.
RELATIVE = re.compile(word(r"(?:الذي|التي|الذين|اللذين|اللتين|اللواتي)", proclitics=False) + r" ")
# Purpose clauses: "قاعدة لشن هجوم", "من أجل تنفيذ عملية".
PURPOSE = re.compile(
    rf"(?<![{AR}])(?:(?:ل|من اجل |بهدف |بغرض |لغرض )(?:شن|تنفيذ|ارتكاب|تنفيد)|"
    rf"(?:من اجل|بهدف|بغرض|لغرض|بغيه))(?![{AR}])"
)
# "أو" between kinds of violence names kinds, not an event ("الاغتيال أو القتل على الهوية أو الاختطاف").
DISJUNCTION = re.compile(word(r"(?:او|أو)", proclitics=False) + r" ")
# "ل" + an event noun after a verb of intent is a purpose ("خططوا لتفجير"), unless the verb is تعرض.
PURPOSE_NOUN = re.compile(
    rf"(?<![{AR}])[وف]?ل(?:تفجير(?:ات)?|ضرب|اغتيال(?:ات)?|استهداف|قتل|خطف|مهاجمه|قصف|اقتحام|هجمات|هجوم|تحرير|استعاده|تطهير)(?![{AR}])"
)

EXPERIENCED = re.compile(word(r"(?:ي|ت)?تعرض(?:ت|وا|ون)?|تعرض(?:ت|وا)?"))
# Opinion and prediction verbs: what their "أن" clause says is a view, not a report.
OPINION = re.compile(
    word(
        r"(?:(?:ي|ت)?توقع(?:ون)?|توقع(?:ت)?|(?:ي|ت)?ري|راي|(?:ي|ت)?عتبر|اعتبر(?:ت)?|(?:ي|ت)?عتقد|لفت|"
        r"اقول|نقول|تعقيبا|تقديري|رايي|اظن|نعتقد|اعتقد)",
        proclitics=True,
    )
    + r"(?: [^ ]+){0,12}? (?:ان|بان|أن)(?![ء-ي])"
)
# A demonstrative before a generic trigger refers back to an event already told ("هذا الهجوم").
ANAPHORIC = re.compile(word(r"(?:هذا|هذه|ذلك|تلك|هذين|هاتين)", proclitics=False) + r" ")
NEGATION = re.compile(word(r"لم") + r" [^ ]+|" + word(r"لن") + r" [^ ]+|" + word(r"دون (?:وقوع|ان)"))
# Tolls over weeks or months, and history.
# After a toll word, one event named by a definite singular noun: its toll, not a tally ("ارتفعت
# حصيلة الهجوم الذي استهدف حافلة إلى 28 قتيلا", "ارتفع عدد ضحايا التفجير").
_ONE_EVENT_TOLL = (
    r"(?! (?:[^ ]+ )?(?:ال)?(?:هجوم|تفجير|انفجار|اعتداء|حادث|حادثه|غاره|هجمه|عمليه|مجزره|"
    r"هجومين|تفجيرين|انفجارين)(?![ء-ي]))"
)
AGGREGATE = any_word(
    r"خلال (?:ال)?(?:اسبوع|اسبوعين|اسابيع|شهر|شهرين|اشهر|شهور|عام|عامين|اعوام|سنه|سنوات|سنتين|ايام|الايام)",
    r"منذ (?:بدايه|مطلع|اندلاع|بدء|انطلاق|مطلع)",
    _ONE_EVENT_TOLL.join(("حصيله", "")),
    r"علي (?:مدي|مدار)",
    r"منذ (?:عده |بضعه |[^ ]+ )?(?:عام|اعوام|سنوات|اشهر|شهور|اسابيع)",
    r"منذ (?:عامين|سنتين|شهرين)",
    r"دام(?:ت)? (?:[^ ]+ )?(?:اشهر|شهور|اسابيع|اعوام|سنوات|شهرين|عامين|سنتين)",
    r"خلال (?:[0-9٠-٩]+|عده|بضعه|ثلاثه|اربعه|خمسه|سته|سبعه|ثمانيه|تسعه|عشره) (?:اسابيع|اشهر|شهور|اعوام|سنوات)",
    r"في (?:عده |بضعه |[^ ]+ )?(?:ايام|اسابيع|اشهر|شهور|سنوات)",
    r"[0-9٠-٩]+ مره",
    _ONE_EVENT_TOLL.join((r"ارتفع(?:ت)? (?:عدد|حصيله)", "")),
    r"اجمالي",
    r"مجموع",
    r"ما مجموعه",
)
# A report documenting tolls ("ووثق التقرير وفاة 368 شخصا", "رصد التقرير الشهري مقتل"): a periodic tally.
REPORT_TALLY = re.compile(
    word(r"(?:وثق|رصد|سجل|احصي|احصت|وثقت|رصدت|سجلت)", proclitics="verb")
    + r" (?:ال)?تقرير(?:ها|ه)?(?![ء-ي])"
    + "|"
    + word(r"(?:ال)?تقرير", proclitics=True)
    + r" (?:ال)?(?:شهري|سنوي|دوري|نصف السنوي|الحقوقي)(?![ء-ي])"
)
# Courts and their sentences, and common crime: a judicial execution for murder, a robbery or a
# brawl is no political violence.
JUDICIAL = any_word(
    r"قصاص(?:ا)?",
    r"حد الحرابه",
    r"تعزير(?:ا)?",
    r"تنفيذ حكم",
    r"حكم (?:ال)?(?:قتل|اعدام)",
    r"(?:جريمه|عمليه) (?:ال)?(?:سرقه|سطو|نشل)",
    r"(?:ال)?مشاجره",
)
# Remembering: "واستذكر المسيحيون ما تعرضوا له من قتل ونهب".
RECALL = any_word(r"(?:ا|ي|ت)?ستذكر(?:ت|وا|ون)?", r"استذكار", r"(?:ي|ت)?تذكر(?:ون)?", r"تذكر(?:وا)?")
# History told as such, anywhere in the sentence: "وقتل المئات ... ودمر آنذاك قسم كبير من المدينة".
THEN = any_word(
    r"انذاك",
    r"حينذاك",
    r"وقتذاك",
    r"في ذلك الوقت",
    # a period of weeks or more, wherever it stands: "القبض على 431 إرهابيا، خلال الأسابيع الماضية"
    r"خلال (?:ال)?(?:اسابيع|اشهر|شهور|اعوام|سنوات) (?:ال)?(?:ماضيه|اخيره|الماضيه|الاخيره)",
)
# A period that starts with someone's rule; fronted, it covers the clauses after it:
# "بعد وصول روحاني إلى الحكم، جرى إعدام 1800 شخص".
REIGN = any_word(r"(?:منذ|بعد) (?:وصول|تولي|توليه|مجيء|مجيئ)(?: [^ ]+){1,4} (?:الحكم|السلطه|الرئاسه|منصبه)")
# Accidents, disasters and disease, as precise constructions near the trigger (see `vetoes`): a word
# of an accident elsewhere in the sentence is only a signal (`ACCIDENT_WORDS`).
_CAUSE = r"(?:في|ب|جراء|بسبب|اثر|نتيجه|بفعل|من جراء)"
ROAD_ACCIDENT = any_word(
    r"حادث(?:ه)? (?:سير|مرور(?:ي)?)",
    r"حوادث (?:ال)?(?:سير|مرور)",
    r"حادث(?:ه)? (?:علي|على) (?:ال)?طريق",
    r"حادث(?:ه)? (?:ال)?(?:اصطدام|تصادم|دهس|انقلاب)",
    r"(?:اصطدام|تصادم)(?: [^ ]+)? (?:ال)?(?:سيار(?:ه|تين|ات)|حافل(?:ه|تين|ات)|شاحن(?:ه|تين|ات)|قطار(?:ين)?|مركب(?:ه|تين|ات))",
    r"انقلاب (?:ال)?(?:سيار(?:ه|تين)|حافل(?:ه|تين)|شاحن(?:ه|تين)|مركب(?:ه|تين)|قارب|زورق|عربه|قطار)",
    r"(?:دهس(?:ته|تهم)?|دهسا) (?:ال)?(?:سيار(?:ه|ات)|شاحن(?:ه|ات)|قطار)",
)
DROWNING = any_word(
    r"غرق(?:ا|ت)?",
    r"(?:ال)?غارق(?:ه)?",
    r"(?:ال)?غريق(?:ين|ان|ا|ه)?",
    r"(?:ال)?غرقي",
    r"انغمار",
    r"جرف(?:ته|تهم|هم|ه)",
    r"سقط(?:ت)? في (?:البحر|النهر|بئر|الوادي)",
)
# A disaster as the cause of the deaths: "قتل 20 جراء السيول"; a named operation ("عاصفة الحزم") is no
# disaster: the noun must not be followed by a definite name.
_DISASTER_NOUN = (
    r"(?:لل|[لب]?(?:ال)?)(?:زلزال|فيضان(?:ات)?|سيول|سيل|تسونامي|صاعق(?:ه)?|امطار|ثلوج|عواصف"
    r"|انهيار(?:ات)? (?:ارضي(?:ه)?|مبني|منزل|عماره|جسر)"
    rf"|(?:اعصار|عاصف(?:ه|ات))(?! ال[{AR}]+(?<!يه)(?![{AR}])))(?![{AR}])"
)
DISASTER = re.compile(
    word(_CAUSE, proclitics=False)
    + " "
    + _DISASTER_NOUN
    # or the disaster as the subject of a verb of result: "وأسفر الإعصار «سوديلور» عن مقتل ستة",
    # "العاصفة أسفرت عن مقتل ستة"
    + rf"|(?<![{AR}])(?:[وف])?(?:اسفر|ادي|اودي|خلف|تسبب)(?:ت)? "
    + _DISASTER_NOUN
    + rf"|(?<![{AR}])(?:[وف])?"
    + _DISASTER_NOUN
    + r" (?:قد )?(?:اسفر|ادي|اودي|خلف|تسبب)(?:ت)?(?![\u0621-\u064a])"
)
# A fire as the cause of death: "لقي مصرعه في حريق"; but not a fire the explosion caused
# ("انفجرت عبوة ... ما أدى إلى حريق ومقتل 4").
FIRE_CAUSE = re.compile(word(_CAUSE, proclitics=False) + r" (?:ال)?حريق")
# A fire told as an accident: "في حادث اندلاع حريق وانفجار في مبنى".
FIRE_ACCIDENT = any_word(r"حادث(?:ه)? (?:اندلاع )?حريق", r"حريق(?:ا)? (?:ال)?(?:هائل|ضخم)(?:ا)? (?:اندلع|شب)")
# Explosions of gas cylinders, fuel tanks, boilers and tyres are accidents: "انفجار أسطوانة غاز"
# (a pipeline is a target of sabotage as often as of an accident: not here).
ACCIDENTAL_EXPLOSIVE = any_word(
    r"(?:اسطوان(?:ه|ات)|قارور(?:ه|ات)|خزان|صهريج) (?:ال)?(?:غاز|وقود|بنزين)",
    r"(?:ال)?اطار(?:ات)?",
    r"(?:ال)?غاز (?:ال)?منزلي",
    r"(?:ال)?مرجل",
    r"(?:ال)?مولد (?:ال)?كهربائي",
)
# Aircraft lost to a crash or a fault: "تحطم طائرة", "عطل فني".
CRASH = any_word(
    r"تحطم(?:ت)?",
    r"(?:ي|ت)?تحطم",
    r"عطل(?:ا)? فني(?:ا)?",
    r"خلل(?:ا)? فني(?:ا)?",
    r"تعطل(?:ت)?",
    r"هبوط(?:ا)? اضطراري(?:ا)?",
)
# Animals that attack: "هجوم سمكة قرش", "هاجم تمساح".
ANIMAL = any_word(
    r"(?:اسماك |سمك(?:ه)? )?(?:ال)?قرش",
    r"(?:ال)?تمساح",
    r"(?:ال)?قرد(?:ه)?",
    r"(?:ال)?كوبرا",
    r"(?:ال)?ثعبان",
    r"(?:ال)?افعي",
    r"(?:ال)?كلاب (?:ال)?ضال(?:ه)?",
)
# A crowd crush, a poisoning, a leak or an electrocution as the cause of death.
MISHAP = re.compile(
    word(_CAUSE, proclitics=False) + r" (?:ال)?(?:تدافع|تسمم|تسرب|صعق(?:ه)?|اختناق|الاختناق|انهيار)"
)
DISEASE = any_word(
    r"(?:ال)?(?:داء|وباء|فيروس|تفشي|الالتهاب|مرض|امراض|كوليرا|الكوليرا|حصبه|ملاريا|ايبولا|كورونا)"
)
# The agent is described as mentally ill: "أقدم شاب يشتبه بأنه مريض نفسيا على قتل ثلاثة".
MENTAL_ILLNESS = any_word(r"مريض(?:ا)? نفسي(?:ا)?", r"مختل(?:ا)? عقلي(?:ا)?", r"اضطراب(?:ات)? نفسي(?:ه)?")
# Tests of weapons are no attack: "تجربة نووية", "تجارب صاروخية".
WEAPON_TEST = any_word(r"(?:تجرب(?:ه|تها|ته)|تجارب) (?:ال)?(?:نووي(?:ه)?|صاروخي(?:ه)?|ذري(?:ه)?)")
# Words of an accident or disaster anywhere in the sentence: a signal against a report, no veto.
ACCIDENT_WORDS = any_word(
    r"(?:ال)?قرش",
    r"(?:ال)?تمساح",
    r"(?:ال)?كوبرا",
    r"(?:ال)?ثعبان",
    r"(?:ال)?افعي",
    r"(?:ال)?عواصف",
    r"زلزال(?:ا)?",
    r"فيضان(?:ات|ا)?",
    r"سيول(?:ا)?",
)
# An event word told as another event than those before: "وفي هجوم آخر", "في حادث مماثل".
ANOTHER = any_word(
    r"(?:هجوم|هجمات|حادث(?:ه)?|حوادث|انفجار|تفجير|عمليه|غاره|اعتداء|قصف|كمين|اشتباك(?:ات)?)(?:ا)? "
    r"(?:ال)?(?:اخر|اخري|ثان|ثاني|ثانيه|مماثل(?:ه)?|جديد(?:ه)?|منفصل(?:ه)?)(?:ا)?"
)
# A claim of responsibility, or an unhedged attribution by the source or the authorities (guide v2):
# "تبنى تنظيم داعش الهجوم", "أعلنت حركة الشباب مسؤوليتها", "نسبت السلطات الهجوم إلى", "اتهمت ... بتنفيذ".
CLAIM = any_word(
    r"(?:ت|ي)?تبني(?:ت)?",
    r"تبنت",
    r"تبنيه",
    r"مسؤوليت(?:ه|ها|هم)",
    r"(?:ال)?مسؤوليه (?:عن|علي|على)",
    r"نسب(?:ت|ته|تها)?(?: [^ ]+){0,6}? (?:الي|الى|إلى|ل)",
    r"(?:ا|ي|ت)?تهم(?:ت|وا)?(?: [^ ]+){0,4}? ب(?:تنفيذ|الوقوف|المسؤوليه|ارتكاب)",
)
# Words attacks of speech are made of: "هاجمت وسائل الإعلام الاتفاق", "هاجم الوزير بشدة تصريحات".
CRITICISM = any_word(
    r"وسائل (?:ال)?اعلام",
    r"(?:ال)?صحف",
    r"(?:ال)?كاتب",
    r"كتاب (?:ال)?اعمده",
    r"(?:ال)?مقال(?:ه)?",
    r"(?:ال)?خطاب",
    r"بشده",
    r"(?:ال)?تصريحات",
    r"(?:ال)?اتفاق",
    r"(?:ال)?سياس(?:ه|ات)",
    r"(?:ال)?قرار",
    r"(?:ال)?انتقاد(?:ات)?",
)
# Weapons as goods: supplied, sold, bought, smuggled, made or owned ("سلمت واشنطن زورقي صواريخ").
TRADE = any_word(
    r"سلمت",
    r"(?:ي|ت)?سلم",
    r"تسلم(?:ت)?",
    r"تسليم",
    r"(?:ي|ت)?زود(?:ت|وا)?",
    r"تزويد",
    r"باعت",
    r"(?:ي|ت)?بيع",
    r"بيع",
    r"صفق(?:ه|ات)",
    r"(?:ا|ي|ت)?شتر(?:ت|ي|وا)",
    r"شراء",
    r"اقتناء",
    r"امتلاك",
    r"(?:ي|ت)?متلك",
    r"ترسان(?:ه|ات)",
    r"تهريب",
    r"تصنيع",
    r"(?:ي|ت)?صنع",
    r"زورق(?:ي|ين|ا)?",
    r"زوارق",
)
# Casualties without a figure: "خسائر بشرية", "قتلى وجرحى".
LOSSES = any_word(r"خسائر (?:بشريه|في الارواح)", r"(?:قتلي|ضحايا) وجرحي")
# Funerals and mourning: the death they follow is told elsewhere (or long ago).
FUNERAL = any_word(
    r"تشييع",
    r"شيع(?:ت|وا)?",
    r"جثمان",
    r"جنازه",
    r"صلاه (?:الميت|الجنازه|الغائب)",
    r"عزاء",
    r"مراسم",
    r"ضريح",
    r"(?:ال)?تعازي",
    r"(?:ال)?تعزيه",
    r"(?:ال)?مواساه",
    # families of the fallen, a category of people: "العائلات المصنفة من ذوي الشهداء والمعتقلين"
    r"(?:ذوي|اسر|اسره|عائلات|عائله|ابناء|اهالي) (?:ال)?شهداء",
)
# Programmes and courses "target" their audience: "البرنامج التدريبي ... استهدف 36 موظفا".
PROGRAMME = any_word(
    r"(?:ال)?برنامج",
    r"(?:ال)?مشروع",
    r"(?:ال)?دوره",
    r"(?:ال)?ورشه",
    r"(?:ال)?مبادره",
    r"(?:ال)?فعاليه",
    r"(?:ال)?مسابقه",
    r"(?:ال)?ملتقي",
)
# Modal hedges: an agent introduced this way is attributed, not certain.
HEDGE = any_word(
    r"(?:ي|ت)?رجح",
    r"المرجح",
    r"يعتقد",
    r"(?:ي|ت)?شتبه",
    r"المشتبه",
    r"يرجح",
    r"المرجح",
    r"(?:ي|ت)?عتقد",
    r"(?:ي|ت)?زعم",
    r"مزعوم",
)
# A sentence that sums up several attacks told in detail elsewhere.
SUMMARY = any_word(
    r"(?:في|ب) (?:هجومين|هجمات|عمليتين|عمليات|تفجيرين|تفجيرات) (?:منفصل(?:ين|ه)|متفرق(?:ين|ه)|متزامن(?:ين|ه))",
    r"هجومين منفصلين",
    r"هجمات متفرقه",
    r"عده هجمات",
    r"(?:سلسله|موجه) (?:من )?(?:ال)?(?:هجمات|تفجيرات|الهجمات|التفجيرات)",
)

# Victims.
CIVILIANS = any_word(
    r"مدني(?:ا|ين|ون|ان|تين)?",
    r"اطفال",
    r"طفل(?:ا|ه|ين|ان)?",
    r"نساء",
    r"امراه",
    r"سيد(?:ه|ات)",
    r"مواطن(?:ا|ين|ون)",
    r"سكان",
    r"الاهالي",
    r"اهالي",
    r"مصلين",
    r"المصلين",
    r"طلاب",
    r"تلاميذ",
    r"صحفي(?:ا|ين|ون)?",
    r"مزارع(?:ين|ون)?",
    r"عمال",
    r"رعاه",
    r"مدنيين",
    r"نازح(?:ين|ون)",
    r"لاجئ(?:ين|ون)",
    r"متظاهر(?:ين|ون)",
    r"مسعف(?:ين|ون)",
)
# People named by no side: victims ACLED codes as civilians unless fighters are named beside them.
BYSTANDERS = any_word(
    r"اشخاص",
    r"شخص(?:ا|ين|ان)?",
    r"(?:ال)?ماره",
    r"رهائن",
    r"رهين(?:ه|تين)",
    r"ركاب",
    r"زوار",
    r"سياح",
)
# Armed targets: posts, patrols and bases of a force.
FORCES_TARGETED = any_word(
    r"حاجز(?:ا)?",
    r"حواجز",
    r"نقط(?:ه|ت)",
    r"دوري(?:ه|ات)",
    r"رتل(?:ا)?",
    r"ثكن(?:ه|ات)",
    r"قاعد(?:ه|ات) عسكري(?:ه)?",
    r"مقر(?:ات)? (?:ال)?(?:جيش|شرطه|امن|قوات)",
    r"مركز(?:ا)? (?:لل|ال)?(?:شرطه|امن)",
    r"معسكر(?:ا|ات)?",
    r"قوات",
    r"(?:ال)?جيش",
    r"(?:ال)?شرطه",
    r"(?:ال)?امن",
)
# Places where people gather unarmed: an attack on them is an attack on civilians.
CIVILIAN_SITES = any_word(
    r"مسجد(?:ا)?",
    r"مساجد",
    r"كنيس(?:ه|ا|تين)?",
    r"كنائس",
    r"كاتدرائيه",
    r"سوق(?:ا)?",
    r"اسواق",
    r"مدرس(?:ه|تين)",
    r"مدارس",
    r"جامع(?:ه)?",
    r"حافل(?:ه|ات)",
    r"ملهي",
    r"مطعم(?:ا)?",
    r"مقهي",
    r"فندق(?:ا)?",
    r"كازينو",
    r"حفل(?:ا)?",
    r"مهرجان",
    r"مستشفي",
    r"مركز(?:ا)? (?:ال)?(?:اسلامي|تجاري|ثقافي)",
    r"منتجع(?:ا)?",
    r"مصلي",
    r"اقباط(?:ا)?",
    r"مسيحيين",
    r"حجاج",
)
COMBATANTS = any_word(
    r"عنصر(?:ا|ين|ان)?",
    r"عناصر",
    r"جندي(?:ا|ين|ان)?",
    r"جنود",
    r"مقاتل(?:ا|ين|ون|ان)?",
    r"مسلح(?:ا|ين|ون|ان)?",
    r"ضابط(?:ا|ين|ان)?",
    r"ضباط",
    r"شرطي(?:ا|ين|ان)?",
    r"(?:رجال|افراد) (?:ال)?(?:امن|شرطه)",
    r"عسكري(?:ا|ين|ون|ان)?",
    r"قيادي(?:ا|ين|ان)?",
    r"قائد(?:ا)?",
    r"قاده",
    r"حارس",
    r"حراس",
    r"ارهابي(?:ا|ين|ون)",
    r"متشدد(?:ين|ون)",
    r"ميليشيا",
    r"ميليشيات",
    r"مرتزق(?:ه)?",
    r"انتحاري(?:ين|ون)?",
    r"منتسب(?:ين|ي)",
    r"دورية",
    r"دوريه",
)
# Armed forces named by a common noun, for events that need someone armed ("سيطرت القوات ...").
FORCES = any_word(
    r"قوات",
    r"(?:ال)?قوه",
    r"(?:ال)?جيش",
    r"(?:ال)?مقاومه",
    r"(?:ال)?ثوار",
    r"(?:ال)?مسلحون",
    r"(?:ال)?مسلحين",
    r"فصائل",
    r"(?:ال)?فصائل",
    r"كتائب",
    r"(?:ال)?لواء",
    r"(?:ال)?حشد",
    r"تنظيم",
    r"(?:ال)?جماعه",
    r"(?:ال)?متمردون",
    r"(?:ال)?متمردين",
    r"(?:ال)?مليشيات",
)
UNKNOWN_AGENT = any_word(r"مجهول(?:ين|ون|ان)", r"مسلح(?:ين|ون|ان) مجهول(?:ين|ون|ان)", r"مجهولي الهويه")

# Agent cues (before an actor name) and patient cues.
AGENT_BEFORE = any_word(
    r"من قبل",
    r"علي (?:يد|ايدي)",
    r"على (?:يد|ايدي)",
    r"شن(?:ه|ها|ت|وا)",
    r"نفذ(?:ه|ها|ت|وا)",
    r"شنت(?:ه|ها)",
    r"نفذت(?:ه|ها)",
    # a verb whose object pronoun is the weapon just named: "قذيفة أطلقتها قوات النظام"
    r"اطلق(?:ت|وا)?(?:ه|ها)",
    r"زرع(?:ت|وا)?(?:ه|ها)",
    r"القا(?:ه|ها)",
    r"القت(?:ه|ها)",
    r"تبنا(?:ه|ها)",
    r"تبني",
    r"(?:ب|)قياده",
)
PATIENT_BEFORE = any_word(
    r"ضد",
    r"علي",
    r"على",
    r"استهداف",  # the verbal noun takes its target as complement; the verb its subject first
    r"صفوف",
    r"تجمع(?:ا|ات)?",
    r"مواقع",
    r"مقرات",
    r"حاجز(?:ا)?",
    r"نقطه",
    r"دوريه",
    r"رتل(?:ا)?",
    r"لقوات",
    r"مع",
)
# The verb of targeting: its subject comes first ("استهدفت قوات النظام بلدة"), its object after
# another noun ("استهدف انتحاري قوات الأمن").
TARGET_VERB = any_word(r"استهدف(?:ت|وا)?", r"[يت]ستهدف(?:ون)?", proclitics="verb")
# An attack noun right before a possessive ل: the group after it is the attack's author.
ATTACK_OF = re.compile(
    word(r"(?:هجوم|هجوما|هجمات|هجمه|غاره|غارات|قصف|قصفا|تفجير|تفجيرات|اعتداء|اعتداءات|كمين|ضربه|ضربات)")
    + r"(?: ["
    + AR
    + r"]+ي(?:ه|ين)?)?"  # one adjective: "هجوم مسلح لداعش"
    + r" ل(?:ل)?$"
)
# Words naming perpetrators: "انتحاري من داعش", "عناصر من التنظيم" make the group after من the agent.
PERPETRATOR = any_word(
    r"انتحاري(?:ه|ين|ون|ان)?",
    r"مسلح(?:ين|ون)",
    r"عنصر انتحاري",
    r"خلايا",
    r"خليه",
    r"مجموعه",
    r"مجموعات",
    r"طائرات",
    r"طائره",
    r"مدفعيه",
)
FROM = re.compile(word(r"من", proclitics=False))

# Singular and dual victim nouns next to a death word give a count when no number is written.
SINGULAR_VICTIM = any_word(
    r"مجند",
    r"فرد",
    r"عامل",
    r"موظف",
    r"طالب",
    r"فتاه",
    r"طفله",
    r"عنصر",
    r"جندي",
    r"مقاتل",
    r"شخص",
    r"مدني",
    r"طفل",
    r"امراه",
    r"قيادي",
    r"ضابط",
    r"شرطي",
    r"مسلح",
    r"قائد",
    r"مواطن",
    r"صحفي",
    r"رجل",
    r"شاب",
    r"عسكري",
    r"حارس",
    r"مسؤول",
    r"ناشط",
)
DUAL_VICTIM = any_word(
    r"عنصرين",
    r"جنديين",
    r"مقاتلين",
    r"شخصين",
    r"مدنيين",
    r"طفلين",
    r"امراتين",
    r"قياديين",
    r"ضابطين",
    r"شرطيين",
    r"عنصران",
    r"جنديان",
    r"شخصان",
    r"طفلان",
    r"ضابطان",
    r"شرطيان",
)

# A place noun followed by a name the gazetteer may not know: "في منطقة الصدرية", "حي الفضل".
PLACE_NOUN = re.compile(
    word(r"(?:منطقه|حي|قريه|بلده|مدينه|ناحيه|محافظه|مخيم|سوق|شارع|قضاء|اقليم)") + rf" [{AR}]{{3,}}"
)

# Location cues: prepositions that introduce the place of the event, and those that weaken it.
NEAR = any_word(
    r"قرب",
    r"بالقرب من",
    r"محيط",
    r"اطراف",
    r"ضواحي",
    r"شرق(?:ي)?",
    r"غرب(?:ي)?",
    r"شمال(?:ي)?",
    r"جنوب(?:ي)?",
    r"ريف",
    r"مشارف",
    r"اطراف",
    r"جوار",
    r"مدخل",
)


# One pattern for everything that can start an incident: a sentence it does not match is skipped
# without running the other patterns (most sentences of a newspaper are not about violence).
# Built from the bare fragments (no word boundaries, no proclitics), so it matches wherever any
# trigger, death or injury word could: a superset, cheap to search.
ANY_TRIGGER = re.compile(
    "|".join(
        f"(?:{f})"
        for pattern in [*(t.pattern for t in TRIGGERS), DEATH, INJURY]
        for f in FRAGMENTS[pattern.pattern]
    )
)
