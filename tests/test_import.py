"""Importing records, CSV and XLSX: what lands, idempotence, all-or-nothing, check, export."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pg
import pytest

from tests.conftest import SAMPLE, TABLES
from tracker.cli import main
from tracker.ingest.importer import ingest
from tracker.ingest.problems import ImportProblem
from tracker.store.database import open_reader


def digest(path: Path) -> str:
    """The file's bytes, hashed."""
    return pg.fingerprint(path)


def rows(db: Path, sql: str):
    """Run one query on a read-only connection."""
    con = open_reader(db)
    return con.execute(sql).fetchall()


def test_record_file_with_force_option_extracts_fields(tmp_path):
    db = tmp_path / "t.duckdb"
    summary = ingest([str(SAMPLE)], db, force="west yorkshire")
    assert (summary.recommendations_added, summary.updates_added) == (1, 5)
    assert rows(db, "SELECT key, force, theme, owner, owner_extracted, overseer, board, target_original, target_current,"
                    " published_on::VARCHAR FROM recommendations") == [
        ("8019-west-yorkshire", "West Yorkshire", "Stalking and harassment", "Supt Wright", True, "ACC Watson",
         "Strategic Domestic Abuse Board", pd.Timestamp("2018-08-31").date(), pd.Timestamp("2018-08-31").date(), "2017-07-05")]
    assert rows(db, "SELECT title, published_on::VARCHAR, inspectorate FROM reports") == [
        # before HMIC took on fire and rescue
        ("Living in fear - the police and CPS response to harassment and stalking", "2017-07-05", "HMIC and HMCPSI")]


def test_force_from_folder_name_and_missing_force_error(tmp_path):
    folder = tmp_path / "Kent"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "8019.txt")
    db = tmp_path / "t.duckdb"
    ingest([str(tmp_path / "Kent")], db)
    assert rows(db, "SELECT key FROM recommendations") == [("8019-kent",)]
    loose = tmp_path / "loose"
    loose.mkdir()
    shutil.copy(SAMPLE, loose / "8019.txt")
    with pytest.raises(ImportProblem, match="pass --force NAME"):
        ingest([str(loose)], db)


def test_reimport_changes_nothing_and_newer_updates_append(tmp_path, fixture_db):
    before = digest(fixture_db)
    summary = ingest([str(TABLES)], fixture_db)
    assert not summary.changed_anything and summary.updates_already_held == 16
    assert digest(fixture_db) == before
    newer = tmp_path / "updates.csv"
    newer.write_text("id,force,date,status,text\n5,Kent,2023-05-01,complete,Done again.\n", encoding="utf-8")
    summary = ingest([str(newer)], fixture_db)
    assert (summary.updates_added, summary.recommendations_added) == (1, 0)
    assert rows(fixture_db, "SELECT count(*) FROM updates") == [(17,)]



def test_an_update_keeps_who_wrote_and_reviewed_it_and_one_naming_nobody_is_not_added_again(tmp_path, fixture_db):
    """An export's author and review columns are stored with the update (a spreadsheet without them stores none); the
    same words again from a file naming nobody are held already, from someone else on the same day they are not."""
    given = tmp_path / "updates.csv"
    given.write_text("id,force,date,status,text,author,review\n"
                     "5,Kent,2023-05-01,,Checked the plan.,a@kent.police.example,accepted by b@x.example on 2023-05-02\n"
                     "5,Kent,2023-05-01,,Checked the plan.,c@kent.police.example,awaiting review\n", encoding="utf-8")
    assert ingest([str(given)], fixture_db).updates_added == 2
    plain = tmp_path / "plain.csv"
    plain.write_text("id,force,date,status,text\n5,Kent,2023-05-01,,Checked the plan.\n"
                     "5,Kent,2023-05-02,,Plain words.\n", encoding="utf-8")
    summary = ingest([str(plain)], fixture_db)
    assert (summary.updates_added, summary.updates_already_held) == (1, 1)
    assert rows(fixture_db, "SELECT on_date::VARCHAR, text, author, review FROM updates WHERE on_date >= '2023-05-01' "
                            "AND key = '5-kent' ORDER BY ALL") == [
        ("2023-05-01", "Checked the plan.", "a@kent.police.example", "accepted by b@x.example on 2023-05-02"),
        ("2023-05-01", "Checked the plan.", "c@kent.police.example", "awaiting review"),
        ("2023-05-02", "Plain words.", None, None)]
    assert ingest([str(given)], fixture_db).updates_added == 0  # an export imported again adds nothing


