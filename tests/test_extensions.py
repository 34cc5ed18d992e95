"""Extension requests decided by the board (issue 42, part 1), worked by hand on the six-recommendation fixture with
its boards (1-kent, 2-kent and 5-kent are the Kent Custody Board's).

A target moved twice under a once-only policy: Kent's reviewer_moves is 1 from 10 Jan 2022. 2-kent (Supt A's,
overseen by ACC X; original target 31 Dec 2021, never moved) asks on 1 Feb 2022 for 31 Mar 2022; ACC X agrees alone
on 3 Feb: 1 move, 90 days' slip (31 Dec 2021 to 31 Mar 2022). On 10 Feb it asks for 30 Jun 2022: ACC X may not agree
it alone (its target has moved once already), so it waits for the Kent Custody Board, whose agenda and pack list it:
target now 31 Mar 2022, requested 30 Jun 2022, 91 days more (30 + 31 + 30), 181 in all. The board meets on 15 Feb;
its chair agrees it: 2 moves, 181 days' slip, the original target still 31 Dec 2021.
"""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path

import pytest
from test_meetings import KENT_BOARD, board_tables
from workflow_people import ACC_X, ADMIN, DIRECTORY, LEAD

from tracker.analysis.agenda import board_filters, gather_agenda
from tracker.cli import main
from tracker.core.boards import Board
from tracker.core.filters import Filters
from tracker.core.policies import REVIEWER_MOVES, board_decides, who_agrees
from tracker.ingest.importer import ingest
from tracker.ingest.people import import_people
from tracker.pack.content import connection_query
from tracker.pack.meeting import tables
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.actions import WorkflowError, decide, meeting_decide, record_meeting, set_policy, submit
from tracker.workflow.rules import Item, extension_refusal

POLICY_DAY, ASKED, AGREED, ASKED_AGAIN, HELD, TYPED = (date(2022, 1, 10), date(2022, 2, 1), date(2022, 2, 3),
                                                        date(2022, 2, 10), date(2022, 2, 15), date(2022, 2, 16))
ORIGINAL, FIRST, SECOND = date(2021, 12, 31), date(2022, 3, 31), date(2022, 6, 30)
KENT = Board(KENT_BOARD, "Kent")
ZERO = ("Kent's policy is that only the item's board agrees a move of its target: this extension request waits for "
        "the Kent Custody Board")
ONCE_ONLY = ("Kent's policy lets a reviewer agree 1 move of an item's target alone, and 2-kent's target has moved once "
             "already: this extension request waits for the Kent Custody Board to decide it at a meeting (a reviewer "
             "may still return it)")


@pytest.fixture
def db(tmp_path) -> Path:
    """The fixture with its boards and the directory."""
    path = tmp_path / "boards.duckdb"
    ingest([str(board_tables(tmp_path / "tables"))], path)
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", path, "test")
    return path


def run(db: Path, name: str, on: date, **params):
    return queries.run(open_reader(db), name, **Filters(as_of=on).params(), **params)


def moves_and_slip(db: Path, key: str, on: date) -> tuple:
    """(moves, slip_days, target_original, target_current) as the recommendation page shows them on a day."""
    rec = run(db, "recommendation_detail", on, key=key)
    return int(rec["moves"]), int(rec["slip_days"]), rec["target_original"].date(), rec["target_current"].date()


def line(db: Path, key: str, on: date) -> list[list]:
    rows = run(db, "target_line", on, key=key)[["target", "move", "how", "agreed", "slip_days"]]
    rows = rows.assign(target=rows["target"].dt.date).astype(object)
    return rows.where(rows.notna(), "-").astype(str).values.tolist()


# --- The rule (pure) -----------------------------------------------------------------------------------------------

KENT_2 = Item("2-kent", "Kent", 1, 2, True, KENT_BOARD)


