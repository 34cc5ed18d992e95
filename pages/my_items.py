"""My items: one owner's open items, overdue first, then what falls due in 30 and 60 days, with latest comments."""

import streamlit as st

from tracker.analysis.survival import FORECAST_METHOD
from tracker.app.data import current_cadence, current_reader, db_path, query
from tracker.app.item_actions import my_actions_section
from tracker.app.rating import legend, rater
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import literal, nothing_matches, table, tiles, unique_labels
from tracker.app.workflow import AWAITING_REVIEW, flash, may_submit, show_flash, submission_form, withdraw_control
from tracker.core.display import fmt_int
from tracker.notify.calendar import calendar_bytes
from tracker.notify.digest import base_url
from tracker.workflow.actions import CADENCES, set_reminders

WINDOWS = (("overdue", "Overdue"), ("due in 30 days", "Due in 30 days"), ("due in 60 days", "Due in 31–60 days"),
           ("later", "Later"), ("no target", "No target"))

ensure_entrypoint()
filters = current_filters()
st.title("My items")
show_flash()

load = query("owner_workload", filters, by="owner")
load = load[load["person"] != "(not named)"].sort_values(["person", "force"])
labels = unique_labels(load["person_key"], load["person"] + " (" + load["force"] + ")")
reader = current_reader()
mine = f"p{reader.person.person_id}" if reader and reader.person else None
if mine and mine not in labels:  # a signed-in person with no open items is still themselves
    labels = {mine: reader.person.label, **labels}
# Opens on the signed-in person (a default, so the URL stays clean); a link with ?me= opens that person.
me = st.selectbox("Owner", list(labels), index=list(labels).index(mine) if mine else None, key="me",
                  bind="query-params", placeholder="Choose your name", format_func=lambda k: labels.get(k, k))
items = query("person_items", filters, by="owner", person=me) if me else None
if not me:
    st.info("Choose your name to see your open recommendations. The link then opens straight to them.",
            icon=":material/person_search:")
elif items.empty:
    nothing_matches("open recommendations for this owner")
else:
    literal(labels[me])
    counts = items["window"].value_counts()
    tiles([
        ("Open", fmt_int(len(items)), "Your open recommendations."),
        ("Overdue", fmt_int(counts.get("overdue", 0)), "Past the current target."),
        ("Due in 30 days", fmt_int(counts.get("due in 30 days", 0)), "Target within 30 days."),
        ("Due in 31–60 days", fmt_int(counts.get("due in 60 days", 0)), "Target 31 to 60 days away."),
        ("Stale", fmt_int(int(items["is_stale"].sum())), f"No update for more than {filters.stale_days} days."),
    ])
    forecast = query("forecasts", filters, keys=items["key"].tolist())[["key", "p_by_target", "expected_on"]]
    items = rater(filters)(items.merge(forecast, on="key", how="left"))
    st.caption(FORECAST_METHOD)
    legend(filters, items["force"])
    for window, heading in WINDOWS:
        part = items[items["window"] == window]
        if part.empty:
            continue
        st.header(f"{heading} ({len(part):,})")
        slug = window.replace(" ", "_")
        table(part.drop(columns=["window"]), f"mine_{slug}", f"my_items_{slug}")

if me and me[:1] == "p" and me[1:].isdigit():  # a person in the directory: the actions they own under recommendations
    my_actions_section(filters, int(me[1:]), own=me == mine)

if me and mine and me == mine:  # the signed-in person's own work: report progress, follow their submissions
    own = query("person_items", filters.only_date(), by="owner", person=mine)
    can = [k for k in own["key"] if may_submit(k)] if not own.empty else []
    if can:
        st.header("Report progress")
        st.caption(AWAITING_REVIEW)
        names = dict(zip(own["key"], own["id"].astype(str) + " · " + own["report_title"], strict=True))
        key = st.selectbox("On", can, format_func=lambda k: names.get(k, k), key="submit_on")
        submission_form(key, "my-submission")
    mine_rows = query("my_submissions", filters.only_date(), person_id=reader.person.person_id)
    if not mine_rows.empty:
        st.header("Your submissions")
        returned = mine_rows[mine_rows["state"] == "returned"]
        if len(returned):
            st.warning(f"{len(returned)} of your submissions came back with a reason: see the table.",
                       icon=":material/reply:")
        table(mine_rows, "my_submissions", "my_submissions")
        withdraw_control(mine_rows, "mine")

    with st.expander("Reminders and calendar", icon=":material/notifications:"):
        cadence = st.segmented_control("Email digest", CADENCES, default=current_cadence(reader.person.person_id),
                                       key="cadence", format_func=str.capitalize)
        if cadence and cadence != current_cadence(reader.person.person_id):
            set_reminders(db_path(), reader.person, cadence)
            flash(f"Your digest is now {cadence}.")
            st.rerun()
        st.download_button("Targets as a calendar (.ics)", lambda: calendar_bytes(own, reader.person.label, base_url()),
                           f"targets-{reader.person.person_id}.ics", "text/calendar", icon=":material/calendar_month:",
                           on_click="ignore", help="Your open items' targets as calendar events; a revised target moves "
                                                   "its event when you import the file again.")
