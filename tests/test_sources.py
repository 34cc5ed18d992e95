"""Every source in one register: each source's clock as a row of data, coroners' reports and IOPC spreadsheets
imported onto their own clocks, their addressees matched to forces, and bad input refused with nothing changed."""

from datetime import date
from pathlib import Path

import pg
import pytest

from tracker.cli import main
from tracker.core.receivers import FORCE, OUTSIDE, POLICING_BODY, UNMATCHED, match_receiver, split_receivers
from tracker.core.sources import SourceError, answer_by, load_rules
from tracker.ingest.importer import ingest
from tracker.ingest.problems import ImportProblem
from tracker.store.database import open_reader

SOURCES = Path(__file__).parent / "fixtures" / "sources"


def rows(db: Path, sql: str):
    """Run one query on a read-only connection."""
    return open_reader(db).execute(sql).fetchall()


# --- the clock, a row of data a source -------------------------------------------------------------------------------

def test_each_sources_clock_worked_by_hand():
    # HMICFRS: 56 days from publication (11 June + 19 days = 30 June, + 31 = 31 July, + 6 = 6 August).
    assert answer_by("hmicfrs", date(2024, 6, 11)) == date(2024, 8, 6)
    # A coroner's report: 56 days from its date, unless the coroner states a date, which wins (even one not +56).
    assert answer_by("pfd", date(2024, 7, 1)) == date(2024, 8, 26)
    assert answer_by("pfd", date(2024, 7, 1), stated=date(2024, 9, 2)) == date(2024, 9, 2)
    # IOPC: 56 days beginning with the day it was made, so made + 55: 3 May + 28 = 31 May, + 27 = 27 June.
    assert answer_by("iopc", date(2024, 5, 3)) == date(2024, 6, 27)
    assert answer_by("iopc", date(2025, 3, 3)) == date(2025, 4, 27)
    # A stated date does not bind where the source's rule says it does not.
    assert answer_by("iopc", date(2024, 5, 3), stated=date(2024, 12, 1)) == date(2024, 6, 27)
    assert answer_by("hmicfrs", None) is None


def test_an_auditors_month_at_a_months_end():
    # One month beginning with the day sent: to the same day a month on (or that month's last day when it has none),
    # less the day itself. 31 January 2025: 28 February, less one = 27 February; in 2024 (29 days) 28 February.
    assert answer_by("external-audit", date(2025, 1, 31)) == date(2025, 2, 27)
    assert answer_by("external-audit", date(2024, 1, 31)) == date(2024, 2, 28)
    assert answer_by("external-audit", date(2025, 1, 15)) == date(2025, 2, 14)
    assert answer_by("external-audit", date(2025, 12, 31)) == date(2026, 1, 30)


def test_adding_a_source_is_a_row(tmp_path):
    table = tmp_path / "sources.csv"
    text = (Path(__file__).parent.parent / "data" / "sources.csv").read_text(encoding="utf-8")
    table.write_text(text + "hmics,HMICS follow-up,the report's publication,3,months,no,yes,nobody,the chief constable\n",
                     encoding="utf-8")
    rules = load_rules(table)
    assert answer_by("hmics", date(2024, 11, 30), rules=rules) == date(2025, 2, 28)
    assert answer_by("hmics", date(2024, 11, 30), stated=date(2025, 1, 5), rules=rules) == date(2025, 1, 5)
    with pytest.raises(SourceError, match="unknown source 'coroner'"):
        answer_by("coroner", date(2024, 1, 1), rules=rules)


