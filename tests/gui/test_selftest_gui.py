"""The GUI check of `rasid --selftest`: the main window renders offscreen to a non-blank PNG."""

from __future__ import annotations

from pathlib import Path

from desktop.gui.selftest_gui import check_main_window


def test_main_window_renders_without_project(qapp: object, tmp_path: Path) -> None:
    png = tmp_path / "window.png"
    detail = check_main_window(None, png)
    assert png.stat().st_size > 1000
    assert "colours" in detail
