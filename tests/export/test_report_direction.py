"""An English report keeps Arabic paragraphs right to left under a Latin title; the HTML travels alone."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.export.report import build_html, text_direction, write_pdf
from desktop.export.sample import add_article, entity
from desktop.store.project import Project

TEXT = (
    "قالت مصادر محلية إن مسلحين من تنظيم داعش هاجموا قوات الجيش العراقي قرب مدينة الموصل فجر اليوم.\n"
    "Reuters reported the attack in English.\n"
    "وأضافت المصادر أن الهجوم أسفر عن مقتل جنديين."
)


@pytest.fixture
def latin_titled(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "r.rasid")
    add_article(
        project,
        "file-1",
        TEXT,
        title="report-2024-05-02.txt",
        date="2024-05-02",
        entities=[
            entity(TEXT, "تنظيم داعش", "ORG"),
            entity(TEXT, "الجيش العراقي", "ORG"),
            entity(TEXT, "الموصل", "LOC"),
        ],
    )
    return project


def test_paragraph_direction_follows_its_content_not_the_title(latin_titled: Project) -> None:
    html = build_html(latin_titled, lang="en")
    article = html[html.index('<div class="article"') :]
    assert '<h3 dir="ltr">report-2024-05-02.txt</h3>' in article
    paragraphs = re.findall(r'<p dir="(rtl|ltr)">', article)
    assert paragraphs == ["rtl", "ltr", "rtl"]
    assert text_direction("  123 ، داعش") == "rtl" and text_direction("(ISIS) داعش") == "ltr"


def test_the_html_report_embeds_its_font(latin_titled: Project) -> None:
    html = build_html(latin_titled, lang="en")
    assert "file://" not in html
    faces = re.findall(r'@font-face \{[^}]*src: url\("([^"]{0,40})', html)
    assert len(faces) == 2 and all(f.startswith("data:font/ttf;base64,") for f in faces)


def test_the_english_pdf_keeps_arabic_word_order(latin_titled: Project, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    write_pdf(latin_titled, out, lang="en")
    assert shutil.which("pdftotext")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    # Words on both sides of highlights, in reading order: a left-to-right paragraph reverses them.
    assert "من تنظيم داعش هاجموا" in text
    assert "قوات الجيش العراقي قرب" in text.replace("\n", " ")
