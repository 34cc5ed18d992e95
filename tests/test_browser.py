"""What a person sees and clicks: Debian's Chromium, driven by Playwright, against a real `streamlit run`.

Every assertion waits for the state it checks (Playwright's expect, or a wait on the app's own ready state); nothing
sleeps a fixed time and nothing is counted before the page has drawn it.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from app_server import CHROMIUM, READY, ROOT, streamlit_server

from tests.browser_help import download, keyed
from tests.conftest import TABLES

SHOTS = ROOT / "tests" / "screenshots"
WAIT = 30_000  # ms: the longest any state may take to appear on this 2-core machine

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (bash .ci/run installs it)")

# Names and titles that would turn into links, emphasis, colour, maths or markup if anything rendered data.
HOSTILE = [
    "[Sign in again](http://evil.example/login)",
    "**URGENT** and _quiet_",
    '<a href="http://evil.example/a">Supt Link</a>',
    "<b>Bold</b><script>document.title='pwned'</script>",
    "[run](javascript:alert(1))",
    ":red[Supt Red] :smile: :material/warning:",
    "$x^2$ `code` ~~gone~~",
    "Supt " + "Longname" * 40,
]



def corpus_files(folder: Path) -> Path:
    """Recommendations in Kent whose owners, report titles, texts and comments are the hostile names."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "recommendations.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "force", "report", "published_on", "owner", "overseer", "target_original", "text"])
        for i, name in enumerate(HOSTILE):
            w.writerow([900 + i, "Kent", f"Corpus {i} {name}", "2023-01-01", name, name, "2023-03-31", f"Text {name}"])
    with open(folder / "updates.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "force", "date", "status", "text"])
        for i, name in enumerate(HOSTILE):
            w.writerow([900 + i, "Kent", "2023-02-01", "being-progressed", f"Comment {name}"])
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`streamlit run` on a fresh demo database plus the hand-made fixture items and the hostile corpus."""
    from tracker.demo.builder import build_demo
    from tracker.ingest.importer import ingest

    work = tmp_path_factory.mktemp("browser")
    db = work / "demo.duckdb"
    build_demo(db, n=1000, seed=5, as_of=date(2026, 11, 28))
    # Added as the demo's own analyst would through its Import page, so the data stays the demo's (an import from
    # the command line would end demo mode, and the View as picker with it).
    as_demo = {"actor": "analyst.national.1@hmicfrs.police.example", "role": "analyst", "source": "app"}
    ingest([str(TABLES)], db, **as_demo)
    ingest([str(corpus_files(work / "corpus"))], db, **as_demo)
    with streamlit_server(db) as (_, url):
        yield url




@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


def settle(page):
    """Wait until the app is connected, its script has finished and a page heading is drawn."""
    page.wait_for_selector(READY, timeout=WAIT)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=WAIT)
    page.wait_for_selector(READY, timeout=WAIT)


def open_view(page, url: str):
    """Go to a URL and wait until the app has drawn it."""
    page.goto(url)
    settle(page)
    # An unknown path makes Streamlit show a "Page not found" dialog that leaves the page inert.
    assert page.locator(".stDialog").count() == 0, page.locator(".stDialog").inner_text()


def path(name: str) -> str:
    """A page's URL path: the default page, the Overview, lives at the root."""
    return "" if name == "overview" else name


def tile_values(page, expect, first: list[str]) -> None:
    """Wait until the first headline tiles show these values."""
    values = page.locator('[data-testid="stMetricValue"]')
    for i, value in enumerate(first):
        expect(values.nth(i)).to_have_text(value)


def click_centre(page, locator) -> None:
    """Click the middle of an SVG shape (Plotly's drag layer lies over the shapes, so a locator click is refused)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


CLIPPED = """() => Array.from(document.querySelectorAll('[data-testid="stMetric"] *'))
    .filter(e => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""

PAGES = {  # heading, charts, tables (the Overview's: its open causes of concern)
    "overview": ("Overview", 2, 2), "overdue": ("Overdue and stale", 1, 3), "forces": ("Forces", 1, 1),
    "trends": ("Compliance trends", 5, 3), "reports": ("Reports", 1, 1), "owners": ("Owner workloads", 1, 1),
}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_draws(server, page, expect, name):
    heading, charts, tables = PAGES[name]
    open_view(page, f"{server}/{path(name)}")
    expect(page.locator("h1").first).to_have_text(heading)
    expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible()
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(charts)
    grids = page.locator('[data-testid="stDataFrame"]')
    expect(grids).to_have_count(tables)
    for i in range(tables):  # each table has rows: its accessible grid says how many
        expect(grids.nth(i).locator("[role=grid]")).to_have_attribute("aria-rowcount", re.compile(r"^([2-9]|\d{2,})"))
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert page.evaluate(CLIPPED) == []
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


FIXTURE = "as_of=2023-06-30&report=Report+A&report=Report+B"  # only the six hand-made fixture items


def test_funnel_has_four_stages_and_shared_link_filters(server, page, expect):
    open_view(page, f"{server}/?force=Kent&report=Report+B&as_of=2023-06-30")
    expect(page.locator(".funnellayer .point")).to_have_count(4)
    tile_values(page, expect, ["1", "0", "1"])  # only fixture item 5 (Kent, Report B): open and overdue


def test_svg_has_the_bars_the_data_implies(server, page, expect):
    open_view(page, f"{server}/?{FIXTURE}")
    expect(page.locator(".funnellayer .point")).to_have_count(4)
    # Status by force: five statuses present (one trace each), each with a bar for Essex and for Kent.
    expect(page.locator(".barlayer .trace")).to_have_count(5)
    expect(page.locator(".barlayer .point")).to_have_count(10)
    expect(page.locator(".legend .traces .legendtext")).to_have_text(
        ["Awaiting review", "Being progressed", "Pending sign-off", "Complete", "Superseded"])


def test_changing_a_sidebar_filter_changes_the_url_and_figures(server, page, expect):
    open_view(page, f"{server}/?{FIXTURE}")
    tile_values(page, expect, ["4", "1", "3"])
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.locator("input").click()
    page.keyboard.type("Kent")
    page.get_by_role("option", name="Kent", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url("**force=Kent**")
    tile_values(page, expect, ["2", "1", "2"])  # Kent's fixture items: 1 complete, 2 and 5 open and overdue


def test_clicking_a_funnel_stage_filters_the_app(server, page, expect):
    open_view(page, f"{server}/?{FIXTURE}")
    expect(page.locator(".funnellayer .point")).to_have_count(4)
    click_centre(page, page.locator(".funnellayer .point").nth(1))  # Being progressed: 2-kent and 5-kent
    page.wait_for_url("**status=**")
    tile_values(page, expect, ["2", "0", "2"])
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Being progressed")


def test_clicking_an_overdue_item_opens_its_history(server, page, expect):
    open_view(page, f"{server}/overdue?{FIXTURE}")
    grid = page.locator('[data-testid="stDataFrame"]').first
    # The first row, as the grid's accessible table has it, is 3-essex.
    expect(grid.get_by_test_id("glide-cell-1-0")).to_have_text("recommendation?id=3-essex")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The grid is drawn on a canvas: its row-selection boxes have no element a locator could reach, so the click
    # goes to the first row's box (left column, one 35 px header row down), as Streamlit's own tests do.
    page.mouse.click(box["x"] + 12, box["y"] + 35 + 17)
    page.wait_for_url("**/recommendation?id=3-essex**")
    settle(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("Rec three")).to_be_visible()
    expect(main).to_contain_text("821")
    expect(main).to_contain_text("Pending sign-off")
    expect(page.locator(".scatterlayer .point")).to_have_count(3)  # its three dated status changes
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "recommendation.png"))


def test_comment_markup_is_shown_as_text(server, page, expect):
    open_view(page, f"{server}/recommendation?id=2-kent&as_of=2023-06-30")
    expect(page.get_by_text("<script>document.title='pwned'</script>", exact=False).first).to_be_visible()
    assert page.title() != "pwned"
    expect(page.locator('[data-testid="stMain"] img[src="x"]')).to_have_count(0)


def test_my_items_shows_only_that_owner(server, page, expect):
    open_view(page, f"{server}/my_items?me=DCI+B+(Essex)&as_of=2023-06-30")
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(1)
    tile_values(page, expect, ["1"])
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "my_items.png"))


