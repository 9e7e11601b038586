"""Gazetteers of places, actors, weapons and person-name tokens, indexed by the normalized key.

Every lookup key is `desktop.text.normalize.normalize_word(text)`. The bundled TSV files live in
`resources/gazetteers/` (see its README for origins and licences):

* `places.tsv` (generated from GeoNames by `scripts/build_places.py`) and `places_curated.tsv`
  (hand-written; a curated row replaces a generated row with the same id);
* `actors.tsv`, `weapons.tsv` (hand-curated) and `person_names.tsv` (derived name tokens).

A project may add or override entries: `load_gazetteers(extra_dir)` reads the same file names from
`extra_dir`, and `Gazetteers.with_overrides(...)` takes entries built in code. Place candidates for
one name come back ranked best first: feature importance, population, then a prior for the
countries Rasid's users report on most.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from desktop.errors import ResourceError
from desktop.resources import resource_path
from desktop.text.normalize import normalize_word

__all__ = [
    "Actor",
    "Entry",
    "Gazetteers",
    "Place",
    "Weapon",
    "load_gazetteers",
]

EntryKind = Literal["place", "actor", "weapon"]

# Feature importance used to rank place candidates (higher is better).
FEATURE_WEIGHT: dict[str, float] = {
    "country": 10.0,
    "admin1": 8.0,
    "city": 7.0,
    "region": 6.0,
    "river": 5.0,
    "admin2": 5.5,
    "town": 5.0,
    "camp": 5.0,
    "facility": 5.0,
    "village": 3.5,
    "site": 4.0,
}
# Countries the conflict news Rasid reads is mostly about.
COUNTRY_PRIOR: dict[str, float] = {
    "SY": 3.0,
    "IQ": 3.0,
    "YE": 3.0,
    "LY": 2.5,
    "EG": 2.5,
    "TR": 2.0,
    "LB": 2.0,
    "PS": 1.5,
    "IL": 1.0,
    "JO": 1.0,
    "SA": 1.0,
    "IR": 1.0,
    "SD": 1.0,
    "SO": 1.0,
    "KW": 0.5,
    "QA": 0.5,
    "BH": 0.5,
    "AE": 0.5,
    "OM": 0.5,
    "DZ": 0.5,
    "TN": 0.5,
    "MA": 0.5,
}
FIRST_NAME_KINDS = frozenset({"first", "any"})
LAST_NAME_KINDS = frozenset({"last", "any"})


def _split(value: str | None) -> tuple[str, ...]:
    """The non-empty parts of a `|`-separated cell."""
    if not value:
        return ()
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _keys(name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """Distinct normalized keys of a name and its aliases, name first."""
    seen: dict[str, None] = {}
    for text in (name, *aliases):
        key = normalize_word(text)
        if key:
            seen.setdefault(key, None)
    return tuple(seen)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer place; `keys` are the normalized name and aliases."""

    id: str
    name_ar: str
    name_en: str
    feature: str
    lat: float
    lon: float
    iso2: str
    country: str
    admin1_id: str = ""
    admin1_ar: str = ""
    admin1_en: str = ""
    population: int = 0
    aliases_ar: tuple[str, ...] = ()
    precision: str = ""
    source: str = ""
    weak_keys: frozenset[str] = frozenset()
    keys: tuple[str, ...] = field(default=(), compare=False)

    @property
    def score(self) -> float:
        """Ranking score among places sharing a name (higher first)."""
        weight = FEATURE_WEIGHT.get(self.feature, 3.0)
        pop = 0.6 * math.log10(self.population + 1)
        curated = 0.5 if self.source == "curated" else 0.0
        return weight + pop + COUNTRY_PRIOR.get(self.iso2, 0.0) + curated

    def is_weak(self, key: str) -> bool:
        """True when `key` is also a common word or given name: a matcher should want a cue."""
        return key in self.weak_keys


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor (armed group, force, party, organisation, agency); `inter` is ACLED's code (0: none)."""

    id: str
    name_ar: str
    name_en: str
    inter: int
    kind: str
    country: str = ""
    aliases_ar: tuple[str, ...] = ()
    parent: str = ""
    weak_keys: frozenset[str] = frozenset()
    keys: tuple[str, ...] = field(default=(), compare=False)

    def is_weak(self, key: str) -> bool:
        """True when `key` is ambiguous on its own (a surname, a generic word)."""
        return key in self.weak_keys


@dataclass(frozen=True, slots=True)
class Weapon:
    """One weapon or means of attack; `weapon_class` is a coarse class such as car_bomb or drone."""

    id: str
    name_ar: str
    weapon_class: str
    aliases_ar: tuple[str, ...] = ()
    keys: tuple[str, ...] = field(default=(), compare=False)


