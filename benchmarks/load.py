"""Load test: concurrent browser sessions (Debian's Chromium) open pages and change filters against one local server.

Run from the repository root:  .venv/bin/python -m benchmarks.load [--sessions 20] [--seconds 120] [--recommendations 100000]
Reports page-ready p50/p95, errors and the server's memory before, at peak and after the sessions close, and writes
benchmarks/load-results.md. Every loop is bounded in count and time, and only 127.0.0.1 is ever requested.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

import psutil
from playwright.async_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_browser import CHROMIUM, FLAGS, READY, free_port  # noqa: E402
from tracker.demo import build_demo  # noqa: E402
from tracker.forces import FORCES  # noqa: E402

AS_OF = date(2026, 11, 28)
PAGES = ["", "overdue", "forces", "trends", "reports", "owners", "my_items"]
STATUSES = ["awaiting-review", "being-progressed", "pending-sign-off", "complete"]
MAX_ACTIONS = 500  # a session's hard cap, whatever the clock says


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run` on the database, once it answers its health check."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "TRACKER_DB": str(db)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start")


def random_view(rng: random.Random) -> str:
    """A page with a random mix of filters, as a shared link would carry them."""
    params = [f"as_of={AS_OF.isoformat()}"]
    if rng.random() < 0.6:
        params += [f"force={f.replace(' ', '+')}" for f in rng.sample(FORCES, rng.randint(1, 3))]
    if rng.random() < 0.3:
        params.append(f"status={rng.choice(STATUSES)}")
    if rng.random() < 0.2:
        params.append(f"stale={rng.choice([90, 180, 365])}")
    return f"{rng.choice(PAGES)}?{'&'.join(params)}"


async def session(browser, url: str, seconds: float, seed: int, timings: list, errors: list) -> None:
    """One person: open a view, wait until it is ready, look for errors, repeat until time is up."""
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1440, "height": 900})
    page = await context.new_page()
    deadline = time.monotonic() + seconds
    try:
        for _ in range(MAX_ACTIONS):
            if time.monotonic() > deadline:
                break
            view = random_view(rng)
            started = time.perf_counter()
            try:
                await page.goto(f"{url}/{view}", timeout=120_000)
                await page.wait_for_selector(READY, timeout=120_000)
                await page.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)
                await page.wait_for_selector(READY, timeout=120_000)
                timings.append(time.perf_counter() - started)
                if await page.locator('[data-testid="stException"]').count():
                    errors.append(f"{view}: exception on the page")
            except PlaywrightError as exc:  # a timeout or a crash is what the test counts
                errors.append(f"{view}: {type(exc).__name__}: {str(exc)[:120]}")
    finally:
        await context.close()


async def drive(url: str, sessions: int, seconds: float, timings: list, errors: list) -> None:
    """All sessions at once in one headless Chromium."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        await asyncio.gather(*(session(browser, url, seconds, i, timings, errors) for i in range(sessions)))
        await browser.close()


def main(argv: list[str] | None = None) -> int:
    """Run the load test and write benchmarks/load-results.md."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--recommendations", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None, help="an existing database (default: build a demo one)")
    ap.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "load-results.md")
    args = ap.parse_args(argv)
    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp(prefix="tracker-load-")) / "demo.duckdb"
        counts = build_demo(db, n=args.recommendations, seed=7, as_of=AS_OF)
        print(f"demo: {counts['recommendations']:,} recommendations, {counts['updates']:,} updates", flush=True)
    proc, url = start_server(db)
    server = psutil.Process(proc.pid)
    try:
        urllib.request.urlopen(url, timeout=30).read()
        before = server.memory_info().rss
        peak = [before]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], server.memory_info().rss)
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timings: list[float] = []
        errors: list[str] = []
        started = time.monotonic()
        asyncio.run(drive(url, args.sessions, args.seconds, timings, errors))
        elapsed = time.monotonic() - started
        done.set()
        sampler.join()
        settled = server.memory_info().rss
        for _ in range(60):  # give Streamlit up to a minute to drop the closed sessions
            time.sleep(1)
            now = server.memory_info().rss
            if abs(now - settled) < 2**20:
                break
            settled = now
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    mb = 2**20
    q = statistics.quantiles(timings, n=20) if len(timings) >= 20 else [max(timings or [0])] * 19
    lines = [
        f"# Load test ({date.today().isoformat()})", "",
        (f"{args.sessions} concurrent Chromium sessions for {args.seconds:.0f} s against one `streamlit run` on "
        f"{db.name} ({os.cpu_count()} cores). Each session opens a random page with random filters (forces, status, "
        "stale days), waits until the app is connected, its script has finished and the heading is drawn, then repeats."),
        "",
        "| figure | value |", "|---|---:|",
        f"| page views | {len(timings):,} in {elapsed:.0f} s |",
        f"| page-ready p50 | {statistics.median(timings) * 1000:,.0f} ms |" if timings else "| page-ready p50 | – |",
        f"| page-ready p95 | {q[18] * 1000:,.0f} ms |",
        f"| errors | {len(errors)} |",
        f"| server memory before | {before / mb:,.0f} MB |",
        f"| server memory peak | {peak[0] / mb:,.0f} MB |",
        f"| server memory after the sessions closed | {settled / mb:,.0f} MB (growth {(settled - before) / mb:+,.0f} MB) |",
    ]
    if errors:
        lines += ["", "Errors (first 10):", "", *[f"- {e}" for e in errors[:10]]]
    text = "\n".join(lines) + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0 if not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
