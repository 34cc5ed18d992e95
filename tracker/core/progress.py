"""Progress of long work at the command line: one line on standard error, rewritten in place, and only when standard
error is a terminal (a pipe, a log file or a test's capture gets nothing)."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Long work's progress as '<label>: n/total' or '<label>: <step>' on a stream, written only to a terminal."""

    def __init__(self, label: str, total: int | None = None, stream: TextIO | None = None):
        self.label, self.total, self.stream = label, total, stream
        isatty = getattr(stream, "isatty", None)
        self.on = bool(isatty and isatty())
        self.width = 0

    def __call__(self, done: int, total: int | None = None) -> None:
        """Say that `done` of the total are done (the total given here, or the one the progress started with)."""
        total = self.total if total is None else total
        self.show(f"{done:,}/{total:,}" if total is not None else f"{done:,}")

    def step(self, name: str) -> None:
        """Say which step the work is on."""
        self.show(name)

    def show(self, text: str) -> None:
        """Rewrite the line with this text after the label."""
        if not self.on:
            return
        line = f"{self.label}: {text}"
        # Spaces over what a longer line before left, rather than a terminal control code a dumb terminal shows.
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self.on and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def progress(label: str, total: int | None = None, stream: TextIO | None = None) -> Progress:
    """A Progress on standard error (or `stream`), shown only when it is a terminal; the line goes when it ends."""
    return Progress(label, total, sys.stderr if stream is None else stream)


SILENT = Progress("")  # what long work reports to when nobody called it from a terminal (the app, a benchmark)
