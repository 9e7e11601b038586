"""`rasid extract` and `rasid tag-conll`: headless extraction and NER over files (DESIGN.md contracts)."""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import io
import json
import logging
import os
import sys
import zlib
from collections.abc import Iterator
from typing import IO, Any

from desktop.cli.io import Progress, as_utf8, capped_jobs, count_lines, decode_line, open_input, open_output
from desktop.document import without_surrogates
from desktop.errors import InputError
from desktop.importing import limits
from desktop.importing.limits import OversizedLine, too_long
from desktop.ingest.parts import MAX_ARTICLE_CHARS

log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    """Add `extract` and `tag-conll` to the `rasid` argument parser."""
    p = sub.add_parser("extract", help="extract entities and incidents from a JSONL file of articles")
    p.add_argument("input", help="input JSONL (one {id, text, date, title} per line; - for stdin; .gz ok)")
    p.add_argument("-o", "--output", default="-", help="output JSONL (- for stdout, the default)")
    p.add_argument("-j", "--jobs", type=int, default=0, help="worker processes (0: automatic)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("tag-conll", help="NER on pre-tokenized text: token per line -> token<TAB>BIO tag")
    p.add_argument("input", help="token-per-line file, blank line between sentences (- for stdin)")
    p.add_argument("-o", "--output", default="-", help="output file (- for stdout, the default)")
    p.set_defaults(func=cmd_tag_conll)


def validate_record(line: str) -> dict[str, Any]:
    """The input record of one JSONL line; raises ValueError with the reason."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise ValueError("malformed JSON (nested too deeply)") from exc
    if not isinstance(record, dict):
        raise ValueError("a line must be a JSON object")
    for key in ("id", "text", "title", "source", "url"):  # lone surrogates: one-for-one U+FFFD
        if isinstance(record.get(key), str):
            record[key] = without_surrogates(record[key])
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("missing `text` (a string)" if text is None else "`text` is not a string")
    if len(text) > MAX_ARTICLE_CHARS:  # extraction would hold the run for minutes (see ingest.parts)
        raise ValueError(
            f"`text` has {len(text):,} characters, more than the {MAX_ARTICLE_CHARS:,} an article may have; "
            "split it into several records"
        )
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
    jobs = capped_jobs(args.jobs) if args.jobs > 0 else _auto_jobs(args.input)
    progress = Progress(count_lines(args.input), "extract")
    pending: collections.deque[int] = collections.deque()  # line numbers of records in flight

    def records() -> Iterator[dict[str, Any]]:
        nonlocal failures
        with open_input(args.input) as fh:
            for lineno, raw in enumerate(_lines(as_utf8(fh, name), name, args.input.endswith(".gz")), 1):
                if isinstance(raw, OversizedLine):
                    failures += 1
                    print(f"{name}:{lineno}: {too_long(raw.size)}", file=sys.stderr)
                    progress.advance()
                    continue
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


def _lines(fh: IO[bytes], name: str, compressed: bool) -> Iterator[bytes | OversizedLine]:
    """Lines of a binary stream, each at most the record limit (a longer one is skipped, in bounded
    memory); a damaged compressed file, or one expanding past the limit, becomes an InputError."""
    total = limits.MAX_DECOMPRESSED_BYTES if compressed else None
    try:
        yield from limits.BoundedReader(fh, name, total, limits.MAX_RECORD_BYTES).lines()
    except (OSError, EOFError, zlib.error) as exc:
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
