"""Lookups in the bundled gazetteers and the override mechanism."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.nlp.gazetteer import Actor, Gazetteers, Place, Weapon, load_gazetteers
from desktop.text.normalize import normalize_word


@pytest.fixture(scope="module")
def gaz() -> Gazetteers:
    return load_gazetteers()


def _actor(gaz: Gazetteers, name: str) -> Actor:
    found = gaz.actors_named(normalize_word(name))
    assert len(found) == 1, (name, found)
    return found[0]


def test_loads_everything(gaz: Gazetteers) -> None:
    assert len(gaz.places) > 3000
    assert len(gaz.actors) >= 150
    assert len(gaz.weapons) >= 20
    assert len(gaz.person_names) > 1000
    assert gaz.max_phrase_words >= 5
    assert load_gazetteers() is gaz
    names = gaz.names()
    assert "قوات سوريا الديمقراطية" in names and "الباغوز" in names


def test_actor_aliases(gaz: Gazetteers) -> None:
    sdf = _actor(gaz, "قسد")
    assert sdf.name_en.startswith("Syrian Democratic Forces")
    assert _actor(gaz, "قوات سورية الديمقراطية") is sdf
    isis = _actor(gaz, "داعش")
    assert _actor(gaz, "تنظيم الدولة") is isis
    assert _actor(gaz, "الدولة الإسلامية في العراق والشام") is isis
    assert _actor(gaz, "ولاية سيناء").id != isis.id
    assert _actor(gaz, "ولاية سيناء").parent == isis.id
    assert _actor(gaz, "أعماق").kind == "media"
    assert _actor(gaz, "الحوثيون") is _actor(gaz, "أنصار الله")
    assert _actor(gaz, "جبهة النصرة") is _actor(gaz, "هيئة تحرير الشام")
    assert _actor(gaz, "المرصد السوري لحقوق الإنسان").inter == 0
    assert _actor(gaz, "حزب العمال الكردستاني") is _actor(gaz, "بي كا كا")
    assert _actor(gaz, "جيش الاحتلال") is _actor(gaz, "الجيش الإسرائيلي")
    assert _actor(gaz, "الحشد الشعبي").country == "Iraq"
    assert gaz.actor_by_id(isis.id) is isis
    assert gaz.actors_named(normalize_word("لا أحد")) == []


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        ("الباغوز", "Deir ez-Zor"),
        ("البصيرة", "Deir ez-Zor"),
        ("الصبحة", "Deir ez-Zor"),
        ("الحوايج", "Deir ez-Zor"),
        ("ضمان", "Deir ez-Zor"),
        ("التنك", "Deir ez-Zor"),
        ("حقل التنك", "Deir ez-Zor"),
        ("الهول", "Al-Hasakah"),
        ("مخيم الهول", "Al-Hasakah"),
        ("الميادين", "Deir ez-Zor"),
        ("الشدادي", "Al-Hasakah"),
    ],
)
def test_syrian_places(gaz: Gazetteers, name: str, admin1: str) -> None:
    found = gaz.places_named(normalize_word(name))
    assert found, name
    best = found[0]
    assert best.iso2 == "SY" and best.country == "Syria"
    assert best.admin1_en == admin1
    assert gaz.admin1_of(best) is not None


def test_ambiguous_tripoli(gaz: Gazetteers) -> None:
    found = gaz.places_named(normalize_word("طرابلس"))
    countries = {p.iso2 for p in found}
    assert {"LY", "LB"} <= countries
    assert found[0].iso2 == "LY"  # the bigger city and a stronger prior


def test_city_and_governorate_are_separate(gaz: Gazetteers) -> None:
    found = gaz.places_named(normalize_word("الحسكة"))
    features = {p.feature for p in found if p.iso2 == "SY"}
    assert {"admin1", "city"} <= features
    deir = gaz.places_named(normalize_word("محافظة دير الزور"))
    assert deir[0].feature == "admin1"


def test_spelling_variants_share_a_place(gaz: Gazetteers) -> None:
    assert gaz.places_named(normalize_word("سورية"))[0].id == gaz.places_named(normalize_word("سوريا"))[0].id
    assert gaz.places_named(normalize_word("حماه"))[0].id == gaz.places_named(normalize_word("حماة"))[0].id
    assert gaz.places_named(normalize_word("أمريكا"))[0].iso2 == "US"
    assert gaz.places_named(normalize_word("كوباني"))[0].iso2 == "SY"


def test_countries_and_regions(gaz: Gazetteers) -> None:
    for name, iso in (
        ("العراق", "IQ"),
        ("اليمن", "YE"),
        ("ليبيا", "LY"),
        ("مصر", "EG"),
        ("تركيا", "TR"),
        ("لبنان", "LB"),
        ("إيران", "IR"),
        ("السعودية", "SA"),
    ):
        best = gaz.places_named(normalize_word(name))[0]
        assert (best.iso2, best.feature) == (iso, "country"), name
    assert gaz.places_named(normalize_word("الغوطة الشرقية"))[0].feature == "region"
    assert gaz.places_named(normalize_word("سيناء"))[0].iso2 == "EG"
    assert gaz.places_named(normalize_word("الفرات"))[0].feature == "river"


def test_weapons(gaz: Gazetteers) -> None:
    car = gaz.weapon_named(normalize_word("سيارة مفخخة"))
    assert car is not None and car.weapon_class == "car_bomb"
    assert gaz.weapon_named(normalize_word("عربة مفخخة")) is car
    mortar = gaz.weapon_named(normalize_word("قذائف الهاون"))
    assert mortar is not None and mortar.weapon_class == "mortar"
    drone = gaz.weapon_named(normalize_word("طائرات بدون طيار"))
    assert drone is not None and drone.weapon_class == "drone"
    assert gaz.weapon_named(normalize_word("طاولة")) is None


def test_person_names(gaz: Gazetteers) -> None:
    assert gaz.is_first_name(normalize_word("أحمد"))
    assert gaz.is_last_name(normalize_word("الأحمد"))
    assert not gaz.is_first_name(normalize_word("قوات"))


def test_phrases_table(gaz: Gazetteers) -> None:
    table = gaz.phrases()
    kinds = {kind for kind, _ in table[normalize_word("الميادين")]}
    assert kinds == {"place", "actor"}
    assert table[normalize_word("سيارة مفخخة")][0][0] == "weapon"
    assert all(len(key.split()) <= gaz.max_phrase_words for key in table)
    assert gaz.phrases() is table


def test_weak_aliases_are_marked(gaz: Gazetteers) -> None:
    key = normalize_word("ضمان")
    assert gaz.places_named(key)[0].is_weak(key)
    assert not gaz.places_named(normalize_word("الباغوز"))[0].is_weak(normalize_word("الباغوز"))


def test_with_overrides(gaz: Gazetteers) -> None:
    village = Place(
        id="proj-1",
        name_ar="قرية الاختبار",
        name_en="Test village",
        feature="village",
        lat=35.0,
        lon=40.0,
        iso2="SY",
        country="Syria",
        aliases_ar=("الاختبار",),
    )
    renamed = Actor(
        id=_actor(gaz, "قسد").id,
        name_ar="قسد",
        name_en="SDF (project)",
        inter=2,
        kind="rebel",
        aliases_ar=("قوات سوريا الديمقراطية",),
    )
    weapon = Weapon(id="proj-w", name_ar="سلاح الاختبار", weapon_class="other")
    custom = gaz.with_overrides(places=[village], actors=[renamed], weapons=[weapon])
    assert custom.places_named(normalize_word("الاختبار"))[0].id == "proj-1"
    assert _actor(custom, "قسد").name_en == "SDF (project)"
    assert custom.actors_named(normalize_word("قوات سوريا الديمقراطية"))[0].name_en == "SDF (project)"
    assert custom.actors_named(normalize_word("قوات سورية الديمقراطية")) == []  # replaced, not merged
    assert custom.weapon_named(normalize_word("سلاح الاختبار")) is not None
    assert gaz.places_named(normalize_word("الاختبار")) == []  # the original is untouched


def test_extra_dir(tmp_path: Path) -> None:
    (tmp_path / "places.tsv").write_text(
        "id\tname_ar\tname_en\taliases_ar\tfeature\tlat\tlon\tiso2\tcountry\n"
        "proj-2\tتل الاختبار\tTest hill\t\tsite\t36.1\t40.2\tSY\tSyria\n",
        encoding="utf-8",
    )
    custom = load_gazetteers(tmp_path)
    assert custom.places_named(normalize_word("تل الاختبار"))[0].id == "proj-2"
    assert custom.actors_named(normalize_word("داعش"))
