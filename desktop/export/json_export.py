"""JSON dump of a project (or a filtered part) and its importer: everything round-trips into a new project.

The dump holds the articles with text and metadata, their tags and notes, their entities (origin,
review status, attributes) and incidents with both machine and analyst values and evidence spans,
plus the project dictionary. `import_json` writes a dump into a project, keeping review states;
an article whose text is already in the project is skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import __version__
from desktop.corrections import effective_values
from desktop.document import without_surrogates
from desktop.errors import InputError
from desktop.export.filters import ExportFilter, ProgressFn, collect
from desktop.importing.dedupe import content_hash
from desktop.records import EntityRecord
from desktop.store.common import STATUSES
from desktop.store.dictionary import DictionaryEntry
from desktop.store.incidents import Incident, dump_incident
from desktop.store.writes import NewArticle, ReviewedEntity, restore_article

if TYPE_CHECKING:
    from desktop.store.project import Project

DUMP_FORMAT = "rasid-project-dump"
DUMP_VERSION = 1


def incident_json(inc: Incident) -> dict[str, Any]:
    """An incident with machine and analyst values per field, plus the effective values."""
    out = dump_incident(inc)
    out["values"] = dict(sorted(effective_values(inc).items()))
    return out


def build_dump(
    project: Project, flt: ExportFilter | None = None, progress: ProgressFn | None = None
) -> dict[str, Any]:
    """The dump as a JSON-ready dict."""
    flt = flt or ExportFilter(include_rejected=True)
    data = collect(project, flt, progress=progress)
    by_article: dict[int, list[dict[str, Any]]] = {}
    for item in data.incidents:
        by_article.setdefault(item.article.id, []).append(incident_json(item.incident))
    articles = []
    for a in data.articles:
        articles.append(
            {
                "id": a.id,
                "external_id": a.external_id,
                "title": a.title,
                "date": a.date,
                "source": a.source,
                "url": a.url,
                "import_file": a.import_file,
                "imported_at": a.imported_at,
                "text": a.text,
                "tags": data.tags.get(a.id, []),
                "note": data.notes.get(a.id, ""),
                "entities": [
                    {
                        "id": e.id,
                        "start": e.start,
                        "end": e.end,
                        "type": e.type,
                        "text": e.text,
                        "attrs": e.attrs,
                        "origin": e.origin,
                        "status": e.status,
                        "canonical_id": e.canonical_id,
                        "canonical_name": e.canonical_name,
                    }
                    for e in data.entities.get(a.id, [])
                ],
                "incidents": by_article.get(a.id, []),
            }
        )
    return {
        "format": DUMP_FORMAT,
        "version": DUMP_VERSION,
        "rasid_version": __version__,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "project": project.path.name,
        "filters": {k: v for k, v in vars(flt).items() if v not in (None, False)},
        "articles": articles,
        "dictionary": [e.to_json() for e in project.dictionary.list(limit=1_000_000)],
    }


def write_json(
    project: Project, out: str | Path, flt: ExportFilter | None = None, progress: ProgressFn | None = None
) -> int:
    """Write the dump; returns the number of articles."""
    dump = build_dump(project, flt, progress)
    Path(out).write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(dump["articles"])


@dataclass
class JsonImportReport:
    articles: int = 0
    entities: int = 0
    incidents: int = 0
    dictionary: int = 0
    skipped: list[str] = field(default_factory=list)


def _check(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise InputError(f"The dump has an unknown {what} {value!r}.")
    return value


def load_dump(path: str | Path) -> dict[str, Any]:
    try:
        dump = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"{path} cannot be read as a Rasid JSON dump ({exc}).") from exc
    if not isinstance(dump, dict) or dump.get("format") != DUMP_FORMAT:
        raise InputError(f"{path} is not a Rasid project dump.")
    if int(dump.get("version", 0)) > DUMP_VERSION:
        raise InputError(f"{path} was written by a newer Rasid (dump version {dump.get('version')}).")
    articles = dump.get("articles", [])
    if not isinstance(articles, list):
        raise InputError(f"{path}: `articles` is not a list; the dump was not imported.")
    for i, art in enumerate(articles, 1):  # checked before anything is written
        if not isinstance(art, dict):
            raise InputError(f"{path}: article {i} is not an object; the dump was not imported.")
        if not isinstance(art.get("text"), str) or not art["text"].strip():
            who = f" ({art['external_id']})" if art.get("external_id") else ""
            raise InputError(f"{path}: article {i}{who} has no `text`; the dump was not imported.")
        art["text"] = without_surrogates(art["text"])
    return dump


def is_dump(path: str | Path) -> bool:
    """True when `path` starts like a Rasid JSON dump (cheap check for import dispatch)."""
    try:
        with Path(path).open(encoding="utf-8") as fh:
            head = fh.read(200)
    except (OSError, UnicodeDecodeError):
        return False
    return f'"format": "{DUMP_FORMAT}"' in head


def import_json(project: Project, path: str | Path) -> JsonImportReport:
    """Write a dump into `project` (one transaction per article), keeping origins and review states."""
    dump = load_dump(path)
    report = JsonImportReport()
    known = {str(r[0]) for r in project.query("SELECT content_hash FROM articles")}
    ext_ids = {str(r[0]) for r in project.query("SELECT external_id FROM articles")}
    for art in dump.get("articles", []):
        text = str(art["text"])
        digest = content_hash(text)
        if digest in known:
            report.skipped.append(str(art.get("external_id", "?")))
            continue
        ext = str(art.get("external_id") or digest[:12])
        while ext in ext_ids:
            ext += "~dump"
        article = NewArticle(
            external_id=ext,
            text=text,
            content_hash=digest,
            title=str(art.get("title") or ""),
            date=art.get("date"),
            source=str(art.get("source") or ""),
            url=str(art.get("url") or ""),
            import_file=str(art.get("import_file") or ""),
        )
        entities = [_dumped_entity(e, text) for e in art.get("entities", [])]
        restore_article(
            project,
            article,
            entities,
            list(art.get("incidents", [])),
            [str(t) for t in art.get("tags") or []],
            str(art.get("note") or ""),
        )
        report.entities += len(entities)
        report.incidents += len(art.get("incidents", []))
        known.add(digest)
        ext_ids.add(ext)
        report.articles += 1
    existing = {(e.kind, e.key) for e in project.dictionary.list(limit=1_000_000)}
    for d in dump.get("dictionary", []):
        if (d.get("kind"), d.get("key")) in existing:
            continue
        project.dictionary.add(DictionaryEntry(**{k: v for k, v in d.items() if k != "id"}))
        report.dictionary += 1
    return report


def _dumped_entity(e: dict[str, Any], text: str) -> ReviewedEntity:
    attrs = dict(e.get("attrs") or {})
    if e.get("canonical_id") is not None:
        attrs.setdefault("canonical_id", e["canonical_id"])
    if e.get("canonical_name") is not None:
        attrs.setdefault("canonical", e["canonical_name"])
    start, end = int(e["start"]), int(e["end"])
    record = EntityRecord(start, end, str(e["type"]), text[start:end], attrs)
    return ReviewedEntity(
        record,
        _check(e.get("origin", "auto"), ("auto", "analyst"), "origin"),
        _check(e.get("status", "new"), STATUSES, "status"),
    )
