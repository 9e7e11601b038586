"""Hidden partial files: what an output is written to before it is moved over its target.

A partial carries the writer's process id (`.report.rasid-part-4242.pdf`), so a later writer to the
same target can tell a partial left by a killed process from one still being written, and remove
it (`sweep_stale`). A kill can still leave one behind until the next write to that target.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

MARK = ".rasid-part-"


def partial_path(target: Path) -> Path:
    """The hidden partial file of `target` for this process (same folder, same suffix)."""
    return target.with_name(f".{target.stem}{MARK}{os.getpid()}{target.suffix}")


def sweep_stale(target: Path) -> list[Path]:
    """Remove the partials of `target` whose writer is no longer running; returns those removed."""
    pattern = re.compile(rf"\.{re.escape(target.stem)}{re.escape(MARK)}(\d+){re.escape(target.suffix)}\Z")
    removed: list[Path] = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        match = pattern.match(name)
        if match is None or _alive(int(match.group(1))):
            continue
        stale = target.parent / name
        try:
            stale.unlink()
        except OSError:
            continue
        removed.append(stale)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only whether the process exists (this one does)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process (no permission), or unknowable: leave its file alone
    return True