Entry = tuple[EntryKind, Place | Actor | Weapon]


def _with_keys_place(place: Place) -> Place:
    if place.keys:
        return place
    keys = _keys(place.name_ar, place.aliases_ar)
    return Place(
        place.id,
        place.name_ar,
        place.name_en,
        place.feature,
        place.lat,
        place.lon,
        place.iso2,
        place.country,
        place.admin1_id,
        place.admin1_ar,
        place.admin1_en,
        place.population,
        place.aliases_ar,
        place.precision,
        place.source,
        frozenset(normalize_word(k) for k in place.weak_keys),
        keys,
    )


def _with_keys_actor(actor: Actor) -> Actor:
    if actor.keys:
        return actor
    keys = _keys(actor.name_ar, actor.aliases_ar)
    return Actor(
        actor.id,
        actor.name_ar,
        actor.name_en,
        actor.inter,
        actor.kind,
        actor.country,
        actor.aliases_ar,
        actor.parent,
        frozenset(normalize_word(k) for k in actor.weak_keys),
        keys,
    )


def _with_keys_weapon(weapon: Weapon) -> Weapon:
    if weapon.keys:
        return weapon
    keys = _keys(weapon.name_ar, weapon.aliases_ar)
    return Weapon(weapon.id, weapon.name_ar, weapon.weapon_class, weapon.aliases_ar, keys)


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a UTF-8 TSV file with a header line."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ResourceError(f"The gazetteer file {path.name} cannot be read ({exc}).") from exc


