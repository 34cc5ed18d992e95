"""Time to completion as survival analysis: a Kaplan–Meier estimate worked out by hand, agreement with lifelines on the
demo, the log-rank test, and forecasts that beat the base rate on the demo's own history."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tracker.analysis.survival import at_risk, logrank_p, logrank_words, median_text
from tracker.core.filters import Filters
from tracker.ingest.importer import ingest
from tracker.store import queries
from tracker.store.database import open_reader

START = date(2020, 1, 1)
AS_OF = START + timedelta(days=300)
# (id, days to completion, or None with the day it is censored and why)
ITEMS = {1: ("complete", 100), 2: ("complete", 100), 3: ("open", None), 4: ("superseded", 150), 5: ("complete", 200),
         6: ("complete", 300)}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """Six recommendations published on 1 Jan 2020: two complete on day 100 (a tie), one superseded on day 150, one
    complete on day 200, one complete on day 300 and one open then (an event and a censoring at the same time)."""
    folder = tmp_path_factory.mktemp("km")
    recs = ["id,force,report,published_on,text"] + [f"{i},Kent,Report K,{START},Item {i}" for i in ITEMS]
    updates = ["id,force,date,status,text"] + [f"{i},Kent,{START},awaiting-review," for i in ITEMS]
    updates += [f"{i},Kent,{START + timedelta(days=d or 150)},{status}," for i, (status, d) in ITEMS.items() if status != "open"]
    (folder / "recommendations.csv").write_text("\n".join(recs) + "\n", encoding="utf-8")
    (folder / "updates.csv").write_text("\n".join(updates) + "\n", encoding="utf-8")
    db = folder / "km.duckdb"
    ingest([str(folder / "recommendations.csv"), str(folder / "updates.csv")], db)
    return db


def run(db: Path, name: str, as_of: date = AS_OF, **params):
    con = open_reader(db)
    return queries.run(con, name, **Filters(as_of=as_of).params(), **params)


def loglog_interval(s: float, var: float) -> tuple[float, float]:
    """The 95% interval of S by the log(-log) transform, worked out from its formula."""
    z = 1.959963984540054
    a = math.exp(-math.exp(math.log(-math.log(s)) + z * math.sqrt(var) / math.log(s)))
    b = math.exp(-math.exp(math.log(-math.log(s)) - z * math.sqrt(var) / math.log(s)))
    return min(a, b), max(a, b)


def test_a_kaplan_meier_estimate_worked_out_by_hand(small):
    curve = run(small, "km_curve", split="none")
    # t=100: 6 at risk, 2 complete -> S = 4/6; t=150: 4 at risk, 1 superseded (censored), S unchanged;
    # t=200: 3 at risk, 1 complete -> S = 4/6 * 2/3 = 4/9; t=300: 2 at risk, 1 complete and 1 censored -> S = 2/9.
    assert curve[["t", "at_risk", "events", "censored"]].values.tolist() == [
        [100, 6, 2, 0], [150, 4, 0, 1], [200, 3, 1, 0], [300, 2, 1, 1]]
    assert curve["s"].tolist() == pytest.approx([4 / 6, 4 / 6, 4 / 9, 2 / 9], abs=1e-12)
    # Greenwood: 2/(6*4), then + 1/(3*2), then + 1/(2*1).
    for (s, var), (low, high) in zip([(4 / 6, 1 / 12), (4 / 6, 1 / 12), (4 / 9, 1 / 4), (2 / 9, 3 / 4)],
                                     curve[["lower", "upper"]].values.tolist(), strict=True):
        assert (low, high) == pytest.approx(loglog_interval(s, var), abs=1e-12)
    assert (curve["lower"].iloc[0], curve["upper"].iloc[0]) == pytest.approx((0.194616637, 0.904434164), abs=1e-8)
    medians = run(small, "km_medians", split="none").iloc[0]
    assert medians["median"] == 200 and medians["n"] == 6 and medians["completed"] == 4
    assert medians["median_lower"] == 100  # the lower bound is at or below one half from day 100
    assert pd.isna(medians["median_upper"])  # the upper bound never reaches it
    assert median_text(medians["median"], medians["median_lower"], medians["median_upper"]) == \
        "200 days (95% interval 100 to not reached)"


def test_the_completed_only_median_is_biased_and_the_km_one_is_not(small):
    # Only the four completions count for the naive median (100, 100, 200, 300 -> 150 days): the open item and the
    # superseded one are dropped. Kaplan–Meier keeps them as censored: 200 days.
    assert run(small, "headline")["median_days_to_complete"] == 150
    assert run(small, "km_medians", split="none")["median"].iloc[0] == 200


def test_numbers_at_risk(small):
    table = at_risk(run(small, "km_curve", split="none"), days=(0, 100, 200, 365))
    assert table.loc["All"].tolist() == [6, 6, 3, 0]


def test_the_log_rank_answer_in_words():
    assert logrank_p(3.841458820694124) == pytest.approx(0.05, abs=1e-9)
    assert logrank_words("Kent", 30, 20.5, 0.01).startswith("Kent completes its recommendations faster than")
    assert "not clearly different" in logrank_words("Kent", 21, 20.5, 0.8)
    assert logrank_words("Kent", 0, 0, None).startswith("There are too few")


# --- Agreement with lifelines on the demo ---------------------------------------------------------------------------

DEMO_AS_OF = date(2026, 11, 28)


@pytest.fixture(scope="module")
def durations(demo_db):
    """Each demo item's time and event, as our SQL reads them (the input both estimates share)."""
    con = open_reader(demo_db)
    return con.cursor().execute("SELECT grp, force, t, event FROM survival_times($f, 'kind') ORDER BY ALL",
                                {"f": Filters(as_of=DEMO_AS_OF).struct()}).df()


