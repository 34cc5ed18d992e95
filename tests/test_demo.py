"""The demo dataset: deterministic for a seed, national in shape, and marked as demo."""

from datetime import date, timedelta

import pytest

from tracker.cli import main
from tracker.core.forces import FORCES
from tracker.demo.builder import build_demo
from tracker.ingest.facts import extract
from tracker.store.database import open_reader


def export(db, capsys) -> str:
    assert main(["--db", str(db), "export", "--format", "json"]) == 0
    return capsys.readouterr().out


def test_same_seed_same_data_other_seed_other_data(tmp_path, capsys):
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        build_demo(tmp_path / f"{name}.duckdb", n=400, seed=seed, as_of=date(2025, 1, 31))
    a, b, c = (export(tmp_path / f"{n}.duckdb", capsys) for n in "abc")
    assert a == b
    assert a != c


def test_demo_shape(demo_db):
    con = open_reader(demo_db)
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    assert one("SELECT count(*) FROM recommendations") == 1000
    assert one("SELECT count(DISTINCT force) FROM recommendations WHERE force NOT IN (SELECT name FROM bodies)") == \
        len(FORCES) == 43
    # three national recommendations are held by two national bodies too, under the same ids
    assert con.execute("SELECT force, count(*) FROM recommendations WHERE force IN (SELECT name FROM bodies) "
                       "GROUP BY force ORDER BY force").fetchall() == [
        ("College of Policing", 3), ("National Police Chiefs' Council", 3)]
    assert one("SELECT count(*) FROM reports") >= 25
    assert one("SELECT min(published_on) FROM reports") >= date(2014, 1, 1)
    assert one("SELECT max(on_date) FROM updates") <= date(2026, 11, 28)
    assert one("SELECT value FROM meta WHERE key = 'is_demo'") == "true"
    assert one("SELECT count(DISTINCT kind) FROM recommendations") == 3
    assert one("SELECT count(*) FROM recommendations WHERE target_current > target_original") > 0  # targets slip
    # the real sample record is there, with its real history
    assert one("SELECT count(*) FROM updates WHERE text LIKE 'The amended national stalking protocol%'") == 1
    # national recommendations recur in every force
    assert one("SELECT count(*) FROM recommendations WHERE id = 8019") == 43
    # titles are real only with their real dates; others say they are illustrative
    titles = con.execute("SELECT title, published_on FROM reports").fetchall()
    assert all(t.startswith("Illustrative") or (t, d) in {
        ("Everyone's business: Improving the police response to domestic abuse", date(2014, 3, 27)),
        ("Crime-recording: making the victim count", date(2014, 11, 18)),
        ("Living in fear - the police and CPS response to harassment and stalking", date(2017, 7, 5)),
        ("An inspection of vetting, misconduct, and misogyny in the police service", date(2022, 11, 2)),
    } for t, d in titles)


def test_demo_fields_agree_with_what_their_comments_say(demo_db):
    con = open_reader(demo_db)
    rows = con.execute("""
        SELECT r.owner, r.overseer, r.board, r.target_original, u.text
        FROM recommendations r JOIN updates u USING (key)
        WHERE u.text LIKE 'The recommendation owner is%' AND u.source = 'demo' LIMIT 200""").fetchall()
    assert len(rows) == 200
    for owner, overseer, board, original, text in rows:
        facts = extract(text)
        assert (facts.owner, facts.overseer, facts.board, facts.target) == (owner, overseer, board, original)


def test_owner_workloads_are_uneven(demo_db):
    con = open_reader(demo_db)
    counts = [n for (n,) in con.execute("SELECT count(*) FROM recommendations GROUP BY owner ORDER BY 1").fetchall()]
    assert counts[-1] >= 3 * counts[0]


OLD_STYLE = """
SELECT r.key,
       coalesce(arg_max(u.status, (u.on_date, u.position)) FILTER (WHERE u.status IS NOT NULL), 'no-status') AS status,
       max(u.on_date) AS last_update_on,
       count(u.key) AS n_updates,
       max(u.on_date) FILTER (WHERE u.status = 'complete') AS completed_on
FROM recommendations r
LEFT JOIN updates u ON u.key = r.key AND u.on_date <= $d
WHERE r.published_on <= $d
GROUP BY r.key
"""


