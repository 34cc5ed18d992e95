"""The committee's exception pack, worked by hand on the six-recommendation fixture with every item under one national
board, the Joint Board, which met on 1 Jan, 1 Apr and 1 Jul 2021.

- 1-kent was completed on 15 Jan 2021: between the first and second meetings, so it is listed at the second (1 Apr)
  and not at the third (1 Jul).
- 3-essex (pending sign-off) passed its target of 31 Mar 2021: 1 day overdue on 1 Apr, 92 days on 1 Jul.
- 2-kent was marked off track on 1 Feb 2021 (target 31 Dec 2021, revised forecast 31 Mar 2022: a slip of 90 days).
- 4-essex, published on 1 Jan 2022, was superseded on 1 Feb 2022: listed at a meeting on 1 Mar 2022.
- Supt A asked on 1 Mar 2021 to move 2-kent's target from 31 Dec 2021 to 30 Jun 2022, a slip of 181 days (31 + 28 +
  31 + 30 + 31 + 30): an extension request waiting at every meeting after; Kent has set no policy, so a reviewer or the
  board may agree it.
- A reader who may see Kent alone never sees an Essex item.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader
from workflow_people import ADMIN, DIRECTORY, LEAD

from tests.conftest import TABLES
from tracker.cli import main
from tracker.core import clock
from tracker.core.boards import Board
from tracker.core.filters import Filters
from tracker.ingest.importer import ingest
from tracker.ingest.people import import_people
from tracker.pack.content import connection_query
from tracker.pack.exceptions import build_exception_pack, closing_window, gather_exceptions
from tracker.store.database import open_reader
from tracker.workflow.actions import record_meeting, submit, track

BOARD = "Joint Board"
JOINT = Board(BOARD, None)
FIRST, SECOND, THIRD = date(2021, 1, 1), date(2021, 4, 1), date(2021, 7, 1)
TODAY = clock.today()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """The fixture with every item on the Joint Board, its three meetings and 2-kent off track (built once: the tests
    only read it)."""
    folder = tmp_path_factory.mktemp("exceptions")
    tables = folder / "tables"
    tables.mkdir()
    rows = list(csv.DictReader(io.StringIO((TABLES / "recommendations.csv").read_text(encoding="utf-8"))))
    with open(tables / "recommendations.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, [*rows[0].keys(), "board"])
        w.writeheader()
        w.writerows({**row, "board": BOARD} for row in rows)
    (tables / "updates.csv").write_text((TABLES / "updates.csv").read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "joint.duckdb"
    ingest([str(tables)], path)
    (folder / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(folder / "people.csv", path, "test")
    for held_on in (FIRST, SECOND, THIRD):
        record_meeting(path, ADMIN, BOARD, held_on, national=True)
    track(path, LEAD, "2-kent", True, "The supplier is late.", date(2022, 3, 31), today=date(2021, 2, 1))
    submit(path, LEAD, "2-kent", "Training is postponed.", target=date(2022, 6, 30), reason="The trainers left.",
           today=date(2021, 3, 1))
    return path


def pdf_text(data: bytes) -> str:
    """Every word of the PDF, whitespace made single spaces (a sentence may wrap)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def pptx_text(data: bytes) -> str:
    """Every word of every text box and table cell of the deck, whitespace made single spaces."""
    texts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return " ".join(" ".join(texts).split())


def pack(db: Path, held_on: date, fmt: str, tmp_path: Path) -> str:
    """The national exception pack of the Joint Board's meeting on `held_on`, made by the command line, as text."""
    out = tmp_path / f"exceptions-{held_on}.{fmt}"
    assert main(["--db", str(db), "pack", "--exceptions", "--board", BOARD, "--of", "national", "--meeting",
                 held_on.isoformat(), "--format", fmt, "-o", str(out)]) == 0
    return (pdf_text if fmt == "pdf" else pptx_text)(out.read_bytes())


