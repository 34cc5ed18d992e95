"""Write benchmark: submissions and reviews through the workflow journal, one writer and twenty at once, at 10k, 100k
and 1M updates; writes while a file import runs; and what a journal of writes does to page times.

Run from the repository root:  .venv/bin/python -m benchmarks.writes [--sizes 1000,10000,100000]
Writes benchmarks/writes-results.md. Each writer is its own process, as each app replica or command is.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.demo.builder import build_demo  # noqa: E402
from tracker.store.database import journal_path, open_reader  # noqa: E402

AS_OF = date(2026, 11, 28)
ROUNDS = 3  # each of the 20 concurrent writers writes this many submissions
WRITER = """
import json, sys, time
from datetime import date
from tracker.people.access import Person
from tracker.workflow.actions import submit
db, lead, key, n = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], int(sys.argv[4])
person = Person(lead["id"], lead["email"], lead["name"], lead["force"], ("lead",))
print("ready", flush=True)
sys.stdin.readline()  # all writers start together
for i in range(n):
    started = time.perf_counter()
    submit(db, person, key, f"Benchmark progress {i}.", today=date(2026, 11, 28))
    print(time.perf_counter() - started, flush=True)
"""


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of a list of seconds."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def leads(db: Path, how_many: int) -> list[tuple[dict, str]]:
    """(lead, one of their open items) for distinct demo leads."""
    con = open_reader(db)
    try:
        rows = con.cursor().execute("""
            SELECT p.person_id, p.email, p.name, p.force, min(s.key) AS key
            FROM rec_state($d, 180) s JOIN current_people p ON p.person_id = s.owner_id
            WHERE s.is_open AND list_contains(p.roles, 'lead')
            GROUP BY ALL ORDER BY p.person_id LIMIT $n""", {"d": AS_OF, "n": how_many}).fetchall()
    finally:
        con.close()
    return [({"id": pid, "email": email, "name": name, "force": force}, key) for pid, email, name, force, key in rows]


def writers(db: Path, pairs: list[tuple[dict, str]], rounds: int) -> list[float]:
    """Start one process a lead, release them together, and collect every write's seconds."""
    import json

    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), json.dumps(lead), key, str(rounds)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for lead, key in pairs]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    times = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        times += [float(x) for x in out.split()]
    return times


def page_times(db: Path, runs: int = 5) -> dict[str, float]:
    """The Overview and My items pages, cache-cold (connection open, query cache empty), median seconds."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["TRACKER_DB"] = str(db)
    out = {}
    for page in ("overview", "recommendation"):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        at.query_params["as_of"] = AS_OF.isoformat()
        if page == "recommendation":
            at.query_params["id"] = leads(db, 1)[0][1]
        at.run()
        if page != "overview":
            at.switch_page(f"pages/{page}.py")
        at.run()
        samples = []
        for _ in range(runs):
            st.cache_data.clear()
            started = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - started)
        out[page] = statistics.median(samples)
    return out


def open_time(db: Path, runs: int = 5) -> float:
    """Opening a reader (attaching both files and folding the journal in): median seconds."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        open_reader(db).close()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="1000,10000,100000", help="recommendations (about 10 updates each)")
    ap.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "writes-results.md")
    args = ap.parse_args()
    rows, pages = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            db = Path(tmp) / f"demo-{n}.duckdb"
            build_demo(db, n=n, seed=7, as_of=AS_OF)
            con = open_reader(db)
            updates = con.cursor().execute("SELECT count(*) FROM updates").fetchall()[0][0]
            con.close()
            before_pages, before_open = page_times(db), open_time(db)
            one = writers(db, leads(db, 1), 20)
            twenty = writers(db, leads(db, 20), ROUNDS)
            # Writes while a file import runs: the import locks the analytic file, writes lock only the journal.
            export = Path(tmp) / f"csv-{n}"
            subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "export", "--format", "csv", "-o",
                            str(export)], cwd=ROOT, check=True, capture_output=True)
            (export / "recommendations.csv").unlink()
            import pandas as pd

            newer = pd.read_csv(export / "updates.csv", dtype=str, keep_default_na=False).head(20_000)
            newer["text"] = newer["text"] + " (restated)"  # 20,000 new updates for the import to append
            newer.to_csv(export / "updates.csv", index=False)
            log = Path(tmp) / f"import-{n}.log"
            importer = subprocess.Popen([sys.executable, "-m", "tracker", "--db", str(db), "ingest", str(export)],
                                        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("w"))
            during = writers(db, leads(db, 20), ROUNDS)
            assert importer.wait(timeout=600) == 0, log.read_text()
            con = open_reader(db)
            held = con.cursor().execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchall()[0]
            con.close()
            expected = 20 + 20 * ROUNDS * 2
            assert held == (expected, expected), f"{held} events held, {expected} written"
            after_pages, after_open = page_times(db), open_time(db)
            rows.append((n, updates, one, twenty, during, held[0]))
            pages.append((n, updates, before_pages, after_pages, before_open, after_open, held[0]))
            print(f"{updates:,} updates: 1 writer p95 {pct(one, 95) * 1000:.0f} ms, 20 writers p95 "
                  f"{pct(twenty, 95) * 1000:.0f} ms, during an import p95 {pct(during, 95) * 1000:.0f} ms")
            journal_path(db).unlink(missing_ok=True)
    write_results(args.output, rows, pages)
    return 0


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def write_results(path: Path, rows, pages) -> None:
    """benchmarks/writes-results.md."""
    import psutil

    lines = [f"# Write benchmark ({date.today().isoformat()})", "",
             (f"Machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GiB memory, "
             f"Python {platform.python_version()}. Each writer is a process of its own; a write is timed from the call "
             "to its return, when it is durable (fsynced, renamed, folder fsynced) and visible to every reader."), "",
             "## Commit latency", "",
             ("| updates | 1 writer p50 | 1 writer p95 | 20 at once p50 | 20 at once p95 | 20 at once, an import running, p95 "
             "| events held | target p95 < 1 s |"),
             "|---:|---:|---:|---:|---:|---:|---:|---|"]
    for _n, updates, one, twenty, during, held in rows:
        worst = max(pct(twenty, 95), pct(during, 95))
        lines.append(f"| {updates:,} | {ms(statistics.median(one))} | {ms(pct(one, 95))} | {ms(statistics.median(twenty))} "
                     f"| {ms(pct(twenty, 95))} | {ms(pct(during, 95))} | {held:,} (none lost or doubled) | "
                     f"{'met' if worst < 1 else '**MISSED**'} |")
    lines += ["", "## What the writes do to reading", "",
              ("Pages cache-cold (connection open, query cache empty), and opening a reader (attaching the file and the "
              "journal and folding the journal in), before any write and after the benchmark's writes."), "",
              "| updates | events | overview before → after | recommendation before → after | open a reader before → after |",
              "|---:|---:|---|---|---|"]
    for _n, updates, before, after, open_before, open_after, held in pages:
        lines.append(f"| {updates:,} | {held:,} | {ms(before['overview'])} → {ms(after['overview'])} | "
                     f"{ms(before['recommendation'])} → {ms(after['recommendation'])} | "
                     f"{ms(open_before)} → {ms(open_after)} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
