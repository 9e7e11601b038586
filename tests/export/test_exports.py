"""Exports of a small Arabic project: ACLED CSV, JSON round-trip, GeoJSON, XLSX, CoNLL and the CLI."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.export.acled import ACLED_COLUMNS, COLUMNS, neutralize
from desktop.export.filters import ExportFilter
from desktop.export.json_export import import_json, write_json
from desktop.export.runner import ExportOptions, export_project
from desktop.store.project import Project

REPO = Path(__file__).resolve().parents[2]


def _csv(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def test_acled_header_is_exact(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    export_project(project, "acled-csv", out)
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:31] == list(ACLED_COLUMNS)
    assert len(ACLED_COLUMNS) == 31
    assert header == [*ACLED_COLUMNS, "injuries"] == list(COLUMNS)
    assert ACLED_COLUMNS[0] == "event_id_cnty" and ACLED_COLUMNS[-1] == "timestamp"


def test_acled_values(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert export_project(project, "acled-csv", out) == 3  # the rejected clash is left out
    rows = {r["sub_event_type"]: r for r in _csv(out)}
    bomb = rows["Suicide bomb"]
    assert (
        bomb["event_id_cnty"].startswith("SYR") and bomb["iso"] == "760" and bomb["region"] == "Middle East"
    )
    assert bomb["fatalities"] == "6"  # the analyst's value wins over the machine's 5
    assert bomb["injuries"] == "10"
    assert bomb["actor1"] == "Islamic State (ISIS)" and bomb["inter1"] == "2" and bomb["interaction"] == "22"
    assert (
        bomb["admin1"] == "Deir ez-Zor" and bomb["latitude"] == "34.4550" and bomb["longitude"] == "40.9370"
    )
    assert bomb["disorder_type"] == "Political violence"
    assert bomb["notes"].startswith("On 2 March 2019, a suicide bomber of Islamic State (ISIS)")
    strike = rows["Air/drone strike"]
    assert strike["fatalities"] == "0" and "Fatalities unknown." in strike["notes"]
    assert strike["time_precision"] == "2" and strike["event_date"] == "2019-03-10"  # from the article date
    assert strike["actor1"] == "Unidentified Armed Group (Syria)" and strike["interaction"] == "30"
    protest = rows["Peaceful protest"]
    assert protest["iso"] == "368" and protest["disorder_type"] == "Demonstrations"
    assert protest["source_scale"] == "International"


def test_event_ids_are_stable(project: Project, tmp_path: Path) -> None:
    export_project(project, "acled-csv", tmp_path / "1.csv")
    first = {r["notes"]: r["event_id_cnty"] for r in _csv(tmp_path / "1.csv")}
    export_project(project, "acled-csv", tmp_path / "2.csv", ExportFilter(include_rejected=True))
    second = {r["notes"]: r["event_id_cnty"] for r in _csv(tmp_path / "2.csv")}
    for notes, eid in first.items():
        assert second[notes] == eid
    assert len(set(second.values())) == len(second)


def test_formula_injection_is_inert(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    export_project(project, "acled-csv", out)
    rows = _csv(out)
    protest = next(r for r in rows if r["sub_event_type"] == "Peaceful protest")
    assert protest["actor1"] == "'-المتظاهرين+"
    tags = next(r for r in rows if r["sub_event_type"] == "Suicide bomb")["tags"]
    assert tags.startswith("'@cmd")
    for row in rows:
        for col in ACLED_COLUMNS:
            if col not in ("latitude", "longitude"):
                assert not row[col].startswith(("=", "+", "-", "@", "\t", "\r")), (col, row[col])
    assert neutralize("=1+1") == "'=1+1" and neutralize(-3.5) == -3.5 and neutralize("عادي") == "عادي"


def test_include_rejected_and_bom(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    export_project(project, "acled-csv", out, ExportFilter(include_rejected=True), ExportOptions(bom=True))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _csv(out, "utf-8-sig")
    assert len(rows) == 4
    assert "rasid:rejected" in next(r for r in rows if r["sub_event_type"] == "Armed clash")["tags"]


def test_arabic_notes(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    export_project(project, "acled-csv", out, options=ExportOptions(lang="ar"))
    bomb = next(r for r in _csv(out) if r["sub_event_type"] == "Suicide bomb")
    assert bomb["notes"].startswith("في 2 آذار/مارس 2019، نفّذ تنظيم الدولة الإسلامية")
    assert "الباغوز" in bomb["notes"]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (ExportFilter(date_from="2019-03-05"), {"Air/drone strike", "Peaceful protest"}),
        (ExportFilter(date_to="2019-03-05"), {"Suicide bomb"}),
        (ExportFilter(tag="غارات"), {"Air/drone strike"}),
        (ExportFilter(status="edited"), {"Suicide bomb"}),
        (ExportFilter(event_type="Protests"), {"Peaceful protest"}),
        (ExportFilter(event_type="Suicide bomb"), {"Suicide bomb"}),
    ],
)
def test_filters(project: Project, tmp_path: Path, flt: ExportFilter, expected: set[str]) -> None:
    out = tmp_path / "a.csv"
    export_project(project, "acled-csv", out, flt)
    assert {r["sub_event_type"] for r in _csv(out)} == expected


def test_article_selection(project: Project, tmp_path: Path) -> None:
    aid = project.articles.by_external_id("art-3").id
    out = tmp_path / "a.csv"
    export_project(project, "acled-csv", out, ExportFilter(article_ids=[aid]))
    assert [r["sub_event_type"] for r in _csv(out)] == ["Peaceful protest"]


def _incidents(p: Project) -> list[tuple[str, str, str, dict[str, object]]]:
    out = []
    for a in sorted(p.articles.ids()):
        art = p.articles.get(a)
        for inc in p.incidents.for_article(a):
            fields = {n: (f.machine, f.analyst, f.analyst_set) for n, f in inc.fields.items()}
            out.append((art.external_id, inc.status, inc.origin, {"ev": inc.evidence, **fields}))
    return out


def test_json_round_trip(project: Project, tmp_path: Path) -> None:
    dump = tmp_path / "d.json"
    write_json(project, dump)
    with Project.create(tmp_path / "new.rasid") as new:
        report = import_json(new, dump)
        assert report.articles == 3 and not report.skipped
        assert _incidents(new) == _incidents(project)
        for a_old, a_new in zip(sorted(project.articles.ids()), sorted(new.articles.ids()), strict=True):
            assert project.tags.of(a_old) == new.tags.of(a_new)
            assert project.notes.get(a_old) == new.notes.get(a_new)
            old = [(e.start, e.end, e.type, e.status, e.origin) for e in project.entities.for_article(a_old)]
            assert old == [
                (e.start, e.end, e.type, e.status, e.origin) for e in new.entities.for_article(a_new)
            ]
        assert [d.name for d in new.dictionary.list()] == ["مخيم الباغوز"]
        assert import_json(new, dump).skipped  # a second import skips the same texts


def test_geojson_is_valid(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "g.geojson"
    export_project(project, "geojson", out, ExportFilter(include_rejected=True))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 4
    for f in data["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert all(isinstance(v, float) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(f["properties"], dict)
    bomb = next(f for f in data["features"] if f["properties"]["sub_event_type"] == "Suicide bomb")
    assert bomb["geometry"]["coordinates"] == [40.937, 34.455]  # [lon, lat] (RFC 7946)
    assert bomb["properties"]["fatalities"] == 6
    west, south, east, north = data["bbox"]
    assert west <= east and south <= north


def test_xlsx_sheets_are_rtl(project: Project, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "x.xlsx"
    export_project(project, "xlsx", out, options=ExportOptions(lang="ar"))
    wb = load_workbook(out)
    assert wb.sheetnames == ["الحوادث", "الكيانات", "المقالات"]
    for ws in wb.worksheets:
        assert ws.sheet_view.rightToLeft is True
    inc = wb["الحوادث"]
    assert [c.value for c in inc[1]] == list(COLUMNS)
    assert inc.max_row == 4
    titles = [c.value for c in wb["المقالات"]["C"]]
    assert any(isinstance(t, str) and t.startswith("'=HYPERLINK") for t in titles)


def test_conll_reviewed_and_all(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "r.conll"
    export_project(project, "conll", out)
    text = out.read_text(encoding="utf-8")
    assert "انتحاري\tB-PER" in text and "تنظيم\tB-ORG\nداعش\tI-ORG" in text
    assert "الباغوز\tO" in text  # unreviewed machine entity: not in the reviewed scope
    assert "الزور\tO" in text  # rejected entity never counts
    for block in text.strip().split("\n\n"):
        for line in block.splitlines():
            if not line.startswith("#"):
                token, tag = line.split("\t")
                assert token and (tag == "O" or tag[:2] in ("B-", "I-"))
    out2 = tmp_path / "a.conll"
    export_project(project, "conll", out2, options=ExportOptions(entity_scope="all", tagset="anercorp"))
    text2 = out2.read_text(encoding="utf-8")
    assert "الباغوز\tB-LOC" in text2 and "انتحاري\tB-PERS" in text2 and "الزور\tO" in text2


def test_cli_export_and_import_dump(project_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.csv"
    cmd = [sys.executable, "-m", "desktop"]
    run = subprocess.run(
        [
            *cmd,
            "export",
            str(project_path),
            "--format",
            "acled-csv",
            "-o",
            str(out),
            "--status",
            "edited",
            "--bom",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert len(_csv(out, "utf-8-sig")) == 1
    dump = tmp_path / "d.json"
    run = subprocess.run(
        [*cmd, "export", str(project_path), "-f", "json", "-o", str(dump)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    run = subprocess.run(
        [*cmd, "import-dump", str(tmp_path / "n.rasid"), str(dump)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "imported 3 article(s)" in run.stdout
    bad = subprocess.run(
        [*cmd, "export", str(project_path), "-f", "json", "-o", str(tmp_path / "no" / "x.json")],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert bad.returncode == 1 and "does not exist" in bad.stderr


def test_core_does_not_import_qt() -> None:
    code = (
        "import sys, desktop.export.runner, desktop.export.acled, desktop.export.report, "
        "desktop.export.charts, "
        "desktop.cli.export, desktop.export.xlsx, desktop.export.conll, desktop.export.geojson; "
        "assert 'PySide6' not in sys.modules, 'Qt imported'"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert run.returncode == 0, run.stderr


def test_xlsx_header_is_bold_and_frozen(project: Project, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "x.xlsx"
    export_project(project, "xlsx", out)
    for ws in load_workbook(out).worksheets:
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.bold is True


def test_a_cancelled_export_leaves_the_earlier_file_and_no_partial(project: Project, tmp_path: Path) -> None:
    import threading

    from desktop.export.runner import ExportCancelled

    out = tmp_path / "incidents.csv"
    out.write_text("earlier export\n", encoding="utf-8")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ExportCancelled):
        export_project(project, "acled-csv", out, cancel=cancel)
    assert out.read_text(encoding="utf-8") == "earlier export\n"
    assert not list(tmp_path.glob(".*part*"))


def test_a_failing_export_leaves_the_earlier_file(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"earlier report")

    def boom(done: int, total: int | None, message: str) -> None:
        raise OSError(28, "No space left on device")

    from desktop.errors import InputError

    with pytest.raises(InputError, match="No space left"):
        export_project(project, "pdf", out, progress=boom)
    assert out.read_bytes() == b"earlier report"
    assert not list(tmp_path.glob(".*part*"))


def test_selected_incidents_only(project: Project) -> None:
    from desktop.export.filters import collect

    everything = collect(project, ExportFilter(include_rejected=True)).incidents
    by_article: dict[int, list[int]] = {}
    for item in everything:
        by_article.setdefault(item.article.id, []).append(item.incident.id)
    aid, ids = max(by_article.items(), key=lambda kv: len(kv[1]))
    assert len(ids) >= 2, "the fixture needs an article with several incidents"
    flt = ExportFilter(article_ids=[aid], incident_ids=ids[:1], include_rejected=True)
    assert [i.incident.id for i in collect(project, flt).incidents] == ids[:1]
    assert "Selected incidents: 1" in flt.describe()
