"""One item state: a write's rules read an item exactly as the pages show it. Two cases where they used to disagree,
each through the command line and through the page:
- a lead's 'complete' accepted three weeks ago, then the force's spreadsheet imported with a newer comment-only row:
  the item is pending sign-off everywhere, and closure can be requested;
- an item the inspectorate has closed, then a newer comment imported: it is closed everywhere, and takes no
  submission or decision.
And the closure cycle's own guards: a waiting submission lapses when its item closes, and a decision on a closed item
is refused."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from page_help import page_as

from tests.workflow_people import ACC_X, DIRECTORY, LEAD
from tracker.cli import main
from tracker.core import clock
from tracker.ingest.people import import_people
from tracker.people.access import Person
from tracker.store.database import open_reader
from tracker.workflow.actions import WorkflowError, decide, decide_closure, request_closure, submit

TODAY = clock.today()  # the page and the command line act today; the history is dated from it
WEEKS_AGO = TODAY - timedelta(days=21)
INSPECTOR = Person(7, "hmi.one@hmicfrs.example", "HMI One", None, ("inspectorate",))


@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    (tmp_path / "people.csv").write_text(DIRECTORY + f"{INSPECTOR.email},HMI One,national,inspectorate\n",
                                         encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


def accepted_complete(db: Path) -> int:
    """2-kent: the lead says complete, the force accepts it three weeks ago (pending sign-off); the submission."""
    seq = submit(db, LEAD, "2-kent", "All done.", status="complete", today=WEEKS_AGO)
    decide(db, ACC_X, [seq], "accept", today=WEEKS_AGO)
    return seq


def import_comment(db: Path, tmp_path: Path, on: date) -> None:
    """The force's spreadsheet, imported at the command line with a newer comment-only row on 2-kent."""
    sheet = tmp_path / "updates.csv"
    sheet.write_text(f"id,force,date,status,text\n2,Kent,{on.isoformat()},,A newer comment from the force.\n",
                     encoding="utf-8")
    assert main(["--db", str(db), "ingest", str(sheet)]) == 0


def page_state(db: Path, key: str) -> tuple[str, bool]:
    """(status, is_open) of the item as every page reads it today."""
    return open_reader(db).execute("SELECT status, is_open FROM rec_state($d, 180) WHERE key = $k",
                                   {"d": TODAY, "k": key}).fetchone()


def test_pending_sign_off_with_a_newer_comment_takes_a_closure_request_at_the_command_line(db, tmp_path, capsys):
    accepted_complete(db)
    import_comment(db, tmp_path, TODAY - timedelta(days=7))
    assert page_state(db, "2-kent") == ("pending-sign-off", True)
    assert main(["--db", str(db), "closure", "request", "--as", ACC_X.email, "--id", "2-kent"]) == 0
    assert "waiting for the inspectorate" in capsys.readouterr().out
    assert open_reader(db).execute("SELECT key, state FROM closure_rows(NULL, NULL)").fetchall() == [
        ("2-kent", "waiting")]


def test_pending_sign_off_with_a_newer_comment_takes_a_closure_request_on_the_page(db, tmp_path, monkeypatch):
    accepted_complete(db)
    import_comment(db, tmp_path, TODAY - timedelta(days=7))
    at = page_as(db, monkeypatch, ACC_X, "closure")
    assert "Pending sign-off, not yet sent (1)" in [h.value for h in at.header]
    at.selectbox(key="request-key").set_value("2-kent").run()
    assert not at.error and [b.label for b in at.button if b.label == "Request closure"]
    # What the form's button runs, as this reader, today: accepted, and the page then lists it as waiting.
    request_closure(db, ACC_X, "2-kent", files=[], comment=None, today=TODAY)
    at = page_as(db, monkeypatch, ACC_X, "closure")
    assert "Waiting for the inspectorate (1)" in [h.value for h in at.header]


def closed_then_commented(db: Path, tmp_path: Path) -> int:
    """2-kent closed by the inspectorate a week ago, then a comment dated yesterday imported; a submission made
    before it closed, still waiting; returns that submission."""
    accepted_complete(db)
    waiting = submit(db, LEAD, "2-kent", "More to say while it waits.", today=WEEKS_AGO + timedelta(days=1))
    request = request_closure(db, ACC_X, "2-kent", today=WEEKS_AGO + timedelta(days=2))
    decide_closure(db, INSPECTOR, request, "accept", today=TODAY - timedelta(days=7))
    import_comment(db, tmp_path, TODAY - timedelta(days=1))
    assert page_state(db, "2-kent") == ("complete", False)
    return waiting


def test_a_closed_item_with_a_newer_comment_takes_no_submission_at_the_command_line(db, tmp_path, capsys):
    closed_then_commented(db, tmp_path)
    assert main(["--db", str(db), "submit", "--as", LEAD.email, "--id", "2-kent", "--comment", "Still going?"]) == 1
    err = capsys.readouterr().err
    assert "this recommendation is closed" in err and "Traceback" not in err
    assert open_reader(db).execute("SELECT count(*) FROM events WHERE comment = 'Still going?'").fetchone() == (0,)


