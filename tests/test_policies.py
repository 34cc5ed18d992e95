"""A force's policies: set by an administrator as dated rows, the latest on a day standing, a default otherwise; who
may set them, what values they take, and what the app, a write's rules and the command line read."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from workflow_people import ACC_X, ADMIN, DIRECTORY, VIEWER

from tracker.cli import main
from tracker.core.filters import Filters
from tracker.core.policies import RAG_RULE, REVIEWER_MOVES, PolicyError, moves_allowed, policy_value, standing
from tracker.core.rag import DEFAULT_RULE
from tracker.ingest.people import import_people
from tracker.store import queries
from tracker.store.database import open_reader, write
from tracker.workflow.actions import WorkflowError, set_policy
from tracker.workflow.events import EventWrite, new_batch
from tracker.workflow.policies import policy_in_write
from tracker.workflow.rules import policy_refusal

MARCH, JUNE = date(2021, 3, 1), date(2021, 6, 1)
KENT_ADMIN = replace(ADMIN, person_id=7, email="admin@kent.example", force="Kent")


@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    (tmp_path / "people.csv").write_text(DIRECTORY + "admin@kent.example,Kent Admin,Kent,admin\n", encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


def policies(db: Path, on: date, scope=None) -> list[tuple]:
    found = queries.run(open_reader(db), "force_policies", **Filters(as_of=on, scope=scope).params())
    return list(found[["force", "name", "value", "by"]].itertuples(index=False, name=None))


def test_a_policy_takes_only_its_values():
    assert [policy_value(REVIEWER_MOVES, v) for v in ("0", " 1 ", "Unlimited")] == ["0", "1", "unlimited"]
    with pytest.raises(PolicyError, match=r"^reviewer_moves cannot be '2': it is one of 0, 1, unlimited$"):
        policy_value(REVIEWER_MOVES, "2")
    with pytest.raises(PolicyError, match=r"^there is no policy 'colour'; the policies are reviewer_moves"):
        policy_value("colour", "red")
    assert [moves_allowed(v) for v in ("0", "1", "unlimited")] == [0, 1, None]
    rows = [{"force": "Kent", "name": REVIEWER_MOVES, "value": "1"}]
    assert standing(rows, "Kent", REVIEWER_MOVES) == "1"
    assert standing(rows, "Essex", REVIEWER_MOVES) == "unlimited"  # nobody set Essex's: its default


def test_who_may_set_a_forces_policy():
    assert policy_refusal(ADMIN, "Kent", True) is None  # a national administrator, any force
    assert policy_refusal(KENT_ADMIN, "Kent", True) is None
    assert policy_refusal(KENT_ADMIN, "Essex", True) == "you set Kent's policies, not Essex's"
    assert policy_refusal(ACC_X, "Kent", True) == "only an administrator sets a force's policies"
    assert policy_refusal(replace(ADMIN, active=False), "Kent", True) == "only an administrator sets a force's policies"
    assert policy_refusal(ADMIN, "Atlantis", False) == "there is no force 'Atlantis' in the tracker"


def test_the_latest_setting_on_a_day_stands(db):
    set_policy(db, ADMIN, "kent", REVIEWER_MOVES, "1", "The committee's rule", today=MARCH)
    set_policy(db, KENT_ADMIN, "Kent", REVIEWER_MOVES, "0", "Tightened", today=JUNE)
    assert policies(db, date(2021, 2, 28)) == []  # before anyone set one: every policy at its default
    assert policies(db, MARCH) == [("Kent", REVIEWER_MOVES, "1", "admin@hmicfrs.example")]
    assert policies(db, JUNE) == [("Kent", REVIEWER_MOVES, "0", "admin@kent.example")]
    assert policies(db, JUNE, scope=("Essex",)) == []  # an Essex reader sees no Kent policy


def test_a_refused_setting_writes_nothing(db):
    with pytest.raises(WorkflowError, match=r"^you set Kent's policies, not Essex's$"):
        set_policy(db, KENT_ADMIN, "Essex", REVIEWER_MOVES, "1", today=JUNE)
    with pytest.raises(WorkflowError, match=r"^reviewer_moves cannot be 'twice'"):
        set_policy(db, ADMIN, "Kent", REVIEWER_MOVES, "twice", today=JUNE)
    with pytest.raises(WorkflowError, match=r"^only an administrator sets a force's policies$"):
        set_policy(db, VIEWER, "Kent", REVIEWER_MOVES, "1", today=JUNE)
    with pytest.raises(WorkflowError, match=r"^there is no force 'Atlantis' in the tracker$"):
        set_policy(db, ADMIN, "Atlantis", REVIEWER_MOVES, "1", today=JUNE)
    assert policies(db, JUNE) == []


def test_a_write_reads_the_policy_its_rules_follow(db):
    set_policy(db, ADMIN, "Kent", REVIEWER_MOVES, "1", today=MARCH)

    def read(w):
        con = EventWrite(w, new_batch("test"))
        return [policy_in_write(con, f, REVIEWER_MOVES, d) for f, d in
                (("Kent", JUNE), ("Kent", date(2021, 2, 1)), ("Essex", JUNE))]

    assert write(db, read) == ["1", "unlimited", "unlimited"]


def test_the_command_line_sets_and_lists_policies(db, capsys):
    base = ["--db", str(db), "policy"]
    assert main([*base, "set", "Kent", REVIEWER_MOVES, "1", "--reason", "Once only", "--as", "admin@kent.example"]) == 0
    assert capsys.readouterr().out.startswith(f"Kent: {REVIEWER_MOVES} = 1 from ")
    assert main([*base, "set", "Essex", REVIEWER_MOVES, "1", "--as", "admin@kent.example"]) == 1
    assert capsys.readouterr().err == "error: you set Kent's policies, not Essex's\n"
    assert main([*base, "show", "--as", "acc.x@kent.example"]) == 0
    assert capsys.readouterr().out.startswith(f"Kent\t{REVIEWER_MOVES}\t1\tset ")
    assert main([*base, "show", "--force", "Essex", "--as", "admin@hmicfrs.example"]) == 0
    assert capsys.readouterr().out == (f"Essex\t{REVIEWER_MOVES}\tunlimited\t(default)\n"
                                       f"Essex\t{RAG_RULE}\t{DEFAULT_RULE}\t(default)\n")
    assert main([*base, "show", "--force", "Essex", "--as", "acc.x@kent.example"]) == 1
    assert capsys.readouterr().err == "error: you see Kent's policies, not Essex's\n"