def test_csv_download_has_the_table_rows(server, page):
    open_view(page, f"{server}/owners?report=Report+A&report=Report+B&as_of=2023-06-30")
    got = download(page, keyed(page, "workload_table-csv"))
    rows = list(csv.DictReader(io.StringIO(got.read_text(encoding="utf-8-sig"))))
    assert {r["person"]: r["open"] for r in rows} == {"Supt A": "2", "DCI B": "1", "(not named)": "1"}


def test_overdue_download_holds_the_rating_the_page_shows(server, page):
    open_view(page, f"{server}/overdue?{FIXTURE}")
    got = download(page, keyed(page, "overdue_table-csv"))
    rows = list(csv.DictReader(io.StringIO(got.read_text(encoding="utf-8-sig"))))
    assert [(r["key"], r["rating"]) for r in rows] == [("3-essex", "🔴 Red"), ("2-kent", "🔴 Red"), ("5-kent", "🔴 Red")]


def test_board_pack_downloads_from_the_overview(server, page):
    from pptx import Presentation
    from pypdf import PdfReader

    open_view(page, f"{server}/?{FIXTURE}")
    page.get_by_text("Board pack: this view as a PDF or PowerPoint").click()
    got = download(page, keyed(page, "pack-pptx"))
    assert got.name == "board-pack-2023-06-30.pptx"
    deck = Presentation(got)
    assert [s.shapes.title.text for s in deck.slides][2] == (
        "Status funnel (1 superseded, 0 no further action needed, shown apart)")
    text = "\n".join(p.extract_text() for p in PdfReader(download(page, keyed(page, "pack-pdf"))).pages)
    assert "Report A, Report B" in text and "Overdue\n3" in text and "DEMO DATA" in text


