"""The reader's scope, checked by behaviour: every query, run as a reader of one force on the demo (many forces), and
asked about another force's item, person, report or meeting, returns no row of any other force."""

from datetime import date

import pandas as pd
import pytest

from tracker.core.filters import Filters
from tracker.core.forces import BODIES
from tracker.store import queries
from tracker.store.database import open_reader

OURS = "Kent"
AS_OF = date(2026, 11, 28)  # the demo's date (tests/conftest.py demo_db)
# Queries that take no filters read no force's items (reminder_people, database_facts,
# person_by_email: the directory and the database's own facts, for sign-in, the People page and the digest); every
# other query is run below. data_info names the data's facts and may quote a person's email (who imported last).
NOT_ITEMS = {"data_info"}


@pytest.fixture(scope="module")
def probe(demo_db):
    """The demo opened once, with another force's item, person, report, submission, file and meeting to ask about."""
    con = open_reader(demo_db)
    cur = con.cursor()
    other = cur.execute("SELECT key, id, force, report FROM rec_base WHERE force <> $f AND force IN "
                        "(SELECT force FROM rec_base WHERE force <> $f GROUP BY force ORDER BY count(*) DESC LIMIT 1) "
                        "ORDER BY key LIMIT 1", {"f": OURS}).fetchone()
    ours = {k for (k,) in cur.execute("SELECT key FROM rec_base WHERE force = $f", {"f": OURS}).fetchall()}
    person = cur.execute("SELECT person_id, email FROM current_people WHERE force = $f ORDER BY person_id LIMIT 1",
                         {"f": other[2]}).fetchone()
    seq = cur.execute("SELECT max(seq) FROM events e JOIN rec_base r USING (key) WHERE r.force = $f",
                      {"f": other[2]}).fetchone()[0]
    owner = cur.execute("SELECT owner_id, owner FROM rec_state($d, 180) WHERE key = $k", {"d": AS_OF, "k": other[0]}
                        ).fetchone()
    meeting = cur.execute("SELECT max(meeting_id) FROM meetings WHERE force = $f", {"f": other[2]}).fetchone()[0]
    yield {"con": con, "key": other[0], "id": other[1], "force": other[2], "report": other[3], "ours": ours,
           "person_id": person[0], "email": person[1], "seq": seq, "meeting": meeting,
           "owner": str(owner[0]) if owner[0] is not None else f"{other[2]}:{owner[1] or ''}"}


def asked_of_the_other(p: dict) -> dict:
    """Every parameter a query may bind, pointing at the other force wherever it names something."""
    return {"key": p["key"], "keys": [p["key"]], "id": int(p["id"]), "report": p["report"], "force": p["force"],
            "person_id": int(p["person_id"]), "person": p["owner"], "email": p["email"],
            "seq": int(p["seq"] or 0), "meeting": int(p["meeting"] or 0), "file_id": 1, "limit": 10_000, "offset": 0,
            "days": 56, "within": 28, "overdue_within": 28, "since": date(2015, 1, 1), "by": "owner", "sort": "open",
            "split": "force", "group": [p["force"]], "search": "", "board": "Force performance board",
            "roles": ["reviewer", "lead", "commissioner", "admin"], "how": None, "by_force": True}


def frame_of(result) -> pd.DataFrame:
    if result is None:
        return pd.DataFrame()
    return pd.DataFrame([result]) if isinstance(result, dict) else result


def forces_named(frame: pd.DataFrame) -> set:
    """Every force any row names, in any column about forces (a force, a list of forces, an item's other force)."""
    named = set()
    for column in frame.columns:
        if column in ("force", "forces") or column.endswith("_force"):
            for value in frame[column]:
                if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)):
                    named |= {v for v in list(value) if isinstance(v, str)}
                elif isinstance(value, str):
                    named.add(value)
    return named


@pytest.mark.parametrize("name", [n for n in queries.names() if "filters" in queries.load(n).params])
def test_a_reader_of_one_force_gets_no_row_of_another(probe, name):
    params = asked_of_the_other(probe)
    query = queries.load(name)
    bound = {k: v for k, v in params.items() if k in query.params}
    frame = frame_of(queries.run(probe["con"], name, **Filters(as_of=AS_OF, scope=(OURS,)).params(), **bound))
    beyond = forces_named(frame) - {OURS, *BODIES}
    assert not beyond, f"{name} returned rows of {sorted(beyond)} to a reader of {OURS}"
    if "key" in frame.columns:
        keys = {k for k in frame["key"] if isinstance(k, str)}
        assert keys <= probe["ours"] | {k for k in keys if k.split("/")[0] in {b.lower() for b in BODIES}}, name
    cells = {str(v) for v in frame.to_numpy().ravel().tolist()} if len(frame) else set()
    assert probe["key"] not in cells, f"{name} returned the other force's item {probe['key']}"
    assert probe["email"] not in cells or name in NOT_ITEMS, f"{name} returned another force's person"


def test_the_probe_reaches_the_other_force_without_the_scope(probe):
    """The same questions without a scope do reach the other force: the test above would see a leak."""
    params = asked_of_the_other(probe)
    found = 0
    for name in ("recommendation_detail", "history", "overdue_items", "force_table"):
        if name not in queries.names():
            continue
        query = queries.load(name)
        bound = {k: v for k, v in params.items() if k in query.params}
        frame = frame_of(queries.run(probe["con"], name, **Filters(as_of=AS_OF).params(), **bound))
        found += bool(forces_named(frame) - {OURS})
    assert found >= 2
