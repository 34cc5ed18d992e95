"""The board's noting of a risk acceptance in meeting mode, in Chromium against a real `streamlit run` on the demo: a
reviewer proposed accepting an item's risk ten days ago and the chief officer signed it off; at the board's meeting
six days ago its chair notes it on the "For decision" screen (which still fits the projector), and the item is closed
as risk accepted from the meeting's day, the noting listed among the meeting's decisions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from app_server import CHROMIUM, READY, streamlit_server

from tests.test_meeting_browser import MAIN, SCROLLING, SHOTS, link, settle
from tracker.core import clock

TODAY = clock.today()
WAIT = 30_000

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (bash .ci/run installs it)")


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """A small demo with one open item of a board whose risk acceptance waits only for the board's noting, the board's
    meeting six days ago chaired by a reviewer of the item's force, and the server on it."""
    from tracker.demo.builder import build_demo
    from tracker.people.access import Person
    from tracker.store.database import open_reader
    from tracker.workflow.actions import propose_risk_acceptance, record_meeting, sign_off_risk

    db = tmp_path_factory.mktemp("closing") / "demo.duckdb"
    build_demo(db, n=200, seed=5, as_of=TODAY)
    held = TODAY - timedelta(days=6)
    row = open_reader(db).cursor().execute("""
        SELECT s.key, s.id, s.board, s.force, v.person_id, v.email, v.name, v.roles
        FROM rec_state($today, 180) s
        JOIN rec_state($before, 180) b USING (key)
        JOIN current_people v ON v.force = s.force AND v.active AND list_contains(v.roles, 'reviewer')
                                 AND v.person_id IS DISTINCT FROM s.owner_id
        WHERE s.is_open AND b.is_open AND s.board IS NOT NULL AND s.status <> 'pending-sign-off'
        ORDER BY s.key, v.person_id LIMIT 1""", {"today": TODAY, "before": TODAY - timedelta(days=12)}).fetchall()[0]
    key, item_id, board, force = row[:4]
    chair = Person(row[4], row[5], row[6], force, tuple(row[7]))
    proposal = propose_risk_acceptance(db, chair, key, "Replacing the system costs more than the risk it carries.",
                                       today=TODAY - timedelta(days=10))
    sign_off_risk(db, chair, key, "Chief Constable A Smith", "chief officer", TODAY - timedelta(days=9),
                  today=TODAY - timedelta(days=8))
    record_meeting(db, chair, board, held, today=held)
    with streamlit_server(db) as (_, url):
        yield {"url": url, "db": db, "key": key, "id": item_id, "force": force, "board": board, "chair": chair,
               "held": held, "proposal": proposal}


def test_the_chair_notes_a_risk_acceptance_in_meeting_mode_and_the_item_closes(room, browser, expect):
    from tracker.core.filters import Filters
    from tracker.store import queries
    from tracker.store.database import open_reader

    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(link(room, room["held"], "For decision"))
        settle(page)
        main = page.get_by_test_id("stMain")
        expect(main.get_by_text("Risk acceptances for the board to note: 1")).to_be_visible()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "meeting-risk-to-note-1280x720.png"))
        assert page.evaluate(SCROLLING) == []                 # the screen still fits the projector
        scroll_height, client_height = page.evaluate(MAIN)
        assert scroll_height <= client_height
        choice = f"#{room['proposal']} · {int(room['id'])} · {room['force']}: risk acceptance to note"
        main.get_by_role("combobox", name="Item", exact=True).click()
        page.keyboard.type("risk acceptance to note")
        page.get_by_role("option", name=choice, exact=True).click()
        page.wait_for_selector(READY, timeout=WAIT)
        expect(main.get_by_role("radio", name="Note the risk acceptance")).to_be_checked()
        main.get_by_label("Note (optional)").fill("Noted: to come back in a year.")
        main.get_by_label("Note (optional)").press("Tab")
        page.wait_for_selector(READY, timeout=WAIT)
        main.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_text("Recorded against this meeting: it is in the item's history.")).to_be_visible()
        expect(main.get_by_text("Risk acceptances for the board to note")).to_have_count(0)

        page.goto(link(room, room["held"], "Decisions taken"))
        settle(page)
        expect(page.get_by_text("1 decisions recorded at this meeting. Chair:")).to_be_visible()
    finally:
        page.close()

    con = open_reader(room["db"])
    state = queries.run(con, "workflow_item", **Filters(as_of=TODAY).params(), key=room["key"])
    assert (state["status"], state["risk_noted_on"].date(), state["risk_closed_on"].date()) == (
        "risk-accepted", room["held"], room["held"])
    before = queries.run(con, "workflow_item", **Filters(as_of=room["held"] - timedelta(days=1)).params(),
                         key=room["key"])
    assert before["is_open"]
    history = queries.run(con, "recommendation_history", **Filters(as_of=TODAY).params(), key=room["key"])
    noted = history[history["text"].str.startswith(f"Risk acceptance #{room['proposal']} noted by the")].iloc[0]
    assert noted["text"].endswith("at its meeting. Noted: to come back in a year.")
    assert noted["review"] == (f"noted by {room['chair'].email} at the {room['board']} meeting on "
                               f"{room['held'].isoformat()}")
