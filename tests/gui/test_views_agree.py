"""The views agree (issue 18, defect 10): one effective date, ACTOR drawn as ACTOR, decoded titles."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from desktop.gui.qt import Qt, QTextCursor
from desktop.gui.reads import settle
from desktop.gui.theme import entity_colour
from desktop.records import EntityRecord, IncidentRecord, incident_date
from desktop.store.project import Project
from desktop.store.views import INCIDENT_COLUMNS
from desktop.store.writes import Extraction, NewArticle, add_article

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

TEXT = "قُتل 4 عناصر من قوات الأمن في هجوم شنه مسلحو داعش على حاجز قرب مدينة الرمادي."
TITLE = "هجوم لـ &#8220;داعش&#8221; على حاجز &amp; مقتل 4"


def _project(path: Path) -> Path:
    """One article dated 2015-08-11 whose incident sets no date of its own (it inherits the day)."""
    entities = [
        EntityRecord(TEXT.index(s), TEXT.index(s) + len(s), t, s)
        for s, t in (("قوات الأمن", "ACTOR"), ("داعش", "ORG"), ("الرمادي", "LOC"))
    ]
    incident = IncidentRecord(
        values={
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "location": "الرمادي",
            "fatalities": 4,
        },
        evidence=(0, len(TEXT)),
    )
    with Project.create(path) as project:
        article = NewArticle(
            "rm-1", TEXT, hashlib.sha256(TEXT.encode()).hexdigest(), title=TITLE, date="2015-08-11"
        )
        add_article(project, article, Extraction(entities, [incident]))
    return path


@pytest.fixture
def ramadi(window: Any, tmp_path: Path) -> Any:
    """The window on the one-article project, its article shown."""
    assert window.open_project(_project(tmp_path / "ramadi.rasid"))
    assert window.wait_for_reads()
    window.select_article(window.ops.article_id_for("rm-1"))
    settle()
    assert window.article is not None and window.incident_panel.current() is not None
    return window


def test_incident_date_is_its_own_else_the_articles() -> None:
    assert incident_date("2015-08-10", "2015-08-11").value == "2015-08-10"
    assert not incident_date("2015-08-10", "2015-08-11").inherited
    inherited = incident_date(None, "2015-08-11")
    assert inherited.value == "2015-08-11" and inherited.inherited
    assert incident_date("", "2015-08-11").inherited
    assert incident_date(None, None).value is None and not incident_date(None, None).inherited


def test_the_panel_and_the_incidents_table_show_the_same_inherited_date(ramadi: Any) -> None:
    """The table showed the article's day, the panel an empty date; now both show 2015-08-11 and the
    panel says it is the article's date, without writing it as the analyst's value."""
    window = ramadi
    panel = window.incident_panel
    incident = panel.current()
    assert incident.get("date") is None
    assert panel.table.item(0, 1).text() == "2015-08-11"
    assert panel.table.item(0, 1).font().italic()
    date_editor = panel.editor.editors["date"]
    assert date_editor.text() == ""  # nothing of the analyst's
    assert "2015-08-11" in date_editor.placeholderText()
    assert "article date" in date_editor.placeholderText()
    # leaving the empty field saves nothing
    date_editor.setFocus()
    date_editor.editingFinished.emit()
    settle()
    assert not window.ops.field_state(incident.id, "date").analyst_set
    assert window.controller.undo_stack.count() == 0

    window.show_view(window.incidents_view)
    settle()
    view = window.incidents_view
    col = INCIDENT_COLUMNS.index("date")
    assert view.model.index(0, col).data() == "2015-08-11"

    # an analyst's own date replaces the hint in both views
    date_editor.setText("2015-08-10")
    date_editor.editingFinished.emit()
    settle()
    assert panel.table.item(0, 1).text() == "2015-08-10"
    assert not panel.table.item(0, 1).font().italic()
    assert panel.editor.editors["date"].placeholderText() == "YYYY-MM-DD"
    view.refresh()
    settle()
    assert view.model.index(0, col).data() == "2015-08-10"


def _format_at(window: Any, offset: int) -> Any:
    """The character format at code-point `offset` of the shown article."""
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(window.reader.position_map.to_qt(offset) + 1)
    return cursor.charFormat()


def _submenu(menu: Any, title: str) -> list[str]:
    action = next(a for a in menu.actions() if a.text() == title)
    return [a.text() for a in action.menu().actions()]


def test_actor_spans_have_their_own_colour_legend_and_menus(ramadi: Any) -> None:
    """قوات الأمن (ACTOR) was drawn in MISC's grey, with no legend entry and no menu entry."""
    window = ramadi
    actor = next(e for e in window.reader.entities if e.type == "ACTOR")
    assert actor.text == "قوات الأمن"
    assert entity_colour("ACTOR") != entity_colour("MISC")
    assert _format_at(window, actor.start).background().color() == entity_colour("ACTOR")
    box = window.legend.boxes["ACTOR"]
    assert box.text() == "ACTOR" and box.isChecked()
    box.setChecked(False)  # the legend hides the type
    assert _format_at(window, actor.start).background().color() != entity_colour("ACTOR")
    box.setChecked(True)

    org = next(e for e in window.reader.entities if e.type == "ORG")
    menu = window.reader.build_context_menu(window.reader.position_map.to_qt(org.start))
    assert "ACTOR" in _submenu(menu, "Relabel as")
    window.reader.select_offsets(actor.start, actor.end)
    menu = window.reader.build_context_menu(window.reader.position_map.to_qt(actor.start))
    assert "ACTOR" in _submenu(menu, "Tag selection as")
    assert "ACTOR" not in _submenu(menu, "Relabel as") and "MISC" in _submenu(menu, "Relabel as")
    window.relabel_entity(org.id, "ACTOR")
    settle()
    assert _format_at(window, org.start).background().color() == entity_colour("ACTOR")
    edit_menu = window.menuBar().actions()[1].menu()
    assert "ACTOR" in _submenu(edit_menu, "Tag selection as")


