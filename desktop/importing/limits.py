"""Size limits on what an import reads, and streams that enforce them in bounded memory.

A hostile or damaged input (a `.gz` that expands to gigabytes, one JSON line of a gigabyte, a Word
file whose `document.xml` is a zip bomb) is stopped at a limit with one sentence, having read at
most the limit plus one buffer.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import IO

from desktop.errors import InputError

MB = 1_000_000
# One record (a JSONL line) or one single-article file: far above the largest real article (a long
# report is ~1 MB of text), low enough that decoding and parsing it stays within a few hundred MB.
MAX_RECORD_BYTES = 64 * MB
# A JSON (not JSONL) batch is parsed whole: bigger corpora belong in JSONL, read line by line.
MAX_JSON_BYTES = 256 * MB
# Everything a compressed file may expand to: a 30,000-article corpus is ~200 MB of JSONL.
MAX_DECOMPRESSED_BYTES = 4_000 * MB
# The `word/document.xml` of a .docx (its text and markup; images are separate zip entries).
MAX_DOCX_XML_BYTES = 64 * MB
CHUNK = 1 << 20


class OversizedLine(Exception):
    """A line longer than the record limit; the stream has skipped to the line after it."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class BoundedReader:
    """Lines and whole contents of a binary stream, never more than `total` bytes in all and never a
    line held in memory past `line_limit` bytes (the rest of such a line is skipped in chunks)."""

    def __init__(
        self,
        fh: IO[bytes],
        name: str,
        total: int | None,
        line_limit: int | None = None,
    ) -> None:
        self.fh = fh
        self.name = name
        self.total = total
        self.line_limit = MAX_RECORD_BYTES if line_limit is None else line_limit
        self.consumed = 0

    def _count(self, n: int) -> None:
        self.consumed += n
        if self.total is not None and self.consumed > self.total:
            raise InputError(
                f"{self.name} expands to more than {self.total // MB:,} MB; split it into smaller files."
            )

    def lines(self) -> Iterator[bytes | OversizedLine]:
        """Each line (with its newline), or an OversizedLine in place of one that is too long."""
        while True:
            line = self.fh.readline(self.line_limit + 1)
            if not line:
                return
            self._count(len(line))
            if len(line) > self.line_limit and not line.endswith(b"\n"):
                size = len(line)
                while True:  # skip the rest of the line without holding it
                    part = self.fh.readline(CHUNK)
                    if not part:
                        break
                    self._count(len(part))
                    size += len(part)
                    if part.endswith(b"\n"):
                        break
                yield OversizedLine(size)
                continue
            yield line

    def read(self, limit: int) -> bytes:
        """The whole rest of the stream; InputError when it is longer than `limit`."""
        data = self.fh.read(limit + 1)
        self._count(len(data))
        if len(data) > limit:
            raise InputError(f"{self.name} is larger than {limit // MB} MB; split it into smaller files.")
        return data


def too_long(size: int) -> str:
    """The reason given for a record over the limit."""
    return f"the record is longer than {MAX_RECORD_BYTES // MB} MB ({size // MB:,} MB); it was skipped."


def read_zip_member(zf: zipfile.ZipFile, member: str, name: str, limit: int | None = None) -> bytes:
    """One member of a zip archive, refused when its declared or actual size passes `limit` (default
    MAX_DOCX_XML_BYTES; the declared size can lie: the read itself stops at the limit)."""
    limit = MAX_DOCX_XML_BYTES if limit is None else limit
    info = zf.getinfo(member)
    if info.file_size > limit:
        raise InputError(
            f"{name} holds {info.file_size // MB:,} MB of text markup (more than {limit // MB} MB); "
            "it looks like a zip bomb or a damaged file."
        )
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"{name} expands to more than {limit // MB} MB of text markup; it looks like a zip bomb."
        )
    return data
