"""The `rasid` command line: headless extraction, NER on CoNLL files, project commands and the GUI."""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import gzip
import io
import json
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

from desktop import __version__
from desktop.errors import InputError, RasidError

log = logging.getLogger(__name__)


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total: int | None, label: str, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.total = total
        self.label = label
        self.done = 0
        self.started = time.monotonic()
        self._last = 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or self.done == self.total):
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        if self.total:
            frac = min(self.done / self.total, 1.0)
            bar = "#" * int(frac * 30)
            line = f"\r{self.label} [{bar:<30}] {self.done}/{self.total} {rate:,.1f}/s"
        else:
            line = f"\r{self.label} {self.done} {rate:,.1f}/s"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


# --- input and output -------------------------------------------------------------------------


@contextmanager
def open_input(path: str) -> Iterator[IO[bytes]]:
    """A binary stream for `path` (`-` is stdin; `.gz` files are decompressed)."""
    if path == "-":
        yield sys.stdin.buffer
        return
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file.")
    if p.is_dir():
        raise InputError(f"{path} is a folder, not a file.")
    opened = gzip.open(p, "rb") if p.suffix == ".gz" else p.open("rb")  # noqa: SIM115 (closed by `with` below)
    with opened as fh:
        yield cast(IO[bytes], fh)


@contextmanager
def open_output(path: str) -> Iterator[IO[str]]:
    """A text stream for `path` (`-` is stdout), written to a temporary file and moved into place."""
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    tmp = target.with_name(f".{target.name}.part")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            yield fh
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def decode_line(raw: bytes, name: str, lineno: int) -> str:
    try:
        return raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not UTF-8 text (line {lineno} has bytes that UTF-8 cannot hold, as in a "
            "windows-1256 file); save it as UTF-8 or import it into a project, which detects the encoding."
        ) from exc


def count_lines(path: str) -> int | None:
    if path == "-" or path.endswith(".gz"):
        return None
    try:
        with open(path, "rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return None


def validate_record(line: str) -> dict[str, Any]:
    """The input record of one JSONL line; raises ValueError with the reason."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise ValueError("a line must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("missing `text` (a string)" if text is None else "`text` is not a string")
    date = record.get("date")
    if date not in (None, ""):
        if not isinstance(date, str):
            raise ValueError(f"bad `date` {date!r}: expected YYYY-MM-DD")
        try:
            dt.date.fromisoformat(date[:10])
        except ValueError as exc:
            raise ValueError(f"bad `date` {date!r}: expected YYYY-MM-DD") from exc
    return record


# --- commands ----------------------------------------------------------------------------------


def _safe_extract(record: dict[str, Any]) -> dict[str, Any]:
    from desktop.pipeline import extract_record

    try:
        return extract_record(record)
    except Exception as exc:  # a bug on one document must not stop the batch
        log.debug("extraction failed for %s", record.get("id"), exc_info=True)
        return {"_error": f"internal error during extraction ({type(exc).__name__}: {exc})"}


def cmd_extract(args: argparse.Namespace) -> int:
    from desktop.pipeline import extract_records

    name = "<stdin>" if args.input == "-" else args.input
    failures = 0
    jobs = args.jobs if args.jobs > 0 else _auto_jobs(args.input)
    progress = Progress(count_lines(args.input), "extract")
    pending: collections.deque[int] = collections.deque()  # line numbers of records in flight

    def records() -> Iterator[dict[str, Any]]:
        nonlocal failures
        with open_input(args.input) as fh:
            for lineno, raw in enumerate(_lines(fh, name), 1):
                line = decode_line(raw, name, lineno)
                if not line.strip():
                    continue
                try:
                    record = validate_record(line)
                except ValueError as exc:
                    failures += 1
                    print(f"{name}:{lineno}: {exc}", file=sys.stderr)
                    progress.advance()
                    continue
                record.setdefault("id", str(lineno))
                pending.append(lineno)
                yield record

    with open_output(args.output) as out:
        results = extract_records(records(), jobs, chunksize=4, func=_safe_extract)
        for result in results:
            lineno = pending.popleft()
            if "_error" in result:
                failures += 1
                print(f"{name}:{lineno}: {result['_error']}", file=sys.stderr)
            else:
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
            progress.advance()
    progress.close()
    return 2 if failures else 0


def _lines(fh: IO[bytes], name: str) -> Iterator[bytes]:
    """Lines of a binary stream; a damaged compressed file becomes an InputError."""
    try:
        yield from fh
    except (OSError, EOFError) as exc:
        raise InputError(f"{name} cannot be read to the end ({exc}); the file looks damaged.") from exc


def _auto_jobs(path: str) -> int:
    """Both cores for inputs large enough to repay starting worker processes."""
    try:
        big = path != "-" and os.path.getsize(path) > 2_000_000
    except OSError:
        big = False
    return min(os.cpu_count() or 1, 4) if big else 1


def read_conll(fh: IO[str]) -> Iterator[list[str]]:
    """Sentences of a token-per-line file (first column), blank lines between sentences."""
    sent: list[str] = []
    for line in fh:
        line = line.rstrip("\n")
        if not line.strip():
            if sent:
                yield sent
                sent = []
            continue
        sent.append(line.split()[0] if line.split() else line)
    if sent:
        yield sent


def cmd_tag_conll(args: argparse.Namespace) -> int:
    from desktop.nlp.conll import tag_document

    name = "<stdin>" if args.input == "-" else args.input
    with open_input(args.input) as raw:
        try:
            text = raw.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name} is not UTF-8 text; save it as UTF-8 and try again.") from exc
    sentences = list(read_conll(io.StringIO(text)))
    progress = Progress(len(sentences), "tag")
    block = 200  # sentences tagged together: document features see their neighbours
    with open_output(args.output) as out:
        for first in range(0, len(sentences), block):
            chunk = sentences[first : first + block]
            for sent, tags in zip(chunk, tag_document(chunk), strict=True):
                for token, tag in zip(sent, tags, strict=True):
                    out.write(f"{token}\t{tag}\n")
                out.write("\n")
            progress.advance(len(chunk))
    progress.close()
    return 0


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

    p = sub.add_parser("extract", help="extract entities and incidents from a JSONL file of articles")
    p.add_argument("input", help="input JSONL (one {id, text, date, title} per line; - for stdin; .gz ok)")
    p.add_argument("-o", "--output", default="-", help="output JSONL (- for stdout, the default)")
    p.add_argument("-j", "--jobs", type=int, default=0, help="worker processes (0: automatic)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("tag-conll", help="NER on pre-tokenized text: token per line -> token<TAB>BIO tag")
    p.add_argument("input", help="token-per-line file, blank line between sentences (- for stdin)")
    p.add_argument("-o", "--output", default="-", help="output file (- for stdout, the default)")
    p.set_defaults(func=cmd_tag_conll)

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

    _register_optional(sub)
    return parser


def _register_optional(sub: Any) -> None:
    """Subcommands of packages that register themselves (project store, exports)."""
    for module in ("desktop.store.commands", "desktop.export.commands", "desktop.explain"):
        try:
            mod = __import__(module, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue
            raise
        mod.register(sub)


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
