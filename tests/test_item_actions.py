"""Actions under a recommendation, worked by hand on the six-recommendation fixture: 2-kent (Supt A's, overseen by
ACC X, being progressed, target 31 Dec 2021) is split on 1 Jun 2021 into three actions, and by 1 Oct 2021 two are
complete and one open and 31 days overdue ("2 of 3 actions complete"); accepting the lead's 'complete' is refused
while that action is open, unless the reviewer (or the board's chair) says why, and the reason stands in the history.
Who may add, change and update actions; actions never count as recommendations."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from page_help import page_as
from workflow_people import ACC_X, ACC_Y, DIRECTORY, ESSEX_LEAD, LEAD, VIEWER

from tests.test_meetings import KENT_BOARD, board_tables
from tracker.cli import main
from tracker.core import clock
from tracker.core.filters import Filters
from tracker.ingest.importer import ingest
from tracker.ingest.people import import_people
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.actions import (
    WorkflowError,
    add_action,
    change_action,
    decide,
    meeting_decide,
    record_meeting,
    submit,
    update_action,
)

JUNE, SEPT, OCT = date(2021, 6, 1), date(2021, 9, 1), date(2021, 10, 1)
SUPT_A, ACC_X_ID, DCI_B = 1, 2, 3  # the directory's people, by number
CELLS_SHUT = "The remaining cells are in the wing shut since July."


@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


def run(db: Path, name: str, on: date, **params):
    return queries.run(open_reader(db), name, **Filters(as_of=on).params(), **params)


def rows(frame, columns: list[str]) -> list[list]:
    """The frame's rows in these columns as plain values: None for a missing one, dates as 2021-09-30."""
    return [[None if pd.isna(v) else v.date().isoformat() if hasattr(v, "date") else
             int(v) if isinstance(v, float) else v for v in row] for row in frame[columns].values.tolist()]


def three_actions(db: Path) -> None:
    """ACC X (a reviewer) adds actions 1 and 2 for Supt A, and Supt A (the item's lead) adds 3 for ACC X, on 1 Jun;
    Supt A completes 1 and reports 2 still open on 1 Sep; ACC X completes 3 on 1 Oct."""
    assert add_action(db, ACC_X, "2-kent", "Train custody staff", SUPT_A, date(2021, 9, 30), today=JUNE)[0] == 1
    assert add_action(db, ACC_X, "2-kent", "Audit every cell", SUPT_A, date(2021, 8, 31), today=JUNE)[0] == 2
    assert add_action(db, LEAD, "2-kent", "Publish the new policy", ACC_X_ID, date(2021, 10, 31), today=JUNE)[0] == 3
    update_action(db, LEAD, "2-kent", 1, "complete", "All 40 staff trained.", today=SEPT)
    update_action(db, LEAD, "2-kent", 2, "open", "Half the cells audited.", today=SEPT)
    update_action(db, ACC_X, "2-kent", 3, "complete", "Published on the intranet.", today=OCT)


def counted(db: Path) -> tuple:
    """What counts recommendations as of 1 Oct 2021: the headline, the overdue list, owners' workloads."""
    return (run(db, "headline", OCT), run(db, "overdue_items", OCT, sort="days_overdue", limit=100).to_dict("records"),
            run(db, "owner_workload", OCT, by="owner").to_dict("records"))


