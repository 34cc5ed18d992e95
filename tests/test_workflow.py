"""Submit and review: the rules, the workflow folded into the history, the audit trail, concurrency and kills."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.workflow_people import ACC_X, ACC_Y, ADMIN, DIRECTORY, ESSEX_LEAD, LEAD, VIEWER
from tracker.cli import main
from tracker.core import clock
from tracker.core.filters import Filters
from tracker.ingest.people import import_people
from tracker.people.access import Person
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.actions import WorkflowError, decide, submit, withdraw
from tracker.workflow.rules import (
    Item,
    Submission,
    proposal_problem,
    review_refusal,
    review_role,
    submit_refusal,
    withdraw_refusal,
)

ROOT = Path(__file__).parent.parent

TODAY = clock.today()


@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    """The fixture with the directory above."""
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


def state(db: Path, key: str, on: date = TODAY) -> tuple:
    """(status, is_open, target_current, last_update_on) of an item as every reader sees it."""
    con = open_reader(db)
    return con.cursor().execute("SELECT status, is_open, target_current, last_update_on FROM rec_state($d, 180) "
                                "WHERE key = $k", {"d": on, "k": key}).fetchall()[0]


def submission_state(db: Path, key: str, seq: int) -> str:
    """Where submission `seq` on recommendation `key` stands, as its item's page lists it."""
    rows = run(db, "item_submissions", key=key)
    return rows.loc[rows["seq"] == seq, "state"].item()


def run(db: Path, name: str, **params):
    con = open_reader(db)
    return queries.run(con, name, **Filters(as_of=TODAY).params(), **params)


# --- The rules (pure) -----------------------------------------------------------------------------------------------

KENT_ITEM = Item("2-kent", "Kent", owner_id=1, overseer_id=2, is_open=True)


@pytest.mark.parametrize(("person", "item", "refused"), [
    (LEAD, KENT_ITEM, None),
    (ESSEX_LEAD, KENT_ITEM, "there is no such recommendation in your force"),
    (ACC_Y, Item("3-essex", "Essex", 3, 4, True), "you can submit progress only on the recommendations you own"),
    (VIEWER, KENT_ITEM, "only a recommendation lead can submit progress"),
    (LEAD, Item("1-kent", "Kent", 1, 2, False),
     ("this recommendation is closed (complete, or closed apart: superseded, no further action needed, risk accepted or "
     "carried forward)")),
    (Person(1, "supt.a@kent.example", "Supt A", "Kent", ("lead",), active=False), KENT_ITEM,
     "only a signed-in, active person can submit progress"),
])
def test_who_may_submit(person, item, refused):
    assert submit_refusal(person, item) == refused


def test_who_may_review():
    assert review_role(ACC_X, KENT_ITEM) == "overseer"
    assert review_role(ACC_Y, KENT_ITEM) is None            # a reviewer of another force
    assert review_role(ADMIN, KENT_ITEM) == "admin"
    assert review_role(VIEWER, KENT_ITEM) is None
    mine = Submission(1, "2-kent", actor_id=2, state="waiting")
    assert review_refusal(ACC_X, KENT_ITEM, mine) == "nobody reviews their own submission"
    assert review_refusal(ACC_X, KENT_ITEM, Submission(1, "2-kent", 1, "withdrawn")) == "this submission was withdrawn"
    assert review_refusal(ACC_X, KENT_ITEM, Submission(1, "2-kent", 1, "accepted")) is None  # a later decision supersedes


def test_who_may_withdraw():
    waiting = Submission(1, "2-kent", 1, "waiting")
    assert withdraw_refusal(LEAD, waiting) is None
    assert withdraw_refusal(ACC_X, waiting) == "only the person who made a submission can withdraw it"
    assert withdraw_refusal(LEAD, Submission(1, "2-kent", 1, "accepted")) == "this submission is already accepted"


@pytest.mark.parametrize(("comment", "status", "target", "reason", "problem"), [
    ("", None, None, None, "write a progress comment"),
    ("Done.", "awaiting-review", None, None, "'awaiting-review' is not a status you can propose"),
    ("Done.", None, TODAY + timedelta(days=90), None, "say why the target moves"),
    ("Done.", None, TODAY + timedelta(days=9000), "Later", "a revised target is within a year before today"),
    ("Done.", "complete", TODAY + timedelta(days=90), "Training", None),
])
def test_what_a_submission_must_hold(comment, status, target, reason, problem):
    found = proposal_problem(comment, status, target, reason, TODAY)
    if problem is None:
        assert found is None
    else:
        assert found.startswith(problem), found


