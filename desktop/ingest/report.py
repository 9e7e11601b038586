"""What an import or re-extraction reports: progress after every item and the final report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class ImportProgress:
    """Progress of an import or re-extraction, passed to the callback after every item."""

    done: int = 0
    total: int | None = None
    current: str = ""
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    near_duplicates: int = 0


ProgressCallback = Callable[[ImportProgress], "bool | None"]


@dataclass
class ImportReport:
    """What an import (or re-extraction) did: counts and, per problem, the item and a reason."""

    imported: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["skipped"] = [{"name": n, "reason": r} for n, r in self.skipped]
        out["failed"] = [{"name": n, "reason": r} for n, r in self.failed]
        out["near_duplicates"] = [{"name": n, "of": o, "similarity": s} for n, o, s in self.near_duplicates]
        return out

    def problems(self) -> list[str]:
        """One line per failed or skipped item, `name: reason`, failures first."""
        return [f"{name}: {reason}" for name, reason in (*self.failed, *self.skipped)]
