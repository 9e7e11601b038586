"""Entity rules: how the entity stage makes, shapes and drops name spans.

The code of each rule lives in `desktop.nlp.entities`; every span keeps the ids of the rules that
made and shaped it in `attrs["rules"]`, and every candidate a rule drops is recorded in the trace
with that rule's id. In the order they run: gazetteer and model candidates and the rule-made ones
(units, person pairs, place nouns, media names), then trimming and relabelling by context, then
resolution of overlaps, geographic coherence, and article-wide propagation and anaphors.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.rules import Example, Phase, Rule, Scope


@dataclass(frozen=True)
class EntityExample(Example):
    """An example with the spans the entity stage must make (`has`) and must not make (`lacks`), each
    a (surface text, type) pair: checked by `tests/test_rules.py` beside the rule's id in the trace."""

    has: tuple[tuple[str, str], ...] = ()
    lacks: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, kw_only=True)
class EntityRule(Rule):
    """One rule of the entity stage."""


def _e(
    id: str,
    description: str,
    scope: Scope,
    fires: tuple[Example | str, ...],
    spares: tuple[Example | str, ...],
) -> EntityRule:
    return EntityRule(
        id=id, phase=Phase.ENTITY, description=description, scope=scope, fires=fires, spares=spares
    )


# --- candidates -------------------------------------------------------------------------------------

