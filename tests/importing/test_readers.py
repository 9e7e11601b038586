"""Readers for every supported format, written into tmp_path by the tests themselves."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import socket
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop.importing import ImportFailure, RawArticle, count_records, read_paths

AR = "قصفت مدفعية الجيش مواقع للمسلحين في ريف حلب الشمالي، وأفادت مصادر طبية بمقتل أربعة مدنيين."


def _read(*paths: Path) -> list[RawArticle | ImportFailure]:
    return list(read_paths(paths))


def _one(path: Path) -> RawArticle:
    [item] = _read(path)
    assert isinstance(item, RawArticle), item
    return item


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("cp1256", b""),
        ("iso-8859-6", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-8", b""),
    ],
)
def test_txt_in_every_encoding(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "خبر.txt"
    path.write_bytes(prefix + (AR + "\r\n" + AR).encode(encoding))
    item = _one(path)
    assert item.text == AR + "\r\n" + AR  # newline normalization happens when the article is stored
    assert item.external_id == "خبر" and item.import_file == str(path)


HTML = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>عنوان الصفحة | موقع</title>
<meta property="og:title" content="اشتباكات في ريف حلب">
<meta property="article:published_time" content="2024-02-03T10:00:00Z">
<script>document.write('<p>نص من سكربت يجب ألا يظهر أبداً</p>'); fetch('http://evil.example/x');</script>
<style>p { color: red }</style></head>
<body><nav><a href="/">الرئيسية</a> <a href="/news">الأخبار والتقارير والتحليلات اليومية</a></nav>
<header>شعار الموقع وقائمة طويلة من الروابط العربية</header>
<div class="side">أخبار ذات صلة: عنوان قصير</div>
<article><h1>اشتباكات في ريف حلب</h1><img src="http://example.com/photo.jpg" alt="صورة">
<p>قصفت مدفعية الجيش مواقع للمسلحين في ريف حلب الشمالي،</p>
<p>وأفادت مصادر طبية بمقتل أربعة مدنيين &amp; إصابة آخرين.</p></article>
<aside>الأكثر قراءة: مقالات أخرى كثيرة في الموقع</aside>
<footer>جميع الحقوق محفوظة للموقع الإخباري العربي</footer></body></html>"""


def test_html_main_text_without_chrome_or_network(tmp_path: Path, no_network: None) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    item = _one(path)
    assert item.title == "اشتباكات في ريف حلب"
    assert item.date == "2024-02-03"
    assert "قصفت مدفعية الجيش" in item.text and "& إصابة آخرين" in item.text
    for chrome in ("سكربت", "الرئيسية", "شعار", "الأكثر قراءة", "الحقوق", "color"):
        assert chrome not in item.text


def test_html_without_article_uses_the_most_arabic_block(tmp_path: Path) -> None:
    page = (
        "<html><head><title>خبر</title></head><body><div>قائمة: روابط</div>"
        f"<div id='content'><p>{AR}</p><p>{AR}</p></div><div>تعليقات القراء</div></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("cp1256"))
    item = _one(path)
    assert item.text == f"{AR}\n\n{AR}" and item.title == "خبر"


def _docx(path: Path, paragraphs: list[str], title: str) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    doc = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}">'
        f"<w:body>{body}</w:body></w:document>"
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
        f"<dc:title>{title}</dc:title><dcterms:created>2024-01-05T08:00:00Z</dcterms:created>"
        "</cp:coreProperties>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", doc)
        zf.writestr("docProps/core.xml", core)


def test_docx(tmp_path: Path) -> None:
    path = tmp_path / "تقرير.docx"
    _docx(path, ["الفقرة الأولى عن الوضع الأمني.", "", "الفقرة الثانية عن الضحايا."], "تقرير أسبوعي")
    item = _one(path)
    assert item.text == "الفقرة الأولى عن الوضع الأمني.\n\nالفقرة الثانية عن الضحايا."
    assert item.title == "تقرير أسبوعي" and item.date == "2024-01-05"


def test_broken_docx_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK not really a zip")
    [item] = _read(path)
    assert isinstance(item, ImportFailure) and item.reason == "bad.docx is not a valid Word (.docx) file."


