"""Entry point for `python -m desktop` and for the PyInstaller bundle's `rasid` executable."""

from __future__ import annotations

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    # In the PyInstaller bundle, worker processes (`extract -j N`, import) and multiprocessing's
    # resource tracker start this executable again: freeze_support runs them instead of the CLI.
    multiprocessing.freeze_support()
    sys.exit(main())
