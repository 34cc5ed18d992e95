"""The one family of errors a person can meet: each says, in words meant for them, what went wrong and what to do."""


class TrackerError(Exception):
    """An error to show a person as a message, never as a traceback: the command line prints it, every page shows it.

    Its text may quote names, files or values from the data, so it is shown as plain text, never as Markdown.
    """
