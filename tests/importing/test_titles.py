"""Titles at import: HTML entities decoded; a .txt or .docx without one takes its first line."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from desktop.importing import RawArticle, read_paths
from desktop.importing.titles import MAX_TITLE_CHARS, clean_title, title_from_text

LEAD = "مقتل 4 عناصر من قوات الأمن في هجوم على حاجز قرب الرمادي"
BODY = "قُتل 4 عناصر من قوات الأمن في هجوم شنه مسلحون على حاجز قرب مدينة الرمادي مساء الأحد."


def _one(path: Path) -> RawArticle:
    [item] = list(read_paths([path]))
    assert isinstance(item, RawArticle), item
    return item


def test_entities_are_decoded() -> None:
    assert clean_title("هجوم لـ &#8220;داعش&#8221; &amp; مقتل 4") == "هجوم لـ “داعش” & مقتل 4"
    assert clean_title("  عنوان\n على سطرين &quot;x&quot; ") == 'عنوان على سطرين "x"'
    assert clean_title("AT&T") == "AT&T"  # not an entity: kept


def test_jsonl_titles_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    record = {"id": "f1", "title": "تنظيم &#8220;داعش&#8221; يتبنى الهجوم", "text": BODY}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _one(path).title == "تنظيم “داعش” يتبنى الهجوم"


def test_txt_takes_its_first_non_empty_line(tmp_path: Path) -> None:
    """It was '(untitled)': the reader gave no title."""
    path = tmp_path / "report.txt"
    path.write_text(f"\ufeff\n   \n  {LEAD}  \r\n\r\n{BODY}\r\n", encoding="utf-8")
    item = _one(path)
    assert item.title == LEAD
    assert LEAD in item.text  # the title is taken from the text, not cut out of it


def test_a_long_first_line_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(" ".join([BODY] * 10) + "\n" + BODY, encoding="utf-8")
    title = _one(path).title
    assert len(title) <= MAX_TITLE_CHARS and title.endswith("…")
    assert BODY.startswith(title[:-1].rstrip()[:50])
    assert title_from_text("\n\n") == ""


def _docx(path: Path, paragraphs: list[str]) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        document = f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?>{document}')


def test_docx_without_a_title_takes_its_first_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "note.docx"
    _docx(path, ["", LEAD, BODY])
    assert _one(path).title == LEAD
