"""A small deterministic extractor for store tests (the real pipeline is tested elsewhere)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from desktop.document import Document, Span
from desktop.records import IncidentRecord
from desktop.text.normalize import normalize_word

NAMES = {
    "الموصل": ("LOC", "mosul"),
    "بغداد": ("LOC", "baghdad"),
    "داعش": ("ORG", "isis"),
    "الرقة": ("LOC", "raqqa"),
}
_NAME_RE = re.compile("|".join(NAMES))
_LOC_RE = re.compile("|".join(k for k, v in NAMES.items() if v[0] == "LOC"))
_SENT_RE = re.compile(r"[^.؟!\n]+[.؟!]?")
_NUM_RE = re.compile(r"\d+")

# Tests bump this to simulate an improved pipeline: machine fatalities become count + BONUS.
BONUS = 0


def stub_extract(doc: Document) -> Document:
    ents = []
    for m in _NAME_RE.finditer(doc.text):
        typ, cid = NAMES[m.group()]
        ents.append(Span(m.start(), m.end(), typ, {"canonical_id": cid, "origin": "stub"}))
    doc.set_layer("entities", ents)
    incidents = []
    for s in _SENT_RE.finditer(doc.text):
        sent = s.group()
        killed = "قتل " in normalize_word(sent) + " "
        if not killed and "هجوم" not in sent and "انفجار" not in sent:
            continue
        place = _LOC_RE.search(sent)
        num = _NUM_RE.search(sent)
        inc = {
            "event_type": "Violence against civilians" if killed else "Explosions/Remote violence",
            "sub_event_type": "Attack",
            "date": None,
            "location": place.group() if place else None,
            "fatalities": (int(num.group()) + BONUS) if num else None,
            "actor1": "داعش" if "داعش" in sent else None,
            "evidence": {"start": s.start(), "end": s.end()},
            "fields_evidence": {},
            "confidence": 0.8,
        }
        if place:
            inc["fields_evidence"]["location"] = {
                "start": s.start() + place.start(),
                "end": s.start() + place.end(),
            }
        incidents.append(inc)
    doc.incidents = [IncidentRecord.from_json(i) for i in incidents]
    return doc


ARTICLES = [
    {
        "id": "a1",
        "title": "هجوم في الموصل",
        "date": "2024-03-01",
        "source": "وكالة الأنباء",
        "text": "قُتل 5 مدنيين في هجوم شنّه تنظيم داعش على قرية قرب وبالموصل. وقالت الشرطة إن التحقيق مستمر.",
    },
    {
        "id": "a2",
        "title": "انفجار في بغداد",
        "date": "2024-03-05",
        "source": "الصباح",
        "text": "أسفر انفجار سيارة مفخخة في بغداد عن سقوط ضحايا. وأعلنت السلطات حالة الطوارئ في العاصمة.",
    },
    {
        "id": "a3",
        "title": "اجتماع وزاري",
        "date": "2024-04-10",
        "source": "الصباح",
        "text": "عقد وزراء الخارجية العرب اجتماعاً طارئاً لبحث الأوضاع الإقليمية، وأكدوا ضرورة الحل السياسي.",
    },
    {
        "id": "a4",
        "title": "معارك في الرقة",
        "date": "2024-05-20",
        "source": "وكالة الأنباء",
        "text": "اندلعت اشتباكات عنيفة في الرقــــة بين فصائل مسلحة، ولم ترد أنباء عن قتلى حتى الآن.",
    },
]


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path