def test_the_policy_says_when_a_move_is_the_boards():
    assert [board_decides("unlimited", n) for n in (0, 1, 7)] == [False, False, False]
    assert [board_decides("1", n) for n in (0, 1, 2)] == [False, True, True]
    assert [board_decides("0", n) for n in (0, 3)] == [True, True]
    assert who_agrees("1", 0) == "a reviewer or the board" and who_agrees("1", 1) == "the board only"
    assert extension_refusal(KENT_2, "1", 0, FIRST) is None
    assert extension_refusal(KENT_2, "1", 1, None) is None  # no target proposed: not an extension request
    assert extension_refusal(KENT_2, "unlimited", 12, FIRST) is None
    assert extension_refusal(KENT_2, "1", 1, FIRST) == ONCE_ONLY
    assert extension_refusal(KENT_2, "1", 3, FIRST).startswith("Kent's policy lets a reviewer agree 1 move of an "
                                                              "item's target alone, and 2-kent's target has moved 3 times")
    assert extension_refusal(KENT_2, "0", 0, FIRST) == (
        "Kent's policy is that only the item's board agrees a move of its target: this extension request waits for "
        "the Kent Custody Board to decide it at a meeting (a reviewer may still return it)")
    boardless = Item("9-kent", "Kent", 1, 2, True, None)
    assert extension_refusal(boardless, "0", 0, FIRST).endswith(
        "waits for the item's board, and it names none yet (an import sets an item's board) to decide it at a meeting "
        "(a reviewer may still return it)")


# --- A target moved twice under a once-only policy ------------------------------------------------------------------

