"""Long and deeply nested search queries end in results or one sentence, never a RecursionError."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.errors import QueryError
from desktop.store import Project
from desktop.store.search import MAX_DEPTH, MAX_TERMS, parse_query

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "query",
    [
        " ".join(["الموصل"] * 1000),
        " AND ".join(["الموصل"] * 1000),
        " OR ".join(f"كلمة{i}" for i in range(5000)),
        "(" * 500 + "الموصل" + ")" * 500,
        "(" * 5000 + "الموصل",
        "الموصل " + " NOT ".join(["بغداد"] * 2000),
    ],
)
def test_huge_queries_are_one_sentence(filled: Project, query: str) -> None:
    with pytest.raises(QueryError) as info:
        filled.search(query)
    message = str(info.value)
    assert message.count(". ") == 0 and message.endswith(".") and len(message) < 200


def test_queries_at_the_limits_run(filled: Project) -> None:
    letters = "abcdefghij"
    wide = " OR ".join(
        ["الموصل", *("w" + "".join(letters[int(d)] for d in str(i)) for i in range(MAX_TERMS - 1))]
    )
    assert filled.search(wide).total >= 1
    deep = "(" * MAX_DEPTH + "الموصل" + ")" * MAX_DEPTH
    assert filled.search(deep).total >= 1
    chain = " AND ".join(["الموصل"] * MAX_TERMS)
    assert filled.search(chain).total >= 1
    assert parse_query(chain).expression.count("(") <= 2  # flat: FTS5 caps its tree depth at 256


def test_cli_search_with_a_huge_query(filled: Project) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "search", str(filled.path), "(" * 600 + "الموصل" + ")" * 600],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
