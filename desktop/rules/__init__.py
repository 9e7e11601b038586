"""Extraction rules as named data: ids, phases, scopes, examples, and the trace of what fired.

A rule is a row (a frozen dataclass) with a stable dotted id (`block.accident.road`), the phase it
runs in, a one-line description, its scope, its pattern data and two kinds of examples: `fires`
(texts where it must apply) and `spares` (texts where it must not). A rule without both kinds of
example does not load (`RuleError`); `tests/test_rules.py` runs every example through the real
pipeline and checks that the rule's id does or does not appear in the trace.

The incident stage runs its phases in this fixed order (see `desktop.events.incidents`):

1. `unit`: report units (sentences, with chained reports split off; headline and footer paragraphs)
2. `trigger`: event words in verb, noun and phrase forms, and death words that imply violence
3. `block`: precise vetoes near the trigger (a plan, a denial, an accident as the cause of death)
4. `refine`: the sub-event type from cues around the trigger; one candidate per kind of event
5. `bind`: fields bound to their words (casualties, place, date, actors, weapon)
6. `score`: named evidence signals, weighted, and the one decision that keeps or drops
7. `filter`: incidents dated long before or after the issue, aggregate tolls
8. `merge`: one incident per event across the article

The entity stage's rules have phase `entity`. Every rule that makes or shapes something leaves its
id in the trace: on the incident (`rules`), on the entity span (`attrs["rules"]`), and on a
dropped candidate (`dropped_by`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

Evidence = tuple[int, int]


class RuleError(ValueError):
    """A rule table is malformed (bad id, missing examples, duplicate id)."""


class Phase(enum.Enum):
    """The phases of extraction, in the order they run."""

    UNIT = "unit"
    TRIGGER = "trigger"
    BLOCK = "block"
    REFINE = "refine"
    BIND = "bind"
    SCORE = "score"
    FILTER = "filter"
    MERGE = "merge"
    ENTITY = "entity"


class Scope(enum.Enum):
    """How far from the trigger (or the candidate span) a rule looks."""

    TOKENS = "token window"
    CLAUSE = "clause"
    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"
    ARTICLE = "article"


# The publication date of an example unless it says otherwise (a Wednesday).
EXAMPLE_DATE = "2017-03-15"


@dataclass(frozen=True)
class Example:
    """A text for a rule's examples, with the publication date relative dates resolve against."""

    text: str
    date: str = EXAMPLE_DATE


ExampleLike = Example | str


def as_example(example: ExampleLike) -> Example:
    return example if isinstance(example, Example) else Example(example)


_ID = re.compile(r"^[a-z0-9_]+(?:\.[a-z0-9_]+)+$")


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One named rule: the fields every rule has. Phase-specific rows add their pattern data."""

    id: str
    phase: Phase
    description: str
    scope: Scope
    fires: tuple[ExampleLike, ...]
    spares: tuple[ExampleLike, ...]

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise RuleError(f"{self.id!r}: a rule id is dotted lowercase words (`block.accident.road`)")
        if not self.id.startswith(self.phase.value + ".") and self.phase not in _FREE_PREFIX:
            raise RuleError(f"{self.id}: the id of a {self.phase.value} rule starts with {self.phase.value}.")
        if not self.description.strip():
            raise RuleError(f"{self.id}: no description")
        if not self.fires or not self.spares:
            raise RuleError(f"{self.id}: a rule needs examples that fire and examples that it spares")

    def examples(self) -> Iterator[tuple[bool, Example]]:
        """(must fire?, example) for every example of the rule."""
        for ex in self.fires:
            yield True, as_example(ex)
        for ex in self.spares:
            yield False, as_example(ex)


# Phases whose rule ids need not repeat the phase name (filters drop, merges also split).
_FREE_PREFIX = frozenset({Phase.MERGE, Phase.FILTER, Phase.BIND})


class RuleBook:
    """Every rule of the extraction, by id; ids are unique."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in self._rules:
                raise RuleError(f"{rule.id}: two rules have this id")
            self._rules[rule.id] = rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def by_phase(self, phase: Phase) -> list[Rule]:
        return [r for r in self._rules.values() if r.phase is phase]


def rulebook() -> RuleBook:
    """All rules of the incident and entity stages (imported on first use)."""
    from desktop.events import binders, merging, refinements, signals, triggers, vetoes
    from desktop.nlp import entity_rules

    return RuleBook(
        [
            *merging.UNIT_RULES,
            *triggers.RULES,
            *vetoes.ALL,
            *refinements.RULES,
            *binders.RULES,
            *signals.RULES,
            *merging.FILTER_RULES,
            *merging.RULES,
            *entity_rules.RULES,
        ]
    )


# --- the trace ------------------------------------------------------------------------------------


@dataclass
class CandidateTrace:
    """One incident candidate: where it was found, each rule that fired on it (with its contribution
    to the score, 0 for rules that do not score), and its outcome."""

    unit: Evidence
    trigger: Evidence
    kind: str
    sub_event_type: str
    fired: list[tuple[str, float]] = field(default_factory=list)
    score: float | None = None
    confidence: float | None = None
    dropped_by: str | None = None
    kept: bool = False
    # The candidate's features for the learned decision (kept only when a trace asks for them).
    features: dict[str, float] | None = field(default=None, repr=False)
    # Its bound place and day (with the features), for labelling it against an annotation.
    bound: dict[str, Any] | None = field(default=None, repr=False)

    def hit(self, rule_id: str, contribution: float = 0.0) -> None:
        if contribution == 0.0 and (rule_id, 0.0) in self.fired:
            return  # a rule that shapes without scoring is listed once
        self.fired.append((rule_id, contribution))

    def drop(self, rule_id: str) -> None:
        if self.dropped_by is None:
            self.dropped_by = rule_id
            self.kept = False

    def to_json(self, text: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "unit": list(self.unit),
            "trigger": {"start": self.trigger[0], "end": self.trigger[1], "text": text[slice(*self.trigger)]},
            "kind": self.kind,
            "sub_event_type": self.sub_event_type,
            "rules": [{"id": r, "contribution": round(c, 3)} for r, c in self.fired],
            "outcome": "kept" if self.kept else "dropped",
        }
        if self.score is not None:
            out["score"] = round(self.score, 3)
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 3)
        if self.dropped_by is not None:
            out["dropped_by"] = self.dropped_by
        return out


@dataclass
class EntityDrop:
    """An entity candidate a rule removed (or a longer span replaced)."""

    start: int
    end: int
    label: str
    rule: str


@dataclass
class Trace:
    """What the rules did to one document."""

    text: str
    candidates: list[CandidateTrace] = field(default_factory=list)
    entity_drops: list[EntityDrop] = field(default_factory=list)
    entity_rules: set[str] = field(default_factory=set)  # ids of rules that made or shaped a span
    article_rules: list[str] = field(default_factory=list)  # merges and other article-wide rules
    keep_features: bool = False  # training: record each scored candidate's features

    def fired(self) -> set[str]:
        """Every rule id that fired anywhere in the document."""
        ids = {r for c in self.candidates for r, _ in c.fired}
        ids |= {c.dropped_by for c in self.candidates if c.dropped_by}
        ids |= {d.rule for d in self.entity_drops}
        return ids | self.entity_rules | set(self.article_rules)

    def to_json(self) -> list[dict[str, Any]]:
        return [c.to_json(self.text) for c in self.candidates]
