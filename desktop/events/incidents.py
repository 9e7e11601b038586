"""The incident stage: ACLED-style events from trigger words, with each field bound to its evidence.

A small engine over the rule tables, running the phases of `desktop.rules` in their fixed order
for every report unit of the article:

1. unit (`merging.report_units`): sentences, with chained reports split off
2. trigger (`triggers.TRIGGERS`): candidates from event words; death words when no event word
3. block (`vetoes.RULES`): the first veto that applies drops the candidate
4. refine (`refinements`): sub-type from cues; one candidate per kind of event in the unit
5. bind (`fields`, `binders`): casualties, place, date, actors, weapon
6. score (`signals`): named evidence signals and the decision that keeps or drops
7. filter (`merging.FILTER_RULES`): history, dates after the issue, aggregate tolls
8. merge (`merging.RULES`): one incident per event across the article

Every candidate gets a `CandidateTrace` (the rules that fired on it, its score and its outcome);
the document's `Trace` holds them all, and each kept incident lists its rules in `rules`.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from desktop.document import Document, Span
from desktop.events import binders as bd
from desktop.events import lexicon as lx
from desktop.events import merging as mg
from desktop.events import refinements as rf
from desktop.events.classifier import IncidentModel, current_model
from desktop.events.features import candidate_features
from desktop.events.fields import SentenceView, casualties, choose_actors, choose_place, place_fields
from desktop.events.model import (
    VIOLENT,
    Candidate,
    Incident,
    aircraft_subject,
    civilian_target,
    has_day,
    has_place,
    unarmed_victims,
)
from desktop.events.signals import DECISION, after_reference, score
from desktop.events.triggers import (
    ANY_TRIGGER,
    DEATH_AIR,
    DEATH_CIVILIANS,
    DEATH_CLASH,
    DEATH_ONE_SIDED,
    TRIGGERS,
    DeathRule,
)
from desktop.events.vetoes import DEATH_CITED, DEATH_NOT_VIOLENT, INSIDE_NAME
from desktop.events.vetoes import RULES as VETOES
from desktop.rules import CandidateTrace, Trace

log = logging.getLogger(__name__)

__all__ = ["Incident", "find_incidents", "incidents_component"]

_PART_OF_DAY = re.compile(lx.word(r"(?:صباحا|مساء|ليلا|فجرا|ظهرا|عصرا|صباح|مساء|ليل|فجر)"))
_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
_GENERIC_KINDS = frozenset({"attack", "killing"})
# Vetoes of a generic word that also drop the unit's other generic words.
_DEFINING_VETOES = ("block.anaphoric", "block.accident.animal")


# --- trigger ----------------------------------------------------------------------------------------


def _candidates(view: SentenceView, trace: Trace) -> list[Candidate]:
    """Trigger candidates of a unit; where two triggers claim the same words, the higher rank
    keeps them (`قصف جوي` is an air strike, not shelling)."""
    found: list[Candidate] = []
    names = [(e.start, e.end) for e in view.entities if e.label in ("ORG", "PER", "LOC")]
    unit = (view.span.start, view.span.end)
    for rule in TRIGGERS:
        for span in view.find(rule.pattern):
            cand_trace = CandidateTrace(unit, span, rule.kind, rule.sub_event_type, [(rule.id, 0.0)])
            if any(a <= span[0] and span[1] <= b for a, b in names):
                cand_trace.drop(INSIDE_NAME.id)  # "حركة تحرير السودان", "منظمة التحرير"
                trace.candidates.append(cand_trace)
                continue
            found.append(
                Candidate(
                    rule.kind, rule.event_type, rule.sub_event_type, span, rule.rank, rule.generic, cand_trace
                )
            )
    found.sort(key=lambda c: (-c.rank, c.span[0]))
    kept: list[Candidate] = []
    for c in found:
        if not any(c.span[0] < k.span[1] and k.span[0] < c.span[1] for k in kept):
            kept.append(c)
            trace.candidates.append(c.trace)
    return sorted(kept, key=lambda c: c.span[0])


def _death_rule(view: SentenceView, span: tuple[int, int]) -> DeathRule:
    """The kind of an incident told by death words alone."""
    if aircraft_subject(view, span):
        return DEATH_AIR
    if unarmed_victims(view) or civilian_target(view):
        return DEATH_CIVILIANS
    # One-sided killing: a named group kills people who are not described as fighters.
    agent_before = any(
        e.label in ("ORG", "ACTOR") and e.end <= span[0] and view.words_between(e.end, span[0]) <= 6
        for e in view.entities
    )
    fighters_killed = any(
        c[0] - span[1] >= 0 and view.words_between(span[1], c[0]) <= 4 for c in view.find(lx.COMBATANTS)
    )
    if agent_before and not fighters_killed and not view.find(lx.INJURY):
        return DEATH_ONE_SIDED
    return DEATH_CLASH


def _death_candidate(view: SentenceView, trace: Trace) -> Candidate | None:
    """An incident implied by death words alone (`قتل 3 مدنيين برصاص ...`), vetoed like any other."""
    unit = (view.span.start, view.span.end)
    cited = view.find(lx.CITE)
    words = view.find(lx.DEATH)
    deaths = [d for d in words if not any(c[0] <= d[0] < c[1] for c in cited)]
    if not deaths:
        if words:
            trace.candidates.append(CandidateTrace(unit, words[0], "killing", "", dropped_by=DEATH_CITED.id))
        return None
    span = deaths[0]
    rule = _death_rule(view, span)
    cand_trace = CandidateTrace(unit, span, rule.kind, rule.sub_event_type, [(rule.id, 0.0)])
    trace.candidates.append(cand_trace)
    cand = Candidate(rule.kind, rule.event_type, rule.sub_event_type, span, rule.rank, False, cand_trace)
    if _vetoed(view, cand):
        return None
    if not _violent_death(view, span):
        cand_trace.drop(DEATH_NOT_VIOLENT.id)
        return None
    return cand


def _violent_death(view: SentenceView, death: tuple[int, int]) -> bool:
    """Death words make an incident on their own only with something of violence around them:
    a toll, a weapon, a named or described actor, fighters or civilians; and not when they are the
    dead of a funeral in their own clause (a funeral elsewhere in the sentence is a signal)."""
    if any(f[1] <= death[0] and not view.has_break_between(f[1], death[0]) for f in view.find(lx.FUNERAL)):
        return False
    return bool(
        view.numbers
        or any(e.label in ("WEAPON", "ORG", "ACTOR") for e in view.entities)
        or view.find(lx.COMBATANTS)
        or view.find(lx.CIVILIANS)
    )


# --- block and refine ---------------------------------------------------------------------------------


def _vetoed(view: SentenceView, cand: Candidate) -> bool:
    """Run the vetoes in order; the first that applies drops the candidate."""
    for veto in VETOES:
        if veto.applies(view, cand):
            cand.trace.drop(veto.id)
            return True
    return False


def _refined(view: SentenceView, cand: Candidate, unit_kinds: set[str]) -> bool:
    """Apply the first refinement that fits; False when it drops the candidate."""
    for rule in rf.REFINEMENTS:
        kind = rule.apply(view, cand, unit_kinds)
        if kind is None:
            continue
        if not kind[1]:
            cand.trace.drop(rule.id)
            return False
        cand.retype(rule.id, *kind)
        break
    return True


def _done_on_a_day(view: SentenceView, cand: Candidate) -> bool:
    """A generic attack word as the object of a deed verb on a named day: "شنت أمس هجوما واسعا"."""
    t0 = cand.span[0]
    return has_day(view) and any(
        v[1] <= t0 and view.words_between(v[1], t0) <= 3 and not view.has_break_between(v[1], t0)
        for v in view.find(lx.VERBAL)
    )


def _drop_all(cands: list[Candidate], rule_id: str) -> None:
    for c in cands:
        c.trace.drop(rule_id)


def _absorbed(live: list[Candidate], kinds: tuple[str, ...], rule_id: str) -> list[Candidate]:
    """The candidates not of `kinds`; those of `kinds` are dropped by `rule_id`."""
    _drop_all([c for c in live if c.kind in kinds], rule_id)
    return [c for c in live if c.kind not in kinds]


def _unit_incidents(view: SentenceView, trace: Trace) -> list[Incident]:
    """Phases trigger, block and refine over one report unit: its incidents before binding."""
    cands = _candidates(view, trace)
    live = [c for c in cands if not _vetoed(view, c)]
    defined = False  # a veto said what the unit's generic words stand for
    for rule_id in _DEFINING_VETOES:
        if any(c.trace.dropped_by == rule_id and c.generic for c in cands):
            defined = True
            # The sentence says what its generic words stand for: an event already told ("هذا
            # الهجوم ... الذي استهدف"), an animal's attack ("وهو ثالث هجوم لأسماك القرش").
            _drop_all([c for c in live if c.generic], rule_id)
            live = [c for c in live if not c.generic]
    kinds = {c.kind for c in live}
    live = [c for c in live if _refined(view, c, kinds)]
    if "suicide" in kinds:  # a suicide bomber's car bomb is one suicide bombing
        live = _absorbed(live, ("ied", "attack"), rf.SUICIDE_ABSORBS.id)
    if "chemical" in kinds:  # "قصف جوي بغازات سامة": the strike delivers the one chemical attack
        live = _absorbed(live, ("air", "shelling", "attack"), rf.CHEMICAL_ABSORBS.id)
    if any(c.sub_event_type == "Disrupted weapons use" for c in live) and not view.find(lx.DEATH):
        # "أحبطت قوات الأمن هجوما بسيارة مفخخة": the foiled attack is the disruption, not an attack.
        _drop_all([c for c in live if c.event_type in VIOLENT], rf.DISRUPTION_ABSORBS.id)
        live = [c for c in live if c.event_type not in VIOLENT]
    specific = [c for c in live if not c.generic]
    if not specific:
        # The toll beside "هذا الهجوم" is the toll of the event already told, not an event of its own.
        death = None if defined else _death_candidate(view, trace)
        if death is not None:
            specific = [death]
        elif live and (
            view.find(lx.DEATH) or view.find(lx.INJURY) or has_place(view) or _done_on_a_day(view, live[0])
        ):
            specific = [live[0]]  # a generic attack word counts only with something concrete around it
        else:
            _drop_all(live, rf.GENERIC_NEEDS_CONCRETE.id)
            return []
    _drop_all([c for c in live if c.generic and c not in specific], rf.GENERIC_ABSORBED.id)
    # One incident per kind of event in the unit; the first trigger of a kind gives its position.
    by_kind: dict[tuple[str, str], Candidate] = {}
    for c in sorted(specific, key=lambda c: (after_reference(view, c.span[0]), c.span[0])):
        if (c.event_type, c.sub_event_type) in by_kind:
            c.trace.drop(rf.ONE_PER_KIND.id)
        else:
            by_kind[(c.event_type, c.sub_event_type)] = c
    territory = {k for k in by_kind if k[1] in _TERRITORY}
    if territory:
        # Fighting that takes a place is coded as the change of territory.
        clash = by_kind.pop((lx.BATTLES, "Armed clash"), None)
        if clash is not None:
            clash.trace.drop(rf.TERRITORY_ABSORBS_CLASH.id)
        if len(territory) == 2:
            by_kind.pop(min(territory, key=lambda k: by_kind[k].span[0])).trace.drop(
                rf.TERRITORY_ABSORBS_CLASH.id
            )
    if any(k[0] in (lx.EXPLOSIONS, lx.VAC) for k in by_kind):
        key = (lx.BATTLES, "Armed clash")
        if key in by_kind and by_kind[key].kind in ("attack", "gunfire", "killing"):
            by_kind.pop(key).trace.drop(rf.SPECIFIC_ABSORBS_CLASH.id)
    out = []
    for (event_type, sub), cand in sorted(by_kind.items(), key=lambda kv: kv[1].span[0]):
        inc = Incident(event_type, sub, (view.span.start, view.span.end), cand.span, cand.trace)
        inc.generic = cand.kind in _GENERIC_KINDS
        out.append(inc)
    return out


# --- bind -----------------------------------------------------------------------------------------------


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


def _bind(view: SentenceView, inc: Incident, context: _Context) -> None:
    f, ev = inc.fields, inc.fields_evidence
    why: list[str] = []
    window = (view.span.start, view.span.end)
    if inc.event_type in VIOLENT or inc.sub_event_type == "Excessive force against protesters":
        killed, k_ev = casualties(view, "death", window, why)
        wounded, w_ev = casualties(view, "injury", window, why)
        f["fatalities"], f["injuries"] = killed, wounded
        if k_ev:
            ev["fatalities"] = k_ev
        if w_ev:
            ev["injuries"] = w_ev
    else:
        f["fatalities"], f["injuries"] = None, None
    agent, patient = choose_actors(view, inc.trigger, inc.sub_event_type, why)
    acting_country = (
        agent.span if agent is not None and agent.span is not None and agent.span.label == "LOC" else None
    )
    place = choose_place(view, inc.trigger, acting_country)
    inc.own_place = place is not None
    inc.has_day = has_day(view)
    inc.another = bool(view.find(lx.ANOTHER))
    if place is not None:
        why.append(bd.PLACE_SENTENCE.id)
    elif context.place is not None and context.place_sentence >= context.sentence - 1:
        place = context.place
        why.append(bd.PLACE_PREVIOUS.id)
    if place is not None:
        s = place.span
        f.update(place_fields(view.doc.text, s, place.container))
        f["geo_precision"] = place.precision
        if place.container is not None:
            f["geo_precision"] = max(2, place.precision)  # coordinates of the admin unit around it
            why.append(bd.PLACE_CONTAINER.id)
        if place.near and place.precision == 2:
            why.append(bd.PLACE_NEAR.id)
        ev["location"] = (s.start, s.end)
    date = _choose_date(view, inc, context, why)
    if date is not None:
        f["date"] = date.attrs.get("value")
        f["time_precision"] = date.attrs.get("time_precision")
        ev["date"] = (date.start, date.end)
        if date is context.lead_date and not view.span.start <= date.start < view.span.end:
            f["time_precision"] = max(2, int(date.attrs.get("time_precision") or 1))  # inferred from the lead
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
        why.append(bd.WEAPON_NEAREST.id)
    if inc.sub_event_type in _TERRITORY:
        state = f.get("inter1") == 1
        inc.sub_event_type = _TERRITORY[0] if state else _TERRITORY[1]
        inc.trace.sub_event_type = inc.sub_event_type
        why.append(bd.TERRITORY_SIDE.id)
    ev["event_type"] = inc.trigger
    inc.summary = bool(view.find(lx.SUMMARY))
    if inc.summary:
        why.append(bd.SUMMARY.id)
    for rule_id in dict.fromkeys(why):
        inc.trace.hit(rule_id)


def _choose_date(view: SentenceView, inc: Incident, context: _Context, why: list[str]) -> Span | None:
    dates = [d for d in view.dates if d.attrs.get("value")]
    if dates:
        why.append(bd.DATE_SENTENCE.id)
        return min(dates, key=lambda d: abs(d.start - inc.trigger[0]))
    if context.date is not None:
        same_paragraph = context.date_paragraph == view.paragraph
        # The next sentence, even across a paragraph break, goes on with the same story when it
        # names a part of the day or the same kind of event ("...بدأت مساء الجمعة قصف" / "شنت هجوما").
        right_after = context.date_sentence == context.sentence - 1 and (
            bool(view.find(_PART_OF_DAY)) or inc.sub_event_type in context.date_kinds
        )
        if same_paragraph or right_after:
            if _since(view.doc, context.date):
                why.append(bd.DATE_SINCE.id)
                return None
            why.append(bd.DATE_PARAGRAPH.id if same_paragraph else bd.DATE_NEXT_SENTENCE.id)
            return context.date
    if context.lead_date is not None and (
        view.paragraph <= context.lead_paragraph + 1 or context.date is context.lead_date
    ):
        # The lead's day holds for the lead and the paragraph after it, and for the whole article
        # while it names no other day; after another day, an undated sentence is undetermined.
        why.append(bd.DATE_LEAD.id)
        return context.lead_date
    return None


_SINCE = re.compile(r"(?:^|\s)(?:منذ|مُنذ|خلال|طوال|حتى)\s*$")


def _since(doc: Document, date: Span) -> bool:
    """A day that opens or closes a period ("منذ 20 أكتوبر الماضي") dates no later report."""
    return bool(_SINCE.search(doc.text[max(0, date.start - 8) : date.start]))


# --- score and confidence ----------------------------------------------------------------------------


def _confidence(score_value: float) -> float:
    """A probability-like reading of the evidence score around the decision threshold (a logistic
    curve with unit slope; the learned classifier gives calibrated probabilities instead)."""
    return 1.0 / (1.0 + math.exp(-(score_value - DECISION.threshold)))


# --- the article -----------------------------------------------------------------------------------------


def find_incidents(doc: Document, keep_features: bool = False) -> tuple[list[Incident], Trace]:
    """The incidents of an article and the trace of every candidate (with `keep_features`, each
    scored candidate keeps its features in the trace, for training the decision)."""
    trace = Trace(doc.text, keep_features=keep_features)
    model = current_model()
    units = mg.report_units(doc, trace.article_rules)
    tokens = mg.by_sentence(units, doc.layers.get("tokens", []))
    entities = mg.by_sentence(units, doc.layers.get("entities", []))
    numbers = mg.by_sentence(units, doc.layers.get("numbers", []))
    dates = mg.by_sentence(units, doc.layers.get("dates", []))
    paragraphs = mg.paragraph_of(doc, units)
    repeats = mg.headline_paragraphs(doc)
    context = _Context()
    found: list[Incident] = []
    # The last unit's incidents (features, whether reported): the next unit may complete them.
    pending: list[tuple[Incident, dict[str, float], bool]] = []
    claims: list[Span] = []
    lead = 0  # sentences of the body seen so far (the lead is the first two)
    for i, unit in enumerate(units):
        context.sentence = i
        view = SentenceView.build(doc, unit, paragraphs[i], entities[i], numbers[i], dates[i])
        incidents = _unit_incidents(view, trace) if ANY_TRIGGER.search(view.text) else []
        if incidents and mg.too_old(view, doc.date):
            for inc in incidents:
                inc.trace.drop(mg.HISTORY_SENTENCE.id)
            incidents = []
        for inc in incidents:
            _bind(view, inc, context)
            inc.headline = paragraphs[i] in repeats
            if inc.headline:
                inc.trace.hit(mg.HEADLINE.id)
        incidents = _with_own_traces(mg.split_coordinated(view, incidents), trace)
        mg.share_casualties(incidents)
        told: list[tuple[Incident, dict[str, float], bool]] = []
        for inc in incidents:
            value = score(view, inc)
            inc.trace.score = value
            features = (
                candidate_features(view, inc, tokens[i], i, paragraphs[i] in repeats, doc.date)
                if model is not None
                else {}
            )
            group = next((p for p in pending if mg.completes(inc, p[0], doc.text)), None)
            if group is None:
                reported = _decide(inc, value, features, model, trace.keep_features)
                if reported:
                    _report(inc, doc, found)
                told.append((inc, features, reported))
                continue
            # The report before, completed by this sentence's place or day: one mention group.
            pending.remove(group)
            earlier, earlier_features, earlier_reported = group
            reported_here = _decide(inc, value, features, model, trace.keep_features)
            earlier.trace.score = (earlier.trace.score or 0.0) + mg.take_circumstances(earlier, inc)
            earlier.trace.hit(mg.CIRCUMSTANCES.id)
            earlier_features["score:hand"] = earlier.trace.score
            inc.trace.drop(mg.CIRCUMSTANCES.id)
            if earlier_reported:
                continue
            if _decide(earlier, earlier.trace.score, earlier_features, model, trace.keep_features) or (
                reported_here
            ):
                _report(earlier, doc, found)
            else:
                earlier.trace.drop(DECISION.id)
        _drop_unreported(pending)  # not completed by this sentence
        pending = told
        claims.extend(mg.claimed_groups(view))
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
    _drop_unreported(pending)
    found.sort(key=lambda inc: inc.trigger[0])
    mg.article_names(doc, found)
    mg.adopt_specific(found)
    kept = mg.merge(found, trace.article_rules)
    mg.place_from_article(doc, kept)
    mg.fill_actors(doc, kept, claims)
    for inc in kept:
        inc.trace.kept = True
        inc.rules = list(dict.fromkeys([r for r, _ in inc.trace.fired] + inc.rules))
    return kept, trace


def _decide(
    inc: Incident, value: float, features: dict[str, float], model: IncidentModel | None, keep: bool
) -> bool:
    """The decision `score.reported` on one incident (or mention group): its confidence, recorded."""
    if model is None:
        inc.confidence = _confidence(value)
        reported = value >= DECISION.threshold
    else:
        if keep:
            inc.trace.features = features
            inc.trace.bound = {k: inc.fields.get(k) for k in ("location", "date")}
        inc.confidence = model.probability(features)
        reported = inc.confidence >= model.threshold
    inc.trace.confidence = inc.confidence
    return reported


def _drop_unreported(pending: list[tuple[Incident, dict[str, float], bool]]) -> None:
    """The last unit's incidents under the threshold that no later sentence completed: dropped."""
    for inc, _features, reported in pending:
        if not reported:
            inc.trace.drop(DECISION.id)


