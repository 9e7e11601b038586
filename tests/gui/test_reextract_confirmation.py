"""Re-extraction asks first (saying what it keeps) and adds no machine span where the analyst decided."""

from __future__ import annotations

import re
from typing import Any

import pytest

from desktop.document import Document, Span
from desktop.gui.qt import QMessageBox

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()


def isis_as_org(doc: Document) -> Document:
    """A machine that reads every داعش as an organisation (as the real one does)."""
    doc.set_layer("entities", [Span(m.start(), m.end(), "ORG", {}) for m in re.finditer("داعش", doc.text)])
    return doc


def _confirmation(window: Any, box: QMessageBox | None) -> QMessageBox:
    assert box is not None and box.isVisible() and box.isModal()
    assert box.objectName() == "reextractConfirmation"
    return box


def _click(box: QMessageBox, label: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == label]
    button.click()


def test_reextract_asks_first_and_keeps_a_relabelled_name(window: Any, qtbot: Any) -> None:
    aid = window.ops.article_id_for("iq-1")
    window.select_article(aid)
    assert window.wait_for_reads()
    (isis,) = [e for e in window.reader.entities if e.text == "داعش"]
    window.relabel_entity(isis.id, "PER")  # the analyst's decision

    box = _confirmation(window, window.reextract(extractor=isis_as_org))
    assert "3 articles" in box.text()
    assert "Kept:" in box.informativeText() and "No machine entity is added where" in box.informativeText()
    assert window.task is None  # nothing runs before the analyst says so
    _click(box, "Cancel")
    assert window.task is None

    _click(_confirmation(window, window.reextract(extractor=isis_as_org)), "Re-extract")
    task = window.task
    assert task is not None
    outcome: list[Any] = []
    task.finished.connect(outcome.append)
    task.failed.connect(lambda message, _bug: outcome.append(message))
    qtbot.waitUntil(lambda: bool(outcome), timeout=60_000)
    assert not isinstance(outcome[0], str), outcome[0]
    on_span = [
        (e.type, e.origin) for e in window.ops.entities(aid) if (e.start, e.end) == (isis.start, isis.end)
    ]
    assert on_span == [("PER", "auto")]  # the relabelled row only: no machine ORG copy beside it
