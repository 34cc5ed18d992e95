"""Applying a lead's submission or withdrawal, a reviewer's decisions and reminder settings, inside a workflow write."""

from __future__ import annotations

import json
from datetime import date

from tracker.core import clock
from tracker.core.policies import REVIEWER_MOVES
from tracker.people.access import Person
from tracker.workflow.events import WorkflowError, add_event, add_evidence, item_of, submission_of
from tracker.workflow.policies import policy_in_write
from tracker.workflow.rules import (
    WAITING,
    asked_by_meeting_refusal,
    board_item_refusal,
    extension_refusal,
    grade_refusal,
    note,
    open_actions_refusal,
    priority_refusal,
    review_refusal,
    review_role,
    submit_refusal,
    tracking_refusal,
    withdraw_refusal,
    withhold_refusal,
)


def apply_submit(con, batch: dict, person: Person, today: date, key: str, comment: str, status: str | None,
                 target: str | None, reason: str | None, evidence: list[str], files=(), public: bool = False,
                 percent: int | None = None) -> list[int]:
    """A submission, checked against the rules, with its evidence files' facts (their bytes go with the write): its
    number, then its files'; `public`: its comment may go on the force's public site (internal unless the lead says
    so); `percent`: the percent complete it reports (kept on the event; the item's once accepted)."""
    item, before = item_of(con, key, today)
    refusal = submit_refusal(person, item)
    if refusal:
        raise WorkflowError(refusal)
    seq = add_event(con, batch, 0, "submission", person, "lead", key, today, before, comment=comment, status=status,
                    target=target, reason=reason, evidence=evidence or None, public=bool(public),
                    after={"proposed_status": status, "proposed_target": target,
                           "files": [f.name for f in files] or None,
                           **({"proposed_percent": percent} if percent is not None else {})})
    return [seq, *(add_evidence(con, batch, n, person, "lead", key, seq, checked) for n, checked in enumerate(files))]


def apply_priority(con, batch: dict, person: Person, today: date, key: str, priority: int, reason: str | None
                   ) -> list[int]:
    """An analyst's or reviewer's priority for an item (1 high, 2, 3), with why; it stands from today."""
    reason = note(reason)
    item, before = item_of(con, key, today)
    refusal = priority_refusal(person, item, priority, reason)
    if refusal:
        raise WorkflowError(refusal)
    role = next(r for r in ("reviewer", "analyst", "admin") if r in person.roles)
    return [add_event(con, batch, 0, "priority", person, role, key, today, before, decision=str(priority),
                      reason=reason)]


def apply_tracking(con, batch: dict, person: Person, today: date, key: str, off: bool, reason: str | None,
                   forecast: str | None) -> list[int]:
    """The item's lead or a reviewer marks it off track (why, and a revised forecast) or back on track, from today."""
    reason = note(reason)
    state = con.state(key, today)
    day = date.fromisoformat(forecast) if forecast else None
    refusal = tracking_refusal(person, state.item, off, state.off_track, reason, day, today)
    if refusal:
        raise WorkflowError(refusal)
    role = "reviewer" if "reviewer" in person.roles else "lead"
    return [add_event(con, batch, 0, "track", person, role, key, today, state.before, decision="off" if off else "on",
                      reason=reason, target=day if off else None)]


def apply_grade(con, batch: dict, person: Person, today: date, key: str, grade: str, note_: str | None) -> list[int]:
    """The inspectorate's follow-up grade on an item at a revisit, with a note; from today, beside its status."""
    item, before = item_of(con, key, today)
    refusal = grade_refusal(person, item, grade)
    if refusal:
        raise WorkflowError(refusal)
    return [add_event(con, batch, 0, "grade", person, "inspectorate", key, today, before, decision=grade,
                      comment=note(note_))]


def apply_withhold(con, batch: dict, person: Person, today: date, key: str, decision: str, reason: str | None
                   ) -> list[int]:
    """A reviewer withholds an item's details from the public site, saying why, or releases them again."""
    reason = note(reason)
    item, before = item_of(con, key, today)
    refusal = withhold_refusal(person, item, reason if decision == "withhold" else "release")
    if refusal:
        raise WorkflowError(refusal)
    role = "reviewer" if "reviewer" in person.roles else "admin"
    return [add_event(con, batch, 0, "withhold", person, role, key, today, before, decision=decision, reason=reason)]


