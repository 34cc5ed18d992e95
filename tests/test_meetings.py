"""Board meetings: the rules, recording meetings and the chair's decisions, what the next meeting sees, the pack."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import psycopg
import pytest

from tests.conftest import TABLES
from tests.workflow_people import ACC_X, ACC_Y, ADMIN, DIRECTORY, LEAD, VIEWER
from tracker.analysis.agenda import previous_meeting, since_for, split_for, step
from tracker.cli import main
from tracker.core import clock
from tracker.core.filters import Filters
from tracker.ingest.importer import ingest
from tracker.ingest.people import import_people
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.store.server import locate
from tracker.workflow.actions import WorkflowError, agree_target, meeting_decide, record_meeting, submit
from tracker.workflow.rules import (
    Item,
    Meeting,
    board_force,
    board_item_refusal,
    chair_refusal,
    meeting_refusal,
    target_problem,
)

TODAY = clock.today()
KENT_BOARD, ESSEX_BOARD = "Kent Custody Board", "Essex Board"
BOARDS = {"1": KENT_BOARD, "2": KENT_BOARD, "5": KENT_BOARD, "3": ESSEX_BOARD, "4": ESSEX_BOARD, "6": ""}


def board_tables(folder: Path) -> Path:
    """The six-recommendation fixture with a board column: 1, 2, 5 (Kent) the Kent board's, 3, 4 (Essex) Essex's."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = list(csv.DictReader(io.StringIO((TABLES / "recommendations.csv").read_text(encoding="utf-8"))))
    with open(folder / "recommendations.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, [*rows[0].keys(), "board"])
        w.writeheader()
        for row in rows:
            w.writerow({**row, "board": BOARDS[row["id"]]})
    (folder / "updates.csv").write_text((TABLES / "updates.csv").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path) -> Path:
    """The fixture with boards and the directory above."""
    path = tmp_path / "boards.duckdb"
    ingest([str(board_tables(tmp_path / "tables"))], path)
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", path, "test")
    return path


def run(db: Path, name: str, filters: Filters | None = None, **params):
    con = open_reader(db)
    return queries.run(con, name, **(filters or Filters(as_of=TODAY)).params(), **params)


def state(db: Path, key: str, on: date = TODAY) -> tuple:
    """(status, target_current) of an item as every reader sees it."""
    con = open_reader(db)
    return con.cursor().execute("SELECT status, target_current FROM rec_state($d, 180) WHERE key = $k",
                                {"d": on, "k": key}).fetchall()[0]


# --- The agenda and the rules (pure) --------------------------------------------------------------------------------

def test_screens_step_and_hold_at_the_ends():
    assert step("since", 1) == "standing"
    assert step("standing", -1) == "since"
    assert step("since", -1) == "since"
    assert step("decided", 1) == "responses"
    assert step("responses", 1) == "responses"
    assert step("nonsense", 1) == "standing"        # an unknown screen counts as the first
    assert step(None, 0) == "since"


def test_since_is_the_previous_meetings_day_or_a_quarter_back():
    held = [date(2026, 3, 3), date(2026, 6, 9), date(2026, 9, 1)]
    assert previous_meeting(held, date(2026, 9, 1)) == date(2026, 6, 9)   # this meeting itself does not count
    assert previous_meeting(held, date(2026, 12, 1)) == date(2026, 9, 1)
    assert previous_meeting(held, date(2026, 1, 1)) is None
    assert since_for(date(2026, 6, 9), date(2026, 9, 1)) == date(2026, 6, 9)
    assert since_for(None, date(2026, 9, 1)) == date(2026, 6, 2)              # 91 days back
    assert split_for(3) == "force" and split_for(1) == "theme"


HELD = Meeting(1, KENT_BOARD, TODAY - timedelta(days=7), chair_id=2)
KENT_2 = Item("2-kent", "Kent", owner_id=1, overseer_id=2, is_open=True, board=KENT_BOARD)


@pytest.mark.parametrize(("person", "items", "held_on", "refused"), [
    (ACC_X, 3, TODAY, None),
    (ADMIN, 5, TODAY + timedelta(days=30), None),                         # a meeting still to come may be recorded
    (LEAD, 3, TODAY, "only a reviewer or an administrator can record a board meeting"),
    (VIEWER, 3, TODAY, "only a reviewer or an administrator can record a board meeting"),
    (ACC_Y, 0, TODAY, f"no recommendation you can see names the board '{KENT_BOARD}'"),
    (ACC_X, 3, TODAY + timedelta(days=400), "a meeting is within ten years before today and a year after"),
    (None, 3, TODAY, "only a signed-in, active person can record a meeting"),
])
def test_who_may_record_a_meeting(person, items, held_on, refused):
    found = meeting_refusal(person, items, KENT_BOARD, held_on, TODAY)
    assert found == refused if refused is None else found.startswith(refused), found


def test_only_the_chair_records_decisions_on_or_soon_after_the_day():
    assert chair_refusal(ACC_X, HELD, TODAY) is None
    assert chair_refusal(ADMIN, HELD, TODAY) == "only the meeting's chair records its decisions"
    assert chair_refusal(ACC_X, None, TODAY) == "there is no such meeting"
    ahead = Meeting(2, KENT_BOARD, TODAY + timedelta(days=1), 2)
    assert chair_refusal(ACC_X, ahead, TODAY).startswith("this meeting has not happened yet")
    assert chair_refusal(ACC_X, HELD, HELD.held_on + timedelta(days=30)) is None
    assert chair_refusal(ACC_X, HELD, HELD.held_on + timedelta(days=31)) == \
        "a meeting's decisions are recorded within 30 days of it"


def test_a_board_decides_only_on_its_own_items():
    assert board_item_refusal(ACC_X, KENT_2, HELD) is None
    other = Item("9-kent", "Kent", 1, 2, True, board="Another Board")
    assert board_item_refusal(ACC_X, other, HELD) == "9-kent is not one of the Kent Custody Board's items"
    essex = Item("3-essex", "Essex", 3, 4, True, board=KENT_BOARD)
    assert board_item_refusal(ACC_X, essex, HELD) == "there is no such recommendation in your force"
    assert board_item_refusal(VIEWER, KENT_2, HELD).startswith("only the item's overseer")
    assert target_problem(None, "x", TODAY) == "give the revised target"
    assert target_problem(TODAY + timedelta(days=30), " ", TODAY) == "say why the target moves"
    assert target_problem(TODAY + timedelta(days=30), "Funding agreed", TODAY) is None


# --- Recording meetings and decisions -------------------------------------------------------------------------------

def test_a_meeting_is_recorded_once_by_a_reviewer_of_the_boards_items(db):
    assert record_meeting(db, ACC_X, KENT_BOARD, TODAY) == 1
    with pytest.raises(WorkflowError, match=r"already has a meeting on .* \(meeting 1\)"):
        record_meeting(db, ACC_X, KENT_BOARD, TODAY)
    with pytest.raises(WorkflowError, match="only a reviewer or an administrator"):
        record_meeting(db, LEAD, KENT_BOARD, TODAY - timedelta(days=1))
    with pytest.raises(WorkflowError, match="no recommendation you can see names the board"):
        record_meeting(db, ACC_Y, KENT_BOARD, TODAY - timedelta(days=1))   # Essex's reviewer sees no Kent item
    assert record_meeting(db, ADMIN, ESSEX_BOARD, TODAY, force="Essex") == 2
    meetings = run(db, "board_meetings", board=KENT_BOARD, force="Kent")
    assert meetings[["meeting_id", "chair", "chair_name", "decisions"]].values.tolist() == \
        [[1, "acc.x@kent.example", "ACC X", 0]]
    boards = run(db, "boards")
    assert boards[["board", "force", "items", "open", "meetings"]].values.tolist() == \
        [[KENT_BOARD, "Kent", 3, 2, 1], [ESSEX_BOARD, "Essex", 2, 1, 1]]          # 1-kent complete, 4-essex superseded
    # A board the reader cannot see has no meetings for them, whatever the URL asks.
    essex_only = Filters(as_of=TODAY, scope=("Essex",))
    assert run(db, "board_meetings", essex_only, board=KENT_BOARD, force="Kent").empty


def test_the_chairs_decisions_enter_the_history_and_the_next_meetings_changes(db):
    first = TODAY - timedelta(days=14)
    meeting = record_meeting(db, ACC_X, KENT_BOARD, first)
    seq = submit(db, LEAD, "2-kent", "Training complete; audit attached.", status="complete", today=first - timedelta(days=3))
    with pytest.raises(WorkflowError, match="only the meeting's chair"):
        meeting_decide(db, ADMIN, meeting, [seq], "accept")
    decided = meeting_decide(db, ACC_X, meeting, [seq], "accept", today=TODAY)
    new_target = TODAY + timedelta(days=90)
    agreed = agree_target(db, ACC_X, meeting, "5-kent", new_target, "Awaiting the new custody suite", today=TODAY)
    with pytest.raises(WorkflowError, match="3-essex: there is no such recommendation in your force"):
        agree_target(db, ACC_X, meeting, "3-essex", new_target, "x", today=TODAY)
    with pytest.raises(WorkflowError, match="closed"):
        agree_target(db, ACC_X, meeting, "1-kent", new_target, "x", today=TODAY)

    # Both take effect from the meeting's day, not the day they were typed in; the board accepting 'complete' makes
    # it pending the inspectorate's sign-off.
    assert state(db, "2-kent", first) == ("pending-sign-off", date(2021, 12, 31))
    assert state(db, "2-kent", first - timedelta(days=1))[0] == "being-progressed"
    assert state(db, "5-kent", first) == ("being-progressed", new_target)
    assert state(db, "5-kent", first - timedelta(days=1)) == ("being-progressed", date(2022, 9, 30))

    history = run(db, "recommendation_history", key="5-kent")
    row = history[history["text"].fillna("").str.startswith("Target revised")].iloc[0]
    assert row["text"] == (f"Target revised to {new_target.day} {new_target:%b %Y}, agreed by the Kent Custody Board "
                           f"at its meeting of {first.day} {first:%b %Y}: Awaiting the new custody suite.")
    assert row["review"] == f"agreed by acc.x@kent.example at the Kent Custody Board meeting on {first.isoformat()}"
    accepted = run(db, "recommendation_history", key="2-kent")
    assert f"accepted by acc.x@kent.example at the Kent Custody Board meeting on {first.isoformat()}" in \
        set(accepted["review"].dropna())

    with psycopg.connect(locate(db).app_url) as con:  # as the system of record holds them
        events = con.execute("SELECT seq, kind, role, meeting, on_date, decision, before, after FROM events "
                             "WHERE meeting IS NOT NULL ORDER BY seq").fetchall()
    assert [(e[0], e[1], e[2], e[3], e[4], e[5]) for e in events] == [
        (decided[0], "decision", "chair", meeting, first, "accept"), (agreed, "target", "chair", meeting, first, "agree")]
    assert json.loads(events[1][6]) == {"status": "being-progressed", "target": "2022-09-30"}
    assert json.loads(events[1][7]) == {"target": new_target.isoformat()}

    decisions = run(db, "meeting_decisions", meeting=meeting)
    assert decisions[["kind", "decision", "key"]].values.tolist() == [["decision", "accept", "2-kent"],
                                                                      ["target", "agree", "5-kent"]]
    assert decisions["proposed_status"].tolist()[0] == "complete"
    assert decisions["reason"].tolist()[1] == "Awaiting the new custody suite"

    # The next meeting counts from the previous meeting's day: 5-kent's target revised (and no longer overdue, so
    # nothing is newly overdue); 2-kent is not newly complete: it waits for the inspectorate.
    board = Filters(as_of=TODAY, boards=(KENT_BOARD,))
    counts = run(db, "meeting_change_counts", board, since=first)
    assert counts.values.tolist() == [["newly complete", 0], ["newly overdue", 0], ["target revised", 1], ["new", 0]]
    changes = run(db, "meeting_changes", board, since=first, limit=10)
    assert changes[["change", "key"]].values.tolist() == [["target revised", "5-kent"]]
    # Counted from the day after the meeting instead, they would be missed: the day itself is included.
    assert run(db, "meeting_change_counts", board, since=first + timedelta(days=1))["n"].sum() == 0


def test_a_meeting_past_its_window_or_still_to_come_takes_no_decisions(db):
    old = record_meeting(db, ACC_X, KENT_BOARD, TODAY - timedelta(days=40))
    ahead = record_meeting(db, ACC_X, KENT_BOARD, TODAY + timedelta(days=7))
    for meeting, message in ((old, "within 30 days"), (ahead, "has not happened yet")):
        with pytest.raises(WorkflowError, match=message):
            agree_target(db, ACC_X, meeting, "5-kent", TODAY + timedelta(days=90), "x")
    assert state(db, "5-kent")[1] == date(2022, 9, 30)


def test_the_command_line_records_a_meeting(db, capsys):
    assert main(["--db", str(db), "meeting", "--board", KENT_BOARD, "--date", TODAY.isoformat(), "--as",
                 "acc.x@kent.example"]) == 0
    assert capsys.readouterr().out.startswith(f"Meeting 1 recorded: {KENT_BOARD} · Kent on ")
    assert main(["--db", str(db), "meeting", "--board", KENT_BOARD, "--date", TODAY.isoformat(), "--as",
                 "supt.a@kent.example"]) == 1
    assert "only a reviewer or an administrator" in capsys.readouterr().err


def test_the_meeting_pack_follows_the_agenda(db, tmp_path):
    from pptx import Presentation

    first = TODAY - timedelta(days=14)
    meeting = record_meeting(db, ACC_X, KENT_BOARD, first)
    agree_target(db, ACC_X, meeting, "5-kent", TODAY + timedelta(days=90), "New suite")
    out = tmp_path / "meeting.pptx"
    assert main(["--db", str(db), "pack", "--format", "pptx", "-o", str(out), "--board", KENT_BOARD,
                 "--meeting", first.isoformat()]) == 0
    titles = [s.shapes.title.text for s in Presentation(str(out)).slides]
    assert titles == [
        "Kent Custody Board · Kent: meeting pack", "1. Since last meeting", "1. Since last meeting: what changed",
        "1. Since last meeting: closure requests",
        "Status funnel (0 superseded, 0 no further action needed, shown apart)", "2. Where things stand: by theme",
        "3. Overdue and slipping: by owner",
        "3. Overdue and slipping: most overdue", "4. For decision: waiting for the board",
        "4. For decision: forecast to miss their target", "5. Extensions requested: extension requests to decide",
        "6. Decisions taken", "7. Responses due"]
    texts = {sh.text_frame.text for s in Presentation(str(out)).slides for sh in s.shapes if sh.has_text_frame}
    assert any("Chair: ACC X" in t for t in texts)
    # 2-kent has no percent reported: its RAG is its dates' (over 90 days past its target); 5-kent's target moved on.
    slide = next(s for s in Presentation(str(out)).slides if s.shapes.title.text.endswith("most overdue"))
    grid = next(sh.table for sh in slide.shapes if sh.has_table)
    assert [(grid.cell(r, 0).text, grid.cell(r, 1).text) for r in range(len(grid.rows))] == [
        ("Item", "RAG"), ("2-kent", "Red, by dates")]
    assert any(t.startswith("RAG by percent complete: Red up to 25% complete") for t in texts)
    assert main(["--db", str(db), "pack", "--format", "pptx", "-o", str(out), "--board", "Kent Custody Bord"]) == 1


# --- The page (AppTest) ---------------------------------------------------------------------------------------------

def meeting_app(db: Path, monkeypatch, **params):
    """The Meeting page on the boards fixture (sign-in off: read-only, every force)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(str(Path(__file__).parent.parent / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/meeting.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_the_first_screen_counts_what_changed_since_a_quarter_back(db, monkeypatch):
    # As of 1 Mar 2023, with no earlier meeting: changes since 30 Nov 2022. 5-kent was complete then and is being
    # progressed now, past its target of 30 Sep 2022: newly overdue. 2-kent was overdue then too.
    at = meeting_app(db, monkeypatch, board=f"{KENT_BOARD} · Kent", meeting="2023-03-01")
    assert {m.label: m.value for m in at.metric} == {
        "Open": "2", "Overdue": "2", "Complete": "1", "For decision": "0", "Awaiting the inspectorate": "0",
        "Newly complete": "0", "Newly overdue": "1", "Target revised": "0", "New": "0"}
    assert [t.value for t in at.title] == ["Kent Custody Board · Kent · meeting of 1 Mar 2023"]  # the h1
    assert "no earlier meeting of this board is recorded" in at.main.header[0].value


def test_where_things_stand_is_drawn_at_room_size(db, monkeypatch):
    at = meeting_app(db, monkeypatch, board=f"{KENT_BOARD} · Kent", meeting="2023-03-01", screen="Where things stand")
    funnel, standing = (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
    assert funnel["data"][0]["y"] == ["Awaiting review", "Being progressed", "Pending sign-off", "Complete"]
    assert list(funnel["data"][0]["x"]["bdata"] and decode(funnel["data"][0]["x"])) == [0, 2, 0, 1]
    # One force's board: by theme. Custody holds 1-kent (complete) and 2-kent; Stalking 5-kent.
    assert standing["layout"]["title"]["text"] == "By theme"
    assert sorted(set(standing["data"][0]["y"])) == ["Custody", "Stalking"]
    for fig in (funnel, standing):
        layout = fig["layout"]
        assert layout["font"]["size"] >= 18 and layout["title"]["font"]["size"] >= 18
        assert layout["xaxis"]["tickfont"]["size"] >= 18 and layout["yaxis"]["tickfont"]["size"] >= 18
        assert layout["legend"]["font"]["size"] >= 18 and layout["legend"]["y"] < 0    # below the plot, not the title


def decode(array) -> list:
    """A Plotly typed array as a list."""
    import base64

    import numpy as np

    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def test_without_a_board_the_page_says_how_to_choose_one(db, monkeypatch):
    at = meeting_app(db, monkeypatch)
    assert [i.value for i in at.main.info] == [
        "Choose the board under the settings button (top right): the link then opens on it."]
    assert not at.get("plotly_chart")


# --- Boards of a force: two forces' boards of one name are two boards --------------------------------------------------

SHARED = "Force Performance Board"


@pytest.fixture
def shared(tmp_path, monkeypatch) -> Path:
    """The fixture with every Kent and Essex item under one board name (1, 2, 5 Kent's; 3, 4 Essex's)."""
    monkeypatch.setitem(BOARDS, "1", SHARED)
    for key in ("2", "5", "3", "4"):
        monkeypatch.setitem(BOARDS, key, SHARED)
    path = tmp_path / "shared.duckdb"
    ingest([str(board_tables(tmp_path / "tables"))], path)
    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", path, "test")
    return path


def test_whose_board_a_meeting_is_follows_the_chair():
    assert board_force(ACC_X, None, False) == ("Kent", None)           # a force's chair: their force's board
    assert board_force(ACC_X, "Kent", False) == ("Kent", None)
    assert board_force(ACC_X, "Essex", False) == (None, "you record the meetings of Kent's boards, not Essex's")
    assert board_force(ACC_X, None, True)[1] == ("a national board's meeting is recorded by a national reviewer or "
                                                 "administrator")
    assert board_force(ADMIN, "Essex", False) == ("Essex", None)       # a national chair says whose
    assert board_force(ADMIN, None, True) == (None, None)
    assert board_force(ADMIN, None, False) == (None, "say whose board this is: a force's, or national")
    assert board_force(ADMIN, "Essex", True)[1].startswith("a national board is no one force's")


def test_two_forces_boards_of_one_name_keep_their_own_meetings(shared):
    kent = record_meeting(shared, ACC_X, SHARED, TODAY)
    essex = record_meeting(shared, ACC_Y, SHARED, TODAY)  # the same day: Kent's meeting does not stop it
    earlier = record_meeting(shared, ACC_Y, SHARED, TODAY - timedelta(days=60))
    national = record_meeting(shared, ADMIN, SHARED, TODAY - timedelta(days=30), national=True)
    with pytest.raises(WorkflowError, match=r"\(Essex\) already has a meeting on"):
        record_meeting(shared, ADMIN, SHARED, TODAY, force="Essex")
    assert (kent, essex, earlier, national) == (1, 2, 3, 4)

    essex_reader = Filters(as_of=TODAY, scope=("Essex",))
    # Essex's readers see Essex's board alone: its meetings, its chair, its counts; never Kent's chair or the national
    # meeting, whatever the board and force asked for.
    assert run(shared, "boards", essex_reader)[["board", "force", "items", "meetings"]].values.tolist() == [
        [SHARED, "Essex", 2, 2]]
    assert run(shared, "board_meetings", essex_reader, board=SHARED, force="Essex")["chair"].tolist() == [
        "acc.y@essex.example", "acc.y@essex.example"]
    assert run(shared, "board_meetings", essex_reader, board=SHARED, force="Kent").empty
    assert run(shared, "board_meetings", essex_reader, board=SHARED, force=None).empty
    # A national reader sees each force's board and the national one.
    assert run(shared, "boards")[["board", "force", "items", "meetings"]].fillna("national").values.tolist() == [
        [SHARED, "national", 5, 1], [SHARED, "Kent", 3, 1], [SHARED, "Essex", 2, 2]]
    assert run(shared, "board_meetings", board=SHARED, force=None)["meeting_id"].tolist() == [national]


def test_a_forces_since_the_last_meeting_comes_from_its_own_meetings(shared):
    from tracker.analysis.agenda import gather_agenda
    from tracker.core.boards import Board

    record_meeting(shared, ACC_X, SHARED, TODAY - timedelta(days=10))  # Kent's, the latest of any
    record_meeting(shared, ACC_Y, SHARED, TODAY - timedelta(days=40))  # Essex's own previous meeting
    con = open_reader(shared)
    def query(name, filters, **extra):
        return queries.run(con, name, **filters.params(), **extra)

    essex_reader = Filters(as_of=TODAY, scope=("Essex",))
    agenda = gather_agenda(query, essex_reader, Board(SHARED, "Essex"), TODAY, TODAY)
    assert agenda.previous == TODAY - timedelta(days=40) and agenda.since == TODAY - timedelta(days=40)
    assert int(agenda.headline["total"]) == 2                            # Essex's two items, not Kent's
    kent_view = gather_agenda(query, Filters(as_of=TODAY), Board(SHARED, "Kent"), TODAY, TODAY)
    assert kent_view.previous == TODAY - timedelta(days=10) and int(kent_view.headline["total"]) == 3


def test_a_national_chair_of_a_forces_board_decides_only_on_that_forces_items(shared):
    meeting = record_meeting(shared, ADMIN, SHARED, TODAY - timedelta(days=1), force="Kent")
    with pytest.raises(WorkflowError, match=f"3-essex: 3-essex is not one of the {SHARED}'s items"):
        agree_target(shared, ADMIN, meeting, "3-essex", TODAY + timedelta(days=90), "New suite")
    agree_target(shared, ADMIN, meeting, "5-kent", TODAY + timedelta(days=90), "New suite")
    assert state(shared, "5-kent")[1] == TODAY + timedelta(days=90)


def test_the_command_line_names_whose_board(shared, capsys, tmp_path):
    assert main(["--db", str(shared), "meeting", "--board", SHARED, "--of", "national", "--date", TODAY.isoformat(),
                 "--as", "admin@hmicfrs.example"]) == 0
    assert capsys.readouterr().out.startswith(f"Meeting 1 recorded: {SHARED} · national on ")
    assert main(["--db", str(shared), "meeting", "--board", SHARED, "--date", TODAY.isoformat(),
                 "--as", "admin@hmicfrs.example"]) == 1
    assert "say whose board this is" in capsys.readouterr().err
    out = tmp_path / "pack.pptx"
    assert main(["--db", str(shared), "pack", "--format", "pptx", "-o", str(out), "--board", SHARED]) == 1
    assert f"--board '{SHARED}' is the board of 3: national, Kent, Essex; say whose with --of" in capsys.readouterr().err
    assert main(["--db", str(shared), "pack", "--format", "pptx", "-o", str(out), "--board", SHARED,
                 "--of", "essex"]) == 0


def test_the_responses_screen_lists_the_boards_force_areas_responses_due(db, monkeypatch):
    # As of 1 Mar 2023 every response to the fixture's reports (2020 and 2022) is long overdue: Kent's board sees
    # Kent's two, never Essex's.
    at = meeting_app(db, monkeypatch, board=f"{KENT_BOARD} · Kent", meeting="2023-03-01", screen="Responses due")
    cells = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["cells"]["values"]
    assert cells[0] == ["Kent", "Kent"]
    assert sorted(cells[1]) == ["Report A", "Report B"]
    # 26 Feb 2020 and 26 Feb 2022 (publication + 56 days) to 1 Mar 2023; the room wraps the words onto two lines
    assert sorted(c.replace("<br>", " ") for c in cells[3]) == ["1,099 days overdue", "368 days overdue"]
    assert any(c.value.startswith("2 responses to publish within 28 days or overdue") for c in at.main.caption)