def _report(inc: Incident, doc: Document, found: list[Incident]) -> None:
    """A reported incident joins the article's, unless a filter of history or aggregates drops it."""
    dropped = mg.filtered_by(inc, doc.date)
    if dropped is not None:
        inc.trace.drop(dropped)
    else:
        found.append(inc)


def _with_own_traces(incidents: list[Incident], trace: Trace) -> list[Incident]:
    """Incidents split from one candidate (one per place) get a trace of their own."""
    seen: set[int] = set()
    out = []
    for inc in incidents:
        if id(inc.trace) in seen:
            inc = replace(inc, trace=replace(inc.trace, fired=list(inc.trace.fired)))
            trace.candidates.append(inc.trace)
        seen.add(id(inc.trace))
        out.append(inc)
    return out


def incidents_component(doc: Document) -> Document:
    """Pipeline component: fill `doc.incidents` (typed records), an `incidents` layer of evidence and
    the document's trace."""
    incidents, trace = find_incidents(doc)
    doc.incidents = [inc.to_record() for inc in incidents]
    doc.set_layer("incidents", [Span(i.evidence[0], i.evidence[1], i.sub_event_type) for i in incidents])
    if doc.trace is None:
        doc.trace = trace
    else:
        doc.trace.candidates.extend(trace.candidates)
        doc.trace.article_rules.extend(trace.article_rules)
    return doc
