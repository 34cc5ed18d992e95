"""Failover: how long an open page takes to come back, on the other replica, after the replica holding it is killed
(SIGKILL) under `python -m tracker serve --replicas 2`; and how long the launcher takes to have the dead one healthy.

Run from the repository root:  .venv/bin/python -m benchmarks.failover [--rounds 5]
Writes benchmarks/failover-results.md.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.app_server import CHROMIUM, FLAGS, READY, free_port  # noqa: E402
from tracker.demo.builder import build_demo  # noqa: E402
from tracker.serve import COOKIE, healthy  # noqa: E402

AS_OF = date(2026, 11, 28)
DOWN = '[data-testid="stApp"]:not([data-test-connection-state="CONNECTED"])'


def main(argv: list[str] | None = None) -> int:
    """Kill the replica behind an open page, round after round, timing the page's return and the replica's."""
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--recommendations", type=int, default=100_000)
    args = ap.parse_args(argv)
    db = Path(tempfile.mkdtemp(prefix="tracker-failover-")) / "demo.duckdb"
    build_demo(db, n=args.recommendations, seed=7, as_of=AS_OF)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "--db", str(db), "serve", "--replicas", "2", "--port",
                             str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: [lines.append(x.rstrip()) for x in proc.stdout], daemon=True).start()
    while not any(x.startswith("Serving ") for x in lines):
        assert proc.poll() is None, lines
        time.sleep(0.1)  # polling the launcher's output
    page_back, replica_back = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for _ in range(args.rounds):
                context = browser.new_context()
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}/overdue?force=Kent&as_of={AS_OF.isoformat()}")
                page.wait_for_selector(READY, timeout=60_000)
                page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
                name = next(c["value"] for c in context.cookies() if c["name"] == COOKIE)
                found = [m for x in lines if (m := re.search(rf"replica {name}: port (\d+), pid (\d+)", x))]
                replica_port, pid = int(found[-1][1]), int(found[-1][2])
                killed = time.perf_counter()
                os.kill(pid, signal.SIGKILL)
                page.wait_for_selector(DOWN, timeout=60_000)
                page.wait_for_selector(READY, timeout=60_000)
                page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
                page_back.append(time.perf_counter() - killed)
                while not healthy(replica_port):
                    time.sleep(0.1)  # polling the restarted replica's health check
                replica_back.append(time.perf_counter() - killed)
                context.close()
            browser.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    text = "\n".join([
        f"# Failover ({date.today().isoformat()})", "",
        (f"`serve --replicas 2` on the {args.recommendations:,}-recommendation demo, {os.cpu_count()} cores. Each round "
         "opens the Overdue page with a filter in one browser, kills (SIGKILL) the replica HAProxy keeps it on, and "
         "times the page until it is connected to the other replica, its script finished and its heading drawn; then "
         "until the launcher's restarted replica answers its health check."), "",
        "| | median | max | rounds |", "|---|---:|---:|---:|",
        f"| page ready again | {statistics.median(page_back):.1f} s | {max(page_back):.1f} s | {len(page_back)} |",
        (f"| killed replica healthy again | {statistics.median(replica_back):.1f} s | {max(replica_back):.1f} s | "
        f"{len(replica_back)} |"),
    ]) + "\n"
    (ROOT / "benchmarks" / "failover-results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
