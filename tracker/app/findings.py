"""Findings as the inspectorate structures them, on the pages: a cause of concern with the recommendations answering
it, the cause an item answers, the links an analyst confirmed (with the form to add one), and the open causes of
concern for the Overview."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from tracker.app.data import current_reader, db_path, query, today
from tracker.app.view import literal, table
from tracker.app.workflow import save
from tracker.core.display import fmt_date, missing
from tracker.core.filters import Filters
from tracker.core.statuses import label
from tracker.workflow.actions import set_priority, track
from tracker.workflow.findings import cause_progress
from tracker.workflow.links import LINKERS, RELATIONS, link_items
from tracker.workflow.rules import PRIORITIES, item_of_row, tracking_refusal

SIMILAR = 5  # related recommendations a page shows


def cause_section(filters: Filters, rec: dict) -> None:
    """On a recommendation's page: for a cause of concern, the recommendations answering it ('2 of 3 complete'); for
    an item answering one, a link to it."""
    if rec["kind"] == "cause of concern":
        answers = query("cause_recommendations", filters.only_date(), key=rec["key"])
        st.header(f"Recommendations answering this cause of concern ({cause_progress(answers)})")
        if answers.empty:
            st.info("No recommendation is linked to this cause of concern yet.", icon=":material/info:")
        else:
            shown = answers.assign(status=answers["status"].map(label)).drop(columns=["is_open"])
            table(shown, f"cause-{rec['key']}", f"cause_{rec['key']}")
    elif isinstance(rec.get("cause_key"), str):
        # A fixed label (a label is Markdown): the cause's own text is on its page.
        st.page_link("pages/recommendation.py", label="This answers a cause of concern: open it",
                     icon=":material/priority_high:", query_params={"id": rec["cause_key"]})


def links_section(filters: Filters, rec: dict) -> None:
    """The links that stand between this item and others (both ways round), and for an analyst, reviewer or
    administrator the form that confirms a new one or takes one back."""
    links = query("item_links", filters.only_date(), key=rec["key"])
    reader = current_reader()
    may = reader is not None and reader.person is not None and bool(set(reader.person.roles) & set(LINKERS))
    if links.empty and not may:
        return
    with st.expander(f"Linked recommendations ({len(links):,})", icon=":material/link:"):
        for row in links.itertuples(index=False):
            if row.relation == "carried_forward":  # made by the item's closing, not by an analyst
                words = "is carried forward into" if row.direction == "to" else "takes over (carried forward from)"
                literal(f"This {words} recommendation {row.other_id} of {row.other_report} ({row.other_force}), "
                        f"recorded by {row.actor}")
                continue
            words = RELATIONS[row.relation] if row.direction == "to" else f"is linked by ({RELATIONS[row.relation]})"
            literal(f"This {words} recommendation {row.other_id} of {row.other_report} ({row.other_force}), "
                    f"confirmed by {row.actor}")
        if not may:
            return
        with st.form(f"link-{rec['key']}", clear_on_submit=True):
            relation = st.selectbox("This recommendation", list(RELATIONS), format_func=RELATIONS.get)
            other = st.text_input("The other recommendation's key", max_chars=200, placeholder="8019-kent")
            reason = st.text_input("Why (optional)", max_chars=500)
            unlink = st.checkbox("Take this link back")
            if st.form_submit_button("Save the link", icon=":material/link:"):
                save(lambda: link_items(db_path(), reader.person, rec["key"], other.strip(), relation, reason,
                                        unlink=unlink, source="app"),
                     lambda n: f"Saved: link #{n}.")


def open_causes(filters: Filters) -> None:
    """On the Overview: the open causes of concern, apart from other items, with their recommendations' progress."""
    causes = query("open_causes", filters)
    if causes.empty:
        return
    st.header(f"Open causes of concern ({len(causes):,})")
    st.caption("A cause of concern is a serious shortfall; each comes with recommendations that answer it.")
    shown = causes.assign(status=causes["status"].map(label),
                          progress=[f"{int(c):,} of {int(n):,} complete" for c, n in
                                    zip(causes["complete"], causes["recommendations"], strict=True)])
    table(shown[["key", "id", "force", "report_title", "text", "status", "progress", "overdue"]], "open-causes",
          "open_causes", columns={"progress": "Recommendations", "overdue": "Of them overdue"})


