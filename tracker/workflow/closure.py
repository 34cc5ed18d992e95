"""Closure requests and the inspectorate's decisions on them, inside a write: a force asks, sending evidence files
it already holds; the inspectorate accepts (complete) or returns (back to being progressed), or a force's liaison
records that decision from the inspectorate's letter."""

from __future__ import annotations

from datetime import date

from tracker.people.access import Person
from tracker.workflow.events import WorkflowError, add_event, add_evidence
from tracker.workflow.rules import (
    WAITING,
    closure_decision_refusal,
    closure_request_refusal,
    reopen_refusal,
    review_role,
)


def apply_closure_request(con, batch: dict, person: Person, today: date, key: str, evidence_ids: list[int],
                          comment: str | None) -> list[int]:
    """Ask the inspectorate to close an item pending sign-off, choosing which of its evidence files to send."""
    state = con.state(key, today)
    item, before = state.item, state.before
    risk = state.risk.seq if state.risk is not None and state.risk.state == WAITING else None
    refusal = closure_request_refusal(person, item, state.status, state.waiting_request(), risk)
    if refusal:
        raise WorkflowError(f"{key}: {refusal}")
    chosen = sorted({int(f) for f in evidence_ids})
    held = {n for (n,) in con.run("item_evidence_ids", key=key)}
    strange = [n for n in chosen if n not in held]
    if strange:
        raise WorkflowError(f"{key}: evidence file {strange[0]} is not one of this recommendation's files")
    return [add_event(con, batch, 0, "closure_request", person, review_role(person, item), key, today, before,
                      comment=comment or None, evidence=[str(n) for n in chosen] or None,
                      after={"requested": True, "files": chosen})]


def apply_closure_decision(con, batch: dict, person: Person, today: date, request: int, decision: str,
                           reason: str | None, on: str | None = None, files=()) -> list[int]:
    """The inspectorate's decision on a closure request; with `on` (the letter's date) and the letter as its one
    file, a force's liaison recording that decision. Its number, then the letter's."""
    recorded = on is not None
    day = date.fromisoformat(on) if recorded else today
    key = con.key_of(int(request))
    state = con.state(key, today) if key else None
    found = state.requests.get(int(request)) if state else None
    item, before = (state.item, state.before) if found else (None, {})
    refusal = closure_decision_refusal(person, item, found, decision, reason, recorded, day, today)
    if recorded and not files:
        refusal = refusal or "attach the inspectorate's letter"
    if refusal:
        raise WorkflowError(f"closure request #{int(request)}: {refusal}")
    role = "liaison" if recorded else "inspectorate"
    first_file = None
    if files:
        con.w.number()  # the counter first: no other write numbers a file meanwhile
        first_file = int(con.run("next_evidence_id")[0][0])
    seq = add_event(con, batch, 0, "closure_decision", person, role, found.key, day, before, submission=found.seq,
                    decision=decision, reason=reason or None,
                    evidence=None if first_file is None else [str(first_file)],
                    after={"status": "complete" if decision == "accept" else "being-progressed"})
    file_ids = [add_evidence(con, batch, n, person, role, found.key, seq, checked) for n, checked in enumerate(files)]
    if decision == "accept":
        lapse_waiting(con, batch, person, role, state, day, "complete")
    return [seq, *file_ids]


def lapse_waiting(con, batch: dict, person: Person, role: str, state, day: date, status: str) -> None:
    """The item (its ItemState) has just closed with this status on the day: what still waits for a reviewer lapses,
    each a dated event of its own (the batch's 1st, 2nd…)."""
    waiting = [s for s in state.submissions.values() if s.state == WAITING]
    for n, sub in enumerate(waiting, start=1):
        add_event(con, batch, n, "lapse", person, role, state.item.key, day, {**state.before, "status": status},
                  submission=sub.seq, reason="the item closed")


def apply_reopen(con, batch: dict, person: Person, today: date, key: str, reason: str | None) -> list[int]:
    """The inspectorate reopens a closed item, saying why: an event of its own, after which it is being progressed."""
    state = con.state(key, today)
    refusal = reopen_refusal(person, state.item, reason)
    if refusal:
        raise WorkflowError(f"{key}: {refusal}")
    return [add_event(con, batch, 0, "reopen", person, "inspectorate", key, today, state.before, reason=reason,
                      after={"status": "being-progressed"})]
