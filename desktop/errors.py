"""The one error root: expected problems become a clear message, anything else is a bug."""

from __future__ import annotations


class RasidError(Exception):
    """An expected problem the user can act on; `str(error)` is one clear sentence."""


class InputError(RasidError):
    """An input file or record that cannot be read as given (encoding, format, fields)."""


class ResourceError(RasidError):
    """A bundled resource (model, gazetteer, lexicon) is missing or damaged."""


class ProjectError(RasidError):
    """A project file cannot be opened or changed (locked, corrupt, foreign, newer schema)."""


class ProjectLockedError(ProjectError):
    """The project is open for writing in another window or process."""


class ProjectFormatError(ProjectError):
    """The file is not a Rasid project, is damaged, or comes from a newer version of Rasid."""


class ProjectReadOnlyError(ProjectError):
    """The project (or its folder) cannot be written; the action was rolled back."""


class ProjectFullError(ProjectError):
    """The disk (or the project's size limit) is full; the action was rolled back."""


class QueryError(RasidError):
    """A search query that cannot be understood (unbalanced quotes, dangling operator, ...)."""


class NotFoundError(RasidError):
    """An article, entity, incident or dictionary entry that does not exist (any more)."""
