"""The project store: one SQLite file per project, its managers, its one article-write path and search.

The store knows nothing of the pipeline, the CLI, the exports or Qt (a test enforces it): import
and re-extraction live above it, in `desktop.ingest`.
"""

from __future__ import annotations

from desktop.store.articles import Article, ArticleFilter, ArticleSummary
from desktop.store.project import Project

__all__ = ["Article", "ArticleFilter", "ArticleSummary", "Project"]
