"""Forces' own spreadsheets: proposed column mappings, RAG columns, wide layouts, mapping files and saved mappings, the
dry run's differences, and retracting and restoring an import. Expected values worked out by hand from the fixtures in
tests/fixtures/foreign/."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pandas as pd
import pg
import pytest

from tests.conftest import FIXTURES, TABLES
from tests.mapping_help import accepted_proposals
from tracker.cli import main
from tracker.core.filters import Filters
from tracker.ingest.history import act_on_import, action_refusal, mapping_from
from tracker.ingest.importer import ingest
from tracker.ingest.mapping import header_date, mapping_json, parse_mapping, propose
from tracker.ingest.preview import preview_import
from tracker.ingest.problems import ImportProblem
from tracker.store import queries
from tracker.store.database import open_reader

FOREIGN = FIXTURES / "foreign"
TODAY = date(2025, 6, 1)


def headers(name: str) -> list[str]:
    return list(pd.read_csv(FOREIGN / name, dtype=str, nrows=0).columns)


def proposed(name: str):
    return accepted_proposals(headers(name))


def rows(db, sql: str, params=None) -> list[tuple]:
    con = open_reader(db)
    return con.cursor().execute(sql, params).fetchall()


def test_renamed_columns_are_matched_exactly_then_ignoring_case_then_by_synonym():
    recs, upds = (propose(headers("renamed.csv"), kind) for kind in ("recommendations", "updates"))
    assert recs.columns == {"id": "Rec Ref", "report": "Inspection", "text": "Recommendation",
                            "owner": "Lead Officer", "target_current": "Target Date"}
    assert set(recs.how.values()) == {"synonym"}
    assert upds.columns == {"id": "Rec Ref", "date": "Date of update", "text": "Latest Update", "status": "Status"}
    assert upds.how["status"] == "case and spacing"
    assert recs.complete and upds.complete and not recs.is_ours
    # our own names are exact, and say so
    ours = propose(["id", "force", "report", "text", "owner"], "recommendations")
    assert ours.is_ours and ours.how == dict.fromkeys(["id", "force", "report", "text", "owner"], "exact")


def test_a_close_spelling_is_a_suggestion_never_applied():
    p = propose(["Rec Ref", "Inspection", "Recomendation", "Lead Oficer"], "recommendations")
    assert "text" not in p.columns and "owner" not in p.columns
    assert p.suggestions == {"text": "Recomendation", "owner": "Lead Oficer"}
    assert not p.complete


def test_a_rag_column_is_the_forces_rating_not_the_status():
    recs, upds = (propose(headers("rag.csv"), kind) for kind in ("recommendations", "updates"))
    assert recs.columns["rag"] == "RAG Status"
    assert "status" not in upds.columns and "status" not in upds.suggestions
    assert propose(["Ref", "RAG"], "updates").columns == {"id": "Ref"}


@pytest.mark.parametrize(("header", "expected"), [
    ("Update Jan 2019", date(2019, 1, 31)), ("Update January 2019", date(2019, 1, 31)),
    ("Progress Q2 2020", date(2020, 6, 30)), ("Update 2020 Q4", date(2020, 12, 31)),
    ("Update 15/04/2019", date(2019, 4, 15)), ("Update 2019-04-15", date(2019, 4, 15)),
    ("Position Apr-19", date(2019, 4, 30)), ("Comments 3 Mar 2021", date(2021, 3, 3)),
    ("Update 2019-04", date(2019, 4, 30)), ("Updated", None), ("Latest Update", None), ("Jan 2019", None),
    ("Update 31/02/2019", None),
])
def test_dated_update_headers(header, expected):
    assert header_date(header) == expected


def test_three_foreign_layouts_import_as_worked_out_by_hand(fixture_db):
    ingest([str(FOREIGN / "renamed.csv")], fixture_db, force="Kent", mapping=proposed("renamed.csv"), today=TODAY)
    ingest([str(FOREIGN / "rag.csv")], fixture_db, force="Essex", mapping=proposed("rag.csv"), today=TODAY)
    ingest([str(FOREIGN / "wide.csv")], fixture_db, force="Kent", mapping=proposed("wide.csv"), today=TODAY)
    got = rows(fixture_db, "SELECT id, force, owner, target_current, force_rag FROM recommendations WHERE id > 9000 "
                           "ORDER BY id")
    assert got == [
        (9101, "Kent", "Supt Ada Wright", date(2025, 6, 30), None),
        (9102, "Kent", "Ch Insp Raj Patel", date(2025, 3, 31), None),
        (9103, "Kent", "Supt Ada Wright", date(2025, 9, 30), None),
        (9201, "Essex", "DCI Mo Khan", date(2025, 12, 31), "Amber"),
        (9202, "Essex", "DCI Mo Khan", date(2025, 4, 30), "Green"),
        (9203, "Essex", "Supt Lee Grant", date(2024, 12, 31), "Red"),
        (9301, "Kent", "Supt Kay Bell", date(2024, 6, 30), None),
        (9302, "Kent", "DI Sam Cole", date(2024, 12, 31), None),
    ]
    updates = rows(fixture_db, "SELECT r.id, u.on_date, u.status, u.text FROM updates u JOIN recommendations r "
                               "USING (key) WHERE r.id > 9000 ORDER BY r.id, u.on_date")
    assert updates == [
        (9101, date(2025, 1, 15), "being-progressed", "Audit of the first division complete."),
        (9102, date(2025, 3, 20), "complete", "All sergeants trained; evidence attached."),
        (9201, date(2025, 2, 1), None, "Half of the posts re-vetted."),
        (9202, date(2025, 5, 2), None, "Recording live since April; sampled 40, all complete."),
        (9203, date(2025, 1, 10), None, "No progress: the auditor post is vacant."),
        (9301, date(2024, 1, 31), None, "Job description agreed."),
        (9301, date(2024, 4, 30), None, "Post advertised."),
        (9301, date(2024, 7, 31), None, "Co-ordinator in post from 1 July."),
        (9302, date(2024, 1, 31), None, "Guidance drafted."),
        (9302, date(2024, 7, 31), None, "Guidance published to all officers."),
    ]
    # a RAG of Green with no status stays 'no status': the force's rating is not read as progress
    state = rows(fixture_db, "SELECT id, status FROM rec_state(DATE '2025-06-01', 180) WHERE force = 'Essex' "
                             "AND id > 9000 ORDER BY id")
    assert state == [(9201, "no-status"), (9202, "no-status"), (9203, "no-status")]


def test_a_mapping_file_and_a_saved_mapping_on_the_command_line(fixture_db, tmp_path, capsys):
    spec = {"recommendations": {"id": "Rec Ref", "report": "Inspection", "text": "Recommendation",
                                "owner": "Lead Officer", "target_current": "Target Date"},
            "updates": {"id": "Rec Ref", "date": "Date of update", "text": "Latest Update", "status": "Status"}}
    path = tmp_path / "kent.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    db = ["--db", str(fixture_db)]
    assert main([*db, "ingest", str(FOREIGN / "renamed.csv"), "--force", "Kent", "--mapping", str(path),
                 "--save-mapping", "Kent tracker"]) == 0
    out = capsys.readouterr().out
    assert "3 new recommendations, 0 changed, 2 new updates" in out and "Mapping saved as 'Kent tracker'" in out
    assert mapping_from(fixture_db, "kent tracker") == parse_mapping(spec, "x")
    # the saved mapping reads the same layout again: nothing new
    assert main([*db, "ingest", str(FOREIGN / "renamed.csv"), "--force", "Kent", "--mapping", "Kent tracker"]) == 0
    assert "Nothing new" in capsys.readouterr().out
    assert main([*db, "check", str(FOREIGN / "renamed.csv"), "--force", "Kent", "--mapping", "Surrey"]) == 1
    assert "no saved mapping of that name (saved: Kent tracker)" in capsys.readouterr().err
    # without a mapping, the header error says a mapping is the way
    assert main([*db, "check", str(FOREIGN / "renamed.csv")]) == 1
    assert "or map your own columns (--mapping, see the README)" in capsys.readouterr().err
    log = rows(fixture_db, "SELECT id, recommendations_added, updates_added, forces, mapping IS NOT NULL "
                           "FROM imports ORDER BY id")
    assert log[-1] == (2, 3, 2, ["Kent"], True)


def test_a_mapping_naming_a_missing_column_or_an_unknown_field_is_refused(tmp_path):
    with pytest.raises(ImportProblem, match="'recommendations' has no field 'colour'"):
        parse_mapping({"recommendations": {"id": "Ref", "report": "R", "text": "T", "colour": "C"}}, "m.json")
    bad = {"recommendations": {"id": "Rec Ref", "report": "Inspection", "text": "Recommendation text"}}
    with pytest.raises(ImportProblem, match=r"renamed.csv, row 1 \(the header\): the mapping reads 'Recommendation "
                                            r"text' for text, but there is no such column"):
        ingest([str(FOREIGN / "renamed.csv")], tmp_path / "x.duckdb", force="Kent", mapping=parse_mapping(bad, "m"))


def test_an_update_with_no_date_names_its_row_and_column(tmp_path):
    body = "Rec Ref,Inspection,Recommendation,Latest Update,Date of update\n1,R,T,Said something,\n"
    path = tmp_path / "undated.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"undated.csv, row 2, column 'Date of update': empty, but the row has an "
                                            "update"):
        ingest([str(path)], tmp_path / "x.duckdb", force="Kent", mapping=proposed_from(path))


def proposed_from(path):
    return accepted_proposals(list(pd.read_csv(path, dtype=str, nrows=0).columns))


def test_the_dry_run_says_what_would_change_and_writes_nothing(fixture_db, tmp_path):
    ingest([str(FOREIGN / "renamed.csv")], fixture_db, force="Kent", mapping=proposed("renamed.csv"), today=TODAY)
    frame = pd.read_csv(FOREIGN / "renamed.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "Target Date"] = "2025-08-31"                      # 9101's target moves
    frame.loc[2, ["Latest Update", "Date of update"]] = ["Data published for Q1.", "2025-05-10"]  # 9103's first update
    frame.loc[3] = ["9104", "Custody inspection 2024", "A new one.", "Insp Jo Dee", "", "", "", ""]
    changed = tmp_path / "renamed.csv"
    frame.to_csv(changed, index=False)
    before = pg.fingerprint(fixture_db)
    p = preview_import([str(changed)], fixture_db, force="Kent", mapping=proposed("renamed.csv"), today=TODAY)
    assert pg.fingerprint(fixture_db) == before
    assert p.errors == []
    assert p.new_recommendations[["id", "force", "report"]].values.tolist() == [[9104, "Kent", "Custody inspection 2024"]]
    # 9103 had no update, so its publication date was its report's; its first update now dates it (the importer's rule
    # for tables with no published_on), and the dry run says so
    assert p.changes.values.tolist() == [[9101, "Kent", "current target", "2025-06-30", "2025-08-31"],
                                         [9103, "Kent", "published", "2025-01-15", "2025-05-10"]]
    assert p.new_updates[["id", "force", "text"]].values.tolist() == [[9103, "Kent", "Data published for Q1."]]
    assert p.updates_held == 2 and p.changed_recommendations == 2 and p.writes_anything
    # applying writes exactly that
    summary = ingest([str(changed)], fixture_db, force="Kent", mapping=proposed("renamed.csv"), today=TODAY)
    assert (summary.recommendations_added, summary.recommendations_changed, summary.updates_added) == (1, 2, 1)


def test_a_dry_run_lists_each_bad_files_error(fixture_db, tmp_path):
    good = tmp_path / "a.csv"
    shutil.copy(FOREIGN / "renamed.csv", good)
    bad = tmp_path / "b.csv"
    head = ",".join(headers("renamed.csv"))
    bad.write_text(f"{head}\nx1,R,T,,,,,\n", encoding="utf-8")
    worse = tmp_path / "c.csv"
    worse.write_text(f"{head}\n5,R,,,,,,\n", encoding="utf-8")
    p = preview_import([str(good), str(bad), str(worse)], fixture_db, force="Kent", mapping=proposed("renamed.csv"))
    assert len(p.errors) == 2
    assert "b.csv, row 2: id 'x1' is not a whole number" in p.errors[0]
    assert "c.csv, row 2: 'text' is empty" in p.errors[1]
    assert not p.writes_anything


def counted(db) -> tuple[int, int]:
    con = open_reader(db)
    head = queries.run(con, "headline", **Filters(as_of=TODAY).params())
    updates = con.cursor().execute("SELECT count(*) FROM updates").fetchall()[0][0]
    return int(head["total"]), updates


def test_retract_and_restore_round_trip(fixture_db, capsys):
    start = counted(fixture_db)
    ingest([str(FOREIGN / "wide.csv")], fixture_db, force="Kent", mapping=proposed("wide.csv"), today=TODAY)
    assert counted(fixture_db) == (start[0] + 2, start[1] + 5)
    db = ["--db", str(fixture_db)]
    assert main([*db, "retract", "2", "--reason", "wrong force"]) == 0
    assert counted(fixture_db) == start
    assert rows(fixture_db, "SELECT count(*) FROM recommendation_versions WHERE import_id = 2")[0][0] == 2  # kept
    assert main([*db, "retract", "2"]) == 1
    assert "import 2 is already retracted" in capsys.readouterr().err
    assert main([*db, "restore", "2", "--reason", "it was right"]) == 0
    assert capsys.readouterr().out == "Import 2 restored\n"
    assert counted(fixture_db) == (start[0] + 2, start[1] + 5)
    assert main([*db, "imports"]) == 0
    assert "[counts]" in capsys.readouterr().out.splitlines()[0]
    trail = rows(fixture_db, "SELECT action, before, after FROM audit WHERE action LIKE '%import' AND action <> 'import' "
                             "ORDER BY made_at, action DESC")
    assert [(a, json.loads(b)["state"], json.loads(c)["state"]) for a, b, c in trail] == [
        ("retract import", "counts", "retracted"), ("restore import", "retracted", "counts")]
    # retracted, the same file imports again as new; restoring the first would count its rows twice
    act_on_import(fixture_db, 2, "retract", "a@x", "admin", "app")
    summary = ingest([str(FOREIGN / "wide.csv")], fixture_db, force="Kent", mapping=proposed("wide.csv"), today=TODAY)
    assert (summary.recommendations_added, summary.updates_added) == (2, 5)
    with pytest.raises(ImportProblem, match="5 of its updates were imported again since"):
        act_on_import(fixture_db, 2, "restore", "a@x", "admin", "app")
    assert counted(fixture_db) == (start[0] + 2, start[1] + 5)


def test_who_may_retract():
    facts = {"id": 4, "kind": "csv", "retracted": False, "forces": ["Essex", "Kent"]}
    assert action_refusal(facts, "retract", None) is None
    assert action_refusal(facts, "retract", ("Kent",)).startswith("the import holds rows of forces outside yours")
    assert action_refusal(facts, "retract", ("Essex", "Kent")) is None
    assert action_refusal({**facts, "forces": None}, "retract", ("Kent",)) is not None
    assert action_refusal({**facts, "kind": "demo"}, "retract", None).startswith("the demo's own data")
    assert action_refusal(facts, "restore", None).endswith("only a retracted import can be restored")
    assert action_refusal(None, "retract", None) == "there is no such import"


def test_a_mapping_round_trips_through_its_json_form():
    m = proposed("wide.csv")
    assert parse_mapping(json.loads(mapping_json(m)), "x") == m
    assert json.loads(mapping_json(m))["updates"]["dated_columns"] == {
        "Update Jan 2024": "2024-01-31", "Update Apr 2024": "2024-04-30", "Update Jul 2024": "2024-07-31"}


def test_a_zip_of_force_folders_unpacks_safely_and_imports(fixture_db, tmp_path):
    import io
    import zipfile

    from tracker.ingest.uploads import spool

    record = (FIXTURES.parent.parent / "data" / "samples" / "living-in-fear-8019.txt").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("Kent/8019.txt", record)
        z.writestr("Essex/8019.txt", record)
        z.writestr("../../escape.txt", record)            # a path leaving the folder is left out
        z.writestr("__MACOSX/Kent/._8019.txt", b"junk")   # a Mac's resource forks are left out
        z.writestr("notes.docx", b"not importable")       # so are other kinds of file
    buffer.seek(0)
    files = spool("records.zip", buffer, tmp_path / "up")
    assert [f.relative_to(tmp_path / "up").as_posix() for f in files] == [
        "records/Essex/8019.txt", "records/Kent/8019.txt"]
    assert not list(tmp_path.rglob("escape.txt"))
    summary = ingest([str(f) for f in files[:2]], fixture_db, root=tmp_path / "up")
    assert summary.recommendations_added == 2
    assert rows(fixture_db, "SELECT DISTINCT source FROM updates WHERE key LIKE '8019-%' ORDER BY 1") == [
        ("records/Essex/8019.txt",), ("records/Kent/8019.txt",)]


def test_an_upload_that_is_not_a_zip_or_is_too_large_unpacked_is_refused(tmp_path, monkeypatch):
    import io
    import zipfile

    from tracker.ingest import uploads

    with pytest.raises(ImportProblem, match=r"broken\.zip: not a readable zip file"):
        uploads.spool("broken.zip", io.BytesIO(b"PK not really"), tmp_path)
    with pytest.raises(ImportProblem, match=r"report\.docx: unknown kind of file"):
        uploads.spool("report.docx", io.BytesIO(b"x"), tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Kent/a.csv", "x" * 3_000_000)
    monkeypatch.setattr(uploads, "MAX_UNPACKED_MB", 2)
    buffer.seek(0)
    with pytest.raises(ImportProblem, match=r"big\.zip: unpacks to 3 MB, more than 2 MB"):
        uploads.spool("big.zip", buffer, tmp_path)


def test_a_workbook_sheet_is_named_in_the_mapping(fixture_db, tmp_path):
    from dataclasses import replace

    frame = pd.read_csv(FOREIGN / "rag.csv", dtype=str, keep_default_na=False)
    book = tmp_path / "essex.xlsx"
    with pd.ExcelWriter(book) as writer:
        pd.DataFrame({"About": ["Essex tracker, kept by the PCC's office"]}).to_excel(writer, sheet_name="Notes", index=False)
        frame.to_excel(writer, sheet_name="Tracker", index=False)
    mapping = proposed("rag.csv")
    with pytest.raises(ImportProblem, match=r"essex.xlsx: the workbook has sheets Notes, Tracker; say which one holds "
                                            r"the recommendations \('sheet' in the mapping\)"):
        ingest([str(book)], fixture_db, force="Essex", mapping=mapping, today=TODAY)
    named = {kind: replace(spec, sheet="Tracker") for kind, spec in mapping.items()}
    summary = ingest([str(book)], fixture_db, force="Essex", mapping=named, today=TODAY)
    assert (summary.recommendations_added, summary.updates_added) == (3, 3)
    assert rows(fixture_db, "SELECT DISTINCT source FROM updates WHERE key LIKE '92__-essex'") == [
        (f"{book} [sheet Tracker]",)]


def test_a_forces_importer_cannot_bring_another_forces_rows(fixture_db, tmp_path):
    before = pg.fingerprint(fixture_db)
    # tables naming their force: an Essex row in a Kent analyst's upload is refused, and nothing is written
    with pytest.raises(ImportProblem, match=r"recommendation 3 is in Essex, outside the forces you may import for "
                                            r"\(Kent\)"):
        ingest([str(TABLES / "recommendations.csv"), str(TABLES / "updates.csv")], fixture_db, scope=("Kent",))
    p = preview_import([str(FOREIGN / "rag.csv")], fixture_db, force="Essex", mapping=proposed("rag.csv"),
                       scope=("Kent",))
    assert p.errors == [("recommendation 9201 is in Essex, outside the forces you may import for (Kent); remove its "
                        "rows, or ask an importer for that force")]
    assert pg.fingerprint(fixture_db) == before
    # their own force's rows import as before
    summary = ingest([str(FOREIGN / "renamed.csv")], fixture_db, force="Kent", mapping=proposed("renamed.csv"),
                     scope=("Kent",), today=TODAY)
    assert summary.recommendations_added == 3


def test_the_dry_run_names_the_held_recommendation_of_an_update(fixture_db, tmp_path):
    # a file of updates only: their recommendations are held already
    path = tmp_path / "updates.csv"
    path.write_text("id,force,date,text\n2,Kent,2023-05-01,A new comment on a held item.\n", encoding="utf-8")
    p = preview_import([str(path)], fixture_db)
    assert p.errors == []
    assert p.new_updates[["id", "force", "text"]].values.tolist() == [[2, "Kent", "A new comment on a held item."]]
