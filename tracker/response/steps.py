"""A statutory response's steps inside a write: a draft saved, the chief constable's comments, the commissioner's
approval, publication (which makes each recommendation's first dated update and its original target)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import NamedTuple

from tracker.core import clock
from tracker.core.text import clean_text
from tracker.people.access import COMMISSIONER, Person
from tracker.response.rules import (
    DRAFTERS,
    MAX_TEXT,
    Standing,
    after_comments,
    after_draft,
    approval_refusal,
    elsewhere_refusal,
    may_approve,
    may_draft,
    publication_refusal,
)
from tracker.store.queries import sql_text
from tracker.workflow.events import SQL_DIR, EventWrite, WorkflowError, add_event, add_evidence


class Owner(NamedTuple):
    """A person of the force who may own a planned action, as the directory has them."""

    person_id: int
    email: str
    name: str
    job_title: str | None
    public_name: bool


def report_of(con: EventWrite, report: str) -> tuple[str, str, date | None]:
    """(id, title, published_on) of a report, or WorkflowError naming it."""
    rows = con.run("response_report", report=report)
    if not rows:
        raise WorkflowError(f"no report has the id {report!r}")
    return rows[0]


def items_of(con: EventWrite, report: str, force: str) -> list[tuple]:
    """The report's recommendations in the force (key, id, owner_id, target_current), or WorkflowError if none; the
    response's lock taken first, so its steps take turns."""
    return read_response(con, report, force)[0]


def read_response(con: EventWrite, report: str, force: str) -> tuple[list[tuple], dict[int, Owner]]:
    """items_of's recommendations, and the force's active people who may own a planned action, by person id."""
    con.run("lock_response", report=report, force=force)
    with con.scratch(k for (k,) in con.run("keys_of_report", report=report, force=force)) as cur:
        rows = cur.execute(sql_text(SQL_DIR / "response_items.sql"), {"report": report, "force": force}).fetchall()
        owners = cur.execute(sql_text(SQL_DIR / "response_owners.sql"), {"force": force}).fetchall()
    if not rows:
        raise WorkflowError(f"the report has no recommendations in {force}: {force} has nothing to respond to")
    return rows, {o[0]: Owner(*o) for o in owners}


def standing_of(con, report: str, force: str, keys: list[str]) -> tuple[Standing, list[dict]]:
    """Where the response stands now, and its current version's latest plan."""
    steps = con.run("response_steps", report=report, force=force)
    if not steps:
        return Standing(), []
    version = max(s[1] for s in steps)
    drafts = [s for s in steps if s[2] == "draft" and s[1] == version]
    plan = json.loads(drafts[-1][4]) if drafts else []
    planned = {row["key"] for row in plan if (row.get("action") or "").strip()}
    approvals = [s[7] for s in steps if s[2] == "approve" and s[1] == version]
    return Standing(version=version, stage=steps[-1][3], has_draft=bool(drafts),
                    has_comments=any(s[2] == "comments" for s in steps),
                    complete_plan=set(keys) <= planned, approved_on=approvals[-1] if approvals else None), plan


def role_of(person: Person) -> str:
    """The role a person works on a response in: commissioner first, then the other drafting roles."""
    return next(r for r in DRAFTERS if r in person.roles)


def add_step(con, batch: dict, person: Person, role: str, report: str, force: str, version: int, kind: str,
             before: str, after: str, **fields) -> int:
    """Append one step; returns its number."""
    number = con.w.number()
    step = int(con.run("next_response_step")[0][0])
    values = {"overall": None, "plan": None, "chief_comments": None, "chief_file": None, "published_on": None,
              "address": None, "on_date": None, **fields}
    con.run("add_response_step", step_id=step, report=report, force=force, version=version, kind=kind,
            stage_before=before, stage_after=after, made_at=clock.now(),
            actor_id=person.person_id, actor=person.email, role=role, source=batch["source"],
            event_id=f"{batch['id']}:response", change_no=number, **values)
    return step


