"""Findings of the adversarial review, each with the case that failed before its fix: real data in a demo database
never inherits the demo's picker, the people export holds no live formula, a force's dry run does not tell whether
another force's id exists, and odd mapping files are refused by name. (Sign-in's unverified emails: test_signin.)"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import TABLES
from tracker.cli import main
from tracker.demo.builder import build_demo
from tracker.ingest.importer import ingest
from tracker.ingest.people import import_people
from tracker.store import queries
from tracker.store.database import open_reader

ROOT = Path(__file__).parent.parent


def is_demo(db: Path) -> bool:
    return bool(queries.run(open_reader(db), "database_facts")["is_demo"])


@pytest.mark.parametrize("real", ["records", "people"])
def test_real_data_written_into_the_demo_ends_demo_mode_for_good(tmp_path, monkeypatch, real):
    db = tmp_path / "demo"
    build_demo(db, n=200, seed=3, as_of=date(2026, 11, 28))
    assert is_demo(db)
    if real == "records":
        ingest([str(TABLES)], db)
    else:
        (tmp_path / "people.csv").write_text("email,name,force,roles\nreal.person@kent.police.uk,Supt Real,Kent,admin\n",
                                            encoding="utf-8")
        import_people(tmp_path / "people.csv", db, "operator")
    assert not is_demo(db)
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert not [s for s in at.selectbox if s.label == "View as (demo only)"]  # nobody lands as anyone
    assert any("Sign-in is off" in i.value for i in at.info)            # read-only for everyone
    assert not [w for w in at.warning if "Demo data" in w.value]         # and not labelled the demo
    assert "DEMO DATA" not in " ".join(c.value for c in at.caption)


def test_people_export_writes_formula_leading_cells_inert(fixture_db, tmp_path, capsys):
    (tmp_path / "people.csv").write_text(
        "email,name,force,roles\nsupt.a@kent.example,=HYPERLINK(\"http://x\"),Kent,lead\n", encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    assert main(["--db", str(fixture_db), "people", "export", "-o", str(tmp_path / "out.csv")]) == 0
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("supt.a@kent.example,\"'=HYPERLINK(\"\"http://x\"\")\",Kent,lead")


def test_the_inert_people_export_imports_back_to_the_same_directory(fixture_db, tmp_path):
    (tmp_path / "people.csv").write_text(
        "email,name,force,roles\nsupt.a@kent.example,=HYPERLINK(\"http://x\"),Kent,lead\n", encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    assert main(["--db", str(fixture_db), "people", "export", "-o", str(tmp_path / "out.csv")]) == 0
    summary = import_people(tmp_path / "out.csv", fixture_db, "test", dry_run=True)
    assert (summary.added, summary.changed, summary.deactivated) == (0, 0, 0)


def test_a_forces_dry_run_says_the_same_of_another_forces_id_whether_it_exists_or_not(fixture_db, tmp_path):
    from tracker.ingest.preview import preview_import

    said = []
    for ident in (3, 99):  # 3-essex is held; 99-essex is not
        path = tmp_path / f"updates-{ident}.csv"
        path.write_text(f"id,force,date,text\n{ident},Essex,2023-05-01,Probing.\n", encoding="utf-8")
        errors = preview_import([str(path)], fixture_db, scope=("Kent",)).errors
        said.append(errors[0].replace(f"{ident}-essex", "ID").replace(path.name, "FILE"))
    assert said[0] == said[1]
    assert "outside the forces you may import for (Kent)" in said[0]


@pytest.mark.parametrize(("spec", "message"), [
    ({"updates": {"id": "Ref", "dated_columns": ["Update Jan 2024"]}}, "'updates'.dated_columns must be an object"),
    ({"recommendations": {"id": "Ref", "report": "R", "text": "T", "sheet": 3}}, "'recommendations'.sheet must be"),
    ({"recommendations": {"id": "Ref", "report": "R", "text": "T", "sheet": ""}}, "'recommendations'.sheet must be"),
])
def test_odd_mapping_files_are_refused_naming_the_field(tmp_path, fixture_db, capsys, spec, message):
    import json

    mapping = tmp_path / "odd.json"
    mapping.write_text(json.dumps(spec), encoding="utf-8")
    sheet = tmp_path / "t.csv"
    sheet.write_text("Ref,R,T\n1,A,B\n", encoding="utf-8")
    assert main(["--db", str(fixture_db), "check", str(sheet), "--force", "Kent", "--mapping", str(mapping)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_file_made_after_a_directory_change_holds_the_scope_the_reader_has_now():
    """Item 5: a download drawn for a Kent person is made in the scope the directory gives them when it is clicked."""
    from tracker.people.access import Person, Reader, scope_at_use

    kent = Person(1, "a@kent.example", "Supt A", "Kent", ("lead",))
    drawn = Reader(kent, "signed in")
    assert scope_at_use(drawn, kent) == ("Kent",)
    assert scope_at_use(drawn, Person(1, "a@kent.example", "Supt A", "Essex", ("lead",))) == ("Essex",)  # moved
    assert scope_at_use(drawn, Person(1, "a@kent.example", "Supt A", "Kent", ("lead",), active=False)) == ()
    assert scope_at_use(drawn, None) == ()  # gone from the directory
    assert scope_at_use(Reader(None, "sign-in off"), None) is None  # sign-in off: every force, read-only, as drawn
    assert scope_at_use(None, kent) == ()


def test_an_explicit_email_verified_false_wins_and_xms_edov_counts_only_from_entra_id():
    """Security finding 9: `email_verified: false` with `xms_edov: true` does not sign in, and `xms_edov` is Microsoft
    Entra ID's claim, read only from its issuer."""
    from tracker.app.identity import email_verified

    entra = "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"
    assert not email_verified({"email_verified": False, "xms_edov": True, "iss": entra})
    assert not email_verified({"email_verified": "false", "xms_edov": True, "iss": entra})
    assert email_verified({"xms_edov": True, "iss": entra})
    assert email_verified({"xms_edov": "true", "iss": "https://sts.windows.net/9188040d/"})
    assert not email_verified({"xms_edov": True, "iss": "https://idp.example.org"})
    assert not email_verified({"xms_edov": True})
    assert email_verified({"email_verified": True, "iss": "https://idp.example.org"})
    assert not email_verified({})


