"""Fixtures for store tests: a fresh project, an Arabic sample batch and the stub extractor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rasid_stub import ARTICLES, stub_extract, write_jsonl

from desktop.ingest import import_paths
from desktop.store import Project


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.rasid") as p:
        yield p


@pytest.fixture
def filled(project: Project, tmp_path: Path) -> Project:
    report = import_paths(
        project, [write_jsonl(tmp_path / "batch.jsonl", ARTICLES)], jobs=1, extractor=stub_extract
    )
    assert report.imported == len(ARTICLES), report
    return project
