"""The controller between widgets and the project: runs edits as undoable commands, reports changes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from desktop.errors import RasidError
from desktop.gui.commands import EditCommand
from desktop.gui.operations import ProjectOps
from desktop.gui.qt import QObject, QUndoStack, Signal

log = logging.getLogger(__name__)


class Controller(QObject):
    """Owns the open project's operations and its undo stack; widgets listen to its signals."""

    articleChanged = Signal(int)  # entities, incidents, tags or note of one article changed
    projectChanged = Signal()  # an edit may have touched many articles
    failed = Signal(str)  # one clear sentence for the user

    def __init__(self, ops: ProjectOps, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.undo_stack = QUndoStack(self)

    def execute(self, command: EditCommand) -> bool:
        """Apply `command` now and push it on the undo stack; False (and a message) if refused."""
        if not self.guarded(command.apply):
            return False
        self.undo_stack.push(command)
        self.notify(command.article_id, command.broad)
        return True

    def guarded(self, func: Callable[[], Any]) -> bool:
        """Run `func`; an expected error becomes the `failed` signal instead of an exception."""
        try:
            func()
        except RasidError as exc:
            log.info("edit refused: %s", exc)
            self.failed.emit(str(exc))
            return False
        return True

    def notify(self, article_id: int | None, broad: bool = False) -> None:
        if broad or article_id is None:
            self.projectChanged.emit()
        if article_id is not None:
            self.articleChanged.emit(article_id)
