"""The incident stage: ACLED-style events from trigger words, with each field bound to its evidence.

For every sentence: find trigger words (`lexicon.TRIGGERS`, plus death words that imply violence),
drop those that report no real event (threats, plans, denials, condemnations, tolls over weeks,
accidents), choose one incident per kind of event in the sentence, and bind its fields (place,
date, actors, killed and wounded). Finally merge the same event told twice and drop summary
sentences whose events are told in detail.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from dataclasses import dataclass, field, replace
from typing import Any

from desktop.document import Document, Span
from desktop.events import lexicon as lx
from desktop.events.fields import (
    Evidence,
    SentenceView,
    actor_name,
    casualties,
    choose_actors,
    choose_place,
)
from desktop.records import IncidentRecord, is_incident_field
from desktop.text.normalize import normalize, normalize_word

log = logging.getLogger(__name__)

VIOLENT = (lx.BATTLES, lx.EXPLOSIONS, lx.VAC)
# Evidence score from which a sentence counts as reporting an incident (see `_reported`).
REPORTED = 3.25
_PART_OF_DAY = re.compile(lx.word(r"(?:صباحا|مساء|ليلا|فجرا|ظهرا|عصرا|صباح|مساء|ليل|فجر)"))
_FIRE = re.compile(lx.word(r"(?:ال)?نار"))


@dataclass
class Candidate:
    """A trigger found in a sentence, before fields are bound."""

    name: str
    event_type: str
    sub_event_type: str
    span: Evidence
    rank: int
    generic: bool


@dataclass
class Incident:
    """One extracted incident; `to_json` gives the contract form."""

    event_type: str
    sub_event_type: str
    evidence: Evidence
    trigger: Evidence
    fields: dict[str, Any] = field(default_factory=dict)
    fields_evidence: dict[str, Evidence] = field(default_factory=dict)
    summary: bool = False
    headline: bool = False
    generic: bool = False  # told with a word of any violence ("الهجوم", "الاعتداء", "استهدف")
    confidence: float = 0.6
    rules: list[str] = field(default_factory=list)  # ids of the rules that made and shaped it

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


# --- trigger detection --------------------------------------------------------------------------


def _candidates(view: SentenceView) -> list[Candidate]:
    found: list[Candidate] = []
    # Words of a name are no trigger: "حركة تحرير السودان", "منظمة التحرير".
    names = [(e.start, e.end) for e in view.entities if e.label in ("ORG", "PER", "LOC")]
    for trig in lx.TRIGGERS:
        for span in view.find(trig.pattern):
            if any(a <= span[0] and span[1] <= b for a, b in names):
                continue
            found.append(
                Candidate(trig.name, trig.event_type, trig.sub_event_type, span, trig.rank, trig.generic)
            )
    # Overlapping triggers: the higher rank keeps the words ("قصف جوي" is an air strike, not shelling).
    found.sort(key=lambda c: (-c.rank, c.span[0]))
    kept: list[Candidate] = []
    for c in found:
        if not any(c.span[0] < k.span[1] and k.span[0] < c.span[1] for k in kept):
            kept.append(c)
    # "أضرم النار" / "أطلق النار": fire words belong to their verb only.
    return sorted(kept, key=lambda c: c.span[0])


# A toll or a count of strikes this large sums many events ("مقتل 4844 مدنيا" in a nine-month report).
AGGREGATE_TOLL = 1000
_WEAPON_TRIGGERS = frozenset({"shelling", "ied", "air", "chemical", "grenade"})


def _blocked(view: SentenceView, cand: Candidate) -> str | None:
    """Why a trigger reports no real incident, or None when it does."""
    t0 = cand.span[0]
    for cue in view.find(lx.IRREALIS):
        if cue[1] <= t0 and view.words_between(cue[1], t0) <= 8 and not view.has_break_between(cue[1], t0):
            return "irrealis"
    for cue in view.find(lx.PURPOSE):
        if cue[1] <= t0 and view.words_between(cue[1], t0) <= 1:
            return "purpose"
    if any(p[0] == t0 for p in view.find(lx.PURPOSE_NOUN)) and not any(
        e[1] <= t0 for e in view.find(lx.EXPERIENCED)
    ):
        return "purpose"
    if any(d.start <= t0 < d.end for d in view.dates):
        return "date word"  # "فجر أمس" is dawn, not a bombing
    if any(c[1] <= t0 and not view.has_break_between(c[1], t0) for c in view.find(lx.FUNERAL)):
        return "funeral"  # "لتقديم العزاء لذوي الشهداء الذين استشهدوا في التفجير"
    for neg in view.find(lx.NEGATION):
        if neg[0] <= t0 <= neg[1] + 1:
            return "negated"
    if (
        any(not view.has_break_between(a[0], t0) for a in view.find(lx.AGGREGATE))
        or any(r[1] <= t0 for r in view.find(lx.REIGN))
        or view.find(lx.THEN)
    ):
        return "aggregate"  # a toll over weeks in the trigger's clause; another clause may tell the news
    if any(
        isinstance(n.attrs.get("value"), int)
        and n.attrs["value"] >= AGGREGATE_TOLL
        and n.end <= t0
        and view.words_between(n.end, t0) <= 1
        for n in view.numbers
    ):
        return "aggregate"  # thousands of strikes or barrels ("ألقت 14297 برميلا") are a tally
    if any(o[1] <= t0 for o in view.find(lx.OPINION)):
        return "opinion"
    if cand.generic and any(a[1] + 1 >= t0 and a[1] <= t0 for a in view.find(lx.ANAPHORIC)):
        return "anaphoric"
    if cand.name in ("regain", "overtake") and not any(
        e.label == "LOC"
        and e.start >= cand.span[1]
        and (view.words_between(cand.span[1], e.start) <= 4 or _object_of(view, cand, e))
        for e in view.entities
    ):
        return "no territory"
    if cand.name in ("regain", "overtake") and not (
        any(e.label in ("ORG", "ACTOR") for e in view.entities)
        or view.find(lx.COMBATANTS)
        or view.find(lx.FORCES)
    ):
        return "no force"  # "سيطرت تركيا ودبي على وجهات المصطافين": nobody armed takes anything
    if cand.name in _WEAPON_TRIGGERS and any(
        w[1] <= t0 and view.words_between(w[1], t0) <= 3 and not view.has_break_between(w[1], t0)
        for w in view.find(lx.TRADE)
    ):
        return "trade"  # weapons supplied, sold or smuggled are goods, not an attack
    if view.find(lx.ACCIDENT) and cand.name in ("ied", "attack", "gunfire", "killing", "abduction"):
        return "accident"
    if cand.name == "attack" and any(
        p[1] <= t0 and view.words_between(p[1], t0) <= 8 for p in view.find(lx.PROGRAMME)
    ):
        return "programme"  # "البرنامج التدريبي «حل المشكلات»، استهدف 36 موظفا"
    if view.find(lx.JUDICIAL):
        return "judicial"  # "تنفيذ حكم القتل قصاصا في أحد الجناة"
    if any(r[1] <= t0 for r in view.find(lx.RECALL)):
        return "recalled"
    if _future_verb(view, cand):
        return "future"
    if any(
        (cand.span[1] <= f[0] and view.words_between(cand.span[1], f[0]) <= 3) or f[0] <= t0 < f[1]
        for f in view.find(lx.FIGURATIVE)
    ):
        return "figurative"
    return None


def _object_of(view: SentenceView, cand: Candidate, place: Span) -> bool:
    """A place introduced by على later in the trigger's clause (`سيطرت قوات ... على منطقة العين`)."""
    between = view.doc.text[cand.span[1] : place.start]
    return "على" in between and not view.has_break_between(cand.span[1], place.start)