def _float(value: str, path: Path, row_id: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        raise ResourceError(f"The gazetteer file {path.name} has a bad coordinate in row {row_id}.") from exc


def read_places(path: Path) -> list[Place]:
    """Places from a places TSV file (the bundled columns; missing optional columns are empty)."""
    out: list[Place] = []
    for row in _rows(path):
        rid = row.get("id") or ""
        aliases = _split(row.get("aliases_ar"))
        name = row.get("name_ar") or ""
        out.append(
            Place(
                id=rid,
                name_ar=name,
                name_en=row.get("name_en") or "",
                feature=row.get("feature") or "",
                lat=_float(row.get("lat") or "", path, rid),
                lon=_float(row.get("lon") or "", path, rid),
                iso2=row.get("iso2") or "",
                country=row.get("country") or "",
                admin1_id=row.get("admin1_id") or "",
                admin1_ar=row.get("admin1_ar") or "",
                admin1_en=row.get("admin1_en") or "",
                population=int(row.get("population") or 0),
                aliases_ar=aliases,
                precision=row.get("precision") or "",
                source=row.get("source") or "",
                weak_keys=frozenset(_split(row.get("weak_aliases_ar"))),
                keys=_keys(name, aliases),
            )
        )
    return out


def read_actors(path: Path) -> list[Actor]:
    """Actors from an actors TSV file."""
    out: list[Actor] = []
    for row in _rows(path):
        aliases = _split(row.get("aliases_ar"))
        name = row.get("name_ar") or ""
        out.append(
            Actor(
                id=row.get("id") or "",
                name_ar=name,
                name_en=row.get("name_en") or "",
                inter=int(row.get("inter") or 0),
                kind=row.get("kind") or "",
                country=row.get("country") or "",
                aliases_ar=aliases,
                parent=row.get("parent") or "",
                weak_keys=frozenset(normalize_word(k) for k in _split(row.get("weak_aliases_ar"))),
                keys=_keys(name, aliases),
            )
        )
    return out


def read_weapons(path: Path) -> list[Weapon]:
    """Weapons from a weapons TSV file."""
    out: list[Weapon] = []
    for row in _rows(path):
        aliases = _split(row.get("aliases_ar"))
        name = row.get("name_ar") or ""
        out.append(
            Weapon(
                id=row.get("id") or "",
                name_ar=name,
                weapon_class=row.get("class") or "",
                aliases_ar=aliases,
                keys=_keys(name, aliases),
            )
        )
    return out


def read_person_names(path: Path) -> dict[str, str]:
    """Normalized name token -> kind (first | last | any)."""
    out: dict[str, str] = {}
    for row in _rows(path):
        key = row.get("name") or ""
        kind = row.get("kind") or "any"
        old = out.get(key)
        out[key] = kind if old is None or old == kind else "any"
    return out


class Gazetteers:
    """Indexes over places, actors, weapons and person-name tokens (all keyed by normalized text)."""

    __slots__ = (
        "_actor_index",
        "_actors",
        "_person_names",
        "_phrases",
        "_place_index",
        "_places",
        "_weapon_index",
        "_weapons",
        "max_phrase_words",
    )

    def __init__(
        self,
        places: Iterable[Place],
        actors: Iterable[Actor],
        weapons: Iterable[Weapon],
        person_names: Mapping[str, str] | None = None,
    ) -> None:
        # Later entries with the same id replace earlier ones (curated over generated, project over
        # bundled).
        self._places: dict[str, Place] = {}
        for place in places:
            self._places[place.id] = _with_keys_place(place)
        self._actors: dict[str, Actor] = {}
        for actor in actors:
            self._actors[actor.id] = _with_keys_actor(actor)
        self._weapons: dict[str, Weapon] = {}
        for weapon in weapons:
            self._weapons[weapon.id] = _with_keys_weapon(weapon)
        self._person_names: dict[str, str] = dict(person_names or {})

        place_index: dict[str, list[Place]] = {}
        for place in self._places.values():
            for key in place.keys:
                place_index.setdefault(key, []).append(place)
        for candidates in place_index.values():
            candidates.sort(key=lambda p: (-p.score, p.id))
        self._place_index = place_index

        actor_index: dict[str, list[Actor]] = {}
        for actor in self._actors.values():
            for key in actor.keys:
                actor_index.setdefault(key, []).append(actor)
        self._actor_index = actor_index

        weapon_index: dict[str, Weapon] = {}
        for weapon in self._weapons.values():
            for key in weapon.keys:
                weapon_index.setdefault(key, weapon)
        self._weapon_index = weapon_index

        self._phrases: dict[str, list[Entry]] | None = None
        longest = 1
        for index in (place_index, actor_index, weapon_index):
            for key in index:
                longest = max(longest, key.count(" ") + 1)
        self.max_phrase_words: int = longest

    # -- lookups -----------------------------------------------------------------------------

    @property
    def places(self) -> Mapping[str, Place]:
        """All places by id."""
        return self._places

    @property
    def actors(self) -> Mapping[str, Actor]:
        """All actors by id."""
        return self._actors

    @property
    def weapons(self) -> Mapping[str, Weapon]:
        """All weapons by id."""
        return self._weapons

    @property
    def person_names(self) -> Mapping[str, str]:
        """Normalized person-name token -> first | last | any."""
        return self._person_names

    def places_named(self, key: str) -> list[Place]:
        """Places whose name or alias normalizes to `key`, best candidate first (a new list)."""
        return list(self._place_index.get(key, ()))

    def actors_named(self, key: str) -> list[Actor]:
        """Actors whose name or alias normalizes to `key` (normally one)."""
        return list(self._actor_index.get(key, ()))

    def weapon_named(self, key: str) -> Weapon | None:
        """The weapon whose name or alias normalizes to `key`, if any."""
        return self._weapon_index.get(key)

    def place_by_id(self, place_id: str) -> Place | None:
        """The place with this id, if any."""
        return self._places.get(place_id)

    def actor_by_id(self, actor_id: str) -> Actor | None:
        """The actor with this id, if any."""
        return self._actors.get(actor_id)

    def weapon_by_id(self, weapon_id: str) -> Weapon | None:
        """The weapon with this id, if any."""
        return self._weapons.get(weapon_id)

    def admin1_of(self, place: Place) -> Place | None:
        """The governorate/province row of a place, when the gazetteer has one."""
        return self._places.get(place.admin1_id) if place.admin1_id else None

    def is_first_name(self, key: str) -> bool:
        """True when `key` (normalized) is a known first-name token."""
        return self._person_names.get(key) in FIRST_NAME_KINDS

    def is_last_name(self, key: str) -> bool:
        """True when `key` (normalized) is a known family-name token."""
        return self._person_names.get(key) in LAST_NAME_KINDS

    def names(self) -> list[str]:
        """Canonical Arabic names of all actors and places (for completion lists), without repeats."""
        seen: dict[str, None] = {}
        for actor in self._actors.values():
            seen.setdefault(actor.name_ar, None)
        for place in self._places.values():
            seen.setdefault(place.name_ar, None)
        return list(seen)

    def phrases(self) -> dict[str, list[Entry]]:
        """Every normalized phrase -> its entries as (kind, entry); places ranked best first.

        A matcher can look up token windows of up to `max_phrase_words` words, longest first.
        Built once per instance; do not mutate the result.
        """
        if self._phrases is None:
            table: dict[str, list[Entry]] = {}
            for key, actors in self._actor_index.items():
                table.setdefault(key, []).extend(("actor", a) for a in actors)
            for key, places in self._place_index.items():
                table.setdefault(key, []).extend(("place", p) for p in places)
            for key, weapon in self._weapon_index.items():
                table.setdefault(key, []).append(("weapon", weapon))
            self._phrases = table
        return self._phrases

    # -- extension ---------------------------------------------------------------------------

    def with_overrides(
        self,
        places: Iterable[Place] = (),
        actors: Iterable[Actor] = (),
        weapons: Iterable[Weapon] = (),
        person_names: Mapping[str, str] | None = None,
    ) -> Gazetteers:
        """A new Gazetteers with these entries added; an entry with an existing id replaces it."""
        names = dict(self._person_names)
        names.update(person_names or {})
        return Gazetteers(
            [*self._places.values(), *places],
            [*self._actors.values(), *actors],
            [*self._weapons.values(), *weapons],
            names,
        )

    def extend(self, directory: Path) -> Gazetteers:
        """A new Gazetteers with the places/actors/weapons/person_names TSV files found in `directory`."""
        places = read_places(directory / "places.tsv") if (directory / "places.tsv").exists() else []
        actors = read_actors(directory / "actors.tsv") if (directory / "actors.tsv").exists() else []
        weapons = read_weapons(directory / "weapons.tsv") if (directory / "weapons.tsv").exists() else []
        names_path = directory / "person_names.tsv"
        names = read_person_names(names_path) if names_path.exists() else {}
        return self.with_overrides(places, actors, weapons, names)

    def __repr__(self) -> str:
        return (
            f"Gazetteers({len(self._places)} places, {len(self._actors)} actors, "
            f"{len(self._weapons)} weapons, {len(self._person_names)} name tokens)"
        )


@lru_cache(maxsize=1)
def _bundled() -> Gazetteers:
    places = read_places(resource_path("gazetteers", "places.tsv"))
    places += read_places(resource_path("gazetteers", "places_curated.tsv"))
    return Gazetteers(
        places,
        read_actors(resource_path("gazetteers", "actors.tsv")),
        read_weapons(resource_path("gazetteers", "weapons.tsv")),
        read_person_names(resource_path("gazetteers", "person_names.tsv")),
    )


@lru_cache(maxsize=8)
def load_gazetteers(extra_dir: Path | None = None) -> Gazetteers:
    """The bundled gazetteers, plus the TSV files of `extra_dir` (a project's own dictionary) if given.

    Cached per `extra_dir`; call `load_gazetteers.cache_clear()` after editing the project's files.
    """
    bundled = _bundled()
    if extra_dir is None:
        return bundled
    return bundled.extend(extra_dir)


def project_entries(entries: Iterable[Mapping[str, object]]) -> tuple[list[Place], list[Actor]]:
    """Places and actors from a project's dictionary entries (see `desktop.store.dictionary`).

    An entry that `overrides` a bundled id replaces that entry; others get a `proj-` id. A place
    without coordinates keeps those of the bundled place it overrides, if any.
    """
    bundled = _bundled()
    places: list[Place] = []
    actors: list[Actor] = []
    for e in entries:
        attrs = e.get("attrs") if isinstance(e.get("attrs"), Mapping) else {}
        assert isinstance(attrs, Mapping)
        name = str(e.get("name") or "")
        if not name:
            continue
        aliases = tuple(str(a) for a in (e.get("aliases") or ()) if str(a).strip())  # type: ignore[attr-defined]
        over = str(e.get("overrides") or "")
        entry_id = over or f"proj-{e.get('key') or name}"
        if e.get("kind") == "place":
            base = bundled.place_by_id(over) if over else None
            lat, lon = e.get("latitude"), e.get("longitude")
            places.append(
                Place(
                    id=entry_id,
                    name_ar=name,
                    name_en=str(attrs.get("name_en") or (base.name_en if base else "")),
                    feature=str(attrs.get("feature") or (base.feature if base else "town")),
                    lat=float(lat) if isinstance(lat, (int, float)) else (base.lat if base else 0.0),
                    lon=float(lon) if isinstance(lon, (int, float)) else (base.lon if base else 0.0),
                    iso2=str(attrs.get("iso2") or (base.iso2 if base else "")),
                    country=str(e.get("country") or (base.country if base else "")),
                    admin1_ar=str(e.get("admin1") or (base.admin1_ar if base else "")),
                    aliases_ar=aliases,
                    source="curated",
                )
            )
        elif e.get("kind") == "actor":
            base_actor = bundled.actor_by_id(over) if over else None
            inter = e.get("actor_type")
            actors.append(
                Actor(
                    id=entry_id,
                    name_ar=name,
                    name_en=str(attrs.get("name_en") or (base_actor.name_en if base_actor else "")),
                    inter=int(str(inter))
                    if str(inter or "").isdigit()
                    else (base_actor.inter if base_actor else 0),
                    kind=str(attrs.get("kind") or (base_actor.kind if base_actor else "militia")),
                    country=str(e.get("country") or (base_actor.country if base_actor else "")),
                    aliases_ar=aliases,
                )
            )
    return places, actors
