"""The inspectorate's follow-up grade at a revisit, on the six-recommendation fixture: 5-kent (being progressed since
1 Feb 2023) graded partially achieved on 1 Mar 2023 and achieved on 1 Jun 2023; each grade stands from its day,
beside the status, which it does not change; only the inspectorate gives one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from workflow_people import DIRECTORY, LEAD

from tracker.cli import main
from tracker.core.filters import Filters
from tracker.ingest.people import import_people
from tracker.people.access import person_of
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.actions import WorkflowError, grade


@pytest.fixture
def db(fixture_db, tmp_path) -> Path:
    (tmp_path / "people.csv").write_text(DIRECTORY + "hmi@hmicfrs.example,HM Inspector,national,inspectorate\n",
                                         encoding="utf-8")
    import_people(tmp_path / "people.csv", fixture_db, "test")
    return fixture_db


def detail(db: Path, on: date, key: str = "5-kent") -> dict:
    return queries.run(open_reader(db), "recommendation_detail", **Filters(as_of=on).params(), key=key)


def test_a_follow_up_grade_stands_from_its_day_beside_the_status(db, capsys):
    inspector = person_of(queries.run(open_reader(db), "person_by_email", email="hmi@hmicfrs.example"))
    with pytest.raises(WorkflowError, match=r"^only the inspectorate records a follow-up grade, at its revisit$"):
        grade(db, LEAD, "5-kent", "achieved", today=date(2023, 3, 1))
    with pytest.raises(WorkflowError, match=r"^a follow-up grade is achieved, partially achieved or not achieved$"):
        grade(db, inspector, "5-kent", "done", today=date(2023, 3, 1))
    grade(db, inspector, "5-kent", "partially achieved", "Training done; audits not yet.", today=date(2023, 3, 1))
    grade(db, inspector, "5-kent", "achieved", today=date(2023, 6, 1))
    assert (detail(db, date(2023, 2, 28))["grade"], detail(db, date(2023, 2, 28))["status"]) == (None, "being-progressed")
    march = detail(db, date(2023, 3, 1))
    assert (march["grade"], march["graded_on"].date(), march["status"]) == (
        "partially achieved", date(2023, 3, 1), "being-progressed")
    june = detail(db, date(2023, 6, 30))
    assert (june["grade"], june["graded_on"].date(), june["status"]) == ("achieved", date(2023, 6, 1), "being-progressed")
    history = queries.run(open_reader(db), "recommendation_history", **Filters(as_of=date(2023, 6, 30)).params(),
                          key="5-kent")
    assert "Follow-up grade at the inspectorate's revisit: partially achieved. Training done; audits not yet." in \
        set(history["text"])
    assert main(["--db", str(db), "grade", "2-kent", "not-achieved", "--note", "Nothing changed.", "--as",
                 "hmi@hmicfrs.example"]) == 0
    assert capsys.readouterr().out.startswith("2-kent: follow-up grade not achieved (event #")
    assert main(["--db", str(db), "grade", "2-kent", "achieved", "--as", "supt.a@kent.example"]) == 1
    assert "only the inspectorate records a follow-up grade" in capsys.readouterr().err
