"""Build small or large demonstration projects through the store API (export tests, benchmark, demos).

`add_article` writes an article with machine entities and incidents the way an import does, so an
export can be exercised without running the NLP pipeline; `synthetic_project` makes N incidents.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from desktop.importing.dedupe import content_hash
from desktop.records import EntityRecord, IncidentRecord
from desktop.store.project import Project
from desktop.store.writes import Extraction, NewArticle
from desktop.store.writes import add_article as store_article


def span_of(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    """Code-point span of the first `needle` at or after `start` (ValueError when absent)."""
    i = text.index(needle, start)
    return i, i + len(needle)


def entity(text: str, needle: str, type_: str, **attrs: Any) -> dict[str, Any]:
    s, e = span_of(text, needle)
    return {"start": s, "end": e, "type": type_, "text": needle, **attrs}


def add_article(
    project: Project,
    external_id: str,
    text: str,
    *,
    title: str = "",
    date: str | None = None,
    source: str = "",
    entities: list[dict[str, Any]] | None = None,
    incidents: list[dict[str, Any]] | None = None,
    index: bool = True,
) -> int:
    """Insert one article with machine annotations (contract dicts) the way an import does, in one
    transaction; returns its id. `index=False` leaves it out of the search index (large projects)."""
    article = NewArticle(external_id, text, content_hash(text), title=title, date=date, source=source)
    extraction = Extraction(
        [EntityRecord.from_json(e, text) for e in entities or []],
        [IncidentRecord.from_json(i) for i in incidents or []],
    )
    aid, _ = store_article(project, article, extraction, index=index)
    return aid


_PLACES = (
    ("الباغوز", "cur-SY-baghouz", "دير الزور", "Syria", 34.455, 40.937),
    ("إدلب", "", "إدلب", "Syria", 35.93, 36.63),
    ("الموصل", "", "نينوى", "Iraq", 36.34, 43.13),
    ("مأرب", "", "مأرب", "Yemen", 15.46, 45.32),
    ("سرت", "", "سرت", "Libya", 31.2, 16.59),
    ("درعا", "", "درعا", "Syria", 32.62, 36.1),
)
_ACTORS = (
    ("داعش", "isis", 2),
    ("قوات سوريا الديمقراطية", "sy-sdf", 2),
    ("الجيش السوري", "sy-army", 1),
    ("مدنيون", "", 7),
)
_TYPES = (
    ("Explosions/Remote violence", "Suicide bomb", "تفجير انتحاري"),
    ("Explosions/Remote violence", "Air/drone strike", "غارة جوية"),
    ("Battles", "Armed clash", "اشتباكات"),
    ("Violence against civilians", "Attack", "هجوم"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "قصف مدفعي"),
)


def synthetic_incident(rng: random.Random, day: dt.date) -> tuple[str, dict[str, Any]]:
    """An Arabic sentence and the machine incident it reports (for large test projects)."""
    place, pid, admin1, country, lat, lon = rng.choice(_PLACES)
    (a1, a1_id, i1), (a2, a2_id, i2) = rng.sample(_ACTORS[:3], 1)[0], rng.choice(_ACTORS[1:])
    et, sub, label = rng.choice(_TYPES)
    dead, hurt = rng.randint(0, 12), rng.randint(0, 20)
    sentence = f"{label} نفذه {a1} ضد {a2} في {place} بمحافظة {admin1} أسفر عن مقتل {dead} وإصابة {hurt}."
    inc: dict[str, Any] = {
        "event_type": et,
        "sub_event_type": sub,
        "date": day.isoformat(),
        "time_precision": 1,
        "location": place,
        "location_id": pid or None,
        "admin1": admin1,
        "country": country,
        "latitude": lat + rng.uniform(-0.05, 0.05),
        "longitude": lon + rng.uniform(-0.05, 0.05),
        "geo_precision": 1,
        "actor1": a1,
        "actor2": a2,
        "actor1_id": a1_id or None,
        "actor2_id": a2_id or None,
        "inter1": i1,
        "inter2": i2,
        "fatalities": dead,
        "injuries": hurt,
        "weapon": None,
        "evidence": {"start": 0, "end": len(sentence)},
        "confidence": 0.8,
    }
    return sentence, inc


def synthetic_project(path: str | Path, incidents: int, per_article: int = 2, seed: int = 7) -> Path:
    """A project at `path` with `incidents` machine incidents spread over articles and 60 days."""
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    with Project.create(path) as project:
        n = 0
        while n < incidents:
            day = start + dt.timedelta(days=rng.randrange(60))
            sentences, incs = [], []
            offset = 0
            for _ in range(min(per_article, incidents - n)):
                sentence, inc = synthetic_incident(rng, day)
                inc["evidence"] = {"start": offset, "end": offset + len(sentence)}
                offset += len(sentence) + 1
                sentences.append(sentence)
                incs.append(inc)
                n += 1
            text = " ".join(sentences)
            ents = []
            for name, aid, inter in _ACTORS:
                if name in text:
                    ents.append(entity(text, name, "ORG", canonical_id=aid or None, inter=inter))
            add_article(
                project,
                f"syn-{n}",
                text,
                title=f"تقرير ميداني رقم {n}",
                date=day.isoformat(),
                source=rng.choice(("سانا", "عنب بلدي", "رويترز")),
                entities=ents,
                incidents=incs,
                index=False,
            )
    return Path(path)
