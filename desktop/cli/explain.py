"""`rasid explain`: the trace of each article, sentence by sentence (see `desktop.explain`)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from desktop.cli.extract import validate_record
from desktop.cli.io import decode_line, open_input, open_output


def cmd_explain(args: argparse.Namespace) -> int:
    from desktop.explain import explain_document, format_explanation
    from desktop.pipeline import document_from_record, extract
    from desktop.rules import rulebook

    name = "<stdin>" if args.input == "-" else args.input
    failures = found = 0
    book = rulebook()
    with open_input(args.input) as fh, open_output(args.output) as out:
        for lineno, line in _records(fh, name, decode_line):
            try:
                record = validate_record(line)
            except ValueError as exc:
                failures += 1
                print(f"{name}:{lineno}: {exc}", file=sys.stderr)
                continue
            record.setdefault("id", str(lineno))
            if args.id is not None and str(record["id"]) != args.id:
                continue
            found += 1
            report = explain_document(extract(document_from_record(record)), book)
            if args.json:
                out.write(json.dumps(report, ensure_ascii=False) + "\n")
            else:
                out.write(format_explanation(report) + "\n\n")
    if args.id is not None and not found:
        print(f"rasid: no article with id {args.id!r} in {name}.", file=sys.stderr)
        return 1
    return 2 if failures else 0


def _records(fh: IO[bytes], name: str, decode: Any) -> Iterator[tuple[int, str]]:
    for lineno, raw in enumerate(fh, 1):
        line = decode(raw, name, lineno)
        if line.strip():
            yield lineno, line


def register(sub: Any) -> None:
    p = sub.add_parser("explain", help="why each incident appeared and each candidate was dropped")
    p.add_argument("input", help="input JSONL, as for extract (- for stdin; .gz ok)")
    p.add_argument("--id", help="only the article with this id")
    p.add_argument("--json", action="store_true", help="one JSON object per article")
    p.add_argument("-o", "--output", default="-", help="output file (- for stdout, the default)")
    p.set_defaults(func=cmd_explain)
