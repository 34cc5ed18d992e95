"""Where an item, its submissions and its closure requests stand for the rules, folded from the item's events (pure:
a write reads those events from PostgreSQL under the item's lock, or from a copy brought up to date)."""

from __future__ import annotations

from datetime import date

from tracker.core.statuses import is_closed
from tracker.workflow.rules import ACCEPTED, RETURNED, WAITING, WITHDRAWN, ClosureRequest, Item, Submission

EARLIEST = date(1, 1, 1)


def plain(value):
    """A query value as JSON holds it: None for missing, dates as text."""
    if value is None or value != value:
        return None
    return str(value)[:10] if hasattr(value, "isoformat") else value


def submissions(events: list[dict]) -> dict[int, dict]:
    """Each submission among the events (by number) with where it stands: its row, plus state ('waiting', 'accepted',
    'returned', 'withdrawn') and decided_on (its latest decision's day). The latest decision (by number) counts, and
    a withdrawal outranks any decision, as store/journal.sql's submission_rows has it."""
    found = {e["seq"]: {**e, "state": WAITING, "decided_on": None} for e in events if e["kind"] == "submission"}
    latest: dict[int, dict] = {}
    for e in events:
        sub = found.get(e["submission"])
        if sub is None:
            continue
        if e["kind"] == "withdrawal":
            sub["withdrawn"] = True
        elif e["kind"] == "decision" and (e["submission"] not in latest or e["seq"] > latest[e["submission"]]["seq"]):
            latest[e["submission"]] = e
    for seq, sub in found.items():
        decision = latest.get(seq)
        if decision is not None:
            sub["decided_on"] = decision["on_date"]
            sub["state"] = ACCEPTED if decision["decision"] == "accept" else RETURNED
        if sub.get("withdrawn"):
            sub["state"] = WITHDRAWN
    return found


def closure_requests(events: list[dict]) -> dict[int, ClosureRequest]:
    """Each closure request among the events (by number) and where it stands, by its latest decision (closure_rows)."""
    latest: dict[int, dict] = {}
    for e in events:
        if e["kind"] == "closure_decision" and (e["submission"] not in latest
                                                or e["seq"] > latest[e["submission"]]["seq"]):
            latest[e["submission"]] = e
    states = {"accept": ACCEPTED, "return": RETURNED}
    return {e["seq"]: ClosureRequest(e["seq"], e["key"], e["on_date"],
                                     states.get((latest.get(e["seq"]) or {}).get("decision"), WAITING))
            for e in events if e["kind"] == "closure_request"}


def submission_standing(events: list[dict], seq: int) -> tuple[Submission | None, dict]:
    """Submission `seq` as the rules need it, and its proposal (status, target); (None, {}) if it is not one."""
    sub = submissions(events).get(seq)
    if sub is None:
        return None, {}
    return (Submission(sub["seq"], sub["key"], sub["actor_id"], sub["state"]),
            {"status": sub["status"], "target": plain(sub["target"])})


def waiting_request(events: list[dict]) -> ClosureRequest | None:
    """The item's closure request still waiting for the inspectorate (the latest), or None."""
    waiting = [r for r in closure_requests(events).values() if r.state == WAITING]
    return max(waiting, key=lambda r: r.seq) if waiting else None


def item_standing(imported: tuple | None, events: list[dict]) -> tuple[Item | None, dict]:
    """The item as the rules need it, and its status and target (an event's 'before'): from what the imported
    history says on the day (key, force, owner_id, overseer_id, board, the status span's valid_from, status and
    target, and the item's current target) and the item's events.

    A status or target decided in the workflow (an accepted submission, a board's or a published response's target,
    the inspectorate's decision on closure) counts over the imported one when it was decided on or after the day the
    imported status began; the latest decision (by day, then number) counts."""
    if imported is None:
        return None, {}
    key, force, owner_id, overseer_id, board, span_from, span_status, span_target, target_current = imported
    decided = [(accepted_status(s["status"]), s["target"], s["decided_on"], s["seq"])
               for s in submissions(events).values() if s["state"] == ACCEPTED]
    decided += [(None, e["target"], e["on_date"], e["seq"]) for e in events if e["kind"] in ("target", "response")]
    decided += [(closure_status(e["decision"]), None, e["on_date"], e["seq"]) for e in events
                if e["kind"] == "closure_decision"]
    since = span_from or EARLIEST
    status = latest(decided, 0, since)
    target = latest(decided, 1, since)
    status = status if status is not None else (span_status or "no-status")
    target = target if target is not None else (span_target if span_target is not None else target_current)
    item = Item(key, force, owner_id, overseer_id, not is_closed(status), board)
    return item, {"status": status, "target": plain(target)}


def latest(decided: list[tuple], at: int, since: date):
    """The value at position `at` of the latest decision (by day, then number) that sets it, if made on or after
    `since`; else None."""
    setting = [d for d in decided if d[at] is not None]
    if not setting:
        return None
    newest = max(setting, key=lambda d: (d[2], d[3]))
    return newest[at] if max(d[2] for d in setting) >= since else None


def accepted_status(status: str | None) -> str | None:
    """The status a force's acceptance gives: a proposed 'complete' waits for the inspectorate (pending-sign-off)."""
    return "pending-sign-off" if status == "complete" else status


def closure_status(decision: str | None) -> str:
    """What the inspectorate's decision on closure makes the item: complete, or back to being progressed."""
    return "complete" if decision == "accept" else "being-progressed"
