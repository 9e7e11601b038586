"""Fuzzing with hypothesis (bounded examples, fast): random bytes and encodings through every
importer, random JSON lines through `extract`'s validation and the pipeline, random FTS5 queries
through search. Each ends in output or one sentence (a typed error), never an unexpected exception.
A longer run: `RASID_FUZZ_EXAMPLES=5000 .venv/bin/pytest tests/fuzz`."""

from __future__ import annotations

import json
import os
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli.extract import validate_record
from desktop.errors import QueryError
from desktop.export.sample import add_article
from desktop.importing import ImportFailure, RawArticle, read_paths
from desktop.importing.readers import READERS
from desktop.pipeline import extract_record
from desktop.store import Project

FAST = settings(
    max_examples=int(os.environ.get("RASID_FUZZ_EXAMPLES", "100")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
ARABIC = "قصفت طائرات حربية مدينة إدلب صباح الأحد وسقط ثلاثة قتلى. "
SPECIALS = ["\ufeff", "\u200f", "\u202e", "\x00", "\ud800", "😀", "\r\n", "\u2028", "﷽", "ـ"]
texts = st.lists(
    st.one_of(st.sampled_from([*SPECIALS, ARABIC, "داعش", "الموصل"]), st.text(max_size=20)), max_size=12
).map("".join)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "iso-8859-6", "utf-32"]


def _no_internal_error(items: list[RawArticle | ImportFailure]) -> None:
    for item in items:
        if isinstance(item, ImportFailure):
            assert not item.reason.startswith("internal error"), item.reason
            assert item.reason.strip()
        else:
            assert isinstance(item.text, str)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(sorted(READERS)), gz=st.booleans())
def test_random_bytes_through_every_importer(folder: Path, data: bytes, suffix: str, gz: bool) -> None:
    path = folder / f"random{suffix}{'.gz' if gz else ''}"
    path.write_bytes(data)
    _no_internal_error(list(read_paths([path])))


@FAST
@given(
    text=texts,
    encoding=st.sampled_from(ENCODINGS),
    suffix=st.sampled_from([".txt", ".html", ".csv", ".jsonl"]),
)
def test_encodings_through_text_importers(folder: Path, text: str, encoding: str, suffix: str) -> None:
    body = text
    if suffix == ".csv":
        body = "id,text\n1," + json.dumps(text, ensure_ascii=False) + "\n"
    elif suffix == ".jsonl":
        body = json.dumps({"id": "1", "text": text}, ensure_ascii=False) + "\n"
    elif suffix == ".html":
        body = f"<html><body><p>{text}</p><script>x()</script></body></html>"
    data = body.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    path = folder / f"enc{suffix}"
    path.write_bytes(data)
    _no_internal_error(list(read_paths([path])))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | texts,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)


def _lines() -> st.SearchStrategy[str]:
    record = st.fixed_dictionaries(
        {"text": json_values}, optional={"id": json_values, "date": json_values, "title": json_values}
    ).map(lambda d: json.dumps(d, ensure_ascii=False))
    mangled = st.tuples(
        record, st.integers(0, 200), st.sampled_from(["", "{", "}", '"', "\\", "[" * 50, "\x00"])
    )
    return st.one_of(
        record,
        mangled.map(lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]),
        st.text(max_size=80),
        st.just("[" * 100_000),
    )


@FAST
@given(line=_lines())
def test_malformed_json_lines_in_extract(line: str) -> None:
    try:
        record = validate_record(line)
    except ValueError as exc:
        assert str(exc)
        return
    out = extract_record(record)
    json.dumps(out, ensure_ascii=False).encode("utf-8")  # writable as UTF-8
    for ent in out["entities"]:
        assert record["text"][ent["start"] : ent["end"]] == ent["text"]


@FAST
@given(lines=st.lists(_lines(), max_size=5))
def test_malformed_json_lines_in_import(folder: Path, lines: list[str]) -> None:
    path = folder / "lines.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    _no_internal_error(list(read_paths([path])))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    with Project.create(tmp_path_factory.mktemp("search") / "p.rasid") as p:
        for i in range(5):
            add_article(p, f"s{i}", ARABIC + f" {i}", title="غارة")
        yield p


query_parts = st.sampled_from(
    [
        '"',
        "(",
        ")",
        "AND",
        "OR",
        "NOT",
        "NEAR(",
        "NEAR",
        "*",
        "^",
        ":",
        "full:",
        "base:",
        "{full}",
        "'; DROP TABLE",
        "articles",
        "الموصل",
        "إدلب",
        "-",
        "+",
        ",",
        "\x00",
        "\ud800",
        "😀",
        '""',
    ]
)


@FAST
@given(parts=st.lists(st.one_of(query_parts, st.text(alphabet=string.printable, max_size=6)), max_size=12))
def test_malformed_fts5_queries(project: Project, parts: list[str]) -> None:
    query = " ".join(parts)
    try:
        page = project.search(query)
    except QueryError as exc:
        message = str(exc)
        assert message.endswith(".") and "\n" not in message
        return
    assert page.total >= 0
    assert project.integrity_check() == "ok"
