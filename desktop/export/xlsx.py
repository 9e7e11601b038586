"""XLSX export (openpyxl): right-to-left sheets for incidents (ACLED columns), entities and articles.

Text cells are neutralized like the CSV (a leading quote before `=`, `+`, `-`, `@`), headers are
bold and frozen, and every sheet reads right to left.
"""

from __future__ import annotations

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
    value = neutralize(value)
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch >= " " or ch in "\n\t")[:MAX_CELL]
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
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    data = collect(project, flt, progress=progress)
    rows = acled_rows(project, data, lang)
    wb = Workbook(write_only=False)
    names = ("الحوادث", "الكيانات", "المقالات") if lang == "ar" else ("Incidents", "Entities", "Articles")
    ws = wb.active
    assert ws is not None
    ws.title = names[0]
    sheets = [ws, wb.create_sheet(names[1]), wb.create_sheet(names[2])]
    bold = Font(bold=True)
    ws.append(list(COLUMNS))
    for row in rows:
        ws.append([_cell(row[c]) for c in COLUMNS])
    by_id = {a.id: a for a in data.articles}
    sheets[1].append(list(ENTITY_COLUMNS))
    for aid, ents in data.entities.items():
        for e in ents:
            sheets[1].append(
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
    sheets[2].append(list(ARTICLE_COLUMNS))
    for a in data.articles:
        sheets[2].append(
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
    for sheet in sheets:
        sheet.sheet_view.rightToLeft = True
        sheet.freeze_panes = "A2"
        for c in sheet[1]:
            c.font = bold
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(out))
    return len(rows)
