"""The one door to Qt: every GUI module imports Qt names from here, never from PySide6 directly.

Keeping the binding in one place (as Anki's `aqt.qt` and qutebrowser's `qutebrowser.qt` do) means a
binding upgrade or switch touches one file, and a test can check that the core never loads Qt.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401
from PySide6.QtCore import *  # noqa: F403
from PySide6.QtGui import *  # noqa: F403
from PySide6.QtWidgets import *  # noqa: F403

QT_VERSION_STR = QtCore.qVersion()
