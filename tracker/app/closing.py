"""Closings that say what happened, on the recommendation page: how the item closed apart (risk accepted, carried
forward), the risk acceptance it waits on and what it still needs, and the forms of each step for those the rules let
(the board's noting is the chair's, in meeting mode)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from tracker.app.data import current_reader, db_path, query, today
from tracker.app.view import literal
from tracker.app.workflow import save
from tracker.core.display import fmt_date
from tracker.core.filters import Filters
from tracker.core.statuses import CARRIED_FORWARD, RISK_ACCEPTED
from tracker.core.text import missing
from tracker.workflow.actions import carry_forward, propose_risk_acceptance, sign_off_risk, withdraw_risk_acceptance
from tracker.workflow.rules import (
    RISK_SIGNERS,
    WAITING,
    RiskAcceptance,
    carry_forward_role,
    item_of_row,
    risk_proposer_refusal,
    sign_off_role,
)


def risk_of(state: dict) -> RiskAcceptance | None:
    """The item's latest risk acceptance not withdrawn, as workflow_item reads it, or None."""
    if missing(state.get("risk_seq")):
        return None
    return RiskAcceptance(int(state["risk_seq"]), day(state["risk_proposed_on"]), not missing(state["risk_signed_by"]),
                          not missing(state["risk_noted_on"]), state["risk_state"], day(state["risk_closed_on"]))


def day(value) -> date | None:
    """A date as a query row gives it (a Timestamp, a date or missing)."""
    return None if missing(value) else pd.Timestamp(value).date()


def closing_section(filters: Filters, rec: dict) -> None:
    """How the item closed apart, or the risk acceptance it waits on, as of the filters' date; and, on today's state,
    the step the reader may take: propose accepting its risk, record its sign-off, withdraw it, or carry it forward."""
    shown = query("workflow_item", filters.only_date(), key=rec["key"])
    now = query("workflow_item", Filters(as_of=today()), key=rec["key"])
    if shown is None or now is None:
        return
    reader = current_reader()
    person = reader.person if reader is not None else None
    item, risk = item_of_row(now), risk_of(now)
    waiting = risk is not None and risk.state == WAITING
    may = {
        "propose": person is not None and not waiting and risk_proposer_refusal(person, item) is None,
        "withdraw": person is not None and waiting and risk_proposer_refusal(person, item) is None,
        "sign": person is not None and waiting and not risk.signed and item.is_open
                and sign_off_role(person, item) is not None,
        "carry": person is not None and item.is_open and carry_forward_role(person, item) is not None,
    }
    told = shown["status"] in (RISK_ACCEPTED, CARRIED_FORWARD) or shown["risk_state"] == WAITING
    if not told and not any(may.values()):
        return
    with st.expander("Closing: risk accepted or carried forward", icon=":material/verified_user:"):
        said(shown)
        if may["sign"]:
            sign_off_form(rec["key"], person, risk)
        if may["withdraw"]:
            withdraw_form(rec["key"], person)
        if may["propose"]:
            propose_form(rec["key"], person)
        if may["carry"]:
            carry_form(rec["key"], person)


