"""Submit, withdraw and decide: each checked against the rules and written as events to the journal, all-or-nothing."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from tracker.core.filters import Filters
from tracker.core.text import clean_text
from tracker.people.access import Person
from tracker.store import queries
from tracker.store.database import Reader, journal_writing, open_reader
from tracker.store.queries import sql_text
from tracker.workflow.rules import (
    WAITING,
    Item,
    Submission,
    proposal_problem,
    review_refusal,
    review_role,
    submit_refusal,
    withdraw_refusal,
)

SQL_DIR = Path(__file__).resolve().parent.parent / "store" / "sql"
URL = re.compile(r"https?://[^\s<>\"']{1,500}")
DECISIONS = ("accept", "return")


class WorkflowError(ValueError):
    """A submission, withdrawal or decision that may not be made; the message says why."""


def item_of(reader: Reader, key: str, today: date) -> Item | None:
    """The recommendation as the rules need it, as it stands today (the journal included)."""
    row = queries.run(reader, "workflow_item", **Filters(as_of=today).params(), key=key)
    if row is None:
        return None
    return Item(row["key"], row["force"], none_or_int(row["owner_id"]), none_or_int(row["overseer_id"]),
                bool(row["is_open"]))


def state_of(reader: Reader, key: str, today: date) -> dict:
    """The item's status and target now, for an event's 'before'."""
    row = queries.run(reader, "workflow_item", **Filters(as_of=today).params(), key=key) or {}
    return {"status": row.get("status"), "target": plain(row.get("target_current"))}


def submission_of(reader: Reader, seq: int, today: date) -> Submission | None:
    """A submission and where it stands."""
    row = queries.run(reader, "submission", **Filters(as_of=today).params(), seq=int(seq))
    if row is None:
        return None
    return Submission(int(row["seq"]), row["key"], none_or_int(row["actor_id"]), row["state"])


def plain(value):
    """A query value as JSON holds it: None for missing, dates as text."""
    if value is None or value != value:
        return None
    return str(value)[:10] if hasattr(value, "isoformat") else value


def none_or_int(value) -> int | None:
    """An id from a query row (None for a missing one)."""
    return None if value is None or value != value else int(value)


def add_event(con, reader: Reader, kind: str, person: Person, role: str, source: str, key: str, today: date,
              **fields) -> int:
    """Append one event inside the journal write; returns its number."""
    seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM events").fetchall()[0][0]
    values = {"submission": None, "comment": None, "status": None, "target": None, "reason": None, "evidence": None,
              "decision": None, "after": None, **fields}
    con.execute(sql_text(SQL_DIR / "add_event.sql"), {
        "seq": seq, "event_id": uuid.uuid4().hex, "kind": kind, "made_at": datetime.now().replace(microsecond=0),
        "on_date": today, "actor_id": person.person_id, "actor": person.email, "role": role, "source": source,
        "key": key, **values, "before": json.dumps(state_of(reader, key, today)),
        "after": None if values["after"] is None else json.dumps(values["after"], default=str)})
    return seq


def submit(db, person: Person, key: str, comment: str, status: str | None = None, target: date | None = None,
           reason: str | None = None, evidence: Sequence[str] = (), source: str = "app", today: date | None = None) -> int:
    """A lead's progress on an item they own: saved, durable and visible to every reader when this returns its number."""
    today = today or date.today()
    comment, reason = clean_text(comment or ""), clean_text(reason or "") or None
    problem = proposal_problem(comment, status or None, target, reason, today)
    if problem:
        raise WorkflowError(problem)
    links = [e.strip() for e in evidence if e.strip()]
    bad = [e for e in links if not URL.fullmatch(e)]
    if bad:
        raise WorkflowError(f"evidence '{bad[0][:80]}' is not a web link; give links starting with https://")
    with journal_writing(db) as con:
        reader = open_reader(db)  # inside the journal's lock: it sees every event before this one
        try:
            refusal = submit_refusal(person, item_of(reader, key, today))
            if refusal:
                raise WorkflowError(refusal)
            return add_event(con, reader, "submission", person, "lead", source, key, today, comment=comment,
                             status=status or None, target=target, reason=reason, evidence=links or None,
                             after={"proposed_status": status or None, "proposed_target": target})
        finally:
            reader.close()


def withdraw(db, person: Person, seq: int, source: str = "app", today: date | None = None) -> int:
    """The author takes back a submission nobody has decided on yet."""
    today = today or date.today()
    with journal_writing(db) as con:
        reader = open_reader(db)
        try:
            sub = submission_of(reader, seq, today)
            refusal = withdraw_refusal(person, sub)
            if refusal:
                raise WorkflowError(f"submission #{seq}: {refusal}")
            return add_event(con, reader, "withdrawal", person, "lead", source, sub.key, today, submission=sub.seq)
        finally:
            reader.close()


def decide(db, person: Person, seqs: Sequence[int], decision: str, reason: str | None = None, source: str = "app",
           today: date | None = None) -> list[int]:
    """Accept or return submissions, all of them or none: an accepted one's proposed status and target take effect
    from today; a returned one goes back to its lead with the reason. A later decision supersedes an earlier one."""
    today = today or date.today()
    reason = clean_text(reason or "") or None
    if decision not in DECISIONS:
        raise WorkflowError(f"a decision is one of {', '.join(DECISIONS)}")
    if decision == "return" and not reason:
        raise WorkflowError("say why the submission goes back to its lead")
    if not seqs:
        raise WorkflowError("choose at least one submission")
    with journal_writing(db) as con:
        reader = open_reader(db)
        try:
            done = []
            for seq in dict.fromkeys(int(s) for s in seqs):
                sub = submission_of(reader, seq, today)
                item = item_of(reader, sub.key, today) if sub else None
                refusal = review_refusal(person, item, sub)
                if refusal:
                    raise WorkflowError(f"submission #{seq}: {refusal}")
                row = queries.run(reader, "submission", **Filters(as_of=today).params(), seq=seq)
                after = ({"status": plain(row["status"]), "target": plain(row["target"]), "supersedes": sub.state != WAITING}
                         if decision == "accept" else {"returned": reason, "supersedes": sub.state != WAITING})
                done.append(add_event(con, reader, "decision", person, review_role(person, item), source, sub.key,
                                      today, submission=seq, decision=decision, reason=reason, after=after))
            return done
        finally:
            reader.close()
