"""The main window against a real project: highlights, incident edits with undo/redo, persistence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.gui.qt import QColor, QTextCursor
from desktop.gui.reader import ENTITY_ID_PROPERTY, ENTITY_TYPE_PROPERTY
from desktop.gui.theme import entity_colour
from desktop.store.project import Project

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def _select_article(window: Any, external_id: str) -> None:
    assert window.ops is not None
    window.select_article(window.ops.article_id_for(external_id))
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
        before = _format_at(window, qs - 1)
        assert before.property(ENTITY_ID_PROPERTY) is None or text[entity.start - 1] != " "
    # the character just before "سرمين" (a space) is not highlighted
    sarmin = text.index("سرمين")
    assert _format_at(window, pmap.to_qt(sarmin) - 1).background().color() != entity_colour("LOC")
    # hiding a type removes its highlight and keeps the others
    window.legend.boxes["LOC"].setChecked(False)
    assert _format_at(window, pmap.to_qt(sarmin)).background().color() != entity_colour("LOC")
    org = text.index("المرصد")
    assert _format_at(window, pmap.to_qt(org)).background().color() == entity_colour("ORG")
    window.legend.boxes["LOC"].setChecked(True)
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
    editor.editingFinished.emit()
    assert window.ops.incident(incident.id).get("fatalities") == 7
    assert panel.current().get("fatalities") == 7
    assert panel.current().status == "edited"

    window.undo()
    assert window.ops.incident(incident.id).get("fatalities") == 5
    assert window.ops.incident(incident.id).status == "new"
    assert panel.editor.editors["fatalities"].text() == "5"
    window.redo()
    assert window.ops.incident(incident.id).get("fatalities") == 7

    # the event type picker offers the codebook and narrows the sub-types
    box = panel.editor.editors["event_type"]
    box.setCurrentIndex(box.findData("Battles"))
    box.activated.emit(box.currentIndex())
    assert window.ops.incident(incident.id).get("event_type") == "Battles"
    subs = panel.editor.editors["sub_event_type"]
    assert [subs.itemData(i) for i in range(1, 4)] == [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ]

    window.close_project()
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
    assert window.ops.incident(first.id).status == "accepted"
    window.undo()
    assert window.ops.incident(first.id).status == "new"

    text = window.article.text
    cut = text.index("في غارة")
    window.split_incident(first.id, at=cut)
    incidents = window.ops.incidents(window.article.id)
    assert len(incidents) == 2
    second = next(i for i in incidents if i.id != first.id)
    assert second.evidence is not None and second.evidence[0] == cut
    window.undo()
    incidents = window.ops.incidents(window.article.id)
    assert [i.id for i in incidents] == [first.id]
    assert incidents[0].evidence == first.evidence

    # create from a selection, then merge it into the first
    window.reader.select_offsets(text.index("وقال"), len(text))
    window.create_incident_from_selection()
    incidents = window.ops.incidents(window.article.id)
    assert len(incidents) == 2
    created = next(i for i in incidents if i.id != first.id)
    assert created.origin == "analyst"
    window.edit_incident_field(created.id, "weapon", "طائرات حربية")
    window.merge_incidents(first.id, created.id)
    assert window.ops.incident(first.id).get("weapon") == "طائرات حربية"
    assert window.ops.incident(created.id).status == "rejected"
    window.undo()
    assert window.ops.incident(first.id).get("weapon") is None
    assert window.ops.incident(created.id).status == "accepted"


def test_tag_entity_and_dictionary_entry_applies_to_other_articles(window: Any) -> None:
    _select_article(window, "iq-1")
    text = window.article.text
    start = text.index("أبو محمد")
    window.reader.select_offsets(start, start + len("أبو محمد"))
    window._tag_selection("PER")
    per = [e for e in window.reader.entities if e.type == "PER"]
    assert [(e.start, e.text, e.origin) for e in per] == [(start, "أبو محمد", "analyst")]
    pmap = window.reader.position_map
    assert _format_at(window, pmap.to_qt(start)).background().color() == QColor(entity_colour("PER"))
    window.undo()
    assert not [e for e in window.reader.entities if e.type == "PER"]

    # "قيادة العمليات المشتركة" becomes a dictionary entry ...
    org = text.index("قيادة العمليات المشتركة")
    window.add_dictionary_entry(org, org + len("قيادة العمليات المشتركة"), "ORG")
    assert any(e.text == "قيادة العمليات المشتركة" for e in window.reader.entities)
    assert "قيادة العمليات المشتركة" in window.ops.completions()
    # ... so mentions in every other article are tagged too
    other = window.ops.article_id_for("iq-2")
    tagged = [e for e in window.ops.entities(other) if e.text == "قيادة العمليات المشتركة"]
    assert [(e.type, e.canonical_name) for e in tagged] == [("ORG", "قيادة العمليات المشتركة")]
    window.undo()
    assert not any(e.text == "قيادة العمليات المشتركة" for e in window.ops.entities(window.article.id))
    assert not any(e.text == "قيادة العمليات المشتركة" for e in window.ops.entities(other))


def test_tags_and_notes_filter(window: Any) -> None:
    _select_article(window, "iq-1")
    window.tags_edit.setText("كركوك, review")
    window.tags_edit.editingFinished.emit()
    assert window.ops.tags(window.article.id) == ["review", "كركوك"]
    window.note_edit.setText("تحقق من العدد")
    window.note_edit.editingFinished.emit()
    assert window.ops.note(window.article.id) == "تحقق من العدد"
    i = window.tag_filter.findData("review")
    assert i > 0
    window.tag_filter.setCurrentIndex(i)
    window._apply_filter()
    assert window.article_model.total == 1
    assert window.article_model.index(0, 5).data() == "review, كركوك"


def test_zoom_and_layout_remembered(window: Any) -> None:
    from desktop import settings

    size = window.reader.font().pointSize()
    window.reader.zoom_in()
    assert window.reader.font().pointSize() == size + 1
    window.save_layout()
    saved = settings.load()
    assert saved.reader_zoom == window.reader.zoom()
    assert saved.splitter_state and saved.window_geometry


def test_search_box_uses_the_store_search(window: Any) -> None:
    window.search_box.setText("كركوك")
    window._apply_filter()
    assert window.article_model.total == 1
    assert window.article.external_id == "iq-1"
    window.search_box.setText("")
    window._apply_filter()
    assert window.article_model.total == 3


def test_resize_entity_to_selection_with_undo(window: Any) -> None:
    _select_article(window, "sy-1")
    entity = max(window.reader.entities, key=lambda e: e.end - e.start)
    old = (entity.start, entity.end)
    new = (entity.start, entity.end - 1)  # the analyst drops the last character
    window.reader.select_offsets(*new)
    menu = window.reader.build_context_menu(window.reader.position_map.to_qt(entity.start))
    assert "Set entity span to selection" in [a.text() for a in menu.actions()]
    window._resize_to_selection()
    resized = next(e for e in window.reader.entities if e.id == entity.id)
    assert (resized.start, resized.end) == new
    stored = next(e for e in window.ops.entities(window.article.id) if e.id == entity.id)
    assert (stored.start, stored.end, stored.status) == (
        *new,
        "edited" if entity.origin == "auto" else stored.status,
    )
    window.undo()
    back = next(e for e in window.reader.entities if e.id == entity.id)
    assert (back.start, back.end) == old
