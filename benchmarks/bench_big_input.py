"""Time and peak memory of one big article through `rasid import` (and optionally `rasid extract`).

    .venv/bin/python benchmarks/bench_big_input.py [--sizes 1 2 5 10] [--extract]

Each size (MB of UTF-8 Arabic text, repeated paragraphs of the sample articles) is written as one
.txt file and imported into a fresh project by the real CLI in a subprocess, with `-j 1`; the
numbers are that subprocess's wall time and peak resident memory (wait4 rusage). An article over
`desktop.ingest.parts.MAX_ARTICLE_CHARS` is refused in one sentence; up to that it is imported in
parts of `PART_CHARS`. Prints numbers only: benchmarks never gate CI.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MB = 1_000_000


def _text(size: int) -> str:
    lines = (REPO / "resources" / "sample" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    base = "\n\n".join(json.loads(line)["text"] for line in lines if line.strip())
    reps = size // len(base.encode("utf-8")) + 1
    text = "\n\n".join([base] * reps)
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def _run(args: list[str]) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MB, last stderr line) of one `rasid` subprocess."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - started
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    last = (err.strip().splitlines() or out.strip().splitlines() or [""])[-1]
    return proc.returncode, seconds, usage.ru_maxrss / 1024, last  # ru_maxrss: KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 5, 10])
    parser.add_argument("--extract", action="store_true", help="also time `rasid extract` on one JSONL line")
    args = parser.parse_args()
    print(f"{'command':8} {'MB':>5} {'rc':>3} {'seconds':>8} {'peak MB':>8}  result")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RASID_HOME"] = str(Path(tmp) / "home")
        for size_mb in args.sizes:
            text = _text(int(size_mb * MB))
            src = Path(tmp) / f"big-{size_mb:g}.txt"
            src.write_text(text, encoding="utf-8")
            project = Path(tmp) / f"p-{size_mb:g}.rasid"
            _run(["project", "new", str(project)])
            rc, secs, peak, last = _run(["import", str(project), str(src), "-j", "1"])
            print(f"{'import':8} {size_mb:>5g} {rc:>3} {secs:>8.1f} {peak:>8.0f}  {last[:100]}", flush=True)
            if args.extract:
                jl = Path(tmp) / f"big-{size_mb:g}.jsonl"
                jl.write_text(
                    json.dumps({"id": "big", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8"
                )
                rc, secs, peak, last = _run(["extract", str(jl), "-o", os.devnull, "-j", "1"])
                print(
                    f"{'extract':8} {size_mb:>5g} {rc:>3} {secs:>8.1f} {peak:>8.0f}  {last[:100]}", flush=True
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
