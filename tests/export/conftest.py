"""A small Arabic project for the export tests, built once per session through the store API."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.export.sample import add_article, entity, span_of
from desktop.store.project import Project

TEXT1 = (
    "قتل خمسة مدنيين وأصيب عشرة آخرون في تفجير سيارة مفخخة نفذه انتحاري من تنظيم داعش "
    "استهدف عناصر من قوات سوريا الديمقراطية في بلدة الباغوز بريف دير الزور الشرقي. "
    "وقالت مصادر محلية إن الانفجار وقع قرب سوق البلدة."
)
TEXT2 = (
    "شنت طائرات حربية غارات جوية على مدينة إدلب صباح الأحد. "
    "واندلعت اشتباكات عنيفة بين الجيش السوري وفصائل المعارضة في ريف حماة الشمالي."
)
TEXT3 = "خرج مئات المتظاهرين في مدينة الموصل للمطالبة بتحسين الخدمات."


def _build(path: Path) -> Path:
    with Project.create(path) as p:
        a1 = add_article(
            p,
            "art-1",
            TEXT1,
            title='=HYPERLINK("http://evil")تفجير في الباغوز',
            date="2019-03-03",
            source="عنب بلدي",
            entities=[
                entity(TEXT1, "تنظيم داعش", "ORG", canonical_id="isis", inter=2),
                entity(TEXT1, "قوات سوريا الديمقراطية", "ORG", canonical_id="sy-sdf", inter=2),
                entity(TEXT1, "الباغوز", "LOC", canonical_id="cur-SY-baghouz"),
                entity(TEXT1, "دير الزور", "LOC"),
            ],
            incidents=[
                {
                    "event_type": "Explosions/Remote violence",
                    "sub_event_type": "Suicide bomb",
                    "date": "2019-03-02",
                    "time_precision": 1,
                    "location": "الباغوز",
                    "location_id": "cur-SY-baghouz",
                    "admin1": "دير الزور",
                    "country": "Syria",
                    "latitude": 34.455,
                    "longitude": 40.937,
                    "geo_precision": "approx",
                    "actor1": "تنظيم داعش",
                    "actor1_id": "isis",
                    "inter1": 2,
                    "actor2": "قوات سوريا الديمقراطية",
                    "actor2_id": "sy-sdf",
                    "inter2": 2,
                    "fatalities": 5,
                    "injuries": 10,
                    "weapon": "سيارة مفخخة",
                    "evidence": {"start": 0, "end": TEXT1.index(".") + 1},
                    "fields_evidence": {
                        "location": dict(zip(("start", "end"), span_of(TEXT1, "الباغوز"), strict=True))
                    },
                    "confidence": 0.9,
                }
            ],
        )
        s2 = TEXT2.index(".") + 1
        a2 = add_article(
            p,
            "art-2",
            TEXT2,
            title="غارات على إدلب",
            date="2019-03-10",
            source="الجزيرة",
            entities=[
                entity(TEXT2, "إدلب", "LOC"),
                entity(TEXT2, "الجيش السوري", "ORG", canonical_id="sy-army", inter=1),
                entity(TEXT2, "حماة", "LOC"),
            ],
            incidents=[
                {
                    "event_type": "Explosions/Remote violence",
                    "sub_event_type": "Air/drone strike",
                    "date": None,
                    "location": "إدلب",
                    "admin1": "إدلب",
                    "country": "Syria",
                    "latitude": 35.93,
                    "longitude": 36.63,
                    "actor1": None,
                    "actor2": None,
                    "fatalities": None,
                    "injuries": None,
                    "evidence": {"start": 0, "end": s2},
                },
                {
                    "event_type": "Battles",
                    "sub_event_type": "Armed clash",
                    "date": "2019-03-10",
                    "location": "حماة",
                    "admin1": "حماة",
                    "country": "Syria",
                    "latitude": 35.13,
                    "longitude": 36.75,
                    "actor1": "الجيش السوري",
                    "actor1_id": "sy-army",
                    "inter1": 1,
                    "actor2": "فصائل المعارضة",
                    "fatalities": 3,
                    "evidence": {"start": s2 + 1, "end": len(TEXT2)},
                },
            ],
        )
        a3 = add_article(
            p,
            "art-3",
            TEXT3,
            title="احتجاجات في الموصل",
            date="2019-03-12",
            source="رويترز",
            entities=[entity(TEXT3, "الموصل", "LOC")],
            incidents=[
                {
                    "event_type": "Protests",
                    "sub_event_type": "Peaceful protest",
                    "date": "2019-03-12",
                    "location": "الموصل",
                    "admin1": "نينوى",
                    "country": "Iraq",
                    "latitude": 36.34,
                    "longitude": 43.13,
                    "actor1": "-المتظاهرين+",
                    "fatalities": 0,
                    "evidence": {"start": 0, "end": len(TEXT3)},
                }
            ],
        )
        # Analyst work: edit, accept, reject, tags, notes, an analyst entity.
        inc1 = p.incidents.for_article(a1)[0]
        p.incidents.update_field(inc1.id, "fatalities", 6)
        strike, clash = p.incidents.for_article(a2)
        p.incidents.accept(strike.id)
        p.incidents.reject(clash.id)
        ents1 = p.entities.for_article(a1)
        p.entities.accept(ents1[0].id)
        p.entities.reject(next(e for e in ents1 if e.text == "دير الزور").id)
        s, e = span_of(TEXT1, "انتحاري")
        p.entities.add(a1, s, e, "PER")
        p.tags.set(a1, ["داعش", "@cmd"])
        p.tags.set(a2, ["غارات"])
        p.notes.set(a1, "مصدر موثوق؛ راجع العدد.")
        from desktop.store.dictionary import DictionaryEntry

        p.dictionary.add(
            DictionaryEntry(
                kind="place", key="baghouz-camp", name="مخيم الباغوز", latitude=34.46, longitude=40.94
            )
        )
        del a3
    return path


@pytest.fixture(scope="session")
def template_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("tpl") / "sample.rasid")


@pytest.fixture
def project_path(template_project: Path, tmp_path: Path) -> Path:
    target = tmp_path / "p.rasid"
    shutil.copy(template_project, target)
    return target


@pytest.fixture
def project(project_path: Path):  # type: ignore[no-untyped-def]
    with Project.open(project_path) as p:
        yield p