def said(state: dict) -> None:
    """What the item's closing says as of the page's date, every value from the data as plain text."""
    if state["status"] == RISK_ACCEPTED and state["risk_state"] == "accepted":
        literal(f"Closed as risk accepted on {fmt_date(state['risk_closed_on'])}: {state['risk_reason']}")
        literal(f"Signed off by {state['risk_signed_by']} ({state['risk_signed_as']}) on "
                f"{fmt_date(state['risk_signed_on'])}; noted by the {state['risk_board']} on "
                f"{fmt_date(state['risk_noted_on'])}.")
    elif state["status"] == CARRIED_FORWARD and not missing(state["carried_to"]):
        literal(f"Carried forward on {fmt_date(state['carried_on'])} into {state['carried_to']}, which takes it "
                f"over (recorded by {state['carried_by']})" + ("" if missing(state["carried_reason"]) else
                                                                f": {state['carried_reason']}"))
        # A fixed label (a label is Markdown): the newer item's own words are on its page.
        st.page_link("pages/recommendation.py", label="Open the recommendation that takes it over",
                     icon=":material/arrow_forward:", query_params={"id": state["carried_to"]})
    elif state["risk_state"] == WAITING:
        literal(f"Closing as risk accepted proposed on {fmt_date(state['risk_proposed_on'])} by "
                f"{state['risk_proposed_by']}: {state['risk_reason']}")
        literal("Sign-off: waiting for the chief officer or the commissioner" if missing(state["risk_signed_by"]) else
                f"Sign-off: {state['risk_signed_by']} ({state['risk_signed_as']}), "
                f"{fmt_date(state['risk_signed_on'])}")
        literal("The board's noting: waiting for its chair to record it at a meeting (Meeting, For decision)"
                if missing(state["risk_noted_on"]) else f"The board's noting: {state['risk_board']}, "
                                                        f"{fmt_date(state['risk_noted_on'])}")
        st.caption("It closes, apart from the implementation rate, once it is signed off and noted.")


def propose_form(key: str, person) -> None:
    """A reviewer proposes closing the item as risk accepted, saying why."""
    with st.form(f"risk-propose-{key}", clear_on_submit=True):
        reason = st.text_area("Why the risk is accepted rather than acted on", max_chars=2_000)
        st.caption("It closes once the chief officer or the commissioner signs it off and the item's board notes it.")
        if st.form_submit_button("Propose closing as risk accepted", icon=":material/verified_user:"):
            save(lambda: propose_risk_acceptance(db_path(), person, key, reason, source="app", today=today()),
                 lambda seq: f"Saved: risk acceptance #{seq} proposed.")


def sign_off_form(key: str, person, risk: RiskAcceptance) -> None:
    """Record who signed the risk acceptance off, as which, and the day they signed."""
    with st.form(f"risk-sign-{key}", clear_on_submit=True):
        signer = st.text_input("Who signed it off (their name)", max_chars=200)
        signed_as = st.radio("As", RISK_SIGNERS, horizontal=True, format_func=str.capitalize)
        signed_on = st.date_input("The day they signed", value=today(), min_value=risk.proposed_on, max_value=today(),
                                  format="DD/MM/YYYY")
        if st.form_submit_button("Record the sign-off", icon=":material/draw:"):
            save(lambda: sign_off_risk(db_path(), person, key, signer, signed_as, signed_on, source="app",
                                       today=today()),
                 lambda seq: f"Saved: the sign-off (event #{seq}).")


def withdraw_form(key: str, person) -> None:
    """A reviewer withdraws the waiting risk acceptance, saying why."""
    with st.form(f"risk-withdraw-{key}", clear_on_submit=True):
        reason = st.text_input("Why it is withdrawn", max_chars=500)
        if st.form_submit_button("Withdraw the risk acceptance", icon=":material/undo:"):
            save(lambda: withdraw_risk_acceptance(db_path(), person, key, reason, source="app", today=today()),
                 lambda seq: f"Saved: risk acceptance withdrawn (event #{seq}).")


def carry_form(key: str, person) -> None:
    """The inspectorate (or a force's liaison, from the newer report) closes the item as carried forward."""
    with st.form(f"carry-{key}", clear_on_submit=True):
        other = st.text_input("The newer recommendation that takes it over (its key)", max_chars=200,
                              placeholder="8019-kent")
        reason = st.text_input("Where the newer report says so (optional)", max_chars=500)
        if st.form_submit_button("Close as carried forward", icon=":material/arrow_forward:"):
            save(lambda: carry_forward(db_path(), person, key, other, reason, source="app", today=today()),
                 lambda seq: f"Saved: carried forward (event #{seq}).")
