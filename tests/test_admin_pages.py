"""For my review, People and Activity through AppTest on the demo: what a reviewer and an administrator see and do."""

from dataclasses import replace
from datetime import date

import pg
import pytest
from page_help import APP, page_as
from streamlit.testing.v1 import AppTest

from tracker.core.rag import DEFAULT, DEFAULT_RULE
from tracker.people.access import Reader, person_of
from tracker.store.database import open_reader
from tracker.workflow.actions import submit

AS_OF = date(2026, 11, 28)


@pytest.fixture
def demo(demo_db, tmp_path):
    db = tmp_path / "demo"
    pg.clone(demo_db, db)
    return db


def person(db, sql: str, **params):
    """The first directory row a query finds, as a Person."""
    cur = open_reader(db).cursor()
    frame = cur.execute(sql, params).df()
    assert len(frame), sql
    return person_of(frame.iloc[0])


def opened(db, monkeypatch, who, page: str, **params) -> AppTest:
    """The page, on the demo as of its date, as `who`."""
    return page_as(db, monkeypatch, who, page, as_of=AS_OF.isoformat(), **params)


def two_waiting(db) -> list[int]:
    """Two Kent leads' submissions on open items they own (the demo has none waiting): their numbers."""
    cur = open_reader(db).cursor()
    owned = cur.execute("SELECT s.key, p.* FROM rec_state($d, 180) s JOIN current_people p ON p.person_id = s.owner_id "
                        "WHERE s.force = 'Kent' AND s.is_open AND list_contains(p.roles, 'lead') AND p.active "
                        "ORDER BY s.key LIMIT 2", {"d": AS_OF}).df()
    assert len(owned) == 2
    return [submit(db, person_of(r), r["key"], "Progress as planned.", source="test", today=AS_OF)
            for _, r in owned.iterrows()]


def frame(at: AppTest, i: int = 0):
    return at.dataframe[i].value


def test_review_lists_what_the_reviewer_may_decide_and_never_their_own(demo, monkeypatch):
    reviewer = person(demo, "SELECT * FROM current_people WHERE list_contains(roles, 'reviewer') AND force = 'Kent' "
                            "AND active ORDER BY person_id")
    seqs = two_waiting(demo)
    at = opened(demo, monkeypatch, reviewer, "review")
    assert at.title[0].value == "For my review"
    shown = frame(at)
    assert sorted(shown["seq"].astype(int)) == sorted(seqs)
    assert set(shown["force"]) == {"Kent"}


def test_people_lists_the_directory_to_an_administrator_only(demo, monkeypatch):
    admin = person(demo, "SELECT * FROM current_people WHERE list_contains(roles, 'admin') AND force IS NULL AND active "
                         "ORDER BY person_id")
    count = open_reader(demo).cursor().execute("SELECT count(*) FROM current_people").fetchone()[0]
    at = opened(demo, monkeypatch, admin, "people")
    assert at.title[0].value == "People"
    assert len(frame(at, -1)) == count
    lead = person(demo, "SELECT * FROM current_people WHERE roles = ['lead'] AND active ORDER BY person_id")
    monkeypatch.undo()  # the administrator signed in above; now the demo's View as picks the lead
    monkeypatch.setenv("TRACKER_DB", str(demo))
    monkeypatch.setattr("tracker.app.identity.viewing_as", lambda: Reader(lead, "demo: viewing as"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/people.py")  # not in a lead's menu, and not reachable by its address either


def test_a_force_administrators_people_page_lists_their_force_alone(demo, monkeypatch):
    """Security finding 10: Kent's administrator sees Kent's directory, not the national one (the demo's Kent admin
    is made one here: the demo has none)."""
    cur = open_reader(demo).cursor()
    kent = person(demo, "SELECT * FROM current_people WHERE force = 'Kent' AND active ORDER BY person_id")
    admin = replace(kent, roles=("admin",))
    at = opened(demo, monkeypatch, admin, "people")
    shown = frame(at, -1)
    expected = cur.execute("SELECT count(*) FROM current_people WHERE force = 'Kent'").fetchone()[0]
    assert len(shown) == expected > 0 and set(shown["force"]) == {"Kent"}
    assert cur.execute("SELECT count(*) FROM current_people WHERE force IS DISTINCT FROM 'Kent'").fetchone()[0] > 100
    policies = frame(at, -2)  # Kent's policies, each at its default: nobody has set one
    assert policies[["force", "value", "set"]].values.tolist() == [["Kent", "unlimited", "default"],
                                                                   ["Kent", DEFAULT_RULE, "default"]]
    assert policies["in_words"].tolist()[1] == DEFAULT.words()  # the RAG rule read back in words
    assert {"Value", "Why"} <= {t.label for t in at.text_input}  # and the form to set one, where a force's
    labels = [s.label for s in at.selectbox]  # administrator chooses no force: their own
    assert "Policy" in labels and "Force" not in labels


def test_activity_pages_and_searches_the_trail(demo, monkeypatch):
    admin = person(demo, "SELECT * FROM current_people WHERE list_contains(roles, 'admin') AND force IS NULL AND active "
                         "ORDER BY person_id")
    cur = open_reader(demo).cursor()
    seqs = [s for _ in range(110) for s in two_waiting(demo)]  # 220 submissions, and the demo build's own rows
    at = opened(demo, monkeypatch, admin, "activity")
    first = frame(at)
    assert len(first) == 200
    assert list(first["seq"].head(3).astype(int)) == sorted(seqs, reverse=True)[:3]  # newest first
    at.number_input(key="trail_page").set_value(2).run()
    second = frame(at)
    # 220 submissions, the demo's build and its nine workflow steps (demo/activity.py), 200 a page
    assert len(second) == 30
    assert not set(first["seq"].dropna()) & set(second["seq"].dropna())
    at.number_input(key="trail_page").set_value(1).run()
    at.text_input(key="trail_q").input("demo").run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert list(frame(at)["action"]) == [cur.execute("SELECT action FROM audit").fetchone()[0]]