GAZETTEER = _e(
    "entity.gazetteer",
    "the longest gazetteer name over a token window, looked up without proclitics (وبالموصل -> الموصل) "
    "and with لل restored (للتحالف -> التحالف)",
    Scope.TOKENS,
    ("زار الوزير دمشق أمس.",),
    ("زار الوزير المدينة أمس.",),
)
GAZETTEER_CUED = _e(
    "entity.gazetteer.cued",
    "a place cue (مدينة، بلدة، محافظة) or an actor cue (تنظيم، حركة) before a name, or quotes around it, "
    "license an ambiguous name",
    Scope.TOKENS,
    ("زار الوزير مدينة حلب أمس.",),
    ("زار الوزير حلب أمس.",),
)
WEAK_NEEDS_MODEL = _e(
    "entity.gazetteer.weak_needs_model",
    "an ambiguous gazetteer key that is also a common word needs the model's agreement",
    Scope.TOKENS,
    ("فالأم هي المسيرة الحقيقية للعائلة.",),
    ("وقال إن قرية الجيب تعرضت للقصف أمس.",),
)
MODEL = _e(
    "entity.model",
    "a chunk of the statistical model (CRF), trimmed of proclitics, linked when its text is a known name",
    Scope.SENTENCE,
    ("وقال عبد الناصر العايد إن المعركة مستمرة.",),
    ("وقال المحلل إن الوضع صعب.",),
)
MODEL_JOIN = _e(
    "entity.model.join",
    "two adjacent model chunks of one type with nothing between them are one name",
    Scope.TOKENS,
    ("وبدأ بيع تذاكر العروض التي ستقام في بازيليك سان مارتان.",),
    ("وصل الوفد إلى دمشق صباح اليوم.",),
)
MODEL_NAME_PARTICLE = _e(
    "entity.model.name_particle",
    "a person's name takes a kinship particle before it (آل، بن، أبو)",
    Scope.TOKENS,
    (
        EntityExample(
            "واستقبل الأمير فيصل بن سلمان بن عبدالعزيز آل سعود الوفد.",
            has=(("فيصل بن سلمان بن عبدالعزيز آل سعود", "PER"),),
        ),
    ),
    ("وقال المدير العام محمد بن سالم إن الموسم جيد.",),
)
MODEL_WHOLE_FIRST_NAME = _e(
    "entity.model.whole_first_name",
    "a known first name that starts with a proclitic's letter (فاطمة، فيصل، وليد) keeps it",
    Scope.TOKENS,
    (EntityExample("وشارك في الفيلم الممثلون فاطمة بن عمر ومريم بن رجب.", has=(("فاطمة بن عمر", "PER"),)),),
    (EntityExample("وشارك في الفيلم الممثلون مريم بن رجب وسلمى بن علي.", has=(("مريم بن رجب", "PER"),)),),
)
MODEL_WHOLE_PLACE_NAME = _e(
    "entity.model.whole_place_name",
    "a place name right after a place noun keeps a first letter that looks like a preposition (ولاية "
    "لغمان): a place noun takes its name directly, never through ل، ب or ك",
    Scope.TOKENS,
    (EntityExample("وقتل جنديان في ولاية لوغار أمس.", has=(("لوغار", "LOC"),)),),
    (EntityExample("وقتل جنديان في مسجد بحلب أمس.", has=(("حلب", "LOC"),)),),
)
MODEL_FAMILY_NAME = _e(
    "entity.model.family_name",
    "a person's name takes a definite family name the model left out",
    Scope.TOKENS,
    ("وقال عبد الناصر العايد إن المعركة مستمرة.",),
    ("وقال عبد الناصر إن المعركة مستمرة.",),
)
MODEL_TITLE = _e(
    "entity.model.title",
    "a title (الرئيس، الوزير، اللواء) is not part of a person's name",
    Scope.TOKENS,
    ("وكرم المهرجان المسرحي التونسي الراحل الطاهر الشريف والممثلة سلوى بكار.",),
    ("وقال محمد بن سلمان إن هذه المدينة ستكون مركزا.",),
)
MODEL_COMMON_WORD = _e(
    "entity.model.common_word",
    "a lone common word the gazetteers do not know is no name (ميليشيا)",
    Scope.TOKENS,
    ("ويعمل الجيش ميدانيا على تأمين المنطقة.",),
    ("ويعمل الجيش في درعا على تأمين المنطقة.",),
)
MODEL_LOW_CONFIDENCE = _e(
    "entity.model.low_confidence",
    "a model span no gazetteer supports is kept only when the model is confident",
    Scope.TOKENS,
    ("وتعشق الأم ابنها الأصغر المدلل سليم.",),
    ("وعرض المخرج فيلمه في المركز الثقافي بدمشق أمس.",),
)
UNIT_NUMBERED = _e(
    "entity.unit.numbered",
    "a military unit named by a number or an ordinal (الفرقة 11، اللواء الرابع)",
    Scope.TOKENS,
    ("وتقدمت الفرقة 11 نحو المدينة.",),
    ("وتقدمت القوات نحو المدينة.",),
)
UNIT_NATIONAL_FORCE = _e(
    "entity.unit.national_force",
    "an army or force named by whose it is (الجيش اليمني، القوات التركية): a state force",
    Scope.TOKENS,
    ("وألقت الشرطة الهولندية القبض على رجل.",),
    ("وألقت الشرطة القبض على رجل.",),
)
UNIT_NAMED_FORCE = _e(
    "entity.unit.named_force",
    "قوات + definite words that name a force (قوات الطوارئ، قوات النخبة)",
    Scope.TOKENS,
    ("وانتشرت قوات الطوارئ في الشوارع.",),
    ("وانتشرت القوات في الشوارع.",),
)
INSTITUTION = _e(
    "entity.institution",
    "an institution noun (وزارة، مجلس، محكمة، هيئة، لجنة، حكومة، بعثة، رئاسة، قيادة، مكتب، البرلمان) with "
    "the definite words and place names that name it is one ORG (وزارة الداخلية السعودية، مجلس محافظة "
    "الأنبار، لجنة الأمن والدفاع); a bare or generic one is none",
    Scope.TOKENS,
    (
        EntityExample(
            "وقالت وزارة الداخلية السعودية أمس إن المحكمة الدستورية العليا رفضت الطعن.",
            has=(("وزارة الداخلية السعودية", "ORG"), ("المحكمة الدستورية العليا", "ORG")),
        ),
        EntityExample("وطالب مجلس محافظة الأنبار بالتحرك.", has=(("مجلس محافظة الأنبار", "ORG"),)),
        EntityExample(
            "وقررت المحكمة الابتدائية بتونس تأجيل القضية.", has=(("المحكمة الابتدائية بتونس", "ORG"),)
        ),
        EntityExample(
            "وطالب مجلس محافظة الأنبار الحكومة العراقية بالتحرك.",
            has=(("مجلس محافظة الأنبار", "ORG"),),
            lacks=(("مجلس محافظة الأنبار الحكومة العراقية", "ORG"),),
        ),
    ),
    (
        EntityExample("وقالت الوزارة في بيان إن المجلس سيجتمع اليوم.", lacks=(("الوزارة", "ORG"),)),
    ),
)
PERSON_PAIR = _e(
    "entity.person_pair",
    "a known first name and a definite family name or nisba (علي الأحمدي), a person even where the "
    "family name is also a town",
    Scope.TOKENS,
    ("وأكد فهد الشمري أن الاجتماع انتهى.",),
    ("وأكد الشمري أن الاجتماع انتهى.",),
)
PLACE_NOUN_NAME = _e(
    "entity.place_noun_name",
    "a rare word after a place noun names a place the gazetteer lacks (بلدة الصبحة، حي جوبر)",
    Scope.TOKENS,
    ("وقصفت الطائرات بلدة الصبحة أمس.",),
    ("وقصفت الطائرات البلدة أمس.",),
)
PLACE_NOUN_COORDINATED = _e(
    "entity.place_noun_coordinated",
    "the names coordinated after a dual or plural place noun are places (بلدتي كفريا والفوعة)",
    Scope.TOKENS,
    ("وحاصرت الفصائل بلدتي كفريا والفوعة.",),
    ("وحاصرت الفصائل بلدة كفريا.", "وشهدت مدينة الرقة وضواحيها قصفا عنيفا."),
)
PLACE_NOUN_COMMON = _e(
    "entity.place_noun.common_word",
    "a frequent word after a place noun is no name unless the model sees a place there (منطقة الاشتباكات)",
    Scope.TOKENS,
    ("وتجددت المواجهات في منطقة الاشتباكات أمس.",),
    ("وكان الرئيس قد زار حميميم.",),
)
MEDIA_NAME = _e(
    "entity.media_name",
    "a quoted name after a media noun, or a name before a colon, is a media outlet (صحيفة «الحياة»)",
    Scope.TOKENS,
    ("وقال المتحدث لصحيفة «الحياة» إن الوضع هادئ.",),
    ("وقال المتحدث إن الوضع هادئ.",),
)
FACILITY_NAME = _e(
    "entity.facility.name",
    "a facility or landmark noun (مستشفى، مسجد، سجن، معسكر، حاجز، ميناء، شارع، سوق) before a name makes a "
    "place with the noun kept (مستشفى الرابطة); a common word after it needs the model or the gazetteers",
    Scope.TOKENS,
    (
        EntityExample("ونقل الجرحى إلى مستشفى الرحمة في وسط المدينة.", has=(("مستشفى الرحمة", "LOC"),)),
        EntityExample("وانفجرت العبوة قرب معسكر الصمود شمال البلدة.", has=(("معسكر الصمود", "LOC"),)),
    ),
    (
        EntityExample("ونقل الجرحى إلى مستشفى ميداني قرب البلدة.", lacks=(("مستشفى ميداني", "LOC"),)),
        EntityExample("ونقل الجرحى إلى المستشفى القريب من البلدة."),
    ),
)
FACILITY_PERSON = _e(
    "entity.facility.person",
    "a facility or landmark noun before a person's name the model found is a place named after that "
    "person (شارع محمد الخامس، كنيسة مار جرجس), not the person",
    Scope.TOKENS,
    (
        EntityExample(
            "وانفجرت عبوة ناسفة في شارع محمد الخامس وسط العاصمة.",
            has=(("شارع محمد الخامس", "LOC"),),
            lacks=(("محمد الخامس", "PER"),),
        ),
    ),
    (EntityExample("واستقبل الملك محمد الخامس الوفد في القصر.", lacks=(("شارع محمد الخامس", "LOC"),)),),
)
FACILITY_ADJECTIVE = _e(
    "entity.facility.adjective",
    "a definite place of worship or mission (الكنيسة، المسجد، الحرم، السفارة) with the adjective that "
    "names it (الكنيسة المرقسية، السفارة الأمريكية، الحرم النبوي الشريف) is a place; a generic adjective "
    "(المسجد الكبير) is not",
    Scope.TOKENS,
    (
        EntityExample(
            "وفجر انتحاري نفسه أمام الكنيسة المرقسية صباح الأحد.", has=(("الكنيسة المرقسية", "LOC"),)
        ),
        EntityExample("وحاول مسلح اقتحام السفارة الأمريكية أمس.", has=(("السفارة الأمريكية", "LOC"),)),
    ),
    (EntityExample("وصلى المئات في المسجد الكبير بالمدينة.", lacks=(("المسجد الكبير", "LOC"),)),),
)
PLACE_NOUN_BRACKETED = _e(
    "entity.place_noun.bracketed",
    "a name in quotes or parentheses right after a place noun is a place (بمنطقة (الظهرة)، بضاحية "
    '"سان دوني"), whatever its words',
    Scope.TOKENS,
    (
        EntityExample("واقتحم مسلحون مقر الوزارة بمنطقة (الظهرة) في طرابلس.", has=(("الظهرة", "LOC"),)),
        EntityExample('ودهمت الشرطة منزلا بضاحية "سان دوني" فجر اليوم.', has=(("سان دوني", "LOC"),)),
        EntityExample('وتوقفت محطة "أونيشي" للكهرباء عن العمل.', has=(('محطة "أونيشي"', "LOC"),)),
    ),
    (EntityExample('وقال مدير المنطقة "إن الوضع هادئ" أمس.', lacks=(("إن الوضع هادئ", "LOC"),)),),
)
PLACE_NOUN_ADJECTIVE = _e(
    "entity.place_noun.adjective",
    "a common word without the article after a place or facility noun is an adjective (قاعدة جديدة، "
    "مستشفى ميداني), not a place, even where a village has that name",
    Scope.TOKENS,
    (EntityExample("وبنى الجيش قاعدة جديدة قرب الحدود.", lacks=(("جديدة", "LOC"),)),),
    (EntityExample("وبنى الجيش القاعدة الجديدة قرب الحدود."),),
)
PLACE_NOUN_KINSHIP = _e(
    "entity.place_noun.kinship",
    "a place noun before a name that starts with a kinship word (بن، بني، أبو) makes a place, not a person "
    "(مدينة بن عروس، بلدة بني وليد)",
    Scope.TOKENS,
    (
        EntityExample(
            "ووصل الوزير إلى بلدة بني خالد صباح اليوم.",
            has=(("بني خالد", "LOC"),),
            lacks=(("بني خالد", "PER"),),
        ),
    ),
    (EntityExample("واستقبل الوزير صالح بني خالد صباح اليوم.", lacks=(("بني خالد", "LOC"),)),),
)
PLACE_NOUN_CONSTRUCT = _e(
    "entity.place_noun.construct",
    "a place noun before a toponym built as a construct on a generic head (عين، بئر، رأس، دار، باب، كفر، "
    "بيت، دير، خان، قصر، سيدي، إمام) makes a two-word place, even where both words are common (قرية عين "
    "الخضرة، ضاحية دار سعد، قرية إمام رضا)",
    Scope.TOKENS,
    (
        EntityExample("وقصفت الطائرات قرية عين الخضرة بريف حماة.", has=(("عين الخضرة", "LOC"),)),
        EntityExample("وسقطت قذائف على ضاحية دار سعد شمالي المدينة.", has=(("دار سعد", "LOC"),)),
        EntityExample("واستهدفت غارة رتلا قرب قرية إمام رضا أمس.", has=(("إمام رضا", "LOC"),)),
    ),
    (
        EntityExample("ووصلت القوات إلى منطقة باب في المدينة.", lacks=(("باب في", "LOC"),)),
        EntityExample("وسكن اللاجئون مدينة بيت واحد.", lacks=(("بيت واحد", "LOC"),)),
    ),
)
GAZETTEER_HEAD_NOUN = _e(
    "entity.gazetteer.head_noun",
    "a gazetteer place that is itself a place or facility noun followed by a name (منطقة مسجد النور) is "
    "the head of that name, not the village the gazetteer knows by that word",
    Scope.TOKENS,
    (EntityExample("ووقع انفجار قرب منطقة مسجد النور في المدينة.", lacks=(("مسجد", "LOC"),)),),
    (EntityExample("ووقع انفجار قرب قرية مسجد في ريف المدينة."),),
)
MEDIA_ADDRESSEE = _e(
    "entity.media.addressee",
    'a quoted name a source speaks to (قال لـ"الوطن"، أكد لـ«عكاظ») is a media outlet: ORG',
    Scope.TOKENS,
    (
        EntityExample('وقال مصدر أمني لـ"الوطن" إن الهجوم فشل.', has=(("الوطن", "ORG"),)),
        EntityExample("وأكد مسؤول لـ«الجزيرة» أن الطريق مغلق.", has=(("الجزيرة", "ORG"),)),
    ),
    (EntityExample('ودعا البيان إلى الدفاع عن "الوطن" في وجه الإرهاب.', lacks=(("الوطن", "ORG"),)),),
)
MEDIA_AGENCY = _e(
    "entity.media.agency",
    "a news agency named in full is one ORG (وكالة المغرب العربي للأنباء، وكالة الأنباء اليمنية), "
    "not a place inside it",
    Scope.TOKENS,
    (
        EntityExample(
            "ونقلت وكالة المغرب العربي للأنباء عن الوزير قوله إن الوضع هادئ.",
            has=(("وكالة المغرب العربي للأنباء", "ORG"),),
            lacks=(("المغرب", "LOC"),),
        ),
        EntityExample("وذكرت وكالة الأنباء الليبية أن الطريق مغلق.", has=(("وكالة الأنباء الليبية", "ORG"),)),
    ),
    (EntityExample("وزار وفد من الوكالة المغرب أمس.", has=(("المغرب", "LOC"),)),),
)
MEDIA_DATELINE = _e(
    "entity.media.dateline",
    'an article\'s dateline ("سبق- أبها:", "جدة – الوئام:"): the known place is a place, the other name '
    "the outlet (ORG)",
    Scope.TOKENS,
    (
        EntityExample(
            "الوئام – جدة: أعلنت الشرطة القبض على مطلوبين.", has=(("الوئام", "ORG"), ("جدة", "LOC"))
        ),
    ),
    (EntityExample("أعلنت الشرطة في جدة القبض على مطلوبين.", lacks=(("جدة", "ORG"),)),),
)
NOT_DATE_OR_COUNT = _e(
    "entity.not_date_or_count",
    "a name candidate over a date or a count is dropped (an ordinal may sit inside a unit name)",
    Scope.TOKENS,
    ("وصل الوفد يوم الأحد إلى العاصمة.",),
    ("وصل الوفد إلى دمشق.",),
)

