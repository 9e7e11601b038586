"""Exports of a project: ACLED CSV, JSON dump (round-trips), GeoJSON, XLSX, CoNLL/BIO, HTML and PDF reports.

Core package: never imports PySide6. `desktop.export.runner.export_project` is the one entry point
the CLI (`desktop.cli.export`) and the GUI's export dialog both call.
"""

from __future__ import annotations

FORMATS: tuple[str, ...] = ("acled-csv", "json", "geojson", "xlsx", "conll", "html", "pdf")