def clean_plan(rows: list[dict], items: list[tuple], owners: dict[int, Owner], force: str,
               published_on: date | None, today: date) -> list[dict]:
    """The draft's plan, one row a recommendation of the report in the force (in id order), each owner a person of the
    force's directory (given by person id or email; else the item's own), or WorkflowError naming the row and field at
    fault (and the row's file and line, when it says where it came from: "plan.csv, line 3")."""
    known = {key: (rid, owner_id) for key, rid, owner_id, _ in items}
    by_email = {o.email.lower(): o.person_id for o in owners.values()}
    given = {}
    for row in rows:
        key = str(row.get("key") or "")
        at = f"{row['where']}: {key or 'a row'}" if row.get("where") else key or "a row"
        if key not in known:
            raise WorkflowError(f"{at}: not a recommendation of this report in this force")
        action = clean_text(str(row.get("action") or ""))
        if len(action) > MAX_TEXT:
            raise WorkflowError(f"{at}: the planned action is longer than {MAX_TEXT:,} characters")
        owner = row.get("owner")
        if owner in ("", None) or owner != owner:
            owner_id = known[key][1] if known[key][1] in owners else None
        elif isinstance(owner, int) or str(owner).strip().isdigit():
            owner_id = int(owner)
            if owner_id not in owners:
                raise WorkflowError(f"{at}: person {owner_id} is not one of {force}'s people in the directory")
        else:
            owner_id = by_email.get(str(owner).strip().lower())
            if owner_id is None:
                raise WorkflowError(f"{at}: the owner {str(owner)[:100]!r} is not the email of one of {force}'s "
                                    "people in the directory")
        target = row.get("target")
        if target in ("", None) or target != target:
            target = None
        else:
            try:
                target = target if isinstance(target, date) else date.fromisoformat(str(target)[:10])
            except ValueError:
                raise WorkflowError(f"{at}: the target {target!r} is not a date (YYYY-MM-DD)") from None
            earliest = published_on or today - timedelta(days=3653)
            if not earliest <= target <= today + timedelta(days=3653):
                raise WorkflowError(f"{at}: a target is after the report's publication and within ten years")
        given[key] = {"key": key, "action": action, "owner_id": owner_id,
                      "target": target.isoformat() if target else None}
    return [given.get(key, {"key": key, "action": "", "owner_id": owner_id if owner_id in owners else None,
                            "target": None}) for key, _, owner_id, _ in items]


def apply_response_draft(con, batch: dict, person: Person, today: date, report: str, force: str, overall: str,
                         plan: list[dict]) -> list[int]:
    """Save a draft: the commissioner's overall comments and each recommendation's planned action, owner and target.
    The last save wins; every save is kept. After approval, a save starts the next version."""
    refusal = may_draft(person, force)
    if refusal:
        raise WorkflowError(refusal)
    _, _, published_on = report_of(con, report)
    items, owners = read_response(con, report, force)
    overall = clean_text(overall or "")
    if len(overall) > MAX_TEXT:
        raise WorkflowError(f"the overall comments are longer than {MAX_TEXT:,} characters")
    rows = clean_plan(plan, items, owners, force, published_on, today)
    standing, _ = standing_of(con, report, force, [i[0] for i in items])
    version, stage = after_draft(standing)
    return [add_step(con, batch, person, role_of(person), report, force, version, "draft", standing.stage, stage,
                     overall=overall or None, plan=json.dumps(rows), on_date=today)]