# --- shaping and relabelling ----------------------------------------------------------------------------

TRIM_ADMIN_HEAD = _e(
    "entity.trim.admin_head",
    "an administrative head noun is not part of a place's name (بلدة الصبحة -> الصبحة, العاصمة صنعاء -> "
    "صنعاء; ريف دمشق keeps it)",
    Scope.TOKENS,
    ("ووقع الحادث في محافظة البلقاء بالأردن.",),
    ("ووقع الحادث في البلقاء بالأردن.",),
)
TRIM_GROUP_HEAD = _e(
    "entity.trim.group_head",
    "a group noun before a known actor's name is not part of it (تنظيم داعش -> داعش)",
    Scope.TOKENS,
    ("وقال مقاتلو تنظيم داعش إنهم سيواصلون القتال.",),
    ("وقال مقاتلو داعش إنهم سيواصلون القتال.",),
)
TRIM_PERSON_HEAD = _e(
    "entity.trim.person_head",
    "a nationality adjective or a country, governorate or city name before a person's name of two "
    "words or more is not part of it (محافظ صلاح الدين رائد الجبوري -> رائد الجبوري)",
    Scope.TOKENS,
    (
        EntityExample(
            "وقال محافظ صلاح الدين رائد الجبوري إن القوات تقدمت.",
            has=(("رائد الجبوري", "PER"),),
            lacks=(("صلاح الدين رائد الجبوري", "PER"),),
        ),
    ),
    (EntityExample("وقال صلاح الدين الأيوبي إن القوات تقدمت.", lacks=(("الأيوبي", "PER"),)),),
)
TRIM_NISBA_TAIL = _e(
    "entity.trim.nisba_tail",
    "a nationality adjective after a known actor's name is not part of it (حزب الله اللبناني -> حزب الله)",
    Scope.TOKENS,
    ("وكان الحرس الثوري الإيراني قد أعلن ذلك.",),
    ("وكان الحرس الثوري قد أعلن ذلك.",),
)
TRIM_DESCRIPTIVE_TAIL = _e(
    "entity.trim.descriptive_tail",
    "a describing word after a name is not part of it: a participle or adjective of place or stance "
    "(القريبة، المجاورة، المحتلة، الموالية، الإرهابي، المعروف) or a relative pronoun (التي، الذي)",
    Scope.TOKENS,
    (
        EntityExample(
            "وعاد المستوطنون إلى الضفة الغربية المحتلة أمس.",
            has=(("الضفة الغربية", "LOC"),),
            lacks=(("الضفة الغربية المحتلة", "LOC"),),
        ),
        EntityExample("وهاجم تنظيم داعش الإرهابي القرية فجرا.", has=(("داعش", "ORG"),)),
        EntityExample(
            "وقالت قوات الأمن التي انتشرت في المدينة إنها اعتقلت خمسة.", lacks=(("قوات الأمن التي", "ORG"),)
        ),
    ),
    (EntityExample("وقصفت الطائرات قرية الحميدية القريبة من الحدود.", has=(("الحميدية", "LOC"),)),),
)
RELIGIOUS_FORMULA = _e(
    "entity.religious_formula",
    "a religious formula after a name (رحمه الله، حفظه الله، رضي الله عنه، عليه السلام) is not part of it, "
    "and alone it is no name",
    Scope.TOKENS,
    (
        EntityExample(
            "وقال الشيخ عبد العزيز بن باز رحمه الله إن الصلاة واجبة.",
            lacks=(("عبد العزيز بن باز رحمه الله", "PER"),),
        ),
    ),
    (EntityExample("وقال عبد العزيز الشمري إن الاجتماع انتهى."),),
)
KINSHIP_CHAIN = _e(
    "entity.kinship.chain",
    "a person's name does not end on a kinship word (آل، بن، أبو، عبد): it takes the next word (آل الشيخ), "
    "and a kunya (أبو محمد) takes its nisba (أبو بكر البغدادي)",
    Scope.TOKENS,
    (
        EntityExample(
            "وصرح المعتمد الأول بولاية القصرين عادل بن حسين بأن الوضع هادئ.", has=(("عادل بن حسين", "PER"),)
        ),
        EntityExample("وقتل القيادي أبو عمر الليبي في الغارة.", has=(("أبو عمر الليبي", "PER"),)),
    ),
    (EntityExample("وقال محمد العلي إن الاجتماع انتهى."),),
)
CONTEXT_QUOTED_MEDIA = _e(
    "entity.context.quoted_media",
    "a place name between «» is a newspaper (لـ«الشرق الأوسط»)",
    Scope.TOKENS,
    ("وقال المتحدث لـ«الرياض» إن الوضع هادئ.",),
    ("وقال المتحدث في الرياض إن الوضع هادئ.",),
)
CONTEXT_REGIME = _e(
    "entity.context.regime",
    "قوات النظام، جيش الأسد describe an actor without naming it: ACTOR",
    Scope.TOKENS,
    ("وقصفت قوات النظام الأحياء الشرقية.",),
    ("وقصف الجيش السوري الأحياء الشرقية.",),
)
CONTEXT_DESCRIPTION = _e(
    "entity.context.description",
    "a plural or collective head with adjectives only describes an actor (الميليشيات الإيرانية، قوات "
    "التحالف), and so does an actor's aircraft (طيران التحالف، المقاتلات التركية): ACTOR",
    Scope.TOKENS,
    (
        "وقاتلت الميليشيات الإيرانية إلى جانب الجيش.",
        EntityExample("وقصف طيران التحالف مواقع المسلحين في صعدة أمس.", has=(("طيران التحالف", "ACTOR"),)),
    ),
    ("وقاتل حزب الله إلى جانب الجيش.",),
)
CONTEXT_COUNTRY_ADJECTIVE = _e(
    "entity.context.country_adjective",
    "a country's form after an indefinite noun is an adjective (فصائل سورية), not the country",
    Scope.TOKENS,
    ("وتزوجت امرأة تركية رجلا من المدينة.",),
    ("وسافرت المرأة إلى تركيا مع زوجها.",),
)
CONTEXT_DIRECTION_WORD = _e(
    "entity.context.direction_word",
    "a direction adjective (الغربية، الشمالية) is a place only after a cue",
    Scope.TOKENS,
    ("وسقطت القذائف على الأحياء الغربية من المدينة.",),
    ("وسقطت القذائف على مدينة حلب.",),
)

