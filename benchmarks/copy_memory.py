"""How much memory a replica's copy takes, held in memory or in a DuckDB file on local disk (TRACKER_COPY_DIR), and
what the second costs the queries: each in a fresh process, its peak resident memory while it loads the copy and then
runs every page's main queries, and those queries' median times.

Run from the repository root:  .venv/bin/python -m benchmarks.copy_memory [--sizes 10000,100000]
Writes benchmarks/copy-memory-results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AS_OF = date(2026, 11, 28)
QUERIES = ("headline", "status_funnel", "overdue_items", "force_table", "owner_workload", "changes_since")
MEASURE = """
import json, os, statistics, sys, time
from datetime import date
import psutil
from benchmarks.memory import peak_rss
from tracker.core.filters import Filters
from tracker.store import queries
from tracker.store.database import replica
db, names = sys.argv[1], sys.argv[2].split(",")
me = psutil.Process()
with peak_rss(me) as peak:
    started = time.perf_counter()
    copy = replica(db)
    copy.execute("SELECT 1").fetchall()  # its derived tables built
    loaded = time.perf_counter() - started
    after_load = me.memory_info().rss
    params = {**Filters(as_of=date(2026, 11, 28)).params(), "since": date(2026, 8, 28), "limit": 1000, "offset": 0,
              "sort": "days_overdue", "by": "owner", "key": None}
    times = {}
    for name in names:
        samples = []
        for _ in range(5):
            t = time.perf_counter()
            queries.run(copy, name, **params)
            samples.append(time.perf_counter() - t)
        times[name] = statistics.median(samples)
print(json.dumps({"load": loaded, "after_load": after_load, "peak": peak.bytes, "times": times}))
"""


def measure(db: Path, on_disk: Path | None) -> dict:
    """One fresh process's figures for the copy of `db`, in memory or (on_disk) in a file in that folder."""
    env = {**os.environ}
    env.pop("TRACKER_COPY_DIR", None)
    if on_disk is not None:
        env["TRACKER_COPY_DIR"] = str(on_disk)
    out = subprocess.run([sys.executable, "-c", MEASURE, str(db), ",".join(QUERIES)], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    from tracker.demo.builder import build_demo

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "copy-memory-results.md")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            db = Path(tmp) / f"demo-{n}"
            build_demo(db, n=n, seed=7, as_of=AS_OF)
            memory = measure(db, None)
            disk = measure(db, Path(tmp) / "copies")
            rows.append((n, memory, disk))
            print(n, json.dumps(memory), json.dumps(disk), flush=True)
    mb = 2 ** 20
    lines = [f"# A replica's copy: in memory or on local disk ({date.today().isoformat()})", "",
             ("Each figure is a fresh process's: it loads its copy whole from PostgreSQL (derived tables built), then "
              f"runs {', '.join(QUERIES)} five times each (median). Resident memory includes Python, pandas and "
              "DuckDB themselves. On disk: TRACKER_COPY_DIR, DuckDB's file with its 1 GB memory limit."), "",
             "| recommendations | copy | load | resident after load | peak | " + " | ".join(QUERIES) + " |",
             "|---:|---|---:|---:|---:|" + "---:|" * len(QUERIES)]
    for n, memory, disk in rows:
        for label, m in (("in memory", memory), ("on disk", disk)):
            lines.append(f"| {n:,} | {label} | {m['load']:.1f} s | {m['after_load'] / mb:,.0f} MB "
                         f"| {m['peak'] / mb:,.0f} MB | " + " | ".join(f"{m['times'][q] * 1000:,.0f} ms" for q in QUERIES) + " |")
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
