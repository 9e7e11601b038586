"""An OS-level exclusive lock on a sidecar file, held while a project is open for writing."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from desktop.errors import ProjectLockedError, ProjectReadOnlyError


class ProjectLock:
    """`P.rasid.lock` locked with flock (POSIX) or msvcrt (Windows); released by close or by process death."""

    def __init__(self, project_path: Path) -> None:
        # The lock belongs to the file, not to the name: a symlink or a second path to the same
        # project must find the same lock, or two writers could open one project.
        real = Path(os.path.realpath(project_path))
        self.path = real.with_name(real.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            if not isinstance(exc, PermissionError) and exc.errno != errno.EROFS:
                raise ProjectReadOnlyError(
                    f"Cannot create the lock file {self.path} ({exc.strerror})."
                ) from exc
            raise ProjectReadOnlyError(
                f"The folder of {self.path.with_suffix('')} is read-only; open the project read-only instead."
            ) from exc
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise ProjectLockedError(
                f"{self.path.name[:-5]} is already open in another Rasid window or process; close it there "
                "or open it read-only."
            ) from exc
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, 0)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
