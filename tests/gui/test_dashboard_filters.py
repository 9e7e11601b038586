"""A dashboard click shows exactly its incidents: no hidden filter of the Incidents tab narrows them."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.gui.reads import settle

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()


def test_a_dashboard_bar_is_not_combined_with_hidden_filters(window: Any) -> None:
    view = window.incidents_view
    window.show_view(view)
    settle()
    assert not view.clear_button.isEnabled()  # nothing to clear yet
    view.status.setCurrentIndex(view.status.findData("accepted"))  # left on the tab by the analyst
    view.apply_filters()
    settle()
    assert view.model.total == 0
    assert "filtered by" in view.count_label.text() and "accepted" in view.count_label.text()
    assert view.clear_button.isEnabled()

    window.show_view(window.dashboard_holder)
    settle()
    ids = sorted(
        i.id
        for aid in (window.ops.article_id_for("iq-1"), window.ops.article_id_for("iq-2"))
        for i in window.ops.incidents(aid)
    )
    window.dashboard.incidentsSelected.emit(ids)  # a bar of the dashboard
    settle()
    assert window.tabs.currentWidget() is view
    assert sorted(view.model.row(r).id for r in range(view.model.rowCount())) == ids
    assert view.status.currentData() is None
    label = view.count_label.text()
    assert "dashboard selection" in label and "accepted" not in label

    view.clear_button.click()
    settle()
    assert view.model.total == 3 and "filtered" not in view.count_label.text()
