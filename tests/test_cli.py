"""End-to-end tests of the real `rasid` CLI in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

ARTICLE = (
    "أعلنت مصادر محلية مقتل 13 عنصراً من قسد في البصيرة أمس السبت.\r\nوقُتل أربعة آخرون بنحو 500 متر من القرية."
)


def rasid(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )


def test_version() -> None:
    proc = rasid("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("rasid ")


def test_extract_contract_and_per_line_errors(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "date": "2019-03-03"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a3"}),
        json.dumps({"id": "a4", "text": "نص", "date": "2019-02-30"}),
        json.dumps({"id": "a5", "text": "لا شيء هنا"}, ensure_ascii=False),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = rasid("extract", str(src), "-o", str(out), "-j", "1")
    assert proc.returncode == 2
    errors = proc.stderr.strip().splitlines()
    assert errors[0].startswith(f"{src}:2: malformed JSON")
    assert errors[1] == f"{src}:3: missing `text` (a string)"
    assert errors[2].startswith(f"{src}:4: bad `date`")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a1", "a5"]
    first = records[0]
    stored = ARTICLE.replace("\r\n", "\n")
    for ent in first["entities"]:
        assert stored[ent["start"] : ent["end"]] == ent["text"]
    nums = {e["text"]: e["value"] for e in first["entities"] if e["type"] == "NUM"}
    assert nums["13"] == 13 and nums["أربعة"] == 4 and nums["500"] == 500
    dates = [e for e in first["entities"] if e["type"] == "DATE"]
    assert any(e["value"] == "2019-03-02" and "السبت" in e["text"] for e in dates)


def test_stdin_to_stdout_and_parallel_order(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": f"d{i}", "text": f"قتل {i + 2} مدنيين"}, ensure_ascii=False) for i in range(12)
    ]
    proc = rasid("extract", "-", "-j", "2", stdin="\n".join(lines))
    assert proc.returncode == 0, proc.stderr
    ids = [json.loads(line)["id"] for line in proc.stdout.splitlines()]
    assert ids == [f"d{i}" for i in range(12)]


def test_non_utf8_input_gets_one_sentence(tmp_path: Path) -> None:
    src = tmp_path / "cp1256.jsonl"
    src.write_bytes(json.dumps({"id": "x", "text": "قتل"}, ensure_ascii=False).encode("cp1256"))
    proc = rasid("extract", str(src), "-o", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 1
    assert "is not UTF-8 text" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    proc = rasid("extract", str(tmp_path / "nope.jsonl"))
    assert proc.returncode == 1
    assert "no such file" in proc.stderr


def test_export_read_only_beside_a_writer_writes_nothing_to_the_project(tmp_path: Path) -> None:
    """`--read-only` takes no lock and writes nothing; without it, a held project falls back to
    read-only with one sentence saying so."""
    from desktop.store.project import Project

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a1", "text": ARTICLE, "date": "2019-03-03"}, ensure_ascii=False) + "\n")
    project = tmp_path / "p.rasid"
    assert rasid("project", "new", str(project)).returncode == 0
    assert rasid("import", str(project), str(src), "-j", "1").returncode == 0
    before = project.read_bytes()
    with Project.open(project):  # another window holds it for writing
        quiet = rasid("export", str(project), "-f", "json", "-o", str(tmp_path / "a.json"), "--read-only")
        quiet_csv = rasid("export", str(project), "-f", "acled-csv", "-o", str(tmp_path / "b.csv"), "-r")
        fallback = rasid("export", str(project), "-f", "acled-csv", "-o", str(tmp_path / "a.csv"))
    assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr
    assert quiet_csv.returncode == 0 and quiet_csv.stderr == "", quiet_csv.stderr
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["articles"][0]["external_id"] == "a1"
    assert fallback.returncode == 0
    assert fallback.stderr.strip() == (
        "rasid: the project is open elsewhere; exporting read-only (new event ids are provisional)."
    )
    assert project.read_bytes() == before
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_extract_reads_utf16_and_utf32_jsonl_like_utf8(tmp_path: Path) -> None:
    """UTF-16 without a byte-order mark once read as "malformed JSON" on every line."""
    records = [{"id": f"w{i}", "text": ARTICLE, "date": "2019-03-03"} for i in (1, 2)]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    text = "\n".join(lines) + "\n"
    (tmp_path / "utf8.jsonl").write_bytes(text.encode("utf-8"))
    expected = rasid("extract", str(tmp_path / "utf8.jsonl"), "-j", "1")
    assert expected.returncode == 0 and len(expected.stdout.splitlines()) == 2
    for encoding in ("utf-16-le", "utf-16-be", "utf-16", "utf-32"):
        src = tmp_path / f"{encoding}.jsonl"
        src.write_bytes(text.encode(encoding))
        proc = rasid("extract", str(src), "-j", "1")
        assert (proc.returncode, proc.stderr) == (0, ""), (encoding, proc.stderr)
        assert proc.stdout == expected.stdout, encoding
    odd = tmp_path / "broken.jsonl"
    odd.write_bytes(text.encode("utf-16-le")[:-3] + b"\x00\xd8")  # ends inside a character
    proc = rasid("extract", str(odd), "-j", "1")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("rasid: "), proc.stderr