def test_a_target_moved_twice_under_a_once_only_policy_goes_to_the_board_the_second_time(db, tmp_path):
    set_policy(db, ADMIN, "Kent", REVIEWER_MOVES, "1", "The committee's once-only rule", today=POLICY_DAY)
    assert moves_and_slip(db, "2-kent", ASKED) == (0, 0, ORIGINAL, ORIGINAL)

    # The first move: a reviewer agrees it alone.
    first = submit(db, LEAD, "2-kent", "Half the officers trained.", target=FIRST, reason="The supplier is late.",
                   today=ASKED)
    decide(db, ACC_X, [first], "accept", today=AGREED)
    assert moves_and_slip(db, "2-kent", AGREED) == (1, 90, ORIGINAL, FIRST)
    assert moves_and_slip(db, "2-kent", AGREED.replace(day=2)) == (0, 0, ORIGINAL, ORIGINAL)  # the day before
    assert line(db, "2-kent", AGREED) == [
        ["2021-12-31", "0", "original", "-", "-"],
        ["2022-03-31", "1", "agreed by a reviewer", "acc.x@kent.example alone (overseer)", "90"]]

    # The second: refused to the reviewer in the rule's words, and nothing is written.
    second = submit(db, LEAD, "2-kent", "The custody suite is being rebuilt.", target=SECOND,
                    reason="Custody suite rebuild.", today=ASKED_AGAIN)
    with pytest.raises(WorkflowError) as refused:
        decide(db, ACC_X, [second], "accept", today=ASKED_AGAIN)
    assert str(refused.value) == f"submission #{second}: {ONCE_ONLY}"
    assert moves_and_slip(db, "2-kent", HELD) == (1, 90, ORIGINAL, FIRST)

    # It waits on the board's agenda and in its meeting pack.
    requests = run(db, "extension_requests", HELD)
    assert requests[["seq", "key", "lead", "target_current", "target_requested", "slip_days", "total_slip_days",
                     "moves", "reason"]].astype(str).values.tolist() == [
        [str(second), "2-kent", "supt.a@kent.example", "2022-03-31", "2022-06-30", "91", "181", "1",
         "Custody suite rebuild."]]
    meeting = record_meeting(db, ACC_X, KENT_BOARD, HELD, today=HELD)
    con = open_reader(db)
    agenda = gather_agenda(connection_query(con), Filters(as_of=HELD), KENT, HELD, HELD)
    assert agenda.extensions[["seq", "board_only", "who_agrees"]].values.tolist() == [[second, True,
                                                                                        "the board only"]]
    assert agenda.waiting == 1 and agenda.for_decision.empty  # an extension request is not a completion proposed
    changes = queries.run(con, "meeting_changes", **board_filters(Filters(as_of=HELD), KENT, HELD).params(),
                          since=HELD, limit=25)
    pack = tables(agenda, changes)["extensions"]
    assert pack.title == "Extension requests to decide"
    assert pack.rows == [(f"#{second}", "2-kent", "Kent", "supt.a@kent.example", "31 Mar 2022", "30 Jun 2022", "91",
                          "1", "the board only", "Custody suite rebuild.")]
    out = tmp_path / "pack.pptx"
    assert main(["--db", str(db), "pack", "--format", "pptx", "-o", str(out), "--board", KENT_BOARD,
                 "--meeting", HELD.isoformat(), "--as-of", HELD.isoformat()]) == 0
    from pptx import Presentation

    slide = next(s for s in Presentation(str(out)).slides
                 if s.shapes.title.text == "5. Extensions requested: extension requests to decide")
    grid = next(sh.table for sh in slide.shapes if sh.has_table)
    assert [grid.cell(1, c).text for c in range(10)] == list(pack.rows[0])
    pdf = tmp_path / "pack.pdf"
    assert main(["--db", str(db), "pack", "--format", "pdf", "-o", str(pdf), "--board", KENT_BOARD,
                 "--meeting", HELD.isoformat(), "--as-of", HELD.isoformat()]) == 0
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert ("5. Extensions requested Extension requests to decide No. Item Force Lead Target now Requested"
            in text), text
    assert "Custody suite rebuild." in text and "the board only" in text

    # The chair agrees it at the meeting: the board's decision, dated the meeting's day.
    decided = meeting_decide(db, ACC_X, meeting, [second], "accept", today=TYPED)
    assert moves_and_slip(db, "2-kent", HELD) == (2, 181, ORIGINAL, SECOND)
    assert moves_and_slip(db, "2-kent", date(2022, 2, 14)) == (1, 90, ORIGINAL, FIRST)  # an earlier day unchanged
    assert line(db, "2-kent", HELD)[1:] == [
        ["2022-03-31", "1", "agreed by a reviewer", "acc.x@kent.example alone (overseer)", "90"],
        ["2022-06-30", "2", "agreed by a board", ("the Kent Custody Board at its meeting of 15 Feb 2022 "
                                                  "(chair acc.x@kent.example)"), "91"]]
    assert run(db, "meeting_decisions", HELD, meeting=meeting)[["seq", "key", "decision"]].values.tolist() == [
        [decided[0], "2-kent", "accept"]]
    assert run(db, "extension_requests", HELD).empty
    history = set(run(db, "recommendation_history", HELD, key="2-kent")["text"].dropna())
    assert "Target revised to 31 Mar 2022: The supplier is late. Agreed by its overseer alone." in history
    assert ("Target revised to 30 Jun 2022: Custody suite rebuild. Agreed by the Kent Custody Board at its meeting of "
            "15 Feb 2022.") in history
    # The Overdue page's table, once the new target has passed: two moves, 181 days' slip.
    overdue = run(db, "overdue_items", date(2022, 7, 15), sort="days_overdue", limit=100)
    assert overdue[overdue["key"] == "2-kent"][["days_overdue", "moves", "slip_days"]].values.tolist() == [[15, 2, 181]]


def test_a_refused_extension_stays_off_the_target_and_a_third_asks_the_board_again(db):
    set_policy(db, ADMIN, "Kent", REVIEWER_MOVES, "1", today=POLICY_DAY)
    first = submit(db, LEAD, "2-kent", "Half done.", target=FIRST, reason="Late supplier.", today=ASKED)
    decide(db, ACC_X, [first], "accept", today=AGREED)
    second = submit(db, LEAD, "2-kent", "Rebuild.", target=SECOND, reason="Rebuild.", today=ASKED_AGAIN)
    decide(db, ACC_X, [second], "return", "Ask the board with a costed plan.", today=ASKED_AGAIN)  # may still return
    meeting = record_meeting(db, ACC_X, KENT_BOARD, HELD, today=HELD)
    third = submit(db, LEAD, "2-kent", "Costed plan attached.", target=SECOND, reason="Rebuild, costed.",
                   today=HELD)
    meeting_decide(db, ACC_X, meeting, [third], "return", "Finish within the quarter.", today=TYPED)
    assert moves_and_slip(db, "2-kent", TYPED) == (1, 90, ORIGINAL, FIRST)
    assert run(db, "meeting_decisions", TYPED, meeting=meeting)["decision"].tolist() == ["return"]
    # A request made after the meeting was never before it: the board decides it at a later one.
    late = submit(db, LEAD, "2-kent", "A new plan.", target=SECOND, reason="Rebuild, replanned.", today=TYPED)
    with pytest.raises(WorkflowError, match=rf"^submission #{late}: it was made on 16 Feb 2022, after the meeting of "
                                            r"15 Feb 2022: a board decides at a meeting what was asked by its day$"):
        meeting_decide(db, ACC_X, meeting, [late], "accept", today=TYPED)
    assert run(db, "extension_requests", HELD)["seq"].tolist() == []  # not on that meeting's agenda either
    assert run(db, "extension_requests", TYPED)["seq"].tolist() == [late]


