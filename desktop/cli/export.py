"""The `rasid export` and `rasid import-dump` subcommands (register with `register(subparsers)`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from desktop.errors import ProjectLockedError, ProjectReadOnlyError
from desktop.export import FORMATS
from desktop.store.common import STATUSES

if TYPE_CHECKING:
    from desktop.store.project import Project


def register(sub: Any) -> None:
    """Add the export subcommands to the `rasid` argument parser."""
    p = sub.add_parser(
        "export", help="export a project: ACLED CSV, JSON, GeoJSON, XLSX, CoNLL, HTML/PDF report"
    )
    p.add_argument("project", help="project file")
    p.add_argument("--format", "-f", required=True, choices=FORMATS, help="output format")
    p.add_argument("-o", "--output", required=True, help="output file")
    p.add_argument("--from", dest="date_from", help="from date (YYYY-MM-DD), inclusive")
    p.add_argument("--to", dest="date_to", help="to date (YYYY-MM-DD), inclusive")
    p.add_argument("--tag", help="only articles with this tag")
    p.add_argument("--status", choices=STATUSES, help="only incidents (and entities) with this review status")
    p.add_argument("--event-type", help="only incidents of this ACLED event or sub-event type")
    p.add_argument(
        "--article",
        type=int,
        action="append",
        dest="articles",
        metavar="ID",
        help="only this article (repeatable)",
    )
    p.add_argument(
        "--lang",
        choices=("ar", "en"),
        default=None,
        help="language of notes and reports (default: en for data, ar for reports)",
    )
    p.add_argument("--bom", action="store_true", help="write a UTF-8 byte-order mark (for Excel)")
    p.add_argument(
        "--include-rejected", action="store_true", help="keep rejected incidents (tagged rasid:rejected)"
    )
    p.add_argument(
        "--entities",
        choices=("reviewed", "all"),
        default="reviewed",
        help="CoNLL: reviewed entities only (default) or all non-rejected",
    )
    p.add_argument("--tagset", choices=("rasid", "anercorp"), default="rasid", help="CoNLL entity labels")
    p.add_argument(
        "-r",
        "--read-only",
        action="store_true",
        help="open the project read-only: nothing is written to it, new event ids are provisional",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "import-dump", help="import a Rasid JSON dump (from `rasid export -f json`) into a project"
    )
    p.add_argument("project", help="project file (created when missing)")
    p.add_argument("dump", help="JSON dump")
    p.set_defaults(func=cmd_import_dump)


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.export.filters import ExportFilter
    from desktop.export.runner import ExportOptions, export_project

    flt = ExportFilter(
        article_ids=args.articles,
        date_from=args.date_from,
        date_to=args.date_to,
        tag=args.tag,
        status=args.status,
        event_type=args.event_type,
        include_rejected=args.include_rejected,
    )
    lang = args.lang or ("ar" if args.format in ("html", "pdf") else "en")
    options = ExportOptions(lang=lang, bom=args.bom, entity_scope=args.entities, tagset=args.tagset)
    project = _open_for_export(args.project, args.read_only)
    with project:
        n = export_project(project, args.format, args.output, flt, options)
    sys.stdout.write(f"exported {n} item(s) to {args.output}\n")
    return 0


def _open_for_export(path: str, read_only: bool) -> Project:
    """Writable, to store new ACLED event ids; read-only when asked, when another window holds the
    project, or when its file or folder cannot be written (new event ids are then provisional)."""
    from desktop.store.project import Project

    if read_only:
        return Project.open(path, read_only=True)
    try:
        return Project.open(path)
    except ProjectLockedError:
        why = "the project is open elsewhere"
    except ProjectReadOnlyError:
        why = "the project cannot be written here"
    print(f"rasid: {why}; exporting read-only (new event ids are provisional).", file=sys.stderr)
    return Project.open(path, read_only=True)


def cmd_import_dump(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.export.json_export import import_json
    from desktop.store.project import Project

    project = Project.open(args.project) if Path(args.project).exists() else Project.create(args.project)
    with project:
        report = import_json(project, args.dump)
    sys.stdout.write(
        f"imported {report.articles} article(s), {report.entities} entities, {report.incidents} incidents, "
        f"{report.dictionary} dictionary entries; skipped {len(report.skipped)} duplicate(s)\n"
    )
    return 0
