"""People: rank forms, the name resolver, the scope rule, the directory import and what each role may do."""

from __future__ import annotations

from pathlib import Path

import pg
import pytest

from tracker.cli import main
from tracker.core.names import (
    ALIAS,
    AMBIGUOUS,
    EXACT,
    PROMOTION,
    RANK_DIFFERS,
    SURNAME,
    UNMATCHED,
    Known,
    index,
    resolve,
)
from tracker.core.ranks import parse_name
from tracker.ingest.people import import_people, read_people
from tracker.ingest.problems import ImportProblem
from tracker.people.access import Person, Reader, scope_of
from tracker.store.database import open_reader


@pytest.mark.parametrize(("written", "rank", "surname"), [
    ("Supt Wright", "Supt", "wright"), ("Superintendent Wright", "Supt", "wright"), ("supt  WRIGHT", "Supt", "wright"),
    ("D Supt Martin", "Supt", "martin"), ("Det Supt Martin", "Supt", "martin"),
    ("Detective Superintendent Martin", "Supt", "martin"), ("Ch Supt Lowe", "Ch Supt", "lowe"),
    ("Chief Superintendent Lowe", "Ch Supt", "lowe"), ("Ch Insp Kaur", "Ch Insp", "kaur"),
    ("Chief Inspector Kaur", "Ch Insp", "kaur"), ("DCI Kaur", "Ch Insp", "kaur"), ("DI Patel", "Insp", "patel"),
    ("T/ACC Watson", "ACC", "watson"), ("ACC Watson", "ACC", "watson"), ("Assistant Chief Constable Watson", "ACC", "watson"),
    ("DCC Reid", "DCC", "reid"), ("CC Reid", "CC", "reid"), ("Supt. Wright", "Supt", "wright"),
    ("DCI O'Neill", "Ch Insp", "oneill"), ("Wright", None, "wright"),
])
def test_rank_forms(written, rank, surname):
    name = parse_name(written)
    assert (name.rank, name.surname) == (rank, surname)


def directory(*people: tuple[int, str, str, str]) -> dict:
    """(person_id, force, name, current name) rows as the resolver indexes them."""
    return index(Known(pid, force, name, parse_name(current).level) for pid, force, name, current in people)


KENT = directory(
    (1, "Kent", "Supt Wright", "Supt Wright"),
    (2, "Kent", "DCI Patel", "D Supt Patel"),      # promoted: the directory kept the earlier name as version 1
    (2, "Kent", "D Supt Patel", "D Supt Patel"),
    (3, "Kent", "DI Khan", "DI Khan"),
    (4, "Kent", "DCI Khan", "DCI Khan"),            # two Khans in one force
    (5, "Essex", "Supt Wright", "Supt Wright"),     # the same name in another force is another person
    (6, "Kent", "ACC Watson", "ACC Watson"),
)


@pytest.mark.parametrize(("written", "person", "how"), [
    ("Supt Wright", 1, EXACT),
    ("Superintendent Wright", 1, EXACT),             # another form of the same rank
    ("DCI Patel", 2, EXACT),                          # the name they had: an earlier directory version
    ("DI Patel", 2, PROMOTION),                       # the only Patel, since promoted past DI
    ("Ch Supt Patel", 2, RANK_DIFFERS),               # the only Patel, written above the rank held
    ("D Supt Khan", None, AMBIGUOUS),                 # two Khans, and neither has reached Supt: nobody fits
    ("DCI Khan", 4, EXACT),
    ("DI Khan", 3, EXACT),
    ("Khan", None, AMBIGUOUS),                        # no rank, two Khans
    ("Watson", 6, SURNAME),                           # no rank, one Watson
    ("T/ACC Watson", 6, EXACT),
    ("Supt Nobody", None, UNMATCHED),
])
def test_names_resolve_within_their_force(written, person, how):
    link = resolve("Kent", written, KENT, {})
    assert (link.person_id, link.how) == (person, how)


def test_a_name_in_another_force_is_another_person():
    assert resolve("Essex", "Supt Wright", KENT, {}).person_id == 5
    assert resolve("Surrey", "Supt Wright", KENT, {}).how == UNMATCHED


def test_promotion_picks_the_only_candidate_at_or_above_the_written_rank():
    two = directory((1, "Kent", "DS Shaw", "DS Shaw"), (2, "Kent", "Supt Shaw", "Supt Shaw"))
    # DCI Shaw: DS Shaw (below DCI) cannot be them, Supt Shaw (promoted past DCI) can.
    link = resolve("Kent", "DCI Shaw", two, {})
    assert (link.person_id, link.how) == (2, PROMOTION)


def test_ambiguous_names_list_their_candidates_and_an_alias_settles_them():
    link = resolve("Kent", "Khan", KENT, {})
    assert link.candidates == (3, 4)
    settled = resolve("Kent", "Khan", KENT, {("Kent", "khan"): 4})
    assert (settled.person_id, settled.how) == (4, ALIAS)


