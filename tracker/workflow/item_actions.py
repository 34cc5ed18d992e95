"""Applying the actions under a recommendation inside a workflow write: a reviewer or the item's lead adds or changes
one (its title, owner and target), and its owner or a reviewer reports progress on it (a note, open or complete)."""

from __future__ import annotations

from datetime import date

from tracker.people.access import REVIEWER, Person, person_of
from tracker.store import queries
from tracker.store.scratch import tables_copy
from tracker.workflow.events import EventWrite, WorkflowError, add_event
from tracker.workflow.rules import action_refusal, action_update_refusal, note


def owner_of(con: EventWrite, person_id: int | None) -> Person | None:
    """The directory's person with this number, as the write's transaction holds the directory (None: nobody)."""
    if person_id is None:
        return None
    with tables_copy(con.w, ("people",)) as cur:
        row = queries.fetch(cur, "person_by_id", person_id=int(person_id))
    return None if row is None else person_of(row)


def apply_action(con, batch: dict, person: Person, today: date, key: str, number: int | None, title: str | None,
                 owner_id: int | None, target: str | None, reason: str | None = None) -> list[int]:
    """Add an action to the item (number None: it takes the next number) or change action `number` (its title, owner
    and target as they now stand, with why), from today; returns [the event's number, the action's number]."""
    title, reason = note(title), note(reason)
    state = con.state(key, today)
    owner = owner_of(con, owner_id)
    day = date.fromisoformat(target) if target else None
    refusal = action_refusal(person, state.item, number, state.actions, title, owner, day, today)
    if refusal:
        raise WorkflowError(refusal)
    role = REVIEWER if REVIEWER in person.roles else "lead"
    adding, number = number is None, state.next_action if number is None else int(number)
    return [add_event(con, batch, 0, "action", person, role, key, today, state.before,
                      decision="add" if adding else "change", comment=title, target=day,
                      reason=reason, after={"action": number, "owner_id": owner.person_id, "owner": owner.email}),
            number]


def apply_action_update(con, batch: dict, person: Person, today: date, key: str, number: int, status: str | None,
                        comment: str | None) -> list[int]:
    """The action's owner or a reviewer reports progress on it: a note, and whether it is open or complete, from
    today; returns [the event's number]."""
    comment = note(comment)
    state = con.state(key, today)
    action = state.actions.get(int(number))
    refusal = action_update_refusal(person, state.item, action, status, comment)
    if refusal:
        raise WorkflowError(refusal)
    role = "action owner" if person.person_id == action.owner_id else REVIEWER
    return [add_event(con, batch, 0, "action-update", person, role, key, today, state.before, status=status,
                      comment=comment, after={"action": int(number)})]
