"""Spreadsheet cells never become live formulas, whatever control characters a value starts with."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest

from desktop.export.acled import COLUMNS, neutralize
from desktop.export.runner import export_project
from desktop.export.sample import add_article
from desktop.store.project import Project

TEXT = "قتل ثلاثة مدنيين في قصف على مدينة إدلب صباح الأحد."
# Characters that openpyxl or a spreadsheet drops or skips, put before a formula.
PREFIXES = ("\x01", "\x0b", "\x1f", "\x00", "\x7f", "\x01\x02", "\u200f", "\ufeff")
STARTS = ("=", "+", "-", "@", "\t", "\r")


def _payload(i: int) -> str:
    return PREFIXES[i % len(PREFIXES)] + STARTS[i % len(STARTS)] + 'HYPERLINK("http://evil","x")'


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "h.rasid"
    with Project.create(path) as p:
        for i in range(len(PREFIXES) * 2):
            aid = add_article(
                p,
                _payload(i) + str(i),
                TEXT + f" ({i})",
                title=_payload(i + 1),
                source=_payload(i + 2),
                date="2020-01-05",
                entities=[
                    {"start": 0, "end": 3, "type": "PER", "text": TEXT[:3], "canonical_id": _payload(i)}
                ],
                incidents=[
                    {
                        "event_type": "Violence against civilians",
                        "sub_event_type": "Attack",
                        "date": "2020-01-05",
                        "location": _payload(i + 3),
                        "admin1": _payload(i + 4),
                        "country": "Syria",
                        "actor1": _payload(i + 5),
                        "actor2": _payload(i),
                        "fatalities": 3,
                        "evidence": {"start": 0, "end": len(TEXT)},
                    }
                ],
            )
            p.tags.set(aid, [_payload(i + 6)])
            p.notes.set(aid, _payload(i + 7))
    return path


def test_neutralize_looks_past_control_characters() -> None:
    for prefix in PREFIXES:
        for start in STARTS:
            value = neutralize(prefix + start + "1+1")
            assert value.startswith("'"), repr(value)
    assert neutralize("عادي") == "عادي" and neutralize(3) == 3
    assert neutralize("\x01نص") == "نص"  # the invisible control character goes, nothing is added


def test_xlsx_has_no_formula_cells(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "h.xlsx"
    with Project.open(hostile) as p:
        assert export_project(p, "xlsx", out) == len(PREFIXES) * 2
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert len(sheets) == 3
        xml = "".join(z.read(n).decode("utf-8") for n in sheets)
        shared = (
            z.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in z.namelist() else ""
        )
    assert "<f>" not in xml and "<f " not in xml
    assert "HYPERLINK" in xml + shared  # the hostile values were written, as text
    for value in re.findall(r"<t[^>]*>([^<]*)</t>", xml + shared):
        assert not value.lstrip("\u200f\ufeff").startswith(("=", "+", "-", "@")), value


def test_csv_cells_are_inert(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "h.csv"
    with Project.open(hostile) as p:
        export_project(p, "acled-csv", out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(PREFIXES) * 2
    for row in rows:
        for col in COLUMNS:
            if col in ("latitude", "longitude"):
                continue
            visible = "".join(ch for ch in row[col] if ch >= " " and ch not in "\x7f\u200f\ufeff")
            assert not visible.startswith(STARTS), (col, row[col])
            assert not re.match(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", row[col]), (col, row[col])
