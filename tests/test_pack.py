"""The board pack: PDF and PowerPoint built for the fixture database hold its hand-computed figures."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.conftest import AS_OF
from tracker.cli import main
from tracker.core.filters import Filters
from tracker.core.rag import DEFAULT, NO_PERCENT
from tracker.pack.build import build_pack
from tracker.pack.content import connection_query, gather, tables
from tracker.store.database import open_reader

SINCE = date(2021, 12, 31)


@pytest.fixture(scope="module")
def content(fixture_db_master):
    """The pack's content for the whole fixture, as of 30 Jun 2023, changes since 31 Dec 2021."""
    con = open_reader(fixture_db_master)
    yield gather(connection_query(con), Filters(as_of=AS_OF), SINCE)


@pytest.fixture(scope="module")
def pdf_bytes(fixture_db_master):
    con = open_reader(fixture_db_master)
    return build_pack("pdf", con, Filters(as_of=AS_OF), SINCE)


@pytest.fixture(scope="module")
def deck(fixture_db_master):
    con = open_reader(fixture_db_master)
    return Presentation(io.BytesIO(build_pack("pptx", con, Filters(as_of=AS_OF), SINCE)))


def test_content_tiles_and_changes(content):
    assert dict(content.tiles()) == {"Recommendations": "6", "Open": "4", "Complete": "1", "Overdue": "3", "Stale": "3",
                                     "Implementation rate": "20%", "Median time to complete": "–"}  # not reached
    # 2-kent became overdue on 31 Dec 2021's target; 4, 5 and 6 were published on 1 Jan 2022.
    assert dict(content.change_counts()) == {"newly complete": 0, "newly overdue": 1, "status changed": 0, "new": 3}
    assert content.changes["key"].tolist() == ["2-kent", "4-essex", "6-essex", "5-kent"]


def test_tables_hold_owners_and_days_overdue(content):
    overdue = tables(content)["overdue"]
    assert [(r[0], r[1], r[3], r[6]) for r in overdue.rows] == [  # none has a percent: each rated by its dates
        ("3-essex", "Red, by dates", "DCI B", "821"), ("2-kent", "Red, by dates", "Supt A", "546"),
        ("5-kent", "Red, by dates", "Supt A", "273")]
    assert overdue.note == f"RAG by percent complete: {DEFAULT.words()} {NO_PERCENT}"  # every force's, the default
    # Open items: 2 and 5 (Supt A, both overdue), 3 (DCI B, overdue), 6 (no owner, no target).
    assert [(r[0], r[2], r[3]) for r in tables(content)["workload"].rows] == [
        ("Supt A", "2", "2"), ("DCI B", "1", "1"), ("(not named)", "1", "0")]


def test_table_note_says_what_was_left_out(content):
    assert tables(content, rows=2)["overdue"].note.startswith("First 2 of 3 overdue items")


def test_pdf_holds_the_figures(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Recommendation Tracker: board pack", "As of", "30 Jun 2023", "Changes since", "31 Dec 2021",
                     "Implementation rate\n20%", "Median time to complete\n–", "Overdue\n3",
                     "Newly overdue: 1", "New: 3", "3-essex", "821", "DCI B", "Owner workloads",
                     "Changes since 31 Dec 2021", "Appendix: overdue items and their latest comment"):
        assert expected in text, expected
    # The comment's markup is printed as text, and an item with no comment says so.
    assert "<img src=x onerror=" in text
    assert "No comment yet." in text
    assert "DEMO DATA" not in text


def test_pdf_charts_are_drawn_and_pages_not_blank(pdf_bytes):
    import pypdfium2 as pdfium

    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert sum(len(page.images) for page in reader.pages) == 4  # funnel, by force, workload, trend
    doc = pdfium.PdfDocument(pdf_bytes)
    for i in range(len(doc)):
        image = doc[i].render(scale=0.5).to_pil().convert("L")
        inked = sum(image.histogram()[:200]) / (image.width * image.height)
        assert inked > 0.002, f"page {i + 1} looks blank ({inked:.4f} inked)"


