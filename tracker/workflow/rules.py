"""Who may submit, withdraw and decide, on what (pure: the app, the command line and the tests share these rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.core.policies import board_decides, moves_allowed
from tracker.core.rag import percent_of
from tracker.core.statuses import CANONICAL, COMPLETE, SIGN_OFF, TRACKER_APART
from tracker.core.text import clean_text
from tracker.people.access import ADMIN, ANALYST, COMMISSIONER, INSPECTORATE, LEAD, REVIEWER, Person, scope_of

WAITING, ACCEPTED, RETURNED, WITHDRAWN, LAPSED = "waiting", "accepted", "returned", "withdrawn", "lapsed"
# A lead reports progress; it never goes back, and the tracker's own closings have steps of their own (closing.py).
PROPOSABLE = tuple(s for s in CANONICAL if s != "awaiting-review" and s not in TRACKER_APART)
MAX_COMMENT = 10_000


MAX_NOTE = 5_000  # a reason or note given with a workflow step
CLOSED_ITEM = ("this recommendation is closed (complete, or closed apart: superseded, no further action needed, risk "
               "accepted or carried forward)")


def note(text: str | None, limit: int = MAX_NOTE) -> str | None:
    """A reason or note as every workflow step keeps it: clean text, cut at the limit; None when empty."""
    return clean_text(text or "")[:limit] or None


@dataclass(frozen=True)
class Item:
    """A recommendation as the rules need it."""

    key: str
    force: str
    owner_id: int | None
    overseer_id: int | None
    is_open: bool
    board: str | None = None


@dataclass(frozen=True)
class ClosureRequest:
    """A closure request as the rules need it: its number, item, when it was made and where it stands."""

    seq: int
    key: str
    requested_on: date
    state: str  # waiting | accepted | returned


@dataclass(frozen=True)
class Submission:
    """A submission as the rules need it."""

    seq: int
    key: str
    actor_id: int | None
    state: str  # waiting | accepted | returned | withdrawn | lapsed
    made_on: date | None = None


def id_of(value) -> int | None:
    """A person's id as a query row gives it (None for none, whatever missing-value form it takes)."""
    return None if value is None or value != value else int(value)


def item_of_row(row) -> Item:
    """The item as the rules need it, from a row of a query that reads filtered() (key, force, owner_id,
    overseer_id, is_open, board): the one way a page, the digest and a write turn the state they read into an Item."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    return Item(get("key"), get("force"), id_of(get("owner_id")), id_of(get("overseer_id")), bool(get("is_open")),
                get("board"))


def in_scope(person: Person, item: Item) -> bool:
    """Whether the item is in the person's force (or the person is national)."""
    scope = scope_of(person)
    return scope is None or item.force in scope


def submit_refusal(person: Person | None, item: Item | None) -> str | None:
    """Why this person may not submit progress on this item, or None when they may: a lead, on an open item they own."""
    if person is None or not person.active:
        return "only a signed-in, active person can submit progress"
    if item is None or not in_scope(person, item):
        return "there is no such recommendation in your force"
    if LEAD not in person.roles:
        return "only a recommendation lead can submit progress"
    if item.owner_id != person.person_id:
        return "you can submit progress only on the recommendations you own"
    if not item.is_open:
        return CLOSED_ITEM
    return None


def review_role(person: Person | None, item: Item | None) -> str | None:
    """The role in which a person may decide on an item's submissions: its overseer, a reviewer of its force, an admin."""
    if person is None or not person.active or item is None or not in_scope(person, item):
        return None
    if item.overseer_id == person.person_id:
        return "overseer"
    if REVIEWER in person.roles:
        return REVIEWER
    if ADMIN in person.roles:
        return ADMIN
    return None


def review_refusal(person: Person | None, item: Item | None, submission: Submission | None) -> str | None:
    """Why this person may not decide on this submission, or None when they may.

    A decision on an accepted or returned submission supersedes the earlier one; nobody decides on their own.
    """
    if submission is None or item is None:
        return "there is no such submission"
    if review_role(person, item) is None:
        return "only the item's overseer, a reviewer of its force or an administrator can decide on it"
    if submission.actor_id == person.person_id:
        return "nobody reviews their own submission"
    if submission.state == WITHDRAWN:
        return "this submission was withdrawn"
    if submission.state == LAPSED:
        return "this submission lapsed when the item closed"
    if not item.is_open:
        return "this recommendation is closed; only the inspectorate can reopen it"
    return None


