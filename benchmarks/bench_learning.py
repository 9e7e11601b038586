"""Learning curve of project-local models: does a project learn from its reviewed articles?

usage: .venv/bin/python benchmarks/bench_learning.py [--k 10 20 40] [--test 40] [--seeds 2]

For each seed, the gold-dev articles not among the first 15 (the tuned ones) are shuffled; the last
`--test` are the held-out articles, imported unreviewed. For each K, the first K of the others are
imported with their annotations as reviewed (`import --reviewed`, the gold converted to spans:
every mention of an annotated surface form, clitics outside; an incident's evidence located in the
text), the project's models are trained (`rasid train`), put in use, the held-out articles are
re-extracted, and their output is scored with `../shared/eval/score_articles.py` against the bundled
models' output on the same articles. Prints entity and incident F1 against K, the training time and
the growth of the project file. Numbers, never asserts.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import training_data as td  # noqa: E402

from desktop.document import clean_text  # noqa: E402
from desktop.ingest import import_paths, reextract  # noqa: E402
from desktop.learning.train import train_project  # noqa: E402
from desktop.store.project import Project  # noqa: E402

LETTER = re.compile(r"[\u0621-\u064a\u0660-\u0669A-Za-z0-9]")
CLITICS = "وفبلك"
FIELDS = ("event_type", "sub_event_type", "date", "location", "admin1", "country", "actor1", "actor2",
          "fatalities", "injuries")  # fmt: skip


def mentions(text: str, surface: str) -> list[tuple[int, int]]:
    """Every occurrence of `surface` standing as a word or after proclitics (و، ف، ب، ل، ك، ال)."""
    out = []
    at = text.find(surface)
    while at >= 0 and surface:
        end = at + len(surface)
        before = at
        while before > 0 and text[before - 1] in CLITICS and before > at - 2:
            before -= 1
        starts_word = before == 0 or not LETTER.match(text[before - 1])
        ends_word = end == len(text) or not LETTER.match(text[end])
        if starts_word and ends_word:
            out.append((at, end))
        at = text.find(surface, at + 1)
    return out


def reviewed_record(a: td.Annotated) -> dict[str, Any]:
    """The article with its gold annotation as spans (the `rasid extract` output form)."""
    entities = []
    taken: set[int] = set()
    for e in sorted(a.gold.get("entities", []), key=lambda e: -len(e["text"])):
        for s, t in mentions(a.text, e["text"]):
            if taken.isdisjoint(range(s, t)):
                entities.append({"start": s, "end": t, "type": e["type"]})
                taken.update(range(s, t))
    incidents = []
    for g in a.gold.get("incidents", []):
        inc = {k: g.get(k) for k in FIELDS if g.get(k) is not None}
        at = a.text.find(g.get("evidence") or "\0")
        if at >= 0:
            inc["evidence"] = {"start": at, "end": at + len(g["evidence"])}
        incidents.append(inc)
    return {**a.record(), "entities": entities, "incidents": incidents}


def output_of(project: Project, ids: set[str]) -> list[dict[str, Any]]:
    out = []
    for aid in project.articles.ids():
        art = project.articles.get(aid)
        if art.external_id not in ids:
            continue
        ents = [
            {"start": e.start, "end": e.end, "type": e.type}
            for e in project.entities.for_article(aid)
            if e.status != "rejected"
        ]
        incs = [i.record().to_json() for i in project.incidents.for_article(aid) if i.status != "rejected"]
        out.append({"id": art.external_id, "entities": ents, "incidents": incs})
    return out


def score(articles: list[td.Annotated], output: list[dict[str, Any]]) -> dict[str, Any]:
    """The official scorer; offsets of the output are into the stored text (blanks around it go)."""
    return td.official_score(articles, output, lambda a: clean_text(a.text).strip())


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def run(seed: int, ks: list[int], n_test: int, jobs: int) -> list[dict[str, Any]]:
    pool = [a for a in td.gold_dev() if a.id.startswith("d")]
    random.Random(seed).shuffle(pool)
    test, train = pool[-n_test:], pool[:-n_test]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tests = Path(tmp) / "test.jsonl"
        write_jsonl(tests, [a.record() for a in test])
        base = Path(tmp) / "base.rasid"
        with Project.create(base) as project:
            import_paths(project, [tests], jobs=jobs)
            bundled = score(test, output_of(project, {a.id for a in test}))
        for k in ks:
            path = Path(tmp) / f"k{k}.rasid"
            path.write_bytes(base.read_bytes())
            reviewed = Path(tmp) / f"reviewed{k}.jsonl"
            write_jsonl(reviewed, [reviewed_record(a) for a in train[:k]])
            with Project.open(path) as project:
                report = import_paths(project, [reviewed], reviewed=True)
                size_before = path.stat().st_size
                started = time.monotonic()
                result = train_project(project)
                seconds = time.monotonic() - started
                for mid in (result.entity_model_id, result.incident_model_id):
                    if mid is not None:
                        project.models.use(mid)
                reextract(project, jobs=jobs)
                learned = score(test, output_of(project, {a.id for a in test}))
            grown = path.stat().st_size - size_before
            rows.append(
                {
                    "seed": seed,
                    "k": k,
                    "imported": report.imported,
                    "train_s": round(seconds, 1),
                    "model_kib": round(grown / 1024),
                    "entity_bundled": bundled["entity_ALL"]["f1"],
                    "entity_project": learned["entity_ALL"]["f1"],
                    "incident_bundled": bundled["incident"]["f1"],
                    "incident_project": learned["incident"]["f1"],
                    "cv": result.cv,
                }
            )
            r = rows[-1]
            print(
                f"seed {seed} K={k:<3} train {r['train_s']:>5} s  +{r['model_kib']} KiB  "
                f"entity F1 {r['entity_bundled']:.3f} -> {r['entity_project']:.3f}  "
                f"incident F1 {r['incident_bundled']:.3f} -> {r['incident_project']:.3f}  "
                f"(CV on reviewed: entities {result.cv['entities']['bundled']['f1']:.3f}/"
                f"{result.cv['entities']['project']['f1']:.3f}, incidents "
                f"{result.cv['incidents']['bundled']['f1']:.3f}/{result.cv['incidents']['project']['f1']:.3f})",
                flush=True,
            )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, nargs="+", default=[10, 20, 40])
    parser.add_argument("--test", type=int, default=40)
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    args = parser.parse_args()
    try:
        rows = [r for seed in range(args.seeds) for r in run(seed, args.k, args.test, args.jobs)]
    except td.MissingData as exc:
        print(exc, file=sys.stderr)
        return 1
    print("\nmean over seeds:")
    for k in args.k:
        sel = [r for r in rows if r["k"] == k]
        mean = {key: sum(r[key] for r in sel) / len(sel) for key in ("entity_bundled", "entity_project",
                "incident_bundled", "incident_project", "train_s", "model_kib")}  # fmt: skip
        print(
            f"K={k:<3} entity F1 {mean['entity_bundled']:.3f} -> {mean['entity_project']:.3f}   "
            f"incident F1 {mean['incident_bundled']:.3f} -> {mean['incident_project']:.3f}   "
            f"train {mean['train_s']:.0f} s   +{mean['model_kib']:.0f} KiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
