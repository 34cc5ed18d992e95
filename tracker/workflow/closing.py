"""Closings that say what happened, inside a write: risk accepted (a reviewer proposes it, the chief officer or the
commissioner signs it off, the item's board notes it at a meeting; closed once all three are there) and carried
forward (into a newer item that takes it over). Who closes which way, and why neither waits for a closure request, is
said once, above the rules (rules.py: "How an item closes, and who closes it")."""

from __future__ import annotations

from datetime import date

from tracker.core.statuses import CARRIED_FORWARD, RISK_ACCEPTED
from tracker.people.access import Person
from tracker.workflow.closure import lapse_waiting
from tracker.workflow.events import EventWrite, ItemState, WorkflowError, add_event
from tracker.workflow.meetings import chaired
from tracker.workflow.rules import (
    carry_forward_refusal,
    carry_forward_role,
    review_role,
    risk_noting_refusal,
    risk_proposal_refusal,
    risk_sign_off_refusal,
    risk_withdrawal_refusal,
    sign_off_role,
)


def refuse(key: str, refusal: str | None) -> None:
    """Raise the rule's refusal, naming the item."""
    if refusal:
        raise WorkflowError(f"{key}: {refusal}")


def lapse_if_closed(con: EventWrite, batch: dict, person: Person, role: str, state: ItemState, today: date) -> None:
    """After one step of the item's risk acceptance: when the item now reads closed as risk accepted (the macro the
    pages read says so once all three steps are there), what still waits for a reviewer lapses on the day it closed."""
    now = con.state(state.item.key, today)
    if now.risk is not None and now.risk.state == "accepted":
        lapse_waiting(con, batch, person, role, state, now.risk.closed_on, RISK_ACCEPTED)


def apply_risk_proposal(con: EventWrite, batch: dict, person: Person, today: date, key: str,
                        reason: str | None) -> list[int]:
    """A reviewer of the item proposes closing it as risk accepted, saying why; it waits for its sign-off and the
    board's noting."""
    state = con.state(key, today)
    refuse(key, risk_proposal_refusal(person, state.item, state.risk, state.waiting_request(), reason))
    return [add_event(con, batch, 0, "risk_proposal", person, review_role(person, state.item), key, today,
                      state.before, reason=reason, decision="propose")]


def apply_risk_withdrawal(con: EventWrite, batch: dict, person: Person, today: date, key: str,
                          reason: str | None) -> list[int]:
    """A reviewer withdraws the item's waiting risk acceptance, saying why (the chief officer would not sign it, say)."""
    state = con.state(key, today)
    refuse(key, risk_withdrawal_refusal(person, state.item, state.risk, reason))
    return [add_event(con, batch, 0, "risk_withdrawal", person, review_role(person, state.item), key, today,
                      state.before, submission=state.risk.seq, reason=reason)]


def apply_risk_sign_off(con: EventWrite, batch: dict, person: Person, today: date, key: str, signer: str | None,
                        signed_as: str | None, signed_on: str | None) -> list[int]:
    """Record who signed off the item's waiting risk acceptance (named, as chief officer or commissioner), dated the
    day they signed; once the board has noted it too, the item closes as risk accepted."""
    state = con.state(key, today)
    day = date.fromisoformat(signed_on) if signed_on else None
    refuse(key, risk_sign_off_refusal(person, state.item, state.risk, signer, signed_as, day, today))
    role = sign_off_role(person, state.item)
    seq = add_event(con, batch, 0, "risk_sign_off", person, role, key, day, state.before, submission=state.risk.seq,
                    comment=signer, decision=signed_as)
    lapse_if_closed(con, batch, person, role, state, today)
    return [seq]


def apply_risk_noting(con: EventWrite, batch: dict, person: Person, today: date, meeting: int, key: str,
                      note_: str | None) -> list[int]:
    """The chair records that the board noted the item's risk acceptance at its meeting, dated the meeting's day; once
    it is signed off too, the item closes as risk accepted."""
    held = chaired(con, person, meeting, today)
    then, now = con.state(key, held.held_on), con.state(key, today)
    refuse(key, risk_noting_refusal(person, now.item, held, then.risk, now.risk))
    seq = add_event(con, batch, 0, "risk_noting", person, "chair", key, held.held_on, then.before,
                    submission=now.risk.seq, reason=note_, decision="noted", meeting=held.meeting_id)
    lapse_if_closed(con, batch, person, "chair", now, today)
    return [seq]


def apply_carry_forward(con: EventWrite, batch: dict, person: Person, today: date, key: str, other: str,
                        reason: str | None) -> list[int]:
    """Close the item as carried forward into a newer one that takes it over: the inspectorate, or a force's liaison
    recording it from the newer report. From today; what waits for a reviewer lapses."""
    states = con.states([key, other], today)
    mine, theirs = states[key], states.get(other, ItemState(None))
    refuse(key, carry_forward_refusal(person, mine.item, theirs.item, mine.published_on, theirs.published_on,
                                      theirs.carried_to))
    role = carry_forward_role(person, mine.item)
    seq = add_event(con, batch, 0, "carry_forward", person, role, key, today, mine.before, reason=reason,
                    decision=CARRIED_FORWARD, after={"status": CARRIED_FORWARD, "to": other})
    lapse_waiting(con, batch, person, role, mine, today, CARRIED_FORWARD)
    return [seq]
