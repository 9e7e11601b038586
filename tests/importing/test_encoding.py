"""Encoding detection for plain-text articles: UTF-8, BOMs, UTF-16, windows-1256 and ISO-8859-6."""

from __future__ import annotations

import codecs

import pytest

from desktop.errors import InputError
from desktop.importing.encoding import decode_bytes

TEXT = (
    "أعلنت السلطات المحلية في محافظة نينوى مقتل ثلاثة مدنيين وإصابة خمسة آخرين في انفجار عبوة ناسفة "
    "على طريق رئيسي جنوب الموصل، وقال مسؤول أمني إن التحقيقات جارية لمعرفة الجهة المسؤولة."
)
SHORT = "قتل جندي في هجوم"


@pytest.mark.parametrize("text", [TEXT, SHORT])
@pytest.mark.parametrize("encoding", ["cp1256", "iso-8859-6"])
def test_legacy_arabic_encodings_are_told_apart(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="strict") if encoding == "cp1256" else _iso(text)
    decoded, enc = decode_bytes(data)
    assert enc == encoding
    assert decoded == (text if encoding == "cp1256" else _iso(text).decode("iso-8859-6"))


def _iso(text: str) -> bytes:
    # ISO-8859-6 has no alef with hamza below/above, so those letters must be in the ISO repertoire:
    # it does have them (0xC3, 0xC5); characters it lacks are not used in these sentences.
    return text.encode("iso-8859-6")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_unicode_encodings(data: bytes, encoding: str) -> None:
    assert decode_bytes(data) == (TEXT, encoding)


def test_binary_garbage_is_refused() -> None:
    with pytest.raises(InputError, match="not in a text encoding"):
        decode_bytes(bytes(range(256)) * 4, "blob.txt")