def test_a_bad_row_of_the_table_is_refused_naming_its_line(tmp_path):
    table = tmp_path / "sources.csv"
    table.write_text("source,name,runs_from,length,unit,day_counts,stated_date_wins,extended_by,answered_by\n"
                     "pfd,Coroner,the report's date,56,days,no,yes,the coroner,each addressee\n"
                     "iopc,IOPC,the day made,56,weeks,yes,no,the IOPC,the chief constable\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"sources.csv, line 3: unit 'weeks' is not one of days, months"):
        load_rules(table)


# --- receivers matched to forces and bodies ---------------------------------------------------------------------------

def test_receivers_written_many_ways():
    cases = {
        "The Commissioner of Police of the Metropolis": (FORCE, "Metropolitan Police Service"),
        "Avon & Somerset Constabulary": (FORCE, "Avon and Somerset"),
        "Cheshire Constabulary": (FORCE, "Cheshire"),
        "The Police and Crime Commissioner for Lancashire": (FORCE, "Lancashire"),
        "Director General Independent Office for Police Conduct (IOPC)": (POLICING_BODY,
                                                                           "Independent Office for Police Conduct"),
        "College of Policing": (POLICING_BODY, "College of Policing"),
        "Chief Constable": (UNMATCHED, None),
        "Chief Constables of Kent and Essex": (UNMATCHED, None),
        "Home Office": (OUTSIDE, None),
        # a place in an NHS trust's name is not its force
        "County Durham and Darlington NHS Foundation Trust": (OUTSIDE, None),
    }
    for written, (how, matched) in cases.items():
        found = match_receiver(written)
        assert (found.how, found.matched) == (how, matched), written
    listed = split_receivers("Chief Constable of Avon and Somerset; Chief Constable of Surrey; College of Policing")
    assert [(r.how, r.matched) for r in map(match_receiver, listed)] == [
        (FORCE, "Avon and Somerset"), (FORCE, "Surrey"), (POLICING_BODY, "College of Policing")]


# --- coroners' reports -----------------------------------------------------------------------------------------------

def test_a_report_with_three_addressees_one_outside_policing(tmp_path):
    db = tmp_path / "t.duckdb"
    summary = ingest([str(SOURCES / "2024-0688.txt")], db)
    assert (summary.recommendations_added, summary.addressees_added) == (4, 3)
    assert any("'North Bristol NHS Trust' is outside policing" in w for w in summary.warnings)
    # Named by its reference, without the web page's header; numbered (1); the coroner's stated date (2 September)
    # wins over 1 July + 56 (26 August).
    assert rows(db, "SELECT key, source, source_ref, addressee, published_on, answer_by FROM recommendations "
                    "ORDER BY key") == [
        ("2024068801-avon-and-somerset", "pfd", "2024-0688 concern 1",
         "The Chief Constable of Avon & Somerset Constabulary", date(2024, 7, 1), date(2024, 9, 2)),
        ("2024068801-surrey", "pfd", "2024-0688 concern 1", "The Chief Constable of Surrey Police", date(2024, 7, 1),
         date(2024, 9, 2)),
        ("2024068802-avon-and-somerset", "pfd", "2024-0688 concern 2",
         "The Chief Constable of Avon & Somerset Constabulary", date(2024, 7, 1), date(2024, 9, 2)),
        ("2024068802-surrey", "pfd", "2024-0688 concern 2", "The Chief Constable of Surrey Police", date(2024, 7, 1),
         date(2024, 9, 2)),
    ]
    assert rows(db, "SELECT written, matched, how, answer_by FROM source_addressees ORDER BY written") == [
        ("North Bristol NHS Trust", None, OUTSIDE, date(2024, 9, 2)),
        ("The Chief Constable of Avon & Somerset Constabulary", "Avon and Somerset", FORCE, date(2024, 9, 2)),
        ("The Chief Constable of Surrey Police", "Surrey", FORCE, date(2024, 9, 2)),
    ]
    assert rows(db, "SELECT DISTINCT text FROM recommendations WHERE id = 2024068802") == [
        (("[the deceased] was not checked in person for four hours although his record said he was to be roused every "
         "thirty minutes."),)]
    assert rows(db, "SELECT title, inspectorate FROM reports") == [
        ("Prevention of future deaths report 2024-0688 (Avon; coroner Ruth Hale)",
         "Coroner's prevention of future deaths report")]
    # Read twice, nothing new.
    again = ingest([str(SOURCES / "2024-0688.txt")], db)
    assert not again.changed_anything


def test_the_deceased_and_the_circumstances_are_stored_nowhere(tmp_path):
    db = tmp_path / "t.duckdb"
    ingest([str(SOURCES / "2024-0688.txt"), str(SOURCES / "pfd_north_wales.txt")], db)
    con = open_reader(db)
    tables = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
    assert {"recommendations", "reports", "source_addressees", "audit", "imports"} <= set(tables)
    for table in tables:
        held = str(con.execute(f'SELECT * FROM "{table}"').fetchall())
        for marker in ("Jones", "Alan", "Megan", "Ellis", "MARKER-CIRCUMSTANCES-7731", "slip road"):
            assert marker not in held, (table, marker)


def test_awkward_receivers_on_a_report_with_its_header(tmp_path, capsys):
    db = tmp_path / "t.duckdb"
    summary = ingest([str(SOURCES / "pfd_north_wales.txt")], db)
    # Cheshire's force, though the coroner is North Wales's; no stated date: 15 March + 56 = 10 May.
    assert rows(db, "SELECT key, addressee, answer_by FROM recommendations ORDER BY key") == [
        ("2024015001-cheshire", "Cheshire Constabulary", date(2024, 5, 10)),
        ("2024015002-cheshire", "Cheshire Constabulary", date(2024, 5, 10)),
    ]
    assert rows(db, "SELECT written, matched, how FROM source_addressees ORDER BY written") == [
        ("Cheshire Constabulary", "Cheshire", FORCE),
        ("Chief Constable", None, UNMATCHED),
        ("Director General Independent Office for Police Conduct (IOPC)", "Independent Office for Police Conduct",
         POLICING_BODY),
    ]
    assert any("addressee 'Chief Constable' names no one force" in w for w in summary.warnings)
    assert main(["--db", str(db), "addressees", "--unmatched"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        ("2024-0150\tChief Constable\tunmatched\tanswer by 2024-05-10\tPrevention of future deaths report 2024-0150 "
        "(North Wales (East and Central); coroner John Gittins)"),
        "1 unmatched addressee"]


def test_the_published_example_with_two_addressees_of_one_force(tmp_path):
    db = tmp_path / "t.duckdb"
    ingest([str(SOURCES / "pfd_lancashire.txt")], db, source_code="pfd")
    # The chief constable and the commissioner both answer for Lancashire: each concern is one item of the force,
    # addressed to both; "namely by 6 August 2024" is 11 June + 56.
    assert rows(db, "SELECT id, force, addressee, answer_by FROM recommendations ORDER BY id") == [
        (2024030100 + n, "Lancashire",
         "The Chief Constable, Lancashire Constabulary; The Police and Crime Commissioner for Lancashire",
         date(2024, 8, 6)) for n in (1, 2, 3)]
    # The addressees are read in scope: a Kent reader sees none of Lancashire's report.
    from tracker.core.filters import Filters
    from tracker.store import queries

    def seen(scope):
        return list(queries.run(open_reader(db), "source_addressees", **Filters(as_of=date(2024, 7, 1), scope=scope)
                                .params(), how=None)["written"])

    assert seen(("Kent",)) == []
    assert seen(("Lancashire",)) == ["The Chief Constable, Lancashire Constabulary",
                                     "The Police and Crime Commissioner for Lancashire"]


def test_a_report_as_a_pdf(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    for line in (SOURCES / "pfd_lancashire.txt").read_text(encoding="utf-8").splitlines():
        pdf.multi_cell(0, 5, line or " ", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "report.pdf"
    pdf.output(str(path))
    db = tmp_path / "t.duckdb"
    summary = ingest([str(path)], db)
    assert summary.recommendations_added == 3
    assert rows(db, "SELECT DISTINCT source_ref, answer_by FROM recommendations ORDER BY 1") == [
        (f"2024-0301 concern {n}", date(2024, 8, 6)) for n in (1, 2, 3)]


def test_a_malformed_report_is_refused_naming_the_file_and_line_and_nothing_changes(tmp_path, fixture_db):
    before = pg.fingerprint(fixture_db)
    with pytest.raises(ImportProblem, match=r"2024-0999.txt, line 11: concern 3 where concern 2 was expected"):
        ingest([str(SOURCES / "2024-0688.txt"), str(SOURCES / "bad" / "2024-0999.txt")], fixture_db)
    assert pg.fingerprint(fixture_db) == before
    bad = tmp_path / "2024-0777.txt"
    bad.write_text("Date of report: 31/02/2024\nThis report is being sent to: Kent Police\n\n"
                   "MATTERS OF CONCERN\n1. One.\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"2024-0777.txt, line 1: date of report: '31/02/2024' is not a real date"):
        ingest([str(bad)], fixture_db)
    unnamed = tmp_path / "report.txt"
    unnamed.write_text("REGULATION 28: REPORT TO PREVENT FUTURE DEATHS\nThis report is being sent to: Kent Police\n\n"
                       "MATTERS OF CONCERN\n1. One.\n\n9 1 May 2024\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"report.txt: the report has no reference"):
        ingest([str(unnamed)], fixture_db)
    assert pg.fingerprint(fixture_db) == before


# --- IOPC spreadsheets -------------------------------------------------------------------------------------------------

def test_iopc_recommendations_on_the_iopc_clock(tmp_path):
    db = tmp_path / "t.duckdb"
    ingest([str(SOURCES / "iopc_made_on_the_3rd.csv"), str(SOURCES / "iopc_example.csv")], db)
    # made + 55: 3 March 2025 -> 27 April; 3 May 2024 (written 03/05/2024) -> 27 June; 7 May 2024 -> 1 July.
    assert rows(db, "SELECT id, force, source, source_ref, addressee, published_on, answer_by FROM recommendations "
                    "ORDER BY published_on, id") == [
        (1_240_022_103, "Essex", "iopc", "2024/002210-R3", "Police and Crime Commissioner", date(2024, 5, 3),
         date(2024, 6, 27)),
        (1_240_310_071, "Essex", "iopc", "2024/031007-R1", "Chief Constable", date(2024, 5, 7), date(2024, 7, 1)),
        (1_240_310_072, "Essex", "iopc", "2024/031007-R2", "Police and Crime Commissioner", date(2024, 5, 7),
         date(2024, 7, 1)),
        (1_250_044_171, "Kent", "iopc", "2025/004417-R1", "Chief Constable", date(2025, 3, 3), date(2025, 4, 27)),
    ]


def test_a_bad_iopc_reference_is_refused_naming_its_row(tmp_path, fixture_db):
    bad = tmp_path / "iopc.csv"
    bad.write_text("reference,date_made,recipient,force,case,recommendation\n"
                   "2024/031007-R1,2024-05-07,Chief Constable,Essex,A case,Do one thing.\n"
                   "IOPC-12,2024-05-07,Chief Constable,Essex,A case,Do another.\n", encoding="utf-8")
    before = pg.fingerprint(fixture_db)
    with pytest.raises(ImportProblem, match=r"iopc.csv, row 3: reference 'IOPC-12' is not an IOPC recommendation's"):
        ingest([str(bad)], fixture_db)
    assert pg.fingerprint(fixture_db) == before


def test_items_held_before_are_inspections_and_readable_by_queries(fixture_db):
    from tracker.core.filters import Filters

    con = open_reader(fixture_db)
    assert rows(fixture_db, "SELECT DISTINCT source FROM recommendations") == [("hmicfrs",)]
    # Through filtered($filters), each item's source, addressee and answer-by, in the reader's scope only.
    kent = con.execute("SELECT key, source, published_on, answer_by, addressee FROM filtered($filters) ORDER BY key",
                       Filters(as_of=date(2026, 1, 1), scope=("Kent",)).params()).fetchall()
    assert [k for k, *_ in kent] == ["1-kent", "2-kent", "5-kent"]
    for _, source, published, due, addressee in kent:
        assert source == "hmicfrs" and addressee.startswith("the police and crime commissioner")
        assert due == answer_by("hmicfrs", published)


def test_an_unknown_source_is_refused_and_check_writes_nothing(tmp_path, fixture_db, capsys):
    before = pg.fingerprint(fixture_db)
    with pytest.raises(ImportProblem, match="--source: unknown source 'coroner': the sources are hmicfrs, pfd, iopc"):
        ingest([str(SOURCES / "2024-0688.txt")], fixture_db, source_code="coroner")
    assert main(["--db", str(fixture_db), "check", str(SOURCES / "2024-0688.txt"), "--source", "pfd"]) == 0
    assert "OK: 4 recommendations and 0 updates would be read" in capsys.readouterr().out
    assert pg.fingerprint(fixture_db) == before
