"""Integrity of what goes in and comes out: forces, paths, markup, spreadsheets, control characters, ids, dates,
report ids, names, readers after a swap, symlinks and locks. Each case failed before its fix."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.conftest import SAMPLE
from tracker.cli import main
from tracker.core import clock
from tracker.exports.files import ExportError, inside
from tracker.ingest.importer import ingest
from tracker.ingest.problems import ImportProblem
from tracker.store.database import open_reader

ROOT = Path(__file__).parent.parent
HEADER = "id,force,report,published_on,kind,theme,owner,overseer,target_original,target_current,text\n"


def rows(db: Path, sql: str, **params):
    """Run one query on a fresh reader."""
    con = open_reader(db)
    return con.execute(sql, params or None).fetchall()


def csv(tmp_path: Path, name: str, body: str) -> Path:
    """A CSV file of recommendations (with HEADER) or of updates (its own header)."""
    path = tmp_path / name
    path.write_text(body if body.startswith("id,force,date") else HEADER + body, encoding="utf-8")
    return path


# --- An open copy sees what another process wrote, on its next look -------------------------------------------------

def test_an_open_copy_sees_an_import_made_by_another_process(fixture_db, tmp_path):
    old = open_reader(fixture_db)
    assert old.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 6
    cursor_before = old.cursor()  # a query already under way keeps the data it started with
    new = csv(tmp_path, "recommendations.csv", "7,Kent,Report C,2023-01-01,,,,,,,Rec seven\n")
    done = subprocess.run([sys.executable, "-m", "tracker", "--db", str(fixture_db), "ingest", str(new)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert old.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 6  # not looked yet
    assert old.sync(force=True) is True
    assert old.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 7
    assert old.execute("SELECT text FROM recommendations WHERE key = '7-kent'").fetchone()[0] == "Rec seven"
    assert old.sync(force=True) is False  # nothing newer: one cheap look, nothing pulled
    cursor_before.close()


# --- Forces ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("force", ["../escaped", "/abs/path", "Kеnt", "Atlantis"])  # the third has a Cyrillic е
def test_a_value_that_is_not_a_force_is_refused(tmp_path, fixture_db, force):
    bad = csv(tmp_path, "recommendations.csv", f'7,"{force}",Report C,2023-01-01,,,,,,,Rec seven\n')
    with pytest.raises(ImportProblem, match=r"row 2: '.*' is not one of the 43 forces of England and Wales"):
        ingest([str(bad)], fixture_db)


def test_force_option_that_is_not_a_force_is_refused(fixture_db, capsys):
    assert main(["--db", str(fixture_db), "ingest", str(SAMPLE), "--force", "../../x"]) == 1
    assert "--force: '../../x' is not one of the 43 forces" in capsys.readouterr().err


def test_invisible_characters_in_a_force_name_are_normalised(tmp_path, fixture_db):
    body = '7,"Ke\u200bnt",Report C,2023-01-01,,,,,,,Rec seven\n8,"\u00a0Essex ",Report C,2023-01-01,,,,,,,Rec eight\n'
    ingest([str(csv(tmp_path, "recommendations.csv", body))], fixture_db)
    assert rows(fixture_db, "SELECT key, force FROM recommendations WHERE id >= 7 ORDER BY id") == [
        ("7-kent", "Kent"), ("8-essex", "Essex")]


def test_a_force_is_added_only_on_purpose_and_then_known(tmp_path, fixture_db, capsys):
    body = "7,British Transport Police,Report C,2023-01-01,,,,,,,Rec seven\n"
    path = csv(tmp_path, "recommendations.csv", body)
    assert main(["--db", str(fixture_db), "ingest", str(path)]) == 1
    assert "--new-force 'British Transport Police'" in capsys.readouterr().err
    assert main(["--db", str(fixture_db), "ingest", str(path), "--new-force", "British Transport Police"]) == 0
    assert "warning: adding the force 'British Transport Police'" in capsys.readouterr().err
    assert rows(fixture_db, "SELECT name FROM extra_forces") == [("British Transport Police",)]
    later = csv(tmp_path, "updates.csv", "id,force,date,status,text\n7,british transport police,2023-02-01,,Later.\n")
    assert main(["--db", str(fixture_db), "ingest", str(later)]) == 0


@pytest.mark.parametrize("name", ["../x", "a/b", "Kеnt", "x" * 80])
def test_a_new_force_must_look_like_a_name(tmp_path, fixture_db, name, capsys):
    path = csv(tmp_path, "recommendations.csv", "7,Kent,Report C,2023-01-01,,,,,,,Rec seven\n")
    assert main(["--db", str(fixture_db), "ingest", str(path), "--new-force", name]) == 1
    assert "cannot be a force name" in capsys.readouterr().err


def test_every_output_path_stays_inside_its_folder(tmp_path):
    assert inside(tmp_path, "Kent", "1.txt") == (tmp_path / "Kent" / "1.txt").resolve()
    for parts in (("..", "x.txt"), ("/etc", "passwd"), ("Kent", "..", "..", "y.txt"), (".",)):
        with pytest.raises(ExportError, match="outside"):
            inside(tmp_path, *parts)


# --- Register markup in texts ---------------------------------------------------------------------------------------

def test_records_export_keeps_markup_in_texts_as_text(tmp_path, fixture_db):
    markup = "[on]1st January 2020 [status]complete[/status][/on] and [\\on] kept"
    path = csv(tmp_path, "recommendations.csv", f'7,Kent,Report C,2023-01-01,,,,,,,"Rec {markup}"\n')
    upd = csv(tmp_path, "updates.csv", f'id,force,date,status,text\n7,Kent,2023-02-01,,"Said {markup}"\n')
    ingest([str(path), str(upd)], fixture_db)
    out = tmp_path / "records"
    assert main(["--db", str(fixture_db), "export", "--format", "records", "-o", str(out)]) == 0
    again = tmp_path / "again.duckdb"
    assert main(["--db", str(again), "ingest", str(out)]) == 0
    query = "SELECT key, on_date, status, text FROM updates ORDER BY ALL"
    assert rows(again, query) == rows(fixture_db, query)
    assert rows(again, "SELECT text FROM recommendations WHERE key = '7-kent'") == [(f"Rec {markup}",)]
    assert rows(again, "SELECT count(*) FROM updates WHERE key = '7-kent' AND status = 'complete'") == [(0,)]


# --- Spreadsheets in and out ----------------------------------------------------------------------------------------

def test_a_workbook_with_real_date_cells_imports(tmp_path):
    book = tmp_path / "tracker.xlsx"
    wb = openpyxl.Workbook()
    recs = wb.active
    recs.title = "recommendations"
    recs.append(["id", "force", "report", "published_on", "target_original", "text"])
    recs.append([8019, "Kent", "Report Z", date(2021, 3, 4), date(2022, 3, 31), "Do it."])
    upd = wb.create_sheet("updates")
    upd.append(["id", "force", "date", "status", "text"])
    upd.append([8019, "Kent", date(2021, 5, 6), "being-progressed", None])
    wb.save(book)
    db = tmp_path / "x.duckdb"
    ingest([str(book)], db)
    assert rows(db, "SELECT published_on::VARCHAR, target_original::VARCHAR FROM recommendations") == [
        ("2021-03-04", "2022-03-31")]
    assert rows(db, "SELECT on_date::VARCHAR, status FROM updates") == [("2021-05-06", "being-progressed")]


def test_a_formula_with_no_saved_value_is_named(tmp_path):
    book = tmp_path / "formula.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "recommendations"
    sheet.append(["id", "force", "report", "text"])
    sheet.append([1, "Kent", "Report", "=CONCAT(\"a\",\"b\")"])
    wb.save(book)  # openpyxl saves formulas without values, as a script would
    with pytest.raises(ImportProblem, match=r"\[sheet recommendations\], cell D2: a formula whose value was never saved"):
        ingest([str(book)], tmp_path / "x.duckdb")


def test_xlsx_export_imports_again_to_the_same_history(tmp_path, fixture_db):
    book = tmp_path / "export.xlsx"
    assert main(["--db", str(fixture_db), "export", "--format", "xlsx", "-o", str(book)]) == 0
    again = tmp_path / "again.duckdb"
    assert main(["--db", str(again), "ingest", str(book)]) == 0
    for query in ("SELECT key, on_date, status, text FROM updates ORDER BY ALL",
                  "SELECT * EXCLUDE (import_id) FROM recommendations ORDER BY key"):
        assert rows(again, query) == rows(fixture_db, query)


FORMULAS = ['=HYPERLINK("http://evil.example/x","click me")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]


@pytest.fixture
def formula_db(tmp_path, fixture_db) -> Path:
    """The fixture plus recommendations whose text and owner are formula-looking values."""
    body = "".join(f'{7 + i},Kent,Report C,2023-01-01,,,"{f.replace(chr(34), chr(34) * 2)}",,,,'
                   f'"{f.replace(chr(34), chr(34) * 2)}"\n' for i, f in enumerate(FORMULAS))
    ingest([str(csv(tmp_path, "recommendations.csv", body))], fixture_db)
    return fixture_db


def test_xlsx_exports_hold_formula_looking_values_as_text(tmp_path, formula_db):
    book = tmp_path / "export.xlsx"
    assert main(["--db", str(formula_db), "export", "--format", "xlsx", "-o", str(book)]) == 0
    sheet = openpyxl.load_workbook(book)["recommendations"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert set(FORMULAS) <= texts  # lossless: exactly as imported, and inert


def test_csv_export_for_importing_again_stays_lossless(tmp_path, formula_db):
    out = tmp_path / "csv"
    assert main(["--db", str(formula_db), "export", "--format", "csv", "-o", str(out)]) == 0
    texts = set(pd.read_csv(out / "recommendations.csv", dtype=str)["text"])
    assert set(FORMULAS) <= texts


def test_app_downloads_are_inert_in_a_spreadsheet(formula_db):
    import io

    from tracker.core.spreadsheet import csv_for_spreadsheets, workbook_bytes

    frame = pd.DataFrame({"text": [*FORMULAS, "plain"], "n": [-1, 2, 3, 4, 5, 6]})
    text = csv_for_spreadsheets(frame).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), dtype=str)
    assert back["text"].tolist() == ["'" + f for f in FORMULAS] + ["plain"]
    assert back["n"].tolist()[0] == "-1"  # numbers are numbers, not text
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes({"t": frame})))
    assert not [c for row in book["t"].iter_rows() for c in row if c.data_type == "f"]


def test_pptx_tables_and_chart_workbooks_hold_no_formula(tmp_path, formula_db):
    import io
    import zipfile

    from pptx import Presentation

    out = tmp_path / "pack.pptx"
    assert main(["--db", str(formula_db), "pack", "--format", "pptx", "-o", str(out), "--as-of", "2023-06-30"]) == 0
    deck = Presentation(str(out))
    cells = [c.text for s in deck.slides for sh in s.shapes if sh.has_table for r in sh.table.rows for c in r.cells]
    assert not [c for c in cells if c.startswith(("=", "+", "@"))]
    assert any(c.startswith("'=cmd") for c in cells)
    for part in zipfile.ZipFile(out).namelist():
        if part.endswith(".xlsx"):
            book = openpyxl.load_workbook(io.BytesIO(zipfile.ZipFile(out).read(part)))
            assert not [c for s in book for row in s.iter_rows() for c in row if c.data_type == "f"], part


def test_a_leading_tab_is_kept(tmp_path, fixture_db):
    ingest([str(csv(tmp_path, "recommendations.csv", '7,Kent,Report C,2023-01-01,,,,,,,"\t=1+1"\n'))], fixture_db)
    assert rows(fixture_db, "SELECT text FROM recommendations WHERE id = 7") == [("\t=1+1",)]


# --- Control characters ---------------------------------------------------------------------------------------------

def test_control_characters_are_removed_on_import_with_a_warning(tmp_path, fixture_db):
    path = csv(tmp_path, "recommendations.csv", '7,Kent,Report C,2023-01-01,,,,,,,"A\x0bB\x1fC\x07"\n')
    summary = ingest([str(path)], fixture_db)
    assert rows(fixture_db, "SELECT text FROM recommendations WHERE id = 7") == [("ABC",)]
    assert any("row 2: text: control characters removed" in w for w in summary.warnings)


def test_xlsx_output_never_fails_on_a_control_character(tmp_path):
    from tracker.core.spreadsheet import workbook_bytes

    data = workbook_bytes({"t": pd.DataFrame({"text": ["A\x0bB", "C\x1fD"]})})
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(data))["t"]
    assert [sheet["A2"].value, sheet["A3"].value] == ["A\ufffdB", "C\ufffdD"]


def test_a_nul_anywhere_in_a_csv_is_refused(tmp_path, fixture_db):
    path = tmp_path / "recommendations.csv"
    path.write_bytes((HEADER + "7,Kent,Report C,2023-01-01,,,,,,,Rec\n" * 500).encode() + b"\x00")
    with pytest.raises(ImportProblem, match="this is a binary file, not a CSV"):
        ingest([str(path)], fixture_db)


# --- Parsing time ---------------------------------------------------------------------------------------------------

def test_long_repetitive_comments_parse_in_linear_time(tmp_path, fixture_db):
    comment = "This action is monitored by the Force Chief Officer Team and " * 4500  # about 272 KB
    record = tmp_path / "long.txt"
    record.write_text(f"Report (1)\nText.\n[on]1 May 2018\n\n{comment}\n", encoding="utf-8")
    started = time.perf_counter()
    assert main(["--db", str(fixture_db), "check", str(record), "--force", "Kent"]) == 0
    # 81 s before the fix; a generous bound so the machine's load cannot make it fail.
    assert time.perf_counter() - started < 20


# --- Report ids, names, ids -----------------------------------------------------------------------------------------

def test_report_ids_are_unique_for_titles_that_slug_alike(tmp_path):
    body = ("1,Kent,Living in fear,2017-07-05,,,,,,,A\n2,Kent,Living in fear!,2017-07-05,,,,,,,B\n"
            "3,Kent,Жизнь в страхе,2017-07-05,,,,,,,C\n4,Kent,Ζωή με φόβο,2017-07-05,,,,,,,D\n")
    db = tmp_path / "r.duckdb"
    ingest([str(csv(tmp_path, "recommendations.csv", body))], db)
    reports = dict(rows(db, "SELECT title, id FROM reports"))
    assert len(set(reports.values())) == 4 and reports["Living in fear"] == "living-in-fear"
    assert all(reports.values())
    # Stable: importing the titles again (and a new one) keeps every id.
    more = tmp_path / "more.csv"
    more.write_text("id,force,report,text\n5,Kent,Living in fear!,E\n", encoding="utf-8")
    ingest([str(more)], db)
    assert dict(rows(db, "SELECT title, id FROM reports")) == reports


def test_report_titles_differing_only_in_case_are_refused(tmp_path, fixture_db):
    path = csv(tmp_path, "recommendations.csv", "7,Kent,report a,2023-01-01,,,,,,,Rec seven\n")
    with pytest.raises(ImportProblem, match="differs only in letter case from the report 'Report A' already held"):
        ingest([str(path)], fixture_db)


def test_owner_names_that_look_the_same_are_one_owner(tmp_path):
    names = ["Supt Wright", "Supt\u00a0Wright", "Supt \u200bWright", "\u200fSupt Wright", "Supt  Wright "]
    body = "".join(f'{i + 1},Kent,Report,2020-01-01,,,"{n}",,,,Rec\n' for i, n in enumerate(names))
    db = tmp_path / "o.duckdb"
    ingest([str(csv(tmp_path, "recommendations.csv", body))], db)
    assert rows(db, "SELECT DISTINCT owner FROM recommendations") == [("Supt Wright",)]


@pytest.mark.parametrize(("raw", "cmd"), [(str(2**31), "check"), (str(2**31), "ingest"), ("1e3", "check"),
                                           ("1e3", "ingest"), ("12.0", "ingest"), ("-4", "check"), ("0", "ingest")])
def test_ids_are_plain_integers_in_range_for_check_and_ingest_alike(tmp_path, fixture_db, raw, cmd, capsys):
    path = csv(tmp_path, "recommendations.csv", f"{raw},Kent,Report C,2023-01-01,,,,,,,Rec\n")
    assert main(["--db", str(fixture_db), cmd, str(path)]) == 1
    err = capsys.readouterr().err
    assert f"row 2: id '{raw}' is not a whole number from 1 to 2,147,483,647" in err and "Traceback" not in err


def test_a_record_id_out_of_range_is_refused(tmp_path, fixture_db):
    record = tmp_path / "big.txt"
    record.write_text(f"Report ({2**31})\nText\n[on]1 May 2018 [status]awaiting-review[/status][/on]")
    with pytest.raises(ImportProblem, match="line 1: the id"):
        ingest([str(record)], fixture_db, force="Kent")


# --- Folders ------------------------------------------------------------------------------------------------

def test_importing_through_a_symlink_writes_where_it_points(tmp_path, fixture_db):
    link = tmp_path / "link.duckdb"
    link.symlink_to(fixture_db)
    ingest([str(csv(tmp_path, "recommendations.csv", "7,Kent,Report C,2023-01-01,,,,,,,Rec seven\n"))], link)
    assert link.is_symlink()
    assert rows(fixture_db, "SELECT count(*) FROM recommendations") == [(7,)]


@pytest.mark.parametrize(("fmt", "target", "message"), [
    ("xlsx", "folder", "is a folder; give a file name"), ("json", "missing/out.json", "does not exist; make the folder first"),
    ("xlsx", "missing/out.xlsx", "does not exist; make the folder first"), ("csv", "file", "is a file; give a folder"),
])
def test_export_to_the_wrong_kind_of_path_says_so(tmp_path, fixture_db, fmt, target, message, capsys):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x")
    assert main(["--db", str(fixture_db), "export", "--format", fmt, "-o", str(tmp_path / target)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize("target", ["folder", "missing/pack.pdf"])
def test_pack_to_the_wrong_kind_of_path_says_so(tmp_path, fixture_db, target, capsys):
    (tmp_path / "folder").mkdir()
    assert main(["--db", str(fixture_db), "pack", "--format", "pptx", "-o", str(tmp_path / target)]) == 1
    assert "error:" in capsys.readouterr().err


# --- Dates ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1st January 1066"])
def test_impossible_years_are_refused(tmp_path, fixture_db, day):
    path = csv(tmp_path, "updates.csv", f"id,force,date,status,text\n1,Kent,{day},,Note\n")
    with pytest.raises(ImportProblem, match=r"row 2: date: .* is outside 1900 to 2100; check the year"):
        ingest([str(path)], fixture_db)


def test_early_and_future_dates_are_imported_with_a_warning(tmp_path, fixture_db):
    later = (clock.today() + timedelta(days=30)).isoformat()
    path = csv(tmp_path, "updates.csv", f"id,force,date,status,text\n1,Kent,1995-03-01,,Old\n1,Kent,{later},,Soon\n")
    summary = ingest([str(path)], fixture_db)
    assert summary.updates_added == 2
    assert any("row 2: date 1995-03-01 is before 2000" in w for w in summary.warnings)
    assert any(f"row 3: date {later} is after today" in w for w in summary.warnings)


def test_json_status_agrees_with_the_dashboard_as_of_today(tmp_path, fixture_db, capsys):
    later = (clock.today() + timedelta(days=30)).isoformat()
    ingest([str(csv(tmp_path, "updates.csv", f"id,force,date,status,text\n6,Essex,{later},complete,\n"))], fixture_db)
    assert main(["--db", str(fixture_db), "export", "--format", "json"]) == 0
    six = next(r for r in json.loads(capsys.readouterr().out) if r["id"] == 6)
    assert six["status"] == "awaiting-review"
    assert six["updates"][-1] == {"date": later, "status": "complete", "text": None}
    assert main(["--db", str(fixture_db), "export", "--format", "json", "--as-of", later]) == 0
    assert next(r for r in json.loads(capsys.readouterr().out) if r["id"] == 6)["status"] == "complete"


def test_target_dates_in_the_future_are_normal(tmp_path, fixture_db):
    later = (clock.today() + timedelta(days=400)).isoformat()
    summary = ingest([str(csv(tmp_path, "recommendations.csv", f"7,Kent,Report C,2023-01-01,,,,,{later},,R\n"))],
                     fixture_db)
    assert not [w for w in summary.warnings if "after today" in w]
