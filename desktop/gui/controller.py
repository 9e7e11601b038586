"""The controller between widgets and the project: runs edits as undoable commands, reports changes.

Every edit, undo and redo is one store transaction: all of it is written or none of it. An edit,
undo or redo that fails tells the user (`failed`) and leaves the undo stack where it was, so the
stack always matches the database: a failed undo can be tried again, a refused edit never enters
the stack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

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
        self.undo_stack.push(command)  # QUndoStack calls redo(): the command knows it is applied
        self.notify(command.article_id, command.broad)
        return True

    def undo(self) -> bool:
        """Revert the last applied command; on failure the stack stays as it is (and the user is told)."""
        return self._replay(self.undo_stack.index() - 1, undo=True)

    def redo(self) -> bool:
        """Apply the next undone command again; on failure the stack stays as it is."""
        return self._replay(self.undo_stack.index(), undo=False)

    def _replay(self, position: int, undo: bool) -> bool:
        command = self._command(position)
        if command is None or not self.guarded(command.revert if undo else command.apply):
            return False
        command.replayed = True  # the stack's own call to the command has nothing left to do
        if undo:
            self.undo_stack.undo()
        else:
            self.undo_stack.redo()
        self.notify(command.article_id, command.broad)
        return True

    def _command(self, position: int) -> EditCommand | None:
        if not 0 <= position < self.undo_stack.count():
            return None
        command = self.undo_stack.command(position)
        return command if isinstance(command, EditCommand) else None

    def retranslate(self) -> None:
        """Say every step of the undo stack again in the current interface language."""
        for position in range(self.undo_stack.count()):
            command = self._command(position)
            if command is not None:
                command.retranslate()

    def guarded(self, func: Callable[[], object]) -> bool:
        """Run `func` in one transaction; an expected error becomes the `failed` signal (and nothing of
        `func` is written) instead of an exception."""
        try:
            with self.ops.project.transaction():
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