# --- Submit, review, withdraw ---------------------------------------------------------------------------------------

def test_a_proposed_completion_takes_effect_only_when_accepted(db):
    before = state(db, "2-kent")
    assert before[:2] == ("being-progressed", True)
    seq = submit(db, LEAD, "2-kent", "All officers trained; audit shows 96% compliance.", status="complete")
    after_submit = state(db, "2-kent")
    assert after_submit[:2] == ("being-progressed", True)          # waiting: the status is unchanged
    assert after_submit[3] == TODAY                                 # but the comment is an update of today
    history = run(db, "recommendation_history", key="2-kent")
    assert history.iloc[-1][["text", "author", "review"]].tolist() == [
        "All officers trained; audit shows 96% compliance.", "supt.a@kent.example", "awaiting review"]
    decide(db, ACC_X, [seq], "accept")
    # The force accepts it as done: pending the inspectorate's sign-off, still open, from the decision's date.
    assert state(db, "2-kent")[:2] == ("pending-sign-off", True)
    assert state(db, "2-kent", TODAY - timedelta(days=1))[:2] == ("being-progressed", True)
    assert submission_state(db, "2-kent", seq) == "accepted"


def test_a_returned_submission_goes_back_with_its_reason_and_changes_nothing(db):
    seq = submit(db, LEAD, "5-kent", "Half way.", status="complete")
    decide(db, ACC_X, [seq], "return", "Show the audit results")
    assert state(db, "5-kent")[:2] == ("being-progressed", True)
    mine = run(db, "my_submissions", person_id=1)
    assert mine[["seq", "state", "decision_reason", "decided_by"]].values.tolist() == [
        [seq, "returned", "Show the audit results", "acc.x@kent.example"]]


def test_a_later_decision_supersedes_an_earlier_one(db):
    seq = submit(db, LEAD, "2-kent", "Done.", status="complete")
    decide(db, ACC_X, [seq], "accept")
    assert state(db, "2-kent")[0] == "pending-sign-off"
    decide(db, ADMIN, [seq], "return", "Accepted in error: the audit is not attached")
    assert state(db, "2-kent")[:2] == ("being-progressed", True)
    assert submission_state(db, "2-kent", seq) == "returned"
    events = run(db, "activity", key="2-kent", search=None, limit=10_000, offset=0)
    assert events["action"].tolist() == ["decision: return", "decision: accept", "submission"]  # nothing is lost


def test_a_revised_target_takes_effect_from_the_decision(db):
    new_target = TODAY + timedelta(days=120)
    seq = submit(db, LEAD, "5-kent", "Training moved to the spring.", target=new_target, reason="Trainer unavailable")
    assert state(db, "5-kent")[2] != new_target
    decide(db, ACC_X, [seq], "accept")
    status, is_open, target, _ = state(db, "5-kent")
    assert (status, is_open, target) == ("being-progressed", True, new_target)
    detail = run(db, "overdue_items", sort="days_overdue", limit=100)
    assert "5-kent" not in detail["key"].tolist()  # no longer overdue against the accepted target


def test_a_withdrawn_submission_no_longer_counts(db):
    seq = submit(db, LEAD, "2-kent", "Oops, wrong item.")
    withdraw(db, LEAD, seq)
    assert submission_state(db, "2-kent", seq) == "withdrawn"
    assert "Oops, wrong item." not in run(db, "recommendation_history", key="2-kent")["text"].tolist()
    with pytest.raises(WorkflowError, match="this submission was withdrawn"):
        decide(db, ACC_X, [seq], "accept")
    with pytest.raises(WorkflowError, match="already withdrawn"):
        withdraw(db, LEAD, seq)


