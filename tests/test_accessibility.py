"""WCAG 2.2 AA as axe-core 4.12 measures it in Chromium: every page, as a person of every role on the demo sees it
(the analyst every page; each other role the pages its work is on), the meeting mode and an empty state, with 0
violations and headings in order; every chart with its text alternative; the footer links the accessibility
statement."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from urllib.parse import quote_plus

import pytest
from app_server import CHROMIUM, READY, streamlit_server

from tests.browser_help import axe_violations, settle, still

WAIT = 60_000
EVERY_PAGE = ("", "meeting", "overdue", "forces", "trends", "reports", "national", "peel", "owners", "my_items",
              "recommendation", "review", "closure", "responses", "activity", "people", "import", "accessibility")
# Each role, and the pages its work is on (the national analyst and the administrator see every page).
ROLE_PAGES = {
    "viewer": ("", "overdue", "recommendation"),
    "lead": ("my_items", "recommendation"),
    "reviewer": ("review", "recommendation", "closure"),
    "inspectorate": ("closure", ""),
    "commissioner": ("responses", "publish"),
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
    # A chart's numbers arrive as a table in the fold below it, after the chart: measure once each fold holds its rows.
    page.wait_for_function("""() => Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stExpander"]'))
        .filter(e => e.querySelector('summary').textContent.includes("The chart's numbers as a table"))
        .every(e => e.querySelectorAll('table tbody tr').length > 0)""", timeout=WAIT)


def heading_problems(page) -> list[str]:
    """What is wrong with the page's headings (WCAG 1.3.1): there is one h1, and no heading skips a level."""
    levels = page.evaluate("""() => Array.from(document.querySelectorAll(
        '[data-testid="stMain"] :is(h1, h2, h3, h4, h5, h6)')).map(h => Number(h.tagName[1]))""")
    problems = [] if levels.count(1) == 1 and levels[:1] == [1] else [f"h1s: {levels.count(1)} of {levels}"]
    problems += [f"h{b} after h{a}" for a, b in pairwise(levels) if b > a + 1]
    return problems


def pages_with_violations(demo, browser, who: str, paths) -> dict[str, list[str]]:
    """Open each page as this person and keep axe's violations of the pages that have any."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        found = {}
        for path in paths:
            page.goto(address(demo, path, who))
            drawn(page, path)
            found[path or "overview"] = axe_violations(page) + heading_problems(page)
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


ALTERNATIVES = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const text = el => el ? (el.matches('[data-testid="stText"]') ? el : el.querySelector('[data-testid="stText"]'))
                            : null;
    const before = box => {  // the sentence drawn just before a folded table
        for (let el = box; el && el !== main; el = el.parentElement) {
            if (el.previousElementSibling) { const t = text(el.previousElementSibling); return t ? t.textContent : ''; }
        }
        return '';
    };
    const read = (box, sentence) => ({sentence: sentence.trim(), rows: box.querySelectorAll('table tbody tr').length,
        size: [box.getBoundingClientRect().width, box.getBoundingClientRect().height]});
    const folded = Array.from(main.querySelectorAll('[data-testid="stExpander"]'))
        .filter(e => e.querySelector('summary').textContent.includes("The chart's numbers as a table"));
    const hidden = Array.from(main.querySelectorAll('[class*="st-key-for-screen-readers-"]'));
    return {charts: main.querySelectorAll('[data-testid="stPlotlyChart"]').length,
            folded: folded.map(e => read(e, before(e))),
            hidden: hidden.map(e => read(e, (text(e) || {}).textContent || ''))};
}"""


MEETING_SCREENS = ("standing", "overdue", "decide", "extensions", "decided", "responses")


