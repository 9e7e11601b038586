"""Stable ACLED `event_id_cnty` values (ISO3 + sequence, e.g. SYR12), kept in the project's `meta` table.

A store operation (the exports ask for ids, the store numbers and persists them), so an export
must run on a writable connection (`Project.open_worker()` in the GUI) for its ids to persist.

An incident gets its id the first time it is exported and keeps it in every later export; numbers
are never reused, even after the incident is deleted. When the analyst corrects an incident's
country, its next export assigns a new id under the new country's prefix (ACLED ids carry the
country). Keys: `export.event_id.<incident id>` -> `SYR12`, `export.event_seq.<ISO3>` -> last number.
On a project opened read-only, ids not yet stored are provisional (numbered after the stored ones).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.store.project import Project

log = logging.getLogger(__name__)

_ID = "export.event_id."
_SEQ = "export.event_seq."
UNKNOWN_PREFIX = "XXX"


def assign_event_ids(project: Project, wanted: Iterable[tuple[int, str]]) -> dict[int, str]:
    """`event_id_cnty` of each (incident id, ISO3 prefix) pair, assigning and storing new ones."""
    pairs = [(iid, prefix or UNKNOWN_PREFIX) for iid, prefix in wanted]
    stored = {
        int(r[0][len(_ID) :]): str(r[1])
        for r in project.query("SELECT key, value FROM meta WHERE key LIKE ?", (_ID + "%",))
    }
    seqs = {
        str(r[0][len(_SEQ) :]): int(r[1])
        for r in project.query("SELECT key, value FROM meta WHERE key LIKE ?", (_SEQ + "%",))
    }
    out: dict[int, str] = {}
    new: dict[int, str] = {}
    for iid, prefix in pairs:
        old = stored.get(iid)
        if old and old[: len(prefix)] == prefix and old[len(prefix) :].isdigit():
            out[iid] = old
            continue
        seqs[prefix] = seqs.get(prefix, 0) + 1
        out[iid] = new[iid] = f"{prefix}{seqs[prefix]}"
    if new:
        if project.read_only:
            log.info("project is read-only: %d event ids are provisional", len(new))
        else:
            with project.transaction() as conn:
                conn.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                    "excluded.value",
                    [(f"{_ID}{iid}", eid) for iid, eid in new.items()]
                    + [(f"{_SEQ}{p}", str(n)) for p, n in seqs.items()],
                )
    return out