def test_accepting_several_at_once_is_all_or_nothing(db):
    a = submit(db, LEAD, "2-kent", "One.", status="pending-sign-off")
    b = submit(db, LEAD, "5-kent", "Two.", status="pending-sign-off")
    c = submit(db, ESSEX_LEAD, "3-essex", "Three.", status="complete")
    with pytest.raises(WorkflowError, match=f"submission #{c}: only the item's overseer"):
        decide(db, ACC_X, [a, b, c], "accept")  # ACC X may not decide on Essex: nothing is decided
    assert [submission_state(db, k, s) for k, s in (("2-kent", a), ("5-kent", b), ("3-essex", c))] == ["waiting"] * 3
    decide(db, ACC_X, [a, b], "accept")
    assert state(db, "2-kent")[0] == state(db, "5-kent")[0] == "pending-sign-off"


def test_nobody_reaches_past_the_rules(db):
    with pytest.raises(WorkflowError, match="you can submit progress only on the recommendations you own"):
        submit(db, ACC_Y, "3-essex", "Not mine.")
    with pytest.raises(WorkflowError, match="there is no such recommendation in your force"):
        submit(db, LEAD, "3-essex", "Essex is not mine.")
    with pytest.raises(WorkflowError, match="only a recommendation lead"):
        submit(db, VIEWER, "2-kent", "Viewers do not submit.")
    seq = submit(db, ESSEX_LEAD, "3-essex", "Mine.")
    with pytest.raises(WorkflowError, match="only the item's overseer"):  # a lead is no reviewer (own: see the rules)
        decide(db, ESSEX_LEAD, [seq], "accept")
    with pytest.raises(WorkflowError, match="say why"):
        decide(db, ACC_Y, [seq], "return", "  ")
    # The refusals wrote nothing.
    assert run(db, "activity", key="3-essex", search=None, limit=10_000, offset=0)["action"].tolist() == ["submission"]


def test_the_command_line_is_held_to_the_same_rules_and_recorded_as_such(db, capsys):
    assert main(["--db", str(db), "submit", "--as", "dci.b@essex.example", "--id", "2-kent", "--comment", "x"]) == 1
    assert "there is no such recommendation in your force" in capsys.readouterr().err
    assert main(["--db", str(db), "submit", "--as", "nobody@example.org", "--id", "2-kent", "--comment", "x"]) == 1
    assert "nobody active in the directory has this email" in capsys.readouterr().err
    assert main(["submit", "--db", str(db), "--as", "supt.a@kent.example", "--id", "2-kent", "--comment", "From the shell.",
                 "--status", "complete"]) == 0
    assert "Submission #1 saved: awaiting review" in capsys.readouterr().out
    assert main(["--db", str(db), "review", "--as", "supt.a@kent.example", "--submission", "1", "--accept"]) == 1
    assert main(["--db", str(db), "review", "--as", "acc.x@kent.example", "--submission", "1", "--accept"]) == 0
    trail = run(db, "activity", key="2-kent", search=None, limit=10_000, offset=0)
    assert trail[["action", "actor", "role", "source"]].values.tolist() == [
        ["decision: accept", "acc.x@kent.example", "overseer", "command line"],
        ["submission", "supt.a@kent.example", "lead", "command line"]]
    assert json.loads(trail.iloc[0]["before"]) == {"status": "being-progressed", "target": "2021-12-31"}
    assert json.loads(trail.iloc[0]["after"])["status"] == "complete"


def test_imports_and_directory_changes_are_in_the_trail(db):
    trail = run(db, "activity", key=None, search=None, limit=10_000, offset=0)
    assert trail["action"].tolist()[-2:] == ["people import", "import"]  # newest first
    assert trail.iloc[-1]["actor"] == "command line" or trail.iloc[-1]["actor"].startswith("command line")


def test_exports_of_updates_carry_the_author_and_the_review(db, capsys):
    seq = submit(db, LEAD, "2-kent", "Exported.", status="complete")
    decide(db, ACC_X, [seq], "accept")
    assert main(["--db", str(db), "export", "--format", "json"]) == 0
    two = next(r for r in json.loads(capsys.readouterr().out) if r["id"] == 2 and r["force"] == "Kent")
    assert two["status"] == "pending-sign-off"
    assert two["updates"][-2:] == [
        {"date": TODAY.isoformat(), "status": None, "text": "Exported.", "author": "supt.a@kent.example",
         "review": f"accepted by acc.x@kent.example on {TODAY.isoformat()}"},
        {"date": TODAY.isoformat(), "status": "pending-sign-off",
         "text": "The force accepts that this is complete; it is pending the inspectorate's sign-off.",
         "author": "supt.a@kent.example", "review": f"accepted by acc.x@kent.example on {TODAY.isoformat()}"}]