def apply_response_comments(con, batch: dict, person: Person, today: date, report: str, force: str, text: str,
                            files=()) -> list[int]:
    """Record the chief constable's comments, pasted in or as a file (kept as evidence files are): the step's number,
    then the file's."""
    refusal = may_draft(person, force)
    if refusal:
        raise WorkflowError(refusal)
    report_of(con, report)
    items = items_of(con, report, force)
    text = clean_text(text or "")
    if len(text) > MAX_TEXT:
        raise WorkflowError(f"the chief constable's comments are longer than {MAX_TEXT:,} characters")
    if not text and not files:
        raise WorkflowError("paste the chief constable's comments or attach them as a file")
    if len(files) > 1:
        raise WorkflowError("attach the chief constable's comments as one file")
    standing, _ = standing_of(con, report, force, [i[0] for i in items])
    version, stage = after_comments(standing)
    role = role_of(person)
    file_id = add_evidence(con, batch, 0, person, role, f"response:{report}:{force}", None, files[0]) if files else None
    step = add_step(con, batch, person, role, report, force, version, "comments", standing.stage, stage,
                    chief_comments=text or None, chief_file=file_id, on_date=today)
    return [step] if file_id is None else [step, file_id]


def apply_response_approve(con, batch: dict, person: Person, today: date, report: str, force: str) -> list[int]:
    """The commissioner approves the current version: its text is then frozen."""
    refusal = may_approve(person, force)
    if refusal:
        raise WorkflowError(refusal)
    report_of(con, report)
    items = items_of(con, report, force)
    standing, _ = standing_of(con, report, force, [i[0] for i in items])
    refusal = approval_refusal(standing)
    if refusal:
        raise WorkflowError(refusal)
    return [add_step(con, batch, person, COMMISSIONER, report, force, standing.version, "approve", standing.stage,
                     "approved", on_date=today)]


def apply_response_publish(con, batch: dict, person: Person, today: date, report: str, force: str, published_on: str,
                           address: str) -> list[int]:
    """Record the approved version's publication (the day and the address), and make each recommendation's planned
    action its first dated update and its target the original one."""
    refusal = may_approve(person, force) if COMMISSIONER in person.roles else may_draft(person, force)
    if refusal:
        raise WorkflowError(refusal)
    report_of(con, report)
    items, owners = read_response(con, report, force)
    standing, plan = standing_of(con, report, force, [i[0] for i in items])
    day = date.fromisoformat(published_on)
    address = clean_text(address or "")
    refusal = publication_refusal(standing, day, address, today)
    if refusal:
        raise WorkflowError(refusal)
    role = role_of(person)
    befores = {k: st.before for k, st in con.states([row["key"] for row in plan], day).items()}  # before the counter
    step = add_step(con, batch, person, role, report, force, standing.version, "publish", standing.stage, "published",
                    published_on=day, address=address, on_date=today)
    for n, row in enumerate(plan, start=1):
        before = befores[row["key"]]
        target = date.fromisoformat(row["target"]) if row["target"] else None
        owner_id = row.get("owner_id") if row.get("owner_id") in owners else None  # not one who has left since
        add_event(con, batch, n, "response", person, role, row["key"], day, before, comment=row["action"],
                  target=target, after={"step": step, "action": row["action"], "owner_id": owner_id,
                                        "target": row["target"]})
    return [step]


def apply_response_elsewhere(con, batch: dict, person: Person, today: date, report: str, force: str,
                             published_on: str, address: str) -> list[int]:
    """Record a response the office published outside the tracker (the day and the address), so it counts as on time
    or late and leaves the due list; no recommendation gets an update from it (its plan was never in the tracker)."""
    refusal = may_draft(person, force)
    if refusal:
        raise WorkflowError(refusal)
    _, _, report_on = report_of(con, report)
    items = items_of(con, report, force)
    standing, _ = standing_of(con, report, force, [i[0] for i in items])
    day = date.fromisoformat(published_on)
    address = clean_text(address or "")
    refusal = elsewhere_refusal(standing, report_on, day, address, today)
    if refusal:
        raise WorkflowError(refusal)
    return [add_step(con, batch, person, role_of(person), report, force, standing.version, "publish", standing.stage,
                     "published", published_on=day, address=address, on_date=today)]
