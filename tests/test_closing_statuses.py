"""The register's closing statuses (no-further-action-needed beside superseded) and its pages for one recommendation
without a title line: parsed, imported, and counted by the one rule everywhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.core.filters import Filters
from tracker.core.statuses import (
    CLOSED,
    IMPLEMENTATION_RULE,
    NO_FURTHER_ACTION,
    apart_text,
    is_closed,
    label,
    normalise,
)
from tracker.ingest.importer import ingest
from tracker.ingest.problems import ImportProblem
from tracker.ingest.register import Entry, Record, RecordError, id_from_name, parse_record, write_record
from tracker.store import queries
from tracker.store.database import open_reader

AS_OF = date(2026, 11, 28)


def run(con, name, filters, **extra):
    """One named query with the filters bound."""
    return queries.run(con, name, **filters.params(), **extra)


def record(rec_id: int, status: str, on: str = "1st June 2020", target_note: str = "") -> str:
    """A register record of report 'Closing test' with one status, its text saying a target (or not)."""
    return (f"Closing test ({rec_id})\n\nDo the thing {rec_id}.\n\n[on]1st March 2019 [status]awaiting-review[/status][/on]"
            f"[on]1st March 2019\n\nThe recommendation owner is Supt Lead overseen by ACC Watson. The action is set to be "
            f"completed by 31st December 2019.{target_note}\n\n"
            f"[on]{on} [status]{status}[/status][/on]")


# --- The status itself ----------------------------------------------------------------------------------------------

def test_no_further_action_is_a_known_closing_status_apart_from_complete():
    assert normalise("No further action needed") == (NO_FURTHER_ACTION, True)
    assert normalise("no-further-action-needed") == (NO_FURTHER_ACTION, True)
    assert is_closed(NO_FURTHER_ACTION) and is_closed("complete") and is_closed("superseded")
    assert not is_closed("pending-sign-off") and not is_closed(None) and not is_closed("on-hold")
    assert CLOSED == ("complete", "superseded", NO_FURTHER_ACTION, "risk-accepted", "carried-forward")
    assert label(NO_FURTHER_ACTION) == "No further action needed"
    assert apart_text({"superseded": 2, NO_FURTHER_ACTION: 1}) == "2 superseded, 1 no further action needed"
    assert "no further action needed" in IMPLEMENTATION_RULE


def test_a_record_with_no_further_action_is_read_without_an_unknown_status_warning():
    rec = parse_record(record(11, "no-further-action-needed"), "nfa.txt")
    assert rec.entries[-1] == Entry(date(2020, 6, 1), status=NO_FURTHER_ACTION)
    assert not [w for w in rec.warnings if "unknown status" in w]


@pytest.fixture
def closing_db(tmp_path) -> Path:
    """Four Kent items of one report, all with a target of 31 Dec 2019 (long past on AS_OF): one complete, one
    superseded, one no-further-action-needed, one still being progressed."""
    folder = tmp_path / "Kent"
    folder.mkdir()
    for rec_id, status in ((1, "complete"), (2, "superseded"), (3, "no-further-action-needed"),
                           (4, "being-progressed")):
        (folder / f"{rec_id}.txt").write_text(record(rec_id, status), encoding="utf-8")
    db = tmp_path / "closing.duckdb"
    summary = ingest([str(folder)], db, today=AS_OF)
    assert not [w for w in summary.warnings if "unknown status" in w]
    return db


def test_no_further_action_is_neither_open_nor_overdue_nor_complete(closing_db):
    con = open_reader(closing_db)
    head = run(con, "headline", Filters(as_of=AS_OF))
    # Hand count: open = only item 4; overdue = item 4 (target 31 Dec 2019 passed); complete = item 1.
    assert (head["total"], head["open"], head["overdue"], head["complete"]) == (4, 1, 1, 1)
    assert (head["superseded"], head["no_further_action"]) == (1, 1)
    # complete ÷ (4 − 1 superseded − 1 no further action) = 1 ÷ 2
    assert head["implementation_rate"] == pytest.approx(0.5)
    table = run(con, "force_table", Filters(as_of=AS_OF), sort="open")
    assert table[["force", "open", "overdue", "complete"]].values.tolist() == [["Kent", 1, 1, 1]]
    assert table["implementation_rate"].iloc[0] == pytest.approx(0.5)
    funnel = run(con, "status_funnel", Filters(as_of=AS_OF))
    assert funnel.set_index("status")["n"].to_dict() == {
        "awaiting-review": 0, "being-progressed": 1, "pending-sign-off": 0, "complete": 1, "superseded": 1,
        NO_FURTHER_ACTION: 1, "risk-accepted": 0, "carried-forward": 0}


def test_survival_censors_no_further_action_at_the_day_it_was_set(closing_db):
    con = open_reader(closing_db)
    times = {key: (t, event) for key, t, event in con.execute(
        "SELECT key, t, event FROM survival_times($p, 'none')", {"p": Filters(as_of=AS_OF).struct()}).fetchall()}
    published = date(2019, 3, 1)
    closed = (date(2020, 6, 1) - published).days  # 458 days
    assert times == {
        "1-kent": (closed, True),  # completed: an event
        "2-kent": (closed, False),  # superseded: censored the day it closed
        "3-kent": (closed, False),  # no further action needed: likewise, not at AS_OF
        "4-kent": ((AS_OF - published).days, False),  # open: censored at the date
    }


def test_a_closed_item_takes_no_submission(closing_db, tmp_path):
    from tracker.ingest.people import import_people
    from tracker.people.access import Person
    from tracker.workflow.actions import WorkflowError, submit

    (tmp_path / "people.csv").write_text("email,name,force,roles\nlead@kent.example,Supt Lead,Kent,lead\n", encoding="utf-8")
    import_people(tmp_path / "people.csv", closing_db, "test")
    lead = Person(1, "lead@kent.example", "Supt Lead", "Kent", ("lead",))
    submit(closing_db, lead, "4-kent", "Open: this one takes it.")
    with pytest.raises(WorkflowError, match="closed"):
        submit(closing_db, lead, "3-kent", "More to say.")  # its owner, but no further action is needed


# --- Pages for one recommendation, without a title line ------------------------------------------------------------

PAGE = """Cause of concern

