"""The People page's force policies: each force's policies as they stand, and an administrator setting one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.app.data import db_path, query
from tracker.app.view import refused, table
from tracker.core.errors import TrackerError
from tracker.core.filters import Filters
from tracker.core.policies import POLICIES, standing
from tracker.people.access import Reader
from tracker.workflow.actions import set_policy


def policy_rows(forces: list[str], set_rows: pd.DataFrame) -> pd.DataFrame:
    """Every policy of each force, its value (in words too, where the value alone does not say it) and whether it is the
    default or who set it when: one row each."""
    rows = []
    for force in forces:
        mine = set_rows[set_rows["force"] == force]
        for name, policy in POLICIES.items():
            found = mine[mine["name"] == name]
            value = standing(found.to_dict("records"), force, name)
            rows.append({"force": force, "policy": policy.label, "value": value,
                         "in_words": policy.words(value) if policy.words else None,
                         "set": "default" if found.empty else f"{found.iloc[0]['since']:%d %b %Y} by {found.iloc[0]['by']}",
                         "reason": None if found.empty else found.iloc[0]["reason"]})
    return pd.DataFrame(rows, columns=["force", "policy", "value", "in_words", "set", "reason"])


def policies_section(reader: Reader, filters: Filters, forces: list[str]) -> None:
    """Each force's policies (the reader's forces) and, for an administrator, a form to set one from today."""
    st.header("Force policies")
    st.caption(" ".join(f"{p.label}: {p.explain}" for p in POLICIES.values()))
    table(policy_rows(forces, query("force_policies", filters)), "policies", "force_policies")
    if reader.person is None or "admin" not in reader.person.roles or not forces:
        return
    with st.form("set_policy"):
        force = forces[0] if reader.person.force else st.selectbox("Force", forces)
        name = st.selectbox("Policy", list(POLICIES), format_func=lambda n: POLICIES[n].label)
        value = st.text_input("Value", help=" ".join(f"{p.label}: {p.explain}" for p in POLICIES.values()))
        reason = st.text_input("Why")
        if st.form_submit_button("Set the policy", icon=":material/gavel:"):
            try:
                set_policy(db_path(), reader.person, force, name, value, reason)
            except TrackerError as exc:
                refused("Not set.", str(exc))
            else:
                st.success(f"Set from today: {POLICIES[name].label} for {force}.", icon=":material/check:")
