"""Write benchmark: submissions through the system of record, one writer and twenty at once, at 10k, 100k and 1M
updates, with no events held and with 100,000 held; writes while a file import runs; how soon another replica's copy
shows a write; a copy's cold start; and what the writes do to page times.

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

from benchmarks import BENCH_SQL  # noqa: E402
from tracker.demo.builder import build_demo  # noqa: E402
from tracker.store.copy import Replica  # noqa: E402
from tracker.store.database import open_reader, writing  # noqa: E402
from tracker.store.queries import quoted_statement, sql_text  # noqa: E402
from tracker.store.server import locate  # noqa: E402

AS_OF = date(2026, 11, 28)
ROUNDS = 3  # each of the 20 concurrent writers writes this many submissions
BURSTS = 3  # twenty writers started together this many times (one burst's p95 is its few slowest writes)
WRITER = """
import json, sys, time
from datetime import date
from tracker.people.access import Person
from tracker.workflow.actions import submit
db, lead, key, n = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], int(sys.argv[4])
person = Person(lead["id"], lead["email"], lead["name"], lead["force"], ("lead",))
from tracker.store.database import open_reader
copy = open_reader(db)  # a replica's copy is warm before its first write, as a running replica's is
# So are its connection and its code: a running replica has written before (a fresh process's first write also pays
# for PostgreSQL's catalogue caches, its first DuckDB query and Python's first calls). Untimed.
submit(db, person, key, "Benchmark warm-up.", today=date(2026, 11, 28))
copy.sync(force=True)
print("ready", flush=True)
sys.stdin.readline()  # all writers start together
for i in range(n):
    started = time.perf_counter()
    submit(db, person, key, f"Benchmark progress {i}.", today=date(2026, 11, 28))
    print(time.perf_counter() - started, copy.last_write["held"], int(copy.last_write.get("checked_again", False)),
          flush=True)
"""


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of a list of seconds."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def leads(db: Path, how_many: int) -> list[tuple[dict, str]]:
    """(lead, one of their open items) for distinct demo leads."""
    con = open_reader(db)
    try:
        rows = con.cursor().execute(sql_text(BENCH_SQL / "leads_with_open_items.sql"),
                                    {"d": AS_OF, "n": how_many}).fetchall()
    finally:
        con.close()
    return [({"id": pid, "email": email, "name": name, "force": force}, key) for pid, email, name, force, key in rows]


HELD: list[float] = []  # each write's commit: sending its round trip to the reply (queueing for the counter included)
AGAIN: list[int] = []  # 1 for each write whose check was made again holding the counter (something conflicted)


def bursts(db: Path, pairs: list[tuple[dict, str]], rounds: int, times: int = BURSTS) -> list[float]:
    """Every write's seconds over several bursts of the same writers started together."""
    return [t for _ in range(times) for t in writers(db, pairs, rounds)]


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
        for line in out.splitlines():
            total, held, again = (float(x) for x in line.split())
            times.append(total)
            HELD.append(held)
            AGAIN.append(int(again))
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


def open_time(db: Path, runs: int = 3) -> float:
    """A replica's cold start: a new copy loaded whole from PostgreSQL with every derived table built; median seconds."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        Replica(locate(db)).shutdown()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def seen_elsewhere(db: Path, pairs: list[tuple[dict, str]], runs: int = 10) -> list[float]:
    """Seconds another replica's copy takes, on its next look, to show a write made by another process."""
    other = Replica(locate(db))
    samples = []
    for _ in range(runs):
        writers(db, pairs[:1], 1)
        started = time.perf_counter()
        assert other.sync(force=True)
        samples.append(time.perf_counter() - started)
    other.shutdown()
    return samples