The force does not understand the demand it faces.
• It has no reliable picture of calls for service.
• Its plans are not based on evidence.

[on]3rd April 2021 [status]being-progressed[/status][/on][on]3rd April 2021

The force has commissioned a demand review.
"""


def test_id_from_name_reads_only_a_bare_id():
    assert [id_from_name(n) for n in ("1234.txt", "Kent/77.txt", "000_89334df6.txt", "x1234.txt", "0.txt")] == [
        1234, 77, None, None, None]


def test_a_page_without_a_title_line_takes_its_id_from_its_name_and_its_kind_from_the_heading():
    rec = parse_record(PAGE, "Kent/1234.txt", named_id=1234)
    assert (rec.id, rec.title, rec.kind) == (1234, "", "cause of concern")
    assert rec.text == ("The force does not understand the demand it faces.\n• It has no reliable picture of calls "
                        "for service.\n• Its plans are not based on evidence.")
    assert rec.entries == (Entry(date(2021, 4, 3), status="being-progressed"),
                           Entry(date(2021, 4, 3), text="The force has commissioned a demand review."))
    assert rec.warnings == (
        "Kent/1234.txt: no title line; read as recommendation 1234 (the file's name), its report not known",)
    assert parse_record(write_record(rec), "rt", named_id=1234) == rec  # written back without a title line


def test_a_titled_record_under_a_heading_keeps_its_kind_through_a_round_trip():
    rec = Record(5, "Report", "Text.", (), kind="area for improvement")
    assert write_record(rec).startswith("Report (5)\n\nArea for improvement\n\nText.")
    assert parse_record(write_record(rec), "rt") == rec


def test_a_page_with_neither_a_title_line_nor_an_id_for_a_name_is_refused_naming_the_file(tmp_path):
    with pytest.raises(RecordError, match=r"^notes\.txt, line 1: the title line must end with the recommendation id"):
        parse_record(PAGE, "notes.txt")
    folder = tmp_path / "Kent"
    folder.mkdir()
    (folder / "notes.txt").write_text(PAGE, encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"notes\.txt, line 1: .*named by its id \(1234\.txt\)"):
        ingest([str(folder)], tmp_path / "t.duckdb", today=AS_OF)


def test_a_page_is_imported_with_its_report_unknown_or_as_given(tmp_path, capsys):
    folder = tmp_path / "Kent"
    folder.mkdir()
    (folder / "1234.txt").write_text(PAGE, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    summary = ingest([str(folder)], db, today=AS_OF)
    assert any("its report is not known: 'Report not known'; give it with --report TITLE" in w
               for w in summary.warnings)
    con = open_reader(db)
    assert con.execute("SELECT r.key, r.kind, p.title FROM recommendations r JOIN reports p ON p.id = r.report"
                       ).fetchall() == [("1234-kent", "cause of concern", "Report not known")]
    # The command line takes the report: check says what an import would read.
    assert main(["--db", str(db), "check", str(folder), "--report", "PEEL 2021 Kent"]) == 0
    assert "its report is given with --report: 'PEEL 2021 Kent'" in capsys.readouterr().err
    # The same page again, its report now given: the item moves to it.
    ingest([str(folder)], db, today=AS_OF, report="PEEL 2021 Kent")
    con = open_reader(db)
    assert con.execute("SELECT p.title FROM recommendations r JOIN reports p ON p.id = r.report").fetchall() == [
        ("PEEL 2021 Kent",)]


def test_filters_narrow_to_the_new_status(closing_db):
    con = open_reader(closing_db)
    only = run(con, "headline", replace(Filters(as_of=AS_OF), statuses=(NO_FURTHER_ACTION,)))
    assert (only["total"], only["open"], only["overdue"]) == (1, 0, 0)
    assert only["implementation_rate"] != only["implementation_rate"]  # no rate (NaN): nothing counts towards it