def test_curves_agree_with_lifelines_to_1e9(demo_db, durations):
    from lifelines import KaplanMeierFitter

    curve = run(demo_db, "km_curve", as_of=DEMO_AS_OF, split="kind")
    medians = run(demo_db, "km_medians", as_of=DEMO_AS_OF, split="kind").set_index("grp")
    assert set(curve["grp"]) == set(durations["grp"]) and len(set(curve["grp"])) == 3
    for grp, part in durations.groupby("grp"):
        kmf = KaplanMeierFitter().fit(part["t"], part["event"])
        ours = curve[curve["grp"] == grp].set_index("t")
        theirs = kmf.survival_function_.iloc[:, 0]
        band = kmf.confidence_interval_
        times = [t for t in theirs.index if t in ours.index]
        assert len(times) == len(ours) > 20
        np.testing.assert_allclose(ours.loc[times, "s"], theirs.loc[times], atol=1e-9, rtol=0)
        np.testing.assert_allclose(ours.loc[times, "lower"], band.loc[times].iloc[:, 0], atol=1e-9, rtol=0)
        np.testing.assert_allclose(ours.loc[times, "upper"], band.loc[times].iloc[:, 1], atol=1e-9, rtol=0)
        assert medians.loc[grp, "median"] == kmf.median_survival_time_


def test_log_rank_agrees_with_lifelines(demo_db, durations):
    from lifelines.statistics import logrank_test

    ours = run(demo_db, "logrank", as_of=DEMO_AS_OF, group=["Kent"])
    kent = durations["force"] == "Kent"
    theirs = logrank_test(durations.loc[kent, "t"], durations.loc[~kent, "t"], durations.loc[kent, "event"],
                          durations.loc[~kent, "event"])
    assert ours["chi2"] == pytest.approx(theirs.test_statistic, abs=1e-9)
    assert logrank_p(ours["chi2"]) == pytest.approx(theirs.p_value, abs=1e-9)


# --- Forecasts ------------------------------------------------------------------------------------------------------

def backtest(db: Path, made: date, known: date):
    """Forecasts made on `made` for items open then whose target fell by `known`, and what happened: (p, y)."""
    forecast = run(db, "forecasts", as_of=made, keys=None)
    forecast = forecast[forecast["p_by_target"].notna() & (forecast["days_overdue"].isna())]
    forecast = forecast[forecast["target_current"].dt.date <= known]
    con = open_reader(db)
    done = dict(con.cursor().execute("SELECT key, completed_on FROM rec_state($d, 180) WHERE status = 'complete'",
                                     {"d": known}).fetchall())
    y = [1.0 if k in done and done[k] <= t.date() else 0.0 for k, t in zip(forecast["key"], forecast["target_current"],
                                                                              strict=True)]
    return forecast["p_by_target"].to_numpy(), np.array(y)


