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
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psutil
from playwright.async_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.memory import peak_rss  # noqa: E402
from tests.app_server import CHROMIUM, FLAGS, READY, streamlit_server  # noqa: E402
from tracker.core.forces import FORCES  # noqa: E402
from tracker.demo.builder import build_demo  # noqa: E402

AS_OF = date(2026, 11, 28)
PAGES = ["", "overdue", "forces", "trends", "reports", "owners", "my_items"]
STATUSES = ["awaiting-review", "being-progressed", "pending-sign-off", "complete"]
MAX_ACTIONS = 500  # a session's hard cap, whatever the clock says
DISCONNECTED_TTL = 120  # Streamlit's default server.disconnectedSessionTTL


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


NAV = {"": "Overview", "overdue": "Overdue and stale", "forces": "Forces", "trends": "Compliance trends",
       "reports": "Reports", "owners": "Owner workloads", "my_items": "My items"}
RUNNING = "document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'running'"


async def settle(page) -> None:
    """Wait for the rerun an action started (if it has not already finished) and then for the app to be idle."""
    try:
        await page.wait_for_function(RUNNING, timeout=2_000)
    except PlaywrightError:
        pass  # the rerun was over before we looked
    await page.wait_for_selector(READY, timeout=120_000)
    await page.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)


async def act(page, url: str, rng: random.Random) -> str:
    """One thing a person does: open a shared link (a full load), switch page in the sidebar, or pick a force."""
    roll = rng.random()
    if roll < 0.15:
        view = random_view(rng)
        await page.goto(f"{url}/{view}", timeout=120_000)
        await page.wait_for_selector(READY, timeout=120_000)
        await page.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)
        return f"open {view}"
    if roll < 0.6:
        title = rng.choice(list(NAV.values()))
        await page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click(timeout=60_000)
        await settle(page)
        return f"page {title}"
    chosen = set(parse_qs(urlparse(page.url).query).get("force", []))
    force = rng.choice([f for f in FORCES if f not in chosen])  # a chosen force is no longer offered in the list
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    await box.locator("input").click(timeout=60_000)
    await page.keyboard.type(force)
    await page.get_by_role("option", name=force, exact=True).click(timeout=60_000)
    await page.keyboard.press("Escape")
    await settle(page)
    return f"force {force}"


async def session(browser, url: str, seconds: float, seed: int, timings: list, errors: list, think: float = 0) -> None:
    """One person: open a link, then switch pages and change filters until time is up, timing each until ready;
    reading for `think` seconds on average (half to one and a half times) between actions."""
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1440, "height": 900})
    page = await context.new_page()
    deadline = time.monotonic() + seconds
    try:
        await page.goto(f"{url}/?as_of={AS_OF.isoformat()}", timeout=120_000)
        await settle(page)
        for _ in range(MAX_ACTIONS):
            if time.monotonic() > deadline:
                break
            if think:
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            started = time.perf_counter()
            what = "an action"
            try:
                what = await act(page, url, rng)
                timings.append(time.perf_counter() - started)
                if await page.locator('[data-testid="stException"]').count():
                    errors.append(f"{what}: exception on the page")
            except PlaywrightError as exc:  # a timeout or a crash is what the test counts
                errors.append(f"{what}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}")
                await page.goto(f"{url}/?as_of={AS_OF.isoformat()}", timeout=120_000)
    finally:
        await context.close()


async def drive(url: str, sessions: int, seconds: float, timings: list, errors: list, think: float = 0) -> None:
    """All sessions at once in one headless Chromium."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        await asyncio.gather(*(session(browser, url, seconds, i, timings, errors, think) for i in range(sessions)))
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
    with streamlit_server(db) as (proc, url):
        server = psutil.Process(proc.pid)
        urllib.request.urlopen(url, timeout=30).read()
        before = server.memory_info().rss
        cpu_before = sum(server.cpu_times()[:2])
        timings: list[float] = []
        errors: list[str] = []
        started = time.monotonic()
        with peak_rss(server) as peak:
            asyncio.run(drive(url, args.sessions, args.seconds, timings, errors))
        elapsed = time.monotonic() - started
        server_cpu = sum(server.cpu_times()[:2]) - cpu_before
        closed = server.memory_info().rss
        # Streamlit keeps a disconnected session for server.disconnectedSessionTTL (120 s) in case it reconnects.
        time.sleep(DISCONNECTED_TTL + 30)
        settled = server.memory_info().rss
    mb = 2**20
    q = statistics.quantiles(timings, n=20) if len(timings) >= 20 else [max(timings or [0])] * 19
    lines = [
        f"# Load test ({date.today().isoformat()})", "",
        (f"{args.sessions} concurrent Chromium sessions for {args.seconds:.0f} s against one `streamlit run` on "
         f"{db.name}, with the browsers on the same {os.cpu_count()} cores. Each session opens a link, then repeats "
         "actions at random: open a shared link with random filters (a full page load, 15%), switch page in the "
         "sidebar (45%), or pick a force in the sidebar filter (40%). An action is timed until the app is connected, "
         "its script has finished and the heading is drawn."),
        "",
        "| figure | value |", "|---|---:|",
        f"| actions | {len(timings):,} in {elapsed:.0f} s |",
        f"| page-ready p50 | {statistics.median(timings) * 1000:,.0f} ms |" if timings else "| page-ready p50 | – |",
        f"| page-ready p95 | {q[18] * 1000:,.0f} ms |",
        f"| errors | {len(errors)} |",
        (f"| server CPU per action | {server_cpu / max(len(timings), 1) * 1000:,.0f} ms "
        f"({server_cpu:,.0f} s of {elapsed * os.cpu_count():,.0f} core-seconds; the browsers had the rest) |"),
        f"| server memory before | {before / mb:,.0f} MB |",
        f"| server memory peak | {peak.bytes / mb:,.0f} MB |",
        f"| server memory as the sessions closed | {closed / mb:,.0f} MB |",
        (f"| server memory {DISCONNECTED_TTL + 30} s after they closed (Streamlit drops them after {DISCONNECTED_TTL} s) "
         f"| {settled / mb:,.0f} MB (growth {(settled - before) / mb:+,.0f} MB) |"),
    ]
    if errors:
        lines += ["", "Errors (first 10):", "", *[f"- {e}" for e in errors[:10]]]
    text = "\n".join(lines) + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0 if not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