def _future_verb(view: SentenceView, cand: Candidate) -> bool:
    """A trigger verb with the future prefix س (`سيستهدف`)."""
    word = view.doc.text[cand.span[0] : cand.span[1]]
    return normalize_word(word).startswith(("سي", "ست", "سن")) and cand.name not in ("overtake",)


def _done_on_a_day(view: SentenceView, cand: Candidate) -> bool:
    """A generic attack word as the object of a deed verb on a named day: "شنت أمس هجوما واسعا"."""
    t0 = cand.span[0]
    return _has_day(view) and any(
        v[1] <= t0 and view.words_between(v[1], t0) <= 3 and not view.has_break_between(v[1], t0)
        for v in view.find(lx.VERBAL)
    )


def _aircraft_subject(view: SentenceView, span: Evidence) -> bool:
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


def _death_candidate(view: SentenceView) -> Candidate | None:
    """An incident implied by death words alone (`قتل 3 مدنيين برصاص ...`)."""
    cited = view.find(lx.CITE)
    deaths = [d for d in view.find(lx.DEATH) if not any(c[0] <= d[0] < c[1] for c in cited)]
    if not deaths:
        return None
    if view.find(lx.ACCIDENT):
        return None
    span = deaths[0]
    if _aircraft_subject(view, span):
        return Candidate("air", lx.EXPLOSIONS, "Air/drone strike", span, 7, False)
    if view.find(lx.CIVILIANS) and not view.find(lx.COMBATANTS):
        return Candidate("killing", lx.VAC, "Attack", span, 1, False)
    # One-sided killing: a named group kills people who are not described as fighters.
    agent_before = any(
        e.label in ("ORG", "ACTOR") and e.end <= span[0] and view.words_between(e.end, span[0]) <= 6
        for e in view.entities
    )
    fighters_killed = any(
        c[0] - span[1] >= 0 and view.words_between(span[1], c[0]) <= 4 for c in view.find(lx.COMBATANTS)
    )
    if agent_before and not fighters_killed and not view.find(lx.INJURY):
        return Candidate("killing", lx.VAC, "Attack", span, 1, False)
    return Candidate("killing", lx.BATTLES, "Armed clash", span, 1, False)


_PEOPLE = re.compile(lx.word(r"(?:اطفال|طفل(?:ا|ين)?|اشخاص|شخص(?:ا|ين)?|بالغين|نساء|امراه|رجال)"))


_PROPERTY = re.compile(r"(?:منزل|منازل|بيت|بيوت|ممتلكات|محل|محلات|سيار|مزارع|خيام|متاجر|مساكن)")


def _violent_death(view: SentenceView) -> bool:
    """Death words make an incident on their own only with something of violence around them:
    a toll, a weapon, a named or described actor, fighters or civilians; never at a funeral
    (`جثمان الشهيد`), and not for `استشهد ... ب` ("cited")."""
    if view.find(lx.FUNERAL):
        return False
    return bool(
        view.numbers
        or any(e.label in ("WEAPON", "ORG", "ACTOR") for e in view.entities)
        or view.find(lx.COMBATANTS)
        or view.find(lx.CIVILIANS)
    )


