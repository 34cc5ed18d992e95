"""The comparison: the common Streamlit pattern of reading every table into pandas once, then filtering per rerun."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from benchmarks import BENCH_SQL
from tracker.core.forces import BODIES
from tracker.store.database import open_reader
from tracker.store.queries import quoted_statement

CLOSED = ("complete", "superseded")


@st.cache_data(show_spinner=False)
def load_all(path: str) -> dict[str, pd.DataFrame]:
    """Every table, whole, in pandas (cached; each cache hit hands back a fresh copy)."""
    con = open_reader(Path(path))  # the same read-only settings as the app, so both can be open in one process
    return {name: con.execute(quoted_statement(BENCH_SQL / "whole_table.sql", table=name)).df()
            for name in ("recommendations", "updates", "reports")}


def state(tables: dict[str, pd.DataFrame], as_of: date, stale_days: int = 180) -> pd.DataFrame:
    """Each recommendation's status, last update and overdue days as of a date, in pandas."""
    ts = pd.Timestamp(as_of)
    recs = tables["recommendations"]
    recs = recs[~recs["force"].isin(BODIES)]  # national bodies' recommendations count only when asked for
    recs = recs[pd.to_datetime(recs["published_on"]) <= ts]
    ups = tables["updates"]
    ups = ups[pd.to_datetime(ups["on_date"]) <= ts]
    with_status = ups[ups["status"].notna()].sort_values(["key", "on_date", "position"])
    latest = with_status.groupby("key")["status"].last()
    last_update = ups.groupby("key")["on_date"].max()
    out = recs.set_index("key")
    out["status"] = latest.reindex(out.index).fillna("no-status")
    out["last_update_on"] = pd.to_datetime(last_update.reindex(out.index))
    out["is_open"] = ~out["status"].isin(CLOSED)
    target = pd.to_datetime(out["target_current"])
    out["days_overdue"] = (ts - target).dt.days.where(out["is_open"] & (target < ts))
    since = out["last_update_on"].fillna(pd.to_datetime(out["published_on"]))
    out["is_stale"] = out["is_open"] & ((ts - since).dt.days > stale_days)
    return out.reset_index()


def overview(path: str, as_of: date) -> dict:
    """The Overview page's figures: headline counts, funnel, status by force."""
    s = state(load_all(path), as_of)
    return {
        "open": int(s["is_open"].sum()), "complete": int((s["status"] == "complete").sum()),
        "overdue": int((s["days_overdue"] > 0).sum()), "stale": int(s["is_stale"].sum()),
        "funnel": s["status"].value_counts().to_dict(),
        "by_force": s.groupby(["force", "status"]).size(),
    }


def overdue(path: str, as_of: date) -> pd.DataFrame:
    """The Overdue page's list, most overdue first."""
    s = state(load_all(path), as_of)
    return s[s["days_overdue"] > 0].sort_values(["days_overdue", "key"], ascending=[False, True]).head(5000)


def owners(path: str, as_of: date) -> pd.DataFrame:
    """The owner workload table."""
    s = state(load_all(path), as_of)
    s = s[s["is_open"]].assign(person=lambda d: d["owner"].fillna("(not named)"), late=lambda d: d["days_overdue"] > 0)
    return (s.groupby("person").agg(open=("key", "size"), overdue=("late", "sum"), stale=("is_stale", "sum"))
            .sort_values(["open", "overdue"], ascending=False))
