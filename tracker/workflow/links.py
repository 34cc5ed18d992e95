"""Links an analyst sets between items, never merged or deleted: a recommendation answers a cause of concern, or asks
the same as, follows up, or is superseded by another report's; each link (or unlink) a dated, attributed row."""

from __future__ import annotations

from pathlib import Path

from tracker.core import clock
from tracker.people.access import ADMIN, ANALYST, REVIEWER, Person, scope_of
from tracker.store.database import write
from tracker.store.queries import sql_text
from tracker.workflow.events import EventWrite, WorkflowError
from tracker.workflow.rules import note

SQL_DIR = Path(__file__).resolve().parent.parent / "store" / "sql"
RELATIONS = {"cause_of_concern": "answers the cause of concern", "same_ask": "asks the same as",
             "follows_up": "follows up", "superseded_by": "is superseded by"}
LINKERS = (ANALYST, REVIEWER, ADMIN)


def link_refusal(person: Person | None, relation: str, item: tuple | None, other: tuple | None) -> str | None:
    """Why this person may not link the two items (each (key, force, kind), None when unknown or out of their scope),
    or None when they may: an analyst, reviewer or administrator, two different items they may see; a cause of
    concern's link goes to a cause of concern of the same force, from an item that is not one."""
    if person is None or not person.active or not set(person.roles) & set(LINKERS):
        return "only an analyst, a reviewer or an administrator can link recommendations"
    if relation not in RELATIONS:
        return f"a link is one of {', '.join(RELATIONS)}"
    scope = scope_of(person)
    seen = [x for x in (item, other) if x is not None and (scope is None or x[1] in scope)]
    if item is None or other is None or len(seen) < 2:
        return "there is no such pair of recommendations in your scope"
    if item[0] == other[0]:
        return "a recommendation is not linked to itself"
    if relation == "cause_of_concern":
        if other[2] != "cause of concern":
            return f"{other[0]} is not a cause of concern"
        if item[2] == "cause of concern":
            return "a cause of concern does not answer another"
        if item[1] != other[1]:
            return "a recommendation answers a cause of concern of its own force"
    return None


def link_items(db, person: Person, key: str, other: str, relation: str, reason: str | None = None,
               unlink: bool = False, source: str = "app") -> int:
    """Link `key` to `other` (or take the link back), checked against the rules in one write; its number."""
    return write(db, lambda w: apply_link(EventWrite(w, {"id": "", "source": source}), person, key, other, relation,
                                          reason, unlink, source))


def apply_link(con: EventWrite, person: Person, key: str, other: str, relation: str, reason: str | None,
               unlink: bool, source: str) -> int:
    """A link (or unlink) checked against the rules and appended inside a write; its number."""
    reason = note(reason, 2000)
    with con.scratch([key, other]) as cur:
        found = {k: (k, f, kind) for k, f, kind in cur.execute(sql_text(SQL_DIR / "link_facts.sql"),
                                                                {"key": key, "other": other}).fetchall()}
    refusal = link_refusal(person, relation, found.get(key), found.get(other))
    if refusal:
        raise WorkflowError(refusal)
    number = con.w.number()
    link_no = int(con.run("next_link_no")[0][0])
    con.run("add_item_link", link_no=link_no, key=key, other=other, relation=relation,
            action="unlink" if unlink else "link", made_at=clock.now(),
            actor_id=person.person_id, actor=person.email, role=next(r for r in LINKERS if r in person.roles),
            source=source, reason=reason, change_no=number)
    return link_no
