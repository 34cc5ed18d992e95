"""Submit, withdraw, decide, and board meetings: each checked against the rules and written as events, all or
nothing, in one write to the system of record."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from tracker.core import clock
from tracker.core.rag import percent_of
from tracker.core.text import clean_text
from tracker.evidence.checks import check_files
from tracker.people.access import Person
from tracker.store.database import write
from tracker.workflow import closing, closure, item_actions, meetings, policies, progress
from tracker.workflow.events import EventWrite, WorkflowError, new_batch
from tracker.workflow.rules import note, proposal_problem

URL = re.compile(r"https?://[^\s<>\"']{1,500}")
DECISIONS = ("accept", "return")
__all__ = [
    "CADENCES",
    "WorkflowError",
    "add_action",
    "agree_target",
    "carry_forward",
    "change_action",
    "decide",
    "decide_closure",
    "grade",
    "meeting_decide",
    "note_risk",
    "propose_risk_acceptance",
    "record_bounce",
    "record_closure",
    "record_meeting",
    "record_reminder",
    "reopen",
    "request_closure",
    "set_policy",
    "set_priority",
    "set_reminders",
    "sign_off_risk",
    "submit",
    "submit_with_files",
    "track",
    "update_action",
    "withdraw",
    "withdraw_risk_acceptance",
    "withhold",
    "write_with",
]


def commit(db, op: str, person: Person, source: str, today: date, **args) -> list[int]:
    """Check one action against the rules and write its rows in one transaction; its numbers, or raise why it was
    refused (nothing written)."""
    return write_with(db, OPS[op], person, source, today, **args)


def write_with(db, apply, person: Person, source: str, today: date, after=None, **args) -> list[int]:
    """One write: apply(events, batch, person, today, **args) reads the items it needs (locked, as the pages show
    them), checks the rules and appends its rows, all or nothing (workflow.events.EventWrite); its numbers. `after`
    runs once the write has committed (an email)."""
    batch = new_batch(source)

    def one(w):
        if after is not None:
            w.after_commit(after)
        return apply(EventWrite(w, batch), batch, person, today, **args)

    return [int(s) for s in write(db, one) or []]


OPS = {"closure_request": closure.apply_closure_request, "closure_decision": closure.apply_closure_decision,
       "submit": progress.apply_submit, "withdraw": progress.apply_withdraw, "decide": progress.apply_decide,
       "reminder_setting": progress.apply_reminder_setting, "reminder_sent": progress.apply_reminder_sent,
       "reminder_bounced": progress.apply_reminder_bounced,
       "meeting": meetings.apply_meeting, "meeting_decide": meetings.apply_meeting_decide,
       "agree_target": meetings.apply_agree_target, "withhold": progress.apply_withhold,
       "priority": progress.apply_priority, "reopen": closure.apply_reopen, "tracking": progress.apply_tracking,
       "grade": progress.apply_grade, "policy": policies.apply_policy,
       "risk_proposal": closing.apply_risk_proposal, "risk_withdrawal": closing.apply_risk_withdrawal,
       "risk_sign_off": closing.apply_risk_sign_off, "risk_noting": closing.apply_risk_noting,
       "carry_forward": closing.apply_carry_forward, "action": item_actions.apply_action,
       "action_update": item_actions.apply_action_update}
CADENCES = ("weekly", "daily", "paused")


def set_reminders(db, person: Person, cadence: str, source: str = "app") -> None:
    """A person chooses how often their digest comes: weekly, daily, or paused."""
    if cadence not in CADENCES:
        raise WorkflowError(f"reminders are one of {', '.join(CADENCES)}")
    commit(db, "reminder_setting", person, source, clock.today(), cadence=cadence)


def set_policy(db, person: Person, force: str, name: str, value: str, reason: str | None = None,
               source: str = "app", today: date | None = None) -> None:
    """An administrator sets one of a force's policies (tracker.core.policies), from today, saying why."""
    commit(db, "policy", person, source, today or clock.today(), force=force, name=name, value=value, reason=reason)