def _refine(view: SentenceView, cand: Candidate, sentence_has: set[str]) -> Candidate:
    """Adjust the sub-event type with cues from the rest of the sentence."""
    name = cand.name
    if name == "shelling" and view.find(lx.AIRCRAFT):
        return Candidate("air", lx.EXPLOSIONS, "Air/drone strike", cand.span, 7, False)
    if name == "attack" and _aircraft_subject(view, cand.span):
        # aircraft as the subject of a generic verb: "استهدف طيران التحالف تعزيزات",
        # "تمكنت القوات الجوية من قتل 6 من عناصر التنظيم"
        return Candidate("air", lx.EXPLOSIONS, "Air/drone strike", cand.span, 7, False)
    victims = view.find(lx.CIVILIANS) + view.find(_PEOPLE)
    if name == "looting" and any(
        v[0] >= cand.span[1]
        and view.words_between(cand.span[1], v[0]) <= 3
        and not _PROPERTY.search(view.doc.text[cand.span[1] : v[0]])
        for v in victims
    ):
        # "إحراق ستة أطفال": burning people is an attack on them, not property destruction
        return Candidate("attack", lx.VAC, "Attack", cand.span, cand.rank, False)
    if name in ("attack", "gunfire", "killing") and view.find(lx.CIVILIANS) and not view.find(lx.COMBATANTS):
        return Candidate(name, lx.VAC, "Attack", cand.span, cand.rank, cand.generic)
    if name == "protest":
        if view.find(lx.DEATH) or view.find(lx.INJURY):
            return Candidate(
                name, lx.PROTESTS, "Excessive force against protesters", cand.span, cand.rank, False
            )
        if view.find(lx.INTERVENTION):
            return Candidate(name, lx.PROTESTS, "Protest with intervention", cand.span, cand.rank, False)
    if name == "disrupted" and not (
        sentence_has & {"ied", "shelling", "air", "suicide"}
        or re.search(
            lx.word(
                r"(?:طائره|طائرات|مسيره|صاروخ|عبوه|عبوات|لغم|الغام|"
                r"متفجرات|مفخخه|اسلحه|ذخائر|هجوم)"
            ),
            view.text,
        )
    ):
        return Candidate(name, "", "", cand.span, 0, True)  # "أحبط" of something that is no weapon
    return cand


_PREPOSITION = frozenset(("في", "على", "علي", "من", "عن", "الى", "إلى", "مع", "خلال", "بعد", "قبل"))


def _after_reference(view: SentenceView, t0: int) -> bool:
    """The trigger right after a reference word (`قضية اغتيال`, `ذكرى مجزرة`), at most one word
    apart unless that word is a preposition (`قوات النظام في اشتباكات` is no reference)."""
    text = view.doc.text
    for _r0, r1 in view.find(lx.REFERENCE):
        if r1 > t0:
            continue
        gap = view.words_between(r1, t0)
        if gap == 0 or (gap == 1 and text[r1:t0].strip() not in _PREPOSITION):
            return True
    return any(r1 <= t0 and view.words_between(r1, t0) == 0 for _r0, r1 in view.find(lx.REFERENCE_ADJACENT))


def _has_place(view: SentenceView) -> bool:
    return any(e.label == "LOC" for e in view.entities)


def _sentence_incidents(view: SentenceView) -> list[Incident]:
    cands = _candidates(view)
    reasons = [_blocked(view, c) for c in cands]
    if "anaphoric" in reasons:
        # The sentence comments on an event already told ("هذا الهجوم ... الذي استهدف").
        reasons = [r for r, c in zip(reasons, cands, strict=True) if not c.generic]
        cands = [c for c in cands if not c.generic]
    cands = [c for c, r in zip(cands, reasons, strict=True) if r is None]
    names = {c.name for c in cands}
    cands = [_refine(view, c, names) for c in cands]
    cands = [c for c in cands if c.event_type]
    if "suicide" in names:  # a suicide bomber's car bomb is one suicide bombing
        cands = [c for c in cands if c.name not in ("ied", "attack")]
    if any(c.sub_event_type == "Disrupted weapons use" for c in cands) and not view.find(lx.DEATH):
        # "أحبطت قوات الأمن هجوما بسيارة مفخخة": the foiled attack is the disruption, not an attack.
        cands = [c for c in cands if c.event_type not in VIOLENT]
    specific = [c for c in cands if not c.generic]
    if not specific:
        death = _death_candidate(view)
        if death and _blocked(view, death) is None and _violent_death(view):
            specific = [death]
        elif cands and (
            view.find(lx.DEATH) or view.find(lx.INJURY) or _has_place(view) or _done_on_a_day(view, cands[0])
        ):
            specific = [cands[0]]  # a generic attack word counts only with something concrete around it
    if not specific:
        return []
    # One incident per kind of event in the sentence; the first trigger of a kind gives its position.
    by_kind: dict[tuple[str, str], Candidate] = {}
    for c in sorted(specific, key=lambda c: (_after_reference(view, c.span[0]), c.span[0])):
        by_kind.setdefault((c.event_type, c.sub_event_type), c)
    # Battles absorbed by a more specific violent event in the same sentence when they are only the
    # "attack"/gunfire words describing it.
    kinds = set(by_kind)
    territory = {
        k for k in kinds if k[1] in ("Government regains territory", "Non-state actor overtakes territory")
    }
    if territory:
        # Fighting that takes a place is coded as the change of territory.
        by_kind.pop((lx.BATTLES, "Armed clash"), None)
        if len(territory) == 2:
            by_kind.pop(min(territory, key=lambda k: by_kind[k].span[0]))
        kinds = set(by_kind)
    if any(k[0] in (lx.EXPLOSIONS, lx.VAC) for k in kinds):
        for key in [k for k in kinds if k == (lx.BATTLES, "Armed clash")]:
            if by_kind[key].name in ("attack", "gunfire", "killing"):
                del by_kind[key]
    out = []
    for (event_type, sub), cand in sorted(by_kind.items(), key=lambda kv: kv[1].span[0]):
        inc = Incident(event_type, sub, (view.span.start, view.span.end), cand.span)
        inc.generic = cand.name in _GENERIC_NAMES
        out.append(inc)
    return out


