"""`rasid explain` through the real CLI: kept incidents name their rules, dropped candidates the rule
that dropped them; and the same trace on the reference-like article written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop.rules import rulebook

REPO = Path(__file__).resolve().parent.parent

# A short report in the style of the reference article: a bombing told with its toll, a threat that
# is no incident, and a comment on "this attack" that refers back to the bombing.
ARTICLE = (
    "فجر عناصر من داعش سيارة مفخخة في مدينة البصيرة أمس السبت، ما أسفر عن مقتل 13 عنصرا من قسد.\n"
    "وهدد التنظيم بتنفيذ هجمات جديدة على مواقع قسد في الريف الشرقي.\n"
    "وأثار هذا الهجوم غضب الأهالي في المدينة."
)


def explain(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    src = tmp_path / "in.jsonl"
    lines = [
        {"id": "a1", "text": ARTICLE, "date": "2019-03-03"},
        {"id": "a2", "text": "نظمت البلدية مهرجانا للقصص.", "date": "2019-03-03"},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "desktop", "explain", str(src), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )


def test_json_names_the_rules_of_every_incident_and_the_rule_of_every_drop(tmp_path: Path) -> None:
    proc = explain(tmp_path, "--json", "--id", "a1")
    assert proc.returncode == 0, proc.stderr
    (report,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert report["id"] == "a1"
    book = rulebook()
    (bombing,) = report["incidents"]
    assert bombing["sub_event_type"] == "Remote explosive/landmine/IED" and bombing["fatalities"] == 13
    assert bombing["rules"][0].startswith("trigger.ied.")
    assert all(rule in book for rule in bombing["rules"])
    assert 0.5 < bombing["confidence"] <= 1.0
    candidates = [c for s in report["sentences"] for c in s["candidates"]]
    dropped = [c for c in candidates if c["outcome"] == "dropped"]
    assert {c["dropped_by"] for c in dropped} >= {"block.irrealis", "block.anaphoric"}
    assert all(c["dropped_by"] in book for c in dropped)
    kept = [c for c in candidates if c["outcome"] == "kept"]
    assert len(kept) == 1 and kept[0]["score"] >= 3.25


def test_text_form_and_unknown_id(tmp_path: Path) -> None:
    proc = explain(tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "== a1: 1 incident(s)" in proc.stdout and "== a2: 0 incident(s)" in proc.stdout
    assert "DROPPED by block.irrealis" in proc.stdout
    assert "why dropped:" in proc.stdout
    missing = explain(tmp_path, "--id", "nope")
    assert missing.returncode == 1 and "no article with id 'nope'" in missing.stderr
