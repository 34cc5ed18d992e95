"""Submit, withdraw and decide: each checked against the rules and written as events to the journal, all-or-nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from tracker.core.text import clean_text
from tracker.people.access import Person
from tracker.store.database import journal_commit, target_of
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


def facts_sql() -> str:
    """The item facts query over this write's submissions (see store/sql/workflow_item_facts.sql)."""
    return f"WITH submissions AS ({sql_text(SQL_DIR / 'submission_states.sql')}) " + \
        sql_text(SQL_DIR / "workflow_item_facts.sql").replace("WITH accepted AS", ", accepted AS", 1)


def item_of(con, key: str, today: date) -> tuple[Item | None, dict]:
    """The recommendation as the rules need it today, and its status and target (for an event's 'before')."""
    rows = con.execute(facts_sql(), {"key": key, "today": today}).fetchall()
    if not rows:
        return None, {}
    key, force, owner_id, overseer_id, status, target = rows[0]
    is_open = status not in ("complete", "superseded")
    return Item(key, force, owner_id, overseer_id, is_open), {"status": status, "target": plain(target)}


def submission_of(con, seq: int) -> tuple[Submission | None, dict]:
    """A submission as it stands in this write (earlier batches of the same write included), and its proposal."""
    rows = con.execute(f"SELECT seq, key, actor_id, state, status, target FROM ({sql_text(SQL_DIR / 'submission_states.sql')})"
                       " WHERE seq = $seq", {"seq": int(seq)}).fetchall()
    if not rows:
        return None, {}
    seq, key, actor_id, state, status, target = rows[0]
    return Submission(seq, key, actor_id, state), {"status": status, "target": plain(target)}


def plain(value):
    """A query value as JSON holds it: None for missing, dates as text."""
    if value is None or value != value:
        return None
    return str(value)[:10] if hasattr(value, "isoformat") else value


def none_or_int(value) -> int | None:
    """An id from a query row (None for a missing one)."""
    return None if value is None or value != value else int(value)


def add_event(con, batch: dict, n: int, kind: str, person: Person, role: str, key: str, today: date,
              before: dict, **fields) -> int:
    """Append one event (the batch's n-th) inside the journal write; returns its number."""
    seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM events").fetchall()[0][0]
    values = {"submission": None, "comment": None, "status": None, "target": None, "reason": None, "evidence": None,
              "decision": None, "after": None, **fields}
    con.execute(sql_text(SQL_DIR / "add_event.sql"), {
        "seq": seq, "event_id": f"{batch['id']}:{n}", "kind": kind, "made_at": datetime.now().replace(microsecond=0),
        "on_date": today, "actor_id": person.person_id, "actor": person.email, "role": role, "source": batch["source"],
        "key": key, **values, "before": json.dumps(before, default=str),
        "after": None if values["after"] is None else json.dumps(values["after"], default=str)})
    return seq


def person_json(person: Person) -> dict:
    """A person as a batch carries them."""
    return {"person_id": person.person_id, "email": person.email, "name": person.name, "force": person.force,
            "roles": list(person.roles), "active": person.active}


def person_from(data: dict) -> Person:
    """A person from a batch."""
    return Person(int(data["person_id"]), data["email"], data["name"], data["force"], tuple(data["roles"]),
                  bool(data["active"]))


def commit(db, op: str, person: Person, source: str, today: date, **args) -> list[int]:
    """Hand one batch to the journal's group commit and return its event numbers, or raise why it was refused."""
    batch = {"op": op, "person": person_json(person), "source": source, "today": today.isoformat(), "args": args}
    result = journal_commit(db, batch, lambda con, batches: apply_batches(db, con, batches))
    if "error" in result:
        raise WorkflowError(result["error"])
    return [int(s) for s in result["seqs"]]


def apply_batches(db, con, batches: list[dict]) -> list[dict]:
    """Apply every waiting batch, in order, inside one journal write (run by whichever writer holds the lock).

    Each is checked by the rules against the analytic file (attached read-only) and the journal as this write holds it,
    earlier batches of the same write included; a batch that breaks them is refused whole ({'error': …}) and the others
    go ahead. A batch already applied (its writer died between the write and reading its result) returns its events.
    """
    # Read-only, for the rules; it goes when the write's connection closes.
    con.execute("ATTACH $path AS tracker_analytic_file (READ_ONLY)", {"path": str(target_of(db))})
    results = []
    for batch in batches:
        held = con.execute("SELECT seq FROM events WHERE event_id LIKE $p ORDER BY seq",
                           {"p": f"{batch['id']}:%"}).fetchall()
        if held:
            results.append({"seqs": [s for (s,) in held]})
            continue
        try:
            seqs = OPS[batch["op"]](con, batch, person_from(batch["person"]), date.fromisoformat(batch["today"]),
                                    **batch["args"])
            results.append({"seqs": seqs})
        except WorkflowError as exc:
            results.append({"error": str(exc)})
    return results


