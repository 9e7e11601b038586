"""Analyst operations on entities, incidents, tags, notes and the dictionary, each with its audit row."""

from __future__ import annotations

import pytest

from desktop.errors import InputError, NotFoundError
from desktop.store import ArticleFilter, Project
from desktop.store.dictionary import DictionaryEntry
from desktop.store.incidents import dump_incident


def _article(p: Project, ext: str) -> int:
    return p.articles.by_external_id(ext).id


def test_machine_output_is_stored(filled: Project) -> None:
    aid = _article(filled, "a1")
    article = filled.articles.get(aid)
    ents = filled.entities.for_article(aid)
    assert {e.text for e in ents} == {"داعش", "الموصل"}
    assert all(article.text[e.start : e.end] == e.text for e in ents)
    assert all(e.origin == "auto" and e.status == "new" for e in ents)
    [inc] = filled.incidents.for_article(aid)
    assert inc.value("event_type") == "Violence against civilians"
    assert inc.value("fatalities") == 5
    assert inc.fields["location"].evidence is not None
    s, e = inc.fields["location"].evidence
    assert article.text[s:e] == "الموصل"


def test_entity_operations_are_audited(filled: Project) -> None:
    aid = _article(filled, "a1")
    text = filled.articles.get(aid).text
    ent = filled.entities.for_article(aid)[0]
    assert filled.entities.accept(ent.id).status == "accepted"
    start = text.index("الشرطة")
    new = filled.entities.add(aid, start, start + len("الشرطة"), "ORG", {"canonical_id": "police"})
    assert new.origin == "analyst" and new.text == "الشرطة"
    other = next(e for e in filled.entities.for_article(aid) if e.origin == "auto" and e.status == "new")
    edited = filled.entities.update(other.id, type="PER")
    assert edited.status == "edited" and edited.type == "PER"
    filled.entities.delete(new.id)
    with pytest.raises(NotFoundError):
        filled.entities.get(new.id)
    actions = [(a.action, a.target) for a in filled.audit.entries()]
    assert actions == [("delete", "entity"), ("update", "entity"), ("add", "entity"), ("accept", "entity")]
    first = filled.audit.entries(target="entity", target_id=other.id)[0]
    assert first.old["type"] != "PER" and first.new["type"] == "PER"
    with pytest.raises(InputError, match="outside"):
        filled.entities.add(aid, 0, len(text) + 5, "LOC")


def test_deleting_a_machine_entity_rejects_it(filled: Project) -> None:
    aid = _article(filled, "a2")
    ent = filled.entities.for_article(aid)[0]
    filled.entities.delete(ent.id)
    assert filled.entities.get(ent.id).status == "rejected"


def test_incident_field_edit_keeps_machine_value(filled: Project) -> None:
    aid = _article(filled, "a1")
    inc = filled.incidents.for_article(aid)[0]
    edited = filled.incidents.update_field(inc.id, "fatalities", 6)
    assert edited.status == "edited"
    f = edited.fields["fatalities"]
    assert (f.machine, f.analyst, f.value) == (5, 6, 6)
    assert edited.to_json()["fatalities"] == 6
    nulled = filled.incidents.update_field(inc.id, "actor2", None)
    assert nulled.fields["actor2"].analyst_set and nulled.value("actor2") is None
    back = filled.incidents.clear_field(inc.id, "fatalities")
    assert back.value("fatalities") == 5
    entries = filled.audit.entries(target="incident", target_id=inc.id)
    assert [e.action for e in entries] == ["clear_field", "update_field", "update_field"]
    assert entries[2].old == {"fatalities": 5} and entries[2].new == {"fatalities": 6}


def test_accept_reject_create_merge_split(filled: Project) -> None:
    aid = _article(filled, "a1")
    text = filled.articles.get(aid).text
    inc = filled.incidents.for_article(aid)[0]
    assert filled.incidents.accept(inc.id).status == "accepted"
    second_start = text.index("وقالت")
    created = filled.incidents.create_from_span(
        aid, second_start, len(text), {"event_type": "Strategic developments", "injuries": 2}
    )
    assert created.origin == "analyst" and created.status == "accepted"
    assert created.value("injuries") == 2 and created.evidence == (second_start, len(text))
    merged = filled.incidents.merge(inc.id, created.id)
    assert merged.value("injuries") == 2 and merged.value("fatalities") == 5
    assert merged.evidence == (0, len(text))
    with pytest.raises(NotFoundError):
        filled.incidents.get(created.id)
    first, second = filled.incidents.split(merged.id, second_start)
    assert first.evidence == (0, second_start) and second.evidence == (second_start, len(text))
    assert second.origin == "analyst" and second.value("fatalities") == 5
    assert filled.incidents.reject(first.id).status == "rejected"
    actions = [e.action for e in filled.audit.entries(article_id=aid)]
    assert actions == ["reject", "split", "merge", "create", "accept"]
    with pytest.raises(InputError):
        filled.incidents.split(second.id, 0)
    with pytest.raises(InputError, match="same article"):
        filled.incidents.merge(second.id, filled.incidents.for_article(_article(filled, "a2"))[0].id)


