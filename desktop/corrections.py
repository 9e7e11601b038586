"""Links behind an analyst's place and actor: what a typed name means in the gazetteers and dictionary.

An incident's `location` comes with fields that depend on it (`location_id`, `admin1`, `country`,
`latitude`, `longitude`, `geo_precision`), and each actor with its link (`actorN_id`,
`actorN_canonical`, `interN`). When the analyst types a new place or actor, those fields must follow:

* `place_choices` lists what a typed place can be (the project dictionary first, then the bundled
  gazetteer, best first); the GUI asks the analyst to choose when there is more than one, and
  `place_values` gives the fields to write for the chosen one (or for an unknown place: no id,
  province or coordinates; the country stays);
* `actor_values` gives the link fields of a typed actor (canonical actor and ACLED inter code);
* `effective_values` is what exports read: the effective values of an incident, where a machine
  link left behind by an analyst's change of the place or actor is replaced by the lookup of the
  analyst's name (never the machine's old place), so no export writes Baghdad's coordinates beside
  the analyst's المقدادية.

No Qt here: the GUI, the CLI and the exports share it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from desktop.nlp.gazetteer import Actor, Place, load_gazetteers, project_entries
from desktop.text.normalize import normalize_word

if TYPE_CHECKING:
    from desktop.store.incidents import Incident
    from desktop.store.project import Project

PLACE_FIELDS: Final = ("location_id", "admin1", "country", "latitude", "longitude", "geo_precision")
ACTOR_FIELDS: Final = {
    "actor1": ("actor1_id", "actor1_canonical", "inter1"),
    "actor2": ("actor2_id", "actor2_canonical", "inter2"),
}
# Each field an analyst types, and the fields that follow from it.
DEPENDENT_FIELDS: Final[Mapping[str, tuple[str, ...]]] = {"location": PLACE_FIELDS, **ACTOR_FIELDS}
AREA_FEATURES: Final = frozenset({"admin1", "admin2", "country", "region"})
MAX_CHOICES: Final = 30  # a chooser longer than this is no help; the best-ranked are kept


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """One place a typed name can mean, with the incident fields it fills."""

    place_id: str
    name_ar: str
    name_en: str
    admin1_ar: str
    country: str
    feature: str
    origin: str  # "dictionary" or "gazetteer"
    values: dict[str, Any] = field(default_factory=dict)

    def label(self, arabic: bool) -> str:
        """'المقدادية — ديالى، Iraq (city)': enough to tell same-named places apart."""
        where = "، ".join(p for p in (self.admin1_ar, self.country) if p)
        name = self.name_ar if arabic or not self.name_en else f"{self.name_ar} ({self.name_en})"
        kind = "قاموس المشروع" if arabic and self.origin == "dictionary" else self.feature
        if self.origin == "dictionary" and not arabic:
            kind = "project dictionary"
        return f"{name} — {where} [{kind}]" if where else f"{name} [{kind}]"


def _geo_precision(place: Place) -> int:
    """ACLED geo precision of a chosen place: 1 the place itself, 3 a province or country centroid."""
    return 3 if place.feature in AREA_FEATURES or "centroid" in place.precision else 1


def _choice(place: Place, name: str, origin: str, has_coordinates: bool = True) -> PlaceChoice:
    values: dict[str, Any] = {
        "location": name,
        "location_id": place.id,
        "admin1": place.admin1_ar or (place.name_ar if place.feature == "admin1" else None),
        "country": place.country or None,
        "latitude": place.lat if has_coordinates else None,
        "longitude": place.lon if has_coordinates else None,
        "geo_precision": _geo_precision(place) if has_coordinates else None,
    }
    return PlaceChoice(
        place.id, place.name_ar, place.name_en, place.admin1_ar, place.country, place.feature, origin, values
    )


def _same_area(a: PlaceChoice, b: PlaceChoice) -> bool:
    """True when `b` is the province of the same name as the city `a` (بغداد the city and governorate)."""
    return b.feature == "admin1" and a.country == b.country and a.admin1_ar == b.name_ar


def place_choices(project: Project | None, name: str, prefer_country: str | None = None) -> list[PlaceChoice]:
    """What the typed place `name` can be: project dictionary entries, then gazetteer places (best
    first; those in `prefer_country` before the others). A province that shares its name with its
    main city is left out beside it: the city is the place the text names."""
    name = name.strip()
    key = normalize_word(name)
    if not key:
        return []
    choices: list[PlaceChoice] = []
    if project is not None:
        entries = project.dictionary.lookup(name, "place")
        places, _ = project_entries([e.to_json() for e in entries])
        for entry, place in zip(entries, places, strict=True):
            has_coordinates = entry.latitude is not None and entry.longitude is not None
            if not has_coordinates and entry.overrides:
                has_coordinates = load_gazetteers().place_by_id(entry.overrides) is not None
            choices.append(_choice(place, name, "dictionary", has_coordinates))
    seen = {c.place_id for c in choices}
    for place in load_gazetteers().places_named(key):
        if place.id not in seen:
            seen.add(place.id)
            choices.append(_choice(place, name, "gazetteer"))
    choices = [c for c in choices if not any(_same_area(o, c) for o in choices if o is not c)]
    if prefer_country:
        choices.sort(key=lambda c: (c.origin != "dictionary", c.country != prefer_country))
    return choices[:MAX_CHOICES]


def place_values(name: str, choice: PlaceChoice | None) -> dict[str, Any]:
    """The fields to write for the typed place `name`: the choice's, or (unknown place) no id,
    province, coordinates or precision; the country is not touched."""
    if choice is not None:
        return dict(choice.values, location=name.strip() or None)
    unknown: dict[str, Any] = dict.fromkeys(PLACE_FIELDS)
    del unknown["country"]
    return {"location": name.strip() or None, **unknown}


def find_actor(project: Project | None, name: str) -> Actor | None:
    """The actor the typed `name` means: the project dictionary's, else the bundled gazetteer's."""
    key = normalize_word(name.strip())
    if not key:
        return None
    if project is not None:
        entries = project.dictionary.lookup(name, "actor")
        _, actors = project_entries([e.to_json() for e in entries])
        if actors:
            return actors[0]
    found = load_gazetteers().actors_named(key)
    return found[0] if found else None


def actor_values(slot: str, name: str, actor: Actor | None) -> dict[str, Any]:
    """The fields to write for actor `slot` (`actor1`/`actor2`) typed as `name`, linked to `actor`."""
    id_field, canonical_field, inter_field = ACTOR_FIELDS[slot]
    return {
        slot: name.strip() or None,
        id_field: actor.id if actor else None,
        canonical_field: actor.name_ar if actor else None,
        inter_field: actor.inter if actor and actor.inter else None,
    }


def linked_values(
    project: Project | None, name: str, value: Any, prefer_country: str | None = None
) -> dict[str, Any]:
    """Every field that an analyst's `value` of field `name` implies, with the best link (no chooser)."""
    text = "" if value is None else str(value)
    if name == "location":
        choices = place_choices(project, text, prefer_country)
        return place_values(text, choices[0] if choices else None)
    if name in ACTOR_FIELDS:
        return actor_values(name, text, find_actor(project, text))
    return {name: value}


def effective_values(incident: Incident) -> dict[str, Any]:
    """An incident's effective values (analyst over machine) with no stale machine link: when the
    analyst changed the place or an actor and did not set a field that follows from it, that
    field comes from the bundled gazetteer's reading of the analyst's name, not from the machine's."""
    values: dict[str, Any] = {n: f.value for n, f in incident.fields.items()}
    for base, dependents in DEPENDENT_FIELDS.items():
        f = incident.fields.get(base)
        if f is None or not f.analyst_set or f.analyst == f.machine:
            continue
        stale = [d for d in dependents if not (d in incident.fields and incident.fields[d].analyst_set)]
        if not stale:
            continue
        country = values.get("country")
        linked = linked_values(None, base, f.analyst, str(country) if country else None)
        for d in stale:
            if d in linked:
                values[d] = linked[d]
    return values