def test_the_scope_rule():
    kent = Person(1, "a@kent.example", "Supt A", "Kent", ("lead",))
    national = Person(2, "b@hmicfrs.example", "Ms B", None, ("analyst",))
    gone = Person(3, "c@kent.example", "DI C", "Kent", ("viewer",), active=False)
    assert scope_of(kent) == ("Kent",)
    assert scope_of(national) is None
    assert scope_of(gone) == ()           # nothing
    assert scope_of(None) is None         # sign-in off on a database that is not the demo: every force, read-only


@pytest.mark.parametrize(("roles", "may", "may_not"), [
    (("viewer",), {"pack", "download"}, {"export", "import", "submit", "review", "people"}),
    (("analyst",), {"pack", "download", "export", "import"}, {"submit", "review", "people"}),
    (("lead",), {"pack", "download", "submit"}, {"export", "review", "people"}),
    (("reviewer",), {"pack", "download", "review"}, {"export", "submit", "people"}),
    (("admin",), {"pack", "download", "export", "people", "review"}, {"submit", "closure"}),
    (("inspectorate",), {"pack", "download", "closure"}, {"export", "import", "submit", "review", "people"}),
])
def test_what_each_role_may_do(roles, may, may_not):
    reader = Reader(Person(1, "a@kent.example", "Supt A", "Kent", roles), "signed in")
    assert {a for a in may | may_not if reader.may(a)} == may
    assert not Reader(Person(1, "a@kent.example", "Supt A", "Kent", roles, active=False), "signed in").may("pack")
    assert Reader(None, "sign-in off").may("download") and not Reader(None, "sign-in off").may("export")


# --- The directory file -------------------------------------------------------------------------------------------

def people_csv(tmp_path: Path, body: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text("email,name,force,roles\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "message"), [
    ("a@kent.example,Supt A,Atlantis,lead\n", "row 2: force 'Atlantis' is not a force the tracker holds"),
    ("a@kent.example,Supt A,Kent,boss\n", "row 2: role 'boss' is not one of viewer, analyst, lead, reviewer, admin"),
    ("a@kent.example,Supt A,Kent,lead\nA@Kent.example,DI B,Kent,lead\n", "row 3: email a@kent.example is also on row 2"),
    ("not-an-email,Supt A,Kent,lead\n", "row 2: email 'not-an-email' is not an email address"),
    ("a@kent.example,,Kent,lead\n", "row 2: 'name' is empty"),
    ("a@kent.example,Supt A,Kent,\n", "row 2: role '' is not one of"),
])
def test_a_bad_directory_is_refused_and_nothing_changes(tmp_path, fixture_db, body, message, capsys):
    before = pg.fingerprint(fixture_db)
    assert main(["--db", str(fixture_db), "people", "import", str(people_csv(tmp_path, body))]) == 1
    assert message in capsys.readouterr().err
    assert pg.fingerprint(fixture_db) == before


def test_a_directory_import_keeps_every_version(tmp_path, fixture_db):
    first = people_csv(tmp_path, "a@kent.example,Supt A,Kent,lead\nb@essex.example,DCI B,essex,lead;reviewer\n"
                                 "c@hmicfrs.example,Ms C,national,analyst\n")
    summary = import_people(first, fixture_db, "test")
    assert (summary.added, summary.changed, summary.deactivated) == (3, 0, 0)
    # Supt A is promoted, DCI B leaves, Ms C stays, D E joins.
    second = people_csv(tmp_path, "a@kent.example,Ch Supt A,Kent,lead\nc@hmicfrs.example,Ms C,,analyst\n"
                                  "d@kent.example,DI E,Kent,viewer\n", "second.csv")
    summary = import_people(second, fixture_db, "test")
    assert (summary.added, summary.changed, summary.deactivated, summary.unchanged) == (1, 1, 1, 1)
    con = open_reader(fixture_db)
    assert con.execute("SELECT person_id, version, name, active FROM people ORDER BY ALL").fetchall() == [
        (1, 1, "Supt A", True), (1, 2, "Ch Supt A", True), (2, 1, "DCI B", True), (2, 2, "DCI B", False),
        (3, 1, "Ms C", True), (4, 1, "DI E", True)]
    # "Supt A" as the fixture's comments write it still links to person 1 (their earlier name), now a Ch Supt.
    assert con.execute("SELECT DISTINCT owner, owner_id FROM rec_base WHERE force = 'Kent' AND owner IS NOT NULL"
                       ).fetchall() == [("Supt A", 1)]
    assert con.execute("SELECT force FROM current_people WHERE person_id = 3").fetchall() == [(None,)]
    assert import_people(second, fixture_db, "test").unchanged == 3  # the same file again: nothing new


