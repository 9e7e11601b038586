"""Import and re-extraction, above the store, the readers and the pipeline: readers -> pipeline -> store.

`import_paths` reads files and folders (`desktop.importing`), extracts each new article on the
pipeline's worker pool (`desktop.pipeline.map_ordered`) and writes it through the store's one
article-write path (`desktop.store.writes`); `reextract` runs the pipeline again on every stored
article. The store never imports this package.
"""

from __future__ import annotations

from desktop.ingest.report import ImportProgress, ImportReport, ProgressCallback
from desktop.ingest.runner import POOL_THRESHOLD, import_paths, project_extractor, reextract

__all__ = [
    "POOL_THRESHOLD",
    "ImportProgress",
    "ImportReport",
    "ProgressCallback",
    "import_paths",
    "project_extractor",
    "reextract",
]
