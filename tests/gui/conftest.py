"""pytest-qt set-up for the GUI tests: offscreen Qt, settings in tmp_path, projects built via the store."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desktop.records import EntityRecord, IncidentRecord
from desktop.store.project import Project
from desktop.store.writes import Extraction, NewArticle, add_article

EMOJI = "\U0001f4f0"  # 📰, two UTF-16 units

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "sy-1",
        "title": "غارة على ريف إدلب",
        "date": "2024-03-12",
        "source": "وكالة الاختبار",
        "text": (
            f"{EMOJI} عاجل (AFP 2024): قُتل 5 مدنيين وأصيب 12 آخرون في غارة جوية شنتها طائرات حربية "
            "على بلدة سرمين في ريف إدلب صباح الثلاثاء.\n"
            "وقال المرصد السوري لحقوق الإنسان إن الغارة استهدفت سوقاً شعبية."
        ),
        "entities": [("سرمين", "LOC"), ("إدلب", "LOC"), ("المرصد السوري لحقوق الإنسان", "ORG"), ("5", "NUM")],
        "incident": {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "date": "2024-03-12",
            "location": "سرمين",
            "country": "Syria",
            "fatalities": 5,
            "injuries": 12,
        },
    },
    {
        "id": "iq-1",
        "title": "هجوم في كركوك",
        "date": "2024-03-10",
        "source": "وكالة الاختبار",
        "text": "أعلنت قيادة العمليات المشتركة مقتل 3 عناصر من داعش في اشتباك قرب كركوك، كما ذكر أبو محمد.",
        "entities": [("كركوك", "LOC"), ("داعش", "ORG")],
        "incident": {
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "date": "2024-03-10",
            "location": "كركوك",
            "country": "Iraq",
            "fatalities": 3,
        },
    },
    {
        "id": "iq-2",
        "title": "عملية أمنية في الأنبار",
        "date": "2024-03-08",
        "source": "وكالة الاختبار",
        "text": "قالت قيادة العمليات المشتركة إن قواتها اعتقلت 4 مطلوبين في الأنبار.",
        "entities": [("الأنبار", "LOC")],
        "incident": {
            "event_type": "Strategic developments",
            "sub_event_type": "Arrests",
            "date": "2024-03-08",
            "location": "الأنبار",
            "country": "Iraq",
        },
    },
]


def add_articles(project: Project, articles: list[dict[str, Any]]) -> list[int]:
    """Store articles with machine entities and incidents through the store's article-write path."""
    ids = []
    for art in articles:
        text = art["text"]
        entities = []
        for surface, type_ in art["entities"]:
            start = text.index(surface)
            entities.append(EntityRecord(start, start + len(surface), type_, surface))
        inc = dict(art["incident"])
        start = text.index(inc["location"])
        inc["evidence"] = {"start": 0, "end": text.index("\n") if "\n" in text else len(text)}
        inc["fields_evidence"] = {"location": {"start": start, "end": start + len(inc["location"])}}
        article = NewArticle(
            art["id"],
            text,
            hashlib.sha256(text.encode()).hexdigest(),
            title=art["title"],
            date=art["date"],
            source=art["source"],
        )
        aid, _ = add_article(project, article, Extraction(entities, [IncidentRecord.from_json(inc)]))
        ids.append(aid)
    return ids


@pytest.fixture(autouse=True)
def rasid_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and logs go to tmp_path, never to the real home."""
    home = tmp_path / "home"
    monkeypatch.setenv("RASID_HOME", str(home))
    return home


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "test.rasid"
    with Project.create(path) as project:
        add_articles(project, ARTICLES)
    return path


@pytest.fixture
def window(qtbot: Any, project_path: Path) -> Iterator[Any]:
    from desktop.gui import i18n
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.settings import Settings

    make_application("en")
    w = MainWindow(Settings(language="en"))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert w.open_project(project_path)
    assert w.wait_for_reads()  # the list, its first article and the project's names are in
    yield w
    w.close_project()
    i18n.set_language("en")


@pytest.fixture
def arabic_window(qtbot: Any, project_path: Path) -> Iterator[Any]:
    """The main window with the Arabic (right-to-left) interface on the test project."""
    from desktop.gui import i18n
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.settings import Settings

    make_application("ar")
    try:
        w = MainWindow(Settings(language="ar"))
        w.quiet_errors = True
        qtbot.addWidget(w)
        assert w.open_project(project_path)
        assert w.wait_for_reads()
        yield w
        w.close_project()
    finally:
        make_application("en")
        i18n.set_language("en")