def test_whole_selection_downloads_as_xlsx_with_dates(server, page):
    import openpyxl

    open_view(page, f"{server}/?{FIXTURE}&force=Kent")
    sheet = openpyxl.load_workbook(io.BytesIO(download(page, keyed(page, "all-xlsx")).read_bytes()))["recommendations"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert sorted(r[header.index("key")] for r in rows[1:]) == ["1-kent", "2-kent", "5-kent"]
    assert sheet.freeze_panes == "A2" and sheet.cell(2, header.index("published_on") + 1).is_date


# --- Data is text ----------------------------------------------------------------------------------------------------

LEAKS = """() => {
    const main = document.querySelector('[data-testid="stApp"]');
    const links = Array.from(main.querySelectorAll('a')).filter(a =>
        /evil\\.example|javascript:/i.test(a.getAttribute('href') || '') || /Sign in again|Supt Link|^run$/.test(a.textContent));
    const bold = Array.from(main.querySelectorAll('strong, b, em, del, code, .katex'))
        .filter(e => /URGENT|quiet|Bold|gone|code|x\\^?2/.test(e.textContent));
    const coloured = Array.from(main.querySelectorAll('span[style*="color"], [class*="stMarkdownColored"]'))
        .filter(e => /Supt Red/.test(e.textContent));
    return {links: links.map(a => a.outerHTML), bold: bold.map(e => e.outerHTML), coloured: coloured.map(e => e.outerHTML),
            title: document.title};
}"""

CORPUS = "as_of=2026-11-28&" + "&".join(f"report={quote_plus(f'Corpus {i} {n}')}" for i, n in enumerate(HOSTILE))


@pytest.mark.parametrize("view", [
    "", "overdue", "forces", "trends", "reports", "owners", "owners?by=overseer", "owners?plain=true",
    "overdue?plain=true", "reports?plain=true",
    *(f"owners?person={quote_plus(n + ' (Kent)')}" for n in HOSTILE[:6]),
    *(f"my_items?me={quote_plus(n + ' (Kent)')}" for n in HOSTILE[:6]),
    *(f"recommendation?id={900 + i}-kent" for i in range(len(HOSTILE))),
    "recommendation?id=" + quote_plus("[Session expired - log in again](http://evil.example/x)"),
])
def test_values_from_the_data_and_the_url_are_shown_as_typed(server, page, expect, view):
    sep = "&" if "?" in view else "?"
    open_view(page, f"{server}/{view}{sep}{CORPUS}")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator('[data-testid="stMain"] [data-testid="stAlertContainer"], [data-testid="stMain"] h1').first
           ).to_be_visible()
    found = page.evaluate(LEAKS)
    assert found == {"links": [], "bold": [], "coloured": [], "title": found["title"]}
    assert found["title"] != "pwned"


