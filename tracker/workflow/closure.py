"""Closure requests and the inspectorate's decisions on them, inside a write: a force asks, sending evidence files
it already holds; the inspectorate accepts (complete) or returns (back to being progressed), or a force's liaison
records that decision from the inspectorate's letter."""

from __future__ import annotations

from datetime import date

from tracker.people.access import Person
from tracker.store.queries import sql_text
from tracker.workflow.journal import SQL_DIR, WorkflowError, add_event, add_evidence, item_of
from tracker.workflow.rules import (
    ClosureRequest,
    closure_decision_refusal,
    closure_request_refusal,
    review_role,
)
from tracker.workflow.standing import closure_requests, waiting_request


def request_of(con, seq: int | None = None, key: str | None = None) -> ClosureRequest | None:
    """A closure request by its number, or the waiting one of an item (None if there is none), on a write."""
    if seq is None:
        return waiting_request(con.events_of(key))
    key = con.key_of(int(seq))
    return None if key is None else closure_requests(con.events_of(key)).get(int(seq))


def apply_closure_request(con, batch: dict, person: Person, today: date, key: str, evidence_ids: list[int],
                          comment: str | None) -> list[int]:
    """Ask the inspectorate to close an item pending sign-off, choosing which of its evidence files to send."""
    item, before = item_of(con, key, today)
    refusal = closure_request_refusal(person, item, before.get("status"), request_of(con, key=key))
    if refusal:
        raise WorkflowError(f"{key}: {refusal}")
    chosen = sorted({int(f) for f in evidence_ids})
    held = {n for (n,) in con.execute(sql_text(SQL_DIR / "item_evidence_ids.sql"), {"key": key}).fetchall()}
    strange = [n for n in chosen if n not in held]
    if strange:
        raise WorkflowError(f"{key}: evidence file {strange[0]} is not one of this recommendation's files")
    return [add_event(con, batch, 0, "closure_request", person, review_role(person, item), key, today, before,
                      comment=comment or None, evidence=[str(n) for n in chosen] or None,
                      after={"requested": True, "files": chosen})]


def apply_closure_decision(con, batch: dict, person: Person, today: date, request: int, decision: str,
                           reason: str | None, on: str | None = None, files=()) -> list[int]:
    """The inspectorate's decision on a closure request; with `on` (the letter's date) and the letter as its one
    file, a force's liaison recording that decision."""
    recorded = on is not None
    day = date.fromisoformat(on) if recorded else today
    found = request_of(con, seq=int(request))
    item, before = item_of(con, found.key, today) if found else (None, {})
    refusal = closure_decision_refusal(person, item, found, decision, reason, recorded, day, today)
    if recorded and not files:
        refusal = refusal or "attach the inspectorate's letter"
    if refusal:
        raise WorkflowError(f"closure request #{int(request)}: {refusal}")
    role = "liaison" if recorded else "inspectorate"
    first_file = None
    if files:
        first_file = int(con.execute(sql_text(SQL_DIR / "next_evidence_id.sql")).fetchall()[0][0])
    seq = add_event(con, batch, 0, "closure_decision", person, role, found.key, day, before, submission=found.seq,
                    decision=decision, reason=reason or None,
                    evidence=None if first_file is None else [str(first_file)],
                    after={"status": "complete" if decision == "accept" else "being-progressed"})
    for n, checked in enumerate(files):
        add_evidence(con, batch, n, person, role, found.key, seq, checked)
    return [seq]
