"""Closings that say what happened, worked by hand on the six-recommendation fixture with boards (Kent items 1, 2, 5
the Kent Custody Board's; Essex 3, 4 the Essex Board's, 6 none).

Risk accepted: ACC X proposes it for 2-kent on 1 Mar 2023; the Chief Constable signs it off on 15 Mar (recorded on the
20th); the Kent Custody Board notes it at its meeting of 5 Apr (recorded on the 6th): closed from 5 Apr, the last of
the three days. As of 4 Apr, complete ÷ (all − closed apart) is 1 ÷ (6 − 1 superseded) = 20% over all six items and
1 ÷ 3 = 33% in Kent; from 5 Apr, 1 ÷ (6 − 1 − 1 risk accepted) = 25% and Kent's 1 ÷ (3 − 1) = 50%.

Carried forward: the inspectorate carries 2-kent (Report A, 2020) forward into 5-kent (Report B, 2022) on 2 May 2023:
the same arithmetic, from that day; both items show the link."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.test_meetings import board_tables
from tests.workflow_people import ACC_X, ACC_Y, ADMIN, DIRECTORY, ESSEX_LEAD, LEAD, VIEWER
from tracker.cli import main
from tracker.core import clock
from tracker.core.filters import Filters
from tracker.ingest.importer import ingest
from tracker.ingest.people import import_people
from tracker.people.access import Person, person_of
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.actions import (
    WorkflowError,
    carry_forward,
    note_risk,
    propose_risk_acceptance,
    record_meeting,
    reopen,
    sign_off_risk,
    submit,
    withdraw_risk_acceptance,
)
from tracker.workflow.rules import CLOSED_ITEM, Item, carry_forward_refusal

BOARD = "Kent Custody Board"
PROPOSED, SIGNED, RECORDED, HELD, NOTED = (date(2023, 3, 1), date(2023, 3, 15), date(2023, 3, 20), date(2023, 4, 5),
                                           date(2023, 4, 6))
REASON = "The custody suite closes in 2024; refitting it now is poor value."
CHIEF = "Chief Constable J Doe"
EXTRA = ("hmi@hmicfrs.example,HM Inspector,national,inspectorate\n"
         "pcc@kent.example,Kent PCC,Kent,commissioner\n")


@pytest.fixture
def db(tmp_path) -> Path:
    """The fixture with boards, the workflow directory, an inspector and Kent's commissioner."""
    path = tmp_path / "closing.duckdb"
    ingest([str(board_tables(tmp_path / "tables"))], path)
    (tmp_path / "people.csv").write_text(DIRECTORY + EXTRA, encoding="utf-8")
    import_people(tmp_path / "people.csv", path, "test")
    return path


def person(db: Path, email: str) -> Person:
    return person_of(queries.run(open_reader(db), "person_by_email", email=email))


def run(db: Path, name: str, on: date, **params):
    return queries.run(open_reader(db), name, **Filters(as_of=on).params(), **params)


def rates(db: Path, on: date) -> tuple[float, float]:
    """(the implementation rate over every item, Kent's) as of the day, from the headline and the force table."""
    kent = run(db, "force_table", on, sort="force").set_index("force").loc["Kent", "implementation_rate"]
    return run(db, "headline", on)["implementation_rate"], kent


def status(db: Path, key: str, on: date) -> str:
    return run(db, "workflow_item", on, key=key)["status"]


