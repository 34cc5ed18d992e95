"""What a person sees and clicks: Debian's Chromium, driven by Playwright, against a real `streamlit run`."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import TABLES
from tests.streamlit_server import CHROMIUM, FLAGS, READY, ROOT, streamlit_server

SHOTS = ROOT / "tests" / "screenshots"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (bash .ci/run installs it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`streamlit run` on a fresh demo database plus the hand-made fixture items; stopped at the end."""
    from tracker.demo.builder import build_demo
    from tracker.ingest.importer import ingest

    db = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    build_demo(db, n=1000, seed=5, as_of=date(2026, 11, 28))
    ingest([str(TABLES)], db)
    with streamlit_server(db) as (_, url):
        yield url


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
    # An unknown path makes Streamlit show a "Page not found" dialog that leaves the page inert.
    assert page.locator(".stDialog").count() == 0, page.locator(".stDialog").inner_text()


def path(name: str) -> str:
    """A page's URL path: the default page, the Overview, lives at the root."""
    return "" if name == "overview" else name


def tiles(page) -> list[str]:
    """The headline tiles' values, once they are drawn."""
    page.locator('[data-testid="stMetricValue"]').first.wait_for()
    return page.locator('[data-testid="stMetricValue"]').all_inner_texts()


def click_centre(page, locator) -> None:
    """Click the middle of an SVG shape (Plotly's drag layer lies over the shapes, so a locator click is refused)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def settle(page):
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)


CLIPPED = """() => Array.from(document.querySelectorAll('[data-testid="stMetric"] *'))
    .filter(e => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""


def clipped_text(page) -> list[str]:
    """Tile labels and values cut off with an ellipsis at this viewport."""
    return page.evaluate(CLIPPED)


PAGES = {  # heading, charts, tables
    "overview": ("Overview", 2, 0), "overdue": ("Overdue and stale", 1, 2), "forces": ("Forces", 1, 1),
    "trends": ("Compliance trends", 4, 1), "reports": ("Reports", 1, 1), "owners": ("Owner workloads", 1, 1),
}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_draws(server, page, name):
    heading, charts, tables = PAGES[name]
    open_view(page, f"{server}/{path(name)}")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text().strip() == heading
    page.wait_for_function(f"document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= {charts}")
    assert page.locator('[data-testid="stPlotlyChart"]').count() == charts
    assert clipped_text(page) == []
    grids = page.locator('[data-testid="stDataFrame"]')
    assert grids.count() == tables
    for i in range(tables):  # each table has rows: its row count is in the grid's accessible table
        assert int(grids.nth(i).locator("[role=grid], table").first.get_attribute("aria-rowcount") or 0) > 1
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


FIXTURE = "as_of=2023-06-30&report=Report+A&report=Report+B"  # only the six hand-made fixture items


def test_funnel_has_four_stages_and_shared_link_filters(server, page):
    open_view(page, f"{server}/?force=Kent&report=Report+B&as_of=2023-06-30")
    page.wait_for_function("document.querySelectorAll('.funnellayer .point').length === 4")
    # only fixture item 5 (Kent, Report B): open and overdue, nothing complete
    assert tiles(page)[:3] == ["1", "0", "1"]


def test_svg_has_the_bars_the_data_implies(server, page):
    open_view(page, f"{server}/?{FIXTURE}")
    page.wait_for_function("document.querySelectorAll('.funnellayer .point').length === 4")
    # Status by force: five statuses present (one trace each), each with a bar for Essex and for Kent.
    assert page.locator(".barlayer .trace").count() == 5
    assert page.locator(".barlayer .point").count() == 10
    legend = page.locator(".legend .traces .legendtext").all_text_contents()
    assert legend == ["Awaiting review", "Being progressed", "Pending sign-off", "Complete", "Superseded"]


def test_changing_a_sidebar_filter_changes_the_url_and_figures(server, page):
    open_view(page, f"{server}/?{FIXTURE}")
    assert tiles(page)[:3] == ["4", "1", "3"]
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.locator("input").click()
    page.keyboard.type("Kent")
    page.get_by_role("option", name="Kent", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url("**force=Kent**")
    settle(page)
    # Kent's fixture items: 1 complete, 2 and 5 open and overdue.
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stMetricValue\"]')[0].innerText === '2'")
    assert tiles(page)[:3] == ["2", "1", "2"]


def test_clicking_a_funnel_stage_filters_the_app(server, page):
    open_view(page, f"{server}/?{FIXTURE}")
    page.wait_for_function("document.querySelectorAll('.funnellayer .point').length === 4")
    click_centre(page, page.locator(".funnellayer .point").nth(1))  # Being progressed: 2-kent and 5-kent
    page.wait_for_url("**status=**")
    settle(page)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stMetricValue\"]')[1].innerText === '0'")
    assert tiles(page)[:3] == ["2", "0", "2"]
    assert "Being progressed" in page.locator('[data-testid="stSidebar"]').inner_text()


def test_clicking_an_overdue_item_opens_its_history(server, page):
    open_view(page, f"{server}/overdue?{FIXTURE}")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 12, box["y"] + 35 + 17)  # the first row's selection box, below the header row
    page.wait_for_url("**/recommendation?id=3-essex**")
    settle(page)
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("Rec three").wait_for()
    assert "821" in main.inner_text() and "Pending sign-off" in main.inner_text()
    # Its three dated status changes are drawn on the history timeline.
    page.wait_for_function("document.querySelectorAll('.scatterlayer .point').length === 3")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "recommendation.png"))


def test_comment_markup_is_shown_as_text(server, page):
    open_view(page, f"{server}/recommendation?id=2-kent&as_of=2023-06-30")
    page.get_by_text("<script>document.title='pwned'</script>", exact=False).first.wait_for()
    assert page.title() != "pwned"
    assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0


def test_my_items_shows_only_that_owner(server, page):
    open_view(page, f"{server}/my_items?me=DCI+B&as_of=2023-06-30")
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "1"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "my_items.png"))


def test_csv_download_has_the_table_rows(server, page):
    open_view(page, f"{server}/owners?report=Report+A&report=Report+B&as_of=2023-06-30")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").first.click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert {r["person"]: r["open"] for r in rows} == {"Supt A": "2", "DCI B": "1", "(not named)": "1"}


def test_board_pack_downloads_from_the_overview(server, page):
    from pptx import Presentation
    from pypdf import PdfReader

    open_view(page, f"{server}/?{FIXTURE}")
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


def test_whole_selection_downloads_as_xlsx_with_dates(server, page):
    import openpyxl

    open_view(page, f"{server}/?{FIXTURE}&force=Kent")
    with page.expect_download(timeout=60_000) as info:
        page.locator('[data-testid="stSidebar"]').get_by_role("button", name="XLSX").click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))["recommendations"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert sorted(r[header.index("key")] for r in rows[1:]) == ["1-kent", "2-kent", "5-kent"]
    assert sheet.freeze_panes == "A2" and sheet.cell(2, header.index("published_on") + 1).is_date