def test_pptx_slides_charts_and_numbers(deck):
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles == [
        "Recommendation Tracker: board pack", "Headline",
        "Status funnel (1 superseded, 0 no further action needed, shown apart)", "Status by force",
        "Open and overdue items by owner (top 3)", "Owner workloads", "Implementation rate by quarter", "Overdue items",
        "Off track before they are overdue",
        "At risk of missing their target (forecast)", "Stale items: no update for more than 180 days",
        "Changes since 31 Dec 2021",
        "Appendix: overdue items 1–3 of 3",
    ]
    charts = {s.shapes.title.text: sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart}
    assert len(charts) == 4
    funnel = charts["Status funnel (1 superseded, 0 no further action needed, shown apart)"]
    assert list(funnel.plots[0].categories) == ["Awaiting review", "Being progressed", "Pending sign-off", "Complete"]
    assert list(funnel.plots[0].series[0].values) == [1, 2, 1, 1]
    by_force = charts["Status by force"]
    series = {s.name: dict(zip(by_force.plots[0].categories, s.values, strict=True)) for s in by_force.plots[0].series}
    assert series["Being progressed"] == {"Essex": 0, "Kent": 2}
    assert series["Complete"] == {"Essex": 0, "Kent": 1}
    assert series["Superseded"] == {"Essex": 1, "Kent": 0}
    headline = [sh.text_frame.text for sh in deck.slides[1].shapes if sh.has_text_frame]
    assert headline[1:8] == ["Recommendations\n6", "Open\n4", "Complete\n1", "Overdue\n3", "Stale\n3",
                             "Implementation rate\n20%", "Median time to complete\n–"]
    assert headline[8].endswith("Newly complete 0   ·   Newly overdue 1   ·   Status changed 0   ·   New 3")
    overdue = next(sh.table for sh in deck.slides[7].shapes if sh.has_table)
    assert [(overdue.cell(r, 0).text, overdue.cell(r, 1).text, overdue.cell(r, 6).text) for r in range(1, 4)] == [
        ("3-essex", "Red, by dates", "821"), ("2-kent", "Red, by dates", "546"), ("5-kent", "Red, by dates", "273")]
    appendix = " ".join(sh.text_frame.text for sh in deck.slides[12].shapes if sh.has_text_frame)
    assert "<script>document.title='pwned'</script>" in appendix


def test_cli_pack_for_one_force(fixture_db_master, tmp_path):
    out = tmp_path / "kent.pptx"
    assert main(["--db", str(fixture_db_master), "pack", "--format", "pptx", "-o", str(out), "--as-of", "2023-06-30",
                 "--since", "2021-12-31", "--force", "Kent"]) == 0
    deck = Presentation(str(out))
    cover = " ".join(sh.text_frame.text for sh in deck.slides[0].shapes if sh.has_text_frame)
    assert "Forces: Kent" in cover and "As of: 30 Jun 2023" in cover
    trend = next(sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart and s.shapes.title.text.startswith("Impl"))
    assert [s.name for s in trend.plots[0].series] == ["Kent", "National"]


def test_cli_pack_rejects_unknown_force(fixture_db_master, tmp_path, capsys):
    assert main(["--db", str(fixture_db_master), "pack", "--format", "pdf", "-o", str(tmp_path / "x.pdf"),
                 "--force", "Kentt", "--as-of", "2023-06-30"]) == 1
    assert "--force 'Kentt' is not in the data as of 2023-06-30; did you mean 'Kent'?" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_table_xlsx_reads_back_with_dates_frozen_header_and_widths(fixture_db_master):
    import openpyxl
    import pandas as pd

    from tracker.core.spreadsheet import workbook_bytes
    from tracker.store import queries

    con = open_reader(fixture_db_master)
    df = queries.run(con, "overdue_items", **Filters(as_of=AS_OF).params(), sort="days_overdue", limit=100)
    data = workbook_bytes({"overdue": df})
    back = pd.read_excel(io.BytesIO(data), sheet_name="overdue")
    assert back["key"].tolist() == ["3-essex", "2-kent", "5-kent"]
    assert back["days_overdue"].tolist() == [821, 546, 273]
    assert back["target_current"].dt.date.tolist() == [date(2021, 3, 31), date(2021, 12, 31), date(2022, 9, 30)]
    sheet = openpyxl.load_workbook(io.BytesIO(data))["overdue"]
    assert sheet.freeze_panes == "A2"
    assert sheet["J2"].number_format == "DD MMM YYYY" and sheet["J2"].is_date  # target_current
    assert sheet["E1"].value == "text" and sheet.column_dimensions["E"].width == len("Rec three") + 2


def test_whole_selection_xlsx_with_missing_owners(fixture_db_master):
    import pandas as pd

    from tracker.app.downloads import selection
    from tracker.core.spreadsheet import workbook_bytes

    con = open_reader(fixture_db_master)
    df = selection(con, Filters(as_of=AS_OF))
    back = pd.read_excel(io.BytesIO(workbook_bytes({"recommendations": df})), sheet_name="recommendations")
    assert len(back) == 6 and back["owner"].isna().sum() == 1  # item 6 has no owner
