"""Search in the article list: the box explains itself, hits show their words in context, and the
matched words are highlighted in the reader (UTF-16 positions after an emoji, offsets untouched)."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gui.article_model import SNIPPET_ROLE
from desktop.gui.qt import QColor, QFont, QTextCursor
from desktop.gui.reads import settle
from desktop.gui.snippet_delegate import SnippetDelegate, around_first_match, snippet_document
from desktop.gui.theme import SEARCH_MATCH_BACKGROUND, SEARCH_MATCH_TEXT, entity_colour

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _search(window: Any, query: str) -> None:
    window.search_box.setText(query)
    window.article_pane.apply_filter()
    settle()


def _search_marks(window: Any) -> list[tuple[int, int]]:
    """The reader's extra selections drawn in the search colours, as Qt (UTF-16) spans."""
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in window.reader.extraSelections()
        if s.format.background().color() == QColor(SEARCH_MATCH_BACKGROUND)
        and s.format.foreground().color() == QColor(SEARCH_MATCH_TEXT)
    ]


def _bold_runs(doc: Any) -> list[str]:
    """The runs of `doc` drawn bold on the search colour, as text."""
    runs: list[str] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.fontWeight() == QFont.Weight.Bold and fmt.background().color() == QColor(
                SEARCH_MATCH_BACKGROUND
            ):
                runs.append(fragment.text())
            it += 1
        block = block.next()
    return runs


def test_the_search_box_explains_its_syntax(window: Any) -> None:
    box = window.search_box
    assert "OR" in box.placeholderText() and "NOT" in box.placeholderText() and '"' in box.placeholderText()
    assert "exact phrase" in box.toolTip() and "Help → Search syntax" in box.toolTip()


def test_the_search_box_explains_its_syntax_in_arabic(arabic_window: Any) -> None:
    box = arabic_window.search_box
    assert box.placeholderText().startswith("ابحث") and "OR" in box.placeholderText()
    assert "عبارة مطابقة" in box.toolTip() and "مساعدة ← صيغة البحث" in box.toolTip()


def test_search_hits_show_their_words_in_context(window: Any, qtbot: Any) -> None:
    window.show()
    qtbot.waitExposed(window)
    view, model = window.article_view, window.article_model
    assert model.index(0, 0).data(SNIPPET_ROLE) is None  # no search: one line per article
    plain_height = view.rowHeight(0)
    _search(window, "سرمين")
    assert model.total == 1
    snippet, matches = model.index(0, 0).data(SNIPPET_ROLE)
    assert [snippet[a:b] for a, b in matches] == ["سرمين"]
    assert "ريف إدلب" in snippet and "بلدة" in snippet  # the words around it
    assert "سرمين" in model.index(0, 0).data(0x03)  # ToolTipRole: title and context
    assert view.rowHeight(0) == SnippetDelegate.row_height(view.font()) > plain_height
    # the painted document: the snippet, its match in bold on the search colour
    doc = snippet_document(snippet, matches, view.font(), 300)
    assert doc.toPlainText() == snippet
    assert _bold_runs(doc) == ["سرمين"]
    # after an emoji (two UTF-16 units) the match is still on its word
    emoji = "\U0001f4f0 غارة على سرمين"
    doc = snippet_document(emoji, ((emoji.index("سرمين"), len(emoji)),), view.font(), 300)
    assert _bold_runs(doc) == ["سرمين"]
    view.viewport().grab()  # the delegate paints the row without error
    _search(window, "")
    assert model.index(0, 0).data(SNIPPET_ROLE) is None and view.rowHeight(0) == plain_height


def test_an_edit_keeps_the_hit_s_snippet(window: Any) -> None:
    _search(window, "كركوك")
    incident = window.incident_panel.current()
    window.edit_incident_field(incident.id, "fatalities", 4)  # the row is read again
    settle()
    assert window.article_model.index(0, 0).data(SNIPPET_ROLE) is not None


def test_matched_words_are_highlighted_in_the_reader(window: Any) -> None:
    _search(window, '"غارة جوية" OR سرمين')
    assert window.article.external_id == "sy-1"
    text = window.article.text
    reader = window.reader
    spans = reader.search_matches()
    assert sorted(text[a:b] for a, b in spans) == ["سرمين", "غارة جوية"]
    entities_before = [(e.start, e.end, e.type) for e in reader.entities]
    start = text.index("سرمين")
    # one emoji before: the Qt span is one further than the code-point offsets
    assert (start + 1, start + 1 + len("سرمين")) in _search_marks(window)
    # the entity colour stays in the document under the mark; no offset moved
    under = QTextCursor(reader.document())
    under.setPosition(start + 2)
    assert under.charFormat().background().color() == entity_colour("LOC")
    assert [(e.start, e.end, e.type) for e in reader.entities] == entities_before
    stored = window.ops.entities(window.article.id)
    assert ("سرمين", start) in [(e.text, e.start) for e in stored]
    # evidence shown later keeps the matches
    window._show_incident_evidence(window.incident_panel.current())
    assert len(_search_marks(window)) == 2
    # the search is cleared: the next article opened has no marks
    _search(window, "")
    window.select_article(window.ops.article_id_for("iq-1"))
    settle()
    assert window.reader.search_matches() == [] and _search_marks(window) == []


def test_the_search_colour_is_none_of_the_entity_colours() -> None:
    from desktop.gui.theme import ENTITY_COLOURS, EVIDENCE_COLOUR, FIELD_EVIDENCE_COLOUR

    taken = {c.lower() for c in (*ENTITY_COLOURS.values(), EVIDENCE_COLOUR, FIELD_EVIDENCE_COLOUR)}
    assert SEARCH_MATCH_BACKGROUND.lower() not in taken
    assert QColor(SEARCH_MATCH_BACKGROUND).lightness() < min(QColor(c).lightness() for c in taken) - 60


def test_a_narrow_column_shows_the_match_not_only_the_words_before_it() -> None:
    snippet = "قالت مصادر محلية إن قوات الأمن اعتقلت أربعة مطلوبين في بلدة سرمين صباح اليوم"
    at = snippet.index("سرمين")
    text, moved = around_first_match(snippet, ((at, at + 5),), 30)
    assert text.startswith("…") and [text[a:b] for a, b in moved] == ["سرمين"]
    assert text[1] != " " and snippet[snippet.index(text[1:]) - 1] == " "  # cut at a word
    assert around_first_match(snippet, ((at, at + 5),), 200) == (snippet, ((at, at + 5),))