def test_actor_in_the_arabic_legend_and_menus(arabic_window: Any, tmp_path: Path) -> None:
    window = arabic_window
    assert window.open_project(_project(tmp_path / "ramadi.rasid")) and window.wait_for_reads()
    window.select_article(window.ops.article_id_for("rm-1"))
    settle()
    assert window.legend.boxes["ACTOR"].text() == "فاعل"
    org = next(e for e in window.reader.entities if e.type == "ORG")
    menu = window.reader.build_context_menu(window.reader.position_map.to_qt(org.start))
    relabel = _submenu(menu, "تغيير النوع إلى")
    assert "فاعل" in relabel and "ACTOR" not in relabel


def test_stored_titles_are_shown_decoded_as_plain_text(ramadi: Any) -> None:
    """A title stored with its entities (before import decoded them) was shown as `&#8220;داعش&#8221;`."""
    window = ramadi
    decoded = "هجوم لـ “داعش” على حاجز & مقتل 4"
    assert window.article_model.index(0, 0).data() == decoded
    assert window.article_title.text() == decoded
    assert window.article_title.textFormat() == Qt.TextFormat.PlainText
    window.show_view(window.incidents_view)
    settle()
    view = window.incidents_view
    assert view.model.index(0, INCIDENT_COLUMNS.index("article")).data() == decoded


def test_an_imported_txt_is_titled_by_its_first_line(window: Any, qtbot: Any, tmp_path: Path) -> None:
    """A .txt was listed as '(untitled)'."""
    lead = "مقتل 4 عناصر من قوات الأمن قرب الرمادي"
    source = tmp_path / "ramadi.txt"
    source.write_text(f"\n{lead}\n\n{TEXT}\n", encoding="utf-8")
    task = window.start_import([str(source)], extractor=lambda doc: doc)
    outcome: list[Any] = []
    task.finished.connect(outcome.append)
    task.failed.connect(lambda message, _bug: outcome.append(message))
    qtbot.waitUntil(lambda: bool(outcome), timeout=60_000)
    assert outcome[0].imported == 1, outcome
    settle()
    titles = [window.article_model.index(r, 0).data() for r in range(window.article_model.rowCount())]
    assert lead in titles and "(untitled)" not in titles
