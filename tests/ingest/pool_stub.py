"""Picklable extractors for the worker-pool tests: one that dies on a marked article, one that is slow."""

from __future__ import annotations

import os
import signal
import time

from desktop.document import Document

KILL_MARK = "اقتل-العامل"


def dying_extract(doc: Document) -> Document:
    """Kills its own worker process (as the OOM killer would) on an article holding KILL_MARK."""
    if KILL_MARK in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


def slow_extract(doc: Document) -> Document:
    """A tenth of a second per article: long enough to kill a run in the middle."""
    time.sleep(0.1)
    return doc