@pytest.mark.parametrize("path", ["", "overdue", "forces", "trends", "reports", "owners", "recommendation", "meeting"])
def test_every_chart_has_a_sentence_and_its_numbers_as_a_table(demo, browser, path):
    from tracker.analysis.agenda import TITLES

    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        charts, alternatives, hidden = 0, [], []
        for screen in MEETING_SCREENS if path == "meeting" else ("",):
            page.goto(address(demo, path, "analyst") + (f"&screen={quote_plus(TITLES[screen])}" if screen else ""))
            drawn(page, path)
            found = page.evaluate(ALTERNATIVES)
            assert len(found["folded"]) + len(found["hidden"]) == found["charts"], (screen, found)
            charts += found["charts"]
            alternatives += found["folded"] + found["hidden"]
            hidden += found["hidden"]
        assert charts >= 1
        for alt in alternatives:
            assert alt["sentence"].endswith(".") and len(alt["sentence"]) > 20, alt
            assert alt["rows"] >= 1, alt
        # On the projected meeting screens the alternative is for screen readers only: drawn nowhere.
        assert all(alt["size"] == [1, 1] for alt in hidden), [(a["size"], a["rows"], a["sentence"]) for a in hidden]
        assert (path == "meeting") == (len(hidden) == len(alternatives))
    finally:
        page.close()


# Every control a person could use: links, buttons, form fields and anything else made focusable, that is drawn (a
# folded expander's or a closed popover's are not) and not disabled. Each gets a number to recognise it by; the
# options of a radio group share theirs, since a group is one stop for Tab and its arrow keys move between them (the
# ARIA radio group pattern Streamlit's radios and segmented controls follow).
MARK_CONTROLS = """() => {
    const drawn = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
                        && !el.closest('[inert], [aria-hidden="true"]');
    const all = Array.from(document.querySelectorAll(
        'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]'))
        .filter(el => drawn(el) && !el.disabled && el.getAttribute('tabindex') !== '-1');
    const units = new Map();
    const names = [];
    for (const el of all) {
        const unit = el.closest('[role="radiogroup"]') || el;
        if (!units.has(unit)) {
            units.set(unit, names.length);
            names.push((unit.getAttribute('aria-label') || unit.textContent || unit.tagName).trim().slice(0, 60));
        }
        el.setAttribute('data-kbd', String(units.get(unit)));
    }
    return names;
}"""
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const marked = el.closest('[data-kbd]');
    if (!marked) return -1;
    marked.setAttribute('data-kbd-hit', '');  // where Tab put the focus (a radio group's chosen option)
    return Number(marked.getAttribute('data-kbd'));
}"""


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_the_keyboard_alone_reaches_every_control(demo, browser, path):
    """Tab from the top of the page reaches every control, in turn, and then leaves the page (no trap)."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(address(demo, path, "admin"))
        drawn(page, path)
        names = page.evaluate(MARK_CONTROLS)
        assert names, "no control on the page"
        reached: set[int] = set()
        page.locator("body").focus()
        for _ in range(3 * len(names) + 10):
            page.keyboard.press("Tab")
            at = page.evaluate(FOCUSED)
            if at is not None and at >= 0:
                reached.add(at)
            if len(reached) == len(names):
                break
        missed = [names[i] for i in range(len(names)) if i not in reached]
        assert missed == [], f"{len(missed)} of {len(names)} controls never took the focus: {missed}"
        # No trap: from wherever the walk ended, Tab goes on, out of the page or round to where it began.
        last = page.evaluate(FOCUSED)
        onward = [last]
        while last is not None and len(onward) < len(names) + 3 and onward[-1] is not None and onward[-1] >= last:
            page.keyboard.press("Tab")
            onward.append(page.evaluate(FOCUSED))
        assert onward[-1] is None or onward[-1] < last, f"Tab stays among the controls from {last}: {onward}"
        assert unseen_focus(page) == []
    finally:
        page.close()