def test_three_actions_with_one_open_roll_up_and_flag_the_overdue_one(db):
    before = counted(db)
    three_actions(db)
    assert counted(db) == before  # an action is never a recommendation: no count, rate or overdue list moves
    # Published by then: 1-kent (complete), 2-kent (due 31 Dec) and 3-essex (overdue); 2-kent's overdue action 2 does
    # not make it overdue.
    assert (before[0]["total"], before[0]["open"]) == (3, 2) and [r["key"] for r in before[1]] == ["3-essex"]
    actions = run(db, "item_actions", OCT, key="2-kent")
    assert rows(actions, ["action", "title", "owner", "target", "status", "days_overdue", "latest_update",
                          "updated_on", "updated_by", "updates"]) == [
        [1, "Train custody staff", "Supt A", "2021-09-30", "complete", None, "All 40 staff trained.", "2021-09-01",
         "supt.a@kent.example", 1],
        [2, "Audit every cell", "Supt A", "2021-08-31", "open", 31, "Half the cells audited.", "2021-09-01",
         "supt.a@kent.example", 1],
        [3, "Publish the new policy", "ACC X", "2021-10-31", "complete", None, "Published on the intranet.",
         "2021-10-01", "acc.x@kent.example", 1]]
    # As of 31 Aug nothing is complete and nothing overdue yet; before 1 Jun there are no actions.
    august = run(db, "item_actions", date(2021, 8, 31), key="2-kent")
    assert august["status"].tolist() == ["open", "open", "open"] and august["days_overdue"].isna().all()
    assert run(db, "item_actions", date(2021, 5, 31), key="2-kent").empty
    # Another force's reader sees none of them.
    assert queries.run(open_reader(db), "item_actions", **Filters(as_of=OCT, scope=("Essex",)).params(),
                       key="2-kent").empty
    trail = run(db, "item_action_trail", OCT, key="2-kent")
    assert rows(trail, ["on_date", "action", "step", "text", "by"])[:2] == [
        ["2021-10-01", 3, "progress: complete", "Published on the intranet.", "acc.x@kent.example"],
        ["2021-09-01", 2, "progress: open", "Half the cells audited.", "supt.a@kent.example"]]
    assert trail["text"].iloc[-1] == "Train custody staff (owner Supt A, target 30 Sep 2021)"
    assert len(trail) == 6
    audit = run(db, "activity", OCT, key="2-kent", search="action 2", limit=10, offset=0)
    assert audit[["action", "role", "detail"]].values.tolist() == [
        ["action 2: progress", "action owner", "Half the cells audited. · status open"],
        ["action 2: add", "reviewer", "Audit every cell · target 2021-08-31"]]


def test_a_change_keeps_the_number_and_says_why(db):
    three_actions(db)
    change_action(db, ACC_X, "2-kent", 2, "Audit every open cell", SUPT_A, date(2021, 11, 30),
                  "The east wing is shut.", today=OCT)
    actions = run(db, "item_actions", OCT, key="2-kent")
    assert rows(actions[actions["action"] == 2], ["title", "target", "status", "days_overdue"]) == [
        ["Audit every open cell", "2021-11-30", "open", None]]
    assert run(db, "item_action_trail", OCT, key="2-kent")["text"].iloc[0] == \
        "Audit every open cell (owner Supt A, target 30 Nov 2021): The east wing is shut."
    # The next action added is 4, never a number given before.
    assert add_action(db, ACC_X, "2-kent", "Brief the board", SUPT_A, date(2021, 12, 31), today=OCT)[0] == 4


def test_accepting_completion_with_an_action_open_needs_a_reason_kept_in_the_history(db):
    three_actions(db)
    seq = submit(db, LEAD, "2-kent", "Everything is done.", status="complete", today=date(2021, 10, 2))
    waiting = run(db, "waiting_submissions", date(2021, 10, 2), key="2-kent")
    assert [list(a) for a in waiting["open_actions"]] == [[2]]
    with pytest.raises(WorkflowError, match=rf"^submission #{seq}: action 2 of this recommendation is still open: "
                                            r"complete it first, or say why it is complete with it open$"):
        decide(db, ACC_X, [seq], "accept", today=date(2021, 10, 3))
    assert run(db, "workflow_item", date(2021, 10, 3), key="2-kent")["status"] == "being-progressed"
    decide(db, ACC_X, [seq], "accept", CELLS_SHUT, today=date(2021, 10, 3))
    assert run(db, "workflow_item", date(2021, 10, 3), key="2-kent")["status"] == "pending-sign-off"
    history = run(db, "recommendation_history", date(2021, 10, 3), key="2-kent")
    assert ("The force accepts that this is complete; it is pending the inspectorate's sign-off. Accepted as complete "
            f"with action 2 still open: {CELLS_SHUT.rstrip('.')}.") in set(history["text"])
    trail = run(db, "activity", date(2021, 10, 3), key="2-kent", search="decision", limit=10, offset=0)
    assert trail["detail"].tolist() == [CELLS_SHUT]
    # Once every action is complete, no reason is needed.
    update_action(db, LEAD, "2-kent", 2, "complete", "Every cell audited.", today=date(2021, 10, 4))
    seq = submit(db, ESSEX_LEAD, "3-essex", "Done.", status="complete", today=date(2021, 10, 4))
    decide(db, ACC_Y, [seq], "accept", today=date(2021, 10, 5))  # 3-essex has no actions at all


