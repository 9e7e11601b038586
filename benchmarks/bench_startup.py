"""Cold start of the `rasid` GUI to a visible window, and of `rasid --version`, from the bundle or source.

usage: .venv/bin/python benchmarks/bench_startup.py [--exe dist/rasid/rasid] [--runs 5] [--project P]
       .venv/bin/python benchmarks/bench_startup.py --exe ".venv/bin/python -m desktop"

Each run starts a fresh process with `--startup-probe`, which prints the wall-clock time at which the
main window is exposed; the start-up time is that minus the time just before the process started.
Qt runs offscreen when there is no display. Prints numbers; never gates CI.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def probe(cmd: list[str], env: dict[str, str]) -> float:
    started = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=True).stdout
    shown = next(line for line in out.splitlines() if line.startswith("shown_at="))
    return float(shown.split("=", 1)[1]) - started


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True, timeout=120, check=True)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--exe", default=str(ROOT / "dist" / "rasid" / "rasid"), help="command to start rasid")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--project", default=str(ROOT / "resources" / "sample" / "sample.rasid"))
    args = ap.parse_args()
    exe = shlex.split(args.exe)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "RASID_HOME": str(Path(tmp) / "home")}
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        project = Path(tmp) / "sample.rasid"
        shutil.copy(args.project, project)  # the probe opens it; keep the original untouched
        for label, cmd, run in (
            ("--version", [*exe, "--version"], timed),
            ("window (empty)", [*exe, "--startup-probe"], probe),
            ("window (sample project)", [*exe, "--startup-probe", str(project)], probe),
        ):
            times = [run(cmd, env) for _ in range(args.runs)]
            print(f"{label:26} first {times[0]:.2f} s  median {statistics.median(times):.2f} s  "
                  f"min {min(times):.2f} s  ({args.runs} runs, {' '.join(exe)})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