def withhold_refusal(person: Person | None, item: Item | None, reason: str | None) -> str | None:
    """Why this person may not withhold an item from the public site (or release it), or None when they may: a
    reviewer of its force or an administrator, saying why (the public see the reason)."""
    if item is None or person is None or not person.active or not in_scope(person, item):
        return "there is no such recommendation in your force"
    if REVIEWER not in person.roles and ADMIN not in person.roles:
        return "only a reviewer of the item's force or an administrator can withhold it from the public site"
    if not reason:
        return "say why: the public site lists the item as '[details withheld: reason]'"
    return None


def tracking_refusal(person: Person | None, item: Item | None, off: bool, off_now: bool, reason: str | None,
                     forecast: date | None, today: date) -> str | None:
    """Why this person may not mark the item off track (or back on track), or None when they may: its lead (who owns
    it) or a reviewer of its force, on an open item; off track says why and gives a revised forecast, from today to
    ten years on; back on track only once it is off track."""
    if person is None or not person.active or item is None or not in_scope(person, item):
        return "there is no such recommendation in your force"
    if REVIEWER not in person.roles and not (LEAD in person.roles and item.owner_id == person.person_id):
        return "only the item's lead or a reviewer of its force can say whether it is on track"
    if not item.is_open:
        return CLOSED_ITEM
    if not off:
        return None if off_now else "it is not marked off track"
    if not reason:
        return "say why it is off track"
    if forecast is None or not today <= forecast <= today + timedelta(days=3653):
        return "give the revised forecast: the day it is now expected done, from today to ten years on"
    return None


@dataclass(frozen=True)
class Action:
    """One action under a recommendation as the rules need it: its number within the item, its owner, its status."""

    number: int
    owner_id: int | None
    status: str  # open | complete


ACTION_STATUSES = ("open", "complete")
MAX_TITLE = 500  # an action's title


def plan_refusal(person: Person | None, item: Item | None) -> str | None:
    """Why this person may not add or change the item's actions, or None when they may: a reviewer of its force, or
    its lead (its owner), on an open item."""
    if person is None or not person.active or item is None or not in_scope(person, item):
        return "there is no such recommendation in your force"
    if REVIEWER not in person.roles and not (LEAD in person.roles and item.owner_id == person.person_id):
        return "only the item's lead or a reviewer of its force can add or change its actions"
    if not item.is_open:
        return "this recommendation is closed (complete, superseded or no further action needed)"
    return None


def action_refusal(person: Person | None, item: Item | None, number: int | None, actions: dict[int, Action],
                   title: str | None, owner: Person | None, target: date | None, today: date) -> str | None:
    """Why this person may not add an action to the item (number None) or change its action `number`, or None when
    they may (plan_refusal): an action has a title, an owner (an active person of the item's force in the directory)
    and a target date, within a year before today and ten years after."""
    refusal = plan_refusal(person, item)
    if refusal:
        return refusal
    if number is not None and number not in actions:
        return f"there is no action {number} on {item.key}"
    if not title:
        return "give the action's title: what is to be done"
    if len(title) > MAX_TITLE:
        return f"the action's title is {len(title):,} characters; keep it under {MAX_TITLE:,}"
    if owner is None or not owner.active or owner.force != item.force:
        return f"the action's owner is an active person of {item.force} in the directory"
    if target is None or not today - timedelta(days=366) <= target <= today + timedelta(days=3653):
        return "give the action's target date, within a year before today and ten years after"
    return None


def progress_refusal(person: Person | None, item: Item | None, action: Action | None) -> str | None:
    """Why this person may not report progress on this action, or None when they may: its owner or a reviewer of the
    item's force, while the item is open."""
    if person is None or not person.active or item is None or not in_scope(person, item):
        return "there is no such recommendation in your force"
    if action is None:
        return f"there is no such action on {item.key}"
    if person.person_id != action.owner_id and REVIEWER not in person.roles:
        return "only the action's owner or a reviewer of the item's force can report progress on it"
    if not item.is_open:
        return "this recommendation is closed (complete, superseded or no further action needed)"
    return None


