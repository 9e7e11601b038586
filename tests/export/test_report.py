"""The HTML/PDF report: real Arabic text in the PDF (pdftotext) and pages that are not blank (pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.export.filters import ExportFilter
from desktop.export.report import build_html, highlight
from desktop.export.runner import ExportOptions, export_project
from desktop.store.project import Project

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils missing (apt-get install poppler-utils)",
)


@pytest.fixture(scope="module")
def arabic_pdf(tmp_path_factory: pytest.TempPathFactory, template_project: Path) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    shutil.copy(template_project, folder / "p.rasid")
    with Project.open(folder / "p.rasid") as p:
        export_project(p, "pdf", folder / "r.pdf", options=ExportOptions(lang="ar"))
    return folder / "r.pdf"


def test_pdf_text_layer_has_arabic_words(arabic_pdf: Path) -> None:
    raw = subprocess.run(
        ["pdftotext", str(arabic_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(raw.translate({c: None for c in range(0x202A, 0x202F)}).split())
    for word in ("داعش", "الباغوز", "إدلب", "الموصل", "تقرير الحوادث", "الديمقراطية", "الإسلامية"):
        assert word in text, word
    assert not any(0xFE70 <= ord(ch) <= 0xFEFF for ch in text), "presentation forms in the text layer"


def test_pdf_pages_are_not_blank(arabic_pdf: Path, tmp_path: Path) -> None:
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "40", "-png", str(arabic_pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2
    first = Image.open(pages[0]).convert("RGB")
    gray = first.convert("L").histogram()
    non_white = sum(gray[:235]) / sum(gray)
    assert non_white > 0.03
    colours = first.getcolors(maxcolors=1 << 20) or []
    assert len(colours) >= 20  # text, chart bars in several colours, frames


def test_english_html(project: Project) -> None:
    html = build_html(project, ExportFilter(include_rejected=True), lang="en")
    assert '<html lang="en" dir="ltr">' in html
    assert "Incident report" in html and "Most active actors" not in html  # chart titles are images
    assert '<mark class="ORG"' in html and "data:image/png;base64," in html
    assert "&lt;" not in highlight("<b>", []) or highlight("<b>", []) == "&lt;b&gt;"


def test_arabic_html_is_rtl(project: Project) -> None:
    html = build_html(project, lang="ar")
    assert '<html lang="ar" dir="rtl">' in html and "جدول الحوادث" in html
    assert html.index("<th>المعرّف</th>") < html.index("<th>التاريخ</th>")  # reading order


def test_timeline_bins_long_periods_instead_of_drawing_every_day() -> None:
    """One old date in a corpus must not make the timeline draw a bar for every day since."""
    from types import SimpleNamespace

    from matplotlib.figure import Figure

    from desktop.export.charts import timeline

    dates = ["2012-01-05", "2015-07-01", "2015-07-02", "2015-08-10"]
    records = [SimpleNamespace(id=i, event_date=d, event_type="Battles") for i, d in enumerate(dates)]
    fig = Figure()
    hits = timeline(fig, records, arabic=False)  # type: ignore[arg-type]
    bars = [p for p in fig.axes[0].patches]
    assert len(bars) <= 5  # monthly bins over 3.5 years: one bar per month that has incidents
    assert sum(len(ids) for _, ids in hits.artists) == len(dates)
