"""WCAG 2.2 AA as axe-core 4.12 measures it in Chromium: every page, as a person of every role on the demo sees it
(the analyst every page; each other role the pages its work is on), the meeting mode and an empty state, with 0
violations; the footer links the accessibility statement."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote_plus

import pytest

from tests.browser_help import axe_violations, settle, still
from tracker.app.server import CHROMIUM, READY, streamlit_server

WAIT = 60_000
EVERY_PAGE = ("", "meeting", "overdue", "forces", "trends", "reports", "owners", "my_items", "recommendation",
              "review", "closure", "responses", "activity", "people", "import", "accessibility")
# Each role, and the pages its work is on (the national analyst and the administrator see every page).
ROLE_PAGES = {
    "viewer": ("", "overdue", "recommendation"),
    "lead": ("my_items", "recommendation"),
    "reviewer": ("review", "recommendation", "closure"),
    "inspectorate": ("closure", ""),
    "commissioner": ("responses",),
}

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo and the server on it; a person of each role, and an item and a report to open."""
    from tracker.demo.builder import build_demo
    from tracker.store.database import open_reader

    db = tmp_path_factory.mktemp("a11y") / "demo.duckdb"
    build_demo(db, n=300, seed=5, as_of=date(2026, 11, 28))
    con = open_reader(db).cursor()
    people = {}
    for role in (*ROLE_PAGES, "analyst", "admin"):
        national = role in ("analyst", "admin", "inspectorate")
        row = con.execute("""
            SELECT name, force, roles FROM current_people
            WHERE active AND list_contains(roles, $role) AND (force IS NULL) = $national
            ORDER BY name LIMIT 1""", {"role": role, "national": national}).fetchone()
        name, force, roles = row
        people[role] = f"{name} ({force or 'national'}) · {', '.join(roles)}"
    key = con.execute("SELECT min(key) FROM rec_base WHERE force = 'Kent'").fetchone()[0]
    report = con.execute("SELECT any_value(report_title) || ' · ' || force FROM rec_base WHERE force = 'Kent' "
                         "GROUP BY report, force ORDER BY report LIMIT 1").fetchone()[0]
    board = con.execute("SELECT min(board) FROM rec_base WHERE board IS NOT NULL").fetchone()[0]
    with streamlit_server(db) as (_, url):
        yield {"url": url, "people": people, "key": key, "response": report, "board": f"{board} · national"}


def address(demo, path: str, who: str) -> str:
    """A page's address, opened as this demo person, with what the page needs to show something."""
    extra = {"recommendation": f"&id={demo['key']}", "responses": f"&response={quote_plus(demo['response'])}",
             "meeting": f"&board={quote_plus(demo['board'])}"}.get(path, "")
    return f"{demo['url']}/{path}?as={quote_plus(demo['people'][who])}{extra}"


def drawn(page, path: str) -> None:
    """Wait until the page is drawn: its heading, or the meeting's agenda bar; then until it is still."""
    page.wait_for_selector(READY, timeout=WAIT)
    page.wait_for_selector('[data-testid="stButtonGroup"]' if path == "meeting" else '[data-testid="stMain"] h1',
                           timeout=WAIT)
    still(page)
    # Plotly draws a chart's text after its frame: measure once every chart has it.
    charts = page.locator('[data-testid="stPlotlyChart"]')
    for i in range(charts.count()):
        charts.nth(i).locator(".main-svg text").first.wait_for(state="attached", timeout=WAIT)


def pages_with_violations(demo, browser, who: str, paths) -> dict[str, list[str]]:
    """Open each page as this person and keep axe's violations of the pages that have any."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        found = {}
        for path in paths:
            page.goto(address(demo, path, who))
            drawn(page, path)
            found[path or "overview"] = axe_violations(page)
        return {p: v for p, v in found.items() if v}
    finally:
        page.close()


@pytest.mark.parametrize("who", ["analyst", "admin"])
def test_every_page_has_no_axe_violations_for_a_national_reader(demo, browser, who):
    assert pages_with_violations(demo, browser, who, EVERY_PAGE) == {}


@pytest.mark.parametrize("who", list(ROLE_PAGES))
def test_each_roles_pages_have_no_axe_violations(demo, browser, who):
    assert pages_with_violations(demo, browser, who, ROLE_PAGES[who]) == {}


def test_an_empty_state_and_the_statement_link(demo, browser, expect):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(address(demo, "overdue", "analyst") + "&q=" + quote_plus("no text has these words zqxj"))
        drawn(page, "overdue")
        expect(page.get_by_test_id("stMain").get_by_text("No overdue recommendations")).to_be_visible()
        assert axe_violations(page) == []
        page.get_by_test_id("stMain").get_by_role("link", name="Accessibility statement").click()
        page.wait_for_url("**/accessibility**")
        settle(page)
        expect(page.locator("h1").first).to_have_text("Accessibility statement")
        expect(page.get_by_role("heading", name="Enforcement procedure")).to_be_visible()
    finally:
        page.close()


def test_less_motion_for_whoever_asks_for_it(demo, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(address(demo, "", "analyst"))
        settle(page)
        # The rule arrives with the page's first run; wait for it to hold (it fails the wait if it never does).
        page.wait_for_function("""() => ['stSidebar', 'stSidebarContent'].every(id => getComputedStyle(
            document.querySelector(`[data-testid="${id}"]`)).transitionDuration.split(',')
            .every(d => d.trim() === '0s' || d.trim() === '1e-05s' || d.trim().endsWith('ms')))""", timeout=WAIT)
        durations = page.evaluate("""() => ['stSidebar', 'stSidebarContent'].map(id =>
            getComputedStyle(document.querySelector(`[data-testid="${id}"]`)).transitionDuration)""")
        assert all(float(d.split(",")[0].strip().rstrip("ms")) <= 0.01 for d in durations), durations
    finally:
        context.close()