def apply_withdraw(con, batch: dict, person: Person, today: date, submission: int) -> list[int]:
    """A withdrawal, checked against the rules."""
    sub, _, state = submission_of(con, submission, today)
    refusal = withdraw_refusal(person, sub)
    if refusal:
        raise WorkflowError(f"submission #{submission}: {refusal}")
    return [add_event(con, batch, 0, "withdrawal", person, "lead", sub.key, today, state.before, submission=sub.seq)]


def apply_decide(con, batch: dict, person: Person, today: date, submissions: list[int], decision: str,
                 reason: str | None) -> list[int]:
    """Decisions on several submissions: every one checked before any is written, so all or none."""
    return decision_events(con, batch, person, today, submissions, decision, reason)


def decision_events(con, batch: dict, person: Person, today: date, submissions: list[int], decision: str,
                    reason: str | None, meeting=None) -> list[int]:
    """Check every submission, then write a decision on each; at a board meeting (a rules.Meeting) each must also be
    an item of that board, and the chair decides as 'chair', against the meeting. Outside a meeting, a reviewer
    accepts an extension request (a proposed target) alone only while the force's policy allows (extension_refusal).
    Accepting a completion while the item has actions open needs the reason, which the decision keeps with the open
    actions' numbers."""
    checked = []
    seqs = list(dict.fromkeys(int(s) for s in submissions))
    con.w.items(k for k in map(con.key_of, seqs) if k)  # every item locked first, in key order
    agreed: dict[str, int] = {}  # moves this decision itself agrees alone, by item
    for seq in seqs:
        sub, proposal, state = submission_of(con, seq, today)
        item, before = (state.item, state.before) if state else (None, {})
        refusal = review_refusal(person, item, sub) or (meeting and (board_item_refusal(person, item, meeting)
                                                                   or asked_by_meeting_refusal(sub, meeting)))
        if not refusal and not meeting and decision == "accept" and proposal.get("target"):
            moves = state.moves + agreed.get(item.key, 0)
            refusal = extension_refusal(item, policy_in_write(con, item.force, REVIEWER_MOVES, today), moves,
                                        date.fromisoformat(proposal["target"]))
            agreed[item.key] = agreed.get(item.key, 0) + 1
        open_now = state.open_actions() if state and decision == "accept" else []
        refusal = refusal or open_actions_refusal(proposal.get("status"), open_now, reason)
        if refusal:
            raise WorkflowError(f"submission #{seq}: {refusal}")
        # The open actions the reason answers for: those the rule would have refused the acceptance over.
        answered = open_now if open_actions_refusal(proposal.get("status"), open_now, None) else []
        checked.append((sub, proposal, before, "chair" if meeting else review_role(person, item), answered))
    done = []
    for n, (sub, proposal, before, role, answered) in enumerate(checked):
        after = ({**proposal, "supersedes": sub.state != WAITING, **({"open_actions": answered} if answered else {})}
                 if decision == "accept" else {"returned": reason, "supersedes": sub.state != WAITING})
        done.append(add_event(con, batch, n, "decision", person, role, sub.key, today, before, submission=sub.seq,
                              decision=decision, reason=reason, after=after,
                              meeting=meeting.meeting_id if meeting else None))
    return done


def apply_reminder_setting(con, batch: dict, person: Person, today: date, cadence: str) -> list[int]:
    """A person's own reminder setting."""
    if con.run("reminder_setting_held", id=f"{batch['id']}:0")[0][0]:
        return []  # applied already (its writer died before reading the result)
    con.run("add_reminder_setting", p=person.person_id, c=cadence, at=clock.now(),
            actor=person.email, source=batch["source"], id=f"{batch['id']}:0", change_no=con.w.number())
    return []


def apply_reminder_sent(con, batch: dict, person: Person, today: date, listed: dict) -> list[int]:
    """A digest sent: the log that keeps a second run for the same date from sending it again."""
    con.run("lock_reminders")
    if con.run("reminder_sent_held", p=person.person_id, d=today)[0][0]:
        raise WorkflowError(f"the digest to {person.email} for {today:%-d %b %Y} was sent already")
    con.run("add_reminder_sent", p=person.person_id, e=person.email, d=today, at=clock.now(),
            items=json.dumps(listed), source=batch["source"], id=f"{batch['id']}:0", change_no=con.w.number())
    return []


def apply_reminder_bounced(con, batch: dict, person: Person, today: date, detail: str) -> list[int]:
    """The mail server refused a digest logged as sent: so it counts as not sent, and the next run tries again."""
    con.run("add_reminder_bounced", p=person.person_id, d=today, at=clock.now(),
            detail=detail[:2000], change_no=con.w.number())
    return []