def action_update_refusal(person: Person | None, item: Item | None, action: Action | None, status: str | None,
                          note_: str | None) -> str | None:
    """Why this person may not report this progress on this action, or None when they may (progress_refusal): a
    status, open or complete, and a progress note."""
    refusal = progress_refusal(person, item, action)
    if refusal:
        return refusal
    if status not in ACTION_STATUSES:
        return "an action's status is open or complete"
    if not note_:
        return "write a progress note"
    return None


def open_actions_refusal(status: str | None, open_actions: list[int], reason: str | None) -> str | None:
    """Why a submission proposing this status may not be accepted, or None: one that would make the item pending
    sign-off or complete is refused while any of its actions is open, unless the reviewer says why it is complete with
    them open (the reason is kept on the decision and shown in the item's history)."""
    if status not in (COMPLETE, SIGN_OFF) or not open_actions or reason:
        return None
    numbers = ", ".join(str(n) for n in sorted(open_actions))
    return (f"action{'s' if len(open_actions) > 1 else ''} {numbers} of this recommendation "
            f"{'are' if len(open_actions) > 1 else 'is'} still open: complete "
            f"{'them' if len(open_actions) > 1 else 'it'} first, or say why it is complete with "
            f"{'them' if len(open_actions) > 1 else 'it'} open")


PRIORITIES = {1: "1 (high)", 2: "2", 3: "3"}


def priority_refusal(person: Person | None, item: Item | None, priority: int | None, reason: str | None) -> str | None:
    """Why this person may not set the item's priority, or None when they may: an analyst, reviewer or administrator
    who may see it, a priority of 1 (high), 2 or 3, and a reason."""
    if item is None or person is None or not person.active or not in_scope(person, item):
        return "there is no such recommendation in your force"
    if not {ANALYST, REVIEWER, ADMIN} & set(person.roles):
        return "only an analyst, a reviewer or an administrator can set a priority"
    if priority not in PRIORITIES:
        return "a priority is 1 (high), 2 or 3"
    if not reason:
        return "say why it has this priority"
    return None


@dataclass(frozen=True)
class Meeting:
    """A board meeting as the rules need it."""

    meeting_id: int
    board: str
    held_on: date
    chair_id: int
    force: str | None = None  # whose board it is; None for a national board


def board_force(person: Person | None, force: str | None, national: bool) -> tuple[str | None, str | None]:
    """(the force whose board a meeting is of, None for a national board; why not, or None) for a person recording it:
    a force's person records their own force's boards; a national person says which force's, or that it is national."""
    if person is not None and person.force is not None:
        if national:
            return None, "a national board's meeting is recorded by a national reviewer or administrator"
        if force is not None and force != person.force:
            return None, f"you record the meetings of {person.force}'s boards, not {force}'s"
        return person.force, None
    if national and force is not None:
        return None, "a national board is no one force's: give the force or national, not both"
    if not national and force is None:
        return None, "say whose board this is: a force's, or national"
    return force, None


DECISION_DAYS = 30  # a meeting's decisions are recorded on its day or within this many days after


def meeting_refusal(person: Person | None, board_items: int, board: str, held_on: date, today: date) -> str | None:
    """Why this person may not record this meeting, or None: a reviewer or administrator, of a board that names
    items they can see, on a day at most ten years back and a year ahead. They chair it."""
    if person is None or not person.active:
        return "only a signed-in, active person can record a meeting"
    if REVIEWER not in person.roles and ADMIN not in person.roles:
        return "only a reviewer or an administrator can record a board meeting and chair it"
    if board_items == 0:
        return f"no recommendation you can see names the board '{board}'"
    if not today - timedelta(days=3653) <= held_on <= today + timedelta(days=366):
        return "a meeting is within ten years before today and a year after"
    return None


