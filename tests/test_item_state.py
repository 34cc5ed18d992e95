"""Where submissions and closure requests stand, by the copy's own macros (store/schema/08_workflow.sql's
submission_rows and closure_rows), which the pages read and every write's rules read too (workflow/events.py), on
hand-built events whose answers are worked out here."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.store.copy import history_shape, make_copy
from tracker.store.database import located
from tracker.store.server import pool

D = date(2026, 3, 1)


def event(seq, kind, key="2-kent", on=D, submission=None, decision=None, status=None, target=None, actor_id=7):
    return {"seq": seq, "kind": kind, "key": key, "on_date": on, "actor_id": actor_id, "submission": submission,
            "status": status, "target": target, "decision": decision}


# 1 waiting; 2 accepted then returned (the latest decision counts); 3 returned then accepted; 4 accepted, then
# withdrawn (a withdrawal outranks any decision); 11, 12 closure requests, 12 accepted; 15 waiting when it closed.
EVENTS = [
    event(1, "submission", status="being-progressed"),
    event(2, "submission", status="complete", target=date(2026, 6, 30)),
    event(3, "submission", status="complete", on=date(2026, 3, 2)),
    event(4, "submission", status="being-progressed"),
    event(5, "decision", submission=2, decision="accept", on=date(2026, 3, 3)),
    event(6, "decision", submission=2, decision="return", on=date(2026, 3, 4)),
    event(7, "decision", submission=3, decision="return", on=date(2026, 3, 4)),
    event(8, "decision", submission=3, decision="accept", on=date(2026, 3, 5)),
    event(9, "decision", submission=4, decision="accept", on=date(2026, 3, 6)),
    event(10, "withdrawal", submission=4, on=date(2026, 3, 7)),
    event(11, "closure_request", on=date(2026, 3, 8)),
    event(12, "closure_request", on=date(2026, 3, 9)),
    event(13, "closure_decision", submission=12, decision="return", on=date(2026, 3, 10)),
    event(14, "closure_decision", submission=12, decision="accept", on=date(2026, 3, 11)),
    event(15, "submission", status="being-progressed", on=date(2026, 3, 9)),
    event(16, "lapse", submission=15, on=date(2026, 3, 11)),
]




@pytest.fixture
def copy(fixture_db):
    """An empty copy (the copy's whole schema, its history tables as PostgreSQL describes them) holding EVENTS."""
    with pool(located(fixture_db)).connection() as pg:
        shape = history_shape(pg)
    con, _ = make_copy(shape)
    cur = con.cursor()
    cur.execute("USE tracker")
    for e in EVENTS:
        cur.execute("INSERT INTO events (seq, event_id, kind, made_at, on_date, actor_id, actor, role, source, key, "
                    "submission, status, target, decision) VALUES ($seq, $id, $kind, TIMESTAMP '2026-03-01 09:00', "
                    "$on_date, $actor_id, 'a@kent.example', 'lead', 'test', $key, $submission, $status, $target, "
                    "$decision)", {**e, "id": f"e{e['seq']}"})
    return cur


def test_each_submission_stands_by_its_latest_decision_and_a_withdrawal_outranks_any(copy):
    rows = copy.execute("SELECT seq, state, decided_on, status, target FROM submission_rows('2-kent', NULL) "
                        "ORDER BY seq").fetchall()
    assert rows == [(1, "waiting", None, "being-progressed", None),
                    (2, "returned", date(2026, 3, 4), "complete", date(2026, 6, 30)),
                    (3, "accepted", date(2026, 3, 5), "complete", None),
                    (4, "withdrawn", date(2026, 3, 6), "being-progressed", None),
                    (15, "lapsed", None, "being-progressed", None)]
    assert copy.execute("SELECT seq FROM submission_rows(NULL, 5)").fetchall() == []  # a decision is no submission


def test_closure_requests_stand_by_their_latest_decision(copy):
    rows = copy.execute("SELECT seq, key, requested_on, state, decided_on FROM closure_rows('2-kent', NULL) "
                        "ORDER BY seq").fetchall()
    assert rows == [(11, "2-kent", date(2026, 3, 8), "waiting", None),
                    (12, "2-kent", date(2026, 3, 9), "accepted", date(2026, 3, 11))]
