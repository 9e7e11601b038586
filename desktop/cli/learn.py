"""Learning subcommands of the `rasid` CLI: review, train, models.

`rasid review P ID...` marks articles reviewed (their annotations become training data);
`rasid train P` learns the project's own entity and incident models from the reviewed articles and
prints their cross-validated score beside the bundled models' on the same articles; `rasid models P`
lists the stored models and `--use ID` / `--bundled KIND` chooses which one re-extraction uses.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop.errors import InputError


def register(sub: Any) -> None:
    """Add the learning subcommands to the `rasid` argument parser."""
    p = sub.add_parser("review", help="mark articles reviewed (their annotations become training data)")
    p.add_argument("project", help="project file")
    p.add_argument("articles", nargs="*", help="article ids (external ids) to mark")
    p.add_argument("--all", action="store_true", help="mark every article")
    p.add_argument("--undo", action="store_true", help="unmark instead")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("train", help="learn the project's own models from its reviewed articles")
    p.add_argument("project", help="project file")
    p.add_argument("--use", action="store_true", help="put the new models in use when they score better")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("models", help="list the project's models and choose the ones in use")
    p.add_argument("project", help="project file")
    p.add_argument("--use", type=int, metavar="ID", help="put this model in use")
    p.add_argument("--bundled", choices=("entities", "incidents"), help="go back to the bundled model")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(func=cmd_models)


def cmd_review(args: argparse.Namespace) -> int:
    from desktop.store.project import Project

    with Project.open(args.project) as project:
        if args.all:
            ids = project.articles.ids()
        else:
            if not args.articles:
                raise InputError("Name the articles to mark (their ids), or use --all.")
            ids = [project.articles.by_external_id(x).id for x in args.articles]
        changed = project.reviews.mark(ids, reviewed=not args.undo)
        total = len(project.reviews.ids())
    print(f"{'unmarked' if args.undo else 'marked'} {changed} article(s); {total} reviewed in all")
    return 0


def _line(kind: str, cv: dict[str, Any]) -> str:
    b, p = cv["bundled"], cv["project"]
    return f"{kind:<10} bundled F1 {b['f1']:.3f}   project F1 {p['f1']:.3f}   ({p['tp'] + p['fn']} annotated)"


def cmd_train(args: argparse.Namespace) -> int:
    from desktop.learning.train import TrainingError, train_project
    from desktop.store.project import Project

    def progress(stage: str, done: float) -> None:
        if not args.json:
            print(f"\r{stage} ({done:.0%})".ljust(60), end="", file=sys.stderr, flush=True)

    with Project.open(args.project) as project:
        try:
            result = train_project(project, progress)
        except TrainingError as exc:
            raise InputError(str(exc)) from exc
        finally:
            if not args.json:
                print(file=sys.stderr)
        used = []
        if args.use:
            for kind, mid in (("entities", result.entity_model_id), ("incidents", result.incident_model_id)):
                cv = result.cv[kind]
                if mid is not None and cv["project"]["f1"] > cv["bundled"]["f1"]:
                    project.models.use(mid)
                    used.append(kind)
    if args.json:
        out = {
            "articles": result.articles,
            "seconds": round(result.seconds, 1),
            "cv": result.cv,
            "models": {"entities": result.entity_model_id, "incidents": result.incident_model_id},
            "in_use": used,
        }
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"learned from {result.articles} reviewed articles in {result.seconds:.0f} s")
    print(f"cross-validated on them ({result.cv['folds']} folds):")
    print("  " + _line("entities", result.cv["entities"]))
    print("  " + _line("incidents", result.cv["incidents"]))
    ids = f"entities #{result.entity_model_id}, incidents #{result.incident_model_id}"
    if args.use:
        none = "none (the bundled models scored as well or better)"
        print(f"stored ({ids}); in use: {', '.join(used) or none}")
    else:
        print(f"stored ({ids}), not in use: `rasid models {args.project} --use ID` chooses one")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    from desktop.store.project import Project

    with Project.open(args.project) as project:
        if args.use is not None:
            try:
                project.models.use(args.use)
            except KeyError:
                raise InputError(
                    f"The project has no model #{args.use} (`rasid models` lists them)."
                ) from None
        if args.bundled:
            project.models.use_bundled(args.bundled)
        models = project.models.list()
    if args.json:
        rows = [
            {
                "id": m.id,
                "kind": m.kind,
                "created_at": m.created_at,
                "active": m.active,
                "bytes": m.size,
                "manifest": m.manifest,
            }
            for m in models
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not models:
        print("no project models: the bundled models decide (`rasid train` makes some)")
    for m in models:
        cv = m.manifest.get("cv", {})
        score = (
            f"CV F1 {cv['project']['f1']:.3f} vs bundled {cv['bundled']['f1']:.3f}" if "project" in cv else ""
        )
        n = m.manifest.get("trained_on", {}).get("reviewed_articles", "?")
        mark = "*" if m.active else " "
        print(f"{mark} #{m.id} {m.kind:<9} {m.created_at}  {n} articles  {score}  {m.size // 1024} KiB")
    return 0
