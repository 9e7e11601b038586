"""Build `resources/sample/sample.rasid` from `resources/sample/articles.jsonl` (used by `make run`).

The twelve short wire-style reports were written for Rasid (Syria, Iraq, Yemen, Libya, Sinai). They
are imported through the project store with the real extraction pipeline; a few entities and
incidents are then accepted or edited, so the sample shows every review state.
Run: `.venv/bin/python scripts/build_sample.py` (overwrites the sample project).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from desktop.ingest import import_paths
from desktop.resources import resource_root
from desktop.store.project import Project

log = logging.getLogger("build_sample")


def build(source: Path, target: Path) -> dict[str, object]:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    with Project.create(target) as project:
        report = import_paths(project, [source])
        if report.failed:
            raise SystemExit(f"import failed: {report.failed[:3]}")
        review(project)
        return project.stats()


def review(project: Project) -> None:
    """Accept, edit and tag a few things, as an analyst would."""
    ids = project.articles.ids()
    for n, article_id in enumerate(ids):
        entities = project.entities.for_article(article_id)
        incidents = project.incidents.for_article(article_id)
        if n % 3 == 0:
            for entity in entities[:3]:
                project.entities.accept(entity.id)
            for incident in incidents[:1]:
                project.incidents.accept(incident.id)
        elif n % 3 == 1 and incidents:
            project.incidents.update_field(incidents[0].id, "geo_precision", 1)
        if n % 4 == 0:
            project.tags.set(article_id, ["مراجعة"])
    if ids:
        project.notes.set(ids[0], "تحقق من عدد القتلى مع مصدر ثانٍ.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = resource_root() / "sample"
    parser.add_argument("--source", type=Path, default=root / "articles.jsonl")
    parser.add_argument("--output", type=Path, default=root / "sample.rasid")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    stats = build(args.source, args.output)
    log.info("wrote %s: %s articles, incidents %s", args.output, stats["articles"], stats["incidents"])


if __name__ == "__main__":
    main()