# --- resolution and the article ---------------------------------------------------------------------------

RESOLVE_LONGEST = _e(
    "entity.resolve.longest",
    "overlapping spans keep the longest; on equal spans a linked gazetteer entry beats the model",
    Scope.TOKENS,
    ("وقاتلت قوات سوريا الديمقراطية في الرقة.",),
    ("وقاتلت الفصائل في الرقة.",),
)
DISAMBIGUATE = _e(
    "entity.disambiguate",
    "a place name of several countries (رفح، طرابلس) takes the country the article's other places point to",
    Scope.ARTICLE,
    ("وسقطت قذائف على رفح قرب العريش في سيناء.",),
    ("سقطت قذائف على رفح.",),
)
COHERENT_MINOR_PLACE = _e(
    "entity.coherent.minor_place",
    "a minor one-word place in a country the article never names otherwise is dropped",
    Scope.ARTICLE,
    ("وكرم المهرجان الشاعر محمد بنيس في أمسية شعرية.",),
    ("وكرم المهرجان الشاعر في أمسية شعرية بالرباط.",),
)
COHERENT_MODEL_DOUBT = _e(
    "entity.coherent.model_doubt",
    "a one-word gazetteer place the model is sure is an ordinary word needs its country named in the "
    "article (مسقط رأسه)",
    Scope.ARTICLE,
    ("ودفن الشاعر في مسقط رأسه بعد وفاته في القاهرة.",),
    ("ووصل الوزير إلى مسقط أمس في زيارة لسلطنة عمان.",),
)
COHERENT_UNLINK = _e(
    "entity.coherent.unlink",
    "a place the model found that links only to a minor far-away namesake keeps its span without the link",
    Scope.ARTICLE,
    ("وصورنا الفيلم في منطقة الدويرات بولاية تطاوين في الجنوب التونسي.",),
    ("قصفت الطائرات حلب.",),
)
FAMILY_NAME_WINS = _e(
    "entity.family_name_wins",
    "a one-word place that is the family name of a person the article names is that person",
    Scope.ARTICLE,
    ("وأكد علي الأحمدي أن الاجتماع انتهى. وقال الأحمدي إن القرار نهائي.",),
    ("وقال المتحدث إن الاجتماع انتهى في الأحمدي.",),
)
PROPAGATE_SURNAME = _e(
    "entity.propagate.surname",
    "a person's surname alone, after the full name, is that person",
    Scope.ARTICLE,
    ("وقال عبد الناصر العايد إن المعركة مستمرة. وأضاف العايد أن الخسائر كبيرة.",),
    ("وأضاف العايد أن الخسائر كبيرة.",),
)
PROPAGATE_MODEL_NAME = _e(
    "entity.propagate.model_name",
    "a name the model found once is the same entity where it is repeated",
    Scope.ARTICLE,
    ("وقررت الطالبة أماني السفر إلى الخارج. وتقول أماني إن الرحلة طويلة.",),
    ("وصل الوفد إلى دمشق صباح اليوم.",),
)
ANAPHOR = _e(
    "entity.anaphor",
    "التنظيم، الجماعة، الميليشيا، المتمردون refer to the article's most mentioned group of that kind, "
    "الطيران to its coalition",
    Scope.ARTICLE,
    (
        "أعلن داعش مسؤوليته عن الهجوم. وقال التنظيم في بيان إن الهجوم نفذه انتحاري.",
        EntityExample(
            "تقدمت القوات الحكومية نحو مواقع الحوثيين. وقصف المتمردون حي دار سعد أمس.",
            has=(("المتمردون", "ACTOR"),),
        ),
    ),
    ("وقال التنظيم في بيان إن الهجوم نفذه انتحاري.",),
)
NOT_A_NAME_GENERIC_PLURAL = _e(
    "entity.not_a_name.place_noun",
    "a place noun alone, singular, dual or plural (وبلدات، المدينتين، قرية), names no place",
    Scope.TOKENS,
    (
        EntityExample(
            "وحاصرت الفصائل بلدتي كفريا والبلدات المجاورة.",
            has=(("كفريا", "LOC"),),
            lacks=(("البلدات", "LOC"), ("والبلدات", "LOC")),
        ),
    ),
    (EntityExample("وقصفت الطائرات قرية الصبحة أمس.", has=(("الصبحة", "LOC"),)),),
)
NOT_A_NAME_VERB = _e(
    "entity.not_a_name.verb",
    "a word in a verb's form is no name: after أن، لن، لم، كي (أن يمن على) or an imperfect verb with an "
    "object pronoun (يؤمها، تقودها)",
    Scope.TOKENS,
    (
        EntityExample("ونسأل الله أن يمن على المرضى بالشفاء.", lacks=(("يمن", "LOC"),)),
        EntityExample(
            "ويقصد الزوار قرية يؤمها السياح كل صيف.", lacks=(("قرية يؤمها", "LOC"), ("يؤمها", "LOC"))
        ),
    ),
    (EntityExample("وقال إن اليمن يواجه أزمة إنسانية.", has=(("اليمن", "LOC"),)),),
)
NOT_A_NAME = _e(
    "entity.not_a_name",
    "a lone word that is never a name on its own (الله of حفظه الله, قاعدة, ميدانيا) is dropped last",
    Scope.TOKENS,
    ("وغرق قارب قبالة سواحل اليمن وكان على متنه عشرون مهاجرا.",),
    ("وغرق قارب قبالة سواحل اليمن وكان على ظهره عشرون مهاجرا.",),
)