def apply_submit(con, batch: dict, person: Person, today: date, key: str, comment: str, status: str | None,
                 target: str | None, reason: str | None, evidence: list[str]) -> list[int]:
    """A submission, checked against the rules."""
    item, before = item_of(con, key, today)
    refusal = submit_refusal(person, item)
    if refusal:
        raise WorkflowError(refusal)
    return [add_event(con, batch, 0, "submission", person, "lead", key, today, before, comment=comment, status=status,
                      target=target, reason=reason, evidence=evidence or None,
                      after={"proposed_status": status, "proposed_target": target})]


def apply_withdraw(con, batch: dict, person: Person, today: date, submission: int) -> list[int]:
    """A withdrawal, checked against the rules."""
    sub, _ = submission_of(con, submission)
    refusal = withdraw_refusal(person, sub)
    if refusal:
        raise WorkflowError(f"submission #{submission}: {refusal}")
    return [add_event(con, batch, 0, "withdrawal", person, "lead", sub.key, today, item_of(con, sub.key, today)[1],
                      submission=sub.seq)]


def apply_decide(con, batch: dict, person: Person, today: date, submissions: list[int], decision: str,
                 reason: str | None) -> list[int]:
    """Decisions on several submissions: every one checked before any is written, so all or none."""
    checked = []
    for seq in dict.fromkeys(int(s) for s in submissions):
        sub, proposal = submission_of(con, seq)
        item, before = item_of(con, sub.key, today) if sub else (None, {})
        refusal = review_refusal(person, item, sub)
        if refusal:
            raise WorkflowError(f"submission #{seq}: {refusal}")
        checked.append((sub, proposal, before, review_role(person, item)))
    done = []
    for n, (sub, proposal, before, role) in enumerate(checked):
        after = ({**proposal, "supersedes": sub.state != WAITING} if decision == "accept"
                 else {"returned": reason, "supersedes": sub.state != WAITING})
        done.append(add_event(con, batch, n, "decision", person, role, sub.key, today, before, submission=sub.seq,
                              decision=decision, reason=reason, after=after))
    return done


def apply_reminder_setting(con, batch: dict, person: Person, today: date, cadence: str) -> list[int]:
    """A person's own reminder setting."""
    if con.execute("SELECT count(*) FROM reminder_settings WHERE event_id = $id", {"id": f"{batch['id']}:0"}).fetchall()[0][0]:
        return []  # applied already (its writer died before reading the result)
    con.execute("INSERT INTO reminder_settings VALUES ($p, $c, $at, $actor, $source, $id)",
                {"p": person.person_id, "c": cadence, "at": datetime.now().replace(microsecond=0), "actor": person.email,
                 "source": batch["source"], "id": f"{batch['id']}:0"})
    return []


def apply_reminder_sent(con, batch: dict, person: Person, today: date, listed: dict) -> list[int]:
    """A digest sent: the log that keeps a second run for the same date from sending it again."""
    if con.execute("SELECT count(*) FROM reminders_sent WHERE person_id = $p AND as_of = $d",
                   {"p": person.person_id, "d": today}).fetchall()[0][0]:
        return []
    con.execute("INSERT INTO reminders_sent VALUES ($p, $e, $d, $at, $items, $source, $id)",
                {"p": person.person_id, "e": person.email, "d": today, "at": datetime.now().replace(microsecond=0),
                 "items": json.dumps(listed), "source": batch["source"], "id": f"{batch['id']}:0"})
    return []


OPS = {"submit": apply_submit, "withdraw": apply_withdraw, "decide": apply_decide,
       "reminder_setting": apply_reminder_setting, "reminder_sent": apply_reminder_sent}
CADENCES = ("weekly", "daily", "paused")


def set_reminders(db, person: Person, cadence: str, source: str = "app") -> None:
    """A person chooses how often their digest comes: weekly, daily, or paused."""
    if cadence not in CADENCES:
        raise WorkflowError(f"reminders are one of {', '.join(CADENCES)}")
    commit(db, "reminder_setting", person, source, date.today(), cadence=cadence)


def record_reminder(db, person: Person, as_of: date, listed: dict, source: str = "command line") -> None:
    """Log a digest sent to a person for a date."""
    commit(db, "reminder_sent", person, source, as_of, listed=listed)


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
    return commit(db, "submit", person, source, today, key=key, comment=comment, status=status or None,
                  target=None if target is None else target.isoformat(), reason=reason, evidence=links)[0]


def withdraw(db, person: Person, seq: int, source: str = "app", today: date | None = None) -> int:
    """The author takes back a submission nobody has decided on yet."""
    return commit(db, "withdraw", person, source, today or date.today(), submission=int(seq))[0]


def decide(db, person: Person, seqs: Sequence[int], decision: str, reason: str | None = None, source: str = "app",
           today: date | None = None) -> list[int]:
    """Accept or return submissions, all of them or none: an accepted one's proposed status and target take effect
    from today; a returned one goes back to its lead with the reason. A later decision supersedes an earlier one."""
    reason = clean_text(reason or "") or None
    if decision not in DECISIONS:
        raise WorkflowError(f"a decision is one of {', '.join(DECISIONS)}")
    if decision == "return" and not reason:
        raise WorkflowError("say why the submission goes back to its lead")
    if not seqs:
        raise WorkflowError("choose at least one submission")
    return commit(db, "decide", person, source, today or date.today(), submissions=[int(s) for s in seqs],
                  decision=decision, reason=reason)
