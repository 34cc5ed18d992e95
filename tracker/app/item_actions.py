"""The actions under a recommendation, on the pages: on its page the roll-up ('2 of 3 actions complete') and the list
(owner, target, status, overdue ones said in words, latest update), with the forms that add or change an action and
report progress on one; on My items a person's own actions and the same progress form."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tracker.app.data import current_reader, db_path, query, today
from tracker.app.view import table
from tracker.app.workflow import item_facts, save
from tracker.core.display import missing
from tracker.core.filters import Filters
from tracker.people.access import Person
from tracker.workflow.actions import add_action, change_action, update_action
from tracker.workflow.findings import action_standing, actions_progress
from tracker.workflow.rules import ACTION_STATUSES, MAX_TITLE, Action, id_of, plan_refusal, progress_refusal

NOTE_CHARS = 5_000  # a progress note, as the write keeps it
TARGET = {"target": "target_date"}  # shown as "Target date": a table's "target" is a submission's proposed one


def standing(actions: pd.DataFrame, as_of: date) -> list[str]:
    """Each action's place against its target, in words ('complete', '31 days overdue', '12 days left')."""
    return [action_standing(a.status, a.target, a.days_overdue, as_of) for a in actions.itertuples(index=False)]


def reader_person() -> Person | None:
    """The signed-in (or demo) person, or None."""
    reader = current_reader()
    return reader.person if reader is not None else None


def actions_section(filters: Filters, rec: dict) -> None:
    """On a recommendation's page: its actions rolled up and listed as of the filters' date, their dated trail, and
    for its lead or a reviewer of its force the forms that add or change one; for an action's owner or a reviewer,
    the form that reports progress on it."""
    key = rec["key"]
    actions = query("item_actions", filters.only_date(), key=key)
    person, item = reader_person(), item_facts(key)
    may_plan = plan_refusal(person, item) is None
    now = query("item_actions", Filters(as_of=today()), key=key)
    mine = {f"{key}#{a.action}": f"{a.action}: {a.title}" for a in now.itertuples(index=False)
            if progress_refusal(person, item, Action(int(a.action), id_of(a.owner_id), a.status)) is None}
    if actions.empty and now.empty:
        if may_plan:
            with st.expander("Actions: none yet", icon=":material/checklist:"):
                st.caption("Split this recommendation into actions, each with its own owner and target date.")
                plan_forms(person, key, item.force, now)
        return
    st.header(f"Actions: {actions_progress(actions)}" if len(actions) else "Actions")
    if actions.empty:
        st.info("No actions under this recommendation as of the date shown.", icon=":material/checklist:")
    else:
        st.caption("Each action is part of the work on this recommendation; it is not a recommendation and is not "
                   "counted as one. The recommendation is not accepted as complete while an action is open unless "
                   "its reviewer says why.")
        listed = actions.assign(against_target=standing(actions, filters.as_of)).rename(columns=TARGET)
        table(listed[["action", "title", "owner", "target_date", "status", "against_target", "latest_update",
                      "updated_on", "updated_by"]], f"actions-{key}", f"actions_{key}")
        with st.expander("Every step of its actions", icon=":material/history:"):
            table(query("item_action_trail", filters.only_date(), key=key), f"action-trail-{key}",
                  f"action_trail_{key}")
    if mine:
        progress_form(person, mine, f"action-progress-{key}")
    if may_plan:
        with st.expander("Add or change an action", icon=":material/edit_note:"):
            plan_forms(person, key, item.force, now)


def owner_choices(force: str) -> dict[int, str]:
    """The people who may own an action of this force's item (force_people): number -> 'Name (job title)'."""
    people = query("force_people", Filters(as_of=today()), force=force)
    return {int(p.person_id): p.name + (f" ({p.job_title})" if isinstance(p.job_title, str) and p.job_title else "")
            for p in people.itertuples(index=False)}


