"""CoNLL/BIO export of the entity annotations: one `token<TAB>tag` per line, a blank line between sentences.

Tokens come from `desktop.text.tokens.tokenize`, sentences from `desktop.text.sentences.split_sentences`.
`scope="reviewed"` keeps the analyst's judgement only (accepted or edited entities and analyst
entities); `scope="all"` adds unreviewed machine entities. Rejected entities never count. Where
entities overlap, the longest wins. `tagset="anercorp"` maps PER->PERS, keeps LOC and ORG, turns
other named types (e.g. GPE, FAC) into MISC and drops value types (DATE, NUM, WEAPON, ...).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import InputError
from desktop.export.filters import ExportFilter, ProgressFn, collect
from desktop.store.entities import Entity
from desktop.text.sentences import split_sentences
from desktop.text.tokens import tokenize

if TYPE_CHECKING:
    from desktop.store.project import Project

SCOPES = ("reviewed", "all")
VALUE_TYPES = frozenset({"DATE", "TIME", "NUM", "WEAPON", "MONEY", "PERCENT", "QUANTITY"})


def _selected(entities: list[Entity], scope: str) -> list[Entity]:
    if scope not in SCOPES:
        raise InputError(f"Unknown entity scope {scope!r}; use one of {', '.join(SCOPES)}.")
    keep = [
        e
        for e in entities
        if e.status != "rejected"
        and (scope == "all" or e.origin == "analyst" or e.status in ("accepted", "edited"))
    ]
    chosen: list[Entity] = []
    for e in sorted(keep, key=lambda e: (-(e.end - e.start), e.start)):
        if not any(e.start < c.end and c.start < e.end for c in chosen):
            chosen.append(e)
    return sorted(chosen, key=lambda e: e.start)


def _label(type_: str, tagset: str) -> str | None:
    if tagset != "anercorp":
        return type_
    if type_ == "PER":
        return "PERS"
    if type_ in ("LOC", "ORG"):
        return type_
    return None if type_ in VALUE_TYPES else "MISC"


def bio_lines(text: str, entities: list[Entity], scope: str = "reviewed", tagset: str = "rasid") -> list[str]:
    """CoNLL lines of one article (sentences separated by empty strings, no trailing empty line)."""
    chosen = _selected(entities, scope)
    lines: list[str] = []
    for sent in split_sentences(text):
        tokens = [
            t
            for t in tokenize(text[sent.start : sent.end])
            if text[sent.start + t.start : sent.start + t.end].strip()
        ]
        if not tokens:
            continue
        if lines:
            lines.append("")
        last: Entity | None = None
        for t in tokens:
            s, e = sent.start + t.start, sent.start + t.end
            ent = next((c for c in chosen if c.start < e and s < c.end), None)
            label = _label(ent.type, tagset) if ent else None
            word = text[s:e].replace("\t", " ").replace("\n", " ")
            if ent is None or label is None:
                lines.append(f"{word}\tO")
                last = None
            else:
                lines.append(f"{word}\t{'I' if ent is last else 'B'}-{label}")
                last = ent
    return lines


def write_conll(
    project: Project,
    out: str | Path,
    flt: ExportFilter | None = None,
    scope: str = "reviewed",
    tagset: str = "rasid",
    doc_comments: bool = True,
    progress: ProgressFn | None = None,
) -> int:
    """Write the BIO file of the selected articles; returns the number of sentences."""
    data = collect(project, flt, progress=progress)
    sentences = 0
    with Path(out).open("w", encoding="utf-8", newline="\n") as fh:
        for a in data.articles:
            lines = bio_lines(a.text, data.entities.get(a.id, []), scope, tagset)
            if not lines:
                continue
            if doc_comments:
                fh.write(f"# article = {a.external_id}\n")
            fh.write("\n".join(lines) + "\n\n")
            sentences += lines.count("") + 1
    return sentences