def record_reminder(db, person: Person, as_of: date, listed: dict, send, source: str = "command line") -> None:
    """Log a digest to a person for a date and, once that has committed, send it (send()); a second run for the same
    date is refused (WorkflowError) and sends nothing. If send() raises, the log stands and the exception reaches the
    caller, who records the refusal (record_bounce)."""
    write_with(db, OPS["reminder_sent"], person, source, as_of, after=send, listed=listed)


def record_bounce(db, person: Person, as_of: date, detail: str, source: str = "command line") -> None:
    """The mail server refused the digest just logged: it counts as not sent, and the next run tries it again."""
    commit(db, "reminder_bounced", person, source, as_of, detail=detail)


def submit(db, person: Person, key: str, comment: str, *args, **kwargs) -> int:
    """submit_with_files, returning the submission's number alone."""
    return submit_with_files(db, person, key, comment, *args, **kwargs)[0]


def submit_with_files(db, person: Person, key: str, comment: str, status: str | None = None,
                      target: date | None = None, reason: str | None = None, evidence: Sequence[str] = (),
                      source: str = "app", today: date | None = None, files: Sequence[tuple[str, bytes]] = (),
                      public: bool = False, percent: int | None = None) -> tuple[int, list[int]]:
    """A lead's progress on an item they own, with evidence links and files ((name, bytes): PDF, DOCX, XLSX, PNG or
    JPEG, checked by content): saved, durable and visible to every reader when this returns the submission's number
    and its files' numbers, in the order given. `public`: the comment may be published on the force's public site
    (internal by default). `percent`: how far complete the lead reports it (0 to 100), the item's latest percent once
    accepted.

    A submission proposing a target (with its reason) is the lead's extension request. It is not a request of its own
    kind because it already is everything a committee asks of one: dated and attributed, with the lead's account of
    progress and evidence beside it, withdrawn by its lead, accepted or returned by a reviewer, or by the board's
    chair at a meeting; a second kind would give a lead two forms that ask the same and reviewers two queues. Whether
    a reviewer may agree it alone is the force's policy (rules.extension_refusal)."""
    today = today or clock.today()
    comment, reason = clean_text(comment or ""), clean_text(reason or "") or None
    problem = proposal_problem(comment, status or None, target, reason, today, percent)
    if problem:
        raise WorkflowError(problem)
    links = [e.strip() for e in evidence if e.strip()]
    bad = [e for e in links if not URL.fullmatch(e)]
    if bad:
        raise WorkflowError(f"evidence '{bad[0][:80]}' is not a web link; give links starting with https://")
    checked = check_files(files)
    seq, *file_ids = commit(db, "submit", person, source, today, key=key, comment=comment, status=status or None,
                            target=None if target is None else target.isoformat(), reason=reason, evidence=links,
                            files=checked, public=bool(public), percent=percent_of(percent))
    return seq, file_ids


def set_priority(db, person: Person, key: str, priority: int, reason: str | None, source: str = "app",
                 today: date | None = None) -> int:
    """An analyst, reviewer or administrator sets an item's priority (1 high, 2, 3) with a reason; it orders the
    overdue list and the meeting agenda, and can be filtered on. Its event number."""
    return commit(db, "priority", person, source, today or clock.today(), key=key,
                  priority=int(priority) if str(priority).isdigit() else priority, reason=reason)[0]


def track(db, person: Person, key: str, off: bool, reason: str | None = None, forecast: date | None = None,
          source: str = "app", today: date | None = None) -> int:
    """The item's lead or a reviewer marks it off track (why, and the revised forecast) or back on track; a dated event
    the Overdue page and the pack show before the item is late. Its event number."""
    return commit(db, "tracking", person, source, today or clock.today(), key=key, off=bool(off), reason=reason,
                  forecast=forecast.isoformat() if forecast else None)[0]


def add_action(db, person: Person, key: str, title: str, owner_id: int | None, target: date | None,
               source: str = "app", today: date | None = None) -> tuple[int, int]:
    """A reviewer of the item's force or its lead adds an action under it: what is to be done, its owner (a person of
    the item's force) and its target. (the action's number within the item, the event's number)."""
    seq, number = commit(db, "action", person, source, today or clock.today(), key=key, number=None, title=title,
                         owner_id=owner_id, target=target.isoformat() if target else None)
    return number, seq