@pytest.mark.parametrize("i", range(6))
def test_a_hostile_owner_appears_literally(server, page, expect, i):
    name = HOSTILE[i]
    open_view(page, f"{server}/owners?person={quote_plus(name + ' (Kent)')}&{CORPUS}")
    shown = f"{name} (Kent)"  # a person belongs to one force, shown beside the name
    expect(page.locator('[data-testid="stMain"] [data-testid="stText"]').filter(has_text=name).first).to_have_text(shown)
    # Plotly writes the same name literally on the workload chart's axis.
    ticks = page.locator('[data-testid="stPlotlyChart"] .ytick text')
    expect(ticks.filter(has_text=name[:20]).first).to_be_attached()
    assert shown in ticks.all_text_contents()
    # And the chart's numbers as a table (st.table, which reads Markdown) hold it as typed, no link made of it.
    cells = page.locator('[data-testid="stTable"] td')
    expect(cells.filter(has_text=name[:8]).first).to_be_attached()  # before any address, which is broken
    assert name in [c.replace("\u2060", "") for c in cells.all_text_contents()]  # an address broken invisibly
    assert page.locator('[data-testid="stTable"] a').evaluate_all("els => els.map(e => e.outerHTML)") == []


# --- Deep links and imports while the server runs ------------------------------------------------------------------

@contextmanager
def fresh_server(tmp_path: Path, browser):
    """A new server on a copy of the six-item fixture, and a browser context: (database, url, context)."""
    from tracker.ingest.importer import ingest

    db = tmp_path / "fixture.duckdb"
    ingest([str(TABLES)], db)
    with streamlit_server(db) as (_, url):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
        try:
            yield db, url, context
        finally:
            context.close()


def test_a_deep_link_opened_first_in_a_fresh_server_runs_through_the_entrypoint(tmp_path, browser, expect):
    """Streamlit treats pages/ as an old-style multipage app until st.navigation runs once (tracker/app/entry.py)."""
    with fresh_server(tmp_path, browser) as (_, url, context):
        page = context.new_page()
        open_view(page, f"{url}/overdue?force=Kent&as_of=2023-06-30")
        expect(page.locator("h1").first).to_have_text("Overdue and stale")
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar.get_by_text("Filters", exact=True)).to_be_visible()  # the entrypoint's sidebar is there
        expect(sidebar).to_contain_text("Kent")
        expect(page.locator('[data-testid="stMain"]')).to_contain_text("6 recommendations")  # the footer


def test_an_import_while_the_server_runs_shows_on_the_next_rerun(tmp_path, browser, expect):
    with fresh_server(tmp_path, browser) as (db, url, old):
        first = old.new_page()
        open_view(first, f"{url}/overdue?as_of=2023-06-30")
        footer = first.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').last
        expect(footer).to_contain_text("6 of 6 recommendations selected")
        more = tmp_path / "more.csv"
        more.write_text("id,force,report,published_on,target_original,text\n7,Kent,Report C,2023-01-01,2023-03-31,"
                        "Rec seven\n", encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "ingest", str(more)],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        # A new session, and the session that was open on the old file, both see the new one on their next run.
        second = old.new_page()
        open_view(second, f"{url}/?as_of=2023-06-30")
        expect(second.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').last).to_contain_text(
            "7 of 7 recommendations selected")
        # The first session reruns (a filter changes) without reloading the page.
        search = first.locator('[data-testid="stSidebar"] [data-testid="stTextInput"] input')
        search.fill("Rec")
        search.press("Enter")
        first.wait_for_url("**q=Rec**")
        expect(first.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').last).to_contain_text(
            "7 of 7 recommendations selected")
        got = download(first, keyed(first, "overdue_table-csv"))  # the download, too, reads the new file: 7 is overdue
        rows = list(csv.DictReader(io.StringIO(got.read_text(encoding="utf-8-sig"))))
        assert sorted(r["key"] for r in rows) == ["2-kent", "3-essex", "5-kent", "7-kent"]