def test_forecasts_beat_the_base_rate_on_the_demos_own_history(demo_db):
    made = date(2024, 5, 28)
    p, y = backtest(demo_db, made, DEMO_AS_OF)
    assert len(y) > 50
    con = open_reader(demo_db)
    # what a board knew then: the share of items whose target had passed that were complete by it
    base = con.cursor().execute(
        "SELECT avg(CASE WHEN status = 'complete' AND completed_on <= target_current THEN 1.0 ELSE 0.0 END) "
        "FROM rec_state($d, 180) WHERE target_current < $d AND published_on IS NOT NULL", {"d": made}).fetchall()[0][0]
    brier = float(np.mean((p - y) ** 2))
    assert brier < float(np.mean((base - y) ** 2))


def test_a_forecast_is_the_conditional_curve_of_its_comparable_items(demo_db):
    from tracker.analysis.survival import survival_at

    forecasts = run(demo_db, "forecasts", as_of=DEMO_AS_OF, keys=None)
    curves = run(demo_db, "km_curve", as_of=DEMO_AS_OF, split="kind")  # checked within one kind and theme below
    con = open_reader(demo_db)
    times = con.cursor().execute("SELECT grp, t, event FROM survival_times($f, 'kind_theme')",
                                 {"f": Filters(as_of=DEMO_AS_OF).struct()}).df()
    assert len(curves) and len(forecasts) > 100
    checked = 0
    for row in forecasts[forecasts["p_by_target"] > 0].head(25).itertuples():
        from lifelines import KaplanMeierFitter

        part = times[times["grp"] == row.grp]
        kmf = KaplanMeierFitter().fit(part["t"], part["event"])
        curve = pd.DataFrame({"t": kmf.survival_function_.index, "s": kmf.survival_function_.iloc[:, 0]})
        s_age = survival_at(curve, row.age)
        target_age = (row.target_current.date() - (DEMO_AS_OF - timedelta(days=int(row.age)))).days
        assert row.p_by_target == pytest.approx(1 - survival_at(curve, target_age) / s_age, abs=1e-9)
        halfway = curve[curve["s"] <= 0.5 * s_age + 1e-12]  # lifelines multiplies in another order: 0.5 + 1e-16
        expected = None if halfway.empty else DEMO_AS_OF - timedelta(days=int(row.age)) + timedelta(
            days=int(halfway["t"].iloc[0]))
        assert (None if pd.isna(row.expected_on) else row.expected_on.date()) == expected
        assert row.basis == len(part)
        checked += 1
    assert checked == 25


def test_an_open_item_past_its_target_has_no_chance_of_meeting_it(demo_db):
    forecasts = run(demo_db, "forecasts", as_of=DEMO_AS_OF, keys=None)
    overdue = forecasts[forecasts["days_overdue"] > 0]
    assert len(overdue) and (overdue["p_by_target"] == 0).all()


def test_at_risk_items_are_the_forecasts_less_likely_than_not_by_their_target(demo_db):
    """The query's filter is the page's, the agenda's and the pack's: open, not yet overdue, p_by_target < 0.5, least
    likely first; the same rows as the forecasts filtered by hand."""
    forecasts = run(demo_db, "forecasts", as_of=DEMO_AS_OF, keys=None)
    by_hand = forecasts[forecasts["days_overdue"].isna() & (forecasts["p_by_target"] < 0.5)].sort_values(
        ["p_by_target", "key"])
    at_risk = run(demo_db, "at_risk_items", as_of=DEMO_AS_OF, limit=10_000)
    assert len(at_risk) == len(by_hand) > 0
    assert at_risk["key"].tolist() == by_hand["key"].tolist()
    assert run(demo_db, "at_risk_items", as_of=DEMO_AS_OF, limit=3)["key"].tolist() == by_hand["key"].tolist()[:3]
    one = run(demo_db, "forecasts", as_of=DEMO_AS_OF, keys=[by_hand.iloc[0]["key"]])
    assert one["key"].tolist() == [by_hand.iloc[0]["key"]]
    assert one["p_by_target"].iloc[0] == by_hand.iloc[0]["p_by_target"]
