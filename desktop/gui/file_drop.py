"""Files dropped on the window are imported: the drop becomes one `dropped(paths)` request.

An event filter on the window (drops on any child that does not take them itself, such as the
read-only reader or the lists, reach the window), so the window needs no drag-and-drop methods of
its own. Only local files and folders are taken; a drop is refused while `accepting()` is false
(no project, a read-only one, a task running).
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.gui.qt import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QEvent,
    QMimeData,
    QObject,
    QWidget,
    Signal,
)


def local_paths(mime: QMimeData | None) -> list[str]:
    """The local files and folders a drag carries (none for text or remote URLs)."""
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class FileDrops(QObject):
    """Makes `target` take drops of local files, and says which were dropped."""

    dropped = Signal(list)  # the local paths, in the order dragged

    def __init__(self, target: QWidget, accepting: Callable[[], bool]) -> None:
        super().__init__(target)
        self._accepting = accepting
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, (QDragEnterEvent, QDragMoveEvent)):
            if local_paths(event.mimeData()) and self._accepting():
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if isinstance(event, QDropEvent):
            paths = local_paths(event.mimeData())
            if paths and self._accepting():
                event.acceptProposedAction()
                self.dropped.emit(paths)
            else:
                event.ignore()
            return True
        return super().eventFilter(watched, event)
