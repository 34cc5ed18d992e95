"""The benchmarks: each script measures one part of the tracker and writes its results beside it."""

from pathlib import Path

BENCH_SQL = Path(__file__).with_name("sql")  # the benchmarks' own statements