def _pdf(content: bytes, with_font: bool) -> bytes:
    font = b"/Resources << /Font << /F1 4 0 R >> >> " if with_font else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] " + font + b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_pdf_with_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf(b"BT /F1 12 Tf 20 100 Td (Shelling reported near Aleppo) Tj ET", with_font=True))
    item = _one(path)
    assert "Shelling reported near Aleppo" in item.text


def test_pdf_without_text_layer_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(b"q 100 0 0 100 0 0 cm 0.5 g 0 0 1 1 re f Q", with_font=False))
    [item] = _read(path)
    assert isinstance(item, ImportFailure)
    assert item.reason == "scan.pdf has no text layer (scanned?); run OCR on it first."


RECORDS = [
    {"id": "r1", "title": "الأول", "date": "2024-01-01", "source": "أ", "url": "http://x/1", "text": AR},
    {"id": "r2", "title": "الثاني", "date": "", "text": "نص الخبر الثاني عن غارة جوية."},
]


def test_jsonl_csv_json_and_gzip_batches(tmp_path: Path) -> None:
    jl = tmp_path / "b.jsonl"
    jl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    gz = tmp_path / "b2.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(dict(r, id=r["id"] + "g"), ensure_ascii=False) + "\n" for r in RECORDS))
    js = tmp_path / "b3.json"
    js.write_text(
        json.dumps([dict(r, id=r["id"] + "j") for r in RECORDS], ensure_ascii=False), encoding="utf-8"
    )
    cs = tmp_path / "b4.csv"
    with cs.open("w", encoding="cp1256", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "title", "date", "source", "url", "text"])
        writer.writeheader()
        for r in RECORDS:
            writer.writerow({k: r.get(k, "") for k in writer.fieldnames} | {"id": r["id"] + "c"})
    items = _read(jl, gz, js, cs)
    assert all(isinstance(i, RawArticle) for i in items), items
    arts = [i for i in items if isinstance(i, RawArticle)]
    assert [a.external_id for a in arts] == ["r1", "r2", "r1g", "r2g", "r1j", "r2j", "r1c", "r2c"]
    assert {a.text for a in arts} == {AR, RECORDS[1]["text"]}
    first = arts[0]
    assert (first.title, first.date, first.source, first.url, first.name) == (
        "الأول",
        "2024-01-01",
        "أ",
        "http://x/1",
        "b.jsonl:1",
    )
    assert arts[1].date is None
    assert count_records([jl, gz]) == 4


def test_damaged_gzip_is_reported(tmp_path: Path) -> None:
    gz = tmp_path / "b.jsonl.gz"
    data = gzip.compress(("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS * 50)).encode())
    gz.write_bytes(data[: len(data) // 2])
    items = _read(gz)
    assert isinstance(items[-1], ImportFailure) and "damaged" in items[-1].reason


def test_nested_folder_is_walked_in_order(tmp_path: Path) -> None:
    root = tmp_path / "أرشيف"
    (root / "2024" / "يناير").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("خبر أ عن قصف", encoding="utf-8")
    (root / "2024" / "b.txt").write_bytes("خبر ب عن اشتباك".encode("cp1256"))
    (root / "2024" / "يناير" / "c.html").write_text(f"<p>{AR}</p>", encoding="utf-8")
    (root / "2024" / "image.png").write_bytes(b"\x89PNG")
    (root / ".hidden" / "d.txt").write_text("مخفي", encoding="utf-8")
    items = _read(root)
    assert [i.external_id for i in items if isinstance(i, RawArticle)] == ["a", "b", "c"]
    assert count_records([root]) == 3


def test_html_with_unclosed_tags_inside_dropped_blocks(tmp_path: Path) -> None:
    page = (
        f"<html><body><nav><ul><li>الرئيسية<li>الأخبار<p>روابط</nav><div><p>{AR}<p>{AR}</div>"
        "<footer><p>الحقوق محفوظة</footer></body></html>"
    )
    path = tmp_path / "sloppy.html"
    path.write_text(page, encoding="utf-8")
    assert _one(path).text == f"{AR}\n\n{AR}"
