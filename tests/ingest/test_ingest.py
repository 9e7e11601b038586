"""The ingest layer with the real pipeline: readers -> pipeline -> store, and what lands in the store."""

from __future__ import annotations

import ast
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import acled
from desktop.ingest import import_paths, reextract
from desktop.store import Project
from desktop.store.schema import MIGRATIONS

REPO = Path(__file__).resolve().parents[2]
ARTICLES = [
    {
        "id": "idlib",
        "date": "2019-03-03",
        "title": "غارة على إدلب",
        "text": "قتل 3 مدنيين وأصيب 7 آخرون في غارة جوية شنتها طائرات حربية على مدينة إدلب أمس السبت.",
    },
    {
        "id": "mosul",
        "date": "2019-03-03",
        "title": "عبوة في الموصل",
        "text": "فجر عناصر من داعش عبوة ناسفة في مدينة الموصل صباح اليوم، ما أسفر عن مقتل جنديين.",
    },
]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ingest")
    src = folder / "in.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    path = folder / "p.rasid"
    with Project.create(path) as project:
        report = import_paths(project, [src], jobs=1)
        assert report.imported == 2 and not report.failed
    return path


def test_no_incident_field_row_holds_what_is_not_a_field(imported: Path) -> None:
    conn = sqlite3.connect(imported)
    names = {r[0] for r in conn.execute("SELECT DISTINCT name FROM incident_fields")}
    assert names and names <= set(acled.RECORD_FIELDS)
    assert not names & {"trigger", "rules", "confidence", "evidence", "fields_evidence"}
    rows = conn.execute(
        "SELECT trigger_start, trigger_end, evidence_start, evidence_end, confidence, rules FROM incidents"
    )
    for t0, t1, e0, e1, confidence, rules in rows.fetchall():
        assert t0 is not None and e0 <= t0 < t1 <= e1  # the trigger lies in the evidence
        assert 0 < confidence <= 1 and isinstance(json.loads(rules), list)


def test_stored_incident_gives_the_contract_form_of_extraction(imported: Path) -> None:
    from desktop.pipeline import extract_record

    with Project.open(imported, read_only=True) as project:
        aid = project.articles.by_external_id("idlib").id
        (stored,) = project.incidents.for_article(aid)
        text = project.articles.get(aid).text
    (expected,) = extract_record({"id": "idlib", "text": text, "date": "2019-03-03"})["incidents"]
    assert stored.record().to_json() == expected
    assert text[stored.trigger[0] : stored.trigger[1]] in ("غارة جوية", "غارة")  # type: ignore[index]


def test_reextract_keeps_trigger_and_rules_in_their_columns(imported: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.rasid"
    with Project.open(imported, read_only=True) as project:
        project.save_copy(copy)
    with Project.open(copy) as project:
        report = reextract(project, jobs=1)
        assert report.imported == 2
        names = {r[0] for r in project.query("SELECT DISTINCT name FROM incident_fields")}
        assert "trigger" not in names and "rules" not in names
        assert project.query("SELECT count(*) FROM incidents WHERE trigger_start IS NULL")[0][0] == 0


def test_version_1_projects_move_trigger_and_rules_out_of_the_fields(tmp_path: Path) -> None:
    path = tmp_path / "old.rasid"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA application_id = 1380012868")
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles (id, external_id, text, content_hash, imported_at) "
        "VALUES (1, 'a', 'قصف على حلب', 'h', 'now')"
    )
    conn.execute(
        "INSERT INTO incidents (id, article_id, origin, status, created_at, updated_at) "
        "VALUES (1, 1, 'auto', 'new', 'now', 'now')"
    )
    for name, value in (
        ("trigger", {"start": 0, "end": 3}),
        ("rules", ["trigger.shelling"]),
        ("location", "حلب"),
    ):
        conn.execute(
            "INSERT INTO incident_fields (incident_id, name, machine_value) VALUES (1, ?, ?)",
            (name, json.dumps(value, ensure_ascii=False)),
        )
    attrs = {"latitude": 36.2, "longitude": 37.1, "canonical_name": "حلب", "actor_type": "2"}
    conn.execute(
        "INSERT INTO entities (article_id, start, end, type, text, norm, attrs, origin, status, updated_at) "
        "VALUES (1, 8, 11, 'LOC', 'حلب', 'حلب', ?, 'analyst', 'accepted', 'now')",
        (json.dumps(attrs, ensure_ascii=False),),
    )
    conn.close()
    with Project.open(path) as project:
        inc = project.incidents.get(1)
        assert inc.trigger == (0, 3) and inc.rules == ("trigger.shelling",)
        assert set(inc.fields) == {"location"}
        (entity,) = project.entities.for_article(1)
        assert entity.attrs == {"lat": 36.2, "lon": 37.1, "canonical": "حلب", "inter": 2}


FORBIDDEN = ("PySide6", "desktop.pipeline", "desktop.cli", "desktop.export", "desktop.ingest", "desktop.gui")


def test_store_never_imports_the_pipeline_the_cli_the_exports_or_qt() -> None:
    for path in sorted((REPO / "desktop" / "store").glob("*.py")):  # function-level imports too
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
    modules = sorted(p.stem for p in (REPO / "desktop" / "store").glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module('desktop.store.' + m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'PySide6' or m.startswith(("
        "'desktop.pipeline', 'desktop.cli', 'desktop.export', 'desktop.ingest', 'desktop.gui', "
        "'desktop.nlp', 'desktop.events'))]\n"
        "assert not bad, bad\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.returncode == 0, out.stderr
