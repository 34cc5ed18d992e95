"""Setting a force's policy, inside a workflow write, and reading the policies a write's rules follow."""

from __future__ import annotations

from datetime import date

from tracker.core import clock
from tracker.core.filters import Filters
from tracker.core.forces import known_force
from tracker.core.policies import PolicyError, policy_value, standing
from tracker.people.access import Person
from tracker.store import queries
from tracker.store.scratch import tables_copy
from tracker.workflow.events import WorkflowError
from tracker.workflow.rules import note, policy_refusal


def apply_policy(con, batch: dict, person: Person, today: date, force: str, name: str, value: str,
                 reason: str | None) -> list[int]:
    """An administrator sets a force's policy from today, saying why; the value is checked by its policy."""
    # Every item write of the force reads its policies under the facts' shared lock: this waits for them, and they
    # for it, so none decides by a policy that is changing under it.
    con.w.facts(exclusive=True)
    chosen = known_force(force or "", [r[0] for r in con.run("extra_force_names")])
    refusal = policy_refusal(person, chosen or force, chosen is not None)
    if refusal:
        raise WorkflowError(refusal)
    try:
        kept = policy_value(name, value)
    except PolicyError as e:
        raise WorkflowError(str(e)) from None
    con.run("add_force_policy", force=chosen, name=name, value=kept, on_date=today, made_at=clock.now(),
            actor_id=person.person_id, actor=person.email, reason=note(reason), source=batch["source"],
            event_id=f"{batch['id']}:0", change_no=con.w.number())
    return []


def policy_in_write(con, force: str, name: str, today: date) -> str:
    """A force's policy on the day as a write's rules read it: the pages' own query over the write's transaction."""
    with tables_copy(con.w, ["force_policies"]) as cur:
        q = queries.load("force_policies")
        rows = cur.execute(q.sql, Filters(as_of=today, scope=(force,)).params()).fetchall()
        names = [d[0] for d in cur.description]
    return standing([dict(zip(names, r, strict=True)) for r in rows], force, name)