# --- fields -------------------------------------------------------------------------------------


def _bind(view: SentenceView, inc: Incident, context: _Context) -> None:
    f, ev = inc.fields, inc.fields_evidence
    window = (view.span.start, view.span.end)
    if inc.event_type in VIOLENT or inc.sub_event_type == "Excessive force against protesters":
        killed, k_ev = casualties(view, "death", window)
        wounded, w_ev = casualties(view, "injury", window)
        f["fatalities"], f["injuries"] = killed, wounded
        if k_ev:
            ev["fatalities"] = k_ev
        if w_ev:
            ev["injuries"] = w_ev
    else:
        f["fatalities"], f["injuries"] = None, None
    place = choose_place(view, inc.trigger)
    if place is None and context.place is not None and context.place_sentence >= context.sentence - 1:
        place = context.place
    if place is not None:
        s = place.span
        f["location"] = view.doc.text[s.start : s.end]
        f["location_id"] = s.attrs.get("canonical_id")
        f["admin1"] = s.attrs.get("admin1")
        f["country"] = s.attrs.get("country")
        f["latitude"] = s.attrs.get("lat")
        f["longitude"] = s.attrs.get("lon")
        f["geo_precision"] = place.precision
        ev["location"] = (s.start, s.end)
    date = _choose_date(view, inc, context)
    if date is not None:
        f["date"] = date.attrs.get("value")
        f["time_precision"] = date.attrs.get("time_precision")
        ev["date"] = (date.start, date.end)
        if date is context.lead_date and not view.span.start <= date.start < view.span.end:
            f["time_precision"] = max(2, int(date.attrs.get("time_precision") or 1))  # inferred from the lead
    agent, patient = choose_actors(view, inc.trigger, inc.sub_event_type)
    for key, actor in (("actor1", agent), ("actor2", patient)):
        if actor is None:
            f[key] = None
            continue
        f[key] = actor.name
        if actor.span is not None:
            ev[key] = (actor.span.start, actor.span.end)
            f[f"{key}_id"] = actor.span.attrs.get("canonical_id")
            f[f"{key}_canonical"] = actor.span.attrs.get("canonical")
            f["inter1" if key == "actor1" else "inter2"] = actor.span.attrs.get("inter")
        elif actor.name == "مدنيون":
            f["inter2" if key == "actor2" else "inter1"] = 7
    weapons = [e for e in view.entities if e.label == "WEAPON"]
    if weapons:
        w = min(weapons, key=lambda e: abs(e.start - inc.trigger[0]))
        f["weapon"] = view.doc.text[w.start : w.end]
        f["weapon_class"] = w.attrs.get("weapon_class")
        ev["weapon"] = (w.start, w.end)
    if inc.sub_event_type in ("Government regains territory", "Non-state actor overtakes territory"):
        state = f.get("inter1") == 1
        inc.sub_event_type = (
            "Government regains territory" if state else "Non-state actor overtakes territory"
        )
    ev["event_type"] = inc.trigger
    inc.summary = bool(view.find(lx.SUMMARY))
    inc.confidence = 0.5 + 0.1 * sum(
        f.get(k) is not None for k in ("location", "date", "actor1", "fatalities")
    )


@dataclass
class _Context:
    """What earlier sentences established: the last place and date, for sentences that omit them."""

    place: Any = None
    place_sentence: int = -10
    date: Span | None = None
    date_paragraph: int = -1
    date_sentence: int = -1
    sentence: int = 0
    lead_date: Span | None = None  # the day the article's lead names (its first two sentences)
    lead_paragraph: int = -1
    date_kinds: set[str] = field(default_factory=set)  # sub-event types told in the dated sentence


def _choose_date(view: SentenceView, inc: Incident, context: _Context) -> Span | None:
    dates = [d for d in view.dates if d.attrs.get("value")]
    if dates:
        best = min(dates, key=lambda d: abs(d.start - inc.trigger[0]))
        return best
    if context.date is not None:
        same_paragraph = context.date_paragraph == view.paragraph
        # The next sentence, even across a paragraph break, goes on with the same story when it
        # names a part of the day or the same kind of event ("...بدأت مساء الجمعة قصف" / "شنت هجوما").
        right_after = context.date_sentence == context.sentence - 1 and (
            bool(view.find(_PART_OF_DAY)) or inc.sub_event_type in context.date_kinds
        )
        if same_paragraph or right_after:
            return None if _since(view.doc, context.date) else context.date
    if context.lead_date is not None and (
        view.paragraph <= context.lead_paragraph + 1 or context.date is context.lead_date
    ):
        # The lead's day holds for the lead and the paragraph after it, and for the whole article
        # while it names no other day; after another day, an undated sentence is undetermined.
        return context.lead_date
    return None


