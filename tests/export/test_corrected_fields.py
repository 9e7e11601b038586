"""An analyst's corrected place and actor reach every export, with the links that follow from them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from desktop.corrections import actor_values, find_actor, linked_values, place_choices, place_values
from desktop.export.runner import export_project
from desktop.export.sample import add_article, span_of
from desktop.store.project import Project

TEXT = "قتل أربعة أشخاص وأصيب سبعة آخرون في انفجار عبوة ناسفة استهدفت دورية في بغداد صباح اليوم."


@pytest.fixture
def baghdad(tmp_path: Path) -> tuple[Project, int]:
    """A project whose one machine incident is placed in Baghdad (id, province and coordinates)."""
    project = Project.create(tmp_path / "c.rasid")
    add_article(
        project,
        "iq-9",
        TEXT,
        title="انفجار في بغداد",
        date="2024-05-02",
        incidents=[
            {
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Remote explosive/landmine/IED",
                "location": "بغداد",
                "location_id": "gn-98182",
                "admin1": "بغداد",
                "country": "Iraq",
                "latitude": 33.34058,
                "longitude": 44.40088,
                "geo_precision": 1,
                "actor1": "مسلحون",
                "fatalities": 4,
                "evidence": {"start": 0, "end": len(TEXT)},
                "fields_evidence": {
                    "location": dict(zip(("start", "end"), span_of(TEXT, "بغداد"), strict=True))
                },
            }
        ],
    )
    (incident,) = project.incidents.for_article(project.articles.by_external_id("iq-9").id)
    return project, incident.id


def _exports(project: Project, tmp_path: Path) -> tuple[dict[str, str], dict[str, object], dict[str, object]]:
    export_project(project, "acled-csv", tmp_path / "a.csv")
    export_project(project, "geojson", tmp_path / "a.geojson")
    export_project(project, "json", tmp_path / "a.json")
    with (tmp_path / "a.csv").open(encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    (feature,) = json.loads((tmp_path / "a.geojson").read_text(encoding="utf-8"))["features"]
    (article,) = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["articles"]
    return (
        row,
        feature["properties"] | {"coordinates": feature["geometry"]["coordinates"]},
        article["incidents"][0]["values"],
    )


def test_a_corrected_place_alone_never_exports_the_machine_place(
    baghdad: tuple[Project, int], tmp_path: Path
) -> None:
    """Only `location` set by the analyst (an older project, or the CLI): the stale machine links of
    Baghdad are not exported; the analyst's place is looked up instead."""
    project, iid = baghdad
    project.incidents.update_field(iid, "location", "المقدادية")
    project.incidents.update_field(iid, "actor1", "الجيش العراقي")
    row, props, values = _exports(project, tmp_path)
    assert row["location"] == "Al Miqdādīyah"
    assert row["admin1"] == "Diyala"
    assert float(row["latitude"]) == pytest.approx(33.98, abs=0.05)
    assert row["actor1"] == "Military Forces of Iraq" and row["inter1"] == "1"
    assert props["location"] == "Al Miqdādīyah" and props["location_ar"] == "المقدادية"
    assert props["coordinates"][1] == pytest.approx(33.98, abs=0.05)  # type: ignore[index]
    assert values["location_id"] == "gn-99062" and values["admin1"] == "ديالى"
    assert values["inter1"] == 1


def test_an_unknown_place_exports_no_coordinates_of_the_old_one(
    baghdad: tuple[Project, int], tmp_path: Path
) -> None:
    project, iid = baghdad
    project.incidents.update_field(iid, "location", "قرية لا يعرفها أحد")
    export_project(project, "acled-csv", tmp_path / "u.csv")
    with (tmp_path / "u.csv").open(encoding="utf-8") as fh:
        (row_u,) = list(csv.DictReader(fh))
    assert row_u["location"] == "قرية لا يعرفها أحد"
    assert row_u["latitude"] == "" and row_u["admin1"] == ""
    assert row_u["country"] == "Iraq"  # the country is not contradicted by an unknown village
    geo = export_project(project, "geojson", tmp_path / "u.geojson")
    assert geo == 0  # no point at Baghdad for a place that has no coordinates


def test_linked_values_written_by_the_analyst_are_exported(
    baghdad: tuple[Project, int], tmp_path: Path
) -> None:
    """The GUI's path: every field that follows from the place and the actor is written as the
    analyst's value (the chosen place of an ambiguous name included)."""
    project, iid = baghdad
    choices = place_choices(project, "الرمادي", prefer_country="Iraq")
    assert len(choices) >= 2 and {c.country for c in choices} >= {"Iraq", "Yemen"}
    assert choices[0].country == "Iraq"
    yemen = next(c for c in choices if c.country == "Yemen")
    with project.transaction():
        for name, value in place_values("الرمادي", yemen).items():
            project.incidents.update_field(iid, name, value)
        actor = find_actor(project, "الجيش العراقي")
        for name, value in actor_values("actor1", "الجيش العراقي", actor).items():
            project.incidents.update_field(iid, name, value)
    row, props, values = _exports(project, tmp_path)
    assert row["country"] == "Yemen" and row["location"] == "Ar Ramādī"
    assert float(row["longitude"]) == pytest.approx(yemen.values["longitude"], abs=1e-3)
    assert row["inter1"] == "1" and row["interaction"].startswith("1")
    assert values["actor1_id"] == "iq-army"
    assert props["country"] == "Yemen"


def test_project_dictionary_places_come_first(baghdad: tuple[Project, int]) -> None:
    from desktop.store.dictionary import DictionaryEntry

    project, _ = baghdad
    project.dictionary.add(
        DictionaryEntry(
            kind="place",
            key="حي الجهاد",
            name="حي الجهاد",
            latitude=33.29,
            longitude=44.31,
            admin1="بغداد",
            country="Iraq",
        )
    )
    values = linked_values(project, "location", "حي الجهاد")
    assert values["latitude"] == pytest.approx(33.29) and values["admin1"] == "بغداد"
    assert values["country"] == "Iraq" and values["geo_precision"] == 1
    assert place_choices(project, "بغداد")[0].feature == "city"  # the city, not also its governorate
    assert len(place_choices(project, "بغداد")) == 1