def test_risk_accepted_closes_once_proposed_signed_off_and_noted_and_changes_the_rate(db):
    inspector = person(db, "hmi@hmicfrs.example")
    commissioner = person(db, "pcc@kent.example")
    # Who may propose it, and what it needs.
    with pytest.raises(WorkflowError, match=r"^2-kent: only the item's overseer, a reviewer of its force or an "
                                            r"administrator proposes accepting its risk, or withdraws that$"):
        propose_risk_acceptance(db, LEAD, "2-kent", REASON, today=PROPOSED)
    with pytest.raises(WorkflowError, match=r"^2-kent: there is no such recommendation in your force$"):
        propose_risk_acceptance(db, ACC_Y, "2-kent", REASON, today=PROPOSED)
    with pytest.raises(WorkflowError, match=r"^2-kent: say why the risk is accepted rather than acted on$"):
        propose_risk_acceptance(db, ACC_X, "2-kent", "  ", today=PROPOSED)
    with pytest.raises(WorkflowError, match=r"^6-essex: its board notes a risk acceptance, and this recommendation "
                                            r"names no board$"):
        propose_risk_acceptance(db, ACC_Y, "6-essex", REASON, today=PROPOSED)
    with pytest.raises(WorkflowError, match=r"^1-kent: this recommendation is closed"):
        propose_risk_acceptance(db, ACC_X, "1-kent", REASON, today=PROPOSED)
    # A meeting before the proposal cannot note it.
    early = record_meeting(db, ACC_X, BOARD, date(2023, 2, 27), today=date(2023, 2, 27))
    proposal = propose_risk_acceptance(db, ACC_X, "2-kent", REASON, today=PROPOSED)
    with pytest.raises(WorkflowError, match=r"^2-kent: risk acceptance #\d+ is already proposed"):
        propose_risk_acceptance(db, ADMIN, "2-kent", "Again.", today=PROPOSED)
    with pytest.raises(WorkflowError, match=r"^2-kent: no risk acceptance proposed by the meeting's day waits for the "
                                            r"board to note it$"):
        note_risk(db, ACC_X, early, "2-kent", today=date(2023, 3, 2))
    waiting = submit(db, LEAD, "2-kent", "Still looking at options.", today=date(2023, 3, 10))

    # The sign-off: who records it, and what it must say (a missing sign-off's parts are refused).
    with pytest.raises(WorkflowError, match=r"^2-kent: only the item's overseer, a reviewer of its force, an "
                                            r"administrator or its force area's commissioner can record the sign-off$"):
        sign_off_risk(db, VIEWER, "2-kent", CHIEF, "chief officer", SIGNED, today=RECORDED)
    with pytest.raises(WorkflowError, match=r"^2-kent: name who signed it off$"):
        sign_off_risk(db, ACC_X, "2-kent", " ", "chief officer", SIGNED, today=RECORDED)
    with pytest.raises(WorkflowError, match=r"^2-kent: a risk is accepted by the chief officer or the commissioner: "
                                            r"say which signed it off$"):
        sign_off_risk(db, ACC_X, "2-kent", CHIEF, "deputy", SIGNED, today=RECORDED)
    with pytest.raises(WorkflowError, match=r"^2-kent: the sign-off is dated between the proposal and today$"):
        sign_off_risk(db, ACC_X, "2-kent", CHIEF, "chief officer", date(2023, 2, 28), today=RECORDED)
    with pytest.raises(WorkflowError, match=r"^2-kent: the sign-off is dated between the proposal and today$"):
        sign_off_risk(db, ACC_X, "2-kent", CHIEF, "chief officer", None, today=RECORDED)
    sign_off_risk(db, commissioner, "2-kent", CHIEF, "chief officer", SIGNED, today=RECORDED)
    with pytest.raises(WorkflowError, match=r"^2-kent: risk acceptance #\d+ is signed off already$"):
        sign_off_risk(db, ACC_X, "2-kent", CHIEF, "chief officer", SIGNED, today=RECORDED)
    # Signed off but not yet noted by the board: still open, and still counted against Kent.
    assert status(db, "2-kent", RECORDED) == "being-progressed"
    assert rates(db, RECORDED) == (pytest.approx(1 / 5), pytest.approx(1 / 3))

    # The board's noting: at a meeting of the item's board, by its chair.
    meeting = record_meeting(db, ACC_X, BOARD, HELD, today=HELD)
    with pytest.raises(WorkflowError, match=r"^only the meeting's chair records its decisions$"):
        note_risk(db, ADMIN, meeting, "2-kent", today=NOTED)
    with pytest.raises(WorkflowError, match=r"^3-essex: there is no such recommendation in your force$"):
        note_risk(db, ACC_X, meeting, "3-essex", today=NOTED)
    with pytest.raises(WorkflowError, match=r"^5-kent: no risk acceptance proposed by the meeting's day waits"):
        note_risk(db, ACC_X, meeting, "5-kent", today=NOTED)
    note_risk(db, ACC_X, meeting, "2-kent", "Noted; to be reviewed in a year.", today=NOTED)

    # Closed from 5 Apr, the meeting's day (the last of the three), and shown apart.
    assert status(db, "2-kent", date(2023, 4, 4)) == "being-progressed"
    assert status(db, "2-kent", HELD) == "risk-accepted"
    assert rates(db, date(2023, 4, 4)) == (pytest.approx(1 / 5), pytest.approx(1 / 3))   # 1 ÷ (6 − 1), 1 ÷ 3
    assert rates(db, HELD) == (pytest.approx(1 / 4), pytest.approx(1 / 2))               # 1 ÷ (6 − 1 − 1), 1 ÷ (3 − 1)
    before, after = run(db, "headline", date(2023, 4, 4)), run(db, "headline", HELD)
    assert [before[k] for k in ("open", "overdue", "risk_accepted")] == [4, 3, 0]
    assert [after[k] for k in ("open", "overdue", "risk_accepted")] == [3, 2, 1]  # 2-kent no longer open nor overdue
    funnel = run(db, "status_funnel", HELD).set_index("status")["n"].to_dict()
    assert (funnel["risk-accepted"], funnel["carried-forward"], funnel["being-progressed"]) == (1, 0, 1)

    # Each step is a dated, attributed row of the item's history; the lead's waiting submission lapsed with it.
    history = run(db, "recommendation_history", date(2023, 6, 30), key="2-kent")
    rows = [(r.on_date.date(), r.status if isinstance(r.status, str) else None, r.text, r.review)
            for r in history.itertuples() if r.on_date.date() >= PROPOSED]
    assert rows == [
        (PROPOSED, None, (f"Closing as risk accepted proposed: {REASON[:-1]}. It closes once the chief officer or the "
                         "commissioner signs it off and its board notes it."), "signed off and noted: closed on 2023-04-05"),
        (date(2023, 3, 10), None, "Still looking at options.", "lapsed when the item closed on 2023-04-05"),
        (SIGNED, None, f"Risk acceptance #{proposal} signed off by {CHIEF}, chief officer.",
         "recorded by pcc@kent.example (commissioner) on " + clock.today().isoformat()),
        (HELD, None, f"Risk acceptance #{proposal} noted by the {BOARD} at its meeting. Noted; to be reviewed in a year.",
         f"noted by acc.x@kent.example at the {BOARD} meeting on 2023-04-05"),
        (HELD, "risk-accepted", (f"Closed as risk accepted: {REASON[:-1]}. Signed off by {CHIEF} (chief officer) on "
                                f"15 Mar 2023; noted by the {BOARD} on 5 Apr 2023."),
         f"signed off by {CHIEF} (chief officer) on 2023-03-15, noted by acc.x@kent.example on 2023-04-05"),
    ]
    lapsed = open_reader(db).execute("SELECT state FROM submission_rows(NULL, $s)", {"s": waiting}).fetchone()
    assert lapsed == ("lapsed",)
    with pytest.raises(WorkflowError, match=r"^2-kent: this recommendation is closed"):
        withdraw_risk_acceptance(db, ACC_X, "2-kent", "Too late.", today=date(2023, 5, 1))
    # The inspectorate keeps its say: it may reopen the item, which may then be proposed again.
    reopen(db, inspector, "2-kent", "The suite is staying open after all.", today=date(2023, 5, 1))
    assert status(db, "2-kent", date(2023, 5, 1)) == "being-progressed"
    propose_risk_acceptance(db, ACC_X, "2-kent", "A cheaper refit has been found wanting.", today=date(2023, 5, 2))


