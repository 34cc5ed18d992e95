"""The sidebar as a newcomer meets it, in Debian's Chromium against a real `streamlit run` on the demo: every filter's
list opens at the first click, and a shared "View as" link opens as the person it names."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from app_server import CHROMIUM, streamlit_server

from tests.browser_help import settle, still

FILTERS = ("Force", "Theme", "Report", "Kind", "Status", "Owner", "Priority")
PICKER = "View as (demo only)"
CLICKS = 3  # single clicks on each filter, one after another as a person tries them

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo, the server on it, and a lead of Kent (id, the label the picker shows, the name the banner shows)."""
    from tracker.demo.builder import build_demo
    from tracker.store.database import open_reader

    db = tmp_path_factory.mktemp("sidebar") / "demo.duckdb"
    build_demo(db, n=300, seed=5, as_of=date(2026, 11, 28))
    person_id, name, force, roles = open_reader(db).cursor().execute("""
        SELECT person_id, name, force, roles FROM current_people
        WHERE active AND force = 'Kent' AND list_contains(roles, 'lead') ORDER BY name LIMIT 1""").fetchone()
    with streamlit_server(db) as (_, url):
        yield {"url": url, "lead": person_id, "lead_label": f"{name} ({force}) · {', '.join(roles)}",
               "lead_name": f"{name} ({force})"}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    yield context.new_page()
    context.close()


def next_frames(page) -> None:
    """Wait until the browser has drawn two more frames (events a click set off, a scroll's among them, are out)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))")


def test_every_filters_list_opens_at_the_first_click(demo, page, expect):
    page.goto(demo["url"])
    settle(page)
    still(page)
    sidebar = page.get_by_test_id("stSidebar")
    listbox = page.get_by_role("listbox")
    missed = []
    for round_ in range(CLICKS):
        for name in FILTERS:
            box = sidebar.get_by_role("combobox", name=name)
            box.click()
            try:
                expect(listbox).to_be_visible(timeout=5_000)
                next_frames(page)
                expect(box).to_have_attribute("aria-expanded", "true", timeout=1_000)
            except AssertionError:
                missed.append(f"{name} (round {round_ + 1})")
            page.keyboard.press("Escape")
            expect(listbox).to_have_count(0)
    assert missed == [], f"{len(missed)} of {CLICKS * len(FILTERS)} single clicks opened no list: {missed}"


def test_a_shared_link_opens_as_the_person_it_names(demo, page, expect):
    page.goto(f"{demo['url']}/?as={demo['lead']}")
    settle(page)
    sidebar = page.get_by_test_id("stSidebar")
    picker = sidebar.get_by_role("combobox", name=PICKER)
    expect(picker).to_have_value(demo["lead_label"])
    expect(sidebar.get_by_text(demo["lead_name"], exact=True)).to_be_visible()  # under "Demo: viewing as"
    # Scoped to Kent: the Force filter offers Kent alone.
    sidebar.get_by_role("combobox", name="Force").click()
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_text(["Kent"])
    page.keyboard.press("Escape")
    # The picker still writes whom it shows into the address.
    picker.click()
    option = page.get_by_role("option").nth(1)
    chosen = option.inner_text()
    option.click()
    expect(picker).to_have_value(chosen)
    page.wait_for_url(re.compile(r"[?&]as=(?!" + str(demo["lead"]) + r"\b)"))
    settle(page)
    expect(sidebar.get_by_text(chosen.split(" · ")[0], exact=True)).to_be_visible()


def test_an_unknown_person_in_a_link_opens_as_the_default(demo, page, expect):
    page.goto(demo["url"])
    settle(page)
    picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name=PICKER)
    default = picker.input_value()
    assert default
    page.goto(f"{demo['url']}/?as=999999")
    settle(page)
    expect(picker).to_have_value(default)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