def test_the_window_runs_from_the_previous_meetings_day_to_the_day_before_this_one():
    w = closing_window(FIRST, SECOND, SECOND)
    assert (w.since, w.until, w.empty) == (FIRST, date(2021, 3, 31), False)
    # The next meeting's window starts where this one ended: no day is in two windows.
    assert closing_window(SECOND, THIRD, THIRD).since == date(2021, 4, 1)
    # No earlier meeting: the quarter (91 days) before, to the day before the meeting.
    first = closing_window(None, FIRST, FIRST)
    assert (first.since, first.until) == (date(2020, 10, 2), date(2020, 12, 31))
    assert "No earlier meeting of this board is recorded" in first.sentence()
    assert "from 2 Oct 2020 to 31 Dec 2020" in first.sentence()
    # A meeting still to come: up to today; one whose previous meeting is still to come counts nothing yet.
    ahead = closing_window(date(2021, 5, 1), date(2021, 6, 1), date(2021, 4, 20))
    assert ahead.until == date(2021, 4, 20) and ahead.empty
    assert ahead.sentence().startswith("The board's previous meeting, on 1 May 2021, is still to come")


def test_the_sections_hold_the_hand_worked_items(db):
    query = connection_query(open_reader(db))
    second = gather_exceptions(query, Filters(as_of=TODAY), JOINT, SECOND, TODAY)
    overdue, off_track, extensions, closed = second.sections
    assert [s.table.title for s in second.sections] == ["Overdue", "Off track", "Extension requests to decide",
                                                        "Completed or closed since the last meeting"]
    # No percent reported: rated by its dates (silent since 1 Jun 2020, longer than the stale limit: red).
    assert [(r[0], r[1], r[5], r[6], r[7]) for r in overdue.table.rows] == [
        ("3-essex", "Red, by dates", "Pending sign-off", "31 Mar 2021", "1")]
    assert overdue.table.note.startswith("RAG by percent complete: Red up to 25% complete")
    assert overdue.count == "1 item is overdue on 1 Apr 2021: open, with the current target passed."
    assert off_track.table.rows == [("2-kent", "Kent", "Supt A", "31 Dec 2021", "31 Mar 2022", "90",
                                     "The supplier is late.")]
    assert [r[1:] for r in extensions.table.rows] == [("2-kent", "Kent", "supt.a@kent.example", "31 Dec 2021",
                                                       "30 Jun 2022", "181", "0", "a reviewer or the board",
                                                       "The trainers left.")]
    assert extensions.table.rows[0][0].startswith("#")
    assert extensions.count == "1 extension request is waiting for a decision."
    assert closed.table.rows == [("1-kent", "Kent", "Supt A", "15 Jan 2021", "Complete", "Rec one")]
    assert closed.count == "1 item was completed or closed from 1 Jan 2021 to 31 Mar 2021: 1 complete."
    assert second.meeting["chair"] == "admin@hmicfrs.example" and second.window.previous == FIRST

    third = gather_exceptions(query, Filters(as_of=TODAY), JOINT, THIRD, TODAY)
    assert third.sections[3].table.rows == []
    assert third.sections[3].count == "No items were completed or closed from 1 Apr 2021 to 30 Jun 2021."
    assert [(r[0], r[7]) for r in third.sections[0].table.rows] == [("3-essex", "92")]

    # A meeting not recorded, on 1 Mar 2022: since the third. 4-essex was superseded on 1 Feb 2022; 2-kent's target
    # has passed, so it is overdue (60 days) and no longer off track; overdue items longest first.
    later = gather_exceptions(query, Filters(as_of=TODAY), JOINT, date(2022, 3, 1), TODAY)
    assert later.meeting is None and later.window.since == THIRD
    assert [(r[0], r[7]) for r in later.sections[0].table.rows] == [("3-essex", "335"), ("2-kent", "60")]
    assert later.sections[0].count.startswith("2 items are overdue") and later.sections[0].count.endswith(
        "They are listed highest priority first, then the longest overdue.")
    assert later.sections[1].table.rows == [] and later.sections[1].count.startswith("No items are off track")
    assert [(r[0], r[3], r[4]) for r in later.sections[3].table.rows] == [("4-essex", "1 Feb 2022", "Superseded")]
    assert later.sections[3].count.endswith(": 1 superseded.")


def test_the_second_meetings_pdf_and_pptx_list_the_item_completed_since_the_first(db, tmp_path):
    for fmt in ("pdf", "pptx"):
        text = pack(db, SECOND, fmt, tmp_path)
        for expected in ("Joint Board · national: exception pack", "Meeting: 1 Apr 2021", "Chair: Ms Admin",
                         "Scope: Every force (national)",
                         ("Completed and closed items are counted from 1 Jan 2021, the day of the board's previous "
                          "meeting, to 31 Mar 2021 (the day before this meeting), both included."),
                         "1. Overdue", "1 item is overdue", "3-essex", "Pending sign-off",
                         "2. Off track", "1 item is off track and not yet overdue", "2-kent", "31 Mar 2022",
                         "The supplier is late.",
                         "3. Extension requests to decide", "1 extension request is waiting for a decision.",
                         "The trainers left.", "30 Jun 2022",
                         "4. Completed or closed since the last meeting",
                         "1 item was completed or closed from 1 Jan 2021 to 31 Mar 2021: 1 complete.", "1-kent",
                         "15 Jan 2021"):
            assert expected in text, (fmt, expected)
        assert "DEMO DATA" not in text


