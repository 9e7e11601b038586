"""`rasid --selftest`: check an installation (source tree or PyInstaller bundle) end to end, headless.

Each check prints one line, `ok   name (0.4 s)` or `FAIL name: reason`; the exit code is 0 only when
every check passes. The checks load the bundled resources, the NER model and the gazetteers, extract
the bundled self-test article, create a project in a temporary folder, import, search, export an
ACLED CSV and a PDF report, and render the main window offscreen to a PNG (the GUI part lives in
`desktop.gui.selftest_gui`, imported only for that check, so this module stays free of Qt).
"""

from __future__ import annotations

import csv
import json
import logging
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from desktop import __version__
from desktop.resources import resource_path, resource_root

log = logging.getLogger(__name__)

SAMPLE = ("sample", "selftest.jsonl")
# Files without which the application cannot work (beyond those the checks below load).
REQUIRED_RESOURCES: tuple[tuple[str, ...], ...] = (
    ("NOTICE",),
    ("fonts", "Amiri-Regular.ttf"),
    ("fonts", "Amiri-Bold.ttf"),
    ("translations", "ar.json"),
    ("lexicons", "wordfreq.tsv"),
    ("gazetteers", "places.tsv"),
    ("gazetteers", "actors.tsv"),
    ("basemap", "mena.geojson"),
    SAMPLE,
)
SEARCH_WORD = "الأتارب"  # a word of the self-test article


class CheckFailed(Exception):
    """A check's expectation did not hold; the message says what was found instead."""


@dataclass
class CheckResult:
    name: str
    ok: bool
    seconds: float
    detail: str = ""

    def line(self) -> str:
        if self.ok:
            extra = f": {self.detail}" if self.detail else ""
            return f"ok   {self.name} ({self.seconds:.1f} s){extra}"
        return f"FAIL {self.name}: {self.detail}"