BAD_INPUTS = {
    "empty.txt": (b"", "the file is empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    "latin1.txt": ("Caf\xe9 report (1)\nText\n[on]1 May 2018 x".encode("latin-1"), "line 1: the file is not UTF-8"),
    "utf16.txt": ("T (1)\nText".encode("utf-16"), "UTF-16"),
    "no-id.txt": (b"A title with no id\nText", "line 1: the title line must end with the recommendation id"),
    "bad-date.txt": (b"T (1)\nText\n[on]31st February 2019 [status]complete[/status][/on]", "line 3: '31st February 2019'"),
    "unclosed.txt": (b"T (1)\nText\n[on]1 May 2019 [status]complete", "never closed"),
    "recommendations.csv": (b"id,force,reprot,text\n1,Kent,R,T\n", "unknown column 'reprot' (did you mean 'report'?)"),
    "updates.csv": (b"id,force,date,status\n1,Kent,2019-02-31,complete\n", "row 2: date: '2019-02-31' is not a real date"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_refused_and_database_untouched(tmp_path, fixture_db, name, capsys):
    data, message = BAD_INPUTS[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    before = digest(fixture_db)
    code = main(["--db", str(fixture_db), "ingest", str(bad), "--force", "Kent"])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err and str(bad) in err
    assert digest(fixture_db) == before


def test_same_id_twice_with_different_texts(tmp_path, fixture_db):
    for i, text in enumerate(("First text.", "Second text.")):
        (tmp_path / f"{i}.txt").write_text(f"Report (99)\n{text}\n[on]1 May 2018 [status]awaiting-review[/status][/on]")
    with pytest.raises(ImportProblem, match=r"recommendation 99 in Kent is also in .* with a different text"):
        ingest([str(tmp_path)], fixture_db, force="Kent")


def test_update_for_unknown_recommendation(tmp_path, fixture_db):
    orphan = tmp_path / "updates.csv"
    orphan.write_text("id,force,date,status,text\n77,Kent,2023-05-01,complete,\n")
    with pytest.raises(ImportProblem, match="row 2: update for recommendation 77-kent"):
        ingest([str(orphan)], fixture_db)


def test_check_validates_without_writing(tmp_path, capsys):
    db = tmp_path / "none.duckdb"
    assert main(["--db", str(db), "check", str(TABLES)]) == 0
    assert "6 recommendations and 16 updates would be read" in capsys.readouterr().out
    assert not db.exists()


def test_xlsx_import_matches_csv_import(tmp_path, fixture_db):
    book = tmp_path / "tracker.xlsx"
    with pd.ExcelWriter(book) as writer:
        pd.read_csv(TABLES / "recommendations.csv", dtype=str).to_excel(writer, sheet_name="recommendations", index=False)
        pd.read_csv(TABLES / "updates.csv", dtype=str).to_excel(writer, sheet_name="updates", index=False)
    db = tmp_path / "x.duckdb"
    ingest([str(book)], db)
    query = "SELECT key, on_date, status, text FROM updates ORDER BY ALL"
    assert rows(db, query) == rows(fixture_db, query)


def test_xlsx_with_wrong_sheets(tmp_path, fixture_db):
    book = tmp_path / "wrong.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(book, sheet_name="Sheet1", index=False)
    before = digest(fixture_db)
    with pytest.raises(ImportProblem, match="needs a sheet named 'recommendations'"):
        ingest([str(book)], fixture_db)
    assert digest(fixture_db) == before


def test_json_export_shape(fixture_db, capsys):
    assert main(["--db", str(fixture_db), "export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    five = next(r for r in data if r["id"] == 5)
    assert five["status"] == "being-progressed"  # reopened after completion: the latest status by date
    assert five["target"] == "2022-09-30" and five["owner"] == "Supt A" and five["kind"] == "cause of concern"
    assert [u["date"] for u in five["updates"]] == ["2022-01-01", "2022-03-01", "2022-08-01", "2023-02-01"]
    assert set(five) == {"id", "force", "report", "kind", "theme", "text", "status", "owner", "overseer", "target", "updates",
                         "published_on", "board", "target_original", "rag", "cause_of_concern", "peel_question",
                         "priority", "priority_reason", "priority_on", "withheld_reason", "links"}


@pytest.mark.parametrize("fmt", ["csv", "records"])
def test_export_then_import_gives_the_same_history(tmp_path, fixture_db, fmt):
    out = tmp_path / "out"
    assert main(["--db", str(fixture_db), "export", "--format", fmt, "-o", str(out)]) == 0
    db = tmp_path / "again.duckdb"
    assert main(["--db", str(db), "ingest", str(out)]) == 0
    query = "SELECT key, on_date, status, text FROM updates ORDER BY ALL"
    assert rows(db, query) == rows(fixture_db, query)


# --- Records with no dated entry yet ------------------------------------------------------------------------------------

def record(folder: Path, name: str, rec_id: int, title: str, entries: str = "") -> Path:
    """A register record file."""
    path = folder / name
    path.write_text(f"{title} ({rec_id})\n\nForces should act on it.\n\n{entries}", encoding="utf-8")
    return path


def test_a_record_with_no_entries_imports_with_its_reports_date(tmp_path):
    folder = tmp_path / "Kent"
    folder.mkdir()
    record(folder, "1.txt", 1, "Report Q", "[on]5th July 2017 [status]awaiting-review[/status][/on]")
    record(folder, "2.txt", 2, "Report Q")  # published with the report, nothing reported yet
    db = tmp_path / "t.duckdb"
    summary = ingest([str(folder)], db)
    assert summary.recommendations_added == 2
    assert any("2.txt: recommendation 2 has no dated entries yet" in w for w in summary.warnings)
    assert rows(db, "SELECT key, published_on::VARCHAR FROM recommendations ORDER BY key") == [
        ("1-kent", "2017-07-05"), ("2-kent", "2017-07-05")]
    # Later, a record of the same report with no entries takes the held report's date.
    later = tmp_path / "later" / "Kent"
    later.mkdir(parents=True)
    record(later, "3.txt", 3, "Report Q")
    ingest([str(later)], db)
    assert rows(db, "SELECT published_on::VARCHAR FROM recommendations WHERE id = 3") == [("2017-07-05",)]


def test_a_record_of_an_unknown_report_is_open_with_an_unknown_date(tmp_path, fixture_db):
    from tracker.core.filters import Filters
    from tracker.store import queries
    from tracker.store.database import open_reader

    folder = tmp_path / "Kent"
    folder.mkdir()
    record(folder, "9.txt", 9, "Brand new report")
    good = record(folder, "10.txt", 10, "Another report", "[on]1st May 2023 [status]awaiting-review[/status][/on]")
    summary = ingest([str(folder)], fixture_db)
    assert summary.recommendations_added == 2  # the good file in the same import lands too
    assert any("recommendation 9 in Kent: publication date unknown" in w for w in summary.warnings)
    assert good.exists()
    con = open_reader(fixture_db)
    state = con.execute("SELECT status, is_open, age_days, is_stale, published_on FROM rec_state(DATE '2023-06-30', 180)"
                        " WHERE key = '9-kent'").fetchall()
    assert state == [("no-status", True, None, False, None)]
    params = Filters(as_of=pd.Timestamp("2023-06-30").date()).params()
    head = queries.run(con, "headline", **params)
    assert (head["total"], head["open"]) == (8, 6)
    cohorts = queries.run(con, "cohort_completion", **params)
    assert int(cohorts["published"].sum()) == 7  # the unknown date is in no cohort


# --- --db before or after the command -------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["demo", "--recommendations", "200", "--seed", "3", "--as-of", "2024-01-31"],
    ["ingest", str(TABLES)],
    ["check", str(TABLES)],
    ["export", "--format", "json", "-o", "{tmp}/out.json"],
    ["pack", "--format", "pptx", "-o", "{tmp}/pack.pptx", "--as-of", "2023-06-30"],
])
@pytest.mark.parametrize("where", ["before", "after"])
def test_db_option_goes_before_or_after_the_command(tmp_path, fixture_db, argv, where):
    db = tmp_path / "mine.duckdb"
    if argv[0] != "ingest":
        pg.clone(fixture_db, db)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    full = ["--db", str(db), *argv] if where == "before" else [argv[0], "--db", str(db), *argv[1:]]
    before = digest(db)
    assert main(full) == 0
    if argv[0] == "ingest":  # into a new database at the folder given
        assert rows(db, "SELECT count(*) FROM recommendations") == [(6,)]
    elif argv[0] == "demo":
        assert rows(db, "SELECT value FROM meta WHERE key = 'demo_as_of'") == [("2024-01-31",)]
    elif argv[0] == "export":
        assert len(json.loads((tmp_path / "out.json").read_text())) == 6
    elif argv[0] == "pack":
        assert (tmp_path / "pack.pptx").stat().st_size > 10_000
    else:  # check reads against this file and leaves it untouched
        assert digest(db) == before


# --- The merge rule, field by field ---------------------------------------------------------------------------------

def test_a_changed_recommendation_merges_field_by_field(tmp_path, fixture_db):
    # Held for 1-kent: Report A, recommendation, theme Custody (given), Supt A / ACC X, no board,
    # targets 2020-12-31 (original) and 2021-06-30 (current), text "Rec one".
    again = tmp_path / "recommendations.csv"
    again.write_text("id,force,report,kind,theme,owner,overseer,board,target_original,target_current,text\n"
                     "1,Kent,Report A,cause of concern,,,ACC Z,,2020-11-30,2021-09-30,Rec one v2\n", encoding="utf-8")
    summary = ingest([str(again)], fixture_db)
    assert (summary.recommendations_added, summary.recommendations_changed) == (0, 1)
    assert rows(fixture_db, "SELECT text, kind, theme, theme_from, owner, owner_extracted, overseer, board, "
                            "target_original::VARCHAR, target_current::VARCHAR, published_on::VARCHAR "
                            "FROM recommendations WHERE key = '1-kent'") == [(
        "Rec one v2",            # the batch's text
        "cause of concern",      # the batch's kind
        "Custody", "import",     # a given theme beats one the keyword rules would assign
        "Supt A", False,         # no owner in the batch: the held one stays
        "ACC Z",                 # a new overseer replaces the held one
        None,                    # no board on either side
        "2020-12-31",            # the original target never changes once known
        "2021-09-30",            # the current target follows the batch
        "2020-01-01",            # no date in the batch: the report's
    )]
    assert ingest([str(again)], fixture_db).recommendations_changed == 0  # the same again changes nothing


def test_facts_read_from_a_record_replace_given_ones_and_are_marked(tmp_path, fixture_db):
    folder = tmp_path / "Kent"
    folder.mkdir()
    (folder / "1.txt").write_text(
        "Report A (1)\n\nRec one\n\n[on]1st March 2021\n\nThe recommendation owner is Supt Bell overseen by ACC X. "
        "This is reviewed and monitored by the Custody Governance Board.\n\n", encoding="utf-8")
    ingest([str(folder)], fixture_db)
    assert rows(fixture_db, "SELECT owner, owner_extracted, overseer, overseer_extracted, board, board_extracted, theme "
                            "FROM recommendations WHERE key = '1-kent'") == [
        ("Supt Bell", True, "ACC X", True, "Custody Governance Board", True, "Custody")]


def test_every_field_a_mapping_may_hold_has_a_name_on_the_import_page():
    """The Import page labels a choice for every field a table may map (a field added to the importer without a
    label stopped the page)."""
    from tracker.app.importing import FIELD_NAMES
    from tracker.ingest.mapping import FIELDS

    assert {f for fields in FIELDS.values() for f in fields} <= set(FIELD_NAMES)
