"""Readers per file format: each yields `RawArticle`s, or an `ImportFailure` with a one-sentence reason."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from desktop.document import without_surrogates
from desktop.errors import InputError
from desktop.importing import limits
from desktop.importing.encoding import Utf8Transcoded, decode_bytes
from desktop.importing.html import extract_html
from desktop.importing.records import ImportFailure, RawArticle
from desktop.importing.titles import article_title, clean_title

log = logging.getLogger(__name__)

Item = RawArticle | ImportFailure
MAX_FILE_BYTES = 50_000_000  # a single-article file larger than this is not an article

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"


def _read_bytes(path: Path) -> bytes:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"{path.name} is larger than {MAX_FILE_BYTES // 1_000_000} MB; split it first.")
    return path.read_bytes()


def _single(path: Path, text: str, title: str = "", date: str | None = None, url: str = "") -> RawArticle:
    """A file's one article; without a title of its own it takes its text's first non-empty line."""
    return RawArticle(
        text=text,
        external_id=path.stem,
        title=without_surrogates(article_title(title, text)),
        date=date,
        url=url,
        import_file=str(path),
        name=str(path),
        derived_id=True,
    )


def read_txt(path: Path) -> Iterator[Item]:
    text, enc = decode_bytes(_read_bytes(path), path.name)
    log.debug("%s decoded as %s", path, enc)
    yield _single(path, text)


def read_html(path: Path) -> Iterator[Item]:
    data = _read_bytes(path)
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    text: str | None = None
    if m:
        try:
            text = data.decode(m.group(1).decode("ascii").lower())
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, _ = decode_bytes(data, path.name)
    title, body, meta = extract_html(text)
    date = _date(meta.get("article:published_time") or meta.get("date") or "")
    yield _single(path, body, title=title, date=date, url=meta.get("og:url", ""))


def read_docx(path: Path) -> Iterator[Item]:
    try:
        with zipfile.ZipFile(path) as zf:
            document = limits.read_zip_member(zf, "word/document.xml", path.name)
            names = zf.namelist()
            core = (
                limits.read_zip_member(zf, "docProps/core.xml", path.name, limits.MB)
                if "docProps/core.xml" in names
                else None
            )
    except (zipfile.BadZipFile, KeyError, zlib.error, EOFError) as exc:
        raise InputError(f"{path.name} is not a valid Word (.docx) file.") from exc
    try:
        root = ElementTree.fromstring(document)
    except ElementTree.ParseError as exc:
        raise InputError(f"{path.name} has a damaged document.xml ({exc}).") from exc
    paras = ["".join(p) for p in _docx_paragraphs(root)]
    title, date = "", None
    if core:
        try:
            croot = ElementTree.fromstring(core)
            t = croot.find(f"{_DC}title")
            title = (t.text or "").strip() if t is not None else ""
            c = croot.find(f"{_DCTERMS}created")
            date = _date(c.text or "") if c is not None else None
        except ElementTree.ParseError:
            pass
    text = "\n\n".join(p for p in paras if p.strip())
    yield _single(path, text, title=title, date=date)


def _docx_paragraphs(root: ElementTree.Element) -> list[list[str]]:
    """The text pieces of each `w:p`, in document order, in one pass: text inside a paragraph nested
    in another (text boxes, malformed files) belongs to the inner one only, so nesting costs nothing."""
    paras: list[list[str]] = []
    stack: list[tuple[ElementTree.Element, int]] = [(root, -1)]
    while stack:
        el, owner = stack.pop()
        if el.tag == f"{_W}p":
            paras.append([])
            owner = len(paras) - 1
        elif owner >= 0:
            if el.tag == f"{_W}t" and el.text:
                paras[owner].append(el.text)
            elif el.tag == f"{_W}tab":
                paras[owner].append("\t")
            elif el.tag in (f"{_W}br", f"{_W}cr"):
                paras[owner].append("\n")
        stack.extend((child, owner) for child in reversed(el))
    return paras


def read_pdf(path: Path) -> Iterator[Item]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise InputError("PDF import needs the pypdf package, which is not installed.") from exc
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = ""
        if reader.metadata is not None and reader.metadata.title:
            title = str(reader.metadata.title)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{path.name} is not a readable PDF ({exc}).") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if sum(ch.isalnum() for ch in text) < 3:
        raise InputError(f"{path.name} has no text layer (scanned?); run OCR on it first.")
    yield _single(path, text, title=title)


# --- batches --------------------------------------------------------------------------------------


def _open_batch(path: Path) -> IO[bytes]:
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _batch_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _record(obj: Any, path: Path, where: str, index: int) -> Item:
    name = f"{path.name}:{where}"
    if not isinstance(obj, dict):
        return ImportFailure(name, "the record is not an object with id/title/text fields.")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return ImportFailure(name, "the record has no `text`.")
    rid = obj.get("id")
    date_raw = obj.get("date")
    date = _date(str(date_raw)) if date_raw not in (None, "") else None
    if date_raw not in (None, "") and date is None:
        return ImportFailure(name, f"bad `date` {date_raw!r} (expected YYYY-MM-DD).")
    clean = without_surrogates  # JSON allows lone surrogates; no encoder (nor SQLite) accepts them
    return RawArticle(
        text=text,
        external_id=clean(str(rid)) if rid not in (None, "") else f"{path.name.split('.')[0]}-{index}",
        title=clean(clean_title(str(obj.get("title") or ""))),
        date=date,
        source=clean(str(obj.get("source") or "")),
        url=clean(str(obj.get("url") or "")),
        import_file=str(path),
        name=name,
        derived_id=rid in (None, ""),
        # Annotations a record may carry (`rasid extract` output form), for `import --reviewed`.
        extra={k: obj[k] for k in ("entities", "incidents") if k in obj},
    )


def _jsonl_stream(fh: IO[bytes], name: str) -> IO[bytes]:
    """`fh` itself when it is UTF-8; else (a BOM, BOM-less UTF-16, cp1256 or ISO-8859-6, told by
    its first 64 KB) a UTF-8 stream decoded from it."""
    head = fh.read(65536)
    try:
        head.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError as exc:
        utf8 = exc.start > len(head) - 4 and len(head) == 65536  # cut inside a character at the end
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (head and head.count(0) > len(head) // 4):
        utf8 = False
    rest = io.BufferedReader(_Prefixed(head, fh))
    if utf8:
        return rest  # (an odd byte in the middle is that line's failure, as before)
    _, enc = decode_bytes(head[: len(head) - len(head) % 4], name)  # a BOM stays: utf-8-sig drops it
    text = io.TextIOWrapper(rest, encoding=enc, errors="replace", newline="")
    return io.BufferedReader(Utf8Transcoded(text, limits.CHUNK // 4))


def read_jsonl(path: Path) -> Iterator[Item]:
    with _open_batch(path) as source:
        total = limits.MAX_DECOMPRESSED_BYTES if path.suffix.lower() == ".gz" else None
        try:
            fh = _jsonl_stream(source, path.name)
            lines = limits.BoundedReader(fh, path.name, total, limits.MAX_RECORD_BYTES).lines()
            for lineno, raw in enumerate(lines, 1):
                if isinstance(raw, limits.OversizedLine):
                    yield ImportFailure(f"{path.name}:{lineno}", limits.too_long(raw.size))
                    continue
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
                except UnicodeDecodeError:
                    yield ImportFailure(f"{path.name}:{lineno}", "the line is not UTF-8 text.")
                    continue
                except json.JSONDecodeError as exc:
                    yield ImportFailure(f"{path.name}:{lineno}", f"malformed JSON ({exc.msg}).")
                    continue
                except RecursionError:
                    yield ImportFailure(f"{path.name}:{lineno}", "malformed JSON (nested too deeply).")
                    continue
                yield _record(obj, path, str(lineno), lineno)
        except InputError as exc:
            yield ImportFailure(path.name, str(exc))
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
            yield ImportFailure(path.name, f"the file cannot be read to the end ({exc}); it looks damaged.")


def read_json(path: Path) -> Iterator[Item]:
    with _open_batch(path) as fh:
        try:
            total = limits.MAX_DECOMPRESSED_BYTES if path.suffix.lower() == ".gz" else None
            raw = limits.BoundedReader(fh, path.name, total).read(limits.MAX_JSON_BYTES)
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path.name} is not valid UTF-8 JSON ({exc}).") from exc
        except RecursionError as exc:
            raise InputError(f"{path.name} is JSON nested too deeply to read.") from exc
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{path.name} cannot be read to the end ({exc}); it looks damaged.") from exc
    if isinstance(data, dict):
        data = data.get("articles", [data]) if "text" not in data else [data]
    if not isinstance(data, list):
        raise InputError(f"{path.name} must hold a list of articles (objects with id/title/text).")
    for i, obj in enumerate(data, 1):
        yield _record(obj, path, f"#{i}", i)


def read_csv(path: Path) -> Iterator[Item]:
    csv.field_size_limit(limits.MAX_RECORD_BYTES)  # the default (131,072) lost every row after a long one
    with _open_batch(path) as raw:
        head = raw.read(65536)
        rest = raw  # decode the whole stream with the encoding found on its head
        try:
            head.decode("utf-8")
            enc = "utf-8-sig"
        except UnicodeDecodeError:
            _, enc = decode_bytes(head[: head.rfind(b"\n") + 1] or head, path.name)
        total = limits.MAX_DECOMPRESSED_BYTES if path.suffix.lower() == ".gz" else None
        buffered = io.BufferedReader(_Prefixed(head, rest, path.name, total))
        stream = io.TextIOWrapper(buffered, encoding=enc, errors="strict", newline="")
        try:
            reader = csv.DictReader(stream)
            if reader.fieldnames is None or "text" not in [f.strip().lower() for f in reader.fieldnames]:
                raise InputError(f"{path.name} needs a header row with a `text` column.")
            for i, row in enumerate(reader, 1):
                obj = {k.strip().lower(): v for k, v in row.items() if k}
                yield _record(obj, path, str(i + 1), i)
        except InputError as exc:
            yield ImportFailure(path.name, str(exc))
        except (UnicodeDecodeError, csv.Error, OSError, EOFError, zlib.error) as exc:
            yield ImportFailure(path.name, f"the file cannot be read to the end ({exc}).")


class _Prefixed(io.RawIOBase):
    """A binary stream that first replays `head`, then continues with `rest`."""

    def __init__(self, head: bytes, rest: IO[bytes], name: str = "", total: int | None = None) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self._name = name
        self._total = total
        self._read = len(head)

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(b))
        self._read += len(data)
        if self._total is not None and self._read > self._total:
            raise InputError(
                f"{self._name} expands to more than {self._total // limits.MB:,} MB; "
                "split it into smaller files."
            )
        b[: len(data)] = data
        return len(data)


def _date(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


READERS = {
    ".txt": read_txt,
    ".text": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
}
BATCH_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".csv"})
