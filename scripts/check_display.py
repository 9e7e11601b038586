"""Start Rasid on a real X server (Xvfb, Qt's xcb platform) and check that its main window maps.

`make gui-check` and `.ci/run` use it: `make run` must open a window on a fresh machine with a
display, which the offscreen tests cannot show (a missing libxcb-cursor0 aborts Qt only on xcb).
Xvfb listens on no TCP port (`-nolisten tcp`); the app is stopped by its process id afterwards.

    python scripts/check_display.py [--screenshot OUT.png] [--lang ar|en] [--timeout 60]

Exit 0 when a visible window titled "…Rasid" or "…راصد" mapped, 1 otherwise (with the reason).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NEEDED = ("Xvfb", "xdotool")


def start_xvfb(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb server on a free display number (it writes the number it took to a pipe)."""
    read_fd, write_fd = os.pipe()
    with log.open("wb") as out:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        raise SystemExit(f"check_display: Xvfb did not start (see {log})")
    return server, f":{number}"


def visible_windows(display: str, env: dict[str, str]) -> list[str]:
    """Ids of the mapped windows whose title names Rasid."""
    found: list[str] = []
    for name in ("Rasid", "راصد"):
        result = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name],
            env={**env, "DISPLAY": display},
            capture_output=True,
            text=True,
            check=False,
        )
        found += result.stdout.split()
    return found


def check(screenshot: Path | None, lang: str, timeout: float) -> int:
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        print(
            f"check_display: {', '.join(missing)} not installed (make setup installs them)", file=sys.stderr
        )
        return 1
    with tempfile.TemporaryDirectory(prefix="rasid-xcb-") as tmp:
        work = Path(tmp)
        server, display = start_xvfb(work / "xvfb.log")
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", RASID_HOME=str(work / "home"))
        app_log = work / "app.log"
        with app_log.open("wb") as out:
            app = subprocess.Popen(
                [sys.executable, "-m", "desktop", "gui", "--sample", "--lang", lang],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + timeout
            windows: list[str] = []
            while time.monotonic() < deadline and app.poll() is None:
                windows = visible_windows(display, env)
                if windows:
                    break
                time.sleep(0.5)
            output = app_log.read_text(encoding="utf-8", errors="replace")
            if not windows:
                why = (
                    f"exited with {app.returncode}"
                    if app.poll() is not None
                    else f"no window in {timeout:.0f} s"
                )
                print(f"check_display: Rasid on xcb {why}\n{output}", file=sys.stderr)
                return 1
            time.sleep(2.0)  # let the article and the lists paint
            if screenshot is not None and shutil.which("import"):
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run(
                    ["import", "-window", "root", str(screenshot)],
                    env={**env, "DISPLAY": display},
                    check=True,
                )
            print(f"ok   Rasid mapped a window on {display} (xcb): {', '.join(windows)}")
            if screenshot is not None:
                print(f"ok   screenshot: {screenshot}")
            return 0
        finally:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
            server.terminate()
            server.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the X screen")
    parser.add_argument("--lang", choices=("ar", "en"), default="en")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    return check(args.screenshot, args.lang, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
