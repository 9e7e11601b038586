"""The incident stage's working records: a candidate (a trigger before its fields are bound) and an
incident (bound fields with their evidence), each with its trace; and the small tests of a sentence
several phases share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop.events import lexicon as lx
from desktop.events.fields import SentenceView
from desktop.records import IncidentRecord, is_incident_field
from desktop.rules import CandidateTrace
from desktop.text.normalize import normalize_word

Evidence = tuple[int, int]
VIOLENT = (lx.BATTLES, lx.EXPLOSIONS, lx.VAC)


@dataclass
class Candidate:
    """A trigger found in a report unit, before fields are bound. `trace` follows it through the
    phases (a refinement changes the kind in place and leaves its id there)."""

    kind: str
    event_type: str
    sub_event_type: str
    span: Evidence
    rank: int
    generic: bool
    trace: CandidateTrace

    def retype(
        self, rule_id: str, kind: str, event_type: str, sub_event_type: str, rank: int, generic: bool
    ) -> None:
        """A refinement: the candidate becomes another kind of event (`rule_id` says why)."""
        self.kind, self.event_type, self.sub_event_type = kind, event_type, sub_event_type
        self.rank, self.generic = rank, generic
        self.trace.hit(rule_id)
        self.trace.sub_event_type = sub_event_type


@dataclass
class Incident:
    """One extracted incident; `to_json` gives the contract form."""

    event_type: str
    sub_event_type: str
    evidence: Evidence
    trigger: Evidence
    trace: CandidateTrace
    fields: dict[str, Any] = field(default_factory=dict)
    fields_evidence: dict[str, Evidence] = field(default_factory=dict)
    summary: bool = False
    headline: bool = False
    generic: bool = False  # told with a word of any violence ("الهجوم", "الاعتداء", "استهدف")
    confidence: float = 0.6
    rules: list[str] = field(default_factory=list)  # ids of the rules that made and shaped it
    signals: dict[str, float] = field(default_factory=dict)  # evidence signal id -> value
    own_place: bool = False  # its place is named in its own unit (not carried from the one before)
    has_day: bool = False  # its unit names a day
    another: bool = False  # told as another event than those before ("وفي هجوم آخر")

    def shaped(self, rule_id: str) -> None:
        """Record a rule that shaped the incident after its candidate was kept (a merge, a split)."""
        if rule_id not in self.rules:
            self.rules.append(rule_id)
        self.trace.hit(rule_id)

    def to_json(self) -> dict[str, Any]:
        return self.to_record().to_json()

    def to_record(self) -> IncidentRecord:
        """The typed record of this incident; its `to_json()` is the contract form (DESIGN.md)."""
        values = {"event_type": self.event_type, "sub_event_type": self.sub_event_type}
        values.update({k: v for k, v in self.fields.items() if is_incident_field(k)})
        return IncidentRecord(
            values,
            self.evidence,
            self.trigger,
            dict(self.fields_evidence),
            round(self.confidence, 2),
            list(self.rules),
        )


# --- tests of a sentence that several phases share --------------------------------------------------


def has_day(view: SentenceView) -> bool:
    """The sentence names a day."""
    return any(d.attrs.get("precision") == "day" for d in view.dates)


def has_place(view: SentenceView) -> bool:
    return any(e.label == "LOC" for e in view.entities)


def aircraft_subject(view: SentenceView, span: Evidence) -> bool:
    """Aircraft right after a verb ("استهدف طيران التحالف") or shortly before it ("القوات الجوية
    تمكنت من قتل 6")."""
    return any(
        (a[0] >= span[1] and view.words_between(span[1], a[0]) <= 1)
        or (
            a[1] <= span[0]
            and view.words_between(a[1], span[0]) <= 3
            and not view.has_break_between(a[1], span[0])
        )
        for a in view.find(lx.AIRCRAFT)
    )


def fighters_named(view: SentenceView) -> list[Evidence]:
    """Fighters the sentence names as people acted upon, not as the actors: a combatant noun in the
    nominative plural or construct state ("مسلحون"، "مسلحو داعش") or described as unknown
    ("مسلحين مجهولين") is the subject of the deed ("قتل مسلحون مجهولون أربعة مدنيين")."""
    out = []
    for a, b in view.find(lx.COMBATANTS):
        word = normalize_word(view.doc.text[a:b])
        after = normalize_word(" ".join(view.doc.text[b : b + 12].split()[:1]))
        before = view.doc.text[max(0, a - 16) : a].split()[-1:]
        if word.endswith(("ون", "و")) or after.startswith(("مجهول", "ملثم")):
            continue
        if before and _ARMED_NOUN.fullmatch(normalize_word(before[0])):
            continue  # an adjective: "هجوم مسلح", "جماعة مسلحة" names no fighter acted upon
        out.append((a, b))
    return out


# Nouns a combatant word qualifies as an adjective ("هجوم مسلح", "اشتباكات مسلحة", "عصابة مسلحة").
_ARMED_NOUN = re.compile(
    lx.word(
        r"(?:هجوم|هجمات|هجومين|عملي(?:ه|ات)|اعتداء|اعتداءات|اشتباك(?:ات)?|مواجه(?:ه|ات)|جماع(?:ه|ات)|"
        r"مجموع(?:ه|ات)|عصاب(?:ه|ات)|فصائل|فصيل|حرك(?:ه|ات))"
    )
)


def unarmed_victims(view: SentenceView) -> bool:
    """Whether the sentence names unarmed victims (civilians, or people named by no side:
    "أشخاص", "المارة") and no fighter acted upon."""
    return bool(view.find(lx.CIVILIANS) or view.find(lx.BYSTANDERS)) and not fighters_named(view)


def civilian_target(view: SentenceView, after: int | None = None) -> bool:
    """Whether the event is aimed at a place where people gather unarmed or at a religious
    community (lx.CIVILIAN_SITES): within six words after `after` (the trigger's end) or, when None,
    anywhere in the sentence; not when a force is targeted or a fighter is a victim. A fighter
    between the trigger and the site is the deed's subject ("هاجم مسلح ملهى")."""
    sites = [
        c
        for c in view.find(lx.CIVILIAN_SITES)
        if after is None or (c[0] >= after and view.words_between(after, c[0]) <= 6)
    ]
    if not sites or view.find(lx.FORCES_TARGETED):
        return False
    lo = after if after is not None else sites[0][0]
    return not any(not lo <= c[0] < sites[0][0] for c in view.find(lx.COMBATANTS))
