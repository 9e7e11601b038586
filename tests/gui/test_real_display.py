"""`make run` on a real display: Rasid started under Xvfb with Qt's xcb platform maps its window.

The rest of the suite renders offscreen, which never loads the xcb plugin and so cannot see a
missing libxcb-cursor0 (Qt aborts at start on a real display without it) or a Makefile that forces
the offscreen platform onto `make run`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_app_maps_a_window_on_xcb(tmp_path: Path) -> None:
    shot = tmp_path / "xcb.png"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "check_display.py"),
            "--screenshot",
            str(shot),
            "--timeout",
            "90",
        ],
        capture_output=True,
        text=True,
        timeout=150,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "mapped a window" in result.stdout and "(xcb)" in result.stdout
    assert shot.stat().st_size > 10_000  # a real screen with the window on it, not an empty root


def test_make_run_does_not_force_the_offscreen_platform() -> None:
    """Only the test and bundle-check targets render offscreen; `run` uses the user's display."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert not re.search(r"^export\s+QT_QPA_PLATFORM", makefile, re.M)
    dry = subprocess.run(
        ["make", "-n", "run"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert "offscreen" not in dry.stdout
    apt = (REPO / "requirements-apt.txt").read_text(encoding="utf-8").split()
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "xvfb", "xdotool"} <= set(apt)
