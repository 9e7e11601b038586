"""Reading articles from files: text, HTML, Word, PDF, JSONL/JSON/CSV batches (also gzipped) and folders."""

from __future__ import annotations

from desktop.importing.records import ImportFailure, RawArticle
from desktop.importing.walk import SUPPORTED_SUFFIXES, count_records, read_paths

__all__ = ["SUPPORTED_SUFFIXES", "ImportFailure", "RawArticle", "count_records", "read_paths"]
