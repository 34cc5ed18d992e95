"""Where items, submissions and closure requests stand for the rules, folded from their events (workflow/standing.py),
on hand-built events whose answers are worked out here, and in agreement with the copy's own macros for the same
events (store/journal.sql's submission_rows and closure_rows, which the pages read)."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from tracker.store.copy import JOURNAL_SCHEMA
from tracker.store.queries import sql_text
from tracker.workflow import standing
from tracker.workflow.rules import ClosureRequest

D = date(2026, 3, 1)


def event(seq, kind, key="2-kent", on=D, submission=None, decision=None, status=None, target=None, actor_id=7):
    return {"seq": seq, "kind": kind, "key": key, "on_date": on, "actor_id": actor_id, "submission": submission,
            "status": status, "target": target, "decision": decision}


# 1 waiting; 2 accepted then returned (the latest decision counts); 3 returned then accepted; 4 accepted, then
# withdrawn (a withdrawal outranks any decision); 11, 12 closure requests, 12 accepted.
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
]


def test_each_submission_stands_by_its_latest_decision_and_a_withdrawal_outranks_any():
    states = {seq: s["state"] for seq, s in standing.submissions(EVENTS).items()}
    assert states == {1: "waiting", 2: "returned", 3: "accepted", 4: "withdrawn"}
    assert standing.submissions(EVENTS)[3]["decided_on"] == date(2026, 3, 5)
    sub, proposal = standing.submission_standing(EVENTS, 2)
    assert (sub.seq, sub.key, sub.actor_id, sub.state) == (2, "2-kent", 7, "returned")
    assert proposal == {"status": "complete", "target": "2026-06-30"}
    assert standing.submission_standing(EVENTS, 5) == (None, {})  # a decision is not a submission


def test_closure_requests_stand_by_their_latest_decision():
    assert standing.closure_requests(EVENTS) == {
        11: ClosureRequest(11, "2-kent", date(2026, 3, 8), "waiting"),
        12: ClosureRequest(12, "2-kent", date(2026, 3, 9), "accepted")}
    assert standing.waiting_request(EVENTS).seq == 11
    assert standing.waiting_request(EVENTS[:10]) is None


IMPORTED = ("2-kent", "Kent", 7, 8, "Force Board", date(2026, 1, 1), "being-progressed", date(2026, 12, 31),
            date(2027, 1, 31))


def test_an_item_takes_the_latest_decided_status_and_target_over_the_imported_ones():
    # Accepted: 3 (complete -> pending sign-off, decided 5 Mar); the inspectorate accepted closure on 11 Mar: the
    # latest status is complete. No accepted submission proposed a target: the imported span's stands.
    item, before = standing.item_standing(IMPORTED, EVENTS)
    assert (item.key, item.force, item.owner_id, item.overseer_id, item.board) == ("2-kent", "Kent", 7, 8,
                                                                                   "Force Board")
    assert before == {"status": "complete", "target": "2026-12-31"} and not item.is_open
    # Without the closure decisions, the accepted complete is pending sign-off (open).
    item, before = standing.item_standing(IMPORTED, EVENTS[:12])
    assert before["status"] == "pending-sign-off" and item.is_open
    # A board's target (kind 'target') counts from its day.
    board = event(15, "target", on=date(2026, 3, 12), target=date(2026, 9, 30))
    assert standing.item_standing(IMPORTED, [*EVENTS[:12], board])[1] == {"status": "pending-sign-off",
                                                                         "target": "2026-09-30"}


def test_an_imported_status_that_began_after_the_decision_counts_over_it():
    later = (*IMPORTED[:5], date(2026, 3, 20), "superseded", None, date(2027, 1, 31))
    item, before = standing.item_standing(later, EVENTS[:12])
    assert before == {"status": "superseded", "target": "2027-01-31"} and not item.is_open  # no span target: current
    nothing = (*IMPORTED[:5], None, None, None, None)
    assert standing.item_standing(nothing, [])[1] == {"status": "no-status", "target": None}
    assert standing.item_standing(None, EVENTS) == (None, {})


@pytest.fixture
def journal():
    con = duckdb.connect(":memory:")
    text = sql_text(JOURNAL_SCHEMA)
    con.execute(text[:text.index("-- Each board meeting")])  # the events table
    for name in ("submission_rows", "closure_rows"):  # the two macros as the copy defines them
        start = text.index(f"CREATE OR REPLACE MACRO {name}(")
        con.execute(text[start:text.index(";", start) + 1])
    for e in EVENTS:
        con.execute("INSERT INTO events (seq, event_id, kind, made_at, on_date, actor_id, actor, role, source, key, "
                    "submission, status, target, decision) VALUES ($seq, $id, $kind, TIMESTAMP '2026-03-01 09:00', "
                    "$on_date, $actor_id, 'a@kent.example', 'lead', 'test', $key, $submission, $status, $target, "
                    "$decision)", {**e, "id": f"e{e['seq']}"})
    yield con


def test_the_fold_agrees_with_the_copy_s_macros(journal):
    rows = journal.execute("SELECT seq, state, decided_on FROM submission_rows('2-kent', NULL) ORDER BY seq").fetchall()
    folded = standing.submissions(EVENTS)
    assert rows == [(seq, s["state"], s["decided_on"]) for seq, s in sorted(folded.items())]
    rows = journal.execute("SELECT seq, key, requested_on, state FROM closure_rows('2-kent', NULL) ORDER BY seq").fetchall()
    assert rows == [tuple(vars(r).values()) for _, r in sorted(standing.closure_requests(EVENTS).items())]
