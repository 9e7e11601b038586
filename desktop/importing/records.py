"""What readers yield: a raw article (text plus metadata) or a failure with a one-sentence reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawArticle:
    """An article as read from a file, before normalization, de-duplication and extraction."""

    text: str
    external_id: str
    title: str = ""
    date: str | None = None
    source: str = ""
    url: str = ""
    import_file: str = ""
    name: str = ""  # where it came from, for messages: `file.jsonl:12` or `file.txt`
    # Whether `external_id` was made up from a file name (and may be suffixed on collision).
    derived_id: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportFailure:
    """A file or record that could not be read; `reason` is one sentence."""

    name: str
    reason: str