@pytest.mark.parametrize("as_of", ["2016-03-31", "2019-12-31", "2023-06-30", "2026-11-28"])
def test_status_spans_agree_with_aggregating_the_whole_history(demo_db, as_of):
    con = open_reader(demo_db)
    spans = con.execute("SELECT key, status, last_update_on, n_updates, completed_on FROM rec_state($d::DATE, 180) "
                        "ORDER BY key", {"d": as_of}).fetchall()
    direct = con.execute(f"SELECT key, status, last_update_on, n_updates, "
                         f"CASE WHEN status = 'complete' THEN completed_on END FROM ({OLD_STYLE}) ORDER BY key",
                         {"d": as_of}).fetchall()
    assert len(spans) > 0
    assert spans == direct


def test_each_demo_board_met_quarterly_over_the_past_year(demo_db):
    from tracker.core.filters import Filters
    from tracker.demo.words import BOARDS
    from tracker.store import queries

    con = open_reader(demo_db)
    decisions = []
    for board in BOARDS:
        met = queries.run(con, "board_meetings", **Filters(as_of=date(2026, 11, 28)).params(), board=board,
                          force=None)  # the demo's boards span forces: their meetings are national
        assert [d.date() for d in met["held_on"]] == [date(2026, 11, 21), date(2026, 8, 22), date(2026, 5, 23),
                                                      date(2026, 2, 21)]
        decisions += list(met["decisions"])
    assert sorted(decisions) == [0] * (4 * len(BOARDS) - 1) + [1]  # one board's latest meeting decided a submission


def test_the_demo_carries_every_source_with_clocks_running(demo_db):
    from tracker.core.filters import Filters
    from tracker.core.sources import answer_by
    from tracker.store import queries

    con = open_reader(demo_db)
    counts = queries.run(con, "source_counts", **Filters(as_of=date(2026, 11, 28)).params(), by_force=False)
    by = counts.set_index("source")
    assert sorted(by.index) == ["hmicfrs", "iopc", "pfd"]
    for source in ("pfd", "iopc"):
        # Some due this month (28-30 November), some past their answer-by day unanswered, some answered with a
        # timetable (open), some complete.
        assert by.loc[source, "due_this_month"] > 0, source
        assert by.loc[source, "past_answer_by"] > 0, source
        assert by.loc[source, "complete"] > 0, source
        assert by.loc[source, "open"] > by.loc[source, "past_answer_by"] + by.loc[source, "due_this_month"], source
    # In several forces, each on its source's clock (a coroner's stated day; an IOPC recommendation's made + 55).
    rows = con.execute("SELECT source, force, published_on, answer_by, source_ref, addressee FROM recommendations "
                       "WHERE source <> 'hmicfrs'").fetchall()
    assert len({f for s, f, *_ in rows if s == "pfd"}) >= 3 and len({f for s, f, *_ in rows if s == "iopc"}) >= 3
    assert all(due == answer_by("iopc", on) for s, _, on, due, *_ in rows if s == "iopc")
    assert all(due >= on + timedelta(days=56) for s, _, on, due, *_ in rows if s == "pfd")
    assert all(ref and addressee for *_, ref, addressee in rows)
    # Their reports are the coroner's and the IOPC's, and say they are illustrative.
    assert sorted(r for (r,) in con.execute("SELECT DISTINCT inspectorate FROM reports WHERE id IN (SELECT report "
                                           "FROM recommendations WHERE source <> 'hmicfrs')").fetchall()) == [
        "Coroner's prevention of future deaths report", "IOPC recommendation"]
    # Nobody's statutory inspection response is due for them.
    due = queries.run(con, "responses_due", **Filters(as_of=date(2026, 11, 28)).params(), days=56)
    assert not any(t.startswith(("Illustrative prevention", "Illustrative IOPC")) for t in due["report_title"])
