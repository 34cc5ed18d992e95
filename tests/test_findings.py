"""Findings as the inspectorate structures them, on a hand-built fixture: a national recommendation in four forces
and the College of Policing (the counts, the slowest forces and the national median worked out by hand), national
bodies kept out of every force comparison."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tracker.core.filters import Filters
from tracker.core.forces import BODIES, is_body, known_force
from tracker.ingest.importer import ingest
from tracker.store import queries
from tracker.store.database import open_reader

AS_OF = date(2026, 6, 30)
F = Filters(as_of=AS_OF)
NATIONAL = [  # id 50 of Report N (published 2024-01-01): (recipient, target, [(date, status)])
    ("Kent", "2024-12-31", [("2024-07-01", "complete")]),  # 182 days to complete
    ("Essex", "2024-12-31", [("2025-01-01", "complete")]),  # 366 days
    ("Surrey", "2025-06-30", [("2024-03-01", "being-progressed")]),  # open, 365 days overdue
    ("Sussex", "2026-12-31", [("2024-03-01", "being-progressed")]),  # open, not yet due
    ("College of Policing", "2024-12-31", [("2024-03-01", "complete")]),  # a national body's copy
]


@pytest.fixture(scope="module")
def findings_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("findings")
    with open(tmp / "recommendations.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "force", "report", "published_on", "kind", "target_original", "text"])
        for force, target, _ in NATIONAL:
            w.writerow([50, force, "Report N", "2024-01-01", "recommendation", target, "Forces should act on N."])
    with open(tmp / "updates.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "force", "date", "status", "text"])
        for force, _, steps in NATIONAL:
            w.writerow([50, force, "2024-01-01", "awaiting-review", ""])
            for on, status in steps:
                w.writerow([50, force, on, status, ""])
    db = tmp / "db"
    ingest([str(tmp)], db)
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
    assert run(findings_db, "headline")["total"] == 4
    assert sorted(run(findings_db, "force_table", sort="force")["force"]) == ["Essex", "Kent", "Surrey", "Sussex"]
    assert run(findings_db, "headline", replace(F, with_bodies=True))["total"] == 5
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
