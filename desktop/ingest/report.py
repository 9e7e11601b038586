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


# Problems listed one by one in a report at most (each kind); beyond, they are only counted, so an
# import of a million bad lines holds a bounded report.
MAX_LISTED = 1000


@dataclass
class ImportReport:
    """What an import (or re-extraction) did: counts and, per problem, the item and a reason.

    `failed`, `skipped` and `near_duplicates` list the first `MAX_LISTED` of each; the `*_count`
    fields count them all."""

    imported: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    failed_count: int = 0
    skipped_count: int = 0
    near_duplicate_count: int = 0

    def add_failed(self, name: str, reason: str) -> None:
        self.failed_count += 1
        if len(self.failed) < MAX_LISTED:
            self.failed.append((name, reason))

    def add_skipped(self, name: str, reason: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_LISTED:
            self.skipped.append((name, reason))

    def add_near_duplicate(self, name: str, of: str, similarity: float) -> None:
        self.near_duplicate_count += 1
        if len(self.near_duplicates) < MAX_LISTED:
            self.near_duplicates.append((name, of, similarity))

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["skipped"] = [{"name": n, "reason": r} for n, r in self.skipped]
        out["failed"] = [{"name": n, "reason": r} for n, r in self.failed]
        out["near_duplicates"] = [{"name": n, "of": o, "similarity": s} for n, o, s in self.near_duplicates]
        return out

    def problems(self) -> list[str]:
        """One line per listed failed or skipped item, `name: reason`, failures first, and a last
        line for those only counted."""
        lines = [f"{name}: {reason}" for name, reason in (*self.failed, *self.skipped)]
        if self.failed_count > len(self.failed):
            lines.append(f"... and {self.failed_count - len(self.failed)} more failure(s) not listed")
        if self.skipped_count > len(self.skipped):
            lines.append(f"... and {self.skipped_count - len(self.skipped)} more skipped item(s) not listed")
        return lines
