"""The main window against a real project: highlights, incident edits with undo/redo, persistence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.gui.qt import QColor, QTextCursor
from desktop.gui.reader import ENTITY_ID_PROPERTY, ENTITY_TYPE_PROPERTY
from desktop.gui.reads import settle
from desktop.gui.theme import entity_colour
from desktop.store.project import Project

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def _select_article(window: Any, external_id: str) -> None:
    assert window.ops is not None
    window.select_article(window.ops.article_id_for(external_id))
    settle()
    assert window.article is not None and window.article.external_id == external_id


def _format_at(window: Any, qt_position: int) -> Any:
    """The character format of the character starting at Qt position `qt_position`."""
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(qt_position + 1)
    return cursor.charFormat()


def test_article_list_and_reader(window: Any) -> None:
    assert window.article_model.rowCount() == 3
    assert window.article_model.total == 3
    titles = [window.article_model.index(r, 0).data() for r in range(3)]
    assert titles == ["غارة على ريف إدلب", "هجوم في كركوك", "عملية أمنية في الأنبار"]  # newest first
    _select_article(window, "sy-1")
    assert window.reader.toPlainText() == window.article.text
    assert window.reader.isReadOnly()
    option = window.reader.document().defaultTextOption()
    assert option.textDirection().name == "RightToLeft"


def test_highlights_land_on_the_right_characters_after_emoji_and_latin(window: Any) -> None:
    _select_article(window, "sy-1")
    text = window.article.text
    assert text.startswith("\U0001f4f0") and "AFP" in text
    pmap = window.reader.position_map
    for entity in window.reader.entities:
        qs, qe = pmap.to_qt(entity.start), pmap.to_qt(entity.end)
        assert qs == entity.start + 1  # one emoji before: one extra UTF-16 unit
        for pos in range(qs, qe):
            fmt = _format_at(window, pos)
            assert fmt.property(ENTITY_ID_PROPERTY) == entity.id
            assert fmt.property(ENTITY_TYPE_PROPERTY) == entity.type
            assert fmt.background().color() == entity_colour(entity.type)
        # the character before the entity belongs to the entity covering it, or to none
        covering = [e.id for e in window.reader.entities if e.start <= entity.start - 1 < e.end]
        assert _format_at(window, qs - 1).property(ENTITY_ID_PROPERTY) == (covering[-1] if covering else None)
    # the character just before "سرمين" (a space) is not highlighted
    sarmin = text.index("سرمين")
    assert _format_at(window, pmap.to_qt(sarmin) - 1).background().color() != entity_colour("LOC")
    # hiding a type removes its highlight and keeps the others
    window.legend.boxes["LOC"].setChecked(False)
    settle()
    assert _format_at(window, pmap.to_qt(sarmin)).background().color() != entity_colour("LOC")
    org = text.index("المرصد")
    assert _format_at(window, pmap.to_qt(org)).background().color() == entity_colour("ORG")
    window.legend.boxes["LOC"].setChecked(True)
    settle()
    assert _format_at(window, pmap.to_qt(sarmin)).background().color() == entity_colour("LOC")


def test_tooltip_text(window: Any) -> None:
    _select_article(window, "sy-1")
    entity = next(e for e in window.reader.entities if e.type == "LOC")
    qt = window.reader.position_map.to_qt(entity.start)
    found = window.reader.entity_at(qt)
    assert found is not None and found.id == entity.id
    assert "LOC" in window.reader.tooltip_for(found)


def test_edit_incident_undo_redo_and_persist(window: Any, project_path: Path, qtbot: Any) -> None:
    _select_article(window, "sy-1")
    panel = window.incident_panel
    incident = panel.current()
    assert incident is not None and incident.get("fatalities") == 5
    editor = panel.editor.editors["fatalities"]
    editor.setText("7")
    settle()
    editor.editingFinished.emit()
    settle()
    assert window.ops.incident(incident.id).get("fatalities") == 7
    assert panel.current().get("fatalities") == 7
    assert panel.current().status == "edited"

    window.undo()
    settle()
    assert window.ops.incident(incident.id).get("fatalities") == 5
    assert window.ops.incident(incident.id).status == "new"
    assert panel.editor.editors["fatalities"].text() == "5"
    window.redo()
    settle()
    assert window.ops.incident(incident.id).get("fatalities") == 7

    # the event type picker offers the codebook and narrows the sub-types
    box = panel.editor.editors["event_type"]
    box.setCurrentIndex(box.findData("Battles"))
    settle()
    box.activated.emit(box.currentIndex())
    settle()
    assert window.ops.incident(incident.id).get("event_type") == "Battles"
    subs = panel.editor.editors["sub_event_type"]
    assert [subs.itemData(i) for i in range(1, 4)] == [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ]

    window.close_project()
    settle()
    with Project.open(project_path) as project:
        stored = project.incidents.get(incident.id)
        assert stored.value("fatalities") == 7
        assert stored.value("event_type") == "Battles"
    assert window.open_project(project_path)
    _select_article(window, "sy-1")
    assert window.incident_panel.current().get("fatalities") == 7


def test_accept_reject_merge_split(window: Any) -> None:
    _select_article(window, "sy-1")
    panel = window.incident_panel
    first = panel.current()
    window.set_incident_status([first.id], "accepted")
    settle()
    assert window.ops.incident(first.id).status == "accepted"
    window.undo()
    settle()
    assert window.ops.incident(first.id).status == "new"

    text = window.article.text
    cut = text.index("في غارة")
    window.split_incident(first.id, at=cut)
    settle()
    incidents = window.ops.incidents(window.article.id)
    assert len(incidents) == 2
    second = next(i for i in incidents if i.id != first.id)
    assert second.evidence is not None and second.evidence[0] == cut
    window.undo()
    settle()
    incidents = window.ops.incidents(window.article.id)
    assert [i.id for i in incidents] == [first.id]
    assert incidents[0].evidence == first.evidence

    # create from a selection, then merge it into the first
    window.reader.select_offsets(text.index("وقال"), len(text))
    settle()
    window.create_incident_from_selection()
    settle()
    incidents = window.ops.incidents(window.article.id)
    assert len(incidents) == 2
    created = next(i for i in incidents if i.id != first.id)
    assert created.origin == "analyst"
    window.edit_incident_field(created.id, "weapon", "طائرات حربية")
    settle()
    window.merge_incidents(first.id, created.id)
    settle()
    assert window.ops.incident(first.id).get("weapon") == "طائرات حربية"
    assert window.ops.incident(created.id).status == "rejected"
    window.undo()
    settle()
    assert window.ops.incident(first.id).get("weapon") is None
    assert window.ops.incident(created.id).status == "new"  # a new incident waits for review


def test_tag_entity_and_dictionary_entry_applies_to_other_articles(window: Any) -> None:
    _select_article(window, "iq-1")
    text = window.article.text
    start = text.index("أبو محمد")
    window.reader.select_offsets(start, start + len("أبو محمد"))
    settle()
    window._tag_selection("PER")
    settle()
    per = [e for e in window.reader.entities if e.type == "PER"]
    assert [(e.start, e.text, e.origin) for e in per] == [(start, "أبو محمد", "analyst")]
    pmap = window.reader.position_map
    assert _format_at(window, pmap.to_qt(start)).background().color() == QColor(entity_colour("PER"))
    window.undo()
    settle()
    assert not [e for e in window.reader.entities if e.type == "PER"]

    # "قيادة العمليات المشتركة" becomes a dictionary entry ...
    org = text.index("قيادة العمليات المشتركة")
    window.add_dictionary_entry(org, org + len("قيادة العمليات المشتركة"), "ORG")
    settle()
    assert any(e.text == "قيادة العمليات المشتركة" for e in window.reader.entities)
    assert "قيادة العمليات المشتركة" in window.ops.completions()
    # ... so mentions in every other article are tagged too
    other = window.ops.article_id_for("iq-2")
    tagged = [e for e in window.ops.entities(other) if e.text == "قيادة العمليات المشتركة"]
    assert [(e.type, e.canonical_name) for e in tagged] == [("ORG", "قيادة العمليات المشتركة")]
    window.undo()
    settle()
    assert not any(e.text == "قيادة العمليات المشتركة" for e in window.ops.entities(window.article.id))
    assert not any(e.text == "قيادة العمليات المشتركة" for e in window.ops.entities(other))


def test_tags_and_notes_filter(window: Any) -> None:
    _select_article(window, "iq-1")
    window.tags_edit.setText("كركوك, review")
    settle()
    window.tags_edit.editingFinished.emit()
    settle()
    assert window.ops.tags(window.article.id) == ["review", "كركوك"]
    window.note_edit.setText("تحقق من العدد")
    settle()
    window.note_edit.editingFinished.emit()
    settle()
    assert window.ops.note(window.article.id) == "تحقق من العدد"
    i = window.tag_filter.findData("review")
    assert i > 0
    window.tag_filter.setCurrentIndex(i)
    settle()
    window._apply_filter()
    settle()
    assert window.article_model.total == 1
    assert window.article_model.index(0, 5).data() == "review, كركوك"


def test_zoom_and_layout_remembered(window: Any) -> None:
    from desktop import settings

    size = window.reader.font().pointSize()
    window.reader.zoom_in()
    settle()
    assert window.reader.font().pointSize() == size + 1
    window.save_layout()
    settle()
    saved = settings.load()
    assert saved.reader_zoom == window.reader.zoom()
    assert saved.splitter_state and saved.window_geometry


def test_search_box_uses_the_store_search(window: Any) -> None:
    window.search_box.setText("كركوك")
    settle()
    window._apply_filter()
    settle()
    assert window.article_model.total == 1
    assert window.article.external_id == "iq-1"
    window.search_box.setText("")
    settle()
    window._apply_filter()
    settle()
    assert window.article_model.total == 3


def test_resize_entity_to_selection_with_undo(window: Any) -> None:
    _select_article(window, "sy-1")
    entity = max(window.reader.entities, key=lambda e: e.end - e.start)
    old = (entity.start, entity.end)
    new = (entity.start, entity.end - 1)  # the analyst drops the last character
    window.reader.select_offsets(*new)
    settle()
    menu = window.reader.build_context_menu(window.reader.position_map.to_qt(entity.start))
    assert "Set entity span to selection" in [a.text() for a in menu.actions()]
    window._resize_to_selection()
    settle()
    resized = next(e for e in window.reader.entities if e.id == entity.id)
    assert (resized.start, resized.end) == new
    stored = next(e for e in window.ops.entities(window.article.id) if e.id == entity.id)
    assert (stored.start, stored.end, stored.status) == (
        *new,
        "edited" if entity.origin == "auto" else stored.status,
    )
    window.undo()
    settle()
    back = next(e for e in window.reader.entities if e.id == entity.id)
    assert (back.start, back.end) == old


def test_tooltip_shows_coordinates_and_actor_type_in_the_entity_vocabulary(window: Any) -> None:
    _select_article(window, "iq-1")
    text = window.article.text
    for surface, attrs in (("كركوك", {"lat": 35.4681, "lon": 44.3922}), ("داعش", {"inter": 2})):
        entity = next(e for e in window.reader.entities if e.text == surface)
        window.ops.update_entity(entity.id, attrs=attrs)
    window.show_article(window.article.id)
    settle()
    kirkuk = next(e for e in window.reader.entities if e.start == text.index("كركوك"))
    assert "35.4681, 44.3922" in window.reader.tooltip_for(kirkuk)
    daesh = next(e for e in window.reader.entities if e.text == "داعش")
    assert "Actor type: 2" in window.reader.tooltip_for(daesh)


def test_selection_to_new_entity_after_emoji_and_other_astral_characters(window: Any) -> None:
    from desktop.importing.dedupe import content_hash
    from desktop.store.writes import Extraction, NewArticle, add_article

    # 📰, a flag (two regional indicators), 𝕏 (mathematical letter), 🧕🏽 (with a skin-tone modifier):
    # each is one code point in Python and two UTF-16 units in Qt.
    text = "📰 🇸🇾 عاجل 𝕏: قال 🧕🏽 أبو محمد الجولاني إن مقاتليه سيطروا على بلدة كفرنبل."
    aid, _ = add_article(
        window.ops.project, NewArticle("astral", text, content_hash(text), title="رموز"), Extraction()
    )
    window.select_article(aid)
    settle()
    assert window.article.id == aid and window.reader.toPlainText() == text
    name = "أبو محمد الجولاني"
    start = text.index(name)
    # the analyst's selection, in Qt's own UTF-16 positions (counted here without the reader's map)
    qt_start = len(text[:start].encode("utf-16-le")) // 2
    qt_end = qt_start + len(name.encode("utf-16-le")) // 2
    assert qt_start == start + 6  # six astral code points before the name
    cursor = window.reader.textCursor()
    cursor.setPosition(qt_start)
    cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    assert window.reader.textCursor().selectedText() == name
    window._tag_selection("PER")
    settle()
    (stored,) = [e for e in window.ops.entities(aid) if e.type == "PER"]
    assert (stored.start, stored.end, stored.text) == (start, start + len(name), name)
    assert _format_at(window, qt_start).property(ENTITY_ID_PROPERTY) == stored.id
    assert _format_at(window, qt_end).property(ENTITY_ID_PROPERTY) is None  # the space after it


def test_name_completer_offers_the_bundled_names(window: Any, qtbot: Any) -> None:
    """Linking an entity completes over the 4,800 bundled actor and place names (it offered none)."""
    from desktop.gui.operations import load_gazetteer_names
    from desktop.nlp.gazetteer import load_gazetteers

    bundled = load_gazetteers().names()
    assert len(bundled) > 4000 and "الموصل القديمة" in bundled and "الجيش السوري" in bundled
    assert len(load_gazetteer_names()) == len(bundled)
    qtbot.waitUntil(lambda: not window._names_timer.isActive(), timeout=10_000)  # the window noticed
    settle()
    completer = window.name_completer(window)
    offered = completer.model().stringList()
    assert set(bundled) <= set(offered)
    completer.setCompletionPrefix("الموص")
    matches = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert {"الموصل القديمة", "الموصل الجديدة"} <= set(matches)
    location = window.incident_panel.editor.editors["location"].completer().model().stringList()
    assert "الموصل القديمة" in location


def test_failed_undo_tells_the_user_and_keeps_the_stack(window: Any) -> None:
    _select_article(window, "sy-1")
    incident = window.incident_panel.current()
    window.edit_incident_field(incident.id, "fatalities", 9)
    settle()
    stack = window.controller.undo_stack
    assert stack.index() == 1 and stack.canUndo()
    conn = window.ops.project.conn
    conn.execute("PRAGMA query_only = ON")  # the disk refuses writes (read-only file, say)
    try:
        window.undo()
        settle()
        assert "rolled back" in window.last_error
        assert stack.index() == 1 and stack.canUndo() and not stack.canRedo()  # nothing moved
        assert window.ops.incident(incident.id).get("fatalities") == 9  # and nothing was written
    finally:
        conn.execute("PRAGMA query_only = OFF")
    window.undo()  # the same step, once the disk takes writes again
    settle()
    assert stack.index() == 0 and window.ops.incident(incident.id).get("fatalities") == 5
    conn.execute("PRAGMA query_only = ON")
    try:
        window.last_error = ""
        window.redo()
        assert "rolled back" in window.last_error and stack.index() == 0 and stack.canRedo()
    finally:
        conn.execute("PRAGMA query_only = OFF")
    window.redo()
    assert stack.index() == 1 and window.ops.incident(incident.id).get("fatalities") == 9


def test_reads_run_off_the_gui_thread_and_the_search_runs_once(window: Any) -> None:
    article_id = window.ops.article_id_for("iq-1")
    statements: list[str] = []
    window.ops.project.conn.set_trace_callback(statements.append)
    try:
        window.select_article(article_id)
        window.search_box.setText("كركوك")
        window._apply_filter()
        settle()
        window.show_view_named("dashboard")
        settle()
        window.show_view_named("incidents")
        settle()
    finally:
        window.ops.project.conn.set_trace_callback(None)
    assert window.article_model.total == 1 and window.article.external_id == "iq-1"
    assert window.dashboard is not None and "3" in window.dashboard.summary.text()
    assert statements == []  # the GUI thread's connection read nothing
    searches: list[str] = []
    reader = window.reads._reader.project.conn
    reader.set_trace_callback(lambda sql: searches.append(sql) if "articles_fts MATCH" in sql else None)
    # (the window asked the store for the count and for the page separately: four FTS statements)
    try:
        window.search_box.setText("حلب OR كركوك")
        window._apply_filter()
        settle()
    finally:
        reader.set_trace_callback(None)
    assert len(searches) == 2  # one store search: its count and its page


def test_the_window_is_composed_not_mixed_in() -> None:
    from desktop.gui.main_window import MainWindow

    ours = [c for c in MainWindow.__mro__ if c.__module__.startswith("desktop.")]
    assert ours == [MainWindow]


def test_the_article_titles_get_room_on_a_laptop_screen(window: Any, qtbot: Any) -> None:
    """At 1400 px the article list once got ~290 px and its titles a few letters each."""
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    assert window.splitter.sizes()[0] >= 450  # the incident panel's six buttons in a row once took it
    assert window.article_view.horizontalHeader().sectionSize(0) >= 120


def test_the_article_list_headers_are_not_cut(window: Any) -> None:
    header = window.article_view.horizontalHeader()
    for col in range(1, header.count()):
        assert header.sectionSize(col) >= header.sectionSizeFromContents(col).width(), col
