"""Checks on every bundled gazetteer file: ids, coordinates, columns, codes and alias keys."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop.resources import resource_path
from desktop.text.normalize import normalize_word

GAZ = Path(resource_path("gazetteers"))

PLACE_COLUMNS = {
    "id",
    "name_ar",
    "name_en",
    "aliases_ar",
    "feature",
    "lat",
    "lon",
    "admin1_id",
    "admin1_ar",
    "admin1_en",
    "country",
    "iso2",
    "population",
    "precision",
    "weak_aliases_ar",
    "source",
}
FEATURES = {
    "country",
    "admin1",
    "admin2",
    "city",
    "town",
    "village",
    "camp",
    "facility",
    "region",
    "river",
    "site",
}
MENA = set("SY IQ YE LB JO PS IL TR IR SA EG LY KW QA BH AE OM SD DZ TN MA".split())
ACTOR_KINDS = {
    "state_force",
    "rebel",
    "militia",
    "party",
    "government",
    "agency",
    "media",
    "international",
    "terror_group",
    "coalition",
    "civil_society",
    "civilians",
    "protesters",
    "rioters",
}


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (GAZ / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _aliases(row: dict[str, str]) -> list[str]:
    return [a for a in (row.get("aliases_ar") or "").split("|") if a]


@pytest.fixture(scope="module")
def places() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for name in ("places.tsv", "places_curated.tsv"):
        header, part = _read(name)
        assert set(header) >= PLACE_COLUMNS, name
        rows += part
    return rows


def test_expected_files_exist() -> None:
    for name in (
        "places.tsv",
        "places_curated.tsv",
        "actors.tsv",
        "weapons.tsv",
        "person_names.tsv",
        "README.md",
    ):
        assert (GAZ / name).is_file(), name


def test_places_file_is_small() -> None:
    assert (GAZ / "places.tsv").stat().st_size < 4_000_000


def test_place_ids_unique_within_each_file() -> None:
    for name in ("places.tsv", "places_curated.tsv"):
        _, rows = _read(name)
        ids = [r["id"] for r in rows]
        assert len(ids) == len(set(ids)), name


def test_place_rows_are_complete_and_in_range(places: list[dict[str, str]]) -> None:
    for row in places:
        for col in ("id", "name_ar", "name_en", "feature", "lat", "lon", "country", "iso2"):
            assert row[col].strip(), (row["id"], col)
        assert row["feature"] in FEATURES, row["id"]
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, row["id"]
        # A rough MENA box; Sudan reaches 8.7N.
        if row["iso2"] in MENA and row["feature"] != "country":
            assert 8 <= lat <= 45 and -20 <= lon <= 65, (row["id"], lat, lon)
        assert int(row["population"] or 0) >= 0


def test_place_aliases_normalize_stably_and_are_distinct(places: list[dict[str, str]]) -> None:
    for row in places:
        keys = []
        for text in [row["name_ar"], *_aliases(row)]:
            key = normalize_word(text)
            assert key, (row["id"], text)
            assert normalize_word(key) == key, (row["id"], text)
            keys.append(key)
        assert len(keys) == len(set(keys)), (row["id"], keys)
        for weak in _aliases({"aliases_ar": row["weak_aliases_ar"]}):
            assert weak in keys, (row["id"], weak)


def test_admin1_references_resolve(places: list[dict[str, str]]) -> None:
    by_id = {r["id"]: r for r in places}
    for row in places:
        ref = row["admin1_id"]
        if ref.startswith("adm1-"):
            assert ref in by_id, row["id"]
            assert by_id[ref]["feature"] == "admin1"
            assert row["admin1_ar"] == by_id[ref]["name_ar"], row["id"]
            assert by_id[ref]["iso2"] == row["iso2"], row["id"]


def test_admin1_tables_cover_core_countries(places: list[dict[str, str]]) -> None:
    admin1 = [r for r in places if r["feature"] == "admin1"]
    counts = {iso: sum(1 for r in admin1 if r["iso2"] == iso) for iso in ("SY", "IQ", "YE", "LB", "LY", "EG")}
    assert counts == {"SY": 14, "IQ": 19, "YE": 22, "LB": 8, "LY": 22, "EG": 27}


def test_actors_file() -> None:
    header, rows = _read("actors.tsv")
    assert {"id", "name_ar", "name_en", "aliases_ar", "country", "inter", "kind"} <= set(header)
    assert len(rows) >= 150
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    owner: dict[str, str] = {}
    for row in rows:
        for col in ("id", "name_ar", "name_en", "inter", "kind"):
            assert row[col].strip(), (row["id"], col)
        assert 0 <= int(row["inter"]) <= 8, row["id"]
        assert row["kind"] in ACTOR_KINDS, row["id"]
        if row.get("parent"):
            assert row["parent"] in ids, row["id"]
        keys = [normalize_word(t) for t in [row["name_ar"], *_aliases(row)]]
        assert len(keys) == len(set(keys)), row["id"]
        for key in keys:
            assert key and normalize_word(key) == key, (row["id"], key)
            assert owner.setdefault(key, row["id"]) == row["id"], f"{key} in {owner[key]} and {row['id']}"


def test_weapons_file() -> None:
    header, rows = _read("weapons.tsv")
    assert {"id", "name_ar", "class", "aliases_ar"} <= set(header)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    owner: dict[str, str] = {}
    for row in rows:
        assert row["name_ar"] and row["class"], row["id"]
        for key in (normalize_word(t) for t in [row["name_ar"], *_aliases(row)]):
            assert key and normalize_word(key) == key
            assert owner.setdefault(key, row["id"]) == row["id"], key


def test_person_names_file() -> None:
    header, rows = _read("person_names.tsv")
    assert header[:2] == ["name", "kind"]
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    assert len(rows) > 1000
    for row in rows:
        assert row["kind"] in {"first", "last", "any"}
        assert normalize_word(row["name"]) == row["name"], row["name"]
