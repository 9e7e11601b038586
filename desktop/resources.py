"""Find bundled resources both in the source tree and inside the PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.errors import ResourceError


def resource_root() -> Path:
    """The folder holding `resources/`: the bundle's root when frozen, else the repository root."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource file; raises ResourceError when it is missing."""
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise ResourceError(f"The bundled resource {'/'.join(parts)} is missing; reinstall Rasid.")
    return path
