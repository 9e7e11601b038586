"""Expanding files and folders (recursively) into a stream of raw articles and failures."""

from __future__ import annotations

import gzip
import logging
import os
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from desktop.errors import InputError
from desktop.importing import limits
from desktop.importing.readers import BATCH_SUFFIXES, READERS, Item, _batch_suffix
from desktop.importing.records import ImportFailure, RawArticle

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = frozenset(READERS) | {".gz"}


def _reader_suffix(path: Path) -> str:
    if path.suffix.lower() == ".gz":
        return _batch_suffix(path)
    return path.suffix.lower()


def expand(paths: Sequence[str | Path]) -> Iterator[Path | ImportFailure]:
    """Files to import, in a stable order; folders are walked recursively, hidden files skipped."""
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    fp = Path(root) / f
                    if f.startswith(".") or _reader_suffix(fp) not in READERS:
                        continue
                    yield fp
        elif p.exists():
            if _reader_suffix(p) not in READERS:
                yield ImportFailure(
                    str(p), f"the file type {''.join(p.suffixes) or '(none)'} is not supported."
                )
            else:
                yield p
        else:
            yield ImportFailure(str(p), "no such file or folder.")


def read_file(path: Path) -> Iterator[Item]:
    """The articles of one file; any problem becomes an ImportFailure and the caller goes on."""
    suffix = _reader_suffix(path)
    if path.suffix.lower() == ".gz" and suffix not in BATCH_SUFFIXES:
        yield ImportFailure(str(path), "only .jsonl, .json and .csv batches can be read gzipped.")
        return
    try:
        yield from READERS[suffix](path)
    except InputError as exc:
        yield ImportFailure(str(path), str(exc))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield ImportFailure(str(path), f"the file cannot be read ({getattr(exc, 'strerror', None) or exc}).")
    except Exception as exc:  # a bug on one file must not stop the import
        log.debug("reader crashed on %s", path, exc_info=True)
        yield ImportFailure(str(path), f"internal error while reading ({type(exc).__name__}: {exc}).")


def read_paths(paths: Sequence[str | Path]) -> Iterator[Item]:
    """Every article (or failure) of the given files and folders, streamed in order."""
    for item in expand(paths):
        if isinstance(item, ImportFailure):
            yield item
        else:
            yield from read_file(item)


def _count_lines(path: Path) -> int | None:
    """Non-blank lines of a (gzipped) JSONL file, read in chunks; None past the decompression limit."""
    gz = path.suffix.lower() == ".gz"
    opener = gzip.open if gz else open
    count = seen = 0
    content = False  # whether the line being read has a non-blank byte so far
    with opener(path, "rb") as fh:
        while chunk := fh.read(limits.CHUNK):
            seen += len(chunk)
            if gz and seen > limits.MAX_DECOMPRESSED_BYTES:
                return None
            pieces = chunk.split(b"\n")
            for piece in pieces[:-1]:
                count += content or bool(piece.strip())
                content = False
            content = content or bool(pieces[-1].strip())
    return count + content


def count_records(paths: Sequence[str | Path]) -> int | None:
    """How many items `read_paths` will yield, counted cheaply (lines of batches), or None if unknown."""
    total = 0
    for item in expand(paths):
        if isinstance(item, ImportFailure):
            total += 1
            continue
        suffix = _reader_suffix(item)
        if suffix in (".jsonl", ".ndjson"):
            try:
                lines = _count_lines(item)
            except (OSError, EOFError, zlib.error):
                return None
            if lines is None:
                return None
            total += lines
        elif suffix in BATCH_SUFFIXES:
            return None
        else:
            total += 1
    return total


__all__ = ["RawArticle", "count_records", "expand", "read_file", "read_paths"]