def priority_section(rec: dict) -> None:
    """The item's priority and why, and for an analyst, reviewer or administrator the form that sets it."""
    reader = current_reader()
    may = reader is not None and reader.person is not None and bool({"analyst", "reviewer", "admin"}
                                                                    & set(reader.person.roles))
    has = not missing(rec.get("priority"))
    if not has and not may:
        return
    with st.expander("Priority: " + (PRIORITIES[int(rec["priority"])] if has else "none set"),
                     icon=":material/flag:"):
        if has:
            literal(f"Why: {rec['priority_reason']}")
        if not may:
            return
        with st.form(f"priority-{rec['key']}", clear_on_submit=True):
            chosen = st.radio("Priority", list(PRIORITIES), format_func=PRIORITIES.get, horizontal=True)
            reason = st.text_input("Why", max_chars=500)
            if st.form_submit_button("Set the priority", icon=":material/flag:"):
                save(lambda: set_priority(db_path(), reader.person, rec["key"], chosen, reason, source="app",
                                          today=today()),
                     lambda seq: f"Saved: priority {chosen} (event #{seq}).")


def tracking_section(filters: Filters, rec: dict) -> None:
    """Whether the item is on track (off track: why, the revised forecast, since when and who said so), and for its
    lead or a reviewer of its force the form that marks it off track or back on track."""
    state = query("workflow_item", filters.only_date(), key=rec["key"])
    if state is None:
        return
    reader = current_reader()
    person = reader.person if reader is not None else None
    off = bool(state["off_track"])
    may = tracking_refusal(person, item_of_row(state), not off, off, "-", today(), today()) is None
    if not off and not may:
        return
    with st.expander("Off track" if off else "On track", icon=":material/trending_down:" if off else
                     ":material/trending_flat:"):
        if off:
            literal(f"Off track since {fmt_date(state['off_track_since'])}: {state['off_track_reason']}")
            st.text(f"Revised forecast: {fmt_date(state['forecast'])}")
        if not may:
            return
        with st.form(f"track-{rec['key']}", clear_on_submit=True):
            if off:
                reason = st.text_input("Why it is back on track (optional)", max_chars=500)
                forecast = None
            else:
                reason = st.text_input("Why it is off track", max_chars=500)
                forecast = st.date_input("Revised forecast: the day it is now expected done", value=None,
                                         min_value=today(), format="DD/MM/YYYY")
            label_ = "Mark back on track" if off else "Mark off track"
            if st.form_submit_button(label_, icon=":material/trending_flat:" if off else ":material/trending_down:"):
                save(lambda: track(db_path(), person, rec["key"], not off, reason, forecast, source="app",
                                   today=today()),
                     lambda seq: f"Saved: {'back on track' if off else 'off track'} (event #{seq}).")


def similar_section(filters: Filters, rec: dict) -> None:
    """Up to five recommendations of other reports in the force whose text is most like this one's, and, for a reader
    who sees other forces, up to five of the same ask made elsewhere, with the similarity (an analyst confirms a link
    in the form above: nothing is merged)."""
    reader = current_reader()
    scope = reader.scope if reader is not None else ()
    # Asked for more than shown: an item the date or a retracted import leaves out is dropped when its facts are read.
    same_force = query("similar_items", filters.only_date(), key=rec["key"], limit=4 * SIMILAR)
    elsewhere = (query("similar_elsewhere", filters.only_date(), key=rec["key"], limit=4 * SIMILAR)
                 if scope is None or len(scope) > 1 else same_force.iloc[0:0])
    for found, title, key in ((same_force, "Similar recommendations in other reports", "similar"),
                              (elsewhere, "The same ask in other forces", "elsewhere")):
        if found.empty:
            continue
        facts = query("recommendations_by_id", replace(filters.only_date(), ids=tuple(int(i) for i in found["id"]),
                                                       forces=tuple(sorted(set(found["force"]))), with_bodies=True))
        shown = found[["key", "force", "similarity"]].merge(facts, on="key")
        shown = shown.sort_values(["similarity", "key"], ascending=[False, True]).head(SIMILAR)
        shown["status"] = shown["status"].map(label)
        columns = ["key", "id", *(["force"] if key == "elsewhere" else []), "report_title", "text", "status",
                   "similarity"]
        with st.expander(f"{title} ({len(shown):,})", icon=":material/join:"):
            st.caption("By the words of their texts (TF-IDF cosine similarity, 0 to 1). A similar text is not a link: "
                       "an analyst confirms one under Linked recommendations.")
            table(shown[columns], f"{key}-{rec['key']}", f"{key}_{rec['key']}",
                  columns={"similarity": st.column_config.NumberColumn("Similarity", format="%.2f")})