def plan_forms(person: Person, key: str, force: str, now: pd.DataFrame) -> None:
    """The form that adds an action (what is to be done, its owner, its target), and, for an action chosen, the form
    that changes it (filled in as it stands) with why."""
    owners = owner_choices(force)
    with st.form(f"action-add-{key}", clear_on_submit=True):
        st.caption("A new action")
        title = st.text_input("What is to be done", max_chars=MAX_TITLE)
        left, right = st.columns(2)
        owner = left.selectbox("Owner", list(owners), index=None, format_func=owners.get,
                               placeholder=f"Choose a person of {force}")
        target = right.date_input("Target date", value=None, format="DD/MM/YYYY")
        if st.form_submit_button("Add the action", icon=":material/add_task:"):
            save(lambda: add_action(db_path(), person, key, title, owner, target, source="app", today=today()),
                 lambda done: f"Saved: action {done[0]} added (event #{done[1]}).")
    if now.empty:
        return
    rows = {int(a.action): a for a in now.itertuples(index=False)}
    number = st.selectbox("Change an action", list(rows), index=None, key=f"action-pick-{key}",
                          format_func=lambda n: f"{n}: {rows[n].title}", placeholder="Choose one to change")
    if number is None:
        return
    was = rows[number]
    with st.form(f"action-change-{key}-{number}", clear_on_submit=True):
        title = st.text_input("What is to be done", value=was.title, max_chars=MAX_TITLE)
        left, right = st.columns(2)
        ids = list(owners)
        owner = left.selectbox("Owner", ids, index=ids.index(int(was.owner_id)) if int(was.owner_id) in owners else None,
                               format_func=owners.get, placeholder=f"Choose a person of {force}")
        target = right.date_input("Target date", value=None if missing(was.target) else pd.Timestamp(was.target).date(),
                                  format="DD/MM/YYYY")
        reason = st.text_input("Why it changes (optional)", max_chars=500)
        if st.form_submit_button(f"Save the change to action {number}", icon=":material/save:"):
            save(lambda: change_action(db_path(), person, key, number, title, owner, target, reason, source="app",
                                       today=today()),
                 lambda seq: f"Saved: action {number} changed (event #{seq}).")


def progress_form(person: Person, choices: dict[str, str], form_key: str) -> None:
    """Report progress on one of these actions ('<item key>#<number>' -> its label): a note, and whether it is still
    open or complete; saved as the signed-in person, dated today."""
    with st.form(form_key, clear_on_submit=True):
        st.caption("Report progress on an action")
        chosen = st.selectbox("Action", list(choices), format_func=choices.get)
        status = st.radio("Status", ACTION_STATUSES, horizontal=True,
                          format_func=lambda s: "Still open" if s == "open" else "Complete")
        comment = st.text_area("Progress note", max_chars=NOTE_CHARS, placeholder="What has been done since the last note")
        if st.form_submit_button("Save progress", icon=":material/task_alt:", type="primary"):
            key, number = chosen.rsplit("#", 1)
            save(lambda: update_action(db_path(), person, key, int(number), status, comment, source="app",
                                       today=today()),
                 lambda seq: f"Saved: action {number} of {key} is {status} (event #{seq}).")


def my_actions_section(filters: Filters, person_id: int, own: bool) -> None:
    """On My items: the actions this person owns under open recommendations, open first (overdue ones said in
    words); and when they are the reader, the form that reports progress on them."""
    mine = query("my_actions", filters, person_id=person_id)
    if mine.empty:
        return
    left = int((mine["status"] == "open").sum())
    overdue = int((mine["days_overdue"].fillna(0) > 0).sum())
    st.header(f"Actions ({left:,} open, {overdue:,} overdue)")
    st.caption("The actions you own under recommendations (each is part of the work on its recommendation).")
    listed = mine.assign(against_target=standing(mine, filters.as_of)).rename(columns=TARGET)
    table(listed[["key", "id", "force", "action", "title", "target_date", "status", "against_target", "latest_update",
                  "updated_on"]], "my_actions", "my_actions")
    if not own:
        return
    person = reader_person()
    now = query("my_actions", Filters(as_of=today()), person_id=person_id)
    items = {k: item_facts(k) for k in set(now["key"])}
    choices = {f"{a.key}#{a.action}": f"{a.key} · action {a.action}: {a.title}" for a in now.itertuples(index=False)
               if progress_refusal(person, items[a.key], Action(int(a.action), person_id, a.status)) is None}
    if choices:
        progress_form(person, choices, "my-action-progress")