# --- Many writers at once, and writers killed -----------------------------------------------------------------------

WRITER = """
import sys
from tracker.people.access import Person
from tracker.workflow.actions import submit
lead = Person(1, "supt.a@kent.example", "Supt A", "Kent", ("lead",))
print(submit(sys.argv[1], lead, sys.argv[2], sys.argv[3]), flush=True)
"""


def test_twenty_writers_at_once_lose_and_duplicate_nothing(db):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), ("2-kent", "5-kent")[i % 2], f"Writer {i}."],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(20)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    assert sorted(int(o[0]) for o in outs) == list(range(1, 21))  # each got its own number
    con = open_reader(db)
    rows = con.cursor().execute("SELECT comment FROM events ORDER BY seq").fetchall()
    assert sorted(c for (c,) in rows) == sorted(f"Writer {i}." for i in range(20))
    assert con.cursor().execute("SELECT count(*) FROM updates WHERE author IS NOT NULL").fetchall() == [(20,)]


def event_counts(db: Path) -> tuple[int, int]:
    """(events, submissions accepted) as a reader sees them."""
    con = open_reader(db)
    return con.cursor().execute("SELECT (SELECT count(*) FROM events), "
                                "(SELECT count(*) FROM submissions WHERE state = 'accepted')").fetchall()[0]


KILLED = """
import sys, time
from tracker.people.access import Person
from tracker.workflow import actions
from tracker.store import write
real = write.sql_text
def slow(path):  # widens the window a kill can land in, without changing what is written: the items locked and read,
    if path.name == "add_event.sql":  # the event about to be sent in the write's open transaction
        print("writing", flush=True)
        time.sleep(0.3)
    return real(path)
write.sql_text = slow
lead = Person(1, "supt.a@kent.example", "Supt A", "Kent", ("lead",))
acc = Person(2, "acc.x@kent.example", "ACC X", "Kent", ("reviewer",))
if sys.argv[2] == "submit":
    actions.submit(sys.argv[1], lead, "2-kent", "Killed?", status="complete")
else:
    actions.decide(sys.argv[1], acc, [int(sys.argv[3])], "accept")
"""


@pytest.mark.parametrize("what", ["submit", "review"])
def test_a_write_killed_at_any_moment_leaves_before_or_after(db, what):
    seq = submit(db, LEAD, "2-kent", "To be reviewed.", status="complete") if what == "review" else 0
    before = event_counts(db)
    rng = random.Random(3)
    seen = set()
    for attempt in range(4):
        proc = subprocess.Popen([sys.executable, "-c", KILLED, str(db), what, str(seq)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "writing"  # inside the write's transaction
        time.sleep(rng.uniform(0, 0.4) if attempt else 0)  # at once, then at random moments of the write
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        now = event_counts(db)
        seen.add("before" if now == before else "after")
        assert now == before or now == (before[0] + 1, before[1] + (what == "review")), now
        before = now
    assert "before" in seen
    # The next write is not held up by what a killed one left.
    submit(db, LEAD, "5-kent", "After the kills.")
    assert event_counts(db)[0] == before[0] + 1


def test_the_trail_is_paged_newest_first_and_searched(db):
    """The Activity page reads the trail a page at a time: limit and offset give consecutive pages of the same
    order, and a search keeps the rows whose actor, action, key or detail hold it (any case)."""
    submit(db, LEAD, "2-kent", "First note.", today=TODAY)
    submit(db, LEAD, "2-kent", "Second note about CUSTODY.", today=TODAY)
    whole = run(db, "activity", key=None, search=None, limit=10_000, offset=0)
    pages = [run(db, "activity", key=None, search=None, limit=2, offset=n) for n in range(0, len(whole), 2)]
    assert [r for p in pages for r in p["detail"].fillna("").tolist()] == whole["detail"].fillna("").tolist()
    assert whole["detail"].iloc[0].startswith("Second note")  # newest first
    found = run(db, "activity", key=None, search="custody", limit=10, offset=0)
    assert found["detail"].str.startswith("Second note").tolist() == [True] * len(found) and len(found) == 1

