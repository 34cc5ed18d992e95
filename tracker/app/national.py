"""The National recommendations page's parts: one recommendation addressed to every chief constable (and perhaps to
national bodies), each recipient's copy under the same id: how the forces stand, the slowest, the national median
time to complete with its interval, and the national bodies' copies apart."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from tracker.app.data import query
from tracker.app.view import literal, table
from tracker.core.display import fmt_days, fmt_int, missing
from tracker.core.filters import Filters
from tracker.core.statuses import label

PICK = "national"  # the URL parameter naming the recommendation's id
SLOWEST = 5


def median_text(row: dict | None) -> str:
    """'699 days (95% interval 588 to 783 days; 38 of 43 complete)', in words when there is no median yet."""
    if row is None or missing(row.get("n")) or not row["n"]:
        return "No copy to measure."
    done = f"{fmt_int(row['completed'])} of {fmt_int(row['n'])} complete"
    if missing(row["median"]):
        return f"Fewer than half are complete, so there is no median yet ({done})."
    upper = "not yet known" if missing(row["median_upper"]) else fmt_days(row["median_upper"])
    return f"{fmt_days(row['median'])} (95% interval {fmt_days(row['median_lower'])} to {upper}; {done})"


def slowest(recipients: pd.DataFrame, n: int = SLOWEST) -> pd.DataFrame:
    """The forces' copies slowest first (the query's order): the first n still open (longest overdue, then longest
    open), or the longest to complete when fewer are open."""
    forces = recipients[~recipients["is_body"].astype(bool)]
    return forces.head(n)


def pick(filters: Filters) -> int | None:
    """The national recommendation the URL or the chooser names (its id), or None."""
    options = query("national_recommendations", replace(filters, with_bodies=True))
    if options.empty:
        st.info("No recommendation the filters select is held by more than one recipient.", icon=":material/info:")
        return None
    labels = {str(int(r.id)): f"{int(r.id)} · {r.report_title}" for r in options.itertuples(index=False)}
    keys = list(labels)
    # Bound to the URL by the id alone (?national=7001), so a recommendation's page can link here.
    wanted = st.query_params.get(PICK)
    chosen = st.selectbox("National recommendation", keys, index=keys.index(wanted) if wanted in labels else None,
                          format_func=lambda v: labels.get(v, v), placeholder="Choose a recommendation by its id")
    if chosen is None:
        st.query_params.pop(PICK, None)
        return None
    st.query_params[PICK] = chosen
    return int(chosen)


def national_view(filters: Filters, rec_id: int) -> None:
    """One national recommendation across its recipients."""
    one = replace(filters, ids=(rec_id,), forces=())
    recipients = query("national_recipients", replace(one, with_bodies=True))
    if recipients.empty:
        st.info("No copy of this recommendation is in your scope.", icon=":material/block:")
        return
    forces = recipients[~recipients["is_body"].astype(bool)]
    bodies = recipients[recipients["is_body"].astype(bool)]
    st.header(f"Recommendation {rec_id}")
    literal(query("recommendation_detail", replace(one, with_bodies=True), key=recipients.iloc[0]["key"])["text"])
    cols = st.columns(4)
    cols[0].metric("Forces holding it", fmt_int(len(forces)))
    cols[1].metric("Complete", fmt_int(int((forces["status"] == "complete").sum())))
    cols[2].metric("Being progressed", fmt_int(int(forces["is_open"].astype(bool).sum())))
    cols[3].metric("Overdue", fmt_int(int((forces["days_overdue"].fillna(0) > 0).sum())))
    st.subheader("National median time to complete")
    st.text(median_text(query("national_median", one)))
    st.caption("Kaplan–Meier, over the forces' copies, from the report's publication: a copy still open counts for "
               "as long as it has been open (censored); the national bodies' copies are not in it.")
    shown = {"force": "Force", "status": "Status", "days_overdue": "Days overdue", "days_open": "Days open",
             "days_to_complete": "Days to complete", "target_current": "Target", "last_update_on": "Last update"}
    st.subheader("Slowest forces")
    table(labelled(slowest(recipients)), f"national-slowest-{rec_id}", f"national_{rec_id}_slowest",
          columns={k: v for k, v in shown.items()})
    st.subheader(f"Every force ({len(forces):,})")
    table(labelled(forces), f"national-forces-{rec_id}", f"national_{rec_id}_forces", columns=dict(shown))
    links = query("national_links", replace(one, with_bodies=True))
    if len(links):
        st.subheader(f"Confirmed links ({len(links):,})")
        st.caption("Links an analyst confirmed between a copy of this recommendation and another report's.")
        table(links, f"national-links-{rec_id}", f"national_{rec_id}_links")
    if len(bodies):
        st.subheader(f"National bodies ({len(bodies):,})")
        st.caption("Their copies are kept apart from the forces in every force comparison.")
        table(labelled(bodies), f"national-bodies-{rec_id}", f"national_{rec_id}_bodies",
              columns={**shown, "force": "Body"})


def labelled(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with statuses in words, without the flags the tables do not show."""
    out = rows.drop(columns=["is_body", "is_open"])
    out["status"] = out["status"].map(label)
    return out


def national_link(filters: Filters, rec_id: int) -> None:
    """On a recommendation's page: a link to the national view when other recipients hold the same id."""
    held = query("copies_of_id", replace(filters.only_date(), with_bodies=True), id=rec_id)
    if held and int(held["copies"] or 0) > 1:
        st.page_link("pages/national.py", label=f"National view: {int(held['copies']):,} recipients hold recommendation "
                     f"{rec_id}", icon=":material/hub:", query_params={PICK: str(rec_id)})