def test_returning_or_moving_a_target_needs_no_reason(db):
    three_actions(db)
    seq = submit(db, LEAD, "2-kent", "Later.", target=date(2022, 3, 31), reason="Staff shortages",
                 today=date(2021, 10, 2))
    decide(db, ACC_X, [seq], "accept", today=date(2021, 10, 3))
    seq = submit(db, LEAD, "2-kent", "Done.", status="complete", today=date(2021, 10, 4))
    decide(db, ACC_X, [seq], "return", "Action 2 is open.", today=date(2021, 10, 5))


def test_the_chair_at_a_board_meeting_is_held_to_the_same_rule(tmp_path):
    db = tmp_path / "boards.duckdb"
    ingest([str(board_tables(tmp_path / "tables"))], db)
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", db, "test")
    today = clock.today()
    add_action(db, ACC_X, "2-kent", "Audit every cell", SUPT_A, today + timedelta(days=30), today=today)
    meeting = record_meeting(db, ACC_X, KENT_BOARD, today, today=today)
    seq = submit(db, LEAD, "2-kent", "Done.", status="complete", today=today)
    assert [list(a) for a in run(db, "for_decision", today)["open_actions"]] == [[1]]
    with pytest.raises(WorkflowError, match=rf"^submission #{seq}: action 1 of this recommendation is still open"):
        meeting_decide(db, ACC_X, meeting, [seq], "accept", today=today)
    meeting_decide(db, ACC_X, meeting, [seq], "accept", "The board accepts the audit as a routine task.", today=today)
    history = run(db, "recommendation_history", today, key="2-kent")
    assert any("Accepted as complete with action 1 still open: The board accepts the audit as a routine task." in t
               for t in history["text"].dropna())