# A daily paper reports the events of the last days; one dated three weeks or more before the issue
# is told as background ("وفي 26 يونيو الماضي ...").
HISTORY_DAYS = 20


def _too_old(view: SentenceView, doc_date: dt.date | None) -> bool:
    """A sentence dated well before publication reports history, not the news.

    A date counts by the last day it covers (`عام 2008` in an article of March 2008 is not old).
    Without a publication date, a sentence dated only by an explicit year (`عام 2004`) is history
    unless it also names a recent day (`قتل أمس ... في عام 2008`).
    """
    if doc_date is None:
        return not any(d.attrs.get("relative") for d in view.dates) and any(
            d.attrs.get("precision") == "year" and not d.attrs.get("relative") for d in view.dates
        )
    for d in view.dates:
        end = _period_end(d)
        if end is not None and (doc_date - end).days > HISTORY_DAYS:
            return True
    return False


_SINCE = re.compile(r"(?:^|\s)(?:منذ|مُنذ|خلال|طوال|حتى)\s*$")


def _since(doc: Document, date: Span) -> bool:
    """A day that opens or closes a period ("منذ 20 أكتوبر الماضي") dates no later report."""
    return bool(_SINCE.search(doc.text[max(0, date.start - 8) : date.start]))


def _incident_day(inc: Incident) -> dt.date | None:
    """The incident's ISO date as a date, or None when it has none (or a malformed one)."""
    value = inc.fields.get("date")
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _dated_after(inc: Incident, doc_date: dt.date | None) -> bool:
    """An incident dated after the issue is a plan or a court date ("لجلسة 17 أكتوبر"), not news."""
    day = _incident_day(inc)
    return doc_date is not None and day is not None and day > doc_date + dt.timedelta(days=1)


def _dated_long_ago(inc: Incident, doc_date: dt.date | None) -> bool:
    """An incident whose day, carried from an earlier sentence, lies weeks before the issue: the
    sentence goes on about that history ("كما أسفرت الغارات عن مقتل 2076 مقاتلا" after a report
    that starts in October 2014)."""
    day = _incident_day(inc)
    if doc_date is None or day is None or inc.fields.get("time_precision") not in (1, 2):
        return False
    return (doc_date - day).days > HISTORY_DAYS