def unseen_focus(page) -> list[str]:
    """The controls whose focus cannot be seen (WCAG 2.4.7): each, scrolled into view, looks the same focused as not.
    The walk before was by keyboard only, so focus given by script here is shown as the keyboard's would be."""
    unseen = []
    for i in range(page.evaluate("() => document.querySelectorAll('[data-kbd-hit]').length")):
        box = page.evaluate("""i => { const el = document.querySelectorAll('[data-kbd-hit]')[i];
            if (!el.getClientRects().length) return null;
            document.activeElement && document.activeElement.blur();
            el.scrollIntoView({block: 'center', inline: 'center'});
            const r = el.getBoundingClientRect();
            return {x: r.x, y: r.y, w: r.width, h: r.height,
                    name: (el.getAttribute('aria-label') || el.textContent || el.tagName).trim().slice(0, 40)}; }""", i)
        if box is None:
            continue
        clip = {"x": max(0, box["x"] - 6), "y": max(0, box["y"] - 6), "width": box["w"] + 12, "height": box["h"] + 12}
        plain = page.screenshot(clip=clip, animations="disabled", caret="initial")
        page.evaluate("i => document.querySelectorAll('[data-kbd-hit]')[i].focus()", i)
        if page.screenshot(clip=clip, animations="disabled", caret="initial") == plain:
            unseen.append(box["name"])
    return unseen


# Reflow (WCAG 1.4.10) and text resized to 200% (1.4.4): the page scrolls only up and down, and no text is cut off.
# Tables and charts are two-dimensional content, which may scroll within themselves.
REFLOW = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const inTwoDimensions = el => el.closest('[data-testid="stDataFrame"], [data-testid="stTable"], '
        + '[data-testid="stPlotlyChart"], [class*="st-key-for-screen-readers-"]');
    const clipped = Array.from(main.querySelectorAll(':is(h1, h2, h3, p, li, label, [data-testid="stText"], '
        + '[data-testid="stMetricValue"], [data-testid="stMetricLabel"], button)'))
        .filter(el => el.getClientRects().length && !inTwoDimensions(el)
                      && getComputedStyle(el).overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
        .map(el => el.textContent.trim().slice(0, 60));
    // The app's frame cuts off what is wider than the window; its main part scrolls sideways instead: measure that.
    return {pageWidth: main.scrollWidth, viewport: main.clientWidth, clipped};
}"""


@pytest.mark.parametrize("size", ["320 px wide", "200% zoom"])
def test_pages_reflow_at_320_px_and_at_200_percent(demo, browser, size):
    viewport, scale = ({"width": 320, "height": 640}, 1) if size == "320 px wide" else ({"width": 720, "height": 450}, 2)
    page = browser.new_page(viewport=viewport, device_scale_factor=scale)
    try:
        found = {}
        for path in ("", "overdue", "forces", "trends", "reports", "owners", "recommendation", "my_items", "review",
                     "closure", "responses", "activity", "accessibility", "meeting"):
            page.goto(address(demo, path, "admin"))
            drawn(page, path)
            measured = page.evaluate(REFLOW)
            if measured["pageWidth"] > measured["viewport"] or measured["clipped"]:
                found[path or "overview"] = measured
        assert found == {}
    finally:
        page.close()


def test_plain_tables_are_real_tables_whose_links_the_keyboard_follows(demo, browser, expect):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(address(demo, "overdue", "analyst") + "&plain=true")
        drawn(page, "overdue")
        main = page.get_by_test_id("stMain")
        expect(main.get_by_test_id("stDataFrame")).to_have_count(0)
        listing = main.get_by_test_id("stTable").filter(has=page.locator("th", has_text="Open")).first
        link = listing.locator("tbody tr").first.get_by_role("link")
        href = link.get_attribute("href")
        assert "recommendation?id=" in href
        assert axe_violations(page) == []
        link.focus()
        with page.context.expect_page() as opened:  # as the grid's links do, in a tab of its own
            page.keyboard.press("Enter")
        item = opened.value
        try:
            item.wait_for_url("**/recommendation?id=*")
            settle(item)
            expect(item.locator("h1").first).to_have_text("Recommendation")
        finally:
            item.close()
    finally:
        page.close()