def test_who_may_add_change_and_update_actions_and_what_they_give(db):
    target = date(2021, 9, 30)
    with pytest.raises(WorkflowError, match=r"^only the item's lead or a reviewer of its force can add or change its "
                                            r"actions$"):
        add_action(db, VIEWER, "2-kent", "Train staff", SUPT_A, target, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^there is no such recommendation in your force$"):
        add_action(db, ACC_Y, "2-kent", "Train staff", SUPT_A, target, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^only the item's lead or a reviewer"):  # a lead, not 6-essex's
        add_action(db, ESSEX_LEAD, "6-essex", "Train staff", DCI_B, target, today=date(2022, 6, 1))
    with pytest.raises(WorkflowError, match=r"^this recommendation is closed"):
        add_action(db, ACC_X, "1-kent", "Train staff", SUPT_A, target, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^give the action's title: what is to be done$"):
        add_action(db, ACC_X, "2-kent", "  ", SUPT_A, target, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^the action's owner is an active person of Kent in the directory$"):
        add_action(db, ACC_X, "2-kent", "Train staff", DCI_B, target, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^the action's owner is an active person of Kent in the directory$"):
        add_action(db, ACC_X, "2-kent", "Train staff", 99, target, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^give the action's target date, within a year before today"):
        add_action(db, ACC_X, "2-kent", "Train staff", SUPT_A, None, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^give the action's target date, within a year before today"):
        add_action(db, ACC_X, "2-kent", "Train staff", SUPT_A, date(2031, 7, 1), today=JUNE)
    with pytest.raises(WorkflowError, match=r"^there is no action 1 on 2-kent$"):
        change_action(db, ACC_X, "2-kent", 1, "Train staff", SUPT_A, target, today=JUNE)
    assert run(db, "item_actions", JUNE, key="2-kent").empty  # nothing was written

    add_action(db, ACC_X, "2-kent", "Publish the new policy", ACC_X_ID, target, today=JUNE)
    with pytest.raises(WorkflowError, match=r"^only the action's owner or a reviewer of the item's force can report "
                                            r"progress on it$"):
        update_action(db, LEAD, "2-kent", 1, "complete", "Done.", today=SEPT)  # the lead, but not its owner
    with pytest.raises(WorkflowError, match=r"^there is no such recommendation in your force$"):
        update_action(db, ACC_Y, "2-kent", 1, "complete", "Done.", today=SEPT)
    with pytest.raises(WorkflowError, match=r"^there is no such action on 2-kent$"):
        update_action(db, ACC_X, "2-kent", 7, "complete", "Done.", today=SEPT)
    with pytest.raises(WorkflowError, match=r"^an action's status is open or complete$"):
        update_action(db, ACC_X, "2-kent", 1, "done", "Done.", today=SEPT)
    with pytest.raises(WorkflowError, match=r"^write a progress note$"):
        update_action(db, ACC_X, "2-kent", 1, "complete", " ", today=SEPT)
    assert run(db, "item_actions", SEPT, key="2-kent")["updates"].tolist() == [0]


def test_the_command_line_adds_changes_updates_and_lists_actions(db, capsys):
    today = clock.today()
    later = today + timedelta(days=30)
    base = ["--db", str(db), "action"]
    assert main([*base, "add", "2-kent", "--title", "Train custody staff", "--owner", "supt.a@kent.example",
                 "--target", later.isoformat(), "--as", "acc.x@kent.example"]) == 0
    assert capsys.readouterr().out.startswith(f"2-kent: action 1 added, target {later:%d %b %Y} (event #")
    assert main([*base, "add", "2-kent", "--title", "Audit every cell", "--owner", "nobody@kent.example",
                 "--target", later.isoformat(), "--as", "acc.x@kent.example"]) == 1
    assert capsys.readouterr().err == "error: --owner nobody@kent.example: nobody active in the directory has this email\n"
    assert main([*base, "add", "2-kent", "--title", "Audit every cell", "--owner", "dci.b@essex.example",
                 "--target", later.isoformat(), "--as", "acc.x@kent.example"]) == 1
    assert capsys.readouterr().err == "error: the action's owner is an active person of Kent in the directory\n"
    assert main([*base, "change", "2-kent", "1", "--target", (later + timedelta(days=1)).isoformat(),
                 "--reason", "Trainers booked.", "--as", "supt.a@kent.example"]) == 0
    assert capsys.readouterr().out.startswith("2-kent: action 1 changed (event #")
    assert main([*base, "change", "2-kent", "2", "--title", "X", "--as", "supt.a@kent.example"]) == 1
    assert capsys.readouterr().err == "error: there is no action 2 on 2-kent\n"
    assert main([*base, "update", "2-kent", "1", "complete", "--comment", "All trained.",
                 "--as", "viewer@kent.example"]) == 1
    assert capsys.readouterr().err == ("error: only the action's owner or a reviewer of the item's force can report "
                                       "progress on it\n")
    assert main([*base, "update", "2-kent", "1", "complete", "--comment", "All trained.",
                 "--as", "supt.a@kent.example"]) == 0
    assert capsys.readouterr().out.startswith("2-kent: action 1 complete (event #")
    assert main([*base, "add", "2-kent", "--title", "Audit every cell", "--owner", "acc.x@kent.example",
                 "--target", later.isoformat(), "--as", "supt.a@kent.example"]) == 0
    capsys.readouterr()
    assert main([*base, "list", "2-kent"]) == 0
    assert capsys.readouterr().out == (
        "2-kent: 1 of 2 actions complete\n"
        f"1\tcomplete\tTrain custody staff\tSupt A\ttarget {later + timedelta(days=1):%d %b %Y}\t"
        f"{today:%d %b %Y}: All trained.\n"
        f"2\topen (30 days left)\tAudit every cell\tACC X\ttarget {later:%d %b %Y}\tno update yet\n")
    assert main([*base, "list", "2-kent", "--as", "dci.b@essex.example"]) == 1
    assert capsys.readouterr().err == "error: there is no such recommendation in your force\n"


def test_the_recommendation_page_rolls_up_and_my_items_lists_the_owners_actions(db, monkeypatch):
    three_actions(db)
    late = (clock.today() - date(2021, 8, 31)).days  # action 2 is open, its target 31 Aug 2021
    at = page_as(db, monkeypatch, ACC_X, "recommendation", id="2-kent")
    assert "Actions: 2 of 3 actions complete" in [h.value for h in at.header]
    listed = next(d.value for d in at.dataframe if "against_target" in d.value.columns)
    assert listed[["action", "owner", "status", "against_target", "latest_update"]].values.tolist() == [
        [1, "Supt A", "Complete", "complete", "All 40 staff trained."],
        [2, "Supt A", "Open", f"{late:,} days overdue", "Half the cells audited."],
        [3, "ACC X", "Complete", "complete", "Published on the intranet."]]
    assert "Add the action" in [b.label for b in at.button]  # a reviewer of Kent plans its actions
    assert "Save progress" in [b.label for b in at.button]  # and may report progress on any of them
    viewer = page_as(db, monkeypatch, VIEWER, "recommendation", id="2-kent")
    assert "Actions: 2 of 3 actions complete" in [h.value for h in viewer.header]
    assert not {"Add the action", "Save progress"} & {b.label for b in viewer.button}

    mine = page_as(db, monkeypatch, LEAD, "my_items")
    assert "Actions (1 open, 1 overdue)" in [h.value for h in mine.header]
    own = next(d.value for d in mine.dataframe if "against_target" in d.value.columns)
    assert own[["key", "action", "title", "status", "against_target"]].values.tolist() == [
        ["2-kent", 2, "Audit every cell", "Open", f"{late:,} days overdue"],
        ["2-kent", 1, "Train custody staff", "Complete", "complete"]]
    assert [o for o in mine.selectbox if o.label == "Action"][0].options == ["2-kent · action 2: Audit every cell",
                                                                            "2-kent · action 1: Train custody staff"]


def test_the_reviewer_on_the_page_is_asked_why_when_an_action_is_open(db, monkeypatch):
    # Clicking Accept with and without the reason is tests/test_actions_browser.py's (AppTest clicks do not register).
    three_actions(db)
    seq = submit(db, LEAD, "2-kent", "Everything is done.", status="complete")
    at = page_as(db, monkeypatch, ACC_X, "recommendation", id="2-kent")
    assert f"#{seq} (2-kent: action 2 open)" in [t.value for t in at.text]
    assert at.text_input(key="2-kent-open-why").label == "Why it is complete with actions still open"
    update_action(db, LEAD, "2-kent", 2, "complete", "Every cell audited.")
    at = page_as(db, monkeypatch, ACC_X, "recommendation", id="2-kent")
    assert "2-kent-open-why" not in [t.key for t in at.text_input]


def test_the_command_line_review_accepts_with_open_actions_given_a_reason(db, capsys):
    today = clock.today()
    add_action(db, ACC_X, "2-kent", "Audit every cell", SUPT_A, today + timedelta(days=30), today=today)
    seq = submit(db, LEAD, "2-kent", "Done.", status="complete", today=today)
    base = ["--db", str(db), "review", "--as", "acc.x@kent.example", "--submission", str(seq)]
    assert main([*base, "--accept"]) == 1
    assert capsys.readouterr().err == (f"error: submission #{seq}: action 1 of this recommendation is still open: "
                                       "complete it first, or say why it is complete with it open\n")
    assert main([*base, "--accept", "--reason", CELLS_SHUT]) == 0
    assert capsys.readouterr().out.startswith(f"Accepted: #{seq} (decision #")
    assert run(db, "workflow_item", today, key="2-kent")["status"] == "pending-sign-off"
