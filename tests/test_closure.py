"""The closure cycle: a force's acceptance of 'complete' makes an item pending sign-off; a reviewer asks the
inspectorate to close it, sending evidence; the inspectorate accepts (complete) or returns it (being progressed), or
a force's liaison records that decision from the letter. Each step is an event, checked by the one set of rules."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.test_evidence import pdf_bytes
from tests.workflow_people import ACC_X, DIRECTORY, LEAD
from tracker.cli import main, person_as
from tracker.core import clock
from tracker.core.filters import Filters
from tracker.ingest.people import import_people
from tracker.ingest.problems import ImportProblem
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.actions import (
    WorkflowError,
    decide,
    decide_closure,
    record_closure,
    request_closure,
    submit,
)

INSPECTOR = "hmi.one@hmicfrs.example"
D0 = date(2026, 10, 1)  # the lead says complete; the force accepts on D0 + 2; it asks on D0 + 5


@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    (tmp_path / "people.csv").write_text(DIRECTORY + f"{INSPECTOR},HMI One,national,inspectorate\n", encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


def state(db: Path, key: str, on: date) -> tuple:
    """(status, is_open, last_update_on) of an item on a day."""
    return open_reader(db).execute("SELECT status, is_open, last_update_on FROM rec_state($d, 180) WHERE key = $k",
                                   {"d": on, "k": key}).fetchone()


def headline(db: Path, on: date) -> dict:
    return queries.run(open_reader(db), "headline", **Filters(as_of=on).params())


def pending(db: Path) -> int:
    """2-kent: the lead says complete with a PDF, and the force accepts; returns the request made on D0 + 5."""
    submit(db, LEAD, "2-kent", "All officers trained.", status="complete", today=D0, files=[("audit.pdf", pdf_bytes())])
    seq = queries.run(open_reader(db), "item_submissions", **Filters(as_of=D0).params(), key="2-kent")["seq"].iloc[0]
    decide(db, ACC_X, [int(seq)], "accept", today=D0 + timedelta(days=2))
    return request_closure(db, ACC_X, "2-kent", [1], "Audit attached.", today=D0 + timedelta(days=5))


def test_the_force_accepting_complete_leaves_the_item_open_pending_sign_off(db):
    submit(db, LEAD, "2-kent", "All officers trained.", status="complete", today=D0)
    seq = queries.run(open_reader(db), "item_submissions", **Filters(as_of=D0).params(), key="2-kent")["seq"].iloc[0]
    decide(db, ACC_X, [int(seq)], "accept", today=D0 + timedelta(days=2))
    assert state(db, "2-kent", D0 + timedelta(days=2)) == ("pending-sign-off", True, D0 + timedelta(days=2))
    assert headline(db, D0 + timedelta(days=2))["awaiting_inspectorate"] == 0


def test_a_request_waits_in_the_queue_and_the_inspectorate_accepts_it(db):
    request = pending(db)
    asked = D0 + timedelta(days=5)
    queue = queries.run(open_reader(db), "closure_queue", **Filters(as_of=asked + timedelta(days=3)).params())
    assert queue[["seq", "key", "force", "requested_by", "days_waiting"]].values.tolist() == [
        [request, "2-kent", "Kent", ACC_X.email, 3]]
    assert list(queue["files"].iloc[0]) == ["audit.pdf (#1)"]
    assert headline(db, asked)["awaiting_inspectorate"] == 1
    decided = D0 + timedelta(days=19)
    decide_closure(db, person_as(db, INSPECTOR), request, "accept", "I am satisfied the force has trained its officers.",
                   today=decided)
    assert state(db, "2-kent", decided) == ("complete", False, decided)
    assert state(db, "2-kent", decided - timedelta(days=1))[:2] == ("pending-sign-off", True)  # as of the day before
    assert headline(db, decided)["awaiting_inspectorate"] == 0
    waits = queries.run(open_reader(db), "closure_waits", **Filters(as_of=decided).params())
    assert waits[["force", "decided", "median_wait_days", "waiting"]].values.tolist() == [["Kent", 1, 14, 0]]
    history = queries.run(open_reader(db), "recommendation_history", **Filters(as_of=decided).params(), key="2-kent")
    texts = history["text"].dropna().tolist()
    assert "Closure requested from the inspectorate, with evidence files #1: Audit attached." in texts
    assert "The inspectorate is satisfied this is complete: I am satisfied the force has trained its officers." in texts
    trail = queries.run(open_reader(db), "activity", **Filters(as_of=decided).params(), key="2-kent", search=None,
                        limit=10_000, offset=0)
    assert trail["action"].tolist()[:2] == ["closure decision: accept", "closure request"]


def test_a_return_sends_the_item_back_to_being_progressed_and_a_new_request_may_follow(db):
    request = pending(db)
    back = D0 + timedelta(days=10)
    decide_closure(db, person_as(db, INSPECTOR), request, "return", "No audit of custody records.", today=back)
    assert state(db, "2-kent", back)[:2] == ("being-progressed", True)
    with pytest.raises(WorkflowError, match="it is not"):
        request_closure(db, ACC_X, "2-kent", [], today=back)
    submit(db, LEAD, "2-kent", "Custody audit done.", status="complete", today=back + timedelta(days=1))
    seq = queries.run(open_reader(db), "item_submissions", **Filters(as_of=back).params(), key="2-kent")["seq"].iloc[0]
    decide(db, ACC_X, [int(seq)], "accept", today=back + timedelta(days=2))
    with pytest.raises(WorkflowError, match="evidence file 99 is not one of this recommendation's files"):
        request_closure(db, ACC_X, "2-kent", [99], today=back + timedelta(days=3))
    assert request_closure(db, ACC_X, "2-kent", [1], today=back + timedelta(days=3)) > request


@pytest.mark.parametrize(("who", "message"), [
    ("lead", "only the item's overseer, a reviewer of its force or an administrator can request closure"),
    ("twice", "is already waiting for the inspectorate"),
])
def test_who_may_request_closure(db, who, message):
    pending(db)
    person = LEAD if who == "lead" else ACC_X
    with pytest.raises(WorkflowError, match=message):
        request_closure(db, person, "2-kent", [], today=D0 + timedelta(days=6))


def test_only_the_inspectorate_decides_and_only_once(db):
    request = pending(db)
    day = D0 + timedelta(days=7)
    with pytest.raises(WorkflowError, match="only the inspectorate decides on closure"):
        decide_closure(db, ACC_X, request, "accept", today=day)  # the force's own reviewer
    with pytest.raises(WorkflowError, match="say why the request is returned"):
        decide_closure(db, person_as(db, INSPECTOR), request, "return", "  ", today=day)
    decide_closure(db, person_as(db, INSPECTOR), request, "accept", today=day)
    with pytest.raises(WorkflowError, match="already accepted"):
        decide_closure(db, person_as(db, INSPECTOR), request, "return", "Second thoughts.", today=day)


def test_the_inspectorate_role_is_national(db, tmp_path):
    (tmp_path / "more.csv").write_text(DIRECTORY + "hmi.two@hmicfrs.example,HMI Two,Kent,inspectorate\n",
                                       encoding="utf-8")
    with pytest.raises(ImportProblem, match="the inspectorate role is national"):
        import_people(tmp_path / "more.csv", db, "test")


def test_a_liaison_records_the_decision_from_the_letter(db):
    request = pending(db)
    letter_day = D0 + timedelta(days=12)
    with pytest.raises(WorkflowError, match="the letter is dated between the request and today"):
        record_closure(db, ACC_X, request, "accept", D0, ("letter.pdf", pdf_bytes("Letter")), today=letter_day)
    record_closure(db, ACC_X, request, "accept", letter_day, ("letter.pdf", pdf_bytes("Letter")),
                   today=letter_day + timedelta(days=2))
    assert state(db, "2-kent", letter_day)[:2] == ("complete", False)  # from the letter's day
    con = open_reader(db)
    assert con.execute("SELECT file_id, name, role FROM evidence ORDER BY file_id").fetchall() == [
        (1, "audit.pdf", "lead"), (2, "letter.pdf", "liaison")]
    closure = con.execute("SELECT state, decided_as, letter FROM closure_rows(NULL, NULL)").fetchall()
    assert closure == [("accepted", "liaison", ["2"])]


def test_the_command_line_runs_the_same_cycle(db, tmp_path, capsys):
    submit(db, LEAD, "2-kent", "Done.", status="complete", today=clock.today() - timedelta(days=3))
    seq = queries.run(open_reader(db), "item_submissions", **Filters(as_of=clock.today()).params(), key="2-kent")
    decide(db, ACC_X, [int(seq["seq"].iloc[0])], "accept", today=clock.today() - timedelta(days=2))
    assert main(["--db", str(db), "closure", "request", "--as", LEAD.email, "--id", "2-kent"]) == 1
    assert "can request closure" in capsys.readouterr().err
    assert main(["--db", str(db), "closure", "request", "--as", ACC_X.email, "--id", "2-kent", "--note", "Done"]) == 0
    request = int(capsys.readouterr().out.split("#")[1].split()[0])
    assert main(["--db", str(db), "closure", "decide", "--as", ACC_X.email, "--request", str(request),
                 "--accept"]) == 1
    assert main(["--db", str(db), "closure", "decide", "--as", INSPECTOR, "--request", str(request), "--accept"]) == 0
    assert state(db, "2-kent", clock.today())[:2] == ("complete", False)


def test_the_closure_pack_holds_the_history_and_files_whose_hashes_match(db, tmp_path, capsys):
    import hashlib
    import io
    import zipfile

    from pypdf import PdfReader

    from tracker.pack.closure import closure_pack
    from tracker.people.access import scope_of

    request = pending(db)
    submit(db, LEAD, "2-kent", "A later note, not decided yet.", today=D0 + timedelta(days=5))  # a waiting one too
    on = D0 + timedelta(days=6)
    pdf, bundle = closure_pack(db, Filters(as_of=on, scope=scope_of(ACC_X)), request)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = "".join(text.split())
    with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
        names = zf.namelist()
        assert names == [f"closure-request-{request}.pdf", "evidence/1-audit.pdf"]
        sent = zf.read("evidence/1-audit.pdf")
        assert zf.read(names[0]) == pdf
    stored = open_reader(db).execute("SELECT sha256 FROM evidence WHERE file_id = 1").fetchone()[0]
    assert hashlib.sha256(sent).hexdigest() == stored and stored in flat  # the pack's hash is the stored file's
    assert f"Closure request #{request}: recommendation 2 (Kent)" in text
    assert "All officers trained." in text and "Audit attached" in text  # the history and the covering note
    assert "acc.x@kent.example" in text  # who accepted
    assert "A later note, not decided yet." in text and "waiting" in text  # a submission not yet decided
    # Out of scope, and at the command line.
    from tests.workflow_people import ESSEX_LEAD
    from tracker.evidence.checks import EvidenceError

    with pytest.raises(EvidenceError, match="no such request"):
        closure_pack(db, Filters(as_of=on, scope=scope_of(ESSEX_LEAD)), request)
    out = tmp_path / "pack.zip"
    assert main(["--db", str(db), "closure", "pack", "--as", ACC_X.email, "--request", str(request), "-o",
                 str(out)]) == 0
    assert zipfile.ZipFile(out).namelist() == names