# --- An extension agreed at a meeting, where every move is the board's ---------------------------------------------

def test_every_move_goes_to_the_board_under_policy_0_and_is_agreed_at_a_meeting(db, monkeypatch, capsys):
    # As of 1 Mar 2023, 5-kent (original 30 Jun 2022) already moved once in the imported data, to 30 Sep 2022.
    monkeypatch.setenv("TRACKER_TODAY", "2023-03-01")
    today = held = date(2023, 3, 1)  # the board meets the day the lead asks
    new = date(2023, 6, 30)
    set_policy(db, ADMIN, "Kent", REVIEWER_MOVES, "0", today=date(2023, 1, 1))
    assert line(db, "5-kent", today) == [["2022-06-30", "0", "original", "-", "-"],
                                         ["2022-09-30", "1", "in the imported data", "not recorded", "92"]]
    base = ["--db", str(db)]
    assert main([*base, "submit", "--as", "supt.a@kent.example", "--id", "5-kent", "--comment", "Suite delayed.",
                 "--target", new.isoformat(), "--reason", "The contractor went bust."]) == 0
    out = capsys.readouterr().out.splitlines()
    seq = int(out[0].split("#")[1].split(" ")[0])
    assert out[1] == ("It is an extension request to 30 Jun 2023: the target has moved once so far, and under Kent's "
                      "policy (reviewer_moves = 0) only the Kent Custody Board may agree it, at a meeting.")
    assert main([*base, "review", "--as", "acc.x@kent.example", "--submission", str(seq), "--accept"]) == 1
    assert capsys.readouterr().err == (
        f"error: submission #{seq}: Kent's policy is that only the item's board agrees a move of its target: this "
        "extension request waits for the Kent Custody Board to decide it at a meeting (a reviewer may still return "
        "it)\n")
    assert main([*base, "extension", "list", "--board", KENT_BOARD, "--as", "acc.x@kent.example"]) == 0
    assert capsys.readouterr().out == (
        f"#{seq}\t5-kent\tsupt.a@kent.example\t30 Sep 2022 → 30 Jun 2023\t273 days\t1 move so far\tthe board only"
        "\tThe contractor went bust.\n1 extension request waiting for the Kent Custody Board · Kent\n")
    # No meeting that day yet; then the board meets, and its chair agrees it (nobody else may).
    decide_it = [*base, "extension", "decide", str(seq), "agree", "--board", KENT_BOARD, "--date", held.isoformat()]
    assert main([*decide_it, "--as", "acc.x@kent.example"]) == 1
    assert capsys.readouterr().err == ("error: the Kent Custody Board · Kent has no meeting recorded on 01 Mar 2023; "
                                       "record it with 'meeting'\n")
    meeting = record_meeting(db, ACC_X, KENT_BOARD, held, today=today)
    assert main([*decide_it, "--as", "admin@hmicfrs.example"]) == 1
    assert "only the meeting's chair records its decisions" in capsys.readouterr().err
    assert main([*decide_it, "--as", "acc.x@kent.example"]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"Extension request #{seq} on 5-kent agreed at meeting {meeting} of the Kent Custody Board "
                           "· Kent (decision #")
    # Two moves: 30 Jun 2022 → 30 Sep 2022 (92 days), → 30 Jun 2023 (273): 365 days since the original.
    assert said.endswith("): target 30 Jun 2023; 2 moves, 365 days' slip since the original target\n")
    assert moves_and_slip(db, "5-kent", today) == (2, 365, date(2022, 6, 30), new)
    assert moves_and_slip(db, "5-kent", date(2023, 2, 28)) == (1, 92, date(2022, 6, 30), date(2022, 9, 30))
    assert main([*base, "extension", "decide", str(seq), "refuse", "--meeting", str(meeting), "--reason", "x",
                 "--as", "acc.x@kent.example"]) == 1
    assert capsys.readouterr().err == f"error: #{seq} is not an extension request waiting for a decision\n"