def chair_refusal(person: Person | None, meeting: Meeting | None, today: date) -> str | None:
    """Why this person may not record decisions at this meeting, or None: its chair, on its day or within
    DECISION_DAYS after (a decision takes effect from the meeting's day, so it cannot be put far back)."""
    if meeting is None:
        return "there is no such meeting"
    if person is None or not person.active or person.person_id != meeting.chair_id:
        return "only the meeting's chair records its decisions"
    if meeting.held_on > today:
        return "this meeting has not happened yet: its decisions are recorded on its day or after"
    if (today - meeting.held_on).days > DECISION_DAYS:
        return f"a meeting's decisions are recorded within {DECISION_DAYS} days of it"
    return None


def board_item_refusal(person: Person | None, item: Item | None, meeting: Meeting) -> str | None:
    """Why the chair may not decide on this item at this meeting, or None: an item of the board, which the chair may
    review."""
    if item is None or person is None or not in_scope(person, item):
        return "there is no such recommendation in your force"
    if item.board != meeting.board or (meeting.force is not None and item.force != meeting.force):
        return f"{item.key} is not one of the {meeting.board}'s items"
    if review_role(person, item) is None:
        return "only the item's overseer, a reviewer of its force or an administrator can decide on it"
    return None


def asked_by_meeting_refusal(submission: Submission, meeting: Meeting) -> str | None:
    """Why a board may not decide this submission at this meeting, or None: a board decides at a meeting what was
    asked by its day (its decisions are dated that day, and the agenda lists only those)."""
    if submission.made_on is not None and submission.made_on > meeting.held_on:
        return (f"it was made on {submission.made_on:%d %b %Y}, after the meeting of {meeting.held_on:%d %b %Y}: a "
                "board decides at a meeting what was asked by its day")
    return None


def target_problem(target: date | None, reason: str | None, today: date) -> str | None:
    """What is wrong with a revised target, or None: it needs its reason, within a year back and ten years ahead."""
    if target is None:
        return "give the revised target"
    if not (reason or "").strip():
        return "say why the target moves"
    if not today - timedelta(days=366) <= target <= today + timedelta(days=3653):
        return "a revised target is within a year before today and ten years after"
    return None


