"""Every rule's examples, through the real pipeline: `fires` texts must put the rule's id in the
trace, `spares` texts must not. Also: a rule without both kinds of example does not load."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from desktop.document import Document
from desktop.nlp.entity_rules import EntityExample
from desktop.pipeline import extract
from desktop.rules import Example, Phase, Rule, RuleBook, RuleError, Scope, rulebook

BOOK = rulebook()
CASES = [
    pytest.param(rule.id, must_fire, example, id=f"{rule.id}-{'fires' if must_fire else 'spares'}{k}")
    for rule in BOOK
    for k, (must_fire, example) in enumerate(rule.examples())
]


@cache
def fired(text: str, date: str) -> frozenset[str]:
    doc = extract(Document.from_text(text, id="example", date=dt.date.fromisoformat(date)))
    assert doc.trace is not None
    return frozenset(doc.trace.fired())


@pytest.mark.parametrize(("rule_id", "must_fire", "example"), CASES)
def test_rule_example(rule_id: str, must_fire: bool, example: Example) -> None:
    ids = fired(example.text, example.date)
    if must_fire:
        assert rule_id in ids, f"{rule_id} should fire on: {example.text}\nfired: {sorted(ids)}"
    else:
        assert rule_id not in ids, f"{rule_id} should spare: {example.text}"


SPAN_CASES = [
    pytest.param(example, id=f"{rule.id}-{'fires' if must_fire else 'spares'}{k}")
    for rule in BOOK
    for k, (must_fire, example) in enumerate(rule.examples())
    if isinstance(example, EntityExample)
]


@cache
def spans(text: str, date: str) -> frozenset[tuple[str, str]]:
    doc = extract(Document.from_text(text, id="example", date=dt.date.fromisoformat(date)))
    return frozenset((doc.text[e.start : e.end], e.label) for e in doc.layers.get("entities", []))


@pytest.mark.parametrize("example", SPAN_CASES)
def test_entity_example_spans(example: EntityExample) -> None:
    found = spans(example.text, example.date)
    for span in example.has:
        assert span in found, f"{span} expected in: {example.text}\nfound: {sorted(found)}"
    for span in example.lacks:
        assert span not in found, f"{span} not expected in: {example.text}\nfound: {sorted(found)}"


def test_every_phase_of_the_incident_stage_has_rules() -> None:
    phases = {rule.phase for rule in BOOK}
    assert set(Phase) <= phases


def test_a_rule_without_both_kinds_of_example_does_not_load() -> None:
    with pytest.raises(RuleError, match="examples"):
        Rule(
            id="block.test.x", phase=Phase.BLOCK, description="x", scope=Scope.TOKENS, fires=("a",), spares=()
        )
    with pytest.raises(RuleError, match="examples"):
        Rule(
            id="block.test.x", phase=Phase.BLOCK, description="x", scope=Scope.TOKENS, fires=(), spares=("a",)
        )


def test_rule_ids_are_dotted_names_of_their_phase_and_unique() -> None:
    with pytest.raises(RuleError, match="dotted"):
        Rule(
            id="Block X", phase=Phase.BLOCK, description="x", scope=Scope.TOKENS, fires=("a",), spares=("b",)
        )
    with pytest.raises(RuleError, match="starts with"):
        Rule(
            id="trigger.x",
            phase=Phase.BLOCK,
            description="x",
            scope=Scope.TOKENS,
            fires=("a",),
            spares=("b",),
        )
    rule = Rule(
        id="block.x", phase=Phase.BLOCK, description="x", scope=Scope.TOKENS, fires=("a",), spares=("b",)
    )
    with pytest.raises(RuleError, match="two rules"):
        RuleBook([rule, rule])