def test_a_closed_item_with_a_newer_comment_takes_no_submission_on_the_page(db, tmp_path, monkeypatch):
    closed_then_commented(db, tmp_path)
    at = page_as(db, monkeypatch, LEAD, "recommendation", id="2-kent")
    assert not [f for f in at.get("form") if "submit" in f.proto.form_id]  # no submission form on a closed item
    with pytest.raises(WorkflowError, match="this recommendation is closed"):
        submit(db, LEAD, "2-kent", "Through the write the form would make.", today=TODAY)


def test_a_waiting_submission_lapses_when_its_item_closes_and_is_decided_no_more(db, tmp_path, capsys):
    waiting = closed_then_commented(db, tmp_path)
    rows = open_reader(db).execute("SELECT seq, state FROM submissions ORDER BY seq").fetchall()
    assert rows[-1] == (waiting, "lapsed")
    lapse = open_reader(db).execute("SELECT on_date, actor FROM events WHERE kind = 'lapse'").fetchall()
    assert lapse == [(TODAY - timedelta(days=7), INSPECTOR.email)]  # dated the day it closed, by who closed it
    assert main(["--db", str(db), "review", "--as", ACC_X.email, "--submission", str(waiting), "--accept"]) == 1
    assert "lapsed when the item closed" in capsys.readouterr().err
    assert page_state(db, "2-kent") == ("complete", False)


def test_a_reviewer_cannot_reverse_the_inspectorates_closure(db):
    """Security finding 1: a submission accepted before closure, decided again afterwards, would put the item back."""
    first = accepted_complete(db)
    request = request_closure(db, ACC_X, "2-kent", today=WEEKS_AGO + timedelta(days=1))
    decide_closure(db, INSPECTOR, request, "accept", today=WEEKS_AGO + timedelta(days=2))
    with pytest.raises(WorkflowError, match="this recommendation is closed; only the inspectorate can reopen it"):
        decide(db, ACC_X, [first], "accept", today=TODAY)
    with pytest.raises(WorkflowError, match="this recommendation is closed"):
        decide(db, ACC_X, [first], "return", reason="Changed our mind.", today=TODAY)
    assert page_state(db, "2-kent") == ("complete", False)


def test_only_the_inspectorate_reopens_a_closed_item_saying_why(db, capsys):
    """Security finding 1: only the issuer reopens an item, as an event of its own, with a reason."""
    from tracker.workflow.actions import reopen

    accepted_complete(db)
    request = request_closure(db, ACC_X, "2-kent", today=WEEKS_AGO + timedelta(days=1))
    decide_closure(db, INSPECTOR, request, "accept", today=WEEKS_AGO + timedelta(days=2))
    with pytest.raises(WorkflowError, match="only the inspectorate, which decides when an item is closed, reopens it"):
        reopen(db, ACC_X, "2-kent", "We would like it back.")
    with pytest.raises(WorkflowError, match="say why it is reopened"):
        reopen(db, INSPECTOR, "2-kent", " ")
    assert main(["--db", str(db), "closure", "reopen", "--as", INSPECTOR.email, "--id", "2-kent", "--reason",
                 "A later inspection found the practice had lapsed."]) == 0
    assert "2-kent reopened" in capsys.readouterr().out
    assert page_state(db, "2-kent") == ("being-progressed", True)
    row = open_reader(db).execute("SELECT kind, actor, reason FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    assert row == ("reopen", INSPECTOR.email, "A later inspection found the practice had lapsed.")
    with pytest.raises(WorkflowError, match="this recommendation is open: there is nothing to reopen"):
        reopen(db, INSPECTOR, "2-kent", "Again.")
    assert submit(db, LEAD, "2-kent", "Back at it.", today=TODAY)  # open again, so its lead reports progress


def test_a_closure_decision_on_an_item_closed_meanwhile_is_refused(db):
    """A request waits while the force's reviewer accepts the lead's 'superseded' (which closes the item apart): the
    inspectorate's decision, or a liaison's record of it, can no longer reopen it."""
    accepted_complete(db)
    request = request_closure(db, ACC_X, "2-kent", today=WEEKS_AGO + timedelta(days=1))
    seq = submit(db, LEAD, "2-kent", "Superseded by the new national guidance.", status="superseded",
                 today=WEEKS_AGO + timedelta(days=2))
    decide(db, ACC_X, [seq], "accept", today=WEEKS_AGO + timedelta(days=3))
    assert page_state(db, "2-kent") == ("superseded", False)
    with pytest.raises(WorkflowError, match="closed already; only the inspectorate can reopen it"):
        decide_closure(db, INSPECTOR, request, "return", "Not yet.", today=TODAY)
    assert page_state(db, "2-kent") == ("superseded", False)