def test_people_export_reads_back(tmp_path, fixture_db, capsys):
    import_people(people_csv(tmp_path, "a@kent.example,Supt A,Kent,lead;viewer\nc@hmicfrs.example,Ms C,,admin\n"),
                  fixture_db, "test")
    out = tmp_path / "out.csv"
    assert main(["--db", str(fixture_db), "people", "export", "-o", str(out)]) == 0
    assert read_people(out).to_dict("records") == [
        {"email": "a@kent.example", "name": "Supt A", "force": "Kent", "roles": ["viewer", "lead"], "job_title": None,
         "public_name": False},
        {"email": "c@hmicfrs.example", "name": "Ms C", "force": None, "roles": ["admin"], "job_title": None,
         "public_name": False}]


def test_job_title_and_public_name_are_versions_and_read_back(tmp_path, fixture_db, capsys):
    """How the public site names a person: a new job title or naming is the person's next version, and the export
    reads back to the same directory (a title that looks like a formula stays inert, and literal)."""
    header = "email,name,force,roles,job_title,publicly_named\n"
    first = tmp_path / "first.csv"
    first.write_text(header + "a@kent.example,Supt A,Kent,lead,Head of Crime,no\nb@kent.example,ACC B,Kent,reviewer,"
                     "=Assistant Chief Constable,yes\n", encoding="utf-8")
    assert import_people(first, fixture_db, "test").added == 2
    second = tmp_path / "second.csv"
    second.write_text(header + "a@kent.example,Supt A,Kent,lead,Head of Public Protection,no\nb@kent.example,ACC B,"
                      "Kent,reviewer,=Assistant Chief Constable,yes\n", encoding="utf-8")
    summary = import_people(second, fixture_db, "test")
    assert (summary.changed, summary.unchanged) == (1, 1)
    out = tmp_path / "out.csv"
    assert main(["--db", str(fixture_db), "people", "export", "-o", str(out)]) == 0
    assert "'=Assistant Chief Constable" in out.read_text(encoding="utf-8")  # inert in a spreadsheet
    assert [(r["email"], r["job_title"], r["public_name"]) for r in read_people(out).to_dict("records")] == [
        ("a@kent.example", "Head of Public Protection", False), ("b@kent.example", "=Assistant Chief Constable", True)]
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "a@kent.example,Supt A,Kent,lead,,perhaps\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"bad.csv, row 2: publicly_named 'perhaps' is not yes or no"):
        import_people(bad, fixture_db, "test")


def test_a_directory_workbook_imports(tmp_path, fixture_db):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Email", "Name", "Force", "Roles"])
    book.active.append(["A@Kent.example", "Supt A", "kent", "lead"])
    book.save(tmp_path / "people.xlsx")
    assert import_people(tmp_path / "people.xlsx", fixture_db, "test").added == 1


def test_unresolved_names_are_listed(tmp_path, fixture_db, capsys):
    import_people(people_csv(tmp_path, "a@kent.example,Supt A,Kent,lead\n"), fixture_db, "test")
    assert main(["--db", str(fixture_db), "people", "unresolved"]) == 0
    out = capsys.readouterr().out
    assert "Essex\tDCI B\tunmatched" in out and "Kent\tSupt A" not in out and "Kent\tACC X\tunmatched" in out


def test_an_alias_links_a_name_of_the_same_force_only(tmp_path, fixture_db):
    from tracker.ingest.people import add_alias

    import_people(people_csv(tmp_path, "x@kent.example,ACC Xavier,Kent,reviewer\nb@essex.example,DCI Brown,Essex,lead\n"),
                  fixture_db, "test")
    with pytest.raises(ImportProblem, match="is not in Kent"):
        add_alias(fixture_db, "Kent", "ACC X", 2, "admin@example")
    add_alias(fixture_db, "Kent", "ACC X", 1, "admin@example")
    con = open_reader(fixture_db)
    assert con.execute("SELECT DISTINCT overseer_id FROM rec_base WHERE overseer = 'ACC X'").fetchall() == [(1,)]
    assert con.execute("SELECT how FROM name_links WHERE name = 'ACC X'").fetchall() == [("alias",)]


def test_the_demo_directory_links_most_names(demo_db):
    con = open_reader(demo_db)
    links = dict(con.execute("SELECT how, count(*) FROM name_links GROUP BY 1").fetchall())
    people = con.execute("SELECT count(*) FILTER (WHERE force IS NULL), count(*) FROM current_people").fetchall()[0]
    linked = sum(links.get(h, 0) for h in ("exact", "promotion", "rank differs", "surname", "alias"))
    assert linked / sum(links.values()) > 0.9
    assert links.get("promotion", 0) > 0 and links.get("unmatched", 0) > 0  # the demo has promotions and leavers
    assert people[0] == 7  # national: three analysts, two administrators and two of the inspectorate
