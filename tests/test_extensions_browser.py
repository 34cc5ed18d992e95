"""An extension request in Chromium, as the people in it click through it on the demo: a lead asks for a new target on
the item's page, where every move of its force's targets is the board's (reviewer_moves 0); the page says it waits
for the board; the board's chair agrees it on the meeting's 'Extensions requested' screen, which fits the projector;
the item's target moves from the meeting's day. axe finds nothing on either page."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from app_server import CHROMIUM, READY, streamlit_server
from test_meeting_browser import MAIN, SCROLLING

from tests.browser_help import axe_violations, view_as
from tracker.core import clock

WAIT = 60_000
TODAY = clock.today()

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (bash .ci/run installs it)")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo as of today: an open item of a board, owned by a lead, a reviewer of its force who chairs the
    board's meeting today, and the force's policy that only a board agrees a move of a target; the server on it."""
    from tracker.core.policies import REVIEWER_MOVES
    from tracker.demo.builder import build_demo
    from tracker.people.access import Person
    from tracker.store.database import open_reader
    from tracker.workflow.actions import record_meeting, set_policy

    db = tmp_path_factory.mktemp("extensions") / "demo.duckdb"
    build_demo(db, n=300, seed=5, as_of=TODAY)
    con = open_reader(db).cursor()
    row = con.execute("""
        SELECT s.key, s.board, s.force, o.name, v.person_id, v.email, v.name, v.roles
        FROM rec_state($today, 180) s
        JOIN current_people o ON o.person_id = s.owner_id AND o.active AND list_contains(o.roles, 'lead')
        JOIN current_people v ON v.force = s.force AND v.active AND list_contains(v.roles, 'reviewer')
                                 AND v.person_id <> o.person_id
        WHERE s.is_open AND s.board IS NOT NULL AND s.target_current IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM submissions x WHERE x.key = s.key AND x.state = 'waiting')
        ORDER BY s.key, v.person_id LIMIT 1""", {"today": TODAY}).fetchall()[0]
    key, board, force, lead = row[:4]
    chair = Person(row[4], row[5], row[6], force, tuple(row[7]))
    admin = con.execute("SELECT person_id, email, name, roles FROM current_people WHERE active AND force IS NULL "
                        "AND list_contains(roles, 'admin') ORDER BY person_id LIMIT 1").fetchone()
    set_policy(db, Person(admin[0], admin[1], admin[2], None, tuple(admin[3])), force, REVIEWER_MOVES, "0",
               "Every extension goes to the board", today=TODAY)
    meeting = record_meeting(db, chair, board, TODAY, today=TODAY)
    with streamlit_server(db) as (_, url):
        yield {"url": url, "db": db, "key": key, "board": board, "force": force, "lead": f"{lead} ({force})",
               "chair": chair, "meeting": meeting}


def main(page):
    return page.get_by_test_id("stMain")


def meeting_link(demo) -> str:
    """The meeting's 'Extensions requested' screen, viewed as its chair (the demo picker's label in the link)."""
    chair = demo["chair"]
    viewer = quote_plus(f"{chair.name} ({chair.force}) · {', '.join(chair.roles)}")
    board = quote_plus(f"{demo['board']} · {demo['force']}")
    return (f"{demo['url']}/meeting?board={board}&meeting={TODAY.isoformat()}&as={viewer}"
            f"&screen={quote_plus('Extensions requested')}")


def target_and_moves(db, key: str) -> tuple:
    from tracker.core.filters import Filters
    from tracker.store import queries
    from tracker.store.database import open_reader

    rec = queries.run(open_reader(db), "recommendation_detail", **Filters(as_of=TODAY).params(), key=key)
    return rec["target_current"].date(), int(rec["moves"])


def test_a_leads_extension_request_waits_for_the_board_and_its_chair_agrees_it(demo, browser, expect):
    key, requested = demo["key"], TODAY + timedelta(days=120)
    _, moves = target_and_moves(demo["db"], key)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        # The lead asks for a new target on the item's page, saying why.
        view_as(page, f"{demo['url']}/recommendation?id={key}", demo["lead"])
        main(page).get_by_label("Progress comment").fill("The new custody suite opens later than planned.")
        main(page).get_by_role("spinbutton", name="day, Revised target (optional)").click()
        page.keyboard.type(f"{requested:%d%m%Y}")  # the date's segments take their digits in turn
        expect(main(page).get_by_role("spinbutton", name="year, Revised target (optional)")).to_have_text(
            f"{requested:%Y}")
        main(page).get_by_label("Why the target moves").fill("The contractor went into administration.")
        main(page).get_by_role("button", name="Submit for review").click()
        expect(main(page).get_by_text(re.compile(r"^Saved: submission #\d+ is waiting for review\.$"))).to_be_visible(
            timeout=WAIT)
        seq = int(main(page).get_by_text("Saved: submission #").inner_text().split("#")[1].split()[0])
        # The page says, in the rule's words, that it waits for the board.
        expect(main(page).get_by_text(f"Extension request #{seq}: {demo['force']}'s policy is that only the item's "
                                      f"board agrees a move of its target: this extension request waits for the "
                                      f"{demo['board']} to decide it at a meeting")).to_be_visible()
        assert axe_violations(page) == []

        # The chair agrees it on the meeting's screen, which fits the projector without scrolling.
        page.goto(meeting_link(demo))
        page.wait_for_selector(READY, timeout=WAIT)
        expect(main(page).get_by_text(re.compile(r"^Extensions requested: 1, 1 beyond what a reviewer may agree "
                                                 r"alone"))).to_be_visible(timeout=WAIT)
        expect(main(page).get_by_text("Asked by")).to_contain_text("The contractor went into administration.")
        assert page.evaluate(SCROLLING) == []
        scroll_height, client_height = page.evaluate(MAIN)
        assert scroll_height <= client_height
        assert axe_violations(page) == []
        main(page).get_by_role("button", name="Record the decision").click()
        expect(main(page).get_by_text("Recorded against this meeting: it is in the item's history.")).to_be_visible(
            timeout=WAIT)
        expect(main(page).get_by_text("No extension request waits for this board.")).to_be_visible()
    finally:
        page.close()
    assert target_and_moves(demo["db"], key) == (requested, moves + 1)
