"""A workflow write: the items it reads, as the pages show them, and the rows it appends, in one transaction."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracker.core import clock
from tracker.core.errors import TrackerError
from tracker.core.filters import Filters
from tracker.people.access import Person
from tracker.store import queries
from tracker.store.queries import sql_text
from tracker.store.scratch import items_copy
from tracker.store.write import Write
from tracker.workflow.rules import Action, ClosureRequest, Item, RiskAcceptance, Submission, id_of, item_of_row

SQL_DIR = Path(__file__).resolve().parent.parent / "store" / "sql"


class WorkflowError(TrackerError, ValueError):
    """A submission, withdrawal, decision or meeting that may not be made; the message says why."""


@dataclass(frozen=True)
class ItemState:
    """An item as the rules need it on a day, read by the queries the pages run: the item, its status and target,
    its submissions (with their proposals), its closure requests, whether it is off track, its latest risk acceptance
    not withdrawn, the newer item it is carried forward into, when its report was published, its target's moves, and
    its actions (by number)."""

    item: Item | None
    status: str | None = None
    target: str | None = None
    submissions: dict[int, Submission] = field(default_factory=dict)
    proposals: dict[int, dict] = field(default_factory=dict)
    requests: dict[int, ClosureRequest] = field(default_factory=dict)
    off_track: bool = False
    risk: RiskAcceptance | None = None
    carried_to: str | None = None
    published_on: date | None = None
    moves: int = 0  # how many times its target has moved by the day (target_moves)
    actions: dict[int, Action] = field(default_factory=dict)
    next_action: int = 1  # the number the next action added takes

    @property
    def before(self) -> dict:
        """What an event made on the item records as its state before it."""
        return {} if self.item is None else {"status": self.status, "target": self.target}

    def waiting_request(self) -> ClosureRequest | None:
        """The item's closure request still waiting for the inspectorate (the latest), or None."""
        waiting = [r for r in self.requests.values() if r.state == "waiting"]
        return max(waiting, key=lambda r: r.seq) if waiting else None

    def open_actions(self) -> list[int]:
        """The numbers of the item's actions still open, in order."""
        return sorted(n for n, a in self.actions.items() if a.status == "open")


def new_batch(source: str) -> dict:
    """A new batch of events: its id (its events' ids are id:n) and where it was made from."""
    # Event ids sort in the order they were made (a person's latest setting is the latest id within one second).
    return {"id": f"{time.time_ns():020d}-{uuid.uuid4().hex[:12]}", "source": source}


def day_text(value) -> str | None:
    """A date as an event's JSON keeps it (None for none)."""
    if value is None or value != value:
        return None
    return str(value)[:10]


class EventWrite:
    """One workflow write on the system of record: its transaction (store.write.Write), the items it locked and read,
    and the events it appends. Reads of an item come from the write's own small copy (store/scratch.py), so they hold
    this write's own events too."""

    def __init__(self, w: Write, batch: dict):
        self.w, self.batch = w, batch
        self._states: dict[tuple[str, date], ItemState] = {}

    def run(self, statement: str, /, **params) -> list[tuple]:
        """A statement of store/pg_sql on the write's transaction; its rows."""
        return self.w.run(statement, **params)

    def key_of(self, seq: int) -> str | None:
        """The item event `seq` is about (None if there is no such event)."""
        rows = self.run("event_key", seq=int(seq))
        return rows[0][0] if rows else None

    def scratch(self, keys, lock: bool = True):
        """The write's own small copy of these items (locked first, unless only counted), for a query over their
        derived state."""
        keys = sorted(set(keys))
        if lock:
            self.w.items(keys)
        else:
            self.w.facts()
        return items_copy(self.w, keys)

    def state(self, key: str, today: date) -> ItemState:
        """The item as it stands on the day, locked for the rest of the write, as the pages' workflow_item and the
        submission and closure macros read it."""
        if (key, today) not in self._states:
            with self.scratch([key]) as cur:
                self._states[(key, today)] = item_state(cur, key, today)
        return self._states[(key, today)]

    def states(self, keys, today: date) -> dict[str, ItemState]:
        """Several items as they stand on the day, read from one small copy (each locked)."""
        wanted = sorted({k for k in keys if (k, today) not in self._states})
        if wanted:
            with self.scratch(wanted) as cur:
                for key in wanted:
                    self._states[(key, today)] = item_state(cur, key, today)
        return {k: self._states[(k, today)] for k in keys}

    def add_event(self, values: dict) -> int:
        """Append one event (every column but seq: the events' sequence numbers it); its number."""
        self._states = {k: v for k, v in self._states.items() if k[0] != values["key"]}
        return int(self.run("add_event", **values, change_no=self.w.number())[0][0])


