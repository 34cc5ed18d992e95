"""Actions in Chromium, as people use them on the demo: a reviewer has split a lead's open item into an action owned by
that lead; on My items the lead sees it open, marks it complete with a note, and the list and the item's actions say
so. On another item with an action open, the reviewer's acceptance of the lead's 'complete' is refused until they say
why, and then saved with the reason in the item's history. On a third, the reviewer adds the first action."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from app_server import READY, streamlit_server

from tests.browser_help import view_as
from tracker.core import clock
from tracker.core.filters import Filters
from tracker.people.access import person_of
from tracker.store import queries
from tracker.store.database import open_reader

WAIT = 60_000
NOTE = "Every cell audited; the report is on the intranet."
WHY = "The briefings are routine and go on after sign-off."


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo with one action, owned by a lead, under an open item of theirs; the server on it."""
    from tracker.demo.builder import build_demo
    from tracker.workflow.actions import add_action, submit

    db = tmp_path_factory.mktemp("actions") / "demo.duckdb"
    build_demo(db, n=200, seed=5, as_of=date(2026, 11, 28))
    con = open_reader(db).cursor()
    (key, force, lead_id), (other, _, _) = con.execute("""
        SELECT s.key, s.force, p.person_id FROM rec_state(current_date, 180) s
        JOIN current_people p ON p.person_id = s.owner_id
        WHERE s.is_open AND s.status <> 'pending-sign-off' AND list_contains(p.roles, 'lead')
          AND p.person_id = (SELECT min(owner_id) FROM rec_state(current_date, 180) r
                             WHERE r.is_open AND r.status <> 'pending-sign-off'
                             GROUP BY owner_id HAVING count(*) >= 2 ORDER BY min(owner_id) LIMIT 1)
        ORDER BY s.key LIMIT 2""").fetchall()
    reviewer = person_of(con.execute("""
        SELECT person_id, email, name, force, roles, active FROM current_people
        WHERE force = $f AND list_contains(roles, 'reviewer') AND person_id <> $l ORDER BY name LIMIT 1""",
                                     {"f": force, "l": lead_id}).df().iloc[0])
    third = con.execute("""SELECT key FROM rec_state(current_date, 180) WHERE is_open AND force = $f
                           AND key NOT IN ($k, $o) ORDER BY key LIMIT 1""", {"f": force, "k": key, "o": other}
                        ).fetchone()[0]
    lead = person_of(queries.run(open_reader(db), "person_by_id", person_id=lead_id))
    add_action(db, reviewer, key, "Audit every custody cell", lead.person_id, clock.today() + timedelta(days=30))
    add_action(db, reviewer, other, "Brief every sergeant", reviewer.person_id, clock.today() + timedelta(days=30))
    submission = submit(db, lead, other, "Everything is done.", status="complete")
    with streamlit_server(db) as (_, url):
        yield {"url": url, "db": db, "key": key, "lead": lead, "other": other, "reviewer": reviewer,
               "submission": submission, "third": third}


def test_a_lead_marks_their_action_complete_on_my_items(demo, browser, expect):
    url, key, lead = demo["url"], demo["key"], demo["lead"]
    page = browser.new_page()
    try:
        view_as(page, f"{url}/my_items", lead.label)
        main = page.get_by_test_id("stMain")
        expect(main.get_by_role("heading", name="Actions (1 open, 0 overdue)")).to_be_visible(timeout=WAIT)
        form = main.get_by_test_id("stForm").filter(has_text="Report progress on an action")
        expect(form.get_by_role("combobox", name="Action")).to_have_value(f"{key} · action 1: Audit every custody cell")
        form.get_by_test_id("stRadio").get_by_text("Complete", exact=True).click()
        form.get_by_label("Progress note").fill(NOTE)
        form.get_by_role("button", name="Save progress").click()
        expect(main.get_by_text(f"Saved: action 1 of {key} is complete (event #")).to_be_visible(timeout=WAIT)
        page.wait_for_selector(READY, timeout=WAIT)
        expect(main.get_by_role("heading", name="Actions (0 open, 0 overdue)")).to_be_visible(timeout=WAIT)
    finally:
        page.close()
    actions = queries.run(open_reader(demo["db"]), "item_actions", **Filters(as_of=clock.today()).params(), key=key)
    assert actions[["action", "status", "latest_update", "updated_by", "updates"]].values.tolist() == [
        [1, "complete", NOTE, lead.email, 1]]


def test_a_reviewer_accepts_completion_with_an_action_open_only_saying_why(demo, browser, expect):
    url, other, seq = demo["url"], demo["other"], demo["submission"]
    page = browser.new_page()
    try:
        view_as(page, f"{url}/recommendation?id={other}", demo["reviewer"].label)
        main = page.get_by_test_id("stMain")
        expect(main.get_by_text(f"#{seq} ({other}: action 1 open)")).to_be_visible(timeout=WAIT)
        main.get_by_role("button", name="Accept", exact=True).click()
        expect(main.get_by_text(f"submission #{seq}: action 1 of this recommendation is still open")).to_be_visible(
            timeout=WAIT)
        main.get_by_label("Why it is complete with actions still open").fill(WHY)
        main.get_by_role("button", name="Accept", exact=True).click()
        expect(main.get_by_text(f"Accepted: #{seq}.")).to_be_visible(timeout=WAIT)
        expect(main.get_by_text(f"Accepted as complete with action 1 still open: {WHY}")).to_be_visible(timeout=WAIT)
    finally:
        page.close()
    state = queries.run(open_reader(demo["db"]), "workflow_item", **Filters(as_of=clock.today()).params(), key=other)
    assert state["status"] == "pending-sign-off"


def test_a_reviewer_adds_the_first_action_under_an_item(demo, browser, expect):
    url, third, reviewer = demo["url"], demo["third"], demo["reviewer"]
    target = clock.today() + timedelta(days=45)
    page = browser.new_page()
    try:
        view_as(page, f"{url}/recommendation?id={third}", reviewer.label)
        main = page.get_by_test_id("stMain")
        main.get_by_text("Actions: none yet").click()
        form = main.get_by_test_id("stForm").filter(has_text="A new action")
        form.get_by_label("What is to be done").fill("Review the custody <b>policy</b>")
        form.get_by_role("combobox", name="Owner").click()
        page.keyboard.type(reviewer.name)
        # The list redraws at each key typed: wait until it holds only the matches, then take the first by keyboard.
        expect(page.get_by_role("option").first).to_contain_text(reviewer.name)
        page.keyboard.press("Enter")
        expect(form.get_by_role("combobox", name="Owner")).to_have_value(re.compile(re.escape(reviewer.name)))
        form.get_by_role("spinbutton", name="day, Target date").click()
        page.keyboard.type(f"{target:%d%m%Y}")  # the date's segments take their digits in turn
        expect(form.get_by_role("spinbutton", name="year, Target date")).to_have_text(f"{target:%Y}")
        form.get_by_role("button", name="Add the action").click()
        expect(main.get_by_text("Saved: action 1 added (event #")).to_be_visible(timeout=WAIT)
        expect(main.get_by_role("heading", name="Actions: 0 of 1 action complete")).to_be_visible(timeout=WAIT)
    finally:
        page.close()
    actions = queries.run(open_reader(demo["db"]), "item_actions", **Filters(as_of=clock.today()).params(), key=third)
    assert [(a.action, a.title, a.owner_id, a.target.date(), a.status) for a in actions.itertuples()] == [
        (1, "Review the custody <b>policy</b>", reviewer.person_id, target, "open")]
