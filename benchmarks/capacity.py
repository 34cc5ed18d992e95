"""Capacity: concurrent browser sessions against `python -m tracker serve` with 1 and with 2 replicas behind HAProxy,
on the 100,000-recommendation demo. For each number of sessions: page-ready p50/p95, errors, and the CPU the replicas
and HAProxy used against what the browsers (on the same cores) used, so a replica's cost per action can be read apart
from the browsers'.

Run from the repository root:  .venv/bin/python -m benchmarks.capacity [--sessions 2,4,8] [--seconds 60]
Writes benchmarks/capacity-results.md. The sessions are benchmarks/load.py's: open a shared link, switch page, pick a
force; timed until the app is connected, its script finished and the heading drawn.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load import AS_OF, drive  # noqa: E402
from tests.app_server import free_port  # noqa: E402
from tracker.demo.builder import build_demo  # noqa: E402

TARGET_P95 = 5.0  # seconds: the page-ready time a board can wait for a figure in a meeting


def cpu_seconds(procs: list[psutil.Process]) -> float:
    """User and system CPU the processes have used so far."""
    total = 0.0
    for p in procs:
        try:
            total += sum(p.cpu_times()[:2])
        except psutil.NoSuchProcess:
            pass
    return total


def serving(db: Path, replicas: int):
    """Start `serve` and return (process, url) once it says it serves."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "--db", str(db), "serve", "--replicas", str(replicas),
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    deadline = time.monotonic() + 180
    for line in proc.stdout:
        if line.startswith("Serving "):
            break
        if time.monotonic() > deadline:
            raise RuntimeError("serve did not start")
    return proc, f"http://127.0.0.1:{port}"


def measure(db: Path, replicas: int, sessions: int, seconds: float, think: float = 0) -> dict:
    """One run: the sessions against `serve --replicas N`, with the server's and everything's CPU."""
    proc, url = serving(db, replicas)
    try:
        server = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
        server_before = cpu_seconds(server)
        total_before = sum(psutil.cpu_times()[:3])
        timings: list[float] = []
        errors: list[str] = []
        started = time.monotonic()
        asyncio.run(drive(url, sessions, seconds, timings, errors, think))
        elapsed = time.monotonic() - started
        server_cpu = cpu_seconds(server) - server_before
        busy = sum(psutil.cpu_times()[:3]) - total_before  # user + nice + system over every core
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    q = statistics.quantiles(timings, n=20) if len(timings) >= 20 else [max(timings or [0])] * 19
    return {"replicas": replicas, "sessions": sessions, "think": think, "actions": len(timings), "elapsed": elapsed,
            "p50": statistics.median(timings) if timings else float("nan"), "p95": q[18], "errors": len(errors),
            "server_cpu": server_cpu, "busy": busy, "first_error": errors[0] if errors else ""}


def main(argv: list[str] | None = None) -> int:
    """Run every configuration and write benchmarks/capacity-results.md."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", default="2,4,8")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--think", type=float, default=0, help="seconds a person reads between actions, on average")
    ap.add_argument("--recommendations", type=int, default=100_000)
    ap.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "capacity-results.md")
    args = ap.parse_args(argv)
    db = Path(tempfile.mkdtemp(prefix="tracker-capacity-")) / "demo.duckdb"
    counts = build_demo(db, n=args.recommendations, seed=7, as_of=AS_OF)
    print(f"demo: {counts['recommendations']:,} recommendations, {counts['updates']:,} updates", flush=True)
    rows = []
    for replicas in (1, 2):
        for sessions in (int(s) for s in args.sessions.split(",")):
            r = measure(db, replicas, sessions, args.seconds, args.think)
            rows.append(r)
            print(r, flush=True)
    cores = os.cpu_count()
    lines = [
        f"# Capacity ({date.today().isoformat()})", "",
        (f"`python -m tracker serve --replicas N` on the {counts['recommendations']:,}-recommendation demo "
         f"({counts['updates']:,} updates), {cores} cores, with the browsers (one headless Chromium, one tab a "
         f"session) on the same cores. Each run: the sessions for {args.seconds:.0f} s, "
         + (f"each reading {args.think:.0f} s on average (half to one and a half times) between actions"
            if args.think else "acting back to back")
         + " (open a shared link 15%, switch page 45%, pick a force 40%), each action timed until the page is ready. "
         "Server CPU is the replicas' and HAProxy's; the browsers used the rest of the busy core-seconds."), "",
        ("| replicas | sessions | actions | page-ready p50 | p95 | errors | server CPU per action | server share of busy "
        "CPU |"), "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['replicas']} | {r['sessions']} | {r['actions']} | {r['p50']:.2f} s | {r['p95']:.2f} s | "
                     f"{r['errors']} | {r['server_cpu'] / max(r['actions'], 1) * 1000:,.0f} ms | "
                     f"{r['server_cpu'] / max(r['busy'], 1e-9):.0%} |")
    per_action = statistics.median(r["server_cpu"] / max(r["actions"], 1) for r in rows)
    within = {n: max((r["sessions"] for r in rows if r["replicas"] == n and r["p95"] <= TARGET_P95), default=0)
              for n in (1, 2)}
    lines += ["", (f"Most sessions with p95 page-ready within {TARGET_P95:.0f} s here: 1 replica {within[1]}, "
              f"2 replicas {within[2]}. Median server CPU per action: {per_action * 1000:,.0f} ms, so one core "
              f"serves about {1 / per_action:.1f} actions a second when no browser shares it.")]
    errors = [r["first_error"] for r in rows if r["first_error"]]
    if errors:
        lines += ["", "First error of each run that had one:", "", *["- " + " ".join(e.split())[:200] for e in errors]]
    text = "\n".join(lines) + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
