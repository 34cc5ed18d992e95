"""The peak resident memory of a process while something runs, sampled every 50 ms."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psutil


class Peak:
    """The highest RSS seen so far, in bytes."""

    def __init__(self, start: int) -> None:
        self.bytes = start


@contextmanager
def peak_rss(process: psutil.Process) -> Iterator[Peak]:
    """Sample the process's RSS on a thread for as long as the block runs."""
    peak = Peak(process.memory_info().rss)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak.bytes = max(peak.bytes, process.memory_info().rss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        done.set()
        sampler.join()
