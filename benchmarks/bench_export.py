"""Export timings on a large project: ACLED CSV, XLSX, JSON and a PDF report of 500 incidents.

    python benchmarks/bench_export.py [--project PATH] [--incidents N]

Without `--project`, builds a synthetic project of N incidents (default 5000) through the store API.
Prints numbers only.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from desktop.export.filters import ExportFilter
from desktop.export.runner import ExportOptions, export_project
from desktop.export.sample import synthetic_project
from desktop.store.project import Project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="existing project (copied first? no: opened as is)")
    parser.add_argument("--incidents", type=int, default=5000, help="incidents of the synthetic project")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = args.project
        if path is None:
            t = time.perf_counter()
            path = synthetic_project(folder / "bench.rasid", args.incidents)
            print(f"build_project_s\t{time.perf_counter() - t:.2f}\tincidents\t{args.incidents}")
        with Project.open(path) as project:
            for fmt, ext in (
                ("acled-csv", "csv"),
                ("xlsx", "xlsx"),
                ("json", "json"),
                ("geojson", "geojson"),
            ):
                t = time.perf_counter()
                n = export_project(project, fmt, folder / f"out.{ext}")
                print(f"{fmt}_s\t{time.perf_counter() - t:.2f}\titems\t{n}")
            ids = [
                int(r[0])
                for r in project.query("SELECT DISTINCT article_id FROM incidents ORDER BY article_id")
            ]
            chosen: list[int] = []
            count = 0
            for aid in ids:
                if count >= 500:
                    break
                chosen.append(aid)
                count += len(project.incidents.for_article(aid, include_rejected=False))
            for lang in ("ar", "en"):
                t = time.perf_counter()
                n = export_project(
                    project,
                    "pdf",
                    folder / f"r-{lang}.pdf",
                    ExportFilter(article_ids=chosen),
                    ExportOptions(lang=lang),
                )
                size = (folder / f"r-{lang}.pdf").stat().st_size
                print(f"pdf_{lang}_s\t{time.perf_counter() - t:.2f}\tincidents\t{n}\tbytes\t{size}")


if __name__ == "__main__":
    main()
