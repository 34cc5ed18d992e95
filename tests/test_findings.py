"""Findings as the inspectorate structures them, on a hand-built fixture: a national recommendation in four forces
and the College of Policing (the counts, the slowest forces and the national median worked out by hand), national
bodies kept out of every force comparison."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tracker.analysis.similarity import ask_of, precision_at_k
from tracker.core.filters import Filters
from tracker.core.forces import BODIES, is_body, known_force
from tracker.ingest.importer import ingest
from tracker.ingest.peel import import_grades, read_grades
from tracker.ingest.people import import_people
from tracker.ingest.problems import ImportProblem
from tracker.people.access import Person
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.actions import set_priority
from tracker.workflow.events import WorkflowError
from tracker.workflow.findings import cause_progress
from tracker.workflow.links import link_items, link_refusal

AS_OF = date(2026, 6, 30)
F = Filters(as_of=AS_OF)
NATIONAL = [  # id 50 of Report N (published 2024-01-01): (recipient, target, [(date, status)])
    ("Kent", "2024-12-31", [("2024-07-01", "complete")]),  # 182 days to complete
    ("Essex", "2024-12-31", [("2025-01-01", "complete")]),  # 366 days
    ("Surrey", "2025-06-30", [("2024-03-01", "being-progressed")]),  # open, 365 days overdue
    ("Sussex", "2026-12-31", [("2024-03-01", "being-progressed")]),  # open, not yet due
    ("College of Policing", "2024-12-31", [("2024-03-01", "complete")]),  # a national body's copy
]


CAUSE = [  # Kent, Report C (published 2025-01-01): a cause of concern (60) and the three recommendations answering it
    (60, "cause of concern", "", "2025-12-31", [("2025-02-01", "being-progressed")]),
    (61, "recommendation", "60", "2025-06-30", [("2025-05-01", "complete")]),
    (62, "recommendation", "60", "2025-06-30", [("2025-06-01", "complete")]),
    (63, "recommendation", "60", "2025-09-30", [("2025-02-01", "being-progressed")]),  # 273 days overdue
]
INVESTIGATING, PROTECTING = "Investigating crime", "Protecting vulnerable people"
AFIS = [  # Kent, Report P (2025-03-01): areas for improvement under two PEEL questions
    (80, INVESTIGATING, "2025-12-31", "complete"),
    (81, INVESTIGATING, "2026-12-31", "being-progressed"), (82, INVESTIGATING, "2026-12-31", "being-progressed"),
    (83, INVESTIGATING, "2025-12-31", "being-progressed"), (84, INVESTIGATING, "2025-12-31", "being-progressed"),
    (85, PROTECTING.lower(), "2026-12-31", "being-progressed"),  # the question as another file spells it
]
GRADES = f"""force,year,question,grade
Kent,2023,{INVESTIGATING},Good
Kent,2025,{INVESTIGATING},requires improvement
Kent,2023,{PROTECTING},inadequate
Kent,2025,{PROTECTING},adequate
Essex,2025,{INVESTIGATING},outstanding
"""
PEOPLE = """email,name,force,roles
analyst@kent.example,Ms Analyst,Kent,analyst
viewer@kent.example,Mr Viewer,Kent,viewer
analyst@essex.example,Ms Essex,Essex,analyst
"""
ANALYST, VIEWER, ESSEX_ANALYST = (Person(1, "analyst@kent.example", "Ms Analyst", "Kent", ("analyst",)),
                                  Person(2, "viewer@kent.example", "Mr Viewer", "Kent", ("viewer",)),
                                  Person(3, "analyst@essex.example", "Ms Essex", "Essex", ("analyst",)))


def fixture_files(tmp: Path) -> Path:
    """The fixture's two tables (written again for a re-import)."""
    with open(tmp / "recommendations.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "force", "report", "published_on", "kind", "target_original", "cause_of_concern",
                    "peel_question", "text"])
        for force, target, _ in NATIONAL:
            w.writerow([50, force, "Report N", "2024-01-01", "recommendation", target, "", "", "Forces should act on N."])
        for rec_id, kind, cause, target, _ in CAUSE:
            w.writerow([rec_id, "Kent", "Report C", "2025-01-01", kind, target, cause, "", f"Kent should fix {rec_id}."])
        w.writerow([70, "Kent", "Report D", "2026-01-01", "recommendation", "2026-12-31", "", "", "Kent should fix 61."])
        for rec_id, question, target, _ in AFIS:
            w.writerow([rec_id, "Kent", "Report P", "2025-03-01", "afi", target, "", question, f"Kent AFI {rec_id}."])
    with open(tmp / "updates.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "force", "date", "status", "text"])
        for force, _, steps in NATIONAL:
            w.writerow([50, force, "2024-01-01", "awaiting-review", ""])
            for on, status in steps:
                w.writerow([50, force, on, status, ""])
        for rec_id, _, _, _, steps in CAUSE:
            for on, status in steps:
                w.writerow([rec_id, "Kent", on, status, ""])
        for rec_id, _, _, status in AFIS:
            w.writerow([rec_id, "Kent", "2025-04-01", status, ""])
    return tmp


@pytest.fixture(scope="module")
def findings_db(tmp_path_factory) -> Path:
    tmp = fixture_files(tmp_path_factory.mktemp("findings"))
    db = tmp / "db"
    ingest([str(tmp)], db)
    (tmp / "people.csv").write_text(PEOPLE, encoding="utf-8")
    import_people(tmp / "people.csv", db, "test")
    (tmp / "grades.csv").write_text(GRADES, encoding="utf-8")
    assert import_grades(tmp / "grades.csv", db, "test") == 5
    return db


def run(db, name, filters=F, **params):
    return queries.run(open_reader(db), name, **filters.params(), **params)


def test_national_bodies_are_known_recipients_apart_from_forces():
    assert known_force("NPCC") == "National Police Chiefs' Council" and known_force("cps") == "Crown Prosecution Service"
    assert known_force("College of Policing") in BODIES and is_body("Home Office") and not is_body("Kent")
    assert is_body("Border Force", ["Border Force"])


def test_a_national_recommendation_across_its_recipients(findings_db):
    listed = run(findings_db, "national_recommendations", replace(F, with_bodies=True))
    assert listed[["id", "forces", "bodies", "complete", "open", "overdue"]].values.tolist() == [[50, 4, 1, 2, 2, 1]]
    one = replace(F, ids=(50,), with_bodies=True)
    rows = run(findings_db, "national_recipients", one)
    # Slowest first: the open copies (Surrey 365 days overdue, then Sussex), then the closed ones longest to
    # complete first (Essex 366 days, Kent 182), then the national body.
    assert rows["force"].tolist() == ["Surrey", "Sussex", "Essex", "Kent", "College of Policing"]
    assert rows["days_overdue"].fillna(-1).tolist() == [365, -1, -1, -1, -1]
    assert rows["days_to_complete"].fillna(-1).tolist() == [-1, -1, 366, 182, 60]
    # Kaplan–Meier over the four forces: S(182) = 3/4, S(366) = 3/4 × 2/3 = 1/2, so the median is 366 days; the two
    # open copies are censored at 911 days.
    median = run(findings_db, "national_median", replace(F, ids=(50,)))
    assert (median["median"], median["n"], median["completed"]) == (366, 4, 2)


def test_national_bodies_stay_out_of_every_force_comparison(findings_db):
    assert run(findings_db, "headline", replace(F, reports=("Report N",)))["total"] == 4
    assert sorted(run(findings_db, "force_table", sort="force")["force"]) == ["Essex", "Kent", "Surrey", "Sussex"]
    assert run(findings_db, "headline", replace(F, with_bodies=True, reports=("Report N",)))["total"] == 5
    # The body's own staff see its copy: their scope names it.
    assert run(findings_db, "headline", replace(F, scope=("College of Policing",)))["total"] == 1
    assert run(findings_db, "headline", replace(F, forces=("College of Policing",)))["total"] == 1
    for name in queries.names():  # no query that groups by force lets the body in by default
        q = queries.load(name)
        if q.returns == "many" and "GROUP BY force" in q.sql and q.params <= {"filters", "sort", "days", "split"}:
            extra = {"sort": "force", "days": 56, "split": "force"}
            found = queries.run(open_reader(findings_db), name, **F.params(), **{k: extra[k] for k in q.params - {"filters"}})
            if "force" in found.columns:
                assert "College of Policing" not in set(found["force"].dropna()), name


def test_a_cause_of_concern_and_the_recommendations_answering_it(findings_db):
    rows = run(findings_db, "cause_recommendations", key="60-kent")
    assert rows[["id", "status", "linked_by"]].values.tolist() == [
        [61, "complete", "import"], [62, "complete", "import"], [63, "being-progressed", "import"]]
    assert cause_progress(rows) == "2 of 3 complete"
    causes = run(findings_db, "open_causes")
    assert causes[["key", "recommendations", "complete", "overdue"]].values.tolist() == [["60-kent", 3, 2, 1]]
    assert int(causes.iloc[0]["overdue"]) == 1  # 63: target 30 Sep 2025, 273 days before 30 Jun 2026


def test_cause_of_concern_column_is_checked(tmp_path):
    (tmp_path / "recommendations.csv").write_text(
        "id,force,report,kind,cause_of_concern,text\n1,Kent,R,recommendation,one,Text\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"recommendations.csv, row 2: cause_of_concern 'one' is not an id"):
        ingest([str(tmp_path / "recommendations.csv")], tmp_path / "db", dry_run=True)


def test_who_may_link_and_what(findings_db):
    kent_rec, kent_cause, essex = ("70-kent", "Kent", "recommendation"), ("60-kent", "Kent", "cause of concern"), (
        "50-essex", "Essex", "recommendation")
    assert link_refusal(ANALYST, "cause_of_concern", kent_rec, kent_cause) is None
    assert link_refusal(VIEWER, "same_ask", kent_rec, kent_cause).startswith("only an analyst")
    assert link_refusal(ANALYST, "cause_of_concern", kent_cause, kent_rec) == "70-kent is not a cause of concern"
    assert link_refusal(ANALYST, "same_ask", kent_rec, essex) == "there is no such pair of recommendations in your scope"
    assert link_refusal(ANALYST, "same_ask", kent_rec, kent_rec) == "a recommendation is not linked to itself"
    assert link_refusal(ANALYST, "merged_with", kent_rec, kent_cause).startswith("a link is one of")


def test_a_confirmed_link_shows_on_both_items_and_survives_reimport(findings_db, tmp_path):
    link_items(findings_db, ANALYST, "70-kent", "61-kent", "same_ask", "The same ask, a year on.")
    link_items(findings_db, ANALYST, "70-kent", "60-kent", "cause_of_concern")
    with pytest.raises(WorkflowError, match="no such pair"):
        link_items(findings_db, ESSEX_ANALYST, "70-kent", "61-kent", "follows_up")

    def links_of(key):
        return run(findings_db, "item_links", key=key)[["relation", "direction", "other_key"]].values.tolist()

    assert links_of("61-kent") == [["same_ask", "from", "70-kent"]]
    assert links_of("70-kent") == [["cause_of_concern", "to", "60-kent"], ["same_ask", "to", "61-kent"]]
    assert run(findings_db, "cause_recommendations", key="60-kent")[["id", "linked_by"]].values.tolist() == [
        [61, "import"], [62, "import"], [63, "import"], [70, "analyst"]]
    ingest([str(fixture_files(tmp_path))], findings_db)  # the same files again: the links stand
    assert links_of("61-kent") == [["same_ask", "from", "70-kent"]]
    assert len(run(findings_db, "cause_recommendations", key="60-kent")) == 4
    link_items(findings_db, ANALYST, "70-kent", "60-kent", "cause_of_concern", unlink=True)
    assert links_of("70-kent") == [["same_ask", "to", "61-kent"]]
    assert len(run(findings_db, "cause_recommendations", key="60-kent")) == 3
    con = open_reader(findings_db)
    assert con.cursor().execute("SELECT count(*), count(*) FILTER (WHERE action = 'unlink') FROM item_links").fetchall() \
        == [(3, 1)]  # nothing is changed or deleted: the unlink is a row of its own


def test_a_priority_orders_the_overdue_list_and_can_be_filtered(findings_db):
    def overdue(filters=F):
        return run(findings_db, "overdue_items", filters, sort="days_overdue", limit=50)["key"].tolist()

    # By days overdue: Surrey's copy of 50 (365 days), Kent's 63 (273 days), then three 181 days overdue by key: the
    # cause of concern 60 and the areas for improvement 83 and 84.
    assert overdue() == ["50-surrey", "63-kent", "60-kent", "83-kent", "84-kent"]
    set_priority(findings_db, ANALYST, "63-kent", 1, "The cause of concern hangs on it.", today=date(2026, 6, 1))
    assert overdue() == ["63-kent", "50-surrey", "60-kent", "83-kent", "84-kent"]  # priority 1, then those with none
    assert overdue(replace(F, priorities=(1,))) == ["63-kent"]
    assert overdue(replace(F, as_of=date(2026, 5, 31)))[:2] == ["50-surrey", "63-kent"]  # not yet set then
    detail = run(findings_db, "recommendation_detail", key="63-kent")
    assert (detail["priority"], detail["priority_reason"]) == (1, "The cause of concern hangs on it.")
    with pytest.raises(WorkflowError, match="only an analyst, a reviewer or an administrator"):
        set_priority(findings_db, VIEWER, "63-kent", 2, "Because")
    with pytest.raises(WorkflowError, match=r"a priority is 1 \(high\), 2 or 3"):
        set_priority(findings_db, ANALYST, "63-kent", 4, "Because")
    with pytest.raises(WorkflowError, match="say why"):
        set_priority(findings_db, ANALYST, "63-kent", 2, "")


def test_peel_questions_with_their_grade_trend_and_areas_for_improvement(findings_db):
    from tracker.app.peel import grade_table, question_sentence

    rows = run(findings_db, "peel_questions", replace(F, forces=("Kent",)))
    assert rows[["question", "grade", "previous_grade", "trend", "afis", "afis_open", "afis_overdue"]].values.tolist() \
        == [[INVESTIGATING, "requires improvement", "good", "worse", 5, 4, 2],
            [PROTECTING, "adequate", "inadequate", "better", 1, 1, 0]]
    assert [question_sentence(r) for r in rows.itertuples(index=False)] == [
        "Requires improvement in investigating crime (2025; worse than good in 2023): 4 AFIs open, 2 overdue.",
        "Adequate in protecting vulnerable people (2025; better than inadequate in 2023): 1 AFI open, 0 overdue."]
    # As of 2024, the 2025 grades are not out yet.
    early = run(findings_db, "peel_questions", replace(F, forces=("Kent",), as_of=date(2024, 6, 30)))
    assert early[["question", "grade", "trend"]].fillna("-").values.tolist() == [
        [PROTECTING, "inadequate", "-"], [INVESTIGATING, "good", "-"]]
    wide = grade_table(run(findings_db, "peel_grade_history", replace(F, forces=("Kent",))))
    assert wide.values.tolist() == [["Kent", INVESTIGATING, "good", "requires improvement"],
                                    ["Kent", PROTECTING, "inadequate", "adequate"]]
    # Another force's grades stay in its scope.
    assert set(run(findings_db, "peel_questions", replace(F, scope=("Kent",)))["force"]) == {"Kent"}


def test_peel_grades_file_is_checked(tmp_path):
    bad = tmp_path / "grades.csv"
    bad.write_text("force,year,question,grade\nKent,2025,Investigating crime,requires improvment\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"grades.csv, row 2: grade 'requires improvment' is not one of .*did you "
                                           r"mean 'requires improvement'"):
        read_grades(bad)
    bad.write_text("force,year,question,grade\nKent,2012,Investigating crime,good\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match="year '2012' is not a PEEL year"):
        read_grades(bad)


def test_similar_recommendations_by_tfidf_worked_by_hand(findings_db):
    # 16 recommendations; 'kent' is in 11 texts, 'fix' in 5 (60–63 and 70), 'afi' in 6: idf ln(16/11), ln(16/5),
    # ln(16/6). 70 ("Kent should fix 61.") has the words of 60–63 exactly (cosine 1); 80 ("Kent AFI 80.") shares
    # 'kent' alone: (0.3747 / 1.2220) × (0.3747 / 1.0500) = 0.109. Only other reports of the force: not 70's own.
    found = run(findings_db, "similar_items", key="70-kent", limit=5)
    assert found[["key", "similarity"]].values.tolist() == [
        ["60-kent", 1.0], ["61-kent", 1.0], ["62-kent", 1.0], ["63-kent", 1.0], ["80-kent", 0.109]]
    assert run(findings_db, "similar_items", replace(F, scope=("Essex",)), key="70-kent", limit=5).empty
    facts = run(findings_db, "recommendations_by_id", replace(F, ids=(60, 61), forces=("Kent",)))
    assert facts[["key", "status"]].values.tolist() == [["60-kent", "being-progressed"], ["61-kent", "complete"]]


def test_the_same_ask_in_other_forces_for_readers_who_see_them(findings_db):
    # 50's text ("Forces should act on N.") has 'forces' and 'act', which no other text has: its copies in the other
    # forces and the national body are cosine 1, and nothing else shares a word with it.
    elsewhere = run(findings_db, "similar_elsewhere", key="50-kent", limit=5)
    assert elsewhere[["force", "similarity"]].values.tolist() == [
        ["College of Policing", 1.0], ["Essex", 1.0], ["Surrey", 1.0], ["Sussex", 1.0]]
    assert set(elsewhere["id"]) == {50}
    # Within the reader's scope: Kent and Essex see Essex's copy alone; Kent alone sees none; Essex none of Kent's.
    both = run(findings_db, "similar_elsewhere", replace(F, scope=("Kent", "Essex")), key="50-kent", limit=5)
    assert both["force"].tolist() == ["Essex"]
    assert run(findings_db, "similar_elsewhere", replace(F, scope=("Kent",)), key="50-kent", limit=5).empty
    assert run(findings_db, "similar_elsewhere", replace(F, scope=("Essex",)), key="50-kent", limit=5).empty
    assert run(findings_db, "similar_elsewhere", key="70-kent", limit=5).empty  # Kent's own words alone


def test_the_recommendation_page_shows_the_same_ask_elsewhere_to_a_national_reader(findings_db, monkeypatch):
    from page_help import page_as

    national = Person(9, "analyst@hmicfrs.example", "Ms National", None, ("analyst",))
    at = page_as(findings_db, monkeypatch, national, "recommendation", id="50-kent")
    assert "The same ask in other forces (4)" in [e.label for e in at.expander]
    shown = next(d.value for d in at.dataframe if "force" in d.value.columns)
    assert shown[["key", "force"]].values.tolist()[1:] == [["50-essex", "Essex"], ["50-surrey", "Surrey"],
                                                           ["50-sussex", "Sussex"]]
    kent = page_as(findings_db, monkeypatch, ANALYST, "recommendation", id="50-kent")
    assert not [e.label for e in kent.expander if e.label.startswith("The same ask")]


def test_precision_of_the_top_k_and_the_demo_asks():
    assert precision_at_k(["a", "a", "b", "a", "a"], "a") == 0.8
    assert precision_at_k(["a", "a"], "a") == 0.4  # fewer than five found: the rest count as wrong
    with pytest.raises(ValueError):
        precision_at_k(["a"], "a", 0)
    assert ask_of("The force should improve the supervision of investigations within six months.",
                  ["The force should improve", "The force should improve the supervision of investigations"]) == \
        "The force should improve the supervision of investigations"
    assert ask_of("Something else.", ["The force should"]) is None


def test_confirmed_links_show_in_the_national_view(findings_db):
    link_items(findings_db, ANALYST, "50-kent", "70-kent", "follows_up", "The later report follows it up.")
    rows = run(findings_db, "national_links", replace(F, ids=(50,), with_bodies=True))
    assert rows[["key", "relation", "other_key", "other_report"]].values.tolist() == [
        ["50-kent", "follows_up", "70-kent", "Report D"]]
    assert run(findings_db, "national_links", replace(F, ids=(50,), with_bodies=True, scope=("Essex",))).empty
