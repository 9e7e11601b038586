"""Benchmark of the project store: import + extraction of a large batch, search latency, open time.

Prints numbers, never asserts. Usage:
    python benchmarks/bench_store.py [--data PATH] [--limit N] [--jobs J] [--keep DIR]
The default data is ../shared/data/news/saudinewsnet.jsonl.gz (31,000 articles). When the full
pipeline cannot run (a model not built yet), the components that fail are disabled and named.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.document import Document  # noqa: E402
from desktop.ingest import import_paths  # noqa: E402
from desktop.pipeline import Pipeline, default_pipeline  # noqa: E402
from desktop.store import ArticleFilter, Project  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"

QUERIES = [
    "السعودية",
    "الرياض",
    "داعش",
    "الحوثيين",
    "اليمن",
    "سوريا",
    "العراق",
    "الموصل",
    "إيران",
    "مصر",
    '"رئيس الوزراء"',
    '"مجلس الأمن"',
    '"ولي العهد"',
    "قتلى AND انفجار",
    "الحوثي OR صالح",
    "السعودية NOT اليمن",
    "(حلب OR دمشق) AND قصف",
    "بالرياض",
    "الإرهاب",
    "النفط",
    "الانتخابات",
    "وزير الخارجية",
    "غارات جوية",
    "المملكة",
]
FILTERS = [
    ArticleFilter(date_from="2015-07-01", date_to="2015-12-31"),
    ArticleFilter(source="aawsat"),
    ArticleFilter(has_incidents=True),
]

_PIPELINE: Pipeline | None = None


def bench_extract(doc: Document) -> Document:
    """The working part of the pipeline (module level, so worker processes can use it)."""
    global _PIPELINE
    if _PIPELINE is None:
        disabled = os.environ.get("RASID_BENCH_DISABLED", "")
        _PIPELINE = default_pipeline().without(*[n for n in disabled.split(",") if n])
    return _PIPELINE(doc)


def working_pipeline() -> list[str]:
    """Names of components that fail on a sample document (they are disabled for the run)."""
    sample = "قتل 5 مدنيين في هجوم على الموصل يوم 3 مارس 2019."
    disabled: list[str] = []
    while True:
        comps = default_pipeline().without(*disabled).components
        for k in range(1, len(comps) + 1):
            try:
                Pipeline(comps[:k])(Document.from_text(sample))
            except Exception as exc:
                disabled.append(comps[k - 1].name)
                print(f"! component {comps[k - 1].name!r} disabled: {type(exc).__name__}: {exc}")
                break
        else:
            return disabled


def measure_queries(path: Path) -> int:
    """Open time, search latency over QUERIES x FILTERS, and a deep page of the article list."""
    from desktop.store.search import warm_up

    warm_up()  # the GUI does this on a background thread at start-up
    t0 = time.monotonic()
    project = Project.open(path)
    open_time = time.monotonic() - t0
    print(f"open time: {open_time * 1000:.1f} ms")
    with project:
        times: list[float] = []
        hits: dict[str, int] = {}
        for q in QUERIES:
            for f in (None, *FILTERS):
                t = time.perf_counter()
                page = project.search(q, f, limit=20)
                times.append((time.perf_counter() - t) * 1000)
                if f is None:
                    hits[q] = page.total
        t = time.perf_counter()
        project.articles.list(offset=15000, limit=100, order_by="-date")
        list_ms = (time.perf_counter() - t) * 1000
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"search: {len(times)} queries ({len(QUERIES)} texts x {len(FILTERS) + 1} filter sets), "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )
    print("hits: " + json.dumps(hits, ensure_ascii=False))
    print(f"article list page at offset 15000: {list_ms:.1f} ms")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="import only the first N articles")
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="folder to keep the project in")
    parser.add_argument(
        "--search-only", type=Path, help="skip the import: time open and search on this project"
    )
    args = parser.parse_args()
    if args.search_only:
        return measure_queries(args.search_only)
    if not args.data.exists():
        print(f"MISSING: {args.data} not found; nothing to benchmark.")
        return 1
    disabled = working_pipeline()
    os.environ["RASID_BENCH_DISABLED"] = ",".join(disabled)
    print(
        f"pipeline: {', '.join(default_pipeline().without(*disabled).names)}"
        + (f" (disabled: {', '.join(disabled)})" if disabled else " (full)")
    )

    folder = args.keep or Path(tempfile.mkdtemp(prefix="rasid-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    data = args.data
    if args.limit:
        data = folder / f"first-{args.limit}.jsonl"
        with gzip.open(args.data, "rt", encoding="utf-8") as src, data.open("w", encoding="utf-8") as dst:
            for line in itertools.islice(src, args.limit):
                dst.write(line)
    path = folder / "bench.rasid"
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)

    last = [0.0]

    def progress(state: object) -> None:
        now = time.monotonic()
        if now - last[0] > 15:
            last[0] = now
            print(f"  ... {state.done} done ({state.imported} imported)", flush=True)  # type: ignore[attr-defined]

    t0 = time.monotonic()
    with Project.create(path) as project:
        report = import_paths(project, [data], progress=progress, jobs=args.jobs, extractor=bench_extract)
    elapsed = time.monotonic() - t0
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_writer = me.ru_utime + me.ru_stime
    cpu_workers = kids.ru_utime + kids.ru_stime
    peak_self = me.ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size = path.stat().st_size
    print(
        f"import: {report.imported} imported, {len(report.skipped)} skipped, {len(report.failed)} failed, "
        f"{len(report.near_duplicates)} near-duplicates flagged"
    )
    for name, reason in report.failed[:5]:
        print(f"  failed {name}: {reason}")
    print(f"import time: {elapsed:.1f} s, {report.imported / elapsed:.1f} articles/s")
    print(f"peak memory: writer {peak_self:.0f} MB, largest worker {peak_children:.0f} MB")
    n = max(report.imported, 1)
    cores = os.cpu_count() or 1
    projected = 31000 * max(cpu_writer, cpu_workers / cores) / n / 60
    print(
        f"CPU per article: writer {cpu_writer / n * 1000:.1f} ms, workers {cpu_workers / n * 1000:.1f} ms "
        f"(on {cores} idle cores: about {projected:.1f} min for 31,000 articles)"
    )
    print(f"project size: {size / 1e6:.1f} MB")

    measure_queries(path)
    if not args.keep:
        print(f"(project left in {folder})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
