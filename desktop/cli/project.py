"""Project subcommands of the `rasid` CLI: project new, import, search, stats, reextract.

They call the same store and ingest operations as the GUI. Arabic is printed in logical order (what a
terminal with its own bidi support, a pipe or a file wants); `--shape` prints it shaped and in
visual order for plain terminals (arabic-reshaper + python-bidi, imported only then).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.cli.io import Progress, capped_jobs
from desktop.errors import InputError
from desktop.store.articles import ArticleFilter
from desktop.store.common import STATUSES

if TYPE_CHECKING:
    from desktop.ingest import ImportProgress, ImportReport


def register(sub: Any) -> None:
    """Add the project subcommands to the `rasid` argument parser."""
    p = sub.add_parser("project", help="create project files")
    psub = p.add_subparsers(dest="project_command", metavar="ACTION", required=True)
    q = psub.add_parser("new", help="create an empty project file")
    q.add_argument("project", help="path of the new project (e.g. conflict.rasid)")
    q.set_defaults(func=cmd_project_new)

    p = sub.add_parser("import", help="import articles (txt, html, docx, pdf, jsonl/json/csv[.gz], folders)")
    p.add_argument("project", help="project file")
    p.add_argument("files", nargs="+", help="files or folders to import")
    p.add_argument("--title", default="", help="title for files that have none")
    p.add_argument("--date", default="", help="publication date (YYYY-MM-DD) for files that have none")
    p.add_argument("--source", default="", help="source (outlet) for files that have none")
    p.add_argument("--url", default="", help="URL for files that have none")
    p.add_argument("-j", "--jobs", type=int, default=0, help="extraction processes (0: automatic)")
    p.add_argument(
        "--reviewed",
        action="store_true",
        help="records carry annotations (entities, incidents as `rasid extract` writes them): store them "
        "as the analyst's decisions and mark the articles reviewed, instead of extracting",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("search", help="full-text search with filters")
    p.add_argument("project", help="project file")
    p.add_argument("query", nargs="?", default="", help='words, "phrases", AND/OR/NOT, parentheses')
    p.add_argument("--entity", help="entity name or canonical id")
    p.add_argument("--actor", help="incident actor")
    p.add_argument("--place", help="place name or id")
    p.add_argument("--event-type", help="ACLED event or sub-event type")
    p.add_argument("--from", dest="date_from", help="from date (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", help="to date (YYYY-MM-DD)")
    p.add_argument("--tag", help="article tag")
    p.add_argument("--status", choices=STATUSES, help="has an entity or incident with this review status")
    p.add_argument("--has-incidents", action="store_true", help="only articles with incidents")
    p.add_argument("--source", help="source (outlet)")
    p.add_argument("--limit", type=int, default=20, help="results per page (default 20)")
    p.add_argument("--offset", type=int, default=0, help="skip this many results")
    p.add_argument("--sort", choices=("rank", "date", "-date"), default="rank", help="result order")
    p.add_argument("--json", action="store_true", help="print results as JSON")
    p.add_argument("--shape", action="store_true", help="print Arabic shaped and in visual order")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("stats", help="counts of articles, entities, incidents and reviews")
    p.add_argument("project", help="project file")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser(
        "reextract", help="run the current pipeline again on every article, keeping analyst work"
    )
    p.add_argument("project", help="project file")
    p.add_argument("-j", "--jobs", type=int, default=0, help="extraction processes (0: automatic)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_reextract)


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _shaper(enabled: bool) -> Any:
    if not enabled:
        return lambda s: s
    try:  # imported by name: neither package ships type information
        arabic_reshaper = importlib.import_module("arabic_reshaper")
        get_display = importlib.import_module("bidi.algorithm").get_display
    except ImportError as exc:
        raise InputError("--shape needs the arabic-reshaper and python-bidi packages.") from exc

    def shape(s: str) -> str:
        return "\n".join(str(get_display(arabic_reshaper.reshape(line))) for line in s.split("\n"))

    return shape


def cmd_project_new(args: argparse.Namespace) -> int:
    from desktop.store.project import Project

    with Project.create(args.project):
        pass
    _out(f"created {args.project}")
    return 0


def _progress_bar(label: str) -> tuple[Progress, Callable[[ImportProgress], None]]:
    bar = Progress(None, label)

    def callback(state: ImportProgress) -> None:
        bar.total = state.total
        bar.advance(state.done - bar.done)

    return bar, callback


def _print_report(report: ImportReport, as_json: bool, verb: str) -> None:
    if as_json:
        _out(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        return
    _out(
        f"{verb}: {report.imported}, skipped (duplicates): {report.skipped_count}, failed: "
        f"{report.failed_count}, "
        f"near-duplicates flagged: {report.near_duplicate_count} ({report.seconds:.1f} s)"
        + (" - cancelled" if report.cancelled else "")
    )
    for name, reason in report.skipped[:50]:
        _out(f"  skipped {name}: {reason}")
    for name, reason in report.failed:
        print(f"rasid: {name}: {reason}", file=sys.stderr)
    if report.failed_count > len(report.failed):
        print(f"rasid: ... and {report.failed_count - len(report.failed)} more failure(s)", file=sys.stderr)


def _run_with_interrupt(func: Callable[..., ImportReport], **kwargs: Any) -> ImportReport:
    cancel = threading.Event()
    try:
        return func(cancel=cancel, **kwargs)
    except KeyboardInterrupt:
        cancel.set()
        raise


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.ingest import import_paths
    from desktop.store.project import Project

    defaults = {"title": args.title, "date": args.date, "source": args.source, "url": args.url}
    if args.date:
        ArticleFilter(date_from=args.date).where()  # validates the date with a clear message
    bar, callback = _progress_bar("import")
    with Project.open(args.project) as project:
        try:
            report = _run_with_interrupt(
                import_paths,
                project=project,
                paths=args.files,
                defaults=defaults,
                progress=callback,
                jobs=capped_jobs(args.jobs),
                reviewed=args.reviewed,
            )
        finally:
            bar.close()
    _print_report(report, args.json, "imported")
    return 2 if report.failed_count else 0


def cmd_reextract(args: argparse.Namespace) -> int:
    from desktop.ingest import reextract
    from desktop.store.project import Project

    bar, callback = _progress_bar("re-extract")
    with Project.open(args.project) as project:
        try:
            report = _run_with_interrupt(
                reextract, project=project, progress=callback, jobs=capped_jobs(args.jobs)
            )
        finally:
            bar.close()
    _print_report(report, args.json, "re-extracted")
    return 2 if report.failed_count else 0


def cmd_search(args: argparse.Namespace) -> int:
    from desktop.store.project import Project

    filters = ArticleFilter(
        entity=args.entity,
        actor=args.actor,
        place=args.place,
        event_type=args.event_type,
        date_from=args.date_from,
        date_to=args.date_to,
        tag=args.tag,
        status=args.status,
        has_incidents=True if args.has_incidents else None,
        source=args.source,
    )
    with Project.open(args.project, read_only=True) as project:
        page = project.search(args.query, filters, offset=args.offset, limit=args.limit, order_by=args.sort)
    if args.json:
        _out(
            json.dumps(
                {"total": page.total, "offset": page.offset, "hits": [h.to_json() for h in page.hits]},
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    shape = _shaper(args.shape)
    _out(f"{page.total} result(s)")
    for hit in page.hits:
        marked = _mark(hit.snippet, hit.snippet_matches())
        _out(f"[{hit.external_id}] {hit.date or ''} {hit.source} | {shape(hit.title)}")
        _out("    " + shape(marked))
    return 0


def _mark(snippet: str, matches: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for s, e in matches:
        if s < last:
            continue
        out += [snippet[last:s], "«", snippet[s:e], "»"]
        last = e
    out.append(snippet[last:])
    return "".join(out)


def cmd_stats(args: argparse.Namespace) -> int:
    from desktop.store.project import Project

    with Project.open(args.project, read_only=True) as project:
        stats = project.stats()
    if args.json:
        _out(json.dumps(stats, ensure_ascii=False, indent=1))
        return 0
    for key, value in stats.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "none"
        _out(f"{key.replace('_', ' ')}: {value}")
    return 0
