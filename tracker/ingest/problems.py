"""The one error an import raises for bad input."""

from tracker.core.errors import TrackerError


class ImportProblem(TrackerError, ValueError):
    """Input that cannot be imported; the message names the file, the line or row and what to do."""
