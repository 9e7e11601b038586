"""Input, output and progress for the `rasid` subcommands: files or stdin/stdout, `.gz`, atomic writes."""

from __future__ import annotations

import gzip
import io
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

from desktop.errors import InputError
from desktop.importing.encoding import Utf8Transcoded, wide_encoding
from desktop.partial import partial_path, sweep_stale


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
    sweep_stale(target)
    tmp = partial_path(target)
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            yield fh
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


class _StrictTranscoded(Utf8Transcoded):
    """UTF-8 from a wide-encoded text stream; bytes that are not of its encoding give one sentence."""

    def __init__(self, text: IO[str], name: str, encoding: str) -> None:
        super().__init__(text)
        self._name = name
        self._encoding = encoding.upper()

    def readinto(self, b: Any) -> int:
        try:
            return super().readinto(b)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{self._name} looks like {self._encoding} text but has bytes that are not "
                f"{self._encoding}; save it as UTF-8."
            ) from exc


def as_utf8(fh: IO[bytes], name: str) -> IO[bytes]:
    """`fh` itself, or, when it holds UTF-16 or UTF-32 text (with or without a byte-order mark), a
    stream of the same text in UTF-8."""
    peek = getattr(fh, "peek", None)
    if peek is None:
        return fh
    wide = wide_encoding(peek(4096)[:4096])
    if wide is None:
        return fh
    encoding, bom = wide
    fh.read(bom)
    text = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline="")
    return io.BufferedReader(_StrictTranscoded(text, name, encoding), 1 << 16)


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


def capped_jobs(requested: int) -> int:
    """`-j` as given, or the most worker processes this machine can use, said in one sentence."""
    from desktop.pipeline import cap_processes

    if requested <= 0:
        return requested  # automatic
    jobs = cap_processes(requested)
    if jobs < requested:
        print(
            f"rasid: -j {requested} is more than this machine can use; using {jobs} worker process(es).",
            file=sys.stderr,
        )
    return jobs
