"""The HTML/PDF report: real Arabic text in the PDF (pdftotext) and pages that are not blank (pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from desktop.export.filters import ExportFilter
from desktop.export.report import build_html, highlight
from desktop.export.runner import ExportOptions, export_project
from desktop.store.entities import Entity
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
    words = ("داعش", "الباغوز", "إدلب", "الموصل", "تقرير الحوادث", "الديمقراطية", "الإسلامية")
    # (pdftotext splits some words of Amiri at marks and ligatures: "يوميا ً", "خر يطة")
    chart_labels = ("الحوادث يوميا", "حسب النوع", "الفاعلين", "القتلى حسب المحافظة", "عدد الحوادث")
    for word in words + chart_labels:  # chart labels are text too, shaped and in reading order
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
    assert "Incident report" in html and ">Most active actors</span>" in html  # chart labels are text
    assert '<mark class="ORG"' in html and html.count("<svg ") == 4 and "data:image/png" not in html
    assert highlight("<b>", []) == "&lt;b&gt;"


def test_highlight_escapes_text_around_and_inside_marks() -> None:
    text = 'هاجم <b>"داعش"</b> & فرّ'
    start = text.index("داعش") - 1
    quoted = Entity(1, 1, start, start + 6, "ORG", text[start : start + 6], {}, "auto", "new", None, None)
    assert highlight(text, [quoted]) == (
        'هاجم &lt;b&gt;<mark class="ORG" title="ORG">&quot;داعش&quot;</mark>&lt;/b&gt; &amp; فرّ'
    )
    rejected = Entity(2, 1, start, start + 6, "ORG", "", {}, "auto", "rejected", None, None)
    assert "<mark" not in highlight(text, [rejected])


def test_arabic_html_is_rtl(project: Project) -> None:
    html = build_html(project, lang="ar")
    assert '<html lang="ar" dir="rtl">' in html and "جدول الحوادث" in html
    assert html.index("<th>المعرّف</th>") < html.index("<th>التاريخ</th>")  # reading order


def test_chart_html_is_xml_with_shapes_and_labels() -> None:
    """Shapes in the SVG, labels as positioned spans with their direction; escaped; parses as XML."""
    from types import SimpleNamespace

    from desktop.export.charts import top_actors
    from desktop.export.svg import chart_html

    records = [
        SimpleNamespace(id=1, actor1="تنظيم داعش", actor2="<Unknown & Co>"),
        SimpleNamespace(id=2, actor1="تنظيم داعش", actor2=""),
    ]
    root = ElementTree.fromstring(chart_html(top_actors(records, arabic=True), "actors"))  # type: ignore[arg-type]
    svg = root.find("{http://www.w3.org/2000/svg}svg")
    assert svg is not None and svg.get("width") == "336"
    bars = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if r.get("fill") == "#34495e"]
    assert len(bars) == 2 and float(bars[0].get("width", 0)) == 2 * float(bars[1].get("width", 0))
    spans = {s.text: s for s in root.iter("span")}
    assert spans["تنظيم داعش"].get("dir") == "rtl" and spans["<Unknown & Co>"].get("dir") == "ltr"
    assert spans["أكثر الفاعلين نشاطاً"].get("dir") == "rtl"
    assert "text-align:right" in (spans["تنظيم داعش"].get("style") or "")  # names end at the axis
