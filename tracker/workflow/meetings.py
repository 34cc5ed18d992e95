"""Applying a board meeting, the decisions its chair records and the targets it agrees, inside a workflow write."""

from __future__ import annotations

from datetime import date

from tracker.core import clock
from tracker.people.access import Person, scope_of
from tracker.store.queries import sql_text
from tracker.store.scratch import tables_copy
from tracker.workflow.events import SQL_DIR, EventWrite, WorkflowError, add_event, item_of
from tracker.workflow.progress import decision_events
from tracker.workflow.rules import (
    CLOSED_ITEM,
    Meeting,
    board_force,
    board_item_refusal,
    chair_refusal,
    meeting_refusal,
    target_problem,
)


def meeting_of(con: EventWrite, meeting_id: int) -> Meeting | None:
    """A meeting as this write holds it (whose board it is, by the meeting_boards macro the pages read)."""
    with tables_copy(con.w, ("meetings", "people")) as cur:
        rows = cur.execute(sql_text(SQL_DIR / "meeting_facts.sql"), {"meeting_id": int(meeting_id)}).fetchall()
    return Meeting(*rows[0]) if rows else None


def chaired(con, person: Person, meeting_id: int, today: date) -> Meeting:
    """The meeting, once the rules say this person may record its decisions today."""
    meeting = meeting_of(con, meeting_id)
    refusal = chair_refusal(person, meeting, today)
    if refusal:
        raise WorkflowError(refusal)
    return meeting


BOARD_BATCH = 10  # items read at a time when looking for one that names a board


def names_board(con: EventWrite, board: str, forces: list[str] | None) -> bool:
    """Whether any recommendation of these forces (None: every force) names the board now: the items any version of
    which named it, read a few at a time until one does (as the pages read them, by the write's own copy)."""
    keys = [k for (k,) in con.run("keys_of_board", board=board, forces=forces)]
    for start in range(0, len(keys), BOARD_BATCH):
        with con.scratch(keys[start:start + BOARD_BATCH], lock=False) as cur:
            if cur.execute(sql_text(SQL_DIR / "board_item_count.sql"), {"board": board, "scope": forces}).fetchall()[0][0]:
                return True
    return False


def apply_meeting(con, batch: dict, person: Person, today: date, board: str, held_on: str, force: str | None = None,
                  national: bool = False) -> list[int]:
    """Record a meeting of a board (a force's, or national), chaired by the person recording it; returns [its number]."""
    event_id = f"{batch['id']}:0"
    con.run("lock_boards")
    held = con.run("meeting_of_event", id=event_id)
    if held:  # applied already (its writer died before reading the result)
        return [held[0][0]]
    day = date.fromisoformat(held_on)
    whose, refusal = board_force(person, force, national)
    if refusal:
        raise WorkflowError(refusal)
    scope = scope_of(person) if whose is None else (whose,)
    forces = None if scope is None else list(scope)
    refusal = meeting_refusal(person, 1 if names_board(con, board, forces) else 0, board, day, today)
    if refusal:
        raise WorkflowError(refusal)
    with tables_copy(con.w, ("meetings", "people")) as cur:
        same = cur.execute(sql_text(SQL_DIR / "board_meeting_on.sql"),
                           {"board": board, "force": whose, "day": day}).fetchall()
    if same:
        raise WorkflowError(f"the {board} ({whose or 'national'}) already has a meeting on {day:%d %b %Y} "
                            f"(meeting {same[0][0]})")
    number = con.w.number()
    meeting_id = int(con.run("next_meeting_id")[0][0])
    con.run("add_meeting", meeting_id=meeting_id, board=board, held_on=day, chair_id=person.person_id,
            chair=person.email, made_at=clock.now(), source=batch["source"],
            event_id=event_id, force=whose, national=whose is None, change_no=number)
    return [meeting_id]


def apply_meeting_decide(con, batch: dict, person: Person, today: date, meeting: int, submissions: list[int],
                         decision: str, reason: str | None) -> list[int]:
    """The chair accepts or returns submissions at a meeting: dated the meeting's day, all of them or none."""
    held = chaired(con, person, meeting, today)
    return decision_events(con, batch, person, held.held_on, submissions, decision, reason, meeting=held)


def apply_agree_target(con, batch: dict, person: Person, today: date, meeting: int, key: str, target: str,
                       reason: str) -> list[int]:
    """The chair records a revised target the board agreed for one of its open items, from the meeting's day."""
    held = chaired(con, person, meeting, today)
    item, before = item_of(con, key, held.held_on)
    refusal = board_item_refusal(person, item, held)
    if not refusal and not item.is_open:
        refusal = CLOSED_ITEM
    new = date.fromisoformat(target) if target else None
    refusal = refusal or target_problem(new, reason, held.held_on)
    if refusal:
        raise WorkflowError(f"{key}: {refusal}")
    return [add_event(con, batch, 0, "target", person, "chair", key, held.held_on, before, target=new, reason=reason,
                      decision="agree", after={"target": target}, meeting=held.meeting_id)]