def test_unlimited_lets_a_reviewer_agree_every_move_as_before(db):
    # Nobody has set Kent's policy: unlimited, its default. Two moves, each agreed by ACC X alone.
    first = submit(db, LEAD, "2-kent", "Half done.", target=FIRST, reason="Late supplier.", today=ASKED)
    decide(db, ACC_X, [first], "accept", today=AGREED)
    second = submit(db, LEAD, "2-kent", "Rebuild.", target=SECOND, reason="Rebuild.", today=ASKED_AGAIN)
    decide(db, ACC_X, [second], "accept", today=ASKED_AGAIN)
    assert moves_and_slip(db, "2-kent", ASKED_AGAIN) == (2, 181, ORIGINAL, SECOND)
    assert [r[2] for r in line(db, "2-kent", ASKED_AGAIN)] == ["original", "agreed by a reviewer",
                                                               "agreed by a reviewer"]


def test_one_decision_cannot_agree_two_moves_alone_past_the_policy(db):
    set_policy(db, ADMIN, "Kent", REVIEWER_MOVES, "1", today=POLICY_DAY)
    one = submit(db, LEAD, "2-kent", "A.", target=FIRST, reason="A.", today=ASKED)
    two = submit(db, LEAD, "2-kent", "B.", target=SECOND, reason="B.", today=ASKED)
    with pytest.raises(WorkflowError, match=rf"^submission #{two}: Kent's policy lets a reviewer agree 1 move"):
        decide(db, ACC_X, [one, two], "accept", today=AGREED)
    assert moves_and_slip(db, "2-kent", AGREED) == (0, 0, ORIGINAL, ORIGINAL)  # all or none


# --- The pages ------------------------------------------------------------------------------------------------------

def test_the_review_page_and_the_meeting_say_the_request_is_the_boards(db, monkeypatch):
    from page_help import page_as

    monkeypatch.setenv("TRACKER_TODAY", HELD.isoformat())
    set_policy(db, ADMIN, "Kent", REVIEWER_MOVES, "0", today=POLICY_DAY)
    seq = submit(db, LEAD, "2-kent", "Rebuild.", target=SECOND, reason="Custody suite rebuild.", today=ASKED)
    at = page_as(db, monkeypatch, ACC_X, "review")
    waiting = at.dataframe[0].value
    assert waiting[["seq", "proposed_target", "who_agrees"]].astype(str).values.tolist() == [
        [str(seq), "2022-06-30", "the board only"]]
    at = page_as(db, monkeypatch, LEAD, "recommendation", id="2-kent")
    infos = [html.unescape(i.value) for i in at.info]  # shown as text: every punctuation mark a character reference
    assert f"Extension request #{seq}: {ZERO} to decide it at a meeting (a reviewer may still return it)." in infos
    facts = at.markdown.values + [t.value for t in at.text]
    assert "**Target moves**" in facts and "0" in facts
    record_meeting(db, ACC_X, KENT_BOARD, HELD, today=HELD)
    at = page_as(db, monkeypatch, ACC_X, "meeting", board=f"{KENT_BOARD} · Kent", meeting=HELD.isoformat(),
                 screen="Extensions requested")
    cells = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["cells"]["values"]
    assert [c[0].replace("<br>", " ") for c in cells] == [f"#{seq}", "2 Kent", "31 Dec 2021", "30 Jun 2022", "181",
                                                          "0", "Yes"]
    assert [s.label for s in at.selectbox if s.label == "Extension request"] == ["Extension request"]