def item_state(cur, key: str, today: date) -> ItemState:
    """What the derived copy on `cur` says of the item on the day (ItemState)."""
    params = {**Filters(as_of=today, with_bodies=True).params(), "key": key}
    found = cur.execute(queries.load("workflow_item").sql, params).fetchall()
    if not found:
        return ItemState(None)
    row = dict(zip([d[0] for d in cur.description], found[0], strict=True))
    item = item_of_row(row)
    submissions, proposals = {}, {}
    for seq, actor_id, state, status, target, made_on, percent in cur.execute(
            sql_text(SQL_DIR / "item_submissions.sql"), {"key": key}).fetchall():
        submissions[seq] = Submission(seq, key, actor_id, state, made_on)
        proposals[seq] = {"status": status, "target": day_text(target),
                          **({"percent": percent} if percent is not None else {})}
    requests = {seq: ClosureRequest(seq, key, on, state) for seq, on, state in
                cur.execute(sql_text(SQL_DIR / "item_closure_requests.sql"), {"key": key}).fetchall()}
    risk = None if row["risk_seq"] is None else RiskAcceptance(
        int(row["risk_seq"]), row["risk_proposed_on"], row["risk_signed_by"] is not None,
        row["risk_noted_on"] is not None, row["risk_state"], row["risk_closed_on"])
    rows = cur.execute(queries.load("item_actions").sql, params).fetchall()
    names = [d[0] for d in cur.description]
    actions = {int(a["action"]): Action(int(a["action"]), id_of(a["owner_id"]), a["status"])
               for a in (dict(zip(names, r, strict=True)) for r in rows)}
    next_action = int(cur.execute(sql_text(SQL_DIR / "next_action_number.sql"), {"key": key}).fetchall()[0][0])
    return ItemState(item, row["status"], day_text(row["target_current"]), submissions, proposals, requests,
                     bool(row["off_track"]), risk, row["carried_to"], row["published_on"],
                     int(row["moves"]), actions, next_action)


def item_of(con: EventWrite, key: str, today: date) -> tuple[Item | None, dict]:
    """The recommendation as the rules need it today, and its status and target (for an event's 'before')."""
    found = con.state(key, today)
    return found.item, found.before


def submission_of(con: EventWrite, seq: int, today: date) -> tuple[Submission | None, dict, ItemState | None]:
    """A submission as it stands in this write (its earlier events included), its proposal, and its item's state."""
    key = con.key_of(int(seq))
    if key is None:
        return None, {}, None
    found = con.state(key, today)
    return found.submissions.get(int(seq)), found.proposals.get(int(seq), {}), found


def add_event(con: EventWrite, batch: dict, n: int, kind: str, person: Person, role: str, key: str, today: date,
              before: dict, **fields) -> int:
    """Append one event (the batch's n-th) to the write; returns its number."""
    values = {"submission": None, "comment": None, "status": None, "target": None, "reason": None, "evidence": None,
              "decision": None, "after": None, "meeting": None, "public": None, **fields}
    return con.add_event({
        "event_id": f"{batch['id']}:{n}", "kind": kind, "made_at": clock.now(),
        "on_date": today, "actor_id": person.person_id, "actor": person.email, "role": role, "source": batch["source"],
        "key": key, **values, "before": json.dumps(before, default=str),
        "after": None if values["after"] is None else json.dumps(values["after"], default=str)})


def add_evidence(con: EventWrite, batch: dict, n: int, person: Person, role: str, key: str, submission: int | None,
                 checked) -> int:
    """Record one evidence file (an evidence.checks.Checked: its facts, and its bytes once a content) inside the
    write; returns its number."""
    number = con.w.number()
    file_id = int(con.run("next_evidence_id")[0][0])
    con.run("add_evidence_content", sha256=checked.sha256, content=checked.content, change_no=number)
    con.run("add_evidence", file_id=file_id, key=key, submission=submission, name=checked.name,
            media_type=checked.media_type, size=checked.size, sha256=checked.sha256,
            uploaded_at=clock.now(), uploader_id=person.person_id, uploader=person.email,
            role=role, source=batch["source"], event_id=f"{batch['id']}:file:{n}", change_no=number)
    return file_id