def times(n: int) -> str:
    """How many times, in words: once, twice, 3 times."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def extension_refusal(item: Item, policy: str, moves: int, proposed: date | None) -> str | None:
    """Why a reviewer may not agree this proposed target alone (outside a board meeting), or None when they may.

    A submission proposing a new target is an extension request. The force's reviewer_moves policy (`policy`: 0, 1 or
    unlimited) says how many moves of an item's target a reviewer may agree alone; once its target has moved that many
    times (`moves`, by target_moves), a further move waits for the item's board, whose chair agrees or refuses it at a
    meeting. A reviewer may still return it.
    """
    if proposed is None or not board_decides(policy, moves):
        return None
    allowed = moves_allowed(policy)
    said = (f"{item.force}'s policy is that only the item's board agrees a move of its target" if allowed == 0 else
            f"{item.force}'s policy lets a reviewer agree {allowed} move{'' if allowed == 1 else 's'} of an item's "
            f"target alone, and {item.key}'s target has moved {times(moves)} already")
    board = (f"the {item.board}" if item.board else
             "the item's board, and it names none yet (an import sets an item's board)")
    return f"{said}: this extension request waits for {board} to decide it at a meeting (a reviewer may still return it)"


def withdraw_refusal(person: Person | None, submission: Submission | None) -> str | None:
    """Why this person may not withdraw this submission, or None: only its author, and only before a decision."""
    if submission is None:
        return "there is no such submission"
    if person is None or submission.actor_id != person.person_id:
        return "only the person who made a submission can withdraw it"
    if submission.state != WAITING:
        return f"this submission is already {submission.state}"
    return None


def proposal_problem(comment: str, status: str | None, target: date | None, reason: str | None, today: date,
                     percent=None) -> str | None:
    """What is wrong with a submission's content, or None: a comment is required; a target needs its reason; a
    percent complete, when given, is a whole number from 0 to 100."""
    if not comment.strip():
        return "write a progress comment"
    if len(comment) > MAX_COMMENT:
        return f"the comment is {len(comment):,} characters; keep it under {MAX_COMMENT:,}"
    if status is not None and status not in PROPOSABLE:
        return f"'{status}' is not a status you can propose; choose one of {', '.join(PROPOSABLE)}"
    try:
        percent_of(percent)
    except ValueError as exc:
        return str(exc)
    return None if target is None else target_problem(target, reason, today)


def closure_request_refusal(person: Person | None, item: Item | None, status: str | None,
                            waiting: ClosureRequest | None, risk_waiting: int | None = None) -> str | None:
    """Why this person may not ask the inspectorate to close this item, or None: someone who may review the item
    (its overseer, a reviewer of its force, an admin), once the force has accepted it as done (pending sign-off), and
    not while a request is already waiting, nor while a proposal to accept its risk instead (its number:
    `risk_waiting`) waits."""
    if item is None or person is None or not in_scope(person, item):
        return "there is no such recommendation in your force"
    if review_role(person, item) is None:
        return "only the item's overseer, a reviewer of its force or an administrator can request closure"
    if status != SIGN_OFF:
        return ("closure is requested once the force has accepted the item as complete (it is then pending sign-off);"
                " it is not")
    if waiting is not None:
        return f"closure request #{waiting.seq} is already waiting for the inspectorate"
    if risk_waiting is not None:
        return f"risk acceptance #{risk_waiting} waits: an item is either done or its risk accepted"
    return None


def closure_decision_refusal(person: Person | None, item: Item | None, request: ClosureRequest | None,
                             decision: str, reason: str | None, recorded: bool, on: date, today: date) -> str | None:
    """Why this person may not decide on (or record the decision on) this closure request, or None.

    The inspectorate decides: a national person with the inspectorate role. A force's liaison (someone who may review
    the item) may instead record the inspectorate's decision from its letter, dated the letter's day. A return needs
    its reasons; a request is decided once.
    """
    if request is None or item is None:
        return "there is no such closure request"
    if decision not in ("accept", "return"):
        return "a closure decision accepts or returns the request"
    if recorded:
        if review_role(person, item) is None:
            return "only the item's overseer, a reviewer of its force or an administrator can record the decision"
        if not request.requested_on <= on <= today:
            return "the letter is dated between the request and today"
    elif person is None or not person.active or INSPECTORATE not in person.roles or person.force is not None:
        return "only the inspectorate decides on closure; a force records the decision from its letter"
    if request.state != WAITING:
        return f"this closure request is already {request.state}"
    if not item.is_open:
        return "this recommendation is closed already; only the inspectorate can reopen it"
    if decision == "return" and not (reason or "").strip():
        return "say why the request is returned"
    return None


def reopen_refusal(person: Person | None, item: Item | None, reason: str | None) -> str | None:
    """Why this person may not reopen this item, or None: the inspectorate, who decides when an item is closed, on a
    closed item, saying why (a force's own people cannot undo the inspectorate's closure)."""
    if item is None or person is None or not person.active or not in_scope(person, item):
        return "there is no such recommendation in your scope"
    if INSPECTORATE not in person.roles or person.force is not None:
        return "only the inspectorate, which decides when an item is closed, reopens it"
    if item.is_open:
        return "this recommendation is open: there is nothing to reopen"
    if not (reason or "").strip():
        return "say why it is reopened"
    return None


# How an item closes, and who closes it. The inspectorate decides when an inspection item is done: a force asks
# (closure_request_refusal) and the inspectorate accepts (closure_decision_refusal), and only it reopens. Two closings
# say something else happened, and are decided where the decision lies (tracker/workflow/closing.py applies them):
# - risk accepted is the force's own decision, not the inspectorate's: a risk is accepted by whoever owns it (IIA 2600:
#   senior management accepts it, with the board told), and the inspectorate cannot accept a force's risk for it, nor
#   would it sign off as done what was not done. It does not go through the closure request: a reviewer proposes it,
#   the chief officer or the commissioner signs it off, the item's board notes it at a meeting, and it closes apart
#   (counted neither for nor against the force). The inspectorate keeps its say: it sees the item closed apart, grades
#   it at a revisit and may reopen it;
# - carried forward is the inspectorate's decision, made in the newer report that takes the recommendation over, so
#   there is nothing for a force to ask it: the inspectorate records it, or a force's liaison records it from that
#   report (as they record a closure decision from the inspectorate's letter; the newer item, in the tracker, is the
#   record).


@dataclass(frozen=True)
class RiskAcceptance:
    """A proposal to close an item as risk accepted, as the rules need it: its number, the day it was made, whether
    the chief officer or commissioner has signed it off and the board has noted it, its state (waiting | accepted)
    and, accepted, the day it closed the item."""

    seq: int
    proposed_on: date
    signed: bool
    noted: bool
    state: str
    closed_on: date | None = None


RISK_SIGNERS = ("chief officer", "commissioner")  # who may accept a force's risk: IIA 2600's senior management


def risk_proposer_refusal(person: Person | None, item: Item | None) -> str | None:
    """Why this person may not propose (or withdraw) closing this item as risk accepted, or None: someone who may
    review the item (its overseer, a reviewer of its force, an administrator), as for a closure request."""
    if item is None or person is None or not person.active or not in_scope(person, item):
        return "there is no such recommendation in your force"
    if review_role(person, item) is None:
        return ("only the item's overseer, a reviewer of its force or an administrator proposes accepting its risk, or "
                "withdraws that")
    if not item.is_open:
        return CLOSED_ITEM
    return None


def risk_proposal_refusal(person: Person | None, item: Item | None, standing: RiskAcceptance | None,
                          closure_waiting: ClosureRequest | None, reason: str | None) -> str | None:
    """Why this person may not propose closing this open item as risk accepted, or None: a reviewer of it (as
    risk_proposer_refusal), saying why the risk is accepted rather than acted on, once at a time, not while the
    inspectorate is asked to close it as done, and for an item whose board can note it."""
    refusal = risk_proposer_refusal(person, item)
    if refusal:
        return refusal
    if standing is not None and standing.state == WAITING:
        return f"risk acceptance #{standing.seq} is already proposed: it waits for its sign-off and the board's noting"
    if closure_waiting is not None:
        return (f"closure request #{closure_waiting.seq} waits for the inspectorate: an item is either done or its risk "
                "accepted")
    if not item.board:
        return "its board notes a risk acceptance, and this recommendation names no board"
    if not reason:
        return "say why the risk is accepted rather than acted on"
    return None


def risk_withdrawal_refusal(person: Person | None, item: Item | None, standing: RiskAcceptance | None,
                            reason: str | None) -> str | None:
    """Why this person may not withdraw the item's waiting risk acceptance, or None: a reviewer of it, saying why,
    before it is signed off and noted (then it has closed the item, which only the inspectorate reopens)."""
    refusal = risk_proposer_refusal(person, item)
    if refusal:
        return refusal
    if standing is None or standing.state != WAITING:
        return "no risk acceptance waits on this recommendation"
    if not reason:
        return "say why the risk acceptance is withdrawn"
    return None


def sign_off_role(person: Person, item: Item) -> str | None:
    """The role in which a person may record a risk acceptance's sign-off (their review role, or 'commissioner' for
    the item's force area's commissioner), or None."""
    if COMMISSIONER in person.roles and person.force == item.force and review_role(person, item) is None:
        return COMMISSIONER
    return review_role(person, item)


def risk_sign_off_refusal(person: Person | None, item: Item | None, standing: RiskAcceptance | None,
                          signer: str | None, signed_as: str | None, signed_on: date | None, today: date) -> str | None:
    """Why this person may not record the sign-off of the item's waiting risk acceptance, or None: someone who may
    review the item, or its force area's commissioner, recording who signed it (named), as which of the chief officer
    or the commissioner, on a day from the proposal to today; once."""
    if item is None or person is None or not person.active or not in_scope(person, item):
        return "there is no such recommendation in your force"
    if sign_off_role(person, item) is None:
        return ("only the item's overseer, a reviewer of its force, an administrator or its force area's commissioner "
                "can record the sign-off")
    if not item.is_open:
        return CLOSED_ITEM
    if standing is None or standing.state != WAITING:
        return "no risk acceptance waits on this recommendation"
    if standing.signed:
        return f"risk acceptance #{standing.seq} is signed off already"
    if signed_as not in RISK_SIGNERS:
        return "a risk is accepted by the chief officer or the commissioner: say which signed it off"
    if not signer:
        return "name who signed it off"
    if signed_on is None or not standing.proposed_on <= signed_on <= today:
        return "the sign-off is dated between the proposal and today"
    return None


def risk_noting_refusal(person: Person | None, item: Item | None, meeting: Meeting, then: RiskAcceptance | None,
                        now: RiskAcceptance | None) -> str | None:
    """Why the chair (chair_refusal holds first) may not record that the board noted the item's risk acceptance at this
    meeting, or None: an open item of the board whose risk acceptance was proposed by the meeting's day (`then`, as
    of that day) and still waits today (`now`), not yet noted."""
    refusal = board_item_refusal(person, item, meeting)
    if refusal:
        return refusal
    if not item.is_open:
        return CLOSED_ITEM
    if then is None or then.state != WAITING or now is None or now.seq != then.seq or now.state != WAITING:
        return "no risk acceptance proposed by the meeting's day waits for the board to note it"
    if now.noted:
        return f"the board has noted risk acceptance #{now.seq} already"
    return None


def carry_forward_role(person: Person, item: Item) -> str | None:
    """The role in which a person may carry the item forward: 'liaison' for someone who may review it (recording the
    inspectorate's decision from the newer report), else 'inspectorate' for the inspectorate; or None."""
    if review_role(person, item) is not None:
        return "liaison"
    return "inspectorate" if INSPECTORATE in person.roles and person.force is None else None


def carry_forward_refusal(person: Person | None, item: Item | None, other: Item | None, published: date | None,
                          other_published: date | None, other_carried_to: str | None) -> str | None:
    """Why this person may not close this item as carried forward into `other` (the newer item that takes it over), or
    None: the inspectorate, or a force's liaison (someone who may review the item) recording it from the newer report;
    an open item; the newer one exists in their scope, is another item of the same force, was not published before
    it, and is not itself carried forward (name the one that took it over)."""
    if item is None or person is None or not person.active or not in_scope(person, item):
        return "there is no such recommendation in your scope"
    if carry_forward_role(person, item) is None:
        return ("only the inspectorate carries a recommendation forward, or a force's liaison (the item's overseer, a "
                "reviewer of its force or an administrator) records it from the newer report")
    if not item.is_open:
        return CLOSED_ITEM
    if other is None or not in_scope(person, other):
        return "name the newer recommendation that takes it over: there is no such recommendation in your scope"
    if other.key == item.key:
        return "a recommendation is not carried forward into itself"
    if other.force != item.force:
        return f"{other.key} is {other.force}'s: a recommendation is carried forward into one of its own force"
    if published is not None and other_published is not None and other_published < published:
        return f"{other.key} was published before this recommendation: it is carried forward into a newer one"
    if other_carried_to:
        return f"{other.key} is itself carried forward into {other_carried_to}: name that one"
    return None


GRADES = ("achieved", "partially achieved", "not achieved")  # a revisit's follow-up grade, as inspectorates give it


def grade_refusal(person: Person | None, item: Item | None, grade: str | None) -> str | None:
    """Why this person may not record a follow-up grade on this item, or None: the inspectorate, at a revisit, one of
    achieved, partially achieved or not achieved (open or closed, beside its status, which the grade does not change)."""
    if item is None or person is None or not person.active or not in_scope(person, item):
        return "there is no such recommendation in your scope"
    if INSPECTORATE not in person.roles or person.force is not None:
        return "only the inspectorate records a follow-up grade, at its revisit"
    if grade not in GRADES:
        return "a follow-up grade is achieved, partially achieved or not achieved"
    return None


def policy_refusal(person: Person | None, force: str | None, known: bool) -> str | None:
    """Why this person may not set a policy of this force, or None when they may: an administrator, of that force or
    national, for a force the tracker knows."""
    if person is None or not person.active or ADMIN not in person.roles:
        return "only an administrator sets a force's policies"
    if not force or not known:
        return f"there is no force '{force or ''}' in the tracker"
    if person.force is not None and person.force != force:
        return f"you set {person.force}'s policies, not {force}'s"
    return None
