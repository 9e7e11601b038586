"""The one door to Qt: every GUI module imports Qt names from here, never from PySide6 directly.

Keeping the binding in one place (as Anki's `aqt.qt` and qutebrowser's `qutebrowser.qt` do) means a
binding upgrade or switch touches one file, and a test can check that the core never loads Qt.

It also guards against a binding bug that kills the interpreter: PySide6 6.12.0 returns `None`
from every method that returns nothing without taking a reference to it. From Python 3.12 on
`None` is immortal and nothing happens; on 3.11 each call (`setText`, `setPosition`, ...) lowers
`None`'s reference count by one, and after some hundred thousand calls (one switch to a long
article with its highlights is thousands) Python aborts with "Fatal Python error: none_dealloc",
usually at exit, sometimes mid-session. `pyproject.toml` excludes that release; if it is installed
anyway (an old environment, a bundle built elsewhere), `guard_none_refcount` detects the leak once
at import and lifts `None`'s count out of reach, which is what Python 3.12 does by design.
"""

from __future__ import annotations

import logging
import sys

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401
from PySide6.QtCore import *  # noqa: F403

# The stubs of each module declare their own QIntList/QPointList aliases and qFuzzyCompare overloads;
# importing the three modules' names into one namespace makes mypy see the later ones as
# redefinitions. The names are the same objects at run time.
from PySide6.QtGui import *  # type: ignore[assignment]  # noqa: F403
from PySide6.QtWidgets import *  # type: ignore[assignment]  # noqa: F403

QT_VERSION_STR = QtCore.qVersion()

log = logging.getLogger(__name__)


def binding_leaks_none() -> bool:
    """True when calling a void Qt method lowers `None`'s reference count (the PySide6 6.12.0 bug)."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal: its count is never lowered to zero
    probe = QtCore.QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 4


def guard_none_refcount() -> bool:
    """Make `None` effectively immortal when the binding leaks references to it; True if it did."""
    if not binding_leaks_none():
        return False
    import ctypes

    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the first field of every object
    count.value += 1 << 48
    log.warning(
        "PySide6 %s loses a reference to None on every call (fixed in other releases); guarded",
        getattr(sys.modules.get("PySide6"), "__version__", "?"),
    )
    return True


guard_none_refcount()
