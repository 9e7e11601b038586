"""The `rasid` command line: the parser, `main`, and the GUI subcommand.

One module per group of subcommands, each with a `register(subparsers)` (calibre's `db/cli/cmd_*`):
`extract` (extract, tag-conll), `project` (project new, import, search, stats, reextract),
`export` (export, import-dump). They call the same store, ingest and export code as the GUI.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.cli.io import Progress
from desktop.errors import RasidError

__all__ = ["Progress", "build_parser", "main"]

log = logging.getLogger(__name__)


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.gui.app import run_gui

    return run_gui(args)


# --- parser ------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rasid", description="Rasid (راصد): Arabic conflict news reader.")
    parser.add_argument("--version", action="version", version=f"rasid {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="check this installation end to end (model, project, search, export, window) and exit",
    )
    parser.add_argument("--startup-probe", nargs="?", const="", metavar="PROJECT", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from desktop.cli import explain, export, extract, learn, project

    extract.register(sub)
    explain.register(sub)
    p = sub.add_parser("gui", help="open the desktop application")
    p.add_argument("--project", help="project file to open")
    p.add_argument(
        "--sample",
        action="store_true",
        help="open your copy of the bundled sample project (made on first use)",
    )
    p.add_argument("--article", help="article id to show")
    p.add_argument("--lang", choices=("ar", "en"), help="interface language")
    p.add_argument("--screenshot", help="save a PNG of the window and exit")
    p.add_argument(
        "--view", choices=("articles", "incidents", "names", "dashboard"), help="the tab to show first"
    )
    p.set_defaults(func=cmd_gui)

    project.register(sub)
    export.register(sub)
    learn.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from desktop.logs import setup_logging

    setup_logging(verbose=args.verbose)
    if args.selftest:
        from desktop.selftest import run_selftest

        return run_selftest()
    if args.startup_probe is not None:  # benchmarks/bench_startup.py: time to a visible window
        from desktop.gui.selftest_gui import startup_probe

        return startup_probe(args.startup_probe or None)
    if args.command is None:
        args = parser.parse_args(["gui", *(argv or [])])
    try:
        return int(args.func(args))
    except RasidError as exc:
        print(f"rasid: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("rasid: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: the traceback goes to a crash log, the user gets its path
        return _report_bug(args, exc)


def _report_bug(args: argparse.Namespace, exc: Exception) -> int:
    """Save the traceback, say where on stderr and, for the GUI, in a dialog (never die silently)."""
    from desktop.logs import write_crash_report

    path = write_crash_report(exc)
    where = str(path) if path else "(the log could not be written)"
    print(f"rasid: internal error ({type(exc).__name__}: {exc}); details in {where}", file=sys.stderr)
    interactive = os.environ.get("QT_QPA_PLATFORM") not in ("offscreen", "minimal")
    if args.command == "gui" and interactive and not getattr(args, "screenshot", None):
        try:
            from desktop.gui.crash import show_bug
            from desktop.gui.qt import QApplication

            _app = QApplication.instance() or QApplication(sys.argv[:1])
            show_bug(exc, path)
        except Exception:  # the dialog itself failed (no display): stderr and the log remain
            log.exception("cannot show the crash dialog")
    return 70  # EX_SOFTWARE