def change_action(db, person: Person, key: str, number: int, title: str, owner_id: int | None, target: date | None,
                  reason: str | None = None, source: str = "app", today: date | None = None) -> int:
    """A reviewer or the item's lead changes action `number`: its title, owner and target as they now stand, and
    why. Its event number."""
    return commit(db, "action", person, source, today or clock.today(), key=key, number=int(number), title=title,
                  owner_id=owner_id, target=target.isoformat() if target else None, reason=reason)[0]


def update_action(db, person: Person, key: str, number: int, status: str, comment: str, source: str = "app",
                  today: date | None = None) -> int:
    """The action's owner or a reviewer reports progress on it: a note, and whether it is open or complete. Its event
    number."""
    return commit(db, "action_update", person, source, today or clock.today(), key=key, number=int(number),
                  status=status, comment=comment)[0]


def grade(db, person: Person, key: str, grade_: str, note_: str | None = None, source: str = "app",
          today: date | None = None) -> int:
    """The inspectorate records its follow-up grade on an item at a revisit (achieved, partially achieved, not
    achieved), beside its status; its event number."""
    return commit(db, "grade", person, source, today or clock.today(), key=key, grade=grade_, note_=note_)[0]


def withhold(db, person: Person, key: str, reason: str | None, release: bool = False, source: str = "app",
             today: date | None = None) -> int:
    """A reviewer withholds an item from the public site with a reason (it is listed only as '[details withheld:
    reason]'), or releases it again; its event number."""
    return commit(db, "withhold", person, source, today or clock.today(), key=key,
                  decision="release" if release else "withhold", reason=reason)[0]


def withdraw(db, person: Person, seq: int, source: str = "app", today: date | None = None) -> int:
    """The author takes back a submission nobody has decided on yet."""
    return commit(db, "withdraw", person, source, today or clock.today(), submission=int(seq))[0]


def decide(db, person: Person, seqs: Sequence[int], decision: str, reason: str | None = None, source: str = "app",
           today: date | None = None) -> list[int]:
    """Accept or return submissions, all of them or none: an accepted one's proposed status and target take effect
    from today; a returned one goes back to its lead with the reason. A later decision supersedes an earlier one."""
    reason = decision_reason(decision, reason, seqs)
    return commit(db, "decide", person, source, today or clock.today(), submissions=[int(s) for s in seqs],
                  decision=decision, reason=reason)


def decision_reason(decision: str, reason: str | None, seqs: Sequence[int]) -> str | None:
    """The cleaned reason, once the decision is one there is and a return says why; else raise."""
    reason = clean_text(reason or "") or None
    if decision not in DECISIONS:
        raise WorkflowError(f"a decision is one of {', '.join(DECISIONS)}")
    if decision == "return" and not reason:
        raise WorkflowError("say why the submission goes back to its lead")
    if not seqs:
        raise WorkflowError("choose at least one submission")
    return reason


def record_meeting(db, person: Person, board: str, held_on: date, source: str = "app", today: date | None = None,
                   force: str | None = None, national: bool = False) -> int:
    """Record a meeting of a board on a day, chaired by this person; returns the meeting's number. The board is the
    person's force's; a national person names the force whose board it is, or says it is national."""
    board = clean_text(board or "")
    if not board:
        raise WorkflowError("name the board")
    return commit(db, "meeting", person, source, today or clock.today(), board=board, held_on=held_on.isoformat(),
                  force=force, national=national)[0]


def meeting_decide(db, person: Person, meeting: int, seqs: Sequence[int], decision: str, reason: str | None = None,
                   source: str = "app", today: date | None = None) -> list[int]:
    """The chair accepts or returns submissions at a board meeting: recorded against it and dated its day."""
    reason = decision_reason(decision, reason, seqs)
    return commit(db, "meeting_decide", person, source, today or clock.today(), meeting=int(meeting),
                  submissions=[int(s) for s in seqs], decision=decision, reason=reason)


