"""The codebook and settings modules are core (no Qt) and behave as documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop import acled, settings


def test_codebook_pairs() -> None:
    assert acled.sub_event_types("Battles") == (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    )
    assert acled.event_type_of("Air/drone strike") == "Explosions/Remote violence"
    assert acled.is_valid_pair("Strategic developments", "Other")
    assert not acled.is_valid_pair("Battles", "Grenade")
    assert len(acled.SUB_EVENT_TYPE_NAMES) == 25
    assert set(acled.SUB_EVENT_ARABIC) == set(acled.SUB_EVENT_TYPE_NAMES)
    assert acled.disorder_type("Protests", "Excessive force against protesters") == (
        "Political violence; Demonstrations"
    )


def test_core_modules_do_not_load_qt() -> None:
    code = (
        "import sys, desktop.acled, desktop.settings, desktop.gui.positions; print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_settings_round_trip(rasid_home: Path) -> None:
    s = settings.Settings(language="ar", reader_zoom=3)
    s.add_recent(rasid_home / "a.rasid")
    s.add_recent(rasid_home / "b.rasid")
    s.add_recent(rasid_home / "a.rasid")
    settings.save(s)
    assert settings.settings_path().parent == rasid_home
    loaded = settings.load()
    assert loaded.language == "ar" and loaded.reader_zoom == 3
    assert [Path(p).name for p in loaded.recent_projects] == ["a.rasid", "b.rasid"]


def test_bad_settings_file_falls_back(rasid_home: Path) -> None:
    rasid_home.mkdir(parents=True)
    settings.settings_path().write_text('{"language": 5, "reader_zoom": "x", "recent_projects": [1]}')
    loaded = settings.load()
    assert loaded == settings.Settings()
    settings.settings_path().write_text("not json")
    assert settings.load() == settings.Settings()
