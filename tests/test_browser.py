"""What a person sees and clicks: Debian's Chromium, driven by Playwright, against a real `streamlit run`."""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import TABLES

ROOT = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "tests" / "screenshots"
READY = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (bash .ci/run installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`streamlit run` on a fresh demo database plus the hand-made fixture items; stopped at the end."""
    from tracker.demo import build_demo
    from tracker.importing import ingest

    db = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    build_demo(db, n=1000, seed=5, as_of=date(2026, 11, 28))
    ingest([str(TABLES)], db)
    port = free_port()
    env = {**os.environ, "TRACKER_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail("streamlit did not become healthy within 60 s")
        time.sleep(0.2)  # polling interval for the health check, not a wait for the page
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # Playwright gives every launch a fresh, empty user-data dir of its own.
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


def open_view(page, url: str):
    """Go to a URL and wait until the app is connected and its script has finished."""
    page.goto(url)
    settle(page)


def settle(page):
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)


PAGES = {
    "overview": ("Overview", 2), "overdue": ("Overdue and stale", 1), "forces": ("Forces", 1),
    "trends": ("Compliance trends", 4), "reports": ("Reports", 1), "owners": ("Owner workloads", 1),
}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_draws(server, page, name):
    heading, charts = PAGES[name]
    open_view(page, f"{server}/{name}")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text().strip() == heading
    page.wait_for_function(f"document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= {charts}")
    assert page.locator('[data-testid="stPlotlyChart"]').count() == charts
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_funnel_has_four_stages_and_shared_link_filters(server, page):
    open_view(page, f"{server}/overview?force=Kent&report=Report+B&as_of=2023-06-30")
    page.wait_for_function("document.querySelectorAll('.funnel .point, .funnellayer .trace path').length >= 4")
    tiles = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    # only fixture item 5 (Kent, Report B): open and overdue, nothing complete
    assert tiles[:3] == ["1", "0", "1"]


def test_comment_markup_is_shown_as_text(server, page):
    open_view(page, f"{server}/recommendation?id=2-kent&as_of=2023-06-30")
    page.get_by_text("<script>document.title='pwned'</script>", exact=False).first.wait_for()
    assert page.title() != "pwned"
    assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0


def test_my_items_shows_only_that_owner(server, page):
    open_view(page, f"{server}/my_items?me=DCI+B&as_of=2023-06-30")
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "1"


def test_csv_download_has_the_table_rows(server, page):
    open_view(page, f"{server}/owners?report=Report+A&report=Report+B&as_of=2023-06-30")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").first.click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert {r["person"]: r["open"] for r in rows} == {"Supt A": "2", "DCI B": "1", "(not named)": "1"}


def test_board_pack_downloads_from_the_overview(server, page):
    from pptx import Presentation
    from pypdf import PdfReader

    open_view(page, f"{server}/overview?report=Report+A&report=Report+B&as_of=2023-06-30")
    page.get_by_text("Board pack: this view as a PDF or PowerPoint").click()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Board pack (PowerPoint)").click()
    assert info.value.suggested_filename == "board-pack-2023-06-30.pptx"
    deck = Presentation(info.value.path())
    assert [s.shapes.title.text for s in deck.slides][2] == "Status funnel (1 superseded, shown apart)"
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Board pack (PDF)").click()
    text = "\n".join(p.extract_text() for p in PdfReader(info.value.path()).pages)
    assert "Report A, Report B" in text and "Overdue\n3" in text and "DEMO DATA" in text