def test_peel_import_of_a_missing_file_is_a_message(fixture_db, tmp_path, capsys):
    """Finding 12: `peel import` of a file that is not there says so, with no traceback."""
    missing = tmp_path / "grades.csv"
    assert main(["--db", str(fixture_db), "peel", "import", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {missing}: no such file\n" and "Traceback" not in err


def test_a_mapping_nested_too_deeply_is_refused_naming_it(fixture_db, tmp_path, capsys):
    """Finding 12: a mapping JSON nested 100,000 deep, as a file or saved, is refused by name, not a RecursionError."""
    from tracker.core import clock
    from tracker.ingest.statements import SQL_DIR
    from tracker.store.database import write

    deep = "[" * 100_000 + "]" * 100_000
    mapping = tmp_path / "deep.json"
    mapping.write_text(deep, encoding="utf-8")
    sheet = tmp_path / "t.csv"
    sheet.write_text("Ref,R,T\n1,A,B\n", encoding="utf-8")
    check = ["--db", str(fixture_db), "check", str(sheet), "--force", "Kent", "--mapping"]
    assert main([*check, str(mapping)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {mapping} is nested too deeply to be a mapping\n" and "Traceback" not in err
    write(fixture_db, lambda w: w.run(SQL_DIR / "add_saved_mapping.sql", name="Deep", force=None, mapping=deep,
                                      at=clock.now(), by="test", change_no=w.number()))
    assert main([*check, "Deep"]) == 1
    err = capsys.readouterr().err
    assert err == "error: saved mapping 'Deep' is nested too deeply to be a mapping\n" and "Traceback" not in err


def test_a_json_export_nested_too_deeply_is_refused_naming_it(fixture_db, tmp_path, capsys):
    deep = tmp_path / "export.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["--db", str(fixture_db), "check", str(deep)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {deep}: nested too deeply to be a JSON export\n" and "Traceback" not in err


@pytest.mark.parametrize("command", [
    ["evidence", "get", "--as", "supt.a@kent.example", "--id", "1"],
    ["response", "document", "--as", "acc.x@kent.example", "--report", "Report A", "--force", "Kent"],
    ["closure", "pack", "--as", "acc.x@kent.example", "--request", "1"],
    ["calendar", "--as", "supt.a@kent.example"],
    ["pack"],
    ["people", "export"],
    ["export", "--format", "json"],
    ["export", "--format", "xlsx"],
    ["export", "--format", "duckdb"],
], ids=["evidence get", "response document", "closure pack", "calendar", "pack", "people export", "export json",
        "export xlsx", "export duckdb"])
def test_writing_into_a_folder_that_does_not_exist_is_refused(fixture_db, tmp_path, capsys, command):
    """Finding 12: `-o` into a missing folder is refused naming it, and the folder is not made."""
    from tests.test_evidence import pdf_bytes
    from tests.workflow_people import DIRECTORY, LEAD
    from tracker.core import clock
    from tracker.workflow.actions import submit

    (tmp_path / "people.csv").write_text(DIRECTORY, encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    submit(fixture_db, LEAD, "2-kent", "Protocol.", today=clock.today(), files=[("protocol.pdf", pdf_bytes())])
    folder = tmp_path / "missing"
    assert main(["--db", str(fixture_db), *command, "-o", str(folder / "out.file")]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {folder} does not exist; make the folder first or give another path\n"
    assert "Traceback" not in err and not folder.exists()


def test_publishing_as_of_a_day_after_today_is_refused(fixture_db, tmp_path, capsys):
    """Finding 14: `publish --as-of` ten years ahead `--yes` is refused naming the date, and nothing is recorded."""
    from datetime import timedelta

    from tracker.core import clock

    ahead = clock.today() + timedelta(days=3653)
    site = tmp_path / "site"
    assert main(["--db", str(fixture_db), "publish", "--force", "Kent", "--as-of", ahead.isoformat(), "-o", str(site),
                 "--yes"]) == 1
    err = capsys.readouterr().err
    assert err == (f"error: a site cannot be published as of {ahead.isoformat()}, after today "
                   f"({clock.today().isoformat()}); give today or an earlier day\n")
    assert "Traceback" not in err and not site.exists()
    cur = open_reader(fixture_db).cursor()
    assert cur.execute("SELECT count(*) FROM publications").fetchone() == (0,)
    assert cur.execute("SELECT count(*) FROM audit WHERE action = 'publish site'").fetchone() == (0,)