def test_a_pending_analyst_incident_deleted_and_put_back_under_its_id(filled: Project) -> None:
    aid = _article(filled, "a1")
    text = filled.articles.get(aid).text
    start = text.index("وقالت")
    created = filled.incidents.create_from_span(aid, start, len(text), {"injuries": 2}, status="new")
    assert created.origin == "analyst" and created.status == "new"
    with pytest.raises(InputError):
        filled.incidents.create_from_span(aid, start, len(text), status="maybe")
    dumped = dump_incident(created)
    filled.incidents.delete(created.id)
    with pytest.raises(NotFoundError):
        filled.incidents.get(created.id)
    back = filled.incidents.undelete(aid, dumped)
    assert back == created
    assert [e.action for e in filled.audit.entries(article_id=aid)][:3] == ["restore", "delete", "create"]


def test_tags_notes_and_filters(filled: Project) -> None:
    a1, a3 = _article(filled, "a1"), _article(filled, "a3")
    assert filled.tags.set(a1, ["مهم", "للمراجعة", "مهم"]) == ["للمراجعة", "مهم"]
    filled.tags.add(a3, "مهم")
    filled.notes.set(a1, "تحقق من عدد الضحايا")
    assert filled.notes.get(a1) == "تحقق من عدد الضحايا"
    assert dict(filled.tags.all()) == {"للمراجعة": 1, "مهم": 2}
    assert filled.articles.count(ArticleFilter(tag="مهم")) == 2
    filled.tags.remove(a3, "مهم")
    assert filled.articles.count(ArticleFilter(tag="مهم")) == 1
    audit = filled.audit.entries()
    assert [(e.action, e.target) for e in audit] == [
        ("set", "tags"),
        ("set", "note"),
        ("set", "tags"),
        ("set", "tags"),
    ]
    assert audit[1].new == "تحقق من عدد الضحايا"


def test_dictionary_lookup_and_audit(project: Project) -> None:
    entry = project.dictionary.add(
        DictionaryEntry(
            kind="place",
            key="geonames:99072",
            name="الموصل",
            aliases=["موصل", "نينوى"],
            latitude=36.34,
            longitude=43.13,
            admin1="نينوى",
            country="العراق",
            overrides="geonames:99072",
        )
    )
    assert [e.key for e in project.dictionary.lookup("المَوْصِل")] == ["geonames:99072"]
    assert project.dictionary.lookup("نينوى", kind="actor") == []
    actor = project.dictionary.add(
        DictionaryEntry(
            kind="actor", key="isis", name="داعش", aliases=["تنظيم الدولة"], actor_type="Rebel group"
        )
    )
    assert project.dictionary.lookup("تنظيم الدولة")[0].actor_type == "Rebel group"
    with pytest.raises(InputError, match="already has"):
        project.dictionary.add(DictionaryEntry(kind="actor", key="isis", name="x"))
    from dataclasses import replace

    project.dictionary.update(replace(actor, aliases=["الدولة الإسلامية"]))
    assert project.dictionary.lookup("تنظيم الدولة") == []
    assert "geonames:99072" in project.dictionary.overrides("place")
    project.dictionary.delete(entry.id)
    assert [e.action for e in project.audit.entries(target="dictionary")] == [
        "delete",
        "update",
        "add",
        "add",
    ]


def test_list_is_paginated_and_filtered(filled: Project) -> None:
    page1 = filled.articles.list(offset=0, limit=2, order_by="date")
    page2 = filled.articles.list(offset=2, limit=2, order_by="date")
    assert [a.external_id for a in page1 + page2] == ["a1", "a2", "a3", "a4"]
    assert page1[0].incidents == 1 and page1[0].entities == 2
    assert filled.articles.count() == 4
    assert filled.articles.count(ArticleFilter(date_from="2024-03-02", date_to="2024-04-30")) == 2
    assert filled.articles.count(ArticleFilter(has_incidents=True)) == 2
    assert filled.articles.count(ArticleFilter(has_incidents=False)) == 2
    assert filled.articles.count(ArticleFilter(entity="داعش")) == 1
    assert filled.articles.count(ArticleFilter(entity="baghdad")) == 1
    assert filled.articles.count(ArticleFilter(place="بغداد")) == 1
    assert filled.articles.count(ArticleFilter(place="mosul")) == 1
    assert filled.articles.count(ArticleFilter(event_type="Explosions/Remote violence")) == 1
    assert filled.articles.count(ArticleFilter(actor="داعش")) == 1
    assert filled.articles.count(ArticleFilter(source="الصباح")) == 2
    assert filled.articles.count(ArticleFilter(status="new")) == 2
    filled.incidents.accept(filled.incidents.for_article(_article(filled, "a2"))[0].id)
    assert [a.external_id for a in filled.articles.list(filters=ArticleFilter(status="accepted"))] == ["a2"]
    with pytest.raises(InputError):
        filled.articles.list(order_by="bogus")
    with pytest.raises(InputError, match="Bad date"):
        filled.articles.count(ArticleFilter(date_from="آذار"))