def hold_events(db: Path, n: int) -> None:
    """Add n submissions in one write (as if a national year of them were already held)."""
    def add(con):
        con.execute(sql_text(BENCH_SQL / "hold_submissions.sql"), {"n": n})
    with writing(db) as con:
        add(con)
    # A database that has held them a while has had them vacuumed and analysed by autovacuum; straight after the bulk
    # insert, autovacuum would do it during the timed writes, on the same two cores.
    import psycopg

    with psycopg.connect(locate(db).owner_url, autocommit=True) as owner:
        owner.execute(sql_text(BENCH_SQL / "vacuum_events.sql"))


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
            updates = con.cursor().execute(quoted_statement(BENCH_SQL / "table_count.sql", table="updates")
                                           ).fetchall()[0][0]
            con.close()
            before_pages, before_open = page_times(db), open_time(db)
            one = writers(db, leads(db, 1), 20)
            HELD.clear()
            AGAIN.clear()
            twenty = bursts(db, leads(db, 20), ROUNDS)
            held_twenty = (list(HELD), sum(AGAIN))
            seen = seen_elsewhere(db, leads(db, 1))
            # Writes while a file import runs: both go through the write counter.
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
            held = con.cursor().execute(sql_text(BENCH_SQL / "events_held.sql")).fetchall()[0]
            con.close()
            # Each writer process also made one untimed write first (a warm replica): 1 + 20 (one writer), 20 a
            # process in each burst and the import's, and one a sample of `seen`, which made one timed write too.
            expected = (20 + 1) + (20 * ROUNDS + 20) * (BURSTS + 1) + 2 * len(seen)
            assert held == (expected, expected), f"{held} events held, {expected} written"
            hold_events(db, 100_000)
            many = bursts(db, leads(db, 20), ROUNDS)
            after_pages, after_open = page_times(db), open_time(db)
            rows.append((n, updates, one, twenty, during, many, seen, held[0], held_twenty))
            pages.append((n, updates, before_pages, after_pages, before_open, after_open, held[0] + 100_000 + 60))
            print(f"{updates:,} updates: 1 writer p95 {pct(one, 95) * 1000:.0f} ms, 20 writers p95 "
                  f"{pct(twenty, 95) * 1000:.0f} ms, with 100k events {pct(many, 95) * 1000:.0f} ms, during an import "
                  f"p95 {pct(during, 95) * 1000:.0f} ms, seen elsewhere p95 {pct(seen, 95) * 1000:.0f} ms", flush=True)
            version = pg_version(db)
    write_results(args.output, rows, pages, version)
    return 0


def pg_version(db: Path) -> str:
    """The PostgreSQL server's version, as it reports it on connecting."""
    import psycopg

    with psycopg.connect(locate(db).app_url) as con:
        return con.info.parameter_status("server_version")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def write_results(path: Path, rows, pages, version: str) -> None:
    """benchmarks/writes-results.md."""
    import psutil

    lines = [f"# Write benchmark ({date.today().isoformat()})", "",
             (f"Machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GiB memory, "
             f"Python {platform.python_version()}; PostgreSQL {version} (the embedded server, on the same cores). "
             "Each writer is a process of its own with its own copy, warm: it has loaded its copy and made one "
             "untimed write (its connection, PostgreSQL's caches and its code warm, as a running replica's are). A "
             "write is timed from the call to its return, when PostgreSQL has committed it (durable); the writer's "
             "copy pulls it on its next read, as every other replica's does. Twenty at once: three bursts of twenty "
             f"processes released together, each writing {ROUNDS} submissions ({BURSTS * 20 * ROUNDS} writes, one "
             "p95 over them all); during an import, one burst. The 100,000 held events are vacuumed and analysed "
             "first, as autovacuum does to a table that has held them a while."), "",
             "## Commit latency", "",
             ("| updates | 1 writer p50 | 1 writer p95 | 20 at once p50 | 20 at once p95 (target < 50 ms) "
              "| 20 at once, 100,000 events held, p95 (target ≤ 1.5×) | 20 at once, an import running, p95 "
              "| another replica shows a write, p95 (target < 100 ms) | events written |"),
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    holds = []
    for _n, updates, one, twenty, during, many, seen, held, held_twenty in rows:
        held_for, again = held_twenty
        holds.append(f"| {updates:,} | {ms(statistics.median(held_for))} | {ms(pct(held_for, 95))} "
                     f"| {again} of {len(held_for)} |")
        lines.append(f"| {updates:,} | {ms(statistics.median(one))} | {ms(pct(one, 95))} | {ms(statistics.median(twenty))} "
                     f"| {ms(pct(twenty, 95))} | {ms(pct(many, 95))} ({pct(many, 95) / pct(twenty, 95):.2f}×) "
                     f"| {ms(pct(during, 95))} | {ms(pct(seen, 95))} | {held:,} (none lost or doubled) |")
    lines += ["", ("How long each of the twenty concurrent writes took to commit, from sending its last round trip (its "
               "events and the commit) to PostgreSQL's reply: workflow writes hold the writes lock shared and do not "
               "queue for one another, so this is PostgreSQL's work and its flush to disk, on cores the other writers "
               "share. And how many writes were made again holding the counter throughout (the copy's facts were "
               "behind)."), "",
              "| updates | commit p50 | commit p95 | checked again |", "|---:|---:|---:|---:|", *holds]
    lines += ["", "## What the writes do to reading", "",
              ("Pages cache-cold (the copy loaded, query cache empty), and a replica's cold start (a copy loaded whole "
               "from PostgreSQL with every derived table built), before any write and after the benchmark's writes "
               "and the 100,000 held events."), "",
              "| updates | events | overview before → after | recommendation before → after | cold start before → after |",
              "|---:|---:|---|---|---|"]
    for _n, updates, before, after, open_before, open_after, held in pages:
        lines.append(f"| {updates:,} | {held:,} | {ms(before['overview'])} → {ms(after['overview'])} | "
                     f"{ms(before['recommendation'])} → {ms(after['recommendation'])} | "
                     f"{ms(open_before)} → {ms(open_after)} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