def agree_target(db, person: Person, meeting: int, key: str, target: date, reason: str, source: str = "app",
                 today: date | None = None) -> int:
    """The chair records a revised target the board agreed for one of its items, from the meeting's day."""
    reason = clean_text(reason or "") or None
    if not reason:
        raise WorkflowError("say why the target moves")
    return commit(db, "agree_target", person, source, today or clock.today(), meeting=int(meeting), key=key,
                  target=target.isoformat(), reason=reason)[0]


def request_closure(db, person: Person, key: str, files: Sequence[int] = (), comment: str | None = None,
                    source: str = "app", today: date | None = None) -> int:
    """Ask the inspectorate to close an item the force has accepted as complete (pending sign-off), sending some of
    its evidence files; returns the request's number."""
    comment = note(comment)
    return commit(db, "closure_request", person, source, today or clock.today(), key=key,
                  evidence_ids=[int(f) for f in files], comment=comment)[0]


def decide_closure(db, person: Person, request: int, decision: str, reason: str | None = None, source: str = "app",
                   today: date | None = None) -> int:
    """The inspectorate accepts a closure request (the item becomes complete, from today) or returns it with its
    reasons (back to being progressed)."""
    return commit(db, "closure_decision", person, source, today or clock.today(), request=int(request),
                  decision=decision, reason=note(reason))[0]


def record_closure(db, person: Person, request: int, decision: str, on: date, letter: tuple[str, bytes],
                   reason: str | None = None, source: str = "app", today: date | None = None) -> tuple[int, int]:
    """A force's liaison records the inspectorate's decision from its letter (attached, dated `on`); the decision's
    number and the letter's evidence file number."""
    checked = check_files([letter])
    seq, letter_file = commit(db, "closure_decision", person, source, today or clock.today(), request=int(request),
                              decision=decision, reason=note(reason),
                              on=on.isoformat(), files=checked)
    return seq, letter_file


def reopen(db, person: Person, key: str, reason: str | None, source: str = "app", today: date | None = None) -> int:
    """The inspectorate reopens an item it closed, with a reason (it is being progressed again from today)."""
    return commit(db, "reopen", person, source, today or clock.today(), key=key,
                  reason=note(reason))[0]


def propose_risk_acceptance(db, person: Person, key: str, reason: str | None, source: str = "app",
                            today: date | None = None) -> int:
    """A reviewer of the item proposes closing it as risk accepted, saying why: it closes once the chief officer or
    the commissioner signs it off and its board notes it (tracker/workflow/closing.py). Its event number."""
    return commit(db, "risk_proposal", person, source, today or clock.today(), key=key, reason=note(reason))[0]


def withdraw_risk_acceptance(db, person: Person, key: str, reason: str | None, source: str = "app",
                             today: date | None = None) -> int:
    """A reviewer withdraws the item's waiting risk acceptance, saying why; its event number."""
    return commit(db, "risk_withdrawal", person, source, today or clock.today(), key=key, reason=note(reason))[0]


def sign_off_risk(db, person: Person, key: str, signer: str | None, signed_as: str | None, signed_on: date | None,
                  source: str = "app", today: date | None = None) -> int:
    """Record the sign-off of the item's waiting risk acceptance: who signed it (named), as chief officer or
    commissioner, and the day they signed (from the proposal to today); its event number."""
    return commit(db, "risk_sign_off", person, source, today or clock.today(), key=key, signer=note(signer, 200),
                  signed_as=signed_as, signed_on=signed_on.isoformat() if signed_on else None)[0]


def note_risk(db, person: Person, meeting: int, key: str, note_: str | None = None, source: str = "app",
              today: date | None = None) -> int:
    """The chair records that the board noted one of its items' risk acceptance at its meeting (dated the meeting's
    day), with an optional note; its event number."""
    return commit(db, "risk_noting", person, source, today or clock.today(), meeting=int(meeting), key=key,
                  note_=note(note_))[0]


def carry_forward(db, person: Person, key: str, other: str, reason: str | None = None, source: str = "app",
                  today: date | None = None) -> int:
    """Close the item as carried forward into `other`, the newer item that takes it over (the inspectorate, or a
    force's liaison recording it from the newer report); its event number."""
    return commit(db, "carry_forward", person, source, today or clock.today(), key=key, other=(other or "").strip(),
                  reason=note(reason))[0]