RULES: tuple[EntityRule, ...] = (
    GAZETTEER,
    GAZETTEER_CUED,
    WEAK_NEEDS_MODEL,
    MODEL,
    MODEL_JOIN,
    MODEL_NAME_PARTICLE,
    MODEL_WHOLE_FIRST_NAME,
    MODEL_WHOLE_PLACE_NAME,
    MODEL_FAMILY_NAME,
    MODEL_TITLE,
    MODEL_COMMON_WORD,
    MODEL_LOW_CONFIDENCE,
    UNIT_NUMBERED,
    UNIT_NATIONAL_FORCE,
    UNIT_NAMED_FORCE,
    INSTITUTION,
    PERSON_PAIR,
    PLACE_NOUN_NAME,
    PLACE_NOUN_COORDINATED,
    PLACE_NOUN_COMMON,
    MEDIA_NAME,
    FACILITY_NAME,
    FACILITY_PERSON,
    FACILITY_ADJECTIVE,
    PLACE_NOUN_BRACKETED,
    PLACE_NOUN_ADJECTIVE,
    PLACE_NOUN_KINSHIP,
    PLACE_NOUN_CONSTRUCT,
    GAZETTEER_HEAD_NOUN,
    MEDIA_ADDRESSEE,
    MEDIA_AGENCY,
    MEDIA_DATELINE,
    NOT_DATE_OR_COUNT,
    TRIM_ADMIN_HEAD,
    TRIM_GROUP_HEAD,
    TRIM_PERSON_HEAD,
    TRIM_NISBA_TAIL,
    TRIM_DESCRIPTIVE_TAIL,
    RELIGIOUS_FORMULA,
    KINSHIP_CHAIN,
    CONTEXT_QUOTED_MEDIA,
    CONTEXT_REGIME,
    CONTEXT_DESCRIPTION,
    CONTEXT_COUNTRY_ADJECTIVE,
    CONTEXT_DIRECTION_WORD,
    RESOLVE_LONGEST,
    DISAMBIGUATE,
    COHERENT_MINOR_PLACE,
    COHERENT_MODEL_DOUBT,
    COHERENT_UNLINK,
    FAMILY_NAME_WINS,
    PROPAGATE_SURNAME,
    PROPAGATE_MODEL_NAME,
    ANAPHOR,
    NOT_A_NAME_GENERIC_PLURAL,
    NOT_A_NAME_VERB,
    NOT_A_NAME,
)