def test_the_third_meetings_pack_has_dropped_it(db, tmp_path):
    for fmt in ("pdf", "pptx"):
        text = pack(db, THIRD, fmt, tmp_path)
        assert "No items were completed or closed from 1 Apr 2021 to 30 Jun 2021." in text, fmt
        assert "1-kent" not in text, fmt
        assert "3-essex" in text and "2-kent" in text, fmt  # still overdue, still off track


def test_a_reader_sees_only_the_items_in_their_scope(db):
    con = open_reader(db)
    kent = Filters(as_of=TODAY, scope=("Kent",))
    for fmt, read in (("pdf", pdf_text), ("pptx", pptx_text)):
        text = read(build_exception_pack(fmt, con, kent, JOINT, SECOND, TODAY))
        assert "Essex" not in text and "3-essex" not in text, fmt   # the only overdue item is Essex's
        assert "No items are overdue" in text, fmt
        assert "2-kent" in text and "1-kent" in text, fmt
        assert "Scope: Only Kent: the forces this pack's reader may see" in text, fmt
        national = read(build_exception_pack(fmt, con, Filters(as_of=TODAY), JOINT, SECOND, TODAY))
        assert "3-essex" in national, fmt


def test_the_pdf_is_text_with_a_title_and_language(db):
    data = build_exception_pack("pdf", open_reader(db), Filters(as_of=TODAY), JOINT, SECOND, TODAY)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Joint Board · national: exception pack, meeting of 1 Apr 2021"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert len(reader.pages) == 5  # the cover, then a page a section
    assert all(page.extract_text().strip() for page in reader.pages)


def test_exceptions_need_a_board(db, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["--db", str(db), "pack", "--exceptions", "-o", str(out)]) == 1
    assert "--exceptions is a board meeting's pack: name the board with --board NAME" in capsys.readouterr().err
    assert not out.exists()


def test_the_slides_name_each_section_and_carry_a_long_one_over(db):
    from tracker.pack.content import Table
    from tracker.pack.exceptions import Section, exception_pptx

    data = build_exception_pack("pptx", open_reader(db), Filters(as_of=TODAY), JOINT, SECOND, TODAY)
    assert [s.shapes.title.text for s in Presentation(io.BytesIO(data)).slides] == [
        "Joint Board · national: exception pack", "1. Overdue", "2. Off track", "3. Extension requests to decide",
        "4. Completed or closed since the last meeting"]
    # 23 rows: ten a slide, the count said on the first.
    second = gather_exceptions(connection_query(open_reader(db)), Filters(as_of=TODAY), JOINT, SECOND, TODAY)
    rows = [(f"{n}-kent", "Red, by dates", "Kent", "Supt A", "–", "Being progressed", "31 Mar 2021", "1", "Rec")
            for n in range(23)]
    second.sections = [Section(Table("Overdue", second.sections[0].table.headers, rows, second.sections[0].table.widths),
                               "23 items are overdue.")]
    slides = list(Presentation(io.BytesIO(exception_pptx(second))).slides)
    assert [s.shapes.title.text for s in slides[1:]] == ["1. Overdue (1 of 3)", "1. Overdue (2 of 3)",
                                                         "1. Overdue (3 of 3)"]
    shown = [len(next(sh for sh in s.shapes if sh.has_table).table.rows) - 1 for s in slides[1:]]
    assert shown == [10, 10, 3]
    said = [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame and sh != s.shapes.title] for s in slides[1:]]
    assert said == [["23 items are overdue."], [], []]


def test_the_meeting_page_offers_the_exception_pack(db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(str(Path(__file__).parent.parent / "dashboard.py"), default_timeout=60)
    at.query_params["board"] = f"{BOARD} · national"
    at.query_params["meeting"] = SECOND.isoformat()
    at.run()
    at.switch_page("pages/meeting.py")
    at.run()
    assert not at.exception and not at.error
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Pack (PDF)", "Pack (PowerPoint)", "Exception pack (PDF)", "Exception pack (PowerPoint)"]
