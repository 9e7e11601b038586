"""Small helpers shared by the store managers: timestamps, JSON columns and the review vocabulary."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal, Protocol

Origin = Literal["auto", "analyst"]
Status = Literal["new", "accepted", "rejected", "edited"]
STATUSES: tuple[str, ...] = ("new", "accepted", "rejected", "edited")


def now() -> str:
    """The current UTC time as an ISO string (seconds)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def dumps(value: Any) -> str:
    """JSON text for a column (Arabic kept readable)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


class ProjectLike(Protocol):
    """What a manager needs from its `Project` (kept as a protocol to avoid an import cycle)."""

    @property
    def conn(self) -> Any: ...

    def transaction(self) -> Any: ...