def test_a_risk_acceptance_missing_its_sign_off_leaves_the_item_open_until_withdrawn(db):
    meeting = record_meeting(db, ACC_X, BOARD, HELD, today=HELD)
    propose_risk_acceptance(db, ACC_X, "5-kent", REASON, today=PROPOSED)
    note_risk(db, ACC_X, meeting, "5-kent", today=NOTED)
    with pytest.raises(WorkflowError, match=r"^5-kent: the board has noted risk acceptance #\d+ already$"):
        note_risk(db, ACC_X, meeting, "5-kent", today=NOTED)
    assert status(db, "5-kent", date(2023, 6, 30)) == "being-progressed"   # noted, never signed off
    assert rates(db, date(2023, 6, 30)) == (pytest.approx(1 / 5), pytest.approx(1 / 3))
    with pytest.raises(WorkflowError, match=r"^5-kent: say why the risk acceptance is withdrawn$"):
        withdraw_risk_acceptance(db, ACC_X, "5-kent", "", today=date(2023, 5, 1))
    with pytest.raises(WorkflowError, match=r"^5-kent: only the item's overseer"):
        withdraw_risk_acceptance(db, LEAD, "5-kent", "Not mine to withdraw.", today=date(2023, 5, 1))
    withdraw_risk_acceptance(db, ACC_X, "5-kent", "The chief officer would not sign it.", today=date(2023, 5, 1))
    state = run(db, "workflow_item", date(2023, 5, 1), key="5-kent")
    assert state["risk_seq"] is None and state["is_open"]
    assert run(db, "workflow_item", date(2023, 4, 30), key="5-kent")["risk_state"] == "waiting"  # as it stood then
    with pytest.raises(WorkflowError, match=r"^5-kent: no risk acceptance waits on this recommendation$"):
        sign_off_risk(db, ACC_X, "5-kent", CHIEF, "chief officer", date(2023, 5, 1), today=date(2023, 5, 1))
    history = run(db, "recommendation_history", date(2023, 6, 30), key="5-kent")
    withdrawn = history[history["text"].str.endswith(" withdrawn: The chief officer would not sign it.", na=False)]
    assert withdrawn[["on_date", "review"]].astype(str).values.tolist() == [
        ["2023-05-01", "withdrawn by acc.x@kent.example (overseer) on 2023-05-01"]]


