"""The project store: one SQLite file per project, its managers, import, re-extraction and search."""

from __future__ import annotations

from desktop.store.articles import Article, ArticleFilter, ArticleSummary
from desktop.store.extraction import ImportProgress, ImportReport
from desktop.store.project import Project

__all__ = ["Article", "ArticleFilter", "ArticleSummary", "ImportProgress", "ImportReport", "Project"]
