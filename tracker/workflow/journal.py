"""Writing workflow events: the item and submission facts a write checks, and appending one event, inside a write."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from tracker.core.errors import TrackerError
from tracker.people.access import Person
from tracker.store.queries import sql_text
from tracker.workflow.rules import Item, Submission
from tracker.workflow.standing import item_standing, submission_standing

SQL_DIR = Path(__file__).resolve().parent.parent / "store" / "sql"


class WorkflowError(TrackerError, ValueError):
    """A submission, withdrawal, decision or meeting that may not be made; the message says why."""


def item_of(con, key: str, today: date) -> tuple[Item | None, dict]:
    """The recommendation as the rules need it today, and its status and target (for an event's 'before'), on a
    write (store.event_write): the imported history's facts with the item's events folded over them."""
    return item_standing(con.imported(key, today), con.events_of(key))


def submission_of(con, seq: int) -> tuple[Submission | None, dict]:
    """A submission as it stands in this write (earlier events of the same write included), and its proposal."""
    key = con.key_of(int(seq))
    return submission_standing(con.events_of(key), int(seq)) if key is not None else (None, {})


def add_event(con, batch: dict, n: int, kind: str, person: Person, role: str, key: str, today: date,
              before: dict, **fields) -> int:
    """Append one event (the batch's n-th) to the write; returns its number (a provisional one, on the fast path)."""
    values = {"submission": None, "comment": None, "status": None, "target": None, "reason": None, "evidence": None,
              "decision": None, "after": None, "meeting": None, "public": None, **fields}
    return con.add_event({
        "event_id": f"{batch['id']}:{n}", "kind": kind, "made_at": datetime.now().replace(microsecond=0),
        "on_date": today, "actor_id": person.person_id, "actor": person.email, "role": role, "source": batch["source"],
        "key": key, **values, "before": json.dumps(before, default=str),
        "after": None if values["after"] is None else json.dumps(values["after"], default=str)})


def add_evidence(con, batch: dict, n: int, person: Person, role: str, key: str, submission: int | None, checked) -> int:
    """Record one evidence file's facts (an evidence.checks.Checked) inside the write; returns its number."""
    file_id = con.execute(sql_text(SQL_DIR / "next_evidence_id.sql")).fetchall()[0][0]
    con.execute(sql_text(SQL_DIR / "add_evidence.sql"), {
        "file_id": file_id, "key": key, "submission": submission, "name": checked.name,
        "media_type": checked.media_type, "size": checked.size, "sha256": checked.sha256,
        "uploaded_at": datetime.now().replace(microsecond=0), "uploader_id": person.person_id,
        "uploader": person.email, "role": role, "source": batch["source"], "event_id": f"{batch['id']}:file:{n}"})
    return file_id