CARRIED = date(2023, 5, 2)


def test_carried_forward_closes_an_item_into_a_newer_one_and_both_show_the_link(db):
    inspector = person(db, "hmi@hmicfrs.example")
    with pytest.raises(WorkflowError, match=r"^2-kent: only the inspectorate carries a recommendation forward"):
        carry_forward(db, LEAD, "2-kent", "5-kent", today=CARRIED)
    with pytest.raises(WorkflowError, match=r"^2-kent: a recommendation is not carried forward into itself$"):
        carry_forward(db, inspector, "2-kent", "2-kent", today=CARRIED)
    with pytest.raises(WorkflowError, match=r"^2-kent: name the newer recommendation that takes it over: there is no "
                                            r"such recommendation in your scope$"):
        carry_forward(db, ACC_X, "2-kent", "3-essex", today=CARRIED)
    with pytest.raises(WorkflowError, match=r"^2-kent: name the newer recommendation"):
        carry_forward(db, inspector, "2-kent", "99-kent", today=CARRIED)
    with pytest.raises(WorkflowError, match=r"^2-kent: 3-essex is Essex's: a recommendation is carried forward into "
                                            r"one of its own force$"):
        carry_forward(db, inspector, "2-kent", "3-essex", today=CARRIED)
    with pytest.raises(WorkflowError, match=r"^5-kent: 2-kent was published before this recommendation"):
        carry_forward(db, inspector, "5-kent", "2-kent", today=CARRIED)
    assert rates(db, CARRIED) == (pytest.approx(1 / 5), pytest.approx(1 / 3))   # nothing was written

    carry_forward(db, inspector, "2-kent", "5-kent", "Report B's recommendation 5 takes this over.", today=CARRIED)
    assert (status(db, "2-kent", date(2023, 5, 1)), status(db, "2-kent", CARRIED)) == ("being-progressed",
                                                                                       "carried-forward")
    assert rates(db, date(2023, 5, 1)) == (pytest.approx(1 / 5), pytest.approx(1 / 3))  # 1 ÷ (6 − 1), 1 ÷ 3
    assert rates(db, CARRIED) == (pytest.approx(1 / 4), pytest.approx(1 / 2))         # 1 ÷ (6 − 2), 1 ÷ (3 − 1)
    assert run(db, "headline", CARRIED)["carried_forward"] == 1

    def links(key: str, on: date) -> list[tuple]:
        found = run(db, "item_links", on, key=key)
        return list(zip(found["relation"], found["direction"], found["other_key"], found["actor"], strict=True))

    assert links("2-kent", CARRIED) == [("carried_forward", "to", "5-kent", "hmi@hmicfrs.example")]
    assert links("5-kent", CARRIED) == [("carried_forward", "from", "2-kent", "hmi@hmicfrs.example")]
    assert links("2-kent", date(2023, 5, 1)) == [] and links("5-kent", date(2023, 5, 1)) == []
    trail = run(db, "activity", CARRIED, key="2-kent", search=None, limit=10, offset=0)
    assert (trail.iloc[0]["action"], trail.iloc[0]["actor"], trail.iloc[0]["role"]) == (
        "carried forward into 5-kent", "hmi@hmicfrs.example", "inspectorate")
    history = run(db, "recommendation_history", CARRIED, key="2-kent")
    last = history.iloc[-1]
    assert (last["status"], last["text"], last["review"]) == (
        "carried-forward", ("Carried forward into 5-kent, which takes it over: Report B's recommendation 5 takes this "
                           "over."), "carried forward by hmi@hmicfrs.example (inspectorate) on 2023-05-02")
    with pytest.raises(WorkflowError, match="^2-kent: " + re.escape(CLOSED_ITEM) + "$"):
        carry_forward(db, inspector, "2-kent", "5-kent", today=CARRIED)
    # Reopened, it stands carried forward no longer, and the link goes with it.
    reopen(db, inspector, "2-kent", "Report B was withdrawn.", today=date(2023, 6, 1))
    assert links("5-kent", date(2023, 6, 1)) == [] and links("5-kent", CARRIED) != []


