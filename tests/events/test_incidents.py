"""The incident stage on short Arabic reports written for these tests: one construction per test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop.events.merging import dated_after
from desktop.events.model import Incident
from desktop.pipeline import extract_record
from desktop.rules import CandidateTrace

PUBLISHED = "2019-03-03"  # a Sunday


def incidents(text: str, date: str | None = PUBLISHED) -> list[dict[str, Any]]:
    record: dict[str, Any] = {"id": "t", "text": text}
    if date:
        record["date"] = date
    return list(extract_record(record)["incidents"])


def assert_no_incidents(*texts: str) -> None:
    for text in texts:
        assert incidents(text) == [], text


def only(text: str, date: str | None = PUBLISHED) -> dict[str, Any]:
    found = incidents(text, date)
    assert len(found) == 1, found
    return found[0]


def test_motorcycle_bomb_with_toll_place_date_and_actors() -> None:
    text = "فجر عناصر من داعش دراجة نارية مفخخة في مدينة البصيرة أمس السبت، ما أسفر عن مقتل 13 عنصراً من قسد."
    inc = only(text)
    assert (inc["event_type"], inc["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    )
    assert inc["location"] == "البصيرة" and inc["country"] == "Syria"
    assert inc["date"] == "2019-03-02" and inc["time_precision"] == 1
    assert inc["fatalities"] == 13
    assert inc["actor1"] == "داعش" and inc["actor2"] == "قسد"
    ev = inc["fields_evidence"]
    assert text[ev["fatalities"]["start"] : ev["fatalities"]["end"]].startswith("مقتل 13")
    assert text[ev["location"]["start"] : ev["location"]["end"]] == "البصيرة"
    assert inc["evidence"]["start"] == 0 and inc["evidence"]["end"] == len(text)


def test_suicide_car_bomb_is_one_suicide_bombing() -> None:
    inc = only("فجر انتحاري من داعش سيارة مفخخة في تجمع لقوات قسد قرب الباغوز مساء السبت.")
    assert inc["sub_event_type"] == "Suicide bomb"
    assert inc["actor1"] == "داعش"
    assert inc["date"] == "2019-03-02"
    assert inc["geo_precision"] == 2  # "near" keeps the place with lower precision


def test_air_strike_from_aircraft_words() -> None:
    inc = only("قصفت طائرات التحالف الدولي مواقع لتنظيم داعش في مدينة الرقة اليوم الأحد.")
    assert inc["sub_event_type"] == "Air/drone strike"
    assert inc["location"] == "الرقة" and inc["date"] == PUBLISHED


def test_shelling_without_aircraft() -> None:
    inc = only("سقطت قذائف هاون على حي جوبر في دمشق أمس، ما أدى إلى إصابة خمسة مدنيين.")
    assert inc["sub_event_type"] == "Shelling/artillery/missile attack"
    assert inc["injuries"] == 5
    assert inc["fatalities"] is None


def test_clash_between_two_named_sides() -> None:
    inc = only("اندلعت اشتباكات عنيفة بين الجيش العراقي وتنظيم داعش في الموصل يوم الجمعة.")
    assert (inc["event_type"], inc["sub_event_type"]) == ("Battles", "Armed clash")
    assert {inc["actor1"], inc["actor2"]} == {"الجيش العراقي", "داعش"}
    assert inc["date"] == "2019-03-01"


def test_hedged_attribution_leaves_actor1_empty() -> None:
    inc = only("قتل أربعة عناصر من قسد جراء هجوم شنه مجهولون يرجح أنهم تابعون لداعش قرب البصيرة صباح الأحد.")
    assert inc["actor1"] is None
    assert inc["actor2"] == "قسد"
    assert inc["fatalities"] == 4


def test_singular_victim_gives_one_fatality() -> None:
    inc = only("لقي قيادي في قسد مصرعه السبت بإطلاق النار عليه من قبل مجهولين قرب بلدة الحوايج.")
    assert inc["fatalities"] == 1
    assert inc["location"] == "الحوايج"


def test_a_figure_is_the_object_of_its_own_verb_not_of_a_later_injury_word() -> None:
    inc = only("قتل 3 جنود في هجوم على حاجز قرب بلدة الرميلة أمس وجرح مدني.")
    assert inc["fatalities"] == 3
    assert inc["injuries"] == 1


def test_a_victim_coordinated_after_a_counted_group_adds_up() -> None:
    inc = only("قتل 3 من أفراد الشرطة ومدني في هجوم على حاجز قرب بلدة الرميلة أمس.")
    assert inc["fatalities"] == 4


def test_the_place_held_by_another_is_the_event_place() -> None:
    inc = only("في بلدة الشويحة بمنطقة كفرجوم قتل خمسة جنود في قصف أمس.")
    assert inc["location"] == "الشويحة"  # كفرجوم is nearer the trigger, but it holds the town
    inc = only("قتل خمسة جنود أمس في هجوم على حاجز في قرية الشويحة التابعة لمحافظة حلب.")
    assert inc["location"] == "الشويحة"
    assert inc["admin1"] == "حلب"


def test_a_place_in_another_clause_loses_to_the_triggers_own() -> None:
    inc = only("ومع تقدم القوات في بلدة الشويحة، شنت الطائرات أمس غارات على مواقع المسلحين في محافظة إدلب.")
    assert inc["location"] == "إدلب"  # the town is more specific, but it is the scene of another clause


def test_deaths_told_with_an_anaphoric_attack_word_are_no_event_of_their_own() -> None:
    inc = only(
        "انفجرت عبوة ناسفة بدورية للجيش في بلدة الرميلة أمس فقتل خمسة جنود. "
        "وقال مسؤول في الشرطة إن ستة جنود قتلوا في هذا الهجوم."
    )
    assert inc["sub_event_type"] == "Remote explosive/landmine/IED"  # no clash of 6 beside it


def test_killed_and_wounded_together_give_no_split() -> None:
    inc = only("أسفر تفجير سيارة مفخخة في سوق مدينة الحسكة أمس عن مقتل وإصابة 45 شخصاً.")
    assert inc["fatalities"] is None and inc["injuries"] is None


def test_vague_toll_is_conservative() -> None:
    inc = only("قتل عشرات المدنيين في غارات جوية على مدينة إدلب أمس السبت.")
    assert inc["fatalities"] == 10
    assert inc["actor2"] == "مدنيون"


def test_abduction_and_arrests() -> None:
    abduction = only("اختطف مسلحون مجهولون ثلاثة صحفيين في مدينة تعز أمس.")
    assert abduction["sub_event_type"] == "Abduction/forced disappearance"
    arrests = only("اعتقلت قوات الأمن التركية 20 شخصاً في مدينة سروج اليوم الأحد بتهمة الانتماء إلى داعش.")
    assert (arrests["event_type"], arrests["sub_event_type"]) == ("Strategic developments", "Arrests")


def test_execution_of_captives_is_violence_against_civilians() -> None:
    inc = only("أعدم تنظيم داعش خمسة أسرى في مدينة دير الزور أمس السبت.")
    assert (inc["event_type"], inc["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert inc["fatalities"] == 5


@pytest.mark.parametrize(
    "text",
    [
        "هدد تنظيم داعش بشن هجمات جديدة على مدينة الموصل.",  # threat
        "نفت وزارة الدفاع قصف مدينة إدلب أمس.",  # denial
        "أدانت الخارجية السعودية الهجوم الإرهابي.",  # condemnation without an event told
        "قتل 390 شخصاً في سوريا خلال أسبوعين بحسب المرصد.",  # aggregate toll
        "لقي 11 شخصاً مصرعهم في تدافع بمعبد في الهند أمس.",  # accident
        "قتل ستة أشخاص في حادث سير على طريق بغداد أمس.",  # road accident
        "يخطط الجيش لشن هجوم على الرقة الشهر المقبل.",  # plan
        "فجرت تصريحات الوزير أزمة سياسية في بيروت أمس.",  # figurative
        "قتل الآلاف في الحرب الأهلية اللبنانية عام 1975.",  # history
        # An event noun governed by a preposition of topic: the sentence is about the event.
        "وتوالت ردود الفعل أمس على عملية الاغتيال التي شهدتها مدينة صيدا.",
        "ورفضت الحكومة أمس التعليق بشأن إعدام المترجم في مدينة قندهار.",
        # An accusation is an allegation, not the report of an event.
        "واتهم وزير الداخلية أمس جماعة مسلحة بالضلوع في تفجير سيارة مفخخة في مدينة كركوك.",
        # A habit or state of affairs.
        "وزار الوزير أمس بلدة سديروت التي تتعرض دائما لصواريخ الفصائل.",
        # A trigger word inside a name: "تحرير" in a movement's name is no recapture.
        "وقال المتحدث باسم حركة تحرير السودان في الخرطوم أمس إن الحركة تلقت اتصالا من الرئيس.",
        # Kinds of violence joined by "أو" name kinds, not an event.
        "وأضاف البيان أن التيار يدين أسلوب الاغتيال السياسي أو القتل على الهوية أو الاختطاف في البصرة.",
        "وأكد البيان أن القتل أو الاختطاف في مدينة البصرة أمس يشيع الرعب بين السكان.",
        "وقال المحافظ أمس إن القتل أو الاختطاف يهدد الأمن في مدينة البصرة.",
        # Purpose: "من أجل تصفية".
        "وقال إن جهات تتآمر أمس من أجل تصفية القضية في مدينة عمان.",
        # Counts over days: "270 مرة في أربعة أيام".
        "وذكر المرصد أن الطائرات قصفت المنطقة أكثر من 270 مرة في أربعة أيام.",
        # The earlier event as background: "في أعقاب اغتيال".
        "وأعادت الاحتجاجات إلى الأذهان أعمال الشغب التي شهدتها هولندا في أعقاب اغتيال المخرج.",
        # "استشهد بـ" is "cited"; "أوقف استيراد" is "stopped"; an idiom; a funeral; a drowning.
        "واستشهدت أمانة سوق عكاظ بحصول الشاعرة على جائزة قيمتها 300 ألف ريال في مصر.",
        "وأوقفت الصين استيراد جميع منتجات الدواجن الأمريكية هذا العام بسبب المرض.",
        "وقال المحلل إن تنظيم داعش يريد قتل عصفورين بحجر واحد في سوروج أمس.",
        "وشيع أهالي البلدة أمس جثمان الشهيد في مدينة درعا.",
        "وأسفر الحادث عن وفاة قائد المركبة التي سقطت في البحر بينبع أمس.",
        "وقال مسؤولو الصحة في مدينة نيويورك أمس إن تفشي داء المحاربين القدماء قتل أربعة أشخاص.",
        "وأطلقت الشرطة قنابل الصوت على المتجمعين في البلدة القديمة بالقدس أمس.",
        "وتأتي هذه الحوادث وسط موجة عنف شهدتها البلاد على مدار أسبوع قتل فيها 32 شخصا.",
        # Condolences for the dead of an event told before.
        "ووصل الأمير إلى منطقة عسير أمس لتقديم العزاء لذوي الشهداء الذين استشهدوا في حادث التفجير.",
    ],
)
def test_not_incidents(text: str) -> None:
    assert incidents(text) == []


def test_same_event_told_twice_is_one_incident() -> None:
    text = (
        "قصفت طائرات التحالف مدينة الرقة أمس السبت.\n"
        "وقالت مصادر محلية إن الغارات على مدينة الرقة أمس أسفرت عن مقتل سبعة مدنيين."
    )
    (inc,) = incidents(text)
    assert inc["sub_event_type"] == "Air/drone strike"
    assert inc["fatalities"] == 7


def test_summary_sentence_yields_to_the_detailed_attacks() -> None:
    text = (
        "قتل 17 عنصراً من قسد الأحد في هجومين منفصلين في بلدة البصيرة.\n"
        "وفجر عناصر التنظيم دراجة نارية مفخخة في البصيرة صباح الأحد، ما أسفر عن مقتل 13 عنصراً من قسد.\n"
        "كما قتل أربعة عناصر لقسد جراء هجوم على نقطة عسكرية قرب البصيرة صباح الأحد."
    )
    found = incidents(text)
    assert sorted(i["fatalities"] for i in found) == [4, 13]


def test_coordinated_places_give_one_incident_each() -> None:
    found = incidents("نفذت مقاتلات تركية الجمعة غارات على قرى ديرلوك وحفطنين وخواكورك شمال العراق.")
    assert len(found) >= 2
    assert all(i["sub_event_type"] == "Air/drone strike" for i in found)


def test_no_publication_date_leaves_relative_dates_unresolved() -> None:
    inc = only("قتل ثلاثة جنود في هجوم على حاجز للجيش في مدينة العريش أمس.", date=None)
    assert inc["date"] is None
    assert inc["fatalities"] == 3


def test_a_foiled_attack_is_one_disrupted_weapons_use() -> None:
    found = incidents("أحبطت قوات الأمن المصرية هجوما بسيارة مفخخة في مدينة رفح بشمال سيناء أمس.")
    assert [(i["event_type"], i["sub_event_type"]) for i in found] == [
        ("Strategic developments", "Disrupted weapons use")
    ]
    assert found[0]["country"] == "Egypt"  # the Sinai Rafah, not the Gaza one


def test_air_force_named_by_nationality() -> None:
    inc = only("قتل 7 مدنيين جراء غارة جوية شنتها طائرات حربية روسية على سوق في مدينة معرة النعمان أمس.")
    assert inc["actor1"] == "الطيران الروسي" and inc["actor2"] == "مدنيون"
    assert inc["fatalities"] == 7


def test_verb_first_bombing_with_place_is_reported_without_a_day() -> None:
    inc = only("من ناحية ثانية، فجر انتحاري سيارة مفخخة أمام مطعم في مدينة الرمادي.")
    assert inc["sub_event_type"] == "Suicide bomb"
    assert inc["location"] == "الرمادي"


def test_a_year_is_old_only_when_it_ended_long_before_publication() -> None:
    # "the first in 2008", in an article of March 2008, does not make yesterday's attack history.
    text = "قتل أمس سبعة من عناصر الشرطة في هجوم انتحاري في ولاية قندهار، هو الأول في عام 2008."
    inc = only(text, date="2008-03-10")
    assert inc["date"] == "2008-03-09"
    assert inc["fatalities"] == 7
    old = "قتل سبعة من عناصر الشرطة في هجوم انتحاري في ولاية قندهار عام 2005."
    assert incidents(old, date="2008-03-10") == []


def test_defusing_a_car_bomb_is_disrupted_weapons_use() -> None:
    found = incidents("فككت قوات الأمن أمس سيارة مفخخة قرب السفارة في مدينة الجزائر.")
    assert [(i["event_type"], i["sub_event_type"]) for i in found] == [
        ("Strategic developments", "Disrupted weapons use")
    ]


def test_lead_day_holds_while_the_article_names_no_other_day() -> None:
    text = (
        "سيطرت قوات الجيش الأربعاء على بلدة العين في محافظة أبين.\n"
        "وقالت مصادر محلية إن المعارك كانت عنيفة.\n"
        "وأكد مسؤول أن الجيش نشر قواته في البلدة.\n"
        "وشنت طائرات التحالف غارات على مواقع المتمردين في مدينة صعدة."
    )
    found = incidents(text, date="2015-07-31")
    strike = next(i for i in found if i["sub_event_type"] == "Air/drone strike")
    assert strike["date"] == "2015-07-29" and strike["time_precision"] == 2


def test_after_another_day_an_undated_far_sentence_has_no_date() -> None:
    text = (
        "سيطرت قوات الجيش الأربعاء على بلدة العين في محافظة أبين.\n"
        "وقال مسؤول إن اشتباكات دارت يوم الاثنين في محيط مدينة لودر.\n"
        "وأكد مسؤول آخر أن الجيش نشر قواته في البلدة.\n"
        "وشنت طائرات التحالف غارات على مواقع المتمردين في مدينة صعدة."
    )
    found = incidents(text, date="2015-07-31")
    strike = next(i for i in found if i["sub_event_type"] == "Air/drone strike")
    assert strike["date"] is None


def test_the_same_kind_of_event_in_the_next_paragraph_keeps_the_date() -> None:
    text = (
        "أعلن مسؤول حكومي في بيان أمس السبت انتهاء العملية.\n"
        "وبدأت الطائرات الحربية التركية مساء الجمعة قصف مواقع الحزب في الشريط الحدودي شمال دهوك.\n"
        "وقال شهود عيان إن طائرات حربية تركية شنت غارات عنيفة على مواقع الحزب في ناحية سيدكان."
    )
    found = incidents(text, date="2015-07-25")
    strikes = [i for i in found if i["sub_event_type"] == "Air/drone strike"]
    assert strikes and all(i["date"] == "2015-07-24" for i in strikes)


def test_chained_reports_in_one_long_sentence_are_separate_incidents() -> None:
    text = (
        "وقال المرصد إن قوات النظام قصفت بعد منتصف ليل أمس مناطق في مدينة داريا، ولم ترد أنباء عن إصابات، "
        "بينما دارت فجر أمس اشتباكات بين قوات النظام وعناصر تنظيم داعش في محيط مدينة تدمر، "
        "كذلك دارت اشتباكات بين الفصائل وتنظيم داعش في مدينة القريتين."
    )
    found = incidents(text)
    clashes = sorted(i["location"] for i in found if i["sub_event_type"] == "Armed clash")
    assert clashes == ["القريتين", "تدمر"]
    assert any(i["sub_event_type"] == "Shelling/artillery/missile attack" for i in found)


def test_a_toll_reported_with_أفاد_عن_is_an_incident() -> None:
    inc = only("وأفاد المرصد عن مقتل تسعة من قوات النظام في اشتباكات في مدينة حلب أمس.")
    assert inc["fatalities"] == 9 and inc["location"] == "حلب"


def test_verb_after_a_fronted_place_opens_the_clause() -> None:
    inc = only("وفي مدينة حلب أطلقت كتائب المعارضة عددا من قذائف الهاون على حي الميدان.")
    assert inc["sub_event_type"] == "Shelling/artillery/missile attack"
    assert inc["location"] in ("حلب", "الميدان")


def test_a_deed_told_with_قيام_ب_is_reported() -> None:
    inc = only("وتحدث التقرير أمس عن قيام مسلحين بقتل خمسة مدنيين في مدينة البصرة.")
    assert inc["fatalities"] == 5 and inc["location"] == "البصرة"


def test_a_toll_over_months_in_another_clause_does_not_hide_the_news() -> None:
    text = "قصفت قوات النظام حي جوبر في دمشق أمس، حيث يتعرض الحي منذ عدة أشهر لهجمات متكررة."
    found = incidents(text)
    assert [i["sub_event_type"] for i in found] == ["Shelling/artillery/missile attack"]


def test_the_subject_after_the_verb_is_the_initiator() -> None:
    inc = only("وفي مدينة حلب أطلقت كتائب المعارضة أمس عددا من قذائف الهاون على حي الميدان.")
    assert inc["actor1"] == "كتائب المعارضة"
    inc = only("وتحدث التقرير أمس عن قيام عناصر داعش بقتل 30 من زملائهم في بلدة الباغوز.")
    assert inc["actor1"] == "داعش" and inc["fatalities"] == 30


def test_martyred_by_gunfire_is_not_citing() -> None:
    inc = only("واستشهد 3 مدنيين برصاص قناص في حي جوبر أمس.")
    assert inc["fatalities"] == 3 and inc["sub_event_type"] == "Attack"


def test_burning_people_is_an_attack_not_property_destruction() -> None:
    inc = only("وأحرق مسلحون أمس ستة أطفال داخل منزلهم في قرية كمونة.")
    assert (inc["event_type"], inc["sub_event_type"]) == ("Violence against civilians", "Attack")


def test_an_all_digit_date_in_the_hijri_century_is_hijri() -> None:
    inc = only("فجر انتحاري نفسه في مسجد بمدينة الدمام يوم الجمعة 23/9/1436.", date="2015-07-21")
    assert inc["date"] == "2015-07-10"


def test_a_chained_report_whose_place_is_in_a_later_clause_is_split_off() -> None:
    text = (
        "وقال المرصد إن قوات النظام قصفت أمس مناطق في مدينة داريا، "
        "ايضا دارت بعد منتصف ليل أمس اشتباكات بين قوات النظام والفصائل من طرف آخر، "
        "في بساتين مخيم خان الشيح بالغوطة الغربية."
    )
    found = incidents(text)
    assert ("Armed clash", "مخيم خان الشيح") in [(i["sub_event_type"], i["location"]) for i in found]


def test_contrastive_fronted_place_and_losses_without_a_figure() -> None:
    inc = only(
        "أما في دمشق فدارت اشتباكات عنيفة بين قوات النظام والفصائل في أطراف حي جوبر، "
        "أسفرت عن خسائر بشرية في صفوف الطرفين."
    )
    assert inc["sub_event_type"] == "Armed clash" and inc["location"] == "جوبر"
    assert inc["fatalities"] is None


def test_heavy_machine_gun_fire_on_areas_is_shelling() -> None:
    inc = only("وفتحت قوات النظام أمس نيران رشاشاتها الثقيلة على مناطق في مدينة تلبيسة.")
    assert inc["sub_event_type"] == "Shelling/artillery/missile attack"


def test_air_sorties_are_air_strikes() -> None:
    inc = only(
        "وأعلنت القيادة أمس قيام طيران التحالف الدولي بتنفيذ 11 طلعة جوية "
        "أسفرت عن مقتل 36 من عناصر داعش في قضاء القائم."
    )
    assert inc["sub_event_type"] == "Air/drone strike" and inc["fatalities"] == 36


def test_the_subject_inside_a_long_verb_phrase_and_after_a_weapon_pronoun() -> None:
    # the pattern فتح ... نيران spans its own subject
    inc = only("وفتحت قوات النظام بعد منتصف ليل السبت نيران رشاشاتها الثقيلة على مدينة تلبيسة.")
    assert inc["actor1"] == "قوات النظام"
    # the weapon first, then a verb whose object pronoun is that weapon, then the subject
    inc = only("وسقطت قذيفة دبابة أمس أطلقتها قوات النظام على حي الوعر بمدينة حمص.")
    assert inc["actor1"] == "قوات النظام"
    assert inc["sub_event_type"] == "Shelling/artillery/missile attack"


def test_a_linked_actor_is_named_by_the_form_the_article_uses_most() -> None:
    text = (
        "قصفت قوات النظام حي جوبر في دمشق أمس بقذائف الهاون.\n"
        "وقالت مصادر إن قوات النظام تحاصر الحي منذ أشهر، وإن قوات النظام تمنع دخول المساعدات.\n"
        "وفي حلب قصفت قوات الأسد حي الشعار اليوم الأحد بالمدفعية."
    )
    found = incidents(text)
    assert len(found) == 2, found
    assert [i["actor1"] for i in found] == ["قوات النظام", "قوات النظام"]
    assert found[1]["actor1_id"] == found[0]["actor1_id"] is not None
    # the field's evidence still points at the words of this report
    ev = found[1]["fields_evidence"]["actor1"]
    assert text[ev["start"] : ev["end"]] == "قوات الأسد"
    # an actor the article names only once keeps that form
    inc = only("قصفت قوات الأسد حي جوبر في دمشق أمس بقذائف الهاون.")
    assert inc["actor1"] == "قوات الأسد"


def test_the_subject_inside_a_territory_phrase_is_the_initiator() -> None:
    inc = only("فقد سيطرت قوات من الجيش الوطني والمقاومة الشعبية على بلدة العين في محافظة أبين أمس.")
    assert inc["actor1"] == "الجيش الوطني"
    assert inc["sub_event_type"] == "Government regains territory"


def test_a_clash_with_only_the_victims_side_named_takes_the_other_side_after_with() -> None:
    inc = only("قتل مقاتلان من المعارضة السورية أمس خلال اشتباكات مع قوات النظام في مدينة داريا.")
    assert inc["actor1"] == "قوات النظام" and inc["actor2"] == "المعارضة السورية"


def test_an_event_weeks_before_the_issue_is_background() -> None:
    # 27 days before publication: history told in passing
    old = "وهاجم مسلح فندقا في مدينة سوسة في 26 يونيو الماضي مخلفا 38 قتيلا."
    assert incidents(old, date="2015-07-23") == []
    # the same report a few days after the event is news
    inc = only(old.replace("الماضي", "الجاري"), date="2015-06-28")
    assert inc["date"] == "2015-06-26" and inc["fatalities"] == 38


def test_weapons_supplied_drownings_and_tolls_over_a_reign_are_no_incidents() -> None:
    assert incidents("وفي الشهر الجاري سلمت واشنطن زورقي صواريخ سريعة إلى القاهرة.") == []
    assert incidents("انتشلت فرق الدفاع المدني اليوم جثتي غريقين من وادي لجب في محافظة الريث.") == []
    assert incidents("وقال إنه بعد وصول حسن روحاني إلى الحكم، جرى إعدام 1800 شخص في إيران.") == []
    # the same words of violence, as a report, still count
    inc = only("أطلقت قوات النظام أمس صواريخ على حي جوبر في دمشق.")
    assert inc["sub_event_type"] == "Shelling/artillery/missile attack"


def test_a_toll_told_again_in_a_later_clause_is_counted_once() -> None:
    text = (
        "وكشف مصدر في الشرطة أمس عن مقتل 42 من عناصر داعش قرب الموصل، وقال إن سيارة مفخخة انفجرت"
        " عند مرور رتل للتنظيم ما أسفر عن مقتل 42 منهم."
    )
    assert only(text)["fatalities"] == 42
    # equal figures for different places add up
    text = "وقتل مسلحون أمس أربعة أشخاص في قرية بوندارام، وفي قرية كواتار قتلوا أربعة أشخاص."
    assert sum(i["fatalities"] or 0 for i in incidents(text)) == 8


def test_aircraft_named_after_their_owner_are_the_initiator() -> None:
    inc = only("وفي السياق نفسه، استهدف طيران التحالف العربي أمس تعزيزات عسكرية للحوثيين قرب مدينة شقرة.")
    assert inc["sub_event_type"] == "Air/drone strike"
    assert inc["actor1"] is not None and "التحالف" in inc["actor1"]


def test_barrel_bombs_are_air_strikes() -> None:
    inc = only("وألقى الطيران المروحي أمس 12 برميلا متفجرا على مدينة الزبداني في ريف دمشق.")
    assert inc["sub_event_type"] == "Air/drone strike"


def test_celebratory_fire_prepared_bombs_and_forced_fighting_are_no_incidents() -> None:
    assert incidents("وأطلق جنود النظام النار ابتهاجا أمس على عدد من الحواجز في مدينة دمشق.") == []
    assert incidents("وركز الطيران على السيارات المفخخة المعدة للتفجير في مدينة الفلوجة.") == []
    assert incidents("ويجبر تنظيم داعش بعض الرجال على القتال في صفوفه في مدينة الفلوجة.") == []


def test_tolls_over_months_and_tallies_in_thousands_are_aggregates() -> None:
    assert incidents("وقال إن 750 شخصا قتلوا في معارك عدن خلال 3 أشهر من الاشتباكات.") == []
    assert incidents("ويشن الجيش المصري منذ سنتين عمليات في شمال سيناء لصد هجمات المتطرفين.") == []
    assert incidents("وأوضح المرصد أن طائرات النظام ألقت 14297 برميلا متفجرا على محافظة حلب.") == []
    assert incidents("وأسفرت الغارات على محافظة إدلب عن مقتل 4844 مدنيا.") == []
    # hundreds are still one event's toll
    assert only("وقتل أمس 120 شخصا في تفجير انتحاري في مدينة الحلة.")["fatalities"] == 120


def test_a_second_estimate_of_the_toll_is_not_added() -> None:
    text = (
        "وقال مصدر طبي إن أربعة أشخاص قتلوا أمس في الهجوم على مسجد في صنعاء، في حين أن الحصيلة"
        " الأولية أشارت إلى مقتل شخصين."
    )
    assert only(text)["fatalities"] == 4


def test_a_day_that_opens_a_period_dates_no_later_report() -> None:
    text = (
        "ونفذ الطيران 26350 غارة منذ 20 أكتوبر الماضي. وفي ريف الحسكة فجر تنظيم داعش دراجة نارية مفخخة"
        " عند حاجز في مدخل مدينة رأس العين، ما أدى لمقتل ثلاثة عناصر."
    )
    found = incidents(text, date="2015-07-23")
    assert [(i["sub_event_type"], i["date"]) for i in found] == [("Remote explosive/landmine/IED", None)]


def test_the_head_count_of_a_list_is_the_toll_not_its_last_member() -> None:
    text = (
        "وقال مدير الصحة إن 57 مدنيا بينهم 12 طفلا وست نساء قتلوا أمس في قصف للمتمردين على حي دار سعد في عدن."
    )
    assert only(text)["fatalities"] == 57
    # the figure after an injury word in the same list still counts for the injured
    text = "وانفجرت سيارة مفخخة أمس في الموصل ما أسفر عن مقتل 42 منهم بينهم قياديون وإصابة 18 آخرين."
    inc = only(text)
    assert (inc["fatalities"], inc["injuries"]) == (42, 18)


def test_taking_control_needs_someone_armed_and_history_is_no_news() -> None:
    assert incidents("سيطرت جمهورية تركيا وإمارة دبي على وجهات المصطافين من المدينة المنورة هذا الصيف.") == []
    inc = only("وسيطر الثوار أمس على منطقة العلم في محافظة أبين عقب مواجهات عنيفة.")
    assert inc["event_type"] == "Battles"
    assert incidents("وقتل مئات الأشخاص وخطف المئات من النساء، ودمر آنذاك قسم كبير من مدينة باغا.") == []


def test_floods_judicial_executions_and_recollections_are_no_incidents() -> None:
    assert incidents("كما لقي 24 مسلحا حوثيا مصرعهم أمس إثر جرفهم بسيل في أحد وديان محافظة الجوف.") == []
    judicial = "ونفذت وزارة الداخلية أمس حكم القتل قصاصا في أحد الجناة بمنطقة جازان لإقدامه على قتل مواطن."
    assert incidents(judicial) == []
    assert incidents("واستذكر المسيحيون أمس ما تعرضوا له من قتل ونهب على يد تنظيم داعش في الموصل.") == []


def test_a_generic_telling_joins_the_bombing_at_the_same_place() -> None:
    text = (
        "قتل 12 من رجال الأمن أمس في تفجير انتحاري استهدف مسجدا في مدينة أبها.\n"
        "وأعربت الكويت عن إدانتها للهجوم الإرهابي الذي استهدف المسجد في مدينة أبها أمس."
    )
    found = incidents(text)
    assert [i["sub_event_type"] for i in found] == ["Suicide bomb"]
    assert found[0]["fatalities"] == 12
    # an attack with a toll of its own at the same place stays apart
    text = (
        "قتل 13 من عناصر قسد أمس بتفجير دراجة نارية مفخخة في بلدة البصيرة.\n"
        "كما قتل أربعة عناصر لقسد أمس جراء هجوم شنه مسلحون على نقطة في بلدة البصيرة."
    )
    assert sorted(i["fatalities"] for i in incidents(text)) == [4, 13]


def test_strikes_with_a_pronoun_and_tear_gas_grenades() -> None:
    inc = only("وكثف طيران التحالف أمس غاراته على مواقع الحوثيين في مدينة صعدة.")
    assert inc["sub_event_type"] == "Air/drone strike"
    found = incidents("وأطلقت قوات الاحتلال أمس قنابل الغاز على المصلين في المسجد الأقصى في القدس.")
    assert "Remote explosive/landmine/IED" not in [i["sub_event_type"] for i in found]


def test_air_forces_that_kill_make_an_air_strike() -> None:
    inc = only("وقالت مصادر إن القوات الجوية تمكنت أمس من قتل 6 من عناصر تنظيم بيت المقدس بقرية التومة.")
    assert inc["sub_event_type"] == "Air/drone strike" and inc["fatalities"] == 6


def test_a_country_or_governorate_level_event_is_not_hidden_by_details_elsewhere() -> None:
    text = (
        "وقتل 20 شخصا أمس في تفجير انتحاري في حانة بمدينة مايدوغوري.\n"
        "وقتل 37 شخصا أمس أيضا في تفجيرين انتحاريين استهدفا محطتي حافلات في نيجيريا."
    )
    assert sorted(i["fatalities"] for i in incidents(text)) == [20, 37]
    text = (
        "وشن الطيران الحربي أمس تسع غارات على مدينة الزبداني في ريف دمشق.\n"
        "ونفذ طيران النظام أمس 16 غارة على أحياء في محافظة درعا."
    )
    assert len([i for i in incidents(text) if i["sub_event_type"] == "Air/drone strike"]) == 2


def test_programmes_court_dates_ages_and_families_of_the_fallen() -> None:
    programme = "واختتم فرع الوزارة في الباحة أمس البرنامج التدريبي «حل المشكلات»، استهدف 36 موظفا."
    assert incidents(programme) == []
    text = "وقتل الطفل علي دوابشة (18 شهرا) حرقا أمس عندما ألقى ملثمون زجاجة حارقة على منزل عائلته في دوما."
    assert only(text)["fatalities"] != 18
    families = (
        "ويهدف المشروع الذي نفذ في مخيمات لبنان إلى توفير السكن للعائلات السورية المصنفة كحالات"
        " إنسانية من ذوي الشهداء والمعتقلين والمصابين، واستفادت منه 3202 عائلة سورية أمس."
    )
    assert incidents(families) == []


def test_an_incident_dated_after_the_issue_is_dropped() -> None:
    trace = CandidateTrace((0, 1), (0, 1), "ied", "Remote explosive/landmine/IED")
    court_day = Incident("Explosions/Remote violence", "Remote explosive/landmine/IED", (0, 1), (0, 1), trace)
    court_day.fields["date"] = "2015-10-17"  # "لجلسة 17 أكتوبر المقبل"
    assert dated_after(court_day, dt.date(2015, 7, 26))
    court_day.fields["date"] = "2015-07-25"
    assert not dated_after(court_day, dt.date(2015, 7, 26))


def test_deed_verbs_report_their_event_noun() -> None:
    inc = only("أقدم انتحاري على تفجير نفسه في مسجد بمدينة أبها مساء اليوم الأحد.")
    assert inc["sub_event_type"] == "Suicide bomb" and inc["date"] == PUBLISHED
    inc = only("وكانت القوات الموالية للحكومة شنت أمس هجوما واسعا على مليشيات الحوثي.")
    assert inc["event_type"] == "Battles" and inc["date"] == "2019-03-02"


def test_a_calibre_is_no_toll_and_on_board_is_no_place() -> None:
    text = "كما دمرت غارة أخرى أمس في مأرب طقما عسكريا على متنه مضاد طيران عيار 23 وقتل 3 من طاقمه."
    inc = only(text)
    assert inc["fatalities"] == 3 and inc["location"] != "متنه"


def test_crashes_sharks_robberies_and_fighting_over_months_are_no_incidents() -> None:
    assert_no_incidents(
        "وقتل 11 عسكريا اليوم عندما تعطل محرك طائرة النقل التي كانوا يركبونها وتحطمت في إقليم سيزار.",
        "ووقع الهجوم أمس على شاطئ مين بيتش شمالي سيدني، وهو ثالث هجوم لأسماك القرش هذا الشهر.",
        "وكشفت النيابة العامة في دبي أمس تفاصيل جريمة سرقة نفذها 3 أشخاص استهدفت زائرا في منطقة نايف.",
        "وعاد رئيس الحكومة اليوم إلى عدن التي تم استعادتها بعد قتال دام أربعة أشهر مع المتمردين الحوثيين.",
    )


def test_totals_weeks_of_arrests_and_animals_are_no_incidents() -> None:
    assert_no_incidents(
        "أعلنت السلطات الأمنية في السعودية أمس، القبض على 431 إرهابيا من جنسيات مختلفة، خلال الأسابيع"
        " الماضية، ينتمون إلى تنظيم داعش يدار من المناطق المضطربة ويستهدف السعودية.",
        "وقال إن مسلحي بوكو حرام هاجموا القرى وقتلوا ما مجموعه 43 شخصا في ولاية بورنو.",
        "وذكرت الصحيفة أن القرد انقض أمس على امرأة وخطف حقيبتها في معبد في بلدة فريندافان.",
    )


def test_road_accidents_are_no_incidents() -> None:
    assert_no_incidents(
        "لقيت امرأتان مصرعهما وأصيب السائق بإصابات خطيرة مساء اليوم في حادث على طريق الملك فهد أعلى كوبري"
        " حي المنار نتج عنه احتراق عدة سيارات.",
    )


def test_a_funeral_with_the_toll_is_no_new_incident() -> None:
    text = (
        "وكشفت صحيفة حرييت يوم أمس إن أجهزة الأمن حذرت الحكومة مؤخرا من خطر حدوث هجوم إرهابي على الأراضي"
        " التركية. وغداة الهجوم، أقيمت صلاة الميت أمس الثلاثاء في جامع غازي عنتاب غير البعيدة عن سوروج"
        " على أرواح 25 من القتلى."
    )
    assert incidents(text, date="2015-07-22") == []


def test_first_person_opinions_and_crimes_of_the_mentally_ill_are_no_incidents() -> None:
    assert_no_incidents(
        "في تقديري أن أداء الحكومة يجب أن يتغير، ولا بد من استيعاب الجيش اليمني لأن الجيش اليمني"
        " الآن يقاتل مع الحوثيين مضطرا ونحن نعرف أن الجيش اليمني قاتل الحوثيين لستة حروب وقتل من"
        " الجيش عشرات الآلاف.",
        "أقدم شاب يشتبه بأنه مريض نفسيا أمس على قتل ثلاثة أشخاص بينهم شقيقه في خيبر الجنوب.",
    )


def test_durum_wheat_and_storms_are_no_incidents() -> None:
    wheat = "وأتمت المؤسسة أمس إجراءات ترسية الدفعة الثالثة بكمية 505 آلاف طن من القمح الصلب عبر ميناء جدة."
    assert incidents(wheat) == []
    storms = "وقتل ثلاثة أشخاص أمس نتيجة للعواصف في مدينة توكوبيلا، في حين قتل ثلاثة آخرون على امتداد الساحل."
    assert incidents(storms) == []


@pytest.mark.parametrize(
    "text",
    [
        "قتل عالم نووي إيراني في هجوم مسلح قرب طهران أمس.",
        "قتل 20 جنديا في محاولة انقلاب في العاصمة أنقرة أمس.",
        "انفجرت عبوة ناسفة في سوق حلب أمس، ما أدى إلى حريق ومقتل 4 أشخاص.",
        "قتل جنديان سعوديان في هجوم للحوثيين على موقع حدودي في جازان أمس خلال عمليات عاصفة الحزم.",
    ],
)
def test_a_bare_cue_word_elsewhere_never_kills_a_report(text: str) -> None:
    # نووي، انقلاب، حريق، عاصفة were accident cues anywhere in the sentence: they dropped these reports.
    assert incidents(text), text


def test_a_death_told_as_وفاة_or_توفي_gives_the_toll() -> None:
    inc = only("أسفر القصف المدفعي على بلدة كفرنبل صباح اليوم عن وفاة 4 مدنيين وإصابة 9 آخرين.")
    assert (inc["fatalities"], inc["injuries"]) == (4, 9)
    inc = only("قصفت المدفعية بلدة كفرنبل صباح اليوم، وتوفي 3 مدنيين.")
    assert inc["fatalities"] == 3


def test_an_actor_is_named_as_the_article_names_it_most() -> None:
    text = (
        "هاجم تنظيم الدولة الإسلامية بلدة الشدادي صباح الأحد. وقال مسؤول محلي إن مسلحي داعش قتلوا خمسة "
        "مدنيين في البلدة، وإن داعش ما زال يحاصر أطرافها."
    )
    (inc,) = incidents(text)
    assert inc["actor1"] == "داعش"
