"""Read-only paged queries behind the project-wide views: incidents and actors/places."""

from __future__ import annotations

import pytest

from desktop.errors import InputError
from desktop.records import IncidentRecord
from desktop.store import Project
from desktop.store.entities import insert_entity
from desktop.store.incidents import insert_machine_incident
from desktop.store.views import (
    IncidentQuery,
    count_incidents,
    count_names,
    group_entity_ids,
    incident_page,
    name_page,
    name_page_and_total,
)

TEXTS = [
    ("a1", "2024-03-12", "قتل 5 مدنيين في غارة على سرمين قرب إدلب نفذتها قوات النظام.", "سرمين", 5),
    ("a2", "2024-03-10", "اشتبكت قوات النظام مع داعش قرب كركوك وقتل 3 عناصر.", "كركوك", 3),
    ("a3", "2024-03-08", "اعتقلت القوات العراقية 4 مطلوبين في الأنبار.", "الأنبار", None),
]


@pytest.fixture
def views_project(project: Project) -> Project:
    with project.transaction() as conn:
        for ext, date, text, place, dead in TEXTS:
            aid = project.articles.insert(
                conn, external_id=ext, text=text, title=f"تقرير {ext}", date=date, content_hash=ext
            )
            start = text.index(place)
            insert_entity(conn, aid, text, start, start + len(place), "LOC", {}, "auto", "new")
            regime = text.find("قوات النظام")
            if regime >= 0:
                attrs = {"canonical_id": "sy-army", "canonical": "الجيش السوري", "inter": 1}
                insert_entity(conn, aid, text, regime, regime + 11, "ORG", attrs, "auto", "new")
            inc = {"event_type": "Battles", "location": place, "fatalities": dead, "date": date}
            if ext == "a1":
                inc.update(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
            inc["evidence"] = {"start": 0, "end": len(text)}
            insert_machine_incident(conn, aid, IncidentRecord.from_json(inc))
    return project


def test_incidents_sorted_filtered_and_paged(views_project: Project) -> None:
    p = views_project
    assert count_incidents(p, IncidentQuery()) == 3
    rows = incident_page(p, IncidentQuery(), 0, 10)
    assert [r.get("location") for r in rows] == ["سرمين", "كركوك", "الأنبار"]
    assert rows[0].article_title == "تقرير a1" and rows[0].evidence is not None
    by_dead = incident_page(p, IncidentQuery(order_by="-fatalities"), 0, 10)
    assert [r.get("fatalities") for r in by_dead] == [5, 3, None]  # unknown last either way
    assert [r.get("location") for r in incident_page(p, IncidentQuery(order_by="location"), 1, 1)] == [
        "سرمين"
    ]
    assert count_incidents(p, IncidentQuery(event_type="Air/drone strike")) == 1
    assert count_incidents(p, IncidentQuery(event_type="Battles")) == 2
    assert count_incidents(p, IncidentQuery(date_from="2024-03-09", date_to="2024-03-11")) == 1
    assert count_incidents(p, IncidentQuery(text="كركوك")) == 1
    assert count_incidents(p, IncidentQuery(text="50%_")) == 0
    first = rows[0].id
    p.incidents.reject(first)
    assert count_incidents(p, IncidentQuery(status="rejected")) == 1
    assert count_incidents(p, IncidentQuery(include_rejected=False)) == 2
    assert count_incidents(p, IncidentQuery(ids=(first,))) == 1
    assert count_incidents(p, IncidentQuery(ids=())) == 0
    with pytest.raises(InputError):
        IncidentQuery(order_by="text; DROP TABLE incidents")


def test_names_grouped_by_canonical_id_else_text(views_project: Project) -> None:
    p = views_project
    assert count_names(p) == 4
    groups = {g.name: g for g in name_page(p)}
    army = groups["الجيش السوري"]
    assert (army.key, army.kind, army.mentions, army.articles, army.inter) == ("sy-army", "actor", 2, 2, 1)
    assert army.aliases == ("قوات النظام",)
    assert groups["كركوك"].key.startswith("text:place:") and groups["كركوك"].inter is None
    assert count_names(p, "place") == 3 and count_names(p, "actor", "النظام") == 1
    page, total = name_page_and_total(p, "place", "", 0, 2, "name")
    assert total == 3 and [g.name for g in page] == ["الأنبار", "سرمين"]
    assert len(group_entity_ids(p, "sy-army", "actor")) == 2
