"""The JSON and XLSX exports round-trip: exported, imported into an empty database and exported again, the demo gives
the same file, and each fact comes back as the same kind of fact (a cause stays a cause, a priority a priority
event, a withholding a withholding with its reason, a link a link)."""

from __future__ import annotations

import openpyxl
import pg
import pytest

from tracker.cli import person_as
from tracker.core import clock
from tracker.exports import files as exporting
from tracker.ingest.importer import ingest
from tracker.ingest.people import export_people, import_people
from tracker.ingest.problems import ImportProblem
from tracker.store.database import open_reader
from tracker.workflow.actions import set_priority, withhold
from tracker.workflow.links import link_items
from tracker.workflow.restore import restorer

REASON = "=SUM(A1) first: it names the risk"  # would run as a formula were it not kept a text


@pytest.fixture(scope="module")
def exported(demo_db, tmp_path_factory):
    """A copy of the demo with a priority, a withholding and a link added by its administrator, its directory as a
    file, and that administrator's email."""
    folder = tmp_path_factory.mktemp("round-trip")
    db = folder / "demo.duckdb"
    pg.clone(demo_db, db)
    con = open_reader(db)
    people = export_people(con)
    admin = people[people["roles"].str.contains("admin")]["email"].iloc[0]
    people.to_csv(folder / "people.csv", index=False)
    first, second, third = [k for (k,) in con.execute(
        "SELECT key FROM rec_base WHERE kind = 'recommendation' ORDER BY key LIMIT 3").fetchall()]
    me = person_as(db, admin)
    set_priority(db, me, first, 1, REASON, source="command line")
    withhold(db, me, second, "it names a victim", source="command line")
    link_items(db, me, first, third, "follows_up", "the same inspection", source="command line")
    return db, folder, admin, (first, second, third)


def imported(folder, name: str, path, admin: str):
    """A new, empty database with the demo's directory, into which the export at `path` is imported as `admin`."""
    fresh = folder / name
    import_people(folder / "people.csv", fresh, "test")
    summary = ingest([str(path)], fresh, facts=restorer(person_as(fresh, admin)))
    assert summary.facts_added == 3
    return fresh


def facts_of(db) -> dict:
    """What the database holds of the workflow and findings facts, by kind of fact."""
    con = open_reader(db)
    return {
        "priority": con.execute("SELECT key, decision, reason FROM events WHERE kind = 'priority'").fetchall(),
        "withholding": con.execute("SELECT key, withheld, reason FROM withholdings").fetchall(),
        "links": con.execute("SELECT key, other, relation, reason FROM links_now").fetchall(),
        "causes": con.execute("SELECT count(*) FROM rec_base WHERE cause_key IS NOT NULL").fetchone()[0],
        "peel": con.execute("SELECT count(*) FROM rec_base WHERE peel_question IS NOT NULL").fetchone()[0],
    }


def test_the_json_export_round_trips_byte_for_byte(exported):
    db, folder, admin, keys = exported
    as_of = clock.today()
    first = exporting.dump_json(open_reader(db), as_of)
    path = folder / "export.json"
    path.write_text(first, encoding="utf-8")
    with pytest.raises(ImportProblem, match="1 priorities, 1 withholdings and 1 links"):
        ingest([str(path)], folder / "nobody")  # facts made by a person need the person making them
    fresh = imported(folder, "from-json", path, admin)
    assert exporting.dump_json(open_reader(fresh), as_of) == first
    authored = "SELECT count(*) FROM updates WHERE author IS NOT NULL AND review IS NOT NULL"
    assert open_reader(fresh).execute(f"{authored} AND import_id IS NOT NULL").fetchone()[0] \
        == open_reader(db).execute(authored).fetchone()[0] > 0  # the workflow's rows, imported with who wrote them
    facts = facts_of(fresh)
    a, b, c = keys
    assert facts["priority"] == [(a, "1", REASON)]
    assert facts["withholding"] == [(b, True, "it names a victim")]
    assert facts["links"] == [(a, c, "follows_up", "the same inspection")]
    assert facts["causes"] == facts_of(db)["causes"] > 0
    assert facts["peel"] == facts_of(db)["peel"] > 0
    ingest([str(path)], fresh, facts=restorer(person_as(fresh, admin)))  # again: nothing repeated
    assert facts_of(fresh) == facts


def test_the_xlsx_export_round_trips_byte_for_byte(exported):
    db, folder, admin, _ = exported
    path = exporting.write_xlsx(open_reader(db), folder / "export.xlsx")
    book = openpyxl.load_workbook(path)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no live formula
    assert REASON in [c.value for c in cells]
    fresh = imported(folder, "from-xlsx", path, admin)
    again = exporting.write_xlsx(open_reader(fresh), folder / "again.xlsx")
    assert again.read_bytes() == path.read_bytes()
    assert facts_of(fresh) == facts_of(db)