@dataclass
class SelfTest:
    """The checks, run in order; later checks use what earlier ones produced (`state`)."""

    workdir: Path
    gui: bool = True
    state: dict[str, Any] = field(default_factory=dict)

    def checks(self) -> list[tuple[str, Callable[[], str]]]:
        core: list[tuple[str, Callable[[], str]]] = [
            ("resources found", self.check_resources),
            ("camel-tools data loaded", self.check_camel_tools),
            ("model loaded", self.check_model),
            ("gazetteers loaded", self.check_gazetteers),
            ("sample article extracted", self.check_extract),
            ("parallel extraction (2 processes)", self.check_parallel),
            ("project created", self.check_project),
            ("articles imported", self.check_import),
            ("search", self.check_search),
            ("export ACLED CSV", self.check_export_csv),
            ("export PDF report", self.check_export_pdf),
        ]
        if self.gui:
            core.append(("main window rendered", self.check_window))
        return core

    def run(self, out: IO[str] | None = None, only: Sequence[str] = ()) -> list[CheckResult]:
        results = []
        for name, check in self.checks():
            if only and name not in only:
                continue
            started = time.perf_counter()
            try:
                detail, ok = check(), True
            except Exception as exc:  # every failure is reported, then the next check runs
                log.info("self-test check %r failed", name, exc_info=True)
                detail, ok = _reason(exc), False
            result = CheckResult(name, ok, time.perf_counter() - started, detail)
            results.append(result)
            if out is not None:
                out.write(result.line() + "\n")
                out.flush()
        return results

    # --- core checks -------------------------------------------------------------------------

    def check_resources(self) -> str:
        missing = []
        for parts in REQUIRED_RESOURCES:
            try:
                resource_path(*parts)
            except Exception:
                missing.append("/".join(parts))
        if missing:
            raise CheckFailed(f"missing in {resource_root()}: {', '.join(missing)}")
        return str(resource_root())

    def check_camel_tools(self) -> str:
        from camel_tools.utils.charmap import CharMapper

        from desktop.text.normalize import normalize_word, warm_up

        CharMapper.builtin_mapper("arclean")  # reads camel_tools/utils/charmaps/arclean_map.json
        warm_up()
        word = normalize_word("أَحْمَد")
        if not word or "\u064e" in word:
            raise CheckFailed(f"normalization returned {word!r}")
        return ""

    def check_model(self) -> str:
        from desktop.nlp.ner import get_tagger

        tagger = get_tagger()
        tokens = ["قال", "محمد", "علي", "في", "دمشق", "."]
        tags = tagger.tag(tokens)
        if len(tags) != len(tokens):
            raise CheckFailed(f"{len(tags)} tags for {len(tokens)} tokens")
        return Path(str(getattr(tagger, "path", ""))).name

    def check_gazetteers(self) -> str:
        from desktop.nlp.gazetteer import load_gazetteers

        phrases = load_gazetteers().phrases()
        if len(phrases) < 1000:
            raise CheckFailed(f"only {len(phrases)} names")
        return f"{len(phrases):,} names"

    def check_extract(self) -> str:
        from desktop.pipeline import extract_record

        record = self._sample_record()
        result = extract_record(record)
        json.dumps(result, ensure_ascii=False)  # the CLI's output must serialize
        entities = result.get("entities", [])
        incidents = result.get("incidents", [])
        places = [e["text"] for e in entities if e.get("type") == "LOC"]
        if not places:
            raise CheckFailed(f"no place found among {len(entities)} entities")
        if not incidents:
            raise CheckFailed("no incident found")
        for e in entities:
            if record["text"][e["start"] : e["end"]] != e["text"]:
                raise CheckFailed(f"entity offsets do not match its text: {e}")
        return f"{len(entities)} entities, {len(incidents)} incident(s)"

    def check_parallel(self) -> str:
        from desktop.pipeline import extract_record, extract_records

        record = self._sample_record()
        records = [{**record, "id": f"p{i}"} for i in range(4)]
        results = list(extract_records(records, processes=2, chunksize=1))
        if [r["id"] for r in results] != [r["id"] for r in records]:
            raise CheckFailed("results out of order")
        if results[0]["entities"] != extract_record(records[0])["entities"]:
            raise CheckFailed("worker processes extract differently from the main process")
        return f"{len(results)} articles"

    def check_project(self) -> str:
        from desktop.store.project import Project

        path = self.workdir / "selftest.rasid"
        with Project.create(path) as project:
            if project.integrity_check() != "ok":
                raise CheckFailed("integrity check failed")
        self.state["project"] = path
        return ""

    def check_import(self) -> str:
        from desktop.ingest import import_paths
        from desktop.store.project import Project

        with Project.open(self._project()) as project:
            report = import_paths(project, [resource_path(*SAMPLE)], jobs=1)
            if report.failed or report.imported != 1:
                raise CheckFailed(f"imported {report.imported}, failed {report.failed}")
            stats = project.stats()
        return f"{stats.get('articles', '?')} article(s)"

    def check_search(self) -> str:
        from desktop.store.project import Project

        with Project.open(self._project(), read_only=True) as project:
            page = project.search(SEARCH_WORD)
        if page.total < 1:
            raise CheckFailed(f"no result for {SEARCH_WORD}")
        return f"{page.total} result(s)"

    def check_export_csv(self) -> str:
        acled = _export_module("desktop.export.acled")
        from desktop.store.project import Project

        out = self.workdir / "selftest-acled.csv"
        with Project.open(self._project()) as project:  # writable: event ids are assigned
            rows = acled.write_acled_csv(project, out)
        with out.open(encoding="utf-8-sig", newline="") as fh:
            table = list(csv.reader(fh))
        if len(table[0]) < 31 or table[0][0] != "event_id_cnty":
            raise CheckFailed(f"unexpected header {table[0][:3]}...")
        if rows < 1 or len(table) != rows + 1:
            raise CheckFailed(f"{rows} row(s) reported, {len(table) - 1} written")
        return f"{rows} row(s)"

    def check_export_pdf(self) -> str:
        report = _export_module("desktop.export.report")
        from desktop.store.project import Project

        out = self.workdir / "selftest-report.pdf"
        with Project.open(self._project()) as project:
            report.write_pdf(project, out, lang="ar")
        data = out.read_bytes()
        if not data.startswith(b"%PDF") or len(data) < 2000:
            raise CheckFailed(f"not a PDF ({len(data)} bytes)")
        return f"{len(data) // 1024} KB"

    def check_window(self) -> str:
        from desktop.gui.selftest_gui import check_main_window

        return check_main_window(self.state.get("project"), self.workdir / "selftest-window.png")

    # --- helpers -----------------------------------------------------------------------------

    def _sample_record(self) -> dict[str, Any]:
        line = resource_path(*SAMPLE).read_text(encoding="utf-8").splitlines()[0]
        record: dict[str, Any] = json.loads(line)
        return record

    def _project(self) -> Path:
        path = self.state.get("project")
        if not isinstance(path, Path):
            raise CheckFailed("no project (the project check failed)")
        return path


def _export_module(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            raise CheckFailed("export: not available") from exc
        raise


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if not isinstance(exc, CheckFailed):
        text = f"{type(exc).__name__}: {text}"
    return text.replace("\n", " ")[:300]


def run_selftest(gui: bool = True, out: IO[str] | None = None) -> int:
    """Run every check in a temporary folder, print one line each; 0 when all pass, else 1."""
    from desktop.logs import log_file

    out = out or sys.stdout
    frozen = "bundle" if getattr(sys, "frozen", False) else "source tree"
    out.write(f"rasid {__version__} self-test ({frozen}, {sys.executable}); log: {log_file()}\n")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rasid-selftest-") as tmp:
        results = SelfTest(Path(tmp), gui=gui).run(out)
    failed = [r for r in results if not r.ok]
    seconds = time.perf_counter() - started
    summary = f"{len(results) - len(failed)}/{len(results)} checks passed in {seconds:.1f} s"
    out.write(("ok   " if not failed else "FAIL ") + summary + "\n")
    return 1 if failed else 0
