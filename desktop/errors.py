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
