"""Percent complete and RAG in Chromium, on the demo, as the people click through it: a lead reports an item 80%
complete on its page, the force's reviewer accepts it, and the page rates it green by the default rule; an
administrator's malformed rule for the force is refused with what is wrong, and the force's own rule ('red <= 90,
green') then rates the same 80% red, in words, with the rule stated under it."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from app_server import READY, streamlit_server

from tests.browser_help import settle, view_as

WAIT = 60_000


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo and the server on it, with a lead's open item, a reviewer of its force and an administrator."""
    from tracker.demo.builder import build_demo
    from tracker.store.database import open_reader

    db = tmp_path_factory.mktemp("rag") / "demo.duckdb"
    build_demo(db, n=200, seed=5, as_of=date(2026, 11, 28))
    con = open_reader(db).cursor()
    key, force, lead = con.execute("""
        SELECT s.key, s.force, p.name FROM rec_state(current_date, 180) s
        JOIN current_people p ON p.person_id = s.owner_id
        WHERE s.is_open AND s.status <> 'pending-sign-off' AND list_contains(p.roles, 'lead')
        ORDER BY s.key LIMIT 1""").fetchone()
    reviewer = con.execute("SELECT min(name) FROM current_people WHERE force = $f AND list_contains(roles, "
                           "'reviewer') AND name <> $l", {"f": force, "l": lead}).fetchone()[0]
    admin = con.execute("SELECT min(name) FROM current_people WHERE force IS NULL AND list_contains(roles, 'admin')"
                        ).fetchone()[0]
    with streamlit_server(db) as (_, url):
        yield {"url": url, "key": key, "force": force, "lead": f"{lead} ({force})",
               "reviewer": f"{reviewer} ({force})", "admin": f"{admin} (national)"}


def main(page):
    return page.get_by_test_id("stMain")


def choose(page, label: str, option: str) -> None:
    """Pick an option of a select box in the page's own part, as a person does with the keyboard."""
    page.wait_for_selector(READY, timeout=WAIT)
    main(page).get_by_role("combobox", name=label, exact=True).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_selector(READY, timeout=WAIT)


def set_rule(page, demo, rule: str) -> None:
    """The administrator sets the force's RAG rule on the People page (opened by its address once signed in as
    them: it is not in the menu of the person the demo opens as)."""
    view_as(page, demo["url"], demo["admin"])
    page.goto(f"{demo['url']}/people?as={parse_qs(urlparse(page.url).query)['as'][0]}")
    settle(page)
    form = main(page).get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Set the policy"))
    choose(page, "Force", demo["force"])
    choose(page, "Policy", "Red, amber and green")
    form.get_by_role("textbox", name="Value").fill(rule)
    form.get_by_role("textbox", name="Why").fill("The committee's own rule")
    form.get_by_role("button", name="Set the policy").click()


def test_a_reported_percent_is_rated_by_the_forces_rule(demo, browser, expect):
    url, key = demo["url"], demo["key"]
    page = browser.new_context().new_page()
    try:
        view_as(page, f"{url}/recommendation?id={key}", demo["lead"])
        main(page).get_by_label("Progress comment").fill("Four of the five sites are done.")
        main(page).get_by_label("Percent complete (optional)", exact=True).fill("80")
        main(page).get_by_role("button", name="Submit for review").click()
        expect(main(page).get_by_text("is waiting for review")).to_be_visible(timeout=WAIT)

        view_as(page, f"{url}/recommendation?id={key}", demo["reviewer"])
        main(page).get_by_role("button", name="Accept", exact=True).click()
        expect(main(page).get_by_text("Accepted: #")).to_be_visible(timeout=WAIT)
        expect(main(page).get_by_text("🟢 Green (by its percent complete)", exact=True)).to_be_visible()
        expect(main(page).get_by_text("Percent complete: 80%")).to_be_visible()  # in its history

        set_rule(page, demo, "red <= 90, purple")
        expect(main(page).get_by_text("Not set.")).to_be_visible(timeout=WAIT)
        expect(main(page).get_by_text("rag_rule cannot be 'red <= 90, purple': 'purple' in the band 'purple' is not "
                                      "a rating: write red, amber or green", exact=True)).to_be_visible()
        set_rule(page, demo, "Red <= 90, green")
        expect(main(page).get_by_text("Set from today: Red, amber and green")).to_be_visible(timeout=WAIT)

        view_as(page, f"{url}/recommendation?id={key}", demo["reviewer"])
        expect(main(page).get_by_text("🔴 Red (by its percent complete)", exact=True)).to_be_visible(timeout=WAIT)
        expect(main(page).get_by_text("RAG by percent complete: Red up to 90% complete, green over 90%.")
               ).to_be_visible()
    finally:
        page.context.close()
