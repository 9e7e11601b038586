"""One entry point for every export format, used by the CLI and the GUI's export dialog.

Every format is written to a hidden partial file beside the target and moved over it only when
complete: a failed or cancelled export leaves an earlier file of that name as it was, and a partial
left by a killed export is removed by the next export to that target (`desktop.partial`).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import InputError, RasidError
from desktop.export import FORMATS
from desktop.export.filters import ExportFilter, ProgressFn
from desktop.partial import partial_path, sweep_stale

if TYPE_CHECKING:
    from desktop.store.project import Project

EXTENSIONS = {
    "acled-csv": ".csv",
    "json": ".json",
    "geojson": ".geojson",
    "xlsx": ".xlsx",
    "conll": ".conll",
    "html": ".html",
    "pdf": ".pdf",
}


@dataclass
class ExportOptions:
    """Format-specific options (ignored by formats they do not concern)."""

    lang: str = "en"
    bom: bool = False
    entity_scope: str = "reviewed"
    tagset: str = "rasid"


class ExportCancelled(RasidError):
    """The user cancelled the export; nothing was written."""


def export_project(
    project: Project,
    fmt: str,
    out: str | Path,
    flt: ExportFilter | None = None,
    options: ExportOptions | None = None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Write `project` (filtered) to `out` in format `fmt`; returns the number of items written.

    Setting `cancel` stops the export at its next progress step (ExportCancelled)."""
    opts = options or ExportOptions()
    if fmt not in FORMATS:
        raise InputError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if opts.lang not in ("ar", "en"):
        raise InputError(f"Unknown language {opts.lang!r}; use ar or en.")
    out = Path(out)
    if not out.parent.is_dir():
        raise InputError(f"The folder {out.parent} does not exist.")
    _refuse_project_files(project.path, out)
    sweep_stale(out)  # a partial left by an export that was killed
    partial = partial_path(out)

    def step(done: int, total: int | None, message: str) -> None:
        if cancel is not None and cancel.is_set():
            raise ExportCancelled("The export was cancelled; no file was written.")
        if progress:
            progress(done, total, message)

    try:
        count = _write(project, fmt, partial, flt, opts, step)
        os.replace(partial, out)
        return count
    except PermissionError as exc:
        raise InputError(f"{out} cannot be written (permission denied).") from exc
    except OSError as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{out} cannot be written ({exc.strerror or exc}).") from exc
    finally:
        partial.unlink(missing_ok=True)


# The files SQLite and Rasid keep beside a project: an export moved over any of them would destroy it.
PROJECT_SIDECARS = ("", "-wal", "-shm", "-journal", ".lock")


def _refuse_project_files(project_path: Path, out: Path) -> None:
    """Raise InputError when `out` is the project or one of its sidecar files (by resolved path,
    through symbolic links, or as a hard link to the same file)."""
    target = out.resolve()
    base = project_path.resolve()
    for suffix in PROJECT_SIDECARS:
        own = Path(str(base) + suffix)
        same = target == own
        if not same and out.exists() and own.exists():
            try:
                same = os.path.samefile(out, own)
            except OSError:
                same = False
        if same:
            raise InputError(
                f"{out} is the project itself (or one of its files); choose another output file."
            )


def _write(
    project: Project, fmt: str, out: Path, flt: ExportFilter | None, opts: ExportOptions, progress: ProgressFn
) -> int:
    if fmt == "acled-csv":
        from desktop.export.acled import write_acled_csv

        return write_acled_csv(project, out, flt, opts.lang, opts.bom, progress)
    if fmt == "json":
        from desktop.export.json_export import write_json

        return write_json(project, out, flt or ExportFilter(include_rejected=True), progress)
    if fmt == "geojson":
        from desktop.export.geojson import write_geojson

        return write_geojson(project, out, flt, opts.lang, progress)
    if fmt == "xlsx":
        from desktop.export.xlsx import write_xlsx

        return write_xlsx(project, out, flt, opts.lang, progress)
    if fmt == "conll":
        from desktop.export.conll import write_conll

        return write_conll(project, out, flt, opts.entity_scope, opts.tagset, progress=progress)
    from desktop.export.report import write_html, write_pdf

    writer = write_html if fmt == "html" else write_pdf
    return writer(project, out, flt, opts.lang, progress)
