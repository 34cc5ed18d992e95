"""Every query against the fixture database, with answers worked out by hand (see tests/fixtures/tables)."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import AS_OF
from tracker.core.filters import Filters
from tracker.store import queries
from tracker.store.database import open_reader

F = Filters(as_of=AS_OF)


@pytest.fixture
def con(fixture_db_master):
    return open_reader(fixture_db_master)


def run(con, name, filters=F, **extra):
    return queries.run(con, name, **filters.params(), **extra)


def test_every_query_has_a_header_naming_it_and_what_it_returns():
    for name in queries.names():
        q = queries.load(name)  # raises QueryFileError without '-- name: <name> :one|:many|:items'
        assert q.returns in queries.RETURNS, name
        assert "Returns" in q.doc, name


def test_every_header_names_exactly_the_parameters_the_sql_binds():
    for name in queries.names():
        q = queries.load(name)
        assert q.declared == q.params, f"{name}: header says {sorted(q.declared)}, SQL binds {sorted(q.params)}"


RECOMMENDATION_TABLES = ("recommendations", "rec_base", "updates", "status_spans", "comment_spans", "reports", "rec_state",
                         "name_links", "imports", "events", "submissions", "audit", "recommendation_versions",
                         "import_actions", "saved_mappings", "responses", "publications", "peel_current",
                         "peel_grades", "item_links", "links_now", "analyst_causes", "term_weights", "item_vectors",
                         "policies_on", "source_addressees")
# Tables of whole imports and mappings: their rows are not recommendations, so the reader's scope applies to the forces
# they name ($filters['scope']) rather than through filtered().
BY_SCOPE = ("imports", "import_actions", "saved_mappings", "responses", "publications", "peel_current",
            "term_weights", "item_vectors", "policies_on")


def test_every_query_that_reads_recommendations_goes_through_filtered():
    # The scope's behaviour is tested in tests/test_scope.py (each query as a reader of one force); this is the static
    # rule that keeps a new query on the path. filtered($filters) applies the reader's scope: a query that reads
    # recommendations, their history, their derived
    # tables or the names in them any other way could reach past it. Queries of the directory and of the database's
    # own facts read none of these.
    import re

    reads = re.compile(r"\b(?:FROM|JOIN)\s+(" + "|".join(RECOMMENDATION_TABLES) + r")\b", re.IGNORECASE)
    # Table macros that read recommendations only through filtered(p) (tracker/store/schema/06_survival.sql).
    schema = (Path(queries.ROOT) / "tracker" / "store" / "schema" / "06_survival.sql").read_text(encoding="utf-8")
    scoped = {"survival_times": "filtered(p)", "km": "survival_times(p", "km_median": "km(p", "logrank": "survival_times(p",
              "forecast_rows": "FROM filtered(p)"}
    for macro, reads_through in scoped.items():
        definition = schema.split(f"CREATE OR REPLACE MACRO {macro}(")[1].split("CREATE OR REPLACE MACRO")[0]
        assert reads_through in definition and not reads.search(definition.replace("filtered(p)", "")), macro
    # The statutory response's macros (tracker/store/schema/08_workflow.sql) read recommendations only through filtered(p): the
    # responses they join are those of the (report, force) pairs filtered(p) returned.
    journal = (Path(queries.ROOT) / "tracker" / "store" / "schema" / "08_workflow.sql").read_text(encoding="utf-8")
    standing = journal.split("CREATE OR REPLACE MACRO response_standing(")[1].split("CREATE OR REPLACE MACRO")[0]
    assert "FROM filtered(p)" in standing and "JOIN reports r ON r.id = i.report" in standing
    assert "FROM response_standing(p, p_days)" in journal.split("CREATE OR REPLACE MACRO response_summary(")[1]
    scoped.update({"response_standing": "filtered(p)", "response_summary": "response_standing(p"})
    through = re.compile(r"\b(?:filtered|" + "|".join(scoped) + r")\((?:comparables\()?\$filters")
    readers = 0
    for name in queries.names():
        q = queries.load(name)
        body = "\n".join(line for line in q.sql.splitlines() if not line.startswith("--"))
        if reads.search(body) or through.search(body):
            readers += 1
            tables = {m.lower() for m in reads.findall(body)}
            by_scope = tables <= set(BY_SCOPE) and "$filters['scope']" in body
            assert through.search(body) or by_scope, f"{name} reads {reads.search(body)[1]} without filtered($filters)"
            assert "filters" in q.params
        else:
            other = re.search(r"\bFROM\s+(?!meta\b|current_people\b|reminder_settings\b|reminders_sent\b|reminders_bounced\b)\w+",
                              body)
            assert not other, f"{name} reads a table the rule misses"
    assert readers >= 20


def test_a_query_file_without_its_header_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(queries, "QUERY_DIR", tmp_path)
    (tmp_path / "broken.sql").write_text("SELECT 1\n")
    queries.load.cache_clear()
    try:
        with pytest.raises(queries.QueryFileError, match="must start with '-- name: broken"):
            queries.load("broken")
    finally:
        queries.load.cache_clear()


def test_headline(con):
    h = run(con, "headline")
    assert [h[k] for k in ("total", "open", "complete", "superseded", "overdue", "stale")] == [6, 4, 1, 1, 3, 3]
    assert h["implementation_rate"] == pytest.approx(0.2)
    assert h["median_days_to_complete"] == 380  # 1 Jan 2020 to 15 Jan 2021


def test_funnel_as_of_three_dates(con):
    def funnel(day):
        df = run(con, "status_funnel", replace(F, as_of=day))
        return dict(zip(df.status, df.n))
    assert funnel(AS_OF) == {"awaiting-review": 1, "being-progressed": 2, "pending-sign-off": 1, "complete": 1, "superseded": 1,
                              "no-further-action-needed": 0, "risk-accepted": 0, "carried-forward": 0}
    # Item 5 was complete between 1 Aug 2022 and its reopening on 1 Feb 2023.
    assert funnel(date(2022, 9, 1)) == {"awaiting-review": 1, "being-progressed": 1, "pending-sign-off": 1, "complete": 2,
                                        "superseded": 1, "no-further-action-needed": 0, "risk-accepted": 0,
                                        "carried-forward": 0}
    # Report B (2022) was not yet published.
    assert funnel(date(2021, 6, 30)) == {"awaiting-review": 0, "being-progressed": 1, "pending-sign-off": 1, "complete": 1,
                                         "superseded": 0, "no-further-action-needed": 0, "risk-accepted": 0,
                                         "carried-forward": 0}


def test_filters_narrow(con):
    kent = run(con, "headline", replace(F, forces=("Kent",)))
    assert (kent["total"], kent["open"], kent["overdue"]) == (3, 2, 2)
    stalking = run(con, "headline", replace(F, themes=("Stalking",)))
    assert (stalking["total"], stalking["open"]) == (3, 2)
    assert run(con, "headline", replace(F, q="rec FIVE"))["total"] == 1
    assert run(con, "headline", replace(F, statuses=("being-progressed",), owners=("Supt A",)))["total"] == 2
    assert run(con, "headline", replace(F, forces=("Nowhere",)))["total"] == 0


def test_overdue_items_and_sorts(con):
    df = run(con, "overdue_items", sort="days_overdue", limit=100)
    assert list(zip(df.key, df.days_overdue, df.slip_days)) == [("3-essex", 821, 0), ("2-kent", 546, 0), ("5-kent", 273, 92)]
    assert list(run(con, "overdue_items", sort="slip_days", limit=100).key)[0] == "5-kent"
    assert list(run(con, "overdue_items", sort="force", limit=100).key) == ["3-essex", "2-kent", "5-kent"]
    assert set(run(con, "overdue_items", sort="days_overdue", limit=100).ageing) == {"over 180"}


def test_ageing_stale_and_status_by_force(con):
    ageing = run(con, "ageing_by_force")
    assert list(zip(ageing.force, ageing.ageing, ageing.n)) == [("Kent", "over 180", 2), ("Essex", "over 180", 1)]
    stale = run(con, "stale_items", limit=10)
    assert list(zip(stale.key, stale.days_since_update)) == [("3-essex", 1124), ("6-essex", 545), ("2-kent", 394)]
    by_force = run(con, "status_by_force")
    assert {(r.force, r.status): r.n for r in by_force.itertuples()} == {
        ("Essex", "awaiting-review"): 1, ("Essex", "pending-sign-off"): 1, ("Essex", "superseded"): 1,
        ("Kent", "being-progressed"): 2, ("Kent", "complete"): 1}


def test_owner_and_overseer_workloads(con):
    owners = run(con, "owner_workload", by="owner")
    assert list(zip(owners.person_key, owners.person, owners.force, owners.open, owners.overdue, owners.stale)) == [
        ("Kent:Supt A", "Supt A", "Kent", 2, 2, 1), ("Essex:DCI B", "DCI B", "Essex", 1, 1, 1),
        ("Essex:", "(not named)", "Essex", 1, 0, 1)]
    overseers = run(con, "owner_workload", by="overseer")
    assert list(zip(overseers.person, overseers.open)) == [("ACC X", 2), ("ACC Y", 1), ("(not named)", 1)]


def test_person_items_overdue_first_with_latest_comment(con):
    df = run(con, "person_items", by="owner", person="Kent:Supt A")
    assert list(df.key) == ["2-kent", "5-kent"]
    assert list(df.window) == ["overdue", "overdue"]
    assert df.latest_comment.iloc[0].startswith("Progress comment <img")


def test_force_table_and_trend(con):
    forces = run(con, "force_table", sort="open")
    assert list(zip(forces.force, forces.total, forces.open, forces.overdue)) == [("Essex", 3, 2, 1), ("Kent", 3, 2, 2)]
    assert forces.set_index("force").implementation_rate["Kent"] == pytest.approx(1 / 3)
    trend = run(con, "quarterly_trend")
    assert len(trend) == 14  # Q1 2020 to Q2 2023
    last = trend.iloc[-1]
    assert (last.published, last.completed) == (6, 1)
    q1_2021 = trend[trend.quarter.astype(str).str.startswith("2021-01-01")].iloc[0]
    assert (q1_2021.closed, q1_2021.median_days_to_complete) == (1, 380)


def test_cohorts(con):
    df = run(con, "cohort_completion")
    assert list(zip(df.year, df.published, df.complete_1y, df.complete_2y)) == [(2020, 3, 0, 1), (2022, 3, 0, 0)]
    assert df.share_2y.iloc[0] == pytest.approx(1 / 3)


def test_report_grid(con):
    grid = run(con, "report_force_grid", limit=10)
    cells = {(r.report_title, r.force): (r.n, r.complete) for r in grid.itertuples()}
    assert cells == {("Report A", "Kent"): (2, 1), ("Report A", "Essex"): (1, 0), ("Report B", "Kent"): (1, 0),
                     ("Report B", "Essex"): (2, 0)}


def test_detail_history_and_id_lookup(con):
    detail = run(con, "recommendation_detail", key="5-kent")
    assert (detail["status"], detail["days_overdue"], detail["kind"]) == ("being-progressed", 273, "cause of concern")
    assert run(con, "recommendation_detail", key="nope") is None
    history = run(con, "recommendation_history", key="5-kent")
    assert list(history.status) == ["awaiting-review", "being-progressed", "complete", "being-progressed"]
    assert run(con, "recommendation_history", replace(F, as_of=date(2022, 2, 1)), key="5-kent").shape[0] == 1
    assert run(con, "recommendation_history", replace(F, forces=("Essex",)), key="5-kent").empty  # not selected
    assert list(run(con, "recommendations_with_id", id=1, key="").key) == ["1-kent"]
    assert run(con, "recommendations_with_id", id=-1, key="nope").empty


def test_options_info_and_export(con):
    opts = run(con, "filter_options")
    assert list(opts[opts.field == "force"].value) == ["Essex", "Kent"]
    info = run(con, "data_info")
    assert (info["recommendations"], info["updates"], bool(info["is_demo"])) == (6, 16, False)
    assert run(con, "data_info", replace(F, as_of=date(2021, 6, 30)))["recommendations"] == 3  # Report B not yet out
    assert len(run(con, "filtered_recommendations")) == 6


@pytest.mark.parametrize("evil", ["' OR 1=1 --", "'; DROP TABLE updates; --", "x" * 10_000, "%", "_"])
def test_hostile_filter_values_are_only_values(con, evil):
    assert run(con, "headline", replace(F, forces=(evil,), q=evil))["total"] == 0
    assert con.execute("SELECT count(*) FROM updates").fetchone()[0] == 16


def test_changes_since(con):
    def changes(since):
        df = run(con, "changes_since", since=since)
        return {r.key: (r.change, r.status_before, r.status_now) for r in df.itertuples()}

    # At 31 Dec 2022, 5-kent was complete (1 Aug 2022); it was reopened on 1 Feb 2023 and its target has passed.
    assert changes(date(2022, 12, 31)) == {"5-kent": ("newly overdue", "complete", "being-progressed")}
    # At 31 Dec 2020: 1-kent was being progressed (complete 15 Jan 2021); 2-kent's and 3-essex's targets were ahead;
    # 4, 5 and 6 were published on 1 Jan 2022.
    assert changes(date(2020, 12, 31)) == {
        "1-kent": ("newly complete", "being-progressed", "complete"),
        "2-kent": ("newly overdue", "being-progressed", "being-progressed"),
        "3-essex": ("newly overdue", "pending-sign-off", "pending-sign-off"),
        "4-essex": ("new", "not yet published", "superseded"),
        "5-kent": ("new", "not yet published", "being-progressed"),
        "6-essex": ("new", "not yet published", "awaiting-review"),
    }
    assert changes(AS_OF) == {}


def test_overdue_with_latest_comment(con):
    df = run(con, "overdue_with_comments", limit=2)
    assert df["key"].tolist() == ["3-essex", "2-kent"]
    assert df["latest_comment"].isna().tolist() == [True, False]
    assert df["latest_comment"].iloc[1].startswith("Progress comment <img src=x")
    assert str(df["latest_comment_on"].iloc[1].date()) == "2022-06-01"


REVISED = """Some inspection (42)
Forces should act.
[on]1st March 2018 [status]being-progressed[/status][/on]
[on]1st March 2018 The action is estimated to be completed by the end of June 2018.[/on]
[on]1st August 2018 The original target has been revised. The action is now estimated to be completed by the end of
December 2018.[/on]
[on]1st February 2019 An update with no new target.[/on]
"""


@pytest.mark.parametrize(("as_of", "target", "overdue"), [
    (date(2018, 5, 31), date(2018, 6, 30), None),   # the first target, not yet passed
    (date(2018, 7, 31), date(2018, 6, 30), 31),     # past the target in force then, before its revision
    (date(2018, 9, 30), date(2018, 12, 31), None),  # revised on 1 Aug: no longer overdue
    (date(2019, 1, 31), date(2018, 12, 31), 31),
    (date(2019, 3, 31), date(2018, 12, 31), 90),    # the last span: today's (current) target
])
def test_targets_as_they_stood_on_the_date(tmp_path, as_of, target, overdue):
    from tracker.ingest.importer import ingest

    record = tmp_path / "42.txt"
    record.write_text(REVISED, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    ingest([str(record)], db, force="Kent")
    row = open_reader(db).execute("SELECT target_original, target_current, target_latest, days_overdue "
                                  "FROM rec_state($d::DATE, 180)", {"d": as_of}).fetchone()
    assert row == (date(2018, 6, 30), target, date(2018, 12, 31), overdue)


def test_overdue_counts_from_the_latest_agreed_or_the_original_target(con):
    # As of 31 Jul 2022 (hand count): 2-kent (target 31 Dec 2021) and 3-essex (31 Mar 2021) are open and past both
    # targets; 5-kent is being progressed with an original target of 30 Jun 2022, revised to 30 Sep 2022.
    day = date(2022, 7, 31)
    latest = run(con, "headline", Filters(as_of=day))
    original = run(con, "headline", Filters(as_of=day, overdue_from="original"))
    assert (latest["overdue"], original["overdue"]) == (2, 3)
    items = run(con, "overdue_items", Filters(as_of=day, overdue_from="original"), sort="days_overdue", limit=10)
    assert dict(zip(items["key"], items["days_overdue"], strict=True)) == {"3-essex": 487, "2-kent": 212, "5-kent": 31}
    # On 30 Jun 2023 both count three, but 5-kent is 273 days past its revised target and 365 past its original.
    now = date(2023, 6, 30)
    days = {f: dict(zip(*run(con, "overdue_items", Filters(as_of=now, overdue_from=f), sort="days_overdue",
                             limit=10)[["key", "days_overdue"]].T.values, strict=True))["5-kent"]
            for f in ("latest", "original")}
    assert days == {"latest": 273, "original": 365}
    assert Filters(as_of=now, overdue_from="anything").struct()["overdue_from"] == "latest"  # a hand-edited URL
