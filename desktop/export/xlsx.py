"""XLSX export (openpyxl): right-to-left sheets for incidents (ACLED columns), entities and articles.

Text cells lose their control characters, then are neutralized like the CSV (a leading quote
before `=`, `+`, `-`, `@`, tab or CR, looking past bidi marks), headers are
bold and frozen, and every sheet reads right to left.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.export.acled import COLUMNS, acled_rows, neutralize
from desktop.export.filters import ExportFilter, ProgressFn, collect

if TYPE_CHECKING:
    from desktop.store.project import Project

# Excel refuses cells longer than this.
MAX_CELL = 32_767
ENTITY_COLUMNS = (
    "article_id",
    "external_id",
    "start",
    "end",
    "type",
    "text",
    "canonical_id",
    "canonical_name",
    "origin",
    "status",
)
ARTICLE_COLUMNS = ("id", "external_id", "title", "date", "source", "url", "tags", "note", "text")


def _cell(value: Any) -> Any:
    """A cell value: characters a cell cannot hold are removed first, then formulas are neutralized
    (the other order let `\x01=...` become a live formula once openpyxl dropped the `\x01`)."""
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch >= " " or ch in "\n\t").replace("\x7f", "")
        value = neutralize(value)[:MAX_CELL]
    return value


def write_xlsx(
    project: Project,
    out: str | Path,
    flt: ExportFilter | None = None,
    lang: str = "en",
    progress: ProgressFn | None = None,
) -> int:
    """Write the workbook; returns the number of incident rows."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    data = collect(project, flt, progress=progress)
    rows = acled_rows(project, data, lang)
    # Streaming (write-only) workbook: rows go to disk as they are appended, so a project of 30,000
    # articles is written in seconds and in little memory; sheets are set up before their first row.
    wb = Workbook(write_only=True)
    names = ("الحوادث", "الكيانات", "المقالات") if lang == "ar" else ("Incidents", "Entities", "Articles")
    bold = Font(bold=True)

    def sheet(name: str, header: tuple[str, ...] | list[str]) -> Any:
        ws = wb.create_sheet(name)
        ws.sheet_view.rightToLeft = True
        ws.freeze_panes = "A2"
        cells = []
        for title in header:
            cell = WriteOnlyCell(ws, value=title)
            cell.font = bold
            cells.append(cell)
        ws.append(cells)
        return ws

    total = len(rows) + sum(len(e) for e in data.entities.values()) + len(data.articles)
    written = 0

    def step() -> None:
        nonlocal written
        written += 1
        if progress and written % 1000 == 0:
            progress(written, total, "xlsx")

    ws = sheet(names[0], list(COLUMNS))
    for row in rows:
        ws.append([_cell(row[c]) for c in COLUMNS])
        step()
    by_id = {a.id: a for a in data.articles}
    ws = sheet(names[1], list(ENTITY_COLUMNS))
    for aid, ents in data.entities.items():
        for e in ents:
            ws.append(
                [
                    _cell(v)
                    for v in (
                        aid,
                        by_id[aid].external_id,
                        e.start,
                        e.end,
                        e.type,
                        e.text,
                        e.canonical_id,
                        e.canonical_name,
                        e.origin,
                        e.status,
                    )
                ]
            )
            step()
    ws = sheet(names[2], list(ARTICLE_COLUMNS))
    for a in data.articles:
        ws.append(
            [
                _cell(v)
                for v in (
                    a.id,
                    a.external_id,
                    a.title,
                    a.date,
                    a.source,
                    a.url,
                    "; ".join(data.tags.get(a.id, [])),
                    data.notes.get(a.id, ""),
                    a.text,
                )
            ]
        )
        step()
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    _save(wb, Path(out))
    if progress:
        progress(total, total, "xlsx")
    return len(rows)


def _save(wb: Any, out: Path) -> None:
    """`wb.save(out)`, except that a failed save (a full disk) closes what it left open: openpyxl's
    own save leaves its zip archive and the sheets' row writers to the garbage collector, which
    prints their errors as tracebacks when the program exits."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

    archive = ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(wb, archive).save()  # what openpyxl.writer.excel.save_workbook does
    except BaseException:
        for ws in wb.worksheets:
            with suppress(Exception):
                if getattr(ws, "_rows", None) is not None:
                    ws._rows.close()
        with suppress(Exception):
            archive.close()
        raise