def test_a_force_liaison_records_carrying_forward_from_the_newer_report(db):
    carry_forward(db, ACC_X, "2-kent", "5-kent", today=CARRIED)
    last = run(db, "recommendation_history", CARRIED, key="2-kent").iloc[-1]
    assert last["text"] == "Carried forward into 5-kent, which takes it over. (Recorded from the newer report.)"
    assert last["review"] == "carried forward by acc.x@kent.example (liaison) on 2023-05-02"


KENT_2 = Item("2-kent", "Kent", 1, 2, True, board=BOARD)
KENT_5 = Item("5-kent", "Kent", 1, 2, True, board=BOARD)
INSPECTOR = Person(7, "hmi@hmicfrs.example", "HM Inspector", None, ("inspectorate",))


@pytest.mark.parametrize(("who", "other", "carried_to", "refused"), [
    (INSPECTOR, KENT_5, None, None),
    (ACC_X, KENT_5, None, None),                    # a force's liaison, from the newer report
    (ESSEX_LEAD, KENT_5, None, "there is no such recommendation in your scope"),
    (VIEWER, KENT_5, None, ("only the inspectorate carries a recommendation forward, or a force's liaison (the item's "
                           "overseer, a reviewer of its force or an administrator) records it from the newer report")),
    (INSPECTOR, KENT_2, None, "a recommendation is not carried forward into itself"),
    (INSPECTOR, KENT_5, "9-kent", "5-kent is itself carried forward into 9-kent: name that one"),
])
def test_who_may_carry_forward_and_into_what(who, other, carried_to, refused):
    assert carry_forward_refusal(who, KENT_2, other, date(2020, 1, 1), date(2022, 1, 1), carried_to) == refused


