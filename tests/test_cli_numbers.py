"""The command line names what it saves: each write prints the numbers of what it made (a submission, its evidence
files, decisions, a closure request, a meeting, a response's step), the same numbers the database holds; and
`evidence list` lists an item's files in the reader's scope, refusing as `evidence get` does."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest

from tests.test_evidence import docx_bytes, pdf_bytes
from tests.test_meetings import KENT_BOARD, board_tables
from tests.test_responses import PEOPLE as RESPONSE_PEOPLE
from tests.workflow_people import DIRECTORY, ESSEX_LEAD, LEAD
from tracker.cli import main
from tracker.core import clock
from tracker.ingest.importer import ingest
from tracker.ingest.people import import_people
from tracker.store.server import locate
from tracker.workflow.actions import submit

INSPECTOR = "hmi.one@hmicfrs.example"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def rows(db: Path, statement: str, **params) -> list[tuple]:
    """What the system of record holds, read directly (not through the product's queries)."""
    with psycopg.connect(locate(db).app_url, autocommit=True) as pg:
        return pg.execute(statement, params).fetchall()


def number(text: str, before: str) -> int:
    """The number printed right after `before` ('#12' or '12')."""
    found = re.search(re.escape(before) + r" #?(\d+)", text)
    assert found, f"no {before!r} N in {text!r}"
    return int(found[1])


@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    (tmp_path / "people.csv").write_text(DIRECTORY + f"{INSPECTOR},HMI One,national,inspectorate\n", encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


def test_a_submission_names_its_files_and_evidence_list_then_lists_them_in_scope_only(db, tmp_path, capsys):
    # A file already held on another item, so the new one's number is not simply 1.
    submit(db, LEAD, "5-kent", "Earlier.", today=clock.today(), files=[("earlier.pdf", pdf_bytes())])
    minutes = tmp_path / "minutes.docx"
    minutes.write_bytes(docx_bytes())
    assert main(["--db", str(db), "submit", "--as", LEAD.email, "--id", "2-kent", "--comment", "Minutes attached.",
                 "--evidence-file", str(minutes)]) == 0
    out = capsys.readouterr().out
    held = rows(db, "SELECT file_id, submission FROM evidence WHERE key = '2-kent'")
    assert len(held) == 1
    file_id, submission = held[0]
    assert file_id == 2
    assert f"with evidence file #{file_id} (minutes.docx)" in out
    assert number(out, "Submission") == submission

    assert main(["--db", str(db), "evidence", "list", "--as", LEAD.email, "--id", "2-kent"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 1
    assert listed[0].split("\t")[:5] == [f"#{file_id}", "minutes.docx", WORD, f"{len(docx_bytes()):,} bytes",
                                         LEAD.email]
    got = tmp_path / "got.docx"
    assert main(["--db", str(db), "evidence", "get", "--as", LEAD.email, "--id", str(file_id), "-o", str(got)]) == 0
    assert got.read_bytes() == minutes.read_bytes()

    # Another force's reader: refused, as `evidence get` refuses a file out of scope, and as for a key nobody holds.
    capsys.readouterr()
    assert main(["--db", str(db), "evidence", "list", "--as", ESSEX_LEAD.email, "--id", "2-kent"]) == 1
    out_of_scope = capsys.readouterr()
    assert out_of_scope.out == ""
    assert out_of_scope.err == "error: evidence of 2-kent: no such recommendation among those you may see\n"
    assert main(["--db", str(db), "evidence", "list", "--as", LEAD.email, "--id", "99-kent"]) == 1
    assert capsys.readouterr().err == out_of_scope.err.replace("2-kent", "99-kent")
    assert main(["--db", str(db), "evidence", "get", "--as", ESSEX_LEAD.email, "--id", str(file_id), "-o",
                 str(tmp_path / "no.docx")]) == 1
    assert capsys.readouterr().err.startswith(f"error: evidence file {file_id}: no such file among the ")
    # An item in scope with no files says so.
    assert main(["--db", str(db), "evidence", "list", "--as", LEAD.email, "--id", "1-kent"]) == 0
    assert capsys.readouterr().out == "1-kent: no evidence files\n"


def test_review_and_closure_print_the_numbers_the_database_holds(db, capsys):
    submit(db, LEAD, "5-kent", "Not this one.", today=clock.today() - timedelta(days=3))
    assert main(["--db", str(db), "submit", "--as", LEAD.email, "--id", "2-kent", "--comment", "Done.",
                 "--status", "complete"]) == 0
    submission = number(capsys.readouterr().out, "Submission")
    assert rows(db, "SELECT seq FROM events WHERE kind = 'submission' AND key = '2-kent'") == [(submission,)]
    assert main(["--db", str(db), "review", "--as", "acc.x@kent.example", "--submission", str(submission),
                 "--accept"]) == 0
    decision = number(capsys.readouterr().out, "decision")
    assert rows(db, "SELECT seq FROM events WHERE kind = 'decision' AND submission = %(s)s", s=submission) == [
        (decision,)]
    assert main(["--db", str(db), "closure", "request", "--as", "acc.x@kent.example", "--id", "2-kent"]) == 0
    request = number(capsys.readouterr().out, "Closure request")
    assert rows(db, "SELECT seq FROM events WHERE kind = 'closure_request' AND key = '2-kent'") == [(request,)]
    assert main(["--db", str(db), "closure", "decide", "--as", INSPECTOR, "--request", str(request), "--accept"]) == 0
    closed = number(capsys.readouterr().out, "decision")
    assert rows(db, "SELECT seq FROM events WHERE kind = 'closure_decision' AND submission = %(r)s",
                r=request) == [(closed,)]
    assert len({submission, decision, request, closed}) == 4


def test_a_meeting_prints_its_number(tmp_path, capsys):
    path = tmp_path / "boards"
    ingest([str(board_tables(tmp_path / "tables"))], path)
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", path, "test")
    day = clock.today()
    for held_on in (day - timedelta(days=7), day):
        assert main(["--db", str(path), "meeting", "--board", KENT_BOARD, "--date", held_on.isoformat(), "--as",
                     "acc.x@kent.example"]) == 0
    meeting = number(capsys.readouterr().out.splitlines()[-1], "Meeting")
    assert rows(path, "SELECT meeting_id FROM meetings WHERE held_on = %(d)s", d=day) == [(meeting,)]
    assert meeting == 2


def test_a_response_draft_and_comments_print_their_step_and_file(tmp_path, capsys):
    day = clock.today() - timedelta(days=10)
    (tmp_path / "recs.csv").write_text(
        "id,force,report,published_on,kind,theme,owner,text\n"
        f"1,Kent,Report Ten,{day},recommendation,Custody,Supt A,Kent rec 1\n", encoding="utf-8")
    path = tmp_path / "responses"
    ingest([str(tmp_path / "recs.csv")], path)
    (tmp_path / "people.csv").write_text(RESPONSE_PEOPLE, encoding="utf-8")
    import_people(tmp_path / "people.csv", path, "test")
    (tmp_path / "plan.csv").write_text("id,action\n1,Train staff\n", encoding="utf-8")
    base = ["--db", str(path), "response"]
    about = ["--as", "acc.x@kent.example", "--report", "Report Ten", "--force", "Kent"]
    for overall in ("First go.", "We accept."):
        assert main([*base, "draft", *about, "--overall", overall, "--plan", str(tmp_path / "plan.csv")]) == 0
    step = number(capsys.readouterr().out.splitlines()[-1], "step")
    assert rows(path, "SELECT step_id FROM responses WHERE kind = 'draft' AND overall = 'We accept.'") == [(step,)]
    assert step == 2
    letter = tmp_path / "comments.pdf"
    letter.write_bytes(pdf_bytes())
    assert main([*base, "comments", *about, "--file", str(letter)]) == 0
    out = capsys.readouterr().out
    assert rows(path, "SELECT step_id, chief_file FROM responses WHERE kind = 'comments'") == [
        (number(out, "step"), number(out, "evidence file"))]


def test_a_people_import_and_a_file_import_print_their_numbers(db, tmp_path, capsys):
    people = tmp_path / "more.csv"
    people.write_text(DIRECTORY + f"{INSPECTOR},HMI One,national,inspectorate\nnew.lead@kent.example,New Lead,Kent,lead\n",
                      encoding="utf-8")
    assert main(["--db", str(db), "people", "import", str(people)]) == 0
    added = number(capsys.readouterr().out, "1 added (people")
    assert rows(db, "SELECT person_id FROM people WHERE email = 'new.lead@kent.example'") == [(added,)]
    assert added == 8
    (tmp_path / "recs.csv").write_text("id,force,report,published_on,kind,theme,owner,text\n"
                                       "701,Kent,Report New,2026-01-05,recommendation,Custody,Supt A,New rec\n",
                                       encoding="utf-8")
    assert main(["--db", str(db), "ingest", str(tmp_path / "recs.csv")]) == 0
    assert rows(db, "SELECT max(id) FROM imports") == [(number(capsys.readouterr().out, "Import"),)]
