"""A board meeting's agenda: its screens in order, which meeting came before, and the figures each screen shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import pandas as pd

from tracker.analysis.survival import AT_RISK_SHOWN
from tracker.core.boards import Board
from tracker.core.filters import Filters
from tracker.core.policies import REVIEWER_MOVES, board_decides, rag_rules, standing, who_agrees
from tracker.core.rag import Rules
from tracker.core.responses import RESPONSE_DAYS

Query = Callable[..., pd.DataFrame | dict | None]  # (name, filters, **extra parameters) -> rows, or a row (:one)

SCREENS = (
    ("since", "Since last meeting"),
    ("standing", "Where things stand"),
    ("overdue", "Overdue and slipping"),
    ("decide", "For decision"),
    ("extensions", "Extensions requested"),
    ("decided", "Decisions taken"),
    ("responses", "Responses due"),
)
SCREEN_KEYS = tuple(key for key, _ in SCREENS)
TITLES = dict(SCREENS)
NO_PREVIOUS_DAYS = 91  # with no earlier meeting recorded, 'since' is a quarter back
RESPONSES_WITHIN = 28  # days: the statutory responses the board sees, due this soon or overdue
OVERDUE_ROWS = 7
OWNER_ROWS = 8


def step(screen: str | None, delta: int) -> str:
    """The screen `delta` places on from this one, held at the first and last (an unknown one counts as the first)."""
    at = SCREEN_KEYS.index(screen) if screen in SCREEN_KEYS else 0
    return SCREEN_KEYS[min(max(at + delta, 0), len(SCREEN_KEYS) - 1)]


def previous_meeting(held: list[date], on: date) -> date | None:
    """The board's latest recorded meeting before this one's day, or None."""
    earlier = [d for d in held if d < on]
    return max(earlier) if earlier else None


def since_for(previous: date | None, as_of: date) -> date:
    """The first day 'since the last meeting' counts: the previous meeting's own day (its decisions are dated it),
    or a quarter back when none is recorded."""
    return previous if previous is not None else as_of - timedelta(days=NO_PREVIOUS_DAYS)


def split_for(forces: int) -> str:
    """Status by force when the board's items span forces, else by theme."""
    return "force" if forces > 1 else "theme"


@dataclass
class Agenda:
    """Everything one meeting's screens and its pack show."""

    board: Board
    held_on: date  # the meeting's day (today when none is chosen)
    as_of: date  # the date the figures hold for: the meeting's day, or today for a meeting still to come
    meeting: dict | None  # the recorded meeting (meeting_id, chair, chair_name, decisions), or None
    previous: date | None
    since: date
    headline: dict
    changes: list[tuple[str, int]]
    funnel: pd.DataFrame
    split: str
    standing: pd.DataFrame
    owners: pd.DataFrame
    overdue: pd.DataFrame
    for_decision: pd.DataFrame
    extensions: pd.DataFrame  # extension requests waiting (extension_requests), with_who_agrees
    at_risk: pd.DataFrame
    decisions: pd.DataFrame
    previous_decisions: int
    closure_requests: pd.DataFrame  # closure requests made since the previous meeting
    risk_to_note: pd.DataFrame  # risk acceptances proposed by the meeting's day, waiting for the board to note them
    responses: pd.DataFrame  # statutory responses of the board's force area(s) due within 28 days or overdue
    rules: Rules = field(default_factory=Rules)  # each force's RAG rule on the meeting's day

    @property
    def waiting(self) -> int:
        """How many submissions wait for a decision: completions proposed, and extension requests."""
        return len(self.for_decision) + len(self.extensions)

    @property
    def meeting_id(self) -> int | None:
        """The recorded meeting's number, or None."""
        return None if self.meeting is None else int(self.meeting["meeting_id"])


def board_filters(filters: Filters, board: Board, as_of: date) -> Filters:
    """The view's filters narrowed to one board's items as they stood on the meeting's day: a force's board holds that
    force's items whatever forces the view chose (the scope still applies); a national board, the view's forces'."""
    forces = filters.forces if board.force is None else (board.force,)
    return replace(filters, boards=(board.name,), forces=forces, as_of=as_of)


def with_who_agrees(requests: pd.DataFrame, policies: pd.DataFrame) -> pd.DataFrame:
    """Extension requests (extension_requests) with whether only the board may agree each under its force's
    reviewer_moves policy (force_policies' rows): board_only, and who_agrees in words."""
    rows = policies.to_dict("records")
    pairs = [(standing(rows, force, REVIEWER_MOVES), int(moves))
             for force, moves in zip(requests["force"], requests["moves"], strict=True)]
    return requests.assign(board_only=[board_decides(*p) for p in pairs], who_agrees=[who_agrees(*p) for p in pairs])


def board_meeting(query: Query, filters: Filters, board: Board, held_on: date) -> tuple[dict | None, date | None, int]:
    """This meeting as recorded (meeting_id, chair, chair_name, decisions; None when it is not), the day of the board's
    previous recorded meeting (None when there is none), and how many decisions were recorded at that one."""
    meetings = query("board_meetings", filters.only_date(), board=board.name, force=board.force)
    held = [pd.Timestamp(d).date() for d in meetings["held_on"]]
    recorded = meetings[[d == held_on for d in held]]
    previous = previous_meeting(held, held_on)
    before = meetings[[d == previous for d in held]]
    return (recorded.iloc[0].to_dict() if len(recorded) else None, previous,
            int(before.iloc[0]["decisions"]) if len(before) else 0)


def gather_agenda(query: Query, filters: Filters, board: Board, held_on: date, today: date,
                  overdue_rows: int = OVERDUE_ROWS, owner_rows: int = OWNER_ROWS) -> Agenda:
    """Run every query the agenda needs: the board's items under the view's filters, as of the meeting's day (the
    screens show a few rows of each list, the pack more)."""
    as_of = min(held_on, today)
    f = board_filters(filters, board, as_of)
    meeting, previous, previous_decisions = board_meeting(query, filters, board, held_on)
    since = since_for(previous, as_of)
    headline = query("headline", f)
    standing_by = split_for(int(headline["forces"] or 0))
    no_meeting = -1  # no meeting has this number, so its decisions are none
    policies = query("force_policies", f)
    return Agenda(
        board=board, held_on=held_on, as_of=as_of, meeting=meeting, previous=previous, since=since,
        headline=headline,
        changes=[(r.change, int(r.n)) for r in query("meeting_change_counts", f, since=since).itertuples()],
        funnel=query("status_funnel", f),
        split=standing_by,
        standing=query("status_by", f, by=standing_by),
        owners=query("owner_slippage", f, limit=owner_rows),
        overdue=query("overdue_items", f, sort="days_overdue", limit=overdue_rows),
        for_decision=query("for_decision", f),
        extensions=with_who_agrees(query("extension_requests", f), policies),
        at_risk=query("at_risk_items", f, limit=AT_RISK_SHOWN),
        decisions=query("meeting_decisions", f, meeting=meeting["meeting_id"] if meeting else no_meeting),
        previous_decisions=previous_decisions,
        closure_requests=query("closure_since", f, since=since),
        risk_to_note=query("risk_to_note", f),
        # A response answers a report, not a board: every report of the board's force area(s) counts.
        responses=query("responses_soon", replace(f, boards=()), days=RESPONSE_DAYS, within=RESPONSES_WITHIN),
        rules=rag_rules(policies.to_dict("records")),
    )