def test_the_command_line_closes_as_risk_accepted_and_carried_forward(db, capsys):
    today = clock.today()
    base = ["--db", str(db), "close"]
    assert main([*base, "2-kent", "risk-accepted", "--reason", REASON, "--as", "acc.x@kent.example"]) == 0
    assert capsys.readouterr().out.startswith("2-kent: closing as risk accepted proposed (event #")
    assert main([*base, "2-kent", "sign-off", "--by", CHIEF, "--signed-as", "chief-officer", "--as",
                 "acc.x@kent.example"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"2-kent: risk acceptance signed off by {CHIEF}, chief officer, on {today:%-d %b %Y} (event #")
    assert out.rstrip().endswith("waiting for the board's noting")
    assert main(["--db", str(db), "meeting", "--board", BOARD, "--date", today.isoformat(), "--as",
                 "acc.x@kent.example"]) == 0
    meeting = capsys.readouterr().out.split()[1]
    assert main([*base, "2-kent", "noted", "--as", "acc.x@kent.example"]) == 1
    assert capsys.readouterr().err == "error: close noted: give --meeting N, the meeting the board noted it at\n"
    assert main([*base, "2-kent", "noted", "--meeting", meeting, "--as", "acc.x@kent.example"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("closed as risk accepted")
    assert status(db, "2-kent", today) == "risk-accepted"
    assert main([*base, "5-kent", "carried-forward", "--to", "5-kent", "--as", "hmi@hmicfrs.example"]) == 1
    assert capsys.readouterr().err == "error: 5-kent: a recommendation is not carried forward into itself\n"
    assert main([*base, "1-kent", "carried-forward", "--to", "5-kent", "--as", "hmi@hmicfrs.example"]) == 1
    assert "1-kent: this recommendation is closed" in capsys.readouterr().err
    assert main([*base, "5-kent", "withdraw", "--reason", "Nothing to withdraw.", "--as", "acc.x@kent.example"]) == 1
    assert capsys.readouterr().err == "error: 5-kent: no risk acceptance waits on this recommendation\n"


def test_the_two_closings_are_statuses_apart_with_their_own_words_colour_and_pattern():
    from tracker.analysis.charts import fill
    from tracker.core.statuses import CLOSED_APART, apart_text, label, normalise
    from tracker.workflow.rules import PROPOSABLE

    assert CLOSED_APART[-2:] == ("risk-accepted", "carried-forward")
    assert (label("risk-accepted"), label("carried-forward")) == ("Risk accepted", "Carried forward")
    assert normalise("Risk accepted") == ("risk-accepted", True) and normalise("Carried forward") == ("carried-forward",
                                                                                                      True)
    # Named in a funnel's title once there are any; the register's two always.
    assert apart_text({"superseded": 2}) == "2 superseded, 0 no further action needed"
    assert apart_text({"superseded": 2, "carried-forward": 1}) == ("2 superseded, 0 no further action needed, "
                                                                   "1 carried forward")
    # A lead cannot propose either: each has steps of its own.
    assert "risk-accepted" not in PROPOSABLE and "carried-forward" not in PROPOSABLE and "superseded" in PROPOSABLE
    assert fill("carried-forward")["shape"] == "\\" and fill("risk-accepted")["path"] == "M1,7L4,2L7,7Z"


def test_the_recommendation_page_says_how_an_item_closed_and_offers_the_next_step(db, monkeypatch):
    from page_help import page_as

    meeting = record_meeting(db, ACC_X, BOARD, HELD, today=HELD)
    propose_risk_acceptance(db, ACC_X, "2-kent", REASON, today=PROPOSED)
    # Waiting: what it still needs, and the sign-off's form for a reviewer of its force.
    at = page_as(db, monkeypatch, ACC_X, "recommendation", id="2-kent", as_of=RECORDED.isoformat())
    texts = [t.value for t in at.text]
    assert f"Closing as risk accepted proposed on 1 Mar 2023 by acc.x@kent.example: {REASON}" in texts
    assert "Sign-off: waiting for the chief officer or the commissioner" in texts
    assert "Who signed it off (their name)" in [t.label for t in at.text_input]
    assert "Why the risk is accepted rather than acted on" not in [t.label for t in at.text_area]  # one at a time
    sign_off_risk(db, ACC_X, "2-kent", CHIEF, "chief officer", SIGNED, today=RECORDED)
    note_risk(db, ACC_X, meeting, "2-kent", today=NOTED)
    # Closed: how, as a Kent viewer sees it, with no form; before the meeting's day it still waited.
    at = page_as(db, monkeypatch, VIEWER, "recommendation", id="2-kent", as_of="2023-06-30")
    texts = [t.value for t in at.text]
    assert f"Closed as risk accepted on 5 Apr 2023: {REASON}" in texts
    assert f"Signed off by {CHIEF} (chief officer) on 15 Mar 2023; noted by the {BOARD} on 5 Apr 2023." in texts
    assert "Who signed it off (their name)" not in [t.label for t in at.text_input]
    assert "Why the risk is accepted rather than acted on" not in [t.label for t in at.text_area]
    early = page_as(db, monkeypatch, VIEWER, "recommendation", id="2-kent", as_of="2023-04-04")
    assert f"Sign-off: {CHIEF} (chief officer), 15 Mar 2023" in [t.value for t in early.text]


def test_both_pages_show_the_carrying_forward(db, monkeypatch):
    from page_help import page_as

    # Open, no proposal: a reviewer of its force may propose accepting its risk, or record its carrying forward.
    offered = page_as(db, monkeypatch, ACC_X, "recommendation", id="2-kent")
    assert "Why the risk is accepted rather than acted on" in [t.label for t in offered.text_area]
    assert "The newer recommendation that takes it over (its key)" in [t.label for t in offered.text_input]
    carry_forward(db, person(db, "hmi@hmicfrs.example"), "2-kent", "5-kent", today=CARRIED)
    old = page_as(db, monkeypatch, VIEWER, "recommendation", id="2-kent", as_of="2023-06-30")
    texts = [t.value for t in old.text]
    assert ("Carried forward on 2 May 2023 into 5-kent, which takes it over (recorded by hmi@hmicfrs.example)"
            in texts)
    assert "This is carried forward into recommendation 5 of Report B (Kent), recorded by hmi@hmicfrs.example" in texts
    new = page_as(db, monkeypatch, VIEWER, "recommendation", id="5-kent", as_of="2023-06-30")
    assert ("This takes over (carried forward from) recommendation 2 of Report A (Kent), recorded by "
            "hmi@hmicfrs.example") in [t.value for t in new.text]


def test_the_meeting_pack_lists_the_risk_acceptances_for_the_board_to_note(db, tmp_path):
    from pptx import Presentation
    from pypdf import PdfReader

    propose_risk_acceptance(db, ACC_X, "2-kent", REASON, today=PROPOSED)
    sign_off_risk(db, ACC_X, "2-kent", CHIEF, "chief officer", SIGNED, today=RECORDED)
    record_meeting(db, ACC_X, BOARD, HELD, today=HELD)
    out = tmp_path / "meeting.pptx"
    assert main(["--db", str(db), "pack", "--format", "pptx", "-o", str(out), "--board", BOARD, "--meeting",
                 HELD.isoformat()]) == 0
    slide = next(s for s in Presentation(str(out)).slides
                 if s.shapes.title.text == "4. For decision: risk acceptances to note")
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    assert [table.cell(1, c).text for c in (1, 2, 5)] == ["2-kent", "Kent", f"{CHIEF}, chief officer, 15 Mar 2023"]
    pdf = tmp_path / "meeting.pdf"
    assert main(["--db", str(db), "pack", "--format", "pdf", "-o", str(pdf), "--board", BOARD, "--meeting",
                 HELD.isoformat()]) == 0
    text = " ".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Risk acceptances for the board to note" in text and "chief officer, 15 Mar 2023" in text


def test_an_item_is_either_done_or_its_risk_accepted(db):
    from tracker.workflow.actions import decide, request_closure

    done = submit(db, LEAD, "2-kent", "All done.", status="complete", today=PROPOSED)
    decide(db, ACC_X, [done], "accept", today=PROPOSED)                       # pending the inspectorate's sign-off
    request = request_closure(db, ACC_X, "2-kent", today=PROPOSED)
    with pytest.raises(WorkflowError, match=rf"^2-kent: closure request #{request} waits for the inspectorate: an "
                                            r"item is either done or its risk accepted$"):
        propose_risk_acceptance(db, ACC_X, "2-kent", REASON, today=PROPOSED)
    proposal = propose_risk_acceptance(db, ACC_X, "5-kent", REASON, today=PROPOSED)
    again = submit(db, LEAD, "5-kent", "All done.", status="complete", today=PROPOSED)
    decide(db, ACC_X, [again], "accept", today=PROPOSED)
    with pytest.raises(WorkflowError, match=rf"^5-kent: risk acceptance #{proposal} waits: an item is either done or "
                                            r"its risk accepted$"):
        request_closure(db, ACC_X, "5-kent", today=PROPOSED)