def _period_end(date: Span) -> dt.date | None:
    """The last day a DATE span covers (its day, the end of its month or of its year)."""
    value = date.attrs.get("value")
    if not isinstance(value, str):
        return None
    try:
        when = dt.date.fromisoformat(value)
    except ValueError:
        return None
    precision = date.attrs.get("precision")
    if precision == "year":
        return when.replace(month=12, day=31)
    if precision == "month":
        following = (when.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    return when


def _reported(view: SentenceView, inc: Incident) -> float:
    """How strongly the sentence reports the incident as having happened (2 or more: it does).

    A finite verb of violence near the trigger, a toll, a place and a date are evidence of a report;
    an event noun after words such as قضية/منذ/ذكرى/مضاد is a reference to an event, not a report.
    """
    f = inc.fields
    t0 = inc.trigger[0]
    score = 0.0
    verbs = view.find(lx.VERBAL)
    if any(view.words_between(v[0], t0) <= 8 for v in verbs):
        score += 1.5
    elif verbs:
        score += 1.0
    elif f.get("fatalities") is None and f.get("injuries") is None:
        score -= 0.5  # an event noun with neither a verb nor a toll: mentioned, not reported
    if f.get("weapon"):
        score += 0.5
    if f.get("fatalities") is not None or f.get("injuries") is not None:
        score += 1.5
    elif view.find(lx.DEATH) or view.find(lx.INJURY) or view.find(lx.LOSSES):
        score += 0.75
    if (
        f.get("location")
        and "location" in inc.fields_evidence
        and view.span.start <= inc.fields_evidence["location"][0] < view.span.end
    ):
        score += 1.0
    elif f.get("location") or view.find(lx.PLACE_NOUN):
        score += 0.5
    if any(d.attrs.get("precision") == "day" for d in view.dates):
        score += 1.5  # a day named in the sentence: the report of something that happened then
    elif view.dates:
        score += 1.0
    elif f.get("date"):
        score += 0.5
    if f.get("actor1") or f.get("actor2"):
        score += 0.5
    if _after_reference(view, t0):
        score -= 2.0
    word = normalize_word(view.doc.text[inc.trigger[0] : inc.trigger[1]])
    vague_place = f.get("location") is None or f.get("geo_precision") == 3
    if (
        lx.DEFINITE_NOUN.match(word)
        and f.get("fatalities") is None
        and f.get("injuries") is None
        and not view.dates
        and vague_place
    ):
        score -= 1.0  # "القتل والخطف": a kind of violence, not an event
    relative = [r for r in view.find(lx.RELATIVE) if r[1] <= t0 and not view.has_break_between(r[1], t0)]
    if any(view.words_between(r[1], t0) == 0 for r in relative):
        score -= 1.5  # "حتى تسليم الذين اغتالوا": people described by a past deed
    elif any(view.words_between(r[1], t0) <= 2 for r in relative):
        score -= 1.0  # "الذي قتل في انفجار": background about someone, not the news
    t1 = inc.trigger[1]
    if any(
        d[1] == t0 or (d[0] > t1 and view.words_between(t1, d[0]) == 0) for d in view.find(lx.DISJUNCTION)
    ):
        score -= 1.5  # "القتل أو الاختطاف": kinds of violence, not an event
    if _topic_of(view, t0) or _accused(view, t0):
        score -= 1.5
    if view.find(lx.FUNERAL):
        score -= 1.5  # condolences and funerals for the dead of an event told before, toll or not
    habitual = view.find(lx.HABITUAL)
    if any(abs(view.words_between(h[0], t0)) <= 3 and not view.has_break_between(h[0], t0) for h in habitual):
        score -= 1.5  # "التي تتعرض دائما لصواريخ": a state of affairs
    elif habitual and f.get("fatalities") is None and not _has_day(view):
        score -= 1.0
    if _clause_initial_verb(view, t0):
        score += 0.5  # "فجر انتحاري سيارة مفخخة": verb-first, the narrative of the news
    return score


def _topic_of(view: SentenceView, t0: int) -> bool:
    """An event noun governed by a preposition of topic (`ردود فعل على اغتيال`, `بشأن إعدام`)."""
    results = view.find(lx.RESULT_VERB)

    def governed(m0: int) -> bool:  # "أسفر عن", "أقدم متمردو بوكو حرام أمس على", "أعلنت الحكومة، السبت، عن"
        return any(r[1] <= m0 + 1 and view.words_between(r[1], m0) <= 8 for r in results)

    return any(m[1] == t0 and not governed(m[0]) for m in view.find(lx.TOPIC))


def _accused(view: SentenceView, t0: int) -> bool:
    """An event word in the clause of an accusation (`اتهم ... بالضلوع في تفجير`)."""
    return any(
        a[1] <= t0 and view.words_between(a[1], t0) <= 10 and not view.has_break_between(a[1], t0)
        for a in view.find(lx.ACCUSATION)
    )


def _has_day(view: SentenceView) -> bool:
    return any(d.attrs.get("precision") == "day" for d in view.dates)


def _clause_initial_verb(view: SentenceView, t0: int) -> bool:
    """A finite verb of violence near the trigger that opens its clause: at the sentence start, or
    after at most four words that end with a comma (`من ناحية ثانية،`) or name a place (`وفي حلب`)."""
    text = view.doc.text
    for v0, _ in view.find(lx.VERBAL):
        if view.words_between(v0, t0) > 6:
            continue
        before = text[view.span.start : v0].rstrip()
        if not before:
            return True
        opener = before.endswith((",", "،", ":", "؛")) or _FRONTED_PLACE.match(normalize(before).text)
        if opener and len(before.split()) <= 4:
            return True
    return False


# A fronted place before the verb: "وفي مدينة حلب أطلقت كتائب المعارضة ...".
_FRONTED_PLACE = re.compile(r"^(?:و|ف)?(?:اما )?(?:في|داخل|قرب) ")  # "أما في دمشق فدارت"


def _share_casualties(incidents: list[Incident]) -> None:
    """One toll per sentence: it belongs to the clash if there is one, else to the first incident."""
    if len(incidents) < 2:
        return
    owner = next((i for i in incidents if i.event_type == lx.BATTLES), incidents[0])
    for inc in incidents:
        if inc is not owner:
            for key in ("fatalities", "injuries"):
                inc.fields[key] = None
                inc.fields_evidence.pop(key, None)


_AND_LIST = re.compile(r"^\s*(?:،|,)?\s*و\s*$|^\s*(?:،|,)\s*$")


def _split_coordinated(view: SentenceView, incidents: list[Incident]) -> list[Incident]:
    """`غارات على ديرلوك وحفطنين وخواكورك`: one incident per place of a coordinated list."""
    out: list[Incident] = []
    places = [e for e in view.entities if e.label == "LOC"]
    text = view.doc.text
    for inc in incidents:
        out.append(inc)
        loc = inc.fields_evidence.get("location")
        if loc is None:
            continue
        chain = [p for p in places if p.start == loc[0]]
        if not chain:
            continue
        current = chain[0]
        for nxt in places:
            if nxt.start <= current.end:
                continue
            if not _AND_LIST.match(text[current.end : nxt.start].replace("ال", "", 0)):
                break
            clone = replace(inc, fields=dict(inc.fields), fields_evidence=dict(inc.fields_evidence))
            clone.fields.update(
                location=text[nxt.start : nxt.end],
                location_id=nxt.attrs.get("canonical_id"),
                admin1=nxt.attrs.get("admin1"),
                country=nxt.attrs.get("country"),
                latitude=nxt.attrs.get("lat"),
                longitude=nxt.attrs.get("lon"),
            )
            clone.fields_evidence["location"] = (nxt.start, nxt.end)
            clone.fields["fatalities"] = clone.fields["injuries"] = None
            out.append(clone)
            current = nxt
    return out


# --- merging ------------------------------------------------------------------------------------


def _country_level(inc: Incident) -> bool:
    """The incident is placed only at a country or governorate (gazetteer ids `cty-`, `adm1-`)."""
    return str(inc.fields.get("location_id") or "").startswith(("cty-", "adm1-"))


def _within(detail: Incident, coarse: Incident) -> bool:
    """The detail lies in the coarse incident's area: its country, or its governorate when the
    coarse one is placed at a governorate (strikes in Zabadani do not detail strikes on Daraa)."""
    if str(coarse.fields.get("location_id") or "").startswith("adm1-"):
        return detail.fields.get("admin1") == coarse.fields.get("admin1")
    return True


def _key_place(inc: Incident) -> str:
    return normalize_word(str(inc.fields.get("location") or ""))


def _merge(incidents: list[Incident]) -> list[Incident]:
    """One incident per event: same type, place and day merge; summaries yield to their details."""
    details = [i for i in incidents if not i.summary and not i.headline]
    kept: list[Incident] = []
    for inc in incidents:
        if (
            inc.fields.get("geo_precision") == 3
            and _country_level(inc)
            and any(
                d is not inc
                and d.sub_event_type == inc.sub_event_type
                and d.fields.get("geo_precision") in (1, 2)
                and d.fields.get("country") in (inc.fields.get("country"), None)
                and _within(d, inc)
                and inc.fields.get("fatalities") in (None, d.fields.get("fatalities"))
                for d in details
            )
        ):
            # "strikes in Iraq" when the strikes are told place by place; a country-level event
            # with a toll of its own ("37 killed on Friday in two bombings in Nigeria") stays
            continue
        if inc.headline and any(d.event_type == inc.event_type for d in details):
            continue
        if inc.summary and any(
            d is not inc
            and d.fields.get("date") == inc.fields.get("date")
            and (d.fields.get("admin1") == inc.fields.get("admin1") or _key_place(d) == _key_place(inc))
            and d.event_type in VIOLENT
            for d in details
        ):
            continue
        kept.append(inc)
    out: list[Incident] = []
    for inc in kept:
        twin = next(
            (
                o
                for o in out
                if o.sub_event_type == inc.sub_event_type
                and o.event_type == inc.event_type
                and _key_place(o)
                and _key_place(o) == _key_place(inc)
                and 3 not in (o.fields.get("geo_precision"), inc.fields.get("geo_precision"))
                and _same_day(o, inc)
                and (
                    o.fields.get("actor1") is None
                    or inc.fields.get("actor1") is None
                    or o.fields.get("actor1") == inc.fields.get("actor1")
                )
            ),
            None,
        )
        if twin is None:
            out.append(inc)
            continue
        if twin.fields.get("date") is None and inc.fields.get("date") is not None:
            # Keep the fuller telling as the incident's evidence.
            out[out.index(twin)] = inc
            twin, inc = inc, twin
        for key, value in inc.fields.items():
            if twin.fields.get(key) is None and value is not None:
                twin.fields[key] = value
                if key in inc.fields_evidence:
                    twin.fields_evidence[key] = inc.fields_evidence[key]
        for key in ("fatalities", "injuries"):
            a, b = twin.fields.get(key), inc.fields.get(key)
            if a is not None and b is not None:
                twin.fields[key] = min(a, b)  # ACLED: the lowest reported figure
    return out


# --- component ----------------------------------------------------------------------------------


def _by_sentence(sentences: list[Span], spans: list[Span]) -> list[list[Span]]:
    """Spans grouped by the sentence that contains them, in one pass over both sorted lists."""
    groups: list[list[Span]] = [[] for _ in sentences]
    k = 0
    for span in sorted(spans, key=lambda s: s.start):
        while k < len(sentences) and sentences[k].end <= span.start:
            k += 1
        if k == len(sentences):
            break
        if sentences[k].start <= span.start and span.end <= sentences[k].end:
            groups[k].append(span)
    return groups


def _paragraph_of(doc: Document, units: list[Span]) -> list[int]:
    """Paragraph number of each unit (paragraphs are separated by line breaks)."""
    breaks = [m.start() for m in re.finditer("\n", doc.text)]
    return [bisect.bisect_left(breaks, u.start) for u in units]


# A clause that opens with one of these and tells its own event with its own place starts a new
# report inside a long sentence: "..., كما قصفت قوات النظام مناطق في داريا، بينما دارت اشتباكات في ...".
_CHAIN = re.compile(r"^(?:و)?(?:كما|ايضا|بينما|كذلك|فيما|في حين|في وقت)(?![ء-ي])")


def _report_units(doc: Document) -> list[Span]:
    """The sentences, with chained reports split off (the wire style that strings several clashes
    in several places into one sentence with `، كما` / `، بينما` / `، أيضاً`). A chained part runs
    to the next chain word and is split off only when it tells an event and names a place."""
    sentences = doc.layers.get("sentences", [])
    clauses = _by_sentence(sentences, doc.layers.get("clauses", []))
    places = _by_sentence(sentences, [e for e in doc.layers.get("entities", []) if e.label == "LOC"])
    units: list[Span] = []
    for sentence, parts, locs in zip(sentences, clauses, places, strict=True):
        chained = [c.start for c in parts[1:] if _CHAIN.match(normalize(doc.text[c.start : c.end]).text)]
        starts = [sentence.start]
        for k, begin in enumerate(chained):
            end = chained[k + 1] if k + 1 < len(chained) else sentence.end
            text = normalize(doc.text[begin:end]).text
            if lx.ANY_TRIGGER.search(text) and any(begin <= e.start < end for e in locs):
                starts.append(begin)
        for k, begin in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else sentence.end
            units.append(Span(begin, end, "sentence"))
    return units


_FOOTER = re.compile(r"^\s*(?:رابط الخبر|المصدر\s*:|اقرأ (?:أيضا|ايضا|أيضاً)|حقوق (?:النشر|الطبع))")


def _headline_paragraphs(doc: Document) -> set[int]:
    """Paragraphs that only repeat what the body tells: a short first line without a final period
    (the headline, when an importer put it into the text) and footers such as `رابط الخبر`."""
    out: set[int] = set()
    lines = doc.text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        line = lines[first].strip()
        if len(line.split()) <= 20 and not line.endswith((".", "!", "؟", "?")) and len(lines) > first + 1:
            out.add(first)
    for i, line in enumerate(lines):
        if _FOOTER.match(line):
            out.add(i)
    return out


def find_incidents(doc: Document) -> list[Incident]:
    sentences = _report_units(doc)
    entities = _by_sentence(sentences, doc.layers.get("entities", []))
    numbers = _by_sentence(sentences, doc.layers.get("numbers", []))
    dates = _by_sentence(sentences, doc.layers.get("dates", []))
    paragraphs = _paragraph_of(doc, sentences)
    repeats = _headline_paragraphs(doc)
    context = _Context()
    found: list[Incident] = []
    lead = 0  # sentences of the body seen so far (the lead is the first two)
    for i, sentence in enumerate(sentences):
        context.sentence = i
        entities_i, numbers_i, dates_i = entities[i], numbers[i], dates[i]
        view = SentenceView.build(doc, sentence, paragraphs[i], entities_i, numbers_i, dates_i)
        relevant = lx.ANY_TRIGGER.search(view.text) is not None
        incidents = [] if not relevant or _too_old(view, doc.date) else _sentence_incidents(view)
        for inc in incidents:
            _bind(view, inc, context)
            inc.headline = paragraphs[i] in repeats
        incidents = _split_coordinated(view, incidents)
        _share_casualties(incidents)
        found.extend(
            i
            for i in incidents
            if _reported(view, i) >= REPORTED
            and not _dated_long_ago(i, doc.date)
            and (i.fields.get("fatalities") or 0) < AGGREGATE_TOLL
            and not _dated_after(i, doc.date)
        )
        recent = choose_place(view, (view.span.end, view.span.end)) if view.entities else None
        if recent is not None:
            context.place, context.place_sentence = recent, i
        dated = [d for d in view.dates if d.attrs.get("value") and d.attrs.get("precision") == "day"]
        if dated:
            context.date, context.date_paragraph, context.date_sentence = dated[-1], paragraphs[i], i
            context.date_kinds = {inc.sub_event_type for inc in incidents}
            if lead < 2 and context.lead_date is None and paragraphs[i] not in repeats:
                context.lead_date, context.lead_paragraph = dated[0], paragraphs[i]
        if paragraphs[i] not in repeats:
            lead += 1
    _article_names(doc, found)
    _adopt_specific(found)
    return _merge(found)


_GENERIC_NAMES = frozenset({"attack", "killing"})


def _same_day(a: Incident, b: Incident) -> bool:
    """The two incidents may be on the same day: equal dates, or one of them undated."""
    da, db = a.fields.get("date"), b.fields.get("date")
    return da is None or db is None or da == db


def _adopt_specific(incidents: list[Incident]) -> None:
    """A generic telling ("العمل الإرهابي الذي استهدف مسجدا في عسير") takes the kind of the one
    bombing the article tells at the same place and on a compatible day ("تفجير انتحاري في مسجد
    بعسير"), so that the two merge into one incident instead of a clash beside a bombing. A toll of
    its own (4 killed in an attack beside 13 in the bombing) keeps it a separate incident."""
    specific = [i for i in incidents if not i.generic and i.event_type == lx.EXPLOSIONS and _key_place(i)]
    for inc in incidents:
        if not inc.generic or not _key_place(inc):
            continue
        kinds = {
            (s.event_type, s.sub_event_type)
            for s in specific
            if _key_place(s) == _key_place(inc)
            and _same_day(s, inc)
            and inc.fields.get("fatalities") in (None, s.fields.get("fatalities"))
        }
        if len(kinds) == 1:
            inc.event_type, inc.sub_event_type = kinds.pop()


def _article_names(doc: Document, incidents: list[Incident]) -> None:
    """Name each linked actor by the form the article uses most for it (`قوات النظام` throughout,
    not `الجيش السوري النظامي` in one incident and `قوات النظام` in the next); ties go to the
    earliest form. Unlinked actors keep their words; the evidence span still points at the mention."""
    forms: dict[str, dict[str, list[int]]] = {}
    for e in doc.layers.get("entities", []):
        key = e.attrs.get("canonical_id")
        if key is None or e.label not in ("ORG", "ACTOR", "PER"):
            continue
        form = actor_name(doc.text, e)
        seen = forms.setdefault(str(key), {}).setdefault(form, [0, e.start])
        seen[0] += 1
    preferred = {
        key: min(names.items(), key=lambda kv: (-kv[1][0], kv[1][1]))[0] for key, names in forms.items()
    }
    for inc in incidents:
        for role in ("actor1", "actor2"):
            best = preferred.get(str(inc.fields.get(f"{role}_id")))
            if best is not None and inc.fields.get(role) is not None:
                inc.fields[role] = best


def incidents_component(doc: Document) -> Document:
    """Pipeline component: fill `doc.incidents` (typed records) and an `incidents` layer of evidence."""
    incidents = find_incidents(doc)
    doc.incidents = [inc.to_record() for inc in incidents]
    doc.set_layer("incidents", [Span(i.evidence[0], i.evidence[1], i.sub_event_type) for i in incidents])
    return doc
